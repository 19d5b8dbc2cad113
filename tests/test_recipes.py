"""The recipes in CONTRIBUTING.md name lists, files and functions; these tests keep those names true,
so that a contributor who follows a recipe word for word is not sent to something that has moved."""

from __future__ import annotations

import json
import re
from pathlib import Path

from pakjapan import evidence, ledger, prose

ROOT = Path(__file__).resolve().parent.parent
CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    """The text of one `## title` section of CONTRIBUTING.md."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", CONTRIBUTING, re.S | re.M)
    assert match, f"CONTRIBUTING.md has no section {title!r}"
    return " ".join(match.group(1).split())


def _enum(resource: str, field: str) -> list[str]:
    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    (table,) = [r for r in package["resources"] if r["name"] == resource]
    (column,) = [f for f in table["schema"]["fields"] if f["name"] == field]
    return column["constraints"]["enum"]


def test_claim_recipe_names_every_kind() -> None:
    recipe = _section("Adding a claim from a source document")
    missing = [kind for kind in _enum("claims", "kind") if not re.search(rf"\b{kind}\b", recipe)]
    assert not missing, f"the claim recipe does not name the kinds {missing} that data/datapackage.json allows"


def test_claim_recipe_example_id_is_free() -> None:
    """Following the example must not collide with a claim already in the ledger."""
    recipe = _section("Adding a claim from a source document")
    example = re.search(r"e\.g\. `([A-Z]{3}-\d{2})` after `[A-Z]{3}-\d{2}`", recipe)
    assert example, "the claim recipe gives no example id of the form `XXX-NN` after `XXX-NN`"
    assert example.group(1) not in set(ledger.claims()["claim_id"]), f"the example id {example.group(1)} is taken"


def test_web_recipe_example_id_is_the_next_free_one() -> None:
    """WEB ids run without gaps, so the example must be the next number while it stands."""
    recipe = _section("Adding a figure from a web page")
    example = re.search(r"so `WEB-(\d{3})` after `WEB-(\d{3})`", recipe)
    assert example, "the web recipe gives no example of the next WEB- id"
    new, last = int(example.group(1)), int(example.group(2))
    taken = {r for r in ledger.table("reference_figures")["ref_id"] if r.startswith("WEB-")}
    assert new == last + 1 and f"WEB-{last:03d}" in taken and f"WEB-{new:03d}" not in taken, (
        f"the example WEB-{new:03d} after WEB-{last:03d} does not fit the WEB ids in the data: {sorted(taken)}"
    )


def test_names_the_recipes_send_you_to_exist() -> None:
    assert (ROOT / "tests" / "figure_line_exclusions.txt").is_file()
    assert evidence._AUTHORITY_RULES and callable(evidence.authority_of)
    assert callable(ledger.claim) and callable(prose.put_row)


def test_correction_recipe_glue_example_is_a_real_key() -> None:
    recipe = _section("Correcting a statement")
    path, key = re.search(r"\{glue:text\}`\.\./(notebooks/\w+\.ipynb)::([\w-]+):s`", recipe).groups()
    notebook = json.loads((ROOT / path).read_text(encoding="utf-8"))
    names = {
        out.get("metadata", {}).get("scrapbook", {}).get("name")
        for cell in notebook["cells"]
        for out in cell.get("outputs", [])
    }
    assert key in names, f"the correction recipe glues {key!r}, which {path} does not glue"
