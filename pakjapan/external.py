"""Load the long-run official datasets kept outside the project (``../shared/datasets``).

These files (Correlates of War trade, exchange rates, GDP, population, price indices,
Maddison) are third-party data the project must never copy into its own tree, so they are
read from a folder beside it: ``$PAKJAPAN_DATASETS`` if set, else ``../shared/datasets``
from the project root. Because the book's statements are checked against exactly these
files, each one is verified against the sha256 recorded in the folder's ``SOURCES.json``
before it is parsed, then its header, row count and every cell are validated.

Every problem raises :class:`DatasetError`, which names the file (and row, column and value
where there is one) and says what to do. Nothing is coerced: an empty cell becomes NaN and
stays NaN; a cell that is neither empty nor a number is an error, not a NaN. Loaded frames
are cached per process (per folder), and a copy is returned so callers cannot alter the cache.

Notebooks that need these files carry ``"pakjapan": {"needs_datasets": true}`` in their
notebook metadata; ``tests/conftest.py`` skips them when :func:`available` is false.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

#: The project root (the folder holding ``pakjapan/``).
PROJECT_ROOT = Path(__file__).resolve().parent.parent
#: Where the datasets are looked for when ``PAKJAPAN_DATASETS`` is not set.
DEFAULT_DATASETS_DIR = PROJECT_ROOT.parent / "shared" / "datasets"
#: The environment variable that overrides :data:`DEFAULT_DATASETS_DIR`.
ENV_VAR = "PAKJAPAN_DATASETS"

_INT = re.compile(r"^-?[0-9]+$")
_NUM = re.compile(r"^-?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$")
_CODE3 = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Column:
    """One expected column: its kind and whether an empty cell is allowed."""

    name: str
    kind: str  # "year", "code3", "int", "number", "text"
    nullable: bool = False


#: The expected columns of each file, in order. An empty numeric cell is a missing value.
SCHEMAS: dict[str, tuple[Column, ...]] = {
    "cow_trade_dyadic.csv": (
        Column("year", "year"),
        Column("importer", "code3"),
        Column("exporter", "code3"),
        Column("importer_cow", "int"),
        Column("exporter_cow", "int"),
        Column("imports_musd", "number", nullable=True),
        Column("imports_smoothed_musd", "number", nullable=True),
    ),
    "cow_trade_totals.csv": (
        Column("year", "year"),
        Column("country", "code3"),
        Column("country_cow", "int"),
        Column("imports_musd", "number", nullable=True),
        Column("exports_musd", "number", nullable=True),
    ),
    "exchange_rates.csv": (
        Column("year", "year"),
        Column("country", "code3"),
        Column("per_usd", "number", nullable=True),
        Column("series", "text"),
    ),
    "macro.csv": (
        Column("year", "year"),
        Column("country", "code3"),
        Column("indicator", "text"),
        Column("unit", "text"),
        Column("value", "number", nullable=True),
        Column("series", "text"),
    ),
}

#: Plausible years for these series (Maddison starts in 1870; the latest releases reach 2025).
YEAR_RANGE = (1800, 2100)


class DatasetError(RuntimeError):
    """An external dataset is missing, changed or malformed; the message says which and what to do."""


def datasets_dir() -> Path:
    """The folder in use: ``$PAKJAPAN_DATASETS`` if set, else ``../shared/datasets`` from the project root."""
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else DEFAULT_DATASETS_DIR


def available(directory: Path | None = None) -> bool:
    """True when the folder and its ``SOURCES.json`` exist (files are checked only on load)."""
    d = directory or datasets_dir()
    return (d / "SOURCES.json").is_file()


def why_unavailable(directory: Path | None = None) -> str:
    """A one-line reason for skipping, used by the test suite's skip message."""
    d = directory or datasets_dir()
    return (
        f"external datasets not found at {d} (no SOURCES.json there); "
        f"put the shared folder beside the project or set {ENV_VAR}"
    )


def notebook_needs_datasets(path: Path) -> bool:
    """True if a notebook declares ``"pakjapan": {"needs_datasets": true}`` in its metadata.

    The flag lets the test suite skip such notebooks (saying why) on a machine without the
    datasets, instead of failing them, while the book still renders their committed outputs.
    """
    try:
        meta = json.loads(Path(path).read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, json.JSONDecodeError, UnicodeDecodeError):
        return False
    flag = meta.get("pakjapan", {})
    return isinstance(flag, dict) and flag.get("needs_datasets") is True


def _where(directory: Path) -> str:
    return f"Put the shared datasets folder at {directory} or set {ENV_VAR} to its location."


@functools.cache
def _sources(directory: Path) -> dict[str, dict]:
    path = directory / "SOURCES.json"
    if not directory.is_dir():
        raise DatasetError(f"The external datasets folder {directory} does not exist. {_where(directory)}")
    if not path.is_file():
        raise DatasetError(f"{path} is missing, so the datasets cannot be verified. {_where(directory)}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DatasetError(f"{path} is not valid JSON ({exc}); restore the folder's original SOURCES.json.") from None
    if not isinstance(data, dict):
        raise DatasetError(f"{path} should map each file name to its record; restore the original SOURCES.json.")
    return data


def sources(directory: Path | None = None) -> dict[str, dict]:
    """The parsed ``SOURCES.json``: for each file, what it holds, its inputs and its sha256."""
    return _sources((directory or datasets_dir()).resolve())


def _verified_text(directory: Path, name: str) -> str:
    """The file's text, after checking it exists and its sha256 matches ``SOURCES.json``."""
    record = _sources(directory).get(name)
    if not isinstance(record, dict) or "sha256" not in record:
        raise DatasetError(f"{directory / 'SOURCES.json'} has no sha256 for {name}; restore the original SOURCES.json.")
    path = directory / name
    if not path.is_file():
        raise DatasetError(f"{name} is missing from {directory}. {_where(directory)}")
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != record["sha256"]:
        raise DatasetError(
            f"{name} in {directory} has changed: its sha256 is {digest}, SOURCES.json records "
            f"{record['sha256']}. Restore the original file; if the data were deliberately updated, "
            "update SOURCES.json with the new file's provenance and re-check every statement drawn from it."
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DatasetError(f"{name} is not UTF-8 text ({exc}); restore the original file.") from None


def _problem(name: str, row: int | None, column: str | None, value: str | None, expected: str) -> str:
    where = name
    if row is not None:
        where += f", row {row} (line {row + 1})"
    if column is not None:
        where += f", column '{column}'"
    got = "" if value is None else f": got {value!r}"
    return f"{where}{got}; expected {expected}"


def parse(name: str, text: str) -> pd.DataFrame:
    """Parse and validate one file's text against :data:`SCHEMAS`; raise :class:`DatasetError` listing every problem.

    Exposed separately from :func:`load` so the validation can be tested on small texts.
    """
    schema = SCHEMAS[name]
    fields = [c.name for c in schema]
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        raise DatasetError(f"{name} is empty; restore the original file.")
    header, body = rows[0], rows[1:]
    if header != fields:
        missing = [f for f in fields if f not in header]
        extra = [h for h in header if h not in fields]
        detail = []
        if missing:
            detail.append(f"missing column(s) {', '.join(missing)}")
        if extra:
            detail.append(f"unexpected column(s) {', '.join(extra)}")
        if not detail:
            detail.append("columns out of order")
        raise DatasetError(
            f"{name}: header is {','.join(header)!r}; expected {','.join(fields)!r} ({'; '.join(detail)}). "
            "Restore the original file."
        )
    problems: list[str] = []
    columns: dict[str, list] = {f: [] for f in fields}
    for i, row in enumerate(body, start=1):
        if len(row) != len(fields):
            problems.append(_problem(name, i, None, ",".join(row), f"{len(fields)} cells, found {len(row)}"))
            continue
        for col, cell in zip(schema, row, strict=False):
            value, why = _cell(col, cell)
            if why:
                problems.append(_problem(name, i, col.name, cell, why))
            columns[col.name].append(value)
    if problems:
        shown = "\n  ".join(problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise DatasetError(f"{len(problems)} problem(s) in {name}; restore the original file:\n  {shown}{more}")
    frame = pd.DataFrame(columns)
    for col in schema:
        if col.kind in ("year", "int"):
            frame[col.name] = frame[col.name].astype("int64")
        elif col.kind == "number":
            frame[col.name] = frame[col.name].astype("float64")
        else:
            frame[col.name] = frame[col.name].astype("string")
    return frame


def _cell(col: Column, cell: str) -> tuple[object, str | None]:
    """The typed value of one cell and, if it is invalid, what was expected instead."""
    if cell == "":
        if col.nullable:
            return math.nan, None
        return None, "a value (this column may not be empty)"
    if cell != cell.strip():
        return None, "no leading or trailing spaces"
    if col.kind == "year":
        if not _INT.match(cell) or not YEAR_RANGE[0] <= int(cell) <= YEAR_RANGE[1]:
            return None, f"a four-digit year between {YEAR_RANGE[0]} and {YEAR_RANGE[1]}"
        return int(cell), None
    if col.kind == "int":
        if not _INT.match(cell):
            return None, "a whole number"
        return int(cell), None
    if col.kind == "number":
        if not _NUM.match(cell):
            return None, "a decimal number, or an empty cell for a missing value"
        value = float(cell)
        if value < 0:
            return None, "a number not below zero"
        return value, None
    if col.kind == "code3":
        if not _CODE3.match(cell):
            return None, "an ISO 3166 alpha-3 country code (three capital letters)"
        return cell, None
    return cell, None


@functools.cache
def _load(directory: Path, name: str) -> pd.DataFrame:
    text = _verified_text(directory, name)
    frame = parse(name, text)
    expected_rows = _sources(directory)[name].get("rows")
    if expected_rows is not None and len(frame) != expected_rows:
        raise DatasetError(
            f"{name} has {len(frame)} data rows; SOURCES.json records {expected_rows}. Restore the original file."
        )
    return frame


def load(name: str, directory: Path | None = None) -> pd.DataFrame:
    """One dataset by file name (e.g. ``"macro.csv"``), verified and validated; a fresh copy each call.

    Raises :class:`DatasetError` if the folder or file is missing, the file's sha256 differs from
    ``SOURCES.json``, or any cell is malformed. Empty cells are NaN (a missing value), never filled.
    """
    if name not in SCHEMAS:
        raise DatasetError(f"no dataset named {name!r}; the datasets are: {', '.join(SCHEMAS)}")
    return _load((directory or datasets_dir()).resolve(), name).copy()


def dyadic(directory: Path | None = None) -> pd.DataFrame:
    """COW v4.0 dyadic flows: imports of ``importer`` from ``exporter``, current US$ million,
    importer-reported (CIF)."""
    return load("cow_trade_dyadic.csv", directory)


def totals(directory: Path | None = None) -> pd.DataFrame:
    """COW v4.0 national totals: each country's total imports and exports, current US$ million."""
    return load("cow_trade_totals.csv", directory)


def exchange_rates(directory: Path | None = None) -> pd.DataFrame:
    """National currency per US dollar, calendar-year average; the ``series`` column names the source."""
    return load("exchange_rates.csv", directory)


def macro(directory: Path | None = None) -> pd.DataFrame:
    """GDP, population, price indices and Maddison GDP per head; ``indicator``, ``unit`` and ``series`` say which."""
    return load("macro.csv", directory)


def clear_cache() -> None:
    """Forget loaded files (tests that swap folders or files call this)."""
    _load.cache_clear()
    _sources.cache_clear()


@dataclass(frozen=True)
class Published:
    """One external dataset as the Data page lists it: what, where used, licence, publisher's download."""

    dataset: str
    files: str
    used_for: str
    licence: str
    download: str
    cite: str  # BibTeX key(s) in references.bib, comma-separated


#: The publishers' own datasets behind the files, for the Data page and citations (no rows here).
CATALOGUE: tuple[Published, ...] = (
    Published(
        "Correlates of War Trade Data Set, version 4.0 (dyadic flows and national totals, to 2014)",
        "cow_trade_dyadic.csv, cow_trade_totals.csv",
        "bilateral trade as each importer records it (CIF), national totals, shares and ranks",
        "free to use with citation (Correlates of War Project terms)",
        "https://correlatesofwar.org/data-sets/bilateral-trade/",
        "cow-trade-v4,barbieri-keshk-pollins-2009",
    ),
    Published(
        "FRED series AEXJPUS, Japanese yen to US dollar, annual average (Federal Reserve H.10)",
        "exchange_rates.csv",
        "converting yen amounts to dollars at the rate of their year, from 1971",
        "public domain (Federal Reserve Board data; citation requested)",
        "https://fred.stlouisfed.org/series/AEXJPUS",
        "fred-aexjpus",
    ),
    Published(
        "Penn World Table 10.01 (exchange rate xr, population, price level, real GDP)",
        "exchange_rates.csv, macro.csv",
        "exchange rates before 1971, cross-checks of the other series",
        "Creative Commons Attribution 4.0",
        "https://www.rug.nl/ggdc/productivity/pwt/",
        "feenstra-inklaar-timmer-2015",
    ),
    Published(
        "World Bank World Development Indicators (GDP in current US$, population, "
        "official exchange rate, GDP deflator)",
        "exchange_rates.csv, macro.csv",
        "trade relative to GDP, population",
        "Creative Commons Attribution 4.0",
        "https://databank.worldbank.org/source/world-development-indicators",
        "wb-wdi",
    ),
    Published(
        "US Bureau of Labor Statistics, CPI-U, all items, US city average (CUUR0000SA0)",
        "macro.csv",
        "trade in constant 2024 US dollars",
        "public domain (US government work)",
        "https://data.bls.gov/timeseries/CUUR0000SA0",
        "bls-cpi-u",
    ),
    Published(
        "OECD DAC deflator for Japan's aid (2022 = 100, 2025 release)",
        "macro.csv",
        "Japan's aid in constant 2022 US dollars",
        "Creative Commons Attribution 4.0 (OECD terms)",
        "https://www.oecd.org/development/stats/informationnoteonthedacdeflators.htm",
        "oecd-dac-deflator",
    ),
    Published(
        "Maddison Project Database 2018 (GDP per head in 2011 US$ at PPP, population)",
        "macro.csv",
        "GDP per head over the long run",
        "Creative Commons Attribution 4.0",
        "https://www.rug.nl/ggdc/historicaldevelopment/maddison/releases/maddison-project-database-2018",
        "bolt-maddison-2018",
    ),
)


def download(cite_key: str) -> str:
    """The publisher's download page for the dataset cited as ``cite_key`` (a key in CATALOGUE's
    ``cite``). Charts drawn from these datasets link it beside their folded table instead of
    offering a CSV, because the book must not redistribute the publishers' rows."""
    for published in CATALOGUE:
        if cite_key in published.cite.split(","):
            return published.download
    keys = ", ".join(k for p in CATALOGUE for k in p.cite.split(","))
    raise LookupError(f"no dataset cited as {cite_key!r} in external.CATALOGUE; known: {keys}")
