"""`make validate`: check every CSV in data/ against data/datapackage.json and report each problem."""

from __future__ import annotations

import sys

from .data import data_dir, package, validate_all


def main() -> int:
    """Print every problem (file, row, column, value, expectation); exit 1 if there are any."""
    problems = validate_all()
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        print(f"{len(problems)} problem(s) found in {data_dir()}", file=sys.stderr)
        return 1
    names = ", ".join(r["name"] for r in package()["resources"])
    print(f"data package valid: {names}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
