"""FRED annual exchange rates (Federal Reserve H.10 averages), as the datasets/exchange-rates package keeps them.

One CSV (``fred_exchange_rates``: ``fred_exchange_rates_annual.csv``), columns ``Date`` (``YYYY-01-01``,
one per calendar year), ``Country`` (21 names, "Euro" for the euro area) and ``Exchange rate``: national
currency per US dollar, the calendar-year average of the Board's noon buying rates, 1971-2025 for most
currencies (fewer years for those FRED starts later).

Caveats: FRED quotes the Australian dollar, the euro and the New Zealand dollar the other way round (US$ per
unit, series AEXUSAL, AEXUSEU, AEXUSNZ). The repackager inverted those (1/x, rounded to 4 decimals), so
for them the file's figure is not FRED's published number; the ``inverted`` column marks them. The latest
year is the average of the months published when the file was made.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from . import countries, csvtext
from .errors import expect
from .tables import extracted

VERSION = 1
INPUT = "fred_exchange_rates"
UNIT = "national currency per US$"
HEADER = ["Date", "Country", "Exchange rate"]
#: The FRED annual series behind each name in the file (from the repackager's script).
SERIES = {
    "Australia": "AEXUSAL",
    "Brazil": "AEXBZUS",
    "Canada": "AEXCAUS",
    "China": "AEXCHUS",
    "Denmark": "AEXDNUS",
    "Euro": "AEXUSEU",
    "Hong Kong": "AEXHKUS",
    "India": "AEXINUS",
    "Japan": "AEXJPUS",
    "Malaysia": "AEXMAUS",
    "Mexico": "AEXMXUS",
    "New Zealand": "AEXUSNZ",
    "Norway": "AEXNOUS",
    "Singapore": "AEXSIUS",
    "South Africa": "AEXSFUS",
    "South Korea": "AEXKOUS",
    "Sweden": "AEXSDUS",
    "Switzerland": "AEXSZUS",
    "Taiwan": "AEXTAUS",
    "Thailand": "AEXTHUS",
    "Venezuela": "AEXVZUS",
}
#: Quoted by FRED as US$ per unit and inverted by the repackager (their series ids read AEXUS..).
INVERTED = {"Australia", "Euro", "New Zealand"}
_NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")


@extracted(INPUT, version=VERSION)
def exchange_rates(path: Path) -> pd.DataFrame:
    """Annual average exchange rates, national currency per US dollar.

    Columns: ``year`` (int64), ``country`` (as written), ``iso3`` (NA for the euro area), ``kind``,
    ``series`` (the FRED series id), ``per_usd`` (float64; NaN for an empty cell), ``unit``, ``inverted``
    (True where the repackager inverted FRED's US$-per-unit quote). In the file's order (country, year).
    """
    file = path.name
    raw = csvtext.read(path, INPUT, HEADER)
    dates = raw["Date"].str.fullmatch(r"[0-9]{4}-01-01")
    expect(
        bool(dates.all()),
        INPUT,
        file,
        f"one date per year written YYYY-01-01; found {raw.loc[~dates, 'Date'].head(3).tolist()}",
    )
    unknown = sorted(set(raw["Country"]) - set(SERIES))
    expect(not unknown, INPUT, file, f"only the currencies whose FRED series are known; found {unknown}")
    cells = raw["Exchange rate"]
    bad = ~(cells.eq("") | cells.map(lambda c: bool(_NUMBER.match(c))))
    expect(not bad.any(), INPUT, file, f"decimal numbers or empty cells; found {cells[bad].head(3).tolist()}")
    year = raw["Date"].str[:4].astype("int64")
    keys = pd.DataFrame({"c": raw["Country"], "y": year})
    expect(not keys.duplicated().any(), INPUT, file, "one row per currency and year; found repeated years")
    expect(
        year.min() == 1971 and year.max() == 2025,
        INPUT,
        file,
        f"years 1971-2025; found {year.min()}-{year.max()}",
    )
    found = countries.codes("fred", raw["Country"], INPUT, file)
    return pd.DataFrame(
        {
            "year": year,
            "country": raw["Country"].astype("string"),
            "iso3": found["iso3"].astype("string"),
            "kind": found["kind"].astype("string"),
            "series": raw["Country"].map(SERIES).astype("string"),
            "per_usd": pd.to_numeric(cells.mask(cells.eq("")), errors="raise").astype("float64"),
            "unit": pd.Series(UNIT, index=raw.index, dtype="string"),
            "inverted": raw["Country"].isin(INVERTED),
        }
    )
