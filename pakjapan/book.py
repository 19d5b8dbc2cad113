"""The book's notebooks, read from ``_toc.yml``: the one list the runner, the tests and make share.

The table of contents decides what is in the book, so it also decides what `make notebooks`
executes and what nbval and the chapter rules check: a chapter added to ``_toc.yml`` is run and
tested without a second list to update, and a notebook outside it (the chapter template) is not
part of the book.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _files(entries: list[dict]) -> Iterator[str]:
    for entry in entries:
        if "file" in entry:
            yield str(entry["file"])
        for key in ("parts", "chapters", "sections"):
            yield from _files(entry.get(key, []))


def pages(root: Path = ROOT) -> list[Path]:
    """Every page of the table of contents, in reading order, as existing files under ``root``."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    found = []
    for name in [toc["root"], *_files([toc])]:
        matches = [root / f"{name}{suffix}" for suffix in ("", ".ipynb", ".md") if (root / f"{name}{suffix}").is_file()]
        if not matches:
            raise FileNotFoundError(f"_toc.yml lists {name!r} but no {name}.ipynb or {name}.md exists")
        found.append(matches[0])
    return found


def notebooks(root: Path = ROOT) -> list[Path]:
    """The book's notebooks in table-of-contents order (chapters first)."""
    return [p for p in pages(root) if p.suffix == ".ipynb"]


#: The chapter template: outside _toc.yml, but held to the chapters' rules so a copy starts green.
TEMPLATE = "templates/chapter.ipynb"


def chapters(root: Path = ROOT) -> list[str]:
    """The chapters (the book's notebooks under ``notebooks/``, in table-of-contents order) as paths
    relative to ``root``: the pages the chapter, chart and statement rules apply to."""
    return [p.relative_to(root).as_posix() for p in notebooks(root) if p.parent.name == "notebooks"]


def main() -> int:
    """`python -m pakjapan.book`: the list for make, one path a line; a clear error if _toc.yml is wrong."""
    try:
        print("\n".join(str(p.relative_to(ROOT)) for p in notebooks()))
    except (OSError, KeyError, yaml.YAMLError) as err:
        print(f"cannot list the book's notebooks from _toc.yml: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
