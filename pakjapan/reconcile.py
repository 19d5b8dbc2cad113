"""Arithmetic for checking the sources against each other and against themselves.

Kept apart from the chapters so that the same rule (how a difference is measured, when two
figures count as agreeing) is applied everywhere and is unit-tested once.
"""

from __future__ import annotations

from dataclasses import dataclass


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
