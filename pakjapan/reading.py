"""How a page reads: sentences and their lengths, and which sentences talk about documents rather
than about Pakistan and Japan.

The book is read mostly on phones. Its targets, which tests assert on the built site and on the
notebooks' Markdown: a mean sentence of at most :data:`MEAN_MAX` words, none over
:data:`LONGEST_MAX`, and in the subject chapters at most :data:`DOCUMENT_SHARE_MAX` of the sentences
about documents, data sets or the book's method. The functions are pure so the tests, the
chapters' authors and a browser test measuring the rendered text all count the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MEAN_MAX = 22.0
LONGEST_MAX = 40
DOCUMENT_SHARE_MAX = 0.2
#: A fragment shorter than this (a label, "Source: FRED.") is not counted as a sentence.
MIN_WORDS = 4

_ROLES_DROPPED = re.compile(r"\{(?:no)?check\}`[^`]*`|\{cite(?::\w+)?\}`[^`]*`|\{numref\}`[^`]*`|\(\w[\w-]*\)=")
_GLUE = re.compile(r"\{glue(?::\w+)?\}`[^`]*`")
_DOC_ROLE = re.compile(r"\{(?:doc|ref|term|download)\}`([^`<]*?)\s*(?:<[^>]*>)?`")
_FENCE = re.compile(r"```.*?```", re.S)
_LINES = re.compile(r"^(?::::|#|\|).*$|<[^>\n]+>", re.M)
_BLOCKS = re.compile(r"\n\s*\n|\n\s*[-*] |\n\s*\d+\. ")
_SPLIT = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[A-Z\"'(])")

#: Words that mark a sentence as talking about documents, data sets or the book's method.
DOCUMENT_WORDS = re.compile(
    r"\b(?:essay|essays|document|documents|seminar report|the review|the report|reports? (?:says?|gives?|puts?)"
    r"|article|ledger|data ?set|data ?sets|dataset|datasets|spreadsheet|table's|row|rows|column|columns"
    r"|this (?:book|chapter|page|section)|the (?:book|chapter)|our (?:tables?|data)|reconciliation"
    r"|the source(?:'s)?|the sources|as written|press release|think[- ]tank|CNA|the dialogue's|extract"
    r"|according to|says|said|writes|wrote|quotes?|quoted|cites?|cited|the figures?|publishe[sd]|headline)\b",
    re.I,
)


@dataclass(frozen=True)
class Measure:
    """The reading measures of one page."""

    sentences: int
    mean_words: float
    longest: int
    over_max: tuple[str, ...]
    about_documents: tuple[str, ...]

    @property
    def document_share(self) -> float:
        return len(self.about_documents) / self.sentences if self.sentences else 0.0


def plain(markdown: str) -> str:
    """The Markdown as a reader sees it: glued figures as one word, roles and code blocks gone."""
    text = _ROLES_DROPPED.sub("", markdown)
    text = _GLUE.sub("N", text)
    text = _DOC_ROLE.sub(lambda m: m.group(1) or "link", text)
    text = _LINES.sub("\n\n", _FENCE.sub("\n\n", text))
    return text.replace("**", "").replace("*", "").replace("`", "")


def sentences(text: str) -> list[str]:
    """The sentences of a text: paragraphs and list items end a sentence; fragments are left out."""
    out: list[str] = []
    for block in _BLOCKS.split(text):
        flat = " ".join(block.split())
        out.extend(s for s in _SPLIT.split(flat) if len(s.split()) >= MIN_WORDS)
    return out


def measure(text: str) -> Measure:
    """Sentence count, mean and longest length in words, sentences over the limit, sentences about documents."""
    found = sentences(text)
    lengths = [len(s.split()) for s in found]
    return Measure(
        sentences=len(found),
        mean_words=sum(lengths) / len(lengths) if lengths else 0.0,
        longest=max(lengths, default=0),
        over_max=tuple(s for s, n in zip(found, lengths, strict=True) if n > LONGEST_MAX),
        about_documents=tuple(s for s in found if DOCUMENT_WORDS.search(s)),
    )


def notebook_markdown(path: str) -> str:
    """The Markdown cells of a notebook, joined as the page shows them."""
    import json

    with open(path, encoding="utf-8") as handle:
        nb = json.load(handle)
    return "\n\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
