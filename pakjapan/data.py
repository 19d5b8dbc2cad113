"""Load the book's tables, validated against ``data/datapackage.json``.

The data package is the single source of truth for what a valid row looks like, so the
loader reads its Table Schema (types, required fields, enums, patterns, bounds, primary and
foreign keys) instead of repeating those rules in code. Every problem is reported as a
:class:`DataError` that names the file, the row, the column, the bad value and what was
expected, because a reader fixing a CSV by hand needs all five. Rows are never dropped,
reordered or coerced: a table either loads exactly as written or does not load at all.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

#: Where the CSVs and ``datapackage.json`` live; ``PAKJAPAN_DATA`` overrides it (tests use fixtures).
DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"

_NUMBER = re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$")
_INTEGER = re.compile(r"^-?(0|[1-9][0-9]*)$")
_ISO_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one cell (or row, or file) of one table."""

    file: str
    row: int | None  # 1-based data row; the CSV line is row + 1 (the header is line 1)
    column: str | None
    value: str | None
    expected: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row} (line {self.row + 1})"
        if self.column is not None:
            where += f", column '{self.column}'"
        got = "" if self.value is None else f": got {self.value!r}"
        return f"{where}{got}; expected {self.expected}"


class DataError(ValueError):
    """Raised when a table does not match its schema; lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n  ".join(str(p) for p in problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{len(problems)} problem(s) in the data:\n  {shown}{more}")


def data_dir() -> Path:
    """The data folder in use: ``$PAKJAPAN_DATA`` if set, else the project's ``data/``."""
    return Path(os.environ.get("PAKJAPAN_DATA", DEFAULT_DATA_DIR))


@functools.cache
def _read_package(directory: Path) -> dict[str, Any]:
    with open(directory / "datapackage.json", encoding="utf-8") as fh:
        return json.load(fh)


def package(directory: Path | None = None) -> dict[str, Any]:
    """The parsed data package descriptor (read once per folder)."""
    return _read_package((directory or data_dir()).resolve())


def resource(name: str, directory: Path | None = None) -> dict[str, Any]:
    """The descriptor of one resource, by name; a clear error if there is none."""
    pkg = package(directory)
    for res in pkg["resources"]:
        if res["name"] == name:
            return res
    names = ", ".join(r["name"] for r in pkg["resources"])
    raise KeyError(f"no table named {name!r} in datapackage.json; the tables are: {names}")


def _read_rows(path: Path, fields: list[str]) -> tuple[list[str], list[list[str]], list[Problem]]:
    """Read a CSV as strings, checking only its shape (header and row widths)."""
    name = path.name
    if not path.exists():
        return [], [], [Problem(name, None, None, None, f"a file at {path}")]
    text = path.read_text(encoding="utf-8")
    if not text.strip():
        return (
            [],
            [],
            [Problem(name, None, None, None, f"a header row ({', '.join(fields)}) and data rows; the file is empty")],
        )
    reader = csv.reader(text.splitlines())
    header = next(reader)
    rows = list(reader)
    problems: list[Problem] = []
    for col in fields:
        if col not in header:
            problems.append(Problem(name, None, col, None, "this column in the header (it is missing)"))
    for col in header:
        if col not in fields:
            problems.append(Problem(name, None, col, None, f"only the schema's columns: {', '.join(fields)}"))
    if not problems and header != fields:
        problems.append(
            Problem(name, None, None, ",".join(header), f"columns in the schema's order: {','.join(fields)}")
        )
    if not rows:
        problems.append(Problem(name, None, None, None, "at least one data row after the header"))
    for i, row in enumerate(rows, start=1):
        if len(row) != len(header):
            problems.append(Problem(name, i, None, ",".join(row), f"{len(header)} cells, found {len(row)}"))
    return header, rows, problems


def _check_date(value: str) -> str | None:
    """Return None if ``value`` is an ISO date of year, month or day precision, else why not."""
    m = _ISO_PARTIAL_DATE.match(value)
    if not m:
        return "an ISO date: YYYY, YYYY-MM or YYYY-MM-DD"
    year, month, day = m.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        return f"a real calendar date in the form YYYY[-MM[-DD]] ({exc})"
    return None


def _check_cell(field: dict[str, Any], value: str) -> str | None:
    """Return None if the cell is valid for its field, else a description of what was expected."""
    cons = field.get("constraints", {})
    if value == "":
        return "a value (this field is required)" if cons.get("required") else None
    ftype = field.get("type", "string")
    if ftype == "number" and not _NUMBER.match(value):
        return "a plain decimal number such as 202.34 (no thousands separators, units or words)"
    if ftype == "integer" and not _INTEGER.match(value):
        return "a whole number such as 42"
    if field.get("calendarDate"):
        problem = _check_date(value)
        if problem:
            return problem
    if "enum" in cons and value not in cons["enum"]:
        return "one of: " + ", ".join(cons["enum"])
    if "pattern" in cons and not re.fullmatch(cons["pattern"], value):
        return f"text matching the pattern {cons['pattern']}"
    if ftype in ("number", "integer"):
        num = float(value)
        if "minimum" in cons and num < cons["minimum"]:
            return f"a number >= {cons['minimum']}"
        if "maximum" in cons and num > cons["maximum"]:
            return f"a number <= {cons['maximum']}"
    if "minLength" in cons and len(value) < cons["minLength"]:
        return f"text of at least {cons['minLength']} characters"
    return None


def check_rows(res: dict[str, Any], header: list[str], rows: list[list[str]]) -> list[Problem]:
    """Check cell values and the primary key of one resource's rows (foreign keys are separate)."""
    schema = res["schema"]
    name = Path(res["path"]).name
    fields = {f["name"]: f for f in schema["fields"]}
    problems: list[Problem] = []
    for i, row in enumerate(rows, start=1):
        # A short or long row is reported as such by the caller; check the cells it has.
        for col, value in zip(header, row, strict=False):
            field = fields.get(col)
            if field is None:
                continue
            why = _check_cell(field, value)
            if why:
                problems.append(Problem(name, i, col, value, why))
    key = schema.get("primaryKey")
    if key:
        cols = [key] if isinstance(key, str) else list(key)
        idx = [header.index(c) for c in cols if c in header]
        if len(idx) == len(cols):
            seen: dict[tuple[str, ...], int] = {}
            for i, row in enumerate(rows, start=1):
                if len(row) != len(header):
                    continue
                k = tuple(row[j] for j in idx)
                if k in seen:
                    problems.append(
                        Problem(name, i, ",".join(cols), ",".join(k), f"a unique key; row {seen[k]} already has it")
                    )
                else:
                    seen[k] = i
    return problems


def _raw_table(name: str, directory: Path) -> tuple[dict[str, Any], list[str], list[list[str]], list[Problem]]:
    res = resource(name, directory)
    fields = [f["name"] for f in res["schema"]["fields"]]
    header, rows, problems = _read_rows(directory / res["path"], fields)
    if not problems:
        problems = check_rows(res, header, rows)
    return res, header, rows, problems


def _foreign_key_problems(
    res: dict[str, Any], header: list[str], rows: list[list[str]], directory: Path
) -> list[Problem]:
    problems: list[Problem] = []
    name = Path(res["path"]).name
    for fk in res["schema"].get("foreignKeys", []):
        col = fk["fields"]
        target = fk["reference"]["resource"]
        tcol = fk["reference"]["fields"]
        tres, theader, trows, tproblems = _raw_table(target, directory)
        if tproblems:
            problems.extend(tproblems)
            continue
        allowed = {r[theader.index(tcol)] for r in trows}
        j = header.index(col)
        for i, row in enumerate(rows, start=1):
            if row[j] != "" and row[j] not in allowed:
                problems.append(Problem(name, i, col, row[j], f"a {tcol} listed in {Path(tres['path']).name}"))
    return problems


def _typed_frame(res: dict[str, Any], header: list[str], rows: list[list[str]]) -> pd.DataFrame:
    """Build a DataFrame with the schema's types; cells are already known to parse."""
    frame = pd.DataFrame(rows, columns=header, dtype="string")
    for field in res["schema"]["fields"]:
        col = field["name"]
        ftype = field.get("type", "string")
        if ftype == "number":
            frame[col] = pd.to_numeric(frame[col].replace("", pd.NA)).astype("Float64")
        elif ftype == "integer":
            frame[col] = pd.to_numeric(frame[col].replace("", pd.NA)).astype("Int64")
    frame.attrs["resource"] = res["name"]
    return frame


def validate_table(name: str, directory: Path | None = None) -> list[Problem]:
    """Every problem in one table, foreign keys included (empty list when valid)."""
    directory = directory or data_dir()
    res, header, rows, problems = _raw_table(name, directory)
    if problems:
        return problems
    return _foreign_key_problems(res, header, rows, directory)


def validate_all(directory: Path | None = None) -> list[Problem]:
    """Every problem in every table of the package."""
    directory = directory or data_dir()
    problems: list[Problem] = []
    for res in package(directory)["resources"]:
        problems.extend(validate_table(res["name"], directory))
    return problems


def load(name: str, directory: Path | None = None) -> pd.DataFrame:
    """Load one table by its data-package name, typed and validated, or raise :class:`DataError`."""
    directory = directory or data_dir()
    res, header, rows, problems = _raw_table(name, directory)
    if not problems:
        problems = _foreign_key_problems(res, header, rows, directory)
    if problems:
        raise DataError(problems)
    return _typed_frame(res, header, rows)
