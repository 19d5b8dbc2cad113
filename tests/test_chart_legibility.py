"""Every chart on the built site is legible on a phone and a desktop, and is not a white box in dark mode.

The size a reader sees of a text in an SVG chart is its font size times the displayed width of
the image over the width of its viewBox. The book's floor: at least 11 CSS px on a 375-px-wide
phone and on a 1280-px desktop alike, for the smallest text in the chart. In the dark theme
a chart must sit on a muted panel: its background, measured from a screenshot, well below white.

Every chart on every page is measured. Skips, saying why, when Chromium or the built site is
missing; `make test` provides both.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from browser_support import SITE

from pakjapan import book

PHONE, DESKTOP = 375, 1280
FLOOR = {PHONE: 11.0, DESKTOP: 11.0}
#: In dark mode a chart's background (its most common colour) must be at most this luminance.
DARK_PANEL_MAX = 0.75
_SVG_NS = "{http://www.w3.org/2000/svg}"


def chart_pages() -> list[str]:
    """Content pages holding at least one SVG chart image."""
    if not SITE.is_dir():
        return []
    return sorted(
        str(p.relative_to(SITE))
        for p in SITE.rglob("*.html")
        if not p.relative_to(SITE).parts[0].startswith("_") and re.search(r'<img[^>]+src="[^"]+\.svg"', p.read_text())
    )


def font_sizes(svg_text: str) -> tuple[float, list[float]]:
    """The viewBox width of an SVG and the font size (user units) of each of its texts."""
    root = ET.fromstring(svg_text)
    width = float(root.get("viewBox", "0 0 0 0").split()[2])
    sizes: list[float] = []
    for el in root.iter(f"{_SVG_NS}text"):
        style = el.get("style", "")
        m = re.search(r"font-size:\s*([\d.]+)px", style) or re.search(r"font:[^;]*?([\d.]+)px", style)
        if m:
            sizes.append(float(m.group(1)))
        elif el.get("font-size"):
            sizes.append(float(el.get("font-size", "0")))
    return width, sizes


def test_font_sizes_reads_matplotlib_svg() -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100">'
        '<text style="font: 9px \'DejaVu Sans\'">a</text><text style="font-size: 12px">b</text></svg>'
    )
    assert font_sizes(svg) == (200.0, [9.0, 12.0])


_CHARTS_JS = """() => [...document.querySelectorAll('img')].filter(i => /\\.svg$/.test(i.getAttribute('src') || ''))
  .filter(i => !i.closest('header, nav, .navbar, .bd-header, .sidebar-primary-items__start'))
  .map(i => ({src: i.currentSrc || i.src, width: i.getBoundingClientRect().width, complete: i.complete}))"""


def measure(browser: object, server: str, page_path: str, width: int) -> list[dict]:
    """Each chart on a page at a viewport ``width``: displayed width and smallest text in CSS px."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{server}/{page_path}", wait_until="load")
    found = []
    for chart in page.evaluate(_CHARTS_JS):
        svg = page.request.get(chart["src"]).text()
        vb_width, sizes = font_sizes(svg)
        if not sizes or not vb_width:
            continue  # an icon or an image without text is not a chart
        scale = chart["width"] / vb_width
        found.append(
            {
                "src": chart["src"].rsplit("/", 1)[-1],
                "smallest_px": round(min(sizes) * scale, 2),
                "displayed": chart["width"],
                "viewbox": vb_width,
            }
        )
    context.close()
    return found


def _params() -> list[object]:
    return [pytest.param(page, width, id=f"{page}@{width}") for page in chart_pages() for width in (PHONE, DESKTOP)]


@pytest.mark.parametrize(("page_path", "width"), _params())
def test_smallest_chart_text_meets_the_floor(browser: object, server: str, page_path: str, width: int) -> None:
    charts = measure(browser, server, page_path, width)
    assert charts, f"{page_path}: no chart found"
    small = [c for c in charts if c["smallest_px"] < FLOOR[width]]
    assert not small, f"{page_path} at {width}px: text below {FLOOR[width]} CSS px in {small}"


def test_every_chapter_has_charts_on_the_site() -> None:
    if not SITE.is_dir():
        pytest.skip(f"no built site at {SITE}; run `make book` first (make test does)")
    chapters = {str(Path(p).with_suffix(".html")) for p in book.chapters()}
    assert chapters <= set(chart_pages()), f"chapters without charts on the site: {chapters - set(chart_pages())}"


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize("page_path", chart_pages())
def test_dark_mode_charts_sit_on_a_muted_panel(browser: object, server: str, page_path: str) -> None:
    """In the dark theme a chart's dominant colour is a muted panel, and its ink still contrasts with it."""
    from PIL import Image

    context = browser.new_context(viewport={"width": DESKTOP, "height": 900}, color_scheme="dark")
    page = context.new_page()
    page.add_init_script("localStorage.setItem('theme', 'dark'); localStorage.setItem('mode', 'dark');")
    page.goto(f"{server}/{page_path}", wait_until="load")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark", "the page did not switch to dark mode"
    images = [
        i
        for i in page.query_selector_all(".cell_output img, img.pj-chart")
        if (i.get_attribute("src") or "").endswith(".svg")
    ]
    assert images, f"{page_path}: no chart found"
    for img in images:
        img.scroll_into_view_if_needed()
        shot = Image.open(io.BytesIO(img.screenshot())).convert("RGB")
        colours = sorted(shot.getcolors(maxcolors=shot.width * shot.height), reverse=True)
        background = _luminance(colours[0][1])
        darkest = min(_luminance(c) for _, c in colours)
        assert background <= DARK_PANEL_MAX, (
            f"{page_path}: {img.get_attribute('src')} is a bright box (luminance {background:.2f})"
        )
        contrast = (background + 0.05) / (darkest + 0.05)
        assert contrast >= 4.5, f"{page_path}: {img.get_attribute('src')} ink contrast on its panel is {contrast:.1f}:1"
    context.close()
