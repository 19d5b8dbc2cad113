"""Long-run series derived from the external datasets: pure functions on frames.

Every function here takes the frames :mod:`pakjapan.external` returns (or small frames of the
same shape, which is how the unit tests call them) and returns a new tidy frame, one row per
year (and country or direction), ready for seaborn. Nothing is estimated: a missing flow, total,
price or rate gives a missing result (NaN), never an interpolated or filled one, and rows are
not dropped, so a chart shows a gap where the data have one.

Conventions the chapters must state:

* **Reporter.** Correlates of War (COW) dyadic flows are each *importer's* record of its goods
  imports, so they include freight and insurance (CIF). "Pakistan's exports to Japan" is
  therefore Japan's record of its imports from Pakistan; see :data:`MEASURE_REPORTED`.
* **Smoothed flows.** COW also publishes smoothed flows (its own gap-filling). They are used
  only when a function is called with ``smoothed=True``, and the ``measure`` column then says
  :data:`MEASURE_SMOOTHED`.
* **The 1971 break.** COW's Pakistan (code 770) includes East Pakistan up to 1971; Bangladesh
  (771) appears from 1972. Every trade frame has a ``period`` column (:data:`PERIOD_BEFORE` or
  :data:`PERIOD_AFTER`, split at :data:`BREAK_YEAR`) and a boolean ``includes_east_pakistan``
  (true for rows involving Pakistan up to 1971). Draw each period as its own line
  (e.g. seaborn ``units="period"``, ``estimator=None``) so the break shows.
* **Constant dollars.** Trade is deflated with the US CPI-U (BLS, annual mean of monthly
  values) to constant :data:`BASE_YEAR` US dollars; aid in US dollars with Japan's DAC
  deflator to constant :data:`DAC_BASE_YEAR` US dollars (the deflator's own base).
* **Partners.** The dyadic file holds only some partners of each country (Pakistan: 12;
  Japan: 13), so a rank is a rank *among the partners in the dataset*, not among all countries.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

PAK = "PAK"
JPN = "JPN"

#: Last year in which COW's Pakistan includes East Pakistan; Bangladesh is reported from the next year.
BREAK_YEAR = 1971
PERIOD_BEFORE = "to 1971"  # for rows involving Pakistan: with East Pakistan (see includes_east_pakistan)
PERIOD_AFTER = "from 1972"

#: Base year of constant US dollars for trade: 2024 is the latest full year of CPI-U in the file,
#: so values read as "in 2024 dollars", close to what readers pay today.
BASE_YEAR = 2024
#: The DAC deflator for Japan's aid is published with 2022 = 100; constant aid is in 2022 US dollars.
DAC_BASE_YEAR = 2022

MEASURE_REPORTED = "importer-reported (CIF)"
MEASURE_SMOOTHED = "COW smoothed flow (not as reported)"

#: Exchange-rate series names as they appear in ``exchange_rates.csv``.
FX_FRED = "FRED AEXJPUS (Federal Reserve H.10, annual average)"
FX_PWT = "Penn World Table 10.01 xr"
FX_WB = "World Bank WDI PA.NUS.FCRF (October 2022 release)"

#: Series names in ``macro.csv`` used here.
CPI_SERIES = "BLS CPI-U (CUUR0000SA0), mean of 12 months"
GDP_SERIES = "World Bank WDI NY.GDP.MKTP.CD"
POP_SERIES = "World Bank WDI SP.POP.TOTL"
MADDISON_SERIES = "Maddison Project Database 2018 rgdpnapc"
DAC_SERIES = "OECD DAC deflator for Japan's aid (2025 release)"

#: Country names for labels.
NAMES = {
    "AFG": "Afghanistan",
    "ARE": "United Arab Emirates",
    "BGD": "Bangladesh",
    "CHN": "China",
    "DEU": "Germany",
    "GBR": "United Kingdom",
    "IDN": "Indonesia",
    "IND": "India",
    "IRN": "Iran",
    "JPN": "Japan",
    "KOR": "South Korea",
    "KWT": "Kuwait",
    "LKA": "Sri Lanka",
    "MYS": "Malaysia",
    "NPL": "Nepal",
    "PAK": "Pakistan",
    "PHL": "Philippines",
    "SAU": "Saudi Arabia",
    "THA": "Thailand",
    "USA": "United States",
    "VNM": "Vietnam",
}


# --- small building blocks ------------------------------------------------------------------


def period(year: int) -> str:
    """The side of the 1971 break a year falls on (:data:`PERIOD_BEFORE` or :data:`PERIOD_AFTER`)."""
    return PERIOD_BEFORE if year <= BREAK_YEAR else PERIOD_AFTER


def decade(year: int) -> int:
    """The decade a year belongs to, as its first year (1948 → 1940, 1971 → 1970)."""
    return (int(year) // 10) * 10


def _with_break(frame: pd.DataFrame, *country_cols: str) -> pd.DataFrame:
    """Add ``period`` and ``includes_east_pakistan`` (a row involves PAK and its year is ≤ 1971)."""
    out = frame.copy()
    out["period"] = out["year"].map(period)
    involves = np.zeros(len(out), dtype=bool)
    for col in country_cols:
        involves |= (out[col] == PAK).to_numpy()
    out["includes_east_pakistan"] = involves & (out["year"] <= BREAK_YEAR).to_numpy()
    return out


def _ratio(num: pd.Series, den: pd.Series) -> pd.Series:
    """num / den, missing where either is missing or den is zero (no infinities)."""
    den = den.astype("float64")
    return num.astype("float64") / den.where(den != 0)


def _series(macro: pd.DataFrame, country: str, indicator: str, series: str) -> pd.Series:
    """One macro series as a year-indexed Series; a clear error if the file has no such series."""
    rows = macro[(macro["country"] == country) & (macro["indicator"] == indicator) & (macro["series"] == series)]
    if rows.empty:
        raise KeyError(f"macro.csv has no {indicator!r} for {country} from series {series!r}")
    if rows["year"].duplicated().any():
        raise ValueError(f"macro.csv has more than one {indicator!r} for {country} in a year ({series})")
    return rows.set_index("year")["value"].astype("float64").sort_index()


# --- flows ----------------------------------------------------------------------------------


def flows(
    dyadic: pd.DataFrame, importers: list[str] | None = None, exporters: list[str] | None = None, smoothed: bool = False
) -> pd.DataFrame:
    """Imports of each importer from each exporter, current US$ million, as the importer reports them.

    Returns ``year, importer, exporter, importer_name, exporter_name, musd, measure, period,
    includes_east_pakistan``. With ``smoothed=True`` the COW smoothed flow is used and ``measure``
    says so; otherwise the raw reported flow (missing where COW has none).
    """
    rows = dyadic
    if importers is not None:
        rows = rows[rows["importer"].isin(importers)]
    if exporters is not None:
        rows = rows[rows["exporter"].isin(exporters)]
    col = "imports_smoothed_musd" if smoothed else "imports_musd"
    out = rows[["year", "importer", "exporter"]].copy()
    out["importer_name"] = out["importer"].map(NAMES).fillna(out["importer"])
    out["exporter_name"] = out["exporter"].map(NAMES).fillna(out["exporter"])
    out["musd"] = rows[col].astype("float64")
    out["measure"] = MEASURE_SMOOTHED if smoothed else MEASURE_REPORTED
    out = _with_break(out, "importer", "exporter")
    return out.sort_values(["importer", "exporter", "year"]).reset_index(drop=True)


def bilateral(dyadic: pd.DataFrame, a: str = PAK, b: str = JPN, smoothed: bool = False) -> pd.DataFrame:
    """Both directions of a–b trade, each as its importer records it (CIF), with a ``direction`` label.

    ``direction`` reads e.g. "Pakistan's imports from Japan" and "Japan's imports from Pakistan".
    """
    out = flows(dyadic, smoothed=smoothed)
    out = out[((out["importer"] == a) & (out["exporter"] == b)) | ((out["importer"] == b) & (out["exporter"] == a))]
    out = out.copy()
    out["direction"] = out["importer_name"] + "'s imports from " + out["exporter_name"]
    return out.reset_index(drop=True)


def cpi(macro: pd.DataFrame) -> pd.Series:
    """US CPI-U (1982–84 = 100), annual mean of monthly values, indexed by year."""
    return _series(macro, "USA", "cpi", CPI_SERIES)


def to_constant(
    frame: pd.DataFrame, cpi_index: pd.Series, value: str = "musd", base_year: int = BASE_YEAR, out: str | None = None
) -> pd.DataFrame:
    """Add ``out`` (default ``<value>_<base_year>``): the value in constant base-year US dollars.

    constant = current × CPI[base_year] / CPI[year]. A year without CPI gives a missing value.
    """
    if base_year not in cpi_index.index or pd.isna(cpi_index.get(base_year)):
        raise KeyError(f"the price index has no value for base year {base_year}")
    res = frame.copy()
    factor = cpi_index[base_year] / res["year"].map(cpi_index)
    res[out or f"{value}_{base_year}"] = res[value].astype("float64") * factor.astype("float64")
    return res


# --- shares ---------------------------------------------------------------------------------


def share(dyadic: pd.DataFrame, totals: pd.DataFrame, importer: str, exporter: str, of: str) -> pd.DataFrame:
    """The importer-reported flow exporter→importer as a percentage of a national total.

    ``of="imports"``: share of the importer's total imports (both from the importer's records,
    consistent). ``of="exports"``: share of the exporter's total exports; the numerator is the
    partner's record (CIF) while COW's export totals are the exporter's record (usually FOB), so
    this share leans high; ``consistent_reporter`` is False for it.

    Returns ``year, importer, exporter, flow_musd, total_musd, share_pct, of, consistent_reporter,
    period, includes_east_pakistan``; missing where the flow or the total is missing.
    """
    if of not in ("imports", "exports"):
        raise ValueError("of must be 'imports' or 'exports'")
    f = flows(dyadic, [importer], [exporter])[["year", "importer", "exporter", "musd"]]
    who = importer if of == "imports" else exporter
    t = totals[totals["country"] == who][["year", f"{of}_musd"]].rename(columns={f"{of}_musd": "total_musd"})
    if t["year"].duplicated().any():
        # COW holds DEU twice (codes 255 and 260) in 1960-1989; picking one would be a silent choice
        years = sorted(set(t.loc[t["year"].duplicated(), "year"]))
        raise ValueError(f"the totals hold more than one row for {who} in {years[0]}-{years[-1]}; choose one first")
    out = f.merge(t, on="year", how="outer").sort_values("year")
    out["importer"] = importer
    out["exporter"] = exporter
    out = out.rename(columns={"musd": "flow_musd"})
    out["share_pct"] = 100 * _ratio(out["flow_musd"], out["total_musd"])
    out["of"] = f"{NAMES.get(who, who)}'s total {of}"
    out["consistent_reporter"] = of == "imports"
    return _with_break(out.reset_index(drop=True), "importer", "exporter")


def japan_pakistan_shares(dyadic: pd.DataFrame, totals: pd.DataFrame) -> pd.DataFrame:
    """The four shares, stacked with a ``measure_name`` label.

    Japan's share of Pakistan's imports and of its exports; Pakistan's share of Japan's imports
    and of its exports (see :func:`share` for which are reporter-consistent).
    """
    parts = [
        ("Japan's share of Pakistan's imports", share(dyadic, totals, PAK, JPN, "imports")),
        ("Japan's share of Pakistan's exports", share(dyadic, totals, JPN, PAK, "exports")),
        ("Pakistan's share of Japan's imports", share(dyadic, totals, JPN, PAK, "imports")),
        ("Pakistan's share of Japan's exports", share(dyadic, totals, PAK, JPN, "exports")),
    ]
    frames = []
    for label, frame in parts:
        frame = frame.copy()
        frame.insert(1, "measure_name", label)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


# --- ranks and peers ------------------------------------------------------------------------


def partner_rank(dyadic: pd.DataFrame, country: str = PAK, flow: str = "imports") -> pd.DataFrame:
    """Each partner's decade-average flow with ``country`` and its rank among the partners in the dataset.

    ``flow="imports"``: country's imports from each partner (country's record). ``flow="exports"``:
    each partner's imports from country (the partner's record). The average is over the years with
    a reported value (``n_years`` says how many); a partner with no value in a decade is not ranked
    in it. Rank 1 is the largest. Returns ``decade, partner, partner_name, mean_musd, n_years, rank``.
    """
    if flow == "imports":
        f = flows(dyadic, importers=[country]).rename(columns={"exporter": "partner"})
    elif flow == "exports":
        f = flows(dyadic, exporters=[country]).rename(columns={"importer": "partner"})
    else:
        raise ValueError("flow must be 'imports' or 'exports'")
    f = f.assign(decade=f["year"].map(decade))
    g = f.groupby(["decade", "partner"])["musd"].agg(mean_musd="mean", n_years="count").reset_index()
    g = g[g["n_years"] > 0].copy()
    g["rank"] = g.groupby("decade")["mean_musd"].rank(ascending=False, method="min").astype("int64")
    g["partner_name"] = g["partner"].map(NAMES).fillna(g["partner"])
    g["n_partners"] = g.groupby("decade")["partner"].transform("count")
    cols = ["decade", "partner", "partner_name", "mean_musd", "n_years", "rank", "n_partners"]
    return g[cols].sort_values(["decade", "rank"]).reset_index(drop=True)


def two_way_order(dyadic: pd.DataFrame, first: int, last: int, country: str = PAK) -> list[str]:
    """The partners in the dataset ordered by two-way trade with ``country`` over ``first``-``last``.

    Two-way trade is the mean of ``country``'s imports from the partner (its own record) plus the
    mean of the partner's imports from ``country`` (the partner's record), each over the years with
    a reported value; a partner with no value in either direction in the span is left out. The
    history and trade chapters both rank Japan this way, for a decade and for single years.
    """
    span = dyadic[dyadic["year"].between(first, last)]
    imports = flows(span, importers=[country]).groupby("exporter")["musd"].mean()
    exports = flows(span, exporters=[country]).groupby("importer")["musd"].mean()
    return list((imports + exports).dropna().sort_values(ascending=False).index)


def suppliers_to(
    dyadic: pd.DataFrame, importer: str = JPN, exporters: list[str] | None = None, smoothed: bool = False
) -> pd.DataFrame:
    """The importer's imports from each supplier in the file (default: Japan's, all suppliers).

    This is the peer comparison: Pakistan beside Bangladesh, India, Sri Lanka, Vietnam and the
    others as suppliers to Japan, all in Japan's own records (CIF), current US$ million.
    """
    return flows(dyadic, importers=[importer], exporters=exporters, smoothed=smoothed)


def supplier_share(
    dyadic: pd.DataFrame, totals: pd.DataFrame, importer: str = JPN, exporters: list[str] | None = None
) -> pd.DataFrame:
    """Each supplier's share of the importer's total imports, per year (importer-consistent)."""
    frames = []
    ex = exporters if exporters is not None else sorted(dyadic.loc[dyadic["importer"] == importer, "exporter"].unique())
    for e in ex:
        s = share(dyadic, totals, importer, e, "imports")
        s["exporter_name"] = NAMES.get(e, e)
        frames.append(s)
    return pd.concat(frames, ignore_index=True)


# --- trade relative to GDP ------------------------------------------------------------------


def gdp(macro: pd.DataFrame, country: str) -> pd.Series:
    """World Bank GDP, current US$, indexed by year (today's borders throughout)."""
    return _series(macro, country, "gdp", GDP_SERIES)


def trade_to_gdp(dyadic: pd.DataFrame, macro: pd.DataFrame, a: str = PAK, b: str = JPN) -> pd.DataFrame:
    """Bilateral a–b goods trade (sum of both importer-reported directions) as % of each one's GDP.

    Trade is missing in a year where either direction is missing. GDP is World Bank current US$;
    for Pakistan it is today's Pakistan, whereas COW's flows include East Pakistan to 1971, so rows
    with ``includes_east_pakistan`` overstate the ratio and must be shown apart.
    Returns ``year, country, country_name, trade_musd, gdp_musd, trade_pct_gdp, period,
    includes_east_pakistan``.
    """
    bil = bilateral(dyadic, a, b)
    wide = bil.pivot(index="year", columns="importer", values="musd")
    trade = wide.get(a) + wide.get(b)  # NaN if either is missing
    frames = []
    for c in (a, b):
        g = gdp(macro, c) / 1e6
        fr = pd.DataFrame({"year": trade.index.astype("int64"), "trade_musd": trade.to_numpy()})
        fr["country"] = c
        fr["country_name"] = NAMES.get(c, c)
        fr["gdp_musd"] = fr["year"].map(g).astype("float64")
        fr["trade_pct_gdp"] = 100 * _ratio(fr["trade_musd"], fr["gdp_musd"])
        frames.append(fr)
    out = pd.concat(frames, ignore_index=True)
    out = out[["year", "country", "country_name", "trade_musd", "gdp_musd", "trade_pct_gdp"]]
    out = out.assign(partner=[b if c == a else a for c in out["country"]])
    return _with_break(out, "country", "partner").drop(columns="partner")


# --- yen, aid deflator ----------------------------------------------------------------------


def fx(rates: pd.DataFrame, country: str = JPN, series: str = FX_FRED) -> pd.Series:
    """National currency per US dollar (calendar-year average) from one named series, by year."""
    rows = rates[(rates["country"] == country) & (rates["series"] == series)]
    if rows.empty:
        known = sorted(rates.loc[rates["country"] == country, "series"].unique())
        raise KeyError(f"no exchange-rate series {series!r} for {country}; the file has: {known}")
    return rows.set_index("year")["per_usd"].astype("float64").sort_index()


def yen_to_usd(
    frame: pd.DataFrame, rates: pd.DataFrame, yen: str, year: str = "year", series: str = FX_FRED, out: str = "usd"
) -> pd.DataFrame:
    """Convert column ``yen`` to US dollars at the calendar-year average rate of each row's year.

    Adds ``yen_per_usd`` (the rate used), ``out`` and ``fx_series`` (which series). A year the series
    does not cover gives a missing rate and value; no other series is substituted. FRED AEXJPUS
    (the default) starts in 1971; for earlier years pass :data:`FX_PWT` explicitly.
    """
    rate = fx(rates, JPN, series)
    res = frame.copy()
    res["yen_per_usd"] = res[year].map(rate).astype("float64")
    res[out] = res[yen].astype("float64") / res["yen_per_usd"]
    res["fx_series"] = series
    return res


def dac_deflator(macro: pd.DataFrame) -> pd.Series:
    """OECD DAC deflator for Japan's aid (2022 = 100), by year; it converts current to constant US$."""
    return _series(macro, JPN, "dac_deflator", DAC_SERIES)


def aid_to_constant(
    frame: pd.DataFrame, macro: pd.DataFrame, usd: str = "usd", year: str = "year", out: str | None = None
) -> pd.DataFrame:
    """Add constant-price US dollars (``out``, default ``<usd>_2022``) = current US$ × 100 / DAC deflator.

    Following the DAC's method the deflator already includes yen–dollar movements, so it is
    applied to the US-dollar amount. A year without a deflator (before 1960, after 2023, or an
    unknown year) gives a missing value.
    """
    d = dac_deflator(macro)
    res = frame.copy()
    res["dac_deflator"] = res[year].map(d).astype("float64")
    res[out or f"{usd}_{DAC_BASE_YEAR}"] = res[usd].astype("float64") * 100 / res["dac_deflator"]
    return res


# --- history --------------------------------------------------------------------------------


def gdp_per_head(macro: pd.DataFrame, countries: list[str] | None = None) -> pd.DataFrame:
    """Maddison Project 2018 GDP per head, 2011 US dollars at purchasing-power parity.

    Maddison's Pakistan is today's Pakistan throughout (no East Pakistan before 1971), unlike COW's.
    Returns ``year, country, country_name, value, unit, series``.
    """
    rows = macro[(macro["indicator"] == "gdp_per_capita") & (macro["series"] == MADDISON_SERIES)]
    if countries is not None:
        rows = rows[rows["country"].isin(countries)]
    out = rows[["year", "country", "value", "unit", "series"]].copy()
    out.insert(2, "country_name", out["country"].map(NAMES).fillna(out["country"]))
    return out.sort_values(["country", "year"]).reset_index(drop=True)


def population(macro: pd.DataFrame, countries: list[str] | None = None) -> pd.DataFrame:
    """World Bank population (persons), today's borders, by year and country."""
    rows = macro[(macro["indicator"] == "population") & (macro["series"] == POP_SERIES)]
    if countries is not None:
        rows = rows[rows["country"].isin(countries)]
    out = rows[["year", "country", "value", "unit", "series"]].copy()
    out.insert(2, "country_name", out["country"].map(NAMES).fillna(out["country"]))
    return out.sort_values(["country", "year"]).reset_index(drop=True)


# --- summaries for folded tables ------------------------------------------------------------


def by_decade(frame: pd.DataFrame, value: str, by: list[str] | None = None) -> pd.DataFrame:
    """Decade summaries of ``value``: mean, min, max over the years with a value, and how many.

    This is the folded table's content under a chart of yearly rows (the yearly rows themselves
    are the dataset's and are not printed). Columns: the ``by`` columns, ``decade`` (e.g. "1950s"),
    ``years`` (first–last year with a value), ``n_years``, ``mean``, ``min``, ``max``.
    """
    by = list(by or [])
    f = frame[frame[value].notna()].assign(_decade=frame["year"].map(decade))
    out = span_summary(f, value, by + ["_decade"])
    out["decade"] = out["_decade"].astype(str) + "s"
    return out[by + ["decade", "years", "n_years", "mean", "min", "max"]]


def span_summary(frame: pd.DataFrame, value: str, groups: list[str]) -> pd.DataFrame:
    """Per group: ``years`` (first–last year with a value), ``n_years``, ``mean``, ``min``, ``max`` of ``value``.

    The summary under a chart of yearly rows, by decade here and by phase in the history chapter: the
    span says which years each statistic stands on, so a gap in the series is never hidden.
    """
    have = frame[frame[value].notna()]
    out = (
        have.groupby(groups)
        .agg(
            first=("year", "min"),
            last=("year", "max"),
            n_years=(value, "count"),
            mean=(value, "mean"),
            min=(value, "min"),
            max=(value, "max"),
        )
        .reset_index()
    )
    out["years"] = out["first"].astype(str) + "–" + out["last"].astype(str)
    return out


def peak(frame: pd.DataFrame, value: str, by: list[str] | None = None, lowest: bool = False) -> pd.DataFrame:
    """The year of the highest (or lowest) ``value`` in each group, with that value.

    Ties keep the earliest year. Missing values are ignored; a group with none is left out.
    """
    by = list(by or [])
    f = frame[frame[value].notna()].sort_values(by + ["year"])
    if not by:
        idx = [f[value].idxmin() if lowest else f[value].idxmax()]
    else:
        idx = (f.groupby(by)[value].idxmin() if lowest else f.groupby(by)[value].idxmax()).tolist()
    return f.loc[idx, by + ["year", value]].reset_index(drop=True)


def coverage(frame: pd.DataFrame, value: str, by: list[str] | None = None) -> pd.DataFrame:
    """For each group: first and last year with a value, how many years have one, and the missing years.

    Gives the "series, years" line of a folded table and shows where the gaps are.
    """
    by = list(by or [])
    rows = []
    groups = frame.groupby(by) if by else [((), frame)]
    for key, g in groups:
        have = g.loc[g[value].notna(), "year"]
        key = key if isinstance(key, tuple) else (key,)
        if have.empty:
            first = last = None
            missing: list[int] = []
        else:
            first, last = int(have.min()), int(have.max())
            missing = sorted(set(range(first, last + 1)) - set(have.astype(int)))
        rows.append(
            dict(zip(by, key, strict=False))
            | {"first": first, "last": last, "n_years": int(have.size), "missing_years": ", ".join(map(str, missing))}
        )
    return pd.DataFrame(rows)


def value_in(frame: pd.DataFrame, year: int, value: str, **where: object) -> float:
    """One value of a derived frame, for gluing into prose; a clear error if absent or ambiguous."""
    mask = frame["year"] == year
    for col, v in where.items():
        mask &= frame[col] == v
    rows = frame.loc[mask, value]
    if len(rows) != 1:
        raise KeyError(f"expected one row for year {year} and {where}, found {len(rows)}")
    v = rows.iloc[0]
    return math.nan if pd.isna(v) else float(v)
