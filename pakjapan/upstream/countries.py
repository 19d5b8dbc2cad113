"""Publishers' country names to ISO 3166 codes, through the curated table ``data/country_codes.csv``.

Every publisher spells countries its own way ("Pakistn" in Japan's customs files, "Korea, Rep." at
the World Bank, パキスタン at the Immigration Services Agency). The table lists each name as written,
with its ISO 3166-1 alpha-3 code, or none for a group (World, a region); an extractor that meets a
name the table does not list stops and names it, so nothing is mapped by guesswork.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd

from .. import data
from .errors import StructureError


@functools.cache
def _table(directory: Path) -> pd.DataFrame:
    frame = data.load("country_codes", directory)
    for column in ("iso3", "english"):  # the CSV writes "none" as a blank cell; the frames say NA
        frame[column] = frame[column].astype("string").replace("", pd.NA)
    return frame


def table(publisher: str) -> pd.DataFrame:
    """The rows for one publisher: name, iso3 (NA for groups), english, kind."""
    frame = _table(data.data_dir().resolve())
    return frame[frame["publisher"] == publisher].reset_index(drop=True)


def codes(publisher: str, names: pd.Series, input_name: str, file: str) -> pd.DataFrame:
    """``iso3``, ``english`` and ``kind`` for each name, aligned with ``names``.

    Raises :class:`StructureError` listing every name missing from ``data/country_codes.csv``.
    """
    rows = table(publisher).set_index("name")
    missing = sorted(set(names.dropna().astype(str)) - set(rows.index))
    if missing:
        more = f" and {len(missing) - 15} more" if len(missing) > 15 else ""
        shown = ", ".join(repr(m) for m in missing[:15]) + more
        raise StructureError(
            input_name,
            file,
            f"country or area name(s) not in data/country_codes.csv for publisher {publisher!r}: {shown}; "
            "add each with its ISO 3166 alpha-3 code (or none, for a group)",
        )
    picked = rows.reindex(names.astype(str).to_numpy())
    return picked[["iso3", "english", "kind"]].reset_index(drop=True).set_axis(names.index)
