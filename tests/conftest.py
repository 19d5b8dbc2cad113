"""Shared fixtures: a scratch copy of the data package, the source texts' location, the upstream inputs.

Upstream inputs (``pakjapan.upstream``: the offline folder ``../shared/upstream`` or
``$PAKJAPAN_UPSTREAM``, else the cache filled by ``make data``): a test that needs them carries
``@pytest.mark.needs_upstream``; a notebook that needs them declares ``"pakjapan": {"needs_upstream": true}``
in its notebook metadata. When they are not available offline these are skipped with the reason
(``make test`` prints it with ``-rs``); with ``PAKJAPAN_REQUIRE_UPSTREAM=1`` (set by ``.ci/run``) they
fail instead, because CI always has ``../shared/upstream``.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEEDS_TEXT_DIR = Path(os.environ.get("SEEDS_TEXT_DIR", ROOT.parent / "shared" / "seeds"))
REFERENCE_DIR = Path(os.environ.get("REFERENCE_DIR", ROOT.parent / "shared" / "reference"))


@pytest.fixture
def scratch_data(tmp_path: Path) -> Path:
    """A writable copy of data/ for tests that break it on purpose."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The raw source texts; the test is skipped, saying where they were looked for, if absent
    (failed instead under PAKJAPAN_REQUIRE_UPSTREAM=1: CI always has ../shared)."""
    if not SEEDS_TEXT_DIR.is_dir():
        gate(f"source texts not found at {SEEDS_TEXT_DIR} (set SEEDS_TEXT_DIR); CI provides them")
    return SEEDS_TEXT_DIR


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    """The shared reference collection; skipped with a message if absent (failed instead under
    PAKJAPAN_REQUIRE_UPSTREAM=1)."""
    if not (REFERENCE_DIR / "figures.csv").is_file():
        gate(f"reference collection not found at {REFERENCE_DIR} (set REFERENCE_DIR); CI provides it")
    return REFERENCE_DIR


# --- upstream inputs (the official series): skip clearly when absent, fail when required ---------

from pakjapan.upstream import fetch  # noqa: E402

#: Set to 1 (CI's .ci/run does) to turn "../shared absent" (upstream inputs, source texts, reference
#: collection) from a skip into a failure.
REQUIRE_ENV = "PAKJAPAN_REQUIRE_UPSTREAM"
#: The marker of tests that read the upstream inputs.
MARKERS = ("needs_upstream",)


def upstream_required() -> bool:
    """True when the run must not skip anything for want of the upstream inputs."""
    return os.environ.get(REQUIRE_ENV, "") not in ("", "0")


def notebook_needs_upstream(path: Path) -> bool:
    """True if the notebook's metadata carries ``"pakjapan": {"needs_upstream": true}``."""
    try:
        meta = json.loads(Path(path).read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, json.JSONDecodeError, UnicodeDecodeError):
        return False
    flag = meta.get("pakjapan", {})
    return isinstance(flag, dict) and flag.get("needs_upstream") is True


class UpstreamGate:
    """Skips (or, when required, fails) every test that needs upstream inputs not available offline.

    Registered as a global plugin (not a directory-scoped conftest hook) so that it also sees the
    nbval items of notebooks outside ``tests/``. A test needs the inputs if it carries one of
    :data:`MARKERS` or is a cell of a notebook flagged in its metadata. "Available" means here without
    the network (offline folder or cache): ``make test`` runs ``make data`` first, which downloads
    what it can.
    """

    def __init__(self) -> None:
        self._flags: dict[Path, bool] = {}
        self._available: bool | None = None

    def _needs(self, item: pytest.Item) -> bool:
        if any(item.get_closest_marker(m) is not None for m in MARKERS):
            return True
        path = Path(str(item.path))
        if path.suffix != ".ipynb":
            return False
        if path not in self._flags:
            self._flags[path] = notebook_needs_upstream(path)
        return self._flags[path]

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        if not self._needs(item):
            return
        if self._available is None:
            self._available = fetch.available()
        if not self._available:
            gate(fetch.why_unavailable())


def gate(reason: str) -> None:
    """Skip with ``reason``, or fail with it when the run requires the inputs."""
    if upstream_required():
        pytest.fail(f"{reason}; {REQUIRE_ENV}=1 forbids skipping this", pytrace=False)
    pytest.skip(reason)


def pytest_configure(config: pytest.Config) -> None:
    for marker in MARKERS:
        config.addinivalue_line("markers", f"{marker}: the test reads the upstream inputs (skipped when absent)")
    if not config.pluginmanager.has_plugin("pakjapan-upstream-gate"):
        config.pluginmanager.register(UpstreamGate(), "pakjapan-upstream-gate")


def pytest_report_header(config: pytest.Config) -> str:
    if fetch.available():
        return f"upstream inputs: all available offline ({fetch.upstream_dir()}, cache {fetch.cache_dir()})"
    mode = "tests needing them FAIL" if upstream_required() else "tests and notebooks needing them are skipped"
    return f"upstream inputs: {fetch.why_unavailable()}; {mode}"


@pytest.fixture(scope="module")
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A module's own empty cache of extracted tables: its extractors run cold, and neither use nor
    fill the user's cache (``pytest.mark.usefixtures("private_cache")`` on the module)."""
    from pakjapan.upstream import tables

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PAKJAPAN_CACHE", str(tmp_path_factory.mktemp("cache")))
        tables.clear_memory()
        yield
        tables.clear_memory()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The built site served on 127.0.0.1 for the browser tests (see tests/browser_support.py)."""
    from browser_support import site_server

    with site_server() as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Chromium for the browser tests; skipped, saying why, where it is not installed."""
    from browser_support import launch

    with launch() as b:
        yield b
