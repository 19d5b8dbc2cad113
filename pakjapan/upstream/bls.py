"""US consumer prices: the BLS CPI-U, all items, US city average, not seasonally adjusted (CUUR0000SA0).

One CSV (``cpi_us``: ``cpiai.csv``, from the datasets/cpi-us package), one row per month from January
1913: ``Date`` (``YYYY-MM-01``), ``Index`` (1982-84 = 100, as BLS publishes it: one decimal to 2006,
three after) and ``Inflation``, the percent change from the previous month, computed and rounded to two
decimals by the repackager (not a BLS figure; empty for the first month).

Caveats: the file runs into the current year, so the last year is incomplete. BLS published no index for
October 2025 (the federal shutdown stopped collection), so 2025 has eleven months; a year's mean over
fewer than twelve months is no annual average, and :func:`annual` leaves its value missing.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import csvtext
from .errors import expect
from .tables import extracted

VERSION = 1
INPUT = "cpi_us"
UNIT = "index, 1982-84 = 100"
HEADER = ["Date", "Index", "Inflation"]
FIRST_MONTH = "1913-01-01"


@extracted(INPUT, version=VERSION)
def cpi_us(path: Path) -> pd.DataFrame:
    """The monthly index.

    Columns: ``year``, ``month`` (int64), ``value`` (float64, the index), ``unit``, ``change_pct`` (float64,
    the repackager's percent change from the previous month; NaN for January 1913). In date order.
    """
    file = path.name
    raw = csvtext.read(path, INPUT, HEADER)
    dates = raw["Date"].str.fullmatch(r"[0-9]{4}-(0[1-9]|1[0-2])-01")
    expect(
        bool(dates.all()),
        INPUT,
        file,
        f"monthly dates written YYYY-MM-01; found {raw.loc[~dates, 'Date'].head(3).tolist()}",
    )
    expect(
        raw["Date"].iloc[0] == FIRST_MONTH and raw["Date"].is_monotonic_increasing and raw["Date"].is_unique,
        INPUT,
        file,
        f"months in order from {FIRST_MONTH}, each once; the file starts {raw['Date'].iloc[0]!r}",
    )
    value = pd.to_numeric(raw["Index"].mask(raw["Index"].eq("")), errors="coerce")
    expect(
        bool(value.notna().all()) and bool((value > 0).all()),
        INPUT,
        file,
        f"a positive index in every month; found {raw.loc[~(value > 0), 'Index'].head(3).tolist()}",
    )
    change = pd.to_numeric(raw["Inflation"].mask(raw["Inflation"].eq("")), errors="coerce")
    expect(
        bool((change.isna() == raw["Inflation"].eq("")).all()),
        INPUT,
        file,
        "numbers or empty cells in 'Inflation'; found text",
    )
    return pd.DataFrame(
        {
            "year": raw["Date"].str[:4].astype("int64"),
            "month": raw["Date"].str[5:7].astype("int64"),
            "value": value.astype("float64"),
            "unit": pd.Series(UNIT, index=raw.index, dtype="string"),
            "change_pct": change.astype("float64"),
        }
    )


def annual(monthly: pd.DataFrame) -> pd.DataFrame:
    """Annual averages from :func:`cpi_us`'s months: the mean of a year's twelve months, to three decimals.

    Three decimals is how BLS publishes its annual averages. A year with fewer than twelve months (the
    current year; 2025, which lacks October) keeps its row with ``value`` NaN, and ``months`` says how
    many there are. Columns: ``year``, ``value``, ``months`` (int64), ``complete`` (bool), ``unit``.
    """
    years = monthly.groupby("year", sort=True)["value"].agg(["mean", "size"])
    complete = years["size"] == 12
    return pd.DataFrame(
        {
            "year": years.index.to_numpy(dtype="int64"),
            "value": years["mean"].round(3).where(complete).to_numpy(dtype="float64"),
            "months": years["size"].to_numpy(dtype="int64"),
            "complete": complete.to_numpy(dtype="bool"),
            "unit": pd.array([UNIT] * len(years), dtype="string"),
        }
    )


def cpi_us_annual() -> pd.DataFrame:
    """:func:`annual` of the pinned file's months (cached through :func:`cpi_us`)."""
    return annual(cpi_us())
