"""Axes the book uses again and again: year scales, log scales with plain ticks, count scales.

Why here: a year axis must read ``1990``, never ``1,990`` or ``1990.0``; a log axis must show
round numbers people read (``1, 2, 5, 10``), not ``10^0``; and on a phone there is room for
about six tick labels. Each helper decides that once.
"""

from __future__ import annotations

import math
from typing import Literal

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter, NullLocator

from .. import fmt

Axis = Literal["x", "y"]

#: At most this many year ticks fit a phone-width axis without crowding.
MAX_YEAR_TICKS = 6


def year_step(lo: float, hi: float, max_ticks: int = MAX_YEAR_TICKS) -> int:
    """The smallest of 1, 2, 5, 10, 20, 25, 50 years giving at most ``max_ticks`` ticks."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100):
        if math.floor(hi / step) - math.ceil(lo / step) + 1 <= max_ticks:
            return step
    return 100


def years(ax: Axes, lo: float, hi: float, *, step: int | None = None, axis: Axis = "x") -> None:
    """A year scale from ``lo`` to ``hi`` with ticks on round years, labelled without separators."""
    step = step or year_step(lo, hi)
    ticks = list(range(math.ceil(lo / step) * step, math.floor(hi) + 1, step))
    if axis == "x":
        ax.set_xlim(lo, hi)
        ax.set_xticks(ticks, [str(t) for t in ticks])
    else:
        ax.set_ylim(lo, hi)
        ax.set_yticks(ticks, [str(t) for t in ticks])


def log_ticks(lo: float, hi: float) -> list[float]:
    """Round ticks (1-2-5 per decade, thinned to 1-3 or 1 when the range is wide) covering lo..hi."""
    if lo <= 0 or hi <= lo:
        raise ValueError(f"a log scale needs 0 < lo < hi; got lo={lo}, hi={hi}")
    decades = math.log10(hi) - math.log10(lo)
    mantissas = (1, 2, 5) if decades <= 2.5 else (1, 3) if decades <= 4 else (1,)
    out: list[float] = []
    for exp in range(math.floor(math.log10(lo)), math.ceil(math.log10(hi)) + 1):
        for m in mantissas:
            t = m * 10.0**exp
            if lo <= t <= hi:
                out.append(round(t, 10))
    return out


def log(ax: Axes, lo: float, hi: float, *, axis: Axis = "y", ticks: list[float] | None = None) -> None:
    """A log scale from ``lo`` to ``hi`` with plain-number ticks and no minor ticks."""
    ticks = ticks if ticks is not None else log_ticks(lo, hi)
    labels = [fmt.number(t) for t in ticks]
    if axis == "x":
        ax.set_xscale("log")
        ax.set_xlim(lo, hi)
        ax.set_xticks(ticks, labels)
        ax.xaxis.set_minor_locator(NullLocator())
    else:
        ax.set_yscale("log")
        ax.set_ylim(lo, hi)
        ax.set_yticks(ticks, labels)
        ax.yaxis.set_minor_locator(NullLocator())


def counts(ax: Axes, *, axis: Axis = "y", scale: float = 1, suffix: str = "") -> None:
    """Plain numbers with thousands separators (``29,647``), optionally divided by ``scale``.

    ``counts(ax, axis="x", scale=1e6, suffix=" million")`` labels 3,000,000 as ``3 million``.
    """
    formatter = FuncFormatter(lambda v, _pos: fmt.number(v / scale) + (suffix if v else ""))
    (ax.xaxis if axis == "x" else ax.yaxis).set_major_formatter(formatter)
    ax.locator_params(axis=axis, nbins=5)


def from_zero(ax: Axes, top: float, *, axis: Axis = "y", headroom: float = 1.2) -> None:
    """Start the value axis at zero and leave ``headroom`` above ``top`` for labels."""
    if axis == "y":
        ax.set_ylim(0, top * headroom)
    else:
        ax.set_xlim(0, top * headroom)


def values(ax: Axes, vals: pd.Series, *, log_scale: bool, log_pad: float, headroom: float) -> None:
    """The value (y) axis of a chart over time: a log scale from the smallest positive value
    divided by ``log_pad`` to the largest times ``log_pad``, or a linear scale from zero with
    ``headroom`` above the largest value for labels, ticked in plain numbers.

    One rule for every chart over time, so a log chart never reaches down to a zero it cannot
    show and a linear one always shows zero.
    """
    vals = vals.astype(float)
    if log_scale:
        log(ax, float(vals[vals > 0].min()) / log_pad, float(vals.max()) * log_pad)
    else:
        from_zero(ax, float(vals.max()), headroom=headroom)
        counts(ax)


def grid(ax: Axes, axis: Axis | Literal["none", "both"] = "y") -> None:
    """Gridlines along one axis only (values read across), or none."""
    ax.grid(False)
    if axis in ("x", "both"):
        ax.grid(True, axis="x")
    if axis in ("y", "both"):
        ax.grid(True, axis="y")


def no_ticks(ax: Axes, axis: Axis = "y") -> None:
    """Remove an axis's ticks, labels and spine (when marks carry their own labels)."""
    if axis == "y":
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
    else:
        ax.set_xticks([])
        ax.spines["bottom"].set_visible(False)
