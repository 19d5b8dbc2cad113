"""The manifest of upstream inputs (``data/upstream.csv``): what each raw file is and how to pin it.

It is one of the book's own validated tables, so the Data page lists it and ``make validate``
checks it like any other; the fetch layer and the extractors read it from here.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from .. import data
from .errors import UpstreamError


@dataclass(frozen=True)
class Input:
    """One pinned upstream file (a row of ``data/upstream.csv``)."""

    input: str
    file: str
    publisher: str
    dataset: str
    vintage: str
    years: str
    licence: str
    cite: str
    caveats: str
    url: str
    sha256: str
    bytes: int
    repo: str
    commit: str
    path: str


@functools.cache
def _inputs(directory: Path) -> dict[str, Input]:
    frame = data.load("upstream", directory)
    return {
        row["input"]: Input(**{k: (int(v) if k == "bytes" else str(v)) for k, v in row.items()})
        for row in frame.to_dict("records")
    }


def inputs() -> dict[str, Input]:
    """Every input by name, in the manifest's order."""
    return _inputs(data.data_dir().resolve())


def get(name: str) -> Input:
    """One input by name; an unknown name is an error that lists the known ones."""
    table = inputs()
    if name not in table:
        raise UpstreamError(f"no upstream input named {name!r} in data/upstream.csv; known: {', '.join(table)}")
    return table[name]
