"""The book's chart grammar: house style, marks, axes and layout, drawn by one call per chart.

A chapter's chart cell reads::

    frame = ...                                   # the rows to plot, with a 'row' id column
    prose.put(...)                                # glue the numbers the text quotes
    fig = charts.points(frame, x="when", y="value", title="...", units="...", hedged="hedged")
    charts.show(fig, cite.source_line(frame), note="Hollow: rounded figures.")

Modules: :mod:`.style` (palette, type sizes, phone-first proportions), :mod:`.layout`
(:func:`canvas`, :func:`show`, :func:`record`, deterministic SVG), :mod:`.marks` (ax-level
marks), :mod:`.axes` (year, log and count scales), :mod:`.grammar` (one-call charts).
"""

from __future__ import annotations

from . import axes, grammar, layout, marks, style
from .grammar import bars, columns, dots, lines, multiples, points, shares, timeline
from .layout import canvas, record, render, rows_of, show, to_svg
from .style import COUNTRY, FAINT, INK, MUTED, NAMES, OKABE_ITO

__all__ = [
    "axes",
    "grammar",
    "layout",
    "marks",
    "style",
    "bars",
    "columns",
    "dots",
    "lines",
    "multiples",
    "points",
    "shares",
    "timeline",
    "canvas",
    "record",
    "render",
    "rows_of",
    "show",
    "to_svg",
    "COUNTRY",
    "FAINT",
    "INK",
    "MUTED",
    "NAMES",
    "OKABE_ITO",
]
