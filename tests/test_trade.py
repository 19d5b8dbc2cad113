"""The trade chapter's derivations on small frames: the join rule, mirror gaps, goods parts, ranks, peers, prices."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from pakjapan import trade as t

NaN = math.nan
JP, PK = t.JAPAN_TO_PAKISTAN, t.PAKISTAN_TO_JAPAN


# --- small frames in the shapes the upstream loaders return ---------------------------------------


def dots_frame(rows: list[tuple[str, str, str, str, int, float]]) -> pd.DataFrame:
    """(reporter, flow, partner, partner_kind, year, value); partner_name "World" for partner "WLD"."""
    frame = pd.DataFrame(rows, columns=["reporter", "flow", "partner", "partner_kind", "year", "value"])
    frame["basis"] = frame["flow"].map({"exports": "FOB", "imports": "CIF"})
    frame["partner_name"] = frame["partner"].replace({"WLD": "World"})
    frame["partner"] = frame["partner"].where(frame["partner"] != "WLD", None)
    return frame


def customs_frame(rows: list[tuple[str, str, str, int, float]], months: int = 12) -> pd.DataFrame:
    """(flow, partner, goods, year, billion yen), converted at 100 yen per dollar."""
    frame = pd.DataFrame(rows, columns=["flow", "partner", "goods", "year", "value"])
    frame["basis"] = frame["flow"].map({"exports": "FOB", "imports": "CIF"})
    frame["months"] = months
    frame["partial_year"] = frame["months"] < 12
    frame["provisional"] = frame["year"] >= 2025
    frame["rate_per_usd"] = 100.0
    frame["value_musd"] = frame["value"] / 100.0 * 1000
    return frame


# --- small helpers --------------------------------------------------------------------------------


def test_direction_labels_and_refuses_other_pairs() -> None:
    assert t.direction("JPN", "PAK") == JP and t.direction("PAK", "JPN") == PK
    with pytest.raises(ValueError, match="not a Pakistan-Japan flow"):
        t.direction("IND", "PAK")


def test_usd_text_ordinal_and_names_in_a_sentence() -> None:
    assert t.usd_text(1888.8) == "US$1.89 billion"
    assert t.usd_text(245.1) == "US$245 million"
    assert [t.ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 70, 101)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "70th", "101st",
    ]  # fmt: skip
    assert t.in_sentence(["China", "United Arab Emirates", "Qatar"]) == "China, the United Arab Emirates and Qatar"
    assert t.in_sentence(["Philippines"]) == "the Philippines"


# --- rows of one shape, and the join --------------------------------------------------------------


def test_cow_rows_are_each_importers_record() -> None:
    dyadic = pd.DataFrame(
        {
            "year": [1952, 1952, 1952],
            "importer": ["JPN", "PAK", "USA"],
            "exporter": ["PAK", "JPN", "PAK"],
            "imports": [82.0, 112.0, 5.0],
        }
    )
    rows = t.cow_rows(dyadic)
    assert len(rows) == 2  # the USA row is not a Pakistan-Japan flow
    japan = rows[rows["reporter"] == "Japan"].iloc[0]
    assert (japan["direction"], japan["flow"], japan["basis"], japan["value_musd"]) == (PK, "imports", "CIF", 82.0)
    assert set(rows["source"]) == {"cow"} and set(rows["dataset"]) == {"cow"}


def test_cow_import_share_is_the_importers_own_total_and_keeps_gaps() -> None:
    dyadic = pd.DataFrame(
        {
            "year": [1952, 1953, 1954, 1952],
            "importer": ["JPN", "JPN", "JPN", "PAK"],
            "exporter": ["PAK", "PAK", "PAK", "JPN"],
            "imports": [82.0, 108.0, 36.0, 112.0],
        }
    )
    totals = pd.DataFrame(
        {
            "country": ["JPN", "JPN", "JPN", "PAK"],
            "year": [1952, 1953, 1954, 1952],
            "imports": [1950.0, NaN, 0.0, 600.5],
        }
    )
    share = t.cow_import_share(t.cow_rows(dyadic), totals)
    assert share.loc[1952] == pytest.approx(82 / 1950 * 100)
    assert math.isnan(share.loc[1953]) and math.isnan(share.loc[1954])  # no total, or a zero total: missing
    pak = t.cow_import_share(t.cow_rows(dyadic), totals, importer="PAK")
    assert list(pak.index) == [1952] and pak.loc[1952] == pytest.approx(112 / 600.5 * 100)


def test_dots_rows_give_each_flow_its_direction() -> None:
    dots = dots_frame(
        [
            ("JPN", "exports", "PAK", "country", 2000, 604.0),
            ("JPN", "imports", "PAK", "country", 2000, 251.0),
            ("PAK", "exports", "JPN", "country", 2000, 234.0),
            ("PAK", "imports", "JPN", "country", 2000, 607.0),
            ("PAK", "imports", "WLD", "group", 2000, 10000.0),
        ]
    )
    rows = t.dots_rows(dots).set_index(["reporter", "flow"])
    assert len(rows) == 4
    assert rows.loc[("Japan", "exports"), "direction"] == JP
    assert rows.loc[("Japan", "imports"), "direction"] == PK
    assert rows.loc[("Pakistan", "exports"), "direction"] == PK
    assert rows.loc[("Pakistan", "imports"), "basis"] == "CIF"


def test_customs_rows_keep_the_yen_and_the_rate_and_leave_out_partial_years() -> None:
    full = customs_frame(
        [("exports", "PAK", "Grand Total", 2024, 206.0), ("imports", "PAK", "Grand Total", 2024, 36.1)]
    )
    part = customs_frame([("exports", "PAK", "Grand Total", 2026, 57.1)], months=3)
    rows = t.customs_rows(pd.concat([full, part], ignore_index=True))
    assert list(rows["year"]) == [2024, 2024]
    exports = rows[rows["direction"] == JP].iloc[0]
    assert exports["value_yen_bn"] == 206.0 and exports["yen_per_usd"] == 100.0
    assert exports["value_musd"] == pytest.approx(2060.0)
    with pytest.raises(ValueError, match="no full-year customs rows"):
        t.customs_rows(part)


def record_rows(rows: list[tuple[str, str, int, str, float]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["reporter", "direction", "year", "source", "value_musd"])
    frame["flow"], frame["basis"], frame["dataset"] = "imports", "CIF", frame["source"]
    return frame


def test_mark_used_takes_the_first_source_with_a_value_and_keeps_every_row() -> None:
    rows = record_rows(
        [
            ("Japan", PK, 2009, "mof", 235.0),
            ("Japan", PK, 2009, "imf-dots", 236.0),
            ("Japan", PK, 2008, "mof", NaN),  # a missing customs value falls back to the IMF's
            ("Japan", PK, 2008, "imf-dots", 432.0),
            ("Japan", PK, 1959, "cow", 32.0),
            ("Japan", PK, 1959, "sbp", 40.0),  # a source outside the order is never used
        ]
    )
    marked = t.mark_used(rows)
    assert len(marked) == len(rows)
    used = marked[marked["used"]].set_index("year")["source"].to_dict()
    assert used == {2009: "mof", 2008: "imf-dots", 1959: "cow"}
    assert list(t.line(marked, "Japan")["year"]) == [1959, 2008, 2009]


def test_mark_used_refuses_two_rows_of_one_source_for_a_year() -> None:
    rows = record_rows([("Japan", PK, 2009, "mof", 1.0), ("Japan", PK, 2009, "mof", 2.0)])
    with pytest.raises(ValueError, match="two rows of the same source"):
        t.mark_used(rows)


def test_overlap_ratio_and_the_run_to_the_last_year() -> None:
    rows = record_rows(
        [
            ("Japan", PK, 2009, "mof", 101.0),
            ("Japan", PK, 2009, "imf-dots", 100.0),
            ("Japan", PK, 2010, "imf-dots", 50.0),
        ]
    )
    both = t.overlap(rows, "Japan", "imf-dots", "mof")
    assert list(both["year"]) == [2009] and both["rel_diff"].iloc[0] == pytest.approx(0.01)
    with pytest.raises(KeyError):
        t.overlap(rows, "Japan", "imf-dots", "cow")
    line = pd.DataFrame(
        {"year": [1, 1, 2, 2, 3], "direction": [JP, PK, JP, PK, JP], "value_musd": [4.0, 2.0, 9.0, 3.0, 5.0]}
    )
    assert t.ratio_since(line, JP, PK).set_index("year")["ratio"].to_dict() == {1: 2.0, 2: 3.0}
    flags = pd.Series([True, False, True, True], index=[1971, 1972, 1973, 1974])
    assert t.first_year_of_run(flags) == 1973
    assert t.first_year_of_run(pd.Series([True, True], index=[1, 2])) == 1
    assert t.first_year_of_run(pd.Series([True, False], index=[1, 2])) is None


# --- mirror statistics ----------------------------------------------------------------------------


def test_band_is_the_factor_plus_or_minus_the_allowance() -> None:
    assert t.band(1.06, 0.10) == pytest.approx((0.96, 1.16))
    with pytest.raises(ValueError):
        t.band(0, 0.1)


def test_mirror_sets_the_importers_record_beside_the_exporters() -> None:
    dots = dots_frame(
        [
            ("JPN", "imports", "PAK", "country", 2010, 355.0),
            ("PAK", "exports", "JPN", "country", 2010, 123.4),
            ("JPN", "imports", "PAK", "country", 1990, 110.0),
            ("PAK", "exports", "JPN", "country", 1990, 100.0),
            ("JPN", "exports", "PAK", "country", 1990, 100.0),
            ("PAK", "imports", "JPN", "country", 1990, NaN),  # one side missing: no mirror that year
        ]
    )
    mirror = t.mirror(t.dots_rows(dots)).set_index(["direction", "year"])
    assert list(mirror.index) == [(PK, 1990), (PK, 2010)]
    assert mirror.loc[(PK, 1990), "ratio_pct"] == pytest.approx(110.0)
    assert mirror.loc[(PK, 1990), "gap_musd"] == pytest.approx(10.0)
    assert not mirror.loc[(PK, 1990), "outside"]
    assert mirror.loc[(PK, 2010), "gap_pct"] == pytest.approx(355 / 123.4 * 100 - 100)
    assert mirror.loc[(PK, 2010), "outside"]


# --- goods ----------------------------------------------------------------------------------------


GOODS = [
    ("exports", "PAK", "Grand Total", 2009, 100.0),
    ("exports", "PAK", "Transport Equipment", 2009, 40.0),
    ("exports", "PAK", "(Car)", 2009, 6.0),
    ("exports", "PAK", "Iron And Steel Products", 2009, 9.0),
    ("exports", "PAK", "Grand Total", 2025, 200.0),
    ("exports", "PAK", "Transport Equipment", 2025, 110.0),
    ("exports", "PAK", "(Car)", 2025, 74.0),
    ("exports", "PAK", "Iron And Steel Products", 2025, 32.0),
]


def test_goods_parts_share_the_total_and_keep_the_rest() -> None:
    parts = t.goods_parts(customs_frame(GOODS), "exports", {"Cars": ["(Car)"], "Steel": ["Iron And Steel Products"]})
    wide = parts.pivot(index="year", columns="part", values="share_pct")
    assert wide.loc[2009].to_dict() == pytest.approx({"Cars": 6.0, "Steel": 9.0, "Other goods": 85.0})
    assert wide.loc[2025, "Cars"] == pytest.approx(37.0)
    assert list(dict.fromkeys(parts["part"])) == ["Cars", "Steel", "Other goods"]
    assert parts.groupby("year")["share_pct"].sum().to_dict() == pytest.approx({2009: 100.0, 2025: 100.0})


def test_goods_parts_refuse_overlaps_missing_groups_and_short_years() -> None:
    customs = customs_frame(GOODS)
    with pytest.raises(ValueError, match="named in two parts"):
        t.goods_parts(customs, "exports", {"A": ["(Car)"], "B": ["(Car)"]})
    with pytest.raises(KeyError, match="Fish"):
        t.goods_parts(customs, "exports", {"Fish": ["Fish"]})
    short = customs.copy()
    short.loc[short["goods"] == "(Car)", "months"] = 9  # a group redrawn in April 2017
    with pytest.raises(ValueError, match="fewer than twelve months"):
        t.goods_parts(short, "exports", {"Cars": ["(Car)"]})


def test_goods_parts_overlap_is_caught_when_the_parts_exceed_the_total() -> None:
    customs = customs_frame(GOODS)
    with pytest.raises(ValueError, match="two parts overlap"):
        t.goods_parts(
            customs,
            "exports",
            {"Vehicles": ["Transport Equipment"], "Cars": ["(Car)"], "Steel": ["Iron And Steel Products"]},
        )


# --- shares and ranks -----------------------------------------------------------------------------


def test_partner_table_ranks_countries_only_with_ties_sharing() -> None:
    dots = dots_frame(
        [
            ("PAK", "imports", "WLD", "group", 1986, 1000.0),
            ("PAK", "imports", "JPN", "country", 1986, 160.0),
            ("PAK", "imports", "USA", "country", 1986, 160.0),
            ("PAK", "imports", "CHN", "country", 1986, 50.0),
            ("PAK", "imports", "EUR", "group", 1986, 400.0),  # a group is a subtotal, never ranked
            ("PAK", "imports", "SAU", "country", 1986, NaN),  # no figure: not ranked
        ]
    )
    dots.loc[dots["partner"] == "EUR", "partner"] = None
    table = t.partner_table(dots, "PAK", "imports")
    assert set(table["partner"]) == {"JPN", "USA", "CHN"}
    assert table.set_index("partner")["rank"].to_dict() == {"JPN": 1, "USA": 1, "CHN": 3}
    japan = t.standing(table, "JPN").iloc[0]
    assert japan["share_pct"] == pytest.approx(16.0) and japan["n_partners"] == 3 and japan["ahead"] == ""
    china = t.standing(table, "CHN").iloc[0]
    assert china["ahead"] == "JPN, USA"


def sbp_frame(rows: list[tuple[str, str, str, str, float]], period: str = "FY25") -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["flow", "country_name", "partner", "partner_kind", "value"])
    frame["period"], frame["fiscal_year"], frame["months"], frame["status"] = period, 2025, 12, "revised"
    return frame


def test_sbp_standing_adds_the_emirates_and_checks_line_one() -> None:
    rows = [
        ("imports", "China", "CHN", "country", 16000.0),
        ("imports", "Dubai", "ARE", "country", 5000.0),
        ("imports", "Abu Dhabi", "ARE", "country", 3000.0),
        ("imports", "Japan", "JPN", "country", 1200.0),
        ("imports", "Other Countries", None, "other", 800.0),
        ("imports", "I. Import Payments Through Banks", None, "aggregate", 26000.0),
        ("imports", "II. Freight", None, "aggregate", 900.0),
    ]
    japan = t.sbp_standing(sbp_frame(rows)).iloc[0]
    assert (japan["rank"], japan["n_partners"]) == (3, 3)  # the UAE's emirates count as one partner
    assert japan["value_musd"] == pytest.approx(1.2) and japan["total_musd"] == pytest.approx(26.0)
    assert japan["share_pct"] == pytest.approx(1200 / 26000 * 100)
    broken = rows[:-2] + [("imports", "I. Import Payments Through Banks", None, "aggregate", 99.0)]
    with pytest.raises(ValueError, match="do not add up"):
        t.sbp_standing(sbp_frame(broken))


# --- peers ----------------------------------------------------------------------------------------


def test_suppliers_switch_to_customs_from_2009_only_where_customs_has_the_country() -> None:
    dots = dots_frame(
        [
            ("JPN", "imports", "PAK", "country", 2008, 432.0),
            ("JPN", "imports", "PAK", "country", 2009, 236.0),
            ("JPN", "imports", "BGD", "country", 2008, 201.0),
            ("JPN", "imports", "BGD", "country", 2009, 250.0),
        ]
    )
    dots["partner_name"] = dots["partner"].map({"PAK": "Pakistan", "BGD": "Bangladesh"})
    customs = customs_frame(
        [("imports", "PAK", "Grand Total", 2009, 22.0), ("imports", "PAK", "Grand Total", 2010, 31.0)]
    )
    rows = t.suppliers(dots, customs, ["PAK", "BGD"]).set_index(["partner", "year"])
    assert rows["source"].to_dict() == {
        ("BGD", 2008): "imf-dots",
        ("BGD", 2009): "imf-dots",
        ("PAK", 2008): "imf-dots",
        ("PAK", 2009): "mof",
        ("PAK", 2010): "mof",
    }
    assert rows.loc[("PAK", 2009), "value_musd"] == pytest.approx(220.0)


# --- prices ---------------------------------------------------------------------------------------


def test_deflate_keeps_missing_years_missing() -> None:
    values = pd.Series([100.0, 100.0, 100.0], index=[1991, 2021, 2024])
    index = pd.Series([50.0, 100.0], index=[1991, 2021])
    out = t.deflate(values, index, 2021)
    assert out[1991] == pytest.approx(200.0) and out[2021] == pytest.approx(100.0)
    assert np.isnan(out[2024])  # the index ends in 2021: nothing is carried forward
    with pytest.raises(KeyError, match="2024"):
        t.deflate(values, index, 2024)


def test_window_ratio_needs_every_year() -> None:
    series = pd.Series([1.0, 3.0, 4.0, 6.0], index=[1989, 1990, 2017, 2018])
    assert t.window_ratio(series, (2017, 2018), (1989, 1990)) == pytest.approx(2.5)
    with pytest.raises(ValueError, match="2019"):
        t.window_ratio(series, (2017, 2019), (1989, 1990))


def test_real_terms_uses_each_index_on_its_own_unit() -> None:
    line = pd.DataFrame(
        {
            "year": [1991, 2009],
            "direction": [JP, JP],
            "value_musd": [1000.0, 2000.0],
            "source": ["imf-dots", "mof"],
            "value_yen_bn": [NaN, 190.0],
        }
    )
    rates = pd.DataFrame({"year": [1991, 2009], "per_usd": [130.0, 95.0]})
    cpi = pd.Series([100.0, 200.0], index=[1991, 2009])
    dac = pd.Series([50.0, 100.0], index=[1991, 2009])
    gdp = pd.Series([100.0, 95.0], index=[1991, 2009])
    real = t.real_terms(line, rates, cpi, dac, gdp, cpi_base=2009).set_index(["measure", "year"])["value"]
    assert real[("current", 2009)] == 2000.0
    assert real[("us-cpi", 1991)] == pytest.approx(2000.0)  # 1991 dollars in 2009 prices
    assert real[("dac", 1991)] == pytest.approx(2000.0) and real[("dac", 2009)] == pytest.approx(2000.0)
    assert real[("yen-gdp", 1991)] == pytest.approx(1000 * 130 / 1000)  # billion yen from the FRED rate
    assert real[("yen-gdp", 2009)] == pytest.approx(200.0)  # the customs yen itself, not dollars times a rate
