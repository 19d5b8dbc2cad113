"""Pakistan–Japan goods trade on the official record: one line each way, mirror gaps, goods, shares, peers, prices.

Why a module: the trade chapter joins four publishers' records of the same trade (Correlates of War, the
IMF's Direction of Trade Statistics, Japan's customs record and the State Bank of Pakistan), compares the
two countries' records of the same shipments, and deflates the result three ways. Each of those steps is a
rule a reader must be able to find and a test must be able to break, so each is one function here, pure
(frames in, frames out), and every chapter sentence about the result is checked against its output.

Conventions (the chapter states them where they matter):

* **Direction.** :data:`JAPAN_TO_PAKISTAN` is Japan's sales to Pakistan (Japan's exports, Pakistan's
  imports); :data:`PAKISTAN_TO_JAPAN` the reverse. ``reporter`` says whose record a row is ("Japan" or
  "Pakistan"): exporters value at the border (FOB), importers with freight and insurance (CIF).
* **One line per reporter and direction.** Where sources overlap, :func:`mark_used` keeps the source that
  stands nearest the reporter's own publication (:data:`JOIN_ORDER`): Japan's customs record from 2009, the
  IMF's tables from 1960, Correlates of War before. Every candidate row is kept; ``used`` marks the line.
* **Nothing is filled.** A year a source lacks stays missing; a partial year is never scaled up; a
  deflator that ends in 2021 gives no value for 2022.
* **Pakistan before 1972** includes East Pakistan (today's Bangladesh), in every source.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from . import fmt

JPN, PAK = "JPN", "PAK"
JAPAN_TO_PAKISTAN = "Japan → Pakistan"
PAKISTAN_TO_JAPAN = "Pakistan → Japan"
#: The reporter's name for each ISO code used here.
REPORTER = {JPN: "Japan", PAK: "Pakistan"}
#: The flow's direction, by (exporter, importer).
DIRECTION = {(JPN, PAK): JAPAN_TO_PAKISTAN, (PAK, JPN): PAKISTAN_TO_JAPAN}

#: Dataset keys (``pakjapan.cite.DATASETS``) of the sources joined here.
COW, DOTS, CUSTOMS, SBP = "cow", "imf-dots", "mof", "sbp"
#: For each reporter, its sources in order of preference: the first with a value in a year makes the line.
#: Japan's customs record is Japan's own publication; the IMF's tables carry each country's reports from
#: 1960; Correlates of War, built mostly on the same reports, fills the 1950s.
JOIN_ORDER: dict[str, tuple[str, ...]] = {"Japan": (CUSTOMS, DOTS, COW), "Pakistan": (DOTS, COW)}

#: The IMF's standard ratio of an importer's CIF record to the exporter's FOB record, used to estimate one
#: from the other (Direction of Trade Statistics Yearbook 2017): freight and insurance add about 6%.
CIF_FOB_FACTOR = 1.06
#: The allowance either side of that factor for shipments in transit at the turn of a year and for valuation
#: at different dates: ten points, generous for goods a few weeks at sea.
TIMING_ALLOWANCE = 0.10

RECORD_COLUMNS = ["year", "reporter", "direction", "flow", "basis", "source", "value_musd", "dataset"]


def usd_text(value_musd: float) -> str:
    """A US$ million value as prose writes it: ``US$1.89 billion`` from a billion up, ``US$245 million`` below."""
    if abs(value_musd) >= 1000:
        return fmt.fmt(value_musd / 1000, "USD billion", 2)
    return fmt.fmt(value_musd, "USD million", 0)


def ordinal(n: int) -> str:
    """``1 -> '1st'``, ``22 -> '22nd'``, ``13 -> '13th'``: ranks as a sentence writes them."""
    n = int(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


#: Country names that take "the" in a sentence.
_ARTICLE = ("United ", "Netherlands", "Philippines", "Gambia", "Bahamas", "Maldives", "Czech Republic")


def in_sentence(names: Sequence[str]) -> str:
    """Country names as a sentence lists them: "China, the United Arab Emirates and Qatar"."""
    words = [f"the {n}" if n.startswith(_ARTICLE) else n for n in names]
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def direction(exporter: str, importer: str) -> str:
    """The direction label of a flow from ``exporter`` to ``importer`` (ISO codes of Japan and Pakistan)."""
    try:
        return DIRECTION[(exporter, importer)]
    except KeyError:
        raise ValueError(f"not a Pakistan-Japan flow: {exporter} to {importer}") from None


# --- each source as rows of one shape --------------------------------------------------------------


def cow_rows(dyadic: pd.DataFrame) -> pd.DataFrame:
    """Correlates of War's Pakistan–Japan flows: each importer's record of its imports from the other (CIF).

    ``dyadic`` has ``year, importer, exporter, imports`` (current US$ million). COW has no exporter's record,
    so every row is an import (Japan's record of Pakistan → Japan, Pakistan's of Japan → Pakistan).
    """
    pair = dyadic[dyadic["importer"].isin([JPN, PAK]) & dyadic["exporter"].isin([JPN, PAK])]
    pair = pair[pair["importer"] != pair["exporter"]]
    out = pd.DataFrame(
        {
            "year": pair["year"].astype("int64"),
            "reporter": pair["importer"].map(REPORTER),
            "direction": [direction(e, i) for e, i in zip(pair["exporter"], pair["importer"], strict=True)],
            "flow": "imports",
            "basis": "CIF",
            "source": COW,
            "value_musd": pair["imports"].astype("float64"),
            "dataset": COW,
        }
    )
    return out[RECORD_COLUMNS].sort_values(["reporter", "direction", "year"]).reset_index(drop=True)


def cow_import_share(cow_pair: pd.DataFrame, totals: pd.DataFrame, importer: str = JPN) -> pd.Series:
    """The other country's share of ``importer``'s imports in Correlates of War, per cent, by year.

    ``cow_pair`` is :func:`cow_rows` output and ``totals`` is ``cow.totals()`` (``country, year, imports``):
    both are the importer's own record in the same data, so their ratio is one record's share. It reaches
    back before the IMF's tables (1960), where a statement such as "under 1% since ..." must look too. A
    year without a total (or with a zero total) stays missing.
    """
    mine = cow_pair[(cow_pair["reporter"] == REPORTER[importer]) & (cow_pair["source"] == COW)]
    mine = mine.set_index("year")["value_musd"].astype("float64")
    whole = totals[totals["country"] == importer].set_index("year")["imports"].astype("float64")
    whole = whole.where(whole > 0).reindex(mine.index)
    return (mine / whole * 100).rename("share_pct")


def dots_rows(dots: pd.DataFrame) -> pd.DataFrame:
    """The IMF's tables: Japan's and Pakistan's records of their trade with each other, both flows.

    ``dots`` is ``imf.dots()`` (or rows of its shape): ``reporter, flow, basis, partner, year, value``.
    """
    pair = dots[dots["reporter"].isin([JPN, PAK]) & dots["partner"].isin([JPN, PAK])]
    pair = pair[pair["reporter"] != pair["partner"]]
    exporter = np.where(pair["flow"] == "exports", pair["reporter"], pair["partner"])
    importer = np.where(pair["flow"] == "exports", pair["partner"], pair["reporter"])
    out = pd.DataFrame(
        {
            "year": pair["year"].astype("int64"),
            "reporter": pair["reporter"].astype(str).map(REPORTER),
            "direction": [direction(e, i) for e, i in zip(exporter, importer, strict=True)],
            "flow": pair["flow"].astype(str),
            "basis": pair["basis"].astype(str),
            "source": DOTS,
            "value_musd": pair["value"].astype("float64"),
            "dataset": DOTS,
        }
    )
    return out[RECORD_COLUMNS].sort_values(["reporter", "direction", "year"]).reset_index(drop=True)


def yen_rates(rates: pd.DataFrame) -> pd.DataFrame:
    """FRED's yen per US dollar, one row a year (``year, per_usd``), from ``fred.exchange_rates()``."""
    yen = rates[rates["iso3"] == JPN][["year", "per_usd"]]
    if yen.empty or yen["year"].duplicated().any():
        raise ValueError("expected one FRED yen rate a year (iso3 JPN)")
    return yen.astype({"year": "int64", "per_usd": "float64"}).reset_index(drop=True)


def customs_rows(customs_usd: pd.DataFrame, partner: str = PAK, goods: str = "Grand Total") -> pd.DataFrame:
    """Japan's customs record of its trade with ``partner``, full calendar years, converted to US$.

    ``customs_usd`` is ``mof.to_usd(mof.customs(), rates)``: billion yen in ``value``, the year's rate in
    ``rate_per_usd`` and US$ million in ``value_musd``. Partial years (2026's January–March) are left out:
    an annual line must not hold a quarter. The yen value, the rate and the ``provisional`` mark stay beside
    the dollars, so the conversion is shown wherever the rows are.
    """
    rows = customs_usd[
        (customs_usd["partner"] == partner) & (customs_usd["goods"] == goods) & ~customs_usd["partial_year"]
    ]
    if rows.empty:
        raise ValueError(f"no full-year customs rows for {partner} and {goods!r}")
    out = pd.DataFrame(
        {
            "year": rows["year"].astype("int64"),
            "reporter": "Japan",
            "direction": [direction(JPN, partner) if f == "exports" else direction(partner, JPN) for f in rows["flow"]],
            "flow": rows["flow"].astype(str),
            "basis": rows["basis"].astype(str),
            "source": CUSTOMS,
            "value_musd": rows["value_musd"].astype("float64"),
            "dataset": CUSTOMS,
            "value_yen_bn": rows["value"].astype("float64"),
            "yen_per_usd": rows["rate_per_usd"].astype("float64"),
            "provisional": rows["provisional"].astype(bool),
        }
    )
    return out.sort_values(["direction", "year"]).reset_index(drop=True)


def mark_used(rows: pd.DataFrame, order: Mapping[str, Sequence[str]] = JOIN_ORDER) -> pd.DataFrame:
    """Every candidate row kept, with ``used`` True on the one that makes each reporter's line in a year.

    For each reporter, direction and year the first source in ``order[reporter]`` with a value wins; a
    source not in the order is never used. Rows are not dropped: the overlaps stay, to show how closely the
    sources agree.
    """
    out = rows.copy()
    rank = [
        list(order.get(r, ())).index(s) if s in order.get(r, ()) else np.inf
        for r, s in zip(out["reporter"], out["source"], strict=True)
    ]
    out["_rank"] = np.where(out["value_musd"].notna(), rank, np.inf)
    best = out.groupby(["reporter", "direction", "year"])["_rank"].transform("min")
    out["used"] = (out["_rank"] == best) & np.isfinite(out["_rank"])
    dup = out[out["used"]].duplicated(["reporter", "direction", "year"])
    if dup.any():
        raise ValueError("two rows of the same source for one reporter, direction and year")
    return out.drop(columns="_rank")


def line(records: pd.DataFrame, reporter: str) -> pd.DataFrame:
    """The rows that make ``reporter``'s line, each direction in year order."""
    rows = records[records["used"] & (records["reporter"] == reporter)]
    return rows.sort_values(["direction", "year"]).reset_index(drop=True)


def overlap(records: pd.DataFrame, reporter: str, first: str, second: str) -> pd.DataFrame:
    """Years both sources give for the same reporter and direction: ``second / first - 1`` in ``rel_diff``."""
    rows = records[records["reporter"] == reporter]
    wide = rows.pivot_table(index=["direction", "year"], columns="source", values="value_musd", aggfunc="first")
    if first not in wide or second not in wide:
        raise KeyError(f"{reporter}'s record has no rows from both {first} and {second}")
    both = wide[[first, second]].dropna().reset_index()
    both["rel_diff"] = both[second] / both[first] - 1
    return both


def ratio_since(line_rows: pd.DataFrame, numerator: str, denominator: str) -> pd.DataFrame:
    """One reporter's line as the ratio of two directions, year by year (years with both only)."""
    wide = line_rows.pivot(index="year", columns="direction", values="value_musd")
    both = wide[[numerator, denominator]].dropna()
    return pd.DataFrame({"year": both.index, "ratio": (both[numerator] / both[denominator]).to_numpy()})


def first_year_of_run(flags: pd.Series) -> int | None:
    """The first year of the unbroken run of True values that reaches the series' last year (None if it is
    False). "Every year since X" is then ``X = first_year_of_run(...)``."""
    ordered = flags.sort_index()
    if not len(ordered) or not bool(ordered.iloc[-1]):
        return None
    breaks = ordered[~ordered.astype(bool)]
    later = ordered.index if breaks.empty else ordered.index[ordered.index > breaks.index.max()]
    return int(later.min())


# --- mirror statistics -----------------------------------------------------------------------------


def band(factor: float = CIF_FOB_FACTOR, allowance: float = TIMING_ALLOWANCE) -> tuple[float, float]:
    """The range of importer-over-exporter ratios that freight, insurance and timing explain (as ratios)."""
    if factor <= 0 or allowance < 0:
        raise ValueError("the CIF/FOB factor must be positive and the allowance not negative")
    return factor - allowance, factor + allowance


def mirror(dots_pair: pd.DataFrame, explained: tuple[float, float] | None = None) -> pd.DataFrame:
    """Each year both sides report a flow: the importer's CIF record against the exporter's FOB record.

    ``dots_pair`` is :func:`dots_rows` output. Returns ``year, direction, importer_cif, exporter_fob,
    ratio_pct`` (importer as % of exporter; 100 = the same), ``gap_pct`` (ratio − 100), ``gap_musd``
    (importer minus exporter) and ``outside`` (True where the ratio lies beyond ``explained``, by default
    :func:`band`). Years where either side has no figure are left out: there is no mirror to read.
    """
    lo, hi = explained or band()
    imports = dots_pair[dots_pair["flow"] == "imports"].set_index(["direction", "year"])["value_musd"]
    exports = dots_pair[dots_pair["flow"] == "exports"].set_index(["direction", "year"])["value_musd"]
    both = pd.DataFrame({"importer_cif": imports, "exporter_fob": exports}).dropna()
    both = both[both["exporter_fob"] > 0].reset_index()
    both["ratio_pct"] = both["importer_cif"] / both["exporter_fob"] * 100
    both["gap_pct"] = both["ratio_pct"] - 100
    both["gap_musd"] = both["importer_cif"] - both["exporter_fob"]
    both["outside"] = (both["ratio_pct"] < lo * 100) | (both["ratio_pct"] > hi * 100)
    return both.sort_values(["direction", "year"]).reset_index(drop=True)


# --- what is traded ---------------------------------------------------------------------------------


def goods_parts(
    customs: pd.DataFrame,
    flow: str,
    parts: Mapping[str, Sequence[str]],
    partner: str = PAK,
    other: str = "Other goods",
) -> pd.DataFrame:
    """Japan's trade with ``partner`` split into named parts of the Grand Total, plus the rest.

    ``parts`` maps a reader's name to the customs goods groups it adds up (``{"Cars": ["(Car)"]}``). The
    groups must not nest (an item inside another part's group would be counted twice). The file does not
    say which group holds which, so the caller chooses groups that do not nest; what is checked is that no
    group is named twice and that the rest, total minus the parts, is never negative. Partial years are left
    out, and a chosen group that covers fewer than twelve months of a full year (the April 2017 break in some
    groups) raises. Returns ``year, part, value_yen_bn, total_yen_bn, share_pct``, parts in the order given
    and ``other`` last.
    """
    rows = customs[(customs["partner"] == partner) & (customs["flow"] == flow) & ~customs["partial_year"]]
    wide = rows.pivot_table(index="year", columns="goods", values="value", aggfunc="first")
    months = rows.pivot_table(index="year", columns="goods", values="months", aggfunc="first")
    wanted = [g for groups in parts.values() for g in groups]
    missing = sorted(set(wanted + ["Grand Total"]) - set(wide.columns))
    if missing:
        raise KeyError(f"no customs goods group(s) {missing} for {partner} {flow}")
    if len(set(wanted)) != len(wanted):
        raise ValueError("a goods group is named in two parts")
    short = months[wanted].lt(12).any(axis=1) | wide[wanted].isna().any(axis=1)
    if short.any():
        raise ValueError(f"goods groups cover fewer than twelve months in {sorted(short[short].index)}")
    frames = []
    for name, groups in parts.items():
        frames.append(pd.DataFrame({"year": wide.index, "part": name, "value_yen_bn": wide[list(groups)].sum(axis=1)}))
    named = sum(f["value_yen_bn"].to_numpy() for f in frames)
    rest = wide["Grand Total"].to_numpy() - named
    if (rest < -1e-9).any():
        raise ValueError("the parts add up to more than the total: two parts overlap")
    frames.append(pd.DataFrame({"year": wide.index, "part": other, "value_yen_bn": rest}))
    out = pd.concat(frames, ignore_index=True)
    out["total_yen_bn"] = out["year"].map(wide["Grand Total"])
    out["share_pct"] = out["value_yen_bn"] / out["total_yen_bn"] * 100
    out["part"] = pd.Categorical(out["part"], categories=[*parts, other], ordered=True)
    return out.sort_values(["part", "year"]).reset_index(drop=True).astype({"part": str})


# --- shares and ranks --------------------------------------------------------------------------------


def partner_table(dots: pd.DataFrame, reporter: str, flow: str) -> pd.DataFrame:
    """A reporter's trade with every country partner, with the World total, share and rank, year by year.

    Only ``partner_kind == "country"`` rows are ranked (groups are subtotals); a partner with no figure in
    a year is not ranked in it. Rank 1 is the largest; ties share the better rank. Returns ``year,
    partner, partner_name, value_musd, world_musd, share_pct, rank, n_partners``.
    """
    rows = dots[(dots["reporter"] == reporter) & (dots["flow"] == flow)]
    world = rows[rows["partner_name"] == "World"].set_index("year")["value"]
    countries = rows[(rows["partner_kind"] == "country") & rows["value"].notna()].copy()
    out = pd.DataFrame(
        {
            "year": countries["year"].astype("int64"),
            "partner": countries["partner"].astype(str),
            "partner_name": countries["partner_name"].astype(str),
            "value_musd": countries["value"].astype("float64"),
        }
    )
    out["world_musd"] = out["year"].map(world).astype("float64")
    out["share_pct"] = out["value_musd"] / out["world_musd"] * 100
    out["rank"] = out.groupby("year")["value_musd"].rank(ascending=False, method="min").astype("int64")
    out["n_partners"] = out.groupby("year")["partner"].transform("count").astype("int64")
    return out.sort_values(["year", "rank", "partner"]).reset_index(drop=True)


def english_names(publisher: str = "imf") -> dict[str, str]:
    """Plain English names by ISO code for a publisher's countries ("China" for "China, P.R.: Mainland"),
    from the book's country table, so prose and tables never print a statistical office's spelling."""
    from .upstream import countries

    rows = countries.table(publisher)
    rows = rows[rows["iso3"].notna()]
    english = rows["english"].fillna(rows["name"]).astype(str)
    return dict(zip(rows["iso3"].astype(str), english, strict=True))


def standing(table: pd.DataFrame, partner: str) -> pd.DataFrame:
    """One partner's share and rank each year from :func:`partner_table`, with the partners ranked above it."""
    rows = []
    for year, group in table.groupby("year"):
        mine = group[group["partner"] == partner]
        if mine.empty:
            continue
        me = mine.iloc[0]
        ahead = group[group["rank"] < me["rank"]]["partner"].tolist()
        rows.append(
            {
                "year": int(year),
                "value_musd": float(me["value_musd"]),
                "world_musd": float(me["world_musd"]),
                "share_pct": float(me["share_pct"]),
                "rank": int(me["rank"]),
                "n_partners": int(me["n_partners"]),
                "ahead": ", ".join(ahead),
            }
        )
    return pd.DataFrame(rows)


def sbp_standing(sbp: pd.DataFrame, partner: str = JPN) -> pd.DataFrame:
    """The State Bank's banking record: ``partner``'s payments and receipts, share and rank, each period.

    ``sbp`` is ``sbp.trade()`` (thousand US$). Country rows are added up by ISO code first (the UAE is
    split by emirate); the total is the sum of the country rows and "Other Countries", which the State Bank
    prints as line I (receipts or payments through banks). Returns ``flow, period, fiscal_year, months,
    status, value_musd, total_musd, share_pct, rank, n_partners``.
    """
    rows = []
    for (flow, period), group in sbp.groupby(["flow", "period"], sort=False):
        countries = group[group["partner_kind"] == "country"].groupby("partner")["value"].sum()
        aggregates = group[group["partner_kind"] == "aggregate"]
        line_one = aggregates[aggregates["country_name"].str.startswith("I.")]["value"].iloc[0]
        whole = group[group["partner_kind"] != "aggregate"]["value"].sum()
        if not np.isclose(whole, line_one, rtol=1e-6):
            raise ValueError(f"{flow} {period}: the country rows do not add up to the State Bank's line I")
        ranks = countries.rank(ascending=False, method="min")
        first = group.iloc[0]
        rows.append(
            {
                "flow": str(flow),
                "period": str(period),
                "fiscal_year": int(first["fiscal_year"]),
                "months": int(first["months"]),
                "status": str(group[group["partner"] == partner]["status"].iloc[0]),
                "value_musd": float(countries[partner]) / 1000,
                "total_musd": float(line_one) / 1000,
                "share_pct": float(countries[partner] / line_one * 100),
                "rank": int(ranks[partner]),
                "n_partners": int(countries.notna().sum()),
            }
        )
    return pd.DataFrame(rows)


# --- peers in Japan's market ------------------------------------------------------------------------


def suppliers(dots: pd.DataFrame, customs_usd: pd.DataFrame, countries: Iterable[str]) -> pd.DataFrame:
    """Japan's imports from each country in its own record, by the same join rule as the main line.

    The IMF's tables (Japan as reporter) to 2008, Japan's customs record from 2009 for a country the customs
    tables name; a country they do not name (Bangladesh, Sri Lanka) keeps the IMF's figures to 2020.
    Returns ``year, partner, partner_name, value_musd, source, dataset``.
    """
    wanted = list(countries)
    imf = dots[(dots["reporter"] == JPN) & (dots["flow"] == "imports") & dots["partner"].isin(wanted)]
    mof = customs_usd[
        (customs_usd["flow"] == "imports")
        & (customs_usd["goods"] == "Grand Total")
        & customs_usd["partner"].isin(wanted)
        & ~customs_usd["partial_year"]
    ]
    names = imf.drop_duplicates("partner").set_index("partner")["partner_name"].astype(str)
    frames = [
        pd.DataFrame(
            {"year": imf["year"], "partner": imf["partner"].astype(str), "value_musd": imf["value"], "source": DOTS}
        ),
        pd.DataFrame(
            {
                "year": mof["year"],
                "partner": mof["partner"].astype(str),
                "value_musd": mof["value_musd"],
                "source": CUSTOMS,
            }
        ),
    ]
    rows = pd.concat(frames, ignore_index=True).astype({"year": "int64", "value_musd": "float64"})
    has_customs = set(mof["partner"].astype(str))
    keep = np.where(
        rows["partner"].isin(has_customs),
        ((rows["source"] == DOTS) & (rows["year"] < 2009)) | (rows["source"] == CUSTOMS),
        rows["source"] == DOTS,
    )
    out = rows[keep].copy()
    out["partner_name"] = out["partner"].map(names)
    out["dataset"] = out["source"]
    cols = ["year", "partner", "partner_name", "value_musd", "source", "dataset"]
    return out[cols].sort_values(["partner", "year"]).reset_index(drop=True)


# --- real terms ---------------------------------------------------------------------------------------


def deflate(values: pd.Series, index: pd.Series, base: int) -> pd.Series:
    """``values`` (indexed by year) in prices of ``base``: value × index[base] / index[year].

    A year the index lacks stays missing (NaN): a deflator is never carried beyond its last year.
    """
    if base not in index.index or pd.isna(index.get(base)):
        raise KeyError(f"the price index has no value for {base}")
    factor = index.reindex(values.index).astype("float64")
    return values.astype("float64") * float(index[base]) / factor


def window_ratio(series: pd.Series, late: tuple[int, int], early: tuple[int, int]) -> float:
    """Mean over the years ``late`` (inclusive) divided by the mean over ``early``; every year must have a value.

    Windows of several years smooth the lumps of car shipments and crisis years; a window with a missing
    year raises rather than averaging fewer years than it names.
    """
    means = []
    for lo, hi in (late, early):
        years = list(range(lo, hi + 1))
        part = series.reindex(years)
        if part.isna().any():
            raise ValueError(f"no value for {sorted(part[part.isna()].index)} in {lo}-{hi}")
        means.append(float(part.mean()))
    return means[0] / means[1]


#: The measures of :func:`real_terms`, in the order a chart lists them, with the unit of each.
MEASURES = {
    "current": "current US$ million",
    "us-cpi": "million US$ of the CPI's base year (US consumer prices, BLS CPI-U)",
    "dac": "million US$ of 2022 (OECD DAC deflator for Japan: Japan's prices and the yen)",
    "yen-gdp": "billion yen at the prices of the deflator's base year (Japan's GDP deflator, WDI)",
}


def in_yen(line_rows: pd.DataFrame, rates: pd.DataFrame) -> pd.Series:
    """A line's values in billion yen, indexed by (direction, year): the customs record's own yen where it
    is the source, otherwise US$ million × FRED's yen per dollar / 1,000. Years before FRED's first rate
    (1971) stay missing: no other rate is substituted."""
    rate = rates.set_index("year")["per_usd"]
    yen = line_rows["value_musd"] * line_rows["year"].map(rate) / 1000
    if "value_yen_bn" in line_rows:
        yen = line_rows["value_yen_bn"].where(line_rows["source"] == CUSTOMS, yen)
    return pd.Series(yen.to_numpy(dtype="float64"), index=pd.MultiIndex.from_frame(line_rows[["direction", "year"]]))


def real_terms(
    line_rows: pd.DataFrame,
    rates: pd.DataFrame,
    cpi: pd.Series,
    dac: pd.Series,
    gdp_deflator: pd.Series,
    cpi_base: int,
) -> pd.DataFrame:
    """One reporter's line under each measure of :data:`MEASURES`, long: ``direction, year, measure, value``.

    US consumer prices deflate the dollars to ``cpi_base`` dollars; the DAC deflator for Japan (2022 = 100)
    deflates the dollars as the OECD does for Japan's aid (it folds Japan's prices and the yen's exchange rate
    into one index); Japan's GDP deflator deflates the yen values (:func:`in_yen`). Each index covers its own
    years only, so each measure ends where its index ends.
    """
    frames = []
    yen = in_yen(line_rows, rates)
    for name, values in line_rows.groupby("direction"):
        usd = values.set_index("year")["value_musd"]
        measured = {
            "current": usd,
            "us-cpi": deflate(usd, cpi, cpi_base),
            "dac": usd * 100 / dac.reindex(usd.index),
            "yen-gdp": yen.loc[name] * 100 / gdp_deflator.reindex(yen.loc[name].index),
        }
        for measure, series in measured.items():
            frames.append(
                pd.DataFrame({"direction": name, "year": series.index, "measure": measure, "value": series.to_numpy()})
            )
    out = pd.concat(frames, ignore_index=True).astype({"year": "int64", "value": "float64"})
    return out.dropna(subset=["value"]).reset_index(drop=True)
