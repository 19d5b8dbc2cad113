"""`make notebooks`: re-execute notebooks in place, several at a time, one kernel per notebook.

Jupyter Book 1 would run them one after another. Here one process drives up to two kernels per
core concurrently (asyncio): part of a kernel's start-up is spent waiting on its sockets, and a
second kernel per core fills that time. Driving them from one process also lets jupyter_client's
port cache hand each kernel distinct ports, which separate processes starting kernels at the same
moment cannot guarantee. Outputs are written without timing metadata, so re-running unchanged code
changes nothing.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

#: Where the book's notebooks are (the Makefile's NOTEBOOKS lists the same files for make).
NOTEBOOK_GLOBS = ("notebooks/*.ipynb", "seeds/index.ipynb", "appendix/data.ipynb")


def book_notebooks(root: Path) -> list[Path]:
    """Every notebook of the book under ``root``, chapters first, in a stable order."""
    return [p for pattern in NOTEBOOK_GLOBS for p in sorted(root.glob(pattern))]


async def execute(path: str, slots: asyncio.Semaphore) -> tuple[str, float]:
    """Execute one notebook in its own folder and save it; return its path and wall time."""
    async with slots:
        start = time.perf_counter()
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, kernel_name="python3", timeout=600, record_timing=False,
                                extra_arguments=["--IPKernelApp.log_level=ERROR"],
                                resources={"metadata": {"path": str(Path(path).parent)}})
        await client.async_execute()
        nb.metadata.pop("widgets", None)
        nbformat.write(nb, path)
        return path, time.perf_counter() - start


async def execute_all(paths: list[str], workers: int) -> list[tuple[str, float]]:
    slots = asyncio.Semaphore(workers)
    return await asyncio.gather(*(execute(p, slots) for p in paths))


def main(paths: list[str]) -> int:
    """Run every notebook given, two kernels per core at a time."""
    if not paths:
        print("no notebooks given", file=sys.stderr)
        return 1
    workers = min(len(paths), 2 * (os.cpu_count() or 1))
    for path, seconds in asyncio.run(execute_all(paths, workers)):
        print(f"executed {path} in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
