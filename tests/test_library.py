"""Unit tests of the helper library: ledger queries, formatting, periods, reconciliation, charts, citations."""

from __future__ import annotations

import datetime as dt
import re

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from pakjapan import charts, cite, ledger, periods, reconcile

# --- ledger -------------------------------------------------------------------------------


def test_claim_lookup_returns_the_row() -> None:
    row = ledger.claim("REV-01")
    assert row["as_written"] == "US$202.34 million"
    assert row["value"] == 202.34


def test_one_refuses_ambiguous_and_empty_matches() -> None:
    frame = ledger.claims()
    with pytest.raises(LookupError, match="found 3"):
        ledger.one(frame, indicator="exports", entity="PAK", period="2024", source_id="bilateral-review")
    with pytest.raises(LookupError, match="found 0"):
        ledger.one(frame, indicator="no_such_indicator")


def test_select_rejects_unknown_columns() -> None:
    with pytest.raises(KeyError, match="no column 'colour'"):
        ledger.select(ledger.claims(), colour="red")


def test_table_cache_returns_independent_copies() -> None:
    a = ledger.claims()
    a.loc[a.index[0], "value"] = -1
    assert ledger.claims().iloc[0]["value"] != -1


@pytest.mark.parametrize(
    ("value", "unit", "target", "expected"),
    [
        (1.36, "USD billion", "USD million", 1360.0),
        (240, "USD million", "USD billion", 0.24),
        (1.192, "JPY trillion", "JPY billion", 1192.0),
        (5.68, "USD 100 million", "USD million", 568.0),
    ],
)
def test_convert_rescales_within_a_currency(value: float, unit: str, target: str, expected: float) -> None:
    assert ledger.convert(value, unit, target) == pytest.approx(expected)


def test_convert_refuses_currency_changes_and_non_money() -> None:
    with pytest.raises(ValueError, match="different currencies"):
        ledger.convert(1.503, "JPY billion", "USD million")
    with pytest.raises(ValueError, match="not both money units"):
        ledger.convert(74, "companies", "USD million")


@pytest.mark.parametrize(
    ("value", "unit", "decimals", "text"),
    [
        (202.34, "USD million", None, "US$202.34 million"),
        (1.503, "JPY billion", None, "¥1.503 billion"),
        (-11, "percent", None, "-11%"),
        (100000, "jobs", None, "100,000 jobs"),
        (61200, "USD", None, "US$61,200"),
        (1.36, "USD billion", 2, "US$1.36 billion"),
        (-127, "USD million", None, "-US$127 million"),
    ],
)
def test_fmt(value: float, unit: str, decimals: int | None, text: str) -> None:
    assert ledger.fmt(value, unit, decimals) == text


# --- periods ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "start", "end", "kind"),
    [
        ("2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31), "calendar year"),
        ("FY2023-24", dt.date(2023, 7, 1), dt.date(2024, 6, 30), "fiscal year"),
        ("2025-09", dt.date(2025, 9, 1), dt.date(2025, 9, 30), "month"),
        ("2024-11-13", dt.date(2024, 11, 13), dt.date(2024, 11, 13), "day"),
        ("2021 (Jan-Nov)", dt.date(2021, 1, 1), dt.date(2021, 11, 30), "part year"),
        ("FY2018-19 (Jul-Apr)", dt.date(2018, 7, 1), dt.date(2019, 4, 30), "part year"),
        ("2021-Q1 (Jan-Mar; Q3 of FY2020-21)", dt.date(2021, 1, 1), dt.date(2021, 3, 31), "quarter"),
        ("FY2020-21 H1 (Jul-Dec 2020)", dt.date(2020, 7, 1), dt.date(2020, 12, 31), "half year"),
        ("as stated 2017-05-03", dt.date(2017, 5, 3), dt.date(2017, 5, 3), "stated on date"),
        ("2008年度 (FY2008)", dt.date(2007, 7, 1), dt.date(2009, 6, 30), "ambiguous fiscal year"),
        ("2017 (65th anniversary event)", dt.date(2017, 1, 1), dt.date(2017, 12, 31), "calendar year"),
    ],
)
def test_period_parsing(label: str, start: dt.date, end: dt.date, kind: str) -> None:
    span = periods.parse(label)
    assert (span.start, span.end, span.kind) == (start, end, kind)


def test_period_midpoint_and_length() -> None:
    fy = periods.parse("FY2023-24")
    assert fy.months == 12
    assert 2023.99 < fy.midpoint < 2024.01


@pytest.mark.parametrize("label", ["FY2023-25", "sometime", "as stated 2017", "date not in excerpt (post-Oct 2005)"])
def test_period_parsing_rejects_unknown_forms(label: str) -> None:
    with pytest.raises(ValueError, match=re.escape(repr(label))):
        periods.parse(label)


# --- reconcile ----------------------------------------------------------------------------


def test_difference_absolute_and_relative() -> None:
    d = reconcile.difference(202.34, 240)
    assert d.absolute == pytest.approx(37.66)
    assert d.relative == pytest.approx(37.66 / 202.34)
    assert not d.agrees()
    assert reconcile.difference(100, 100.5).agrees()


def test_difference_against_zero_is_undefined() -> None:
    with pytest.raises(ZeroDivisionError):
        _ = reconcile.difference(0, 5).relative


def test_implied_rate_from_a_conversion() -> None:
    assert reconcile.implied_rate(1503, 9.9) == pytest.approx(151.818, abs=1e-3)
    with pytest.raises(ValueError, match="two positive amounts"):
        reconcile.implied_rate(1503, 0)


def test_conversion_rate_puts_both_sides_in_millions_first() -> None:
    row = pd.Series({"jpy_value": 1.503, "jpy_unit": "JPY billion", "usd_value": 9.9, "usd_unit": "USD million"})
    assert reconcile.conversion_rate(row) == pytest.approx(151.818, abs=1e-3)
    row = pd.Series({"jpy_value": 1503, "jpy_unit": "JPY million", "usd_value": 0.0099, "usd_unit": "USD billion"})
    assert reconcile.conversion_rate(row) == pytest.approx(151.818, abs=1e-3)
    with pytest.raises(ValueError, match="two positive amounts"):
        reconcile.conversion_rate(pd.Series({**row, "usd_value": 0.0}))


def test_sum_and_balance_checks() -> None:
    parts = reconcile.sum_check([817, 307, 67], 1192)
    assert parts.absolute == pytest.approx(-1)
    bal = reconcile.balance_check(0.979, 0.225, 0.754)
    assert bal.absolute == pytest.approx(0) and bal.agrees()


def test_growth() -> None:
    assert reconcile.growth(0.979, 1.36) == pytest.approx(38.917, abs=1e-3)
    with pytest.raises(ZeroDivisionError):
        reconcile.growth(0, 1)


# --- charts -------------------------------------------------------------------------------


def _chart() -> str:
    fig, ax = charts.canvas("A finding", "US$ million")
    ax.bar(["a", "b"], [1, 2], color=charts.COUNTRY["PAK"])
    charts.record(fig, ["REV-01"])
    return charts.render(fig, cite.source_line(["REV-01"]))


def test_svg_is_deterministic_and_undated() -> None:
    first, second = _chart(), _chart()
    assert first == second
    assert "<dc:date>" not in first
    assert cite.source_line(["REV-01"]) in first.replace("\n", " ") and "A finding" in first


def test_to_svg_closes_the_figure() -> None:
    before = len(plt.get_fignums())
    _chart()
    assert len(plt.get_fignums()) == before


# --- cite ---------------------------------------------------------------------------------


def test_source_line_names_each_source_once() -> None:
    rows = ledger.select(ledger.claims(), indicator="exports", entity="PAK")
    line = cite.source_line(rows)
    assert line.startswith("Sources: ")
    assert line.count("Diamanium Thinkers") == 1


def test_source_line_names_reference_rows_by_short_publisher() -> None:
    ref = ledger.table("reference_figures").head(1)
    assert cite.source_line(ref) == "Source: Trading Economics via Daily Observer."
    assert cite.source_line(["REF-121"]) == "Source: Ministry of Justice Japan, foreign resident statistics."


def test_a_body_cited_by_a_news_report_is_named_with_the_outlet() -> None:
    title = "Pakistan's trade with Japan vs India/Bangladesh/Sri Lanka (Daily Observer, Jan 2022)"
    assert cite.publisher("Trading Economics (cited by news report)", title) == "Trading Economics via Daily Observer"
    # without a relaying outlet in the title, or without "cited by news report", the body alone
    assert cite.publisher("Trading Economics (cited by news report)", "A title") == "Trading Economics"
    assert cite.publisher("VOA report", "Japan Suspends Sanctions (VOA, 2001-10-26)") == "VOA report"


def test_source_line_needs_rows() -> None:
    with pytest.raises(ValueError, match="at least one row"):
        cite.source_line(pd.DataFrame({"source_id": []}))


def test_confidence_reads_the_stored_grade() -> None:
    from pakjapan import evidence

    assert evidence.confidence("pak-exports-2024") == "conflicting"
    with pytest.raises(LookupError, match="found 0"):
        evidence.confidence("no-such-key")


def test_postbuild_fix_names_toggles_drops_the_list_role_and_the_icon_script() -> None:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "_ext"))
    from postbuild import fix

    page = (
        '<script defer src="_static/scripts/fontawesome.js?digest=55c2"></script>\n'
        '<details><summary><span class="toctree-toggle" role="presentation"><svg/></span></summary></details>'
        '<div role="list" class="citation-list"><div class="citation">x</div></div>'
    )
    out = fix(page)
    assert "fontawesome.js" not in out
    assert 'summary aria-label="Show or hide the pages in this section"' in out
    assert 'role="list"' not in out and 'class="citation-list"' in out
    assert fix(out) == out


def test_bench_page_weights_count_html_assets_and_fonts(tmp_path) -> None:
    from pakjapan.bench import page_weights, summary

    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "site.css").write_text("@font-face{src:url(icons.woff2)}", encoding="utf-8")
    (tmp_path / "_static" / "icons.woff2").write_bytes(b"x" * 1000)
    (tmp_path / "chart.svg").write_bytes(b"y" * 500)
    page = '<link href="_static/site.css" rel="stylesheet"><img src="chart.svg" alt="a chart">'
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    css = len("@font-face{src:url(icons.woff2)}")
    assert page_weights(tmp_path) == {"page.html": len(page) + css + 1000 + 500}
    assert summary([1.0, 3.0, 2.0]).split() == ["2.00", "s", "[1.00-3.00,", "n=3]"]


def test_a_figure_made_outside_the_grammar_is_refused() -> None:
    fig = plt.figure()
    with pytest.raises(TypeError, match="charts.canvas"):
        charts.to_svg(fig)
    plt.close(fig)


@pytest.mark.parametrize(
    ("iso", "text"), [("2008-05-03", "3 May 2008"), ("2019-02", "February 2019"), ("2008", "2008")]
)
def test_dates_read_as_sentences_write_them(iso: str, text: str) -> None:
    from pakjapan import fmt

    assert fmt.date(iso) == text


@pytest.mark.parametrize("bad", ["2008-13-01", "3 May 2008", "08-05-03", ""])
def test_a_date_that_is_not_iso_is_refused(bad: str) -> None:
    from pakjapan import fmt

    with pytest.raises(ValueError):
        fmt.date(bad)


@pytest.mark.parametrize("value", ["US$1.2 billion", "<b>table</b>"])
def test_glue_is_myst_nbs_own_output(value: str) -> None:
    """prose.put speaks myst-nb's glue protocol without importing it: the same display, byte for byte."""
    from unittest import mock

    from myst_nb import glue

    from pakjapan import prose

    with mock.patch("IPython.display.display") as ours:
        prose.put("key", value)
    with mock.patch("myst_nb.ext.glue.ipy_display") as theirs:
        glue("key", value, display=False)
    assert ours.call_args == theirs.call_args
