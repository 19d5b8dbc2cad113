"""World Bank (KNOMAD): Bilateral Remittance Matrix 2017, April 2018 version (US$ million).

The file (``wb_remittance_matrix_2017``) is the World Bank's workbook as published, with one extra
sheet (``remshare``, a single parameter added by the repository that carries it, not read here).
Sheet ``Bilateral_Remittances_2017``: a title in A1 (estimates for 2017, millions of US$, April 2018
version); row 2 the receiving countries across, under the label "receiving (across) / sending (down)";
from row 3 one row per sending country, in the same order as the columns; a ``WORLD`` column and a
``WORLD`` row of ``=SUM`` formulas; then notes.

Caveats a chapter author must know:

* Every cell is a model estimate (Ratha and Shaw's method: the World Bank's 2017 remittance inflows
  split across senders by migrant stocks and the two countries' incomes), not a recorded flow:
  ``estimate`` is True on every row. Informal channels are not captured.
* Four cells hold ``-`` instead of a number (India/Pakistan and Israel/Lebanon, both ways): value NA,
  the ``-`` kept in ``mark``.
* The ``WORLD`` totals are the workbook's formulas as last calculated (their cached values), kept as
  written (``total`` True). Two are stale: the totals received by Israel (990.3752) and Lebanon
  (7,954.715) exceed the sum of their columns by 1.20 and 0.84, so the grand total (613,465.84)
  exceeds the sum of all cells (613,463.80); the ``-`` cells between them seem to have replaced
  numbers after the last recalculation.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd

from .. import countries
from ..errors import StructureError, expect
from ..tables import extracted

INPUT = "wb_remittance_matrix_2017"
PUBLISHER = "knomad"
SHEET = "Bilateral_Remittances_2017"
CORNER = "receiving (across) / sending (down)"
TOTAL = "WORLD"
YEAR = 2017
COLUMNS = [
    "year",
    "sender_name",
    "sender",
    "sender_kind",
    "receiver_name",
    "receiver",
    "receiver_kind",
    "value",
    "mark",
    "unit",
    "estimate",
    "total",
]


def _rows(path: Path) -> list[tuple]:
    """The sheet's cell values (formulas as their cached results), or a StructureError."""
    try:
        import openpyxl  # the parser only when a file is read, not when cached tables are

        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise StructureError(INPUT, path.name, f"an xlsx workbook; it cannot be opened ({exc})") from None
    try:
        expect(
            SHEET in book.sheetnames,
            INPUT,
            path.name,
            f"a sheet named {SHEET!r}; found {book.sheetnames}",
        )
        return [tuple(r) for r in book[SHEET].iter_rows(values_only=True)]
    finally:
        book.close()


def _first_difference(labels: list, header: list) -> str:
    """Where column A first parts from row 2, for the message (rows counted as in the sheet)."""
    for i in range(max(len(labels), len(header))):
        label = labels[i] if i < len(labels) else None
        column = header[i] if i < len(header) else None
        if label != column:
            return f"row {i + 3} {label!r} against {column!r}"
    return "none"


@extracted(INPUT, version=1)
def bilateral_2017(path: Path) -> pd.DataFrame:
    """Remittances sent in 2017 from each country to each other (US$ million, model estimates).

    Columns: ``year`` (2017), ``sender_name`` and ``receiver_name`` (as written), ``sender`` and
    ``receiver`` (ISO 3166 alpha-3; NA for WORLD and the Channel Islands), ``sender_kind`` and
    ``receiver_kind`` (country | group | other), ``value`` (US$ million, float; NA where the cell is
    ``-``), ``mark`` (that ``-``, else NA), ``unit`` ('US$ million'), ``estimate`` (True: every cell is
    a model estimate) and ``total`` (True on the WORLD row and column, the workbook's sums). Every
    cell of the matrix is one row, zeros and totals included.
    """
    file = path.name
    rows = _rows(path)
    title = str(rows[0][0]) if rows and rows[0] else ""
    expect(
        "Bilateral Remittance Estimates for 2017" in title and "millions of US$" in title,
        INPUT,
        file,
        f"cell A1 to title the estimates for 2017 in millions of US$; found {title[:120]!r}",
    )
    expect(
        len(rows) > 2 and str(rows[1][0]).strip() == CORNER,
        INPUT,
        file,
        f"cell A2 to read {CORNER!r} above the sending countries; found {rows[1][0] if len(rows) > 1 else None!r}",
    )
    header = list(rows[1][1:])
    while header and header[-1] is None:
        header.pop()
    expect(
        len(header) > 200 and header[-1] == TOTAL and all(isinstance(h, str) for h in header),
        INPUT,
        file,
        f"row 2 to name the receiving countries across, ending with {TOTAL!r}; found {len(header)} cells "
        f"ending with {header[-1] if header else None!r}",
    )
    body = rows[2 : 2 + len(header)]
    labels = [r[0] for r in body]
    expect(
        labels == header,
        INPUT,
        file,
        "column A from row 3 to list the sending countries in the order of the receiving countries in row 2, "
        f"ending with {TOTAL!r}; the first difference: {_first_difference(labels, header)}",
    )
    after = rows[2 + len(header)] if len(rows) > 2 + len(header) else ()
    expect(
        all(v is None for v in after),
        INPUT,
        file,
        f"a blank row after the {TOTAL!r} row, before the notes; found {after[:3]!r}",
    )
    senders, receivers, values, marks = [], [], [], []
    for i, row in enumerate(body):
        cells = list(row[1 : 1 + len(header)])
        for j, cell in enumerate(cells):
            is_number = isinstance(cell, int | float) and not isinstance(cell, bool)
            expect(
                is_number or cell == "-",
                INPUT,
                file,
                f"every cell of the matrix to be a number (US$ million) or '-'; found {cell!r} from "
                f"{labels[i]!r} to {header[j]!r} (row {i + 3}); an empty total is a formula without a cached value",
            )
            senders.append(labels[i])
            receivers.append(header[j])
            values.append(float(cell) if is_number else None)
            marks.append(None if is_number else cell)
    sender_name = pd.Series(senders, dtype="str")
    receiver_name = pd.Series(receivers, dtype="str")
    sender_codes = countries.codes(PUBLISHER, sender_name, INPUT, file)
    receiver_codes = countries.codes(PUBLISHER, receiver_name, INPUT, file)
    frame = pd.DataFrame(
        {
            "year": pd.Series(YEAR, index=sender_name.index, dtype="int64"),
            "sender_name": sender_name,
            "sender": sender_codes["iso3"].astype("str"),
            "sender_kind": sender_codes["kind"].astype("str"),
            "receiver_name": receiver_name,
            "receiver": receiver_codes["iso3"].astype("str"),
            "receiver_kind": receiver_codes["kind"].astype("str"),
            "value": pd.Series(values, dtype="float64"),
            "mark": pd.Series(marks, dtype="str"),
            "unit": "US$ million",
            "estimate": True,
            "total": (sender_name == TOTAL) | (receiver_name == TOTAL),
        }
    )
    return frame[COLUMNS]
