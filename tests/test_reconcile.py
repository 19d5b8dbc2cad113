"""The reconciliation rule on small fixtures, and the stored grades and conversions against it."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from pakjapan import ledger, reconcile


def rows(*specs: tuple) -> pd.DataFrame:
    """Fixture rows: (id, source, kind, value, unit[, period_stated, side_known, line, as_written])."""
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
        reconcile.evidence(["XYZ-01"])


# --- the stored data follows the rule ---------------------------------------------------------


def test_stored_grades_and_choices_follow_the_rule() -> None:
    for _, key in ledger.table("key_figures").iterrows():
        ids = key["rows"].split()
        assert key["chosen"] in ids, key["key"]
        evidence = reconcile.evidence(ids)
        assert reconcile.grade(evidence) == key["grade"], key["key"]
        assert reconcile.preferred(evidence) == key["chosen"], key["key"]


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
