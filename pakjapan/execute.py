"""`make notebooks`: re-execute notebooks in place, several at a time, one kernel per notebook.

Jupyter Book 1 would run them one after another. Here one process drives up to two kernels per
core concurrently (asyncio): part of a kernel's start-up is spent waiting on its sockets, and a
second kernel per core fills that time. Driving them from one process also lets jupyter_client's
port cache hand each kernel distinct ports, which separate processes starting kernels at the same
moment cannot guarantee. Outputs are written without timing metadata, so re-running unchanged code
changes nothing.

A failing notebook does not stop the others: every run is allowed to finish and shut its kernel
down normally (cancelling kernels half-way through their start-up is what used to bury the real
error under pages of shutdown noise). Then each failure is reported as its notebook, its cell and
that cell's error, and the failing notebook is left as it was on disk.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

# jsonschema (under nbformat) imports an optional IRI-syntax checker whose import compiles a
# grammar, most of this runner's start-up time; notebook files never hold IRIs to check, so the
# runner declines that one optional module and jsonschema goes without its "iri" format.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

import nbformat  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbclient.exceptions import CellExecutionError  # noqa: E402

from .book import notebooks  # noqa: E402

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


@dataclass
class Run:
    """One notebook's run: its path, wall time and, if it failed, the report of the failure."""

    path: str
    seconds: float
    failure: str | None = None


def failed_cell(nb: nbformat.NotebookNode) -> str:
    """Where the error is and what it says: the failing cell's position and its error output."""
    for position, cell in enumerate(nb.cells, start=1):
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if out.output_type == "error":
                where = f"cell {position} of {len(nb.cells)}" + (f" (id {cell['id']})" if cell.get("id") else "")
                trace = ANSI.sub("", "\n".join(out.get("traceback", []))).strip()
                return f"{where}:\n{trace or f'{out.ename}: {out.evalue}'}"
    return "a cell failed but stored no error output"


def _tail(log: IO[bytes], lines: int = 10) -> str:
    """The last ``lines`` lines the kernel wrote to its stderr, as a block to append to a report."""
    log.seek(0)
    text = ANSI.sub("", log.read().decode("utf-8", "replace")).strip()
    return "\nThe kernel's last words:\n" + "\n".join(text.splitlines()[-lines:]) if text else ""


async def execute(path: str, slots: asyncio.Semaphore) -> Run:
    """Execute one notebook in its own folder and save it; on failure, leave the file untouched."""
    async with slots:
        start = time.perf_counter()
        try:
            nb = nbformat.read(path, as_version=4)
        except Exception as err:  # unreadable JSON or schema: say which file, not where in nbformat
            return Run(path, 0.0, f"cannot be read as a notebook: {err}")
        client = NotebookClient(
            nb,
            kernel_name="python3",
            timeout=600,
            record_timing=False,
            extra_arguments=["--IPKernelApp.log_level=ERROR"],
            resources={"metadata": {"path": str(Path(path).parent)}},
        )
        # The kernel's own stderr goes to a file, not the terminal: a cell's errors arrive as
        # messages, and what a kernel process writes there is teardown noise from its libraries
        # (such as libzmq's "Assertion failed: pfd.revents & POLLIN" when a neighbour's kernel
        # stops), which would bury the report. It is shown only if the kernel itself fails.
        with tempfile.TemporaryFile() as kernel_log:
            try:
                await client.async_execute(stderr=kernel_log)
            except CellExecutionError:
                return Run(path, time.perf_counter() - start, failed_cell(nb))
            except Exception as err:  # dead kernel, timeout: the kind and message name the problem
                return Run(path, time.perf_counter() - start, f"{type(err).__name__}: {err}{_tail(kernel_log)}")
        nb.metadata.pop("widgets", None)
        nbformat.write(nb, path)
        return Run(path, time.perf_counter() - start)


async def execute_all(paths: list[str], workers: int) -> list[Run]:
    """Run ``paths`` with at most ``workers`` kernels at once; results in the order given.

    The largest notebooks start first: a notebook's size (mostly its stored charts) tracks its run
    time, and starting the longest runs first keeps one long notebook from running alone at the end.
    """
    slots = asyncio.Semaphore(workers)

    def size(path: str) -> int:
        return Path(path).stat().st_size if Path(path).is_file() else 0

    longest_first = sorted(paths, key=size, reverse=True)
    runs = await asyncio.gather(*(execute(p, slots) for p in longest_first))
    by_path = dict(zip(longest_first, runs, strict=True))
    return [by_path[p] for p in paths]


def main(paths: list[str]) -> int:
    """Run every notebook given (default: the book's), two kernels per core at a time."""
    paths = paths or [str(p.relative_to(Path.cwd())) for p in notebooks()]
    # Sockets of a kernel that is shutting down can still receive a message; tornado then logs an
    # "Uncaught exception in ZMQStream callback" about teardown. Real failures reach us as exceptions
    # from nbclient and are reported below, so teardown chatter is kept out of the report.
    logging.getLogger("tornado").setLevel(logging.CRITICAL)
    workers = min(len(paths), 2 * (os.cpu_count() or 1))
    runs = asyncio.run(execute_all(paths, workers))
    for run in runs:
        if run.failure is None:
            print(f"executed {run.path} in {run.seconds:.1f} s")
    failures = [run for run in runs if run.failure is not None]
    if failures:
        print(f"\n{len(failures)} of {len(runs)} notebooks failed; each was left unchanged on disk.", file=sys.stderr)
        for run in failures:
            print(f"\n{run.path}, {run.failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
