"""Numbers as readers see them, in prose and on charts.

Why one module: a figure must read the same in a sentence, a chart label and a tick, so
every one of them is formatted here.
"""

from __future__ import annotations

import pandas as pd

from .units import SCALES

_SYMBOL = {"USD": "US$", "JPY": "¥", "PKR": "Rs "}


def number(value: float, decimals: int | None = None) -> str:
    """``29647 -> '29,647'``; ``decimals=None`` keeps the value's own precision (up to three places)."""
    if decimals is None:
        text = f"{value:,.3f}".rstrip("0").rstrip(".")
    else:
        text = f"{value:,.{decimals}f}"
    return "0" if text in ("-0", "") else text


def fmt(value: float, unit: str, decimals: int | None = None) -> str:
    """Human-readable figure: ``fmt(202.34, 'USD million') == 'US$202.34 million'``.

    ``decimals=None`` keeps the precision the value has (up to three places), so a figure
    is never shown more or less precisely than its source gave it.
    """
    if unit in SCALES:
        cur, _ = SCALES[unit]
        word = unit[len(cur) :].strip()
        sign = "-" if value < 0 else ""
        text = f"{sign}{_SYMBOL[cur]}{number(abs(value), decimals)}"
        return f"{text} {word}" if word else text
    if unit == "percent":
        return f"{number(value, decimals)}%"
    return f"{number(value, decimals)} {unit}"


def fmt_row(row: pd.Series, decimals: int | None = None) -> str:
    """Format a ledger or reference row's value in its own unit."""
    return fmt(float(row["value"]), str(row["unit"]), decimals)


def signed_percent(value: float, decimals: int = 0) -> str:
    """``12.3 -> '+12%'``: growth rates on charts show their sign."""
    return f"{value:+,.{decimals}f}%"


def date(iso: str) -> str:
    """An ISO date as a sentence writes it, at the precision it has: ``2008-05-03`` -> ``3 May 2008``,
    ``2019-02`` -> ``February 2019``, ``2008`` -> ``2008``. Anything else is an error, never guessed."""
    parts = str(iso).split("-")
    if not (1 <= len(parts) <= 3 and all(p.isdigit() for p in parts) and len(parts[0]) == 4):
        raise ValueError(f"date {iso!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
    when = pd.Timestamp(
        year=int(parts[0]), month=int(parts[1]) if len(parts) > 1 else 1, day=int(parts[2]) if len(parts) > 2 else 1
    )
    return {1: f"{when.year}", 2: when.strftime("%B %Y"), 3: f"{when.day} {when.strftime('%B %Y')}"}[len(parts)]
