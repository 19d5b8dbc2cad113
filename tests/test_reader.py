"""The book as a reader takes it in on a 375-px phone, measured on the built site.

For every chapter: sentences average at most 22 words and none runs over 40 (counted by
``pakjapan.reading`` on the text the page shows: paragraphs and list items, not captions, tables or
code); the first chart starts within the first two phone screens; at most five "show code" toggles
sit in the reading flow. In the six subject chapters at most a fifth of the sentences talk about
documents, data sets or the book's method. The landing page shows its findings and a chart within
two screens, carries an edition date and no build instructions; the corrections page is a changelog
of at most 3,000 words, the methodology page at most 1,500. Skips, saying why, without Chromium or
the built site (``make test`` provides both).
"""

from __future__ import annotations

import re

import pytest
from browser_support import PHONE

from pakjapan import book, reading

#: One phone screen: 375 x 667 CSS px, the small phone the reviewers measured on.
SCREEN = 667
SUBJECT = ("01_history", "02_trade", "03_investment", "04_oda", "05_geopolitics", "06_people")
MAX_TOGGLES = 5

#: The text a reader reads: paragraphs and list items of the article, outside figures, tables,
#: folded data, code, the bibliography and footnotes.
_PROSE_JS = """() => {
  const root = document.querySelector('main article') || document.querySelector('main');
  const skip = 'figure, table, details, pre, .cell_input, .bibliography, .citation-list, .footnote, nav, .pj-download';
  return [...root.querySelectorAll('p, li')].filter(e => !e.closest(skip) && !e.querySelector('p, li'))
    .map(e => e.innerText.replace(/\\s+/g, ' ').trim()).filter(Boolean);
}"""
_FIRST_CHART_JS = """() => {
  const img = [...document.querySelectorAll('main img')].find(i => /\\.svg$/.test(i.getAttribute('src') || ''));
  return img ? img.getBoundingClientRect().top + window.scrollY : null;
}"""
_TOGGLES_JS = """() => [...document.querySelectorAll('main details')].filter(d => {
  const s = d.querySelector('summary');
  return d.classList.contains('hide') || (s && /code/i.test(s.innerText));
}).length"""
_WORDS_JS = """() => (document.querySelector('main article') || document.querySelector('main')).innerText
  .split(/\\s+/).filter(Boolean).length"""


@pytest.fixture(scope="module")
def phone_pages(server: str, browser: object) -> dict[str, dict]:
    """Each chapter, the landing, corrections and methodology pages on a phone: text, first chart, toggles."""
    wanted = [c.replace(".ipynb", ".html") for c in book.chapters()]
    wanted += ["intro.html", "appendix/corrections.html", "appendix/methodology.html"]
    context = browser.new_context(**PHONE)
    found: dict[str, dict] = {}
    for path in wanted:
        page = context.new_page()
        page.goto(f"{server}/{path}", wait_until="load")
        found[path] = {
            "prose": page.evaluate(_PROSE_JS),
            "first_chart": page.evaluate(_FIRST_CHART_JS),
            "toggles": page.evaluate(_TOGGLES_JS),
            "words": page.evaluate(_WORDS_JS),
            "text": page.inner_text("main"),
        }
        page.close()
    context.close()
    return found


def _chapters(pages: dict[str, dict]) -> dict[str, dict]:
    return {p: r for p, r in pages.items() if p.startswith("notebooks/")}


def test_sentences_are_short_on_every_chapter_and_the_landing_page(phone_pages: dict[str, dict]) -> None:
    bad = {}
    for path, record in phone_pages.items():
        if not (path.startswith("notebooks/") or path == "intro.html"):
            continue
        m = reading.measure("\n\n".join(record["prose"]))
        if m.mean_words > reading.MEAN_MAX or m.over_max:
            bad[path] = (round(m.mean_words, 1), [s[:80] for s in m.over_max])
    assert not bad, f"mean over {reading.MEAN_MAX} words or sentences over {reading.LONGEST_MAX}: {bad}"


def test_subject_chapters_are_about_pakistan_and_japan(phone_pages: dict[str, dict]) -> None:
    shares = {}
    for path, record in _chapters(phone_pages).items():
        if any(path.endswith(f"{s}.html") for s in SUBJECT):
            shares[path] = reading.measure("\n\n".join(record["prose"])).document_share
    assert len(shares) == len(SUBJECT)
    over = {p: round(s, 2) for p, s in shares.items() if s > reading.DOCUMENT_SHARE_MAX}
    assert not over, f"more than a fifth of the sentences about documents or method: {over}"


def test_the_first_chart_is_within_two_phone_screens(phone_pages: dict[str, dict]) -> None:
    late = {
        p: r["first_chart"]
        for p, r in phone_pages.items()
        if (p.startswith("notebooks/") or p == "intro.html")
        and (r["first_chart"] is None or r["first_chart"] > 2 * SCREEN)
    }
    assert not late, f"first chart below two {SCREEN}-px screens (px from the top): {late}"


def test_code_is_one_step_away_not_in_the_reading_flow(phone_pages: dict[str, dict]) -> None:
    many = {p: r["toggles"] for p, r in _chapters(phone_pages).items() if r["toggles"] > MAX_TOGGLES}
    assert not many, f"more than {MAX_TOGGLES} code toggles: {many}"


def test_the_landing_page_tells_the_story(phone_pages: dict[str, dict]) -> None:
    landing = phone_pages["intro.html"]
    assert re.search(r"Edition of \d{1,2} [A-Z][a-z]+ 20\d\d", landing["text"]), "no edition date"
    assert not re.search(r"\bmake (book|test|notebooks)\b|pip install|\.venv", landing["text"])
    assert "Start here" in landing["text"]


def test_corrections_and_methodology_are_short(phone_pages: dict[str, dict]) -> None:
    assert phone_pages["appendix/corrections.html"]["words"] <= 3000
    assert phone_pages["appendix/methodology.html"]["words"] <= 1500
