"""The built site as readers get it, checked in a real browser (Debian's Chromium via Playwright).

Visits every page of _build/html served on 127.0.0.1 and asserts: no console errors, every image
loads and has descriptive alt text, no request leaves the machine, every internal link resolves,
the search page finds a chapter term, and axe-core reports no serious or critical violations.
Skips, saying why, when Chromium or the built site is missing; `make test` provides both.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"
SHOTS = ROOT / "_build" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pages() -> list[str]:
    """Every content page of the site (index.html is only a redirect to intro.html)."""
    if not SITE.is_dir():
        return []
    return sorted(
        str(p.relative_to(SITE))
        for p in SITE.rglob("*.html")
        if not p.relative_to(SITE).parts[0].startswith("_") and p.name != "index.html"
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep pytest output clean
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    if not (SITE / "intro.html").is_file():
        pytest.skip(f"no built site at {SITE}; run `make book` first (make test does)")
    handler = functools.partial(_QuietHandler, directory=str(SITE))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("Chromium not found on PATH; `make test` installs Debian's chromium when run as root")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def visits(server: str, browser: object) -> dict[str, dict]:
    """Load every page once, recording what each test needs."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    SHOTS.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict] = {}
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    for page_path in pages():
        page = context.new_page()
        record: dict = {"console": [], "external": [], "failed": []}
        page.on("console", lambda m, r=record: r["console"].append(m.text) if m.type == "error" else None)
        page.on(
            "request",
            lambda q, r=record: (
                r["external"].append(q.url) if not q.url.startswith((server, "data:", "blob:", "about:")) else None
            ),
        )
        page.on("response", lambda s, r=record: r["failed"].append(f"{s.status} {s.url}") if s.status >= 400 else None)
        page.goto(f"{server}/{page_path}", wait_until="networkidle")
        record["images"] = page.eval_on_selector_all(
            "main img",
            "els => els.map(e => ({src: e.getAttribute('src'), alt: e.getAttribute('alt') || '', "
            "ok: e.complete && e.naturalWidth > 0}))",
        )
        record["links"] = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        # preload off: axe's CSS preloading resolves the theme's @import against the page, not the
        # stylesheet, and requests files that do not exist; the rules that need it report "incomplete".
        found = axe.run(page, options={"resultTypes": ["violations"], "preload": False}).response["violations"]
        record["axe"] = [v for v in found if v["impact"] in ("serious", "critical")]
        if page_path.startswith("notebooks/"):
            page.screenshot(path=str(SHOTS / (Path(page_path).stem + ".png")), full_page=True)
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


def test_internal_links_resolve(server: str, visits: dict[str, dict]) -> None:
    import urllib.request

    ids_cache: dict[str, set[str]] = {}
    broken = []
    for page_path, record in visits.items():
        for href in set(record["links"]):
            if not href.startswith(server):
                continue
            url, _, fragment = href.partition("#")
            target = SITE / urllib.parse.urlparse(url).path.lstrip("/")
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page_path} -> {href}")
                continue
            if fragment and target.suffix == ".html":
                if target not in ids_cache:
                    ids_cache[str(target)] = set(re.findall(r'id="([^"]+)"', target.read_text(encoding="utf-8")))
                if urllib.parse.unquote(fragment) not in ids_cache[str(target)]:
                    broken.append(f"{page_path} -> {href} (no such anchor)")
    assert not broken, broken


def test_no_serious_accessibility_violations(visits: dict[str, dict]) -> None:
    problems = {p: [(v["id"], v["impact"], len(v["nodes"])) for v in r["axe"]] for p, r in visits.items() if r["axe"]}
    assert not problems, problems


def test_search_finds_a_chapter_term(server: str, browser: object) -> None:
    page = browser.new_page()
    page.goto(f"{server}/search.html?q=Komatsu", wait_until="networkidle")
    page.wait_for_selector("#search-results li", timeout=15000)
    hits = page.eval_on_selector_all("#search-results li a", "els => els.map(e => e.getAttribute('href'))")
    page.close()
    assert any("03_investment" in h for h in hits), hits


def test_every_chapter_has_a_screenshot(visits: dict[str, dict]) -> None:
    shots = sorted(p.name for p in SHOTS.glob("*.png"))
    assert len(shots) >= 7 and all(s.stat().st_size > 50_000 for s in SHOTS.glob("*.png")), shots
