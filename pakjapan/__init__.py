"""Helper library for the Pakistan–Japan economic relations book.

Modules: ``data`` (validated loading against the data package), ``ledger`` (querying and
formatting figures), ``periods`` (period labels to date spans), ``reconcile`` (comparison
arithmetic), ``charts`` (house style, deterministic SVG) and ``cite`` (source lines).
"""

from .data import DataError, Problem, load

__all__ = ["DataError", "Problem", "load"]
