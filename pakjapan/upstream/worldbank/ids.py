"""World Bank International Debt Statistics: debt service on public and publicly guaranteed (PPG) debt to each
bilateral creditor, by debtor, 2000-2025.

Two Feather files, as downloaded by ONE for its net-flows study (ONEcampaign/net_flows, ``raw_data/ids_data``):
principal repayments (DT.AMT.BLAT.CD) and interest payments (DT.INT.BLAT.CD). One row a debtor (``country``:
low- and middle-income countries and World Bank aggregates such as "South Asia" or "IDA total"), creditor
(``counterpart_area``: a government, "Multiple Lenders", or "World" for all bilateral creditors together),
series and year (a date, 1 January), value in current US$. A debtor-creditor-year that is absent had no
recorded flow in the file; it is not a zero and is not filled in.

**Actual and projected years.** The file does not say where actual data end. The rule used here: years up to
:data:`LAST_ACTUAL_YEAR` (2022) are actual, later years (2023-2025) are the World Bank's projections of debt
service on the debt outstanding at the end of 2022 (scheduled payments, before any new loan, rescheduling or
rollover). The evidence, checked on every build where it is a property of the file:

* the values change character after 2022 (checked): in every year to 2022, 24-33% of the positive principal
  amounts are whole thousands of dollars, as debtors report them; from 2023 only 3-4% are, as amounts computed
  from repayment schedules and exchange rates are. Exact zeros fall from 15% of rows in 2022 to 6% in 2023
  (both files), and the creditors' total jumps by two fifths (principal) and a half (interest): Pakistan's
  projected payments to Saudi Arabia, the UAE and Germany are contractual maturities, before any rollover;
* ONE, who downloaded the files, built its net flows (the ``one_net_flows`` input, same commit) for 2000-2022
  only, with 2022 as its price base year; its 2022 debt outflows equal principal plus interest here, and the
  projection script in its repository treats 2023 onward as projections;
* the release then current, International Debt Statistics 2024 (December 2023), reports actual data through
  2022. (A release with actual data through 2023 would show no such break between 2022 and 2023.)

Creditor names are the IDS counterpart spellings ("Germany, Fed. Rep. of", "Korea, Republic of"); debtor names
the World Bank's country names ("Egypt, Arab Rep."). "World" is the sum over creditors for almost every debtor
and year (not for a few: Serbia, Colombia, Peru, the Dominican Republic carry amounts not allocated to a
creditor).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.feather as feather

from .. import countries
from ..errors import StructureError, expect
from ..tables import extracted

#: The last year of actual data in the pinned files; later years are projections (see the module docstring).
LAST_ACTUAL_YEAR = 2022
YEARS = (2000, 2025)
COLUMNS = {"country", "counterpart_area", "series", "year", "value", "series_code"}
SERIES = {
    "principal": ("ids_principal_bilateral", "DT.AMT.BLAT.CD", "PPG, bilateral (AMT, current US$)"),
    "interest": ("ids_interest_bilateral", "DT.INT.BLAT.CD", "PPG, bilateral (INT, current US$)"),
}
#: Share of positive principal amounts that are whole thousands of US$: at least this in every actual year ...
ROUND_SHARE_ACTUAL = 0.15
#: ... and at most this in every projected year.
ROUND_SHARE_PROJECTED = 0.10


def round_thousands_share(frame: pd.DataFrame) -> pd.Series:
    """By year, the share of positive values that are whole thousands of US$ (reported amounts, not computed)."""
    positive = frame[frame["value"] > 0]
    return (positive["value"] % 1000 == 0).groupby(positive["year"]).mean()


def _read(path: Path, component: str) -> pd.DataFrame:
    input_name, code, label = SERIES[component]
    file = path.name
    try:
        raw = feather.read_table(path).to_pandas()
    except Exception as exc:  # not a Feather file at all: say so, with the reader's reason
        raise StructureError(input_name, file, f"a Feather (Arrow IPC) file, could not read it ({exc})") from None
    expect(set(raw.columns) == COLUMNS, input_name, file, f"the columns {sorted(COLUMNS)}; found {sorted(raw.columns)}")
    nulls = {c: int(n) for c, n in raw.isna().sum().items() if n}
    expect(not nulls, input_name, file, f"no missing cells; found {nulls}")
    codes = sorted(raw["series_code"].unique())
    labels = sorted(raw["series"].unique())
    expect(codes == [code] and labels == [label], input_name, file, f"series {code} ({label}); found {codes} {labels}")
    expect(
        pd.api.types.is_datetime64_any_dtype(raw["year"]) and bool((raw["year"].dt.strftime("%m-%d") == "01-01").all()),
        input_name,
        file,
        f"years as dates on 1 January; found {raw['year'].dtype} {raw['year'].head(3).tolist()}",
    )
    raw["year"] = raw["year"].dt.year.astype("int16")
    years = sorted(raw["year"].unique())
    expect(
        years == list(range(YEARS[0], YEARS[1] + 1)),
        input_name,
        file,
        f"every year {YEARS[0]}-{YEARS[1]}; found {years[0]}-{years[-1]} ({len(years)} years)",
    )
    dups = int(raw.duplicated(["country", "counterpart_area", "year"]).sum())
    expect(dups == 0, input_name, file, f"one row per debtor, creditor and year; found {dups} repeated")
    negative = int((raw["value"] < 0).sum())
    expect(negative == 0, input_name, file, f"payments as positive amounts; found {negative} negative")
    if component == "principal":
        share = round_thousands_share(raw)
        actual, projected = share[share.index <= LAST_ACTUAL_YEAR], share[share.index > LAST_ACTUAL_YEAR]
        expect(
            bool((actual >= ROUND_SHARE_ACTUAL).all() and (projected <= ROUND_SHARE_PROJECTED).all()),
            input_name,
            file,
            f"actual data to {LAST_ACTUAL_YEAR} and projections after it: at least {ROUND_SHARE_ACTUAL:.0%} of the "
            f"positive amounts in whole thousands of US$ in each year to {LAST_ACTUAL_YEAR}, at most "
            f"{ROUND_SHARE_PROJECTED:.0%} after; found {share.round(3).to_dict()}",
        )
    return raw.assign(component=component)


def _category(values: pd.Series) -> pd.Series:
    """Categorical text with ``str`` categories, as a Parquet round trip gives back."""
    return values.astype("str").astype("category")


def _codes(names: pd.Series, input_name: str, file: str) -> pd.DataFrame:
    unique = pd.Series(sorted(names.unique()))
    coded = countries.codes("wb", unique, input_name, file).set_axis(unique)
    return coded.reindex(names.to_numpy()).reset_index(drop=True)


@extracted("ids_principal_bilateral", "ids_interest_bilateral", version=1)
def bilateral_debt_service(principal: Path, interest: Path) -> pd.DataFrame:
    """Principal and interest paid on PPG debt to each bilateral creditor, current US$, every row kept.

    Columns: ``debtor`` (ISO3; NA for the World Bank's aggregates such as "South Asia", whose ``debtor_kind``
    is group), ``debtor_name`` as written, ``debtor_kind``; ``creditor`` (name as written), ``creditor_iso3``
    (NA for "World" and "Multiple Lenders"), ``creditor_kind``; ``component`` (principal/interest), ``series``
    (code) and ``series_name``; ``year`` (int16), ``value`` and ``unit`` ("current US$"); ``projected`` (True
    after :data:`LAST_ACTUAL_YEAR`: see the module docstring for the rule and its evidence).
    """
    parts = [_read(principal, "principal"), _read(interest, "interest")]
    files = {"principal": principal.name, "interest": interest.name}
    coded = []
    for part in parts:
        input_name, file = SERIES[part["component"].iat[0]][0], files[part["component"].iat[0]]
        coded.append((_codes(part["country"], input_name, file), _codes(part["counterpart_area"], input_name, file)))
    raw = pd.concat(parts, ignore_index=True)
    debtor = pd.concat([c[0] for c in coded], ignore_index=True)
    creditor = pd.concat([c[1] for c in coded], ignore_index=True)
    return pd.DataFrame(
        {
            "debtor": _category(debtor["iso3"]),
            "debtor_name": _category(raw["country"]),
            "debtor_kind": _category(debtor["kind"]),
            "creditor": _category(raw["counterpart_area"]),
            "creditor_iso3": _category(creditor["iso3"]),
            "creditor_kind": _category(creditor["kind"]),
            "component": _category(raw["component"]),
            "series": _category(raw["series_code"]),
            "series_name": _category(raw["series"]),
            "year": raw["year"].astype("int16"),
            "value": raw["value"].astype("float64"),
            "unit": _category(pd.Series("current US$", index=raw.index)),
            "projected": raw["year"] > LAST_ACTUAL_YEAR,
        }
    )
