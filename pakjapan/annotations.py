"""The book's curation as data: labels, categories, phases and duplicates from ``data/annotations.csv``.

Why a table, not dicts in notebooks: a label typed beside a chart can silently point at a row
that was renamed or removed, and the same curation typed in two chapters drifts apart. Here
each annotation names the claim, reference row or event it annotates through a foreign key
the data package checks, and this module checks what the schema cannot say: that each row
annotates exactly one row.
"""

from __future__ import annotations

import functools

import pandas as pd

from . import ledger
from .data import DataError, Problem, data_dir

_TARGETS = ("claim_id", "ref_id", "event_id")


def check(frame: pd.DataFrame) -> list[Problem]:
    """Rows that annotate no row or more than one (1-based data rows, as the loader counts them)."""
    problems = []
    for i, (_, rec) in enumerate(frame.iterrows(), start=1):
        filled = [c for c in _TARGETS if pd.notna(rec[c]) and str(rec[c]) != ""]
        if len(filled) != 1:
            problems.append(
                Problem(
                    "annotations.csv",
                    i,
                    ",".join(_TARGETS),
                    ",".join(str(rec[c]) for c in filled) or "",
                    "exactly one of claim_id, ref_id, event_id filled",
                )
            )
    return problems


def table() -> pd.DataFrame:
    """All annotations, validated, with ``row``: the id of the row each one annotates (a copy)."""
    return _checked(str(data_dir())).copy()


@functools.cache
def _checked(directory: str) -> pd.DataFrame:
    # Checked once per data folder and process: a chapter asks for several sets.
    frame = ledger.table("annotations")
    problems = check(frame)
    if problems:
        raise DataError(problems)
    ids = frame[list(_TARGETS)].replace("", pd.NA)
    frame["row"] = ids["claim_id"].fillna(ids["ref_id"]).fillna(ids["event_id"]).astype(str)
    return frame


def of(name: str) -> pd.DataFrame:
    """The annotations of one set, ordered by ``rank`` where given (file order otherwise)."""
    frame = table()
    rows = frame[frame["set"] == name]
    if rows.empty:
        sets = ", ".join(dict.fromkeys(frame["set"]))
        raise LookupError(f"no annotation set {name!r} in data/annotations.csv; sets are {sets}")
    if rows["rank"].notna().any():
        rows = rows.sort_values("rank", kind="stable")
    return rows.reset_index(drop=True)


def labels(name: str) -> dict[str, str]:
    """``{row id: label}`` for one set, in set order (replaces id-to-label dicts in notebooks)."""
    rows = of(name)
    return dict(zip(rows["row"], rows["label"].fillna("").astype(str), strict=False))


def categories(name: str) -> dict[str, str]:
    """``{row id: category}`` for one set, in set order (e.g. a project's purpose, a visit's kind)."""
    rows = of(name)
    return dict(zip(rows["row"], rows["category"].fillna("").astype(str), strict=False))


def pairs(name: str) -> dict[str, str]:
    """``{event id: other event id}`` for one set: a phase's start and end, or a duplicate and its original."""
    rows = of(name)
    return dict(zip(rows["row"], rows["other_event_id"].astype(str), strict=False))


def annotate(frame: pd.DataFrame, name: str, *, column: str = "row") -> pd.DataFrame:
    """``frame`` with the set's ``label`` and ``category`` joined on its id ``column`` (order kept).

    An error names any row of the set missing from ``frame``, so a chart never silently loses
    a curated row.
    """
    rows = of(name)[["row", "label", "category", "rank"]].rename(columns={"row": column})
    missing = sorted(set(rows[column]) - set(frame[column].astype(str)))
    if missing:
        raise LookupError(f"annotation set {name!r} names rows not in the frame: {', '.join(missing)}")
    return frame.merge(rows, on=column, how="left", validate="many_to_one")
