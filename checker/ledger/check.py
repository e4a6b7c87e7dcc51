"""`claimcheck check DRAFT... --against LEDGER`: drafts checked against themselves and
against the related archived claims, with the same rules. Drafts are never written to the
ledger."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

from checker import pipeline
from checker.ledger.related import related_claims
from checker.ledger.store import Ledger
from checker.load import load_documents
from checker.models import Document, LoadError, Report, Rule


def check_against(
    paths: Iterable[str | os.PathLike[str]],
    rules: Sequence[Rule],
    ledger: Ledger,
    *,
    fail_on: str = "error",
) -> Report:
    docs, errors = load_documents(paths)
    return check_documents_against(docs, rules, ledger, errors=errors, fail_on=fail_on)


def check_documents_against(
    docs: Sequence[Document],
    rules: Sequence[Rule],
    ledger: Ledger,
    *,
    errors: Sequence[LoadError] = (),
    fail_on: str = "error",
) -> Report:
    """Documents already in memory (a draft sent to `claimcheck serve`) against the ledger."""
    claims_by_doc = {d.id: pipeline.extract_document(d) for d in docs}
    context = related_claims(ledger, docs, claims_by_doc)
    claims = [c for d in docs for c in claims_by_doc[d.id]]
    return pipeline.check_documents(
        docs, rules, errors=errors, fail_on=fail_on, context=context, claims=claims
    )
