"""UN DESA Population Division: International Migrant Stock 2019, by origin and destination.

The file (``un_migrant_stock_2019``) is not the UN's workbook but a third party's reshaping of it
(guyabel/stepladderChapter): a CSV with one row per year and destination (columns ``Year``, ``Dest``)
and one column per country or area of origin, persons at mid-year, for 1990, 1995, 2000, 2005, 2010,
2015 and 2019. Values spot-checked against the official workbook match (see the tests).

Caveats a chapter author must know:

* The workbook's "Total" and "Other" origin columns were dropped by the reshaping: a destination's
  origins do not add up to its migrant stock (Japan 2019: 2,313,427 here against 2,498,891 in total).
* Five regions survive as destinations beside the countries (Caribbean, Melanesia, Micronesia,
  Polynesia, South America; kind ``group``): never add them to the countries.
* Cells are whole numbers, ``..`` (not available) or ``-``; the last two are kept in ``mark`` with an NA
  value. A 0 may stand for an empty cell of the workbook: the reshaping does not tell them apart.
* "Migrant" means foreign-born where the country counts birthplace, but foreign citizens where it
  does not: Japan is one of the latter, so Pakistan-born in Japan is Pakistani nationals in Japan
  (2015: 12,708, the Immigration Services Agency's own figure; China includes Taiwan).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from . import countries
from .errors import StructureError, expect
from .tables import extracted

INPUT = "un_migrant_stock_2019"
PUBLISHER = "undesa"
YEARS = (1990, 1995, 2000, 2005, 2010, 2015, 2019)
#: What a cell may hold besides a whole number.
MARKS = ("..", "-")
COLUMNS = [
    "year",
    "origin_name",
    "origin",
    "origin_kind",
    "destination_name",
    "destination",
    "destination_kind",
    "value",
    "mark",
    "unit",
]


@extracted(INPUT, version=1)
def migrant_stock(path: Path) -> pd.DataFrame:
    """Migrant stock by origin and destination, one row per year, destination and origin (persons).

    Columns: ``year``, ``origin_name`` and ``destination_name`` (as written), ``origin`` and
    ``destination`` (ISO 3166 alpha-3, NA for regions and the Channel Islands), ``origin_kind`` and
    ``destination_kind`` (country | group | other), ``value`` (persons, Int64; NA where the cell is
    ``..`` or ``-``), ``mark`` (that ``..`` or ``-`` as written, else NA) and ``unit`` ('persons').
    Every cell is one row, zeros included.
    """
    file = path.name
    try:
        raw = pd.read_csv(path, dtype="str", keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, csv.Error) as exc:
        raise StructureError(INPUT, file, f"a UTF-8 CSV file; it cannot be parsed ({exc})") from None
    expect(
        list(raw.columns[:2]) == ["Year", "Dest"],
        INPUT,
        file,
        f"the first two columns to be 'Year' and 'Dest'; found {list(raw.columns[:2])}",
    )
    origins = list(raw.columns[2:])
    expect(
        len(origins) >= 200 and "Pakistan" in origins and "Japan" in origins,
        INPUT,
        file,
        f"one column per origin after 'Year' and 'Dest' (about 230, Pakistan and Japan among them); "
        f"found {len(origins)}",
    )
    expect(
        not any(str(o).startswith("Unnamed") for o in origins),
        INPUT,
        file,
        "every origin column to have a name; found an unnamed column",
    )
    found_years = sorted(set(raw["Year"]))
    expect(
        found_years == [str(y) for y in YEARS],
        INPUT,
        file,
        f"the years {list(YEARS)} in 'Year'; found {found_years}",
    )
    dupes = raw.loc[raw.duplicated(["Year", "Dest"]), ["Year", "Dest"]]
    expect(
        dupes.empty,
        INPUT,
        file,
        f"one row per year and destination; repeated: {dupes.head(5).to_records(index=False).tolist()}",
    )
    per_year = raw.groupby("Year")["Dest"].apply(frozenset)
    expect(
        per_year.nunique() == 1,
        INPUT,
        file,
        "the same destinations in every year; they differ between years",
    )
    long = raw.melt(id_vars=["Year", "Dest"], var_name="origin_name", value_name="cell")
    cell = long["cell"].str.strip()
    numeric = cell.str.fullmatch(r"\d+")
    marked = cell.isin(MARKS)
    bad = long.loc[~(numeric | marked)]
    expect(
        bad.empty,
        INPUT,
        file,
        f"every cell to be a whole number of persons or one of {list(MARKS)}; found "
        f"{bad.head(5)[['Year', 'Dest', 'origin_name', 'cell']].to_records(index=False).tolist()}",
    )
    origin_codes = countries.codes(PUBLISHER, long["origin_name"].astype("str"), INPUT, file)
    dest_codes = countries.codes(PUBLISHER, long["Dest"].astype("str"), INPUT, file)
    frame = pd.DataFrame(
        {
            "year": long["Year"].astype("int64"),
            "origin_name": long["origin_name"].astype("str"),
            "origin": origin_codes["iso3"].astype("str"),
            "origin_kind": origin_codes["kind"].astype("str"),
            "destination_name": long["Dest"].astype("str"),
            "destination": dest_codes["iso3"].astype("str"),
            "destination_kind": dest_codes["kind"].astype("str"),
            "value": pd.to_numeric(cell.where(numeric)).astype("Int64"),
            "mark": cell.where(marked).astype("str"),
            "unit": "persons",
        }
    )
    return frame[COLUMNS]
