"""The official series behind the history and geopolitics chapters, cut to Pakistan and Japan.

Why a module: the two chapters read the same publishers' tables (IMF Direction of Trade
Statistics, Japan's customs record, ONE's net flows, Japan's foreign-resident statistics) and
ask the same questions of them: how large a part of Pakistan's trade Japan was and where it
ranked, what Japan's grants and loans brought in and what Pakistan paid back, how many
Pakistanis lived in Japan, and how Pakistan compares with the countries it competes with. Each
function takes the loader's frame (or a small frame of the same shape, as the tests do) and
returns a tidy frame with a ``dataset`` column naming its publisher (a key of
:data:`pakjapan.cite.DATASETS`), so a chart's source line is generated from the rows it plots.

Rules, as for every derived series in the book: nothing is filled, interpolated or estimated. A
year a publisher leaves empty stays missing; a sum whose parts are all missing is missing, not
zero; a share or a net flow with a missing part is missing. Flags the publishers set (partial
years, provisional years, the registry/resident break) are carried through.

The phases of the relationship are the book's reading of the dated record: each starts at an
event (``data/annotations.csv``, set ``history-phases``). :func:`phase_of` places each year of a
series in the phase under way at its start, so the official series can be summarised phase by
phase rather than the phases being argued from how many events happen to survive online.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from . import longrun

#: Dataset keys (``pakjapan.cite.DATASETS``) of the frames built here.
IMF, MOF, ONE, ISA = "imf-dots", "mof", "one", "isa"

#: ONE's indicator names for the two kinds of Japanese aid money and the label the book gives each.
GRANTS = "Bilateral Grants"
CONCESSIONAL = "Bilateral Concessional Debt"
AID_LABELS = {
    (GRANTS, "inflow"): "grants",
    (CONCESSIONAL, "inflow"): "concessional loans disbursed",
    (CONCESSIONAL, "outflow"): "concessional debt service",
}


def partner_shares(dots: pd.DataFrame, reporter: str = "PAK", partner: str = "JPN") -> pd.DataFrame:
    """The partner's share of the reporter's recorded trade and its rank among all partner countries, by year.

    Why this and not the Correlates of War extract: DOTS lists every partner, so a rank here is a
    rank among all countries the reporter records (the extract held a dozen). The share divides the
    flow to or from the partner by the reporter's World total; the rank compares countries only
    (``partner_kind == "country"``), never groups. Imports are CIF, exports FOB, both as the reporter
    records them. A year without the partner's value has no share and no rank.

    Columns: ``year``, ``flow`` (exports | imports), ``basis``, ``reporter``, ``partner``, ``value``
    (US$ million), ``world``, ``share_pct``, ``rank`` (1 = largest; ties share the better rank),
    ``n_partners`` (countries with a value that year), ``dataset``.
    """
    rows = dots[dots["reporter"] == reporter]
    if rows.empty:
        raise LookupError(f"no rows with reporter {reporter!r} in the DOTS frame")
    out = []
    for flow, part in rows.groupby("flow", sort=True):
        world = part[part["partner_name"] == "World"].set_index("year")["value"]
        countries = part[(part["partner_kind"] == "country") & part["value"].notna()]
        ranks = countries.groupby("year")["value"].rank(ascending=False, method="min")
        countries = countries.assign(rank=ranks, n_partners=countries.groupby("year")["value"].transform("count"))
        mine = countries[countries["partner"] == partner].set_index("year")
        frame = pd.DataFrame({"year": sorted(part["year"].unique())})
        frame["flow"] = flow
        frame["basis"] = part["basis"].iloc[0]
        frame["reporter"] = reporter
        frame["partner"] = partner
        frame["value"] = frame["year"].map(mine["value"]).astype("float64")
        frame["world"] = frame["year"].map(world).astype("float64")
        frame["share_pct"] = frame["value"] / frame["world"].where(frame["world"] != 0) * 100
        frame["rank"] = frame["year"].map(mine["rank"]).astype("Int64")
        frame["n_partners"] = frame["year"].map(mine["n_partners"]).astype("Int64")
        out.append(frame)
    return pd.concat(out, ignore_index=True).assign(dataset=IMF)


def two_way_ranks(dots: pd.DataFrame, first: int, last: int, reporter: str = "PAK") -> pd.Series:
    """Each partner country's rank in the reporter's two-way trade (exports + imports), averaged over first-last.

    Both flows are the reporter's own record, so the sum is consistent (unlike adding each side's
    import records). The average is over the years with a value in each flow; a country missing
    from either flow in every year of the span is not ranked. Returns ranks (1 = largest) indexed by
    ISO3 code, sorted.
    """
    span = dots[
        (dots["reporter"] == reporter) & (dots["partner_kind"] == "country") & dots["year"].between(first, last)
    ]
    means = span.groupby(["partner", "flow"])["value"].mean().unstack("flow")
    total = (means["exports"] + means["imports"]).dropna()
    return total.rank(ascending=False, method="min").astype("int64").sort_values()


def phase_starts(phases: pd.DataFrame, events: pd.DataFrame) -> dict[str, int]:
    """``{phase label: first year}`` from the curated phases (``row`` = the event that opens each).

    A phase starts in the year of its opening event, so a year belongs to the phase under way on
    1 January of the following year: 1998 (the tests in May) already counts as the sanctions
    phase. The phases must come in time order; an error says which does not.
    """
    dates = events.set_index("event_id")["date"]
    missing = sorted(set(phases["row"]) - set(dates.index))
    if missing:
        raise LookupError(f"phases open at events not in the events table: {', '.join(missing)}")
    starts = {str(label): int(str(dates[row])[:4]) for label, row in zip(phases["label"], phases["row"], strict=True)}
    years = list(starts.values())
    if years != sorted(years):
        raise ValueError(f"phases are not in time order: {starts}")
    return starts


def phase_of(years: Iterable[int], starts: Mapping[str, int]) -> pd.Series:
    """The phase each year falls in (the last phase starting in or before it); missing before the first."""
    ordered = sorted(starts.items(), key=lambda kv: kv[1])
    labels = []
    for year in years:
        current = None
        for label, start in ordered:
            if int(year) >= start:
                current = label
        labels.append(current)
    return pd.Series(labels, dtype="object")


def by_phase(frame: pd.DataFrame, value: str, starts: Mapping[str, int], by: Sequence[str] = ()) -> pd.DataFrame:
    """Summaries of ``value`` for each phase (and each ``by`` group): the years with a value, their mean, min, max.

    The phases' own bounds come from the dated record; the statistics come only from the series.
    A phase with no year of data is left out rather than shown as zero. Columns: the ``by`` columns,
    ``phase``, ``years`` (first–last year with a value), ``n_years``, ``mean``, ``min``, ``max``; phases
    in time order.
    """
    by = list(by)
    have = frame[frame[value].notna()].copy()
    have["phase"] = phase_of(have["year"], starts).to_numpy()
    have = have[have["phase"].notna()]
    order = {label: i for i, label in enumerate(sorted(starts, key=starts.__getitem__))}
    out = longrun.span_summary(have, value, by + ["phase"])
    out = out.assign(_order=out["phase"].map(order)).sort_values(by + ["_order"], kind="stable")
    return out[by + ["phase", "years", "n_years", "mean", "min", "max"]].reset_index(drop=True)


def aid_flows(net_flows: pd.DataFrame, debtor: str = "PAK", creditor: str = "JPN") -> pd.DataFrame:
    """A creditor government's grants and concessional loans to a debtor, and the debtor's concessional debt service.

    From ONE's compilation (grants: OECD Creditor Reporting System; loans and debt service: World
    Bank International Debt Statistics), current US$, bilateral (government) flows only. Debt service
    is principal plus interest, shown here as a positive amount paid. A year with no row for a flow
    had no recorded flow; it is missing here, not zero.

    Columns: ``year``, ``flow`` (grants | concessional loans disbursed | concessional debt service),
    ``direction`` (to the debtor | to the creditor), ``value`` (US$ million), ``dataset``.
    """
    rows = net_flows[
        (net_flows["debtor"] == debtor)
        & (net_flows["counterpart_iso3"] == creditor)
        & (net_flows["counterpart_type"] == "Bilateral")
        & (net_flows["prices"] == "current")
    ]
    keys = list(zip(rows["indicator"].astype(str), rows["direction"].astype(str), strict=True))
    rows = rows.assign(flow=[AID_LABELS.get(k) for k in keys])
    rows = rows[rows["flow"].notna()]
    sums = rows.groupby(["year", "flow"], observed=True)["value"].sum(min_count=1).div(1e6)
    years = range(int(net_flows["year"].min()), int(net_flows["year"].max()) + 1)
    index = pd.MultiIndex.from_product([years, list(AID_LABELS.values())], names=["year", "flow"])
    out = sums.reindex(index).reset_index()
    out["value"] = out["value"].abs()
    out["year"] = out["year"].astype("int64")
    out["direction"] = out["flow"].map(lambda f: "to the creditor" if f.endswith("debt service") else "to the debtor")
    return out[["year", "flow", "direction", "value"]].assign(dataset=ONE)


def net_aid(aid: pd.DataFrame) -> pd.Series:
    """Grants plus concessional loans disbursed minus concessional debt service, by year (US$ million).

    Missing where any of the three is missing: a net flow with an unrecorded part cannot be told.
    """
    wide = aid.pivot(index="year", columns="flow", values="value")
    parts = wide[list(AID_LABELS.values())]
    net = parts["grants"] + parts["concessional loans disbursed"] - parts["concessional debt service"]
    return net.where(parts.notna().all(axis=1)).rename("net")


def gross_aid_by_recipient(
    net_flows: pd.DataFrame, first: int, last: int, creditor: str = "JPN", debtors: Sequence[str] | None = None
) -> pd.DataFrame:
    """A creditor government's grants plus concessional loan disbursements to each recipient, summed over first-last.

    Gross, not net: what arrived, before any repayment. Current US$ million; a recipient with no
    recorded flow in the span is missing (not zero). Columns: ``debtor``, ``debtor_name``, ``value``,
    ``years`` (how many years had a flow), ``rank`` among all the creditor's recipients in ONE's table
    (1 = largest), ``dataset``; ``debtors`` restricts the rows returned, not the ranking.
    """
    rows = net_flows[
        (net_flows["counterpart_iso3"] == creditor)
        & (net_flows["counterpart_type"] == "Bilateral")
        & (net_flows["prices"] == "current")
        & (net_flows["direction"] == "inflow")
        & net_flows["indicator"].isin([GRANTS, CONCESSIONAL])
        & net_flows["year"].between(first, last)
    ]
    by_year = rows.groupby(["debtor", "year"], observed=True)["value"].sum(min_count=1)
    totals = by_year.groupby(level="debtor", observed=True).agg(value="sum", years="count")
    totals["value"] = totals["value"] / 1e6
    totals["rank"] = totals["value"].rank(ascending=False, method="min").astype("int64")
    names = rows.drop_duplicates("debtor").set_index("debtor")["debtor_name"].astype(str)
    totals["debtor_name"] = totals.index.map(names)
    out = totals.reset_index()
    out["debtor"] = out["debtor"].astype(str)
    if debtors is not None:
        out = out.set_index("debtor").reindex(list(debtors)).reset_index()
    return out[["debtor", "debtor_name", "value", "years", "rank"]].assign(dataset=ONE)


def customs_totals(customs: pd.DataFrame, partners: Sequence[str] = ("PAK",)) -> pd.DataFrame:
    """Japan's total exports to and imports from each partner by year (the MoF's Grand Total of goods).

    Billion yen as published, exports FOB and imports CIF. ``months``, ``partial_year`` and
    ``provisional`` come with each row: the last year may cover only a few months, and the latest
    full years are not yet fixed by the Ministry. Columns: ``year``, ``partner``, ``area``, ``flow``,
    ``value``, ``unit``, ``months``, ``partial_year``, ``provisional``, ``dataset``.
    """
    rows = customs[(customs["goods_level"] == 0) & customs["partner"].isin(list(partners))]
    missing = sorted(set(partners) - set(rows["partner"].dropna()))
    if missing:
        raise LookupError(f"no customs rows for {', '.join(missing)}")
    cols = ["year", "partner", "area", "flow", "value", "unit", "months", "partial_year", "provisional"]
    out = rows[cols].sort_values(["partner", "flow", "year"]).reset_index(drop=True)
    out["partner"] = out["partner"].astype(str)
    return out.assign(dataset=MOF)


def residents_total(residents: pd.DataFrame, nationality: str = "PAK") -> pd.DataFrame:
    """A nationality's residents in Japan at each year end, all statuses of residence together.

    The agency's table has no total over statuses, so the total is the sum of the statuses (which
    equals the agency's published total); a year the agency does not list the nationality stays
    missing. ``basis`` carries the break between the alien registry (to 2011) and the resident
    statistics (from 2012). Columns: ``year``, ``basis``, ``value`` (persons), ``dataset``.
    """
    rows = residents[residents["nationality"] == nationality]
    if rows.empty:
        raise LookupError(f"no residents with nationality {nationality!r}")
    out = rows.groupby(["year", "basis"], observed=True)["value"].sum(min_count=1).reset_index()
    out["value"] = out["value"].astype("Int64")
    return out.sort_values("year").reset_index(drop=True).assign(dataset=ISA)


def status_change(residents: pd.DataFrame, first: int, last: int, nationality: str = "PAK") -> pd.DataFrame:
    """How much each status of residence added to a nationality's count between two year ends.

    Why: a rise in the total says nothing about who came. Setting the change by status beside the
    total shows whether, say, the worker schemes agreed in 2019 or engineers, students and families
    drove it. A status the agency does not list in a year counts as missing there, so its change is
    missing too (never a change from zero). Columns: ``status``, ``status_group``, ``first``,
    ``last`` (persons), ``change`` (persons), ``share_of_change`` (per cent of the change in the
    total over the statuses with both years), ``dataset``; largest change first.
    """
    rows = residents[(residents["nationality"] == nationality) & residents["year"].isin([first, last])]
    if rows.empty:
        raise LookupError(f"no residents with nationality {nationality!r} in {first} or {last}")
    sums = rows.groupby(["status", "status_group", "year"], observed=True)["value"].sum(min_count=1)
    wide = sums.unstack("year").reindex(columns=[first, last]).astype("Float64")
    out = wide.rename(columns={first: "first", last: "last"}).rename_axis(columns=None).reset_index()
    out["change"] = out["last"] - out["first"]
    total = out["change"].sum(skipna=True)
    out["share_of_change"] = out["change"] / total * 100 if total else pd.NA
    out["status"] = out["status"].astype(str)
    out["status_group"] = out["status_group"].astype(str)
    out = out.sort_values("change", ascending=False, kind="stable", na_position="last").reset_index(drop=True)
    return out[["status", "status_group", "first", "last", "change", "share_of_change"]].assign(dataset=ISA)


#: A weekday named in a date as written, or quoted in a note ("'on Thursday'").
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"


def dating_caveats(events: pd.DataFrame) -> pd.DataFrame:
    """The day-precise events whose day is inferred rather than printed, and how.

    Why: a timeline drawn to the day looks exact. Two kinds of day are not: a day worked out from
    the weekday a news report gives ("on Tuesday", counted back from the report's date), and a
    report's own date standing in for an event's (the note begins "Report date;"). Only events from
    web pages (no source line) and dated to the day are considered. Columns: ``event_id``, ``how``
    (``weekday`` | ``report date``).
    """
    web = events[events["line"].isna() & events["date_precision"].eq("day")]
    written = web["date_as_written"].fillna("").str.contains(rf"^(?:on )?{_WEEKDAY}$", regex=True)
    quoted = web["note"].fillna("").str.contains(rf"'(?:on )?{_WEEKDAY}'", regex=True)
    report = web["note"].fillna("").str.contains(r"^Report date(?![a-z])", regex=True)  # not "Report dated ..."
    how = pd.Series(pd.NA, index=web.index, dtype="object")
    how[written | quoted] = "weekday"
    how[report] = "report date"
    out = pd.DataFrame({"event_id": web["event_id"], "how": how}).dropna()
    return out.reset_index(drop=True)
