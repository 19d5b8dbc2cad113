"""Fixes to the HTML the theme and Sphinx generate, applied once the build has finished.

Accessibility: two upstream patterns fail axe-core's serious or critical checks. The sidebar's
expand/collapse toggle is a <summary> with only an icon (no accessible name), and the
bibliography's citation list claims role="list" without list items.

Weight: the theme loads Font Awesome twice, as a 1.5 MB script that swaps icons for inline SVG and
as a web font its stylesheet already declares. The font alone draws every icon the site uses, so
the script tag is dropped and the script (with its source map) removed from the output, which
brings each page under the 1.5 MB budget.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx

TOGGLE = '<summary><span class="toctree-toggle" role="presentation">'
NAMED_TOGGLE = '<summary aria-label="Show or hide the pages in this section"><span class="toctree-toggle" role="presentation">'
CITATIONS = '<div role="list" class="citation-list">'


FONTAWESOME_SCRIPT = re.compile(r'<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>\n?')
DROPPED_FILES = ("_static/scripts/fontawesome.js", "_static/scripts/fontawesome.js.map")


def fix(html: str) -> str:
    """Name the sidebar toggles, drop the list role the citation list cannot honour, and drop the
    redundant Font Awesome script."""
    html = html.replace(TOGGLE, NAMED_TOGGLE).replace(CITATIONS, '<div class="citation-list">')
    return FONTAWESOME_SCRIPT.sub("", html)


def _on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        fixed = fix(text)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")
    for name in DROPPED_FILES:
        (Path(app.outdir) / name).unlink(missing_ok=True)


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("build-finished", _on_build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
