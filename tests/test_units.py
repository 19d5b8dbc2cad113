"""``units.values_in``: a frame's rows on one unit, index kept, a wrong unit named by its row."""

from __future__ import annotations

import pandas as pd
import pytest

from pakjapan import units


def test_values_in_rescales_each_row_and_keeps_the_index() -> None:
    frame = pd.DataFrame({"value": [1.5, 250.0], "unit": ["JPY billion", "JPY million"]}, index=["REF-1", "REF-2"])
    result = units.values_in(frame, "JPY billion")
    assert list(result.index) == ["REF-1", "REF-2"]
    assert result.tolist() == [1.5, 0.25]


def test_values_in_names_the_row_in_another_currency() -> None:
    frame = pd.DataFrame({"value": [1.0, 2.0], "unit": ["USD million", "JPY billion"]}, index=["A", "B"])
    with pytest.raises(ValueError, match=r"row B: 'JPY billion' and 'USD million' are different currencies"):
        units.values_in(frame, "USD million")


def test_values_in_of_no_rows_is_empty() -> None:
    assert units.values_in(pd.DataFrame({"value": [], "unit": []}), "persons").empty
