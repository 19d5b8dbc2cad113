"""Fixes to the pages the theme and Sphinx generate: script errors, accessibility, phones, speed.

During the build (``html-page-context``):

- Script error: sphinx-thebe declares ``const THEBE_JS_URL`` in an inline script, and the
  script list reaches the page twice, so the second declaration throws "Identifier
  'THEBE_JS_URL' has already been declared". The book never launches Thebe (launch_buttons.thebe
  is false), so its scripts and stylesheet are left out of every page, and any other script
  listed twice is listed once.

Once the build has finished (``build-finished``), each page is rewritten by ``fix``:

- Accessibility: the sidebar's expand/collapse toggle (a <summary> with only an icon) gets a
  name; the bibliography's citation list drops a list role it cannot honour; the search field
  buttons and the "Show code cell source" toggles drop an aria-label that differs from their
  visible text (WCAG 2.5.3, axe-core's label-content-name-mismatch), so their name is the text.
- Weight: the theme loads Font Awesome twice, as a 1.5 MB script and as the web font its
  stylesheet declares; the script tag is dropped and the script removed from the output.
- Speed on slow networks: scripts in <head> are deferred (only documentation_options.js, which
  inline scripts extend, stays synchronous), script preloads that compete with the stylesheets
  are dropped, the search index and its tools load only on the search page (the theme's search
  box just opens that page; search-as-you-type is off), and theme.css, which only @imports
  basic.css, is replaced by basic.css itself (one round trip less before the first paint).
- The footer's link to the PDF points at it from each page's folder.
- Tables: every ``pj-table`` is made readable on phones (``pakjapan.tables.readable``).
- Precompressed copies (``.gz``, deterministic) of every text file, for hosts and the local
  server (``pakjapan.serve``) that send them as they are.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from pakjapan.tables import readable

TOGGLE = '<summary><span class="toctree-toggle" role="presentation">'
NAMED_TOGGLE = '<summary aria-label="Show or hide the pages in this section"><span class="toctree-toggle" role="presentation">'
CITATIONS = '<div role="list" class="citation-list">'
CODE_TOGGLE = '<summary aria-label="Toggle hidden content">'
SEARCH_FIELD = re.compile(r'(<button class="btn search-button-field[^"]*"[^>]*?) aria-label="Search"')

FONTAWESOME_SCRIPT = re.compile(r'<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>\n?')
DROPPED_FILES = ("_static/scripts/fontawesome.js", "_static/scripts/fontawesome.js.map")
SCRIPT_PRELOAD = re.compile(r'<link rel="preload" as="script" href="[^"]*" />\n?')
SEARCH_SCRIPTS = re.compile(r'[ \t]*<script src="[^"]*(?:searchtools\.js|language_data\.js|searchindex\.js)"></script>\n?')
HEAD_SCRIPT = re.compile(r'<script (?=[^>]*\bsrc=")(?![^>]*\b(?:defer|async)\b)(?![^>]*documentation_options\.js)')
THEME_CSS = re.compile(r'<link href="([^"]*_static/)styles/theme\.css\?[^"]*" rel="stylesheet" />')
COMPRESSIBLE = {".html", ".css", ".js", ".svg", ".json", ".csv", ".txt", ".xml"}


#: The whole book as one PDF, at the site's root (written by ``make pdf``, pakjapan/pdf.py).
PDF_NAME = "pakistan-japan.pdf"


def fix(html: str, page: str = "intro.html") -> str:
    """One built page (``page``: its path in the site, with /), fixed as the module docstring
    says; also points the footer's PDF link at the PDF relative to the page. Pure, so tested."""
    search_page = page == "search.html"
    html = html.replace('href="PDF_HREF"', f'href="{"../" * page.count("/")}{PDF_NAME}"')
    html = html.replace(TOGGLE, NAMED_TOGGLE).replace(CITATIONS, '<div class="citation-list">')
    html = html.replace(CODE_TOGGLE, "<summary>")
    html = SEARCH_FIELD.sub(r"\1", html)
    html = FONTAWESOME_SCRIPT.sub("", html)
    head, sep, body = html.partition("</head>")
    if sep:
        head = SCRIPT_PRELOAD.sub("", head)
        if not search_page:
            head = SEARCH_SCRIPTS.sub("", head)
        head = HEAD_SCRIPT.sub("<script defer ", head)
        head = THEME_CSS.sub(r'<link href="\1basic.css" rel="stylesheet" />', head)
        html = head + sep + body
    return readable(html)


def _is_thebe(asset: Any) -> bool:
    name = getattr(asset, "filename", None) or ""
    body = str(getattr(asset, "attributes", {}).get("body", ""))
    return "thebe" in name or "THEBE_JS_URL" in body


def _asset_key(asset: Any) -> tuple[str, tuple[tuple[str, str], ...]]:
    attributes = getattr(asset, "attributes", {}) or {}
    return str(getattr(asset, "filename", asset)), tuple(sorted((k, str(v)) for k, v in attributes.items()))


def tidy_assets(assets: list[Any], thebe: bool) -> list[Any]:
    """The page's scripts or stylesheets, each once, without Thebe's unless Thebe is on."""
    seen: set[tuple[str, tuple[tuple[str, str], ...]]] = set()
    kept = []
    for asset in assets:
        key = _asset_key(asset)
        if key in seen or (not thebe and _is_thebe(asset)):
            continue
        seen.add(key)
        kept.append(asset)
    return kept


def _on_page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    thebe = bool((app.config.html_theme_options or {}).get("launch_buttons", {}).get("thebe"))
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = tidy_assets(context[key], thebe)


def precompress(root: Path) -> int:
    """Write ``name.gz`` beside every text file under ``root`` (mtime 0, so the bytes are the
    same on every build); return how many were written."""
    count = 0
    for path in root.rglob("*"):
        if path.is_file() and path.suffix in COMPRESSIBLE:
            data = path.read_bytes()
            (path.parent / (path.name + ".gz")).write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
            count += 1
    return count


def _on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    for name in DROPPED_FILES:
        (out / name).unlink(missing_ok=True)
    for stale in out.rglob("*.gz"):
        stale.unlink()
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        fixed = fix(text, page.relative_to(out).as_posix())
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")
    if app.builder.name == "html":
        precompress(out)


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("html-page-context", _on_page_context, priority=900)
    app.connect("build-finished", _on_build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
