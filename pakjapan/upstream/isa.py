"""Japan's Immigration Services Agency: foreign residents at year end by nationality and status of residence.

The file (``japan_foreign_residents``, a JSON file built from the agency's tables on e-Stat by the
visualizing-jp project) holds five keys: ``years`` (2006-2025), ``source`` (one per year: ``registry``
for the alien registration statistics to 2011, ``resident`` for the statistics on foreign residents
from 2012), ``statuses`` (28 statuses of residence, in Japanese), ``names`` (nationalities in Japanese,
``総数`` the total) and ``values``, a nested list ``values[name][year][status]`` of persons, with
``null`` for a nationality-year the agency does not list.

Caveats a chapter author must know:

* The 2011/2012 break. Alien registration ended in July 2012; from 2012 the agency counts mid- to
  long-term residents and special permanent residents. The 2006-2011 figures here are already the
  registry restricted to the statuses of that definition (the total for 2011, 2,047,349, is the
  agency's resident-basis equivalent, not the 2,078,508 registered foreigners), but the two
  registers are not strictly comparable: ``basis`` carries the break.
* The file has no total over statuses (no "total" status, no "other" status): a nationality's total
  is the sum of its 28 statuses, which equals the agency's published total (Pakistan 12,708 in 2015).
* Statuses come and go (see ``data/residence_statuses.csv``): a status that did not exist in a year
  is written 0, not null (高度専門職 before 2015, 介護 before 2017, 特定技能 before 2019, 技能実習 before
  2010, 就学 from 2010). Renamed and merged statuses carry their earlier years under the new name
  (経営・管理 was 投資・経営, 技術・人文知識・国際業務 was two statuses before 2015). Sub-statuses
  (技能実習1号イ etc., 特定技能1号/2号) are not split.
* Nationalities: 中国 includes 台湾 (Taiwan) to 2011; Korea is one line, 韓国・朝鮮, to 2014, then
  韓国 and 朝鮮 (朝鮮 is a registration label, not a nationality of North Korea).
* The English names of statuses and nationalities come from the curated tables
  ``data/residence_statuses.csv`` and ``data/country_codes.csv`` (publisher ``isa``); the extracted
  table is cached by the input's hash and ``version``, so bump ``version`` after editing either.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from .. import data
from . import countries
from .errors import StructureError, expect
from .tables import extracted

INPUT = "japan_foreign_residents"
PUBLISHER = "isa"
KEYS = ("years", "source", "statuses", "names", "values")
#: The first year of the file, and the last year of the alien registration statistics.
FIRST_YEAR = 2006
LAST_REGISTRY_YEAR = 2011
TOTAL = "総数"
COLUMNS = [
    "year",
    "basis",
    "nationality_ja",
    "nationality",
    "nationality_en",
    "nationality_kind",
    "status_ja",
    "status",
    "status_group",
    "value",
    "unit",
]


def statuses() -> pd.DataFrame:
    """The curated statuses of residence: status_ja, status_en, group, note (``data/residence_statuses.csv``)."""
    return data.load("residence_statuses")


def _check_layout(raw: object, file: str) -> None:
    """Every structure check on the JSON, so a new release that changes shape stops with a message."""
    if not isinstance(raw, dict):
        raise StructureError(INPUT, file, f"a JSON object with keys {list(KEYS)}; found a {type(raw).__name__}")
    expect(set(raw) == set(KEYS), INPUT, file, f"exactly the keys {list(KEYS)}; found {sorted(raw)}")
    years, source, names, status = raw["years"], raw["source"], raw["names"], raw["statuses"]
    expect(
        isinstance(years, list)
        and bool(years)
        and all(isinstance(y, int) for y in years)
        and years == list(range(FIRST_YEAR, FIRST_YEAR + len(years)))
        and years[-1] >= 2025,
        INPUT,
        file,
        f"'years' to run year by year from {FIRST_YEAR} to 2025 or later; found {years!r}",
    )
    wanted = ["registry" if y <= LAST_REGISTRY_YEAR else "resident" for y in years]
    expect(
        source == wanted,
        INPUT,
        file,
        f"'source' to be 'registry' for {FIRST_YEAR}-{LAST_REGISTRY_YEAR} and 'resident' from "
        f"{LAST_REGISTRY_YEAR + 1}, one per year; found {source!r}",
    )
    for key, values in (("statuses", status), ("names", names)):
        expect(
            isinstance(values, list) and all(isinstance(v, str) for v in values) and len(set(values)) == len(values),
            INPUT,
            file,
            f"'{key}' to be a list of distinct names; found {str(values)[:200]}",
        )
    expect(
        bool(names) and names[0] == TOTAL and "パキスタン" in names,
        INPUT,
        file,
        f"'names' to start with the total {TOTAL!r} and to list Pakistan 'パキスタン'; found {names[:5]!r}...",
    )
    known = set(statuses()["status_ja"])
    unknown = [s for s in status if s not in known]
    expect(
        not unknown,
        INPUT,
        file,
        f"every status of residence to be listed in data/residence_statuses.csv; not listed: {unknown}",
    )
    values = raw["values"]
    expect(
        isinstance(values, list) and len(values) == len(names),
        INPUT,
        file,
        f"'values' to hold one entry per name ({len(names)}); found {len(values) if isinstance(values, list) else 0}",
    )
    for name, per_year in zip(names, values, strict=True):
        expect(
            isinstance(per_year, list) and len(per_year) == len(years),
            INPUT,
            file,
            f"'values' for {name!r} to hold one entry per year ({len(years)})",
        )
        for year, cells in zip(years, per_year, strict=True):
            expect(
                cells is None
                or (
                    isinstance(cells, list)
                    and len(cells) == len(status)
                    and all(c is None or (isinstance(c, int) and not isinstance(c, bool) and c >= 0) for c in cells)
                ),
                INPUT,
                file,
                f"'values' for {name!r} in {year} to be null or {len(status)} counts of persons "
                f"(whole numbers >= 0 or null), one per status; found {str(cells)[:120]}",
            )


@extracted(INPUT, version=1)
def residents(path: Path) -> pd.DataFrame:
    """Foreign residents at year end, one row per year, nationality and status of residence (persons).

    Columns: ``year``, ``basis`` ('registry' to 2011, 'resident' from 2012: the break),
    ``nationality_ja`` (as written), ``nationality`` (ISO 3166 alpha-3; NA for the total 総数, stateless,
    朝鮮, the combined 韓国・朝鮮 and former states), ``nationality_en``, ``nationality_kind``
    (country | group | other), ``status_ja`` (as written), ``status`` (the official English name),
    ``status_group`` (the chapter's grouping), ``value`` (persons, Int64; NA where the file has null,
    i.e. every status of a nationality the agency does not list that year) and ``unit`` ('persons').
    Every cell of the file is one row: nothing is dropped, a null stays NA, a 0 stays 0.
    """
    file = path.name
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StructureError(INPUT, file, f"a UTF-8 JSON file; it cannot be parsed ({exc})") from None
    _check_layout(raw, file)
    years, names, status = raw["years"], raw["names"], raw["statuses"]
    n_names, n_years, n_status = len(names), len(years), len(status)
    cells = np.full((n_names, n_years, n_status), None, dtype=object)
    for i, per_year in enumerate(raw["values"]):
        for j, row in enumerate(per_year):
            if row is not None:
                cells[i, j, :] = row
    # Rows ordered nationality, year, status: the file's own order.
    name_idx, year_idx, status_idx = (a.ravel() for a in np.indices((n_names, n_years, n_status)))
    nationality = pd.Series(np.asarray(names, dtype=object)[name_idx], dtype="str")
    status_ja = pd.Series(np.asarray(status, dtype=object)[status_idx], dtype="str")
    codes = countries.codes(PUBLISHER, nationality, INPUT, file)
    lookup = statuses().set_index("status_ja")
    frame = pd.DataFrame(
        {
            "year": pd.Series(np.asarray(years)[year_idx], dtype="int64"),
            "basis": pd.Series(np.asarray(raw["source"], dtype=object)[year_idx], dtype="str"),
            "nationality_ja": nationality,
            "nationality": codes["iso3"].astype("str"),
            "nationality_en": codes["english"].astype("str"),
            "nationality_kind": codes["kind"].astype("str"),
            "status_ja": status_ja,
            "status": status_ja.map(lookup["status_en"]).astype("str"),
            "status_group": status_ja.map(lookup["group"]).astype("str"),
            "value": pd.array(cells.ravel(), dtype="Int64"),
            "unit": "persons",
        }
    )
    return frame[COLUMNS]
