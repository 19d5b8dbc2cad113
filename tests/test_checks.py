"""The check helpers: each returns the value to glue when its sentence holds, and raises
CheckFailed naming the check id and what does not hold when it does not."""

from __future__ import annotations

import math

import pytest

from pakjapan import checks
from pakjapan.checks import CheckFailed


def fails(check_id: str, match: str):
    """Expect a CheckFailed for ``check_id`` whose message contains ``match``."""
    return pytest.raises(CheckFailed, match=rf"check '{check_id}' failed: .*{match}")


def test_greater_and_less_return_the_gap_and_name_both_sides() -> None:
    assert checks.greater("g-ok", 5, 3) == 2
    with fails("g-bad", r"imports \(3\) is not greater than exports \(3\)"):
        checks.greater("g-bad", 3, 3, a_label="imports", b_label="exports")
    assert checks.greater("g-eq", 3, 3, or_equal=True) == 0
    assert checks.less("l-ok", 1, 4) == 3
    with fails("l-bad", "is not less than"):
        checks.less("l-bad", 4, 1)


def test_missing_values_fail_rather_than_pass() -> None:
    with fails("nan", "missing"):
        checks.greater("nan", float("nan"), 1)
    with fails("none", "not a number"):
        checks.less("none", None, 1)


def test_ratio_bounds_and_expected() -> None:
    assert checks.ratio("r", 3432, 900, low=3.5, high=4) == pytest.approx(3.8133, rel=1e-3)
    with fails("r-low", "ratio 0.04 is below 3.5"):
        checks.ratio("r-low", 36, 900, low=3.5)
    assert checks.ratio("r-exp", 201, 100, expected=2, rel_tol=0.01) == pytest.approx(2.01)
    with fails("r-exp2", "not within 1% of 2"):
        checks.ratio("r-exp2", 210, 100, expected=2, rel_tol=0.01)
    with fails("r-zero", "denominator is zero"):
        checks.ratio("r-zero", 1, 0, low=1)
    with pytest.raises(ValueError, match="asserts nothing"):
        checks.ratio("r-none", 1, 2)


def test_within_close_differ_equal() -> None:
    assert checks.within("w", 1.2, 1.1, 1.33) == 1.2
    with fails("w-out", "value 1.58 is above 1.33"):
        checks.within("w-out", 1.58, 1.1, 1.33)
    assert checks.close("c", 100, 100.5, rel_tol=0.01) == pytest.approx(0.005)
    with fails("c-far", r"differs from a \(100\) by \+10.0%"):
        checks.close("c-far", 100, 110, rel_tol=0.01)
    assert checks.differ("d", 100, 150, rel_tol=0.1) == pytest.approx(0.5)
    with fails("d-near", "the sentence says they differ"):
        checks.differ("d-near", 100, 101, rel_tol=0.1)
    # The same value for two periods is a fact to state, not an error: equal() asserts it.
    assert checks.equal("same", 3.0, 3.0, a_label="FY2025", b_label="FY2026") == 3.0
    with fails("same-not", r"FY2025 \(3\) and FY2026 \(3.2\) are not the same value"):
        checks.equal("same-not", 3.0, 3.2, a_label="FY2025", b_label="FY2026")


def test_share() -> None:
    assert checks.share("s", 134, 683.5, low=15, high=25) == pytest.approx(19.6, abs=0.05)
    with fails("s-big", "not between zero and the whole"):
        checks.share("s-big", 3432, 900, low=0, high=100)
    with fails("s-low", r"share \(%\) 19.6.* is below 50"):
        checks.share("s-low", 134, 683.5, low=50)


def test_rank_and_ties() -> None:
    fdi = {"China": 300, "Japan": 134, "UK": 90}
    assert checks.rank("rk", fdi, "Japan", 2) == 2
    with fails("rk-first", "'Japan' is number 2 by largest, not 1 .ahead of it: China"):
        checks.rank("rk-first", fdi, "Japan", 1)
    assert checks.rank("rk-tie", {"a": 5, "b": 5}, "b", 1) == 1
    assert checks.rank("rk-low", fdi, "UK", 1, descending=False) == 1
    with fails("rk-missing", "not among the ranked items"):
        checks.rank("rk-missing", fdi, "India", 1)


def test_count_peak_monotonic() -> None:
    assert checks.count("n", ["a", "b"], expected=2) == 2
    assert checks.count("n-int", 7, at_least=5, at_most=7) == 7
    with fails("n-bad", "count is 3, not 2"):
        checks.count("n-bad", [1, 2, 3], expected=2)
    with fails("n-few", "fewer than 5"):
        checks.count("n-few", 4, at_least=5)
    series = {1952: 10, 1972: 12, 2007: 8}
    assert checks.peak("p", series, 1972) == 1972
    with fails("p-bad", "highest value .12. is at 1972, not only at 2007"):
        checks.peak("p-bad", series, 2007)
    with fails("p-tie", "is at 1, 2"):
        checks.peak("p-tie", {1: 5, 2: 5}, 1)
    assert checks.peak("p-low", series, 2007, lowest=True) == 2007
    assert checks.monotonic("m", {2019: 1, 2020: 2, 2021: 3}) == 2
    with fails("m-bad", "from 2020 .2. to 2021 .2. the series does not rise"):
        checks.monotonic("m-bad", {2019: 1, 2020: 2, 2021: 2})
    assert checks.monotonic("m-flat", [3, 3, 1], rising=False, strict=False) == 2


def test_quantifiers() -> None:
    shares = {"1991": 70.0, "2008": 55.0, "2023": 84.0}
    assert checks.all_("q-all", shares, lambda v: v > 50, what="more than half loans") == 3
    with fails("q-all-bad", "not all items are above 60: 2008 are not"):
        checks.all_("q-all-bad", shares, lambda v: v > 60, what="above 60")
    with fails("q-empty", "there are no items"):
        checks.all_("q-empty", [], lambda v: True, what="anything")
    assert checks.any_("q-any", shares, lambda v: v > 80, what="above 80") == 1
    with fails("q-any-bad", "none of the 3 items is above 90"):
        checks.any_("q-any-bad", shares, lambda v: v > 90, what="above 90")
    assert checks.none_("q-none", shares, lambda v: v > 90, what="above 90") == 3
    with fails("q-none-bad", "some items are above 80: 2023"):
        checks.none_("q-none-bad", shares, lambda v: v > 80, what="above 80")
    assert checks.holds("h", True, why_not="never shown")
    with fails("h-bad", "both are Japan's import records"):
        checks.holds("h-bad", False, why_not="both are Japan's import records")


def test_ids_must_be_well_formed_and_passes_are_recorded() -> None:
    with pytest.raises(ValueError, match="lower-case words joined by hyphens"):
        checks.greater("Bad Id", 2, 1)
    checks.greater("recorded-id", 2, 1)
    assert checks.passed[-1] == "recorded-id"


def test_check_failed_is_an_assertion_error_with_the_id() -> None:
    err = CheckFailed("x-1", "why")
    assert isinstance(err, AssertionError) and err.check_id == "x-1" and err.reason == "why"
    assert not math.isnan(checks.within("bound-only", 5, high=6))


# --- a real chapter check fails when the data stop supporting its sentence ----------------------


def run_notebook_code(path, data_dir, monkeypatch) -> None:
    """Run a notebook's code cells in order, in this process, on the data in ``data_dir``
    (glue and display are harmless outside a kernel: they print to the captured stdout)."""
    import json

    monkeypatch.setenv("PAKJAPAN_DATA", str(data_dir))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.chdir(path.parent)
    namespace: dict = {"__name__": "__notebook__"}
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] == "code":
            exec(compile("".join(cell["source"]), str(path), "exec"), namespace)  # noqa: S102


def test_changing_one_row_fails_the_sentence_it_falsifies(scratch_data, monkeypatch) -> None:
    """Raise the essay's Reko Diq equity total (GEA-08) above the two contributions listed with
    it: the reconciliation chapter's sentence that the parts exceed the whole must now fail."""
    from pathlib import Path

    claims = scratch_data / "claims.csv"
    text = claims.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("GEA-08,"))
    assert ",900,USD million," in row
    claims.write_text(text.replace(row, row.replace(",900,USD million,", ",4000,USD million,")), encoding="utf-8")
    chapter = Path(__file__).resolve().parent.parent / "notebooks" / "07_reconciliation.ipynb"
    with pytest.raises(CheckFailed) as failure:
        run_notebook_code(chapter, scratch_data, monkeypatch)
    assert failure.value.check_id == "rec-rd-parts-exceed-equity"
    assert "ratio 0.858 is below 1" in str(failure.value)


def test_the_unchanged_data_pass_every_check_of_the_chapter(monkeypatch) -> None:
    """The same run on the project's data passes, so the failure above is the changed row's."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    before = len(checks.passed)
    run_notebook_code(root / "notebooks" / "07_reconciliation.ipynb", root / "data", monkeypatch)
    assert "rec-rd-parts-exceed-equity" in checks.passed[before:]
