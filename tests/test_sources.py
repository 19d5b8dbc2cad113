"""Every ledger row stands on its cited line of its source text, and no figure is missed."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd

from pakjapan.data import load

EXCLUSIONS = Path(__file__).with_name("figure_line_exclusions.txt")
SECTION_NUMBER = re.compile(r"^\s*\d{1,2}(\.\d{1,2})*\.?\s+")


def documents():
    """The five source documents (rows of sources.csv with a raw text file)."""
    sources = load("sources")
    return sources[sources["seed_file"] != ""]


def source_lines(seeds_dir: Path) -> dict[str, list[str]]:
    return {r.source_id: (seeds_dir / r.seed_file).read_text(encoding="utf-8").split("\n") for r in documents().itertuples()}


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


def test_every_line_with_a_figure_is_in_the_ledger(seeds_dir: Path) -> None:
    excluded: set[tuple[str, int]] = set()
    for raw in EXCLUSIONS.read_text(encoding="utf-8").splitlines():
        body = raw.split("#", 1)[0].split()
        if body:
            excluded.add((body[0], int(body[1])))
    sources = documents()
    cited = {(s, int(n)) for s, n in zip(load("claims")["source_id"], load("claims")["line"])}
    cited |= {(s, int(n)) for s, n in zip(load("events")["source_id"], load("events")["line"]) if n is not pd.NA}
    missing = []
    used_exclusions = set()
    for r in sources.itertuples():
        prefix = r.seed_file[:3]
        for number, line in enumerate((seeds_dir / r.seed_file).read_text(encoding="utf-8").split("\n"), start=1):
            if not re.search(r"\d", SECTION_NUMBER.sub("", line)):
                continue
            if (prefix, number) in excluded:
                used_exclusions.add((prefix, number))
            elif (r.source_id, number) not in cited:
                missing.append(f"{r.seed_file}:{number}: {line[:80]}")
    assert not missing, "lines with figures not in the ledger:\n" + "\n".join(missing)
    assert used_exclusions == excluded, f"stale exclusions: {sorted(excluded - used_exclusions)}"


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
