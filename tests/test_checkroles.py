"""The {check} and {nocheck} roles render as invisible markers and reject malformed input."""

from __future__ import annotations

import sys
from pathlib import Path

from docutils import nodes
from docutils.core import publish_doctree
from docutils.parsers.rst import roles
from docutils.utils import Reporter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "_ext"))
import checkroles  # noqa: E402

roles.register_local_role("check", checkroles.check_role)
roles.register_local_role("nocheck", checkroles.nocheck_role)


def doctree(text: str) -> nodes.document:
    return publish_doctree(text, settings_overrides={"report_level": 5, "halt_level": 5})


def test_a_check_role_is_an_empty_span_naming_its_id() -> None:
    tree = doctree("Trade rose.\\ :check:`trade-rose`")
    marks = [n for n in tree.findall(nodes.inline) if "check" in n["classes"]]
    assert len(marks) == 1 and marks[0]["classes"] == ["check", "check-trade-rose"]
    assert marks[0].astext() == ""
    assert tree.astext() == "Trade rose."


def test_a_nocheck_role_shows_nothing_and_needs_a_reason() -> None:
    tree = doctree("A quotation.\\ :nocheck:`quotation`")
    assert tree.astext() == "A quotation."
    assert not list(tree.findall(nodes.system_message))
    inliner = type(
        "Inliner",
        (),
        {
            "reporter": Reporter("test", 5, 5),
            "problematic": staticmethod(lambda raw, text, msg: nodes.problematic(raw, text)),
        },
    )()
    made, messages = checkroles.nocheck_role("nocheck", "{nocheck}` `", " ", 1, inliner)
    assert isinstance(made[0], nodes.problematic) and "needs a reason" in messages[0].astext()


def test_a_malformed_check_id_is_an_error() -> None:
    tree = doctree("Trade rose.\\ :check:`Trade Rose`")
    messages = [m for m in tree.findall(nodes.system_message)]
    assert messages and messages[0]["level"] == 3
    assert "must be lower-case words joined by hyphens" in messages[0].astext()
