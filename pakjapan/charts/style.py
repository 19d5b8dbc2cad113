"""The house style: palette, type sizes and proportions, designed phone-first.

Why these numbers: a chart is an SVG shown at its natural size on a desktop (1 pt = 4/3 CSS px)
and scaled down to the column on a 375-px phone (327 CSS px wide in this theme). A figure
:data:`WIDTH` inches wide has a viewBox of ``72 * WIDTH`` units, so on a phone every text
renders at roughly ``size * 323 / (72 * WIDTH)`` CSS px (the dark theme's panel takes 2 px a
side). With ``WIDTH = 4.5`` and no text smaller than :data:`SMALL` = 11.5 pt, the smallest text
is about 11.5 px on a phone and 15 px on a desktop: the book's floor is 11 on both. Any text
drawn by the grammar uses one of the sizes below, never a literal, so the floor holds in one place.

Backgrounds are transparent: the page (or, in the dark theme, a muted panel drawn by
``_static/charts.css``) shows through, so no chart is a glaring white box.
"""

from __future__ import annotations

import textwrap

import matplotlib

matplotlib.use("Agg")

#: Okabe-Ito colour-blind-safe palette.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#6B6B6B",
}
#: Fixed colours for the two countries, used in every chapter. Japan's is reserved: no other
#: country or series may be drawn in it (``marks.colours`` refuses), so vermillion always means Japan.
COUNTRY = {"PAK": OKABE_ITO["green"], "JPN": OKABE_ITO["vermillion"]}
#: The names under which a series may take Japan's reserved colour.
JAPAN_KEYS = frozenset({"JPN", "Japan"})
#: Reader-facing country names for the codes used in the data.
NAMES = {"PAK": "Pakistan", "JPN": "Japan"}
INK = "#222222"
MUTED = "#5A5A5A"
#: Faint ink for context (peer countries in small multiples, empty slots, grid).
FAINT = "#BBBBBB"
GRID = "#D9D9D9"

#: Figure width in inches: 4.5 in = 324 pt, just under the 327-px phone column.
WIDTH = 4.5
#: Default height of the plotting area (without title, subtitle and source), inches.
BODY_HEIGHT = 2.9
#: Type sizes in points. SMALL is the floor for every text in a chart.
TITLE = 13.5
SUBTITLE = 12.0
TEXT = 12.0
SMALL = 11.5
#: Line height as a multiple of the font size, used to reserve space for wrapped text.
LEADING = 1.3
#: Average glyph width of DejaVu Sans as a fraction of the font size, for wrapping (bold runs wider).
_GLYPH = 0.58
_GLYPH_BOLD = 0.66

#: Marker area (points^2) and line widths shared by every mark.
MARKER = 42
LINE = 1.8
HOLLOW_EDGE = 1.5

RC: dict[str, object] = {
    "svg.hashsalt": "pakjapan",
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica"],
    "font.size": TEXT,
    "axes.titlesize": TEXT,
    "axes.labelsize": SMALL,
    "xtick.labelsize": SMALL,
    "ytick.labelsize": SMALL,
    "legend.fontsize": SMALL,
    "axes.edgecolor": MUTED,
    "axes.labelcolor": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": GRID,
    "grid.linewidth": 0.7,
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "xtick.labelcolor": INK,
    "ytick.labelcolor": INK,
    "figure.facecolor": "none",
    "axes.facecolor": "none",
    "savefig.facecolor": "none",
    "savefig.transparent": True,
    "text.color": INK,
    "axes.formatter.use_locale": False,
}


def apply() -> None:
    """Apply the house style to matplotlib's global settings (idempotent).

    Called before a figure is built and again before it is saved, because tick labels are
    created at draw time from the settings then in force.
    """
    matplotlib.rcParams.update(RC)


def wrap(text: str, size: float, width: float = WIDTH, *, bold: bool = False) -> str:
    """``text`` wrapped to lines that fit ``width`` inches at ``size`` points.

    Titles and source lines are wrapped by the library, so a chapter never inserts line breaks
    by hand and the text never runs off a phone-width chart. Lines break only at spaces: a break
    after a hyphen would print "Japan- Pakistan", which is not the name the source line gives.
    """
    chars = max(12, int(width * 72 / (size * (_GLYPH_BOLD if bold else _GLYPH))))
    return textwrap.fill(" ".join(text.split()), chars, break_on_hyphens=False)


def lines_height(text: str, size: float) -> float:
    """Height in inches of ``text`` (already wrapped) at ``size`` points."""
    return (text.count("\n") + 1) * size * LEADING / 72
