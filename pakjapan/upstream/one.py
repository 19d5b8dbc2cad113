"""ONE Campaign's net flows to developing countries, by counterpart, 2000-2022.

The file (``output/full_flows_country.parquet`` of ONEcampaign/net_flows) is ONE's own compilation, one row a
year, debtor (``country``), counterpart, price basis and indicator, value in US$:

* inflows: grants from the OECD Creditor Reporting System ("Bilateral Grants", "Multilateral Grants") and loan
  disbursements from the World Bank's International Debt Statistics ("... Concessional Debt", "... Non-Concessional
  Debt", "Private - bonds", "Private  - banks" (two spaces, as written), "Private - other");
* outflows: **debt service, principal plus interest**, from the same IDS series, as negative numbers (for
  Pakistan and Japan in 2022, concessional plus non-concessional outflows equal IDS principal plus interest).

``counterpart_type`` says whether a counterpart is a government (Bilateral), an institution (Multilateral) or
private creditors resident in a country (Private: "Japan" there means Japanese banks or bondholders).
Constant prices are 2022 US$ (checked: constant equals current in 2022); 1,506 current-price rows have no
constant-price twin (left out by ONE, not here). 178 inflow rows are negative (grant recoveries and net
negative disbursements as reported). ONE marks the project "still in progress"; its debt figures are IDS
actuals for 2000-2022 (the release current in early 2024), its grants the CRS as of January 2024.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from . import countries
from .errors import expect
from .tables import extracted

INPUT = "one_net_flows"
COLUMNS = {
    "year",
    "country",
    "continent",
    "counterpart_area",
    "counterpart_type",
    "prices",
    "indicator",
    "income_level",
    "indicator_type",
    "value",
}
INDICATORS = {
    "Bilateral Grants",
    "Multilateral Grants",
    "Bilateral Concessional Debt",
    "Bilateral Non-Concessional Debt",
    "Multilateral Concessional Debt",
    "Multilateral Non-Concessional Debt",
    "Private  - banks",
    "Private - bonds",
    "Private - other",
}
#: The year whose constant prices equal current prices (ONE's base year), checked on every build.
BASE_YEAR = 2022
YEARS = (2000, 2022)
KEY = ["year", "country", "counterpart_area", "counterpart_type", "prices", "indicator", "indicator_type"]


def _check(raw: pd.DataFrame, file: str) -> None:
    expect(set(raw.columns) == COLUMNS, INPUT, file, f"the columns {sorted(COLUMNS)}; found {sorted(raw.columns)}")
    expect(
        pd.api.types.is_integer_dtype(raw["year"]) and pd.api.types.is_float_dtype(raw["value"]),
        INPUT,
        file,
        f"an integer year and a float value; found {raw['year'].dtype} and {raw['value'].dtype}",
    )
    nulls = {c: int(n) for c, n in raw[KEY].isna().sum().items() if n}
    expect(not nulls, INPUT, file, f"no missing cells in the key columns {KEY}; found {nulls}")
    years = (int(raw["year"].min()), int(raw["year"].max()))
    expect(years == YEARS, INPUT, file, f"years {YEARS[0]}-{YEARS[1]}; found {years[0]}-{years[1]}")
    for column, allowed in [
        ("prices", {"current", "constant"}),
        ("indicator_type", {"inflow", "outflow"}),
        ("counterpart_type", {"Bilateral", "Multilateral", "Private"}),
        ("indicator", INDICATORS),
    ]:
        found = set(raw[column].unique())
        expect(found <= allowed, INPUT, file, f"{column} among {sorted(allowed)}; found also {sorted(found - allowed)}")
    dups = int(raw.duplicated(KEY).sum())
    expect(dups == 0, INPUT, file, f"one row per {KEY}; found {dups} repeated")
    positive = int((raw.loc[raw["indicator_type"] == "outflow", "value"] > 0).sum())
    expect(positive == 0, INPUT, file, f"outflows as negative numbers; found {positive} positive outflow values")
    base = raw[raw["year"] == BASE_YEAR].pivot_table(
        index=[c for c in KEY if c != "prices"], columns="prices", values="value", aggfunc="first"
    )
    both = base.dropna()
    differ = int(((both["constant"] - both["current"]).abs() > 1e-6 * both["current"].abs() + 1e-6).sum())
    expect(
        len(both) > 0 and differ == 0,
        INPUT,
        file,
        f"constant prices in {BASE_YEAR} US$ (constant equal to current in {BASE_YEAR}); "
        f"{differ} of {len(both)} differ",
    )


def _codes(names: pd.Series, file: str) -> pd.DataFrame:
    """ISO3 and kind of each name, looked up once per distinct name (the file has 393,538 rows)."""
    unique = pd.Series(sorted(names.unique()))
    coded = countries.codes("one", unique, INPUT, file).set_axis(unique)
    return coded.reindex(names.to_numpy()).reset_index(drop=True)


def _category(values: pd.Series) -> pd.Series:
    """Categorical text with ``str`` categories, the dtype a Parquet round trip gives back (so the cached table
    and a fresh build are alike)."""
    return values.astype("str").astype("category")


@extracted("one_net_flows", version=1)
def net_flows(path: Path) -> pd.DataFrame:
    """ONE's net flows, every row, typed and compact (categorical text).

    Columns: ``year`` (int16); ``debtor`` (ISO3 of ONE's ``country``; every debtor is a country or Kosovo, XKX)
    and ``debtor_name`` as written, with ONE's ``continent`` and ``income_level`` of the debtor; ``counterpart``
    (name as written), ``counterpart_iso3`` (NA for institutions, "Bondholders", "Multiple Lenders"),
    ``counterpart_kind``, ``counterpart_type`` (Bilateral/Multilateral/Private); ``prices`` (current/constant);
    ``indicator`` as written; ``direction`` (inflow/outflow; outflows are negative and are principal plus
    interest); ``value`` and ``unit`` ("current US$" or "constant 2022 US$").
    """
    file = path.name
    raw = pq.read_table(path).to_pandas()
    _check(raw, file)
    raw = raw.reset_index(drop=True)
    debtor = _codes(raw["country"], file)
    expect(
        debtor["iso3"].notna().all(),
        INPUT,
        file,
        f"every debtor a country with an ISO code; found {sorted(raw.loc[debtor['iso3'].isna(), 'country'].unique())}",
    )
    counterpart = _codes(raw["counterpart_area"], file)
    frame = pd.DataFrame(
        {
            "year": raw["year"].astype("int16"),
            "debtor": _category(debtor["iso3"]),
            "debtor_name": _category(raw["country"]),
            "continent": _category(raw["continent"]),
            "income_level": _category(raw["income_level"]),
            "counterpart": _category(raw["counterpart_area"]),
            "counterpart_iso3": _category(counterpart["iso3"]),
            "counterpart_kind": _category(counterpart["kind"]),
            "counterpart_type": _category(raw["counterpart_type"]),
            "prices": _category(raw["prices"]),
            "indicator": _category(raw["indicator"]),
            "direction": _category(raw["indicator_type"]),
            "value": raw["value"].astype("float64"),
            "unit": raw["prices"]
            .map({"current": "current US$", "constant": f"constant {BASE_YEAR} US$"})
            .pipe(_category),
        }
    )
    return frame
