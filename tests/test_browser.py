"""The built site as readers get it, checked in a real browser (Debian's Chromium via Playwright).

Visits every page of _build/html, served compressed on 127.0.0.1 (pakjapan.serve), and asserts:
no uncaught script error (Playwright's ``pageerror``) and no console error, every image loads and
has descriptive alt text, no request leaves the machine, every internal link resolves (CSV
downloads and the PDF included), the search page finds a chapter term, the footer shows a real
year, the pinned current axe-core reports no serious or critical violations, each page stays in
its weight budget, and on a phone (375x812) the navigation and contents buttons open their
panels and no page scrolls sideways. Skips, saying why, when Chromium or the built site is
missing; `make test` provides both.
"""

from __future__ import annotations

import csv
import io
import re
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import yaml
from browser_support import DESKTOP, PHONE, ROOT, SITE, axe_version, pages, run_axe

SHOTS = ROOT / "_build" / "screenshots"
#: Bytes a page may transfer (compressed) with everything it loads, on a first visit.
PAGE_BUDGET = 1_500_000


def _watch(page: object, server: str, record: dict) -> None:
    """Record on ``record`` every uncaught error, console error, outside request and failure."""
    page.on("pageerror", lambda e, r=record: r["pageerrors"].append(str(e)))
    page.on("console", lambda m, r=record: r["console"].append(m.text) if m.type == "error" else None)
    page.on(
        "request",
        lambda q, r=record: (
            r["external"].append(q.url) if not q.url.startswith((server, "data:", "blob:", "about:")) else None
        ),
    )
    page.on("response", lambda s, r=record: r["failed"].append(f"{s.status} {s.url}") if s.status >= 400 else None)


def _new_record() -> dict:
    return {"console": [], "pageerrors": [], "external": [], "failed": []}


@pytest.fixture(scope="module")
def visits(server: str, browser: object) -> dict[str, dict]:
    """Load every page once on a desktop screen, recording what each test needs."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict] = {}
    context = browser.new_context(**DESKTOP)
    for page_path in pages():
        page = context.new_page()
        record = _new_record()
        _watch(page, server, record)
        page.goto(f"{server}/{page_path}", wait_until="networkidle")
        record["images"] = page.eval_on_selector_all(
            "main img",
            "els => els.map(e => ({src: e.getAttribute('src'), alt: e.getAttribute('alt') || '', "
            "ok: e.complete && e.naturalWidth > 0}))",
        )
        record["links"] = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        record["footer"] = (
            page.inner_text("footer.bd-footer-content") if page.query_selector("footer.bd-footer-content") else ""
        )
        record["transferred"] = page.evaluate(
            "() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
            ".reduce((n, e) => n + (e.encodedBodySize || 0), 0)"
        )
        record["axe"] = [v for v in run_axe(page) if v["impact"] in ("serious", "critical")]
        if page_path.startswith("notebooks/"):
            page.screenshot(path=str(SHOTS / (Path(page_path).stem + ".png")), full_page=True)
        results[page_path] = record
        page.close()
    context.close()
    return results


@pytest.fixture(scope="module")
def phone_visits(server: str, browser: object) -> dict[str, dict]:
    """Every page on a phone screen: errors, and how wide the page is against the screen."""
    results: dict[str, dict] = {}
    context = browser.new_context(**PHONE)
    for page_path in pages():
        page = context.new_page()
        record = _new_record()
        _watch(page, server, record)
        page.goto(f"{server}/{page_path}", wait_until="networkidle")
        record["width"] = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        record["wide"] = page.evaluate(
            "() => Array.from(document.querySelectorAll('main *')).filter(e => e.getBoundingClientRect().right > "
            "window.innerWidth + 1 && !e.closest('.pj-table-scroll, .highlight, .cell_output, details:not([open])'))"
            ".slice(0, 3).map(e => e.tagName + '.' + e.className)"
        )
        results[page_path] = record
        page.close()
    context.close()
    return results


def test_the_site_has_every_chapter() -> None:
    found = pages()
    if not found:
        pytest.skip(f"no built site at {SITE}; run `make book` first (make test does)")
    for stem in [
        "01_history",
        "02_trade",
        "03_investment",
        "04_oda",
        "05_geopolitics",
        "06_people",
        "07_reconciliation",
    ]:
        assert f"notebooks/{stem}.html" in found


def test_no_uncaught_script_errors(visits: dict[str, dict], phone_visits: dict[str, dict]) -> None:
    errors = {
        f"{screen} {p}": r["pageerrors"]
        for screen, runs in (("desktop", visits), ("phone", phone_visits))
        for p, r in runs.items()
        if r["pageerrors"]
    }
    assert not errors, errors


def test_no_console_errors(visits: dict[str, dict]) -> None:
    errors = {p: r["console"] for p, r in visits.items() if r["console"]}
    assert not errors, errors


def test_no_failed_or_external_requests(visits: dict[str, dict]) -> None:
    failed = {p: r["failed"] for p, r in visits.items() if r["failed"]}
    external = {p: r["external"] for p, r in visits.items() if r["external"]}
    assert not failed, failed
    assert not external, f"the site must work offline: {external}"


def test_images_load_and_have_descriptive_alt_text(visits: dict[str, dict]) -> None:
    charts = 0
    for page_path, record in visits.items():
        for img in record["images"]:
            assert img["ok"], f"{page_path}: image {img['src']} did not load"
            alt = img["alt"].strip()
            assert len(alt.split()) >= 8, f"{page_path}: alt text too short for {img['src']}: {alt!r}"
            assert not re.search(r"\.(svg|png|jpe?g)$", alt, re.I), f"{page_path}: alt text is a file name"
            charts += 1
    assert charts >= 21, f"expected at least three charts per chapter, found {charts} images"


class AnchorIndex:
    """The ids of each built page, read once per page however often a link points into it."""

    def __init__(self) -> None:
        self._ids: dict[Path, set[str]] = {}
        self.reads = 0

    def ids(self, target: Path) -> set[str]:
        key = target.resolve()
        if key not in self._ids:
            self.reads += 1
            self._ids[key] = set(re.findall(r'id="([^"]+)"', key.read_text(encoding="utf-8")))
        return self._ids[key]


def test_anchor_index_reads_each_page_once(tmp_path: Path) -> None:
    page = tmp_path / "a.html"
    page.write_text('<h1 id="top">x</h1><p id="b">', encoding="utf-8")
    index = AnchorIndex()
    assert index.ids(page) == {"top", "b"}
    assert index.ids(tmp_path / "." / "a.html") == {"top", "b"}
    assert index.reads == 1


def broken_links(server: str, visits: dict[str, dict], index: AnchorIndex) -> list[str]:
    """Every link into the site whose file or anchor does not exist."""
    broken = []
    for page_path, record in visits.items():
        for href in set(record["links"]):
            if not href.startswith(server):
                continue
            url, _, fragment = href.partition("#")
            target = SITE / urllib.parse.unquote(urllib.parse.urlparse(url).path).lstrip("/")
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page_path} -> {href}")
            elif fragment and target.suffix == ".html" and urllib.parse.unquote(fragment) not in index.ids(target):
                broken.append(f"{page_path} -> {href} (no such anchor)")
    return broken


def test_internal_links_resolve(server: str, visits: dict[str, dict]) -> None:
    index = AnchorIndex()
    broken = broken_links(server, visits, index)
    assert not broken, broken
    assert index.reads <= len(pages()), "each page's anchors are read at most once"


def test_every_csv_download_resolves_and_parses(server: str, visits: dict[str, dict]) -> None:
    """Each CSV link of the site's own (folded(..., csv=...)) answers with a CSV that has a header and rows.
    Links to the publishers' raw files (the Data page's upstream inputs) are the link check's, off this machine."""
    links = sorted(
        {
            h
            for r in visits.values()
            for h in r["links"]
            if h.startswith(server) and urllib.parse.urlparse(h).path.endswith(".csv")
        }
    )
    for href in links:
        with urllib.request.urlopen(href) as response:
            assert response.status == 200, href
            rows = list(csv.reader(io.StringIO(response.read().decode("utf-8"))))
        assert len(rows) >= 2 and all(rows[0]), f"{href}: expected a header and at least one row"


def test_the_site_links_the_pdf(visits: dict[str, dict]) -> None:
    """Every page's footer links the whole book as a PDF (the links test checks it resolves)."""
    missing = [p for p, r in visits.items() if not any(h.endswith("/pakistan-japan.pdf") for h in r["links"])]
    assert not missing, missing


def test_footer_shows_the_real_year(visits: dict[str, dict]) -> None:
    """SOURCE_DATE_EPOCH=0 keeps builds reproducible; it must not turn the copyright into 1970."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    year = re.search(r"\b(20\d\d)\b", config["copyright"]).group(1)
    for page_path, record in visits.items():
        assert "1970" not in record["footer"], f"{page_path}: {record['footer']!r}"
        assert year in record["footer"], f"{page_path}: footer lacks {year}: {record['footer']!r}"


def test_no_serious_accessibility_violations(visits: dict[str, dict]) -> None:
    assert axe_version() == "4.14.1", "the suite runs the axe-core release pinned in package.json"
    problems = {p: [(v["id"], v["impact"], len(v["nodes"])) for v in r["axe"]] for p, r in visits.items() if r["axe"]}
    assert not problems, problems


def test_pages_stay_within_weight_budget(visits: dict[str, dict]) -> None:
    heavy = {p: r["transferred"] for p, r in visits.items() if r["transferred"] > PAGE_BUDGET}
    assert all(r["transferred"] > 10_000 for r in visits.values()), "transfer sizes were not measured"
    assert not heavy, heavy


def test_search_finds_a_chapter_term(server: str, browser: object) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/search.html?q=Komatsu", wait_until="networkidle")
    page.wait_for_selector("#search-results li", timeout=15000)
    hits = page.eval_on_selector_all("#search-results li a", "els => els.map(e => e.getAttribute('href'))")
    page.close()
    assert any("03_investment" in h for h in hits), hits
    assert not errors, errors


def test_every_chapter_has_a_screenshot(visits: dict[str, dict]) -> None:
    shots = sorted(p.name for p in SHOTS.glob("*.png"))
    assert len(shots) >= 7 and all(s.stat().st_size > 50_000 for s in SHOTS.glob("*.png")), shots


# Phones ---------------------------------------------------------------------------------------


def test_no_page_scrolls_sideways_on_a_phone(phone_visits: dict[str, dict]) -> None:
    wide = {p: (r["width"], r["wide"]) for p, r in phone_visits.items() if r["width"][0] > r["width"][1]}
    assert not wide, wide


@pytest.mark.parametrize("page_path", ["intro.html", "notebooks/02_trade.html"])
@pytest.mark.parametrize(
    "kind, dialog", [("primary", "#pst-primary-sidebar-modal"), ("secondary", "#pst-secondary-sidebar-modal")]
)
def test_phone_sidebar_buttons_open_their_panels(
    server: str, browser: object, page_path: str, kind: str, dialog: str
) -> None:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/{page_path}", wait_until="networkidle")
    buttons = [b for b in page.query_selector_all(f".{kind}-toggle") if b.is_visible()]
    if kind == "secondary" and page_path == "intro.html" and not buttons:
        context.close()
        pytest.skip("the landing page has no contents panel to open")
    assert len(buttons) == 1, f"expected one visible {kind} button on a phone, found {len(buttons)}"
    assert not page.is_visible(dialog)
    buttons[0].tap()
    page.wait_for_selector(f"{dialog}[open]", timeout=5000)
    assert page.is_visible(dialog)
    links = page.eval_on_selector_all(f"{dialog} a[href]", "els => els.filter(e => e.offsetParent).length")
    context.close()
    assert links > 0, f"the {kind} panel opened empty"
    assert not errors, errors


def test_desktop_sidebar_button_folds_the_navigation(server: str, browser: object) -> None:
    """On a wide screen the article header's button hides and shows the navigation sidebar."""
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    page.goto(f"{server}/notebooks/02_trade.html", wait_until="networkidle")
    button = [b for b in page.query_selector_all(".primary-toggle") if b.is_visible()]
    assert len(button) == 1
    hidden = "() => document.querySelector('#pst-primary-sidebar').classList.contains('pst-sidebar-hidden')"
    assert not page.evaluate(hidden)
    button[0].click()
    assert page.evaluate(hidden)
    button[0].click()
    assert not page.evaluate(hidden)
    context.close()
