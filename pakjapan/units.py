"""Money units and rescaling between them, within one currency only.

Why a module of its own: the scales are facts about units, not about the ledger, and the
formatting of figures (``fmt``) and the queries (``ledger``) both need them.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

#: Scale of each money unit in its base currency unit; conversions stay within a currency.
SCALES: dict[str, tuple[str, int]] = {
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

#: Counts of people in the data, with their size in persons.
PERSONS: dict[str, int] = {"persons": 1, "thousand persons": 10**3, "million persons": 10**6}


def convert(value: float, unit: str, target: str) -> float:
    """Rescale a value between units of the same kind (USD billion -> USD million, million persons -> persons).

    Currency conversion is deliberately not offered: a yen figure becomes dollars only with
    a rate the sources state, via :func:`pakjapan.reconcile.implied_rate`.
    """
    if unit == target:
        return float(value)
    if unit in PERSONS and target in PERSONS:
        return float(Decimal(str(value)) * PERSONS[unit] / PERSONS[target])
    try:
        cur_a, scale_a = SCALES[unit]
        cur_b, scale_b = SCALES[target]
    except KeyError as exc:
        raise ValueError(
            f"cannot rescale {unit!r} to {target!r}: not both money units or both counts of persons"
        ) from exc
    if cur_a != cur_b:
        raise ValueError(f"{unit!r} and {target!r} are different currencies; use a cited exchange rate")
    return float(Decimal(str(value)) * scale_a / scale_b)


def value_in(row: pd.Series, target: str) -> float:
    """A ledger or reference row's value expressed in ``target`` (same currency or count)."""
    return convert(float(row["value"]), str(row["unit"]), target)


def values_in(frame: pd.DataFrame, target: str) -> pd.Series:
    """Every row's value in ``target``, aligned on the frame's index.

    Why: chapters put the rows of one table on a common unit before charting or summing them;
    one call says so, where a comprehension over ``iterrows`` hid it. A row in another currency
    or kind of unit fails loudly, naming the row, as :func:`convert` does.
    """
    values = []
    for index, row in frame.iterrows():
        try:
            values.append(value_in(row, target))
        except ValueError as exc:
            raise ValueError(f"row {index}: {exc}") from exc
    return pd.Series(values, index=frame.index, dtype=float)
