"""Fixes to the pages the theme and Sphinx generate: script errors, accessibility, phones, speed.

During the build (``html-page-context``):

- Script error: sphinx-thebe declares ``const THEBE_JS_URL`` in an inline script, and the
  script list reaches the page twice, so the second declaration throws "Identifier
  'THEBE_JS_URL' has already been declared". The book never launches Thebe (launch_buttons.thebe
  is false), so its scripts and stylesheet are left out of every page, and any other script
  listed twice is listed once.

Once the build has finished (``build-finished``), each page is rewritten by ``fix``:

- Accessibility: the sidebar's expand/collapse toggle (a <summary> with only an icon) gets a
  name; the bibliography's citation list drops a list role it cannot honour; the search field
  buttons and the "Show code cell source" toggles drop an aria-label that differs from their
  visible text (WCAG 2.5.3, axe-core's label-content-name-mismatch), so their name is the text.
- Weight: the theme loads Font Awesome twice, as a 1.5 MB script and as the web font its
  stylesheet declares; the script tag is dropped and the script removed from the output.
- Speed on slow networks: scripts in <head> are deferred (only documentation_options.js, which
  inline scripts extend, stays synchronous), script preloads that compete with the stylesheets
  are dropped, the search index and its tools load only on the search page (the theme's search
  box just opens that page; search-as-you-type is off), and theme.css, which only @imports
  basic.css, is replaced by basic.css itself (one round trip less before the first paint).
- One stylesheet instead of nine (``bundle_styles``): the rules no page or script can use are
  dropped (400 kB of Bootstrap, theme and icon rules down to about 140 kB, 26 kB compressed),
  and the icon fonts are cut to the glyphs still named (156 kB to 7 kB); documentation_options.js
  is inlined. A phone then paints after two requests, the page and its stylesheet.
- The footer's link to the PDF points at it from each page's folder.
- Tables: every ``pj-table`` is made readable on phones (``pakjapan.tables.readable``).
- Layout work on load: the theme gives each code block, output and table a tab stop when it
  scrolls, reading each one's size and then setting its tabindex, element by element, which
  makes the browser lay the page out again for every element (about 25 forced layouts on a
  chapter, a third of a slow phone's blocking time). ``batch_tab_stops`` rewrites that loop to
  read every size first and then write only the tab stops that change, and not to measure what
  sits in a closed <details> (a folded table, a hidden code cell): it cannot scroll while closed,
  and measuring it makes Chromium lay out that hidden content, once per element. One layout, the
  same tab stops.
- Precompressed copies (``.gz``, deterministic) of every text file, for hosts and the local
  server (``pakjapan.serve``) that send them as they are.
"""

from __future__ import annotations

import gzip
import os
import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from pakjapan.tables import readable

TOGGLE = '<summary><span class="toctree-toggle" role="presentation">'
NAMED_TOGGLE = (
    '<summary aria-label="Show or hide the pages in this section"><span class="toctree-toggle" role="presentation">'
)
CITATIONS = '<div role="list" class="citation-list">'
CODE_TOGGLE = '<summary aria-label="Toggle hidden content">'
SEARCH_FIELD = re.compile(r'(<button class="btn search-button-field[^"]*"[^>]*?) aria-label="Search"')

FONTAWESOME_SCRIPT = re.compile(r'<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>\n?')
DROPPED_FILES = ("_static/scripts/fontawesome.js", "_static/scripts/fontawesome.js.map")
SCRIPT_PRELOAD = re.compile(r'<link rel="preload" as="script" href="[^"]*" />\n?')
SEARCH_SCRIPTS = re.compile(
    r'[ \t]*<script src="[^"]*(?:searchtools\.js|language_data\.js|searchindex\.js)"></script>\n?'
)
HEAD_SCRIPT = re.compile(r'<script (?=[^>]*\bsrc=")(?![^>]*\b(?:defer|async)\b)(?![^>]*documentation_options\.js)')
THEME_CSS = re.compile(r'<link href="([^"]*_static/)styles/theme\.css\?[^"]*" rel="stylesheet" />')
COMPRESSIBLE = {".html", ".css", ".js", ".svg", ".json", ".csv", ".txt", ".xml"}


#: The theme's tab-stop pass (pydata-sphinx-theme 0.16, minified), and the file it is in.
THEME_JS = "_static/scripts/pydata-sphinx-theme.js"
TAB_STOPS = re.compile(
    r'(document\.querySelectorAll\(\[[^\]]*\]\.join\(", "\)\))'
    r"\.forEach\(e=>\{e\.tabIndex=e\.scrollWidth>e\.clientWidth\|\|e\.scrollHeight>e\.clientHeight\?0:-1\}\)"
)
BATCHED_TAB_STOPS = (
    '(n=>{const t=Array.from(n,e=>e.closest("details:not([open])")?-1:'
    "e.scrollWidth>e.clientWidth||e.scrollHeight>e.clientHeight?0:-1);"
    "n.forEach((e,i)=>{if(e.tabIndex!==t[i])e.tabIndex=t[i]})})(\\1)"
)
BATCHED_MARK = '(n=>{const t=Array.from(n,e=>e.closest("details:not([open])")?-1:'


def batch_tab_stops(js: str) -> str:
    """The theme script with its tab-stop pass reading all sizes before writing any tabindex.

    Raises if the script has neither the pass nor the rewrite: a new theme release changed it,
    and the rewrite must be looked at again rather than silently dropped.
    """
    if BATCHED_MARK in js:
        return js
    fixed, n = TAB_STOPS.subn(BATCHED_TAB_STOPS, js)
    if n != 1:
        raise RuntimeError(f"{THEME_JS}: the theme's tab-stop pass was not found; update _ext/postbuild.py")
    return fixed


#: The whole book as one PDF, at the site's root (written by ``make pdf``, pakjapan/pdf.py).
PDF_NAME = "pakistan-japan.pdf"


def fix(html: str, page: str = "intro.html") -> str:
    """One built page (``page``: its path in the site, with /), fixed as the module docstring
    says; also points the footer's PDF link at the PDF relative to the page. Pure, so tested."""
    search_page = page == "search.html"
    html = html.replace('href="PDF_HREF"', f'href="{"../" * page.count("/")}{PDF_NAME}"')
    html = html.replace(TOGGLE, NAMED_TOGGLE).replace(CITATIONS, '<div class="citation-list">')
    html = html.replace(CODE_TOGGLE, "<summary>")
    html = SEARCH_FIELD.sub(r"\1", html)
    html = FONTAWESOME_SCRIPT.sub("", html)
    head, sep, body = html.partition("</head>")
    if sep:
        head = SCRIPT_PRELOAD.sub("", head)
        if not search_page:
            head = SEARCH_SCRIPTS.sub("", head)
        head = HEAD_SCRIPT.sub("<script defer ", head)
        head = THEME_CSS.sub(r'<link href="\1basic.css" rel="stylesheet" />', head)
        html = head + sep + body
    return readable(html)


def _is_thebe(asset: Any) -> bool:
    name = getattr(asset, "filename", None) or ""
    body = str(getattr(asset, "attributes", {}).get("body", ""))
    return "thebe" in name or "THEBE_JS_URL" in body


def _asset_key(asset: Any) -> tuple[str, tuple[tuple[str, str], ...]]:
    attributes = getattr(asset, "attributes", {}) or {}
    return str(getattr(asset, "filename", asset)), tuple(sorted((k, str(v)) for k, v in attributes.items()))


def tidy_assets(assets: list[Any], thebe: bool) -> list[Any]:
    """The page's scripts or stylesheets, each once, without Thebe's unless Thebe is on."""
    seen: set[tuple[str, tuple[tuple[str, str], ...]]] = set()
    kept = []
    for asset in assets:
        key = _asset_key(asset)
        if key in seen or (not thebe and _is_thebe(asset)):
            continue
        seen.add(key)
        kept.append(asset)
    return kept


def _on_page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    thebe = bool((app.config.html_theme_options or {}).get("launch_buttons", {}).get("thebe"))
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = tidy_assets(context[key], thebe)


def precompress(root: Path) -> int:
    """Write ``name.gz`` beside every text file under ``root`` (mtime 0, so the bytes are the
    same on every build); return how many were written."""
    count = 0
    for path in root.rglob("*"):
        if path.is_file() and path.suffix in COMPRESSIBLE:
            data = path.read_bytes()
            (path.parent / (path.name + ".gz")).write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
            count += 1
    return count


STYLESHEET = re.compile(r'[ \t]*<link (?=[^>]*rel="stylesheet")[^>]*href="([^"?#]+)[^"]*"[^>]*/>\n?')
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
CSS_RULE = re.compile(r"([^{}]+)\{[^{}]*\}")
COMMENT = re.compile(r"/\*.*?\*/", re.S)
LICENCE_COMMENT = re.compile(r"/\*!.*?\*/", re.S)
WORD = re.compile(r"[A-Za-z0-9_-]+")
PARENS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
SELECTOR_NAME = re.compile(r"[.#]((?:\\.|[A-Za-z0-9_-])+)")
DOC_OPTIONS = re.compile(r'<script src="[^"]*_static/documentation_options\.js[^"]*"></script>')


def site_words(root: Path) -> set[str]:
    """Every word (letters, digits, ``-``, ``_``) in the site's pages and scripts: any class or
    id the pages carry, or a script may add, is among them."""
    found: set[str] = set()
    for path in root.rglob("*"):
        if path.suffix in (".html", ".js") and path.is_file():
            found |= set(WORD.findall(path.read_text(encoding="utf-8", errors="replace")))
    return found


def selector_used(selector: str, words: set[str]) -> bool:
    """Whether every class and id that ``selector`` requires appears in ``words``. What sits in
    parentheses (``:not(.x)``, ``:is(.a,.b)``) or brackets (``[href="#x"]``) is ignored, so the
    test only errs towards keeping."""
    previous = None
    while previous != selector:
        previous, selector = selector, PARENS.sub("", selector)
    needed = [n.replace("\\", "") for n in SELECTOR_NAME.findall(selector)]
    return all(n in words for n in needed)


def split_selectors(head: str) -> list[str]:
    """A selector list split at its top-level commas (not those inside ``:is(a, b)``)."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(head):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(head[start:i])
            start = i + 1
    parts.append(head[start:])
    return parts


def drop_unused_rules(css: str, words: set[str]) -> str:
    """The stylesheet without the selectors no page can match: Bootstrap, the theme and Font
    Awesome (a rule for each of ~2,000 icons) ship 400 kB of rules, most of them for components
    this book never shows, and a phone pays for every rule on every style recalculation.
    Comments go first (a comma in one would split a selector list), licence comments (``/*!``)
    are kept at the top."""
    licences = "".join(m + "\n" for m in LICENCE_COMMENT.findall(css))
    css = COMMENT.sub("", css)

    def keep(match: re.Match[str]) -> str:
        head = match.group(1)
        if head.lstrip().startswith("@") or "%" in head or not head.strip():
            return match.group(0)
        selectors = split_selectors(head)
        kept = [s for s in selectors if selector_used(s, words)]
        if not kept:
            return ""
        if len(kept) == len(selectors):
            return match.group(0)
        return ",".join(kept) + match.group(0)[len(head) :]

    return licences + CSS_RULE.sub(keep, css)


def rebase_urls(css: str, source_dir: Path, target_dir: Path) -> str:
    """Relative url(...) references of a stylesheet moved from ``source_dir`` to ``target_dir``."""

    def rebase(match: re.Match[str]) -> str:
        quote, url = match.groups()
        if url.startswith(("data:", "http:", "https:", "/", "#")):
            return match.group(0)
        return f"url({quote}{Path(os.path.relpath(source_dir / url, target_dir)).as_posix()}{quote})"

    return CSS_URL.sub(rebase, css)


ICON_CODEPOINT = re.compile(r"\\([0-9a-fA-F]{1,6})")
FONT_SRC = re.compile(
    r'src:url\(([^)]*/)?(fa-[a-z]+-\d+)\.woff2\) format\("woff2"\),url\([^)]*\.ttf\) format\("truetype"\)'
)


def subset_icon_fonts(css: str, css_dir: Path) -> str:
    """The icon fonts cut down to the glyphs the (already trimmed) stylesheet still names: the
    solid face alone is 156 kB, and, declared font-display:block, it holds up the first full
    render on a slow phone. Each @font-face then points at a small WOFF of its own."""
    from fontTools import subset

    codepoints = {int(c, 16) for c in ICON_CODEPOINT.findall(css)}
    codepoints |= {ord(ch) for ch in css if 0xE000 <= ord(ch) <= 0xF8FF}  # icons written literally
    codepoints |= set(range(0x20, 0x7F))  # a few icons sit on ASCII ("+", "!"); their glyphs are tiny

    def replace(match: re.Match[str]) -> str:
        folder, name = match.group(1) or "", match.group(2)
        ttf = (css_dir / folder / f"{name}.ttf").resolve()
        if not ttf.is_file():
            return match.group(0)
        options = subset.Options()
        options.flavor = "woff"
        options.notdef_outline = True
        font = subset.load_font(str(ttf), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(codepoints))
        subsetter.subset(font)
        subset.save_font(font, str(ttf.with_name(f"{name}.site.woff")), options)
        return f'src:url({folder}{name}.site.woff) format("woff")'

    return FONT_SRC.sub(replace, css)


BUNDLE = "_static/styles/pj-bundle.css"
BUNDLE_FILES = "_static/styles/pj-bundle.files"


def write_bundle(out: Path, files: tuple[str, ...]) -> None:
    """Concatenate ``files`` (paths in the site) into the bundle, trimming unused icon rules,
    rebasing relative urls and cutting the icon fonts down; record the list beside it, so a
    later incremental build whose pages Sphinx did not rewrite still rebuilds it from source."""
    target_dir = (out / BUNDLE).parent
    words = site_words(out)
    parts = []
    for f in files:
        css = drop_unused_rules((out / f).read_text(encoding="utf-8").replace('@charset "UTF-8";', ""), words)
        parts.append(f"/* {f} */\n" + rebase_urls(css, (out / f).parent, target_dir))
    text = subset_icon_fonts('@charset "UTF-8";\n' + "\n".join(parts), target_dir)
    (out / BUNDLE).write_text(text, encoding="utf-8")
    (out / BUNDLE_FILES).write_text("\n".join(files) + "\n", encoding="utf-8")


def bundle_styles(out: Path) -> int:
    """Replace each page's render-blocking stylesheets (nine files: nine requests before the
    first paint on a phone) by one bundle, and inline documentation_options.js, the one script
    left blocking. Pages whose list differs from the first page's keep their links. Return how
    many pages were rewritten."""
    options = out / "_static" / "documentation_options.js"
    inline_options = options.read_text(encoding="utf-8") if options.is_file() else None
    recorded = out / BUNDLE_FILES
    files: tuple[str, ...] | None = None
    count = 0
    for page in sorted(out.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        head, sep, body = html.partition("</head>")
        links = STYLESHEET.findall(head)
        found = tuple(Path(os.path.normpath(os.path.relpath(page.parent / h, out))).as_posix() for h in links)
        if len(found) < 2 or not all((out / f).is_file() for f in found):
            continue
        if files is None:
            files = found
        if found != files:
            continue
        href = Path(os.path.relpath(out / BUNDLE, page.parent)).as_posix()
        first = True

        def replace(match: re.Match[str], href: str = href) -> str:
            nonlocal first
            if first:
                first = False
                return f'    <link rel="stylesheet" href="{href}" />\n'
            return ""

        head = STYLESHEET.sub(replace, head)
        if inline_options is not None:
            head = DOC_OPTIONS.sub(lambda _: f"<script>{inline_options}</script>", head)
        page.write_text(head + sep + body, encoding="utf-8")
        count += 1
    if files is None and recorded.is_file():
        files = tuple(recorded.read_text(encoding="utf-8").split())
    if files is not None:
        write_bundle(out, files)
    return count


def _on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    for name in DROPPED_FILES:
        (out / name).unlink(missing_ok=True)
    theme_js = out / THEME_JS
    theme_js.write_text(batch_tab_stops(theme_js.read_text(encoding="utf-8")), encoding="utf-8")
    for stale in out.rglob("*.gz"):
        stale.unlink()
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        fixed = fix(text, page.relative_to(out).as_posix())
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")
    bundle_styles(out)
    if app.builder.name == "html":
        precompress(out)


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("html-page-context", _on_page_context, priority=900)
    app.connect("build-finished", _on_build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
