"""The long-run series rebuilt from the raw upstream files: the extractors and the four legacy tables.

Three kinds of test:

1. While the old extracts exist (``../shared/datasets`` or ``$PAKJAPAN_DATASETS``), each table of
   ``pakjapan.upstream.legacy`` must equal the old CSV exactly as ``tests/legacy_csv.py`` reads it.
   When that folder is gone there is nothing to compare with, and the test says so.
2. Each extractor on its real file: structure (columns, dtypes, years, units, invariants the publisher
   states) and spot values read from the publications.
3. Each kind of structure check, on a damaged copy of a real file in a temporary folder: the error must
   name the input, the file and what was expected. R data files are damaged by rewriting a part of the
   real table with ``rdata.write_rda`` (a part, because rdata writes slowly and one country is enough).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import legacy_csv
import numpy as np
import pandas as pd
import pytest
import rdata

from pakjapan.upstream import StructureError, bls, cow, fetch, fred, legacy, maddison, oecd, pwt, rda
from pakjapan.upstream.worldbank import wdi

ROOT = Path(__file__).resolve().parent.parent
#: The old extracts, compared with while they exist.
OLD = Path(os.environ.get("PAKJAPAN_DATASETS", ROOT.parent / "shared" / "datasets"))
needs = pytest.mark.needs_upstream

LEGACY = [
    (legacy.dyadic, "cow_trade_dyadic.csv", 3226),
    (legacy.totals, "cow_trade_totals.csv", 1348),
    (legacy.exchange_rates, "exchange_rates.csv", 319),
    (legacy.macro, "macro.csv", 7620),
]


def _value(frame: pd.DataFrame, **where: object) -> float:
    """The one value of the row matching ``where`` (fails if there is not exactly one)."""
    mask = np.ones(len(frame), dtype=bool)
    for column, wanted in where.items():
        mask &= (frame[column] == wanted).to_numpy(dtype=bool, na_value=False)
    rows = frame[mask]
    assert len(rows) == 1, f"{len(rows)} rows match {where}"
    column = next(c for c in ("value", "imports", "per_usd", "imports_musd") if c in frame.columns)
    return float(rows[column].iloc[0])


# --- 1. the legacy tables equal the old extracts ------------------------------------------------------


@pytest.mark.parametrize(("loader", "name", "rows"), LEGACY, ids=[n for _, n, _ in LEGACY])
def test_legacy_table_equals_the_old_extract(loader: Callable[[], pd.DataFrame], name: str, rows: int) -> None:
    old_file = OLD / name
    if not old_file.is_file():
        pytest.skip(
            f"the old extracts are gone ({old_file} not found), so there is nothing to compare the rebuilt "
            f"{name} with; the spot values and structure tests below still check it"
        )
    inputs = list(loader.inputs)  # type: ignore[attr-defined]
    if not fetch.available(inputs):
        pytest.skip(fetch.why_unavailable(inputs))
    old = legacy_csv.parse(name, old_file.read_text(encoding="utf-8"))
    assert len(old) == rows
    pd.testing.assert_frame_equal(loader(), old, check_exact=True)


@needs
@pytest.mark.parametrize(("loader", "name", "rows"), LEGACY, ids=[n for _, n, _ in LEGACY])
def test_legacy_table_has_the_old_columns_and_types(loader: Callable[[], pd.DataFrame], name: str, rows: int) -> None:
    frame = loader()
    schema = legacy_csv.SCHEMAS[name]
    assert list(frame.columns) == [c.name for c in schema]
    assert len(frame) == rows
    kinds = {"year": "int64", "int": "int64", "number": "float64", "code3": "string", "text": "string"}
    for column in schema:
        assert str(frame[column.name].dtype) == kinds[column.kind], column.name
        if not column.nullable:
            assert frame[column.name].notna().all(), column.name


@needs
def test_legacy_spot_values() -> None:
    dyadic = legacy.dyadic()
    assert _value(dyadic, year=1955, importer="PAK", exporter="DEU") == 26.0  # West Germany, COW 260
    assert dyadic[(dyadic.importer == "PAK") & (dyadic.exporter == "DEU")]["exporter_cow"].tolist()[:6] == [260] * 5 + [
        255
    ]
    totals = legacy.totals()
    assert totals["year"].min() == 1950
    assert _value(totals[totals.country_cow == 770], year=2014, country="PAK") == 58945.17266
    rates = legacy.exchange_rates()
    label = "FRED AEXJPUS (Federal Reserve H.10, annual average)"
    assert _value(rates, year=2024, country="JPN", series=label) == 151.4551
    macro = legacy.macro()
    assert _value(macro, year=2024, country="USA", indicator="cpi") == 313.689
    assert _value(macro, year=2022, country="JPN", indicator="dac_deflator") == 100.0
    assert not macro["value"].isna().any()
    assert set(macro[macro.indicator == "gdp"]["country"]) == set(legacy.COUNTRIES)


# --- 2. each extractor on its real file -----------------------------------------------------------------


@needs
def test_cow_dyadic_real_file() -> None:
    flows = cow.dyadic()
    assert list(flows.columns) == [
        "year",
        "importer_cow",
        "importer",
        "importer_name",
        "exporter_cow",
        "exporter",
        "exporter_name",
        "imports",
        "imports_smoothed",
        "unit",
    ]
    assert len(flows) == 2 * 673_654  # both directions of every dyad-year of the file
    assert (flows.year.min(), flows.year.max()) == (1870, 2014)
    assert set(flows["unit"]) == {"current US$ million"}
    assert str(flows["imports"].dtype) == "float64" and str(flows["importer"].dtype) == "string"
    keys = flows[["importer_cow", "exporter_cow", "year"]].to_numpy()
    swapped = keys[:, [1, 0, 2]]
    order = np.lexsort(keys.T[::-1])
    order_swapped = np.lexsort(swapped.T[::-1])
    assert (keys[order] == swapped[order_swapped]).all()  # each direction has its mirror
    assert not flows.duplicated(["importer_cow", "exporter_cow", "year"]).any()
    pakistan = flows[(flows.importer_cow == 770) & (flows.exporter_cow == 740)]
    assert _value(pakistan, year=2014) == 1773.0  # Pakistan's imports from Japan, as Pakistan records them
    assert _value(flows[(flows.importer_cow == 740) & (flows.exporter_cow == 770)], year=2014) == 332.0
    assert _value(pakistan, year=1960) == 55.0
    assert pakistan["importer_name"].iloc[0] == "Pakistan (including East Pakistan before 1971)"
    east = flows[flows.importer_cow == 265]
    assert east["importer"].isna().all() and len(east) > 0  # East Germany: no current ISO code


@needs
def test_cow_totals_real_file() -> None:
    totals = cow.totals()
    assert list(totals.columns) == ["year", "country_cow", "country", "country_name", "imports", "exports", "unit"]
    assert not totals.duplicated(["country_cow", "year"]).any()
    pakistan = totals[totals.country_cow == 770]
    assert _value(pakistan, year=2014) == pytest.approx(58945.172662, abs=1e-6)
    assert float(pakistan[pakistan.year == 2014]["exports"].iloc[0]) == pytest.approx(27052.101674, abs=1e-6)
    assert (pakistan.year.min(), pakistan.year.max()) == (1947, 2014)
    west = totals[(totals.country_cow == 260) & totals.year.between(1960, 1990)]
    assert west["imports"].isna().all()  # COW files West Germany's 1960-1989 totals under 255
    assert set(totals[totals.country_cow.isin([255, 260])]["country"]) == {"DEU"}


@needs
def test_fred_real_file() -> None:
    rates = fred.exchange_rates()
    assert list(rates.columns) == ["year", "country", "iso3", "kind", "series", "per_usd", "unit", "inverted"]
    japan = rates[rates.iso3 == "JPN"]
    assert japan["year"].tolist() == list(range(1971, 2026))
    assert set(japan["series"]) == {"AEXJPUS"}
    assert _value(japan, year=2024) == 151.4551
    assert _value(japan, year=1971) == 347.7857
    assert set(rates[rates.inverted]["country"]) == {"Australia", "Euro", "New Zealand"}
    euro = rates[rates.country == "Euro"]
    assert euro["iso3"].isna().all() and set(euro["kind"]) == {"group"}
    assert str(rates["inverted"].dtype) == "bool"


@needs
def test_bls_real_file() -> None:
    months = bls.cpi_us()
    assert list(months.columns) == ["year", "month", "value", "unit", "change_pct"]
    assert (months.year.iloc[0], months.month.iloc[0]) == (1913, 1)
    assert _value(months, year=2024, month=1) == 308.417
    assert _value(months, year=1913, month=1) == 9.8
    assert 10 not in months[months.year == 2025]["month"].tolist()  # BLS published no October 2025
    years = bls.cpi_us_annual()
    assert _value(years, year=2024) == 313.689  # BLS's published 2024 annual average
    assert _value(years, year=2024) == round(months[months.year == 2024]["value"].mean(), 3)
    row = years[years.year == 2025].iloc[0]
    assert row["months"] == 11 and not row["complete"] and np.isnan(row["value"])
    assert years[years.complete]["year"].tolist() == list(range(1913, 2025))


@needs
def test_pwt_real_file() -> None:
    table = pwt.pwt()
    assert len(table) == 12_810 * len(pwt.UNITS)
    assert table["unit"].notna().all() and table["variable"].nunique() == 43
    assert (table.year.min(), table.year.max()) == (1950, 2019)
    pakistan = table[(table.iso3 == "PAK") & (table.variable == "xr")]
    assert _value(pakistan, year=2019) == pytest.approx(150.036253839864, rel=1e-12)
    assert set(pakistan["unit"]) == {"national currency per US$"}
    assert set(pakistan["i_xr"]) == {"market"}
    assert _value(table[(table.iso3 == "JPN") & (table.variable == "xr")], year=1950) == pytest.approx(361.1, abs=1e-5)
    assert _value(table[(table.iso3 == "PAK") & (table.variable == "pop")], year=2019) == pytest.approx(216.565318)


@needs
def test_maddison_real_file() -> None:
    table = maddison.maddison()
    assert list(table.columns) == ["year", "code", "iso3", "country", "variable", "value", "unit", "i_cig", "i_bm"]
    assert len(table) == 19_873 * 3
    pakistan = table[table.code == "PAK"]
    assert _value(pakistan[pakistan.variable == "rgdpnapc"], year=1950) == 1258.0
    assert _value(pakistan[pakistan.variable == "cgdppc"], year=1950) == 1211.0
    assert _value(pakistan[pakistan.variable == "pop"], year=1950) == 39448.0
    assert pakistan[pakistan.value.notna()]["year"].min() == 1950
    soviet = table[table.code == "SUN"]
    assert soviet["iso3"].isna().all() and set(soviet["country"]) == {"Former USSR"}


@needs
def test_oecd_real_file() -> None:
    table = oecd.dac_deflators()
    assert list(table.columns) == ["year", "donor_code", "donor", "iso3", "kind", "indicator", "value", "unit"]
    japan = table[table.iso3 == "JPN"]
    assert _value(japan[japan.indicator == "dac_deflator"], year=2022) == 100.0
    assert _value(japan[japan.indicator == "dac_deflator"], year=2023) == 96.820782
    assert _value(japan[japan.indicator == "exchange_rate"], year=2022) == 131.4283
    deflators = table[(table.indicator != "exchange_rate") & (table.year == 2022)]
    assert (deflators["value"] == 100.0).all()  # 2022 is the base year of every index, for every donor
    assert set(table[table.kind != "country"]["iso3"].isna()) == {True}


@needs
def test_wdi_real_files() -> None:
    gdp = wdi.gdp()
    assert list(gdp.columns) == ["year", "code", "iso3", "country", "kind", "indicator", "value", "unit"]
    assert (gdp.year.min(), gdp.year.max()) == (1960, 2023)
    assert _value(gdp, code="PAK", year=2023) == 338368455317.8758
    world = gdp[gdp.code == "WLD"]
    assert world["iso3"].isna().all() and set(world["kind"]) == {"group"}
    people = wdi.population()
    assert (people.year.min(), people.year.max()) == (1960, 2024)
    assert _value(people, code="PAK", year=2024) == 251269164.0
    series = wdi.wb_series()
    assert _value(series, code="JPN", year=2021, variable="exc_rate") == pytest.approx(109.754323839417, rel=1e-12)
    assert _value(series, code="PAK", year=2021, variable="gdp_defl") == pytest.approx(142.635241129037, rel=1e-12)
    assert set(series[series.derived]["variable"]) == {"gni", "deaths", "gni_capita"}
    wide = series.pivot_table(index=["code", "year"], columns="variable", values="value", dropna=False)
    both = wide.dropna(subset=["death_rate", "pop", "deaths"])
    assert (both["deaths"] == both["death_rate"] * both["pop"]).all()  # btransfer's stated derivation


# --- 3. structure checks on damaged copies ------------------------------------------------------------------


def _raises(build: Callable[[Path], pd.DataFrame], path: Path, input_name: str, *expected: str) -> str:
    """Run ``build`` on the damaged file: a StructureError naming the input, the file and the expectation."""
    with pytest.raises(StructureError) as caught:
        build(path)
    message = str(caught.value)
    assert f"{input_name} ({path.name})" in message
    for fragment in expected:
        assert fragment in message, message
    return message


def _rda_part(input_name: str, object_name: str, keep: Callable[[pd.DataFrame], pd.Series]) -> pd.DataFrame:
    """A part of the real R table, to be damaged and written back."""
    frame = rda.read_frame(fetch.path(input_name), input_name, object_name, [])
    return frame[keep(frame)].reset_index(drop=True)


def _write_rda(frame: pd.DataFrame, object_name: str, path: Path) -> Path:
    """Write ``frame`` as R data (rdata writes text columns only from object arrays)."""
    out = frame.copy()
    for column in out.columns:
        if isinstance(out[column].dtype, pd.StringDtype):
            out[column] = pd.Series([None if pd.isna(v) else str(v) for v in out[column]], dtype=object)
    rdata.write_rda(path, {object_name: out})
    return path


def _text_copy(input_name: str, tmp_path: Path, change: Callable[[str], str]) -> Path:
    source = fetch.path(input_name)
    target = tmp_path / source.name
    text = source.read_text(encoding="utf-8")
    changed = change(text)
    assert changed != text, "the damage did not change the file"
    target.write_text(changed, encoding="utf-8")
    return target


@pytest.fixture
def dyads() -> pd.DataFrame:
    """Pakistan's dyads in the COW dyadic file (every year to 2014)."""
    return _rda_part("cow_trade_dyadic", "cow_trade_ndy", lambda f: (f.ccode1 == 770) | (f.ccode2 == 770))


@needs
def test_cow_damaged_copies(dyads: pd.DataFrame, tmp_path: Path) -> None:
    name = "cow_trade_ndy.rda"
    good = cow.dyadic.build(_write_rda(dyads, "cow_trade_ndy", tmp_path / name))
    assert len(good) == 2 * len(dyads)  # the undamaged part passes every check

    (tmp_path / name).write_bytes(b"not R data")
    _raises(cow.dyadic.build, tmp_path / name, "cow_trade_dyadic", "an R data file (.rda)")
    path = _write_rda(dyads, "trade", tmp_path / name)
    _raises(cow.dyadic.build, path, "cow_trade_dyadic", "an R object named 'cow_trade_ndy'", "['trade']")
    path = _write_rda(dyads.rename(columns={"flow1": "imports1"}), "cow_trade_ndy", tmp_path / name)
    _raises(cow.dyadic.build, path, "cow_trade_dyadic", "missing flow1")
    path = _write_rda(dyads.assign(year=dyads.year + 1), "cow_trade_ndy", tmp_path / name)
    _raises(cow.dyadic.build, path, "cow_trade_dyadic", "years 1870-2014; found 1948-2015")
    swapped = dyads.copy()
    swapped.loc[0, ["ccode1", "ccode2"]] = swapped.loc[0, ["ccode2", "ccode1"]].to_numpy()
    path = _write_rda(swapped, "cow_trade_ndy", tmp_path / name)
    _raises(cow.dyadic.build, path, "cow_trade_dyadic", "lower COW code in 'ccode1'", "1 row(s)")
    path = _write_rda(pd.concat([dyads, dyads.head(2)], ignore_index=True), "cow_trade_ndy", tmp_path / name)
    _raises(cow.dyadic.build, path, "cow_trade_dyadic", "one row per dyad and year; 2 repeated")
    unknown = dyads.assign(ccode2=dyads.ccode2.where(dyads.ccode2 != 770, 999.0))
    path = _write_rda(unknown, "cow_trade_ndy", tmp_path / name)
    _raises(cow.dyadic.build, path, "cow_trade_dyadic", "not in data/country_codes.csv for publisher 'cow'", "'999'")


@needs
def test_cow_totals_damaged_copies(tmp_path: Path) -> None:
    part = _rda_part("cow_trade_national", "cow_trade_sy", lambda f: f.ccode.isin([740, 770]))
    name = "cow_trade_sy.rda"
    assert len(cow.totals.build(_write_rda(part, "cow_trade_sy", tmp_path / name))) == len(part)
    path = _write_rda(part.drop(columns="exports"), "cow_trade_sy", tmp_path / name)
    _raises(cow.totals.build, path, "cow_trade_national", "missing exports")
    negative = part.copy()
    negative.loc[3, "imports"] = -1.0
    path = _write_rda(negative, "cow_trade_sy", tmp_path / name)
    _raises(cow.totals.build, path, "cow_trade_national", "no negative value in 'imports'")
    fractional = part.assign(ccode=part.ccode + 0.5)
    path = _write_rda(fractional, "cow_trade_sy", tmp_path / name)
    _raises(cow.totals.build, path, "cow_trade_national", "a COW code in 'ccode' to be whole numbers")


@needs
def test_fred_damaged_copies(tmp_path: Path) -> None:
    build, name = fred.exchange_rates.build, "fred_exchange_rates"
    path = _text_copy(name, tmp_path, lambda t: t.replace("Exchange rate", "Rate", 1))
    _raises(build, path, name, "columns ['Date', 'Country', 'Exchange rate']")
    path = _text_copy(name, tmp_path, lambda t: "FRED annual exchange rates\n" + t)
    _raises(build, path, name, "columns ['Date', 'Country', 'Exchange rate']")
    path = _text_copy(name, tmp_path, lambda t: t.replace(",Japan,", ",Japon,"))
    _raises(build, path, name, "only the currencies whose FRED series are known", "Japon")
    path = _text_copy(name, tmp_path, lambda t: t.replace("2024-01-01,Japan,151.4551", "2024-01-01,Japan,n/a"))
    _raises(build, path, name, "decimal numbers or empty cells", "n/a")
    path = _text_copy(name, tmp_path, lambda t: t.rstrip("\n") + "\n2026-01-01,Japan,150.0\n")
    _raises(build, path, name, "years 1971-2025; found 1971-2026")
    path = _text_copy(name, tmp_path, lambda t: t.replace("2024-01-01,Japan", "2024-06-01,Japan"))
    _raises(build, path, name, "one date per year written YYYY-01-01", "2024-06-01")


@needs
def test_bls_damaged_copies(tmp_path: Path) -> None:
    build, name = bls.cpi_us.build, "cpi_us"
    path = _text_copy(name, tmp_path, lambda t: t.replace("Date,Index,", "Date,CPI,", 1))
    _raises(build, path, name, "columns ['Date', 'Index', 'Inflation']")
    path = _text_copy(name, tmp_path, lambda t: t.replace("2024-01-01,", "2024/01/01,"))
    _raises(build, path, name, "monthly dates written YYYY-MM-01", "2024/01/01")
    path = _text_copy(name, tmp_path, lambda t: t.replace("1913-01-01,9.8,\n", ""))
    _raises(build, path, name, "months in order from 1913-01-01", "'1913-02-01'")
    path = _text_copy(name, tmp_path, lambda t: t.replace("2024-01-01,308.417,", "2024-01-01,,"))
    _raises(build, path, name, "a positive index in every month")


@needs
def test_wdi_damaged_copies(tmp_path: Path) -> None:
    build = wdi.gdp.build
    path = _text_copy("gdp", tmp_path, lambda t: t.replace("Country Code", "ISO3", 1))
    _raises(build, path, "gdp", "columns ['Country Name', 'Country Code', 'Year', 'Value']")
    path = _text_copy("gdp", tmp_path, lambda t: t.replace("Pakistan,PAK,", "Pakistaan,PAK,"))
    _raises(build, path, "gdp", "not in data/country_codes.csv for publisher 'wb'", "'Pakistaan'")
    path = _text_copy("gdp", tmp_path, lambda t: t.replace("Pakistan,PAK,", "Pakistan,PAX,"))
    _raises(build, path, "gdp", "each economy's code to be its ISO code", "Pakistan")
    path = _text_copy("gdp", tmp_path, lambda t: t.rstrip("\n") + "\nPakistan,PAK,2024,1.0\n")
    _raises(build, path, "gdp", "years 1960-2023; found 1960-2024")
    path = _text_copy("gdp", tmp_path, lambda t: t.rstrip("\n") + "\nPakistan,PAK,2023,1.0,extra,cells\n")
    _raises(build, path, "gdp", "a UTF-8 CSV file with columns", "Expected 4 fields")
    path = _text_copy("population", tmp_path, lambda t: t.replace("Pakistan,PAK,2024,", "Pakistan,PAK,2024,x"))
    _raises(wdi.population.build, path, "population", "a number in every row's Value")
    series = _rda_part("wb_series", "wb_series", lambda f: f.iso3c.isin(["PAK", "JPN", "WLD"]))
    name = "wb_series.rda"
    assert len(wdi.wb_series.build(_write_rda(series, "wb_series", tmp_path / name))) == len(series) * 9
    path = _write_rda(series.drop(columns="exc_rate"), "wb_series", tmp_path / name)
    _raises(wdi.wb_series.build, path, "wb_series", "missing exc_rate")
    path = _write_rda(series.assign(year=series.year - 1), "wb_series", tmp_path / name)
    _raises(wdi.wb_series.build, path, "wb_series", "years 1960-2021; found 1959-2020")


@needs
def test_pwt_damaged_copies(tmp_path: Path) -> None:
    part = _rda_part("pwt", "pwt10.01", lambda f: f.isocode.isin(["PAK", "JPN"]))
    name = "pwt10.01.rda"
    assert len(pwt.pwt.build(_write_rda(part, "pwt10.01", tmp_path / name))) == len(part) * 43
    path = _write_rda(part.assign(rgdpx=1.0), "pwt10.01", tmp_path / name)
    _raises(pwt.pwt.build, path, "pwt", "found new ones: rgdpx")
    moved = part.assign(isocode=part.isocode.astype(str).replace("PAK", "PAX"))
    path = _write_rda(moved, "pwt10.01", tmp_path / name)
    _raises(pwt.pwt.build, path, "pwt", "isocode to be its ISO code", "Pakistan")
    path = _write_rda(part[part.year < 2019], "pwt10.01", tmp_path / name)
    _raises(pwt.pwt.build, path, "pwt", "years 1950-2019; found 1950-2018")


@needs
def test_maddison_damaged_copies(tmp_path: Path) -> None:
    part = _rda_part("maddison", "maddison", lambda f: f.countrycode.isin(["ITA", "PAK"]))  # Italy has year 1
    name = "maddison.rda"
    assert len(maddison.maddison.build(_write_rda(part, "maddison", tmp_path / name))) == len(part) * 3
    path = _write_rda(part.rename(columns={"rgdpnapc": "rgdppc"}), "maddison", tmp_path / name)
    _raises(maddison.maddison.build, path, "maddison", "missing rgdpnapc")
    path = _write_rda(pd.concat([part, part.tail(1)], ignore_index=True), "maddison", tmp_path / name)
    _raises(maddison.maddison.build, path, "maddison", "one row per countrycode and year")
    path = _write_rda(part.assign(countrycode=part.countrycode.replace("PAK", "PAQ")), "maddison", tmp_path / name)
    _raises(maddison.maddison.build, path, "maddison", "publisher 'maddison'", "'PAQ'")


@needs
def test_oecd_damaged_copies(tmp_path: Path) -> None:
    source = fetch.path("dac_deflators")
    target = tmp_path / source.name
    target.write_bytes(source.read_bytes()[:1000])
    _raises(oecd.dac_deflators.build, target, "dac_deflators", "a Parquet file")
    frame = pd.read_parquet(source)
    frame.rename(columns={"pydeflate_DAC_DEFLATOR": "pydeflate_DEFLATOR"}).to_parquet(target)
    _raises(oecd.dac_deflators.build, target, "dac_deflators", "columns pydeflate_year", "pydeflate_DEFLATOR")
    moved = frame.copy()
    moved["pydeflate_iso3"] = moved["pydeflate_iso3"].replace("JPN", "JPX")
    moved.to_parquet(target)
    _raises(oecd.dac_deflators.build, target, "dac_deflators", "country donor's code to be its ISO code", "Japan")
    frame[frame.pydeflate_year < 2023].to_parquet(target)
    _raises(oecd.dac_deflators.build, target, "dac_deflators", "years 1960-2023", "found 1960-2022")


@needs
def test_country_kinds() -> None:
    """Groups and areas without an ISO code are told apart from countries, in every publisher's spelling."""
    kinds = wdi.wb_series().drop_duplicates("code").set_index("code")
    assert kinds.loc["WLD", "kind"] == "group" and pd.isna(kinds.loc["WLD", "iso3"])
    assert kinds.loc["XKX", "kind"] == "other" and kinds.loc["XKX", "iso3"] == "XKX"
    assert kinds.loc["PAK", "kind"] == "country" and kinds.loc["PAK", "iso3"] == "PAK"
    donors = oecd.dac_deflators().drop_duplicates("donor").set_index("donor")
    assert donors.loc["Non-DAC countries", "kind"] == "group" and pd.isna(donors.loc["Non-DAC countries", "iso3"])
    assert donors.loc["Chinese Taipei", "iso3"] == "TWN"
