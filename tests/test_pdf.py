"""The book as one PDF (`make pdf`, pakjapan/pdf.py): every chapter title and every figure is in
it, the charts are vector drawings, and links inside the book are links inside the PDF.
Opened with pypdf. Skips, saying why, when the PDF has not been made (`make test` makes it)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import nbformat
import pytest

from pakjapan.book import notebooks as book_notebooks
from pakjapan.pdf import OUTPUT

ROOT = Path(__file__).resolve().parent.parent


def squeeze(text: str) -> str:
    """Text with ligatures unfolded, typographic quotes made plain, and all whitespace and soft
    hyphens removed, so words that the PDF breaks across lines still match."""
    text = unicodedata.normalize("NFKC", text).translate(str.maketrans("‘’“”", "''\"\""))
    return re.sub(r"[\s\u00ad]+", "", text)


def chapters_and_figures() -> tuple[list[str], list[str]]:
    """Each notebook's title (its first heading) and each figure's caption, in book order."""
    titles, captions = [], []
    for path in book_notebooks(ROOT):
        nb = nbformat.read(path, as_version=4)
        first = next(c for c in nb.cells if c.cell_type == "markdown")
        heading = first.source.splitlines()[0].lstrip("# ")
        titles.append(re.sub(r"\s*\{(?:no)?check\}`[^`]*`", "", heading).strip())  # roles render as nothing
        captions += [
            c.metadata["mystnb"]["figure"]["caption"]
            for c in nb.cells
            if c.metadata.get("mystnb", {}).get("figure", {}).get("caption")
        ]
    return titles, captions


@pytest.fixture(scope="module")
def pdf() -> object:
    if not OUTPUT.is_file():
        pytest.skip(f"no PDF at {OUTPUT}; run `make pdf` (make test does)")
    from pypdf import PdfReader

    return PdfReader(OUTPUT)


@pytest.fixture(scope="module")
def text(pdf: object) -> str:
    return squeeze(" ".join(page.extract_text() for page in pdf.pages))


def test_every_chapter_title_is_in_the_pdf(text: str) -> None:
    titles, _ = chapters_and_figures()
    assert len(titles) >= 9
    missing = [t for t in titles if squeeze(t) not in text]
    assert not missing, missing
    assert squeeze("Bibliography") in text


def test_every_figure_is_in_the_pdf_with_its_number(text: str) -> None:
    _, captions = chapters_and_figures()
    assert len(captions) >= 21
    for number, caption in enumerate(captions, start=1):
        start = squeeze(caption)[:60]
        assert f"Fig.{number}{start}" in text, f"figure {number} ({caption[:60]!r}) missing or numbered otherwise"


def test_charts_are_vector_drawings(pdf: object) -> None:
    rasters = [
        (i + 1, name) for i, page in enumerate(pdf.pages) for name in (page.images.keys() if page.images else [])
    ]
    assert not rasters, f"raster images in the PDF (charts must stay SVG vectors): {rasters[:5]}"


def test_links_inside_the_book_are_links_inside_the_pdf(pdf: object) -> None:
    internal = 0
    for page in pdf.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") == "/Link" and ("/Dest" in annot or annot.get("/A", {}).get("/S") == "/GoTo"):
                internal += 1
    assert internal >= 23, f"expected links to figures and sections inside the PDF, found {internal}"
    assert pdf.outline, "the PDF has no outline (bookmarks) of its chapters"


def _link_targets(pdf: object) -> list[tuple[int, int]]:
    """(page of the link, page it jumps to) for every internal link, both counted from 0."""
    named = pdf.named_destinations
    found = []
    for number, page in enumerate(pdf.pages):
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            dest = annot.get("/Dest") if annot.get("/Subtype") == "/Link" else None
            if dest is not None and str(dest) in named:
                found.append((number, pdf.get_destination_page_number(named[str(dest)])))
    return found


def test_citations_jump_to_the_bibliography(pdf: object, text: str) -> None:
    """Sphinx repeats citation ids across the chapters of the single page; every link to a
    bibliography entry must land on the bibliography, not on an earlier citation."""
    bibliography = max(i for i, page in enumerate(pdf.pages) if "Bibliography" in page.extract_text())
    targets = _link_targets(pdf)
    into_bibliography = [t for t in targets if t[1] >= bibliography]
    assert len(into_bibliography) >= 50, f"expected the chapters' citations to link the bibliography: {targets[:10]}"


def test_the_pdf_prints_the_corrections(text: str) -> None:
    """The Corrections page is a changelog by date; the PDF prints each date and its last line."""
    from test_corrections import changelog_entries, letters, longest_plain_run

    printed = letters(text)
    last = {date: entry for date, entry in changelog_entries()}
    assert last, "the Corrections page has no dated entries"
    for date, entry in last.items():
        words = longest_plain_run(entry)[:40]
        assert letters(date) in printed, f"the corrections of {date} are not in the PDF"
        assert words and words in printed, f"the last correction of {date} is not in the PDF: {words!r}"


PAGE = (
    '<footer><p>Figures are glued. <a class="pj-pdf" href="../pakistan-japan.pdf">The whole book as one PDF</a>.'
    "</p></footer>"
)


def test_without_chromium_make_book_hides_the_pdf_link_and_make_pdf_shows_it(tmp_path, monkeypatch) -> None:
    """A site built where no PDF can be made must not link one (a 404); the link comes back with the PDF."""
    from pakjapan import pdf as pdf_module

    site = tmp_path / "html"
    (site / "notebooks").mkdir(parents=True)
    (site / "notebooks" / "02_trade.html").write_text(PAGE, encoding="utf-8")
    monkeypatch.setattr(pdf_module, "OUTPUT", site / "pakistan-japan.pdf")
    monkeypatch.setattr(pdf_module.shutil, "which", lambda name: None)
    assert pdf_module.main(["--if-possible"]) == 0
    hidden = (site / "notebooks" / "02_trade.html").read_text(encoding="utf-8")
    assert "<a " not in hidden and 'data-href="../pakistan-japan.pdf" hidden>' in hidden
    assert pdf_module.set_links(site, present=True) == 1
    assert (site / "notebooks" / "02_trade.html").read_text(encoding="utf-8") == PAGE
