"""`make validate`: check every CSV in data/ against data/datapackage.json and report each problem.

A person editing a CSV by hand runs this; whatever they broke, they get messages naming the
file and place, never a Python traceback.
"""

from __future__ import annotations

import sys

from .data import DataError, data_dir, package, validate_all


def main() -> int:
    """Print every problem (file, row, column, value, expectation); exit 1 if there are any."""
    try:
        problems = validate_all()
        names = ", ".join(r["name"] for r in package()["resources"])
    except DataError as exc:
        problems = exc.problems
    except Exception as exc:  # noqa: BLE001 - the last guard: a message, not a traceback
        print(f"could not check {data_dir()}: {type(exc).__name__}: {exc}", file=sys.stderr)
        print("This is a fault in pakjapan.validate, not only in the data; please report it.", file=sys.stderr)
        return 2
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        print(f"{len(problems)} problem(s) found in {data_dir()}", file=sys.stderr)
        return 1
    print(f"data package valid: {names}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
