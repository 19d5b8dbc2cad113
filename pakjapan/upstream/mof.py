"""Japan's Ministry of Finance trade statistics: exports and imports by area and summary goods group.

The file (``japan_customs_by_area``): an R data file holding one data frame, ``trade_year``, made by a
third-party repository (mitsuoxv/jp-trade) that downloads the MoF's monthly summary tables (e-Stat,
"exports/imports by area and principal commodity", thousand yen) from January 2009 and sums the months
of each calendar year. Columns: ``ex_im`` (export | import), ``area`` (the MoF's abbreviated English
names: 'Pakistn', 'Thailnd', 'U Arb E', 'EU', 'Grand Total' for the world), ``goods`` (summary groups,
title-cased, 'Grand Total' included), ``year`` (stored as a double) and ``value`` (billion yen).
Exports are valued FOB, imports CIF.

Caveats a reader must know:

* **Partial years.** 2026 covers January–March only. In April 2017 the MoF changed its summary tables:
  some goods groups ended in March 2017 (exports 'Audio Apparatus', 'Visual Apparatus',
  'Blank/Recorded Media'; imports '(Shrimps, Prawns, Lobsters)', '(Video Rec Or Repro App)'), others
  began in April 2017 (exports 'Aircraft', 'Audio & Visual Apparatus', 'Semicon Machinery Etc'; imports
  '(Telephone Sets)', 'Insulated Wire And Cable'), and Qatar and Vietnam became export areas of their
  own. Their 2017 values therefore cover January–March or April–December only. ``first_month``,
  ``months`` and ``partial_year`` say which months every row covers; none is scaled up.
* **Provisional figures.** The MoF revises a year's figures in March of the following year and fixes them
  in November. When the file was made (after March 2026), 2026 was provisional and 2025 not yet fixed:
  ``provisional`` is True for both. The file itself carries no marks, and does not say which release
  (provisional, revised or fixed) each earlier month was taken from.
* **Hierarchy.** 'Grand Total' is the sum of the nine top sections (``goods_level`` 1: Foodstuff, Raw
  Materials, Mineral Fuels, Chemicals, Manufactured Goods, Machinery, Electrical Machinery, Transport
  Equipment, Others); the other groups (level 2) and the items in parentheses (level 3) are parts of
  these and do not exhaust them. Sum level 1 only.
* **Areas overlap and do not exhaust.** 'Grand Total' is the world; 'EU' is the members of the time;
  the country areas together hold 93–98% of the world's total, so their sum is not the world.

Nothing is dropped or filled: zeros are the MoF's zeros.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from . import countries, rda
from .errors import expect
from .tables import extracted

INPUT = "japan_customs_by_area"
FLOWS = {"export": ("exports", "FOB"), "import": ("imports", "CIF")}
UNIT = "billion yen"
FIRST_YEAR, LAST_YEAR = 2009, 2026
#: The last year holds January to this month only.
LAST_YEAR_MONTHS = 3
#: The month from which the MoF's new summary tables (goods groups, export areas) apply.
BREAK_YEAR, BREAK_MONTH = 2017, 4
#: Years not yet fixed by the MoF when the file was made (fixed in November of the following year).
PROVISIONAL_YEARS = (2025, 2026)
#: The nine top sections, whose sum is 'Grand Total'.
SECTIONS = (
    "Foodstuff",
    "Raw Materials",
    "Mineral Fuels",
    "Chemicals",
    "Manufactured Goods",
    "Machinery",
    "Electrical Machinery",
    "Transport Equipment",
    "Others",
)
TOTAL = "Grand Total"
COLUMNS = [
    "flow",
    "basis",
    "area",
    "partner",
    "partner_kind",
    "goods",
    "goods_level",
    "year",
    "first_month",
    "months",
    "value",
    "unit",
    "partial_year",
    "provisional",
]


def goods_level(goods: pd.Series) -> pd.Series:
    """0 for 'Grand Total', 1 for the nine sections, 3 for items written in parentheses, 2 for the rest."""
    level = np.where(goods.str.startswith("("), 3, 2)
    level = np.where(goods.isin(SECTIONS), 1, level)
    level = np.where(goods == TOTAL, 0, level)
    return pd.Series(level, index=goods.index, dtype="int64")


def _coverage(raw: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """The first month and number of months each row covers.

    A goods group or an export area that appears only from 2017 started in April 2017; one that stops
    in 2017 ended in March 2017 (the MoF's new tables); the last year has January to March.
    """
    by_goods = raw.groupby(["ex_im", "goods"], observed=True)["year"]
    goods_first, goods_last = by_goods.transform("min"), by_goods.transform("max")
    area_first = raw.groupby(["ex_im", "area"], observed=True)["year"].transform("min")
    starts_april = (raw["year"] == BREAK_YEAR) & ((goods_first == BREAK_YEAR) | (area_first == BREAK_YEAR))
    ends_march = (raw["year"] == BREAK_YEAR) & (goods_last == BREAK_YEAR)
    first = pd.Series(np.where(starts_april, BREAK_MONTH, 1), index=raw.index, dtype="int64")
    last = pd.Series(np.where(ends_march, BREAK_MONTH - 1, 12), index=raw.index, dtype="int64")
    last = last.where(raw["year"] != LAST_YEAR, LAST_YEAR_MONTHS)
    return first, last - first + 1


def read(path: Path) -> pd.DataFrame:
    """The raw ``trade_year`` frame, after checking its layout (columns, flows, years, series spans)."""
    file = path.name
    raw = rda.read_frame(path, INPUT, "trade_year", ["ex_im", "area", "goods", "year", "value"])
    expect(
        list(raw.columns) == ["ex_im", "area", "goods", "year", "value"],
        INPUT,
        file,
        f"expected trade_year to have exactly the columns ex_im, area, goods, year, value; found {list(raw.columns)}",
    )
    raw = raw.reset_index(drop=True).assign(
        ex_im=raw["ex_im"].astype("string").to_numpy(),
        area=raw["area"].astype("string").to_numpy(),
        goods=raw["goods"].astype("string").to_numpy(),
    )
    flows = set(raw["ex_im"].dropna().unique())
    expect(flows == set(FLOWS), INPUT, file, f"expected ex_im values {sorted(FLOWS)}, found {sorted(flows)}")
    gaps = raw.isna().sum()
    expect(not gaps.any(), INPUT, file, f"expected no missing cells, found {gaps[gaps > 0].to_dict()}")
    years = raw["year"]
    expect(
        bool((years % 1 == 0).all()) and years.min() == FIRST_YEAR and years.max() == LAST_YEAR,
        INPUT,
        file,
        f"expected whole years {FIRST_YEAR}..{LAST_YEAR}, found {years.min()}..{years.max()}",
    )
    raw["year"] = years.astype("int64")
    expect(
        set(raw["year"]) == set(range(FIRST_YEAR, LAST_YEAR + 1)),
        INPUT,
        file,
        f"expected every year {FIRST_YEAR}..{LAST_YEAR}, "
        f"missing {sorted(set(range(FIRST_YEAR, LAST_YEAR + 1)) - set(raw['year']))}",
    )
    dup = raw.duplicated(["ex_im", "area", "goods", "year"])
    expect(not dup.any(), INPUT, file, f"expected one row per flow, area, goods and year; {int(dup.sum())} repeated")
    for flow in FLOWS:
        part = raw[raw["ex_im"] == flow]
        missing = sorted({TOTAL, *SECTIONS} - set(part["goods"]))
        expect(
            not missing,
            INPUT,
            file,
            f"expected the goods {TOTAL!r} and the nine sections for {flow}, missing {missing}",
        )
        expect(TOTAL in set(part["area"]), INPUT, file, f"expected the area {TOTAL!r} for {flow}")
        # Every series must run from 2009 or April 2017 to March 2026 or March 2017: any other span is a
        # break the month coverage below does not know about.
        for key in ("goods", "area"):
            span = part.groupby(key)["year"].agg(["min", "max", "nunique"])
            odd = span[
                ~span["min"].isin([FIRST_YEAR, BREAK_YEAR])
                | ~span["max"].isin([BREAK_YEAR, LAST_YEAR])
                | (span["nunique"] != span["max"] - span["min"] + 1)
            ]
            expect(
                odd.empty,
                INPUT,
                file,
                f"expected every {flow} {key} to run from {FIRST_YEAR} or {BREAK_YEAR} to {BREAK_YEAR} or "
                f"{LAST_YEAR} without gaps; found {odd.reset_index().to_dict('records')[:3]}",
            )
    # The last year should be about a quarter of the year before (January to March): a full year here
    # would mean the file is not the one the month coverage was written for.
    world = raw[(raw["area"] == TOTAL) & (raw["goods"] == TOTAL)].groupby("year")["value"].sum()
    share = world.get(LAST_YEAR, np.nan) / world.get(LAST_YEAR - 1, np.nan)
    expect(
        0.15 < share < 0.35,
        INPUT,
        file,
        f"expected {LAST_YEAR} to hold January-March only (about a quarter of {LAST_YEAR - 1}); "
        f"its world total is {share:.0%} of {LAST_YEAR - 1}'s",
    )
    return raw


@extracted(INPUT, version=1)
def customs(path: Path) -> pd.DataFrame:
    """Japan's exports and imports by area and goods group, one row per flow, area, goods and year.

    Columns: ``flow`` (exports | imports), ``basis`` (FOB | CIF), ``area`` (as the MoF writes it),
    ``partner`` (ISO3; NA for 'Grand Total' and 'EU'), ``partner_kind`` (country | group), ``goods``
    (as written), ``goods_level`` (0 total, 1 section, 2 group, 3 item), ``year``, ``first_month`` and
    ``months`` (the months the value covers), ``value`` (billion yen, as published), ``unit``,
    ``partial_year`` (fewer than 12 months) and ``provisional`` (not yet fixed by the MoF).
    """
    raw = read(path)
    first, months = _coverage(raw)
    expect(
        bool((months > 0).all()), INPUT, path.name, "expected no series to both start in April and end in March 2017"
    )
    flow = raw["ex_im"].map({k: v[0] for k, v in FLOWS.items()})
    basis = raw["ex_im"].map({k: v[1] for k, v in FLOWS.items()})
    codes = countries.codes("mof", raw["area"], INPUT, path.name)
    return pd.DataFrame(
        {
            "flow": flow.astype("string"),
            "basis": basis.astype("string"),
            "area": raw["area"].astype("string"),
            "partner": codes["iso3"].astype("string"),
            "partner_kind": codes["kind"].astype("string"),
            "goods": raw["goods"].astype("string"),
            "goods_level": goods_level(raw["goods"]),
            "year": raw["year"],
            "first_month": first,
            "months": months,
            "value": raw["value"].astype("float64"),
            "unit": pd.array([UNIT] * len(raw), dtype="string"),
            "partial_year": months < 12,
            "provisional": raw["year"].isin(PROVISIONAL_YEARS),
        },
        columns=COLUMNS,
    )


def to_usd(frame: pd.DataFrame, rates: pd.DataFrame) -> pd.DataFrame:
    """A copy of a customs frame with ``rate_per_usd`` (yen per US$) and ``value_musd`` (US$ million).

    ``rates`` has one row per year with ``year`` and ``per_usd`` (yen per US dollar, e.g. FRED's annual
    average). Years without a rate get NaN in both new columns, visibly: nothing is filled or carried
    over. ``value`` (billion yen) is left as published. An annual average rate is only an approximation
    for a partial year (2026's January–March, 2017's partial groups): ``partial_year`` stays beside it.
    """
    missing = {"year", "per_usd"} - set(rates.columns)
    if missing:
        raise ValueError(f"the rate table needs the columns year and per_usd; missing {sorted(missing)}")
    if rates["year"].duplicated().any():
        raise ValueError(
            f"the rate table has more than one rate for year(s) {sorted(rates['year'][rates['year'].duplicated()])}"
        )
    if (rates["per_usd"].dropna() <= 0).any():
        raise ValueError("the rate table has a rate of zero or less: a rate is yen per US dollar")
    lookup = pd.Series(rates["per_usd"].astype("float64").to_numpy(), index=rates["year"].astype("int64").to_numpy())
    out = frame.copy()
    out["rate_per_usd"] = out["year"].map(lookup).astype("float64")
    # billion yen / (yen per US$) = billion US$; times 1,000 = US$ million
    out["value_musd"] = out["value"] / out["rate_per_usd"] * 1000.0
    return out
