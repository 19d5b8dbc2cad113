"""Arithmetic for checking the sources against each other and against themselves.

Kept apart from the chapters so that the same rules (how a difference is measured, when two
figures count as agreeing, when agreement is a confirmation, which figure the book uses when
they do not agree) are applied everywhere, written once and unit-tested once. Everything here
works on values and frames it is given: reading the ledger, and judging each row's authority
and underlying record, is :mod:`pakjapan.evidence`'s job, so these rules can be tested on
small fixtures.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .ledger import convert


@dataclass(frozen=True)
class Difference:
    """How far figure ``b`` is from reference figure ``a``, in absolute and relative terms."""

    a: float
    b: float

    @property
    def absolute(self) -> float:
        return self.b - self.a

    @property
    def relative(self) -> float:
        """Difference as a share of ``a``; undefined (error) when ``a`` is zero."""
        if self.a == 0:
            raise ZeroDivisionError("relative difference against a zero reference is undefined")
        return (self.b - self.a) / abs(self.a)

    def agrees(self, tolerance: float = 0.01) -> bool:
        """True when the figures differ by at most ``tolerance`` of ``a`` (default 1%: rounding)."""
        return abs(self.relative) <= tolerance


def difference(a: float, b: float) -> Difference:
    """Compare ``b`` with ``a``."""
    return Difference(float(a), float(b))


def implied_rate(yen: float, dollars: float) -> float:
    """Yen per dollar implied by a source's own conversion (both in the same scale)."""
    if dollars <= 0 or yen <= 0:
        raise ValueError(f"an exchange rate needs two positive amounts, got yen={yen}, dollars={dollars}")
    return yen / dollars


def conversion_rate(conversion: pd.Series) -> float:
    """Yen per dollar implied by one row of ``data/conversions.csv`` (``jpy_value``, ``jpy_unit``,
    ``usd_value``, ``usd_unit``).

    Both sides go to millions first, because the sources write each side in its own scale
    (billion yen against million dollars, say); dividing the figures as written would be off by
    a thousand.
    """
    return implied_rate(
        convert(conversion["jpy_value"], conversion["jpy_unit"], "JPY million"),
        convert(conversion["usd_value"], conversion["usd_unit"], "USD million"),
    )


def sum_check(parts: list[float], total: float) -> Difference:
    """Compare a stated total (``a``) with the sum of its stated parts (``b``)."""
    return Difference(float(total), float(sum(parts)))


def balance_check(exports: float, imports: float, balance: float) -> Difference:
    """Compare a stated balance (``a``) with exports minus imports (``b``)."""
    return Difference(float(balance), float(exports) - float(imports))


def growth(before: float, after: float) -> float:
    """Percentage growth from ``before`` to ``after``."""
    if before == 0:
        raise ZeroDivisionError("growth from zero is undefined")
    return (after - before) / abs(before) * 100.0


# --- Comparing the rows that give one quantity ------------------------------------------------

#: Relative margin within which two figures count as agreeing (on top of their rounding).
TOLERANCE = 0.01

#: Order in which kinds of figure are preferred (lower wins), within one level of authority.
KIND_RANK = {"reported": 0, "estimate": 1, "projection": 2, "target": 2, "range": 3, "conversion": 4, "verbal": 5}

#: Levels of authority of a figure's source (lower wins): the first criterion of the choice.
AUTHORITY = {"official statistics": 0, "official statement": 1, "news quoting an official body": 2, "analysis": 3}


def _digits(value: float) -> str:
    """The value as stored, without sign or a trailing '.0' (58.0 -> '58', -0.167 -> '0.167')."""
    return repr(float(value)).removesuffix(".0").lstrip("-")


def significant_digits(value: float) -> int:
    """Significant digits of a value as stored (trailing zeros of a whole number do not count)."""
    text = _digits(value)
    if "." in text:
        return len(text.replace(".", "").lstrip("0"))
    return len(text.lstrip("0").rstrip("0")) or 1


def preferred(rows: pd.DataFrame) -> str:
    """The id of the row the book uses, by the one rule: the more authoritative source first
    (official statistics, then official statements, then news quoting an official body, then
    analysis and think-tank texts); within one level a reported figure before an estimate,
    projection, range, conversion or verbal quantity; then a stated period; then a known
    reporting side; then the more precise figure; then the first listed.

    ``rows`` needs the columns id, authority (a key of :data:`AUTHORITY`), kind, value,
    period_stated and side_known, as :func:`pakjapan.evidence.rows` gives them.
    """
    unknown = sorted(set(rows["authority"]) - set(AUTHORITY))
    if unknown:
        raise ValueError(f"unknown authority level(s) {unknown}; expected one of {list(AUTHORITY)}")
    ranked = rows.assign(
        _authority=rows["authority"].map(AUTHORITY),
        _kind=rows["kind"].map(KIND_RANK),
        _period=~rows["period_stated"].astype(bool),
        _side=~rows["side_known"].astype(bool),
        _precision=-rows["value"].map(significant_digits),
        _order=range(len(rows)),
    ).sort_values(["_authority", "_kind", "_period", "_side", "_precision", "_order"])
    return str(ranked.iloc[0]["id"])


def in_unit(value: float, unit: str, target: str) -> float:
    """``value`` in ``target``; non-money units must already match."""
    return value if unit == target else convert(value, unit, target)


def _rounding(value: float) -> float:
    """Half a unit in the last place the value is given to (0.5 for 58, 0.05 for 58.7)."""
    text = _digits(value)
    decimals = len(text.split(".")[1]) if "." in text else 0
    return 0.5 * 10 ** (-decimals)


def intervals(rows: pd.DataFrame, unit: str) -> list[tuple[float, float]]:
    """Each distinct figure as an interval in ``unit``: a range's two bound rows form one
    interval; a point figure is widened by half a unit of its last digit (its rounding)."""
    out: list[tuple[float, float]] = []
    ranges = rows[rows["kind"] == "range"]
    for _, grp in ranges.groupby(["source", "line", "as_written"], sort=False):
        vals = [in_unit(v, u, unit) for v, u in zip(grp["value"], grp["unit"], strict=False)]
        out.append((min(vals), max(vals)))
    for _, r in rows[rows["kind"] != "range"].iterrows():
        v = in_unit(r["value"], r["unit"], unit)
        half = in_unit(_rounding(r["value"]), r["unit"], unit)
        out.append((v - half, v + half))
    return out


def agree(rows: pd.DataFrame, tolerance: float = TOLERANCE) -> bool:
    """True when every figure shares a value, within ``tolerance`` (relative) or rounding."""
    unit = rows.set_index("id").loc[preferred(rows), "unit"]
    spans = intervals(rows, unit)
    low = max(a for a, _ in spans)
    high = min(b for _, b in spans)
    return not (low > high and (low - high) > tolerance * abs(high))


def grade(rows: pd.DataFrame, tolerance: float = TOLERANCE) -> str:
    """'conflicting' unless the figures agree (:func:`agree`); agreeing figures are
    'consistent' only when they come from two or more independent measurements (the
    ``record`` column: a different reporter or a different underlying record), else
    'single source'. Two texts quoting one record confirm nothing: they are one measurement."""
    if not agree(rows, tolerance):
        return "conflicting"
    return "consistent" if rows["record"].nunique() >= 2 else "single source"


def same_value_for_two_periods(a: float, b: float) -> bool:
    """Whether two figures for different periods are equal. Reported as a fact, never by
    itself as an error: growth of 3.0% in one year and a projection of 3.0% for the next is
    what the World Bank itself published for Pakistan in October 2025."""
    return float(a) == float(b)
