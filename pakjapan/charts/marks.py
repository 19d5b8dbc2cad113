"""Marks: what the book draws on an axes, each in one call, each recording the rows it draws.

Conventions shared by every mark, so a reader learns them once:

- **Hollow** (points) or **hatched outline** (bars) marks a figure the source hedges
  ("around 80"), a part year, or anything not as solid as the filled marks beside it.
- **Direct labels** in the series' colour replace legends.
- Labels of bars and lanes sit **above** the mark, left-aligned, rather than as tick labels
  beside it: on a phone a long label beside a bar would take half the width.
- Rows are selected from the frame **by column**, never by position, and every mark calls
  :func:`pakjapan.charts.layout.record` so the chart's source line can be checked.

Colours are given as one colour for all rows, or as a mapping plus ``by=`` (the column whose
values are the mapping's keys). A colour may be a hex code, an Okabe-Ito name (``"blue"``)
or a country code (``"PAK"``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection

from .. import fmt
from . import style
from .layout import record

Colour = str | Mapping[str, str]


def resolve(colour: str) -> str:
    """A hex colour for a hex code, an Okabe-Ito name or a country code."""
    return style.OKABE_ITO.get(colour) or style.COUNTRY.get(colour) or colour


def _reserved(colour: str, key: str | None) -> None:
    """Refuse Japan's colour for anything but Japan: readers learn that vermillion means Japan."""
    if resolve(colour).lower() == style.COUNTRY["JPN"].lower() and key not in style.JAPAN_KEYS and colour != "JPN":
        what = f"the series {key!r}" if key is not None else "a single-colour mark"
        raise ValueError(
            f"{what} is drawn in {colour!r}, Japan's reserved colour; pick another colour "
            "(only 'JPN' or a series named JPN or Japan may use it)"
        )


def colours(frame: pd.DataFrame, colour: Colour, by: str | None = None) -> list[str]:
    """One colour per row of ``frame`` (an error naming any value the mapping lacks)."""
    if isinstance(colour, str):
        _reserved(colour, None)
        return [resolve(colour)] * len(frame)
    if by is None:
        raise ValueError("a colour mapping needs by= naming the column whose values it maps")
    missing = sorted({str(v) for v in frame[by]} - set(colour))
    if missing:
        raise KeyError(f"no colour for {by} value(s) {', '.join(missing)}")
    for key, value in colour.items():
        _reserved(value, str(key))
    return [resolve(colour[str(v)]) for v in frame[by]]


def _flags(frame: pd.DataFrame, column: str | None) -> list[bool]:
    return [False] * len(frame) if column is None else [bool(v) for v in frame[column]]


def label(
    ax: Axes,
    x: float,
    y: float,
    text: str,
    colour: str = style.INK,
    *,
    dx: float = 5,
    dy: float = 0,
    ha: str = "left",
    va: str = "center",
    bold: bool = True,
) -> None:
    """A direct label beside a point, in the series' colour (instead of a legend)."""
    ax.annotate(
        text,
        (x, y),
        xytext=(dx, dy),
        textcoords="offset points",
        ha=ha,
        va=va,
        color=resolve(colour),
        fontsize=style.SMALL,
        fontweight="bold" if bold else "normal",
        annotation_clip=False,
    )


def end_labels(ax: Axes, items: Sequence[tuple[float, float, str, str]], *, gap: float | None = None) -> None:
    """Labels at the right end of lines, nudged apart vertically so they never overlap.

    ``items`` are ``(x, y, text, colour)``; the nudge is computed in points from the axes'
    current data-to-display transform, so call this after the limits are set.
    """
    gap = gap or style.SMALL * 1.25
    fig = ax.figure
    to_pt = 72 / fig.dpi
    placed = sorted(((ax.transData.transform((x, y))[1] * to_pt, x, y, t, c) for x, y, t, c in items))
    last = -np.inf
    for pos, x, y, text, colour in placed:
        target = max(pos, last + gap)
        label(ax, x, y, text, colour, dy=target - pos)
        last = target


def _row_label(ax: Axes, text: str, y: float) -> None:
    """A row's name written above its bar or line, from the left edge: long names fit a phone
    because they never share the row's width with the mark."""
    ax.annotate(
        text,
        (0, y),
        xycoords=("axes fraction", "data"),
        ha="left",
        va="bottom",
        fontsize=style.SMALL,
        color=style.INK,
    )


def _rows_axis(ax: Axes, bottom: float, top: float, *, xgrid: bool = True) -> None:
    """The axis of a chart of rows (bars, dots, lanes): no y ticks or spine, the rows' own labels
    name them; vertical grid lines only, to read values against."""
    ax.set_ylim(bottom, top)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.grid(False)
    if xgrid:
        ax.grid(True, axis="x")


def bars(
    ax: Axes,
    frame: pd.DataFrame,
    *,
    label: str,
    value: str,
    colour: Colour = "blue",
    by: str | None = None,
    hedged: str | None = None,
    value_text: str | None = None,
    log: bool = False,
) -> None:
    """Horizontal bars, first row on top, each with its label above it and its value at its end.

    ``hedged`` names a boolean column: those bars are drawn as hatched outlines. ``value_text``
    names a column of ready-made value labels (default: the value with thousands separators).
    """
    record(ax, frame)
    cols = colours(frame, colour, by)
    flags = _flags(frame, hedged)
    n = len(frame)
    for i, (lab, v, col, hollow) in enumerate(zip(frame[label], frame[value], cols, flags, strict=False)):
        y = n - 1 - i
        ax.barh(
            y,
            float(v),
            height=0.42,
            color="none" if hollow else col,
            edgecolor=col,
            linewidth=1.2,
            hatch="////" if hollow else None,
        )
        _row_label(ax, str(lab), y + 0.27)
        text = str(frame[value_text].iloc[i]) if value_text else fmt.number(float(v))
        left = float(v) < 0  # a negative bar's value is written beyond its left end, off the bar
        ax.annotate(
            text,
            (float(v), y),
            xytext=(-4 if left else 4, 0),
            textcoords="offset points",
            va="center",
            ha="right" if left else "left",
            fontsize=style.SMALL,
            color=style.INK,
            fontweight="bold",
            annotation_clip=False,
        )
    _rows_axis(ax, -0.5, n - 0.1)
    top, bottom = float(frame[value].max()), float(frame[value].min())
    if not log:
        span = top - min(bottom, 0)
        ax.set_xlim(min(bottom, 0) - (0.3 * span if bottom < 0 else 0), max(top, 0) + 0.22 * span)
        if bottom < 0:
            rule(ax, 0)


def dots(
    ax: Axes,
    frame: pd.DataFrame,
    *,
    label: str,
    value: str,
    colour: Colour = "blue",
    by: str | None = None,
    hollow: str | None = None,
) -> None:
    """A dot plot: one line per distinct ``label`` (first on top), every row a point on its line.

    For several figures of one quantity side by side (competing sources, estimates): a thin
    line spans each label's points, ``hollow`` (boolean column) draws some points hollow, and
    each label is written above its line, as bars are, so long labels fit a phone.
    """
    record(ax, frame)
    cols = colours(frame, colour, by)
    flags = _flags(frame, hollow)
    names = list(dict.fromkeys(frame[label]))
    n = len(names)
    for i, name in enumerate(names):
        y = n - 1 - i
        idx = [k for k in range(len(frame)) if frame[label].iloc[k] == name]
        vals = [float(frame[value].iloc[k]) for k in idx]
        ax.plot([min(vals), max(vals)], [y, y], color=cols[idx[0]], linewidth=1, alpha=0.6, zorder=2)
        for k, v in zip(idx, vals, strict=False):
            ax.scatter(
                v,
                y,
                s=style.MARKER,
                facecolor="none" if flags[k] else cols[k],
                edgecolor=cols[k],
                linewidth=style.HOLLOW_EDGE,
                zorder=3,
            )
        _row_label(ax, str(name), y + 0.22)
    _rows_axis(ax, -0.5, n - 0.1)


def points(
    ax: Axes,
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    colour: Colour = "blue",
    by: str | None = None,
    hedged: str | None = None,
    labels: str | None = None,
    marker: str = "o",
) -> None:
    """Points, never joined: filled for firm figures, hollow where ``hedged`` (a boolean column) is true.

    ``labels`` names a column of text written beside each point (alternately above and below
    when neighbours are close). Use this for scattered figures from different reporters beside a
    line: a line implies a series, and points from different sources are not one.
    """
    record(ax, frame)
    cols = colours(frame, colour, by)
    flags = _flags(frame, hedged)
    xs, ys = frame[x].astype(float).to_numpy(), frame[y].astype(float).to_numpy()
    for xi, yi, col, hollow in zip(xs, ys, cols, flags, strict=False):
        ax.scatter(
            xi,
            yi,
            s=style.MARKER,
            marker=marker,
            facecolor="none" if hollow else col,
            edgecolor=col,
            linewidth=style.HOLLOW_EDGE,
            zorder=3,
        )
    if labels:
        order = np.argsort(xs, kind="stable")
        span = (np.nanmax(xs) - np.nanmin(xs)) or 1.0
        prev = -np.inf
        below = False
        for k in order:
            text = frame[labels].iloc[k]
            if pd.isna(text) or str(text) == "":
                continue
            below = (not below) if xs[k] - prev < span / 12 else False
            ax.annotate(
                str(text),
                (xs[k], ys[k]),
                xytext=(0, -12 if below else 6),
                textcoords="offset points",
                ha="center",
                va="top" if below else "bottom",
                fontsize=style.SMALL,
                color=style.INK,
                annotation_clip=False,
            )
            prev = xs[k]


def lanes(
    ax: Axes,
    frame: pd.DataFrame,
    *,
    x: str,
    lane: str,
    order: Sequence[str],
    colour: Colour = "blue",
    by: str | None = None,
    hollow: str | None = None,
    span: str | None = None,
    labels: str | None = None,
) -> None:
    """A lane timeline: one horizontal lane per category in ``order``, events as points along it.

    ``hollow`` (boolean column) draws imprecisely dated events hollow; ``span`` (numeric column,
    years) draws an event dated only to a period as a translucent bar that long, centred on x.
    Lane names are written above each lane at its left; ``labels`` writes short text above
    chosen events (keep them few and short: they share the lane's upper half with its name).
    """
    record(ax, frame)
    unknown = sorted(set(map(str, frame[lane])) - set(order))
    if unknown:
        raise KeyError(f"lane(s) {', '.join(unknown)} not in order={list(order)}")
    cols = colours(frame, colour, by)
    flags = _flags(frame, hollow)
    n = len(order)
    for i, name in enumerate(order):
        ax.annotate(
            name,
            (0, n - 1 - i + 0.25),
            xycoords=("axes fraction", "data"),
            fontsize=style.SMALL,
            color=style.INK,
            va="bottom",
            ha="left",
            fontweight="bold",
        )
    for k in range(len(frame)):
        yv = n - 1 - list(order).index(str(frame[lane].iloc[k]))
        xv = float(frame[x].iloc[k])
        width = float(frame[span].iloc[k]) if span and pd.notna(frame[span].iloc[k]) else 0.0
        if width:
            ax.plot(
                [xv - width / 2, xv + width / 2],
                [yv, yv],
                color=cols[k],
                linewidth=6,
                alpha=0.45,
                solid_capstyle="butt",
            )
        else:
            ax.scatter(
                xv,
                yv,
                s=style.MARKER,
                facecolor="none" if flags[k] else cols[k],
                edgecolor=cols[k],
                linewidth=style.HOLLOW_EDGE,
                zorder=3,
            )
        if labels and pd.notna(frame[labels].iloc[k]) and str(frame[labels].iloc[k]):
            ax.annotate(
                str(frame[labels].iloc[k]),
                (xv, yv),
                xytext=(0, 6),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=style.SMALL,
                color=style.MUTED,
            )
    _rows_axis(ax, -0.6, n - 0.2)


def stack(
    ax: Axes,
    frame: pd.DataFrame,
    *,
    group: str,
    part: str,
    value: str,
    parts: Sequence[str],
    palette: Mapping[str, str],
    min_label: float = 8.0,
) -> None:
    """Stacked horizontal shares: one bar per ``group`` (first on top), segments in ``parts`` order.

    Values are drawn as given (per cent of each group's total); segments at least ``min_label``
    wide carry their share. The first bar names each part above its segment, replacing a legend.
    """
    record(ax, frame)
    groups = list(dict.fromkeys(frame[group]))
    n = len(groups)
    for i, g in enumerate(groups):
        yv = n - 1 - i
        left = 0.0
        _row_label(ax, str(g), yv + 0.27)
        for p in parts:
            _reserved(palette[p], str(p))
            sel = frame[(frame[group] == g) & (frame[part] == p)]
            if len(sel) != 1:
                raise LookupError(f"expected one row for {group}={g!r}, {part}={p!r}; found {len(sel)}")
            share = float(sel[value].iloc[0])
            ax.barh(yv, share, left=left, height=0.42, color=resolve(palette[p]), edgecolor="white", linewidth=0.6)
            if share >= min_label:
                ax.annotate(
                    f"{share:.0f}%",
                    (left + share / 2, yv),
                    ha="center",
                    va="center",
                    fontsize=style.SMALL,
                    color="white",
                    fontweight="bold",
                )
            left += share
    ax.set_xlim(0, 100)
    _rows_axis(ax, -0.5, n - 0.1, xgrid=False)


def _runs(frame: pd.DataFrame, *, x: str, y: str, series: str, step: float | None, split: str | None) -> pd.DataFrame:
    """The rows to draw, sorted, with ``_unit`` naming each unbroken run of a series: a gap of more than
    ``step`` or a change in ``split`` starts a new run, so no line ever crosses missing years."""
    cols = [x, y, series] + ([split] if split else [])
    data = frame[cols].dropna(subset=[y]).sort_values([series, x], kind="stable").copy()
    data["_run"] = 0
    for _name, sub in data.groupby(series, sort=False):
        gaps = (sub[x].diff().fillna(step) > step * 1.001) if step is not None else pd.Series(False, index=sub.index)
        changes = (sub[split] != sub[split].shift()).iloc[1:].reindex(sub.index, fill_value=False) if split else False
        data.loc[sub.index, "_run"] = (gaps | changes).cumsum()
    data["_unit"] = data[series].astype(str) + "/" + data["_run"].astype(str)
    return data


def context(
    ax: Axes,
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    series: str,
    step: float | None = 1,
    split: str | None = None,
    width: float = 0.8,
) -> None:
    """Faint context lines (the other panels' series in small multiples), one collection for all.

    Drawn behind the highlighted line, unlabelled, with the same run rules as :func:`lines`; one
    artist instead of a plot call per series, since a chart of eight panels draws dozens of them.
    """
    record(ax, frame)
    data = _runs(frame, x=x, y=y, series=series, step=step, split=split)
    segments = [part[[x, y]].to_numpy(dtype=float) for _, part in data.groupby("_unit", sort=False)]
    ax.add_collection(LineCollection(segments, colors=style.FAINT, linewidths=width, zorder=1))
    ax.autoscale_view()


def lines(
    ax: Axes,
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    series: str,
    palette: Mapping[str, str],
    step: float | None = 1,
    names: bool = True,
    width: float = style.LINE,
    unlabelled: Sequence[str] = (),
    split: str | None = None,
    singles: bool = False,
) -> None:
    """Lines over time, drawn by seaborn, one per ``series``, labelled at their right end.

    ``unlabelled`` names series drawn without an end label: the part of a line before a break
    (e.g. Pakistan's trade up to 1971) that the labelled part after it continues.

    A line joins only consecutive observations ``step`` apart (``step=None`` joins all): a gap
    in the data stays a gap, never a straight line across missing years. Missing values are
    gaps too; nothing is interpolated. ``split`` names a column whose change also breaks a line
    (e.g. ``period``: a country's figures before and after a change of territory are not one series).
    ``singles=True`` draws an observation with no neighbour in its run (a year between two gaps) as a dot,
    which a line alone cannot show; off by default, so charts without such years are drawn as before.
    """
    record(ax, frame)
    data = _runs(frame, x=x, y=y, series=series, step=step, split=split)
    for k, v in palette.items():
        _reserved(v, str(k))
    pal = {k: resolve(v) for k, v in palette.items()}
    sns.lineplot(
        data=data,
        x=x,
        y=y,
        hue=series,
        units="_unit",
        estimator=None,
        palette=pal,
        legend=False,
        linewidth=width,
        ax=ax,
        sort=True,
    )
    ax.set_xlabel("")
    ax.set_ylabel("")
    if singles:
        alone = data[data.groupby("_unit")[x].transform("size") == 1]
        for _, row in alone.iterrows():
            ax.scatter(row[x], row[y], s=style.MARKER * 0.6, color=pal[str(row[series])], linewidth=0, zorder=3)
    if names:
        ends = [
            (float(sub[x].iloc[-1]), float(sub[y].iloc[-1]), str(name), pal[str(name)])
            for name, sub in data.groupby(series, sort=False)
            if str(name) not in set(unlabelled)
        ]
        ax.autoscale_view()
        end_labels(ax, ends)


def columns(
    ax: Axes,
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    slots: Sequence[float],
    colour: str = "blue",
    missing: str = "no data",
) -> None:
    """Vertical columns at ``x`` with value labels; slots without a row are dotted outlines saying ``missing``.

    For yearly counts with gaps: the empty years are shown as empty, at the height of the
    tallest column so they read as absent, not as zero.
    """
    _reserved(colour, None)
    record(ax, frame)
    top = float(frame[y].max())
    present = {float(v): float(w) for v, w in zip(frame[x], frame[y], strict=False)}
    for slot in slots:
        if float(slot) in present:
            v = present[float(slot)]
            ax.bar(slot, v, color=resolve(colour), width=0.7)
            ax.annotate(
                fmt.number(v),
                (slot, v),
                xytext=(0, 3),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=style.SMALL,
                fontweight="bold",
            )
        else:
            ax.bar(slot, top, color="none", edgecolor=style.FAINT, hatch="..", linestyle=":", width=0.7)
            ax.annotate(
                missing, (slot, top / 2), ha="center", va="center", rotation=90, fontsize=style.SMALL, color=style.MUTED
            )
    ax.set_xticks(list(slots), [str(int(s)) if float(s).is_integer() else str(s) for s in slots])
    ax.set_ylim(0, top * 1.3)


def series_break(ax: Axes, x: float, text: str, *, colour: str = style.MUTED) -> None:
    """A vertical dashed rule at ``x`` with ``text`` at its top: where a series changes meaning.

    For example 1971, when Pakistan's trade figures stop including East Pakistan: values on
    either side are not comparable, and the rule says so where the eye crosses it.
    """
    ax.axvline(x, color=colour, linewidth=1, linestyle=(0, (4, 3)), zorder=1)
    ax.annotate(
        text,
        (x, 1),
        xycoords=("data", "axes fraction"),
        xytext=(3, -2),
        textcoords="offset points",
        ha="left",
        va="top",
        fontsize=style.SMALL,
        color=colour,
    )


def span(ax: Axes, lo: float, hi: float, text: str | None = None) -> None:
    """A shaded interval on the x axis (e.g. the years in which one series overtook another)."""
    ax.axvspan(lo, hi, color=style.GRID, alpha=0.6, zorder=0, linewidth=0)
    if text:
        ax.annotate(
            text,
            ((lo + hi) / 2, 1),
            xycoords=("data", "axes fraction"),
            ha="center",
            va="bottom",
            fontsize=style.SMALL,
            color=style.MUTED,
        )


def rule(ax: Axes, value: float, *, axis: str = "x") -> None:
    """A thin reference line (zero, or 100 = the figure used)."""
    (ax.axvline if axis == "x" else ax.axhline)(value, color=style.MUTED, linewidth=0.8, zorder=1)
