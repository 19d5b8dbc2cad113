"""Arithmetic for checking the sources against each other and against themselves.

Kept apart from the chapters so that the same rules (how a difference is measured, when two
figures count as agreeing, which figure the book uses when they do not) are applied
everywhere, written once and unit-tested once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from . import ledger


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

#: Order in which kinds of figure are preferred (lower wins).
KIND_RANK = {"reported": 0, "estimate": 1, "projection": 2, "target": 2, "range": 3, "conversion": 4}
_HEDGE = re.compile(r"~|≈|\b(about|around|approximately|approx|over|more than|up to|close to|nearly|est)\b", re.I)


def evidence(ids: list[str]) -> pd.DataFrame:
    """Ledger and reference rows by id, in one shape: id, source, kind, value, unit, as_written,
    period_stated, side_known. The source of a reference row is the body its page credits (one
    page may quote two bodies); reference rows count as estimates when their wording is hedged."""
    claims = ledger.claims().set_index("claim_id", drop=False)
    ref = ledger.table("reference_figures").set_index("ref_id", drop=False)
    out = []
    for rid in ids:
        if rid in claims.index:
            r = claims.loc[rid]
            out.append(
                {
                    "id": rid,
                    "source": r["source_id"],
                    "kind": r["kind"],
                    "value": float(r["value"]),
                    "unit": r["unit"],
                    "as_written": r["as_written"],
                    "line": int(r["line"]),
                    "period": r["period"],
                    "period_stated": r["period_type"] != "unspecified",
                    "side_known": False,
                }
            )
        elif rid in ref.index:
            r = ref.loc[rid]
            out.append(
                {
                    "id": rid,
                    "source": r["source_org"],
                    "kind": "estimate" if _HEDGE.search(r["as_written"]) else "reported",
                    "value": float(r["value"]),
                    "unit": r["unit"],
                    "as_written": r["as_written"],
                    "line": 0,
                    "period": r["period"],
                    "period_stated": True,
                    "side_known": r["reporting_side"] != "not stated",
                }
            )
        else:
            raise KeyError(f"{rid!r} is neither a claim_id in claims.csv nor a ref_id in reference_figures.csv")
    return pd.DataFrame(out)


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
    """The id of the row the book uses, by the one rule: reported before estimate, projection,
    range or conversion; then a stated period; then a known reporting side; then the more
    precise figure; then the first listed."""
    ranked = rows.assign(
        _kind=rows["kind"].map(KIND_RANK),
        _period=~rows["period_stated"],
        _side=~rows["side_known"],
        _precision=-rows["value"].map(significant_digits),
        _order=range(len(rows)),
    ).sort_values(["_kind", "_period", "_side", "_precision", "_order"])
    return str(ranked.iloc[0]["id"])


def in_unit(value: float, unit: str, target: str) -> float:
    """``value`` in ``target``; non-money units must already match."""
    return value if unit == target else ledger.convert(value, unit, target)


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
        vals = [in_unit(v, u, unit) for v, u in zip(grp["value"], grp["unit"], strict=True)]
        out.append((min(vals), max(vals)))
    for _, r in rows[rows["kind"] != "range"].iterrows():
        v = in_unit(r["value"], r["unit"], unit)
        half = in_unit(_rounding(r["value"]), r["unit"], unit)
        out.append((v - half, v + half))
    return out


def grade(rows: pd.DataFrame, tolerance: float = TOLERANCE) -> str:
    """'conflicting' unless every figure shares a value within ``tolerance`` (relative) or
    rounding; otherwise 'consistent' when two or more sources give it, else 'single source'."""
    unit = rows.set_index("id").loc[preferred(rows), "unit"]
    spans = intervals(rows, unit)
    low = max(a for a, _ in spans)
    high = min(b for _, b in spans)
    if low > high and (low - high) > tolerance * abs(high):
        return "conflicting"
    return "consistent" if rows["source"].nunique() >= 2 else "single source"


def confidence(key: str) -> str:
    """The stored confidence grade of a key figure, for printing next to it in a chapter."""
    return str(ledger.one(ledger.table("key_figures"), key=key)["grade"])
