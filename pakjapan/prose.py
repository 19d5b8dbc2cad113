"""Glue figures into a chapter's prose, so no number in the text is typed by hand.

Each helper stores a formatted string under a key with ``myst_nb.glue``; the Markdown then
pastes it with ``{glue:text}`key```. Formatting goes through :func:`pakjapan.ledger.fmt`,
so a figure reads the same in every chapter.
"""

from __future__ import annotations

import pandas as pd

from . import ledger


def put(key: str, text: str) -> None:
    """Glue ``text`` under ``key`` without displaying it (returns nothing, so a cell ending
    in a glue call shows no stray output)."""
    from myst_nb import glue

    glue(key, text, display=False)


def put_row(key: str, row: pd.Series, decimals: int | None = None) -> None:
    """Glue a ledger or reference row's value in its own unit."""
    put(key, ledger.fmt_row(row, decimals))


def put_value(key: str, value: float, unit: str, decimals: int | None = None) -> None:
    """Glue a computed value with its unit."""
    put(key, ledger.fmt(value, unit, decimals))


def put_confidence(glue_key: str, figure_key: str) -> None:
    """Glue a key figure's confidence grade (from data/key_figures.csv) as a short note."""
    from . import evidence

    put(glue_key, f"confidence: {evidence.confidence(figure_key)}")
