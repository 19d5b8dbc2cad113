"""``pakjapan.external``: the long-run tables the chapters read, built from the upstream inputs.

How the inputs are fetched and verified is tested in ``test_upstream_fetch.py``; that the tables equal
the extracts the chapters were written on, in ``test_upstream_legacy.py``. Here: the façade returns
those tables, as fresh copies, and names its inputs.
"""

from __future__ import annotations

import pandas as pd
import pytest

from pakjapan import external
from pakjapan.upstream import legacy, manifest


def test_the_inputs_are_manifest_entries() -> None:
    names = set(manifest.inputs())
    assert set(external.INPUTS) <= names
    assert {"cow_trade_dyadic", "cow_trade_national", "fred_exchange_rates", "cpi_us", "maddison"} <= set(
        external.INPUTS
    )


@pytest.mark.needs_upstream
@pytest.mark.parametrize("name", ["dyadic", "totals", "exchange_rates", "macro"])
def test_each_table_is_the_legacy_table_as_a_fresh_copy(name: str) -> None:
    first = getattr(external, name)()
    pd.testing.assert_frame_equal(first, getattr(legacy, name)())
    first.iloc[0, 0] = -1
    assert getattr(external, name)().iloc[0, 0] != -1


@pytest.mark.needs_upstream
def test_empty_cells_stay_missing() -> None:
    totals = external.totals()
    assert totals["imports_musd"].isna().any(), "COW has years without totals; they must stay missing"
