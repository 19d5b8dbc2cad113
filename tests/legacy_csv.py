"""Reads the old long-run CSV extracts (``../shared/datasets``) exactly as the chapters once read them.

Test-only: ``test_upstream_legacy.py`` compares ``pakjapan.upstream.legacy``'s tables with these files
while they still exist. No code of the book reads them.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass

import pandas as pd


class DatasetError(RuntimeError):
    """An old extract does not have the expected shape."""


_INT = re.compile(r"^-?[0-9]+$")
_NUM = re.compile(r"^-?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$")
_CODE3 = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Column:
    """One expected column: its kind and whether an empty cell is allowed."""

    name: str
    kind: str  # "year", "code3", "int", "number", "text"
    nullable: bool = False


#: The expected columns of each file, in order. An empty numeric cell is a missing value.
SCHEMAS: dict[str, tuple[Column, ...]] = {
    "cow_trade_dyadic.csv": (
        Column("year", "year"),
        Column("importer", "code3"),
        Column("exporter", "code3"),
        Column("importer_cow", "int"),
        Column("exporter_cow", "int"),
        Column("imports_musd", "number", nullable=True),
        Column("imports_smoothed_musd", "number", nullable=True),
    ),
    "cow_trade_totals.csv": (
        Column("year", "year"),
        Column("country", "code3"),
        Column("country_cow", "int"),
        Column("imports_musd", "number", nullable=True),
        Column("exports_musd", "number", nullable=True),
    ),
    "exchange_rates.csv": (
        Column("year", "year"),
        Column("country", "code3"),
        Column("per_usd", "number", nullable=True),
        Column("series", "text"),
    ),
    "macro.csv": (
        Column("year", "year"),
        Column("country", "code3"),
        Column("indicator", "text"),
        Column("unit", "text"),
        Column("value", "number", nullable=True),
        Column("series", "text"),
    ),
}

#: Plausible years for these series (Maddison starts in 1870; the latest releases reach 2025).
YEAR_RANGE = (1800, 2100)


def _problem(name: str, row: int | None, column: str | None, value: str | None, expected: str) -> str:
    where = name
    if row is not None:
        where += f", row {row} (line {row + 1})"
    if column is not None:
        where += f", column '{column}'"
    got = "" if value is None else f": got {value!r}"
    return f"{where}{got}; expected {expected}"


def parse(name: str, text: str) -> pd.DataFrame:
    """Parse and validate one file's text against :data:`SCHEMAS`; raise :class:`DatasetError` listing every problem.

    Exposed separately from :func:`load` so the validation can be tested on small texts.
    """
    schema = SCHEMAS[name]
    fields = [c.name for c in schema]
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        raise DatasetError(f"{name} is empty; restore the original file.")
    header, body = rows[0], rows[1:]
    if header != fields:
        missing = [f for f in fields if f not in header]
        extra = [h for h in header if h not in fields]
        detail = []
        if missing:
            detail.append(f"missing column(s) {', '.join(missing)}")
        if extra:
            detail.append(f"unexpected column(s) {', '.join(extra)}")
        if not detail:
            detail.append("columns out of order")
        raise DatasetError(
            f"{name}: header is {','.join(header)!r}; expected {','.join(fields)!r} ({'; '.join(detail)}). "
            "Restore the original file."
        )
    problems: list[str] = []
    columns: dict[str, list] = {f: [] for f in fields}
    for i, row in enumerate(body, start=1):
        if len(row) != len(fields):
            problems.append(_problem(name, i, None, ",".join(row), f"{len(fields)} cells, found {len(row)}"))
            continue
        for col, cell in zip(schema, row, strict=False):
            value, why = _cell(col, cell)
            if why:
                problems.append(_problem(name, i, col.name, cell, why))
            columns[col.name].append(value)
    if problems:
        shown = "\n  ".join(problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise DatasetError(f"{len(problems)} problem(s) in {name}; restore the original file:\n  {shown}{more}")
    frame = pd.DataFrame(columns)
    for col in schema:
        if col.kind in ("year", "int"):
            frame[col.name] = frame[col.name].astype("int64")
        elif col.kind == "number":
            frame[col.name] = frame[col.name].astype("float64")
        else:
            frame[col.name] = frame[col.name].astype("string")
    return frame


def _cell(col: Column, cell: str) -> tuple[object, str | None]:
    """The typed value of one cell and, if it is invalid, what was expected instead."""
    if cell == "":
        if col.nullable:
            return math.nan, None
        return None, "a value (this column may not be empty)"
    if cell != cell.strip():
        return None, "no leading or trailing spaces"
    if col.kind == "year":
        if not _INT.match(cell) or not YEAR_RANGE[0] <= int(cell) <= YEAR_RANGE[1]:
            return None, f"a four-digit year between {YEAR_RANGE[0]} and {YEAR_RANGE[1]}"
        return int(cell), None
    if col.kind == "int":
        if not _INT.match(cell):
            return None, "a whole number"
        return int(cell), None
    if col.kind == "number":
        if not _NUM.match(cell):
            return None, "a decimal number, or an empty cell for a missing value"
        value = float(cell)
        if value < 0:
            return None, "a number not below zero"
        return value, None
    if col.kind == "code3":
        if not _CODE3.match(cell):
            return None, "an ISO 3166 alpha-3 country code (three capital letters)"
        return cell, None
    return cell, None
