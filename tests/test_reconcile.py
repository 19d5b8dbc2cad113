"""The reconciliation rule on small fixtures, and the stored grades and conversions against it."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from pakjapan import evidence, ledger, reconcile


def rows(*specs: tuple, authority: dict[str, str] | None = None, record: dict[str, str] | None = None) -> pd.DataFrame:
    """Fixture rows: (id, source, kind, value, unit[, period_stated, side_known, line, as_written]);
    authority defaults to official statistics and the record to the source (independent sources)."""
    out = []
    for spec in specs:
        rid, source, kind, value, unit, *rest = spec
        period, side, line, written = rest + [True, False, 1, str(value)][len(rest) :]
        out.append(
            {
                "id": rid,
                "source": source,
                "kind": kind,
                "value": value,
                "unit": unit,
                "period_stated": period,
                "side_known": side,
                "line": line,
                "as_written": written,
                "authority": (authority or {}).get(rid, "official statistics"),
                "record": (record or {}).get(rid, source),
            }
        )
    return pd.DataFrame(out)


def test_reported_beats_estimate_and_conversion() -> None:
    frame = rows(
        ("A", "s1", "estimate", 240, "USD million"),
        ("B", "s2", "conversion", 200, "USD million"),
        ("C", "s3", "reported", 202.34, "USD million"),
    )
    assert reconcile.preferred(frame) == "C"


def test_stated_period_then_known_side_then_precision_then_order() -> None:
    assert (
        reconcile.preferred(
            rows(("A", "s", "reported", 127, "USD million", False), ("B", "t", "reported", 167, "USD million", True))
        )
        == "B"
    )
    assert (
        reconcile.preferred(
            rows(
                ("A", "s", "reported", 216, "USD million", True, False),
                ("B", "t", "reported", 202, "USD million", True, True),
            )
        )
        == "B"
    )
    assert (
        reconcile.preferred(rows(("A", "s", "reported", 74, "companies"), ("B", "t", "reported", 74.5, "companies")))
        == "B"
    )
    assert (
        reconcile.preferred(
            rows(("A", "s", "reported", 59.8, "USD million"), ("B", "t", "reported", 63.8, "USD million"))
        )
        == "A"
    )


@pytest.mark.parametrize(("value", "digits"), [(58, 2), (58.7, 3), (100000, 1), (8456.8, 5), (0.167, 3), (80, 1)])
def test_significant_digits(value: float, digits: int) -> None:
    assert reconcile.significant_digits(value) == digits


def test_grade_consistent_single_and_conflicting() -> None:
    agree = rows(("A", "s1", "reported", 182, "USD million"), ("B", "s2", "reported", 183, "USD million"))
    assert reconcile.grade(agree) == "consistent"
    same_source = rows(("A", "s1", "reported", 1.3, "USD billion"), ("B", "s1", "estimate", 1.3, "USD billion"))
    assert reconcile.grade(same_source) == "single source"
    conflict = rows(("A", "s1", "reported", 35.4, "USD million"), ("B", "s2", "reported", 74, "USD million"))
    assert reconcile.grade(conflict) == "conflicting"


def test_grade_converts_scales_and_allows_rounding() -> None:
    scaled = rows(("A", "s1", "reported", 0.167, "USD billion"), ("B", "s2", "reported", 167, "USD million"))
    assert reconcile.grade(scaled) == "consistent"
    rounded = rows(("A", "s1", "reported", 58.7, "USD million"), ("B", "s2", "reported", 58, "USD million"))
    assert reconcile.grade(rounded) == "consistent"


def test_a_point_inside_a_range_agrees_with_it() -> None:
    frame = rows(
        ("A", "s1", "range", 1.1, "USD billion", True, False, 11, "1.1–1.33"),
        ("B", "s1", "range", 1.33, "USD billion", True, False, 11, "1.1–1.33"),
        ("C", "s2", "reported", 1.2, "USD billion"),
    )
    assert reconcile.intervals(frame, "USD billion")[0] == (1.1, 1.33)
    assert reconcile.grade(frame) == "consistent"
    outside = pd.concat([frame.iloc[:2], rows(("C", "s2", "reported", 1.58, "USD billion"))])
    assert reconcile.grade(outside) == "conflicting"


def test_grade_refuses_mixed_currencies() -> None:
    with pytest.raises(ValueError, match="different currencies"):
        reconcile.grade(
            rows(("A", "s1", "reported", 1.503, "JPY billion"), ("B", "s2", "conversion", 9.9, "USD million"))
        )


def test_evidence_rejects_unknown_ids() -> None:
    with pytest.raises(KeyError, match="'XYZ-01' is neither"):
        evidence.rows(["XYZ-01"])


# --- authority, then precision ----------------------------------------------------------------


def test_authority_comes_before_kind_and_precision() -> None:
    frame = rows(
        ("A", "essay", "reported", 74, "companies"),
        ("B", "ambassador", "estimate", 80, "companies"),
        authority={"A": "analysis", "B": "official statement"},
    )
    assert reconcile.preferred(frame) == "B"
    ladder = rows(
        ("N", "n", "reported", 1.25, "USD million"),
        ("S", "s", "reported", 1.2, "USD million"),
        ("T", "t", "reported", 1, "USD million"),
        authority={"N": "news quoting an official body", "S": "official statement", "T": "official statistics"},
    )
    assert reconcile.preferred(ladder) == "T"
    assert reconcile.preferred(ladder.iloc[:2]) == "S"
    same_level = rows(("A", "s", "reported", 58, "USD million"), ("B", "t", "reported", 58.7, "USD million"))
    assert reconcile.preferred(same_level) == "B"


def test_an_unknown_authority_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown authority level"):
        reconcile.preferred(rows(("A", "s", "reported", 1, "USD million"), authority={"A": "blog"}))


def test_every_reference_source_has_an_authority_and_unknown_ones_fail() -> None:
    levels = {evidence.authority_of(org) for org in ledger.table("reference_figures")["source_org"]}
    assert levels <= set(reconcile.AUTHORITY)
    assert evidence.authority_of("State Bank of Pakistan (via APP)") == "official statistics"
    assert evidence.authority_of("Ambassador of Japan Takashi Kurai (via APP)") == "official statement"
    assert evidence.authority_of("Trading Economics (cited by news report)") == "analysis"
    with pytest.raises(ValueError, match="no authority rule covers the source 'A blog'"):
        evidence.authority_of("A blog")


# --- consistent means independent -------------------------------------------------------------


def test_agreeing_figures_from_one_record_are_not_a_confirmation() -> None:
    shared = rows(
        ("A", "Japan MoF", "reported", 86.1, "USD million"),
        ("B", "Adviser", "reported", 86.4, "USD million"),
        record={"A": "MoF imports", "B": "MoF imports"},
    )
    assert reconcile.agree(shared)
    assert reconcile.grade(shared) == "single source"
    independent = rows(("A", "BOI", "reported", 183, "USD million"), ("B", "Embassy", "reported", 182, "USD million"))
    assert reconcile.grade(independent) == "consistent"


def test_the_first_quarter_pairs_share_japans_import_records() -> None:
    """The evidence for treating the adviser's quarter as Japan's records holds in the data:
    his 47% growth is his US$86.4 million over the Ministry of Finance's US$58.7 million."""
    ref = ledger.table("reference_figures").set_index("ref_id")
    growth = reconcile.growth(ref.loc["REF-009", "value"], ref.loc["REF-010", "value"])
    assert round(growth) == 47
    assert "47pc" in ref.loc["REF-010", "source_title"]
    frame = evidence.rows(["REF-007", "REF-010", "REF-009", "REF-011"])
    assert frame["record"].nunique() == 1
    for key in ("pak-exports-2020q1", "pak-exports-2021q1", "import-growth-aug2025"):
        assert evidence.confidence(key) == "single source", key


def test_the_same_value_for_two_periods_is_not_an_error() -> None:
    """The World Bank itself reported 3.0% growth for FY2025 and projected 3.0% for FY2026."""
    ref = ledger.table("reference_figures").set_index("ref_id")
    outturn, projection = ref.loc["WEB-001"], ref.loc["WEB-002"]
    assert outturn["period"] != projection["period"]
    assert reconcile.same_value_for_two_periods(outturn["value"], projection["value"])
    claims = ledger.claims().set_index("claim_id")
    assert claims.loc["GEA-24", "value"] == outturn["value"] and claims.loc["GEA-04", "value"] == projection["value"]


def test_reconcile_is_pure_arithmetic() -> None:
    """The rules never read the data: that is evidence.py's job, so the rules test on fixtures."""
    import inspect

    source = inspect.getsource(reconcile)
    assert "table(" not in source and "claims(" not in source
    assert not hasattr(reconcile, "confidence") and not hasattr(reconcile, "evidence")  # they load data: evidence.py


# --- the stored data follows the rule ---------------------------------------------------------


def test_stored_grades_and_choices_follow_the_rule() -> None:
    for _, key in ledger.table("key_figures").iterrows():
        ids = key["rows"].split()
        assert key["chosen"] in ids, key["key"]
        frame = evidence.rows(ids)
        assert reconcile.grade(frame) == key["grade"], key["key"]
        assert reconcile.preferred(frame) == key["chosen"], key["key"]


def _numbers(text: str) -> set[float]:
    return {float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}


def test_conversions_copy_their_rows() -> None:
    claims = ledger.claims().set_index("claim_id")
    ref = ledger.table("reference_figures").set_index("ref_id")
    for _, conv in ledger.table("conversions").iterrows():
        ids = conv["rows"].split()
        if pd.notna(conv["stated_rate"]):
            assert conv["stated_rate"] in _numbers(ref.loc[ids[0], "note"]), conv["conversion_id"]
            continue
        if ids[0] in claims.index:
            jpy, usd = claims.loc[ids[0]], claims.loc[ids[1]]
            assert (jpy["value"], jpy["unit"]) == (conv["jpy_value"], conv["jpy_unit"]), conv["conversion_id"]
            assert (usd["value"], usd["unit"]) == (conv["usd_value"], conv["usd_unit"]), conv["conversion_id"]
            assert usd["kind"] == "conversion"
        else:
            found = _numbers(ref.loc[ids[0], "as_written"])
            assert conv["jpy_value"] in found and conv["usd_value"] in found, conv["conversion_id"]


def test_one_agreement_reported_twice_is_one_record() -> None:
    """A grant's amount is fixed by its agreement: the review and the economic affairs ministry relay one
    signing, so their agreement confirms nothing."""
    frame = evidence.rows(["REV-19", "REF-089"])
    assert frame["record"].nunique() == 1
    assert reconcile.agree(frame)
    assert evidence.confidence("grant-indus-2024") == "single source"


def test_only_figures_credited_to_a_platform_leave_their_documents_level() -> None:
    """CNA names the OEC for its growth rates (lines 10-11), not for its deficit (line 12), which stands
    beside government representatives' view and so keeps the news report's level, and wins the choice."""
    assert set(evidence.CLAIM_AUTHORITY) == {"CNA-01", "CNA-02"}
    frame = evidence.rows(["CNA-03", "GEA-23"]).set_index("id")
    assert frame.loc["CNA-03", "authority"] == "news quoting an official body"
    assert frame.loc["GEA-23", "authority"] == "analysis"
    key = ledger.one(ledger.table("key_figures"), key="trade-balance-month")
    assert key["chosen"] == "CNA-03"


def test_labels_do_not_supply_a_period_the_sources_leave_open() -> None:
    """A key figure with a row of unspecified period is not labelled monthly or annual."""
    claims = ledger.claims().set_index("claim_id")
    for _, key in ledger.table("key_figures").iterrows():
        ids = [i for i in key["rows"].split() if i in claims.index]
        if any(claims.loc[i, "period_type"] == "unspecified" for i in ids):
            assert not re.search(r"\b(monthly|annual|yearly|quarterly)\b", key["label"], re.I), key["key"]
