"""The Corrections page (appendix/corrections.md) keeps its promise: every correction gives the
date, where, what the book said, what it says now, and why with the evidence. (That the PDF prints
the corrections the site folds into one dropdown per page is checked in test_pdf.py, beside the
other checks of the PDF's text, which is extracted once.)"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "appendix" / "corrections.md").read_text(encoding="utf-8")
NUMBERED = re.compile(r"^### (\d+)\. (.+)$", re.M)
ENTRY = re.compile(
    r"^- \*\*(\d{1,2} \w+ \d{4})\.\*\* (.+)\n"
    r"  - \*\*The book said:\*\* (.+)\n"
    r"  - \*\*It says now:\*\* (.+)\n"
    r"  - \*\*Why, and the evidence:\*\* (.+)$",
    re.M,
)


def numbered_items() -> list[tuple[str, str]]:
    """(number, text) of each numbered correction, up to the next heading."""
    matches = list(NUMBERED.finditer(PAGE))
    ends = [m.start() for m in matches[1:]] + [PAGE.index("\n## ", matches[-1].end())]
    return [(m.group(1), PAGE[m.end() : end]) for m, end in zip(matches, ends, strict=True)]


def dropdowns() -> list[tuple[str, str]]:
    """(title, body) of each dropdown of the page-by-page list."""
    return re.findall(r"^:::\{dropdown\} ([^\n]+)\n(.*?)^:::$", PAGE, re.M | re.S)


def test_the_ten_numbered_corrections_each_say_when_where_what_and_why() -> None:
    items = numbered_items()
    assert [n for n, _ in items] == [str(i) for i in range(1, 11)]
    for number, text in items:
        for part in (
            "**Date:** 20",
            "**Where:**",
            "**The book said:**",
            "**It says now:**",
            "**Why:**",
            "**Evidence:**",
        ):
            assert part in text, f"correction {number} lacks {part!r}"


def test_every_later_correction_is_a_complete_dated_entry() -> None:
    boxes = dropdowns()
    assert boxes, "the page-by-page corrections are not in dropdowns"
    for title, body in boxes:
        starts = re.findall(r"^- ", body, re.M)
        entries = ENTRY.findall(body)
        assert starts and len(entries) == len(starts), (
            f"{title}: every entry needs a date and the three parts (said, now, why), "
            f"{len(starts) - len(entries)} of {len(starts)} do not"
        )
        for date, where, said, now, why in entries:
            assert date.endswith("2026") and where and said and now and why


def letters(text: str) -> str:
    """Only letters and digits (ligatures unfolded), so line breaks, quotes and hyphenation in
    the PDF's text do not matter."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text))


def longest_plain_run(markdown: str) -> str:
    """The longest stretch of a Markdown fragment between roles and code, as letters only: the
    words a reader sees exactly as written (a role shows a figure or a title instead)."""
    return max((letters(part) for part in re.split(r"\{[a-z:]+\}`[^`]*`|`[^`]*`", markdown)), key=len)
