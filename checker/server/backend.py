"""What the server checks drafts with: the rules, a checker callable and, with an archive,
the ledger's statistics and indexing. The HTTP layer only calls these."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.errors import UserError
from checker.models import Document, Report, Rule
from checker.pipeline import check_documents
from checker.server.drafts import RequestError

log = logging.getLogger("claimcheck.server")
# Where the ledger records an article indexed over HTTP (it records files by absolute path).
API_PREFIX = "http-api:"

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


def ledger_backend(path: Path, rules: Sequence[Rule], *, allow_index: bool = False) -> Backend:
    """Drafts checked against the archive in the ledger at `path`, as `check --against` does.

    Every call opens its own connection (SQLite connections are not shared between threads),
    read-only (`mode=ro`) for checks and statistics; a writing connection is opened only to
    index, and only when indexing is allowed."""
    from checker.ledger import open_ledger
    from checker.ledger.check import check_documents_against
    from checker.ledger.indexer import prepare

    chosen = list(rules)
    # Fails here, at start-up, with the file named, when the ledger cannot be read.
    open_ledger(path, write=False).close()

    @contextlib.contextmanager
    def ledger(write: bool) -> Iterator[Any]:
        try:
            store = open_ledger(path, write=write)
        except UserError as exc:
            log.error("cannot open the ledger: %s", exc)
            raise RequestError(503, "the archive is not available right now") from None
        try:
            yield store
        except UserError as exc:
            log.error("ledger error: %s", exc)
            raise RequestError(503, "the archive is not available right now") from None
        finally:
            store.close()

    def check(docs: Sequence[Document]) -> Report:
        with ledger(write=False) as store:
            return check_documents_against(docs, chosen, store)

    def stats() -> dict[str, Any]:
        with ledger(write=False) as store:
            # The file's location stays on the server.
            return store.stats().model_dump(mode="json", exclude={"path"})

    def index(doc: Document) -> dict[str, Any]:
        # Articles sent over HTTP have no file: they are filed under a name of their own, so
        # sending the same id again replaces the earlier version.
        where = f"{API_PREFIX}{doc.id}"
        with ledger(write=True) as store:
            item = prepare(doc, where)
            result = store.write([item])
            stored = store.lookup(where)
        status = ("added" if result.added else "updated" if result.updated else "unchanged")
        return {"id": stored.id if stored else doc.id, "status": status,
                "claims": len(item.claims)}

    return Backend(rules=chosen, check=check, stats=stats, index=index if allow_index else None)
