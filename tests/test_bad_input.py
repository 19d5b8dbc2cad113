"""The loader and `make validate` reject each kind of bad input, naming file, row and column."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pakjapan.data import DataError, load, validate_all


def read_rows(path: Path) -> list[list[str]]:
    """A CSV's rows as the csv module reads the file (quoted line breaks stay inside their cell)."""
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def edit_cell(directory: Path, file: str, row: int, column: str, value: str) -> None:
    """Set one cell (1-based data row) of a CSV, keeping everything else byte-for-byte."""
    path = directory / file
    rows = read_rows(path)
    rows[row][rows[0].index(column)] = value
    write_rows(path, rows)


def row_of(directory: Path, file: str, key: str) -> int:
    """The 1-based data row whose first cell is ``key`` (rows move as people add data)."""
    return [r[0] for r in read_rows(directory / file)].index(key)


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
    assert "Traceback" not in result.stderr
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
    write_rows(path, [r[:-1] for r in read_rows(path)])  # drop the last column, 'note'
    assert_rejected(scratch_data, "events", "events.csv", "column 'note'", "it is missing")


def test_empty_file(scratch_data: Path) -> None:
    (scratch_data / "sources.csv").write_text("", encoding="utf-8")
    assert_rejected(scratch_data, "sources", "sources.csv", "the file is empty")


def test_header_only_file(scratch_data: Path) -> None:
    path = scratch_data / "events.csv"
    write_rows(path, read_rows(path)[:1])
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
    rows = len(read_rows(path)) - 1
    lines = path.read_bytes().count(b"\n")
    assert_rejected(scratch_data, "sources", f"sources.csv, row {rows} (line {lines})", "9 cells, found 2")


def test_required_value_missing(scratch_data: Path) -> None:
    edit_cell(scratch_data, "claims.csv", 1, "as_written", "")
    assert_rejected(scratch_data, "claims", "claims.csv, row 1", "column 'as_written'", "required")


def test_rows_are_neither_dropped_nor_reordered() -> None:
    path = Path(__file__).resolve().parent.parent / "data" / "claims.csv"
    with open(path, newline="", encoding="utf-8") as fh:
        raw = list(csv.DictReader(fh))
    frame = load("claims")
    assert list(frame["claim_id"]) == [r["claim_id"] for r in raw]
    assert list(frame["as_written"]) == [r["as_written"] for r in raw]


def test_frictionless_accepts_the_package() -> None:
    """The descriptor is a standard Data Package, not only one our own loader accepts."""
    from frictionless import Package

    report = Package(str(Path(__file__).resolve().parent.parent / "data" / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])


def _rewrite(path: Path, transform) -> None:
    write_rows(path, [transform(r) for r in read_rows(path)])


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


# --- CSV read exactly as written ---------------------------------------------------------


def test_line_break_inside_quoted_cell_is_kept_and_later_lines_stay_right(scratch_data: Path) -> None:
    note = "First line of the note.\nSecond line, after a break."
    edit_cell(scratch_data, "claims.csv", 2, "note", note)
    assert load("claims", scratch_data)["note"].iloc[1] == note
    edit_cell(scratch_data, "claims.csv", 5, "value", "lots")
    # Row 5 starts on line 7: the header, rows 1 and 3-4 take a line each, row 2 takes two.
    assert_rejected(scratch_data, "claims", "claims.csv, row 5 (line 7)", "column 'value'", "'lots'")


def test_crlf_and_line_separator_in_cells_are_kept(scratch_data: Path) -> None:
    edit_cell(scratch_data, "claims.csv", 3, "note", "a\u2028b")
    edit_cell(scratch_data, "claims.csv", 4, "note", "c\r\nd")
    frame = load("claims", scratch_data)
    assert list(frame["note"].iloc[2:4]) == ["a\u2028b", "c\r\nd"]
    assert validate_all(scratch_data) == []


def test_nul_byte_is_rejected(scratch_data: Path) -> None:
    path = scratch_data / "events.csv"
    raw = path.read_bytes()
    at = raw.index(b"\n", raw.index(b"\n") + 1) + 5  # fifth byte of line 3
    path.write_bytes(raw[:at] + b"\0" + raw[at:])
    assert_rejected(scratch_data, "events", "events.csv, line 3", f"NUL byte at byte position {at}", "UTF-8")


def test_control_character_in_cell_is_rejected(scratch_data: Path) -> None:
    edit_cell(scratch_data, "events.csv", 2, "note", "bell\x07")
    assert_rejected(
        scratch_data, "events", "events.csv, row 2 (line 3)", "column 'note'", "control characters", "U+0007"
    )


@pytest.mark.parametrize("text", ['"unclosed quote,and more\n', '"quoted"then text,x\n'])
def test_broken_quoting_is_rejected_not_repaired(scratch_data: Path, text: str) -> None:
    path = scratch_data / "arguments.csv"
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    line = path.read_bytes().count(b"\n")
    assert_rejected(scratch_data, "arguments", f"arguments.csv, line {line}", "well-formed CSV")


# --- encodings -----------------------------------------------------------------------------


def test_byte_that_is_not_utf8_is_rejected_with_line_and_position(scratch_data: Path) -> None:
    path = scratch_data / "sources.csv"
    raw = path.read_bytes()
    at = raw.index(b"Tokyo")
    path.write_bytes(raw[:at] + "Tökyo".encode("latin-1") + raw[at + 5 :])
    line = raw.count(b"\n", 0, at) + 1
    assert_rejected(
        scratch_data, "sources", f"sources.csv, line {line}", f"byte position {at + 1} is not UTF-8", "UTF-8 text"
    )
    assert [p.file for p in validate_all(scratch_data)] == ["sources.csv"]  # said once, not per reference


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le"])
def test_utf16_file_is_rejected_once(scratch_data: Path, codec: str) -> None:
    path = scratch_data / "conversions.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode(codec))
    assert_rejected(scratch_data, "conversions", "conversions.csv, line 1", "UTF-8 text")
    assert len(validate_all(scratch_data)) == 1


def test_byte_order_mark_is_ignored(scratch_data: Path) -> None:
    path = scratch_data / "claims.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert validate_all(scratch_data) == []
    assert load("claims", scratch_data).equals(load("claims"))


def test_datapackage_syntax_error_names_line_and_column(scratch_data: Path) -> None:
    path = scratch_data / "datapackage.json"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[3] = lines[3].rstrip(",")  # drop the comma ending line 4
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(DataError, match=r"datapackage\.json, line 5, column 3: Expecting ',' delimiter"):
        validate_all(scratch_data)
    result = run_validate(scratch_data)
    assert result.returncode == 1
    assert "datapackage.json, line 5, column 3" in result.stderr
    assert "Traceback" not in result.stderr


def test_datapackage_without_resources_is_reported(scratch_data: Path) -> None:
    (scratch_data / "datapackage.json").write_text('{"name": "x"}', encoding="utf-8")
    result = run_validate(scratch_data)
    assert (result.returncode, "Traceback" in result.stderr) == (1, False)
    assert "datapackage.json" in result.stderr and "'resources'" in result.stderr


# --- meaning -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "key", "value"), [("claims.csv", "SEM-01", "-100000"), ("claims.csv", "REV-01", "-202.34")]
)
def test_negative_count_or_amount_is_rejected(scratch_data: Path, file: str, key: str, value: str) -> None:
    row = row_of(scratch_data, file, key)
    edit_cell(scratch_data, file, row, "value", value)
    assert_rejected(scratch_data, "claims", f"{file}, row {row}", "column 'value'", repr(value), "a number >= 0")


def test_negative_students_in_reference_table_is_rejected(scratch_data: Path) -> None:
    rows = read_rows(scratch_data / "reference_figures.csv")
    row = next(i for i, r in enumerate(rows) if r[rows[0].index("unit")] == "students")
    edit_cell(scratch_data, "reference_figures.csv", row, "value", "-11")
    assert_rejected(
        scratch_data,
        "reference_figures",
        f"reference_figures.csv, row {row}",
        "column 'value'",
        "'-11'",
        "percent may be negative",
    )


def test_negative_growth_rate_is_allowed() -> None:
    claims = load("claims")
    falls = claims[claims["value"] < 0]
    assert len(falls) > 0 and set(falls["unit"]) == {"percent"}


@pytest.mark.parametrize(
    ("key", "period", "why"),
    [
        ("REV-01", "2025-02-30", "does not exist"),
        ("REV-01", "FY2023-26", "not consecutive"),
        ("REV-01", "2018 CY", "not a form this book parses"),
        ("REV-04", "2024-13", "does not exist"),
        ("CNA-01", "Aug 2025 to Aug 2024", "ends before it starts"),
    ],
)
def test_unparseable_period_label_is_rejected(scratch_data: Path, key: str, period: str, why: str) -> None:
    row = row_of(scratch_data, "claims.csv", key)
    edit_cell(scratch_data, "claims.csv", row, "period", period)
    assert_rejected(
        scratch_data, "claims", f"claims.csv, row {row}", "column 'period'", repr(period), "a period label", why
    )


def test_every_dated_period_label_parses() -> None:
    """What validation promises the chapters: a dated label parses with the chapters' parser."""
    from pakjapan import periods

    for name in ("claims", "reference_figures"):
        frame = load(name)
        dated = frame[~frame["period_type"].isin(periods.UNDATED_TYPES) & frame["period"].str.match(r"\d|FY")]
        assert len(dated) > 10
        for label in dated["period"]:
            periods.parse(label)


@pytest.mark.parametrize(
    ("file", "table", "key", "column", "value", "unknown"),
    [
        ("key_figures.csv", "key_figures", "pak-exports-2024", "rows", "REV-01 REV-99", "REV-99"),
        ("key_figures.csv", "key_figures", "pak-exports-2024", "chosen", "REF-999", "REF-999"),
        ("conversions.csv", "conversions", "CV-01", "rows", "REF-998 REV-17", "REF-998"),
    ],
)
def test_id_lists_point_at_existing_rows(
    scratch_data: Path, file: str, table: str, key: str, column: str, value: str, unknown: str
) -> None:
    row = row_of(scratch_data, file, key)
    edit_cell(scratch_data, file, row, column, value)
    assert_rejected(
        scratch_data,
        table,
        f"{file}, row {row}",
        f"column '{column}'",
        repr(value),
        "a claim_id listed in claims.csv or a ref_id listed in reference_figures.csv",
        unknown,
    )


# --- one problem, one message ---------------------------------------------------------------


def test_bad_cell_in_a_referenced_table_is_reported_once(scratch_data: Path) -> None:
    edit_cell(scratch_data, "sources.csv", 4, "kind", "rumour")
    problems = validate_all(scratch_data)
    assert [(p.file, p.row, p.column) for p in problems] == [("sources.csv", 4, "kind")]
    assert run_validate(scratch_data).stderr.count("rumour") == 1


def test_semicolon_delimited_file_is_one_message(scratch_data: Path) -> None:
    path = scratch_data / "events.csv"
    rows = read_rows(path)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, delimiter=";", lineterminator="\n").writerows(rows)
    assert_rejected(scratch_data, "events", "events.csv, line 1", "not comma-separated", "semicolons")
    assert len(validate_all(scratch_data)) == 1


def test_file_without_header_is_one_message(scratch_data: Path) -> None:
    path = scratch_data / "arguments.csv"
    write_rows(path, read_rows(path)[1:])
    assert_rejected(scratch_data, "arguments", "arguments.csv, line 1", "is the header missing?")
    assert len(validate_all(scratch_data)) == 1


def test_renamed_column_is_one_message_showing_the_difference(scratch_data: Path) -> None:
    _rewrite(scratch_data / "conversions.csv", lambda r: [r[0] + "\u200b", *r[1:]] if r[0] == "conversion_id" else r)
    assert_rejected(
        scratch_data, "conversions", "conversions.csv, line 1, column 'conversion_id'", "'conversion_id\\u200b'"
    )
    assert len(validate_all(scratch_data)) == 1


# --- the period parser behind the label check ----------------------------------------------


@pytest.mark.parametrize(
    ("label", "start", "end", "kind"),
    [
        ("Aug 2024 to Aug 2025", "2024-08-01", "2025-08-31", "span"),
        ("1954 to March 2019", "1954-01-01", "2019-03-31", "span"),
        ("2019-02 to 2020-03", "2019-02-01", "2020-03-31", "span"),
        ("2005-10 (earthquake)", "2005-10-01", "2005-10-31", "month"),
        ("2017-05-04 (scheduled)", "2017-05-04", "2017-05-04", "day"),
        ("FY2025", "2024-07-01", "2026-03-31", "ambiguous fiscal year"),
    ],
)
def test_period_forms_in_the_data_parse(label: str, start: str, end: str, kind: str) -> None:
    from pakjapan import periods

    span = periods.parse(label)
    assert (span.start.isoformat(), span.end.isoformat(), span.kind) == (start, end, kind)


@pytest.mark.parametrize(
    "label", ["2025-02-30", "2023-02-29", "2025-13", "2025-00", "as stated 2017-04-31", "2021-02-29 (note)"]
)
def test_impossible_dates_are_named_as_such(label: str) -> None:
    from pakjapan import periods

    with pytest.raises(periods.ImpossibleDate, match=re.escape(f"period {label!r} names a date that does not exist")):
        periods.parse(label)
    assert periods.label_problem(label, "unspecified")  # wrong whatever the row's type


@pytest.mark.parametrize(
    ("label", "period_type", "ok"),
    [
        ("2018 CY", "CY", False),
        ("FY2023-26", "FY", False),
        ("Sept 2024 to Aug 2025", "span", False),
        ("2024-25", "CY", False),
        ("2024-25", "unspecified", True),
        ("to 2023", "cumulative", True),
        ("date not in excerpt (post-Oct 2005)", "date", True),
        ("2024", "CY", True),
    ],
)
def test_label_problem_by_period_type(label: str, period_type: str, ok: bool) -> None:
    from pakjapan import periods

    assert (periods.label_problem(label, period_type) is None) == ok


def test_number_above_its_maximum_is_named() -> None:
    """No table in the package has a maximum now, but the schema allows one: a value above it is
    reported with the bound, not accepted."""
    from pakjapan.data import _check_cell

    field = {"name": "year", "type": "integer", "constraints": {"maximum": 2007}}
    assert _check_cell(field, "2031") == "a number <= 2007"
    assert _check_cell(field, "2007") is None
