"""Turn the period labels of the ledger and reference tables into date spans for charts.

Sources mix calendar years, Pakistan's July-June fiscal years, quarters, half-years and
part-years. A chart must place each figure on the span it really covers, and mark which
kind of year it is, rather than letting "FY2022-23" and "2023" share an x position.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {m: i for i, m in enumerate(calendar.month_abbr) if m}


@dataclass(frozen=True)
class Span:
    """A closed date span and what kind of period it is."""

    start: dt.date
    end: dt.date
    kind: str  # calendar year, fiscal year, ambiguous fiscal year, part year, quarter, half year, month, stated on date

    @property
    def midpoint(self) -> float:
        """Decimal year of the span's middle, for plotting on a continuous time axis."""
        mid = self.start + (self.end - self.start) / 2
        return mid.year + (mid.timetuple().tm_yday - 1) / (366 if calendar.isleap(mid.year) else 365)

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse(period: str) -> Span:
    """Parse a period label; raise ``ValueError`` naming the label when it is not understood."""
    p = period.strip()
    if m := re.fullmatch(r"(\d{4})", p):
        y = int(m[1])
        return Span(dt.date(y, 1, 1), dt.date(y, 12, 31), "calendar year")
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", p):
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return Span(day, day, "day")
    if m := re.fullmatch(r"(\d{4})-(\d{2})", p):
        y, mo = int(m[1]), int(m[2])
        return Span(dt.date(y, mo, 1), _month_end(y, mo), "month")
    if m := re.fullmatch(r"FY(\d{4})-(\d{2})", p):
        y = int(m[1])
        if (y + 1) % 100 != int(m[2]):
            raise ValueError(f"fiscal year {period!r}: the two years are not consecutive")
        return Span(dt.date(y, 7, 1), dt.date(y + 1, 6, 30), "fiscal year")
    if m := re.fullmatch(r"FY(\d{4})-(\d{2}) \((\w{3})-(\w{3})\)", p):
        y = int(m[1])
        a, b = _MONTHS[m[3]], _MONTHS[m[4]]
        start = dt.date(y if a >= 7 else y + 1, a, 1)
        end = _month_end(y if b >= 7 else y + 1, b)
        return Span(start, end, "part year")
    if m := re.fullmatch(r"(\d{4}) \((\w{3})-(\w{3})\)", p):
        y = int(m[1])
        return Span(dt.date(y, _MONTHS[m[2]], 1), _month_end(y, _MONTHS[m[3]]), "part year")
    if m := re.fullmatch(r"(\d{4})-Q([1-4]) \((\w{3})-(\w{3})[;)].*", p):
        y = int(m[1])
        return Span(dt.date(y, _MONTHS[m[3]], 1), _month_end(y, _MONTHS[m[4]]), "quarter")
    if m := re.fullmatch(r"FY(\d{4})-(\d{2}) (Q[1-4]|H[12]) \((\w{3})-(\w{3}) (\d{4})\)", p):
        kind = "quarter" if m[3].startswith("Q") else "half year"
        y = int(m[6])
        return Span(dt.date(y, _MONTHS[m[4]], 1), _month_end(y, _MONTHS[m[5]]), kind)
    if m := re.fullmatch(r"as stated (\d{4})-(\d{2})-(\d{2})", p):
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return Span(day, day, "stated on date")
    if m := re.fullmatch(r"(\d{4})年度 \(FY\d{4}\)", p):
        # Japanese "nendo" label relayed for a Pakistani figure: it may mean Japan's April-March
        # year or either of Pakistan's July-June years touching it, so the span covers all three.
        y = int(m[1])
        return Span(dt.date(y - 1, 7, 1), dt.date(y + 1, 6, 30), "ambiguous fiscal year")
    if m := re.fullmatch(r"(\d{4}) \([^)]*\)", p):
        y = int(m[1])
        return Span(dt.date(y, 1, 1), dt.date(y, 12, 31), "calendar year")
    raise ValueError(f"period {period!r} is not a form this book parses (e.g. 2024, 2025-09, FY2023-24)")
