"""Japan's customs record by area and goods (pakjapan.upstream.mof): published figures, the tidy table's
structure, Grand Total against its sections, the months each row covers, the yen-to-dollar conversion,
and a clear StructureError for each kind of damaged file."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import rdata

from pakjapan.upstream import fetch, mof, rda
from pakjapan.upstream.errors import StructureError

pytestmark = pytest.mark.needs_upstream

FILE = "japan_customs_trade_year.rda"


@pytest.fixture(scope="module")
def customs() -> pd.DataFrame:
    return mof.customs()


@pytest.fixture(scope="module")
def raw() -> pd.DataFrame:
    """The file's data frame read straight with rdata, for comparisons and damaged copies."""
    return rdata.read_rda(fetch.path(mof.INPUT), constructor_dict=rda.constructors())["trade_year"]


def _value(frame: pd.DataFrame, flow: str, area: str, goods: str, year: int) -> pd.Series:
    row = frame[(frame["flow"] == flow) & (frame["area"] == area) & (frame["goods"] == goods) & (frame["year"] == year)]
    assert len(row) == 1, (flow, area, goods, year)
    return row.iloc[0]


def test_published_spot_values(customs: pd.DataFrame) -> None:
    """The README's verified figure, and more read from the file with rdata alone."""
    assert _value(customs, "exports", "Pakistn", "Grand Total", 2024)["value"] == pytest.approx(205.998218, abs=1e-6)
    assert _value(customs, "imports", "Pakistn", "Grand Total", 2024)["value"] == pytest.approx(36.121366, abs=1e-6)
    assert _value(customs, "exports", "Pakistn", "Grand Total", 2009)["value"] == pytest.approx(94.664407, abs=1e-6)
    assert _value(customs, "exports", "Pakistn", "Grand Total", 2025)["value"] == pytest.approx(282.504746, abs=1e-6)
    assert _value(customs, "exports", "Pakistn", "Motor Vehicles", 2025)["value"] == pytest.approx(124.41, abs=0.005)
    assert _value(customs, "imports", "Pakistn", "Grand Total", 2026)["value"] == pytest.approx(12.196156, abs=1e-6)
    row = _value(customs, "exports", "Pakistn", "Grand Total", 2024)
    assert (row["basis"], row["partner"], row["partner_kind"], row["unit"]) == ("FOB", "PAK", "country", "billion yen")


def test_pakistans_rows_are_the_files_rows(customs: pd.DataFrame, raw: pd.DataFrame) -> None:
    """Every value for Pakistan as stored, nothing rounded, added or dropped."""
    mine = customs[customs["area"] == "Pakistn"].set_index(["flow", "goods", "year"])["value"].sort_index()
    theirs = raw[raw["area"] == "Pakistn"].assign(
        flow=raw["ex_im"].astype(str).map({"export": "exports", "import": "imports"}),
        goods=raw["goods"].astype(str),
        year=raw["year"].astype("int64"),
    )
    theirs = theirs.set_index(["flow", "goods", "year"])["value"].sort_index()
    assert len(mine) == len(theirs) == 921 + 938  # 48 + 50 goods x 18 years, 6 + 4 goods x 9 or 10
    np.testing.assert_array_equal(mine.to_numpy(), theirs.to_numpy())
    assert mine.index.equals(theirs.index)


def test_grand_total_is_the_sum_of_the_nine_sections(customs: pd.DataFrame) -> None:
    """For Pakistan in every year and flow, and for every area; the lower levels would double count."""
    wide = customs.pivot_table(index=["flow", "area", "year"], columns="goods", values="value", aggfunc="first")
    sections = wide[list(mof.SECTIONS)].sum(axis=1)
    np.testing.assert_allclose(sections.to_numpy(), wide["Grand Total"].to_numpy(), rtol=1e-12, atol=1e-9)
    pakistan = customs[(customs["area"] == "Pakistn") & (customs["year"] == 2025) & (customs["flow"] == "exports")]
    by_level = pakistan.groupby("goods_level")["value"].sum()
    assert by_level[1] == pytest.approx(by_level[0], rel=1e-12)
    assert by_level[1] + by_level[2] > 1.5 * by_level[0]  # groups are parts of sections: not to be added on


def test_columns_types_and_shape(customs: pd.DataFrame) -> None:
    assert list(customs.columns) == mof.COLUMNS
    for column in ("goods_level", "year", "first_month", "months"):
        assert customs[column].dtype == "int64", column
    assert customs["value"].dtype == "float64"
    assert customs["partial_year"].dtype == bool and customs["provisional"].dtype == bool
    for column in ("flow", "basis", "area", "partner", "partner_kind", "goods", "unit"):
        assert pd.api.types.is_string_dtype(customs[column]), column
    assert len(customs) == 95_829  # every row of the file
    assert not customs.duplicated(["flow", "area", "goods", "year"]).any()
    assert sorted(customs["year"].unique()) == list(range(2009, 2027))
    assert customs["value"].notna().all() and (customs["value"] >= 0).all()
    assert ((customs["flow"] == "exports") == (customs["basis"] == "FOB")).all()
    assert (customs["unit"] == "billion yen").all()
    assert customs.groupby("flow")["goods"].nunique().to_dict() == {"exports": 54, "imports": 54}
    assert customs.groupby("flow")["area"].nunique().to_dict() == {"exports": 53, "imports": 51}
    assert set(customs.loc[customs["partner"].isna(), "area"]) == {"Grand Total", "EU"}
    assert customs["goods_level"].value_counts().sort_index().index.tolist() == [0, 1, 2, 3]
    assert set(customs.loc[customs["goods_level"] == 1, "goods"]) == set(mof.SECTIONS)


def test_months_partial_years_and_provisional(customs: pd.DataFrame) -> None:
    """2026 is January-March; the April 2017 change leaves some 2017 values with 3 or 9 months."""
    assert (customs["partial_year"] == (customs["months"] < 12)).all()
    assert set(customs.loc[customs["year"] == 2026, "months"]) == {3}
    assert set(customs.loc[~customs["year"].isin([2017, 2026]), "months"]) == {12}
    assert set(customs.loc[customs["provisional"], "year"]) == {2025, 2026}

    def coverage(flow: str, area: str, goods: str) -> tuple[int, int]:
        row = _value(customs, flow, area, goods, 2017)
        return int(row["first_month"]), int(row["months"])

    assert coverage("exports", "Pakistn", "Audio Apparatus") == (1, 3)
    assert coverage("exports", "Pakistn", "Aircraft") == (4, 9)
    assert coverage("exports", "Pakistn", "Grand Total") == (1, 12)
    assert coverage("exports", "Vietnam", "Grand Total") == (4, 9)  # an export area of its own from April 2017
    assert coverage("imports", "Vietnam", "Grand Total") == (1, 12)
    assert coverage("imports", "Pakistn", "(Shrimps, Prawns, Lobsters)") == (1, 3)
    assert coverage("imports", "Pakistn", "(Telephone Sets)") == (4, 9)
    partial_2017 = customs[(customs["year"] == 2017) & customs["partial_year"]]
    assert len(partial_2017) == 255 + 357


def test_to_usd_converts_and_leaves_missing_rates_missing(customs: pd.DataFrame) -> None:
    sample = customs[(customs["area"] == "Pakistn") & (customs["goods"] == "Grand Total")].reset_index(drop=True)
    before = sample.copy()
    rates = pd.DataFrame({"year": [2023, 2024], "per_usd": [140.5, 151.4]})
    out = mof.to_usd(sample, rates)
    pd.testing.assert_frame_equal(sample, before)  # the input is untouched
    pd.testing.assert_frame_equal(out[sample.columns], before)  # and so is its value column
    row = out[(out["flow"] == "exports") & (out["year"] == 2024)].iloc[0]
    assert row["rate_per_usd"] == 151.4
    assert row["value_musd"] == pytest.approx(205.998218 / 151.4 * 1000, rel=1e-12)
    no_rate = out[~out["year"].isin([2023, 2024])]
    assert len(no_rate) == 2 * 16 and no_rate["rate_per_usd"].isna().all() and no_rate["value_musd"].isna().all()


def test_to_usd_refuses_a_bad_rate_table(customs: pd.DataFrame) -> None:
    sample = customs.head(3)
    with pytest.raises(ValueError, match="missing \\['per_usd'\\]"):
        mof.to_usd(sample, pd.DataFrame({"year": [2009], "rate": [90.0]}))
    with pytest.raises(ValueError, match="more than one rate for year"):
        mof.to_usd(sample, pd.DataFrame({"year": [2009, 2009], "per_usd": [90.0, 95.0]}))
    with pytest.raises(ValueError, match="zero or less"):
        mof.to_usd(sample, pd.DataFrame({"year": [2009], "per_usd": [0.0]}))


# --- damaged copies: each structure check names the input, the file and what it expected -----------
# A copy keeps four areas (Pakistan, the world, and Qatar and Vietnam, whose exports start in April 2017)
# so that each damaged file is quick to write and read; the undamaged copy is checked to build first.

AREAS = ["Pakistn", "Grand Total", "Qatar", "Vietnam"]


@pytest.fixture(scope="module")
def small(raw: pd.DataFrame) -> pd.DataFrame:
    return raw[raw["area"].astype(str).isin(AREAS)].reset_index(drop=True)


def _write(frame: pd.DataFrame, path: Path, name: str = "trade_year") -> Path:
    """Write an R data file as R would: text columns as factors (rdata cannot write pandas string arrays)."""
    out = frame.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = pd.Categorical(out[column].astype(str).tolist())
    rdata.write_rda(path, {name: out}, compression="bzip2")
    return path


def _fails(path: Path, expected: str) -> None:
    with pytest.raises(StructureError) as err:
        mof.customs.build(path)
    message = str(err.value)
    assert f"{mof.INPUT} ({FILE})" in message
    assert expected in message


def test_the_undamaged_copy_builds(small: pd.DataFrame, tmp_path: Path) -> None:
    frame = mof.customs.build(_write(small, tmp_path / FILE))
    assert len(frame) == len(small)
    assert _value(frame, "exports", "Pakistn", "Grand Total", 2024)["value"] == pytest.approx(205.998218, abs=1e-6)


def test_a_renamed_object_is_named(small: pd.DataFrame, tmp_path: Path) -> None:
    _fails(_write(small, tmp_path / FILE, name="trade"), "an R object named 'trade_year'; the file holds ['trade']")


def test_a_renamed_column_is_named(small: pd.DataFrame, tmp_path: Path) -> None:
    _fails(_write(small.rename(columns={"value": "val"}), tmp_path / FILE), "columns ex_im, area, goods, year, value")


def test_renamed_flows_are_named(small: pd.DataFrame, tmp_path: Path) -> None:
    damaged = small.assign(ex_im=small["ex_im"].astype(str).replace({"export": "exp"}))
    _fails(_write(damaged, tmp_path / FILE), "expected ex_im values ['export', 'import'], found ['exp', 'import']")


def test_a_missing_value_is_named(small: pd.DataFrame, tmp_path: Path) -> None:
    damaged = small.copy()
    damaged.loc[5, "value"] = np.nan
    _fails(_write(damaged, tmp_path / FILE), "expected no missing cells, found {'value': 1}")


def test_a_later_year_is_named(small: pd.DataFrame, tmp_path: Path) -> None:
    later = small[small["year"] == 2026].assign(year=2027.0)
    _fails(_write(pd.concat([small, later], ignore_index=True), tmp_path / FILE), "expected whole years 2009..2026")


def test_a_missing_year_is_named(small: pd.DataFrame, tmp_path: Path) -> None:
    _fails(_write(small[small["year"] != 2015], tmp_path / FILE), "expected every year 2009..2026, missing [2015]")


def test_a_repeated_row_is_named(small: pd.DataFrame, tmp_path: Path) -> None:
    damaged = pd.concat([small, small.iloc[[0]]], ignore_index=True)
    _fails(_write(damaged, tmp_path / FILE), "expected one row per flow, area, goods and year; 1 repeated")


def test_a_missing_section_is_named(small: pd.DataFrame, tmp_path: Path) -> None:
    damaged = small[~((small["ex_im"] == "import") & (small["goods"] == "Mineral Fuels"))]
    _fails(_write(damaged, tmp_path / FILE), "the nine sections for import, missing ['Mineral Fuels']")


def test_an_unknown_break_is_named(small: pd.DataFrame, tmp_path: Path) -> None:
    """A goods group starting in 2012 is a change the month coverage does not know about."""
    damaged = small[~((small["goods"] == "Ships") & (small["year"] < 2012))]
    _fails(_write(damaged, tmp_path / FILE), "expected every export goods to run from 2009 or 2017 to 2017 or 2026")


def test_a_full_last_year_is_named(small: pd.DataFrame, tmp_path: Path) -> None:
    damaged = small.assign(value=np.where(small["year"] == 2026, small["value"] * 4, small["value"]))
    _fails(_write(damaged, tmp_path / FILE), "expected 2026 to hold January-March only")


def test_an_unknown_area_is_named(small: pd.DataFrame, tmp_path: Path) -> None:
    damaged = small.assign(area=small["area"].astype(str).replace({"Qatar": "Qatr"}))
    _fails(_write(damaged, tmp_path / FILE), "not in data/country_codes.csv for publisher 'mof': 'Qatr'")


def test_a_file_that_is_not_r_data_is_named(tmp_path: Path) -> None:
    path = tmp_path / FILE
    path.write_text("<html>rate limited</html>", encoding="utf-8")
    _fails(path, "an R data file (.rda); it could not be read")
