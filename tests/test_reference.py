"""REF rows of data/reference_figures.csv are unchanged copies of the shared reference collection;
WEB rows, added from other cited pages, are checked on their own terms."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from pakjapan import periods
from pakjapan.data import load

OURS = Path(__file__).resolve().parent.parent / "data" / "reference_figures.csv"


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))


def test_ref_rows_are_unchanged_copies_of_the_collection(reference_dir: Path) -> None:
    """REF-NNN is row NNN of ../shared/reference/figures.csv, every cell unchanged."""
    shared = _rows(reference_dir / "figures.csv")
    ours = [r for r in _rows(OURS) if r["ref_id"].startswith("REF-")]
    assert ours, "no REF rows in data/reference_figures.csv"
    problems = []
    for row in ours:
        number = int(row["ref_id"].removeprefix("REF-"))
        if not 1 <= number <= len(shared):
            problems.append(
                f"{row['ref_id']}: the collection has rows REF-001 to REF-{len(shared):03d} only; "
                "a figure from another page is a WEB-NNN row"
            )
            continue
        original = shared[number - 1]
        for column, value in original.items():
            if row.get(column) != value:
                problems.append(
                    f"{row['ref_id']}, column {column!r}: {row.get(column)!r}, the collection has {value!r}"
                )
    assert not problems, "REF rows differ from ../shared/reference/figures.csv:\n  " + "\n  ".join(problems)


def _digits(text: str) -> str:
    return re.sub(r"[^0-9.]", "", text)


def web_row_problems(row: dict[str, str]) -> list[str]:
    """Why a WEB row (a figure the book added from a cited page) is not self-standing: its URL,
    its as_written holding its value, a period the book can place, and a unit in the schema."""
    rid = row["ref_id"]
    out = []
    if not re.fullmatch(r"https?://\S+", row["url"]):
        out.append(f"{rid}: url {row['url']!r} is not a web address")
    value = float(row["value"])
    if row["unit"] != "rank":
        as_written = row["as_written"].replace(",", "")
        numbers = {float(n) for n in re.findall(r"\d+(?:\.\d+)?", as_written)}
        if value not in numbers:
            out.append(f"{rid}: as_written {row['as_written']!r} does not show the value {row['value']}")
    elif not (value.is_integer() and value >= 1):
        out.append(f"{rid}: a rank is a whole number from 1, got {row['value']}")
    elif (
        str(int(value)) not in _digits(row["as_written"])
        and "次ぎ" not in row["as_written"]
        and "after" not in row["note"]
    ):
        out.append(f"{rid}: as_written {row['as_written']!r} states no position")
    try:
        periods.parse(row["period"])
    except ValueError as exc:
        out.append(f"{rid}: period {row['period']!r} cannot be placed: {exc}")
    if len(row["note"]) < 20:
        out.append(f"{rid}: note must quote or describe the sentence the figure comes from")
    return out


def test_web_rows_stand_on_their_own() -> None:
    """WEB-NNN rows are not in the collection; each carries its URL, its words and a period."""
    web = [r for r in _rows(OURS) if r["ref_id"].startswith("WEB-")]
    assert web, "no WEB rows in data/reference_figures.csv"
    problems = [p for r in web for p in web_row_problems(r)]
    assert not problems, "WEB rows that do not stand on their own:\n  " + "\n  ".join(problems)
    numbers = [int(r["ref_id"].removeprefix("WEB-")) for r in web]
    assert numbers == list(range(1, len(web) + 1)), f"WEB ids must run WEB-001, WEB-002, ... without gaps: {numbers}"


def test_a_bad_web_row_is_reported_clearly() -> None:
    good = {
        "ref_id": "WEB-900",
        "url": "https://example.org/a",
        "value": "3.0",
        "unit": "percent",
        "as_written": "3.0 percent",
        "period": "FY2024-25",
        "note": "Outturn quoted in a press release.",
    }
    assert web_row_problems(good) == []
    bad = dict(good, url="example.org", as_written="three percent", period="next year")
    problems = web_row_problems(bad)
    assert any("is not a web address" in p for p in problems)
    assert any("does not show the value 3.0" in p for p in problems)
    assert any("period 'next year' cannot be placed" in p for p in problems)
    assert web_row_problems(dict(good, unit="rank", value="0", as_written="第1位"))[0].endswith("got 0")


def test_reporting_side_agrees_with_the_notes() -> None:
    """Where the reference note names the reporting side, our reporting_side says the same."""
    for r in load("reference_figures").itertuples():
        note = r.note.lower()
        if "japan-side" in note or "japan-side" in r.source_org.lower():
            assert r.reporting_side == "Japan", r.ref_id
        if "pakistan-side" in note:
            assert r.reporting_side == "Pakistan", r.ref_id


def test_reference_events_match_the_collection(reference_dir: Path) -> None:
    shared = list(csv.DictReader((reference_dir / "events.csv").read_text(encoding="utf-8").splitlines()))
    events = load("events")
    sources = load("sources").set_index("source_id")
    ours = events[events["event_id"].str.startswith("E-REF-")]
    assert len(ours) == len(shared)
    for r in ours.itertuples():
        original = shared[int(r.event_id.removeprefix("E-REF-")) - 1]
        assert (r.date, r.category, r.title, r.note) == (
            original["date"],
            original["category"],
            original["event"],
            original["note"],
        ), r.event_id
        assert sources.loc[r.source_id, "url"] == original["url"], r.event_id
        assert r.date_as_written == original["date"]
