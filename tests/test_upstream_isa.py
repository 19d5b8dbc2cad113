"""Japan's foreign residents (pakjapan.upstream.isa): published figures, the structure of the tidy table,
the total row against the nationalities, and a clear StructureError for each kind of damaged file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pakjapan import data
from pakjapan.upstream import fetch, isa
from pakjapan.upstream.errors import StructureError

pytestmark = pytest.mark.needs_upstream

FILE = "japan_foreign_residents_by_status.json"


@pytest.fixture(scope="module")
def residents() -> pd.DataFrame:
    return isa.residents()


def _totals(frame: pd.DataFrame, iso3: str) -> pd.Series:
    """A nationality's residents per year: the sum over statuses (the file has no total status)."""
    return frame[frame["nationality"] == iso3].groupby("year")["value"].sum()


def test_pakistani_residents_match_the_agency(residents: pd.DataFrame) -> None:
    pakistan = _totals(residents, "PAK")
    assert pakistan[2015] == 12_708
    assert pakistan[2023] == 25_334
    assert pakistan[2024] == 29_647
    assert pakistan[2025] == 34_911


def test_statuses_in_2019_match_the_press_release(residents: pd.DataFrame) -> None:
    """The agency's release of 27 March 2020 on the end of 2019."""
    total = residents[(residents["nationality_ja"] == "総数") & (residents["year"] == 2019)].set_index("status")
    assert total["value"].sum() == 2_933_137
    assert total.loc["Permanent Resident", "value"] == 793_164
    assert total.loc["Technical Intern Training", "value"] == 410_972
    assert total.loc["Student", "value"] == 345_791
    assert total.loc["Specified Skilled Worker", "value"] == 1_621
    assert total.loc["Special Permanent Resident", "value"] == 312_501


def test_the_total_row_is_the_sum_of_the_nationalities(residents: pd.DataFrame) -> None:
    is_total = residents["nationality_ja"] == "総数"
    total = residents[is_total].set_index(["year", "status_ja"])["value"]
    summed = residents[~is_total].groupby(["year", "status_ja"])["value"].sum()
    assert len(total) == 20 * 28 and total.notna().all()
    pd.testing.assert_series_equal(total.sort_index(), summed.sort_index(), check_names=False)


def test_columns_types_and_shape(residents: pd.DataFrame) -> None:
    assert list(residents.columns) == isa.COLUMNS
    assert residents["year"].dtype == "int64"
    assert residents["value"].dtype == "Int64"
    for column in ("basis", "nationality_ja", "nationality", "status_ja", "status", "status_group", "unit"):
        assert pd.api.types.is_string_dtype(residents[column]), column
    assert sorted(residents["year"].unique()) == list(range(2006, 2026))
    assert len(residents) == 200 * 20 * 28  # every cell of the file, nothing dropped
    assert not residents.duplicated(["year", "nationality_ja", "status_ja"]).any()
    assert (residents["unit"] == "persons").all()
    assert residents["status"].notna().all() and residents["nationality_en"].notna().all()
    assert (residents["value"].dropna() >= 0).all()


def test_the_2011_2012_break_is_carried_by_basis(residents: pd.DataFrame) -> None:
    basis = residents.groupby("year")["basis"].unique().map(tuple)
    assert all(basis[y] == ("registry",) for y in range(2006, 2012))
    assert all(basis[y] == ("resident",) for y in range(2012, 2026))


def test_missing_nationality_years_stay_missing(residents: pd.DataFrame) -> None:
    """Taiwan is listed from 2012, Korea split from 2015: before then their cells are NA, not 0."""
    taiwan = residents[residents["nationality"] == "TWN"].groupby("year")["value"]
    assert taiwan.apply(lambda v: v.isna().all())[2011] and taiwan.sum()[2012] == 22_775
    korea = residents[residents["nationality_ja"] == "韓国・朝鮮"].groupby("year")["value"]
    assert korea.sum()[2014] == 501_230 and korea.apply(lambda v: v.isna().all())[2015]
    total = residents[residents["nationality_ja"] == "総数"]
    assert total["nationality"].isna().all() and (total["nationality_kind"] == "group").all()


def test_statuses_appear_and_disappear_as_the_notes_say(residents: pd.DataFrame) -> None:
    """The years in data/residence_statuses.csv's notes, checked against the file's totals."""
    total = residents[residents["nationality_ja"] == "総数"].pivot(index="year", columns="status_ja", values="value")
    first = {s: total.index[total[s] > 0].min() for s in total.columns}
    assert first["高度専門職"] == 2015
    assert first["介護"] == 2017
    assert first["特定技能"] == 2019
    assert first["技能実習"] == 2010
    assert total.index[total["就学"] > 0].max() == 2009
    notes = isa.statuses().set_index("status_ja")["note"]
    for status, year in (("高度専門職", 2015), ("介護", 2017), ("特定技能", 2019), ("技能実習", 2010), ("就学", 2010)):
        assert str(year) in notes[status], status


def test_the_status_table_lists_exactly_the_files_statuses() -> None:
    raw = json.loads(fetch.path(isa.INPUT).read_text(encoding="utf-8"))
    table = data.load("residence_statuses")
    assert sorted(table["status_ja"]) == sorted(raw["statuses"])
    assert table.set_index("status_ja").loc["技能実習", "status_en"] == "Technical Intern Training"


# --- damaged copies: each structure check names the input, the file and what it expected -----------


@pytest.fixture
def raw_copy(tmp_path: Path) -> tuple[Path, dict]:
    target = tmp_path / FILE
    shutil.copyfile(fetch.path(isa.INPUT), target)
    return target, json.loads(target.read_text(encoding="utf-8"))


def _fails(path: Path, raw: dict | None, expected: str) -> None:
    if raw is not None:
        path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(StructureError) as err:
        isa.residents.build(path)
    message = str(err.value)
    assert f"{isa.INPUT} ({FILE})" in message
    assert expected in message


def test_a_missing_key_is_named(raw_copy: tuple[Path, dict]) -> None:
    path, raw = raw_copy
    del raw["source"]
    _fails(path, raw, "exactly the keys")


def test_shifted_years_are_named(raw_copy: tuple[Path, dict]) -> None:
    path, raw = raw_copy
    raw["years"] = [y + 1 for y in raw["years"]]
    _fails(path, raw, "'years' to run year by year from 2006")


def test_a_moved_break_is_named(raw_copy: tuple[Path, dict]) -> None:
    path, raw = raw_copy
    raw["source"][6] = "registry"  # 2012 on the old basis
    _fails(path, raw, "'source' to be 'registry' for 2006-2011")


def test_an_unknown_status_is_named(raw_copy: tuple[Path, dict]) -> None:
    path, raw = raw_copy
    raw["statuses"][raw["statuses"].index("留学")] = "留学生"
    _fails(path, raw, "not listed: ['留学生']")


def test_an_unknown_nationality_is_named(raw_copy: tuple[Path, dict]) -> None:
    path, raw = raw_copy
    raw["names"][raw["names"].index("ネパール")] = "ネパール連邦民主共和国"
    _fails(path, raw, "'ネパール連邦民主共和国'")


def test_a_row_of_the_wrong_length_is_named(raw_copy: tuple[Path, dict]) -> None:
    path, raw = raw_copy
    pakistan = raw["names"].index("パキスタン")
    raw["values"][pakistan][9] = raw["values"][pakistan][9][:-1]  # 2015 one status short
    _fails(path, raw, "'values' for 'パキスタン' in 2015 to be null or 28 counts")


def test_a_non_count_is_named(raw_copy: tuple[Path, dict]) -> None:
    path, raw = raw_copy
    raw["values"][0][0][0] = "8,525"
    _fails(path, raw, "whole numbers >= 0 or null")


def test_a_file_that_is_not_json_is_named(raw_copy: tuple[Path, dict]) -> None:
    path, _ = raw_copy
    path.write_text("<html>rate limited</html>", encoding="utf-8")
    _fails(path, None, "a UTF-8 JSON file")
