"""Load the book's tables, validated against ``data/datapackage.json``.

The data package is the single source of truth for what a valid row looks like, so the
loader reads its Table Schema (types, required fields, enums, patterns, bounds, primary and
foreign keys) instead of repeating those rules in code. Every problem is reported as a
:class:`DataError` that names the file, the row, the column, the bad value and what was
expected, because a reader fixing a CSV by hand needs all five. Rows are never dropped,
reordered or coerced: a table either loads exactly as written or does not load at all.
Files must be UTF-8 (a leading byte-order mark is ignored) and are parsed by the csv module
from their text, so quoted cells may hold line breaks and messages give both the data row and
the physical line it starts on.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import functools
import io
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from . import periods

#: Where the CSVs and ``datapackage.json`` live; ``PAKJAPAN_DATA`` overrides it (tests use fixtures).
DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"

_NUMBER = re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$")
_INTEGER = re.compile(r"^-?(0|[1-9][0-9]*)$")
_ISO_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
#: Control characters other than tab and line breaks: damage, never content (line breaks in a
#: quoted cell are legal CSV and kept).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one cell (or row, or file) of one table.

    ``line`` is the physical line of the file where the row (or problem) starts; it differs from
    ``row + 1`` as soon as an earlier cell holds a line break, which is legal in CSV.
    ``char`` is a column counted in characters, for problems in the JSON descriptor.
    """

    file: str
    row: int | None  # 1-based data row
    column: str | None
    value: str | None
    expected: str
    line: int | None = None
    char: int | None = None
    found: str | None = None  # a description of what is there, when it is not one cell's value

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row} (line {self.line or self.row + 1})"
        elif self.line is not None:
            where += f", line {self.line}"
        if self.column is not None:
            where += f", column '{self.column}'"
        elif self.char is not None:
            where += f", column {self.char}"
        got = "" if self.value is None else f": got {self.value!r}"
        if self.found:
            got += f": {self.found}"
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


def _decode(name: str, raw: bytes) -> tuple[str, list[Problem]]:
    """The file's text, or one problem saying where it stops being UTF-8.

    A UTF-8 byte-order mark (which spreadsheet programs write) is dropped: it is not part of
    the first column's name. A NUL byte is never text; it usually means UTF-16 or binary data.
    """

    def not_utf8(line: int, found: str) -> tuple[str, list[Problem]]:
        return "", [Problem(name, None, None, None, "UTF-8 text (save the file as UTF-8)", line=line, found=found)]

    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return not_utf8(1, "the file is UTF-16 (it starts with a UTF-16 byte-order mark)")
    skip = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
    nul = raw.find(b"\0", skip)
    if nul >= 0:
        return not_utf8(raw.count(b"\n", 0, nul) + 1, f"a NUL byte at byte position {nul} (UTF-16 or binary data?)")
    try:
        return raw[skip:].decode("utf-8"), []
    except UnicodeDecodeError as exc:
        pos = skip + exc.start
        return not_utf8(raw.count(b"\n", 0, pos) + 1, f"byte 0x{raw[pos]:02X} at byte position {pos} is not UTF-8")


def _package_problems(pkg: Any) -> list[Problem]:
    """Problems in the descriptor's structure that would otherwise surface as a crash."""

    def bad(expected: str, found: str | None = None) -> Problem:
        return Problem("datapackage.json", None, None, None, expected, found=found)

    if not isinstance(pkg, dict) or not isinstance(pkg.get("resources"), list):
        return [bad("an object with a list of 'resources'")]
    problems: list[Problem] = []
    names: dict[str, set[str]] = {}
    for i, res in enumerate(pkg["resources"], start=1):
        where = f"resource {i}"
        if not (
            isinstance(res, dict)
            and isinstance(res.get("name"), str)
            and isinstance(res.get("path"), str)
            and isinstance(res.get("schema"), dict)
            and isinstance(res["schema"].get("fields"), list)
            and all(isinstance(f, dict) and isinstance(f.get("name"), str) for f in res["schema"]["fields"])
        ):
            problems.append(
                bad(
                    "each resource to have a name, a path and a schema whose fields each have a name",
                    found=f"{where} does not",
                )
            )
            continue
        names[res["name"]] = {f["name"] for f in res["schema"]["fields"]}
        for f in res["schema"]["fields"]:
            rule = f.get("negativeOnlyFor")
            if rule is not None and not (
                f.get("type") in ("number", "integer")
                and isinstance(rule, dict)
                and len(rule) == 1
                and next(iter(rule)) in names[res["name"]]
                and isinstance(next(iter(rule.values())), list)
            ):
                problems.append(
                    bad(
                        'negativeOnlyFor on a number field, as {"other column": [allowed values]}',
                        found=f"{res['name']}.{f['name']}: {rule!r}",
                    )
                )
            pattern = f.get("constraints", {}).get("pattern") if isinstance(f.get("constraints"), dict) else None
            try:
                re.compile(pattern or "")
            except (re.error, TypeError) as exc:
                problems.append(
                    bad("a valid regular expression", found=f"{res['name']}.{f['name']} pattern {pattern!r}: {exc}")
                )
    for res in pkg["resources"]:
        if not (isinstance(res, dict) and res.get("name") in names):
            continue
        for fk in _references(res["schema"]):
            if (
                fk["fields"] not in names[res["name"]]
                or fk["resource"] not in names
                or fk["target"] not in names[fk["resource"]]
            ):
                problems.append(
                    bad(
                        "foreign keys between existing tables and columns",
                        found=f"{res['name']}.{fk['fields']} refers to {fk['resource']}.{fk['target']}",
                    )
                )
    return problems


def _references(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """Each foreign key as fields, resource, target, separator and group (the targets one column may match).

    ``listForeignKeys`` is this package's extension to Table Schema for a column holding a
    separated list of ids that may point into any of several tables (``key_figures.rows``):
    standard foreign keys can express neither the list nor the choice of table.
    """
    out: list[dict[str, Any]] = []
    for n, fk in enumerate(schema.get("foreignKeys", []) or [], start=1):
        out.append(
            {
                "fields": fk["fields"],
                "resource": fk["reference"]["resource"],
                "target": fk["reference"]["fields"],
                "separator": None,
                "group": -n,
            }
        )
    for n, fk in enumerate(schema.get("listForeignKeys", []) or [], start=1):
        for ref in fk["reference"]:
            out.append(
                {
                    "fields": fk["fields"],
                    "resource": ref["resource"],
                    "target": ref["fields"],
                    "separator": fk.get("separator"),
                    "group": n,
                }
            )
    return out


@functools.cache
def _read_package(directory: Path) -> dict[str, Any]:
    path = directory / "datapackage.json"
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(
            [Problem("datapackage.json", None, None, None, f"a readable file at {path}", found=exc.strerror)]
        ) from None
    text, problems = _decode("datapackage.json", raw)
    if problems:
        raise DataError(problems)
    try:
        pkg = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(
            [
                Problem(
                    "datapackage.json",
                    None,
                    None,
                    None,
                    "valid JSON (check commas, quotes and brackets)",
                    line=exc.lineno,
                    char=exc.colno,
                    found=exc.msg,
                )
            ]
        ) from None
    try:
        problems = _package_problems(pkg)
    except (KeyError, TypeError, AttributeError) as exc:
        problems = [
            Problem(
                "datapackage.json",
                None,
                None,
                None,
                'foreign keys written as {"fields": column, "reference": {"resource": table, "fields": column}}',
                found=f"a foreign key does not parse ({type(exc).__name__}: {exc})",
            )
        ]
    if problems:
        raise DataError(problems)
    return pkg


def package(directory: Path | None = None) -> dict[str, Any]:
    """The parsed data package descriptor (read once per folder); :class:`DataError` if unreadable."""
    return _read_package((directory or data_dir()).resolve())


def resource(name: str, directory: Path | None = None) -> dict[str, Any]:
    """The descriptor of one resource, by name; a clear error if there is none."""
    pkg = package(directory)
    for res in pkg["resources"]:
        if res["name"] == name:
            return res
    names = ", ".join(r["name"] for r in pkg["resources"])
    raise KeyError(f"no table named {name!r} in datapackage.json; the tables are: {names}")


_DELIMITERS = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}


def _header_problems(name: str, header: list[str], fields: list[str]) -> list[Problem]:
    """Problems with the header row, one message per problem.

    A first line that names none of the schema's columns means the whole file is wrong (another
    delimiter, or no header), which is said once instead of once per column. A column whose name
    differs from the expected one in the same place is one renamed column, not one missing plus
    one unknown; the names are shown quoted so invisible differences show up.
    """
    if not set(header) & set(fields):
        if len(header) == 1 and len(fields) > 1:
            for delim, word in _DELIMITERS.items():
                if delim in header[0]:
                    return [
                        Problem(
                            name,
                            None,
                            None,
                            None,
                            "comma-separated values",
                            line=1,
                            found=f"the header has no commas but has {word}: the file is not comma-separated",
                        )
                    ]
        return [
            Problem(
                name,
                None,
                None,
                None,
                f"a header row naming the columns: {','.join(fields)}",
                line=1,
                found=f"the first line names none of them ({','.join(header)[:80]!r}); is the header missing?",
            )
        ]
    problems: list[Problem] = []
    missing = [c for c in fields if c not in header]
    extra = [c for c in header if c not in fields]
    renamed: set[str] = set()
    if len(header) == len(fields):
        for pos, (got, want) in enumerate(zip(header, fields, strict=False), start=1):
            if got in extra and want in missing:
                problems.append(
                    Problem(
                        name,
                        None,
                        want,
                        None,
                        f"the name {want!r} for column {pos}",
                        line=1,
                        found=f"it is named {got!r}",
                    )
                )
                renamed |= {got, want}
    problems += [
        Problem(name, None, c, None, "this column in the header (it is missing)", line=1)
        for c in missing
        if c not in renamed
    ]
    problems += [
        Problem(name, None, c, None, f"only the schema's columns: {', '.join(fields)}", line=1)
        for c in extra
        if c not in renamed
    ]
    dupes = sorted({c for c in header if header.count(c) > 1})
    problems += [
        Problem(name, None, c, None, "each column once in the header", line=1, found="it appears more than once")
        for c in dupes
    ]
    if not problems and header != fields:
        problems.append(
            Problem(name, None, None, ",".join(header), f"columns in the schema's order: {','.join(fields)}", line=1)
        )
    return problems


def _read_rows(path: Path, fields: list[str]) -> tuple[list[str], list[list[str]], list[int], list[Problem]]:
    """Read a CSV as strings, checking only its encoding and shape (header and row widths).

    The csv module reads the text itself (never lines split beforehand), so a quoted cell may
    hold line breaks, U+2028 or anything else and comes back exactly as written; the line each
    row starts on is recorded for messages. Quoting errors are reported, not repaired.
    """
    name = path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return [], [], [], [Problem(name, None, None, None, f"a readable file at {path}", found=exc.strerror)]
    text, problems = _decode(name, raw)
    if problems:
        return [], [], [], problems
    if not text.strip():
        return (
            [],
            [],
            [],
            [Problem(name, None, None, None, f"a header row ({', '.join(fields)}) and data rows; the file is empty")],
        )
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[list[str]] = []
    lines: list[int] = []
    try:
        header = next(reader)
        start = reader.line_num + 1
        for row in reader:
            rows.append(row)
            lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        return (
            [],
            [],
            [],
            [
                Problem(
                    name,
                    None,
                    None,
                    None,
                    "well-formed CSV (a quoted cell ends with a quote followed by a comma or the end of the line)",
                    line=reader.line_num,
                    found=str(exc),
                )
            ],
        )
    problems = _header_problems(name, header, fields)
    if problems:
        return header, rows, lines, problems
    if not rows:
        problems.append(Problem(name, None, None, None, "at least one data row after the header"))
    for i, (row, line) in enumerate(zip(rows, lines, strict=False), start=1):
        if len(row) != len(header):
            problems.append(Problem(name, i, None, ",".join(row), f"{len(header)} cells, found {len(row)}", line=line))
    return header, rows, lines, problems


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
    if m := _CONTROL.search(value):
        return f"text without control characters (found U+{ord(m[0]):04X} at character {m.start() + 1})"
    if value == "":
        return "a value (this field is required)" if cons.get("required") else None
    ftype = field.get("type", "string")
    if ftype == "number" and not _NUMBER.match(value):
        return "a plain decimal number such as 202.34 (no thousands separators, units or words)"
    if ftype == "integer" and not _INTEGER.match(value):
        return "a whole number such as 42"
    # A boolean is written as the schema's words only (the file stays readable; loaded as text).
    if ftype == "boolean" and value not in [*field.get("trueValues", ["true"]), *field.get("falseValues", ["false"])]:
        return " or ".join([*field.get("trueValues", ["true"]), *field.get("falseValues", ["false"])])
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


def _row_problems(res: dict[str, Any], header: list[str], row: list[str], bad: set[str]) -> list[tuple[str, str, str]]:
    """Rules that read two cells of a row: signs allowed only for some units, period labels.

    ``bad`` holds the columns of this row already reported, so one problem gives one message.
    """
    out: list[tuple[str, str, str]] = []
    cell = dict(zip(header, row, strict=False))
    for field in res["schema"]["fields"]:
        rule = field.get("negativeOnlyFor")
        col = field["name"]
        if rule and col not in bad and cell.get(col, "") != "" and float(cell[col]) < 0:
            ((other, allowed),) = rule.items()
            if cell.get(other) not in allowed:
                out.append(
                    (
                        col,
                        cell[col],
                        f"a number >= 0: only a {other} of {' or '.join(allowed)} may be negative "
                        f"(this row's {other} is {cell.get(other)!r})",
                    )
                )
    if "period" in cell and "period_type" in cell and not {"period", "period_type"} & bad:
        why = periods.label_problem(cell["period"], cell["period_type"])
        if why:
            out.append(
                (
                    "period",
                    cell["period"],
                    f"a period label the book parses, e.g. 2024, 2025-09, 2024-11-13, FY2023-24, "
                    f"2021 (Jan-Nov), Aug 2024 to Aug 2025 ({why})",
                )
            )
    return out


def check_rows(
    res: dict[str, Any], header: list[str], rows: list[list[str]], lines: list[int] | None = None
) -> list[Problem]:
    """Check cell values and the primary key of one resource's rows (foreign keys are separate).

    ``lines`` gives the physical line each row starts on (they differ from ``row + 1`` once a
    cell holds a line break); without it rows are assumed to be one line each.
    """
    schema = res["schema"]
    name = Path(res["path"]).name
    fields = {f["name"]: f for f in schema["fields"]}
    lines = lines or [i + 1 for i in range(1, len(rows) + 1)]
    problems: list[Problem] = []
    for i, (row, line) in enumerate(zip(rows, lines, strict=False), start=1):
        bad: set[str] = set()
        for col, value in zip(header, row, strict=False):
            field = fields.get(col)
            if field is None:
                continue
            why = _check_cell(field, value)
            if why:
                problems.append(Problem(name, i, col, value, why, line=line))
                bad.add(col)
        for col, value, why in _row_problems(res, header, row, bad):
            problems.append(Problem(name, i, col, value, why, line=line))
    key = schema.get("primaryKey")
    if key:
        cols = [key] if isinstance(key, str) else list(key)
        idx = [header.index(c) for c in cols if c in header]
        if len(idx) == len(cols):
            seen: dict[tuple[str, ...], int] = {}
            for i, (row, line) in enumerate(zip(rows, lines, strict=False), start=1):
                if len(row) != len(header):
                    continue
                k = tuple(row[j] for j in idx)
                if k in seen:
                    problems.append(
                        Problem(
                            name,
                            i,
                            ",".join(cols),
                            ",".join(k),
                            f"a unique key; row {seen[k]} already has it",
                            line=line,
                        )
                    )
                else:
                    seen[k] = i
    return problems


@dataclass
class _Table:
    res: dict[str, Any]
    header: list[str]
    rows: list[list[str]]
    lines: list[int]
    problems: list[Problem]


def _raw_table(name: str, directory: Path) -> _Table:
    res = resource(name, directory)
    fields = [f["name"] for f in res["schema"]["fields"]]
    header, rows, lines, problems = _read_rows(directory / res["path"], fields)
    if not problems:
        problems = check_rows(res, header, rows, lines)
    return _Table(res, header, rows, lines, problems)


def _foreign_key_problems(table: _Table, directory: Path) -> list[Problem]:
    """Ids that point at no row. A broken target table is reported as itself, once, not per reference."""
    problems: list[Problem] = []
    name = Path(table.res["path"]).name
    targets: dict[tuple[str, int], list[tuple[str, str, set[str]]]] = {}
    broken: set[tuple[str, int]] = set()  # keys with a target that cannot be read: no id can be judged
    for fk in _references(table.res["schema"]):
        target = _raw_table(fk["resource"], directory)
        if target.problems:
            problems.extend(target.problems)
            broken.add((fk["fields"], fk["group"]))
            continue
        allowed = {r[target.header.index(fk["target"])] for r in target.rows}
        targets.setdefault((fk["fields"], fk["group"]), []).append(
            (Path(target.res["path"]).name, fk["target"], allowed)
        )
    for (col, group), options in targets.items():
        if (col, group) in broken:
            continue
        j = table.header.index(col)
        allowed = set().union(*(ids for _, _, ids in options))
        where = " or ".join(f"a {field} listed in {file}" for file, field, _ in options)
        sep = next(
            fk["separator"] for fk in _references(table.res["schema"]) if (fk["fields"], fk["group"]) == (col, group)
        )
        for i, (row, line) in enumerate(zip(table.rows, table.lines, strict=False), start=1):
            ids = row[j].split(sep) if sep else [row[j]]
            unknown = [v for v in ids if v not in allowed]
            if row[j] != "" and unknown:
                expected = f"ids separated by {sep!r}, each {where}; not found: {' '.join(unknown)}" if sep else where
                problems.append(Problem(name, i, col, row[j], expected, line=line))
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


def _unique(problems: list[Problem]) -> list[Problem]:
    """Each problem once, in order found (a broken table is reached through every key into it)."""
    return list(dict.fromkeys(problems))


def validate_table(name: str, directory: Path | None = None) -> list[Problem]:
    """Every problem in one table, foreign keys included (empty list when valid)."""
    directory = directory or data_dir()
    table = _raw_table(name, directory)
    if table.problems:
        return table.problems
    return _unique(_foreign_key_problems(table, directory))


def validate_all(directory: Path | None = None) -> list[Problem]:
    """Every problem in every table of the package, each reported once."""
    directory = directory or data_dir()
    problems: list[Problem] = []
    for res in package(directory)["resources"]:
        problems.extend(validate_table(res["name"], directory))
    return _unique(problems)


def load(name: str, directory: Path | None = None) -> pd.DataFrame:
    """Load one table by its data-package name, typed and validated, or raise :class:`DataError`."""
    directory = directory or data_dir()
    table = _raw_table(name, directory)
    problems = table.problems or _unique(_foreign_key_problems(table, directory))
    if problems:
        raise DataError(problems)
    return _typed_frame(table.res, table.header, table.rows)
