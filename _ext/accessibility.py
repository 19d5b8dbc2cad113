"""Accessibility fixes to HTML the theme and Sphinx generate, applied once the build has finished.

Two patterns fail axe-core's serious or critical checks: the sidebar's expand/collapse toggle is a
<summary> with only an icon (no accessible name), and the bibliography's citation list claims
role="list" without list items. Both come from upstream templates, so the fix rewrites the output.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

TOGGLE = '<summary><span class="toctree-toggle" role="presentation">'
NAMED_TOGGLE = '<summary aria-label="Show or hide the pages in this section"><span class="toctree-toggle" role="presentation">'
CITATIONS = '<div role="list" class="citation-list">'


def fix(html: str) -> str:
    """Name the sidebar toggles and drop the list role the citation list cannot honour."""
    return html.replace(TOGGLE, NAMED_TOGGLE).replace(CITATIONS, '<div class="citation-list">')


def _on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        fixed = fix(text)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("build-finished", _on_build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
