"""The investment chapter's arithmetic: ranking investors, Pakistan's yearly totals, Japan's shares."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from pakjapan import evidence, investment, reconcile

CODES = pd.DataFrame(
    {
        "name": ["China", "Japan", "Hongkong", "Norway", "Others"],
        "english": ["", "", "Hong Kong", pd.NA, ""],
    }
)


def country_table() -> pd.DataFrame:
    """A small country table in the loader's shape: four countries, a group, the two total lines."""
    names = ["China", "Japan", "Hongkong", "Norway", "Others", "I- Foreign Private", "Total"]
    kinds = ["country", "country", "country", "country", "group", "aggregate", "aggregate"]
    net = [100.0, 20.0, 20.0, -30.0, 500.0, 610.0, 610.0]
    cells = [("fdi_net", "Jul-Mar FY26", 1.0), ("fdi_net", "Jul-Mar FY25", 0.5), ("fdi_inflow", "Jul-Mar FY26", 0.0)]
    rows = [
        {"country_name": n, "partner_kind": k, "partner": n[:3].upper(), "measure": m, "period": p, "value": v * scale}
        for n, k, v in zip(names, kinds, net, strict=True)
        for m, p, scale in cells
    ]
    frame = pd.DataFrame(rows)
    return frame.assign(months=9, status="provisional", unit="million US$")


def test_sbp_period_names_the_year_the_fiscal_year_ends() -> None:
    assert investment.sbp_period("FY2013-14") == "FY14"
    assert investment.sbp_period("FY2018-19 (Jul-Apr)") == "FY19"
    assert investment.sbp_period("FY1999-00") == "FY00"
    for bad in ("FY2013-15", "2013-14", "FY14"):
        with pytest.raises(ValueError, match="is not a Pakistani fiscal year"):
            investment.sbp_period(bad)


def test_compiler_is_the_body_not_the_outlet() -> None:
    assert investment.compiler("State Bank of Pakistan (via Roznama 92 / Online)") == "State Bank of Pakistan"
    assert investment.compiler("Board of Investment Pakistan (via APP Urdu)") == "Board of Investment"
    assert investment.compiler("Ambassador of Japan Takashi Kurai (via APP)") == "Japanese embassy or ambassador"
    assert investment.compiler("Embassy of Japan website (cited in clarification)") == "Japanese embassy or ambassador"
    with pytest.raises(ValueError, match="no compiler rule covers 'Zameen News'"):
        investment.compiler("Zameen News")


def test_investors_ranks_countries_only_against_the_tables_total() -> None:
    ranked = investment.investors(country_table(), "Jul-Mar FY26", CODES)
    assert list(ranked["country"]) == ["China", "Hong Kong", "Japan", "Norway"]  # no group, no total lines
    assert list(ranked["rank"]) == [1, 2, 2, 4]  # a tie shares the better place
    assert ranked.loc[ranked["country"] == "Japan", "share"].iloc[0] == pytest.approx(20 / 610 * 100)
    assert ranked["share"].iloc[-1] < 0  # a net outflow keeps its sign
    assert set(ranked["dataset"]) == {"sbp"}
    assert investment.total(country_table(), "Jul-Mar FY25") == 305.0


def test_investors_refuses_what_it_cannot_rank() -> None:
    with pytest.raises(LookupError, match="no country rows"):
        investment.investors(country_table(), "Mar FY26", CODES)
    table = country_table()
    with pytest.raises(LookupError, match="expected one 'Total' row"):
        investment.investors(table[table["country_name"] != "Total"], "Jul-Mar FY26", CODES)
    with pytest.raises(KeyError, match="no row in the country table"):
        investment.investors(table, "Jul-Mar FY26", CODES[CODES["name"] != "Norway"])


def test_direct_investment_keeps_full_years_of_the_three_lines() -> None:
    measures = list(investment.DIRECT.values()) + ["Total Foreign Investment"]
    summary = pd.DataFrame(
        [
            {
                "measure": m,
                "period": p,
                "fiscal_year": fy,
                "months": mo,
                "value": v,
                "status": "",
                "unit": "million US$",
            }
            for m in measures
            for p, fy, mo, v in [("FY24", 2024, 12, 10.0), ("FY25", 2025, 12, 20.0), ("Jul-Mar FY26", 2026, 9, 5.0)]
        ]
    )
    lines = investment.direct_investment(summary)
    assert set(lines["flow"]) == {"inflow", "outflow", "net"}
    assert set(lines["period"]) == {"FY24", "FY25"}  # the part year is not joined to the line
    assert len(lines) == 6
    with pytest.raises(KeyError, match="lacks the line"):
        investment.direct_investment(summary[summary["measure"] != investment.DIRECT["net"]])


def test_against_totals_prefers_the_same_release() -> None:
    japan = pd.DataFrame(
        {
            "value": [30.0, 182.0, 134.0],
            "fiscal_year": ["FY14", "FY23", "FY23"],
            "months": [12, 12, 7],
            "total": [float("nan"), 1437.7, 683.5],
        }
    )
    shares = investment.against_totals(japan, {"FY14": 1500.0, "FY23": 1627.0})
    assert list(shares["total_from"]) == ["State Bank summary", "same release", "same release"]
    assert shares["share"].iloc[0] == pytest.approx(2.0)
    assert shares["share"].iloc[1] == pytest.approx(182 / 1437.7 * 100)  # not the later, revised summary
    with pytest.raises(ValueError, match="part-year figures without a total"):
        investment.against_totals(japan.assign(total=float("nan")), {"FY14": 1500.0, "FY23": 1627.0})
    with pytest.raises(KeyError, match="no summary total for fiscal year"):
        investment.against_totals(japan, {"FY23": 1627.0})


def test_share_after_is_the_rest_of_the_year() -> None:
    assert investment.share_after(134, 683.5, 183, 1456) == pytest.approx(49 / 772.5 * 100)
    assert math.isclose(investment.share_after(0, 0, 10, 100), 10.0)
    with pytest.raises(ValueError, match="does not exceed"):
        investment.share_after(10, 100, 20, 100)


def test_sum_range_takes_each_years_smallest_then_largest_figure() -> None:
    figures = pd.DataFrame(
        {"fiscal_year": ["FY16", "FY16", "FY17", "FY23", "FY23"], "value": [35.4, 74, 57.7, 182, 183]}
    )
    assert investment.sum_range(figures) == pytest.approx((35.4 + 57.7 + 182, 74 + 57.7 + 183))
    one_each = figures.drop_duplicates("fiscal_year")
    low, high = investment.sum_range(one_each)
    assert low == high == pytest.approx(35.4 + 57.7 + 182)
    with pytest.raises(ValueError, match="missing values for fiscal year"):
        investment.sum_range(figures.assign(value=[35.4, None, 57.7, 182, 183]))
    with pytest.raises(ValueError, match="no figures"):
        investment.sum_range(figures.iloc[:0])


def test_the_fy2022_23_figures_of_the_board_and_the_embassy_are_one_record() -> None:
    """The Board of Investment's $183M and the embassy's $182M are the State Bank's figures for
    July-June 2023, republished (WEB-014, WEB-010): they agree, and confirm nothing."""
    frame = evidence.rows(["REF-104", "REF-103"])
    assert frame["record"].nunique() == 1
    assert reconcile.agree(frame)
    assert evidence.confidence("fdi-fy2022-23") == "single source"
    bank = evidence.rows(["WEB-014", "WEB-010"]).set_index("id")
    assert set(bank["authority"]) == {"official statistics"}
    assert bank.loc["WEB-014", "value"] == frame.set_index("id").loc["REF-104", "value"]
    assert bank.loc["WEB-010", "value"] == frame.set_index("id").loc["REF-103", "value"]


@pytest.mark.needs_upstream
def test_on_the_state_banks_files() -> None:
    """Spot values of the bank's record the chapter's sentences rest on."""
    from pakjapan.upstream import countries, sbp

    fdi = sbp.fdi_by_country()
    ranked = investment.investors(fdi, "Jul-Mar FY26", countries.table("sbp"))
    japan = ranked.set_index("country").loc["Japan"]
    assert (round(japan["value"], 1), japan["rank"]) == (66.1, 8)  # the file holds unrounded values
    assert ranked["country"].iloc[0] == "China"
    lines = investment.direct_investment(sbp.fdi_summary())
    net = lines[lines["flow"] == "net"].set_index("period")["value"]
    assert len(net) == 17 and round(net["FY09"], 1) == 3719.9 and round(net["FY12"], 1) == 820.6
