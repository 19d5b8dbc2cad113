"""UN DESA migrant stock 2019 (pakjapan.upstream.undesa): values of the official workbook, the structure of
the tidy table, and a clear StructureError for each kind of damaged file."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pakjapan.upstream import fetch, isa, undesa
from pakjapan.upstream.errors import StructureError

pytestmark = pytest.mark.needs_upstream

FILE = "un_desa_migrant_stock_origin_destination_2019.csv"


@pytest.fixture(scope="module")
def stock() -> pd.DataFrame:
    return undesa.migrant_stock()


def _value(frame: pd.DataFrame, origin: str, destination: str, year: int) -> object:
    row = frame[(frame["origin"] == origin) & (frame["destination"] == destination) & (frame["year"] == year)]
    assert len(row) == 1
    return row["value"].iloc[0]


def test_values_of_the_official_workbook(stock: pd.DataFrame) -> None:
    """International Migrant Stock 2019, table 1 (by destination and origin), mid-2019."""
    assert _value(stock, "MEX", "USA", 2019) == 11_489_684
    assert _value(stock, "IND", "ARE", 2019) == 3_419_875


def test_pakistanis_in_japan(stock: pd.DataFrame) -> None:
    assert _value(stock, "PAK", "JPN", 2019) == 14_421
    series = stock[(stock["origin"] == "PAK") & (stock["destination"] == "JPN")].set_index("year")["value"]
    assert series.to_dict() == {1990: 2068, 1995: 4818, 2000: 7499, 2005: 9714, 2010: 10299, 2015: 12708, 2019: 14421}


def test_japan_is_counted_by_citizenship(stock: pd.DataFrame) -> None:
    """For Japan the UN uses foreign citizens: its 2015 figures are the agency's year-end counts
    (China with Taiwan, the agency listing Taiwan apart from 2012)."""
    agency = isa.residents()
    in_2015 = agency[agency["year"] == 2015].groupby("nationality")["value"].sum()
    assert _value(stock, "PAK", "JPN", 2015) == in_2015["PAK"] == 12_708
    assert _value(stock, "CHN", "JPN", 2015) == in_2015["CHN"] + in_2015["TWN"] == 714_570


def test_columns_types_and_shape(stock: pd.DataFrame) -> None:
    assert list(stock.columns) == undesa.COLUMNS
    assert stock["year"].dtype == "int64" and stock["value"].dtype == "Int64"
    assert sorted(stock["year"].unique()) == list(undesa.YEARS)
    origins, destinations = stock["origin_name"].nunique(), stock["destination_name"].nunique()
    assert (origins, destinations) == (232, 237)
    assert len(stock) == origins * destinations * len(undesa.YEARS)  # every cell, zeros included
    assert not stock.duplicated(["year", "origin_name", "destination_name"]).any()
    assert (stock["unit"] == "persons").all()
    assert (stock["value"].dropna() >= 0).all()


def test_marks_replace_values_and_regions_are_groups(stock: pd.DataFrame) -> None:
    assert stock["mark"].value_counts().to_dict() == {"..": 341, "-": 4}
    assert (stock["value"].isna() == stock["mark"].notna()).all()
    regions = stock.loc[stock["destination_kind"] == "group", "destination_name"].unique()
    assert sorted(regions) == ["Caribbean", "Melanesia", "Micronesia", "Polynesia", "South America"]
    assert stock.loc[stock["destination_kind"] == "group", "destination"].isna().all()
    assert (stock["origin_kind"] != "group").all()


# --- damaged copies: each structure check names the input, the file and what it expected -----------


@pytest.fixture
def rows(tmp_path: Path) -> tuple[Path, list[list[str]]]:
    target = tmp_path / FILE
    shutil.copyfile(fetch.path(undesa.INPUT), target)
    with target.open(encoding="utf-8", newline="") as handle:
        return target, list(csv.reader(handle))


def _fails(path: Path, rows: list[list[str]], expected: str) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    with pytest.raises(StructureError) as err:
        undesa.migrant_stock.build(path)
    message = str(err.value)
    assert f"{undesa.INPUT} ({FILE})" in message
    assert expected in message


def test_a_renamed_key_column_is_named(rows: tuple[Path, list[list[str]]]) -> None:
    path, table = rows
    table[0][1] = "Destination"
    _fails(path, table, "the first two columns to be 'Year' and 'Dest'")


def test_an_unnamed_origin_column_is_named(rows: tuple[Path, list[list[str]]]) -> None:
    path, table = rows
    table[0][5] = ""
    _fails(path, table, "every origin column to have a name")


def test_a_changed_year_is_named(rows: tuple[Path, list[list[str]]]) -> None:
    path, table = rows
    for row in table[1:]:
        row[0] = "2020" if row[0] == "2019" else row[0]
    _fails(path, table, "the years [1990, 1995, 2000, 2005, 2010, 2015, 2019]")


def test_a_repeated_row_is_named(rows: tuple[Path, list[list[str]]]) -> None:
    path, table = rows
    table.append(table[1])
    _fails(path, table, "one row per year and destination")


def test_a_missing_destination_is_named(rows: tuple[Path, list[list[str]]]) -> None:
    path, table = rows
    del table[1]
    _fails(path, table, "the same destinations in every year")


def test_a_formatted_number_is_named(rows: tuple[Path, list[list[str]]]) -> None:
    path, table = rows
    table[1][3] = "1,234"
    _fails(path, table, "every cell to be a whole number of persons")


def test_an_unknown_origin_is_named(rows: tuple[Path, list[list[str]]]) -> None:
    path, table = rows
    table[0][table[0].index("Nepal")] = "Federal Democratic Republic of Nepal"
    _fails(path, table, "'Federal Democratic Republic of Nepal'")
