"""The weekly link check, against a local HTTP server on 127.0.0.1 (never a real host)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from pakjapan import links

FAST = {"timeout": 0.5, "retries": 2, "backoff": 0.05}


class Handler(BaseHTTPRequestHandler):
    """/ok 200, /gone 404, /slow never answers in time, /flaky 503 once then 200,
    /nohead refuses HEAD but serves GET, /moved redirects to /ok, /busy always 503, /private 403."""

    hits: dict[str, int] = {}

    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def _answer(self) -> None:
        self.hits[self.path] = self.hits.get(self.path, 0) + 1
        if self.path == "/slow":
            time.sleep(1.5)
        status = {"/ok": 200, "/gone": 404, "/slow": 200, "/busy": 503, "/private": 403, "/moved": 301}.get(self.path)
        if self.path == "/flaky":
            status = 503 if self.hits[self.path] == 1 else 200
        if self.path == "/nohead":
            status = 405 if self.command == "HEAD" else 200
        self.send_response(status or 404)
        if status == 301:
            self.send_header("Location", "/ok")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = _answer
    do_HEAD = _answer


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    Handler.hits = {}
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize(
    ("path", "verdict"),
    [
        ("/ok", "ok"),
        ("/moved", "ok"),
        ("/nohead", "ok"),
        ("/flaky", "ok"),
        ("/gone", "dead"),
        ("/busy", "unverified"),
        ("/private", "unverified"),
        ("/slow", "unverified"),
    ],
)
def test_verdicts(server: str, path: str, verdict: str) -> None:
    assert links.check(server + path, **FAST).verdict == verdict


def test_flaky_host_is_retried_and_dead_link_is_not(server: str) -> None:
    assert links.check(server + "/flaky", **FAST).verdict == "ok"
    assert Handler.hits["/flaky"] == 2
    links.check(server + "/gone", **FAST)
    assert Handler.hits["/gone"] == 2  # HEAD, then GET to confirm; no retries on a definite answer


def test_time_is_bounded(server: str) -> None:
    start = time.perf_counter()
    result = links.check(server + "/slow", **FAST)
    assert time.perf_counter() - start < 3 * 0.5 * 2 + 1, "three tries of a bounded request, plus back-off"
    assert "no answer within 0.5 s after 3 tries" == result.detail


def _project(tmp_path: Path, base: str, paths: list[str], doi: str = "") -> Path:
    (tmp_path / "data").mkdir()
    rows = "\n".join(f"R{i},{base}{p}." for i, p in enumerate(paths))
    (tmp_path / "data" / "figures.csv").write_text(f"ref_id,url\n{rows}\n", encoding="utf-8")
    (tmp_path / "references.bib").write_text(
        "@misc{a,\n  url = {" + base + "/ok},\n" + (f"  doi = {{{doi}}}\n" if doi else "") + "}\n", encoding="utf-8"
    )
    return tmp_path


def test_every_cited_address_is_found_with_its_place(tmp_path: Path) -> None:
    root = _project(tmp_path, "https://example.org", ["/a", "/b"], doi="10.1000/xyz")
    found = links.cited_urls(root)
    assert found == {
        "https://example.org/a": ["data/figures.csv line 2 column url"],
        "https://example.org/b": ["data/figures.csv line 3 column url"],
        "https://example.org/ok": ["references.bib line 2"],
        "https://doi.org/10.1000/xyz": ["references.bib line 3"],
    }


def test_the_project_cites_addresses() -> None:
    found = links.cited_urls()
    assert found and all(u.startswith(("http://", "https://")) for u in found)
    assert any("reference_figures.csv" in where for places in found.values() for where in places)


def test_slow_host_is_reported_but_does_not_fail(
    server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = links.check
    monkeypatch.setattr(links, "check", lambda url, **_: real(url, **FAST))
    root = _project(tmp_path, server, ["/slow"])
    assert links.main([str(root)]) == 0
    out = capsys.readouterr().out
    assert "1 ok, 0 dead, 1 unverified" in out  # the slow host, and the bib's /ok
    assert f"| {server}/slow | no answer within 0.5 s after 3 tries | data/figures.csv line 2 column url |" in out


def test_dead_link_fails_the_check_and_says_where_it_is_cited(
    server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = links.check
    monkeypatch.setattr(links, "check", lambda url, **_: real(url, **FAST))
    root = _project(tmp_path, server, ["/gone", "/ok"])
    (root / "references.bib").write_text("", encoding="utf-8")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert links.main([str(root)]) == 1
    out = capsys.readouterr().out
    assert f"| {server}/gone | HTTP 404 | data/figures.csv line 2 column url |" in out
    assert "1 ok, 1 dead, 0 unverified" in out
    assert summary.read_text(encoding="utf-8").strip() == out.strip()
