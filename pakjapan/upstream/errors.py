"""The two ways an upstream input can fail, each carrying a message a reader can act on."""

from __future__ import annotations

import pandas as pd


class UpstreamError(RuntimeError):
    """An input cannot be obtained or verified; the message names it, its address and the fix."""


class StructureError(UpstreamError):
    """An input's layout is not the one its extractor was written for (a new release changed shape).

    Raised instead of guessing: the message names the input, the file and what was expected where.
    """

    def __init__(self, input_name: str, file: str, what: str):
        super().__init__(
            f"{input_name} ({file}): {what}. The extractor was written for the pinned release; "
            "if the file was deliberately updated, update the extractor and data/upstream.csv together."
        )


def expect(condition: bool, input_name: str, file: str, what: str) -> None:
    """Raise :class:`StructureError` with ``what`` (the expectation, and what was found) unless ``condition``."""
    if not condition:
        raise StructureError(input_name, file, what)


def expect_numbers(values: pd.DataFrame, input_name: str, file: str, what: str) -> pd.DataFrame:
    """``values`` as numbers, or :class:`StructureError` if any non-empty cell is not one (``what`` names the
    columns). An empty cell stays missing: the parse never turns text into NaN unseen."""
    numeric = values.apply(pd.to_numeric, errors="coerce")
    expect(
        bool((numeric.isna() == values.isna()).all().all()), input_name, file, f"numbers (or NA) in {what}; found text"
    )
    return numeric
