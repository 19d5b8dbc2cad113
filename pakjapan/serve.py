"""`make serve`: the built site on 127.0.0.1, compressed as static hosts serve it.

Readers on slow phone networks get gzip: a file's precompressed ``.gz`` twin (written by the
build, ``_ext/postbuild.py``) when there is one, otherwise text compressed on the fly, and plain
bytes only to clients that do not accept gzip. The browser tests and ``make bench`` use the same
server, so what they measure is what a reader of a static host would get.
"""

from __future__ import annotations

import argparse
import errno
import functools
import gzip
import http.server
import io
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"
COMPRESSIBLE = {".html", ".css", ".js", ".svg", ".json", ".csv", ".txt", ".xml", ".map"}


class CompressingHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-encoded for clients that accept it (precompressed twin first)."""

    protocol_version = "HTTP/1.1"
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".svg": "image/svg+xml",
        ".csv": "text/csv",
        ".pdf": "application/pdf",
    }

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        if self.server.verbose:  # type: ignore[attr-defined]
            super().log_message(format, *args)

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts_gzip and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        twin = path.with_name(path.name + ".gz")
        if twin.is_file() and twin.stat().st_mtime >= path.stat().st_mtime:
            body = twin.read_bytes()
        else:
            body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        self.end_headers()
        return io.BytesIO(body)


def make_server(
    site: Path, port: int = 0, host: str = "127.0.0.1", verbose: bool = False
) -> http.server.ThreadingHTTPServer:
    """A threaded server for ``site`` on ``host:port`` (0: any free port). Raises OSError if the
    port cannot be bound; ``main`` turns that into advice."""
    handler = functools.partial(CompressingHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer((host, port), handler)
    httpd.daemon_threads = True
    httpd.verbose = verbose  # type: ignore[attr-defined]
    return httpd


@contextmanager
def serving(site: Path = SITE) -> Iterator[str]:
    """Serve ``site`` on a free port in a background thread; yield its base URL."""
    httpd = make_server(site)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve the built book, compressed, on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 8000))
    parser.add_argument("--directory", type=Path, default=SITE)
    args = parser.parse_args(argv)
    if not (args.directory / "intro.html").is_file():
        print(f"no built site in {args.directory}: run `make book` first", file=sys.stderr)
        return 2
    try:
        httpd = make_server(args.directory, args.port, verbose=True)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            print(
                f"port {args.port} is already in use (another `make serve`, or another program).\n"
                f"Stop that program, or serve on another port: make serve PORT={args.port + 1}",
                file=sys.stderr,
            )
        elif error.errno == errno.EACCES:
            print(
                f"port {args.port} needs privileges this user lacks: choose a port above 1023, "
                f"e.g. make serve PORT=8000",
                file=sys.stderr,
            )
        else:
            print(f"cannot serve on 127.0.0.1:{args.port}: {error.strerror}", file=sys.stderr)
        return 2
    print(f"Serving {args.directory} (gzip) at http://127.0.0.1:{args.port}/intro.html; Ctrl+C stops it")
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        print("\nstopped")
    finally:
        httpd.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
