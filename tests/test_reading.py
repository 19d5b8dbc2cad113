"""The reading measures (pakjapan.reading) on small texts, and the subject chapters against the targets."""

from __future__ import annotations

from pakjapan import reading


def test_roles_are_dropped_and_glued_figures_count_as_one_word() -> None:
    md = "Japan sold {glue:text}`x` of cars.{check}`c-1` See {doc}`the trade chapter <notebooks/02_trade>`."
    assert reading.plain(md) == "Japan sold N of cars. See the trade chapter."


def test_headings_tables_fences_and_fragments_are_not_sentences() -> None:
    md = "# A title that is long enough\n\n| a | b |\n\n```{code}\nx = 1 and more words\n```\n\nShort one.\n\n" + (
        "Trade with Japan fell in 2019. Imports recovered in 2021 as cars returned."
    )
    assert reading.sentences(reading.plain(md)) == [
        "Trade with Japan fell in 2019.",
        "Imports recovered in 2021 as cars returned.",
    ]


def test_measure_counts_lengths_and_sentences_about_documents() -> None:
    long = " ".join(["word"] * 41) + "."
    text = f"Japan buys textiles from Pakistan today. The essay says exports doubled last year.\n\n{long}"
    m = reading.measure(text)
    assert m.sentences == 3 and m.longest == 41 and m.over_max == (long,)
    assert m.about_documents == ("The essay says exports doubled last year.",)
    assert round(m.document_share, 3) == round(1 / 3, 3)
    assert m.mean_words == (6 + 7 + 41) / 3
