"""`make pdf`: the whole book as one PDF, printed by Chromium from the single-page HTML build.

Jupyter Book 1's ``pdfhtml`` builder downloads a Chromium of its own (pyppeteer), which cannot
work offline; LaTeX would redraw the book in another style. Instead Sphinx's ``singlehtml``
builder writes every chapter into one page, which Debian's Chromium prints through Playwright:
the SVG charts stay vector, figures keep the numbers the site gives them, links inside the book
become links inside the PDF (with an outline of the headings), and the bibliography is its last
chapter. The PDF lands in the site (``_build/html/pakistan-japan.pdf``), which every page's
footer links.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from .serve import serving

ROOT = Path(__file__).resolve().parent.parent
SINGLE = ROOT / "_build" / "singlehtml"
PDF_NAME = "pakistan-japan.pdf"
OUTPUT = ROOT / "_build" / "html" / PDF_NAME
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"]

#: Run in the page before printing. Links written as "intro.html#x" (the single page's own
#: name) become "#x", so Chromium keeps them as links inside the PDF. Sphinx repeats ids across
#: the chapters of a single page ("id6", "caveats"), and a link would jump to the first, so each
#: link to a repeated id is pointed at the element it means, under a unique id: a bibliography
#: entry for a citation, otherwise the first element with that id after the link (a chapter's
#: own section). Dropdowns are opened: a reader cannot click paper. Then wait for every chart.
PREPARE = """() => {
  for (const d of document.querySelectorAll('details.sd-dropdown')) d.open = true;
  const owners = new Map();
  for (const el of document.querySelectorAll('[id]')) {
    if (!owners.has(el.id)) owners.set(el.id, []);
    owners.get(el.id).push(el);
  }
  let serial = 0;
  for (const a of document.querySelectorAll('a[href]')) {
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin || url.pathname !== location.pathname || !url.hash) continue;
    const id = decodeURIComponent(url.hash.slice(1));
    const candidates = owners.get(id) || [];
    let target = null;
    if (candidates.length > 1) {
      target = candidates.find(el => el.matches('.citation, [role="doc-biblioentry"]')) ||
               candidates.find(el => a.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) ||
               candidates[candidates.length - 1];
      if (!target.dataset.printId) target.dataset.printId = `${id}--${++serial}`;
      a.setAttribute('href', '#' + target.dataset.printId);
    } else {
      a.setAttribute('href', url.hash);
    }
  }
  for (const el of document.querySelectorAll('[data-print-id]')) el.id = el.dataset.printId;
  return Promise.all(Array.from(document.images).map(img => img.complete ? null :
    new Promise(done => { img.onload = img.onerror = done; })));
}"""
#: Print styles: no site furniture, each chapter on a new page, no "Show code cell source"
#: toggles (the PDF is for reading; the code is in the notebooks), and dropdowns without their
#: shadow, which Chromium prints as a picture on every page a dropdown spans (twice the file size).
PRINT_CSS = """
@page { size: A4; margin: 18mm 16mm; }
.bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .header-article-items, .prev-next-area,
.bd-footer, .bd-footer-content, .pst-scrollable-table-container + .copybtn, .skip-link,
.search-button, .theme-switch-button { display: none !important; }
.bd-main .bd-content .bd-article-container { max-width: 100% !important; }
section > h2 { break-before: page; }
.cell details.hide { display: none !important; }
figure, img { break-inside: avoid; }
details.sd-dropdown { box-shadow: none !important; }
"""


def build_single_page(root: Path = ROOT) -> Path:
    """Build the single-page HTML book; return its page. Raises SystemExit with the build's
    output when the build fails, so no half-built book is printed."""
    jb = Path(sys.executable).parent / "jupyter-book"
    result = subprocess.run(
        [str(jb), "build", str(root), "--builder", "singlehtml", "-W", "-n", "--keep-going"],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "0")},
    )
    if result.returncode != 0:
        raise SystemExit(f"the single-page build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    page = root / "_build" / "singlehtml" / "intro.html"
    if not page.is_file():
        raise SystemExit(f"the single-page build wrote no {page}")
    return page


def print_pdf(page: Path, output: Path) -> Path:
    """Print ``page`` (served over HTTP so every asset loads as on the site) to ``output``."""
    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("Chromium not found on PATH: install Debian's chromium (`make chromium` does, as root)")
    from playwright.sync_api import sync_playwright

    output.parent.mkdir(parents=True, exist_ok=True)
    with serving(page.parent) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        tab = browser.new_page()
        tab.goto(f"{url}/{page.name}", wait_until="networkidle")
        tab.add_style_tag(content=PRINT_CSS)
        tab.evaluate(PREPARE)
        tab.emulate_media(media="print")
        tab.pdf(
            path=str(output), format="A4", print_background=True, outline=True, tagged=True, prefer_css_page_size=True
        )
        browser.close()
    return output


#: The footer's PDF link as the site build writes it, and as it stands while there is no PDF.
_LINKED = re.compile(r'<a class="pj-pdf" href="([^"]*)">(.*?)</a>', re.S)
_UNLINKED = re.compile(r'<span class="pj-pdf" data-href="([^"]*)" hidden>(.*?)</span>', re.S)


def set_links(site: Path, present: bool) -> int:
    """Show every page's PDF link if the PDF is ``present``, else hide it; the number of pages changed.

    A site built without Chromium has no PDF, and a link to it would answer 404. The link is hidden
    (kept in the page, so a later ``make pdf`` shows it again without rebuilding every page).
    """
    changed = 0
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if present:
            new = _UNLINKED.sub(r'<a class="pj-pdf" href="\1">\2</a>', html)
        else:
            new = _LINKED.sub(r'<span class="pj-pdf" data-href="\1" hidden>\2</span>', html)
        if new != html:
            page.write_text(new, encoding="utf-8")
            changed += 1
    return changed


def main(argv: list[str] | None = None) -> int:
    """``make pdf`` prints the PDF and links it; ``--if-possible`` (``make book``) hides the link without Chromium."""
    args = sys.argv[1:] if argv is None else argv
    if "--if-possible" in args and shutil.which("chromium") is None:
        set_links(OUTPUT.parent, present=OUTPUT.is_file())
        print("No Chromium, so no PDF: the site's PDF link stays hidden until `make pdf` makes one.")
        return 0
    page = build_single_page()
    out = print_pdf(page, OUTPUT)
    set_links(OUTPUT.parent, present=True)
    print(f"PDF written: {out} ({out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
