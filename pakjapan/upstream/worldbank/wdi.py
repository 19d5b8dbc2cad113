"""World Development Indicators: GDP and population (datasets/gdp and datasets/population), and btransfer's series.

Three inputs:

- ``gdp`` (``gdp.csv``) and ``population`` (``population.csv``): the datasets packages of
  NY.GDP.MKTP.CD (GDP, current US$) and SP.POP.TOTL (population), columns ``Country Name``, ``Country
  Code``, ``Year``, ``Value``; one row per country or aggregate and year *that has a value* (a missing
  year has no row). GDP runs 1960-2023 (the manifest's "to 2024" is the release, not the last year),
  population 1960-2024. The latest years are revised by later releases.
- ``wb_series`` (``wb_series.rda``, from the R package btransfer, built from the WDI of October 2022):
  one row per economy and year, 1960-2021, ``iso3c``, ``country``, six WDI series as downloaded
  (NY.GDP.DEFL.ZS, NY.GDP.MKTP.PP.KD, NY.GDP.PCAP.PP.KD, PA.NUS.FCRF, SP.DYN.CDRT.IN, SP.POP.TOTL) and
  three columns btransfer computed: ``gni`` (Atlas GNI, NY.GNP.ATLS.CD, rescaled to 2021 prices by the
  US GDP deflator; the published Atlas figures are not in the file), ``deaths`` (death rate per 1,000
  times population: a thousand times the number of deaths) and ``gni_capita`` (gni / pop). Those three
  are kept, flagged ``derived``.

Caveats: WDI codes for economies are ISO 3166 alpha-3, but aggregates (World, regions, income groups)
have codes of their own (WLD, SAS, HIC, XD, ...), and Kosovo (XKX) and the Channel Islands (CHI) are no
ISO codes. Names are therefore looked up in ``data/country_codes.csv`` (publisher ``wdi``), which gives
``kind`` and an ``iso3`` only for true countries; the file's code is kept as ``code``. The GDP deflator's
base year differs between countries. btransfer's own documentation calls PA.NUS.FCRF "USD per LCU";
it is national currency per US$, as the values show (Japan 2021: 109.75).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .. import countries, csvtext, rda
from ..errors import expect, expect_numbers
from ..tables import extracted

VERSION = 1
HEADER = ["Country Name", "Country Code", "Year", "Value"]
#: wb_series columns: (indicator code or btransfer's derivation, unit, derived by btransfer).
WB_SERIES = {
    "gdp_defl": ("NY.GDP.DEFL.ZS", "index (base year varies by country)", False),
    "gdp": ("NY.GDP.MKTP.PP.KD", "constant 2017 international $ (PPP)", False),
    "gdp_capita": ("NY.GDP.PCAP.PP.KD", "constant 2017 international $ (PPP) per person", False),
    "gni": ("NY.GNP.ATLS.CD x US GDP deflator 2021 / year", "US$ at 2021 prices (Atlas GNI, rescaled)", True),
    "exc_rate": ("PA.NUS.FCRF", "national currency per US$, period average", False),
    "death_rate": ("SP.DYN.CDRT.IN", "deaths per 1,000 people", False),
    "pop": ("SP.POP.TOTL", "persons", False),
    "deaths": ("SP.DYN.CDRT.IN x SP.POP.TOTL", "deaths per 1,000 people x persons (1,000 x deaths)", True),
    "gni_capita": ("gni / SP.POP.TOTL", "US$ at 2021 prices per person", True),
}


def _economies(names: pd.Series, codes: pd.Series, input_name: str, file: str) -> tuple[pd.Series, pd.Series]:
    """``iso3`` (NA for aggregates and non-ISO codes) and ``kind`` for each WDI name, checked against its code."""
    found = countries.codes("wb", names, input_name, file)
    iso3 = found["iso3"].astype("string")
    differ = iso3.notna() & (iso3 != codes.astype("string"))
    expect(
        not differ.any(),
        input_name,
        file,
        "each economy's code to be its ISO code in data/country_codes.csv; differ for "
        f"{sorted(set(names[differ.to_numpy()]))[:5]}",
    )
    return iso3, found["kind"].astype("string")


def _indicator_csv(path: Path, input_name: str, indicator: str, unit: str, last_year: int) -> pd.DataFrame:
    """One datasets/<indicator> CSV as a tidy frame; rows only where WDI has a value, as in the file."""
    file = path.name
    raw = csvtext.read(path, input_name, HEADER)
    years = raw["Year"].str.fullmatch(r"[0-9]{4}")
    expect(bool(years.all()), input_name, file, f"four-digit years; found {raw.loc[~years, 'Year'].head(3).tolist()}")
    year = raw["Year"].astype("int64")
    expect(
        year.min() == 1960 and year.max() == last_year,
        input_name,
        file,
        f"years 1960-{last_year}; found {year.min()}-{year.max()}",
    )
    value = pd.to_numeric(raw["Value"], errors="coerce")
    expect(
        bool(value.notna().all()),
        input_name,
        file,
        f"a number in every row's Value; found {raw.loc[value.isna(), 'Value'].head(3).tolist()}",
    )
    expect(
        not raw.duplicated(["Country Code", "Year"]).any(),
        input_name,
        file,
        "one row per economy and year; found repeated rows",
    )
    names = raw["Country Name"].astype("string")
    iso3, kind = _economies(names, raw["Country Code"], input_name, file)
    return pd.DataFrame(
        {
            "year": year,
            "code": raw["Country Code"].astype("string"),
            "iso3": iso3,
            "country": names,
            "kind": kind,
            "indicator": pd.Series(indicator, index=raw.index, dtype="string"),
            "value": value.astype("float64"),
            "unit": pd.Series(unit, index=raw.index, dtype="string"),
        }
    )


@extracted("gdp", version=VERSION)
def gdp(path: Path) -> pd.DataFrame:
    """GDP in current US$ (NY.GDP.MKTP.CD), 1960-2023.

    Columns: ``year``, ``code`` (WDI's), ``iso3`` (NA for aggregates), ``country`` (as written), ``kind``,
    ``indicator``, ``value`` (float64), ``unit``. In the file's order.
    """
    return _indicator_csv(path, "gdp", "NY.GDP.MKTP.CD", "current US$", 2023)


@extracted("population", version=VERSION)
def population(path: Path) -> pd.DataFrame:
    """Total population (SP.POP.TOTL), mid-year, 1960-2024; columns as :func:`gdp`."""
    return _indicator_csv(path, "population", "SP.POP.TOTL", "persons", 2024)


@extracted("wb_series", version=VERSION)
def wb_series(path: Path) -> pd.DataFrame:
    """btransfer's WDI extract of October 2022, long.

    Columns: ``year``, ``code`` (WDI's iso3c), ``iso3`` (NA for aggregates), ``country`` (as written),
    ``kind``, ``variable`` (btransfer's column: ``gdp_defl``, ``exc_rate``, ``pop``, ...), ``indicator``
    (the WDI code, or how btransfer derived it), ``value`` (float64, NaN where missing), ``unit``,
    ``derived`` (True for btransfer's own computations: gni, deaths, gni_capita). Ordered by variable,
    then as the file.
    """
    name, file = "wb_series", path.name
    raw = rda.read_frame(path, name, "wb_series", ["year", "iso3c", "country", *WB_SERIES])
    year = rda.whole_numbers(raw["year"], name, file, "a year")
    expect(year.min() == 1960 and year.max() == 2021, name, file, f"years 1960-2021; found {year.min()}-{year.max()}")
    code = raw["iso3c"].astype("string")
    expect(
        not pd.DataFrame({"c": code, "y": year}).duplicated().any(),
        name,
        file,
        "one row per economy and year; found repeated rows",
    )
    names = raw["country"].astype("string")
    iso3, kind = _economies(names, code, name, file)
    values = raw[list(WB_SERIES)]
    numeric = expect_numbers(values, name, file, "the series")
    rows = np.tile(np.arange(len(raw)), len(WB_SERIES))
    which = np.repeat(np.arange(len(WB_SERIES)), len(raw))

    def taken(column: pd.Series, positions: np.ndarray) -> pd.api.extensions.ExtensionArray:
        return column.astype("string").reset_index(drop=True).take(positions).array

    spec = list(WB_SERIES.values())
    return pd.DataFrame(
        {
            "year": year.to_numpy()[rows],
            "code": taken(code, rows),
            "iso3": taken(iso3, rows),
            "country": taken(names, rows),
            "kind": taken(kind, rows),
            "variable": taken(pd.Series(list(WB_SERIES)), which),
            "indicator": taken(pd.Series([s[0] for s in spec]), which),
            "value": numeric.to_numpy(dtype="float64").ravel(order="F"),
            "unit": taken(pd.Series([s[1] for s in spec]), which),
            "derived": np.array([s[2] for s in spec])[which],
        }
    )
