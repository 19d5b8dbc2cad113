"""One-call charts: the whole of a chapter's chart cell between building the frame and ``show``.

Each function takes the frame to plot, a ``title`` that states the finding and ``units`` saying
what is measured, draws it in the house style and returns the figure for
:func:`pakjapan.charts.show`. Column names are passed as keywords, so the frame keeps the
names the folded data table shows readers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
from matplotlib.figure import Figure

from . import axes as ax_
from . import marks, style
from .layout import canvas
from .marks import Colour


def _year_range(values: pd.Series, pad: float = 1.0) -> tuple[float, float]:
    return float(values.min()) - pad, float(values.max()) + pad


def bars(
    frame: pd.DataFrame,
    *,
    label: str,
    value: str,
    title: str,
    units: str,
    colour: Colour = "blue",
    by: str | None = None,
    hedged: str | None = None,
    value_text: str | None = None,
    log: bool = False,
    scale: float = 1,
    suffix: str = "",
) -> Figure:
    """Labelled horizontal bars (first row on top); hatched where ``hedged``; optional log scale.

    ``scale``/``suffix`` relabel the value axis (``scale=1e6, suffix=" million"``).
    """
    fig, ax = canvas(title, units, height=0.55 * len(frame) + 0.45)
    marks.bars(ax, frame, label=label, value=value, colour=colour, by=by, hedged=hedged, value_text=value_text, log=log)
    if log:
        vals = frame[value].astype(float)
        ax_.log(ax, float(vals.min()) / 2, float(vals.max()) * 4, axis="x")
    else:
        ax_.counts(ax, axis="x", scale=scale, suffix=suffix)
    return fig


def dots(
    frame: pd.DataFrame,
    *,
    label: str,
    value: str,
    title: str,
    units: str,
    colour: Colour = "blue",
    by: str | None = None,
    hollow: str | None = None,
    log: bool = False,
    ticks: list[float] | None = None,
    rule: float | None = None,
) -> Figure:
    """A dot plot, one line per ``label`` (first on top); hollow where ``hollow``; ``rule`` marks a reference value.

    ``log=True`` gives readable log ticks (for ratios, e.g. each value as a percentage of a
    reference); ``ticks`` replaces the 1-2-5 ticks when the range is under a decade.
    """
    fig, ax = canvas(title, units, height=0.42 * len(dict.fromkeys(frame[label])) + 0.4)
    marks.dots(ax, frame, label=label, value=value, colour=colour, by=by, hollow=hollow)
    if rule is not None:
        marks.rule(ax, rule)
    vals = frame[value].astype(float)
    if log:
        ax_.log(ax, float(vals.min()) / 1.15, float(vals.max()) * 1.15, axis="x", ticks=ticks)
    else:
        ax_.counts(ax, axis="x")
    return fig


def points(
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    title: str,
    units: str,
    colour: Colour = "blue",
    by: str | None = None,
    hedged: str | None = None,
    labels: str | None = None,
    panel: str | None = None,
    panels: Sequence[str] | None = None,
    sharey: bool = False,
    years: tuple[float, float] | None = None,
    log: bool = False,
    height: float = style.BODY_HEIGHT,
) -> Figure:
    """Points over time (never joined), hollow where ``hedged``; one panel per value of ``panel``.

    Panels are stacked one above the other (phone first) sharing the year axis; each panel is
    titled with its value, and gets its own value scale unless ``sharey``.
    """
    names = list(panels or (dict.fromkeys(frame[panel]) if panel else [""]))
    fig, axs = canvas(
        title,
        units,
        nrows=len(names),
        height=height * (1 if len(names) == 1 else 0.75 * len(names)),
        sharex=True,
        sharey=sharey,
    )
    axs = [axs] if len(names) == 1 else axs
    lo, hi = years or _year_range(frame[x])
    for ax, name in zip(axs, names, strict=False):
        sub = frame[frame[panel] == name] if panel else frame
        marks.points(ax, sub, x=x, y=y, colour=colour, by=by, hedged=hedged, labels=labels)
        if name:
            ax.set_title(name, loc="left", fontsize=style.TEXT, fontweight="bold", color=style.INK)
        # A log scale is shared by every panel; a linear one fits its own panel.
        ax_.values(ax, frame[y] if log else sub[y], log_scale=log, log_pad=1.5, headroom=1.3)
        ax_.years(ax, lo, hi)
    return fig


def timeline(
    frame: pd.DataFrame,
    *,
    x: str,
    lane: str,
    order: Sequence[str],
    title: str,
    units: str,
    colour: Colour = "blue",
    by: str | None = None,
    hollow: str | None = None,
    span: str | None = None,
    labels: str | None = None,
    eras: Sequence[tuple[float, float]] | None = None,
) -> Figure:
    """A lane timeline (one lane per category); ``eras`` splits time into panels stacked vertically.

    ``eras=[(1950, 2000), (2000, 2027)]`` gives the sparse early decades and the dense recent
    ones each a full phone width, instead of squeezing both into one axis.
    """
    eras = list(eras or [_year_range(frame[x], 2)])
    lane_h = 0.5 * len(order) + 0.3
    fig, axs = canvas(title, units, nrows=len(eras), height=lane_h * len(eras))
    axs = [axs] if len(eras) == 1 else axs
    for ax, (lo, hi) in zip(axs, eras, strict=False):
        sub = frame[(frame[x] >= lo) & (frame[x] < hi)]
        marks.lanes(ax, sub, x=x, lane=lane, order=order, colour=colour, by=by, hollow=hollow, span=span, labels=labels)
        ax_.years(ax, lo, hi)
    return fig


def shares(
    frame: pd.DataFrame,
    *,
    group: str,
    part: str,
    value: str,
    parts: Sequence[str],
    palette: Mapping[str, str],
    title: str,
    units: str,
) -> Figure:
    """Stacked 100% bars, one per ``group``, parts named in a line of coloured words above."""
    n = len(dict.fromkeys(frame[group]))
    fig, ax = canvas(title, units, height=0.55 * n + 0.5)
    marks.stack(ax, frame, group=group, part=part, value=value, parts=parts, palette=palette)
    x = 0.0
    for p in parts:
        ax.annotate(
            p,
            (x, 1.0),
            xycoords="axes fraction",
            xytext=(0, 4),
            textcoords="offset points",
            fontsize=style.SMALL,
            fontweight="bold",
            color=marks.resolve(palette[p]),
            va="bottom",
        )
        x += 1 / len(parts)
    ax_.counts(ax, axis="x", suffix="%")
    return fig


def lines(
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    series: str,
    palette: Mapping[str, str],
    title: str,
    units: str,
    log: bool = False,
    step: float | None = 1,
    years: tuple[float, float] | None = None,
    breaks: Sequence[tuple[float, str]] = (),
    scattered: pd.DataFrame | None = None,
    scattered_by: str | None = None,
    hedged: str | None = None,
    height: float = style.BODY_HEIGHT,
    unlabelled: Sequence[str] = (),
    split: str | None = None,
    shape: str | None = None,
    shapes: Mapping[str, str] | None = None,
    names: bool = True,
    singles: bool = False,
) -> Figure:
    """Long-run lines over time (seaborn), labelled at their ends, with optional series breaks.

    ``unlabelled`` series get no end label (the part of a line before a break that a labelled
    series continues).

    ``breaks`` are ``(year, text)`` rules where a series changes meaning (``(1971, "East Pakistan
    leaves")``); ``split`` names the column (e.g. ``period``) whose change breaks each line there.
    ``scattered`` adds figures from other reporters as unjoined points (same ``x`` and ``y``
    columns, coloured by ``scattered_by`` through ``palette``, hollow where ``hedged``); ``shape``
    names a column of the scattered frame (e.g. who reports) whose values ``shapes`` maps to
    marker shapes, so each point says whose record it is. ``names=False`` leaves the lines'
    end labels out, for a chart that places them itself (e.g. where scattered points follow the line).
    ``singles=True`` shows a year with no neighbour in its line (between two gaps) as a dot.
    """
    fig, ax = canvas(title, units, height=height)
    marks.lines(
        ax,
        frame,
        x=x,
        y=y,
        series=series,
        palette=palette,
        step=step,
        split=split,
        names=names,
        unlabelled=unlabelled,
        singles=singles,
    )
    if scattered is not None:
        groups = scattered.groupby(shape, sort=False) if shape else [(None, scattered)]
        for key, part in groups:
            marks.points(
                ax,
                part,
                x=x,
                y=y,
                colour=palette if scattered_by else "grey",
                by=scattered_by,
                hedged=hedged,
                marker=(shapes or {})[key] if shape else "o",
            )
    both = pd.concat([frame[[x, y]], scattered[[x, y]]]) if scattered is not None else frame[[x, y]]
    lo, hi = years or (float(both[x].min()), float(both[x].max()) + 0.12 * (both[x].max() - both[x].min()))
    for year, text in breaks:
        marks.series_break(ax, year, text)
    ax_.values(ax, both[y], log_scale=log, log_pad=1.3, headroom=1.15)
    ax_.years(ax, lo, hi)
    return fig


def multiples(
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    panel: str,
    title: str,
    units: str,
    colour: Colour = "blue",
    by: str | None = None,
    ncols: int = 2,
    log: bool = False,
    breaks: Sequence[tuple[float, str]] = (),
    step: float | None = 1,
    split: str | None = None,
    singles: bool = False,
) -> Figure:
    """Small multiples: one panel per ``panel`` value, its own line in colour, the others faint.

    Every panel shares both scales, so peers compare at a glance; the faint lines give each
    country its context without a legend. Panels are in frame order, ``ncols`` across.
    ``split`` names a column whose change breaks a line, and ``singles`` dots a year between two gaps
    (see :func:`lines`).
    """
    names = list(dict.fromkeys(frame[panel]))
    nrows = -(-len(names) // ncols)
    fig, axs = canvas(title, units, nrows=nrows, ncols=ncols, height=1.45 * nrows + 0.2, sharex=True, sharey=True)
    axs = axs if isinstance(axs, list) else [axs]
    cols = dict(zip(frame[panel], marks.colours(frame, colour, by), strict=False))
    vals = frame[y].astype(float)
    lo, hi = float(frame[x].min()), float(frame[x].max())
    for ax, name in zip(axs, names, strict=False):
        others = frame[frame[panel] != name]
        if len(others):
            marks.context(ax, others, x=x, y=y, series=panel, step=step, split=split)
        marks.lines(
            ax,
            frame[frame[panel] == name],
            x=x,
            y=y,
            series=panel,
            palette={str(name): cols[name]},
            step=step,
            names=False,
            split=split,
            singles=singles,
        )
        heading = style.wrap(str(name), style.SMALL, width=style.WIDTH / ncols - 0.3, bold=True)
        ax.set_title(heading, loc="left", fontsize=style.SMALL, fontweight="bold", color=cols[name])
        for year, text in breaks:
            marks.series_break(ax, year, text)
        if log:
            ax_.log(ax, float(vals[vals > 0].min()) / 1.3, float(vals.max()) * 1.3)
        ax_.years(ax, lo, hi, step=ax_.year_step(lo, hi, max_ticks=3))
    for ax in axs[len(names) :]:
        ax.set_visible(False)
    return fig


def columns(
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    title: str,
    units: str,
    slots: Sequence[float] | None = None,
    colour: str = "blue",
    missing: str = "no data",
) -> Figure:
    """Yearly columns with value labels; ``slots`` without a row (default: every year between the
    first and last) are drawn as empty dotted outlines saying ``missing``."""
    if slots is None:
        slots = list(range(int(frame[x].min()), int(frame[x].max()) + 1))
    fig, ax = canvas(title, units)
    marks.columns(ax, frame, x=x, y=y, slots=slots, colour=colour, missing=missing)
    ax_.grid(ax, "none")
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    return fig
