"""State Bank of Pakistan: trade by country through the banks, and foreign investment by country and in total.

Four workbooks, each one sheet of a printed table (title rows, a two-row header of merged cells, a body,
footnotes), read cell by cell with xlrd (``.xls``) or openpyxl (``.xlsx``):

* ``sbp_export_receipts`` (sheet "Exp Acount") and ``sbp_import_payments`` ("Imports by all Countries"):
  thousand US$, one row a country (Afghanistan ... Zimbabwe, then "Other Countries"), a blank row, then five
  balance lines: I. receipts/payments through banks (the sum of the country rows), II. freight, III. fob
  (I - II), IV. other exports/imports, and the total as per the balance of payments (III + IV). Columns: the
  fiscal years FY24 and FY25 (July-June), March FY25, February and March FY26, and July-March of FY25 and FY26.
* ``sbp_fdi_by_country`` (sheet "Country"; the sector sheet is not read): US$ million, one row a numbered
  country, then "Others" and the lines I- Foreign Private, II- Foreign Public (portfolio only) and Total. For
  March 2026 and July-March FY26 and FY25: FDI inflow, outflow and net, net portfolio investment (FPI), total.
* ``sbp_fdi_summary`` (sheet "Summary"): US$ million, totals only, FY09-FY25, March FY25 and FY26, July-March
  FY25 and FY26; the row labels are an outline (the column a label sits in, and a leading indent, give its
  depth): Foreign Private Investment > Direct Investment > Inflow, and so on.

Caveats a reader must know. These are **banking-channel** records on Pakistan's July-June fiscal year, not
customs records and not calendar years: a payment is recorded when it passes through a bank, so the country
is where the money went or came from, not necessarily where the goods did. "(R)" marks revised and "(P)"
provisional figures; the marks sit in either header row and are carried in ``status`` ("revised",
"provisional", or "" for no mark), nothing more is inferred (the footnotes also say that FY23, Q2-FY24 and
FY24 were revised, without marks). The UAE is split by emirate in the trade files (seven rows, all ISO3 ARE).
A blank cell stays missing (the summary has no total foreign investment for FY14, and the debt-securities
lines are mostly blank). Names are stripped of surrounding spaces ("Burkina Faso ", "Panama "). One slip in
the summary, kept as published: Foreign Private Investment for July-March FY25 (1,539.6) is short of direct
plus portfolio investment (1,588.0) by exactly the March FY25 figure (48.35); the total for that period is
right, and the by-country table gives 1,588.0. Marks differ between files: July-March FY25 is "(R)" in the
summary and unmarked in the by-country table.

Every loader returns one row per table row and period, with ``period`` ("FY24", "Jul-Mar FY26", "Mar FY25"),
``period_start`` and ``period_end`` (dates), ``months`` and ``fiscal_year`` (the year the fiscal year ends).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from . import countries
from .errors import StructureError, expect
from .tables import extracted

Grid = list[list[object]]

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
_MONTHS |= {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MARK = re.compile(r"\(\s*([RP])\s*\)")
_STATUS = {frozenset(): "", frozenset({"R"}): "revised", frozenset({"P"}): "provisional"}


@dataclass(frozen=True)
class Period:
    """One column's time span, parsed from its header label(s)."""

    label: str
    start: date
    end: date
    months: int
    fiscal_year: int
    status: str


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _calendar_year(fiscal_year: int, month: int) -> int:
    """Pakistan's fiscal year FYnn runs July 20nn-1 to June 20nn."""
    return fiscal_year - 1 if month >= 7 else fiscal_year


def parse_period(text: str) -> Period | None:
    """A header label such as "Jul-Jun FY24", "FY25 (R)", "Jul-Mar FY26 (P)", "Mar (R) FY25" or "March 2026(P)".

    Returns None when the label is not one of these shapes, or carries both marks.
    """
    marks = frozenset(_MARK.findall(text))
    if marks not in _STATUS:
        return None
    status = _STATUS[marks]
    clean = " ".join(_MARK.sub(" ", text).replace("-", " - ").split()).replace(" - ", "-")
    if m := re.fullmatch(r"(?:Jul-Jun )?FY(\d{2})", clean):
        fy = 2000 + int(m[1])
        return Period(f"FY{m[1]}", date(fy - 1, 7, 1), date(fy, 6, 30), 12, fy, status)
    if m := re.fullmatch(r"(?:Jul|July)-([A-Za-z]+) FY(\d{2})", clean):
        month, fy = _MONTHS.get(m[1].lower()), 2000 + int(m[2])
        if month is None:
            return None
        months = (month - 7) % 12 + 1
        label = f"FY{m[2]}" if months == 12 else f"Jul-{calendar.month_abbr[month]} FY{m[2]}"
        return Period(label, date(fy - 1, 7, 1), _month_end(_calendar_year(fy, month), month), months, fy, status)
    if m := re.fullmatch(r"([A-Za-z]+) FY(\d{2})", clean):
        month, fy = _MONTHS.get(m[1].lower()), 2000 + int(m[2])
        if month is None:
            return None
        year = _calendar_year(fy, month)
        return Period(
            f"{calendar.month_abbr[month]} FY{m[2]}", date(year, month, 1), _month_end(year, month), 1, fy, status
        )
    if m := re.fullmatch(r"([A-Za-z]+)-? ?(\d{4})", clean):
        month, year = _MONTHS.get(m[1].lower()), int(m[2])
        if month is None:
            return None
        fy = year + 1 if month >= 7 else year
        label = f"{calendar.month_abbr[month]} FY{fy % 100:02d}"
        return Period(label, date(year, month, 1), _month_end(year, month), 1, fy, status)
    return None


# --- reading a sheet into a grid of values ------------------------------------------------------


def read_grid(path: Path, input_name: str) -> dict[str, Grid]:
    """Every sheet as rows of cell values: None (empty), str, or float; ``.xls`` by xlrd, ``.xlsx`` by openpyxl."""
    try:
        if path.suffix.lower() == ".xls":
            import xlrd

            book = xlrd.open_workbook(str(path))
            return {s.name: [_xls_row(s, r) for r in range(s.nrows)] for s in book.sheets()}
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            return {ws.title: [[_xlsx_value(v) for v in row] for row in ws.iter_rows(values_only=True)] for ws in book}
        finally:
            book.close()
    except Exception as exc:  # a file that is no workbook at all: say so, with the reader's reason
        raise StructureError(input_name, path.name, f"expected an Excel workbook, could not read it ({exc})") from None


def _xls_row(sheet, r: int) -> list[object]:
    out: list[object] = []
    for c in range(sheet.ncols):
        kind, value = sheet.cell_type(r, c), sheet.cell_value(r, c)
        if kind in (0, 6):  # empty, blank
            out.append(None)
        elif kind == 2:  # number
            out.append(float(value))
        elif kind == 1:
            out.append(value if value.strip() else None)
        else:  # date, boolean, error: no such cells in these tables; kept so the checks reject them
            out.append((f"<cell type {kind}>", value))
    return out


def _xlsx_value(v: object) -> object:
    if v is None:
        return None
    if isinstance(v, bool):
        return ("<boolean>", v)
    if isinstance(v, int | float):
        return float(v)
    if isinstance(v, str):
        return v if v.strip() else None
    return (f"<{type(v).__name__}>", v)


def _cell(grid: Grid, r: int, c: int) -> object:
    return grid[r][c] if r < len(grid) and c < len(grid[r]) else None


def _text(v: object) -> str:
    return v.strip() if isinstance(v, str) else ""


def _find_row(grid: Grid, test, limit: int = 15) -> int | None:
    for r in range(min(limit, len(grid))):
        if test(grid[r]):
            return r
    return None


def _unit(grid: Grid, above: int, pattern: str, unit: str, input_name: str, file: str) -> str:
    found = any(re.search(pattern, _text(v), re.I) for row in grid[:above] for v in row)
    expect(found, input_name, file, f"a unit line matching {pattern!r} above the header (row 1-{above}), none found")
    return unit


def _header_periods(
    grid: Grid, top: int, bottom: int | None, first_col: int, input_name: str, file: str, rows: int = 2
) -> dict[int, Period]:
    """Period of each column from ``first_col``: the top label (merged cells: carried right) plus the bottom one.

    A column belongs to the table while any of the ``rows`` header rows from ``top`` has a label in it.
    """
    width = max(len(grid[r]) for r in range(top, min(top + rows, len(grid))))
    periods: dict[int, Period] = {}
    carried = ""
    for c in range(first_col, width):
        t = _text(_cell(grid, top, c))
        b = _text(_cell(grid, bottom, c)) if bottom is not None else ""
        if not any(_text(_cell(grid, r, c)) for r in range(top, top + rows)):
            carried = ""
            continue
        carried = t or carried
        label = f"{carried} {b}".strip()
        period = parse_period(label)
        expect(
            period is not None,
            input_name,
            file,
            f"a period label (e.g. 'Jul-Jun FY24', 'Mar (R) FY25', 'July-March FY26 (P)') in header row {top + 1}, "
            f"column {c + 1}; found {label!r}",
        )
        periods[c] = period  # type: ignore[assignment]
    expect(bool(periods), input_name, file, f"period columns in header row {top + 1}, found none")
    return periods


def _numbers(row_values: list[object]) -> bool | None:
    """True if every cell is a number or empty with at least one number; False if all empty; None if mixed."""
    if all(v is None for v in row_values):
        return False
    if all(v is None or isinstance(v, float) for v in row_values):
        return True
    return None


def _codes(names: pd.Series, input_name: str, file: str) -> pd.DataFrame:
    """ISO3 (NA where the table has none: groups, ambiguous names) and kind of each country name."""
    coded = countries.codes("sbp", names, input_name, file)
    return coded


def _period_columns(frame: pd.DataFrame, periods: list[Period]) -> pd.DataFrame:
    """Add the period columns, in the order of ``periods`` (one per row of ``frame``, aligned)."""
    return frame.assign(
        period=pd.array([p.label for p in periods], dtype="string"),
        period_start=pd.to_datetime([p.start for p in periods]).astype("datetime64[us]"),
        period_end=pd.to_datetime([p.end for p in periods]).astype("datetime64[us]"),
        months=pd.array([p.months for p in periods], dtype="int8"),
        fiscal_year=pd.array([p.fiscal_year for p in periods], dtype="int16"),
        status=pd.array([p.status for p in periods], dtype="string"),
    )


def _after_table(grid: Grid, start: int, cols: list[int], input_name: str, file: str, what: str) -> None:
    """No numbers may follow the footnotes: a table cut short by a stray text row must not pass silently."""
    for r in range(start, len(grid)):
        vals = [_cell(grid, r, c) for c in cols]
        expect(
            not any(isinstance(v, float) for v in vals),
            input_name,
            file,
            f"only footnotes after the {what} (from row {start + 1}); row {r + 1} holds numbers "
            f"({next((_text(v) for v in grid[r] if _text(v)), 'no label')!r})",
        )


# --- trade by country -----------------------------------------------------------------------------

_TRADE = {
    "sbp_export_receipts": ("exports", "Exp Acount", "Export Receipts by All Countries", "I. Export Receipts"),
    "sbp_import_payments": ("imports", "Imports by all Countries", "Import Payments by all Countries", "I. Import Pay"),
}


def _trade_one(path: Path, input_name: str) -> pd.DataFrame:
    flow, sheet, title, first_line = _TRADE[input_name]
    file = path.name
    sheets = read_grid(path, input_name)
    expect(sheet in sheets, input_name, file, f"a sheet named {sheet!r}; found {sorted(sheets)}")
    grid = sheets[sheet]
    expect(
        any(_text(v).lower() == title.lower() for row in grid[:3] for v in row),
        input_name,
        file,
        f"the title {title!r} in the first three rows",
    )
    header = _find_row(grid, lambda row: _text(row[0] if row else None) == "Country")
    expect(header is not None, input_name, file, "a header row starting with 'Country' in the first 15 rows")
    unit = _unit(grid, header, r"thousand\s+US\s+dollar", "thousand US$", input_name, file)
    periods = _header_periods(grid, header, header + 1, 1, input_name, file)
    cols = sorted(periods)
    expect(
        cols == list(range(1, len(cols) + 1)),
        input_name,
        file,
        f"period columns side by side from column 2, found columns {[c + 1 for c in cols]}",
    )
    width = max(len(row) for row in grid)
    labels, kinds, values = [], [], []
    block = "countries"
    end = None
    for r in range(header + 2, len(grid)):
        label = _text(_cell(grid, r, 0))
        vals = [_cell(grid, r, c) for c in cols]
        has = _numbers(vals)
        expect(
            has is not None and (label or not has),
            input_name,
            file,
            f"row {r + 1}: a label and a number (or nothing) in every period column; found {label!r} and {vals}",
        )
        if not label and not has:  # a blank row separates the countries from the balance lines
            block = "aggregates" if labels else block
            continue
        if not has:  # the footnotes begin
            end = r
            break
        stray = [_cell(grid, r, c) for c in range(cols[-1] + 1, width)]
        expect(
            all(v is None for v in stray),
            input_name,
            file,
            f"row {r + 1} ({label!r}): nothing right of the last period column, found {stray}",
        )
        labels.append(label)
        kinds.append(block)
        values.append(vals)
    expect(end is not None, input_name, file, "footnotes ('P: Provisional, R: Revised') after the table, none found")
    _after_table(grid, end, cols, input_name, file, "table")
    n_countries = kinds.count("countries")
    expect(
        n_countries > 0 and labels[n_countries - 1] == "Other Countries",
        input_name,
        file,
        f"a block of country rows ending with 'Other Countries'; it ends with {labels[n_countries - 1]!r}"
        if n_countries
        else "a block of country rows, found none",
    )
    expect(
        len(labels) > n_countries and labels[n_countries].startswith(first_line),
        input_name,
        file,
        f"after a blank row, the balance lines starting with {first_line!r}; found "
        f"{labels[n_countries] if len(labels) > n_countries else 'nothing'!r}",
    )
    names = pd.Series(labels[:n_countries])
    coded = _codes(names, input_name, file)
    iso3 = list(coded["iso3"]) + [pd.NA] * (len(labels) - n_countries)
    kind = list(coded["kind"]) + ["aggregate"] * (len(labels) - n_countries)
    frame = pd.DataFrame(
        {
            "flow": flow,
            "basis": "banking",
            "country_name": [lab for lab in labels for _ in cols],
            "partner": [c for c in iso3 for _ in cols],
            "partner_kind": [k for k in kind for _ in cols],
        }
    )
    frame = _period_columns(frame, [periods[c] for _ in labels for c in cols])
    frame["value"] = [v if v is not None else float("nan") for row in values for v in row]
    frame["unit"] = unit
    return frame


_TRADE_ORDER = [
    "flow",
    "basis",
    "country_name",
    "partner",
    "partner_kind",
    "period",
    "period_start",
    "period_end",
    "months",
    "fiscal_year",
    "value",
    "unit",
    "status",
]


@extracted("sbp_export_receipts", "sbp_import_payments", version=1)
def trade(exports: Path, imports: Path) -> pd.DataFrame:
    """Export receipts and import payments by country through the banks, thousand US$, every row kept.

    Columns: ``flow`` (exports/imports), ``basis`` ("banking"), ``country_name`` as written, ``partner`` (ISO3,
    NA for groups and the balance lines), ``partner_kind`` (country, group, other, or aggregate for the five
    balance lines below the countries), the period columns, ``value``, ``unit`` and ``status``. The balance
    lines are kept because they are the publisher's totals: I is the sum of the country rows.
    """
    frame = pd.concat(
        [_trade_one(exports, "sbp_export_receipts"), _trade_one(imports, "sbp_import_payments")], ignore_index=True
    )
    return _typed(frame[_TRADE_ORDER], ["flow", "basis", "country_name", "partner", "partner_kind", "unit"])


def _typed(frame: pd.DataFrame, text: list[str]) -> pd.DataFrame:
    for col in text:
        frame[col] = frame[col].astype("string")
    frame["value"] = frame["value"].astype("float64")
    return frame.reset_index(drop=True)


# --- foreign investment by country --------------------------------------------------------------------

_FDI_MEASURES = {
    ("Foreign Direct Investment", "Inflow"): "fdi_inflow",
    ("Foreign Direct Investment", "Outflow"): "fdi_outflow",
    ("Foreign Direct Investment", "Net"): "fdi_net",
    ("FPI*", ""): "fpi_net",
    ("Total", ""): "total_net",
}


@extracted("sbp_fdi_by_country", version=1)
def fdi_by_country(path: Path) -> pd.DataFrame:
    """Foreign investment in Pakistan by country (sheet "Country"), US$ million, every row kept.

    ``measure``: ``fdi_inflow``, ``fdi_outflow``, ``fdi_net`` (inflow - outflow), ``fpi_net`` (net foreign
    portfolio investment) and ``total_net`` (net FDI + FPI). Countries carry their number (``sr``); the lines
    without a number ("I- Foreign Private", "II- Foreign Public@", whose FDI cells are blank, and "Total") have
    ``partner_kind`` aggregate. Periods: March 2026 (labelled "Mar FY26"), "Jul-Mar FY26", "Jul-Mar FY25".
    """
    input_name, file = "sbp_fdi_by_country", path.name
    sheets = read_grid(path, input_name)
    expect("Country" in sheets, input_name, file, f"a sheet named 'Country'; found {sorted(sheets)}")
    grid = sheets["Country"]
    header = _find_row(grid, lambda row: "Sr." in [_text(v) for v in row] and "Country" in [_text(v) for v in row])
    expect(header is not None, input_name, file, "a header row with 'Sr.' and 'Country' in the first 15 rows")
    row = [_text(v) for v in grid[header]]
    sr_col, name_col = row.index("Sr."), row.index("Country")
    expect(name_col == sr_col + 1, input_name, file, "the 'Country' column right of 'Sr.'")
    unit = _unit(grid, header + 1, r"million\s+US\s*\$", "million US$", input_name, file)
    periods = _header_periods(grid, header, None, name_col + 1, input_name, file, rows=3)
    # the column's measure: the group (row 2 of the header, merged cells carried right) and its item (row 3)
    measures: dict[int, str] = {}
    group = ""
    for c in sorted(periods):
        if c - 1 not in periods or periods[c - 1] != periods[c] or _text(_cell(grid, header + 1, c)):
            group = _text(_cell(grid, header + 1, c))
        key = (group, _text(_cell(grid, header + 2, c)))
        expect(
            key in _FDI_MEASURES,
            input_name,
            file,
            f"header rows {header + 2}-{header + 3}, column {c + 1}: one of {sorted(_FDI_MEASURES)}; found {key}",
        )
        measures[c] = _FDI_MEASURES[key]
    cols = sorted(periods)
    for p in {periods[c].label for c in cols}:
        got = sorted(measures[c] for c in cols if periods[c].label == p)
        expect(
            got == sorted(_FDI_MEASURES.values()),
            input_name,
            file,
            f"each period with the five measures {sorted(_FDI_MEASURES.values())}; {p} has {got}",
        )
    records = []
    end = None
    for r in range(header + 3, len(grid)):
        sr, name = _cell(grid, r, sr_col), _text(_cell(grid, r, name_col))
        vals = [_cell(grid, r, c) for c in cols]
        has = _numbers(vals)
        label = name if isinstance(sr, float) else _text(sr)
        expect(
            has is not None,
            input_name,
            file,
            f"row {r + 1} ({label!r}): a number or nothing in every period column; found {vals}",
        )
        if not has and not label:
            if records:
                end = r
                break
            continue
        if not has:
            end = r
            break
        expect(
            bool(label) and (isinstance(sr, float) == bool(name)),
            input_name,
            file,
            f"row {r + 1}: a country (a number in 'Sr.' and a name) or a total line (a label in 'Sr.', no number); "
            f"found {sr!r}, {name!r}",
        )
        records.append((int(sr) if isinstance(sr, float) else None, label, vals))
    expect(end is not None, input_name, file, "footnotes after the table, none found")
    _after_table(grid, end, cols, input_name, file, "table")
    numbered = [rec for rec in records if rec[0] is not None]
    expect(
        [rec[0] for rec in numbered] == list(range(1, len(numbered) + 1)),
        input_name,
        file,
        f"countries numbered 1, 2, ... in 'Sr.'; found {[rec[0] for rec in numbered][:10]}...",
    )
    expect(
        bool(records) and records[-1][1] == "Total" and records[-1][0] is None,
        input_name,
        file,
        f"the table to end with the line 'Total'; it ends with {records[-1][1] if records else 'nothing'!r}",
    )
    names = pd.Series([rec[1] for rec in numbered])
    coded = _codes(names, input_name, file).set_index(names)
    frame = pd.DataFrame(
        {
            "country_name": [rec[1] for rec in records for _ in cols],
            "sr": pd.array([rec[0] for rec in records for _ in cols], dtype="Int16"),
            "partner": [coded.at[rec[1], "iso3"] if rec[0] else pd.NA for rec in records for _ in cols],
            "partner_kind": [coded.at[rec[1], "kind"] if rec[0] else "aggregate" for rec in records for _ in cols],
            "measure": [measures[c] for _ in records for c in cols],
        }
    )
    frame = _period_columns(frame, [periods[c] for _ in records for c in cols])
    frame["value"] = [v if v is not None else float("nan") for rec in records for v in rec[2]]
    frame["unit"] = unit
    order = ["country_name", "sr", "partner", "partner_kind", "measure"] + _TRADE_ORDER[5:]
    return _typed(frame[order], ["country_name", "partner", "partner_kind", "measure", "unit"])


# --- summary of foreign investment -------------------------------------------------------------------


@extracted("sbp_fdi_summary", version=1)
def fdi_summary(path: Path) -> pd.DataFrame:
    """Summary of foreign investment in Pakistan, US$ million, totals only, every line and period kept.

    ``measure`` is the line's place in the outline, joined by " > " (e.g. "Foreign Private Investment >
    Direct Investment > Inflow"; "Portfolio Investment" occurs under private and under public investment);
    ``item`` is the label as written and ``level`` its depth (0 for the three top lines). The publisher's
    identities: Direct = Inflow - Outflow; Foreign Private = Direct + Portfolio; Total = Private + Public.
    """
    input_name, file = "sbp_fdi_summary", path.name
    sheets = read_grid(path, input_name)
    expect("Summary" in sheets, input_name, file, f"a sheet named 'Summary'; found {sorted(sheets)}")
    grid = sheets["Summary"]
    header = _find_row(grid, lambda row: any(re.fullmatch(r"FY\d{2}\b.*", _text(v)) for v in row))
    expect(header is not None, input_name, file, "a header row of fiscal years ('FY09', ...) in the first 15 rows")
    unit = _unit(grid, header, r"million\s+US\s*\$", "million US$", input_name, file)
    first = min(c for c, v in enumerate(grid[header]) if re.fullmatch(r"FY\d{2}\b.*", _text(v)))
    periods = _header_periods(grid, header, header + 1, first, input_name, file)
    cols = sorted(periods)
    labels_at = range(0, first)
    expect(
        len({p.label for p in periods.values()}) == len(periods),
        input_name,
        file,
        f"each period once in the header; found {[p.label for p in periods.values()]}",
    )
    records: list[tuple[str, str, int, list[object]]] = []
    stack: list[tuple[int, str]] = []
    end = None
    for r in range(header + 2, len(grid)):
        texts = [(c, _cell(grid, r, c)) for c in labels_at if _text(_cell(grid, r, c))]
        vals = [_cell(grid, r, c) for c in cols]
        stray = [_cell(grid, r, c) for c in labels_at if isinstance(_cell(grid, r, c), float)]
        expect(
            not stray,
            input_name,
            file,
            f"row {r + 1}: no numbers left of the first period column (column {first + 1}); found {stray}",
        )
        has = _numbers(vals)
        expect(
            has is not None,
            input_name,
            file,
            f"row {r + 1}: a number or nothing in every period column; found {vals}",
        )
        if not texts and not has:
            if records:
                end = r
                break
            continue
        if not has:
            end = r
            break
        expect(
            len(texts) == 1,
            input_name,
            file,
            f"row {r + 1}: one label left of the first period column (column {first + 1}); found {texts}",
        )
        col, raw = texts[0]
        level = col - min(labels_at) - 1 + (1 if str(raw)[:1].isspace() else 0)
        item = str(raw).strip()
        while stack and stack[-1][0] >= level:
            stack.pop()
        measure = " > ".join([s[1] for s in stack] + [item])
        stack.append((level, item))
        records.append((measure, item, level, vals))
    expect(end is not None, input_name, file, "footnotes after the table, none found")
    _after_table(grid, end, cols, input_name, file, "table")
    measures = [rec[0] for rec in records]
    expect(
        len(set(measures)) == len(measures),
        input_name,
        file,
        f"each outline line once; found repeats {sorted({m for m in measures if measures.count(m) > 1})}",
    )
    tops = [rec[1] for rec in records if rec[2] == 0]
    expected_tops = ["Foreign Private Investment", "Foreign Public Investment", "Total Foreign Investment"]
    expect(tops == expected_tops, input_name, file, f"the top lines {expected_tops} (column 2); found {tops}")
    frame = pd.DataFrame(
        {
            "measure": [rec[0] for rec in records for _ in cols],
            "item": [rec[1] for rec in records for _ in cols],
            "level": pd.array([rec[2] for rec in records for _ in cols], dtype="int8"),
        }
    )
    frame = _period_columns(frame, [periods[c] for _ in records for c in cols])
    frame["value"] = [v if v is not None else float("nan") for rec in records for v in rec[3]]
    frame["unit"] = unit
    order = ["measure", "item", "level"] + _TRADE_ORDER[5:]
    return _typed(frame[order], ["measure", "item", "unit"])
