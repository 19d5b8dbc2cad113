"""The fetch layer against a loopback HTTP server: good, corrupted, missing and truncated downloads,
the offline folder, the cache, and ``make data``'s report (one line an input, no traceback)."""

from __future__ import annotations

import csv
import hashlib
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from pakjapan.upstream import fetch, manifest
from pakjapan.upstream.errors import UpstreamError

ROOT = Path(__file__).resolve().parent.parent
GOOD = b"year,value\n2024,1.5\n" * 50
BAD = GOOD.replace(b"1.5", b"9.5")  # same size, other content


class _Handler(http.server.BaseHTTPRequestHandler):
    """Serves /good.csv, /bad.csv (wrong bytes), /short.csv (announces the full size, sends half),
    /half.csv (half the bytes, honestly announced), files of a folder under /files/, else 404."""

    folder: Path | None = None

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        name = self.path.rsplit("/", 1)[-1]
        if self.path.startswith("/files/") and self.folder and (self.folder / name).is_file():
            self._send((self.folder / name).read_bytes())
        elif name == "good.csv":
            self._send(GOOD)
        elif name == "bad.csv":
            self._send(BAD)
        elif name == "half.csv":
            self._send(GOOD[: len(GOOD) // 2])
        elif name == "short.csv":
            self.send_response(200)
            self.send_header("Content-Length", str(len(GOOD)))
            self.end_headers()
            self.wfile.write(GOOD[: len(GOOD) // 2])
            self.wfile.flush()
            self.close_connection = True
        else:
            self.send_error(404)

    def _send(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def loopback() -> Iterator[tuple[str, type[_Handler]]]:
    handler = type("Handler", (_Handler,), {"folder": None})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", handler
    httpd.shutdown()
    httpd.server_close()


def _manifest(data_dir: Path, files: list[str]) -> None:
    """Replace the scratch manifest with one input per file name, each pinned to GOOD's sha256 (the
    addresses cannot resolve: the tests reach the loopback server as a mirror)."""
    path = data_dir / "upstream.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    template = rows[0]
    out = []
    for name in files:
        stem = name.split(".")[0]
        out.append(
            template
            | {
                "input": f"test_{stem}",
                "file": name,
                "url": f"https://upstream.invalid/{name}",
                "sha256": hashlib.sha256(GOOD).hexdigest(),
                "bytes": str(len(GOOD)),
            }
        )
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(template), lineterminator="\n")
        writer.writeheader()
        writer.writerows(out)


@pytest.fixture
def env(scratch_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, loopback) -> dict[str, object]:
    """A scratch manifest of small inputs, the loopback server as mirror; empty cache and offline folder."""
    base, handler = loopback
    _manifest(scratch_data, ["good.csv", "bad.csv", "short.csv", "half.csv", "gone.csv"])
    cache, offline = tmp_path / "cache", tmp_path / "offline"
    offline.mkdir()
    monkeypatch.setenv("PAKJAPAN_DATA", str(scratch_data))
    monkeypatch.setenv(fetch.ENV_CACHE, str(cache))
    monkeypatch.setenv(fetch.ENV_UPSTREAM, str(offline))
    monkeypatch.setenv(fetch.ENV_MIRROR, base)
    return {"base": base, "cache": cache, "offline": offline, "handler": handler, "data": scratch_data}


def test_a_good_download_is_verified_and_cached(env: dict) -> None:
    got = fetch.fetch("test_good")
    assert got.path == env["cache"] / "good.csv"
    assert got.path.read_bytes() == GOOD
    assert got.how == f"downloaded from {env['base']}/good.csv"
    again = fetch.fetch("test_good")  # now from the cache, no download
    assert again.how.startswith("cache ")


def test_a_corrupted_download_is_refused_and_not_kept(env: dict) -> None:
    with pytest.raises(UpstreamError) as err:
        fetch.fetch("test_bad")
    message = str(err.value)
    assert message.startswith("test_bad: the file downloaded from ")
    assert f"{env['base']}/bad.csv" in message
    assert f"sha256 {hashlib.sha256(BAD).hexdigest()}" in message
    assert f"expected {hashlib.sha256(GOOD).hexdigest()}" in message
    assert list(env["cache"].iterdir()) == []


def test_a_missing_file_names_the_input_the_address_and_the_fix(env: dict) -> None:
    with pytest.raises(UpstreamError) as err:
        fetch.fetch("test_gone")
    message = str(err.value)
    assert f"test_gone: {env['base']}/gone.csv answered HTTP 404" in message
    assert "PAKJAPAN_UPSTREAM" in message and "PAKJAPAN_MIRROR" in message
    assert list(env["cache"].iterdir()) == []


def test_a_download_cut_off_midway_is_refused_and_not_kept(env: dict) -> None:
    with pytest.raises(UpstreamError) as err:
        fetch.fetch("test_short")
    assert "cut off" in str(err.value) and "test_short" in str(err.value)
    assert list(env["cache"].iterdir()) == []


def test_a_short_file_served_whole_fails_its_hash(env: dict) -> None:
    with pytest.raises(UpstreamError) as err:
        fetch.fetch("test_half")
    message = str(err.value)
    assert f"({len(GOOD) // 2:,} bytes), expected" in message and "cut off" in message
    assert list(env["cache"].iterdir()) == []


def test_the_offline_folder_is_used_in_place_when_its_hash_matches(env: dict, monkeypatch) -> None:
    (env["offline"] / "gone.csv").write_bytes(GOOD)  # the server has no such file: no download possible
    got = fetch.fetch("test_gone")
    assert got.path == env["offline"] / "gone.csv"
    assert got.how == f"offline folder {env['offline']}"
    assert not env["cache"].exists()


def test_a_wrong_file_in_the_offline_folder_is_passed_over(env: dict) -> None:
    (env["offline"] / "good.csv").write_bytes(BAD)
    got = fetch.fetch("test_good")
    assert got.path == env["cache"] / "good.csv" and got.path.read_bytes() == GOOD


def test_a_damaged_cached_copy_is_deleted_not_used(env: dict) -> None:
    env["cache"].mkdir()
    (env["cache"] / "gone.csv").write_bytes(BAD)
    assert fetch.locate("test_gone") is None
    assert not (env["cache"] / "gone.csv").exists()


def test_the_mirror_replaces_every_address(env: dict, monkeypatch) -> None:
    monkeypatch.setenv(fetch.ENV_MIRROR, f"{env['base']}/mirror/")
    got = fetch.fetch("test_good")
    assert got.how == f"downloaded from {env['base']}/mirror/good.csv"


def test_offline_and_missing_names_both_variables(env: dict, monkeypatch) -> None:
    monkeypatch.setenv(fetch.ENV_MIRROR, "http://127.0.0.1:9")  # discard port: nothing listens
    with pytest.raises(UpstreamError) as err:
        fetch.fetch("test_good")
    message = str(err.value)
    assert "not available offline" in message and "no connection" in message
    assert f"PAKJAPAN_UPSTREAM is {env['offline']}" in message and "PAKJAPAN_MIRROR" in message
    assert not fetch.available(["test_good"])
    assert "test_good" in fetch.why_unavailable(["test_good"])


def _make_data(env_vars: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``make data``'s command in a fresh process, with the test's environment (monkeypatched) and ``env_vars``."""
    return subprocess.run(
        [sys.executable, "-m", "pakjapan.upstream.fetch"],
        cwd=ROOT,
        env=os.environ | env_vars,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_make_data_reports_each_input_and_fails_without_a_traceback(env: dict) -> None:
    run = _make_data({})
    assert run.returncode == 1
    assert "Traceback" not in run.stderr + run.stdout
    assert run.stdout.splitlines()[0].startswith("ok      test_good ")
    failed = [line for line in run.stderr.splitlines() if line.startswith("FAILED  ")]
    assert [line.split()[1] for line in failed] == ["test_bad:", "test_short:", "test_half:", "test_gone:"]
    assert run.stdout.splitlines()[-1] == "1 of 5 inputs fetched and verified; 4 failed"


@pytest.mark.needs_upstream
def test_make_data_fetches_every_real_input_from_a_loopback_mirror(loopback, tmp_path: Path) -> None:
    """The whole manifest, with no offline folder and an empty cache, from a mirror holding the files."""
    base, handler = loopback
    handler.folder = fetch.upstream_dir()
    run = _make_data(
        {
            fetch.ENV_MIRROR: f"{base}/files",
            fetch.ENV_CACHE: str(tmp_path / "cache"),
            fetch.ENV_UPSTREAM: str(tmp_path / "empty"),
        }
    )
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    names = list(manifest.inputs())
    assert [line.split()[1] for line in lines[:-1]] == names
    assert all(f"sha256 verified  (downloaded from {base}/files/" in line for line in lines[:-1])
    assert lines[-1] == f"{len(names)} of {len(names)} inputs fetched and verified"
    for name in names:
        inp = manifest.get(name)
        assert hashlib.sha256((tmp_path / "cache" / inp.file).read_bytes()).hexdigest() == inp.sha256
