"""Chapters drawn by the chart grammar read as prose, and every chart's source line is the one its rows give.

Every chapter: each chart cell keeps its caption, name and alt text and is followed by a folded
data table. For each chapter besides: no code cell over MAX_LINES lines as ruff
formats it (a cell a reader can take in at once; a chart call stays short because its words and
settings live in the library and the data, not in the cell); on average at most
MAX_MPL_CALLS direct matplotlib/seaborn calls per chart; and every chart SVG in the committed
outputs carries the ids of the rows it plots, whose source line, rebuilt by ``cite``, is the
one the chart prints. The chapters are the ones _toc.yml lists, so a new chapter is held to
these rules as soon as it joins the book.
"""

from __future__ import annotations

import ast
import html
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from pakjapan import book, cite

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 25
MAX_MPL_CALLS = 2.0
#: Names whose method calls are direct drawing calls (not the library's).
_MPL_NAMES = {"ax", "axes", "axs", "fig", "plt", "sns", "matplotlib"}


def chapters() -> list[str]:
    """Every chapter in _toc.yml and the chapter template (outside it, but held to the same chart
    rules, so a chapter copied from it starts green)."""
    return [*book.chapters(), book.TEMPLATE]


def _params() -> list[object]:
    return [pytest.param(n, id=n) for n in chapters()]


def _cells(path: str) -> list[dict]:
    return json.loads((ROOT / path).read_text(encoding="utf-8"))["cells"]


def _code(cell: dict) -> str:
    return "".join(cell["source"])


def mpl_calls(source: str) -> int:
    """Direct matplotlib/seaborn calls in a cell: methods of ax, fig, plt, sns (also ``axes[0].x(...)``)."""
    count = 0
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            base = node.func.value
            while isinstance(base, (ast.Subscript, ast.Attribute)):
                base = base.value
            if isinstance(base, ast.Name) and base.id in _MPL_NAMES:
                count += 1
    return count


def test_mpl_call_counter() -> None:
    assert (
        mpl_calls("ax.plot(1)\naxes[0].set_xlim(0, 1)\nfig.text(0, 0, 'a')\ncharts.show(fig, s)\nsns.lineplot()") == 4
    )


def _chart_svgs(cells: list[dict]) -> list[str]:
    return [
        o["data"]["image/svg+xml"]
        if isinstance(o["data"]["image/svg+xml"], str)
        else "".join(o["data"]["image/svg+xml"])
        for c in cells
        if c["cell_type"] == "code"
        for o in c.get("outputs", [])
        if "image/svg+xml" in o.get("data", {})
    ]


@pytest.mark.parametrize("path", _params())
def test_code_cells_are_short(path: str) -> None:
    long = [
        (i, len(_code(c).splitlines()))
        for i, c in enumerate(_cells(path))
        if c["cell_type"] == "code" and len(_code(c).splitlines()) > MAX_LINES
    ]
    assert not long, f"{path}: code cells over {MAX_LINES} lines (cell index, lines): {long}"


@pytest.mark.parametrize("path", _params())
def test_few_direct_matplotlib_calls_per_chart(path: str) -> None:
    cells = [c for c in _cells(path) if c["cell_type"] == "code"]
    charts = sum(_code(c).count("charts.show(") for c in cells)
    calls = sum(mpl_calls(_code(c)) for c in cells)
    assert charts, f"{path}: no chart"
    assert calls / charts <= MAX_MPL_CALLS, f"{path}: {calls} direct matplotlib calls for {charts} charts"


@pytest.mark.parametrize("path", chapters())
def test_every_chart_keeps_caption_name_alt_and_folded_table(path: str) -> None:
    cells = _cells(path)
    for i, cell in enumerate(cells):
        if cell["cell_type"] != "code" or "charts.show(" not in _code(cell):
            continue
        meta = cell["metadata"].get("mystnb", {})
        assert meta.get("figure", {}).get("caption"), f"{path} cell {i}: chart without caption"
        assert str(meta.get("figure", {}).get("name", "")).startswith("fig-"), f"{path} cell {i}: chart without name"
        assert len(meta.get("image", {}).get("alt", "")) > 40, f"{path} cell {i}: chart without real alt text"
        following = next((c for c in cells[i + 1 :] if c["cell_type"] == "code"), None)
        assert following is not None and "tables.folded(" in _code(following), (
            f"{path} cell {i}: no folded table after chart"
        )


@pytest.mark.parametrize("path", _params())
def test_every_chart_source_line_is_built_from_its_rows(path: str) -> None:
    svgs = _chart_svgs(_cells(path))
    assert svgs, f"{path}: no chart output"
    for svg in svgs:
        rows = re.findall(r"<rdf:li>([^<]+)</rdf:li>", svg)
        described = re.search(r"<dc:description>([^<]*)</dc:description>", svg)
        assert rows and described, f"{path}: a chart does not record the rows it plots"
        expected = cite.source_line([html.unescape(r) for r in rows])
        stated = html.unescape(described.group(1))
        assert sorted(cite.names(stated)) == sorted(cite.names(expected)), (
            f"{path}: source line {stated!r} is not {expected!r}"
        )
        shown = " ".join(html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg))
        printed = cite.short_line(stated)  # at most three names on the chart; the full list heads its table
        assert " ".join(printed.split()) in " ".join(shown.split()), f"{path}: chart does not print {printed!r}"


_CSV_LINK = re.compile(r'<a href="([^"]+\.csv)" download>Download the data \(CSV, (\d+) rows\)</a>')


def _html(cell: dict) -> str:
    return "".join("".join(o["data"]["text/html"]) for o in cell.get("outputs", []) if "text/html" in o.get("data", {}))


@pytest.mark.parametrize("path", chapters())
def test_every_chart_offers_its_data(path: str) -> None:
    """Each chart's folded table offers a CSV of the rows drawn beside it, written by
    ``tables.folded(..., csv="<chapter>-<chart>")`` and committed, official series included (their
    licences allow it; the folded table's source line credits them), and names every source."""
    cells = _cells(path)
    stem = Path(path).stem.split("_", 1)[-1]
    figures = [
        i for i, c in enumerate(cells) if c["cell_type"] == "code" and "figure" in c["metadata"].get("mystnb", {})
    ]
    assert figures, f"{path}: no chart"
    for i in figures:
        table = next(c for c in cells[i + 1 :] if c["cell_type"] == "code")
        out = _html(table)
        csv_links = _CSV_LINK.findall(out)
        name = cells[i]["metadata"]["mystnb"]["figure"]["name"]
        assert len(csv_links) == 1, f"{path} {name}: no CSV download beside the folded table"
        svg = "".join(_chart_svgs([cells[i]]))
        described = re.search(r"<dc:description>([^<]*)</dc:description>", svg)
        full = html.unescape(described.group(1)) if described else ""
        if full and cite.short_line(full) != full:  # the chart names three sources: the table lists them all
            assert f'<p class="pj-sources">{html.escape(full)}</p>' in out, (
                f"{path} {name}: the chart's short source line points to a full list its table lacks"
            )
        href, rows = csv_links[0]
        assert re.fullmatch(rf"\.\./_static/downloads/{stem}-[a-z0-9-]+\.csv", href), (
            f"{path} {name}: CSV {href!r} should be ../_static/downloads/{stem}-<chart>.csv"
        )
        written = ROOT / href.removeprefix("../")
        assert written.is_file(), f"{path} {name}: {written} missing (run make notebooks and commit it)"
        lines = written.read_text(encoding="utf-8").splitlines()
        assert len(lines) >= 2 and lines[0], f"{written}: expected a header and rows"
        assert "<table" in out, f"{path} {name}: the CSV link stands beside a folded table"
        assert int(rows) == len(pd.read_csv(written)), f"{written}: not the {rows} rows the link announces"


def test_the_landing_chart_is_the_chart_the_trade_chapter_shows() -> None:
    """The landing page shows _static/charts/landing-trade.svg: it must be the very SVG the trade chapter
    displays (``charts.show(..., save="landing-trade")``), so nbval's check of the chapter covers it."""
    saved = (ROOT / "_static" / "charts" / "landing-trade.svg").read_text(encoding="utf-8")
    assert saved in _chart_svgs(_cells("notebooks/02_trade.ipynb"))
    assert "_static/charts/landing-trade.svg" in (ROOT / "intro.md").read_text(encoding="utf-8")


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", html.unescape(text).lower())


@pytest.mark.parametrize("path", chapters())
def test_a_caption_does_not_repeat_its_chart_title(path: str) -> None:
    """One caption under a chart, saying what the title does not: not the title a second time."""
    for cell in _cells(path):
        figure = cell["metadata"].get("mystnb", {}).get("figure")
        if cell["cell_type"] != "code" or not figure:
            continue
        svg = "".join(_chart_svgs([cell]))
        title = re.search(r"<dc:title>([^<]*)</dc:title>", svg)
        assert title, f"{path} {figure['name']}: the chart records no title"
        head, caption = _words(title.group(1)), _words(figure["caption"])
        assert " ".join(head) not in " ".join(caption), f"{path} {figure['name']}: the caption repeats the title"
        assert caption[:6] != head[:6], f"{path} {figure['name']}: the caption opens like the title"
