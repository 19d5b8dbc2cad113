"""Long-run derivations on small frames built here: arithmetic, gaps kept, the 1971 break, labels."""

from __future__ import annotations

import math

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


def test_period_and_decade() -> None:
    assert lr.period(1971) == lr.PERIOD_BEFORE and lr.period(1972) == lr.PERIOD_AFTER
    assert lr.decade(1948) == 1940 and lr.decade(2014) == 2010
