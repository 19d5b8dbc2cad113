"""Extracted tables, cached on disk by the inputs' sha256 and the extractor's version.

Parsing spreadsheets and R data files takes seconds; a notebook run should not pay for it again.
An extractor decorated with :func:`extracted` receives the verified paths of its inputs and
returns a tidy frame; the frame is written as Parquet under ``<cache>/tables/`` with a key made of
the extractor's name, its version, the manifest's sha256 of every input and the digest of the
curated tables extractors read (:data:`CURATED`: country codes, status names). A new release of an
input, an edited curated table, or a changed extractor (bump ``version``) therefore gets a new
key: a stale table cannot be read. Within one process, tables are also kept in memory; callers get a copy.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from .. import data
from . import fetch, manifest

#: The book's own tables that extractors read: editing one must invalidate every cached table.
CURATED = ("country_codes.csv", "residence_statuses.csv")

_memory: dict[str, pd.DataFrame] = {}


@functools.cache
def _curated_digest(directory: Path) -> str:
    parts = [(directory / name).read_bytes() if (directory / name).is_file() else b"" for name in CURATED]
    return hashlib.sha256(b"\0".join(parts)).hexdigest()


def key(name: str, inputs: tuple[str, ...], version: int) -> str:
    """The cache key: extractor name, version and every input's pinned sha256, hashed."""
    pins = [manifest.get(i).sha256 for i in inputs]
    curated = _curated_digest(data.data_dir().resolve())
    blob = json.dumps([name, version, list(inputs), pins, curated]).encode()
    return hashlib.sha256(blob).hexdigest()[:24]


def table_path(name: str, inputs: tuple[str, ...], version: int) -> Path:
    """Where the extracted table is kept on disk."""
    return fetch.cache_dir() / "tables" / f"{name}-{key(name, inputs, version)}.parquet"


def _read_or_build(name: str, inputs: tuple[str, ...], version: int, build: Callable[..., pd.DataFrame]):
    path = table_path(name, inputs, version)
    if path.name in _memory:
        return _memory[path.name]
    frame = None
    if path.is_file():
        try:
            frame = pd.read_parquet(path)
        except (OSError, ValueError):
            frame = None  # a damaged cache file is rebuilt, never trusted
    if frame is None:
        frame = build(*[fetch.path(i) for i in inputs])
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            part = path.with_name(f".{path.name}.part-{os.getpid()}")
            frame.to_parquet(part, index=False)
            os.replace(part, path)
        except OSError:
            pass  # a read-only cache only costs time: the table was built and is returned
    _memory[path.name] = frame
    return frame


def extracted(*inputs: str, version: int) -> Callable[[Callable[..., pd.DataFrame]], Callable[[], pd.DataFrame]]:
    """Turn ``build(path, ...)`` into a no-argument loader whose result is cached by input hash and version.

    ``inputs`` are manifest names, passed to ``build`` as verified local paths in the same order;
    the undecorated function stays reachable as ``loader.build`` so tests can run it on a small file.
    """

    def decorate(build: Callable[..., pd.DataFrame]) -> Callable[[], pd.DataFrame]:
        name = f"{build.__module__.rsplit('.', 1)[-1]}.{build.__name__}"

        @functools.wraps(build)
        def loader() -> pd.DataFrame:
            return _read_or_build(name, inputs, version, build).copy()

        loader.build = build  # type: ignore[attr-defined]
        loader.inputs = inputs  # type: ignore[attr-defined]
        return loader

    return decorate


def clear_memory() -> None:
    """Forget the tables held in memory (tests that swap the cache folder or the data call this)."""
    _memory.clear()
    _curated_digest.cache_clear()
