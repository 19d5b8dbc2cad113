"""Shared fixtures: a scratch copy of the data package, the source texts' location, the external datasets.

External datasets (``../shared/datasets`` or ``$PAKJAPAN_DATASETS``): a test that needs them takes the
``datasets_dir`` fixture or carries ``@pytest.mark.needs_datasets``; a notebook that needs them declares
``"pakjapan": {"needs_datasets": true}`` in its notebook metadata. When the folder is absent these are
skipped with the reason (``make test`` prints it with ``-rs``); with ``PAKJAPAN_REQUIRE_DATASETS=1``
(set by ``.ci/run``) they fail instead, because CI always has the datasets.
"""

from __future__ import annotations

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
    (failed instead under PAKJAPAN_REQUIRE_DATASETS=1: CI always has ../shared)."""
    if not SEEDS_TEXT_DIR.is_dir():
        gate(f"source texts not found at {SEEDS_TEXT_DIR} (set SEEDS_TEXT_DIR); CI provides them")
    return SEEDS_TEXT_DIR


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    """The shared reference collection; skipped with a message if absent (failed instead under
    PAKJAPAN_REQUIRE_DATASETS=1)."""
    if not (REFERENCE_DIR / "figures.csv").is_file():
        gate(f"reference collection not found at {REFERENCE_DIR} (set REFERENCE_DIR); CI provides it")
    return REFERENCE_DIR


# --- external datasets (../shared/datasets): skip clearly when absent, fail when required ---------

from pakjapan import external  # noqa: E402

#: Set to 1 (CI's .ci/run does) to turn "../shared absent" (datasets, source texts, reference
#: collection) from a skip into a failure.
REQUIRE_ENV = "PAKJAPAN_REQUIRE_DATASETS"


def datasets_required() -> bool:
    """True when the run must not skip anything for want of the external datasets."""
    return os.environ.get(REQUIRE_ENV, "") not in ("", "0")


def notebook_needs_datasets(path: Path) -> bool:
    """True if the notebook's metadata carries ``"pakjapan": {"needs_datasets": true}``."""
    return external.notebook_needs_datasets(path)


class DatasetGate:
    """Skips (or, when required, fails) every test that needs the absent external datasets.

    Registered as a global plugin (not a directory-scoped conftest hook) so that it also sees the
    nbval items of notebooks outside ``tests/``. A test needs the datasets if it is marked
    ``needs_datasets`` or is a cell of a notebook flagged in its metadata.
    """

    def __init__(self) -> None:
        self._flags: dict[Path, bool] = {}

    def _needs(self, item: pytest.Item) -> bool:
        if item.get_closest_marker("needs_datasets") is not None:
            return True
        path = Path(str(item.path))
        if path.suffix != ".ipynb":
            return False
        if path not in self._flags:
            self._flags[path] = notebook_needs_datasets(path)
        return self._flags[path]

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        if self._needs(item) and not external.available():
            gate(external.why_unavailable())


def gate(reason: str) -> None:
    """Skip with ``reason``, or fail with it when the run requires the datasets."""
    if datasets_required():
        pytest.fail(f"{reason}; {REQUIRE_ENV}=1 forbids skipping this", pytrace=False)
    pytest.skip(reason)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "needs_datasets: the test reads ../shared/datasets (skipped when absent)")
    if not config.pluginmanager.has_plugin("pakjapan-dataset-gate"):
        config.pluginmanager.register(DatasetGate(), "pakjapan-dataset-gate")


def pytest_report_header(config: pytest.Config) -> str:
    if external.available():
        return f"external datasets: {external.datasets_dir()}"
    mode = "tests needing them FAIL" if datasets_required() else "tests and notebooks needing them are skipped"
    return f"external datasets: absent ({external.why_unavailable()}); {mode}"


@pytest.fixture(scope="session")
def datasets_dir() -> Path:
    """The external datasets folder; skipped (failed under PAKJAPAN_REQUIRE_DATASETS=1) if absent."""
    if not external.available():
        gate(external.why_unavailable())
    return external.datasets_dir()


@pytest.fixture
def scratch_datasets(datasets_dir: Path, tmp_path: Path) -> Path:
    """A writable copy of the external datasets, for tests that damage them on purpose."""
    target = tmp_path / "datasets"
    shutil.copytree(datasets_dir, target)
    target.chmod(0o755)
    for f in target.iterdir():
        f.chmod(0o644)
    external.clear_cache()
    yield target
    external.clear_cache()


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
