"""IMF Direction of Trade Statistics (DOTS): Pakistan, Japan and the World as reporters, 1960–2020.

The files: three workbooks downloaded from the IMF's DOTS about January 2022 (and carried by a
third-party repository, pinned in ``data/upstream.csv``), one per reporter: ``imf_dots_pakistan``,
``imf_dots_japan`` and ``imf_dots_world``. Each has two sheets, ``Exports, FOB`` and ``Imports, CIF``,
laid out the same way (1-based Excel rows):

* row 2: the sheet's title (``Exports, FOB to Partner Countries`` / ``Imports, CIF from Partner Countries``),
  row 4: the reporter's name, row 5: ``US Dollars, Millions``, row 7: the years ``1960`` … ``2020`` as
  text in columns C onwards; column A is empty throughout;
* from row 8, one row a partner in the IMF's order: World, then groups (Advanced Economies, Euro Area,
  regions, memorandum groups) with their members beneath them, names as the IMF writes them.

Caveats a reader must know:

* **A stray first row.** In every sheet of the pinned files, row 8 is a copy of the Australia row (all
  61 cells identical to the Australia row in the Advanced Economies block) placed above World, most
  likely an artefact of the download. The extractor checks that it is an exact copy and leaves it out,
  so each (reporter, flow, partner, year) appears once; anything else there stops the extraction.
* **Groups overlap.** World, regions, "Euro Area", "European Union", the memorandum groups and
  "Other Countries not included elsewhere" (Cuba, North Korea, East Germany) are subtotals of other rows:
  sum countries, never the whole frame. ``partner_kind`` tells them apart; "… not specified",
  "Special Categories" and former states (USSR, Yugoslavia, Czechoslovakia) have kind ``other``.
  World equals Advanced Economies + Emerging and Developing Economies + Other Countries not included
  elsewhere + Special Categories + Countries & Areas not specified, in every sheet and year.
* **Pakistan to 1971 includes East Pakistan**: Bangladesh appears as a partner only from 1972.
* **Odd early cells.** The World file's Malaysia cells for 1960–63 are negative (beside a short-lived
  "Malaysia, West" row), and Malaysia/Singapore attributions jump before 1966; they are kept as published.
* **The World file is a mirror.** With World as reporter, "exports to Pakistan" are what all reporters
  (plus IMF estimates) record as exports to Pakistan: the partners' view of Pakistan's imports.
* **Estimates.** DOTS writes IMF estimates as text with an `` e`` suffix (``5,410.08 e``); such cells
  become ``value`` 5410.08 with ``estimate`` True. The pinned files contain none: every filled cell
  is a number, so ``estimate`` is False throughout (tests pin this).
* **Vintage.** 2019–2020 may since have been revised; the IMF has replaced DOTS with IMTS.

Empty cells (no report for that partner and year) stay NaN; nothing is filled.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from . import countries
from .errors import StructureError, expect
from .tables import extracted

#: The sheets, and the flow and valuation basis each holds.
SHEETS = {"Exports, FOB": ("exports", "FOB"), "Imports, CIF": ("imports", "CIF")}
#: The title each sheet carries in row 2.
TITLES = {"Exports, FOB": "Exports, FOB to Partner Countries", "Imports, CIF": "Imports, CIF from Partner Countries"}
YEARS = list(range(1960, 2021))
UNIT = "US$ million"
#: Each input, the reporter's name as its sheets write it, and the reporter's ISO3 code (none for World).
REPORTERS = {
    "imf_dots_pakistan": ("Pakistan", "PAK"),
    "imf_dots_japan": ("Japan", "JPN"),
    "imf_dots_world": ("World", None),
}
HEADER_ROWS = 7  # rows 1-7 are titles and the year header; partners start on row 8
FIRST_COLUMN = 3  # column C holds 1960
_NUMBER = re.compile(r"-?[0-9][0-9,]*(?:\.[0-9]+)?")
_ESTIMATE = re.compile(r"(-?[0-9][0-9,]*(?:\.[0-9]+)?) e")
COLUMNS = [
    "reporter",
    "reporter_name",
    "flow",
    "basis",
    "partner_name",
    "partner",
    "partner_kind",
    "year",
    "value",
    "unit",
    "estimate",
]


def _column_letter(column: int) -> str:
    """The spreadsheet letter of a column number (for error messages naming a cell)."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)


def parse_cell(value: object, where: str, input_name: str, file: str) -> tuple[float, bool]:
    """A cell's value in US$ million and whether the IMF marked it as an estimate.

    Numbers pass unchanged, an empty cell is NaN, and text is accepted only as a number (commas allowed)
    with or without the IMF's `` e`` estimate mark; any other text stops the extraction, because
    guessing what it means could misread a new release.
    """
    if value is None:
        return np.nan, False
    if isinstance(value, bool):  # bool is an int subclass: a TRUE/FALSE cell is not a figure
        expect(False, input_name, file, f"cell {where}: expected a number, found {value!r}")
    if isinstance(value, int | float):
        return float(value), False
    text = str(value).strip()
    if match := _ESTIMATE.fullmatch(text):
        return float(match.group(1).replace(",", "")), True
    expect(
        bool(_NUMBER.fullmatch(text)),
        input_name,
        file,
        f"cell {where}: expected a number, empty, or an IMF estimate such as '5,410.08 e'; found {value!r}",
    )
    return float(text.replace(",", "")), False


def _sheet(rows: list[tuple], sheet: str, reporter_name: str, input_name: str, file: str) -> pd.DataFrame:
    """One sheet as long rows (partner, year, value, estimate), after checking its layout."""
    where = f"sheet {sheet!r}"
    width = FIRST_COLUMN - 1 + len(YEARS)
    expect(len(rows) > HEADER_ROWS + 1, input_name, file, f"{where}: expected partner rows from row 8, found none")

    def cell(row: int, column: int) -> object:
        """The value at a 1-based (Excel) row and column, None beyond the row's end."""
        return rows[row - 1][column - 1] if len(rows[row - 1]) >= column else None

    expect(
        cell(2, 2) == TITLES[sheet],
        input_name,
        file,
        f"{where}: expected {TITLES[sheet]!r} in B2, found {cell(2, 2)!r}",
    )
    expect(
        cell(4, 2) == reporter_name,
        input_name,
        file,
        f"{where}: expected the reporter {reporter_name!r} in B4, found {cell(4, 2)!r}",
    )
    expect(
        cell(5, 2) == "US Dollars, Millions",
        input_name,
        file,
        f"{where}: expected the unit 'US Dollars, Millions' in B5, found {cell(5, 2)!r}",
    )
    header = [cell(HEADER_ROWS, c) for c in range(FIRST_COLUMN, max(width, len(rows[HEADER_ROWS - 1])) + 1)]
    expect(
        [str(h) if h is not None else None for h in header] == [str(y) for y in YEARS],
        input_name,
        file,
        f"{where}: expected the years 1960..2020 in row 7 from column C, found {header[:3]}..{header[-3:]} "
        f"({len(header)} columns)",
    )
    body = rows[HEADER_ROWS:]
    stray = [i + HEADER_ROWS + 1 for i, r in enumerate(body) if r and r[0] is not None]
    expect(not stray, input_name, file, f"{where}: expected column A to be empty, found text in row(s) {stray[:5]}")
    too_wide = [i + HEADER_ROWS + 1 for i, r in enumerate(body) if any(v is not None for v in r[width:])]
    expect(not too_wide, input_name, file, f"{where}: expected no cells right of 2020, found some in {too_wide[:5]}")
    names = [r[1] if len(r) > 1 else None for r in body]
    unnamed = [i + HEADER_ROWS + 1 for i, n in enumerate(names) if not isinstance(n, str) or not n.strip()]
    expect(
        not unnamed,
        input_name,
        file,
        f"{where}: expected a partner name in column B of every row, not in {unnamed[:5]}",
    )

    # The pinned files carry a copy of the Australia row above World (see the module docstring): accept
    # it only when it is an exact copy of a later row, and leave it out.
    first = 0
    if names[0] != "World":
        copies = [j for j in range(1, len(body)) if tuple(body[j][1:width]) == tuple(body[0][1:width])]
        expect(
            bool(copies) and len(names) > 1 and names[1] == "World",
            input_name,
            file,
            f"{where}: expected World as the first partner (row 8), or an exact copy of a later partner row "
            f"followed by World; found {names[0]!r} then {names[1] if len(names) > 1 else None!r}",
        )
        first = 1
    duplicated = pd.Series(names[first:]).loc[lambda s: s.duplicated()].tolist()
    expect(not duplicated, input_name, file, f"{where}: expected each partner once, found repeated {duplicated[:5]}")

    records = []
    for i in range(first, len(body)):
        row = body[i]
        for j, year in enumerate(YEARS):
            column = FIRST_COLUMN + j
            raw = row[column - 1] if len(row) >= column else None
            value, estimate = parse_cell(
                raw, f"{_column_letter(column)}{i + HEADER_ROWS + 1} of {sheet!r}", input_name, file
            )
            records.append((names[i], year, value, estimate))
    return pd.DataFrame.from_records(records, columns=["partner_name", "year", "value", "estimate"])


def read_reporter(path: Path, input_name: str) -> pd.DataFrame:
    """One reporter's workbook (both sheets) as a tidy frame with the columns of :func:`dots`."""
    file = path.name
    reporter_name, iso3 = REPORTERS[input_name]
    try:
        import openpyxl  # the parser only when a file is read, not when cached tables are

        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:  # not an xlsx workbook at all
        raise StructureError(input_name, file, f"expected an xlsx workbook; it cannot be opened ({exc})") from None
    try:
        expect(
            workbook.sheetnames == list(SHEETS),
            input_name,
            file,
            f"expected the sheets {list(SHEETS)}, found {workbook.sheetnames}",
        )
        parts = []
        for sheet, (flow, basis) in SHEETS.items():
            rows = list(workbook[sheet].iter_rows(values_only=True))
            part = _sheet(rows, sheet, reporter_name, input_name, file)
            parts.append(part.assign(flow=flow, basis=basis))
    finally:
        workbook.close()
    frame = pd.concat(parts, ignore_index=True)
    codes = countries.codes("imf", frame["partner_name"], input_name, file)
    return pd.DataFrame(
        {
            "reporter": pd.array([iso3] * len(frame), dtype="string"),
            "reporter_name": pd.array([reporter_name] * len(frame), dtype="string"),
            "flow": frame["flow"].astype("string"),
            "basis": frame["basis"].astype("string"),
            "partner_name": frame["partner_name"].astype("string"),
            "partner": codes["iso3"].astype("string"),
            "partner_kind": codes["kind"].astype("string"),
            "year": frame["year"].astype("int64"),
            "value": frame["value"].astype("float64"),
            "unit": pd.array([UNIT] * len(frame), dtype="string"),
            "estimate": frame["estimate"].astype(bool),
        },
        columns=COLUMNS,
    )


@extracted("imf_dots_pakistan", "imf_dots_japan", "imf_dots_world", version=1)
def dots(pakistan: Path, japan: Path, world: Path) -> pd.DataFrame:
    """DOTS for the three reporters, one row per reporter, flow, partner and year (1960–2020).

    Columns: ``reporter`` (ISO3; NA for World), ``reporter_name``, ``flow`` (exports | imports),
    ``basis`` (FOB for exports, CIF for imports), ``partner_name`` (as the IMF writes it), ``partner``
    (ISO3; NA for groups and names with no code), ``partner_kind`` (country | group | other), ``year``,
    ``value`` (US$ million; NaN where the cell is empty), ``unit`` and ``estimate`` (the IMF's `` e`` mark).
    Pakistan's and Japan's records of the same flow differ (FOB against CIF, timing, coverage): keep
    ``reporter`` in every comparison.
    """
    parts = [
        read_reporter(pakistan, "imf_dots_pakistan"),
        read_reporter(japan, "imf_dots_japan"),
        read_reporter(world, "imf_dots_world"),
    ]
    return pd.concat(parts, ignore_index=True)
