"""Upstream inputs: the raw files the book's official series come from, and their extraction.

The flow, one module per step: ``manifest`` (``data/upstream.csv``, every input pinned by address,
sha256 and size), ``fetch`` (pooch: the cache, the offline folder, a mirror; ``make data``),
``tables`` (extracted frames cached by input hash and extractor version), ``countries`` (publishers'
country names to ISO 3166 codes, from ``data/country_codes.csv``), ``rda`` and ``csvtext`` (reading R
data files and CSV text with structure errors instead of tracebacks), then one extractor per publisher:
``cow`` (Correlates of War), ``fred``, ``bls``, ``worldbank`` (WDI, International Debt Statistics,
the remittance matrix), ``pwt``, ``maddison``, ``oecd`` (DAC deflators), ``imf`` (Direction of
Trade Statistics), ``mof`` (Japan's customs record), ``sbp`` (State Bank of Pakistan), ``one`` (ONE's
net flows), ``isa`` (Japan's foreign residents), ``undesa`` (migrant stock), and ``legacy`` (the four
long-run tables the chapters were first written on, rebuilt from these extractors).

Nothing is dropped, filled or estimated on the way: flags carry estimates, projections and breaks.
"""

from .errors import StructureError, UpstreamError

__all__ = ["StructureError", "UpstreamError"]
