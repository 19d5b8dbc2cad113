"""`make bench`: measure re-execution, build and site weight against the project's targets.

Each timing is repeated (``--runs``, default 3) and reported as median and range. Work is done
on a copy of the project in a temporary folder, so the notebooks and the site in the working
tree are never touched. Targets are ratios, because absolute times vary from machine to machine:

- re-executing every notebook within 1.5x of the floor, where the floor is the time one kernel
  takes to start and import pandas, matplotlib and seaborn, times notebooks / cores;
- a clean book build (committed outputs, no execution) under 20 s, an unchanged rebuild under 5 s;
- the whole site under 15 MB, no page heavier than 1.5 MB with what it loads;
- `make test` without the browser suite under 3 minutes;
- and, for comparison, the default Jupyter Book 1 set-up (execute_notebooks: force, serial)
  timed in the same run, so the gain is a measured ratio.

``--lighthouse`` instead runs Lighthouse (npm, pinned in package.json) with its mobile profile
(simulated slow 4G and a 4x slower CPU) against every page of the built site, served compressed
as a static host serves it (``pakjapan.serve``), and prints each page's figures beside the
targets: performance score >= 0.95 and largest contentful paint <= 2.5 s. ``--runs`` repeats
each page and reports the median, since two shared cores make single runs noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from .book import TEMPLATE
from .book import notebooks as book_notebooks

ROOT = Path(__file__).resolve().parent.parent
IGNORE = shutil.ignore_patterns(".venv", "_build", "__pycache__", "*.egg-info", ".ipynb_checkpoints", "node_modules")


def timed(action: Callable[[], object], runs: int) -> list[float]:
    """Wall-clock seconds of ``runs`` calls of ``action``."""
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        out.append(time.perf_counter() - start)
    return out


def summary(values: list[float]) -> str:
    med = statistics.median(values)
    return f"{med:6.2f} s  [{min(values):.2f}-{max(values):.2f}, n={len(values)}]"


def floor_once() -> None:
    """One kernel: start it and import what every chapter needs."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import pandas, matplotlib, seaborn")]
    NotebookClient(nb, kernel_name="python3", timeout=120, extra_arguments=["--IPKernelApp.log_level=ERROR"]).execute()


def run(cmd: list[str], cwd: Path, **env: str) -> None:
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env={**os.environ, **env})
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed in {cwd}:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")


def page_weights(site: Path) -> dict[str, int]:
    """Bytes each page loads: its HTML, the stylesheets, scripts and images it references, and
    the font files those stylesheets reference."""
    weights = {}
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site)
        if rel.parts[0].startswith("_") or rel.name == "index.html":
            continue
        html = page.read_text(encoding="utf-8")
        files = {
            (page.parent / r).resolve() for r in re.findall(r'(?:src|href)="([^"#?:]+\.(?:svg|png|jpg|css|js))', html)
        }
        for css in [f for f in files if f.suffix == ".css" and f.is_file()]:
            for font in re.findall(r"url\(([^)\"']+\.woff2?)\)", css.read_text(encoding="utf-8")):
                files.add((css.parent / font).resolve())
        weights[str(rel)] = page.stat().st_size + sum(f.stat().st_size for f in files if f.is_file())
    return weights


LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
SCORE_TARGET = 0.95
LCP_TARGET_MS = 2500
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"


def site_pages(site: Path) -> list[str]:
    """Every page a reader can open (index.html only redirects to intro.html)."""
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not p.relative_to(site).parts[0].startswith("_") and p.name != "index.html"
    )


def lighthouse(url: str) -> dict[str, float]:
    """One Lighthouse mobile run of ``url``: score and the timings behind it (ms)."""
    chromium = shutil.which("chromium")
    if chromium is None or not LIGHTHOUSE.is_file():
        raise SystemExit("Lighthouse needs Debian's chromium and `npm ci` (make bench installs both)")
    result = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--only-categories=performance",
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "CHROME_PATH": chromium},
    )
    if result.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    audits = report["audits"]
    return {
        "score": report["categories"]["performance"]["score"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "fcp": audits["first-contentful-paint"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
    }


def lighthouse_report(site: Path, pages: list[str], runs: int) -> int:
    """Lighthouse every page ``runs`` times; print medians against the targets; 0 if all met."""
    from .serve import serving

    if not (site / "intro.html").is_file():
        raise SystemExit(f"no built site at {site}: run `make book` first")
    results: dict[str, dict[str, float]] = {}
    print(
        f"Lighthouse mobile, served compressed; median of {runs} run(s); "
        f"targets: score >= {SCORE_TARGET}, LCP <= {LCP_TARGET_MS / 1000:.1f} s"
    )
    print(f"{'page':<34} {'score':>5} {'LCP s':>6} {'FCP s':>6} {'TBT ms':>7} {'CLS':>6}  verdict")
    with serving(site) as base:
        for page in pages:
            samples = [lighthouse(f"{base}/{page}") for _ in range(runs)]
            med = {k: statistics.median(s[k] for s in samples) for k in samples[0]}
            results[page] = med
            ok = med["score"] >= SCORE_TARGET and med["lcp"] <= LCP_TARGET_MS
            print(
                f"{page:<34} {med['score']:>5.2f} {med['lcp'] / 1000:>6.2f} {med['fcp'] / 1000:>6.2f} "
                f"{med['tbt']:>7.0f} {med['cls']:>6.3f}  {'met' if ok else 'MISSED'}",
                flush=True,
            )
    missed = [p for p, m in results.items() if m["score"] < SCORE_TARGET or m["lcp"] > LCP_TARGET_MS]
    print(
        f"targets met on {len(results) - len(missed)} of {len(results)} pages"
        + (f"; missed: {', '.join(missed)}" if missed else "")
    )
    out = ROOT / "_build" / "lighthouse.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(
        json.dumps(
            {"runs": runs, "targets": {"score": SCORE_TARGET, "lcp_ms": LCP_TARGET_MS}, "pages": results}, indent=2
        ),
        encoding="utf-8",
    )
    return 1 if missed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=None, help="repetitions of each timing (3) or Lighthouse run (1)")
    parser.add_argument("--lighthouse", action="store_true", help="run Lighthouse on the built site instead")
    parser.add_argument("pages", nargs="*", help="with --lighthouse: pages to measure (default: every page)")
    args = parser.parse_args(argv)
    if args.lighthouse:
        site = ROOT / "_build" / "html"
        return lighthouse_report(site, args.pages or site_pages(site), args.runs or 1)
    args.runs = args.runs or 3
    cores = os.cpu_count() or 1
    bin_dir = Path(sys.executable).parent
    jb = str(bin_dir / "jupyter-book")
    build = [jb, "build", ".", "-W", "-n", "--keep-going"]

    with tempfile.TemporaryDirectory(prefix="pakjapan-bench-") as tmp:
        work = Path(tmp) / "book"
        shutil.copytree(ROOT, work, ignore=IGNORE)
        # Laid out as a clone is: ../shared beside it (datasets, texts, reference) and the pinned
        # node tools, so the timed `make test` runs every test rather than skipping or failing.
        if (ROOT.parent / "shared").is_dir():
            (work.parent / "shared").symlink_to(ROOT.parent / "shared")
        if (ROOT / "node_modules").is_dir():
            (work / "node_modules").symlink_to(ROOT / "node_modules")
        # what `make notebooks` and `make test` run: the book's notebooks and the chapter template
        notebooks = [str(p.relative_to(work)) for p in book_notebooks(work)] + [TEMPLATE]
        n = len(notebooks)

        floor_one = timed(floor_once, args.runs)
        floor = statistics.median(floor_one) * n / cores
        execute = timed(lambda: run([sys.executable, "-m", "pakjapan.execute", *notebooks], work), args.runs)

        def clean_build() -> None:
            shutil.rmtree(work / "_build", ignore_errors=True)
            run(build, work)

        clean = timed(clean_build, args.runs)
        rebuild = timed(lambda: run(build, work), args.runs)
        site = work / "_build" / "html"
        size = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
        weights = page_weights(site)

        # The default Jupyter Book 1 set-up: execution forced at build time, one notebook after another.
        config = (work / "_config.yml").read_text(encoding="utf-8")
        (work / "_config.yml").write_text(
            config.replace('execute_notebooks: "off"', 'execute_notebooks: "force"'), encoding="utf-8"
        )

        def default_build() -> None:
            shutil.rmtree(work / "_build", ignore_errors=True)
            run([jb, "build", ".", "--keep-going"], work)

        default = timed(default_build, 1)
        (work / "_config.yml").write_text(config, encoding="utf-8")

        # make test without the browser suite: validation, a clean -W -n build, then pytest with nbval.
        def make_test_without_browser() -> None:
            run([sys.executable, "-m", "pakjapan.validate"], work)
            run([*build, "--all"], work)
            run(
                [
                    sys.executable,
                    "-m",
                    "pytest",
                    "-q",
                    "-n",
                    str(cores),
                    "--dist",
                    "loadscope",
                    "--nbval",
                    "--nbval-current-env",
                    "--ignore=tests/test_browser.py",
                    "tests",
                    *notebooks,
                ],
                work,
            )

        test_time = timed(make_test_without_browser, 1)

    ours = statistics.median(execute) + statistics.median(clean)
    heaviest = max(weights, key=weights.get)
    rows = [
        ("kernel start + imports (one)", summary(floor_one), "", ""),
        (f"floor = one x {n} notebooks / {cores} cores", f"{floor:6.2f} s", "", ""),
        (
            "make notebooks (parallel)",
            summary(execute),
            f"<= {1.5 * floor:.2f} s (1.5x floor)",
            f"{statistics.median(execute) / floor:.2f}x floor",
        ),
        ("clean book build", summary(clean), "< 20 s", ""),
        ("unchanged rebuild", summary(rebuild), "< 5 s", ""),
        ("whole site", f"{size / 1e6:6.2f} MB", "< 15 MB", ""),
        (f"heaviest page ({heaviest})", f"{weights[heaviest] / 1e6:6.2f} MB", "< 1.5 MB", ""),
        ("default JB1 (force, serial) build", summary(default), "", f"{statistics.median(default) / ours:.2f}x ours"),
        ("ours: parallel execute + build", f"{ours:6.2f} s", "", ""),
        ("make test before browser tests", summary(test_time), "< 180 s", ""),
    ]
    checks = {
        "notebooks": statistics.median(execute) <= 1.5 * floor,
        "clean build": statistics.median(clean) < 20,
        "rebuild": statistics.median(rebuild) < 5,
        "site": size < 15e6,
        "pages": max(weights.values()) < 1.5e6,
        "make test": statistics.median(test_time) < 180,
    }
    width = max(len(r[0]) for r in rows)
    for name, measured, target, note in rows:
        print(f"{name:<{width}}  {measured:<34} {target:<24} {note}")
    print("targets:", ", ".join(f"{k} {'met' if v else 'MISSED'}" for k, v in checks.items()))
    out = ROOT / "_build" / "bench.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(
        json.dumps(
            {
                "floor_one": floor_one,
                "floor": floor,
                "execute": execute,
                "clean_build": clean,
                "rebuild": rebuild,
                "site_bytes": size,
                "page_bytes": weights,
                "default_build": default,
                "make_test_without_browser": test_time,
                "notebooks": n,
                "cores": cores,
                "targets_met": checks,
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
