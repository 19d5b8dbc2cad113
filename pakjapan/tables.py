"""Data tables for readers: plain, deterministic HTML, optionally folded under a summary line.

Tables are rendered with ``DataFrame.to_html`` rather than a Styler because Styler output
carries random element ids, which would make every re-run differ and break nbval.
"""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML


def html_table(frame: pd.DataFrame) -> str:
    """The frame as an HTML table without the index, missing values shown as blanks."""
    return frame.to_html(index=False, na_rep="", border=0, classes="pj-table", escape=True, justify="left")


def table(frame: pd.DataFrame) -> HTML:
    """A displayable table (for glue or direct display)."""
    return HTML(html_table(frame))


def folded(frame: pd.DataFrame, summary: str = "Data behind the chart") -> HTML:
    """The table folded inside <details>, so it is one click away without crowding the page."""
    return HTML(f"<details><summary>{html.escape(summary)}</summary>\n{html_table(frame)}\n</details>")
