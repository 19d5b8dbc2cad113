"""Money both ways (pakjapan.money) on small frames: which rows count, absent cells, deflating, ranks."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from pakjapan import money


def one_rows(*rows: tuple) -> pd.DataFrame:
    """ONE-like rows: (year, debtor, counterpart_iso3, counterpart_type, prices, direction, indicator, value)."""
    columns = ["year", "debtor", "counterpart_iso3", "counterpart_type", "prices", "direction", "indicator", "value"]
    return pd.DataFrame(rows, columns=columns)


def ids_rows(*rows: tuple) -> pd.DataFrame:
    """IDS-like rows: (year, debtor, creditor, creditor_iso3, component, value, projected)."""
    frame = pd.DataFrame(
        rows, columns=["year", "debtor", "creditor", "creditor_iso3", "component", "value", "projected"]
    )
    frame["series"] = frame["component"].map({"principal": "DT.AMT.BLAT.CD", "interest": "DT.INT.BLAT.CD"})
    return frame


FLOWS = one_rows(
    (2020, "PAK", "JPN", "Bilateral", "current", "inflow", "Bilateral Grants", 30e6),
    (2020, "PAK", "JPN", "Bilateral", "constant", "inflow", "Bilateral Grants", 40e6),  # other prices: left out
    (2020, "PAK", "JPN", "Private", "current", "inflow", "Private - other", 5e6),  # Japanese banks: left out
    (2020, "PAK", "JPN", "Bilateral", "current", "outflow", "Bilateral Concessional Debt", -9e6),  # IDS instead
    (2020, "PAK", "CHN", "Bilateral", "current", "inflow", "Bilateral Grants", 7e6),  # another creditor
    (2020, "IND", "JPN", "Bilateral", "current", "inflow", "Bilateral Grants", 8e6),  # another debtor
    (2020, "PAK", "JPN", "Bilateral", "current", "inflow", "Bilateral Concessional Debt", 20e6),
    (2021, "PAK", "JPN", "Bilateral", "current", "inflow", "Bilateral Grants", 10e6),
)
DEBT = ids_rows(
    (2020, "PAK", "Japan", "JPN", "principal", 50e6, False),
    (2020, "PAK", "Japan", "JPN", "interest", 4e6, False),
    (2021, "PAK", "Japan", "JPN", "interest", 1e6, False),  # no principal row in 2021: absent, not zero
    (2023, "PAK", "Japan", "JPN", "principal", 60e6, True),
    (2020, "PAK", "China", "CHN", "principal", 500e6, False),
)


def test_flows_long_keeps_only_government_flows_between_the_two() -> None:
    long = money.flows_long(FLOWS, DEBT)
    assert long[["year", "component", "value"]].values.tolist() == [
        [2020, "grants", 30.0],
        [2020, "concessional loans", 20.0],
        [2020, "principal", 50.0],
        [2020, "interest", 4.0],
        [2021, "grants", 10.0],
        [2021, "interest", 1.0],
        [2023, "principal", 60.0],
    ]
    assert set(long.loc[long["direction"] == "received", "dataset"]) == {"one"}
    assert set(long.loc[long["direction"] == "paid", "dataset"]) == {"wb-ids"}
    assert long.loc[long["year"] == 2023, "projected"].tolist() == [True]
    assert (long["value"] > 0).all()


def test_flows_long_refuses_two_rows_for_one_year_and_component() -> None:
    twice = pd.concat([DEBT, DEBT.iloc[[0]]], ignore_index=True)
    with pytest.raises(ValueError, match="more than one row"):
        money.flows_long(FLOWS, twice)


def test_annual_keeps_absent_cells_empty_and_names_them() -> None:
    table = money.annual(money.flows_long(FLOWS, DEBT), range(2020, 2024)).set_index("year")
    assert math.isnan(table.at[2021, "principal"])
    assert "principal" in table.at[2021, "absent"].split(", ")
    assert table.at[2020, "absent"] == "non-concessional loans"
    # the sums count an absent cell as no flow
    assert table.at[2020, "received"] == 50.0 and table.at[2020, "paid"] == 54.0
    assert table.at[2020, "net_flow"] == 0.0 and table.at[2020, "net_transfer"] == -4.0
    assert table.at[2021, "net_flow"] == 10.0 and table.at[2021, "net_transfer"] == 9.0
    # a year with no row at all is all absent, and only projected years are marked so
    assert table.at[2022, "received"] == 0.0 and table.at[2022, "absent"].count(",") == 4
    assert table["projected"].tolist() == [False, False, False, True]


def test_to_constant_divides_by_the_deflator_and_leaves_missing_years_missing() -> None:
    frame = pd.DataFrame({"year": [2021, 2022, 2024], "grants": [120.0, 50.0, 10.0]})
    out = money.to_constant(frame, pd.Series({2021: 120.0, 2022: 100.0, 2023: 96.8}), ["grants"])
    assert out["grants"].tolist()[:2] == [100.0, 50.0]
    assert math.isnan(out["grants"].iat[2]) and math.isnan(out["deflator"].iat[2])
    assert frame["grants"].tolist() == [120.0, 50.0, 10.0]  # the input is not changed


def test_japan_deflator_insists_on_its_base_year() -> None:
    rows = pd.DataFrame(
        {
            "year": [2021, 2022, 2022],
            "iso3": ["JPN", "JPN", "FRA"],
            "indicator": ["dac_deflator"] * 3,
            "value": [119.4, 100.0, 90.0],
        }
    )
    assert money.japan_deflator(rows).to_dict() == {2021: 119.4, 2022: 100.0}
    rebased = rows.assign(value=[120.0, 101.0, 90.0])
    with pytest.raises(ValueError, match="not 2022 = 100"):
        money.japan_deflator(rebased)


def test_yen_per_usd_takes_japan_only() -> None:
    rates = pd.DataFrame({"year": [2022, 2022], "iso3": ["JPN", "CHN"], "per_usd": [131.46, 6.73]})
    assert money.yen_per_usd(rates).to_dict() == {2022: 131.46}


def test_runs_of_years() -> None:
    flags = {2004: True, 2016: False, 2017: True, 2018: True, 2019: True, 2020: False, 2022: True}
    assert money.runs(flags) == [(2004, 2004), (2017, 2019), (2022, 2022)]
    assert money.runs({2017: True, 2019: True}) == [(2017, 2017), (2019, 2019)]  # a missing year ends a span
    assert money.runs({}) == []


def test_creditors_rank_named_creditors_and_share_the_total() -> None:
    debt = ids_rows(
        (2022, "PAK", "World", None, "principal", 700e6, False),
        (2022, "PAK", "World", None, "interest", 100e6, False),
        (2022, "PAK", "China", "CHN", "principal", 500e6, False),
        (2022, "PAK", "Japan", "JPN", "principal", 100e6, False),
        (2022, "PAK", "Japan", "JPN", "interest", 50e6, False),
        (2022, "PAK", "France", "FRA", "interest", 50e6, False),  # interest only: principal stays empty
        (2022, "PAK", "Multiple Lenders", None, "principal", 900e6, False),  # not one government: not ranked
        (2022, "IND", "Japan", "JPN", "principal", 999e6, False),  # another debtor
        (2023, "PAK", "World", None, "principal", 10e6, True),
        (2023, "PAK", "Japan", "JPN", "principal", 10e6, True),
    )
    table = money.creditors(debt)
    y22 = table[table["year"] == 2022].set_index("creditor")
    assert "World" not in y22.index
    assert y22["total"].to_dict() == {"China": 500.0, "Japan": 150.0, "France": 50.0, "Multiple Lenders": 900.0}
    assert y22["rank"].tolist()[:3] == [1, 2, 3] and pd.isna(y22.at["Multiple Lenders", "rank"])
    assert y22.at["Japan", "share"] == pytest.approx(150 / 800 * 100)
    assert math.isnan(y22.at["France", "principal"]) and y22.at["France", "interest"] == 50.0
    assert table.loc[table["year"] == 2023, "projected"].all() and not y22["projected"].any()


def test_creditors_tie_shares_the_better_rank() -> None:
    debt = ids_rows(
        (2010, "PAK", "World", None, "principal", 300e6, False),
        (2010, "PAK", "China", "CHN", "principal", 100e6, False),
        (2010, "PAK", "Japan", "JPN", "principal", 100e6, False),
        (2010, "PAK", "France", "FRA", "principal", 100e6 - 1, False),
    )
    ranks = money.creditors(debt).set_index("creditor")["rank"]
    assert ranks.to_dict() == {"China": 1, "Japan": 1, "France": 3}


def test_grouped_adds_components_and_keeps_empty_groups_empty() -> None:
    table = pd.DataFrame(
        {
            "year": [2000, 2001],
            "concessional loans": [float("nan"), 10.0],
            "non-concessional loans": [358.0, float("nan")],
            "principal": [float("nan"), float("nan")],
        }
    )
    out = money.grouped(table, {"loans": ["concessional loans", "non-concessional loans"], "principal": ["principal"]})
    loans = out[out["group"] == "loans"]
    assert loans["value"].tolist() == [358.0, 10.0] and set(loans["dataset"]) == {"one"}
    principal = out[out["group"] == "principal"]
    assert principal["value"].isna().all() and set(principal["dataset"]) == {"wb-ids"}
    mixed = money.grouped(table, {"all": ["concessional loans", "principal"]})
    assert set(mixed["dataset"]) == {"one + wb-ids"}


def test_paid_most_counts_lenders_no_government_is_named_for() -> None:
    debt = ids_rows(
        (2002, "PAK", "World", None, "principal", 300e6, False),
        (2002, "PAK", "Japan", "JPN", "principal", 90e6, False),
        (2002, "PAK", "Multiple Lenders", None, "principal", 160e6, False),  # more than Japan: year unknown
        (2003, "PAK", "World", None, "principal", 200e6, False),
        (2003, "PAK", "Japan", "JPN", "principal", 150e6, False),
        (2003, "PAK", "Multiple Lenders", None, "principal", 5e6, False),
        (2003, "PAK", "China", "CHN", "interest", 20e6, False),
        (2021, "PAK", "Japan", "JPN", "interest", 0.0, False),
        (2021, "PAK", "China", "CHN", "principal", 9e6, False),
    )
    table = money.creditors(debt)
    assert table.loc[(table["year"] == 2002) & (table["creditor"] == "Japan"), "rank"].item() == 1
    assert money.paid_most(table).to_dict() == {2002: "Multiple Lenders", 2003: "Japan", 2021: "China"}
