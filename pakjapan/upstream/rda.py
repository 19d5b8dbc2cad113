"""Read one data frame out of an R data file (``.rda``), failing with a :class:`StructureError`.

Several inputs are R data files from CRAN packages or R projects (Correlates of War via peacesciencer,
Penn World Table, the Maddison Project, the World Bank series of btransfer). ``rdata`` parses them in
pure Python; this module adds what every extractor needs around it: tibbles read as data frames
(rdata knows only R's ``data.frame`` class and would warn for each tibble class), a file that is not R
data or lacks the expected object reported as a structure problem naming the input and file, and the
row names R kept as labels dropped, since every table here carries its keys in columns.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .errors import StructureError, expect


def constructors() -> dict:
    """rdata's constructors, with R's tibble classes read as data frames (without these entries rdata
    warns and falls back to the same thing). rdata is imported here, not at module import: a notebook
    reading cached tables never parses R data, and importing the parser costs a tenth of a second."""
    from rdata.conversion import DEFAULT_CLASS_MAP, dataframe_constructor

    return {**DEFAULT_CLASS_MAP, "tbl_df": dataframe_constructor, "tbl": dataframe_constructor}


def read_frame(path: Path, input_name: str, object_name: str, columns: list[str]) -> pd.DataFrame:
    """The data frame ``object_name`` of the R data file at ``path``, with at least ``columns``.

    Raises :class:`StructureError` when the file cannot be read as R data, holds no such object,
    the object is not a data frame, or a column is missing; the message lists what was found.
    """
    try:
        import rdata

        objects = rdata.read_rda(path, constructor_dict=constructors())
    except Exception as exc:  # rdata raises many kinds on a file that is not R data: report it, with its reason
        raise StructureError(
            input_name, path.name, f"an R data file (.rda); it could not be read ({type(exc).__name__}: {exc})"
        ) from None
    expect(
        object_name in objects,
        input_name,
        path.name,
        f"an R object named {object_name!r}; the file holds {sorted(objects)}",
    )
    frame = objects[object_name]
    expect(
        isinstance(frame, pd.DataFrame),
        input_name,
        path.name,
        f"{object_name!r} to be a data frame; it is {type(frame).__name__}",
    )
    missing = [c for c in columns if c not in frame.columns]
    expect(
        not missing,
        input_name,
        path.name,
        f"columns {', '.join(columns)} in {object_name!r}; missing {', '.join(missing)} "
        f"(found {', '.join(map(str, frame.columns))})",
    )
    return frame.reset_index(drop=True)


def whole_numbers(values: pd.Series, input_name: str, file: str, what: str) -> pd.Series:
    """``values`` (R stores integers in these files as doubles) as int64; none missing, none fractional."""
    expect(
        bool(values.notna().all()),
        input_name,
        file,
        f"{what} in every row; {int(values.isna().sum())} row(s) have none",
    )
    numbers = values.astype("float64")
    expect(
        bool((numbers == numbers.round()).all()),
        input_name,
        file,
        f"{what} to be whole numbers; found {sorted(numbers[numbers != numbers.round()].unique())[:5]}",
    )
    return numbers.astype("int64")
