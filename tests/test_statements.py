"""Every comparative or quantifying sentence is tied to a check, or marked as needing none.

A sentence that compares, ranks, counts, dates a peak, generalises or characterises a figure
must carry ``{check}`id``` (the id of a :mod:`pakjapan.checks` call in the page's code, which
fails the notebook if the sentence stops being true) or ``{nocheck}`reason``` (a quotation, a
definition, a description of method). The role goes at the end of the sentence, before or
straight after its full stop.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from pakjapan import book

ROOT = Path(__file__).resolve().parent.parent

#: Pages whose every trigger sentence must carry a role: the landing page, every chapter in
#: _toc.yml, and the chapter template (outside it, held to the same rule so a copy starts green).
PAGES = ["intro.md", *book.chapters(), book.TEMPLATE]

#: Words and phrases that make a sentence a claim about figures: comparison, ranking, counting,
#: peaks, quantifiers, characterisations and change.
TRIGGER_WORDS = [
    r"compar\w*",
    r"rank\w*",
    r"counts?",
    r"counted",
    r"peak\w*",
    r"every",
    r"all",
    r"most",
    r"never",
    r"none",
    r"each year",
    r"brackets?",
    r"as (?:they|it) should",
    r"small\w*",
    r"steady",
    r"steadi\w*",
    r"large\w*",
    r"biggest",
    r"highest",
    r"lowest",
    r"widen\w*",
    r"narrow\w*",
    r"new",
    r"newest",
    r"independent\w*",
    r"more than",
    r"less than",
    r"fewer",
    r"higher",
    r"lower",
    r"twice",
    r"half",
    r"times",
    r"\w+-fold",
    r"doubled?",
    r"tripled?",
    r"rose",
    r"risen",
    r"rises?",
    r"fell",
    r"fallen",
    r"falls?",
    r"grew",
    r"first",
    r"second-largest",
    r"second",
    r"last",
    r"exceeds?",
    r"agrees?",
    r"agreed?",
    r"disagree\w*",
    r"differ\w*",
    r"close",
    r"only",
    r"always",
    r"mostly",
    r"majority",
    r"fast\w*",
    r"slow\w*",
    r"modest",
    r"thin",
    r"dominat\w*",
    r"consistent",
    r"conflicting",
]
TRIGGERS = re.compile(r"\b(?:" + "|".join(TRIGGER_WORDS) + r")\b", re.IGNORECASE)

ROLE = re.compile(r"\{(check|nocheck)\}`([^`]*)`")
#: Roles and code whose content is not prose (glued figures, cross-references, citations).
_NOT_PROSE = re.compile(r"\{(?!check\}|nocheck\})[\w:.-]+\}`[^`]*`|(?<![}`])`[^`]+`")
_SENTENCE = re.compile(r".+?(?:[.!?][\"”’')]*(?:\s*\{(?:no)?check\}`[^`]*`)*(?=\s|$)|$)", re.S)
_ABBREVIATIONS = {"e.g.": "eg", "i.e.": "ie", "etc.": "etc", "cf.": "cf", "No.": "No"}
#: A call of a check helper with a literal id, in a notebook's code.
CALL = re.compile(r"\bchecks\.(\w+)\(\s*(?:check_id\s*=\s*)?[\"']([^\"']+)[\"']")


def markdown_blocks(text: str) -> list[str]:
    """Prose blocks of a Markdown text: headings, list items and paragraphs, without code
    blocks and directive lines (``:::``, ``:class:``)."""
    blocks: list[str] = []
    current: list[str] = []
    fenced = False

    def close() -> None:
        if current:
            blocks.append(" ".join(current))
            current.clear()

    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("```"):
            fenced = not fenced
            close()
            continue
        if fenced or stripped.startswith(":::") or re.match(r"^:\w+:", stripped) or stripped.startswith("|"):
            close()
            continue
        if not stripped:
            close()
        elif stripped.startswith("#"):
            close()
            blocks.append(stripped.lstrip("#").strip())
        elif re.match(r"^([-*+]|\d+\.)\s", stripped):
            close()
            current.append(re.sub(r"^([-*+]|\d+\.)\s+", "", stripped))
        else:
            current.append(stripped)
    close()
    return blocks


def sentences(text: str) -> list[str]:
    """The sentences of a Markdown text, each with the roles that follow its full stop."""
    out = []
    for block in markdown_blocks(text):
        for abbr, plain in _ABBREVIATIONS.items():
            block = block.replace(abbr, plain)
        out.extend(s.strip() for s in _SENTENCE.findall(block) if s.strip())
    return out


def unmarked(text: str) -> list[str]:
    """Sentences with a trigger word in their prose and neither a check nor a nocheck role."""
    found = []
    for s in sentences(text):
        if ROLE.search(s):
            continue
        if TRIGGERS.search(_NOT_PROSE.sub(" ", s)):
            found.append(s)
    return found


def page_markdown(path: Path) -> str:
    if path.suffix == ".md":
        return path.read_text(encoding="utf-8")
    nb = json.loads(path.read_text(encoding="utf-8"))
    return "\n\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


def check_calls(path: Path) -> list[str]:
    """Ids of the check calls in a notebook's code cells, in order (repeats kept)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    return [cid for _, cid in CALL.findall(code)]


def notebooks() -> list[Path]:
    """The chapters and the chapter template (which is not in _toc.yml but must pass as a chapter)."""
    return [*sorted((ROOT / "notebooks").glob("*.ipynb")), ROOT / "templates" / "chapter.ipynb"]


def roles(text: str, kind: str) -> list[str]:
    return [value for k, value in ROLE.findall(text) if k == kind]


# --- the tool itself --------------------------------------------------------------------------


def test_sentence_splitting_keeps_roles_with_their_sentence() -> None:
    text = (
        "# Steady aid, thin trade\n\nTrade rose {glue:text}`x` in 2024.{check}`t-rose` It fell\n"
        'later, e.g. in 2025. A quotation: "the largest".{nocheck}`quotation`\n\n'
        ":::{admonition} Key findings\n:class: tip\n- Every tally says so {check}`t-every`.\n:::\n"
    )
    assert sentences(text) == [
        "Steady aid, thin trade",
        "Trade rose {glue:text}`x` in 2024.{check}`t-rose`",
        "It fell later, eg in 2025.",
        'A quotation: "the largest".{nocheck}`quotation`',
        "Every tally says so {check}`t-every`.",
    ]
    assert unmarked(text) == ["Steady aid, thin trade", "It fell later, eg in 2025."]


def test_words_inside_glue_and_code_do_not_trigger() -> None:
    assert unmarked("See {glue:text}`n-largest` and `reconcile.most`.") == []
    assert unmarked("The figure is {glue:text}`x`, the largest.") == ["The figure is {glue:text}`x`, the largest."]


def test_calls_are_found_with_literal_ids(tmp_path: Path) -> None:
    nb = {
        "cells": [
            {
                "cell_type": "code",
                "source": ["checks.greater('a-b', 1, 0)\n", 'x = checks.share(\n    "c-d", 1, 2, low=0)'],
            },
            {"cell_type": "markdown", "source": ["checks.greater('not-code', 1, 0)"]},
        ]
    }
    path = tmp_path / "n.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    assert check_calls(path) == ["a-b", "c-d"]


# --- the book -----------------------------------------------------------------------------------


def test_the_pages_include_the_intro_and_every_chapter() -> None:
    assert {"intro.md", "notebooks/02_trade.ipynb", "notebooks/07_reconciliation.ipynb"} <= set(PAGES)


@pytest.mark.parametrize("page", PAGES)
def test_every_trigger_sentence_carries_a_role(page: str) -> None:
    missing = unmarked(page_markdown(ROOT / page))
    assert not missing, (
        f"{page}: {len(missing)} sentence(s) compare, count or characterise without "
        "{check}`id` or {nocheck}`reason`:\n  " + "\n  ".join(missing)
    )


@pytest.mark.parametrize("page", ["intro.md", *[str(p.relative_to(ROOT)) for p in notebooks()]])
def test_check_roles_name_a_check_call(page: str) -> None:
    named = roles(page_markdown(ROOT / page), "check")
    if page == "intro.md":
        calls = {cid for nb in notebooks() for cid in check_calls(nb)}
        where = "any chapter's code"
    else:
        calls = set(check_calls(ROOT / page))
        where = "this notebook's code"
    dangling = sorted(set(named) - calls)
    assert not dangling, f"{page}: {{check}} ids with no checks.<helper>('<id>', ...) call in {where}: {dangling}"
    empty = [r for r in roles(page_markdown(ROOT / page), "nocheck") if not r.strip()]
    assert not empty, f"{page}: a {{nocheck}} role without a reason"


@pytest.mark.parametrize("notebook", [str(p.relative_to(ROOT)) for p in notebooks()])
def test_every_check_call_is_referenced_once_defined(notebook: str) -> None:
    path = ROOT / notebook
    calls = check_calls(path)
    repeated = sorted(cid for cid, n in Counter(calls).items() if n > 1)
    assert not repeated, f"{notebook}: check ids called more than once: {repeated}"
    named = set(roles(page_markdown(path), "check")) | set(roles(page_markdown(ROOT / "intro.md"), "check"))
    orphans = sorted(set(calls) - named)
    assert not orphans, f"{notebook}: checks that no sentence names with {{check}}`id`: {orphans}"
