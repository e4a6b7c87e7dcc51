"""Drafts against the ledger: the archived claims related to a draft's claims, as a ClaimSet
the ordinary rules run over.

For each count, role and event of a draft, the ledger is asked for claims of the same kind and
coarse key (checker.claimkeys) whose date range overlaps the draft claim's range widened by
the kind's margin, plus the undated ones; then for the date and period claims of those
candidates' paragraphs (rules need them to know what window a count refers to); then for
their documents. The cost follows the number of related claims, not the archive's size.

An archived document with the id of a draft is left out: a draft is usually an edited
version of an article already indexed, and must not be checked against its old self."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from checker.claimkeys import MARGIN_DAYS, TIME_KINDS, document_keys
from checker.claimset import ClaimSet
from checker.ledger.store import KeyQuery, Ledger
from checker.models import Claim, Document

# At most this many candidates per draft claim, the nearest in time first: a person named in
# every article of the week must not make one lookup read thousands of claims.
CANDIDATES_PER_CLAIM = 500


def queries_for(doc: Document, claims: Sequence[Claim]) -> list[KeyQuery]:
    out: list[KeyQuery] = []
    for claim, keys in zip(claims, document_keys(claims, doc), strict=True):
        if keys.key is None or keys.key == "":
            continue
        if keys.dated:
            margin = dt.timedelta(days=MARGIN_DAYS.get(claim.kind, 0))
            out.append(KeyQuery(kind=claim.kind, key=keys.key,
                                first_day=keys.first_day - margin, last_day=keys.last_day + margin,
                                margin_days=margin.days))
        else:
            out.append(KeyQuery(kind=claim.kind, key=keys.key))
    return out


def related_claims(
    ledger: Ledger,
    drafts: Sequence[Document],
    claims_by_doc: Mapping[str, Sequence[Claim]],
    *,
    limit: int = CANDIDATES_PER_CLAIM,
) -> ClaimSet:
    """The archived claims and documents the drafts' claims may be compared with."""
    queries: list[KeyQuery] = []
    for doc in drafts:
        queries.extend(queries_for(doc, claims_by_doc.get(doc.id, ())))
    if not queries:
        return ClaimSet([], [])
    exclude = {d.id for d in drafts}
    candidates = ledger.candidates(queries, exclude_docs=exclude, limit=limit)
    context = ledger.paragraph_context(candidates, TIME_KINDS)
    merged = {c.id: c for c in [*candidates, *context]}
    claims = sorted(merged.values(), key=lambda c: (c.doc, c.start, c.end, c.kind))
    documents = ledger.documents({c.doc for c in claims})
    return ClaimSet(claims, documents)
