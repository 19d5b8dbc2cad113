"""Turn the period labels of the ledger and reference tables into date spans for charts.

Sources mix calendar years, Pakistan's July-June fiscal years, quarters, half-years and
part-years. A chart must place each figure on the span it really covers, and mark which
kind of year it is, rather than letting "FY2022-23" and "2023" share an x position.
Validation runs every label through the same :func:`parse` (via :func:`label_problem`), so a
label that would crash a chapter, or names a date that does not exist, is caught at
``make validate`` rather than at ``make notebooks``.
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
    #: calendar year, fiscal year, ambiguous fiscal year, part year, quarter, half year, month, day,
    #: span, stated on date
    kind: str

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


class ImpossibleDate(ValueError):
    """A label in a form the book parses whose date does not exist (``2025-02-30``, ``2025-13``).

    Kept apart from other parse failures because no reading of such a label is right, whatever
    kind of period its row declares.
    """


def _date(label: str, year: int, month: int, day: int = 1) -> dt.date:
    """The calendar date, or :class:`ImpossibleDate` naming the label (not Python's bare message)."""
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ImpossibleDate(f"period {label!r} names a date that does not exist ({exc})") from None


def _month(label: str, name: str) -> int:
    """Month number of an English abbreviation (``Jan``) or full name (``March``)."""
    key = name[:3].title()
    if key not in _MONTHS or name.title() not in (key, calendar.month_name[_MONTHS[key]]):
        raise ValueError(f"period {label!r}: {name!r} is not a month (Jan, Feb, ... or January, ...)")
    return _MONTHS[key]


def _bound(label: str, text: str, *, end: bool) -> dt.date:
    """One end of a ``X to Y`` span: ``2019-02``, ``Aug 2024``, ``March 2019`` or ``1954``."""
    if m := re.fullmatch(r"(\d{4})-(\d{2})", text):
        y, mo = int(m[1]), int(m[2])
    elif m := re.fullmatch(r"([A-Za-z]+) (\d{4})", text):
        y, mo = int(m[2]), _month(label, m[1])
    elif m := re.fullmatch(r"(\d{4})", text):
        y, mo = int(m[1]), 12 if end else 1
    else:
        raise ValueError(f"period {label!r}: {text!r} is not a month or year (2019-02, Aug 2024, 1954)")
    first = _date(label, y, mo)
    return _month_end(y, mo) if end else first


def parse(period: str) -> Span:
    """Parse a period label; raise ``ValueError`` naming the label when it is not understood.

    A label in a recognised form whose date does not exist raises :class:`ImpossibleDate`
    (a ``ValueError``), so validation can reject it before a chapter trips over it.
    """
    p = period.strip()
    if m := re.fullmatch(r"(\d{4})", p):
        y = int(m[1])
        return Span(dt.date(y, 1, 1), dt.date(y, 12, 31), "calendar year")
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?: \([^)]*\))?", p):
        day = _date(period, int(m[1]), int(m[2]), int(m[3]))
        return Span(day, day, "day")
    if m := re.fullmatch(r"(\d{4})-(\d{2})(?: \([^)]*\))?", p):
        y, mo = int(m[1]), int(m[2])
        if mo > 12 and (y + 1) % 100 == mo:
            raise ValueError(
                f"period {period!r} is a pair of years, not a month; write FY{y}-{mo:02d} for "
                "Pakistan's July-June fiscal year"
            )
        _date(period, y, mo)
        return Span(dt.date(y, mo, 1), _month_end(y, mo), "month")
    if m := re.fullmatch(r"FY(\d{4})", p):
        # A bare fiscal year names the year it ends in for Pakistan (July-June) but the year it
        # starts in for Japan (April-March); the source rarely says which, so cover both.
        y = int(m[1])
        return Span(dt.date(y - 1, 7, 1), dt.date(y + 1, 3, 31), "ambiguous fiscal year")
    if m := re.fullmatch(r"FY(\d{4})-(\d{2})", p):
        y = int(m[1])
        if (y + 1) % 100 != int(m[2]):
            raise ValueError(f"fiscal year {period!r}: the two years are not consecutive")
        return Span(dt.date(y, 7, 1), dt.date(y + 1, 6, 30), "fiscal year")
    if m := re.fullmatch(r"FY(\d{4})-(\d{2}) \((\w{3})-(\w{3})\)", p):
        y = int(m[1])
        a, b = _month(period, m[3]), _month(period, m[4])
        start = dt.date(y if a >= 7 else y + 1, a, 1)
        end = _month_end(y if b >= 7 else y + 1, b)
        return Span(start, end, "part year")
    if m := re.fullmatch(r"(\d{4}) \((\w{3})-(\w{3})\)", p):
        y = int(m[1])
        return Span(dt.date(y, _month(period, m[2]), 1), _month_end(y, _month(period, m[3])), "part year")
    if m := re.fullmatch(r"(\d{4})-Q([1-4]) \((\w{3})-(\w{3})[;)].*", p):
        y = int(m[1])
        return Span(dt.date(y, _month(period, m[3]), 1), _month_end(y, _month(period, m[4])), "quarter")
    if m := re.fullmatch(r"FY(\d{4})-(\d{2}) (Q[1-4]|H[12]) \((\w{3})-(\w{3}) (\d{4})\)", p):
        kind = "quarter" if m[3].startswith("Q") else "half year"
        y = int(m[6])
        return Span(dt.date(y, _month(period, m[4]), 1), _month_end(y, _month(period, m[5])), kind)
    if m := re.fullmatch(r"as stated (\d{4})-(\d{2})-(\d{2})", p):
        day = _date(period, int(m[1]), int(m[2]), int(m[3]))
        return Span(day, day, "stated on date")
    if m := re.fullmatch(r"(\d{4})年度 \(FY\d{4}\)", p):
        # Japanese "nendo" label relayed for a Pakistani figure: it may mean Japan's April-March
        # year or either of Pakistan's July-June years touching it, so the span covers all three.
        y = int(m[1])
        return Span(dt.date(y - 1, 7, 1), dt.date(y + 1, 6, 30), "ambiguous fiscal year")
    if m := re.fullmatch(r"(\d{4}) \([^)]*\)", p):
        y = int(m[1])
        return Span(dt.date(y, 1, 1), dt.date(y, 12, 31), "calendar year")
    if m := re.fullmatch(r"(.+?) to (.+)", p):
        start, end = _bound(period, m[1], end=False), _bound(period, m[2], end=True)
        if end < start:
            raise ValueError(f"period {period!r} ends before it starts")
        return Span(start, end, "span")
    raise ValueError(f"period {period!r} is not a form this book parses (e.g. 2024, 2025-09, FY2023-24)")


#: Period types whose label describes an extent rather than naming a span (``to 2023``,
#: ``earlier years``): the label is kept as written and never placed on a time axis.
UNDATED_TYPES = frozenset({"cumulative", "unspecified"})

_MONTH_WORDS = sorted({*_MONTHS, *calendar.month_name[1:], "Sept"}, key=len, reverse=True)
#: How a label that means to name a date begins: a digit, FY, "as stated" or a month.
_DATE_START = re.compile(rf"^(\d|FY|as stated\b|(?:{'|'.join(_MONTH_WORDS)})\b)")


def label_problem(label: str, period_type: str) -> str | None:
    """Why ``label`` is not a usable period label for a row of ``period_type``; None if it is.

    Validation calls this with the same :func:`parse` the chapters use, so a label that passes
    cannot crash a chapter later. A label that starts like a date must parse, and must name a
    real date whatever the row's type; a label that starts with an ordinary word ("MOFA survey,
    2012 edition", "date not in excerpt") or whose type is cumulative or unspecified is a
    description, kept as written.
    """
    try:
        parse(label)
    except ImpossibleDate as exc:
        return str(exc)
    except ValueError as exc:
        if period_type in UNDATED_TYPES or not _DATE_START.match(label):
            return None
        return str(exc)
    return None
