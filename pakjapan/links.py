"""Check every web address the book cites (`python -m pakjapan.links`), for the weekly link check.

The addresses are read from every CSV in ``data/`` and from ``references.bib``, so a new reference
row is checked without anyone listing it. Each check is bounded (a timeout per request, a few
retries with a short back-off), so the whole run ends in bounded time. Only a definite answer
counts as dead (404, 410 and other client errors that are not about access or rate); a host that
times out, refuses, answers 5xx or turns robots away is reported as *unverified*, because one slow
or overloaded host on one Monday is not evidence that a citation is broken. The exit status is 1
only when a link is dead.
"""

from __future__ import annotations

import csv
import os
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
URL = re.compile(r"https?://[^\s\"'<>{}|\\^`]+")
DOI = re.compile(r"^\s*doi\s*=\s*[{\"]([^}\"]+)[}\"]", re.I | re.M)
#: Client errors that say "not for you / not now" rather than "not here".
NOT_VERDICTS = {401, 403, 408, 429}
USER_AGENT = "pakjapan-link-check/1 (+weekly check of cited sources)"


@dataclass(frozen=True)
class Result:
    """The verdict on one address: ``ok``, ``dead`` or ``unverified``, and what was seen."""

    url: str
    verdict: str
    detail: str


def _clean(url: str) -> str:
    return url.rstrip(".,;:)]")


def cited_urls(root: Path = ROOT) -> dict[str, list[str]]:
    """Every address in ``data/*.csv`` and ``references.bib`` with where it is cited."""
    found: dict[str, list[str]] = {}
    for path in sorted((root / "data").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):
                for column, value in row.items():
                    for match in URL.finditer(value or ""):
                        where = f"{path.relative_to(root)} line {number} column {column}"
                        found.setdefault(_clean(match.group(0)), []).append(where)
    bib = root / "references.bib"
    if bib.is_file():
        for number, line in enumerate(bib.read_text(encoding="utf-8").splitlines(), start=1):
            for match in URL.finditer(line):
                found.setdefault(_clean(match.group(0)), []).append(f"references.bib line {number}")
            for match in DOI.finditer(line):
                found.setdefault(f"https://doi.org/{match.group(1).strip()}", []).append(
                    f"references.bib line {number}"
                )
    return found


def _request(url: str, method: str, timeout: float) -> int:
    response = requests.request(
        method, url, timeout=timeout, allow_redirects=True, stream=True, headers={"User-Agent": USER_AGENT}
    )
    response.close()
    return response.status_code


def check(url: str, *, timeout: float = 15.0, retries: int = 2, backoff: float = 2.0) -> Result:
    """Check one address: HEAD, falling back to GET for servers that refuse HEAD; retry what may pass."""
    detail = ""
    for attempt in range(retries + 1):
        if attempt:
            time.sleep(backoff * attempt)
        try:
            status = _request(url, "HEAD", timeout)
            if status >= 400:  # many servers answer HEAD wrongly; GET is the real question
                status = _request(url, "GET", timeout)
        except requests.Timeout:
            detail = f"no answer within {timeout:g} s"
            continue
        except requests.RequestException as err:
            detail = f"could not connect ({type(err).__name__})"
            continue
        if status < 400:
            return Result(url, "ok", f"HTTP {status}")
        detail = f"HTTP {status}"
        if status < 500 and status not in NOT_VERDICTS:
            return Result(url, "dead", detail)
    return Result(url, "unverified", f"{detail} after {retries + 1} tries")


def check_all(urls: list[str], *, workers: int = 8, **options: float) -> list[Result]:
    """Check addresses concurrently (each host is slow on its own time), in the order given."""
    if not urls:
        return []
    with ThreadPoolExecutor(max_workers=min(workers, len(urls))) as pool:
        return list(pool.map(lambda u: check(u, **options), urls))


def report(results: list[Result], cited: dict[str, list[str]]) -> str:
    """A Markdown report: dead links first, with where each is cited, then the unverified ones."""
    dead = [r for r in results if r.verdict == "dead"]
    unverified = [r for r in results if r.verdict == "unverified"]
    lines = [
        f"Checked {len(results)} cited addresses: {len(results) - len(dead) - len(unverified)} ok, "
        f"{len(dead)} dead, {len(unverified)} unverified."
    ]
    for title, group in (
        ("Dead (fix or replace the citation)", dead),
        ("Unverified (slow, refusing or erroring; checked again next week)", unverified),
    ):
        if group:
            lines += ["", f"## {title}", "", "| address | answer | cited in |", "|---|---|---|"]
            lines += [f"| {r.url} | {r.detail} | {'; '.join(cited.get(r.url, []))} |" for r in group]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Check every cited address; print the report (and add it to the CI job summary if there is one)."""
    root = Path(argv[0]) if argv else ROOT
    cited = cited_urls(root)
    results = check_all(sorted(cited))
    text = report(results, cited)
    print(text)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(text + "\n")
    return 1 if any(r.verdict == "dead" for r in results) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
