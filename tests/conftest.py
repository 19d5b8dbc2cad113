"""Shared fixtures: a scratch copy of the data package, and the source texts' location."""

from __future__ import annotations

import os
import shutil
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
    """The raw source texts; the test is skipped, saying where they were looked for, if absent."""
    if not SEEDS_TEXT_DIR.is_dir():
        pytest.skip(f"source texts not found at {SEEDS_TEXT_DIR} (set SEEDS_TEXT_DIR); CI provides them")
    return SEEDS_TEXT_DIR


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    """The shared reference collection; skipped with a message if absent."""
    if not (REFERENCE_DIR / "figures.csv").is_file():
        pytest.skip(f"reference collection not found at {REFERENCE_DIR} (set REFERENCE_DIR); CI provides it")
    return REFERENCE_DIR
