"""The history module on small frames shaped like the loaders' output: shares, ranks, phases, aid, residents."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd
import pytest

from pakjapan import history

ROOT = Path(__file__).resolve().parent.parent


def dots_frame() -> pd.DataFrame:
    rows = []

    def add(flow: str, name: str, code: str | None, kind: str, year: int, value: float | None) -> None:
        rows.append(
            {
                "reporter": "PAK",
                "reporter_name": "Pakistan",
                "flow": flow,
                "basis": "CIF" if flow == "imports" else "FOB",
                "partner_name": name,
                "partner": code,
                "partner_kind": kind,
                "year": year,
                "value": value,
                "unit": "US$ million",
                "estimate": False,
            }
        )

    for year, (jpn, usa, chn) in {2000: (30.0, 50.0, 20.0), 2001: (None, 40.0, 40.0)}.items():
        add("imports", "World", None, "group", year, 200.0)
        add("imports", "Asia", None, "group", year, 150.0)  # a group larger than any country: never ranked
        add("imports", "Japan", "JPN", "country", year, jpn)
        add("imports", "United States", "USA", "country", year, usa)
        add("imports", "China", "CHN", "country", year, chn)
    for year in (2000, 2001):
        add("exports", "World", None, "group", year, 100.0)
        add("exports", "Japan", "JPN", "country", year, 10.0)
        add("exports", "United States", "USA", "country", year, 5.0)
        add("exports", "China", "CHN", "country", year, 1.0)
    # Another reporter's rows must not leak in.
    rows.append(dict(rows[2], reporter="JPN", partner="PAK", partner_name="Pakistan", value=999.0))
    return pd.DataFrame(rows)


def test_partner_shares_divide_by_world_and_rank_countries_only() -> None:
    out = history.partner_shares(dots_frame()).set_index(["flow", "year"])
    row = out.loc[("imports", 2000)]
    assert row["share_pct"] == pytest.approx(15.0)
    assert row["rank"] == 2 and row["n_partners"] == 3  # behind the US, ahead of China; "Asia" is a group
    assert out.loc[("exports", 2000), "rank"] == 1
    assert set(out["dataset"]) == {"imf-dots"} and set(out["reporter"]) == {"PAK"}


def test_partner_shares_leave_a_missing_year_missing() -> None:
    row = history.partner_shares(dots_frame()).set_index(["flow", "year"]).loc[("imports", 2001)]
    assert math.isnan(row["value"]) and math.isnan(row["share_pct"]) and pd.isna(row["rank"])


def test_partner_shares_name_an_absent_reporter() -> None:
    with pytest.raises(LookupError, match="IND"):
        history.partner_shares(dots_frame(), reporter="IND")


def test_two_way_ranks_add_the_reporters_own_flows() -> None:
    ranks = history.two_way_ranks(dots_frame(), 2000, 2000)
    # USA 50 + 5, JPN 30 + 10, CHN 20 + 1
    assert list(ranks.index) == ["USA", "JPN", "CHN"] and list(ranks) == [1, 2, 3]
    # 2001 has no Japanese imports: Japan's mean over the span uses the years it has
    assert history.two_way_ranks(dots_frame(), 2000, 2001)["JPN"] == 2


EVENTS = pd.DataFrame(
    {"event_id": ["E-A", "E-B", "E-C"], "date": ["1952-04-28", "1970", "1998-05-29"]},
)
PHASES = pd.DataFrame({"label": ["founding", "aid and trade", "sanctions"], "row": ["E-A", "E-B", "E-C"]})


def test_phase_starts_are_the_years_of_their_opening_events() -> None:
    assert history.phase_starts(PHASES, EVENTS) == {"founding": 1952, "aid and trade": 1970, "sanctions": 1998}


def test_phase_starts_refuse_unknown_events_and_disorder() -> None:
    with pytest.raises(LookupError, match="E-Z"):
        history.phase_starts(PHASES.assign(row=["E-A", "E-B", "E-Z"]), EVENTS)
    with pytest.raises(ValueError, match="time order"):
        history.phase_starts(PHASES.iloc[[1, 0, 2]], EVENTS)


def test_phase_of_places_each_year_in_the_phase_under_way() -> None:
    starts = {"founding": 1952, "aid and trade": 1970, "sanctions": 1998}
    assert list(history.phase_of([1950, 1952, 1969, 1970, 1997, 1998, 2020], starts)) == [
        None,
        "founding",
        "founding",
        "aid and trade",
        "aid and trade",
        "sanctions",
        "sanctions",
    ]


def test_by_phase_summarises_only_years_with_values_in_time_order() -> None:
    starts = {"founding": 1952, "aid and trade": 1970, "sanctions": 1998}
    frame = pd.DataFrame({"year": [1960, 1961, 1975, 1976, 1999], "v": [1.0, 3.0, 10.0, None, 4.0]})
    out = history.by_phase(frame, "v", starts)
    assert list(out["phase"]) == ["founding", "aid and trade", "sanctions"]
    founding = out.iloc[0]
    assert founding["mean"] == 2.0 and founding["years"] == "1960–1961" and founding["n_years"] == 2
    assert out.iloc[1]["n_years"] == 1  # 1976 is missing, not zero
    no_sanctions = history.by_phase(frame[frame["year"] < 1998], "v", starts)
    assert "sanctions" not in set(no_sanctions["phase"])


def net_flows_frame() -> pd.DataFrame:
    base = {
        "debtor": "PAK",
        "debtor_name": "Pakistan",
        "counterpart": "Japan",
        "counterpart_iso3": "JPN",
        "counterpart_type": "Bilateral",
        "prices": "current",
        "unit": "current US$",
    }

    def row(year: int, indicator: str, direction: str, value: float, **other: str) -> dict:
        return {**base, "year": year, "indicator": indicator, "direction": direction, "value": value, **other}

    grants, loans = "Bilateral Grants", "Bilateral Concessional Debt"
    rows = [
        row(2020, grants, "inflow", 30e6),
        row(2020, loans, "inflow", 10e6),
        row(2020, loans, "outflow", -50e6),
        row(2021, grants, "inflow", 20e6),
        # constant prices and private creditors resident in Japan are other measures: left out
        row(2021, grants, "inflow", 99e6, prices="constant"),
        row(2021, "Private - other", "outflow", -7e6, counterpart_type="Private"),
        row(2020, grants, "inflow", 500e6, debtor="IND", debtor_name="India"),
        row(2021, loans, "inflow", 300e6, debtor="IND", debtor_name="India"),
    ]
    return pd.DataFrame(rows)


def test_aid_flows_show_repayments_as_amounts_paid_and_gaps_as_gaps() -> None:
    aid = history.aid_flows(net_flows_frame()).set_index(["year", "flow"])["value"]
    assert aid[(2020, "grants")] == 30.0 and aid[(2020, "concessional debt service")] == 50.0
    assert aid[(2021, "grants")] == 20.0  # the constant-price row is not added
    assert math.isnan(aid[(2021, "concessional loans disbursed")])  # no row: missing, not zero


def test_net_aid_is_missing_when_a_part_is_missing() -> None:
    net = history.net_aid(history.aid_flows(net_flows_frame()))
    assert net[2020] == pytest.approx(30.0 + 10.0 - 50.0)
    assert math.isnan(net[2021])


def test_gross_aid_ranks_every_recipient_but_returns_those_asked_for() -> None:
    out = history.gross_aid_by_recipient(net_flows_frame(), 2020, 2021, debtors=["PAK", "IND", "BGD"])
    assert list(out["debtor"]) == ["PAK", "IND", "BGD"]
    pak, ind, bgd = out.itertuples()
    assert ind.value == 800.0 and ind.rank == 1 and pak.value == 60.0 and pak.rank == 2
    assert math.isnan(bgd.value)  # no recorded flow: missing, not zero


def test_customs_totals_keep_the_grand_total_and_its_flags() -> None:
    customs = pd.DataFrame(
        {
            "flow": ["exports", "exports", "exports"],
            "basis": "FOB",
            "area": "Pakistn",
            "partner": ["PAK", "PAK", "PAK"],
            "partner_kind": "country",
            "goods": ["Grand Total", "Machinery", "Grand Total"],
            "goods_level": [0, 1, 0],
            "year": [2025, 2025, 2026],
            "first_month": [1, 1, 1],
            "months": [12, 12, 3],
            "value": [282.5, 100.0, 57.1],
            "unit": "billion yen",
            "partial_year": [False, False, True],
            "provisional": [True, True, True],
        }
    )
    out = history.customs_totals(customs)
    assert list(out["value"]) == [282.5, 57.1] and list(out["partial_year"]) == [False, True]
    with pytest.raises(LookupError, match="VNM"):
        history.customs_totals(customs, ["PAK", "VNM"])


def test_residents_total_sums_statuses_and_keeps_the_register() -> None:
    residents = pd.DataFrame(
        {
            "year": [2011, 2011, 2012, 2012, 2013],
            "basis": ["registry", "registry", "resident", "resident", "resident"],
            "nationality": ["PAK", "PAK", "PAK", "PAK", "PAK"],
            "status": ["a", "b", "a", "b", "a"],
            "value": pd.array([5, 4, 6, 0, pd.NA], dtype="Int64"),
        }
    )
    out = history.residents_total(residents).set_index("year")
    assert out.loc[2011, "value"] == 9 and out.loc[2011, "basis"] == "registry"
    assert out.loc[2012, "value"] == 6  # a 0 stays a 0
    assert pd.isna(out.loc[2013, "value"])  # not listed: missing, not zero
    with pytest.raises(LookupError):
        history.residents_total(residents, "IND")


def test_japans_documents_are_cited_with_their_addresses() -> None:
    """Every geo- entry of references.bib (Japan's own documents, for the geopolitics chapter) has an
    address and is cited by the chapter, so the Japanese side cannot be dropped or cited from memory."""
    bib = (ROOT / "references.bib").read_text(encoding="utf-8")
    entries = dict(re.findall(r"@\w+\{(geo-[\w-]+),(.*?)\n\}", bib, re.S))
    assert len(entries) >= 5
    chapter = (ROOT / "notebooks" / "05_geopolitics.ipynb").read_text(encoding="utf-8")
    for key, body in entries.items():
        assert re.search(r"url\s*=\s*\{https?://", body), f"{key}: no url"
        assert key in chapter, f"{key}: not cited in the geopolitics chapter"


def test_status_change_splits_a_rise_by_status_and_keeps_gaps() -> None:
    residents = pd.DataFrame(
        {
            "year": [2019, 2019, 2019, 2025, 2025, 2025, 2025],
            "nationality": ["PAK", "PAK", "PAK", "PAK", "PAK", "PAK", "IND"],
            "status": [
                "Student",
                "Dependent",
                "Trainee",
                "Student",
                "Dependent",
                "Specified Skilled Worker",
                "Student",
            ],
            "status_group": [
                "study",
                "family",
                "other",
                "study",
                "family",
                "technical intern/specified skilled",
                "study",
            ],
            "value": pd.array([10, 20, 5, 40, 25, 3, 999], dtype="Int64"),
        }
    )
    out = history.status_change(residents, 2019, 2025).set_index("status")
    assert list(out.index[:2]) == ["Student", "Dependent"]  # largest change first
    assert out.loc["Student", "change"] == 30 and out.loc["Dependent", "change"] == 5
    assert out.loc["Student", "share_of_change"] == pytest.approx(30 / 35 * 100)  # IND rows do not leak in
    # A status listed in one year only has no change: it is not counted as a rise from zero.
    assert pd.isna(out.loc["Specified Skilled Worker", "change"]) and pd.isna(out.loc["Trainee", "change"])
    assert set(out["dataset"]) == {"isa"}
    with pytest.raises(LookupError, match="IND"):
        history.status_change(residents[residents["nationality"] == "PAK"], 2019, 2025, "IND")


def test_dating_caveats_find_weekday_and_report_dates_only() -> None:
    events = pd.DataFrame(
        {
            "event_id": ["E-WEB-01", "E-WEB-02", "E-WEB-03", "E-WEB-04", "E-WEB-05", "E-DOC-01", "E-WEB-06"],
            "date_precision": ["day", "day", "day", "day", "month", "day", "day"],
            "date_as_written": [
                "on Tuesday",
                "2021-04-27",
                "2023-07-01",
                "1998-10-28",
                "2022-12",
                "Monday",
                "1990-05-02",
            ],
            "note": [
                "Report of 28 April dates the signing to Tuesday",
                "Meeting 'on Thursday', reported the next day",
                "Report date; exact arrival date not stated",
                "Report dated 1998-11-01 says 'on Wednesday'; date derived from that",
                "Weekday reported inconsistently (Wednesday vs Tuesday)",  # month precision: not a day
                "",
                "Date of the speech",
            ],
            "line": pd.array([pd.NA, pd.NA, pd.NA, pd.NA, pd.NA, 12, pd.NA], dtype="Int64"),  # E-DOC-01: a document
        }
    )
    out = history.dating_caveats(events).set_index("event_id")["how"].to_dict()
    assert out == {"E-WEB-01": "weekday", "E-WEB-02": "weekday", "E-WEB-03": "report date", "E-WEB-04": "weekday"}
