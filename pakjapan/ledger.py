"""Query the evidence ledger, the reference figures and the dated events.

Chapters ask for figures by id or by indicator; asking for one figure and getting none or
two is an error here, not a silent first-match, because a chapter that quietly picked the
wrong row would print a wrong number with a valid citation. Rows are always selected by id,
in the order asked for, never by position after a filter: a filter keeps file order, so
labels or marks assigned by position land on the wrong rows as soon as the order differs.

Units and formatting live in :mod:`pakjapan.units` and :mod:`pakjapan.fmt`; the names
``convert``, ``value_in``, ``fmt`` and ``fmt_row`` stay importable from here for chapters
written before that split.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from . import data
from .fmt import fmt, fmt_row
from .units import convert, value_in

__all__ = [
    "table",
    "claims",
    "references",
    "events",
    "select",
    "one",
    "claim",
    "reference",
    "event",
    "row",
    "by_id",
    "table_of",
    "hedged",
    "is_hedged",
    "convert",
    "value_in",
    "fmt",
    "fmt_row",
]

#: The tables whose rows a chapter can cite by id, and each one's id column.
ID_COLUMNS = {"claims": "claim_id", "reference_figures": "ref_id", "events": "event_id"}

#: Words and marks with which a source hedges a figure ("around 80", "~74", "over 80").
_HEDGE = re.compile(
    r"^\s*(~|≈|c\.\s|ca\.\s)|\b(approximately|approx\.?|around|about|nearly|almost|roughly|some|over|"
    r"more than|at least|up to|less than|under)\b|\+\s*$|\bplus\b",
    re.IGNORECASE,
)


@functools.cache
def _cached(name: str, directory: str) -> pd.DataFrame:
    return data.load(name, Path(directory))


def table(name: str) -> pd.DataFrame:
    """A validated table, loaded once per process (a copy, so callers cannot alter the cache)."""
    return _cached(name, str(data.data_dir())).copy()


def claims() -> pd.DataFrame:
    """The evidence ledger (``data/claims.csv``)."""
    return table("claims")


def references() -> pd.DataFrame:
    """The reference figures from web pages (``data/reference_figures.csv``), indexed by ``ref_id``.

    The index lets ``references().loc["REF-121"]`` replace hand-written ``set_index`` lookups;
    ``ref_id`` stays a column too, for citing.
    """
    return table("reference_figures").set_index("ref_id", drop=False).rename_axis(None)


def events() -> pd.DataFrame:
    """The dated events (``data/events.csv``)."""
    return table("events")


def select(frame: pd.DataFrame, **where: object) -> pd.DataFrame:
    """Rows of ``frame`` whose columns equal every given value (order kept)."""
    mask = pd.Series(True, index=frame.index)
    for col, val in where.items():
        if col not in frame.columns:
            raise KeyError(f"no column {col!r}; columns are {', '.join(frame.columns)}")
        mask &= frame[col] == val
    return frame[mask.fillna(False).astype(bool)]


def one(frame: pd.DataFrame, **where: object) -> pd.Series:
    """The single row matching ``where``; an error naming the filter if there are none or several."""
    rows = select(frame, **where)
    if len(rows) != 1:
        desc = ", ".join(f"{k}={v!r}" for k, v in where.items())
        ids = ", ".join(str(i) for i in rows.iloc[:, 0]) or "none"
        raise LookupError(f"expected exactly one row with {desc}; found {len(rows)} ({ids})")
    return rows.iloc[0]


def _by_id(name: str, row_id: str) -> pd.Series:
    """One row of ``name`` by its primary key, from a cached index: the chapters look rows up
    hundreds of times, and filtering a fresh copy of the table each time cost a second a book."""
    indexed = _indexed(name, str(data.data_dir()))
    if row_id not in indexed.index:
        raise LookupError(f"expected exactly one row with {ID_COLUMNS[name]}={row_id!r}; found 0 (none)")
    return indexed.loc[row_id].copy()


def claim(claim_id: str) -> pd.Series:
    """One ledger row by its id."""
    return _by_id("claims", claim_id)


def reference(ref_id: str) -> pd.Series:
    """One reference row by its id (``REF-121``)."""
    return _by_id("reference_figures", ref_id)


def event(event_id: str) -> pd.Series:
    """One dated event by its id (``E-REF-18``)."""
    return _by_id("events", event_id)


@functools.cache
def _owners(directory: str) -> dict[str, str]:
    owners: dict[str, str] = {}
    for name, col in ID_COLUMNS.items():
        for rid in _cached(name, directory)[col]:
            owners[str(rid)] = name
    return owners


def table_of(row_id: str) -> str:
    """Which table holds ``row_id``: ``claims``, ``reference_figures`` or ``events``."""
    try:
        return _owners(str(data.data_dir()))[row_id]
    except KeyError:
        raise LookupError(f"no claim, reference row or event has the id {row_id!r}") from None


@functools.cache
def _indexed(name: str, directory: str) -> pd.DataFrame:
    return _cached(name, directory).set_index(ID_COLUMNS[name], drop=False)


def row(row_id: str) -> pd.Series:
    """Any row by its id, whichever table holds it (claim, reference row or event)."""
    return _by_id(table_of(row_id), row_id)


def by_id(ids: Iterable[str], frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """The rows with ``ids``, in the order given (an error naming any id not found).

    Without ``frame`` the ids may come from one table (claims, reference rows or events);
    with ``frame`` they are looked up in its id column, so derived frames keep this guarantee.
    """
    ids = [str(i) for i in ids]
    if frame is None:
        names = {table_of(i) for i in ids}
        if len(names) != 1:
            raise ValueError(f"ids {', '.join(ids)} come from {len(names)} tables; ask each table separately")
        frame = table(names.pop())
    col = next((c for c in (*ID_COLUMNS.values(), "row") if c in frame.columns), None)
    if col is None:
        raise KeyError(f"no id column ({', '.join(ID_COLUMNS.values())} or row) in columns {', '.join(frame.columns)}")
    missing = [i for i in ids if i not in set(frame[col].astype(str))]
    if missing:
        raise LookupError(f"no row with {col} {', '.join(missing)}")
    indexed = frame.reset_index(drop=True)
    positions = {str(v): n for n, v in enumerate(indexed[col])}
    return indexed.iloc[[positions[i] for i in ids]].reset_index(drop=True)


def is_hedged(as_written: str) -> bool:
    """Whether a source hedges a figure as written ('around 80', '~74', 'over 80', '30,000+').

    The one hedge test of the book: a hedged figure is drawn hollow and never as exact.
    """
    return bool(_HEDGE.search(str(as_written)))


def hedged(frame: pd.DataFrame) -> pd.Series:
    """``is_hedged`` of each row's ``as_written`` (aligned with ``frame``)."""
    return frame["as_written"].astype(str).map(is_hedged).astype(bool)
