"""OECD DAC deflators, as pydeflate downloaded them on 14 February 2025 (kept by ONE's trade-explorer).

One Parquet file (``dac_deflators``: ``dac_deflators_2025-02-14.parquet``), a row per donor and year,
1960-2023, columns prefixed ``pydeflate_``: ``year``, ``entity_code`` (the DAC donor code), ``entity``
(donor name), ``iso3`` (pydeflate's code), ``DAC_DEFLATOR`` (the DAC deflator: 2022 = 100, for a donor's
aid in US dollars, combining its prices and its exchange rate), ``EXCHANGE`` (national currency per US$),
``EXCHANGE_D`` (the exchange-rate deflator, 2022 = 100) and ``NGDP_D`` (the GDP deflator, 2022 = 100).

Caveats: donors come and go (19 in 1960, 56 in 2022), and groups (DAC countries, G7, ...) sit beside
countries. pydeflate's ``iso3`` is not an ISO code for groups (it gives "ESH", Western Sahara, to
"Non-DAC countries"), so donors are identified through ``data/country_codes.csv`` (publisher ``oecd``) and
the file's code is only checked against it for countries. ``EXCHANGE`` is 1.0 for the United States, the
groups, and for some donors in some years (Qatar, the UAE, Saudi Arabia, Kuwait, Chinese Taipei, Hungary
and Poland before 1992, Croatia in 2022, ...): there it stands for a rate pydeflate did not have, not a
market rate. Euro-area members' rates are in euros for every year (earlier currencies converted at the
fixed rates). Poland's DAC deflator is missing for 1990 and 1991.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import countries
from .errors import StructureError, expect
from .tables import extracted

VERSION = 1
INPUT = "dac_deflators"
FIRST_YEAR, LAST_YEAR = 1960, 2023
KEYS = ["pydeflate_year", "pydeflate_entity_code", "pydeflate_entity", "pydeflate_iso3"]
#: The file's value columns: our name for each, and its unit.
INDICATORS = {
    "pydeflate_DAC_DEFLATOR": ("dac_deflator", "index, 2022 = 100 (aid in US$: donor prices and exchange rate)"),
    "pydeflate_EXCHANGE": ("exchange_rate", "national currency per US$"),
    "pydeflate_EXCHANGE_D": ("exchange_deflator", "index, 2022 = 100"),
    "pydeflate_NGDP_D": ("gdp_deflator", "index, 2022 = 100"),
}


@extracted(INPUT, version=VERSION)
def dac_deflators(path: Path) -> pd.DataFrame:
    """The DAC deflators and their components, long.

    Columns: ``year`` (int64), ``donor_code`` (int64, the DAC code), ``donor`` (as written), ``iso3`` (NA
    for groups and EU Institutions), ``kind``, ``indicator`` (``dac_deflator``, ``exchange_rate``,
    ``exchange_deflator``, ``gdp_deflator``), ``value`` (float64, NaN where missing), ``unit``. Ordered by
    indicator, then as the file (year, donor).
    """
    file = path.name
    try:
        raw = pd.read_parquet(path)
    except (OSError, ValueError) as exc:
        raise StructureError(INPUT, file, f"a Parquet file; it could not be read ({exc})") from None
    expected = KEYS + list(INDICATORS)
    expect(
        sorted(raw.columns) == sorted(expected),
        INPUT,
        file,
        f"columns {', '.join(expected)}; found {', '.join(raw.columns)}",
    )
    year = pd.to_numeric(raw["pydeflate_year"], errors="coerce")
    expect(
        bool(year.notna().all()) and year.min() == FIRST_YEAR and year.max() == LAST_YEAR,
        INPUT,
        file,
        f"years {FIRST_YEAR}-{LAST_YEAR} in every row; found {year.min()}-{year.max()}",
    )
    donor = raw["pydeflate_entity"].astype("string")
    code = raw["pydeflate_entity_code"].astype("int64")
    expect(
        not pd.DataFrame({"c": code, "y": year}).duplicated().any(),
        INPUT,
        file,
        "one row per donor and year; found repeated rows",
    )
    expect(
        donor.groupby(code).nunique().max() == 1,
        INPUT,
        file,
        "one donor name per DAC code; found a code with several names",
    )
    found = countries.codes("oecd", donor, INPUT, file)
    iso3 = found["iso3"].astype("string")
    country = (found["kind"] == "country").to_numpy()
    differ = iso3[country] != raw["pydeflate_iso3"].astype("string")[country]
    expect(
        not differ.any(),
        INPUT,
        file,
        "each country donor's code to be its ISO code in data/country_codes.csv; differ for "
        f"{sorted(set(donor[country][differ.to_numpy()]))[:5]}",
    )
    parts = []
    for column, (indicator, unit) in INDICATORS.items():
        parts.append(
            pd.DataFrame(
                {
                    "year": year.astype("int64"),
                    "donor_code": code,
                    "donor": donor,
                    "iso3": iso3,
                    "kind": found["kind"].astype("string"),
                    "indicator": pd.Series(indicator, index=raw.index, dtype="string"),
                    "value": raw[column].astype("float64"),
                    "unit": pd.Series(unit, index=raw.index, dtype="string"),
                }
            )
        )
    return pd.concat(parts, ignore_index=True)
