"""Unit tests for the site's own code: page fixes after the build, readable tables and CSV
downloads, and the compressing server. No browser needed."""

from __future__ import annotations

import gzip
import sys
import urllib.request
from pathlib import Path

import pandas as pd
import pytest

from pakjapan import cite, serve, tables

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "_ext"))
import postbuild  # noqa: E402

HEAD = """<html><head>
  <link href="../_static/styles/theme.css?digest=abc" rel="stylesheet" />
  <link rel="preload" as="script" href="../_static/scripts/bootstrap.js?digest=abc" />
    <script src="../_static/documentation_options.js?v=1"></script>
    <script src="../_static/doctools.js?v=2"></script>
    <script>DOCUMENTATION_OPTIONS.pagename = 'x';</script>
    <script src="../_static/searchtools.js"></script>
    <script src="../_static/language_data.js"></script>
    <script src="../searchindex.js"></script>
</head><body>
<button class="btn search-button-field search-button__button pst-js-only" title="Search"
 aria-label="Search" data-bs-placement="bottom">
<summary aria-label="Toggle hidden content"><p>Show code cell source</p></summary>
<p class="copyright"><a class="pj-pdf" href="PDF_HREF">PDF</a></p>
<script defer src="../_static/scripts/pydata-sphinx-theme.js"></script>
</body></html>"""


def test_fix_defers_head_scripts_but_keeps_documentation_options_synchronous() -> None:
    out = postbuild.fix(HEAD, "notebooks/02_trade.html")
    assert '<script src="../_static/documentation_options.js?v=1">' in out
    assert '<script defer src="../_static/doctools.js?v=2">' in out
    assert 'rel="preload"' not in out
    assert '<link href="../_static/basic.css" rel="stylesheet" />' in out


def test_fix_loads_the_search_index_only_on_the_search_page() -> None:
    assert "searchindex.js" not in postbuild.fix(HEAD, "notebooks/02_trade.html")
    on_search = postbuild.fix(HEAD, "search.html")
    assert '<script defer src="../_static/searchtools.js">' in on_search
    assert '<script defer src="../searchindex.js">' in on_search


def test_fix_makes_accessible_names_match_visible_labels() -> None:
    out = postbuild.fix(HEAD, "intro.html")
    assert 'aria-label="Search"' not in out and "Toggle hidden content" not in out


def test_fix_points_the_pdf_link_from_each_folder() -> None:
    assert 'href="pakistan-japan.pdf"' in postbuild.fix(HEAD, "intro.html")
    assert 'href="../pakistan-japan.pdf"' in postbuild.fix(HEAD, "notebooks/02_trade.html")


def test_fix_is_idempotent() -> None:
    once = postbuild.fix(HEAD, "notebooks/02_trade.html")
    assert postbuild.fix(once, "notebooks/02_trade.html") == once


class _Asset(str):
    def __new__(cls, filename: str | None, **attributes: str) -> _Asset:
        obj = super().__new__(cls, filename or "")
        obj.filename, obj.attributes = filename, attributes
        return obj


def test_tidy_assets_drops_thebe_and_duplicates() -> None:
    thebe_config = _Asset(None, body='const THEBE_JS_URL = "x"')
    toggle = _Asset(None, body="var togglebuttonSelector = '.toggle';")
    assets = [
        _Asset("doctools.js"),
        thebe_config,
        _Asset("sphinx-thebe.js", **{"async": "async"}),
        toggle,
        thebe_config,
        toggle,
    ]
    assert postbuild.tidy_assets(assets, thebe=False) == [assets[0], toggle]
    assert postbuild.tidy_assets(assets, thebe=True) == assets[:4]


def test_theme_tab_stop_pass_is_batched_once_and_refuses_an_unknown_script() -> None:
    import pydata_sphinx_theme

    js = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static" / "scripts"
    original = (js / "pydata-sphinx-theme.js").read_text(encoding="utf-8")
    batched = postbuild.batch_tab_stops(original)
    assert batched != original and postbuild.BATCHED_MARK in batched
    # Every size is read (Array.from) before any tabindex is written, and the same nodes are used.
    assert 'Array.from(document.querySelectorAll(["pre",' not in batched  # the call is wrapped, not inlined
    assert '})(document.querySelectorAll(["pre",' in batched
    assert postbuild.batch_tab_stops(batched) == batched
    with pytest.raises(RuntimeError, match="tab-stop pass was not found"):
        postbuild.batch_tab_stops("console.log(1)")


def test_precompress_writes_deterministic_gzip_twins(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<p>hello</p>" * 50, encoding="utf-8")
    (tmp_path / "b.png").write_bytes(b"\x89PNG")
    assert postbuild.precompress(tmp_path) == 1
    first = (tmp_path / "a.html.gz").read_bytes()
    assert gzip.decompress(first) == (tmp_path / "a.html").read_bytes()
    postbuild.precompress(tmp_path)
    assert (tmp_path / "a.html.gz").read_bytes() == first
    assert not (tmp_path / "b.png.gz").exists()


# Tables ---------------------------------------------------------------------------------------

FRAME = pd.DataFrame(
    {
        "claim_id": ["REV-01", "REV-02"],
        "event_date": ["2023-05-01", "2024-01-31"],
        "value_usd": [1.5, 2.0],
        "note": [float("nan"), float("nan")],
        "as written": ["a b", "c"],
    }
)


def test_header_words() -> None:
    assert tables.header_words("claim_id") == "Claim ID"
    assert tables.header_words("usd_value") == "USD value"
    assert tables.header_words("as written") == "As written"
    assert tables.header_words("growth %") == "Growth %"
    assert tables.header_words("US$ million") == "US$ million"


def test_readable_table_words_headers_keeps_ids_whole_and_drops_empty_columns() -> None:
    out = tables.readable(f"<div>{tables.html_table(FRAME)}</div>")
    assert "<th>Claim ID</th>" in out and "<th>Event date</th>" in out and "<th>As written</th>" in out
    assert "<th>Note</th>" not in out and "<th>note</th>" not in out
    assert '<td class="pj-nowrap">REV-01</td>' in out and '<td class="pj-nowrap">2023-05-01</td>' in out
    assert "<td>a b</td>" in out
    assert out.count('class="pj-table-scroll"') == 1 and 'tabindex="0"' in out
    assert tables.readable(out) == out


def test_readable_keeps_a_column_with_any_value() -> None:
    frame = FRAME.assign(note=[None, "kept"])
    assert "<th>Note</th>" in tables.readable(tables.html_table(frame))


def test_folded_default_output_is_the_table_and_its_full_source_line() -> None:
    """Without options the folded table holds the frame and, for rows with ids, the full list of sources
    (the chart above names three at most)."""
    line = cite.source_line(FRAME)
    assert tables.folded(FRAME).data == (
        f'<details><summary>Data behind the chart</summary>\n<p class="pj-sources">{line}</p>\n'
        f"{tables.html_table(FRAME)}\n</details>"
    )
    plain = FRAME.drop(columns="claim_id")
    assert tables.folded(plain).data == (
        f"<details><summary>Data behind the chart</summary>\n{tables.html_table(plain)}\n</details>"
    )


def test_folded_offers_the_data_as_csv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tables, "ROOT", tmp_path)
    chapter = tmp_path / "notebooks"
    chapter.mkdir()
    monkeypatch.chdir(chapter)
    out = tables.folded(FRAME, csv="trade-balance").data
    written = tmp_path / "_static" / "downloads" / "trade-balance.csv"
    assert 'href="../_static/downloads/trade-balance.csv" download' in out
    assert pd.read_csv(written).shape == FRAME.shape
    assert written.read_text(encoding="utf-8").splitlines()[0] == "claim_id,event_date,value_usd,note,as written"


def test_folded_links_an_external_publisher() -> None:
    out = tables.folded(FRAME, source_url="https://data.worldbank.org/x", publisher="World Bank").data
    assert '<a href="https://data.worldbank.org/x">Get the data from World Bank</a>' in out


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"csv": "Trade Balance"}, "lower-case"),
        ({"csv": "x", "source_url": "https://a"}, "not both"),
        ({"source_url": "data.csv"}, "https://"),
    ],
)
def test_folded_rejects_bad_options(
    kwargs: dict, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tables, "ROOT", tmp_path)
    with pytest.raises(ValueError, match=message):
        tables.folded(FRAME, **kwargs)


# Server ---------------------------------------------------------------------------------------


def _get(url: str, gzip_ok: bool) -> tuple[dict, bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    with urllib.request.urlopen(request) as response:
        return dict(response.headers), response.read()


def test_server_sends_gzip_precompressed_or_on_the_fly(tmp_path: Path) -> None:
    text = "<p>compress me</p>" * 100
    (tmp_path / "a.html").write_text(text, encoding="utf-8")
    (tmp_path / "b.css").write_text("p{}" * 100, encoding="utf-8")
    (tmp_path / "a.html.gz").write_bytes(gzip.compress(text.encode(), mtime=0))
    with serve.serving(tmp_path) as url:
        headers, body = _get(f"{url}/a.html", gzip_ok=True)
        assert headers["Content-Encoding"] == "gzip" and body == (tmp_path / "a.html.gz").read_bytes()
        headers, body = _get(f"{url}/b.css", gzip_ok=True)
        assert headers["Content-Encoding"] == "gzip" and gzip.decompress(body) == b"p{}" * 100
        headers, body = _get(f"{url}/a.html", gzip_ok=False)
        assert "Content-Encoding" not in headers and body == text.encode()


def test_serve_says_what_to_do_when_the_port_is_taken(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "intro.html").write_text("<p>x</p>", encoding="utf-8")
    busy = serve.make_server(tmp_path)
    try:
        port = busy.server_address[1]
        assert serve.main(["--port", str(port), "--directory", str(tmp_path)]) == 2
    finally:
        busy.server_close()
    err = capsys.readouterr().err
    assert f"port {port} is already in use" in err and f"make serve PORT={port + 1}" in err
    assert "Traceback" not in err


# Stylesheet bundle ----------------------------------------------------------------------------


def test_drop_unused_rules_keeps_what_pages_or_scripts_name() -> None:
    css = (
        "/*! licence, kept */\n/* a comment, with a comma */.used,.unused{color:red}.gone{color:blue}"
        ".x:is(.a,.b) .used{top:0}@media print{.unused{x:1}.used{x:2}}@font-face{font-family:F}"
        '@keyframes k{0%{opacity:0}to{opacity:1}}[data-x="#y"] .used{z:1}'
    )
    out = postbuild.drop_unused_rules(css, {"used", "x"})
    assert out.startswith("/*! licence, kept */")
    assert ".used{color:red}" in out and ".unused" not in out and ".gone" not in out
    assert ".x:is(.a,.b) .used{top:0}" in out
    assert "@media print{.used{x:2}}" in out and "@font-face{font-family:F}" in out
    assert "0%{opacity:0}" in out and '[data-x="#y"] .used{z:1}' in out
    assert "a comment" not in out


def test_split_selectors_respects_parentheses() -> None:
    assert postbuild.split_selectors(".a:is(.b,.c),.d") == [".a:is(.b,.c)", ".d"]


def test_rebase_urls_for_a_stylesheet_moved_to_another_folder(tmp_path: Path) -> None:
    css = 'a{background:url(file.png)}b{background:url("data:x")}c{src:url(../vendor/f.woff)}'
    out = postbuild.rebase_urls(css, tmp_path / "_static", tmp_path / "_static" / "styles")
    assert "url(../file.png)" in out and 'url("data:x")' in out and "url(../../vendor/f.woff)" in out


def test_bundle_styles_replaces_the_links_and_inlines_the_options(tmp_path: Path) -> None:
    static = tmp_path / "_static"
    (static / "styles").mkdir(parents=True)
    (static / "a.css").write_text(".used{color:red}.unused{color:blue}", encoding="utf-8")
    (static / "styles" / "b.css").write_text('@charset "UTF-8";.used{top:0}', encoding="utf-8")
    (static / "documentation_options.js").write_text("const DOCUMENTATION_OPTIONS = {};", encoding="utf-8")
    (tmp_path / "notebooks").mkdir()
    page = tmp_path / "notebooks" / "p.html"
    page.write_text(
        '<html><head>\n<link rel="stylesheet" type="text/css" href="../_static/a.css?v=1" />\n'
        '<link href="../_static/styles/b.css?digest=2" rel="stylesheet" />\n'
        '<script src="../_static/documentation_options.js?v=3"></script>\n</head>'
        '<body class="used"></body></html>',
        encoding="utf-8",
    )
    assert postbuild.bundle_styles(tmp_path) == 1
    html = page.read_text(encoding="utf-8")
    assert '<link rel="stylesheet" href="../_static/styles/pj-bundle.css" />' in html
    assert "a.css" not in html and "b.css" not in html
    assert "<script>const DOCUMENTATION_OPTIONS = {};</script>" in html
    bundle = (tmp_path / postbuild.BUNDLE).read_text(encoding="utf-8")
    assert bundle.count("@charset") == 1 and ".used{color:red}" in bundle and ".unused" not in bundle
    # an incremental build that rewrote no page still rebuilds the bundle from its sources
    (static / "a.css").write_text(".used{color:green}", encoding="utf-8")
    assert postbuild.bundle_styles(tmp_path) == 0
    assert ".used{color:green}" in (tmp_path / postbuild.BUNDLE).read_text(encoding="utf-8")


# Lighthouse report ----------------------------------------------------------------------------


def test_lighthouse_report_marks_each_page_against_the_targets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    from pakjapan import bench

    (tmp_path / "intro.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "slow.html").write_text("<p>x</p>", encoding="utf-8")
    figures = {
        "intro.html": {"score": 0.99, "lcp": 1500.0, "fcp": 900.0, "tbt": 0.0, "cls": 0.0},
        "slow.html": {"score": 0.97, "lcp": 2600.0, "fcp": 900.0, "tbt": 0.0, "cls": 0.0},
    }
    monkeypatch.setattr(bench, "lighthouse", lambda url: figures[url.rsplit("/", 1)[1]])
    monkeypatch.setattr(bench, "ROOT", tmp_path)
    assert bench.site_pages(tmp_path) == ["intro.html", "slow.html"]
    assert bench.lighthouse_report(tmp_path, ["intro.html"], runs=1) == 0
    assert bench.lighthouse_report(tmp_path, ["intro.html", "slow.html"], runs=2) == 1
    out = capsys.readouterr().out
    assert "slow.html" in out and "MISSED" in out and "missed: slow.html" in out


def test_a_csv_goes_to_the_book_the_notebook_runs_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A notebook of another copy of the book writes its download into that copy, linked from its folder."""
    for name in ("_config.yml", "_toc.yml"):
        (tmp_path / name).write_text("", encoding="utf-8")
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")
    assert tables.book_root() == tmp_path
    link = tables.write_csv(pd.DataFrame({"a": [1]}), "copy-test")
    assert link == "../_static/downloads/copy-test.csv"
    assert (tmp_path / "_static" / "downloads" / "copy-test.csv").read_text(encoding="utf-8") == "a\n1\n"
