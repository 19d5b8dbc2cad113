"""Every ledger row stands on its cited line of its source text, and no figure is missed."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd
import pytest

from pakjapan.data import load

EXCLUSIONS = Path(__file__).with_name("figure_line_exclusions.txt")
SECTION_NUMBER = re.compile(r"^\s*\d{1,2}(\.\d{1,2})*\.?\s+")
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DAY_OF_MONTH = re.compile(rf"\b\d{{1,2}}(?:[–-]\d{{1,2}})? (?={MONTHS})|\b(?P<month>{MONTHS}) \d{{1,2}}(?=,)")


def documents():
    """The five source documents (rows of sources.csv with a raw text file)."""
    sources = load("sources")
    return sources[sources["seed_file"] != ""]


def source_lines(seeds_dir: Path) -> dict[str, list[str]]:
    return {
        r.source_id: (seeds_dir / r.seed_file).read_text(encoding="utf-8").split("\n") for r in documents().itertuples()
    }


def test_each_source_is_a_document_or_a_web_page() -> None:
    for r in load("sources").itertuples():
        if r.seed_file:
            assert r.sha256 and not r.url, r.source_id
        else:
            assert r.url and not r.sha256, r.source_id


def test_texts_match_their_recorded_hash(seeds_dir: Path) -> None:
    for r in documents().itertuples():
        digest = hashlib.sha256((seeds_dir / r.seed_file).read_bytes()).hexdigest()
        assert digest == r.sha256, f"{r.seed_file}: text changed since the ledger was checked"


def test_every_claim_stands_on_its_line(seeds_dir: Path) -> None:
    lines = source_lines(seeds_dir)
    for r in load("claims").itertuples():
        text = lines[r.source_id]
        assert r.line <= len(text), f"{r.claim_id}: line {r.line} beyond end of {r.source_id}"
        assert r.as_written in text[r.line - 1], f"{r.claim_id}: {r.as_written!r} not on line {r.line} of {r.source_id}"


def test_every_event_date_stands_on_its_line(seeds_dir: Path) -> None:
    lines = source_lines(seeds_dir)
    events = load("events")
    from_documents = events[events["source_id"].isin(lines.keys())]
    assert len(from_documents) >= 10
    for r in from_documents.itertuples():
        assert r.line is not pd.NA, f"{r.event_id}: an event from a document needs its line"
        assert r.date_as_written in lines[r.source_id][r.line - 1], f"{r.event_id}: date not on line {r.line}"


def test_web_events_have_no_line() -> None:
    events = load("events")
    web = set(load("sources").query("seed_file == ''")["source_id"])
    assert events[events["source_id"].isin(web)]["line"].isna().all()


def _numbers(line: str) -> tuple[bool, bool]:
    """Whether a line holds (figure, year): a figure is a number that is not a year, not a leading
    section number and not part of a name ("5S", "1.2L", "9th"); a year is 1900-2099 on its own."""
    body = SECTION_NUMBER.sub("", line)
    # "28 April", "17–18 December", "February 10," are parts of dates, not figures
    body = DAY_OF_MONTH.sub(lambda m: m["month"] or " ", body)
    tokens = [t.rstrip(",.") for t in re.findall(r"(?<![\w.])\d[\d,.]*(?![\d,.]*[A-Za-z])", body)]
    years = [t for t in tokens if re.fullmatch(r"(19|20)\d\d", t)]
    return len(tokens) > len(years), bool(years) or bool(re.search(r"\b(19|20)\d\ds\b", body))


def test_every_line_with_a_figure_or_a_date_is_in_the_ledger(seeds_dir: Path) -> None:
    """Lines with a figure must be cited by a claim; lines with a year by a claim or an event
    (its dating line or one of its also_lines). Anything else must be in the exclusion file."""
    excluded: set[tuple[str, int]] = set()
    for raw in EXCLUSIONS.read_text(encoding="utf-8").splitlines():
        body = raw.split("#", 1)[0].split()
        if body:
            excluded.add((body[0], int(body[1])))
    claims, events = load("claims"), load("events")
    by_claim = {(s, int(n)) for s, n in zip(claims["source_id"], claims["line"], strict=False)}
    by_event = {(s, int(n)) for s, n in zip(events["source_id"], events["line"], strict=False) if n is not pd.NA}
    for s, lines in zip(events["source_id"], events["also_lines"], strict=False):
        by_event |= {(s, int(n)) for n in lines.split()}
    missing, used = [], set()
    for r in documents().itertuples():
        prefix = r.seed_file[:3]
        for number, line in enumerate((seeds_dir / r.seed_file).read_text(encoding="utf-8").split("\n"), start=1):
            has_figure, has_year = _numbers(line)
            key = (r.source_id, number)
            uncited = (has_figure and key not in by_claim) or (has_year and key not in by_claim | by_event)
            if not uncited:
                continue
            if (prefix, number) in excluded:
                used.add((prefix, number))
            else:
                missing.append(f"{r.seed_file}:{number}: {line[:80]}")
    assert not missing, "lines with figures or dates not in the ledger:\n" + "\n".join(missing)
    assert used == excluded, f"stale exclusions: {sorted(excluded - used)}"


#: Quantities written in words: numbers from two up, plural scale words not preceded by a digit
#: ("billions", "thousands of"), "multibillion", "Big Three", "decades", "twice", and litre sizes
#: ("1.2L"). "One" is left out: it is far more often a pronoun than a quantity.
NUMBER_WORDS = re.compile(
    r"(?<![\d.,])(?<![\d.,] )\b(?:two(?!-way)|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|"
    r"billions?|trillions?|multi-?millions?|multi-?billions?|dozens?|twice|double|triple|decades?)\b"
    r"|\b\d+(?:\.\d+)?L\b",
    re.IGNORECASE,
)
WORD_EXCLUSIONS = Path(__file__).with_name("number_word_exclusions.txt")


def number_words(line: str) -> list[str]:
    """The quantities written in words on a line, as written (a scale word after a digit, as in
    "US$1.3 billion", belongs to a figure and is not listed)."""
    return [m.group(0) for m in NUMBER_WORDS.finditer(line)]


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("worth billions, yet thousands of developers", ["billions", "thousands"]),
        ("committed $300 million to this multibillion-dollar venture", ["multibillion"]),
        ("over the past two decades", ["two", "decades"]),
        ("two-way trade of US$1.3 billion", []),
        ('the "Big Three" automakers', ["Three"]),
        ("the Honda City 1.2L", ["1.2L"]),
        ("one meeting", []),
    ],
)
def test_what_counts_as_a_number_word(line: str, words: list[str]) -> None:
    assert number_words(line) == words


def test_every_number_word_is_in_the_ledger(seeds_dir: Path) -> None:
    """A quantity written in words is a claim too: each must appear in the as_written of a claim
    on its line (kind 'verbal' for words), or be listed, with a reason, in
    tests/number_word_exclusions.txt as '<seed prefix> <line> <word>  # why'."""
    excluded: set[tuple[str, int, str]] = set()
    for raw in WORD_EXCLUSIONS.read_text(encoding="utf-8").splitlines():
        body = raw.split("#", 1)[0].split()
        if body:
            excluded.add((body[0], int(body[1]), body[2].lower()))
    claims = load("claims")
    written: dict[tuple[str, int], str] = {}
    for s, n, w in zip(claims["source_id"], claims["line"], claims["as_written"], strict=False):
        written[(s, int(n))] = written.get((s, int(n)), "") + " " + w.lower()
    missing, used = [], set()
    for r in documents().itertuples():
        prefix = r.seed_file[:3]
        for number, line in enumerate((seeds_dir / r.seed_file).read_text(encoding="utf-8").split("\n"), start=1):
            for word in number_words(line):
                if word.lower() in written.get((r.source_id, number), ""):
                    continue
                if (prefix, number, word.lower()) in excluded:
                    used.add((prefix, number, word.lower()))
                else:
                    missing.append(f"{r.seed_file}:{number}: {word!r} in: {line[:90]}")
    assert not missing, (
        "quantities written in words with no claim quoting them (add a 'verbal' claim or an "
        "exclusion with its reason):\n" + "\n".join(missing)
    )
    assert used == excluded, f"stale number-word exclusions: {sorted(excluded - used)}"


@pytest.mark.parametrize(
    ("line", "figure", "year"),
    [
        ("More than 100,000 jobs", True, False),
        ("Honda City 1.2L and the 5S system", False, False),
        ("the 9th dialogue in September 2025", False, True),
        ("7.1 Automotive value-chain integration", False, False),
        ("peaked in the 1960s", False, True),
        ("Comments (0)", True, False),
        ("up 72%", True, False),
        ("held on February 10, 2026, in Islamabad", False, True),
        ("signed on 17–18 December 2024", False, True),
        ("visited in August 2025, then", False, True),
    ],
)
def test_what_counts_as_a_figure_or_a_year(line: str, figure: bool, year: bool) -> None:
    assert _numbers(line) == (figure, year)


def test_also_lines_mention_the_event_year(seeds_dir: Path) -> None:
    lines = source_lines(seeds_dir)
    for r in load("events").itertuples():
        for n in r.also_lines.split():
            assert r.date[:4] in lines[r.source_id][int(n) - 1], f"{r.event_id}: {r.date[:4]} not on line {n}"


def test_falls_are_stored_as_negative_growth() -> None:
    """Rows whose source writes a fall carry a negative value, and only those."""
    claims = load("claims")
    growth = claims[claims["indicator"].str.contains("growth")]
    falls = growth[growth["note"].str.contains("stored as negative growth")]
    assert len(falls) >= 2
    assert (falls["value"] < 0).all()
    assert (growth.drop(falls.index)["value"] >= 0).all()


def test_every_argument_stands_on_its_line(seeds_dir: Path) -> None:
    lines = source_lines(seeds_dir)
    for r in load("arguments").itertuples():
        assert r.key_phrase in lines[r.source_id][r.line - 1], f"{r.argument_id}: {r.key_phrase!r} not on line {r.line}"


def test_a_news_report_is_cited_by_its_own_headline(seeds_dir: Path) -> None:
    """A news report's title is its headline, line 1 of its text, unless the title is marked as
    the book's description (a parenthesis says what the report covers)."""
    checked = 0
    for r in documents().itertuples():
        if r.kind != "news" or "(" in r.title:
            continue
        headline = (seeds_dir / r.seed_file).read_text(encoding="utf-8").split("\n", 1)[0].strip()
        assert r.title == headline, (
            f"sources.csv, {r.source_id}: title {r.title!r}; the headline on line 1 is {headline!r}"
        )
        checked += 1
    assert checked >= 1
