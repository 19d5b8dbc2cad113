"""Glue figures into a chapter's prose, so no number in the text is typed by hand.

Each helper stores a formatted string under a key, as ``myst_nb.glue`` does; the Markdown then
pastes it with ``{glue:text}`key```. Formatting goes through :func:`pakjapan.ledger.fmt`,
so a figure reads the same in every chapter.

:func:`put` speaks myst-nb's glue protocol itself (a display of the value's mime bundle under the
``application/papermill.record/`` prefix, with ``scrapbook`` metadata naming it) rather than
importing ``myst_nb.glue``: that import pulls in nbformat's validator and, through jsonschema, a
grammar compiler that costs every kernel about two seconds, more than the chapter's own work. A
test holds the two outputs identical.
"""

from __future__ import annotations

import pandas as pd

from . import ledger

#: The mime-type prefix myst-nb reads glued values from (``myst_nb.ext.glue.GLUE_PREFIX``).
GLUE_PREFIX = "application/papermill.record/"


def put(key: str, text: object) -> None:
    """Glue ``text`` (a string, or any displayable object such as a table) under ``key`` without
    displaying it, exactly as ``myst_nb.glue(key, text, display=False)`` does (returns nothing, so a
    cell ending in a glue call shows no stray output)."""
    from IPython.core.formatters import format_display_data
    from IPython.display import display

    bundle, metadata = format_display_data(text)
    metadata["scrapbook"] = {"name": key, "mime_prefix": GLUE_PREFIX}
    display({GLUE_PREFIX + mime: value for mime, value in bundle.items()}, raw=True, metadata=metadata)


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
