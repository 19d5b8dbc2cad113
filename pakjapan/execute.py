"""`make notebooks`: re-execute notebooks in place, in parallel, one kernel per notebook.

Jupyter Book 1 would run them one after another; here each notebook gets its own process so
the run takes about as long as the slowest notebook times the number of notebooks per core.
Outputs are written without timing metadata so that re-running unchanged code changes nothing.
"""

from __future__ import annotations

import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def execute(path: str) -> tuple[str, float]:
    """Execute one notebook in its own folder and save it; return its path and wall time."""
    start = time.perf_counter()
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name="python3", timeout=600, record_timing=False,
                            resources={"metadata": {"path": str(Path(path).parent)}})
    client.execute()
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)
    return path, time.perf_counter() - start


def main(paths: list[str]) -> int:
    """Run every notebook given, at most one per core at a time."""
    if not paths:
        print("no notebooks given", file=sys.stderr)
        return 1
    workers = min(len(paths), os.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for path, seconds in pool.map(execute, paths):
            print(f"executed {path} in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
