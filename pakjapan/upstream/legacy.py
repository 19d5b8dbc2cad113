"""The four long-run tables the chapters were first written on, rebuilt from the upstream extractors.

The chapters were written on four CSV extracts (``cow_trade_dyadic.csv``, ``cow_trade_totals.csv``,
``exchange_rates.csv``, ``macro.csv``) made once from the same raw files, and read by
``pakjapan.external``. This module makes exactly those tables again (same columns, rows, order, values
and dtypes as ``external.parse`` gives: year and COW codes int64, country codes ``string``, numbers
float64) from the tidy frames of ``cow``, ``fred``, ``bls``, ``pwt``, ``maddison``, ``oecd`` and
``worldbank.wdi``, so the chapters can switch over without a figure moving. The rules below were
found by comparing the extracts with the raw files; ``tests/test_upstream_legacy.py`` checks every cell
while the old extracts still exist.

Rules common to the four tables:

- Numbers are written as the old CSV files wrote them: rounded to 10 significant digits (``%.10g``).
  Whole numbers of up to ten digits (COW flows, populations) are unchanged; the others (COW totals, WDI
  GDP, deflators, exchange rates, PWT and Maddison values) move by less than one part in a billion:
  Pakistan's 2023 GDP, 338,368,455,317.88 US$ in the file, is 338,368,455,300 here, as in the old extract.
- Countries are ISO 3166 alpha-3 codes. The comparison set is Pakistan, Japan, and the partners named in
  :data:`JAPAN_PARTNERS` and :data:`PAKISTAN_PARTNERS` (21 codes in all; Germany is DEU both as West
  Germany, COW 260, and as Germany, COW 255).

Each loader is cached like any extractor; its version adds the versions of the extractors it draws on,
so a change to any of them gives a new cache key.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from . import bls, cow, fetch, fred, maddison, oecd, pwt
from .tables import extracted
from .worldbank import wdi

VERSION = 1
JAPAN_COW, PAKISTAN_COW = 740, 770
#: Japan's partners in the dyadic table, by COW code: Bangladesh, China, Indonesia, India, South Korea,
#: Sri Lanka, Malaysia, Nepal, Pakistan, the Philippines, Thailand, the United States, Vietnam.
JAPAN_PARTNERS = (771, 710, 850, 750, 732, 780, 820, 790, 770, 840, 800, 2, 816)
#: Pakistan's partners: Afghanistan, the UAE, Bangladesh, China, Germany (255) and West Germany (260), the
#: United Kingdom, India, Iran, Japan, Kuwait, Saudi Arabia, the United States.
PAKISTAN_PARTNERS = (700, 696, 771, 710, 255, 260, 200, 750, 630, 740, 690, 670, 2)
#: The states of the totals table: Japan, Pakistan and all their partners.
TOTALS_COW = tuple(sorted({JAPAN_COW, PAKISTAN_COW, *JAPAN_PARTNERS, *PAKISTAN_PARTNERS}))
#: The same countries as ISO codes, for the macro series drawn for all of them.
COUNTRIES = (
    "AFG", "ARE", "BGD", "CHN", "DEU", "GBR", "IDN", "IND", "IRN", "JPN", "KOR",
    "KWT", "LKA", "MYS", "NPL", "PAK", "PHL", "SAU", "THA", "USA", "VNM",
)  # fmt: skip
PAIR = ("JPN", "PAK")
TOTALS_FROM = 1950
MADDISON_FROM = 1870


def _sig10(values: pd.Series) -> pd.Series:
    """Numbers as the old CSV files wrote them: 10 significant digits (NaN stays NaN)."""
    return pd.Series(
        [float(f"{v:.10g}") if v == v else np.nan for v in values.to_numpy(dtype="float64")],
        index=values.index,
        dtype="float64",
    )


def _table(loader: Callable[[], pd.DataFrame], path: Path) -> pd.DataFrame:
    """The extractor's frame for ``path``: its cached table when ``path`` is the pinned input, else built.

    So a cold legacy table reuses (and fills) the extractors' caches, while a test can still hand a
    damaged copy to the legacy build.
    """
    (name,) = loader.inputs  # type: ignore[attr-defined]
    pinned = fetch.locate(name)
    if pinned is not None and pinned.path.resolve() == Path(path).resolve():
        return loader()
    return loader.build(path)  # type: ignore[attr-defined]


@extracted("cow_trade_dyadic", version=VERSION + cow.VERSION)
def dyadic(path: Path) -> pd.DataFrame:
    """``cow_trade_dyadic.csv``: COW dyadic flows between Japan or Pakistan and their partners.

    Rules: every row of the COW dyadic file (both directions) between Japan (740) and each of
    :data:`JAPAN_PARTNERS`, and between Pakistan (770) and each of :data:`PAKISTAN_PARTNERS`; all years
    the file has (Japan's from 1870, with its gap 1946-1951; Pakistan's from 1948; West Germany's only
    1955-1959 with Pakistan), rows with missing flows kept (NaN). Columns ``year``, ``importer``,
    ``exporter`` (ISO), ``importer_cow``, ``exporter_cow``, ``imports_musd`` and ``imports_smoothed_musd``
    (COW's flow and smoothed flow, current US$ million, importer-reported). Sorted by importer, exporter,
    year (ISO codes, so Pakistan's rows with DEU hold 260 then 255).
    """
    flows = _table(cow.dyadic, path)
    imp, exp = flows["importer_cow"], flows["exporter_cow"]

    def between(home: int, partners: tuple[int, ...]) -> pd.Series:
        return ((imp == home) & exp.isin(partners)) | ((exp == home) & imp.isin(partners))

    rows = flows[between(JAPAN_COW, JAPAN_PARTNERS) | between(PAKISTAN_COW, PAKISTAN_PARTNERS)]
    frame = pd.DataFrame(
        {
            "year": rows["year"],
            "importer": rows["importer"],
            "exporter": rows["exporter"],
            "importer_cow": rows["importer_cow"],
            "exporter_cow": rows["exporter_cow"],
            "imports_musd": _sig10(rows["imports"]),
            "imports_smoothed_musd": _sig10(rows["imports_smoothed"]),
        }
    )
    return frame.sort_values(["importer", "exporter", "year"], kind="stable", ignore_index=True)


@extracted("cow_trade_national", version=VERSION + cow.VERSION)
def totals(path: Path) -> pd.DataFrame:
    """``cow_trade_totals.csv``: COW total imports and exports of Japan, Pakistan and their partners.

    Rules: the rows of :data:`TOTALS_COW` from 1950 on (``year >= 1950``), every one the file has, missing
    values kept (NaN): e.g. Bangladesh's rows from 1960, empty before 1972; West Germany (260) 1955-1990
    beside Germany (255) from 1960, both DEU (COW puts West Germany's totals for 1960-1989 under 255 and
    leaves 260's rows for those years empty). Columns ``year``, ``country``, ``country_cow``,
    ``imports_musd``, ``exports_musd`` (current US$ million). Sorted by country (ISO), year and COW code
    (so where DEU has two rows in a year, 255 comes first).
    """
    table = _table(cow.totals, path)
    rows = table[table["country_cow"].isin(TOTALS_COW) & (table["year"] >= TOTALS_FROM)]
    frame = pd.DataFrame(
        {
            "year": rows["year"],
            "country": rows["country"],
            "country_cow": rows["country_cow"],
            "imports_musd": _sig10(rows["imports"]),
            "exports_musd": _sig10(rows["exports"]),
        }
    )
    return frame.sort_values(["country", "year", "country_cow"], kind="stable", ignore_index=True)


def _series(frame: pd.DataFrame, country: str, value: str, label: str, **extra: str) -> pd.DataFrame:
    """Rows with a value, as (year, country, [extra...], value, series)."""
    rows = frame[frame[value].notna()]
    out = {"year": rows["year"], "country": rows[country].astype("string")}
    out.update({k: pd.Series(v, index=rows.index, dtype="string") for k, v in extra.items()})
    out["value"] = rows[value].astype("float64")
    out["series"] = pd.Series(label, index=rows.index, dtype="string")
    return pd.DataFrame(out)


@extracted("fred_exchange_rates", "pwt", "wb_series", version=VERSION + fred.VERSION + pwt.VERSION + wdi.VERSION)
def exchange_rates(fred_path: Path, pwt_path: Path, wb_path: Path) -> pd.DataFrame:
    """``exchange_rates.csv``: national currency per US dollar, calendar-year averages, three series.

    Rules: FRED AEXJPUS for Japan (every year of the file, 1971-2025), labelled "FRED AEXJPUS (Federal
    Reserve H.10, annual average)"; PWT 10.01 ``xr`` for Japan and Pakistan (1950-2019), "Penn World
    Table 10.01 xr"; WDI PA.NUS.FCRF from btransfer's October 2022 extract for Japan and Pakistan
    (1960-2021), "World Bank WDI PA.NUS.FCRF (October 2022 release)". Only rows with a value (none of
    these has a gap). Columns ``year``, ``country``, ``per_usd``, ``series``; sorted by country, series
    label, year.
    """
    rates = _table(fred.exchange_rates, fred_path)
    rates = rates[rates["iso3"] == "JPN"]
    labels = rates["series"].unique()
    frames = [
        _series(rates, "iso3", "per_usd", f"FRED {labels[0]} (Federal Reserve H.10, annual average)"),
    ]
    table = _table(pwt.pwt, pwt_path)
    frames.append(
        _series(
            table[(table["variable"] == "xr") & table["iso3"].isin(PAIR)], "iso3", "value", "Penn World Table 10.01 xr"
        )
    )
    series = _table(wdi.wb_series, wb_path)
    frames.append(
        _series(
            series[(series["variable"] == "exc_rate") & series["code"].isin(PAIR)],
            "code",
            "value",
            "World Bank WDI PA.NUS.FCRF (October 2022 release)",
        )
    )
    frame = pd.concat(frames, ignore_index=True).rename(columns={"value": "per_usd"})
    frame["per_usd"] = _sig10(frame["per_usd"])
    frame = frame.sort_values(["country", "series", "year"], kind="stable", ignore_index=True)
    return frame[["year", "country", "per_usd", "series"]]


@extracted(
    "gdp",
    "population",
    "cpi_us",
    "pwt",
    "wb_series",
    "dac_deflators",
    "maddison",
    version=VERSION + wdi.VERSION + bls.VERSION + pwt.VERSION + oecd.VERSION + maddison.VERSION,
)
def macro(
    gdp_path: Path,
    population_path: Path,
    cpi_path: Path,
    pwt_path: Path,
    wb_path: Path,
    dac_path: Path,
    maddison_path: Path,
) -> pd.DataFrame:
    """``macro.csv``: GDP, population, price indices and GDP per head, one series label per source.

    Rules (indicator / unit / series label: what):

    - cpi / "index, 1982-84 = 100" / "BLS CPI-U (CUUR0000SA0), mean of 12 months": USA, the annual
      averages of :func:`bls.annual` (the mean of twelve months to three decimals), complete years only
      (1913-2024).
    - dac_deflator / "index, 2022 = 100" / "OECD DAC deflator for Japan's aid (2025 release)": Japan,
      1960-2023.
    - gdp / "current US$" / "World Bank WDI NY.GDP.MKTP.CD": the 21 countries, every year the file has.
    - gdp_deflator / "index" / "World Bank WDI NY.GDP.DEFL.ZS (October 2022 release)": Japan and Pakistan,
      1960-2021, from btransfer's extract.
    - gdp_per_capita / "2011 US$ (PPP)" / "Maddison Project Database 2018 rgdpnapc": the 21 countries,
      from 1870.
    - population / "thousand persons" / "Maddison Project Database 2018 pop": the 21 countries, from 1870.
    - population / "million persons" / "Penn World Table 10.01 pop": Japan and Pakistan, 1950-2019.
    - population / "persons" / "World Bank WDI SP.POP.TOTL": the 21 countries, 1960-2024.
    - price_level_consumption / "US in 2017 = 1" / "Penn World Table 10.01 pl_con": Japan and Pakistan.
    - real_gdp / "million 2017 US$" / "Penn World Table 10.01 rgdpna": Japan and Pakistan.

    Only rows with a value: a year a series lacks has no row (this drops Maddison's gaps). Columns
    ``year``, ``country``, ``indicator``, ``unit``, ``value``, ``series``; sorted by indicator, series
    label, country, year.
    """
    frames = []

    def add(frame: pd.DataFrame, country: str, indicator: str, unit: str, label: str) -> None:
        frames.append(_series(frame, country, "value", label, indicator=indicator, unit=unit))

    prices = bls.annual(_table(bls.cpi_us, cpi_path)).assign(country="USA")
    add(prices, "country", "cpi", "index, 1982-84 = 100", "BLS CPI-U (CUUR0000SA0), mean of 12 months")
    dac = _table(oecd.dac_deflators, dac_path)
    add(
        dac[(dac["indicator"] == "dac_deflator") & (dac["iso3"] == "JPN")],
        "iso3",
        "dac_deflator",
        "index, 2022 = 100",
        "OECD DAC deflator for Japan's aid (2025 release)",
    )
    gdp = _table(wdi.gdp, gdp_path)
    add(gdp[gdp["code"].isin(COUNTRIES)], "code", "gdp", "current US$", "World Bank WDI NY.GDP.MKTP.CD")
    series = _table(wdi.wb_series, wb_path)
    add(
        series[(series["variable"] == "gdp_defl") & series["code"].isin(PAIR)],
        "code",
        "gdp_deflator",
        "index",
        "World Bank WDI NY.GDP.DEFL.ZS (October 2022 release)",
    )
    history = _table(maddison.maddison, maddison_path)
    history = history[history["code"].isin(COUNTRIES) & (history["year"] >= MADDISON_FROM)]
    add(
        history[history["variable"] == "rgdpnapc"],
        "code",
        "gdp_per_capita",
        "2011 US$ (PPP)",
        "Maddison Project Database 2018 rgdpnapc",
    )
    add(
        history[history["variable"] == "pop"],
        "code",
        "population",
        "thousand persons",
        "Maddison Project Database 2018 pop",
    )
    penn = _table(pwt.pwt, pwt_path)
    penn = penn[penn["iso3"].isin(PAIR)]
    add(penn[penn["variable"] == "pop"], "iso3", "population", "million persons", "Penn World Table 10.01 pop")
    people = _table(wdi.population, population_path)
    add(people[people["code"].isin(COUNTRIES)], "code", "population", "persons", "World Bank WDI SP.POP.TOTL")
    add(
        penn[penn["variable"] == "pl_con"],
        "iso3",
        "price_level_consumption",
        "US in 2017 = 1",
        "Penn World Table 10.01 pl_con",
    )
    add(penn[penn["variable"] == "rgdpna"], "iso3", "real_gdp", "million 2017 US$", "Penn World Table 10.01 rgdpna")
    frame = pd.concat(frames, ignore_index=True)
    frame["value"] = _sig10(frame["value"])
    frame = frame.sort_values(["indicator", "series", "country", "year"], kind="stable", ignore_index=True)
    return frame[["year", "country", "indicator", "unit", "value", "series"]]
