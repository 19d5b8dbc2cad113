"""The licences declared in LICENSE, CITATION.cff and the data package agree."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_code_is_mit_and_text_and_data_cc_by() -> None:
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "MIT License" in licence and "Creative Commons Attribution 4.0 International" in licence
    assert (
        (ROOT / "LICENSE-CC-BY-4.0.txt")
        .read_text(encoding="utf-8")
        .startswith("Creative Commons Attribution 4.0 International")
    )


def test_data_package_and_citation_declare_the_same_licences() -> None:
    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert [lic["name"] for lic in package["licenses"]] == ["CC-BY-4.0"]
    assert package["licenses"][0]["path"] == "https://creativecommons.org/licenses/by/4.0/"
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["license"] == ["MIT", "CC-BY-4.0"]
