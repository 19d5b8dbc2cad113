"""World Bank IDS bilateral debt service: spot values, structure, the projection rule, and a clear
StructureError for damaged copies."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.feather as feather
import pytest

from pakjapan.upstream import fetch, tables
from pakjapan.upstream.errors import StructureError
from pakjapan.upstream.worldbank import ids

pytestmark = [pytest.mark.needs_upstream, pytest.mark.usefixtures("private_cache")]


@pytest.fixture(scope="module")
def debt() -> pd.DataFrame:
    return ids.bilateral_debt_service()


@pytest.fixture(scope="module")
def pakistan(debt: pd.DataFrame) -> pd.DataFrame:
    rows = debt[debt["debtor"] == "PAK"]
    return rows.astype({"creditor": "str", "component": "str"})


def test_pakistans_repayments_to_japan(pakistan: pd.DataFrame) -> None:
    """Principal repaid to Japan in 2022: US$399,403,169.7, i.e. 399.4 million (the README's figure)."""
    japan = pakistan[pakistan["creditor"] == "Japan"].set_index(["component", "year"])["value"]
    assert japan[("principal", 2022)] == pytest.approx(399_403_169.7, abs=0.05)
    assert round(japan[("principal", 2022)] / 1e6, 1) == 399.4
    assert japan[("interest", 2022)] == pytest.approx(69_736_818.9, abs=0.05)
    # 2021, under the G20 debt service suspension: no principal row at all, and interest of US$18,233.8
    assert ("principal", 2021) not in japan.index
    assert japan[("interest", 2021)] == pytest.approx(18_233.8, abs=0.05)


def test_japan_second_to_china_in_2022(pakistan: pd.DataFrame) -> None:
    """Among Pakistan's bilateral creditors (World and Multiple Lenders aside), Japan was paid the second most."""
    creditors = pakistan[~pakistan["creditor"].isin(["World", "Multiple Lenders"]) & (pakistan["year"] == 2022)]
    for component in ["principal", "interest"]:
        order = creditors[creditors["component"] == component].sort_values("value", ascending=False)["creditor"]
        assert order.tolist()[:2] == ["China", "Japan"], component


def test_structure(debt: pd.DataFrame) -> None:
    assert list(debt.columns) == [
        "debtor",
        "debtor_name",
        "debtor_kind",
        "creditor",
        "creditor_iso3",
        "creditor_kind",
        "component",
        "series",
        "series_name",
        "year",
        "value",
        "unit",
        "projected",
    ]
    assert len(debt) == 46_372 + 47_951  # every row of both files
    assert debt["year"].dtype == "int16" and debt["value"].dtype == "float64" and debt["projected"].dtype == "bool"
    assert (debt["year"].min(), debt["year"].max()) == (2000, 2025)
    assert (debt["projected"] == (debt["year"] > 2022)).all() and ids.LAST_ACTUAL_YEAR == 2022
    series = debt.astype({"component": "str", "series": "str"}).drop_duplicates(["component", "series"])
    assert dict(zip(series["component"], series["series"], strict=True)) == {
        "principal": "DT.AMT.BLAT.CD",
        "interest": "DT.INT.BLAT.CD",
    }
    assert (debt["value"] >= 0).all() and (debt["unit"] == "current US$").all()
    # debtors without a code are exactly the World Bank's aggregates
    assert (debt["debtor"].isna() == (debt["debtor_kind"] == "group")).all()
    assert "South Asia" in set(debt.loc[debt["debtor"].isna(), "debtor_name"])
    assert set(debt.loc[debt["creditor_iso3"].isna(), "creditor"]) == {"World", "Multiple Lenders"}


def test_world_is_the_sum_of_pakistans_creditors(pakistan: pd.DataFrame) -> None:
    world = pakistan[pakistan["creditor"] == "World"].set_index(["component", "year"])["value"]
    others = pakistan[pakistan["creditor"] != "World"].groupby(["component", "year"])["value"].sum()
    assert len(world) == 52
    assert (world - others.reindex(world.index)).abs().max() < 1.0


def test_projection_break_after_2022(debt: pd.DataFrame) -> None:
    """The rule's evidence in the values: whole-thousand amounts are common to 2022 and rare from 2023."""
    principal = debt[(debt["component"] == "principal") & (debt["creditor"] != "World")]
    share = ids.round_thousands_share(principal)
    assert share.loc[:2022].min() > 0.2 and share.loc[2023:].max() < 0.05
    zeros = (principal["value"] == 0).groupby(principal["year"]).mean()
    assert zeros[2022] > 2 * zeros[2023]


def test_cached_table_is_the_fresh_build(debt: pd.DataFrame) -> None:
    cached = pd.read_parquet(
        tables.table_path("ids.bilateral_debt_service", ("ids_principal_bilateral", "ids_interest_bilateral"), 1)
    )
    fresh = ids.bilateral_debt_service.build(
        fetch.path("ids_principal_bilateral"), fetch.path("ids_interest_bilateral")
    )
    assert list(cached.columns) == list(fresh.columns) and list(cached.dtypes) == list(fresh.dtypes)
    assert cached.equals(fresh)  # assert_frame_equal is slow on categoricals


# --- damaged copies -------------------------------------------------------------------------------


def damaged(tmp_path: Path, input_name: str, edit) -> Path:
    """A copy of the real file with ``edit(frame)`` applied (in place, or returning the new frame)."""
    frame = feather.read_feather(fetch.path(input_name))
    edited = edit(frame)
    frame = frame if edited is None else edited
    target = tmp_path / f"{input_name}_copy.feather"
    feather.write_feather(frame, target)
    return target


def assert_structure_error(principal: Path, interest: Path, input_name: str, bad: Path, *fragments: str) -> None:
    with pytest.raises(StructureError) as info:
        ids.bilateral_debt_service.build(principal, interest)
    message = str(info.value)
    for fragment in (input_name, bad.name, *fragments):
        assert fragment in message, f"{fragment!r} not in: {message}"


def test_column_renamed(tmp_path: Path) -> None:
    bad = damaged(
        tmp_path,
        "ids_interest_bilateral",
        lambda f: f.rename(columns={"counterpart_area": "creditor"}),
    )
    principal = fetch.path("ids_principal_bilateral")
    assert_structure_error(principal, bad, "ids_interest_bilateral", bad, "the columns", "'creditor'")


def test_wrong_series(tmp_path: Path) -> None:
    """The interest file given in place of the principal file is recognised by its series code."""
    interest = fetch.path("ids_interest_bilateral")
    bad = tmp_path / "swapped.feather"
    bad.write_bytes(interest.read_bytes())
    assert_structure_error(bad, interest, "ids_principal_bilateral", bad, "series DT.AMT.BLAT.CD", "DT.INT.BLAT.CD")


def test_years_shifted(tmp_path: Path) -> None:
    def shift(f: pd.DataFrame) -> None:
        f["year"] = f["year"] + pd.DateOffset(years=1)

    bad = damaged(tmp_path, "ids_principal_bilateral", shift)
    interest = fetch.path("ids_interest_bilateral")
    assert_structure_error(bad, interest, "ids_principal_bilateral", bad, "every year 2000-2025", "found 2001-2026")


def test_projections_no_longer_after_2022(tmp_path: Path) -> None:
    """A release whose 2023 values look reported (whole thousands) breaks the rule: stopped, not mislabelled."""

    def round_2023(f: pd.DataFrame) -> None:
        in_2023 = f["year"].dt.year == 2023
        f.loc[in_2023, "value"] = (f.loc[in_2023, "value"] / 1000).round() * 1000

    bad = damaged(tmp_path, "ids_principal_bilateral", round_2023)
    interest = fetch.path("ids_interest_bilateral")
    assert_structure_error(
        bad, interest, "ids_principal_bilateral", bad, "actual data to 2022 and projections after it", "2023: 1.0"
    )


def test_unknown_creditor_name(tmp_path: Path) -> None:
    def rename(f: pd.DataFrame) -> None:
        f.loc[f["counterpart_area"] == "Japan", "counterpart_area"] = "Japon"

    bad = damaged(tmp_path, "ids_interest_bilateral", rename)
    principal = fetch.path("ids_principal_bilateral")
    assert_structure_error(
        principal, bad, "ids_interest_bilateral", bad, "not in data/country_codes.csv for publisher 'wb'", "'Japon'"
    )


def test_not_a_feather_file(tmp_path: Path) -> None:
    bad = tmp_path / "truncated.feather"
    bad.write_bytes(fetch.path("ids_principal_bilateral").read_bytes()[:1000])
    interest = fetch.path("ids_interest_bilateral")
    assert_structure_error(bad, interest, "ids_principal_bilateral", bad, "a Feather (Arrow IPC) file")
