"""The frame every chart sits in: title, units, plotting area, source line; and its SVG.

Why computed, not tuned: the space for the title, the units subtitle and the source line is
measured from their wrapped text, and the plotting area is placed inside what is left by
matplotlib's constrained layout. Nothing in a chapter sets a margin, so a longer title or a
wider tick label can never push text off the chart or overlap the axes.

Why rows are recorded: every mark notes the ledger rows it draws (from the frame's id
columns, see :func:`pakjapan.cite.row_ids`). :func:`show` refuses a source line that is not
what :func:`pakjapan.cite.source_line` builds for those rows, and writes the row ids into the
SVG's metadata, so a test can re-check every chart on the built site.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from . import style

#: How far a finished chart may exceed the figure width (the tight box adds the padding) before it is refused.
MAX_OVERHANG = 1.03
#: Gaps in inches: around the title block, between title and units, above the source line.
_PAD = 0.06
_GAP = 0.05
_ABOVE_SOURCE = 0.1


@dataclass
class Chart:
    """What the grammar remembers about a figure until it is shown."""

    title: str
    units: str
    body_height: float
    rows: list[str] = field(default_factory=list)


def _state(fig: Figure) -> Chart | None:
    return getattr(fig, "pakjapan_chart", None)


def _require(fig: Figure) -> Chart:
    """The house state of ``fig``; a clear error for a figure made outside the grammar."""
    state = _state(fig)
    if state is None:
        raise TypeError(
            "not a house-style chart: make the figure with charts.canvas() or a grammar call (charts.bars, ...)"
        )
    return state


def canvas(
    title: str,
    units: str,
    *,
    ncols: int = 1,
    nrows: int = 1,
    height: float = style.BODY_HEIGHT,
    sharex: bool | str = False,
    sharey: bool | str = False,
    width_ratios: list[float] | None = None,
) -> tuple[Figure, Axes | list[Axes]]:
    """A house-style figure: ``title`` states the finding, ``units`` says what is measured.

    ``height`` is the plotting area only, in inches; the title, units and source line get
    the room their wrapped text needs when the chart is shown. Returns the figure and one
    axes (or a flat list for panels, left to right then top to bottom).
    """
    style.apply()
    fig, axes = plt.subplots(
        nrows,
        ncols,
        figsize=(style.WIDTH, height),
        sharex=sharex,
        sharey=sharey,
        layout="constrained",
        squeeze=False,
        gridspec_kw={"width_ratios": width_ratios} if width_ratios else None,
    )
    fig.pakjapan_chart = Chart(title, units, height)  # type: ignore[attr-defined]
    flat = [ax for row in axes for ax in row]
    return fig, (flat[0] if len(flat) == 1 else flat)


def record(target: Figure | Axes, rows: pd.DataFrame | Iterable[str]) -> None:
    """Note the ledger rows a chart draws (marks call this; call it yourself for raw matplotlib)."""
    from .. import cite

    fig = target if isinstance(target, Figure) else target.figure
    state = _state(fig)
    if state is None:
        raise ValueError("record() needs a figure made by charts.canvas() or a chart function")
    ids = cite.row_ids(rows) if isinstance(rows, pd.DataFrame) else [str(r) for r in rows]
    seen = set(state.rows)
    state.rows.extend(i for i in dict.fromkeys(ids) if i not in seen)


def rows_of(fig: Figure) -> list[str]:
    """The row ids recorded for ``fig`` so far (in the order first drawn)."""
    state = _state(fig)
    return list(state.rows) if state else []


def _finish(fig: Figure, source: str) -> None:
    """Place title, units and source line around the plotting area, sized to their text."""
    state = _state(fig)
    assert state is not None
    title = style.wrap(state.title, style.TITLE, bold=True)
    units = style.wrap(state.units, style.SUBTITLE)
    foot = style.wrap(source, style.SMALL)
    t_h, u_h, f_h = (
        style.lines_height(title, style.TITLE),
        style.lines_height(units, style.SUBTITLE),
        style.lines_height(foot, style.SMALL),
    )
    head = _PAD + t_h + _GAP + u_h + _GAP
    tail = _ABOVE_SOURCE + f_h + _PAD
    total = head + state.body_height + tail
    fig.set_size_inches(style.WIDTH, total)
    x = _PAD / style.WIDTH
    fig.text(
        x,
        1 - _PAD / total,
        title,
        fontsize=style.TITLE,
        fontweight="bold",
        va="top",
        ha="left",
        color=style.INK,
        linespacing=style.LEADING - 0.1,
    )
    fig.text(
        x,
        1 - (_PAD + t_h + _GAP) / total,
        units,
        fontsize=style.SUBTITLE,
        va="top",
        ha="left",
        color=style.MUTED,
        linespacing=style.LEADING - 0.1,
    )
    fig.text(
        x,
        _PAD / total,
        foot,
        fontsize=style.SMALL,
        va="bottom",
        ha="left",
        color=style.MUTED,
        linespacing=style.LEADING - 0.1,
    )
    fig.get_layout_engine().set(rect=(0, tail / total, 1, state.body_height / total))


def to_svg(fig: Figure, source: str = "") -> str:
    """Deterministic SVG text of ``fig`` (no date, fixed ids); closes the figure.

    House-style figures carry their title, the ids of the rows they plot and their source line
    (without the note) in the SVG metadata (``dc:title``, ``dc:subject``, ``dc:description``), which the
    source-line test reads back.
    """
    state = _require(fig)
    style.apply()
    meta: dict[str, object] = {
        "Date": None,
        "Creator": None,
        "Title": state.title,
        "Keywords": list(state.rows),
        "Description": source,
    }
    _freeze_layout(fig)
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata=meta, bbox_inches="tight", pad_inches=0.04)
    svg = _stable_clip_ids(buf.getvalue())
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))
    if width > style.WIDTH * 72 * MAX_OVERHANG:
        outside = _texts_outside(fig)
        plt.close(fig)
        raise ValueError(
            f"chart {state.title!r} is {width:.0f} pt wide, more than the {style.WIDTH * 72:.0f} pt phone column: "
            "a label runs past the edge, so the whole chart would shrink below 11 px on a phone; shorten "
            + (", ".join(repr(t) for t in outside) if outside else "the labels")
        )
    plt.close(fig)
    return svg


def _texts_outside(fig: Figure) -> list[str]:
    """The texts of ``fig`` that run past its left or right edge (named in the error above)."""
    renderer = fig.canvas.get_renderer()
    right = fig.bbox.x1
    found = []
    for text in fig.findobj(lambda a: hasattr(a, "get_text") and hasattr(a, "get_window_extent")):
        if not text.get_in_layout() or (text.axes is not None and not text.axes.get_visible()):
            continue
        if not text.get_visible() or not str(text.get_text()).strip():
            continue
        box = text.get_window_extent(renderer)
        if box.x1 > right + 1 or box.x0 < -1:
            found.append(" ".join(str(text.get_text()).split()))
    return list(dict.fromkeys(found))


def _freeze_layout(fig: Figure) -> None:
    """Run constrained layout once (the layout alone, no draw), then fix each axes at its position rounded to 1e-7.

    The layout solver can differ in the last bits between processes; rounding before drawing
    keeps every printed coordinate, and so the SVG, byte-identical.
    """
    fig.get_layout_engine().execute(fig)  # the layout alone: savefig draws the figure once, afterwards
    for ax in fig.axes:
        x0, y0, w, h = ax.get_position().bounds
        ax.set_position([round(v, 7) for v in (x0, y0, w, h)])
    fig.set_layout_engine("none")


_CLIP = re.compile(r'<clipPath id="(p[0-9a-f]{10})">\s*(<rect [^>]*/>)')


def _stable_clip_ids(svg: str) -> str:
    """Name each clip path after the rectangle as written, not the float matplotlib hashed.

    Constrained layout can place an axes a few ulps differently from one process to the next;
    the SVG prints the same rounded rectangle, but matplotlib names the clip path after the
    unrounded floats, so the id (and nbval) would change with nothing visible changing.
    """
    for old, rect in _CLIP.findall(svg):
        new = "p" + hashlib.sha256(rect.encode("utf8")).hexdigest()[:10]
        svg = svg.replace(f'"{old}"', f'"{new}"').replace(f"#{old})", f"#{new})")
    return svg


def source_line(fig: Figure, source: str | pd.DataFrame | list[pd.DataFrame]) -> str:
    """The checked source line for ``fig``; an error if it does not match its rows.

    The line must name exactly the sources of the rows the chart recorded (in any order: a
    chart drawn panel by panel records rows in drawing order, a frame in its own order).

    ``source`` is the line :func:`pakjapan.cite.source_line` built, or the frame(s) to build it
    from. ``note`` explains marks (``"Hollow: rounded figures."``); it never names sources.
    """
    from .. import cite

    line = source if isinstance(source, str) else cite.source_line(source)
    state = _state(fig)
    if state is not None:
        if not state.rows:
            raise ValueError(
                f"chart {state.title!r} recorded no rows: draw with charts marks, or call "
                "charts.record(fig, frame) for rows drawn with matplotlib directly"
            )
        expected = cite.source_line(state.rows)
        if sorted(cite.names(line)) != sorted(cite.names(expected)):
            raise ValueError(
                f"chart {state.title!r}: source line {line!r} is not the one its rows "
                f"({', '.join(state.rows)}) give: {expected!r}"
            )
    return line


def show(
    fig: Figure, source: str | pd.DataFrame | list[pd.DataFrame], note: str = "", *, save: str | None = None
) -> None:
    """Finish the chart with its source line and display it as SVG in the notebook.

    Only figures made by :func:`canvas` (every grammar call makes one) are shown: they alone
    carry the house layout and the rows that check the source line. ``save="name"`` also writes the
    same SVG to ``_static/charts/<name>.svg`` for a page without code (the landing page) to show;
    commit it with the notebook, as the CSVs beside the charts.
    """
    from IPython.display import SVG, display

    _require(fig)
    svg = SVG(render(fig, source, note))
    display(svg)
    if save is not None:  # the very text the notebook stores, so nbval's check of the chapter covers the file
        from ..tables import save_chart

        save_chart(svg.data, save)


def render(fig: Figure, source: str | pd.DataFrame | list[pd.DataFrame], note: str = "") -> str:
    """What :func:`show` displays, as SVG text (for tests and for saving a chart to a file)."""
    from .. import cite

    line = source_line(fig, source)
    printed = cite.short_line(line)
    _finish(fig, f"{printed} {note}" if note else printed)
    return to_svg(fig, line)
