"""What the server checks drafts with: the rules, a checker callable and, with an archive,
the ledger's statistics and indexing. The HTTP layer only calls these."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from checker.models import Document, Report, Rule
from checker.pipeline import check_documents

# Drafts in, the report of `check --against` out. Called in a worker thread, one call per
# request, so it must open whatever it needs (a database connection) for itself.
Checker = Callable[[Sequence[Document]], Report]


@dataclass(frozen=True)
class Backend:
    rules: list[Rule]
    check: Checker
    # The archive's statistics; None when the server runs without a ledger.
    stats: Callable[[], dict[str, Any]] | None = None
    # Adds a published document to the archive; None unless indexing is allowed.
    index: Callable[[Document], dict[str, Any]] | None = None


def pipeline_backend(rules: Sequence[Rule]) -> Backend:
    """Drafts checked against themselves only: the plain pipeline, no archive."""
    chosen = list(rules)
    return Backend(rules=chosen, check=lambda docs: check_documents(docs, chosen))
