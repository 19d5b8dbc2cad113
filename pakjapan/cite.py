"""Source lines for charts and tables, built from the source register and reference rows.

A chart's source line is generated from the rows actually plotted, so it cannot name a
source the chart does not use or forget one it does.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from . import ledger


def source_label(source_id: str) -> str:
    """Short reader-facing label of one ledger source: publisher if named, else our title."""
    row = ledger.one(ledger.table("sources"), source_id=source_id)
    return str(row["publisher"]) if row["publisher"] else str(row["title"])


def source_line(rows: pd.DataFrame | Iterable[pd.DataFrame], prefix: str = "Source") -> str:
    """'Source: A; B; C.' for the ledger sources and reference pages behind ``rows``.

    Ledger rows (with ``source_id``) are named by publisher or title; reference rows (with
    ``source_org``) by the body credited and, for traceability, marked as reference data.
    """
    frames = [rows] if isinstance(rows, pd.DataFrame) else list(rows)
    names: list[str] = []
    for frame in frames:
        if "source_id" in frame.columns:
            for sid in dict.fromkeys(frame["source_id"]):  # each distinct source looked up once
                names.append(source_label(str(sid)))
        if "source_org" in frame.columns:
            for org in frame["source_org"]:
                names.append(f"{org} (reference data)")
    unique = list(dict.fromkeys(names))
    if not unique:
        raise ValueError("a source line needs at least one row to cite")
    plural = "s" if len(unique) > 1 else ""
    return f"{prefix}{plural}: " + "; ".join(unique) + "."
