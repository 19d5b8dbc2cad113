"""The long-run tables the chapters read (trade since 1948, exchange rates, GDP, population, prices).

They are built from the upstream inputs (``data/upstream.csv``) by :mod:`pakjapan.upstream.legacy`,
in the shape the chapters were written on: Correlates of War flows and totals for Pakistan, Japan and
their partners, exchange rates from three series, and a long table of macro series. Each call
returns a fresh copy (the extracted tables are cached by ``pakjapan.upstream.tables``).

Notebooks that read them carry ``"pakjapan": {"needs_upstream": true}`` in their metadata, so the
test suite skips them, saying why, on a machine without the inputs.
"""

from __future__ import annotations

import pandas as pd

from .upstream import fetch, legacy

#: The upstream inputs these four tables are built from.
INPUTS = sorted(
    {i for loader in (legacy.dyadic, legacy.totals, legacy.exchange_rates, legacy.macro) for i in loader.inputs}
)


def available() -> bool:
    """True when every input of the four tables is here without the network."""
    return fetch.available(INPUTS)


def dyadic() -> pd.DataFrame:
    """COW v4.0 dyadic flows: imports of ``importer`` from ``exporter``, current US$ million,
    importer-reported (CIF)."""
    return legacy.dyadic()


def totals() -> pd.DataFrame:
    """COW v4.0 national totals: each country's total imports and exports, current US$ million."""
    return legacy.totals()


def exchange_rates() -> pd.DataFrame:
    """National currency per US dollar, calendar-year average; the ``series`` column names the source."""
    return legacy.exchange_rates()


def macro() -> pd.DataFrame:
    """GDP, population, price indices and Maddison GDP per head; ``indicator``, ``unit`` and ``series`` say which."""
    return legacy.macro()
