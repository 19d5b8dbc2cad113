"""Extracted tables are cached by input hash, extractor version and curated tables: built once, read
back from disk, rebuilt when any of those change or the cached file is damaged; callers get copies."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pandas as pd
import pytest

from pakjapan.upstream import fetch, tables

RAW = b"year,value\n2024,1.5\n2025,2.5\n"


@pytest.fixture
def one_input(scratch_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """A scratch manifest with one small input, held in an offline folder; an empty cache."""
    path = scratch_data / "upstream.csv"
    with path.open(encoding="utf-8") as handle:
        template = next(csv.DictReader(handle))
    row = template | {"input": "tiny", "file": "tiny.csv", "sha256": hashlib.sha256(RAW).hexdigest(), "bytes": "30"}
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(template), lineterminator="\n")
        writer.writeheader()
        writer.writerow(row)
    offline = tmp_path / "offline"
    offline.mkdir()
    (offline / "tiny.csv").write_bytes(RAW)
    monkeypatch.setenv("PAKJAPAN_DATA", str(scratch_data))
    monkeypatch.setenv(fetch.ENV_UPSTREAM, str(offline))
    monkeypatch.setenv(fetch.ENV_CACHE, str(tmp_path / "cache"))
    tables.clear_memory()
    yield {"data": scratch_data, "cache": tmp_path / "cache"}
    tables.clear_memory()


def _loader(calls: list[Path], version: int = 1):
    @tables.extracted("tiny", version=version)
    def tiny(path: Path) -> pd.DataFrame:
        calls.append(path)
        return pd.read_csv(path, dtype={"year": "int64", "value": "float64"})

    return tiny


def test_built_once_then_read_from_memory_and_disk(one_input: dict[str, Path]) -> None:
    calls: list[Path] = []
    tiny = _loader(calls)
    first = tiny()
    assert first["value"].tolist() == [1.5, 2.5] and len(calls) == 1
    first.loc[0, "value"] = 99.0  # a caller's change must not reach the cache
    assert tiny()["value"].tolist() == [1.5, 2.5] and len(calls) == 1
    tables.clear_memory()
    from_disk = tiny()
    assert len(calls) == 1, "the table should come from the Parquet file, not a second parse"
    pd.testing.assert_frame_equal(from_disk, pd.DataFrame({"year": [2024, 2025], "value": [1.5, 2.5]}))
    assert len(list((one_input["cache"] / "tables").glob("test_upstream_tables.tiny-*.parquet"))) == 1


def test_a_new_version_or_an_edited_curated_table_gets_a_new_key(one_input: dict[str, Path]) -> None:
    calls: list[Path] = []
    _loader(calls)()
    _loader(calls, version=2)()
    assert len(calls) == 2
    codes = one_input["data"] / "country_codes.csv"
    codes.write_text(codes.read_text(encoding="utf-8") + "imf,Atlantis,,,other\n", encoding="utf-8")
    tables.clear_memory()
    _loader(calls, version=2)()
    assert len(calls) == 3
    assert len(list((one_input["cache"] / "tables").glob("*.parquet"))) == 3


def test_a_damaged_cached_table_is_rebuilt_not_trusted(one_input: dict[str, Path]) -> None:
    calls: list[Path] = []
    tiny = _loader(calls)
    tiny()
    (cached,) = (one_input["cache"] / "tables").glob("*.parquet")
    cached.write_bytes(b"not parquet")
    tables.clear_memory()
    assert tiny()["value"].tolist() == [1.5, 2.5]
    assert len(calls) == 2
    assert pd.read_parquet(cached)["year"].tolist() == [2024, 2025]
