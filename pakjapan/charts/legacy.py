"""The older chart API (``figure``, ``add_source``, ``hbars``, ``label``), kept byte-identical.

Chapters not yet converted to the grammar (:mod:`pakjapan.charts.grammar`) still call these;
their committed SVGs must not change until each chapter is converted and re-executed.

Figures are emitted as SVG text with a fixed hash salt and no date, so the same data always
yields byte-identical output: nbval compares committed charts, and a changed chart means
changed data or code, never a changed clock. Text stays text (``svg.fonttype = none``) so
charts are light, searchable and sharp. The background is opaque white so charts stay
legible when the book is read in its dark theme.
"""

from __future__ import annotations

import io
import textwrap

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

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
#: Fixed colours for the two countries, used in every chapter.
COUNTRY = {"PAK": OKABE_ITO["green"], "JPN": OKABE_ITO["vermillion"]}
NAMES = {"PAK": "Pakistan", "JPN": "Japan"}
INK = "#222222"
MUTED = "#5A5A5A"

_RC = {
    "svg.hashsalt": "pakjapan",
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica"],
    "font.size": 10,
    "axes.edgecolor": MUTED,
    "axes.labelcolor": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.8,
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "text.color": INK,
}


def setup() -> None:
    """Apply the older style to matplotlib (idempotent), resetting what the newer style sets."""
    from . import style

    matplotlib.rcParams.update({k: matplotlib.rcParamsDefault[k] for k in style.RC if k not in _RC})
    matplotlib.rcParams.update(_RC)


def figure(
    title: str,
    subtitle: str,
    *,
    width: float = 8.0,
    height: float = 4.6,
    nrows: int = 1,
    ncols: int = 1,
    **subplot_kw: object,
) -> tuple[Figure, Axes | list[Axes]]:
    """A figure with the finding as title and the units as subtitle, space left for the source."""
    setup()
    fig, axes = plt.subplots(nrows, ncols, figsize=(width, height), **subplot_kw)
    fig.text(0.01, 0.985, title, fontsize=13, fontweight="bold", va="top", ha="left")
    fig.text(0.01, 0.925, subtitle, fontsize=10, color=MUTED, va="top", ha="left")
    fig.subplots_adjust(left=0.08, right=0.97, top=0.84, bottom=0.17)
    return fig, axes


def add_source(fig: Figure, source: str, width: int = 120) -> None:
    """Write the source line under the chart, wrapped to the figure width."""
    fig.text(0.01, 0.005, textwrap.fill(source, width), fontsize=8, color=MUTED, va="bottom", ha="left")


def to_svg(fig: Figure) -> str:
    """Deterministic SVG text of ``fig`` (no date, fixed ids); closes the figure."""
    setup()
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight", pad_inches=0.15)
    plt.close(fig)
    return buf.getvalue()


def show(fig: Figure, source: str) -> None:
    """Add the source line and display the chart as SVG in the notebook."""
    from IPython.display import SVG, display

    add_source(fig, source)
    display(SVG(to_svg(fig)))


def label(ax: Axes, x: float, y: float, text: str, color: str, **kw: object) -> None:
    """A direct label beside a data point, in the series' colour (instead of a legend)."""
    opts: dict[str, object] = {
        "fontsize": 9,
        "va": "center",
        "ha": "left",
        "color": color,
        "fontweight": "bold",
        "xytext": (6, 0),
        "textcoords": "offset points",
    }
    opts.update(kw)
    ax.annotate(text, (x, y), **opts)


def hbars(
    ax: Axes,
    labels: list[str],
    values: list[float],
    colours: list[str],
    *,
    value_labels: list[str] | None = None,
    hatched: list[bool] | None = None,
    height: float = 0.65,
) -> None:
    """Horizontal bars, first item at the top, each labelled with its value at its end.

    Hatched bars are drawn as outlines with hatching: the house mark for figures that are
    estimates or cover a different kind of period (fiscal years), so they never look as solid
    as the reported ones beside them.
    """
    n = len(values)
    for i, (value, colour) in enumerate(zip(values, colours, strict=True)):
        y = n - 1 - i
        outline = bool(hatched[i]) if hatched is not None else False
        ax.barh(
            y,
            value,
            color="white" if outline else colour,
            edgecolor=colour,
            hatch="///" if outline else None,
            height=height,
        )
        text = value_labels[i] if value_labels is not None else f"{value:,.0f}"
        ax.annotate(text, (value, y), xytext=(4, 0), textcoords="offset points", va="center", fontsize=9, color=INK)
    ax.set_yticks(range(n)[::-1], labels)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
