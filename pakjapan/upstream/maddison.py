"""Maddison Project Database 2018 (Bolt, Inklaar, de Jong and van Zanden), as the CRAN package maddison keeps it.

One R data file (``maddison``: ``maddison.rda``), one data frame ``maddison``: a row per country and year
(169 countries and former states, years 1 to 2016, most rows from 1820 or 1870 on) with ``countrycode``,
``country``, ``year``, ``cgdppc`` (GDP per head in 2011 US$ at PPP, multiple benchmarks: for comparing
levels across countries), ``rgdpnapc`` (the same from the 2011 benchmark alone: for growth over time),
``pop`` (thousand persons), ``i_cig`` (whether cgdppc is a benchmark, interpolated or extrapolated) and
``i_bm`` (the kind of benchmark). The package added ``iso2c``, ``iso3c``, ``continent`` and ``region``
with the countrycode R package; they are not the database's and are not kept.

Caveats: the package's country names are not reliable keys. The former Soviet Union (``SUN``) is
labelled "Russia", as is the Russian Federation (``RUS``, from 1950), and its ``iso3c`` says RUS; so
countries are taken by the database's own ``countrycode``, with names from ``data/country_codes.csv``
(publisher ``maddison``). SUN, YUG (former Yugoslavia) and CSK (Czechoslovakia) have no current ISO code.
Pakistan and Bangladesh have values from 1950 only (today's territories).
Early years are sparse: a value the database does not have is NaN, never filled. ``i_cig`` and ``i_bm``
describe cgdppc; the long table repeats them on each variable's row of that country and year.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from . import countries, rda
from .errors import expect, expect_numbers
from .tables import extracted

VERSION = 1
INPUT = "maddison"
FIRST_YEAR, LAST_YEAR = 1, 2016
UNITS = {
    "cgdppc": "2011 US$ at PPP per person (multiple benchmarks: levels across countries)",
    "rgdpnapc": "2011 US$ at PPP per person (2011 benchmark: growth over time)",
    "pop": "thousand persons",
}
FLAGS = ["i_cig", "i_bm"]


@extracted(INPUT, version=VERSION)
def maddison(path: Path) -> pd.DataFrame:
    """Every value of the database, long.

    Columns: ``year`` (int64), ``code`` (the database's countrycode), ``iso3`` (NA for former states),
    ``country`` (English name), ``variable`` (``cgdppc``, ``rgdpnapc``, ``pop``), ``value`` (float64, NaN
    where the database has none), ``unit``, ``i_cig`` and ``i_bm`` (text, NA where none). Ordered by
    variable, then as the file (country, year).
    """
    file = path.name
    raw = rda.read_frame(path, INPUT, "maddison", ["countrycode", "year", *UNITS, *FLAGS])
    year = rda.whole_numbers(raw["year"], INPUT, file, "a year")
    expect(
        year.min() == FIRST_YEAR and year.max() == LAST_YEAR,
        INPUT,
        file,
        f"years {FIRST_YEAR}-{LAST_YEAR}; found {year.min()}-{year.max()}",
    )
    code = raw["countrycode"].astype("string")
    expect(bool(code.notna().all()), INPUT, file, "a countrycode in every row; some rows have none")
    expect(
        not pd.DataFrame({"c": code, "y": year}).duplicated().any(),
        INPUT,
        file,
        "one row per countrycode and year; found repeated rows",
    )
    found = countries.codes("maddison", code, INPUT, file)
    values = raw[list(UNITS)]
    numeric = expect_numbers(values, INPUT, file, "cgdppc, rgdpnapc and pop")
    rows = np.tile(np.arange(len(raw)), len(UNITS))
    which = np.repeat(np.arange(len(UNITS)), len(raw))

    def taken(column: pd.Series, positions: np.ndarray) -> pd.api.extensions.ExtensionArray:
        return column.astype("string").reset_index(drop=True).take(positions).array

    return pd.DataFrame(
        {
            "year": year.to_numpy()[rows],
            "code": taken(code, rows),
            "iso3": taken(found["iso3"], rows),
            "country": taken(found["english"], rows),
            "variable": taken(pd.Series(list(UNITS)), which),
            "value": numeric.to_numpy(dtype="float64").ravel(order="F"),
            "unit": taken(pd.Series(list(UNITS.values())), which),
            **{flag: taken(raw[flag], rows) for flag in FLAGS},
        }
    )
