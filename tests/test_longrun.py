"""Long-run derivations on small frames built here: arithmetic, gaps kept, the 1971 break, labels."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from pakjapan import longrun as lr

NaN = math.nan


def dyad(rows: list[tuple[int, str, str, float, float]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["year", "importer", "exporter", "imports_musd", "imports_smoothed_musd"])
    frame["importer_cow"] = 0
    frame["exporter_cow"] = 0
    return frame


def tots(rows: list[tuple[int, str, float, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["year", "country", "imports_musd", "exports_musd"])


def macro(rows: list[tuple[int, str, str, str, float]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["year", "country", "indicator", "series", "value"])
    frame["unit"] = "u"
    return frame


D = dyad(
    [
        (1970, "PAK", "JPN", 100, 100),
        (1971, "PAK", "JPN", NaN, 90),
        (1972, "PAK", "JPN", 50, 50),
        (1970, "JPN", "PAK", 40, 40),
        (1971, "JPN", "PAK", 30, 30),
        (1972, "JPN", "PAK", 20, 20),
        (1970, "PAK", "USA", 200, 200),
        (1971, "PAK", "USA", 10, 10),
        (1972, "PAK", "USA", 10, 10),
        (1970, "PAK", "GBR", 50, 50),
        (1972, "PAK", "GBR", 70, 70),
        (1970, "JPN", "BGD", NaN, NaN),
        (1972, "JPN", "BGD", 5, 5),
    ]
)
T = tots(
    [
        (1970, "PAK", 1000, 500),
        (1971, "PAK", 800, NaN),
        (1972, "PAK", 500, 400),
        (1970, "JPN", 10000, 8000),
        (1971, "JPN", 0, 9000),
        (1972, "JPN", 20000, 16000),
    ]
)


def test_flows_are_importer_reported_with_the_1971_break() -> None:
    f = lr.flows(D, ["PAK"], ["JPN"])
    assert f["musd"].tolist()[0] == 100 and math.isnan(f["musd"].tolist()[1])  # the gap stays a gap
    assert set(f["measure"]) == {lr.MEASURE_REPORTED}
    assert f["period"].tolist() == [lr.PERIOD_BEFORE, lr.PERIOD_BEFORE, lr.PERIOD_AFTER]
    assert f["includes_east_pakistan"].tolist() == [True, True, False]
    other = lr.flows(D, ["JPN"], ["BGD"])
    assert not other["includes_east_pakistan"].any()  # only rows involving PAK carry the flag


def test_smoothed_only_when_asked_and_labelled() -> None:
    f = lr.flows(D, ["PAK"], ["JPN"], smoothed=True)
    assert f["musd"].tolist() == [100, 90, 50]
    assert set(f["measure"]) == {lr.MEASURE_SMOOTHED}


def test_bilateral_labels_both_directions() -> None:
    b = lr.bilateral(D)
    assert sorted(b["direction"].unique()) == ["Japan's imports from Pakistan", "Pakistan's imports from Japan"]
    assert len(b) == 6


def test_constant_dollars_use_the_base_year_index_and_keep_gaps() -> None:
    cpi = pd.Series({1970: 50.0, 1971: 80.0, 2024: 200.0})
    f = lr.to_constant(lr.flows(D, ["PAK"], ["JPN"]), cpi)
    assert f["musd_2024"].tolist()[0] == pytest.approx(400.0)
    assert math.isnan(f["musd_2024"].tolist()[1])  # no flow
    assert math.isnan(f["musd_2024"].tolist()[2])  # no CPI for 1972
    with pytest.raises(KeyError, match="base year 2024"):
        lr.to_constant(f, pd.Series({1970: 50.0}))


def test_cpi_reads_the_named_series() -> None:
    m = macro([(2024, "USA", "cpi", lr.CPI_SERIES, 313.7), (2024, "USA", "cpi", "other", 1.0)])
    assert lr.cpi(m).to_dict() == {2024: 313.7}
    with pytest.raises(KeyError, match="no 'gdp' for PAK"):
        lr.gdp(m, "PAK")


def test_shares_divide_by_the_right_total_and_keep_gaps() -> None:
    s = lr.share(D, T, "PAK", "JPN", "imports").set_index("year")
    assert s.loc[1970, "share_pct"] == pytest.approx(10.0)
    assert math.isnan(s.loc[1971, "share_pct"])  # flow missing
    assert s.loc[1972, "share_pct"] == pytest.approx(10.0)
    assert s["consistent_reporter"].all()
    e = lr.share(D, T, "JPN", "PAK", "exports").set_index("year")  # Japan's record over Pakistan's exports
    assert e.loc[1970, "share_pct"] == pytest.approx(8.0)
    assert math.isnan(e.loc[1971, "share_pct"])  # total missing
    assert not e["consistent_reporter"].any()
    j = lr.share(D, T, "JPN", "PAK", "imports").set_index("year")
    assert math.isnan(j.loc[1971, "share_pct"])  # zero total: undefined, not infinite


def test_share_refuses_duplicate_totals() -> None:
    dup = pd.concat([T, tots([(1970, "PAK", NaN, NaN)])], ignore_index=True)
    with pytest.raises(ValueError, match="more than one row for PAK in 1970"):
        lr.share(D, dup, "PAK", "JPN", "imports")


def test_four_shares_are_labelled() -> None:
    s = lr.japan_pakistan_shares(D, T)
    assert sorted(s["measure_name"].unique()) == [
        "Japan's share of Pakistan's exports",
        "Japan's share of Pakistan's imports",
        "Pakistan's share of Japan's exports",
        "Pakistan's share of Japan's imports",
    ]
    row = s[(s["measure_name"] == "Pakistan's share of Japan's exports") & (s["year"] == 1972)]
    assert row["share_pct"].item() == pytest.approx(100 * 50 / 16000)


def test_partner_rank_by_decade_average_over_reported_years() -> None:
    r = lr.partner_rank(D, "PAK", "imports")
    # 1970s: USA mean (200+10+10)/3=73.3, JPN (100+50)/2=75 (1971 missing), GBR 60
    got = r.set_index("partner")[["mean_musd", "n_years", "rank"]].to_dict("index")
    assert got["JPN"] == {"mean_musd": 75.0, "n_years": 2, "rank": 1}
    assert got["USA"]["rank"] == 2 and got["GBR"]["rank"] == 3
    assert set(r["n_partners"]) == {3}
    x = lr.partner_rank(D, "PAK", "exports")  # partners' imports from Pakistan
    assert x["partner"].tolist() == ["JPN"]
    with pytest.raises(ValueError):
        lr.partner_rank(D, "PAK", "both")


def test_two_way_order_adds_both_records_and_leaves_out_one_way_partners() -> None:
    # 1970-72: JPN (100+50)/2 + (40+30+20)/3 = 105; USA and GBR have no record of imports from PAK.
    assert lr.two_way_order(D, 1970, 1979) == ["JPN"]
    usa = dyad([(1970, "USA", "PAK", 60, 60), (1971, "USA", "PAK", 0, 0), (1972, "USA", "PAK", 0, 0)])
    # USA over 1970-79: (200+10+10)/3 + 60/3 = 93.3, below Japan's 105; in 1970 alone 200 + 60 = 260
    # against Japan's 100 + 40 = 140.
    assert lr.two_way_order(pd.concat([D, usa]), 1970, 1979) == ["JPN", "USA"]
    assert lr.two_way_order(pd.concat([D, usa]), 1970, 1970) == ["USA", "JPN"]


def test_suppliers_to_japan_and_their_shares() -> None:
    s = lr.suppliers_to(D)
    assert sorted(s["exporter"].unique()) == ["BGD", "PAK"]
    sh = lr.supplier_share(D, T)
    bgd = sh[(sh["exporter"] == "BGD")].set_index("year")
    assert math.isnan(bgd.loc[1970, "share_pct"]) and bgd.loc[1972, "share_pct"] == pytest.approx(0.025)


def test_trade_to_gdp_needs_both_directions_and_flags_the_break() -> None:
    m = macro(
        [
            (1970, "PAK", "gdp", lr.GDP_SERIES, 10e9),
            (1971, "PAK", "gdp", lr.GDP_SERIES, 10e9),
            (1972, "PAK", "gdp", lr.GDP_SERIES, 7e9),
            (1970, "JPN", "gdp", lr.GDP_SERIES, 200e9),
            (1972, "JPN", "gdp", lr.GDP_SERIES, 300e9),
        ]
    )
    t = lr.trade_to_gdp(D, m).set_index(["country", "year"])
    assert t.loc[("PAK", 1970), "trade_pct_gdp"] == pytest.approx(1.4)
    assert math.isnan(t.loc[("PAK", 1971), "trade_pct_gdp"])  # one direction missing
    assert t.loc[("JPN", 1972), "trade_pct_gdp"] == pytest.approx(100 * 70 / 300e3)
    assert math.isnan(t.loc[("JPN", 1971), "trade_pct_gdp"])  # GDP missing
    assert t.loc[("JPN", 1970), "includes_east_pakistan"] and not t.loc[("PAK", 1972), "includes_east_pakistan"]


RATES = pd.DataFrame(
    {
        "year": [1971, 1972, 1972],
        "country": ["JPN", "JPN", "JPN"],
        "per_usd": [350.0, 300.0, 310.0],
        "series": [lr.FX_FRED, lr.FX_FRED, lr.FX_PWT],
    }
)


def test_yen_at_the_rate_of_its_year_from_one_named_series() -> None:
    aid = pd.DataFrame({"year": [1970, 1972], "yen": [3.0e9, 3.0e9]})
    out = lr.yen_to_usd(aid, RATES, "yen")
    assert math.isnan(out["usd"].iloc[0])  # FRED starts 1971: no silent fallback to another series
    assert out["usd"].iloc[1] == pytest.approx(1.0e7)
    assert set(out["fx_series"]) == {lr.FX_FRED}
    assert lr.yen_to_usd(aid, RATES, "yen", series=lr.FX_PWT)["usd"].iloc[1] == pytest.approx(3.0e9 / 310)
    with pytest.raises(KeyError, match="no exchange-rate series 'x'"):
        lr.yen_to_usd(aid, RATES, "yen", series="x")


def test_aid_in_constant_dollars_with_the_dac_deflator() -> None:
    m = macro([(1990, "JPN", "dac_deflator", lr.DAC_SERIES, 50.0), (2022, "JPN", "dac_deflator", lr.DAC_SERIES, 100.0)])
    aid = pd.DataFrame({"year": [1990, 2022, 1950], "usd": [10.0, 10.0, 10.0]})
    out = lr.aid_to_constant(aid, m)
    assert out["usd_2022"].tolist()[:2] == [20.0, 10.0]
    assert math.isnan(out["usd_2022"].iloc[2])


def test_gdp_per_head_and_population_pick_their_series() -> None:
    m = macro(
        [
            (1950, "PAK", "gdp_per_capita", lr.MADDISON_SERIES, 1258.0),
            (1950, "PAK", "gdp_per_capita", "other", 1.0),
            (1960, "PAK", "population", lr.POP_SERIES, 4.5e7),
        ]
    )
    g = lr.gdp_per_head(m, ["PAK"])
    assert g["value"].tolist() == [1258.0] and g["country_name"].tolist() == ["Pakistan"]
    assert lr.population(m)["value"].tolist() == [4.5e7]


def test_by_decade_summarises_only_years_with_values() -> None:
    f = pd.DataFrame({"year": [1948, 1949, 1950, 1951, 1959, 1960], "v": [1.0, 3.0, 2.0, NaN, 6.0, 5.0]})
    s = lr.by_decade(f, "v")
    assert s["decade"].tolist() == ["1940s", "1950s", "1960s"]
    assert s["years"].tolist() == ["1948–1949", "1950–1959", "1960–1960"]
    assert s["n_years"].tolist() == [2, 2, 1]
    assert s["mean"].tolist() == [2.0, 4.0, 5.0]
    assert s["max"].tolist() == [3.0, 6.0, 5.0]


def test_peak_and_coverage() -> None:
    f = pd.DataFrame({"year": [1990, 1991, 1992, 1994], "g": ["a"] * 4, "v": [5.0, 7.0, 7.0, NaN]})
    p = lr.peak(f, "v", ["g"])
    assert p[["year", "v"]].values.tolist() == [[1991, 7.0]]  # ties keep the earliest year
    assert lr.peak(f, "v", lowest=True)["year"].item() == 1990
    c = lr.coverage(f, "v", ["g"]).iloc[0]
    assert (c["first"], c["last"], c["n_years"], c["missing_years"]) == (1990, 1992, 3, "")
    f2 = pd.DataFrame({"year": [1990, 1993], "v": [1.0, 2.0]})
    assert lr.coverage(f2, "v").iloc[0]["missing_years"] == "1991, 1992"


def test_value_in_for_glue() -> None:
    f = pd.DataFrame({"year": [1990, 1990], "g": ["a", "b"], "v": [1.0, np.nan]})
    assert lr.value_in(f, 1990, "v", g="a") == 1.0
    assert math.isnan(lr.value_in(f, 1990, "v", g="b"))
    with pytest.raises(KeyError, match="found 2"):
        lr.value_in(f, 1990, "v")


def test_period_and_decade() -> None:
    assert lr.period(1971) == lr.PERIOD_BEFORE and lr.period(1972) == lr.PERIOD_AFTER
    assert lr.decade(1948) == 1940 and lr.decade(2014) == 2010
