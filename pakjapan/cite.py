"""Source lines for charts and tables, built from the rows they show.

A chart's source line is generated from the rows actually plotted, so it cannot name a
source the chart does not use or forget one it does. Every kind of row is covered: ledger
claims (named by the source document's publisher or our title), reference rows (the short
name of the body credited, e.g. ``State Bank of Pakistan via APP``), dated events (their
source) and the long-run external datasets (one short label per dataset).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import pandas as pd

from . import data, ledger

#: Short reader-facing label of each official dataset (the upstream inputs, ``data/upstream.csv``), by key.
DATASETS: dict[str, str] = {
    "cow": "Correlates of War Trade v4.0",
    "wdi": "World Bank WDI",
    "bls": "US Bureau of Labor Statistics",
    "maddison": "Maddison Project Database 2018",
    "pwt": "Penn World Table 10.01",
    "fred": "FRED",
    "oecd-dac": "OECD DAC",
    "imf-dots": "IMF Direction of Trade Statistics",
    "mof": "Japan Ministry of Finance, Trade Statistics",
    "sbp": "State Bank of Pakistan",
    "one": "ONE Campaign (OECD CRS, World Bank IDS)",
    "wb-ids": "World Bank International Debt Statistics",
    "isa": "Immigration Services Agency of Japan",
    "undesa": "UN DESA International Migrant Stock 2019",
    "knomad": "World Bank/KNOMAD remittance matrix 2017",
}
#: How the datasets' ``series`` column starts, for each key (so frames can cite by series text).
_SERIES_PREFIX = {
    "Correlates of War": "cow",
    "COW": "cow",
    "World Bank WDI": "wdi",
    "BLS": "bls",
    "Maddison": "maddison",
    "Penn World Table": "pwt",
    "FRED": "fred",
    "OECD DAC": "oecd-dac",
    "IMF": "imf-dots",
    "Japan Ministry of Finance": "mof",
    "State Bank of Pakistan": "sbp",
    "ONE": "one",
    "World Bank IDS": "wb-ids",
    "Immigration Services Agency": "isa",
    "UN DESA": "undesa",
    "KNOMAD": "knomad",
}
#: Columns that name the rows a frame holds, in the order they are looked for.
ROW_COLUMNS = ("row", "claim_id", "ref_id", "event_id", "dataset")
_SPLIT = re.compile(r"\s*(?:\+|,|;)\s*")
_DATASET_ID = "dataset:"


def dataset_key(series: str) -> str:
    """The dataset key (``wdi``) for a key or a dataset's ``series`` text (``World Bank WDI SP.POP.TOTL``)."""
    if series in DATASETS:
        return series
    for prefix, key in _SERIES_PREFIX.items():
        if series.startswith(prefix):
            return key
    raise LookupError(f"unknown dataset {series!r}; known: {', '.join(DATASETS)}")


def source_label(source_id: str) -> str:
    """Short reader-facing label of one ledger source: publisher if named, else our title."""
    return _source_label(source_id, str(data.data_dir()))


@functools.cache
def _source_label(source_id: str, directory: str) -> str:
    # Cached by data folder: every chart's source line asks for the same few sources.
    row = ledger.one(ledger.table("sources"), source_id=source_id)
    return str(row["publisher"]) if row["publisher"] else str(row["title"])


def publisher(source_org: str, source_title: str = "") -> str:
    """Short label of a reference row's credited body: ``'State Bank of Pakistan (via APP)'`` ->
    ``'State Bank of Pakistan via APP'``; other bracketed detail is dropped (it stays in the data).

    A body ``(cited by news report)`` is named with the outlet that relayed it, taken from the
    title's closing bracket (``'... (Daily Observer, Jan 2022)'``), so a reader is not told the
    figure came from the body directly."""
    head, _, rest = source_org.partition(" (")
    via = re.search(r"\bvia ([^;)]+)", rest)
    if via:
        return f"{head} via {via.group(1).strip()}"
    outlet = re.search(r"\(([^,()]+)(?:,[^()]*)?\)\s*$", source_title)
    if "cited by news report" in rest and outlet:
        return f"{head} via {outlet.group(1).strip()}"
    return head


def row_ids(frame: pd.DataFrame) -> list[str]:
    """The ids of the rows a frame holds: per row, the first filled id column (``row`` may hold ``A + B``).

    Frames mixing claims and reference rows (a ``claim_id`` empty on reference rows) are cited
    row by row. A frame of the external datasets names them in a ``dataset`` column (key or
    series text). An error names the row that has no id at all.
    """
    cols = [c for c in ROW_COLUMNS if c in frame.columns]
    if not cols:
        raise KeyError(
            f"a cited frame needs one of the columns {', '.join(ROW_COLUMNS)}; "
            f"it has {', '.join(map(str, frame.columns))}"
        )
    ids: dict[str, None] = {}  # insertion-ordered set: a dataset frame repeats one id thousands of times
    for n, values in enumerate(zip(*(frame[c].tolist() for c in cols), strict=True)):
        filled = [(c, v) for c, v in zip(cols, values, strict=True) if pd.notna(v) and str(v) != ""]
        if not filled:
            raise ValueError(f"row {n} of the cited frame has no id in {', '.join(cols)}")
        col, value = filled[0]
        if col == "dataset":
            parts = [_DATASET_ID + dataset_key(str(value))]
        else:
            parts = [p for p in _SPLIT.split(str(value)) if p]
        ids.update(dict.fromkeys(parts))
    return list(ids)


def label(row_id: str) -> str:
    """The source label for one row id (claim, reference row, event or ``dataset:key``)."""
    if row_id.startswith(_DATASET_ID):
        return DATASETS[dataset_key(row_id.removeprefix(_DATASET_ID))]
    name = ledger.table_of(row_id)
    row = ledger.row(row_id)
    if name == "reference_figures":
        return publisher(str(row["source_org"]), str(row["source_title"]))
    return source_label(str(row["source_id"]))


def source_line(rows: pd.DataFrame | Iterable[pd.DataFrame] | Iterable[str], prefix: str = "Source") -> str:
    """'Sources: A; B; C.' for the rows given: frames (cited by their id columns) or row ids.

    A frame without id columns but with ``source_id`` (e.g. a slice of ``sources``) is cited
    by that column. Each label appears once, in the order of first use.
    """
    items = [rows] if isinstance(rows, pd.DataFrame) else list(rows)
    names: list[str] = []
    for item in items:
        if isinstance(item, pd.DataFrame):
            if any(c in item.columns for c in ROW_COLUMNS):
                names.extend(label(i) for i in row_ids(item))
            elif "source_id" in item.columns:
                names.extend(source_label(str(s)) for s in dict.fromkeys(item["source_id"]))
            else:
                row_ids(item)  # raises, naming the columns a cited frame needs
        else:
            names.append(label(str(item)))
    unique = list(dict.fromkeys(names))
    if not unique:
        raise ValueError("a source line needs at least one row to cite")
    plural = "s" if len(unique) > 1 else ""
    return f"{prefix}{plural}: " + "; ".join(unique) + "."


#: How many sources a chart's own source line names before it points to the full list.
SHORT = 3


def short_line(line: str, keep: int = SHORT) -> str:
    """A source line fit for a phone: at most ``keep`` names, then how many more and where they are.

    The full line stays in the chart's metadata and heads the folded table under the chart, one
    click away, so a long list never crowds the chart itself.
    """
    listed = names(line)
    if len(listed) <= keep:
        return line
    prefix = line.split(":", 1)[0]
    rest = len(listed) - keep
    return f"{prefix}: " + "; ".join(listed[:keep]) + f" and {rest} more (all listed with the data below)."


def names(line: str) -> list[str]:
    """The source labels a source line names, in order (``source_line``'s output read back).

    Used to check a chart's line against the rows it recorded: the same sources, whatever the
    order in which the chart happened to draw them.
    """
    m = re.fullmatch(r"[A-Z][a-z]*s?: (.*)\.", line.strip())
    if m is None:
        raise ValueError(f"not a source line: {line!r}")
    return m.group(1).split("; ")
