"""Fetch and verify the upstream inputs (pooch), from the offline folder, the cache or the network.

Where a file comes from, in order:

1. ``$PAKJAPAN_UPSTREAM`` (default ``../shared/upstream`` beside the project, when it exists): used in
   place, offline, when its sha256 is the manifest's. Machines without internet work from here.
2. The cache, ``$PAKJAPAN_CACHE`` (default the user's cache folder, ``pooch.os_cache("pakjapan")``).
3. The network: the manifest's address, or ``$PAKJAPAN_MIRROR/<file name>`` when a mirror is set,
   downloaded by pooch into a temporary file, verified, then moved into the cache.

A file whose sha256 differs from the manifest's is never used: a bad cached copy or download is
deleted, and a bad copy in the offline folder is passed over. Every failure is one
:class:`UpstreamError` naming the input, its address, what was expected and how to fix it.

``python -m pakjapan.upstream.fetch`` (``make data``) fetches every input and prints one line each.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from .. import data
from . import manifest
from .errors import UpstreamError

#: The project root (the folder holding ``pakjapan/``).
PROJECT_ROOT = Path(__file__).resolve().parents[2]
ENV_CACHE = "PAKJAPAN_CACHE"
ENV_UPSTREAM = "PAKJAPAN_UPSTREAM"
ENV_MIRROR = "PAKJAPAN_MIRROR"
#: The offline folder used when ``PAKJAPAN_UPSTREAM`` is not set (and it exists).
DEFAULT_UPSTREAM = PROJECT_ROOT.parent / "shared" / "upstream"
#: Seconds to wait for a server before giving up on a download.
TIMEOUT = 60


@dataclass(frozen=True)
class Fetched:
    """A verified local copy of one input, and how it was obtained (for ``make data``'s report)."""

    input: manifest.Input
    path: Path
    how: str


def cache_dir() -> Path:
    """Where downloads and extracted tables are kept: ``$PAKJAPAN_CACHE`` or the user's cache folder."""
    env = os.environ.get(ENV_CACHE)
    if env:
        return Path(env)
    import pooch  # imported where used: a notebook reading cached tables needs neither pooch nor requests

    return Path(pooch.os_cache("pakjapan"))


def upstream_dir() -> Path | None:
    """The offline folder: ``$PAKJAPAN_UPSTREAM`` if set, else ``../shared/upstream`` if it exists."""
    env = os.environ.get(ENV_UPSTREAM)
    if env:
        return Path(env)
    return DEFAULT_UPSTREAM if DEFAULT_UPSTREAM.is_dir() else None


def address(inp: manifest.Input) -> str:
    """Where the input is downloaded from: the mirror's ``<base>/<file>`` if set, else its own address."""
    mirror = os.environ.get(ENV_MIRROR)
    return f"{mirror.rstrip('/')}/{inp.file}" if mirror else inp.url


_digests: dict[tuple[str, int, int], str] = {}


def digest(path: Path) -> str:
    """The file's sha256, remembered per (path, size, modification time) so a process hashes each file once."""
    st = path.stat()
    key = (str(path.resolve()), st.st_size, st.st_mtime_ns)
    if key not in _digests:
        import pooch

        _digests[key] = pooch.file_hash(str(path), alg="sha256")
    return _digests[key]


def _offline_where() -> str:
    folder = upstream_dir()
    if os.environ.get(ENV_UPSTREAM):
        return f"{ENV_UPSTREAM} is {folder}"
    return f"{ENV_UPSTREAM} is unset and {DEFAULT_UPSTREAM} " + ("exists" if folder else "does not exist")


def _fix(inp: manifest.Input) -> str:
    return (
        f"To fix: put {inp.file} (sha256 {inp.sha256}) in the folder named by {ENV_UPSTREAM} "
        f"({_offline_where()}), or set {ENV_MIRROR} to a base address serving it, or connect to the internet."
    )


def locate(name: str) -> Fetched | None:
    """The input's verified local copy without touching the network, or None.

    A cached copy whose sha256 is wrong is deleted here, so it can never be used.
    """
    inp = manifest.get(name)
    folder = upstream_dir()
    if folder is not None:
        candidate = folder / inp.file
        if candidate.is_file() and digest(candidate) == inp.sha256:
            return Fetched(inp, candidate, f"offline folder {folder}")
    cached = cache_dir() / inp.file
    if cached.is_file():
        if digest(cached) == inp.sha256:
            return Fetched(inp, cached, f"cache {cache_dir()}")
        cached.unlink()
    return None


def _download(inp: manifest.Input) -> Fetched:
    import pooch
    import requests

    url = address(inp)
    target_dir = cache_dir()
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UpstreamError(
            f"{inp.input}: cannot create the cache folder {target_dir} ({exc}); set {ENV_CACHE}."
        ) from None
    part = target_dir / f".{inp.file}.part-{os.getpid()}"
    try:
        # stream=False: the body is read inside the request, so the connection is closed with it even
        # when the server fails midway (a streamed response left open on error leaks its socket).
        pooch.HTTPDownloader(progressbar=False, timeout=TIMEOUT, stream=False)(url, str(part), None)
        actual, size = pooch.file_hash(str(part), alg="sha256"), part.stat().st_size
        if actual != inp.sha256:
            raise UpstreamError(
                f"{inp.input}: the file downloaded from {url} is not the pinned one and was discarded: "
                f"sha256 {actual} ({size:,} bytes), expected {inp.sha256} ({inp.bytes:,} bytes). "
                "A short file means the download was cut off: try again. If the address now serves a new "
                "release, data/upstream.csv and the extractor must be updated together."
            )
        final = target_dir / inp.file
        os.replace(part, final)
        return Fetched(inp, final, f"downloaded from {url}")
    except requests.exceptions.HTTPError as exc:
        status = exc.response.status_code if exc.response is not None else "an error"
        raise UpstreamError(
            f"{inp.input}: {url} answered HTTP {status}, so {inp.file} could not be downloaded. {_fix(inp)}"
        ) from None
    except requests.exceptions.RequestException as exc:
        reason = type(exc).__name__
        if isinstance(exc, requests.exceptions.ChunkedEncodingError):
            reason = "the download was cut off before the end"
        elif isinstance(exc, requests.exceptions.ConnectionError | requests.exceptions.Timeout):
            reason = "no connection: offline, or the server is unreachable"
        raise UpstreamError(
            f"{inp.input}: {inp.file} is not available offline and could not be downloaded from {url} ({reason}). "
            f"{_fix(inp)}"
        ) from None
    except OSError as exc:
        raise UpstreamError(
            f"{inp.input}: could not write {inp.file} into {target_dir} ({exc}); set {ENV_CACHE}."
        ) from None
    finally:
        part.unlink(missing_ok=True)


def fetch(name: str) -> Fetched:
    """The input's verified local copy: offline folder, cache, or a download; else :class:`UpstreamError`."""
    return locate(name) or _download(manifest.get(name))


def path(name: str) -> Path:
    """The path of the input's verified local copy (fetching it if need be)."""
    return fetch(name).path


def available(names: list[str] | None = None) -> bool:
    """True when every named input (default: all) is here without the network."""
    try:
        return all(locate(n) is not None for n in (names or list(manifest.inputs())))
    except (UpstreamError, data.DataError):
        return False


def why_unavailable(names: list[str] | None = None) -> str:
    """One line saying which inputs are missing offline and how to provide them (a skip message)."""
    missing = [n for n in (names or list(manifest.inputs())) if locate(n) is None]
    return (
        f"upstream input(s) not available offline: {', '.join(missing)} ({_offline_where()}; "
        f"cache {cache_dir()}); run `make data` with internet, or set {ENV_UPSTREAM} or {ENV_MIRROR}"
    )


def main() -> int:
    """``make data``: fetch and verify every input, one line each; exit 1 if any failed."""
    try:
        names = list(manifest.inputs())
    except (UpstreamError, data.DataError) as exc:
        print(f"make data: the manifest data/upstream.csv cannot be read: {exc}", file=sys.stderr)
        return 1
    failed = 0
    for name in names:
        try:
            got = fetch(name)
        except UpstreamError as exc:
            failed += 1
            print(f"FAILED  {exc}", file=sys.stderr)
            continue
        print(f"ok      {name:<26} {got.input.file:<52} {got.input.bytes:>10,} bytes  sha256 verified  ({got.how})")
    summary = f"{len(names) - failed} of {len(names)} inputs fetched and verified"
    print(summary + (f"; {failed} failed" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
