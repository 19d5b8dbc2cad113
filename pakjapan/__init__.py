"""Helper library for the Pakistan–Japan economic relations book.

Modules, one concern each:

- Upstream inputs: ``upstream`` (the manifest ``data/upstream.csv``, fetching and verifying each raw
  file with pooch, the cache of extracted tables, and one extractor per publisher).
- Data: ``data`` (loading validated against ``data/datapackage.json``), ``validate``
  (``make validate``), ``ledger`` (queries and lookups by id over claims, reference rows and
  events), ``annotations`` (curated labels, categories and phases from ``data/annotations.csv``),
  ``external`` (the long-run tables the chapters read, built from the upstream inputs) and ``longrun``
  (pure functions on those series).
- Analysis, one module a chapter's questions: ``trade`` (one record each way, mirror statistics, goods,
  shares, ranks, peers, real terms), ``money`` (aid, loans, repayments, debt service), ``investment``
  (the State Bank's FDI by country), ``people`` (residents by status, comparators, remittances),
  ``history`` (phases from the official series).
- Figures: ``units`` (money and persons, rescaled within one kind), ``fmt`` (numbers as readers
  see them), ``growth`` (compound growth), ``periods`` (period labels to date spans).
- Judging the evidence: ``reconcile`` (pure comparison arithmetic and the rules for grading and
  choosing), ``evidence`` (the rows behind a key figure, their authority and record, and
  ``confidence``), ``checks`` (the assertions behind the book's comparative sentences).
- Output: ``reading`` (sentence measures for readers on phones), ``prose`` (glued figures), ``cite``
  (source lines built from the rows shown), ``tables`` (data tables for readers, CSVs, saved charts),
  ``charts`` (the chart grammar: ``style``, ``layout``, ``marks``, ``axes``, ``grammar``).
- Tools: ``book`` (the notebook list from ``_toc.yml``), ``execute`` (``make notebooks``), ``bench``
  (``make bench``), ``pdf``, ``serve``, ``links``.
"""

from .data import DataError, Problem, load

__all__ = ["DataError", "Problem", "load"]
