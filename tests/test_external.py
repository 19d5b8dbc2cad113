"""The external datasets loader: real files load typed and unaltered; every kind of damage is a clear error."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pakjapan import external

ROOT = Path(__file__).resolve().parent.parent


def _rehash(folder: Path, name: str, rows: int | None = None) -> None:
    """Record the damaged file's real sha256 (and row count) so validation, not the hash, is tested."""
    path = folder / "SOURCES.json"
    src = json.loads(path.read_text(encoding="utf-8"))
    src[name]["sha256"] = hashlib.sha256((folder / name).read_bytes()).hexdigest()
    if rows is not None:
        src[name]["rows"] = rows
    path.write_text(json.dumps(src), encoding="utf-8")
    external.clear_cache()


def _replace_line(folder: Path, name: str, line_no: int, new: str) -> None:
    path = folder / name
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[line_no - 1] = new
    path.write_text("\n".join(lines), encoding="utf-8")


# --- the real files ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(external.SCHEMAS))
def test_real_files_load_with_every_row_and_the_declared_types(datasets_dir: Path, name: str) -> None:
    frame = external.load(name, datasets_dir)
    assert len(frame) == external.sources(datasets_dir)[name]["rows"]
    assert list(frame.columns) == [c.name for c in external.SCHEMAS[name]]
    assert frame["year"].dtype == "int64"
    raw = list(csv.DictReader(io.StringIO((datasets_dir / name).read_text(encoding="utf-8"))))
    for col in external.SCHEMAS[name]:
        if col.kind == "number":
            assert frame[col.name].dtype == "float64"
            # every empty cell is NaN and every NaN was an empty cell: nothing filled, nothing invented
            empty = [r[col.name] == "" for r in raw]
            assert frame[col.name].isna().tolist() == empty
            # and each written number is read exactly
            written = [float(r[col.name]) for r in raw if r[col.name] != ""]
            assert frame[col.name].dropna().tolist() == written


def test_empty_cells_stay_missing(datasets_dir: Path) -> None:
    totals = external.totals(datasets_dir)
    assert totals["imports_musd"].isna().sum() > 0  # the file has gaps; they must survive loading


def test_load_returns_a_fresh_copy_from_the_cache(datasets_dir: Path) -> None:
    a = external.macro(datasets_dir)
    a.loc[0, "value"] = -1.0
    b = external.macro(datasets_dir)
    assert b.loc[0, "value"] != -1.0
    assert external._load.cache_info().hits >= 1


def test_location_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(external.ENV_VAR, str(tmp_path))
    assert external.datasets_dir() == tmp_path
    monkeypatch.delenv(external.ENV_VAR)
    assert external.datasets_dir() == ROOT.parent / "shared" / "datasets"


# --- each kind of bad input -------------------------------------------------------------------


def test_missing_folder(tmp_path: Path) -> None:
    external.clear_cache()
    with pytest.raises(external.DatasetError, match=r"does not exist.*PAKJAPAN_DATASETS"):
        external.macro(tmp_path / "nowhere")
    assert not external.available(tmp_path / "nowhere")


def test_missing_sources_json(scratch_datasets: Path) -> None:
    (scratch_datasets / "SOURCES.json").unlink()
    with pytest.raises(external.DatasetError, match=r"SOURCES\.json is missing"):
        external.macro(scratch_datasets)


def test_missing_file(scratch_datasets: Path) -> None:
    (scratch_datasets / "exchange_rates.csv").unlink()
    with pytest.raises(external.DatasetError, match=r"exchange_rates\.csv is missing from .*PAKJAPAN_DATASETS"):
        external.exchange_rates(scratch_datasets)


def test_changed_file_is_refused(scratch_datasets: Path) -> None:
    path = scratch_datasets / "cow_trade_dyadic.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("1952,JPN,PAK,740,770,82,82", "1952,JPN,PAK,740,770,83,82"), encoding="utf-8")
    with pytest.raises(external.DatasetError, match=r"cow_trade_dyadic\.csv .* has changed.*Restore the original"):
        external.dyadic(scratch_datasets)


def test_missing_column(scratch_datasets: Path) -> None:
    path = scratch_datasets / "cow_trade_totals.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([r[:-1] for r in rows])
    path.write_text(buf.getvalue(), encoding="utf-8")
    _rehash(scratch_datasets, "cow_trade_totals.csv")
    with pytest.raises(
        external.DatasetError, match=r"cow_trade_totals\.csv: header .*missing column\(s\) exports_musd"
    ):
        external.totals(scratch_datasets)


@pytest.mark.parametrize(
    ("line", "column", "expected"),
    [
        ("1952,JPN,PAK,740,770,8x2,82", "imports_musd", "a decimal number"),
        ("1952,JPN,PAK,740,770,NA,82", "imports_musd", "a decimal number"),
        ("1952,JPN,PAK,740,770,-82,82", "imports_musd", "not below zero"),
        ("195x,JPN,PAK,740,770,82,82", "year", "four-digit year"),
        ("1052,JPN,PAK,740,770,82,82", "year", "four-digit year"),
        ("1952,Japan,PAK,740,770,82,82", "importer", "alpha-3"),
        ("1952,JPN,PAK,7.4,770,82,82", "importer_cow", "whole number"),
        ("1952,JPN,,740,770,82,82", "exporter", "may not be empty"),
        ("1952,JPN,PAK,740,770, 82,82", "imports_musd", "spaces"),
    ],
)
def test_malformed_cell_names_file_row_column_value(
    scratch_datasets: Path, line: str, column: str, expected: str
) -> None:
    name = "cow_trade_dyadic.csv"
    text = (scratch_datasets / name).read_text(encoding="utf-8").split("\n")
    line_no = text.index("1952,JPN,PAK,740,770,82,82") + 1
    _replace_line(scratch_datasets, name, line_no, line)
    _rehash(scratch_datasets, name)
    with pytest.raises(external.DatasetError) as err:
        external.dyadic(scratch_datasets)
    msg = str(err.value)
    assert f"{name}, row {line_no - 1} (line {line_no}), column '{column}'" in msg
    assert expected in msg and "restore the original file" in msg


def test_short_row(scratch_datasets: Path) -> None:
    _replace_line(scratch_datasets, "exchange_rates.csv", 2, "1971,JPN,347.7857")
    _rehash(scratch_datasets, "exchange_rates.csv")
    with pytest.raises(external.DatasetError, match=r"row 1 \(line 2\).*4 cells, found 3"):
        external.exchange_rates(scratch_datasets)


def test_row_count_must_match_sources(scratch_datasets: Path) -> None:
    path = scratch_datasets / "exchange_rates.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-1]), encoding="utf-8")
    _rehash(scratch_datasets, "exchange_rates.csv")
    with pytest.raises(
        external.DatasetError, match=r"exchange_rates\.csv has 318 data rows; SOURCES\.json records 319"
    ):
        external.exchange_rates(scratch_datasets)


def test_unknown_dataset_name() -> None:
    with pytest.raises(external.DatasetError, match="no dataset named 'gdp.csv'"):
        external.load("gdp.csv")


def test_parse_small_text_without_the_datasets() -> None:
    header = ",".join(c.name for c in external.SCHEMAS["exchange_rates.csv"])  # never written out whole here
    text = f"{header}\n1971,JPN,347.7857,FRED\n1972,JPN,,FRED\n"
    frame = external.parse("exchange_rates.csv", text)
    assert frame["per_usd"].iloc[0] == 347.7857
    assert math.isnan(frame["per_usd"].iloc[1])
    with pytest.raises(external.DatasetError, match="column 'series'"):
        external.parse("exchange_rates.csv", f"{header}\n1971,JPN,3,\n")


def test_notebook_flag(tmp_path: Path) -> None:
    flagged = tmp_path / "a.ipynb"
    flagged.write_text(json.dumps({"metadata": {"pakjapan": {"needs_datasets": True}}, "cells": []}))
    plain = tmp_path / "b.ipynb"
    plain.write_text(json.dumps({"metadata": {}, "cells": []}))
    assert external.notebook_needs_datasets(flagged)
    assert not external.notebook_needs_datasets(plain)


# --- skipping without the datasets, failing when they are required ------------------------------

_PROBE_TEST = """
import pytest

@pytest.mark.needs_datasets
def test_probe():
    assert True

def test_always():
    assert True
"""


def _probe_notebook(path: Path) -> None:
    cell = {
        "cell_type": "code",
        "execution_count": 1,
        "id": "c1",
        "metadata": {},
        "outputs": [{"name": "stdout", "output_type": "stream", "text": ["1\n"]}],
        "source": ["print(1)"],
    }
    nb = {
        "cells": [cell],
        "metadata": {
            "pakjapan": {"needs_datasets": True},
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.write_text(json.dumps(nb), encoding="utf-8")


def _run_probe(tmp_path: Path, require: bool) -> subprocess.CompletedProcess[str]:
    probe = tmp_path / "test_probe_gate.py"
    probe.write_text(_PROBE_TEST, encoding="utf-8")
    nb = tmp_path / "probe.ipynb"
    _probe_notebook(nb)
    env = dict(os.environ, PAKJAPAN_DATASETS=str(tmp_path / "no-datasets-here"))
    env.pop("PAKJAPAN_REQUIRE_DATASETS", None)
    if require:
        env["PAKJAPAN_REQUIRE_DATASETS"] = "1"
    # tests/conftest.py registers the gate; loading it via -p makes it apply to files outside tests/
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        "-p",
        "no:xdist",
        "-p",
        "tests.conftest",
        "--nbval",
        "--nbval-current-env",
        "-rs",
        "-q",
        "--rootdir",
        str(tmp_path),
        "-c",
        os.devnull,
        str(probe),
        str(nb),
    ]
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)


def test_absent_datasets_skip_with_the_reason(tmp_path: Path) -> None:
    res = _run_probe(tmp_path, require=False)
    out = res.stdout + res.stderr
    assert res.returncode == 0, out
    assert "1 passed, 2 skipped" in out, out
    assert "external datasets not found at" in out and "no-datasets-here" in out


def test_required_datasets_turn_the_skip_into_a_failure(tmp_path: Path) -> None:
    res = _run_probe(tmp_path, require=True)
    out = res.stdout + res.stderr
    assert res.returncode != 0, out
    assert "PAKJAPAN_REQUIRE_DATASETS=1 forbids skipping" in out
    assert "1 passed" in out and "skipped" not in out.split("\n")[-2]


# --- no file in the project holds the datasets' rows ------------------------------------------

import re  # noqa: E402

_TR = re.compile(r"<tr[^>]*>(.*?)</tr>", re.S)
_CELL = re.compile(r"<t[dh][^>]*>(.*?)</t[dh]>", re.S)
#: A file (or notebook) listing this many yearly rows of a dataset is a copy of it, not a summary.
MAX_MATCHING_ROWS = 10


def _tracked_files() -> list[Path]:
    """The project's files as git sees them (tracked plus untracked, not ignored)."""
    res = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        text=True,
        check=True,
    )
    return [ROOT / p for p in res.stdout.split("\0") if p and (ROOT / p).is_file()]


def _texts(path: Path) -> list[str]:
    """The readable texts of a file: the file itself, plus for a notebook each cell's source and outputs."""
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return []
    texts = [raw]
    if path.suffix == ".ipynb":
        nb = json.loads(raw)
        for cell in nb.get("cells", []):
            texts.append("".join(cell.get("source", [])))
            for out in cell.get("outputs", []):
                for key in ("text/html", "text/plain", "text/markdown"):
                    if key in out.get("data", {}):
                        texts.append("".join(out["data"][key]))
                if "text" in out:
                    texts.append("".join(out["text"]))
    return texts


def _rows(text: str) -> list[list[str]]:
    """Rows of cells: HTML table rows, and otherwise lines split on commas or white space."""
    rows = [[re.sub(r"<[^>]+>", "", c).strip() for c in _CELL.findall(tr)] for tr in _TR.findall(text)]
    rows += [re.split(r"[,\s]+", line.strip()) for line in text.splitlines()]
    return rows


def _number(token: str) -> float | None:
    try:
        return float(token.replace(",", "").replace("\u2009", ""))
    except ValueError:
        return None


def dataset_pairs(folder: Path) -> set[tuple[int, float]]:
    """Every (year, value) pair in the datasets with a value of at least 10 (small ones match by chance)."""
    pairs: set[tuple[int, float]] = set()
    for name, schema in external.SCHEMAS.items():
        frame = external.load(name, folder)
        for col in (c.name for c in schema if c.kind == "number"):
            for year, value in zip(frame["year"], frame[col], strict=False):
                if not math.isnan(value) and abs(value) >= 10:
                    pairs.add((int(year), float(value)))
    return pairs


def matching_rows(text: str, pairs: set[tuple[int, float]]) -> int:
    """How many rows of ``text`` pair a year with that year's value from a dataset."""
    count = 0
    for cells in _rows(text):
        years = [int(c) for c in cells if re.fullmatch(r"1[89]\d\d|20\d\d", c)]
        values = [v for v in map(_number, cells) if v is not None]
        if any((y, v) in pairs for y in years for v in values if v != y):
            count += 1
    return count


def test_no_file_holds_a_dataset_header() -> None:
    headers = [",".join(c.name for c in schema) for schema in external.SCHEMAS.values()]
    offenders = [str(p.relative_to(ROOT)) for p in _tracked_files() for text in _texts(p) for h in headers if h in text]
    assert not offenders, f"files holding a dataset's header line (a copy of its rows?): {sorted(set(offenders))}"


@pytest.mark.needs_datasets
def test_no_file_holds_dataset_rows(datasets_dir: Path) -> None:
    pairs = dataset_pairs(datasets_dir)
    offenders = {}
    for path in _tracked_files():
        worst = max((matching_rows(t, pairs) for t in _texts(path)), default=0)
        if worst >= MAX_MATCHING_ROWS:
            offenders[str(path.relative_to(ROOT))] = worst
    assert not offenders, f"files listing yearly rows of the external datasets (rows matched): {offenders}"


@pytest.mark.needs_datasets
def test_row_detector_flags_a_yearly_table_and_passes_a_decade_summary(datasets_dir: Path) -> None:
    from pakjapan import longrun as lr
    from pakjapan import tables

    pairs = dataset_pairs(datasets_dir)
    flows = lr.bilateral(external.dyadic(datasets_dir))[["year", "direction", "musd"]]
    assert matching_rows(tables.html_table(flows), pairs) >= 100
    assert matching_rows((datasets_dir / "exchange_rates.csv").read_text(encoding="utf-8"), pairs) >= 200
    summary = lr.by_decade(flows, "musd", ["direction"])
    assert matching_rows(tables.html_table(summary), pairs) < MAX_MATCHING_ROWS


def test_every_dataset_on_the_data_page_is_cited_and_linked() -> None:
    bib = (ROOT / "references.bib").read_text(encoding="utf-8")
    keys = set(re.findall(r"^@\w+\{([^,]+),", bib, re.M))
    for entry in external.CATALOGUE:
        assert entry.download.startswith("https://"), entry.dataset
        assert entry.licence, entry.dataset
        for key in entry.cite.split(","):
            assert key in keys, f"{key} is not in references.bib"
    page = (ROOT / "appendix" / "data.ipynb").read_text(encoding="utf-8")
    for entry in external.CATALOGUE:
        assert entry.download in page, f"the Data page's committed output lacks {entry.download}"


def test_download_gives_the_publishers_page_and_refuses_unknown_keys() -> None:
    assert external.download("cow-trade-v4") == "https://correlatesofwar.org/data-sets/bilateral-trade/"
    assert external.download("barbieri-keshk-pollins-2009") == external.download("cow-trade-v4")
    with pytest.raises(LookupError, match="no dataset cited as 'nope'"):
        external.download("nope")


def test_required_shared_texts_turn_their_skip_into_a_failure(tmp_path: Path) -> None:
    """The source texts and reference collection are in ../shared too: CI (strict) fails without them."""
    probe = tmp_path / "test_probe_texts.py"
    probe.write_text(
        "def test_texts(seeds_dir):\n    pass\n\ndef test_refs(reference_dir):\n    pass\n", encoding="utf-8"
    )
    cmd = [sys.executable, "-m", "pytest", "-p", "no:xdist", "-p", "tests.conftest", "-rs", "-q"]
    cmd += ["--rootdir", str(tmp_path), "-c", os.devnull, str(probe)]
    env = dict(os.environ, SEEDS_TEXT_DIR=str(tmp_path / "none"), REFERENCE_DIR=str(tmp_path / "none"))
    env.pop("PAKJAPAN_REQUIRE_DATASETS", None)
    lenient = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert lenient.returncode == 0 and "2 skipped" in lenient.stdout, lenient.stdout + lenient.stderr
    env["PAKJAPAN_REQUIRE_DATASETS"] = "1"
    strict = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    out = strict.stdout + strict.stderr
    assert strict.returncode != 0 and out.count("forbids skipping") >= 2, out
