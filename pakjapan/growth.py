"""Compound growth: the one formula behind every 'grew by x% a year' in the book.

Why a helper: chapters computed ``(last / first) ** (1 / years) - 1`` by hand in several
places, each free to get the span of years wrong; here the span is explicit and checked.
"""

from __future__ import annotations


def compound_rate(first: float, last: float, years: float) -> float:
    """Average yearly growth, as a fraction, taking ``first`` to ``last`` over ``years`` years.

    ``compound_rate(100, 121, 2) == 0.1``. Values must be positive and the span longer than
    zero: a rate over no time, or from or to nothing, is undefined rather than infinite.
    """
    if years <= 0:
        raise ValueError(f"compound growth needs a span of years above zero; got {years}")
    if first <= 0 or last <= 0:
        raise ValueError(f"compound growth needs positive values; got first={first}, last={last}")
    return (last / first) ** (1 / years) - 1


def compound_percent(first: float, last: float, years: float) -> float:
    """:func:`compound_rate` in per cent (``10.0`` for ten per cent a year)."""
    return compound_rate(first, last, years) * 100
