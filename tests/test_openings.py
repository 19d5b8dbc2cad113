"""Every chapter opens with its findings, checked on the committed notebooks.

A title that states a finding (a sentence, not a topic word), a standfirst of at most 60 words, then
a ``Key findings`` admonition of three to five findings of at most 30 words each, each ending with
one of the three confidence labels the methodology page defines; no "show code" toggles (code
cells are ``remove-input`` or ``remove-cell``). The built-site measures (sentence lengths, first
chart within two screens) are in ``test_reader.py``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pakjapan import reading
from pakjapan.book import ROOT, chapters

CHAPTERS = [ROOT / c for c in chapters()]
LABEL = re.compile(r"\*(Solid|Approximate|Disputed)\.\*\s*$")
FINDINGS = re.compile(r":::\{admonition\} Key findings\n(.*?)\n:::", re.S)


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _opening(path: Path) -> tuple[str, str, list[str]]:
    """The chapter's title, standfirst and findings, from its first Markdown cells."""
    md = "\n\n".join("".join(c["source"]) for c in _cells(path) if c["cell_type"] == "markdown")
    title = re.search(r"^# (.+)$", md, re.M)
    assert title, f"{path.name}: no title"
    after = md[title.end() :].strip()
    standfirst = after.split("\n\n", 1)[0]
    found = FINDINGS.search(after)
    assert found, f"{path.name}: no Key findings admonition"
    body = "\n".join(line for line in found.group(1).splitlines() if not line.startswith(":"))  # options
    items = [i.strip() for i in re.split(r"^- ", body, flags=re.M) if i.strip()]
    return title.group(1), standfirst, items


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_the_title_states_a_finding(path: Path) -> None:
    title, _, _ = _opening(path)
    assert len(title.split()) >= 5, f"{path.name}: the title {title!r} names a topic, not a finding"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_standfirst_then_three_to_five_short_labelled_findings(path: Path) -> None:
    _, standfirst, items = _opening(path)
    assert not standfirst.startswith(":::"), f"{path.name}: no standfirst before the findings"
    words = len(reading.plain(standfirst).split())
    assert words <= 60, f"{path.name}: standfirst of {words} words (at most 60)"
    assert 3 <= len(items) <= 5, f"{path.name}: {len(items)} findings (three to five)"
    for item in items:
        assert LABEL.search(item), f"{path.name}: finding without a confidence label: {item[:80]!r}"
        n = len(reading.plain(LABEL.sub("", item)).split())
        assert n <= 30, f"{path.name}: finding of {n} words (at most 30): {item[:80]!r}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_no_code_toggles(path: Path) -> None:
    toggled = [
        i
        for i, c in enumerate(_cells(path))
        if c["cell_type"] == "code" and "hide-input" in c["metadata"].get("tags", [])
    ]
    assert not toggled, f"{path.name}: code cells {toggled} show a 'show code' toggle; tag them remove-input"
