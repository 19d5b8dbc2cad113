"""State Bank of Pakistan extractors: spot values from the workbooks, the publisher's identities, and a clear
StructureError (naming input, file and expectation) for each kind of damage to a copy of a real workbook.

The .xls workbooks cannot be written back as .xls (no writer installed), so their damaged copies are faithful
.xlsx conversions (checked: the undamaged conversion extracts exactly as the original), then damaged.
"""

from __future__ import annotations

import math
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import xlrd

from pakjapan.upstream import fetch, sbp, tables
from pakjapan.upstream.errors import StructureError

pytestmark = [pytest.mark.needs_upstream, pytest.mark.usefixtures("private_cache")]

TEXT = "string"


@pytest.fixture(scope="module")
def trade() -> pd.DataFrame:
    return sbp.trade()


@pytest.fixture(scope="module")
def fdi() -> pd.DataFrame:
    return sbp.fdi_by_country()


@pytest.fixture(scope="module")
def summary() -> pd.DataFrame:
    return sbp.fdi_summary()


def one(frame: pd.DataFrame, **where: object) -> pd.Series:
    """The single row matching every column=value."""
    mask = pd.Series(True, index=frame.index)
    for column, value in where.items():
        mask &= frame[column] == value
    rows = frame[mask]
    assert len(rows) == 1, f"{len(rows)} rows match {where}"
    return rows.iloc[0]


PERIOD_COLUMNS = ["period", "period_start", "period_end", "months", "fiscal_year", "value", "unit", "status"]


# --- trade ------------------------------------------------------------------------------------------


def test_trade_japan_spot_values(trade: pd.DataFrame) -> None:
    """Japan's rows as the workbooks print them (thousand US$), with their marks."""
    row = one(trade, flow="exports", country_name="Japan", period="FY24")
    assert row["value"] == pytest.approx(183806.103, abs=1e-6)
    assert (row["partner"], row["status"], row["unit"], row["basis"]) == ("JPN", "", "thousand US$", "banking")
    row = one(trade, flow="exports", country_name="Japan", period="Mar FY26")
    assert row["value"] == pytest.approx(13002.7285, abs=1e-6) and row["status"] == "provisional"
    row = one(trade, flow="imports", country_name="Japan", period="FY25")
    assert row["value"] == pytest.approx(1201963.2468, abs=1e-6) and row["status"] == "revised"
    row = one(trade, flow="imports", country_name="Japan", period="Jul-Mar FY26")
    assert row["value"] == pytest.approx(1225905.0211, abs=1e-6) and row["status"] == "provisional"
    assert row["period_start"] == pd.Timestamp("2025-07-01") and row["period_end"] == pd.Timestamp("2026-03-31")
    assert row["months"] == 9 and row["fiscal_year"] == 2026


def test_trade_structure(trade: pd.DataFrame) -> None:
    assert list(trade.columns) == ["flow", "basis", "country_name", "partner", "partner_kind"] + PERIOD_COLUMNS
    assert trade["value"].dtype == "float64" and trade["months"].dtype == "int8"
    assert all(trade[c].dtype == TEXT for c in ["flow", "country_name", "partner", "period", "status", "unit"])
    periods = trade.drop_duplicates("period").set_index("period")
    assert list(periods.index) == ["FY24", "FY25", "Mar FY25", "Feb FY26", "Mar FY26", "Jul-Mar FY25", "Jul-Mar FY26"]
    assert periods["status"].tolist() == ["", "revised", "revised", "revised", "provisional", "revised", "provisional"]
    assert periods["months"].tolist() == [12, 12, 1, 1, 1, 9, 9]
    assert periods.loc["Feb FY26", "period_end"] == pd.Timestamp("2026-02-28")
    assert periods.loc["FY24", "period_start"] == pd.Timestamp("2023-07-01")
    # every row of each workbook kept: 212 countries, "Other Countries", five balance lines, seven periods each
    for flow in ["exports", "imports"]:
        rows = trade[trade["flow"] == flow]
        assert len(rows) == 218 * 7
        assert (rows["partner_kind"] == "aggregate").sum() == 5 * 7
    assert set(trade["partner_kind"]) == {"country", "group", "other", "aggregate"}
    assert trade.loc[trade["partner_kind"] == "aggregate", "partner"].isna().all()
    assert (trade.loc[trade["partner_kind"] == "country", "partner"].str.fullmatch(r"[A-Z]{3}")).all()
    # the UAE is printed by emirate: seven rows, one code
    emirates = trade[(trade["partner"] == "ARE") & (trade["flow"] == "exports") & (trade["period"] == "FY24")]
    assert len(emirates) == 7


def test_trade_balance_lines_are_the_publishers_identities(trade: pd.DataFrame) -> None:
    """I (through banks) is the sum of the country rows; III = I - II; the BoP total = III + IV."""
    for flow in ["exports", "imports"]:
        rows = trade[trade["flow"] == flow]
        lines = rows[rows["partner_kind"] == "aggregate"].pivot(index="period", columns="country_name", values="value")
        lines.columns = [c.split(".")[0].split(" ")[0] for c in lines.columns]  # I, II, III, IV, Total
        countries = rows[rows["partner_kind"] != "aggregate"].groupby("period")["value"].sum()
        assert ((countries - lines["I"]).abs() < 1e-6 * lines["I"]).all()
        assert ((lines["I"] - lines["II"] - lines["III"]).abs() < 1e-6).all()
        assert ((lines["III"] + lines["IV"] - lines["Total"]).abs() < 1e-6).all()


# --- foreign investment by country -----------------------------------------------------------------------


def test_fdi_by_country_japan(fdi: pd.DataFrame) -> None:
    """Japan (Sr. 25), US$ million; the files hold no fiscal-year country split (nothing for FY23)."""
    row = one(fdi, country_name="Japan", measure="fdi_inflow", period="Jul-Mar FY26")
    assert row["value"] == pytest.approx(66.2569361487774, abs=1e-9)
    assert (row["sr"], row["partner"], row["status"], row["unit"]) == (25, "JPN", "provisional", "million US$")
    assert one(fdi, country_name="Japan", measure="fdi_net", period="Jul-Mar FY26")["value"] == pytest.approx(
        66.0975134487774, abs=1e-9
    )
    row = one(fdi, country_name="Japan", measure="fdi_inflow", period="Mar FY26")
    assert row["value"] == pytest.approx(23.0530851943086, abs=1e-9)
    assert row["period_start"] == pd.Timestamp("2026-03-01") and row["months"] == 1
    row = one(fdi, country_name="Japan", measure="fdi_net", period="Jul-Mar FY25")
    assert row["value"] == pytest.approx(30.993993048797398, abs=1e-9) and row["status"] == ""
    assert set(fdi["period"]) == {"Mar FY26", "Jul-Mar FY26", "Jul-Mar FY25"}


def test_fdi_by_country_structure_and_identities(fdi: pd.DataFrame) -> None:
    assert list(fdi.columns) == ["country_name", "sr", "partner", "partner_kind", "measure"] + PERIOD_COLUMNS
    assert fdi["sr"].dtype == "Int16"
    assert set(fdi["measure"]) == {"fdi_inflow", "fdi_outflow", "fdi_net", "fpi_net", "total_net"}
    assert len(fdi) == 60 * 3 * 5  # 57 countries and three total lines, three periods, five measures
    assert fdi["sr"].max() == 57 and fdi.loc[fdi["sr"].isna(), "partner_kind"].eq("aggregate").all()
    wide = fdi.pivot_table(index=["country_name", "period"], columns="measure", values="value", dropna=False)
    assert (wide["fdi_inflow"] - wide["fdi_outflow"] - wide["fdi_net"]).abs().max() < 1e-9
    assert (wide["fdi_net"].fillna(0) + wide["fpi_net"] - wide["total_net"]).abs().max() < 1e-9
    # the public line has no FDI: its cells are blank, kept missing
    assert wide.loc["II- Foreign Public@", "fdi_inflow"].isna().all()
    by = fdi.set_index(["country_name", "measure", "period"])["value"]
    private = by.loc["I- Foreign Private"]
    countries = fdi[fdi["sr"].notna()].groupby(["measure", "period"])["value"].sum()
    assert (countries - private).abs().max() < 1e-9
    total = by.loc["Total"] - private - by.loc["II- Foreign Public@"].fillna(0)
    assert total.abs().max() < 1e-9


# --- summary ------------------------------------------------------------------------------------------

P = "Foreign Private Investment"
D = f"{P} > Direct Investment"
PP = f"{P} > Portfolio Investment"
U = "Foreign Public Investment"
T = "Total Foreign Investment"


def test_fdi_summary_spot_values(summary: pd.DataFrame) -> None:
    """Net FDI in FY23 is US$1,626.99 million in this (revised) release: not the 1,437.7 first published."""
    row = one(summary, measure=D, period="FY23")
    assert row["value"] == pytest.approx(1626.986752, abs=1e-6)
    assert (row["item"], row["level"], row["unit"], row["status"]) == ("Direct Investment", 1, "million US$", "")
    assert one(summary, measure=f"{D} > Inflow", period="FY23")["value"] == pytest.approx(2567.978418, abs=1e-6)
    assert not ((summary["period"] == "FY23") & ((summary["value"] - 1437.7).abs() < 0.05)).any()
    row = one(summary, measure=D, period="FY25")
    assert row["value"] == pytest.approx(2477.3072749556595, abs=1e-9) and row["status"] == "revised"
    assert one(summary, measure=D, period="Jul-Mar FY26")["status"] == "provisional"
    assert math.isnan(one(summary, measure=T, period="FY14")["value"])  # blank in the workbook, kept missing


def test_fdi_summary_structure_and_identities(summary: pd.DataFrame, fdi: pd.DataFrame) -> None:
    assert list(summary.columns) == ["measure", "item", "level"] + PERIOD_COLUMNS
    fy = summary.loc[summary["months"] == 12, "fiscal_year"]
    assert (fy.min(), fy.max()) == (2009, 2025)
    assert summary["measure"].nunique() == 16 and summary["period"].nunique() == 21
    assert len(summary) == 16 * 21
    wide = summary.pivot(index="period", columns="measure", values="value")
    assert (wide[f"{D} > Inflow"] - wide[f"{D} > Outflow"] - wide[D]).abs().max() < 1e-6
    assert (wide[f"{PP} > Equity Securities"] + wide[f"{PP} > Debt Securities"].fillna(0) - wide[PP]).abs().max() < 1e-6
    # one slip in the workbook: private investment for July-March FY25 is short by exactly March FY25's figure;
    # the total for that period is right (it adds public investment to direct plus portfolio)
    private = wide[D] + wide[PP] - wide[P]
    assert private.drop("Jul-Mar FY25").abs().max() < 1e-6
    assert private["Jul-Mar FY25"] == pytest.approx(wide.loc["Mar FY25", P], abs=1e-6)
    total = (wide[P] + wide[U] - wide[T]).dropna()
    assert len(total) == 20 and total.drop("Jul-Mar FY25").abs().max() < 1e-6  # FY14's total is blank
    assert wide.loc["Jul-Mar FY25", T] == pytest.approx((wide[D] + wide[PP] + wide[U])["Jul-Mar FY25"], abs=1e-6)
    # the summary agrees with the by-country table's totals for the periods both carry
    country_total = fdi[fdi["country_name"] == "Total"].set_index(["measure", "period"])["value"]
    for period in ["Jul-Mar FY26", "Jul-Mar FY25", "Mar FY26"]:
        assert wide.loc[period, D] == pytest.approx(country_total[("fdi_net", period)], abs=1e-6)
        assert wide.loc[period, T] == pytest.approx(country_total[("total_net", period)], abs=1e-6)


# --- periods -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Jul-Jun FY24", ("FY24", "2023-07-01", "2024-06-30", 12, "")),
        ("FY25 (R)", ("FY25", "2024-07-01", "2025-06-30", 12, "revised")),
        ("Mar (R) FY25", ("Mar FY25", "2025-03-01", "2025-03-31", 1, "revised")),
        ("Jul-Mar FY26 (P)", ("Jul-Mar FY26", "2025-07-01", "2026-03-31", 9, "provisional")),
        ("July-March FY25 ", ("Jul-Mar FY25", "2024-07-01", "2025-03-31", 9, "")),
        ("March 2026(P)", ("Mar FY26", "2026-03-01", "2026-03-31", 1, "provisional")),
        ("Dec FY26", ("Dec FY26", "2025-12-01", "2025-12-31", 1, "")),
    ],
)
def test_period_labels(label: str, expected: tuple) -> None:
    p = sbp.parse_period(label)
    assert p is not None
    assert (p.label, str(p.start), str(p.end), p.months, p.status) == expected


@pytest.mark.parametrize("label", ["FY24 (R) (P)", "Jul-Mer FY26", "Total", "2025-26"])
def test_period_labels_rejected(label: str) -> None:
    assert sbp.parse_period(label) is None


# --- damaged copies ---------------------------------------------------------------------------------------


def xls_as_xlsx(source: Path, target: Path) -> Path:
    """Write every sheet of an .xls workbook, cell by cell, into an .xlsx (text, numbers, blanks)."""
    book = xlrd.open_workbook(str(source))
    out = openpyxl.Workbook()
    out.remove(out.active)
    for sheet in book.sheets():
        ws = out.create_sheet(sheet.name)
        for r in range(sheet.nrows):
            for c in range(sheet.ncols):
                if sheet.cell_type(r, c) in (1, 2):
                    ws.cell(r + 1, c + 1, sheet.cell_value(r, c))
    out.save(target)
    return target


def damaged(path: Path, edit) -> Path:
    """Apply ``edit(workbook)`` to the .xlsx at ``path`` and save it in place."""
    book = openpyxl.load_workbook(path)
    edit(book)
    book.save(path)
    return path


def find(ws, text: str) -> tuple[int, int]:
    """(row, column), 1-based, of the first cell whose stripped text is ``text``."""
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.strip() == text:
                return cell.row, cell.column
    raise AssertionError(f"{text!r} not in the sheet")


def assert_structure_error(call, input_name: str, file: Path, *fragments: str) -> None:
    with pytest.raises(StructureError) as info:
        call()
    message = str(info.value)
    for fragment in (input_name, file.name, *fragments):
        assert fragment in message, f"{fragment!r} not in: {message}"


@pytest.fixture
def imports_copy(tmp_path: Path) -> Path:
    target = tmp_path / "imports_copy.xlsx"
    target.write_bytes(fetch.path("sbp_import_payments").read_bytes())
    return target


@pytest.fixture
def fdi_copy(tmp_path: Path) -> Path:
    return xls_as_xlsx(fetch.path("sbp_fdi_by_country"), tmp_path / "fdi_copy.xlsx")


@pytest.fixture
def summary_copy(tmp_path: Path) -> Path:
    return xls_as_xlsx(fetch.path("sbp_fdi_summary"), tmp_path / "summary_copy.xlsx")


def test_converted_copies_extract_as_the_originals(fdi_copy: Path, summary_copy: Path) -> None:
    """The damage tests below start from faithful copies: undamaged, they extract exactly as the real files."""
    pd.testing.assert_frame_equal(sbp.fdi_by_country.build(fdi_copy), sbp.fdi_by_country())
    pd.testing.assert_frame_equal(sbp.fdi_summary.build(summary_copy), sbp.fdi_summary())


def test_loaders_return_the_same_table_fresh_and_cached() -> None:
    for loader in [sbp.trade, sbp.fdi_by_country, sbp.fdi_summary]:
        loader()
        cached = pd.read_parquet(tables.table_path(f"sbp.{loader.__name__}", loader.inputs, 1))
        fresh = loader.build(*[fetch.path(i) for i in loader.inputs])
        pd.testing.assert_frame_equal(cached, fresh)


def test_trade_sheet_renamed(imports_copy: Path) -> None:
    damaged(imports_copy, lambda b: setattr(b.worksheets[0], "title", "Imports"))
    exports = fetch.path("sbp_export_receipts")
    assert_structure_error(
        lambda: sbp.trade.build(exports, imports_copy),
        "sbp_import_payments",
        imports_copy,
        "a sheet named 'Imports by all Countries'",
    )


def test_trade_header_label_renamed(imports_copy: Path) -> None:
    def edit(book):
        ws = book.worksheets[0]
        ws.cell(*find(ws, "Country"), "Countries")

    damaged(imports_copy, edit)
    assert_structure_error(
        lambda: sbp.trade.build(fetch.path("sbp_export_receipts"), imports_copy),
        "sbp_import_payments",
        imports_copy,
        "a header row starting with 'Country'",
    )


def test_trade_period_label_unknown(imports_copy: Path) -> None:
    def edit(book):
        ws = book.worksheets[0]
        ws.cell(*find(ws, "Jul-Mar"), "Jul-Mer")

    damaged(imports_copy, edit)
    assert_structure_error(
        lambda: sbp.trade.build(fetch.path("sbp_export_receipts"), imports_copy),
        "sbp_import_payments",
        imports_copy,
        "a period label",
        "'Jul-Mer FY25 (R)'",
    )


def test_trade_text_in_a_value_cell(imports_copy: Path) -> None:
    def edit(book):
        ws = book.worksheets[0]
        r, c = find(ws, "Japan")
        ws.cell(r, c + 1, "1,009,328")

    damaged(imports_copy, edit)
    assert_structure_error(
        lambda: sbp.trade.build(fetch.path("sbp_export_receipts"), imports_copy),
        "sbp_import_payments",
        imports_copy,
        "a label and a number (or nothing) in every period column",
        "'Japan'",
    )


def test_trade_unknown_country_name(imports_copy: Path) -> None:
    def edit(book):
        ws = book.worksheets[0]
        ws.cell(*find(ws, "Japan"), "Nippon")

    damaged(imports_copy, edit)
    assert_structure_error(
        lambda: sbp.trade.build(fetch.path("sbp_export_receipts"), imports_copy),
        "sbp_import_payments",
        imports_copy,
        "not in data/country_codes.csv for publisher 'sbp'",
        "'Nippon'",
    )


def test_trade_balance_lines_missing(imports_copy: Path) -> None:
    """Without the blank row, the balance lines would be read as countries: stopped, not misread."""

    def edit(book):
        ws = book.worksheets[0]
        r, _ = find(ws, "Other Countries")
        ws.delete_rows(r + 1)

    damaged(imports_copy, edit)
    assert_structure_error(
        lambda: sbp.trade.build(fetch.path("sbp_export_receipts"), imports_copy),
        "sbp_import_payments",
        imports_copy,
        "a block of country rows ending with 'Other Countries'",
    )


def test_not_a_workbook(tmp_path: Path) -> None:
    bad = tmp_path / "broken.xls"
    bad.write_bytes(b"<html>404 Not Found</html>")
    assert_structure_error(lambda: sbp.fdi_summary.build(bad), "sbp_fdi_summary", bad, "expected an Excel workbook")


def test_fdi_sheet_renamed(fdi_copy: Path) -> None:
    damaged(fdi_copy, lambda b: setattr(b["Country"], "title", "Countries"))
    assert_structure_error(
        lambda: sbp.fdi_by_country.build(fdi_copy), "sbp_fdi_by_country", fdi_copy, "a sheet named 'Country'"
    )


def test_fdi_measure_label_changed(fdi_copy: Path) -> None:
    def edit(book):
        ws = book["Country"]
        ws.cell(*find(ws, "Outflow"), "Outflows")

    damaged(fdi_copy, edit)
    assert_structure_error(
        lambda: sbp.fdi_by_country.build(fdi_copy),
        "sbp_fdi_by_country",
        fdi_copy,
        "('Foreign Direct Investment', 'Outflows')",
    )


def test_fdi_country_row_removed(fdi_copy: Path) -> None:
    def edit(book):
        ws = book["Country"]
        ws.delete_rows(find(ws, "Japan")[0])

    damaged(fdi_copy, edit)
    assert_structure_error(
        lambda: sbp.fdi_by_country.build(fdi_copy), "sbp_fdi_by_country", fdi_copy, "countries numbered 1, 2, ..."
    )


def test_fdi_table_cut_short(fdi_copy: Path) -> None:
    """A text row inside the table must not end it silently with countries still below."""

    def edit(book):
        ws = book["Country"]
        r, _ = find(ws, "Japan")
        for c in range(4, 19):  # the 15 value columns right of the name
            ws.cell(r, c).value = None

    damaged(fdi_copy, edit)
    assert_structure_error(
        lambda: sbp.fdi_by_country.build(fdi_copy), "sbp_fdi_by_country", fdi_copy, "only footnotes after the table"
    )


def test_summary_sheet_renamed(summary_copy: Path) -> None:
    damaged(summary_copy, lambda b: setattr(b["Summary"], "title", "Sheet1"))
    assert_structure_error(
        lambda: sbp.fdi_summary.build(summary_copy), "sbp_fdi_summary", summary_copy, "a sheet named 'Summary'"
    )


def test_summary_first_year_unreadable(summary_copy: Path) -> None:
    """A year label the parser does not know must not drop its column silently."""

    def edit(book):
        ws = book["Summary"]
        ws.cell(*find(ws, "FY09"), "2008-09")

    damaged(summary_copy, edit)
    assert_structure_error(
        lambda: sbp.fdi_summary.build(summary_copy),
        "sbp_fdi_summary",
        summary_copy,
        "no numbers left of the first period column",
    )


def test_summary_outline_changed(summary_copy: Path) -> None:
    def edit(book):
        ws = book["Summary"]
        ws.cell(*find(ws, "Foreign Public Investment"), "Public Investment")

    damaged(summary_copy, edit)
    assert_structure_error(
        lambda: sbp.fdi_summary.build(summary_copy),
        "sbp_fdi_summary",
        summary_copy,
        "the top lines ['Foreign Private Investment', 'Foreign Public Investment', 'Total Foreign Investment']",
    )


def test_summary_unit_missing(summary_copy: Path) -> None:
    def edit(book):
        ws = book["Summary"]
        ws.cell(*find(ws, "Million US$"), "Billion Rs")

    damaged(summary_copy, edit)
    assert_structure_error(
        lambda: sbp.fdi_summary.build(summary_copy), "sbp_fdi_summary", summary_copy, "a unit line matching"
    )
