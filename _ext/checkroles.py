"""Two inline roles that tie the book's sentences to the code that checks them.

``{check}`id``` follows a sentence that compares, ranks, counts or generalises; ``id`` names a
call of :mod:`pakjapan.checks` in the page's code, which stops the build's tests if the sentence
stops being true. ``{nocheck}`reason``` follows a sentence that needs no check (a quotation, a
definition) and says why. Both are for maintainers reading the source: readers see nothing but an
empty ``<span>`` whose class names the check, so the link can still be found in the HTML.
``tests/test_statements.py`` enforces that the sentences carry them and that the ids exist.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def check_role(name, rawtext, text, lineno, inliner, options=None, content=None):  # noqa: ANN001, ANN201
    """An invisible marker for a checked sentence; a malformed id is a build error (with -W)."""
    if not ID.match(text):
        msg = inliner.reporter.error(
            f"check id {text!r} must be lower-case words joined by hyphens, as in pakjapan.checks", line=lineno
        )
        return [inliner.problematic(rawtext, rawtext, msg)], [msg]
    return [nodes.inline("", "", classes=["check", f"check-{text}"])], []


def nocheck_role(name, rawtext, text, lineno, inliner, options=None, content=None):  # noqa: ANN001, ANN201
    """A sentence that needs no check; the reason must be given (an empty one is an error)."""
    if not text.strip():
        msg = inliner.reporter.error("{nocheck} needs a reason, e.g. {nocheck}`quotation`", line=lineno)
        return [inliner.problematic(rawtext, rawtext, msg)], [msg]
    return [nodes.inline("", "", classes=["nocheck"])], []


def setup(app: Sphinx) -> dict[str, object]:
    app.add_role("check", check_role)
    app.add_role("nocheck", nocheck_role)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
