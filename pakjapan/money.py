"""Money both ways between Japan and Pakistan: grants and loans one way, principal and interest the other.

Why a module: the aid chapter sets Japan's grants and loan disbursements beside Pakistan's repayments and
interest, year by year, and ranks Japan among Pakistan's creditors. That takes a few decisions which must be the
same wherever the numbers appear, so they are made once here and tested on small frames:

* **Which rows.** Government-to-government flows only. Grants and loan disbursements come from ONE's net-flows
  compilation (:func:`pakjapan.upstream.one.net_flows`: the OECD Creditor Reporting System for grants, the World
  Bank's International Debt Statistics for loans), rows of counterpart type ``Bilateral``; ONE's ``Private`` rows
  with counterpart Japan are Japanese banks and bondholders, not Japan's aid, and are left out. Principal and
  interest come from International Debt Statistics itself
  (:func:`pakjapan.upstream.worldbank.ids.bilateral_debt_service`), which also has the projected years.
* **Absent is not zero, but a sum needs a rule.** IDS has no row for a creditor-year with no recorded flow
  (Pakistan's principal to Japan in 2021, under the G20 suspension). :func:`annual` keeps such cells empty; its
  sums (received, paid, net flow, net transfer) count an absent cell as no flow, and name it in ``absent`` so a
  reader of the table can see which sums rest on that rule.
* **One deflator for both directions.** Japan lends in yen, so Pakistan repays in yen. The OECD's deflator for
  Japan's aid (2022 = 100), which combines Japan's prices and the yen's dollar rate, turns current into
  constant 2022 dollars for grants, loans, principal and interest alike (:func:`to_constant`). ONE's own
  constant-price series deflate debt differently from grants, so they are not used.
* **Ranks among creditors** (:func:`creditors`) are by principal plus interest among named bilateral creditors,
  leaving out the IDS total ("World") and "Multiple Lenders"; a creditor with no recorded payment in a year is
  not ranked in it. Shares are of the IDS total to all bilateral creditors. Who was paid most in a year
  (:func:`paid_most`) is a stricter question: "Multiple Lenders" may hide a government that received more than
  the first named creditor (in 2002 they took more than half of Pakistan's payments), so it is compared too.

Net flow and net transfer follow the usual definitions: the net flow is what Pakistan received (grants and loan
disbursements) less the principal it repaid; the net transfer also takes off the interest it paid.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

#: US dollars in the unit of every frame here (US$ million).
MILLION = 1e6
#: The price base of the constant-dollar frames: the OECD deflators are 2022 = 100.
BASE_YEAR = 2022
#: ONE's indicators for the flows from Japan, and the component each becomes.
ONE_INFLOWS = {
    "Bilateral Grants": "grants",
    "Bilateral Concessional Debt": "concessional loans",
    "Bilateral Non-Concessional Debt": "non-concessional loans",
}
#: Components in reading order: what Pakistan receives, then what it pays.
RECEIVED = ["grants", "concessional loans", "non-concessional loans"]
PAID = ["principal", "interest"]
COMPONENTS = RECEIVED + PAID
#: The years in which the G20 Debt Service Suspension Initiative deferred payments (May 2020 to December 2021).
SUSPENSION = (2020, 2021)
#: The dataset (a key of :data:`pakjapan.cite.DATASETS`) each component comes from.
DATASET = {**dict.fromkeys(RECEIVED, "one"), **dict.fromkeys(PAID, "wb-ids")}
#: IDS creditors that are not one government: the total over all bilateral creditors, and unallocated lenders.
NOT_A_CREDITOR = ("World", "Multiple Lenders")


def flows_long(flows: pd.DataFrame, debt: pd.DataFrame, debtor: str = "PAK", creditor: str = "JPN") -> pd.DataFrame:
    """Every flow between ``creditor`` and ``debtor``, one row a year and component, in current US$ million.

    ``flows`` is ONE's net flows and ``debt`` the IDS bilateral debt service (or frames with their columns).
    Columns: ``year``, ``component`` (see :data:`COMPONENTS`), ``direction`` ("received" by the debtor or
    "paid" by it), ``value`` (positive in both directions), ``projected`` (IDS years after its last actual
    year), ``dataset`` (``one`` or ``wb-ids``, the keys of :data:`pakjapan.cite.DATASETS`) and ``series`` (the
    publisher's indicator or series code). A year with no row for a component has no row here either.
    """
    one = flows[
        (flows["debtor"] == debtor)
        & (flows["counterpart_iso3"] == creditor)
        & (flows["counterpart_type"] == "Bilateral")
        & (flows["prices"] == "current")
        & (flows["direction"] == "inflow")
        & flows["indicator"].isin(list(ONE_INFLOWS))
    ]
    received = pd.DataFrame(
        {
            "year": one["year"].astype("int64"),
            "component": one["indicator"].astype("str").map(ONE_INFLOWS),
            "direction": "received",
            "value": one["value"].astype("float64") / MILLION,
            "projected": False,
            "dataset": "one",
            "series": one["indicator"].astype("str"),
        }
    )
    ids = debt[(debt["debtor"] == debtor) & (debt["creditor_iso3"] == creditor)]
    paid = pd.DataFrame(
        {
            "year": ids["year"].astype("int64"),
            "component": ids["component"].astype("str"),
            "direction": "paid",
            "value": ids["value"].astype("float64") / MILLION,
            "projected": ids["projected"].astype("bool"),
            "dataset": "wb-ids",
            "series": ids["series"].astype("str"),
        }
    )
    out = pd.concat([received, paid], ignore_index=True)
    repeated = out[out.duplicated(["year", "component"], keep=False)]
    if len(repeated):
        raise ValueError(
            f"more than one row for a year and component: {repeated[['year', 'component']].to_dict('records')}"
        )
    order = {c: i for i, c in enumerate(COMPONENTS)}
    return out.sort_values(
        ["year", "component"], key=lambda s: s.map(order) if s.name == "component" else s
    ).reset_index(drop=True)


def annual(long: pd.DataFrame, years: Iterable[int]) -> pd.DataFrame:
    """One row a year: each component (empty where no row was recorded) and the sums a reader asks for.

    ``received`` is grants plus loans disbursed, ``paid`` principal plus interest, ``net_flow`` received less
    principal, ``net_transfer`` received less paid; an absent component counts as no flow in these sums and is
    named in ``absent``. ``projected`` is true where any component is a projection. Values in the unit of
    ``long`` (US$ million).
    """
    years = list(years)
    wide = long.pivot_table(index="year", columns="component", values="value", aggfunc="sum").reindex(
        index=years, columns=COMPONENTS
    )
    wide.columns.name = None
    filled = wide.fillna(0.0)
    out = wide.copy()
    out["received"] = filled[RECEIVED].sum(axis=1)
    out["paid"] = filled[PAID].sum(axis=1)
    out["net_flow"] = out["received"] - filled["principal"]
    out["net_transfer"] = out["received"] - out["paid"]
    out["absent"] = [", ".join(c for c in COMPONENTS if pd.isna(wide.at[y, c])) for y in years]
    projected = long[long["projected"]].groupby("year").size()
    out["projected"] = [bool(projected.get(y, 0)) for y in years]
    return out.rename_axis("year").reset_index()


def grouped(table: pd.DataFrame, groups: Mapping[str, Iterable[str]], year: str = "year") -> pd.DataFrame:
    """Components of an :func:`annual` table added up into named groups, long: ``year``, ``group``, ``value``,
    ``dataset``.

    For a chart that shows, say, concessional and non-concessional loans as one "loans disbursed" line. A group
    is empty in a year where all its components are (absent stays absent); ``dataset`` names the datasets of its
    components, joined with " + " when they differ.
    """
    parts = []
    for name, members in groups.items():
        members = list(members)
        parts.append(
            pd.DataFrame(
                {
                    year: table[year],
                    "group": name,
                    "value": table[members].sum(axis=1, min_count=1),
                    "dataset": " + ".join(dict.fromkeys(DATASET[m] for m in members)),
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


def to_constant(frame: pd.DataFrame, deflator: pd.Series, columns: Iterable[str], year: str = "year") -> pd.DataFrame:
    """``columns`` in constant prices (value × 100 / the deflator of the row's year), the deflator used beside them.

    A year without a deflator gives missing values, never the nearest year's: the OECD's series ends in 2023.
    """
    out = frame.copy()
    out["deflator"] = out[year].map(deflator).astype("float64")
    for column in columns:
        out[column] = out[column].astype("float64") * 100 / out["deflator"]
    return out


def japan_deflator(deflators: pd.DataFrame) -> pd.Series:
    """The OECD DAC deflator for Japan's aid by year (from :func:`pakjapan.upstream.oecd.dac_deflators`).

    Raises if its base year is not :data:`BASE_YEAR`: every constant-dollar figure in the chapter says 2022.
    """
    rows = deflators[(deflators["iso3"] == "JPN") & (deflators["indicator"] == "dac_deflator")]
    series = rows.set_index(rows["year"].astype("int64"))["value"].astype("float64").sort_index()
    if series.get(BASE_YEAR) != 100:
        raise ValueError(f"Japan's DAC deflator is not {BASE_YEAR} = 100 (found {series.get(BASE_YEAR)!r})")
    return series.rename("deflator")


def yen_per_usd(rates: pd.DataFrame) -> pd.Series:
    """Yen per US dollar, calendar-year average, by year (FRED AEXJPUS, from
    :func:`pakjapan.upstream.fred.exchange_rates`)."""
    rows = rates[rates["iso3"] == "JPN"]
    return rows.set_index(rows["year"].astype("int64"))["per_usd"].astype("float64").sort_index().rename("yen_per_usd")


def runs(flags: Mapping[int, bool]) -> list[tuple[int, int]]:
    """The spans of consecutive years in which ``flags`` is true, as ``(first, last)``: ``{2017: True,
    2018: True, 2019: False}`` gives ``[(2017, 2018)]``. A missing year ends a span."""
    spans: list[tuple[int, int]] = []
    for year in sorted(flags):
        if not flags[year]:
            continue
        if spans and spans[-1][1] == year - 1:
            spans[-1] = (spans[-1][0], year)
        else:
            spans.append((year, year))
    return spans


def creditors(debt: pd.DataFrame, debtor: str = "PAK") -> pd.DataFrame:
    """Debt service to each bilateral creditor of ``debtor`` by year, with its share of the total and its rank.

    Columns: ``year``, ``creditor`` (as IDS writes it), ``creditor_iso3``, ``principal``, ``interest`` (empty where
    IDS has no row) and ``total`` (their sum; US$ million), ``share`` (per cent of the IDS total to all bilateral
    creditors that year), ``rank`` (1 = paid the most, among named creditors; ties share the better rank),
    ``projected``. The IDS total itself ("World") is not a row; "Multiple Lenders" is kept but not ranked.
    """
    rows = debt[debt["debtor"] == debtor].astype({"creditor": "str", "component": "str"})
    wide = rows.pivot_table(
        index=["year", "creditor"], columns="component", values="value", aggfunc="sum", observed=True
    ).reindex(columns=PAID)
    wide.columns.name = None
    wide = wide / MILLION
    wide["total"] = wide[PAID].sum(axis=1, min_count=1)
    wide = wide.reset_index()
    world = wide[wide["creditor"] == "World"].set_index("year")["total"]
    out = wide[wide["creditor"] != "World"].copy()
    out["share"] = out["total"] / out["year"].map(world) * 100
    named = ~out["creditor"].isin(NOT_A_CREDITOR)
    out["rank"] = pd.Series(pd.NA, index=out.index, dtype="Int64")
    out.loc[named, "rank"] = out[named].groupby("year")["total"].rank(method="min", ascending=False).astype("Int64")
    iso = rows.drop_duplicates("creditor").set_index("creditor")["creditor_iso3"].astype("object")
    out["creditor_iso3"] = out["creditor"].map(iso)
    projected = rows.groupby("year")["projected"].any()
    out["projected"] = out["year"].map(projected).astype("bool")
    out["year"] = out["year"].astype("int64")
    columns = ["year", "creditor", "creditor_iso3", "principal", "interest", "total", "share", "rank", "projected"]
    return out[columns].sort_values(["year", "rank", "creditor"], na_position="last").reset_index(drop=True)


def paid_most(table: pd.DataFrame) -> pd.Series:
    """By year, the creditor with the largest debt service in a :func:`creditors` table, unranked rows included.

    Why not ``rank == 1``: ranks leave out "Multiple Lenders", which IDS does not break down by government. A
    sentence "Japan was the government Pakistan paid most" holds for a year only if Japan was also paid more
    than those unassigned lenders together; where they were paid more, this gives "Multiple Lenders" and the
    year's first government is unknown. A tie gives the creditor that sorts first by name (IDS spelling).
    """
    rows = table.dropna(subset=["total"]).sort_values(["year", "total", "creditor"], ascending=[True, False, True])
    first = rows.drop_duplicates("year")
    return first.set_index(first["year"].astype("int64"))["creditor"].astype("str").rename("paid_most")
