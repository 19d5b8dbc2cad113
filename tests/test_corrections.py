"""Corrections are kept twice: every one, however small, as a row of the full log
(data/corrections.csv), and the substantive ones as a short, dated changelog for readers
(appendix/corrections.md). These tests hold both to their promises, and hold the reader's
Methodology page (appendix/methodology.md) to its length, its three confidence labels and its
glossary. (That the PDF prints the changelog is checked in test_pdf.py, beside the other checks
of the PDF's text, which is extracted once.)"""

from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
from pathlib import Path

import pytest

from pakjapan.book import TEMPLATE, chapters
from pakjapan.data import validate_table

ROOT = Path(__file__).resolve().parent.parent
LOG = ROOT / "data" / "corrections.csv"
PAGE = (ROOT / "appendix" / "corrections.md").read_text(encoding="utf-8")
METHODOLOGY = (ROOT / "appendix" / "methodology.md").read_text(encoding="utf-8")

CHANGELOG_WORDS = 3000
METHODOLOGY_WORDS = 1500
#: Row ids of the data tables: claims (GEA-08), reference rows (REF-009, WEB-001), events
#: (E-REF-46), conversions (CV-02). Readers do not need them; the full log keeps them.
ROW_ID = re.compile(r"\b(?:E-)?[A-Z]{2,3}-\d{2,3}\b")
FILE_NAME = re.compile(r"[\w./-]+\.(?:csv|py|ipynb|json|md|txt|ya?ml|toml|bib)\b")
ROLE = re.compile(r"\{([a-z:-]+)\}`([^`]*)`")
LOG_LINK = "{download}`the full log of every correction <../data/corrections.csv>`"
LABELS = ("solid", "approximate", "disputed")
GLOSSARY_TERMS = (
    "CIF",
    "FOB",
    "Reporter",
    "Mirror statistics",
    "Fiscal year",
    "Calendar year",
    "ODA",
    "Grant",
    "Concessional loan",
    "Net flow",
    "Debt service",
    "Projection",
    "FDI",
    "Portfolio investment",
    "Status of residence",
    "Banking basis",
    "Customs basis",
    "Constant prices",
    "Deflator",
    "Current prices",
)


def log_rows() -> list[dict[str, str]]:
    with LOG.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def visible(markdown: str) -> str:
    """The text as a reader sees it: a role shows its label (a glued value, a page title, the
    words of a link), headings, list marks, labels and emphasis show no markup."""

    def role(m: re.Match[str]) -> str:
        name, body = m.groups()
        label = re.fullmatch(r"(.+?)\s*<[^>]*>", body, re.S)
        if label:
            return label.group(1)
        if name.startswith("glue"):
            return "N"  # a glued figure reads as one word
        return body.rsplit("/", 1)[-1]

    text = ROLE.sub(role, markdown)
    text = re.sub(r"^\([\w-]+\)=\s*$|^(```|:::).*$", "", text, flags=re.M)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    text = re.sub(r"^\s*(#+|[-*]|\d+\.|:)\s+", "", text, flags=re.M)
    return re.sub(r"\*+", "", text)


def words(markdown: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9][\w'’-]*", visible(markdown))


def sentences(markdown: str) -> list[list[str]]:
    """The words of each sentence of the prose (a heading or a list item ends a sentence too)."""
    blocks = re.split(r"\n\s*\n|\n(?=\s*- )|\n(?=#)", markdown)
    found = []
    for block in blocks:
        text = " ".join(visible(block).split())
        found += [words(s) for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“(])", text) if words(s)]
    return found


def long_date(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {day:%B %Y}"


def check_ids() -> set[str]:
    """Every check id a page of the book names with a {check} role."""
    texts = [(ROOT / p).read_text(encoding="utf-8") for p in [*chapters(), TEMPLATE, "intro.md"]]
    return {m for text in texts for m in re.findall(r"\{check\}`([^`\\]+)`", text)}


# --- the full log -------------------------------------------------------------------------------


def test_the_log_validates_against_its_schema() -> None:
    assert validate_table("corrections") == []


def test_every_correction_in_the_log_says_when_where_what_and_why() -> None:
    rows = log_rows()
    assert len(rows) >= 200, "the log lost corrections"
    for row in rows:
        for column in ("date", "page", "said", "now", "why"):
            assert row[column].strip(), f"{row['correction_id']} has no {column}"
        dt.date.fromisoformat(row["date"])


def test_the_log_is_appended_in_order() -> None:
    """Ids run C-001, C-002, ... without gaps, and a new correction is never dated before an older one."""
    rows = log_rows()
    assert [r["correction_id"] for r in rows] == [f"C-{i:03d}" for i in range(1, len(rows) + 1)]
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates), "corrections are appended as they are made, so their dates never go back"


def test_every_corrected_page_is_a_page_of_the_book() -> None:
    def exists(page: str) -> bool:
        if page.startswith("data/"):
            return (ROOT / page).is_file()
        return any((ROOT / f"{page}{suffix}").is_file() for suffix in (".md", ".ipynb"))

    missing = sorted({r["page"] for r in log_rows() if not exists(r["page"])})
    assert not missing, f"the log names pages that do not exist: {missing}"


def test_some_but_not_all_corrections_are_for_the_changelog() -> None:
    flags = [r["changelog"] for r in log_rows()]
    assert set(flags) == {"true", "false"}, "the changelog lists the substantive corrections only"


# --- the reader's changelog ---------------------------------------------------------------------


def test_the_changelog_is_short() -> None:
    count = len(words(PAGE))
    assert count <= CHANGELOG_WORDS, f"the Corrections page has {count} words; at most {CHANGELOG_WORDS}"


def test_the_changelog_reads_easily() -> None:
    lengths = [len(s) for s in sentences(PAGE)]
    assert sum(lengths) / len(lengths) <= 22, f"sentences average {sum(lengths) / len(lengths):.1f} words"
    longest = max(sentences(PAGE), key=len)
    assert len(longest) <= 40, f"a sentence of {len(longest)} words: {' '.join(longest)}"


def test_the_changelog_links_the_full_log() -> None:
    assert LOG_LINK in PAGE


def test_the_changelog_has_no_internal_ids_or_file_names() -> None:
    text = PAGE.replace(LOG_LINK, "")
    assert not ROW_ID.findall(text), f"row ids on the reader's page: {sorted(set(ROW_ID.findall(text)))}"
    checks = [c for c in check_ids() if re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])", text)]
    assert not checks, f"check ids on the reader's page: {checks}"
    files = FILE_NAME.findall(ROLE.sub("", text))
    assert not files, f"file names on the reader's page: {files}"


def test_the_id_patterns_would_be_caught() -> None:
    """The patterns above are not vacuous: they find the ids the old page was full of."""
    assert ROW_ID.findall("GEA-08, REF-009, WEB-001, E-REF-46, CV-02 and FY2022-23") == [
        "GEA-08",
        "REF-009",
        "WEB-001",
        "E-REF-46",
        "CV-02",
    ]
    assert "hist-gap-peak" in check_ids()
    assert FILE_NAME.findall("see data/claims.csv and pakjapan/evidence.py") == [
        "data/claims.csv",
        "pakjapan/evidence.py",
    ]


def test_the_changelog_is_dated_newest_first_with_every_substantive_correction() -> None:
    headings = re.findall(r"^## (\d{1,2} \w+ \d{4})$", PAGE, re.M)
    days = [dt.datetime.strptime(h, "%d %B %Y").date() for h in headings]
    assert days and days == sorted(days, reverse=True), f"date headings not newest first: {headings}"
    wanted = {long_date(r["date"]) for r in log_rows() if r["changelog"] == "true"}
    missing = sorted(wanted - set(headings))
    assert not missing, f"substantive corrections of {missing} are not on the Corrections page"
    extra = sorted(set(headings) - {long_date(r["date"]) for r in log_rows()})
    assert not extra, f"the page has dates with no correction in the log: {extra}"


def changelog_entries() -> list[tuple[str, str]]:
    """(date heading, text) of each line of the changelog, in page order."""
    entries, date = [], None
    for block in re.split(r"\n(?=## |### |- )", PAGE):
        if block.startswith("## "):
            date = block[3:].splitlines()[0].strip()
        elif block.startswith("- ") and date and re.fullmatch(r"\d{1,2} \w+ \d{4}", date):
            entries.append((date, " ".join(block[2:].split())))
    return entries


def test_each_date_has_its_entries() -> None:
    dated = {date for date, _ in changelog_entries()}
    headings = set(re.findall(r"^## (\d{1,2} \w+ \d{4})$", PAGE, re.M))
    assert headings and dated == headings, f"dates without entries: {sorted(headings - dated)}"


# --- the reader's methodology -------------------------------------------------------------------


def glossary() -> dict[str, str]:
    """Term -> definition of the page's Sphinx glossary (terms sharing a definition each get it)."""
    block = re.search(r"^```\{glossary\}\n(.*?)^```$", METHODOLOGY, re.M | re.S)
    assert block, "the Methodology page has no glossary"
    found: dict[str, str] = {}
    pending: list[str] = []
    in_definition = False
    for line in block.group(1).splitlines():
        if not line.strip() or line.startswith(":"):
            continue
        if line.startswith(" "):
            for term in pending:
                found[term] = f"{found.get(term, '')} {line.strip()}".strip()
            in_definition = True
        else:
            if in_definition:
                pending, in_definition = [], False
            pending.append(line.strip())
    return found


def test_the_methodology_is_short() -> None:
    count = len(words(METHODOLOGY))
    assert count <= METHODOLOGY_WORDS, f"the Methodology page has {count} words; at most {METHODOLOGY_WORDS}"


def test_the_methodology_defines_three_confidence_labels_once() -> None:
    defined = re.findall(r"^\*\*(\w+)\*\*\n: (.+)$", METHODOLOGY, re.M)
    assert tuple(label for label, _ in defined) == LABELS, f"labels defined: {defined}"
    for label, definition in defined:
        assert len(definition.split()) >= 5, f"{label} is not defined in words"


@pytest.mark.parametrize("term", GLOSSARY_TERMS)
def test_the_glossary_defines_each_term(term: str) -> None:
    terms = glossary()
    assert term in terms, f"the glossary does not define {term!r}"
    assert len(terms[term].split()) >= 3, f"{term}: a definition, please"


def test_the_glossary_gives_both_fiscal_years() -> None:
    fiscal = glossary()["Fiscal year"]
    assert re.search(r"Pakistan's runs from July to June", fiscal)
    assert re.search(r"Japan's fiscal year runs from April to March", fiscal)


def test_the_methodology_is_for_readers() -> None:
    """Benchmarks, tests and make targets are in CONTRIBUTING.md, not on the reader's page."""
    for word in ("make ", "Lighthouse", "benchmark", "pytest", "nbval", "tests/"):
        assert word not in METHODOLOGY, f"maintainers' material ({word!r}) on the Methodology page"
    assert not FILE_NAME.findall(ROLE.sub("", METHODOLOGY)), "file names on the Methodology page"
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "## Maintaining the book" in contributing and "make bench" in contributing


# --- helpers for test_pdf.py --------------------------------------------------------------------


def letters(text: str) -> str:
    """Only letters and digits (ligatures unfolded), so line breaks, quotes and hyphenation in
    the PDF's text do not matter."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text))


def longest_plain_run(markdown: str) -> str:
    """The longest stretch of a Markdown fragment between roles and code, as letters only: the
    words a reader sees exactly as written (a role shows a figure or a title instead)."""
    return max((letters(part) for part in re.split(r"\{[a-z:]+\}`[^`]*`|`[^`]*`", markdown)), key=len)
