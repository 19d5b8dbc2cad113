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
    with pytest.raises(external.DatasetError, match=r"cow_trade_totals\.csv: header .*missing column\(s\) exports_musd"):
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
def test_malformed_cell_names_file_row_column_value(scratch_datasets: Path, line: str, column: str, expected: str) -> None:
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
    with pytest.raises(external.DatasetError, match=r"exchange_rates\.csv has 318 data rows; SOURCES\.json records 319"):
        external.exchange_rates(scratch_datasets)


def test_unknown_dataset_name() -> None:
    with pytest.raises(external.DatasetError, match="no dataset named 'gdp.csv'"):
        external.load("gdp.csv")


def test_parse_small_text_without_the_datasets() -> None:
    text = "year,country,per_usd,series\n1971,JPN,347.7857,FRED\n1972,JPN,,FRED\n"
    frame = external.parse("exchange_rates.csv", text)
    assert frame["per_usd"].iloc[0] == 347.7857
    assert math.isnan(frame["per_usd"].iloc[1])
    with pytest.raises(external.DatasetError, match="column 'series'"):
        external.parse("exchange_rates.csv", "year,country,per_usd,series\n1971,JPN,3,\n")


def test_notebook_flag(tmp_path: Path) -> None:
    flagged = tmp_path / "a.ipynb"
    flagged.write_text(json.dumps({"metadata": {"pakjapan": {"needs_datasets": True}}, "cells": []}))
    plain = tmp_path / "b.ipynb"
    plain.write_text(json.dumps({"metadata": {}, "cells": []}))
    assert external.notebook_needs_datasets(flagged)
    assert not external.notebook_needs_datasets(plain)


# --- skipping without the datasets, failing when they are required ------------------------------

_PROBE_TEST = '''
import pytest

@pytest.mark.needs_datasets
def test_probe():
    assert True

def test_always():
    assert True
'''


def _probe_notebook(path: Path) -> None:
    cell = {"cell_type": "code", "execution_count": 1, "id": "c1", "metadata": {},
            "outputs": [{"name": "stdout", "output_type": "stream", "text": ["1\n"]}], "source": ["print(1)"]}
    nb = {"cells": [cell], "metadata": {"pakjapan": {"needs_datasets": True},
                                         "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
          "nbformat": 4, "nbformat_minor": 5}
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
    cmd = [sys.executable, "-m", "pytest", "-p", "no:xdist", "-p", "tests.conftest", "--nbval", "--nbval-current-env",
           "-rs", "-q", "--rootdir", str(tmp_path), "-c", os.devnull, str(probe), str(nb)]
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
