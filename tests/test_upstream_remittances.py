"""The World Bank's bilateral remittance matrix 2017 (pakjapan.upstream.worldbank.remittances): values, the
structure of the tidy table, the workbook's totals, and a clear StructureError for each kind of damaged file."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from pakjapan.upstream import fetch
from pakjapan.upstream.errors import StructureError
from pakjapan.upstream.worldbank import remittances

pytestmark = pytest.mark.needs_upstream

FILE = "wb_bilateral_remittance_estimates_2017.xlsx"
SHEET = remittances.SHEET


@pytest.fixture(scope="module")
def matrix() -> pd.DataFrame:
    return remittances.bilateral_2017()


def _cell(frame: pd.DataFrame, sender: str, receiver: str) -> pd.Series:
    row = frame[(frame["sender_name"] == sender) & (frame["receiver_name"] == receiver)]
    assert len(row) == 1
    return row.iloc[0]


def test_japan_to_pakistan(matrix: pd.DataFrame) -> None:
    cell = _cell(matrix, "Japan", "Pakistan")
    assert cell["value"] == pytest.approx(37.867505, abs=1e-6)
    assert (cell["sender"], cell["receiver"], cell["unit"], cell["estimate"]) == ("JPN", "PAK", "US$ million", True)


def test_the_largest_senders_to_pakistan(matrix: pd.DataFrame) -> None:
    to_pakistan = matrix[(matrix["receiver"] == "PAK") & ~matrix["total"]].set_index("sender")["value"]
    assert list(to_pakistan.nlargest(3).index) == ["SAU", "ARE", "GBR"]
    assert to_pakistan["SAU"] == pytest.approx(5780.614168, abs=1e-6)


def test_world_totals_are_the_2017_inflows(matrix: pd.DataFrame) -> None:
    """The WORLD row is each receiver's 2017 inflow, which the matrix splits (India: US$69.0 billion)."""
    assert _cell(matrix, "WORLD", "India")["value"] == pytest.approx(68968.1, abs=1e-6)
    assert _cell(matrix, "WORLD", "Pakistan")["value"] == pytest.approx(19664.599144, abs=1e-6)


def test_columns_types_and_shape(matrix: pd.DataFrame) -> None:
    assert list(matrix.columns) == remittances.COLUMNS
    assert matrix["value"].dtype == "float64"
    assert matrix["estimate"].dtype == bool and matrix["estimate"].all()
    assert matrix["total"].dtype == bool
    assert (matrix["year"] == 2017).all() and (matrix["unit"] == "US$ million").all()
    assert len(matrix) == 215 * 215  # 214 countries and WORLD each way: every cell, totals included
    assert matrix["total"].sum() == 2 * 215 - 1
    assert not matrix.duplicated(["sender_name", "receiver_name"]).any()
    assert (matrix["value"].dropna() >= 0).all()
    world = matrix[matrix["sender_name"] == "WORLD"]
    assert (world["sender_kind"] == "group").all() and world["sender"].isna().all()


def test_dashes_are_kept_as_marks(matrix: pd.DataFrame) -> None:
    marked = matrix[matrix["mark"].notna()]
    assert set(zip(marked["sender"], marked["receiver"], strict=True)) == {
        ("IND", "PAK"),
        ("PAK", "IND"),
        ("ISR", "LBN"),
        ("LBN", "ISR"),
    }
    assert (marked["mark"] == "-").all() and marked["value"].isna().all()
    assert (matrix["value"].isna() == matrix["mark"].notna()).all()


def test_the_workbooks_totals_against_the_cells(matrix: pd.DataFrame) -> None:
    """Sender totals add up; receiver totals too, except Israel's and Lebanon's (stale, as documented)."""
    cells = matrix[~matrix["total"]]
    by_sender = cells.groupby("sender_name")["value"].sum()
    sent = matrix[(matrix["receiver_name"] == "WORLD") & (matrix["sender_name"] != "WORLD")]
    assert (sent.set_index("sender_name")["value"] - by_sender).abs().max() < 1e-6
    by_receiver = cells.groupby("receiver_name")["value"].sum()
    received = matrix[(matrix["sender_name"] == "WORLD") & (matrix["receiver_name"] != "WORLD")]
    gap = received.set_index("receiver_name")["value"] - by_receiver
    assert sorted(gap.index[gap.abs() > 1e-6]) == ["Israel", "Lebanon"]
    assert gap["Israel"] == pytest.approx(1.1994, abs=1e-4) and gap["Lebanon"] == pytest.approx(0.8388, abs=1e-4)


# --- damaged copies: each structure check names the input, the file and what it expected -----------


@pytest.fixture
def book(tmp_path: Path) -> tuple[Path, openpyxl.Workbook]:
    """A copy to damage, read with the formulas' cached values (openpyxl would drop them on saving)."""
    return tmp_path / FILE, openpyxl.load_workbook(fetch.path(remittances.INPUT), data_only=True)


def _fails(path: Path, wb: openpyxl.Workbook | None, expected: str) -> None:
    if wb is not None:
        wb.save(path)
    with pytest.raises(StructureError) as err:
        remittances.bilateral_2017.build(path)
    message = str(err.value)
    assert f"{remittances.INPUT} ({FILE})" in message
    assert expected in message


def test_a_renamed_sheet_is_named(book: tuple[Path, openpyxl.Workbook]) -> None:
    path, wb = book
    wb[SHEET].title = "Bilateral_Remittances_2018"
    _fails(path, wb, f"a sheet named {SHEET!r}")


def test_a_changed_title_is_named(book: tuple[Path, openpyxl.Workbook]) -> None:
    path, wb = book
    wb[SHEET]["A1"] = "Bilateral Remittance Estimates for 2017 (thousands of US$)"
    _fails(path, wb, "cell A1 to title the estimates for 2017 in millions of US$")


def test_a_shifted_header_is_named(book: tuple[Path, openpyxl.Workbook]) -> None:
    path, wb = book
    wb[SHEET].insert_rows(2)
    _fails(path, wb, "cell A2 to read 'receiving (across) / sending (down)'")


def test_a_missing_world_column_is_named(book: tuple[Path, openpyxl.Workbook]) -> None:
    path, wb = book
    wb[SHEET].cell(row=2, column=216).value = "TOTAL"
    _fails(path, wb, "ending with 'WORLD'")


def test_senders_out_of_order_are_named(book: tuple[Path, openpyxl.Workbook]) -> None:
    path, wb = book
    ws = wb[SHEET]
    ws["A3"], ws["A4"] = "Albania", "Afghanistan"
    _fails(path, wb, "row 3 'Albania' against 'Afghanistan'")


def test_an_unknown_country_is_named(book: tuple[Path, openpyxl.Workbook]) -> None:
    path, wb = book
    ws = wb[SHEET]
    column = [c.value for c in ws[2]].index("Nepal") + 1
    ws.cell(row=2, column=column).value = "Nepal, Fed. Dem. Rep."
    ws.cell(row=column + 1, column=1).value = "Nepal, Fed. Dem. Rep."
    _fails(path, wb, "'Nepal, Fed. Dem. Rep.'")


def test_a_text_cell_is_named(book: tuple[Path, openpyxl.Workbook]) -> None:
    path, wb = book
    wb[SHEET]["B3"] = "n/a"
    _fails(path, wb, "found 'n/a' from 'Afghanistan' to 'Afghanistan' (row 3)")


def test_totals_without_cached_values_are_named(tmp_path: Path) -> None:
    """A workbook saved by a program that does not calculate keeps the =SUM formulas but no values."""
    path = tmp_path / FILE
    openpyxl.load_workbook(fetch.path(remittances.INPUT)).save(path)
    _fails(path, None, "an empty total is a formula without a cached value")


def test_a_file_that_is_not_xlsx_is_named(tmp_path: Path) -> None:
    path = tmp_path / FILE
    path.write_text("<html>rate limited</html>", encoding="utf-8")
    _fails(path, None, "an xlsx workbook; it cannot be opened")
