"""The loader and `make validate` reject each kind of bad input, naming file, row and column."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pakjapan.data import DataError, load, validate_all


def edit_cell(directory: Path, file: str, row: int, column: str, value: str) -> None:
    """Set one cell (1-based data row) of a CSV, keeping everything else byte-for-byte."""
    import csv

    path = directory / file
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    rows[row][rows[0].index(column)] = value
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def run_validate(directory: Path) -> subprocess.CompletedProcess[str]:
    env = {"PAKJAPAN_DATA": str(directory), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "pakjapan.validate"], capture_output=True, text=True, env=env)


def assert_rejected(directory: Path, table: str, *fragments: str) -> None:
    """Both the loader and the CLI reject the data with a message holding every fragment."""
    with pytest.raises(DataError) as info:
        load(table, directory)
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in: {message}"
    result = run_validate(directory)
    assert result.returncode == 1
    for fragment in fragments:
        assert fragment in result.stderr


def test_real_data_is_valid() -> None:
    assert validate_all() == []
    claims = load("claims")
    assert len(claims) > 50
    assert str(claims["value"].dtype) == "Float64"


def test_cli_passes_on_real_data() -> None:
    result = run_validate(Path(__file__).resolve().parent.parent / "data")
    assert result.returncode == 0, result.stderr
    assert "data package valid" in result.stdout


def test_non_number_in_numeric_field(scratch_data: Path) -> None:
    edit_cell(scratch_data, "claims.csv", 3, "value", "1,200")
    assert_rejected(
        scratch_data, "claims", "claims.csv, row 3 (line 4)", "column 'value'", "'1,200'", "plain decimal number"
    )


def test_unknown_source_id(scratch_data: Path) -> None:
    edit_cell(scratch_data, "claims.csv", 5, "source_id", "no-such-source")
    assert_rejected(
        scratch_data, "claims", "claims.csv, row 5", "column 'source_id'", "'no-such-source'", "listed in sources.csv"
    )


def test_duplicated_key(scratch_data: Path) -> None:
    edit_cell(scratch_data, "claims.csv", 2, "claim_id", "SEM-01")
    assert_rejected(
        scratch_data, "claims", "claims.csv, row 2", "column 'claim_id'", "'SEM-01'", "row 1 already has it"
    )


def test_missing_column(scratch_data: Path) -> None:
    path = scratch_data / "events.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    import csv

    rows = [r[:-1] for r in csv.reader(lines)]  # drop the last column, 'note'
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    assert_rejected(scratch_data, "events", "events.csv", "column 'note'", "it is missing")


def test_empty_file(scratch_data: Path) -> None:
    (scratch_data / "sources.csv").write_text("", encoding="utf-8")
    assert_rejected(scratch_data, "sources", "sources.csv", "the file is empty")


def test_header_only_file(scratch_data: Path) -> None:
    path = scratch_data / "events.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert_rejected(scratch_data, "events", "events.csv", "at least one data row")


def test_unit_not_in_allowed_list(scratch_data: Path) -> None:
    edit_cell(scratch_data, "claims.csv", 7, "unit", "USD millions")
    assert_rejected(
        scratch_data, "claims", "claims.csv, row 7 (line 8)", "column 'unit'", "'USD millions'", "one of: USD,"
    )


@pytest.mark.parametrize("bad", ["2025-02-30", "10/02/2026", "2025-13", "25-02-10"])
def test_malformed_date(scratch_data: Path, bad: str) -> None:
    edit_cell(scratch_data, "events.csv", 4, "date", bad)
    assert_rejected(scratch_data, "events", "events.csv, row 4 (line 5)", "column 'date'", repr(bad), "YYYY")


def test_ragged_row(scratch_data: Path) -> None:
    path = scratch_data / "sources.csv"
    path.write_text(path.read_text(encoding="utf-8") + "extra,row\n", encoding="utf-8")
    rows = len(path.read_text(encoding="utf-8").splitlines()) - 1
    assert_rejected(scratch_data, "sources", f"sources.csv, row {rows} (line {rows + 1})", "9 cells, found 2")


def test_required_value_missing(scratch_data: Path) -> None:
    edit_cell(scratch_data, "claims.csv", 1, "as_written", "")
    assert_rejected(scratch_data, "claims", "claims.csv, row 1", "column 'as_written'", "required")


def test_rows_are_neither_dropped_nor_reordered() -> None:
    import csv

    path = Path(__file__).resolve().parent.parent / "data" / "claims.csv"
    raw = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    frame = load("claims")
    assert list(frame["claim_id"]) == [r["claim_id"] for r in raw]
    assert list(frame["as_written"]) == [r["as_written"] for r in raw]


def test_frictionless_accepts_the_package() -> None:
    """The descriptor is a standard Data Package, not only one our own loader accepts."""
    from frictionless import Package

    report = Package(str(Path(__file__).resolve().parent.parent / "data" / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])


def _rewrite(path: Path, transform) -> None:
    import csv

    rows = [transform(r) for r in csv.reader(path.read_text(encoding="utf-8").splitlines())]
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def test_extra_column(scratch_data: Path) -> None:
    _rewrite(scratch_data / "conversions.csv", lambda r: r + ["extra"])
    assert_rejected(scratch_data, "conversions", "conversions.csv", "column 'extra'", "only the schema's columns")


def test_columns_out_of_order(scratch_data: Path) -> None:
    _rewrite(scratch_data / "arguments.csv", lambda r: [r[1], r[0], *r[2:]])
    assert_rejected(scratch_data, "arguments", "arguments.csv", "columns in the schema's order")


@pytest.mark.parametrize(
    ("file", "table", "row", "column", "value", "expected"),
    [
        ("claims.csv", "claims", 2, "line", "4.5", "a whole number"),
        ("claims.csv", "claims", 2, "line", "0", "a number >= 1"),
        ("claims.csv", "claims", 2, "claim_id", "sem-1", "text matching the pattern"),
        ("events.csv", "events", 3, "title", "Short", "at least 10 characters"),
        ("long_run.csv", "long_run", 1, "year", "2031", "a number <= 2007"),
        ("claims.csv", "claims", 4, "kind", "guess", "one of: reported, estimate"),
    ],
)
def test_cell_constraints(
    scratch_data: Path, file: str, table: str, row: int, column: str, value: str, expected: str
) -> None:
    edit_cell(scratch_data, file, row, column, value)
    assert_rejected(
        scratch_data, table, f"{file}, row {row} (line {row + 1})", f"column '{column}'", repr(value), expected
    )
