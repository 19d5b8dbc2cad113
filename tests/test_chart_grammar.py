"""The chart grammar, source lines for every kind of row, lookups by id, units, hedges, growth."""

from __future__ import annotations

import re

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from pakjapan import charts, cite, fmt, growth, ledger, units
from pakjapan.charts import axes, marks, style


def _residents() -> pd.DataFrame:
    frame = ledger.by_id(["REF-114", "REF-122", "REF-123"], ledger.references())
    return frame.assign(when=[1992.4, 2024.9, 2025.2], hedged=ledger.hedged(frame))


def _font_sizes(svg: str) -> list[float]:
    return [float(m) for m in re.findall(r"font[^;\"]*?([\d.]+)px", svg)]


# --- ledger: lookups by id, the firms-chart bug ---------------------------------------------


def test_by_id_keeps_the_order_asked_for_not_file_order() -> None:
    rows = ledger.by_id(["REV-13", "REV-06"])
    assert list(rows["claim_id"]) == ["REV-13", "REV-06"]
    # The investment chapter's bug: filtering keeps file order (REV-06 first), so hedges given
    # by position landed on the wrong rows. Hedges now come from each row's own text.
    assert dict(zip(rows["claim_id"], ledger.hedged(rows), strict=False)) == {"REV-13": False, "REV-06": True}


def test_by_id_names_missing_ids_and_refuses_mixed_tables() -> None:
    with pytest.raises(LookupError, match="REF-999"):
        ledger.by_id(["REF-114", "REF-999"], ledger.references())
    with pytest.raises(ValueError, match="2 tables"):
        ledger.by_id(["REV-13", "REF-114"])


def test_row_finds_claims_reference_rows_and_events() -> None:
    assert ledger.row("REV-24")["source_id"] == "bilateral-review"
    assert ledger.row("REF-121")["value"] == 25334
    assert ledger.row("E-REV-01")["date"] == "1952-04-28"
    assert ledger.table_of("REF-121") == "reference_figures"
    assert ledger.reference("REF-121")["ref_id"] == "REF-121"
    assert ledger.references().loc["REF-121", "value"] == 25334
    with pytest.raises(LookupError, match="NOPE-1"):
        ledger.row("NOPE-1")


@pytest.mark.parametrize(
    ("text", "hedged"),
    [
        ("~74", True),
        ("around 80 Japanese companies", True),
        ("Around 83", True),
        ("over 80", True),
        ("approximately 25,000", True),
        ("30,000+", True),
        ("74 Japanese-affiliated companies", False),
        ("a total of 80 Japanese companies", False),
        ("US$202.34 million", False),
        ("3,938人", False),
    ],
)
def test_is_hedged(text: str, hedged: bool) -> None:
    assert ledger.is_hedged(text) is hedged


# --- units, formatting, growth --------------------------------------------------------------


def test_units_rescale_counts_of_persons_and_refuse_mixing_kinds() -> None:
    assert units.convert(3.4, "million persons", "persons") == 3_400_000
    assert units.value_in(ledger.claim("GEA-30"), "persons") == 3_400_000
    with pytest.raises(ValueError, match="not both"):
        units.convert(1, "persons", "USD million")
    assert ledger.convert is units.convert and ledger.fmt is fmt.fmt  # old names still work


def test_number_formatting() -> None:
    assert fmt.number(29647) == "29,647"
    assert fmt.number(0.5) == "0.5"
    assert fmt.number(1000000.0) == "1,000,000"
    assert fmt.signed_percent(12.34) == "+12%"


def test_compound_growth() -> None:
    assert growth.compound_rate(100, 121, 2) == pytest.approx(0.1)
    assert growth.compound_percent(16198, 29647, 6) == pytest.approx(10.6, abs=0.05)
    with pytest.raises(ValueError, match="span"):
        growth.compound_rate(1, 2, 0)
    with pytest.raises(ValueError, match="positive"):
        growth.compound_rate(0, 2, 3)


# --- cite: every kind of row ------------------------------------------------------------------


def test_source_line_covers_claims_references_events_and_datasets() -> None:
    assert cite.source_line(["GEA-30"]) == "Source: Diamanium Thinkers."
    assert cite.publisher("State Bank of Pakistan (via APP)") == "State Bank of Pakistan via APP"
    assert (
        cite.publisher("Nippon Foundation library report (1996; Japan-side trade data)")
        == "Nippon Foundation library report"
    )
    assert cite.source_line(["E-REF-18"]).startswith("Source: ") and "reference data" not in cite.source_line(
        ["E-REF-18"]
    )
    frame = pd.DataFrame(
        {"dataset": ["World Bank WDI SP.POP.TOTL", "maddison", "cow", "fred", "bls", "pwt", "oecd-dac"]}
    )
    assert cite.source_line(frame) == (
        "Sources: World Bank WDI; Maddison Project Database 2018; Correlates of War Trade v4.0; "
        "FRED; US Bureau of Labor Statistics; Penn World Table 10.01; OECD DAC."
    )
    with pytest.raises(LookupError, match="unknown dataset"):
        cite.dataset_key("Some Other Survey")


def test_row_ids_read_mixed_frames_row_by_row() -> None:
    frame = pd.DataFrame({"claim_id": ["REV-24", pd.NA], "ref_id": [pd.NA, "REF-121"]})
    assert cite.row_ids(frame) == ["REV-24", "REF-121"]
    assert cite.row_ids(pd.DataFrame({"row": ["REF-051 + CV-13"]})) == ["REF-051", "CV-13"]
    with pytest.raises(KeyError, match="needs one of the columns"):
        cite.row_ids(pd.DataFrame({"value": [1]}))
    with pytest.raises(ValueError, match="row 0"):
        cite.row_ids(pd.DataFrame({"row": [""]}))


# --- charts: grammar ----------------------------------------------------------------------------


def test_chart_svg_is_deterministic_legible_and_carries_its_rows() -> None:
    def draw() -> str:
        frame = _residents()
        fig = charts.points(
            frame, x="when", y="value", hedged="hedged", colour="PAK", title="A finding", units="persons"
        )
        return charts.render(fig, cite.source_line(frame), note="Hollow: rounded.")

    first, second = draw(), draw()
    assert first == second
    assert "<dc:date>" not in first
    assert "<dc:subject>" in first and all(f"<rdf:li>{i}</rdf:li>" in first for i in ["REF-114", "REF-122", "REF-123"])
    assert min(_font_sizes(first)) >= style.SMALL
    width = float(re.search(r'viewBox="0 0 ([\d.]+)', first).group(1))
    assert width <= 72 * style.WIDTH + 12  # phone-width: nothing spills far beyond the figure
    assert "fill: #ffffff" not in first.split('<g id="axes_1">')[0]  # no white background box


def test_points_are_hollow_exactly_where_hedged() -> None:
    frame = _residents()
    fig = charts.points(frame, x="when", y="value", hedged="hedged", colour="PAK", title="t", units="u")
    ax = fig.axes[0]
    hollow = [len(c.get_facecolors()) == 0 or c.get_facecolors()[0][3] == 0 for c in ax.collections]
    assert hollow == [False, False, True]
    plt.close(fig)


def test_show_refuses_a_source_line_that_is_not_the_rows_own() -> None:
    frame = _residents()
    fig = charts.points(frame, x="when", y="value", title="t", units="u")
    with pytest.raises(ValueError, match="is not the one its rows"):
        charts.render(fig, "Source: somebody else.")
    plt.close(fig)


def test_show_refuses_a_chart_without_recorded_rows() -> None:
    fig, ax = charts.canvas("t", "u")
    ax.plot([1, 2], [3, 4])
    with pytest.raises(ValueError, match="recorded no rows"):
        charts.render(fig, "Source: x.")
    plt.close(fig)


def test_marks_need_row_ids() -> None:
    fig, ax = charts.canvas("t", "u")
    with pytest.raises(KeyError, match="needs one of the columns"):
        charts.marks.points(ax, pd.DataFrame({"x": [1], "y": [2]}), x="x", y="y")
    plt.close(fig)


def test_bars_put_first_row_on_top_with_labels_and_hatched_hedges() -> None:
    frame = pd.DataFrame({"row": ["GEA-30", "REF-121"], "what": ["a", "b"], "n": [10.0, 2000.0], "h": [False, True]})
    fig = charts.bars(frame, label="what", value="n", hedged="h", title="t", units="u")
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert texts == ["a", "10", "b", "2,000"]
    assert [p.get_y() + p.get_height() / 2 for p in ax.patches] == [1, 0]
    assert ax.patches[1].get_hatch() == "////" and ax.patches[0].get_hatch() is None
    plt.close(fig)


def test_dots_put_each_label_on_its_own_line_first_on_top_hollow_where_flagged() -> None:
    frame = pd.DataFrame(
        {
            "row": ["REF-005", "REF-001", "REF-102"],
            "what": ["exports", "exports", "fdi"],
            "pct": [100.0, 107.0, 209.0],
            "other": [False, True, True],
        }
    )
    fig = charts.dots(
        frame,
        label="what",
        value="pct",
        hollow="other",
        log=True,
        ticks=[70, 100, 200],
        rule=100,
        colour="blue",
        title="t",
        units="u",
    )
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.texts] == ["exports", "fdi"]
    assert [list(c.get_offsets()[0]) for c in ax.collections] == [[100.0, 1.0], [107.0, 1.0], [209.0, 0.0]]
    hollow = [c.get_facecolors()[0][3] == 0 if len(c.get_facecolors()) else True for c in ax.collections]
    assert hollow == [False, True, True]
    assert ax.get_xscale() == "log" and list(ax.get_xticks()) == [70, 100, 200]
    assert charts.rows_of(fig) == ["REF-005", "REF-001", "REF-102"]
    plt.close(fig)


def test_lines_never_join_across_a_gap_and_label_their_ends() -> None:
    frame = pd.DataFrame(
        {
            "dataset": ["wdi"] * 5,
            "year": [2000, 2001, 2002, 2005, 2006],
            "v": [1.0, 2.0, 3.0, 4.0, 5.0],
            "country": ["Pakistan"] * 5,
        }
    )
    fig = charts.lines(
        frame,
        x="year",
        y="v",
        series="country",
        palette={"Pakistan": "PAK"},
        title="t",
        units="u",
        breaks=[(2003, "break")],
    )
    ax = fig.axes[0]
    drawn = [ln for ln in ax.get_lines() if len(ln.get_xdata()) > 2 or list(ln.get_xdata()) == [2005, 2006]]
    assert sorted(len(ln.get_xdata()) for ln in drawn) == [2, 3]
    assert {t.get_text() for t in ax.texts} == {"Pakistan", "break"}
    assert charts.rows_of(fig) == ["dataset:wdi"]
    plt.close(fig)


def test_lines_leave_unlabelled_series_without_an_end_label() -> None:
    """The part of a line before a break (e.g. up to 1971) is drawn but not named again."""
    frame = pd.DataFrame(
        {
            "dataset": ["cow"] * 4,
            "year": [1970, 1971, 1972, 1973],
            "v": [1.0, 2.0, 3.0, 4.0],
            "line": ["imports to 1971", "imports to 1971", "imports", "imports"],
        }
    )
    fig = charts.lines(
        frame,
        x="year",
        y="v",
        series="line",
        palette={"imports to 1971": "JPN", "imports": "JPN"},
        title="t",
        units="u",
        unlabelled=["imports to 1971"],
    )
    ax = fig.axes[0]
    assert {t.get_text() for t in ax.texts} == {"imports"}
    assert sorted(len(ln.get_xdata()) for ln in ax.get_lines() if len(ln.get_xdata()) == 2) == [2, 2]


def test_lines_break_where_the_split_column_changes_even_in_consecutive_years() -> None:
    frame = pd.DataFrame(
        {
            "dataset": ["cow"] * 4,
            "year": [1970, 1971, 1972, 1973],
            "v": [1.0, 2.0, 3.0, 4.0],
            "country": ["Pakistan"] * 4,
            "period": ["to 1971", "to 1971", "from 1972", "from 1972"],
        }
    )
    fig = charts.lines(
        frame, x="year", y="v", series="country", palette={"Pakistan": "PAK"}, title="t", units="u", split="period"
    )
    drawn = sorted(list(ln.get_xdata()) for ln in fig.axes[0].get_lines() if len(ln.get_xdata()))
    assert drawn == [[1970, 1971], [1972, 1973]]
    plt.close(fig)
    multi = charts.multiples(
        frame, x="year", y="v", panel="country", colour="PAK", title="t", units="u", split="period"
    )
    assert sorted(len(ln.get_xdata()) for ln in multi.axes[0].get_lines() if len(ln.get_xdata())) == [2, 2]
    plt.close(multi)


def test_scattered_points_take_the_shape_of_their_reporter() -> None:
    line = pd.DataFrame({"dataset": ["cow"] * 2, "year": [2013, 2014], "v": [1.0, 2.0], "d": ["a", "a"]})
    dots = pd.DataFrame(
        {
            "row": ["REF-001", "REF-005"],
            "year": [2018, 2018],
            "v": [3.0, 4.0],
            "d": ["a", "a"],
            "who": ["not stated", "Pakistan"],
            "h": [False, True],
        }
    )
    fig = charts.lines(
        line,
        x="year",
        y="v",
        series="d",
        palette={"a": "PAK"},
        title="t",
        units="u",
        scattered=dots,
        scattered_by="d",
        hedged="h",
        shape="who",
        shapes={"not stated": "o", "Pakistan": "s"},
    )
    paths = [c.get_paths()[0] for c in fig.axes[0].collections if len(c.get_offsets())]
    assert len(paths) == 2 and len(paths[0].vertices) != len(paths[1].vertices)
    assert charts.rows_of(fig) == ["dataset:cow", "REF-001", "REF-005"]
    plt.close(fig)


def test_bars_write_negative_values_beyond_the_left_end() -> None:
    frame = pd.DataFrame({"row": ["CNA-01", "CNA-02"], "what": ["up", "down"], "g": [28.0, -11.0]})
    fig = charts.bars(frame, label="what", value="g", title="t", units="u")
    ax = fig.axes[0]
    values = {t.get_text(): t for t in ax.texts}
    assert values["-11"].get_ha() == "right" and values["28"].get_ha() == "left"
    lo, hi = ax.get_xlim()
    assert lo < -11 and hi > 28
    plt.close(fig)


def test_multiples_and_timeline_and_shares_and_columns_draw() -> None:
    frame = pd.DataFrame(
        {
            "dataset": ["wdi"] * 4,
            "year": [2000, 2001, 2000, 2001],
            "v": [1.0, 2.0, 3.0, 4.0],
            "country": ["Pakistan", "Pakistan", "Japan", "Japan"],
        }
    )
    fig = charts.multiples(
        frame,
        x="year",
        y="v",
        panel="country",
        colour={"Pakistan": "PAK", "Japan": "JPN"},
        by="country",
        title="t",
        units="u",
    )
    assert [ax.get_title(loc="left") for ax in fig.axes if ax.get_visible()] == ["Pakistan", "Japan"]
    plt.close(fig)
    events = ledger.by_id(["E-REV-01", "E-REF-18"]).assign(x=[1952.3, 2005.3], lane=["diplomacy", "people"])
    fig = charts.timeline(
        events,
        x="x",
        lane="lane",
        order=["diplomacy", "people"],
        title="t",
        units="u",
        eras=[(1950, 2000), (2000, 2027)],
    )
    assert len(fig.axes) == 2 and charts.rows_of(fig) == ["E-REV-01", "E-REF-18"]
    plt.close(fig)
    with pytest.raises(KeyError, match="not in order"):
        charts.timeline(events, x="x", lane="lane", order=["diplomacy"], title="t", units="u")
    shares = pd.DataFrame(
        {"row": ["REF-044", "REF-043"], "g": ["all", "all"], "p": ["loans", "grants"], "s": [80.0, 20.0]}
    )
    fig = charts.shares(
        shares,
        group="g",
        part="p",
        value="s",
        parts=["loans", "grants"],
        palette={"loans": "blue", "grants": "orange"},
        title="t",
        units="u",
    )
    assert "80%" in [t.get_text() for t in fig.axes[0].texts]
    plt.close(fig)
    mext = ledger.by_id(["REF-128", "REF-129"]).assign(year=[2018, 2020])
    fig = charts.columns(mext, x="year", y="value", title="t", units="u")
    assert [t.get_text() for t in fig.axes[0].texts].count("no data") == 1
    plt.close(fig)


def test_axes_helpers() -> None:
    assert axes.log_ticks(0.5, 60) == [0.5, 1, 2, 5, 10, 20, 50]
    assert axes.log_ticks(1, 100000) == [1, 10, 100, 1000, 10000, 100000]
    assert axes.year_step(1950, 2027) == 20
    fig, ax = charts.canvas("t", "u")
    axes.years(ax, 1990, 2027)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["1990", "2000", "2010", "2020"]
    axes.log(ax, 0.5, 60)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["0.5", "1", "2", "5", "10", "20", "50"]
    with pytest.raises(ValueError, match="0 < lo < hi"):
        axes.log_ticks(0, 10)
    plt.close(fig)


def test_value_axis_is_log_above_zero_or_linear_from_zero() -> None:
    vals = pd.Series([0, 2, 40])
    fig, ax = charts.canvas("t", "u")
    axes.values(ax, vals, log_scale=True, log_pad=2, headroom=1.5)
    assert ax.get_yscale() == "log"
    assert ax.get_ylim() == pytest.approx((1, 80))  # the zero is left out, not drawn at -inf
    plt.close(fig)
    fig, ax = charts.canvas("t", "u")
    axes.values(ax, vals, log_scale=False, log_pad=2, headroom=1.5)
    assert ax.get_yscale() == "linear"
    assert ax.get_ylim() == pytest.approx((0, 60))
    assert "," in ax.yaxis.get_major_formatter()(12000, 0)
    plt.close(fig)


def test_colour_mapping_names_missing_values() -> None:
    frame = pd.DataFrame({"k": ["a", "b"]})
    with pytest.raises(KeyError, match="b"):
        charts.marks.colours(frame, {"a": "blue"}, by="k")
    with pytest.raises(ValueError, match="by="):
        charts.marks.colours(frame, {"a": "blue"})


# --- annotations: curation as data -------------------------------------------------------------


def test_annotations_replace_notebook_dicts() -> None:
    from pakjapan import annotations

    phases = annotations.of("history-phases")
    assert (
        list(phases["row"])[:2] == ["E-REF-01", "E-REF-06"]
        and phases["label"].iloc[0] == "Founding and industrial partnership"
    )
    assert annotations.pairs("history-same-as")["E-REV-01"] == "E-REF-01"
    assert annotations.categories("leader-visits")["E-REF-48"] == "planned visit postponed"
    assert annotations.labels("people-scale")["GEA-30"].startswith("Japan's estimated")
    frame = ledger.by_id(["GEA-30"]).assign(row="GEA-30")
    with pytest.raises(LookupError, match="REF-121"):
        annotations.annotate(frame, "people-scale")
    with pytest.raises(LookupError, match="no annotation set"):
        annotations.of("no-such-set")


def test_annotations_must_name_exactly_one_row() -> None:
    from pakjapan import annotations

    bad = pd.DataFrame({"claim_id": ["GEA-30", pd.NA], "ref_id": ["REF-121", pd.NA], "event_id": [pd.NA, pd.NA]})
    problems = annotations.check(bad)
    assert [(p.row, p.expected) for p in problems] == [
        (1, "exactly one of claim_id, ref_id, event_id filled"),
        (2, "exactly one of claim_id, ref_id, event_id filled"),
    ]
    assert "annotations.csv, row 1 (line 2)" in str(problems[0])


def test_annotation_foreign_keys_are_checked(tmp_path) -> None:
    import shutil

    from pakjapan import data

    for f in data.DEFAULT_DATA_DIR.iterdir():
        shutil.copy(f, tmp_path / f.name)
    text = (
        (tmp_path / "annotations.csv").read_text(encoding="utf-8").replace("E-REV-01,,,E-REF-01", "E-REV-01,,,E-ZZZ-99")
    )
    (tmp_path / "annotations.csv").write_text(text, encoding="utf-8")
    problems = data.validate_table("annotations", tmp_path)
    assert [(p.row, p.column, p.value) for p in problems] == [(1, "other_event_id", "E-ZZZ-99")]


def test_chart_svg_is_identical_across_processes() -> None:
    """Layout floats can differ in the last bits between processes; the SVG must not."""
    import subprocess
    import sys

    code = (
        "import pandas as pd\nfrom pakjapan import charts, cite, ledger\n"
        "f = ledger.by_id(['REF-114', 'REF-122', 'REF-124']).assign(when=[1992.4, 2024.9, 1992.8], p=['a', 'a', 'b'])\n"
        "fig = charts.points(f, x='when', y='value', panel='p', title='A finding', units='persons')\n"
        "print(charts.render(fig, cite.source_line(f)))\n"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": str(seed), "PATH": ""},
        ).stdout
        for seed in (1, 2, 3, 4)
    }
    assert len(outputs) == 1


def test_firms_chart_marks_follow_each_rows_own_hedge_whatever_the_order() -> None:
    """Regression: REV-06 ('~74') is hedged and REV-13 ('74 ...') is not, in file order or any other."""
    claims = ledger.claims()
    for frame in (claims[claims["claim_id"].isin(["REV-13", "REV-06"])], ledger.by_id(["REV-13", "REV-06"])):
        frame = frame.assign(when=[2024.5, 2025.0], hedged=ledger.hedged(frame))
        fig = charts.points(frame, x="when", y="value", hedged="hedged", title="t", units="u")
        hollow = {
            cid: len(c.get_facecolors()) == 0 or c.get_facecolors()[0][3] == 0
            for cid, c in zip(frame["claim_id"], fig.axes[0].collections, strict=False)
        }
        assert hollow == {"REV-06": True, "REV-13": False}
        plt.close(fig)


def test_wrapped_text_breaks_only_at_spaces() -> None:
    """A source name with a hyphen is printed whole, as the source line (and its test) names it."""
    from pakjapan.charts import style

    text = "ab " * 15 + "the Japan-Pakistan Business Seminar"  # a line break falls inside the hyphenated name
    lines = style.wrap(text, style.SMALL).splitlines()
    assert len(lines) == 2 and "Japan-Pakistan" in lines[1]


def test_wrapping_never_splits_a_hyphenated_word() -> None:
    text = (
        "Sources: Review of Pakistan-Japan relations: history, trade, investment, aid and prospects;"
        " Diamanium Thinkers."
    )
    for size in (style.SMALL, style.TEXT, style.TITLE):
        wrapped = style.wrap(text, size)
        assert all(not line.endswith("-") for line in wrapped.splitlines())
        assert " ".join(wrapped.split()) == text


def test_japans_colour_is_reserved_for_japan() -> None:
    """Vermillion means Japan in every chart: no other series, and no single-colour mark, may take it."""
    frame = pd.DataFrame({"year": [2020, 2021], "value": [1.0, 2.0], "who": ["THA", "THA"], "row": ["a", "b"]})
    with pytest.raises(ValueError, match="'THA' is drawn in 'vermillion', Japan's reserved colour"):
        marks.colours(frame, {"THA": "vermillion"}, by="who")
    with pytest.raises(ValueError, match="a single-colour mark is drawn in '#D55E00'"):
        marks.colours(frame, "#D55E00")
    assert marks.colours(frame.assign(who="JPN"), {"JPN": "JPN"}, by="who") == ["#D55E00", "#D55E00"]
    assert marks.colours(frame, "JPN") == ["#D55E00", "#D55E00"]


def test_show_can_also_save_the_chart_for_a_page_without_code(monkeypatch, tmp_path) -> None:
    """The landing page shows a chapter's chart: the saved file is the SVG the chapter displays."""
    import IPython.display

    from pakjapan import tables

    shown: list[object] = []
    monkeypatch.setattr(IPython.display, "display", lambda obj: shown.append(obj))
    monkeypatch.setattr(tables, "book_root", lambda: tmp_path)
    frame = pd.DataFrame({"year": [2020, 2021], "value": [1.0, 2.0], "row": ["REV-01", "REV-02"]})
    fig = charts.lines(
        frame, x="year", y="value", series="row", palette={"REV-01": "blue", "REV-02": "blue"}, title="t", units="u"
    )
    charts.show(fig, cite.source_line(frame), save="landing-chart")
    saved = (tmp_path / "_static" / "charts" / "landing-chart.svg").read_text(encoding="utf-8")
    assert len(shown) == 1 and shown[0].data == saved
    with pytest.raises(ValueError, match="chart name 'Landing Chart'"):
        tables.save_chart(saved, "Landing Chart", tmp_path)


def test_a_label_running_past_the_phone_column_is_refused() -> None:
    """A label wider than the chart would widen the SVG and shrink every text below 11 px on a phone."""
    frame = pd.DataFrame({"what": ["a row whose label is far too long to fit the width of a phone screen"], "v": [1.0]})
    frame["row"] = "REV-01"
    fig = charts.bars(frame, label="what", value="v", title="t", units="u")
    with pytest.raises(ValueError, match=r"chart 't' is \d+ pt wide, more than the 324 pt phone column.*'a row whose"):
        charts.render(fig, cite.source_line(frame))


def test_context_lines_keep_gaps_and_breaks_in_one_faint_collection() -> None:
    """Small multiples draw the other panels' series as one faint collection, broken where the data are."""
    from matplotlib.collections import LineCollection

    frame = pd.DataFrame(
        {
            "year": [2000, 2001, 2003, 2004, 2000, 2001, 2002],
            "v": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0],
            "who": ["a", "a", "a", "a", "b", "b", "b"],
            "basis": ["x", "x", "x", "x", "x", "y", "y"],
            "row": ["REV-01"] * 7,
        }
    )
    fig, ax = charts.canvas("t", "u")
    marks.context(ax, frame, x="year", y="v", series="who", split="basis")
    (collection,) = [c for c in ax.collections if isinstance(c, LineCollection)]
    runs = sorted([tuple(seg[:, 0]) for seg in collection.get_segments()])
    assert runs == [(2000.0,), (2000.0, 2001.0), (2001.0, 2002.0), (2003.0, 2004.0)]
    assert collection.get_colors()[0].tolist() == list(matplotlib.colors.to_rgba(style.FAINT))
    plt.close(fig)
