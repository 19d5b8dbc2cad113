"""Query the evidence ledger and format its figures for prose.

Chapters ask for figures by claim id or by indicator; asking for one figure and getting
none or two is an error here, not a silent first-match, because a chapter that quietly
picked the wrong row would print a wrong number with a valid citation.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from pathlib import Path

import pandas as pd

from . import data

#: Scale of each money unit in its base currency unit; conversions stay within a currency.
_SCALES: dict[str, tuple[str, int]] = {
    "USD": ("USD", 1),
    "USD thousand": ("USD", 10**3),
    "USD million": ("USD", 10**6),
    "USD 100 million": ("USD", 10**8),
    "USD billion": ("USD", 10**9),
    "JPY million": ("JPY", 10**6),
    "JPY 100 million": ("JPY", 10**8),
    "JPY billion": ("JPY", 10**9),
    "JPY trillion": ("JPY", 10**12),
    "PKR billion": ("PKR", 10**9),
}


@functools.cache
def _cached(name: str, directory: str) -> pd.DataFrame:
    return data.load(name, Path(directory))


def table(name: str) -> pd.DataFrame:
    """A validated table, loaded once per process (a copy, so callers cannot alter the cache)."""
    return _cached(name, str(data.data_dir())).copy()


def claims() -> pd.DataFrame:
    """The evidence ledger (``data/claims.csv``)."""
    return table("claims")


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


def claim(claim_id: str) -> pd.Series:
    """One ledger row by its id."""
    return one(claims(), claim_id=claim_id)


def convert(value: float, unit: str, target: str) -> float:
    """Rescale a money value between units of the same currency (e.g. USD billion -> USD million).

    Currency conversion is deliberately not offered: a yen figure becomes dollars only with
    a rate the sources state, via :func:`pakjapan.reconcile.implied_rate`.
    """
    if unit == target:
        return float(value)
    try:
        cur_a, scale_a = _SCALES[unit]
        cur_b, scale_b = _SCALES[target]
    except KeyError as exc:
        raise ValueError(f"cannot rescale {unit!r} to {target!r}: not both money units") from exc
    if cur_a != cur_b:
        raise ValueError(f"{unit!r} and {target!r} are different currencies; use a cited exchange rate")
    return float(Decimal(str(value)) * scale_a / scale_b)


def value_in(row: pd.Series, target: str) -> float:
    """A ledger or reference row's value expressed in ``target`` (same currency)."""
    return convert(float(row["value"]), str(row["unit"]), target)


_SYMBOL = {"USD": "US$", "JPY": "¥", "PKR": "Rs "}


def _number(value: float, decimals: int | None) -> str:
    if decimals is None:
        text = f"{value:,.3f}".rstrip("0").rstrip(".")
    else:
        text = f"{value:,.{decimals}f}"
    return text


def fmt(value: float, unit: str, decimals: int | None = None) -> str:
    """Human-readable figure: ``fmt(202.34, 'USD million') == 'US$202.34 million'``.

    ``decimals=None`` keeps the precision the value has (up to three places), so a figure
    is never shown more or less precisely than its source gave it.
    """
    if unit in _SCALES:
        cur, _ = _SCALES[unit]
        word = unit[len(cur) :].strip()
        sign = "-" if value < 0 else ""
        text = f"{sign}{_SYMBOL[cur]}{_number(abs(value), decimals)}"
        return f"{text} {word}" if word else text
    if unit == "percent":
        return f"{_number(value, decimals)}%"
    return f"{_number(value, decimals)} {unit}"


def fmt_row(row: pd.Series, decimals: int | None = None) -> str:
    """Format a ledger or reference row's value in its own unit."""
    return fmt(float(row["value"]), str(row["unit"]), decimals)
