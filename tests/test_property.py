"""Damage the real CSVs at random: validation either loads exactly what the file says or names the file.

Hand-written bad-input tests cover the damage someone thought of; this test covers the rest:
characters, bytes, cells and rows inserted, deleted or swapped, and whole files re-encoded.
After any damage, either every table validates and loads with values identical to an
independent reading of the (damaged) file, or validation fails with messages that each name a
file; nothing else is ever raised. Examples are derived from a fixed seed, so a run cannot flake.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from pakjapan.data import DataError, load, package, validate_all

DATA = Path(__file__).resolve().parent.parent / "data"
TABLES = {Path(r["path"]).name: r["name"] for r in package(DATA)["resources"]}

#: Characters that matter to CSV, to encodings and to line counting, plus ordinary ones.
CHARS = st.sampled_from(
    [
        ",",
        '"',
        "\n",
        "\r",
        "\r\n",
        ";",
        "\t",
        "\0",
        "\x07",
        "\u2028",
        "\u0085",
        "\ufeff",
        "é",
        "年",
        " ",
        "-",
        "0",
        "9",
        "a",
        "Z",
    ]
)
BYTES = st.sampled_from([b"\xff", b"\x80", b"\xc3", b"\xe9", b"\xef\xbb\xbf"])


@st.composite
def damage(draw: st.DrawFn, raw: bytes) -> bytes:
    """One random kind of damage to a file's bytes."""
    text = raw.decode("utf-8")
    kind = draw(st.sampled_from(["insert", "delete", "swap", "byte", "cell", "row", "encode"]))
    at = draw(st.integers(0, len(text) - 1))
    if kind == "insert":
        return (text[:at] + draw(CHARS) + text[at:]).encode("utf-8")
    if kind == "delete":
        return (text[:at] + text[at + 1 :]).encode("utf-8")
    if kind == "swap":
        return (text[:at] + text[at + 1 : at + 2] + text[at] + text[at + 2 :]).encode("utf-8")
    if kind == "byte":
        pos = draw(st.integers(0, len(raw)))
        return raw[:pos] + draw(BYTES) + raw[pos:]
    if kind == "encode":
        return text.encode(draw(st.sampled_from(["utf-16", "utf-16-le", "utf-8-sig", "latin-1", "cp1252"])), "replace")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    r = draw(st.integers(0, len(rows) - 1))
    if kind == "row":
        op = draw(st.sampled_from(["delete", "duplicate", "swap"]))
        other = draw(st.integers(0, len(rows) - 1))
        if op == "delete":
            del rows[r]
        elif op == "duplicate":
            rows.insert(other, list(rows[r]))
        else:
            rows[r], rows[other] = rows[other], rows[r]
    else:
        c = draw(st.integers(0, max(len(rows[r]) - 1, 0)))
        op = draw(st.sampled_from(["delete", "swap", "replace"]))
        if op == "delete" and rows[r]:
            del rows[r][c]
        elif op == "swap" and rows[r]:
            c2 = draw(st.integers(0, len(rows[r]) - 1))
            rows[r][c], rows[r][c2] = rows[r][c2], rows[r][c]
        elif rows[r]:
            rows[r][c] = "".join(draw(st.lists(CHARS, max_size=6)))
    return _csv_bytes(rows)


def _csv_bytes(rows: list[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def reference_reading(path: Path) -> list[list[str]]:
    """An independent reading: the csv module over the file, BOM dropped (what the loader promises)."""
    with open(path, newline="", encoding="utf-8-sig") as fh:
        return list(csv.reader(fh, strict=True))


def assert_loads_as_written(directory: Path, file: str) -> None:
    """The damaged table loads with exactly the values an independent reading finds (the rest are untouched)."""
    header, *rows = reference_reading(directory / file)
    frame = load(TABLES[file], directory)
    assert list(frame.columns) == header and len(frame) == len(rows), file
    for j, col in enumerate(header):
        raw = [r[j] for r in rows]
        got = frame[col]
        if str(got.dtype) in ("Float64", "Int64"):
            want = pd.array([float(v) if v != "" else None for v in raw], dtype="Float64")
            assert got.astype("Float64").equals(pd.Series(want, index=got.index)), (file, col)
        else:
            assert [("" if pd.isna(v) else v) for v in got] == raw, (file, col)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("property") / "data"
    shutil.copytree(DATA, target)
    return target


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_damage_is_loaded_as_written_or_reported_naming_the_file(scratch: Path, data: st.DataObject) -> None:
    file = data.draw(st.sampled_from(sorted(TABLES)), label="file")
    original = (DATA / file).read_bytes()
    damaged = data.draw(damage(original), label="damage")
    (scratch / file).write_bytes(damaged)
    try:
        try:
            problems = validate_all(scratch)
        except DataError as exc:  # only the descriptor raises; it is not damaged here
            pytest.fail(f"validation raised for a damaged CSV: {exc}")
        if damaged == original:
            assert problems == []
        event("valid" if not problems else "rejected")
        if not problems:
            assert_loads_as_written(scratch, file)
        else:
            for p in problems:  # the damaged file, or one whose ids point into it
                assert p.file in TABLES and str(p).startswith(p.file), str(p)
            with pytest.raises(DataError):
                for name in TABLES.values():
                    load(name, scratch)
    finally:
        (scratch / file).write_bytes(original)
