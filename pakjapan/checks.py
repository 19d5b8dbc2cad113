"""Assertions behind the book's comparative sentences.

A figure in the prose is glued from the data, so it cannot drift from its source. A sentence
*about* figures ("the largest", "twice as much", "every year", "rose") can: change one row and
the sentence may quietly become false. So each such sentence is computed and asserted here,
under a check id that the Markdown names with the role ``{check}`id```; a change in the data
that falsifies the sentence stops the notebook (and so ``make test``) with a
:class:`CheckFailed` that names the check and says what no longer holds.

Every helper takes the check id first and returns the value the sentence talks about (the
difference, the ratio, the position, the count, the peak year, the share), so the notebook can
glue exactly the number it has just checked. Helpers never round, coerce or skip values: a
missing value (``None`` or NaN) is itself a failed check, because a sentence cannot be true of a
figure the data do not hold.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

K = TypeVar("K")

#: Check ids are what the Markdown role names: lower-case words joined by hyphens.
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

#: Ids checked in this process, in order; a notebook may print it, tests may inspect it.
passed: list[str] = []


class CheckFailed(AssertionError):
    """A sentence of the book no longer holds for the data; names the check and the reason."""

    def __init__(self, check_id: str, reason: str):
        self.check_id = check_id
        self.reason = reason
        super().__init__(f"check {check_id!r} failed: {reason}")


def _id(check_id: str) -> str:
    if not isinstance(check_id, str) or not ID_PATTERN.match(check_id):
        raise ValueError(f"check id {check_id!r} is not lower-case words joined by hyphens (e.g. 'trade-ratio-2024')")
    return check_id


def _number(check_id: str, value: Any, what: str) -> float:
    """``value`` as a float; a missing or non-numeric value fails the check rather than passing."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise CheckFailed(check_id, f"{what} is not a number (got {value!r})") from None
    if math.isnan(number):
        raise CheckFailed(check_id, f"{what} is missing (NaN)")
    return number


def _ok(check_id: str, result: Any) -> Any:
    passed.append(check_id)
    return result


def _fmt(value: float) -> str:
    return f"{value:,.6g}"


# --- direction and size ------------------------------------------------------------------------


def greater(check_id: str, a: Any, b: Any, *, a_label: str = "a", b_label: str = "b", or_equal: bool = False) -> float:
    """``a`` is greater than ``b`` ("more than", "higher", "exceeds", "rose"); returns ``a - b``."""
    cid = _id(check_id)
    x, y = _number(cid, a, a_label), _number(cid, b, b_label)
    holds = x >= y if or_equal else x > y
    if not holds:
        relation = "at least" if or_equal else "greater than"
        raise CheckFailed(cid, f"{a_label} ({_fmt(x)}) is not {relation} {b_label} ({_fmt(y)})")
    return _ok(cid, x - y)


def less(check_id: str, a: Any, b: Any, *, a_label: str = "a", b_label: str = "b", or_equal: bool = False) -> float:
    """``a`` is less than ``b`` ("lower", "fell", "below"); returns ``b - a``."""
    cid = _id(check_id)
    x, y = _number(cid, a, a_label), _number(cid, b, b_label)
    holds = x <= y if or_equal else x < y
    if not holds:
        relation = "at most" if or_equal else "less than"
        raise CheckFailed(cid, f"{a_label} ({_fmt(x)}) is not {relation} {b_label} ({_fmt(y)})")
    return _ok(cid, y - x)


def ratio(
    check_id: str,
    numerator: Any,
    denominator: Any,
    *,
    low: float | None = None,
    high: float | None = None,
    expected: float | None = None,
    rel_tol: float = 0.05,
) -> float:
    """``numerator / denominator`` lies in [low, high], or within ``rel_tol`` of ``expected``
    ("twice", "3.8 times", "a six-fold range"); returns the ratio.

    Give the bounds the sentence commits to: "more than three times" is ``low=3``; "about
    twice" is ``expected=2`` with the tolerance the hedge allows.
    """
    cid = _id(check_id)
    num, den = _number(cid, numerator, "numerator"), _number(cid, denominator, "denominator")
    if den == 0:
        raise CheckFailed(cid, "the denominator is zero, so the ratio is undefined")
    value = num / den
    if expected is not None:
        if abs(value - expected) > rel_tol * abs(expected):
            raise CheckFailed(cid, f"ratio {_fmt(value)} is not within {rel_tol:.0%} of {_fmt(expected)}")
    if low is None and high is None and expected is None:
        raise ValueError(f"check {cid!r}: give low, high or expected, or the ratio asserts nothing")
    _bounds(cid, value, low, high, "ratio")
    return _ok(cid, value)


def within(check_id: str, value: Any, low: Any = None, high: Any = None, *, label: str = "value") -> float:
    """``value`` lies in [low, high] (either bound optional): "brackets", "between", "under";
    returns the value."""
    cid = _id(check_id)
    if low is None and high is None:
        raise ValueError(f"check {cid!r}: give low, high or both")
    x = _number(cid, value, label)
    lo = None if low is None else _number(cid, low, "lower bound")
    hi = None if high is None else _number(cid, high, "upper bound")
    _bounds(cid, x, lo, hi, label)
    return _ok(cid, x)


def _bounds(cid: str, value: float, low: float | None, high: float | None, label: str) -> None:
    if low is not None and value < low:
        raise CheckFailed(cid, f"{label} {_fmt(value)} is below {_fmt(low)}")
    if high is not None and value > high:
        raise CheckFailed(cid, f"{label} {_fmt(value)} is above {_fmt(high)}")


def close(check_id: str, a: Any, b: Any, *, rel_tol: float, a_label: str = "a", b_label: str = "b") -> float:
    """``a`` and ``b`` agree to within ``rel_tol`` of ``a`` ("close", "agree", "about the same");
    returns the relative difference ``(b - a) / |a|``."""
    cid = _id(check_id)
    x, y = _number(cid, a, a_label), _number(cid, b, b_label)
    if x == 0:
        raise CheckFailed(cid, f"{a_label} is zero, so a relative difference is undefined")
    rel = (y - x) / abs(x)
    if abs(rel) > rel_tol:
        raise CheckFailed(
            cid, f"{b_label} ({_fmt(y)}) differs from {a_label} ({_fmt(x)}) by {rel:+.1%}, more than {rel_tol:.1%}"
        )
    return _ok(cid, rel)


def differ(check_id: str, a: Any, b: Any, *, rel_tol: float, a_label: str = "a", b_label: str = "b") -> float:
    """``a`` and ``b`` differ by more than ``rel_tol`` of ``a`` ("disagree", "a gap"); returns the
    relative difference."""
    cid = _id(check_id)
    x, y = _number(cid, a, a_label), _number(cid, b, b_label)
    if x == 0:
        raise CheckFailed(cid, f"{a_label} is zero, so a relative difference is undefined")
    rel = (y - x) / abs(x)
    if abs(rel) <= rel_tol:
        raise CheckFailed(
            cid,
            f"{b_label} ({_fmt(y)}) is within {rel_tol:.1%} of {a_label} ({_fmt(x)}); the sentence says they differ",
        )
    return _ok(cid, rel)


def equal(check_id: str, a: Any, b: Any, *, a_label: str = "a", b_label: str = "b") -> float:
    """``a`` equals ``b`` exactly, as stored ("the same figure", "the same rate").

    The same value for two periods or two quantities is a fact to state, never by itself an
    error; this helper only asserts that the sentence saying so is still true. Returns the value.
    """
    cid = _id(check_id)
    x, y = _number(cid, a, a_label), _number(cid, b, b_label)
    if x != y:
        raise CheckFailed(cid, f"{a_label} ({_fmt(x)}) and {b_label} ({_fmt(y)}) are not the same value")
    return _ok(cid, x)


def share(check_id: str, part: Any, whole: Any, *, low: float | None = None, high: float | None = None) -> float:
    """``part`` is between ``low`` and ``high`` per cent of ``whole`` ("most", "a quarter",
    "4%"); returns the share in per cent. A part larger than its whole fails: it is not a share."""
    cid = _id(check_id)
    p, w = _number(cid, part, "part"), _number(cid, whole, "whole")
    if w <= 0:
        raise CheckFailed(cid, f"the whole ({_fmt(w)}) is not positive, so a share is undefined")
    if p < 0 or p > w:
        raise CheckFailed(
            cid, f"the part ({_fmt(p)}) is not between zero and the whole ({_fmt(w)}), so it is not a share of it"
        )
    if low is None and high is None:
        raise ValueError(f"check {cid!r}: give low, high or both (in per cent)")
    pct = p / w * 100.0
    _bounds(cid, pct, low, high, "share (%)")
    return _ok(cid, pct)


# --- order, counts and series -------------------------------------------------------------------


def rank(check_id: str, values: Mapping[K, Any], item: K, position: int, *, descending: bool = True) -> int:
    """``item`` holds ``position`` (1 = first) among ``values`` ("largest", "second-largest",
    "first among"); ties share the better position. Returns the position."""
    cid = _id(check_id)
    if item not in values:
        raise CheckFailed(cid, f"{item!r} is not among the ranked items ({', '.join(map(str, values))})")
    nums = {k: _number(cid, v, f"value of {k!r}") for k, v in values.items()}
    mine = nums[item]
    ahead = [k for k, v in nums.items() if (v > mine if descending else v < mine)]
    actual = len(ahead) + 1
    if actual != position:
        order = "largest" if descending else "smallest"
        raise CheckFailed(
            cid,
            f"{item!r} is number {actual} by {order}, not {position} "
            f"(ahead of it: {', '.join(map(str, ahead)) or 'none'})",
        )
    return _ok(cid, actual)


def count(
    check_id: str,
    items: Iterable[Any] | int,
    *,
    expected: int | None = None,
    at_least: int | None = None,
    at_most: int | None = None,
) -> int:
    """The number of ``items`` (or an int) is ``expected``, or within [at_least, at_most];
    returns the count."""
    cid = _id(check_id)
    n = items if isinstance(items, int) else len(list(items))
    if expected is None and at_least is None and at_most is None:
        raise ValueError(f"check {cid!r}: give expected, at_least or at_most")
    if expected is not None and n != expected:
        raise CheckFailed(cid, f"count is {n}, not {expected}")
    if at_least is not None and n < at_least:
        raise CheckFailed(cid, f"count is {n}, fewer than {at_least}")
    if at_most is not None and n > at_most:
        raise CheckFailed(cid, f"count is {n}, more than {at_most}")
    return _ok(cid, n)


def peak(check_id: str, series: Mapping[K, Any], at: K, *, lowest: bool = False) -> K:
    """The series reaches its maximum (or minimum) at ``at`` and nowhere else ("peaked in
    2008"); returns the key of the peak."""
    cid = _id(check_id)
    if not series:
        raise CheckFailed(cid, "the series is empty, so it has no peak")
    nums = {k: _number(cid, v, f"value at {k!r}") for k, v in series.items()}
    target = min(nums.values()) if lowest else max(nums.values())
    where = [k for k, v in nums.items() if v == target]
    word = "lowest" if lowest else "highest"
    if where != [at]:
        raise CheckFailed(
            cid, f"the {word} value ({_fmt(target)}) is at {', '.join(map(str, where))}, not only at {at!r}"
        )
    return _ok(cid, at)


def monotonic(
    check_id: str, series: Mapping[K, Any] | Iterable[Any], *, rising: bool = True, strict: bool = True
) -> int:
    """Every step of the series goes the same way ("rose each year", "widening", "steady
    decline"); returns the number of steps."""
    cid = _id(check_id)
    pairs = list(series.items()) if isinstance(series, Mapping) else list(enumerate(series))
    if len(pairs) < 2:
        raise CheckFailed(cid, "a trend needs at least two points")
    nums = [(k, _number(cid, v, f"value at {k!r}")) for k, v in pairs]
    for (k0, v0), (k1, v1) in zip(nums, nums[1:], strict=False):
        up, down = v1 > v0, v1 < v0
        ok = (up or (not strict and v1 == v0)) if rising else (down or (not strict and v1 == v0))
        if not ok:
            way = "rise" if rising else "fall"
            raise CheckFailed(cid, f"from {k0!r} ({_fmt(v0)}) to {k1!r} ({_fmt(v1)}) the series does not {way}")
    return _ok(cid, len(nums) - 1)


def all_(check_id: str, items: Mapping[K, Any] | Iterable[Any], test: Callable[[Any], bool], *, what: str) -> int:
    """Every item passes ``test`` ("every", "all", "each year", "in every tally"); returns how
    many items there are. An empty collection fails: "all of none" is not what a sentence means."""
    cid = _id(check_id)
    pairs = list(items.items()) if isinstance(items, Mapping) else list(enumerate(items))
    if not pairs:
        raise CheckFailed(cid, f"there are no items, so 'all {what}' says nothing")
    bad = [k for k, v in pairs if not test(v)]
    if bad:
        raise CheckFailed(cid, f"not all items are {what}: {', '.join(map(str, bad))} are not")
    return _ok(cid, len(pairs))


def any_(check_id: str, items: Mapping[K, Any] | Iterable[Any], test: Callable[[Any], bool], *, what: str) -> int:
    """At least one item passes ``test`` ("some", "at least one"); returns how many do."""
    cid = _id(check_id)
    pairs = list(items.items()) if isinstance(items, Mapping) else list(enumerate(items))
    good = [k for k, v in pairs if test(v)]
    if not good:
        raise CheckFailed(cid, f"none of the {len(pairs)} items is {what}")
    return _ok(cid, len(good))


def none_(check_id: str, items: Mapping[K, Any] | Iterable[Any], test: Callable[[Any], bool], *, what: str) -> int:
    """No item passes ``test`` ("never", "none", "no source"); returns how many items were looked at."""
    cid = _id(check_id)
    pairs = list(items.items()) if isinstance(items, Mapping) else list(enumerate(items))
    bad = [k for k, v in pairs if test(v)]
    if bad:
        raise CheckFailed(cid, f"some items are {what}: {', '.join(map(str, bad))}")
    return _ok(cid, len(pairs))


def holds(check_id: str, condition: bool, *, why_not: str) -> bool:
    """A condition no other helper expresses (a qualitative fact read from the data, such as
    two rows sharing a reporter); ``why_not`` says what is wrong if it fails. Use sparingly:
    the specific helpers give better messages."""
    cid = _id(check_id)
    if condition is not True and condition is not False:
        condition = bool(condition)
    if not condition:
        raise CheckFailed(cid, why_not)
    return _ok(cid, True)
