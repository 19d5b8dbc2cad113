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
* **Partners.** The dyadic file holds only some partners of each country (Pakistan: 12;
  Japan: 13), so a share is among the partners in the dataset. Real terms, ranks among all
  partners and the recent years are the trade and money modules' (``pakjapan.trade``, ``money``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

PAK = "PAK"
JPN = "JPN"

#: Last year in which COW's Pakistan includes East Pakistan; Bangladesh is reported from the next year.
BREAK_YEAR = 1971
PERIOD_BEFORE = "to 1971"  # for rows involving Pakistan: with East Pakistan (see includes_east_pakistan)
PERIOD_AFTER = "from 1972"

MEASURE_REPORTED = "importer-reported (CIF)"
MEASURE_SMOOTHED = "COW smoothed flow (not as reported)"

#: Exchange-rate series names as they appear in ``exchange_rates.csv``.
FX_FRED = "FRED AEXJPUS (Federal Reserve H.10, annual average)"

#: Series names in ``macro.csv`` used here.
POP_SERIES = "World Bank WDI SP.POP.TOTL"
MADDISON_SERIES = "Maddison Project Database 2018 rgdpnapc"

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


# --- trade relative to GDP ------------------------------------------------------------------


# --- yen, aid deflator ----------------------------------------------------------------------


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
