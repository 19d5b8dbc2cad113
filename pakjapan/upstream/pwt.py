"""Penn World Table 10.01 (Groningen Growth and Development Centre), as the CRAN package pwt10 keeps it.

One R data file (``pwt``: ``pwt10.01.rda``), one data frame ``pwt10.01``: a row per country and year,
183 countries, 1950-2019, with ``country``, ``isocode``, ``year``, ``currency``, 43 numeric variables
(national accounts at PPPs and national prices, population, employment, capital, productivity, exchange
rate, price levels, shares) and five flag columns: ``i_cig`` and ``i_xm`` (whether the relative prices of
consumption, investment and government, and of exports and imports, are benchmark, interpolated or
extrapolated), ``i_xr`` (exchange rate ``market`` or ``estimated``), ``i_outlier`` (price level an
outlier) and ``i_irr`` (rate of return regular, low capital share, lower bound, outlier).

Here it is long: one row per country, year and variable, with the variable's unit, and the five flags
kept as text on every row of their country-year. Caveats: PWT ends in 2019; many countries start after
1950 (the rows exist with every value NaN); ``xr`` is the exchange rate in national currency per US$
(for euro members, euros throughout, converted at the fixed rates); the real series are in 2017 US$.
Tanzania is its mainland only.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from . import countries, rda
from .errors import expect, expect_numbers
from .tables import extracted

VERSION = 1
INPUT = "pwt"
FIRST_YEAR, LAST_YEAR = 1950, 2019
_PPP = "million 2017 US$ at current PPPs"
_NATIONAL = "million 2017 US$ at constant 2017 national prices"
_LEVEL = "price level, US output-side GDP in 2017 = 1"
#: Every numeric variable of PWT 10.01 and its unit, from the PWT user guide. A release with another
#: variable stops the extractor, so that no number arrives without a unit.
UNITS = {
    "rgdpe": "million 2017 US$ at chained PPPs (expenditure side)",
    "rgdpo": "million 2017 US$ at chained PPPs (output side)",
    "pop": "million persons",
    "emp": "million persons engaged",
    "avh": "hours worked per person engaged per year",
    "hc": "index of human capital per person (years of schooling and returns to education)",
    "ccon": _PPP,
    "cda": _PPP,
    "cgdpe": _PPP,
    "cgdpo": _PPP,
    "cn": _PPP,
    "ck": "index, USA = 1 (capital services at current PPPs)",
    "ctfp": "index, USA = 1 (TFP at current PPPs)",
    "cwtfp": "index, USA = 1 (welfare-relevant TFP at current PPPs)",
    "rgdpna": _NATIONAL,
    "rconna": _NATIONAL,
    "rdana": _NATIONAL,
    "rnna": _NATIONAL,
    "rkna": "index, 2017 = 1 (capital services at constant national prices)",
    "rtfpna": "index, 2017 = 1 (TFP at constant national prices)",
    "rwtfpna": "index, 2017 = 1 (welfare-relevant TFP at constant national prices)",
    "labsh": "share of GDP at current national prices (labour compensation)",
    "irr": "rate (real internal rate of return)",
    "delta": "rate (average depreciation of the capital stock)",
    "xr": "national currency per US$",
    "pl_con": _LEVEL,
    "pl_da": _LEVEL,
    "pl_gdpo": _LEVEL,
    "cor_exp": "correlation of expenditure shares with the US (benchmark years only)",
    "statcap": "index (World Bank statistical capacity; developing countries only)",
    "csh_c": "share of output-side GDP at current PPPs",
    "csh_i": "share of output-side GDP at current PPPs",
    "csh_g": "share of output-side GDP at current PPPs",
    "csh_x": "share of output-side GDP at current PPPs",
    "csh_m": "share of output-side GDP at current PPPs",
    "csh_r": "share of output-side GDP at current PPPs",
    "pl_c": _LEVEL,
    "pl_i": _LEVEL,
    "pl_g": _LEVEL,
    "pl_x": _LEVEL,
    "pl_m": _LEVEL,
    "pl_n": _LEVEL,
    "pl_k": "price level of capital services, USA = 1",
}
KEYS = ["country", "isocode", "year", "currency"]
FLAGS = ["i_cig", "i_xm", "i_xr", "i_outlier", "i_irr"]


@extracted(INPUT, version=VERSION)
def pwt(path: Path) -> pd.DataFrame:
    """Every PWT value, long.

    Columns: ``year`` (int64), ``iso3``, ``country`` (as written), ``currency``, ``variable`` (PWT's name,
    e.g. ``xr``, ``pop``, ``rgdpna``, ``pl_con``), ``value`` (float64, NaN where PWT has none), ``unit``,
    and the flags ``i_cig``, ``i_xm``, ``i_xr``, ``i_outlier``, ``i_irr`` (text, NA where PWT gives none).
    Ordered by variable (PWT's column order), then as the file (country, year).
    """
    file = path.name
    raw = rda.read_frame(path, INPUT, "pwt10.01", KEYS + list(UNITS) + FLAGS)
    extra = [c for c in raw.columns if c not in KEYS + list(UNITS) + FLAGS]
    expect(not extra, INPUT, file, f"only the columns of PWT 10.01; found new ones: {', '.join(extra)}")
    year = rda.whole_numbers(raw["year"], INPUT, file, "a year")
    expect(
        year.min() == FIRST_YEAR and year.max() == LAST_YEAR,
        INPUT,
        file,
        f"years {FIRST_YEAR}-{LAST_YEAR}; found {year.min()}-{year.max()}",
    )
    iso = raw["isocode"].astype("string")
    expect(
        not pd.DataFrame({"c": iso, "y": year}).duplicated().any(),
        INPUT,
        file,
        "one row per country and year; found repeated rows",
    )
    names = raw["country"].astype("string")
    found = countries.codes("pwt", names, INPUT, file)
    differ = found["iso3"].astype("string") != iso
    expect(
        not differ.any(),
        INPUT,
        file,
        "each country's isocode to be its ISO code in data/country_codes.csv; differ for "
        f"{sorted(set(names[differ]))[:5]}",
    )
    values = raw[list(UNITS)]
    numeric = expect_numbers(values, INPUT, file, "the numeric variables")
    # Long by position: row i of variable j is row i of the file; strings are taken in Arrow, not Python.
    rows = np.tile(np.arange(len(raw)), len(UNITS))
    which = np.repeat(np.arange(len(UNITS)), len(raw))

    def taken(column: pd.Series, positions: np.ndarray) -> np.ndarray:
        return column.astype("string").reset_index(drop=True).take(positions).array

    return pd.DataFrame(
        {
            "year": year.to_numpy()[rows],
            "iso3": taken(iso, rows),
            "country": taken(names, rows),
            "currency": taken(raw["currency"], rows),
            "variable": taken(pd.Series(list(UNITS)), which),
            "value": numeric.to_numpy(dtype="float64").ravel(order="F"),
            "unit": taken(pd.Series(list(UNITS.values())), which),
            **{flag: taken(raw[flag], rows) for flag in FLAGS},
        }
    )
