"""Data tables for readers: plain, deterministic HTML, optionally folded under a summary line.

Tables are rendered with ``DataFrame.to_html`` rather than a Styler because Styler output
carries random element ids, which would make every re-run differ and break nbval.

Two layers, so the committed notebook outputs stay valid while the site reads well on phones:

- ``html_table``/``folded`` write the table as pandas does (what nbval compares), and ``folded``
  can put a CSV download of the data, or a link to its publisher, beside the table;
- ``readable`` rewrites any such table for reading: headers in words instead of snake_case, no
  line breaks inside ids and dates, columns with no value at all left out, and the table wrapped
  in a focusable region that scrolls sideways as a whole. The site build applies it to every
  table of class ``pj-table`` (``_ext/postbuild.py``), so outputs need no re-run to benefit.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

import pandas as pd
from IPython.display import HTML

#: Where notebooks write CSV downloads, relative to the book's root. Sphinx copies ``_static``
#: into the site as it is, so ``_static/downloads/x.csv`` is served at the same path, and a link
#: relative to the notebook's folder is right for the page built from it.
DOWNLOADS = "_static/downloads"
ROOT = Path(__file__).resolve().parent.parent

#: Words shown in capitals when a snake_case header is turned into words.
ACRONYMS = {
    "id": "ID",
    "usd": "USD",
    "jpy": "JPY",
    "pkr": "PKR",
    "oda": "ODA",
    "gdp": "GDP",
    "fdi": "FDI",
    "jica": "JICA",
    "fy": "FY",
    "url": "URL",
    "cpec": "CPEC",
    "un": "UN",
}
SNAKE = re.compile(r"^[a-z][a-z0-9]*(?:[_ ][a-z0-9]+)*$")
#: A cell that must not wrap: one token (no spaces) joined by hyphens or slashes, such as an id
#: (REV-01), a date (2023-05-01) or a fiscal year (FY2023-24). Browsers break lines after hyphens.
UNBREAKABLE = re.compile(r"^[\w.]+(?:[-/–][\w.]+)+$")
CSV_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def html_table(frame: pd.DataFrame) -> str:
    """The frame as an HTML table without the index, missing values shown as blanks."""
    return frame.to_html(index=False, na_rep="", border=0, classes="pj-table", escape=True, justify="left")


def table(frame: pd.DataFrame) -> HTML:
    """A displayable table (for glue or direct display)."""
    return HTML(html_table(frame))


def header_words(name: str) -> str:
    """A column name as a reader's header: ``claim_id`` -> ``Claim ID``, ``growth %`` ->
    ``Growth %``; a header already in words is unchanged."""
    if SNAKE.match(name):
        words = [ACRONYMS.get(w, w) for w in re.split(r"[_ ]", name)]
        return " ".join([words[0][0].upper() + words[0][1:], *words[1:]])
    return name[0].upper() + name[1:] if name[:1].islower() else name


def book_root(start: Path | None = None) -> Path:
    """The book a notebook runs in: the nearest folder at or above ``start`` (the working folder,
    which is the notebook's own) holding ``_config.yml`` and ``_toc.yml``; the package's own
    checkout if there is none. Not simply the package's folder: one environment may run the
    notebooks of another copy of the book (a scratch copy, a second clone), whose downloads
    belong in that copy."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "_config.yml").is_file() and (folder / "_toc.yml").is_file():
            return folder
    return ROOT


def write_csv(frame: pd.DataFrame, name: str, root: Path | None = None) -> str:
    """Write ``frame`` (index left out) to ``_static/downloads/<name>.csv`` under the book's root
    and return the link to it from the current folder (a notebook runs in its own folder, so this
    is the link from the page built from it). The name must be plain (lower case, digits, ``-``
    and ``_``) so the link is the same on every system. Commit the CSV with the notebook."""
    if not CSV_NAME.match(name):
        raise ValueError(f"CSV name {name!r}: expected lower-case letters, digits, '-' or '_' (e.g. 'trade-balance')")
    folder = (root or book_root()) / DOWNLOADS
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.csv"
    frame.to_csv(target, index=False, lineterminator="\n")
    return Path(os.path.relpath(target, Path.cwd())).as_posix()


#: Where a chart shown on a page without code (the landing page) is saved, under the book's root.
CHARTS = Path("_static") / "charts"


def save_chart(svg: str, name: str, root: Path | None = None) -> Path:
    """Write a finished chart's SVG to ``_static/charts/<name>.svg`` (a plain name, as for CSVs)."""
    if not CSV_NAME.match(name):
        raise ValueError(f"chart name {name!r}: expected lower-case letters, digits, '-' or '_'")
    folder = (root or book_root()) / CHARTS
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.svg"
    target.write_text(svg, encoding="utf-8")
    return target


def _sources(frame: pd.DataFrame) -> str:
    """The full source line of a frame that carries row ids (a chart's short line points here)."""
    from . import cite

    if not any(c in frame.columns for c in cite.ROW_COLUMNS):
        return ""
    return f'<p class="pj-sources">{html.escape(cite.source_line(frame))}</p>\n'


def folded(
    frame: pd.DataFrame,
    summary: str = "Data behind the chart",
    *,
    csv: str | None = None,
    source_url: str | None = None,
    publisher: str | None = None,
) -> HTML:
    """The table folded inside <details>, so it is one click away without crowding the page.

    Offer the data behind the chart beside it (as Our World in Data does), one of:

    - ``csv="trade-balance"``: the frame is written to ``_static/downloads/trade-balance.csv``
      (index left out; commit it with the notebook) and a "Download the data (CSV)" link to it is
      shown beside the folded table. Use it for charts drawn from the book's own tables. The
      build copies ``_static`` into the site, so the link works there, and the browser test
      checks that every CSV link resolves and parses.
    - ``source_url="https://..."`` (and optionally ``publisher="World Bank"``): a link to the
      publisher of an external dataset, whose rows the book must not redistribute.

    Without either, the output is exactly what it was before these options existed.
    """
    if csv is not None and source_url is not None:
        raise ValueError("folded(): give csv= for the book's own data or source_url= for an external dataset, not both")
    if source_url is not None and not source_url.startswith(("https://", "http://")):
        raise ValueError(f"folded(): source_url {source_url!r} must be a web address starting with https://")
    sources = _sources(frame)
    body = f"<details><summary>{html.escape(summary)}</summary>\n{sources}{html_table(frame)}\n</details>"
    if csv is not None:
        href = write_csv(frame, csv)
        body += (
            f'\n<p class="pj-download"><a href="{html.escape(href)}" download>'
            f"Download the data (CSV, {len(frame)} rows)</a></p>"
        )
    elif source_url is not None:
        who = html.escape(publisher) if publisher else "the publisher"
        body += f'\n<p class="pj-download"><a href="{html.escape(source_url)}">Get the data from {who}</a></p>'
    return HTML(body)


TABLE = re.compile(r'<table class="[^"]*\bpj-table\b[^"]*">.*?</table>', re.S)
WRAP_OPEN = '<div class="pj-table-scroll" role="region" tabindex="0" aria-label="Data table, scrolls sideways">'


def readable_table(table_html: str) -> str:
    """One pandas-written table made readable: words for snake_case headers, ``pj-nowrap`` on
    cells holding one hyphenated token (ids, dates) so they never break at the hyphen, and any
    column with no value in any row left out (it carries nothing; a CSV download keeps the frame)."""
    # Imported here: only the site build rewrites tables, and every chapter's kernel imports
    # this module, so bs4's tenth of a second would be paid ten times per `make notebooks`.
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(table_html, "html.parser")
    rows = [tr.find_all(["td", "th"], recursive=False) for tr in soup.select("tbody > tr")]
    heads = soup.select("thead > tr > th")
    single_header = len(soup.select("thead > tr")) == 1
    empty = [
        i
        for i in range(len(heads))
        if single_header and rows and all(len(r) > i and not r[i].get_text(strip=True) for r in rows)
    ]
    for i in reversed(empty):
        heads[i].decompose()
        for r in rows:
            r[i].decompose()
    for th in soup.select("thead th"):
        words = header_words(th.get_text())
        if words != th.get_text():
            th.string = words
    for td in soup.select("tbody td"):
        if UNBREAKABLE.match(td.get_text(strip=True)) and "pj-nowrap" not in td.get("class", []):
            td["class"] = [*td.get("class", []), "pj-nowrap"]
    return str(soup)


def readable(page_html: str) -> str:
    """Every ``table.pj-table`` in a page made readable (``readable_table``) and wrapped in a
    labelled, focusable region that scrolls sideways as a whole, so a wide table never makes
    the page itself scroll sideways on a phone. Idempotent: the site build may run it twice."""
    out, last = [], 0
    for match in TABLE.finditer(page_html):
        before = page_html[last : match.start()]
        wrapped = before.rstrip().endswith(WRAP_OPEN)
        out.append(before)
        out.append(match.group(0) if wrapped else f"{WRAP_OPEN}{readable_table(match.group(0))}</div>")
        last = match.end()
    out.append(page_html[last:])
    return "".join(out)
