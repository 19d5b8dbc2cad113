"""Japan's place in Pakistan's foreign direct investment, on the State Bank of Pakistan's record.

Why a module: the investment chapter ranks Japan among the countries investing in Pakistan, sets
Japan's figures against Pakistan's total and grades older press figures against the bank's totals.
Each of those steps has a trap that is easy to fall into in a notebook cell and is handled here
once, with a test:

* The bank's country table mixes countries with a group ("Others") and with total lines ("I-
  Foreign Private", "Total"); only countries can be ranked, and a share is taken of the table's own
  "Total" line, never of a sum the book makes (:func:`investors`).
* The bank's summary holds totals only, for full fiscal years and for part years side by side; a
  yearly series must keep the twelve-month columns only (:func:`direct_investment`).
* A press figure for Japan is a share only of a total for the same period. Where the same release
  gives the all-country total, that total is used; otherwise the bank's summary for the same fiscal
  year, which may be a later, revised vintage, and the frame says which (:func:`against_totals`).
* Where a year has two conflicting figures for Japan, a sum over the years is a range (:func:`sum_range`).

Everything here works on frames it is given (the loaders in :mod:`pakjapan.upstream.sbp` and the
reference rows), so the rules are tested on small fixtures.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

#: The summary's lines for direct investment from all countries (US$ million), by the name the book uses.
DIRECT = {
    "inflow": "Foreign Private Investment > Direct Investment > Inflow",
    "outflow": "Foreign Private Investment > Direct Investment > Outflow",
    "net": "Foreign Private Investment > Direct Investment",
}

#: Kinds of row in the country table that are investors a reader can rank (not "Others", not a total line).
RANKED_KINDS = ("country", "other")

_FY = re.compile(r"^FY(\d{4})-(\d{2})")


def sbp_period(period: str) -> str:
    """The State Bank's label for a Pakistani fiscal year written in full: ``FY2013-14`` -> ``FY14``.

    Only the start of the label is read, so ``FY2018-19 (Jul-Apr)`` names fiscal year ``FY19`` too;
    callers decide whether a part year may be set against a full year's total (it may not).
    """
    m = _FY.match(period)
    if m is None or (int(m[1]) + 1) % 100 != int(m[2]):
        raise ValueError(f"{period!r} is not a Pakistani fiscal year written FYyyyy-yy (e.g. FY2013-14)")
    return f"FY{m[2]}"


#: Who compiled a figure for Japan, from the body a reference row credits (first matching pattern wins).
COMPILERS: tuple[tuple[str, str], ...] = (
    (r"^State Bank of Pakistan\b", "State Bank of Pakistan"),
    (r"^Board of Investment\b", "Board of Investment"),
    (r"\b(?:Embassy|Ambassador) of Japan\b", "Japanese embassy or ambassador"),
)


def compiler(source_org: str) -> str:
    """Whose figure a reference row is, in the three names the chapter uses: the State Bank, Pakistan's Board
    of Investment, or Japan's embassy and ambassador. The outlet that relayed it is not the compiler, so
    ``"State Bank of Pakistan (via Roznama 92 / Online)"`` is the State Bank's. Any other body is an error:
    a new kind of compiler is named on purpose, not lumped in."""
    for pattern, name in COMPILERS:
        if re.search(pattern, source_org):
            return name
    raise ValueError(f"no compiler rule covers {source_org!r}; add one to pakjapan.investment.COMPILERS")


def names(country_names: pd.Series, codes: pd.DataFrame) -> pd.Series:
    """Readers' English names for the bank's spellings ("Hongkong" -> "Hong Kong", "U.A.E" -> "United Arab
    Emirates"), from the curated country table (``name``, ``english``; ``english`` blank when the bank's
    name is already plain English). A name the table lacks is an error, never passed through."""
    table = codes.set_index("name")["english"]
    missing = sorted(set(country_names) - set(table.index))
    if missing:
        raise KeyError(f"no row in the country table for {missing}")
    english = country_names.map(table)
    return english.where(english.notna() & (english != ""), country_names).astype("string")


def total(fdi: pd.DataFrame, period: str, measure: str = "fdi_net") -> float:
    """The country table's own "Total" line for one period and measure (US$ million)."""
    sel = fdi[(fdi["country_name"] == "Total") & (fdi["period"] == period) & (fdi["measure"] == measure)]
    if len(sel) != 1:
        raise LookupError(f"expected one 'Total' row for {period!r}, {measure!r}; found {len(sel)}")
    return float(sel["value"].iloc[0])


def investors(fdi: pd.DataFrame, period: str, codes: pd.DataFrame, measure: str = "fdi_net") -> pd.DataFrame:
    """Every country in one period of the bank's country table, largest first, with its rank and its share
    of the table's "Total" line.

    ``fdi`` is :func:`pakjapan.upstream.sbp.fdi_by_country` (or rows of the same shape); ``codes`` the
    bank's rows of the country table (for English names). Ties share the better rank. A negative net
    figure (more taken out than put in) keeps its sign and its place at the bottom. Columns:
    ``country``, ``partner``, ``value``, ``rank``, ``share`` (per cent), ``period``, ``months``,
    ``status``, ``unit``, ``dataset`` (``sbp``, for the source line).
    """
    rows = fdi[(fdi["period"] == period) & (fdi["measure"] == measure) & fdi["partner_kind"].isin(RANKED_KINDS)].copy()
    if rows.empty:
        raise LookupError(f"no country rows for period {period!r} and measure {measure!r}")
    whole = total(fdi, period, measure)
    rows["country"] = names(rows["country_name"], codes)
    rows = rows.sort_values(["value", "country"], ascending=[False, True], kind="stable")
    rows["rank"] = rows["value"].rank(method="min", ascending=False).astype("int64")
    rows["share"] = rows["value"] / whole * 100
    rows["dataset"] = "sbp"
    cols = ["country", "partner", "value", "rank", "share", "period", "months", "status", "unit", "dataset"]
    return rows[cols].reset_index(drop=True)


def direct_investment(summary: pd.DataFrame) -> pd.DataFrame:
    """Pakistan's direct investment from all countries in each full fiscal year: inflow, outflow and net.

    ``summary`` is :func:`pakjapan.upstream.sbp.fdi_summary`. Part years (March, July-March) are left out,
    because a line over the years must not join nine months to twelve; they stay in the loader's frame.
    Columns: ``flow`` (inflow, outflow, net), ``period`` (``FY09``), ``fiscal_year`` (the year it ends),
    ``value`` (US$ million), ``status``, ``unit``, ``dataset``.
    """
    lines = {v: k for k, v in DIRECT.items()}
    missing = sorted(set(lines) - set(summary["measure"]))
    if missing:
        raise KeyError(f"the summary lacks the line(s) {missing}")
    rows = summary[summary["measure"].isin(lines) & (summary["months"] == 12)].copy()
    rows["flow"] = rows["measure"].map(lines)
    rows["dataset"] = "sbp"
    rows = rows.sort_values(["flow", "fiscal_year"], kind="stable")
    return rows[["flow", "period", "fiscal_year", "value", "status", "unit", "dataset"]].reset_index(drop=True)


def against_totals(japan: pd.DataFrame, net_by_year: Mapping[str, float]) -> pd.DataFrame:
    """Japan's figures as a share of Pakistan's total for the same period.

    ``japan`` has one row per figure with ``value`` (US$ million), ``fiscal_year`` (``FY14``), ``months``
    and ``total``: the all-country figure the same release gives, or missing. A row without its own total
    takes ``net_by_year[fiscal_year]`` (the bank's summary, net direct investment) if it covers twelve
    months; a part year without its own total is an error, since no total of the summary covers it.
    Adds ``total_from`` ("same release" or "State Bank summary") and ``share`` (per cent); keeps the rest.
    """
    out = japan.copy()
    own = out["total"].notna()
    bad = out[~own & (out["months"] != 12)]
    if len(bad):
        raise ValueError(f"part-year figures without a total of their own: rows {list(bad.index)}")
    unknown = sorted(set(out.loc[~own, "fiscal_year"]) - set(net_by_year))
    if unknown:
        raise KeyError(f"no summary total for fiscal year(s) {unknown}")
    out["total"] = out["total"].where(own, out["fiscal_year"].map(net_by_year)).astype(float)
    out["total_from"] = pd.Series("same release", index=out.index).where(own, "State Bank summary")
    out["share"] = out["value"].astype(float) / out["total"] * 100
    return out


def share_after(part: float, part_total: float, whole: float, whole_total: float) -> float:
    """Japan's share (per cent) of the months a part-year figure leaves out: the full year minus the part.

    July-January and July-June figures of one release give February-June by difference; a share of what
    is left is undefined when nothing is (the two totals are equal) and an error then.
    """
    rest = whole_total - part_total
    if rest <= 0:
        raise ValueError(f"the full-year total ({whole_total}) does not exceed the part's ({part_total})")
    return (whole - part) / rest * 100


def sum_range(figures: pd.DataFrame) -> tuple[float, float]:
    """The smallest and largest sum of one figure per fiscal year, where sources give a year more than one.

    Why: for several years Japan's investment has two figures on record (the Board of Investment's and the
    State Bank's, or a Japanese ambassador's) and nothing says which is right, so a total over the years is
    a range, not a number: each year's smallest figure summed, then each year's largest. ``figures`` has
    ``fiscal_year`` and ``value`` (US$ million); a missing value is an error, never read as zero.
    """
    if figures.empty:
        raise ValueError("no figures to sum")
    if figures["value"].isna().any():
        raise ValueError(
            f"missing values for fiscal year(s) {sorted(figures.loc[figures['value'].isna(), 'fiscal_year'])}"
        )
    by_year = figures.groupby("fiscal_year")["value"]
    return float(by_year.min().sum()), float(by_year.max().sum())
