"""The ledger and reference rows behind a key figure, with what the reconciliation rules need to
judge them: how authoritative each source is, and which underlying record each figure measures.

:mod:`pakjapan.reconcile` holds the rules as arithmetic on a frame; this module builds that
frame from the data. The two judgements it adds are written here once, with their reasons,
because they decide grades the book prints:

* **Authority** ranks the body whose figure it is: official statistics, then official
  statements, then news reports quoting an official body, then analysis and think-tank texts.
  A figure relayed by a newspaper keeps the level of the body it quotes ("State Bank of
  Pakistan (via APP)" is official statistics); a figure in one of the five documents takes the
  document's level, because the documents do not give a reference the book could follow.
* **Record** names the underlying measurement. Two figures confirm each other only when they
  come from different records; two texts quoting one record are one measurement, however
  many reporters repeat it. By default each reporting body is its own record; the exceptions
  below are those where the evidence shows two reporters quoting the same record.
"""

from __future__ import annotations

import re

import pandas as pd

from . import ledger

#: Rows known to quote one underlying record, with the evidence for it.
SHARED_RECORDS: dict[str, tuple[str, str]] = {
    "CNA-01": ("OEC trade data", "CNA credits the rate to the Observatory of Economic Complexity."),
    "GEA-18": (
        "OEC trade data",
        "The essay's rate is the same figure for the same span; its table lists OEC World among its three sources.",
    ),
    "REF-007": (
        "Japan Ministry of Finance import statistics",
        "Pakistan's embassy in Tokyo relays Japan's Ministry of Finance figures.",
    ),
    "REF-008": ("Japan Ministry of Finance import statistics", "As REF-007."),
    "REF-009": ("Japan Ministry of Finance import statistics", "As REF-007."),
    "REF-010": (
        "Japan Ministry of Finance import statistics",
        "The adviser's 47% growth is US$86.4 million over US$58.7 million, and US$58.7 million is Japan's "
        "Ministry of Finance figure for January-March 2020 (REF-009): his quarter comes from Japan's import records.",
    ),
    "REF-011": (
        "Japan Ministry of Finance import statistics",
        "The embassy's commercial officials, who publish Japan's Ministry of Finance figures (REF-007 to REF-009), "
        "round the same quarter's US$58.7 million to 'US$58 million'.",
    ),
    "REV-23": (
        "Japan Ministry of Justice foreign-resident statistics",
        "The review credits its count to government reporting and gives Japan's Ministry of Justice figure "
        "for the end of 2023 (REF-121) to the person.",
    ),
    "REF-121": (
        "Japan Ministry of Justice foreign-resident statistics",
        "The Ministry of Justice count, relayed by an encyclopedia page.",
    ),
    "REV-16": (
        "Announcement of the first car shipment to Japan",
        "The review lists Pakistani press reporting on commercial milestones among its sources; the shipment's count "
        "and month are those of the industries ministry's announcement (REF-133).",
    ),
    "REF-133": (
        "Announcement of the first car shipment to Japan",
        "The industries ministry's announcement, via Business Recorder.",
    ),
    "REV-19": (
        "The Indus Basin grant agreement",
        "A grant's amount is fixed by one agreement, not measured; the review relays its signing ('Japan (via JICA "
        "and Embassy channels) signed grant agreements') and lists JICA press releases and Pakistani press "
        "reporting among its sources.",
    ),
    "REF-089": (
        "The Indus Basin grant agreement",
        "Pakistan's economic affairs ministry's release on the same grant, via Business Recorder.",
    ),
    "REF-104": (
        "State Bank of Pakistan FDI by country, FY2022-23",
        "The Board of Investment's $183M is the State Bank's net direct investment from Japan for July-June 2023, "
        "as the bank released it ('According to SBP data, Japan came in second with $183 million', WEB-014).",
    ),
    "REF-103": (
        "State Bank of Pakistan FDI by country, FY2022-23",
        "The embassy's $182M is the State Bank's figure for Japan in the same release, net direct plus portfolio "
        "investment ('Pakistan received $182 million from Japan', WEB-010): the bank's record, republished.",
    ),
}

#: Document figures whose level differs from their document's, with the reason. Only figures the
#: text itself credits to a body qualify: CNA's deficit (CNA-03, line 12) names no platform and
#: stands beside government representatives' view, so it keeps the news report's level.
CLAIM_AUTHORITY: dict[str, tuple[str, str]] = {
    cid: (
        "analysis",
        "CNA credits its growth rates to the Observatory of Economic Complexity, a data platform, "
        "not to an official body (line 10, and line 11 'over the same period').",
    )
    for cid in ("CNA-01", "CNA-02")
}

#: Authority of a reference row, from the body it credits (first matching pattern wins).
_AUTHORITY_RULES: list[tuple[str, str]] = [
    (
        r"statistics|Bureau of Statistics|State Bank of Pakistan|Board of Investment|JETRO|alien registration"
        r"|FBR and TDAS|country data book",
        "official statistics",
    ),
    (
        r"Trading Economics|Wikipedia mirror|Nippon Foundation|PJBF|chamber of commerce|Bloom Pakistan|"
        r"Business Recorder article|VOA report",
        "analysis",
    ),
    (r"Unnamed official sources", "news quoting an official body"),
    (
        r"MOFA|Ministry|Embassy|Ambassador|Consul|Adviser|Minister|Senator|Economic Affairs|JICA|JBIC|"
        r"World Bank|Finance Ministry",
        "official statement",
    ),
]

#: Authority of a figure in one of the five documents, by the document's kind in sources.csv.
_DOCUMENT_AUTHORITY = {
    "official": "official statement",
    "news": "news quoting an official body",
    "analysis": "analysis",
    "think-tank": "analysis",
    "report": "analysis",
}

_HEDGE = re.compile(r"~|≈|\b(about|around|approximately|approx|over|more than|up to|close to|nearly|est)\b", re.I)


def authority_of(source_org: str) -> str:
    """The authority level of a reference row's crediting body; an error if no rule covers it,
    so that a new kind of source is classified on purpose rather than by default."""
    for pattern, level in _AUTHORITY_RULES:
        if re.search(pattern, source_org):
            return level
    raise ValueError(
        f"no authority rule covers the source {source_org!r}; add one to pakjapan.evidence._AUTHORITY_RULES"
    )


def record_of(row_id: str, reporter: str) -> str:
    """The underlying record a row measures: a shared record where the evidence shows one,
    otherwise its own reporter (the crediting body, without the outlet that relayed it)."""
    if row_id in SHARED_RECORDS:
        return SHARED_RECORDS[row_id][0]
    return reporter.split(" (")[0].strip()


def rows(ids: list[str]) -> pd.DataFrame:
    """Ledger and reference rows by id, in one shape: id, source, kind, value, unit, as_written,
    line, period, period_stated, side_known, authority, record. Reference rows count as
    estimates when their wording is hedged."""
    claims = ledger.claims().set_index("claim_id", drop=False)
    ref = ledger.table("reference_figures").set_index("ref_id", drop=False)
    kinds = ledger.table("sources").set_index("source_id")["kind"]
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
                    "authority": CLAIM_AUTHORITY.get(rid, (_DOCUMENT_AUTHORITY[kinds[r["source_id"]]],))[0],
                    "record": record_of(rid, r["source_id"]),
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
                    "authority": authority_of(r["source_org"]),
                    "record": record_of(rid, r["source_org"]),
                }
            )
        else:
            raise KeyError(f"{rid!r} is neither a claim_id in claims.csv nor a ref_id in reference_figures.csv")
    return pd.DataFrame(out)


def confidence(key: str) -> str:
    """The stored confidence grade of a key figure, for printing next to it in a chapter."""
    return str(ledger.one(ledger.table("key_figures"), key=key)["grade"])
