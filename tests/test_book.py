"""The one list of the book's notebooks, read from _toc.yml."""

from __future__ import annotations

from pathlib import Path

import pytest

from pakjapan import book

TOC = """format: jb-book
root: intro
parts:
  - caption: Chapters
    chapters:
      - file: notebooks/02_b
      - file: notebooks/01_a
  - caption: More
    chapters:
      - file: seeds/index
        sections:
          - file: seeds/page
"""


def _book(tmp_path: Path, toc: str = TOC) -> Path:
    (tmp_path / "_toc.yml").write_text(toc, encoding="utf-8")
    for name in (
        "intro.md",
        "notebooks/02_b.ipynb",
        "notebooks/01_a.ipynb",
        "notebooks/99_not_in_toc.ipynb",
        "seeds/index.ipynb",
        "seeds/page.md",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("{}", encoding="utf-8")
    return tmp_path


def test_notebooks_in_table_of_contents_order(tmp_path: Path) -> None:
    root = _book(tmp_path)
    assert book.notebooks(root) == [
        root / "notebooks/02_b.ipynb",
        root / "notebooks/01_a.ipynb",
        root / "seeds/index.ipynb",
    ]
    assert book.pages(root)[0] == root / "intro.md" and book.pages(root)[-1] == root / "seeds/page.md"


def test_a_listed_file_that_does_not_exist_is_named(tmp_path: Path) -> None:
    root = _book(tmp_path, TOC + "      - file: notebooks/03_missing\n")
    with pytest.raises(FileNotFoundError, match="_toc.yml lists 'notebooks/03_missing'"):
        book.notebooks(root)


def test_the_real_book() -> None:
    names = [str(p.relative_to(book.ROOT)) for p in book.notebooks()]
    assert names[0] == "notebooks/01_history.ipynb"
    assert {"seeds/index.ipynb", "appendix/data.ipynb"} <= set(names)
    assert "templates/chapter.ipynb" not in names
