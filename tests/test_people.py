"""The people chapter's arithmetic on small frames: sums that keep NA, groups, shares, rates, overtaking."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from pakjapan import people

NA = pd.NA


def residents(rows: list[tuple[int, str, str, str, object]]) -> pd.DataFrame:
    """A frame shaped like ``isa.residents()``: (year, nationality_ja, iso3 or '', status, persons)."""
    frame = pd.DataFrame(rows, columns=["year", "nationality_ja", "nationality", "status", "value"])
    frame["basis"] = ["registry" if y <= 2011 else "resident" for y in frame["year"]]
    frame["nationality"] = frame["nationality"].replace("", NA)
    frame["nationality_en"] = frame["nationality_ja"]
    frame["value"] = frame["value"].astype("Int64")
    return frame


R = residents(
    [
        (2011, "総数", "", "Dependent", 100),
        (2011, "総数", "", "Permanent Resident", 300),
        (2011, "パキスタン", "PAK", "Dependent", 10),
        (2011, "パキスタン", "PAK", "Permanent Resident", 30),
        (2011, "パキスタン", "PAK", "Specified Skilled Worker", 0),
        (2011, "ネパール", "NPL", "Dependent", NA),
        (2011, "ネパール", "NPL", "Permanent Resident", NA),
        (2012, "総数", "", "Dependent", 200),
        (2012, "総数", "", "Permanent Resident", 300),
        (2012, "パキスタン", "PAK", "Dependent", 40),
        (2012, "パキスタン", "PAK", "Permanent Resident", 35),
        (2012, "パキスタン", "PAK", "Specified Skilled Worker", 5),
        (2012, "ネパール", "NPL", "Dependent", 7),
        (2012, "ネパール", "NPL", "Permanent Resident", 0),
    ]
)


def test_every_status_of_the_curated_table_has_a_group() -> None:
    from pakjapan.upstream import isa

    assert set(isa.statuses()["status_en"]) == set(people.CATEGORY_OF)
    assert set(people.CATEGORY_OF.values()) == set(people.CATEGORIES)


def test_an_unknown_status_is_an_error_not_a_silent_drop() -> None:
    with pytest.raises(KeyError, match="Astronaut"):
        people.category(pd.Series(["Dependent", "Astronaut"]))


def test_totals_sum_statuses_and_keep_a_nationality_not_listed_as_na() -> None:
    t = people.totals(R).set_index(["year", "nationality_ja"])["value"]
    assert t[(2011, "パキスタン")] == 40 and t[(2012, "パキスタン")] == 80
    assert t[(2012, "ネパール")] == 7
    assert t[(2011, "ネパール")] is NA  # not listed that year: unknown, not zero


def test_by_category_groups_orders_and_shares() -> None:
    c = people.by_category(R)
    assert list(dict.fromkeys(c["category"])) == [people.DEPENDANTS, people.PERMANENT, people.SCHEMES]
    row = c[(c["year"] == 2012) & (c["category"] == people.DEPENDANTS)].iloc[0]
    assert (row["value"], row["total"], row["basis"]) == (40, 80, "resident")
    assert row["share"] == pytest.approx(50.0)
    schemes = people.series(c, category=people.SCHEMES)
    assert schemes == {2011: 0.0, 2012: 5.0}  # a status that did not exist yet is the agency's zero
    assert c.groupby("year")["share"].sum().tolist() == pytest.approx([100.0, 100.0])


def test_by_category_of_a_nationality_not_in_the_table_is_an_error() -> None:
    with pytest.raises(LookupError, match="XXX"):
        people.by_category(R, "XXX")


def test_status_series_and_series_need_one_row_per_year() -> None:
    assert people.status_series(R, "Dependent") == {2011: 10.0, 2012: 40.0}
    with pytest.raises(ValueError, match="more than one row"):
        people.series(people.by_category(R))
    with pytest.raises(LookupError):
        people.status_series(R, "Student")


def test_share_of_all_foreign_residents() -> None:
    s = people.share_of_all(people.totals(R)).set_index("year")
    assert s.loc[2011, "share"] == pytest.approx(10.0) and s.loc[2012, "share"] == pytest.approx(16.0)
    assert s.loc[2012, "all"] == 500


def test_per_million_divides_by_the_same_year_and_never_borrows_another() -> None:
    pop = pd.DataFrame(
        {"year": [2012, 2012, 2011], "iso3": ["PAK", "NPL", "NPL"], "value": [8e6, 7e5, 1e6]},
    )
    p = people.per_million(people.totals(R), pop, 2012, ("NPL", "PAK"))
    assert list(p["nationality"]) == ["NPL", "PAK"]
    assert p["per_million"].tolist() == pytest.approx([10.0, 10.0])
    gap = people.per_million(people.totals(R), pop[pop["iso3"] == "PAK"], 2012, ("PAK", "NPL"))
    assert math.isnan(gap.set_index("nationality").loc["NPL", "per_million"])
    with pytest.raises(LookupError, match="IND"):
        people.per_million(people.totals(R), pop, 2012, ("PAK", "IND"))


def test_overtakes_is_the_start_of_the_last_run_ahead() -> None:
    a = {2010: 5, 2011: 1, 2012: 5, 2013: 6}
    b = {2010: 4, 2011: 2, 2012: 3, 2013: 4}
    assert people.overtakes(a, b) == 2012  # ahead in 2010 too, but fell behind in 2011
    with pytest.raises(ValueError, match="not ahead"):
        people.overtakes(b, a)
    with pytest.raises(ValueError, match="different years"):
        people.overtakes({2010: 1}, {2011: 0})


def matrix(value: float | None, mark: str | None = None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "sender": ["JPN", "JPN", pd.NA],
            "receiver": ["PAK", pd.NA, "PAK"],
            "value": [value, 500.0, 900.0],
            "mark": [mark, None, None],
            "total": [False, True, True],
        }
    )


def test_remittance_reads_one_cell_and_refuses_a_missing_estimate() -> None:
    assert people.remittance(matrix(37.5), "JPN", "PAK") == 37.5
    with pytest.raises(ValueError, match="no estimate"):
        people.remittance(matrix(None, "-"), "JPN", "PAK")
    with pytest.raises(LookupError):
        people.remittance(matrix(37.5), "PAK", "JPN")


def trade_frame(months: int = 12, status: str = "revised") -> pd.DataFrame:
    """Rows shaped like ``sbp.trade()``: export receipts through the banks, thousand US$."""
    return pd.DataFrame(
        {
            "flow": ["exports", "exports", "imports"],
            "partner": ["JPN", "JPN", "JPN"],
            "period": ["FY25", "Jul-Mar FY25", "FY25"],
            "months": [months, 9, 12],
            "fiscal_year": [2025, 2025, 2025],
            "value": [185_000.0, 139_000.0, 1_200_000.0],
            "unit": ["thousand US$"] * 3,
            "status": [status, "revised", "revised"],
        }
    )


def test_dots_flow_and_export_receipts() -> None:
    dots = pd.DataFrame(
        {"reporter": ["PAK"], "flow": ["exports"], "partner": ["JPN"], "year": [2017], "value": [187.0]},
    )
    assert people.dots_flow(dots, "PAK", "exports", "JPN", 2017) == 187.0
    with pytest.raises(LookupError):
        people.dots_flow(dots, "PAK", "exports", "JPN", 2018)
    row = people.export_receipts(trade_frame(), "JPN", "FY25")
    assert row["value_musd"] == pytest.approx(185.0)  # thousand US$ -> US$ million, exports not imports
    with pytest.raises(LookupError, match="found 0"):
        people.export_receipts(trade_frame(), "JPN", "FY24")
    with pytest.raises(ValueError, match="not a full fiscal year"):
        people.export_receipts(trade_frame(months=9), "JPN", "FY25")
    with pytest.raises(ValueError, match="thousand US"):
        people.export_receipts(trade_frame().assign(unit="US$ million"), "JPN", "FY25")


def test_series_reads_another_column_and_work_groups_are_curated_groups() -> None:
    from pakjapan.upstream import isa

    c = people.by_category(R)
    assert people.series(c, "share", category=people.PERMANENT) == pytest.approx({2011: 75.0, 2012: 35 / 80 * 100})
    assert set(people.WORK_GROUPS) <= set(isa.statuses()["group"])


def test_money_sets_remittances_beside_goods_in_time_order_with_their_basis() -> None:
    dots = pd.DataFrame(
        {
            "reporter": ["JPN", "PAK"],
            "flow": ["imports", "exports"],
            "partner": ["PAK", "JPN"],
            "year": [2017, 2017],
            "value": [400.0, 200.0],
        }
    )
    recorded = pd.DataFrame(
        {"ref_id": ["WEB-902", "WEB-901"], "period": ["FY2024-25 (Jul-Dec)", "FY2020-21 (Jul-May)"], "value": [30, 80]}
    )
    m = people.money(dots, matrix(40.0), trade_frame(), recorded)
    assert m["value"].tolist() == pytest.approx([400.0, 200.0, 40.0, 80.0, 185.0, 30.0])
    assert m["row"].tolist()[2:] == ["dataset:knomad", "WEB-901", "dataset:sbp", "WEB-902"]
    assert m["what"].iloc[3] == "Remittances recorded by banks, Jul 2020 to May 2021"
    assert m["what"].iloc[4] == "Goods: export receipts through banks, 2024-25"
    assert m["what"].iloc[5] == "Remittances recorded by banks, Jul to Dec 2024"
    assert m["record"].iloc[4] == "Pakistan" and m["period"].iloc[4] == "FY2024-25"
    assert m["approximate"].tolist() == [False, False, True, True, False, True]
    assert m.loc[4, "basis"] == "banking basis, fiscal year, revised"
    provisional = people.money(dots, matrix(40.0), trade_frame(status="provisional"), recorded)
    assert bool(provisional.loc[4, "approximate"]) and provisional.loc[4, "basis"].endswith("provisional")
