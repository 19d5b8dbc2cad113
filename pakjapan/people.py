"""The people chapter's arithmetic: Japan's foreign residents grouped, compared and set beside money.

Why a module: the chapter reads one long table (``pakjapan.upstream.isa.residents``, a row per year,
nationality and status of residence) and needs the same few derivations several times: a nationality's
total over its statuses, its statuses folded into the handful of groups a reader can follow, its count
per million people at home, its share of all foreign residents, the year one group overtook another,
and the chart frame that sets remittances beside goods. Written once here they are tested on small
frames, and the notebook stays load, compute, check, show.

Conventions (the chapter states them in words):

* **Nothing is filled.** A nationality the agency does not list in a year has NA in every status; its
  total is NA, not zero. A status that did not exist yet is the agency's 0, and stays 0.
* **The 2012 break.** The ``basis`` column (``registry`` to 2011, ``resident`` from 2012) travels with
  every frame, so a chart can break its lines where the count changed.
* **Groups.** :data:`CATEGORY_OF` folds the 28 statuses into eight groups by their official English
  names; an unknown status is an error, so a new status in a later release cannot be dropped quietly.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

#: The label of the agency's total over all nationalities (``nationality_ja`` 総数).
ALL_NATIONALITIES = "総数"
#: Pakistan and the five countries the chapter compares it with, in the order the chapter names them.
COMPARATORS: tuple[str, ...] = ("PAK", "NPL", "BGD", "LKA", "IND", "VNM")
#: Their colours, by the English names ``isa.residents`` gives: Pakistan in its own colour, the others in
#: Okabe-Ito colours other than Japan's reserved vermillion (the chart grammar refuses it for them).
PALETTE: dict[str, str] = {
    "Pakistan": "PAK",
    "Nepal": "blue",
    "Bangladesh": "orange",
    "Sri Lanka": "purple",
    "India": "sky",
    "Viet Nam": "grey",
}

ENGINEERS = "Engineers, specialists"
DEPENDANTS = "Dependants"
PERMANENT = "Permanent residents"
BUSINESS = "Business managers"
STUDENTS = "Students"
SPOUSES = "Spouses and children"
SCHEMES = "Work schemes"
OTHER = "Other statuses"
#: The eight groups, in the order the chapter's panels show them (the last is the remainder).
CATEGORIES: tuple[str, ...] = (DEPENDANTS, ENGINEERS, PERMANENT, BUSINESS, STUDENTS, SPOUSES, SCHEMES, OTHER)

#: The curated groups (``status_group`` in ``isa.residents``) whose statuses rest on work: with the
#: Dependent status (the families of workers and students) they are "a work or dependant status".
WORK_GROUPS: tuple[str, ...] = ("skilled work", "business", "technical intern/specified skilled")

#: Each status of residence (official English name, as in ``data/residence_statuses.csv``) and its group.
#: The named groups are the statuses the chapter discusses; Long-Term Resident, Designated Activities
#: and the small working statuses (professors, skilled labour, ...) are the remainder.
CATEGORY_OF: dict[str, str] = {
    "Engineer/Specialist in Humanities/International Services": ENGINEERS,
    "Dependent": DEPENDANTS,
    "Permanent Resident": PERMANENT,
    "Special Permanent Resident": PERMANENT,
    "Business Manager": BUSINESS,
    "Student": STUDENTS,
    "Pre-college Student": STUDENTS,
    "Spouse or Child of Japanese National": SPOUSES,
    "Spouse or Child of Permanent Resident": SPOUSES,
    "Technical Intern Training": SCHEMES,
    "Specified Skilled Worker": SCHEMES,
    "Trainee": SCHEMES,
    "Long-Term Resident": OTHER,
    "Designated Activities": OTHER,
    "Cultural Activities": OTHER,
    "Professor": OTHER,
    "Artist": OTHER,
    "Religious Activities": OTHER,
    "Journalist": OTHER,
    "Highly Skilled Professional": OTHER,
    "Legal/Accounting Services": OTHER,
    "Medical Services": OTHER,
    "Researcher": OTHER,
    "Instructor": OTHER,
    "Intra-company Transferee": OTHER,
    "Nursing Care": OTHER,
    "Entertainer": OTHER,
    "Skilled Labor": OTHER,
}


def category(status: pd.Series) -> pd.Series:
    """The chapter's group of each status of residence; an error naming any status not mapped."""
    unknown = sorted(set(status.dropna().astype(str)) - set(CATEGORY_OF))
    if unknown:
        raise KeyError(f"statuses of residence with no group in pakjapan.people.CATEGORY_OF: {unknown}")
    return status.map(CATEGORY_OF).astype("str")


def _sum(values: pd.Series) -> object:
    """Sum of persons that stays NA when every cell is NA (a nationality not listed that year)."""
    return values.sum(min_count=1)


def totals(residents: pd.DataFrame) -> pd.DataFrame:
    """Residents of each nationality (and the agency's total) per year: the sum over statuses.

    Columns: ``year``, ``basis``, ``nationality_ja``, ``nationality`` (ISO3, NA for the total and
    non-countries), ``nationality_en``, ``value`` (persons, Int64, NA where the agency lists nothing).
    The file has no total over statuses; the agency's published totals equal this sum.
    """
    keys = ["year", "basis", "nationality_ja", "nationality", "nationality_en"]
    out = residents.groupby(keys, dropna=False, sort=False)["value"].agg(_sum).reset_index()
    out["value"] = out["value"].astype("Int64")
    return out


def by_category(residents: pd.DataFrame, nationality: str = "PAK") -> pd.DataFrame:
    """One nationality's residents per year in the chapter's groups, with each group's share of the total.

    Columns: ``year``, ``basis``, ``category`` (in :data:`CATEGORIES` order), ``value`` (persons),
    ``total`` (all statuses) and ``share`` (per cent of ``total``). Every group appears every year,
    a zero as zero.
    """
    rows = residents[residents["nationality"] == nationality]
    if rows.empty:
        raise LookupError(f"no residents of nationality {nationality!r} in the table")
    grouped = rows.assign(category=category(rows["status"]))
    out = grouped.groupby(["year", "basis", "category"], sort=False)["value"].agg(_sum).reset_index()
    out["category"] = pd.Categorical(out["category"], categories=list(CATEGORIES), ordered=True)
    out = out.sort_values(["category", "year"], kind="stable").reset_index(drop=True)
    out["category"] = out["category"].astype("str")
    out["value"] = out["value"].astype("Int64")
    out["total"] = out.groupby("year")["value"].transform("sum").astype("Int64")
    out["share"] = (out["value"] / out["total"] * 100).astype("float64")
    return out


def series(frame: pd.DataFrame, column: str = "value", **where: object) -> dict[int, float]:
    """``{year: column}`` of the rows matching ``where`` (e.g. ``category="Students"``): what the checks read."""
    rows = frame
    for name, wanted in where.items():
        rows = rows[rows[name] == wanted]
    if rows["year"].duplicated().any():
        raise ValueError(f"more than one row per year for {where}; narrow the selection")
    return {int(y): float(v) for y, v in zip(rows["year"], rows[column], strict=True)}


def status_series(residents: pd.DataFrame, status: str, nationality: str = "PAK") -> dict[int, float]:
    """``{year: persons}`` holding one status of residence (official English name) for one nationality."""
    rows = residents[(residents["nationality"] == nationality) & (residents["status"] == status)]
    if rows.empty:
        raise LookupError(f"no rows for status {status!r} and nationality {nationality!r}")
    return series(rows)


def share_of_all(totals_frame: pd.DataFrame, nationality: str = "PAK") -> pd.DataFrame:
    """A nationality's share of all foreign residents per year (per cent of the agency's total).

    Columns: ``year``, ``basis``, ``value`` (the nationality's persons), ``all`` (all foreign
    residents) and ``share`` (per cent). Years where either is missing keep NA.
    """
    mine = totals_frame[totals_frame["nationality"] == nationality][["year", "basis", "value"]]
    everyone = totals_frame[totals_frame["nationality_ja"] == ALL_NATIONALITIES][["year", "value"]]
    out = mine.merge(everyone.rename(columns={"value": "all"}), on="year", how="left", validate="one_to_one")
    out["share"] = (out["value"] / out["all"] * 100).astype("float64")
    return out.reset_index(drop=True)


def per_million(
    totals_frame: pd.DataFrame, population: pd.DataFrame, year: int, nationalities: tuple[str, ...]
) -> pd.DataFrame:
    """Residents in Japan per million people of their home country's population, for one year.

    ``population`` is the World Bank's SP.POP.TOTL as ``worldbank.wdi.population()`` gives it
    (``year``, ``iso3``, ``value`` in persons). Columns: ``nationality``, ``nationality_en``,
    ``residents``, ``population``, ``per_million``; rows in the order of ``nationalities``.
    A missing population leaves ``per_million`` NA: nothing is carried from another year.
    """
    mine = totals_frame[(totals_frame["year"] == year) & totals_frame["nationality"].isin(nationalities)]
    missing = sorted(set(nationalities) - set(mine["nationality"]))
    if missing:
        raise LookupError(f"no residents counted in {year} for {missing}")
    people = population[(population["year"] == year) & population["iso3"].isin(nationalities)]
    people = people[["iso3", "value"]].rename(columns={"iso3": "nationality", "value": "population"})
    out = mine[["nationality", "nationality_en", "value"]].rename(columns={"value": "residents"})
    out = out.merge(people, on="nationality", how="left", validate="one_to_one")
    out["per_million"] = (out["residents"].astype("float64") / out["population"] * 1e6).astype("float64")
    order = {code: i for i, code in enumerate(nationalities)}
    return out.sort_values("nationality", key=lambda s: s.map(order)).reset_index(drop=True)


def overtakes(a: Mapping[int, float], b: Mapping[int, float]) -> int:
    """The first year from which ``a`` exceeds ``b`` in that year and every later one.

    "Dependants overtook permanent residents in 2022" means more dependants in 2022 and in every year
    since, not merely in one year. An error if ``a`` is not ahead in the last year, or the years differ.
    """
    if sorted(a) != sorted(b):
        raise ValueError("the two series cover different years")
    years = sorted(a)
    if not years or not a[years[-1]] > b[years[-1]]:
        raise ValueError("the first series is not ahead in the last year, so it has not overtaken the second")
    first = years[-1]
    for year in reversed(years):
        if a[year] > b[year]:
            first = year
        else:
            break
    return first


def remittance(matrix: pd.DataFrame, sender: str, receiver: str) -> float:
    """One cell of the World Bank's bilateral remittance matrix (US$ million, a model estimate).

    An error if the cell is not there or holds ``-`` (NA): a missing estimate is not zero.
    """
    rows = matrix[(matrix["sender"] == sender) & (matrix["receiver"] == receiver) & ~matrix["total"]]
    if len(rows) != 1:
        raise LookupError(f"expected one matrix cell from {sender} to {receiver}; found {len(rows)}")
    value = rows["value"].iloc[0]
    if pd.isna(value):
        raise ValueError(f"the matrix has no estimate from {sender} to {receiver} (cell {rows['mark'].iloc[0]!r})")
    return float(value)


def dots_flow(dots: pd.DataFrame, reporter: str, flow: str, partner: str, year: int) -> float:
    """One reporter's record of one flow with one partner in one year (IMF DOTS, US$ million)."""
    rows = dots[
        (dots["reporter"] == reporter) & (dots["flow"] == flow) & (dots["partner"] == partner) & (dots["year"] == year)
    ]
    if len(rows) != 1 or pd.isna(rows["value"].iloc[0]):
        raise LookupError(f"no single {flow} value reported by {reporter} with {partner} in {year}")
    return float(rows["value"].iloc[0])


def export_receipts(trade: pd.DataFrame, partner: str, period: str) -> pd.Series:
    """Pakistan's export receipts from one country through the banks in one full fiscal year (US$ million).

    ``trade`` is :func:`pakjapan.upstream.sbp.trade` (thousand US$). Why this record beside remittances: the
    State Bank's remittance tallies are on the same banking basis and fiscal year, so the two are counted
    alike. A part year is refused, since a bar labelled by its fiscal year must cover all twelve months.
    Returns the row with ``value_musd`` added.
    """
    rows = trade[(trade["flow"] == "exports") & (trade["partner"] == partner) & (trade["period"] == period)]
    if len(rows) != 1:
        raise LookupError(f"expected one export receipt from {partner} in {period!r}; found {len(rows)}")
    row = rows.iloc[0].copy()
    if row["unit"] != "thousand US$":
        raise ValueError(f"export receipts in {row['unit']!r}, expected 'thousand US$'")
    if int(row["months"]) != 12:
        raise ValueError(f"{period!r} covers {row['months']} months, not a full fiscal year")
    row["value_musd"] = float(row["value"]) / 1000
    return row


def _months(period: str) -> str:
    """A period label as words for a chart: ``FY2020-21 (Jul-May)`` -> ``Jul 2020 to May 2021``."""
    from . import periods

    span = periods.parse(period)
    if span.start.year == span.end.year:
        return f"{span.start:%b} to {span.end:%b} {span.end.year}"
    return f"{span.start:%b %Y} to {span.end:%b %Y}"


def money(
    dots: pd.DataFrame,
    matrix: pd.DataFrame,
    trade: pd.DataFrame,
    recorded: pd.DataFrame,
    *,
    model_year: int = 2017,
    receipts_period: str = "FY25",
) -> pd.DataFrame:
    """Remittances from Japan to Pakistan beside Pakistan's goods exports to Japan, one row a bar.

    Why these rows: the only yearly estimate of remittances is the World Bank's model for
    ``model_year``, so goods are shown for that year by both records (IMF DOTS: Japan's imports, CIF;
    Pakistan's exports, FOB); the State Bank's recorded tallies (``recorded``: reference rows with
    ``ref_id``, ``period``, ``value`` in US$ million) cover parts of fiscal years, so the State Bank's
    export receipts from Japan through the banks (``trade``, :func:`export_receipts`) for the fiscal year
    ``receipts_period`` stand beside them: the same record, basis and year for goods and for remittances.

    Columns: ``what`` (the bar's label), ``flow`` (goods | remittances), ``record`` (Japan |
    Pakistan | model), ``basis`` (how the figure was made), ``period``, ``value`` (US$ million),
    ``unit``, ``approximate`` (a model estimate, part of a year or provisional), ``row`` (the ids cited),
    ``when`` (start of the period, decimal year: the bars' order).
    """
    receipts = export_receipts(trade, "JPN", receipts_period)
    ends = int(receipts["fiscal_year"])
    fiscal = f"{ends - 1}-{ends % 100:02d}"
    status = f", {receipts['status']}" if receipts["status"] else ""
    model = str(model_year)
    bars = [
        _bar(f"Goods: Japan's record of imports from Pakistan, {model}", "goods", "Japan", "customs, CIF", model,
             dots_flow(dots, "JPN", "imports", "PAK", model_year), False, "dataset:imf-dots"),
        _bar(f"Goods: Pakistan's record of exports to Japan, {model}", "goods", "Pakistan", "customs, FOB", model,
             dots_flow(dots, "PAK", "exports", "JPN", model_year), False, "dataset:imf-dots"),
        _bar(f"Remittances from Japan, {model} (model estimate)", "remittances", "model", "model estimate", model,
             remittance(matrix, "JPN", "PAK"), True, "dataset:knomad"),
        _bar(f"Goods: export receipts through banks, {fiscal}", "goods", "Pakistan",
             f"banking basis, fiscal year{status}", f"FY{fiscal}", float(receipts["value_musd"]),
             bool(receipts["status"] == "provisional"), "dataset:sbp"),
    ]  # fmt: skip
    for _, ref in recorded.iterrows():
        bars.append(
            _bar(f"Remittances recorded by banks, {_months(str(ref['period']))}", "remittances", "Pakistan",
                 "banking basis, part of a fiscal year", str(ref["period"]), float(ref["value"]), True,
                 str(ref["ref_id"]))
        )  # fmt: skip
    out = pd.DataFrame(bars)
    return out.sort_values("when", kind="stable").reset_index(drop=True)


def _bar(
    what: str, flow: str, record: str, basis: str, period: str, value: float, approximate: bool, row: str
) -> dict[str, object]:
    """One bar of :func:`money`, with ``when`` (the period's start as a decimal year) to order the bars by."""
    from . import periods

    start = periods.parse(period).start
    return {
        "what": what,
        "flow": flow,
        "record": record,
        "basis": basis,
        "period": period,
        "value": value,
        "unit": "US$ million",
        "approximate": approximate,
        "row": row,
        "when": round(start.year + (start.month - 1) / 12, 2),
    }
