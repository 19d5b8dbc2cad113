"""Fixtures and helpers shared by the browser test files: the built site served as a static host
serves it (gzip, pakjapan.serve), Debian's Chromium driven by Playwright, and the pinned
axe-core from node_modules.

Use from a test file with ``from browser_support import *`` (pytest puts tests/ on sys.path):
the fixtures ``server`` (base URL) and ``browser`` are module-scoped, skip saying why when the
site, Chromium or axe-core is missing, and ``run_axe(page)`` returns axe-core's violations.
"""

from __future__ import annotations

import contextlib
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from pakjapan.serve import serving

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"viewport": {"width": 375, "height": 812}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}

__all__ = ["AXE_JS", "DESKTOP", "PHONE", "ROOT", "SITE", "axe_version", "launch", "pages", "run_axe", "site_server"]


def pages() -> list[str]:
    """Every content page of the site (index.html is only a redirect to intro.html)."""
    if not SITE.is_dir():
        return []
    return sorted(
        p.relative_to(SITE).as_posix()
        for p in SITE.rglob("*.html")
        if not p.relative_to(SITE).parts[0].startswith("_") and p.name != "index.html"
    )


@contextlib.contextmanager
def site_server() -> Iterator[str]:
    """The built site served compressed on 127.0.0.1, as readers get it; skips if not built."""
    if not (SITE / "intro.html").is_file():
        pytest.skip(f"no built site at {SITE}; run `make book` first (make test does)")
    with serving(SITE) as url:
        yield url


@contextlib.contextmanager
def launch() -> Iterator[object]:
    """Debian's Chromium driven by Playwright; skips, saying why, when it is not installed."""
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("Chromium not found on PATH; `make test` installs Debian's chromium when run as root")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield b
        b.close()


def axe_version() -> str:
    """The axe-core release installed by `npm ci` (pinned in package.json)."""
    return json.loads((AXE_JS.parent / "package.json").read_text(encoding="utf-8"))["version"]


def run_axe(page: object, options: dict | None = None) -> list[dict]:
    """axe-core's violations on ``page``, with the pinned release from node_modules injected
    (not a copy bundled in a Python package, which lags the rules). Fails, saying how to install
    it, when `npm ci` has not run."""
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} missing: run `npm ci` (make test does)")
    page.add_script_tag(path=str(AXE_JS))
    # preload off: axe's CSS preloading resolves the theme's @import against the page, not the
    # stylesheet, and requests files that do not exist; the rules that need it report "incomplete".
    opts = {"resultTypes": ["violations"], "preload": False, **(options or {})}
    return page.evaluate("opts => axe.run(document, opts).then(r => r.violations)", opts)
