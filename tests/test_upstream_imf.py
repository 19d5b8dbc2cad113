"""IMF Direction of Trade Statistics (pakjapan.upstream.imf): published figures, the tidy table's structure,
the World row against its groups, the ' e' estimate mark, and a clear StructureError for each kind of
damaged workbook."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from pakjapan.upstream import fetch, imf
from pakjapan.upstream.errors import StructureError

pytestmark = pytest.mark.needs_upstream

YEARS = list(range(1960, 2021))


@pytest.fixture(scope="module")
def dots() -> pd.DataFrame:
    return imf.dots()


def _value(frame: pd.DataFrame, reporter: str, flow: str, partner_name: str, year: int) -> pd.Series:
    row = frame[
        (frame["reporter_name"] == reporter)
        & (frame["flow"] == flow)
        & (frame["partner_name"] == partner_name)
        & (frame["year"] == year)
    ]
    assert len(row) == 1, (reporter, flow, partner_name, year)
    return row.iloc[0]


def _raw_row(input_name: str, sheet: str, partner: str) -> list[object]:
    """The partner's 61 cells read straight from the workbook (the last row of that name, i.e. not the stray copy)."""
    book = openpyxl.load_workbook(fetch.path(input_name), read_only=True, data_only=True)
    try:
        rows = [r for r in book[sheet].iter_rows(min_row=8, values_only=True) if r[1] == partner]
    finally:
        book.close()
    return list(rows[-1][2:63])


def test_published_spot_values(dots: pd.DataFrame) -> None:
    """The README's verified figures, and more read cell by cell from the workbooks with openpyxl."""
    assert _value(dots, "Pakistan", "exports", "Japan", 2018)["value"] == pytest.approx(201.589791, abs=1e-9)
    assert _value(dots, "Japan", "imports", "Pakistan", 2017)["value"] == pytest.approx(431.577035, abs=1e-9)
    assert _value(dots, "Pakistan", "imports", "Japan", 2019)["value"] == pytest.approx(1359.508279, abs=1e-9)
    assert _value(dots, "Japan", "exports", "Pakistan", 2018)["value"] == pytest.approx(2100.955258, abs=1e-9)
    assert _value(dots, "Pakistan", "exports", "Japan", 1960)["value"] == pytest.approx(28.4)
    assert _value(dots, "Japan", "imports", "Pakistan", 1960)["value"] == pytest.approx(31.7)
    assert _value(dots, "Pakistan", "exports", "World", 2020)["value"] == pytest.approx(22235.464369, abs=1e-9)
    world = _value(dots, "World", "exports", "Pakistan", 2020)  # all reporters' exports to Pakistan
    assert world["value"] == pytest.approx(47873.22954, abs=1e-9)
    assert pd.isna(world["reporter"]) and world["basis"] == "FOB"
    # An empty cell stays missing: Pakistan recorded no exports to Belgium (only Belgium-Luxembourg) in 1960.
    assert np.isnan(_value(dots, "Pakistan", "exports", "Belgium", 1960)["value"])
    assert _value(dots, "Pakistan", "exports", "Belgium-Luxembourg", 1960)["value"] == pytest.approx(14.4)


@pytest.mark.parametrize(
    ("input_name", "reporter", "sheet", "flow", "partner"),
    [
        ("imf_dots_pakistan", "Pakistan", "Exports, FOB", "exports", "Japan"),
        ("imf_dots_pakistan", "Pakistan", "Imports, CIF", "imports", "Japan"),
        ("imf_dots_japan", "Japan", "Exports, FOB", "exports", "Pakistan"),
        ("imf_dots_japan", "Japan", "Imports, CIF", "imports", "Pakistan"),
        ("imf_dots_world", "World", "Imports, CIF", "imports", "Australia"),
    ],
)
def test_rows_match_the_workbook_cell_by_cell(
    dots: pd.DataFrame, input_name: str, reporter: str, sheet: str, flow: str, partner: str
) -> None:
    raw = [np.nan if v is None else float(v) for v in _raw_row(input_name, sheet, partner)]
    got = dots[(dots["reporter_name"] == reporter) & (dots["flow"] == flow) & (dots["partner_name"] == partner)]
    assert got["year"].tolist() == YEARS
    np.testing.assert_array_equal(got["value"].to_numpy(), np.array(raw))


def test_columns_types_and_shape(dots: pd.DataFrame) -> None:
    assert list(dots.columns) == imf.COLUMNS
    assert dots["year"].dtype == "int64" and dots["value"].dtype == "float64" and dots["estimate"].dtype == bool
    for column in ("reporter", "reporter_name", "flow", "basis", "partner_name", "partner", "partner_kind", "unit"):
        assert pd.api.types.is_string_dtype(dots[column]), column
    # partners per sheet (rows 8.. less the stray copy) times 61 years: nothing else dropped
    sizes = dots.groupby(["reporter_name", "flow"]).size().to_dict()
    assert sizes == {
        ("Japan", "exports"): 238 * 61,
        ("Japan", "imports"): 238 * 61,
        ("Pakistan", "exports"): 238 * 61,
        ("Pakistan", "imports"): 240 * 61,
        ("World", "exports"): 243 * 61,
        ("World", "imports"): 243 * 61,
    }
    assert not dots.duplicated(["reporter_name", "flow", "partner_name", "year"]).any()
    assert dots.groupby(["reporter_name", "flow", "partner_name"])["year"].agg(list).map(lambda y: y == YEARS).all()
    assert (dots["unit"] == "US$ million").all()
    assert ((dots["flow"] == "exports") == (dots["basis"] == "FOB")).all()
    assert ((dots["flow"] == "imports") == (dots["basis"] == "CIF")).all()
    assert dots.groupby("reporter_name", dropna=False)["reporter"].unique().map(list).to_dict() == {
        "Japan": ["JPN"],
        "Pakistan": ["PAK"],
        "World": [pd.NA],
    }
    assert dots["value"].isna().any()


def test_the_only_negative_values_are_worlds_malaysia_in_the_early_1960s(dots: pd.DataFrame) -> None:
    """Published as they are: the World file's Malaysia cells for 1960-63 are negative (beside 'Malaysia, West')."""
    negative = dots[dots["value"] < 0]
    assert sorted(zip(negative["flow"], negative["year"], negative["value"], strict=True)) == [
        ("exports", 1960, -4.8),
        ("imports", 1960, -2.7),
        ("imports", 1961, -0.9),
        ("imports", 1962, -0.936),
        ("imports", 1963, -3.1),
    ]
    assert set(negative["reporter_name"]) == {"World"} and set(negative["partner_name"]) == {"Malaysia"}


def test_world_is_first_and_the_stray_australia_row_is_left_out(dots: pd.DataFrame) -> None:
    """Row 8 of every sheet is a copy of Australia's row above World: kept once, World first."""
    for (_, _), part in dots.groupby(["reporter_name", "flow"], sort=False):
        names = part["partner_name"].drop_duplicates().tolist()
        assert names[:3] == ["World", "Advanced Economies", "Euro Area"]
        assert names.count("Australia") == 1
    book = openpyxl.load_workbook(fetch.path("imf_dots_japan"), read_only=True, data_only=True)
    rows = list(book["Exports, FOB"].iter_rows(min_row=8, max_row=9, values_only=True))
    book.close()
    assert [rows[0][1], rows[1][1]] == ["Australia", "World"]


def test_world_is_the_sum_of_its_top_groups(dots: pd.DataFrame) -> None:
    """World = Advanced + Emerging and Developing Economies + the unallocated rows, in every sheet and year."""
    parts = [
        "Advanced Economies",
        "Emerging and Developing Economies",
        "Other Countries not included elsewhere",
        "Special Categories",
        "Countries & Areas not specified",
    ]
    wide = dots.pivot_table(
        index=["reporter_name", "flow", "year"], columns="partner_name", values="value", aggfunc="first", dropna=False
    )
    world = wide["World"].dropna()
    assert len(world) == 6 * 61
    summed = wide.loc[world.index, parts].fillna(0).sum(axis=1)
    np.testing.assert_allclose(summed.to_numpy(), world.to_numpy(), rtol=1e-9, atol=1e-6)


def test_partner_codes_and_kinds(dots: pd.DataFrame) -> None:
    kinds = dots.drop_duplicates("partner_name").set_index("partner_name")
    assert kinds.loc["Japan", "partner"] == "JPN" and kinds.loc["Pakistan", "partner"] == "PAK"
    assert kinds.loc["China, P.R.: Mainland", "partner"] == "CHN"
    assert kinds.loc["Korea, Dem. People's Rep. of", "partner"] == "PRK"
    assert kinds.loc["Kosovo, Rep. of", "partner"] == "XKX" and kinds.loc["Kosovo, Rep. of", "partner_kind"] == "other"
    for group in ("World", "Euro Area", "European Union", "Emerging and Developing Asia"):
        assert pd.isna(kinds.loc[group, "partner"]) and kinds.loc[group, "partner_kind"] == "group", group
    for gone in ("USSR", "Yugoslavia", "Czechoslovakia", "Eastern Germany", "Asia not specified"):
        assert pd.isna(kinds.loc[gone, "partner"]) and kinds.loc[gone, "partner_kind"] == "other", gone
    assert set(dots["partner_kind"]) == {"country", "group", "other"}


def test_the_pinned_files_carry_no_estimate_marks(dots: pd.DataFrame) -> None:
    """The layout notes describe ' e' estimates, but every filled cell of these downloads is a plain number."""
    assert not dots["estimate"].any()
    for input_name in imf.REPORTERS:
        book = openpyxl.load_workbook(fetch.path(input_name), read_only=True, data_only=True)
        texts = [
            v
            for ws in book.worksheets
            for row in ws.iter_rows(min_row=8, min_col=3, values_only=True)
            for v in row
            if isinstance(v, str)
        ]
        book.close()
        assert texts == [], input_name


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("5,410.08 e", (5410.08, True)),
        ("12.5 e", (12.5, True)),
        ("1,234.5", (1234.5, False)),
        (7, (7.0, False)),
        (0.25, (0.25, False)),
    ],
)
def test_parse_cell(cell: object, expected: tuple[float, bool]) -> None:
    assert imf.parse_cell(cell, "C8", "imf_dots_pakistan", "x.xlsx") == expected


def test_parse_cell_keeps_empty_missing() -> None:
    value, estimate = imf.parse_cell(None, "C8", "imf_dots_pakistan", "x.xlsx")
    assert np.isnan(value) and estimate is False


# --- damaged copies: each structure check names the input, the file and what it expected -----------

PAKISTAN = "imf_dots_pakistan.xlsx"


@pytest.fixture
def book_copy(tmp_path: Path) -> tuple[Path, openpyxl.Workbook]:
    target = tmp_path / PAKISTAN
    shutil.copyfile(fetch.path("imf_dots_pakistan"), target)
    return target, openpyxl.load_workbook(target)


def _build(path: Path) -> pd.DataFrame:
    return imf.dots.build(path, fetch.path("imf_dots_japan"), fetch.path("imf_dots_world"))


def _fails(path: Path, book: openpyxl.Workbook | None, expected: str) -> None:
    if book is not None:
        book.save(path)
    with pytest.raises(StructureError) as err:
        _build(path)
    message = str(err.value)
    assert f"imf_dots_pakistan ({PAKISTAN})" in message
    assert expected in message


def _row_of(ws: openpyxl.worksheet.worksheet.Worksheet, partner: str) -> int:
    return max(c.row for c in ws["B"] if c.value == partner)


def test_an_estimate_cell_comes_out_flagged(book_copy: tuple[Path, openpyxl.Workbook]) -> None:
    """Written as the IMF writes estimates: text with an ' e' suffix, in Pakistan's exports to Japan, 2018."""
    path, book = book_copy
    ws = book["Exports, FOB"]
    ws.cell(row=_row_of(ws, "Japan"), column=3 + 2018 - 1960, value="5,410.08 e")
    book.save(path)
    frame = _build(path)
    row = _value(frame, "Pakistan", "exports", "Japan", 2018)
    assert row["value"] == 5410.08 and bool(row["estimate"]) is True
    assert frame["estimate"].sum() == 1
    assert _value(frame, "Pakistan", "exports", "Japan", 2017)["value"] == pytest.approx(186.978682, abs=1e-9)


def test_a_renamed_sheet_is_named(book_copy: tuple[Path, openpyxl.Workbook]) -> None:
    path, book = book_copy
    book["Imports, CIF"].title = "Imports, FOB"
    _fails(path, book, "expected the sheets ['Exports, FOB', 'Imports, CIF']")


def test_a_shifted_header_is_named(book_copy: tuple[Path, openpyxl.Workbook]) -> None:
    path, book = book_copy
    book["Exports, FOB"].insert_rows(1)
    _fails(path, book, "expected 'Exports, FOB to Partner Countries' in B2")


def test_shifted_years_are_named(book_copy: tuple[Path, openpyxl.Workbook]) -> None:
    path, book = book_copy
    ws = book["Imports, CIF"]
    for column in range(3, 64):
        ws.cell(row=7, column=column, value=str(1961 + column - 3))
    _fails(path, book, "expected the years 1960..2020 in row 7 from column C")


def test_an_extra_year_column_is_named(book_copy: tuple[Path, openpyxl.Workbook]) -> None:
    path, book = book_copy
    book["Exports, FOB"].cell(row=7, column=64, value="2021")
    _fails(path, book, "expected the years 1960..2020 in row 7 from column C")


def test_another_reporter_is_named(book_copy: tuple[Path, openpyxl.Workbook]) -> None:
    path, book = book_copy
    book["Exports, FOB"]["B4"] = "India"
    _fails(path, book, "expected the reporter 'Pakistan' in B4, found 'India'")


def test_a_changed_unit_is_named(book_copy: tuple[Path, openpyxl.Workbook]) -> None:
    path, book = book_copy
    book["Imports, CIF"]["B5"] = "US Dollars, Billions"
    _fails(path, book, "expected the unit 'US Dollars, Millions' in B5")


def test_world_not_first_is_named(book_copy: tuple[Path, openpyxl.Workbook]) -> None:
    """The stray row is accepted only as an exact copy of a later row followed by World."""
    path, book = book_copy
    ws = book["Exports, FOB"]
    ws["C8"] = 9.6  # no longer an exact copy of Australia's row
    _fails(path, book, "expected World as the first partner (row 8)")


def test_a_repeated_partner_is_named(book_copy: tuple[Path, openpyxl.Workbook]) -> None:
    path, book = book_copy
    ws = book["Imports, CIF"]
    ws.cell(row=_row_of(ws, "Austria"), column=2, value="Belgium")
    _fails(path, book, "expected each partner once, found repeated ['Belgium']")


def test_an_unknown_partner_is_named(book_copy: tuple[Path, openpyxl.Workbook]) -> None:
    path, book = book_copy
    ws = book["Imports, CIF"]
    ws.cell(row=_row_of(ws, "Japan"), column=2, value="Nippon")
    _fails(path, book, "not in data/country_codes.csv for publisher 'imf': 'Nippon'")


def test_text_in_a_value_cell_is_named(book_copy: tuple[Path, openpyxl.Workbook]) -> None:
    path, book = book_copy
    ws = book["Exports, FOB"]
    ws.cell(row=_row_of(ws, "Japan"), column=3, value="n.a.")
    _fails(path, book, "expected a number, empty, or an IMF estimate such as '5,410.08 e'; found 'n.a.'")


def test_text_in_column_a_is_named(book_copy: tuple[Path, openpyxl.Workbook]) -> None:
    path, book = book_copy
    book["Exports, FOB"]["A20"] = "note"
    _fails(path, book, "expected column A to be empty, found text in row(s) [20]")


def test_a_file_that_is_not_a_workbook_is_named(tmp_path: Path) -> None:
    path = tmp_path / PAKISTAN
    path.write_text("<html>rate limited</html>", encoding="utf-8")
    _fails(path, None, "expected an xlsx workbook")
