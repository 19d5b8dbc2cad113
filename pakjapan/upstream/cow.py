"""Correlates of War Trade Data Set v4.0: dyadic flows and national totals, as peacesciencer packages them.

Two R data files from peacesciencer 0.4.9 (``cow_trade_dyadic``: ``cow_trade_ndy.rda``;
``cow_trade_national``: ``cow_trade_sy.rda``), each one data frame keyed by COW state codes (doubles in
the file) and years 1870-2014:

- ``cow_trade_ndy``: one row per dyad and year, the lower COW code as ``ccode1``; ``flow1`` is the imports
  of ``ccode1`` from ``ccode2``, ``flow2`` the imports of ``ccode2`` from ``ccode1``, each as the importer
  records them (CIF); ``smoothflow1``/``smoothflow2`` are COW's smoothed versions. Current US$ million,
  rounded to whole millions by peacesciencer.
- ``cow_trade_sy``: one row per state and year, total ``imports`` and ``exports``, current US$ million
  (not rounded).

Caveats a reader must know: COW codes are states as COW defines them over time, not today's borders.
COW 770 is Pakistan including East Pakistan until 1971 (Bangladesh, 771, has rows from 1960 in the
totals, all empty before 1972); 260 is West Germany (1955-1990) and 255 Germany (before 1945 and from
1990), both DEU here; but the totals put West Germany's 1960-1989 figures under 255 and leave 260's rows
for those years empty. 365 is Russia including the Soviet Union. The rounding
to whole millions makes a flow under US$0.5 million a 0. A missing flow is NaN: COW has no figure.
The data end in 2014.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import countries, rda
from .errors import expect
from .tables import extracted

#: Bump when the frames built here change; ``legacy`` adds it to its own version.
VERSION = 1
UNIT = "current US$ million"
#: The years of the pinned release; a release reaching past 2014 must be looked at before it is used.
FIRST_YEAR, LAST_YEAR = 1870, 2014


def _years(raw: pd.DataFrame, input_name: str, file: str) -> pd.Series:
    years = rda.whole_numbers(raw["year"], input_name, file, "a year")
    expect(
        FIRST_YEAR <= years.min() and years.max() == LAST_YEAR,
        input_name,
        file,
        f"years {FIRST_YEAR}-{LAST_YEAR}; found {years.min()}-{years.max()}",
    )
    return years


def _flows(raw: pd.DataFrame, columns: list[str], input_name: str, file: str) -> None:
    for column in columns:
        values = pd.to_numeric(raw[column], errors="coerce")
        expect(
            bool((values.isna() == raw[column].isna()).all()),
            input_name,
            file,
            f"numbers (or NA) in {column!r}; found text",
        )
        expect(
            bool((values.dropna() >= 0).all()),
            input_name,
            file,
            f"no negative value in {column!r}; found {values[values < 0].head(3).tolist()}",
        )


def _states(codes: pd.Series, input_name: str, file: str) -> tuple[pd.Series, pd.Series]:
    """ISO 3166 code and English name for each COW code, through ``data/country_codes.csv`` (publisher cow)."""
    unique = pd.Series(sorted(codes.unique()))
    found = countries.codes("cow", unique.astype(str), input_name, file)
    # the table leaves iso3 blank for states with no current code (East Germany): NA here
    iso3 = pd.Series(found["iso3"].to_numpy(), index=unique.to_numpy())
    english = pd.Series(found["english"].to_numpy(), index=unique.to_numpy())
    return codes.map(iso3).astype("string"), codes.map(english).astype("string")


@extracted("cow_trade_dyadic", version=VERSION)
def dyadic(path: Path) -> pd.DataFrame:
    """Imports of each state from each other state and year, as the importer records them (CIF).

    Columns: ``year``, ``importer_cow`` and ``exporter_cow`` (COW codes, int64), ``importer``/``exporter``
    (ISO 3166 alpha-3, NA for states with no current code, e.g. East Germany), ``importer_name``/
    ``exporter_name``, ``imports`` and ``imports_smoothed`` (float64, NaN where COW has no figure),
    ``unit`` ("current US$ million"). Two rows per row of the file, one per direction; sorted by importer,
    exporter (COW codes) and year.
    """
    name, file = "cow_trade_dyadic", path.name
    flows = ["flow1", "flow2", "smoothflow1", "smoothflow2"]
    raw = rda.read_frame(path, name, "cow_trade_ndy", ["ccode1", "ccode2", "year", *flows])
    year = _years(raw, name, file)
    low = rda.whole_numbers(raw["ccode1"], name, file, "a COW code in 'ccode1'")
    high = rda.whole_numbers(raw["ccode2"], name, file, "a COW code in 'ccode2'")
    expect(
        bool((low < high).all()),
        name,
        file,
        "each dyad once, with the lower COW code in 'ccode1' (so 'flow1' is the imports of ccode1 from ccode2); "
        f"{int((low >= high).sum())} row(s) have ccode1 >= ccode2",
    )
    keys = pd.DataFrame({"a": low, "b": high, "y": year})
    expect(
        not keys.duplicated().any(),
        name,
        file,
        f"one row per dyad and year; {int(keys.duplicated().sum())} repeated",
    )
    _flows(raw, flows, name, file)
    one = pd.DataFrame(
        {"year": year, "importer_cow": low, "exporter_cow": high, "imports": raw["flow1"], "smooth": raw["smoothflow1"]}
    )
    other = pd.DataFrame(
        {"year": year, "importer_cow": high, "exporter_cow": low, "imports": raw["flow2"], "smooth": raw["smoothflow2"]}
    )
    both = pd.concat([one, other], ignore_index=True).sort_values(
        ["importer_cow", "exporter_cow", "year"], kind="stable", ignore_index=True
    )
    importer, importer_name = _states(both["importer_cow"], name, file)
    exporter, exporter_name = _states(both["exporter_cow"], name, file)
    return pd.DataFrame(
        {
            "year": both["year"],
            "importer_cow": both["importer_cow"],
            "importer": importer,
            "importer_name": importer_name,
            "exporter_cow": both["exporter_cow"],
            "exporter": exporter,
            "exporter_name": exporter_name,
            "imports": both["imports"].astype("float64"),
            "imports_smoothed": both["smooth"].astype("float64"),
            "unit": pd.Series(UNIT, index=both.index, dtype="string"),
        }
    )


@extracted("cow_trade_national", version=VERSION)
def totals(path: Path) -> pd.DataFrame:
    """Each state's total imports and exports by year, current US$ million.

    Columns: ``year``, ``country_cow`` (int64), ``country`` (ISO 3166 alpha-3, NA for states with no
    current code), ``country_name``, ``imports``, ``exports`` (float64, NaN where COW has no figure),
    ``unit``. Sorted by COW code and year, as in the file.
    """
    name, file = "cow_trade_national", path.name
    raw = rda.read_frame(path, name, "cow_trade_sy", ["ccode", "year", "imports", "exports"])
    year = _years(raw, name, file)
    code = rda.whole_numbers(raw["ccode"], name, file, "a COW code in 'ccode'")
    keys = pd.DataFrame({"c": code, "y": year})
    expect(
        not keys.duplicated().any(),
        name,
        file,
        f"one row per state and year; {int(keys.duplicated().sum())} repeated",
    )
    _flows(raw, ["imports", "exports"], name, file)
    country, country_name = _states(code, name, file)
    frame = pd.DataFrame(
        {
            "year": year,
            "country_cow": code,
            "country": country,
            "country_name": country_name,
            "imports": raw["imports"].astype("float64"),
            "exports": raw["exports"].astype("float64"),
            "unit": pd.Series(UNIT, index=raw.index, dtype="string"),
        }
    )
    return frame.sort_values(["country_cow", "year"], kind="stable", ignore_index=True)
