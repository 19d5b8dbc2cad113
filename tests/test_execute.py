"""`make notebooks` on a failing notebook: name it and the cell, show that cell's error, nothing else."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat


def _notebook(path: Path, *sources: str) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("A heading"), *(nbformat.v4.new_code_cell(s) for s in sources)]
    nbformat.write(nb, path)


def _execute(folder: Path, *names: str) -> subprocess.CompletedProcess[str]:
    """`python -m pakjapan.execute` on ``names`` in ``folder``, as `make notebooks` runs it."""
    return subprocess.run(
        [sys.executable, "-m", "pakjapan.execute", *names],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_failing_cell_is_named_with_its_error_only(tmp_path: Path) -> None:
    _notebook(tmp_path / "bad.ipynb", "x = 1", "def f():\n    return x / 0\nf()", "print('never reached')")
    good = [f"good{i}.ipynb" for i in range(3)]  # kernels still running elsewhere when the bad one fails
    for name in good:
        _notebook(tmp_path / name, "import time\ntime.sleep(1)\nprint('done')")
    before = (tmp_path / "bad.ipynb").read_bytes()

    run = _execute(tmp_path, "bad.ipynb", *good)

    assert run.returncode == 1
    lines = run.stderr.strip().splitlines()
    assert lines[0] == "1 of 4 notebooks failed; each was left unchanged on disk.", run.stderr
    bad_cell_id = nbformat.read(tmp_path / "bad.ipynb", as_version=4).cells[2].id
    assert lines[2] == f"bad.ipynb, cell 3 of 4 (id {bad_cell_id}):"
    assert "----> 3 f()" in run.stderr and "----> 2     return x / 0" in run.stderr
    assert lines[-1] == "ZeroDivisionError: division by zero"
    for noise in ("Fatal Python error", "KeyboardInterrupt", "nbclient", "pakjapan/execute.py", "\x1b["):
        assert noise not in run.stderr, f"{noise!r} in the report:\n{run.stderr}"
    assert len(lines) < 20, run.stderr
    assert (tmp_path / "bad.ipynb").read_bytes() == before
    for name in good:
        assert f"executed {name} in " in run.stdout
        cells = nbformat.read(tmp_path / name, as_version=4).cells
        assert cells[1].outputs[0].text == "done\n"


def test_an_unreadable_notebook_is_named(tmp_path: Path) -> None:
    (tmp_path / "broken.ipynb").write_text("{not json", encoding="utf-8")
    run = _execute(tmp_path, "broken.ipynb")
    assert run.returncode == 1
    assert "broken.ipynb, cannot be read as a notebook:" in run.stderr
    assert "Traceback" not in run.stderr


def test_what_a_kernel_process_writes_stays_out_unless_it_dies(tmp_path: Path) -> None:
    """A kernel's own stderr (library noise at teardown) never reaches the report; a kernel that
    dies is reported with its last words."""
    _notebook(tmp_path / "noisy.ipynb", "import os\nos.write(2, b'libzmq: Assertion failed\\n')\nprint('ok')")
    _notebook(tmp_path / "dies.ipynb", "import os\nos.write(2, b'out of memory, say\\n')\nos._exit(1)")
    run = _execute(tmp_path, "noisy.ipynb", "dies.ipynb")
    assert run.returncode == 1
    assert "executed noisy.ipynb in " in run.stdout
    assert "Assertion failed" not in run.stderr + run.stdout
    assert "dies.ipynb, DeadKernelError" in run.stderr, run.stderr
    assert "The kernel's last words:\nout of memory, say" in run.stderr, run.stderr
