"""ONE's net flows: spot values, structure, the tie to IDS, and a clear StructureError for damaged copies."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from pakjapan.upstream import fetch, one, tables
from pakjapan.upstream.errors import StructureError
from pakjapan.upstream.worldbank import ids

pytestmark = [pytest.mark.needs_upstream, pytest.mark.usefixtures("private_cache")]


@pytest.fixture(scope="module")
def flows() -> pd.DataFrame:
    return one.net_flows()


def pakistan_japan(flows: pd.DataFrame, prices: str = "current") -> pd.DataFrame:
    rows = flows[(flows["debtor"] == "PAK") & (flows["counterpart"] == "Japan") & (flows["prices"] == prices)]
    return rows.astype({c: "str" for c in ["counterpart_type", "indicator", "direction"]})


def test_japans_grants_to_pakistan(flows: pd.DataFrame) -> None:
    """Japan's bilateral grants to Pakistan in 2022: US$70.62 million, current prices (the README's figure)."""
    pj = pakistan_japan(flows)
    grants = pj[(pj["indicator"] == "Bilateral Grants") & (pj["year"] == 2022)]
    assert len(grants) == 1
    row = grants.iloc[0]
    assert round(row["value"] / 1e6, 2) == 70.62
    assert (row["direction"], row["unit"], row["counterpart_iso3"], row["debtor_name"]) == (
        "inflow",
        "current US$",
        "JPN",
        "Pakistan",
    )
    # 2011, the flood-relief year, is the series' peak in current prices
    series = pj[pj["indicator"] == "Bilateral Grants"].set_index("year")["value"]
    assert series.idxmax() == 2011 and round(series[2011] / 1e6, 1) == 360.9


def test_debt_outflows_are_ids_principal_plus_interest(flows: pd.DataFrame) -> None:
    """ONE's 2022 debt outflows to Japan equal IDS principal plus interest (same release, same files)."""
    pj = pakistan_japan(flows)
    out = pj[(pj["direction"] == "outflow") & (pj["counterpart_type"] == "Bilateral") & (pj["year"] == 2022)]
    assert set(out["indicator"]) == {"Bilateral Concessional Debt", "Bilateral Non-Concessional Debt"}
    assert round(out["value"].sum() / 1e6, 2) == -469.14
    debt = ids.bilateral_debt_service()
    paid = debt[(debt["debtor"] == "PAK") & (debt["creditor"] == "Japan") & (debt["year"] == 2022)]["value"].sum()
    assert out["value"].sum() == pytest.approx(-paid, rel=1e-9)


def test_structure(flows: pd.DataFrame) -> None:
    assert list(flows.columns) == [
        "year",
        "debtor",
        "debtor_name",
        "continent",
        "income_level",
        "counterpart",
        "counterpart_iso3",
        "counterpart_kind",
        "counterpart_type",
        "prices",
        "indicator",
        "direction",
        "value",
        "unit",
    ]
    assert len(flows) == 393_538  # every row of the file
    assert flows["year"].dtype == "int16" and flows["value"].dtype == "float64"
    assert (flows["year"].min(), flows["year"].max()) == (2000, 2022)
    assert flows["debtor"].dtype == "category" and flows["indicator"].dtype == "category"
    assert flows["debtor"].notna().all() and flows["debtor"].astype("str").str.fullmatch(r"[A-Z]{3}").all()
    assert flows["debtor"].nunique() == flows["debtor_name"].nunique() == 119
    # a code exactly where the counterpart is a country (institutions, bondholders, multiple lenders: none)
    has_code = flows["counterpart_iso3"].notna()
    assert (has_code == (flows["counterpart_kind"] == "country")).all()
    institutions = flows[(flows["counterpart_type"] == "Multilateral") & (flows["counterpart"] != "Multiple Lenders")]
    assert len(institutions) > 0 and institutions["counterpart_iso3"].isna().all()
    assert (flows.loc[flows["direction"] == "outflow", "value"] <= 0).all()
    assert (
        flows["unit"].astype("str")
        == flows["prices"].map({"current": "current US$", "constant": "constant 2022 US$"}).astype("str")
    ).all()
    assert flows.memory_usage(deep=True).sum() < 20e6  # compact: categorical text


def test_cached_table_is_the_fresh_build(flows: pd.DataFrame) -> None:
    """Same columns, dtypes (categories included) and values: the disk cache changes nothing."""
    cached = pd.read_parquet(tables.table_path("one.net_flows", ("one_net_flows",), 1))
    fresh = one.net_flows.build(fetch.path("one_net_flows"))
    assert list(cached.columns) == list(fresh.columns) and list(cached.dtypes) == list(fresh.dtypes)
    assert cached.equals(fresh)  # assert_frame_equal takes half a minute on these categoricals


# --- damaged copies -------------------------------------------------------------------------------


def damaged(tmp_path: Path, edit) -> Path:
    """A copy of the real file with ``edit(table) -> table`` applied."""
    table = pq.read_table(fetch.path("one_net_flows"))
    target = tmp_path / "one_copy.parquet"
    pq.write_table(edit(table), target)
    return target


def replace(table: pa.Table, column: str, old: str, new: str) -> pa.Table:
    i = table.schema.get_field_index(column)
    values = pc.if_else(pc.equal(table[column], old), new, table[column])
    return table.set_column(i, column, values)


def assert_structure_error(path: Path, *fragments: str) -> None:
    with pytest.raises(StructureError) as info:
        one.net_flows.build(path)
    message = str(info.value)
    for fragment in ("one_net_flows", path.name, *fragments):
        assert fragment in message, f"{fragment!r} not in: {message}"


def test_column_renamed(tmp_path: Path) -> None:
    path = damaged(tmp_path, lambda t: t.rename_columns(["debtor" if c == "country" else c for c in t.column_names]))
    assert_structure_error(path, "the columns", "'debtor'")


def test_unknown_price_basis(tmp_path: Path) -> None:
    path = damaged(tmp_path, lambda t: replace(t, "prices", "constant", "constant_2023"))
    assert_structure_error(path, "prices among ['constant', 'current']", "'constant_2023'")


def test_outflows_not_negative(tmp_path: Path) -> None:
    def flip(t: pa.Table) -> pa.Table:
        outflow = pc.equal(t["indicator_type"], "outflow")
        return t.set_column(
            t.schema.get_field_index("value"), "value", pc.if_else(outflow, pc.abs(t["value"]), t["value"])
        )

    assert_structure_error(damaged(tmp_path, flip), "outflows as negative numbers")


def test_constant_price_base_changed(tmp_path: Path) -> None:
    """A release rebased to another year must not be labelled 'constant 2022 US$'."""

    def rebase(t: pa.Table) -> pa.Table:
        constant = pc.equal(t["prices"], "constant")
        return t.set_column(
            t.schema.get_field_index("value"), "value", pc.if_else(constant, pc.multiply(t["value"], 1.03), t["value"])
        )

    assert_structure_error(damaged(tmp_path, rebase), "constant prices in 2022 US$")


def test_years_extended(tmp_path: Path) -> None:
    def shift(t: pa.Table) -> pa.Table:
        i = t.schema.get_field_index("year")
        return t.set_column(i, "year", pc.add(t["year"], pa.scalar(1, t.schema.field("year").type)))

    assert_structure_error(damaged(tmp_path, shift), "years 2000-2022", "found 2001-2023")


def test_unknown_counterpart_name(tmp_path: Path) -> None:
    path = damaged(tmp_path, lambda t: replace(t, "counterpart_area", "Japan", "Nihon"))
    assert_structure_error(path, "not in data/country_codes.csv for publisher 'one'", "'Nihon'")
