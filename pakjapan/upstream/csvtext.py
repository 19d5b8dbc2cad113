"""Read a plain CSV input as text cells, failing with a :class:`StructureError` instead of a parser traceback.

The CSV inputs (FRED rates, the BLS index, the World Bank's GDP and population) are read with every cell
as text, so that each extractor decides what a number is and reports a cell that is not one; a file
that is not CSV of the expected shape (a row with too many fields, bytes that are not UTF-8, another
header) is reported naming the input and the file.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .errors import StructureError, expect


def read(path: Path, input_name: str, header: list[str]) -> pd.DataFrame:
    """The CSV at ``path`` as text cells (empty cells as ""), its columns exactly ``header``."""
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        raise StructureError(input_name, path.name, f"a UTF-8 CSV file with columns {header}; {reason}") from None
    expect(list(frame.columns) == header, input_name, path.name, f"columns {header}; found {list(frame.columns)}")
    return frame
