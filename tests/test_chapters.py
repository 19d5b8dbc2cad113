"""The chapter rules, checked on the committed notebooks and pages (nbval checks the outputs)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pakjapan.book import notebooks

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = notebooks(ROOT)
CHAPTERS = [p for p in NOTEBOOKS if p.parent.name == "notebooks"]
#: The chapter template (outside the table of contents) must pass the same rules as a chapter.
TEMPLATE = ROOT / "templates" / "chapter.ipynb"
PAGES = [ROOT / "intro.md", *sorted((ROOT / "seeds").glob("*.md")), *sorted((ROOT / "appendix").glob("*.md"))]

# A figure typed into prose: money, percentages, or counts with a scale word. Years are allowed.
TYPED_FIGURE = re.compile(
    r"(US\$|\$|¥|USD|JPY)\s?\d[\d,.]*|\d[\d,.]*\s?(%|per ?cent|percent|million|billion|trillion)", re.I
)
GLUE_OR_CODE = re.compile(r"\{glue[^}]*\}`[^`]*`|```.*?```|`[^`]*`", re.S)


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def markdown(path: Path) -> str:
    if path.suffix == ".md":
        return path.read_text(encoding="utf-8")
    return "\n".join("".join(c["source"]) for c in cells(path) if c["cell_type"] == "markdown")


def test_there_are_chapters() -> None:
    assert len(CHAPTERS) >= 2
    assert CHAPTERS == sorted((ROOT / "notebooks").glob("*.ipynb")), "every chapter notebook is in _toc.yml"


def test_template_is_outside_the_book() -> None:
    assert TEMPLATE.is_file() and TEMPLATE not in NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS + [TEMPLATE] + PAGES, ids=lambda p: p.name)
def test_no_figures_typed_into_prose(path: Path) -> None:
    loose = [m.group(0) for m in TYPED_FIGURE.finditer(GLUE_OR_CODE.sub("", markdown(path)))]
    assert not loose, f"figures typed instead of glued: {loose}"


@pytest.mark.parametrize("path", NOTEBOOKS + [TEMPLATE], ids=lambda p: p.name)
def test_committed_with_clean_outputs(path: Path) -> None:
    for i, cell in enumerate(c for c in cells(path) if c["cell_type"] == "code"):
        assert cell.get("execution_count") is not None, f"code cell {i} was not executed"
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", f"code cell {i} stored an error"
            assert out.get("name") != "stderr", f"code cell {i} wrote to stderr: {out.get('text')}"


@pytest.mark.parametrize("path", CHAPTERS + [TEMPLATE], ids=lambda p: f"{p.parent.name}/{p.name}")
def test_chapter_structure(path: Path) -> None:
    nb = cells(path)
    text = markdown(path)
    assert "Key findings" in text and "{glue:text}" in text.split("Key findings", 1)[1].split(":::", 1)[0]
    assert "What the sources do not tell us" in text
    figures = [c for c in nb if c["cell_type"] == "code" and "figure" in c["metadata"].get("mystnb", {})]
    assert len(figures) >= 3, "a chapter needs at least three charts"
    for fig in figures:
        meta = fig["metadata"]["mystnb"]
        assert meta["figure"]["caption"] and meta["figure"]["name"].startswith("fig-")
        alt = meta["image"]["alt"]
        assert len(alt.split()) >= 15 and not alt.lower().endswith((".svg", ".png")), "alt text must describe the chart"
        svgs = [o for o in fig.get("outputs", []) if "image/svg+xml" in o.get("data", {})]
        assert len(svgs) == 1, "a figure cell shows exactly one SVG chart"
        svg = "".join(svgs[0]["data"]["image/svg+xml"])
        assert re.search(r">Sources?: ", svg), "every chart carries a source line"
    words = len(re.findall(r"[A-Za-z][A-Za-z'-]+", GLUE_OR_CODE.sub(" ", text)))
    assert words >= 800, f"only {words} words of analysis"
    assert "{cite:p}" in text
