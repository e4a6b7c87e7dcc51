"""`claimcheck index`: files -> claims -> ledger, incrementally and in batches.

Files are read one at a time; a file whose content hash the ledger already holds is skipped
before extraction; the others are extracted and written in batches, one transaction each, so
memory stays flat however large the archive, and a run killed half-way leaves the ledger as
it was after its last whole batch."""

from __future__ import annotations

import multiprocessing.pool
import os
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from pathlib import Path

from pydantic import BaseModel

from checker import workers
from checker.claimkeys import document_keys
from checker.errors import UserError
from checker.ledger.store import IndexedDocument, Ledger
from checker.load import iter_paths, load_file
from checker.models import Document, LoadError
from checker.pipeline import extract_document

DEFAULT_BATCH = 500


class IndexSummary(BaseModel):
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    unreadable: int = 0
    claims: int = 0  # claims written by this run

    @property
    def read(self) -> int:
        return self.added + self.updated + self.unchanged

    def line(self) -> str:
        return (f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
                f"{self.removed} removed, {self.unreadable} unreadable; "
                f"{self.claims} claims written")


def count_files(paths: Iterable[str | os.PathLike[str]]) -> int:
    """How many files `index` will read (for a progress bar): a walk, no reading."""
    return sum(1 for _ in iter_paths(paths))


def index_paths(
    ledger: Ledger,
    paths: Iterable[str | os.PathLike[str]],
    *,
    batch_size: int = DEFAULT_BATCH,
    prune: bool = False,
    jobs: int | None = 1,
    on_file: Callable[[Path], None] | None = None,
    on_error: Callable[[LoadError], None] | None = None,
) -> IndexSummary:
    """Index `paths` into `ledger`. With `jobs` > 1 (None: one per CPU), extraction runs in
    that many processes when a batch is big enough to share; reading, hashing and writing
    stay in this one, a batch at a time."""
    paths = [Path(p) for p in paths]
    if batch_size < 1:
        raise UserError(f"batch size must be at least 1 (got {batch_size})")
    if jobs is not None and jobs < 1:
        raise UserError(f"jobs must be at least 1 (got {jobs})")
    if prune:
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            # An unmounted archive must not empty the ledger.
            raise UserError("refusing to prune: path not found", path=missing[0])
    summary = IndexSummary()
    pending: list[tuple[Document, str]] = []
    with ExitStack() as stack:
        pool = _LazyPool(jobs, stack)
        for path in iter_paths(paths):
            changed = _changed(ledger, path, summary, on_error)
            if changed is not None:
                pending.append(changed)
            if on_file is not None:
                on_file(path)
            if len(pending) >= batch_size:
                _flush(ledger, pool.prepare(pending), summary)
                pending.clear()
        _flush(ledger, pool.prepare(pending), summary)
    if prune:
        summary.removed = _prune(ledger, paths)
    return summary


class _LazyPool:
    """Worker processes started at the first batch big enough to share out."""

    def __init__(self, jobs: int | None, stack: ExitStack) -> None:
        self.jobs, self.stack = jobs, stack
        self.pool: multiprocessing.pool.Pool | None = None
        self.size = 1

    def prepare(self, pending: list[tuple[Document, str]]) -> list[IndexedDocument]:
        if self.pool is None:
            n = workers.jobs_for(self.jobs, len(pending))
            if n > 1:
                self.pool, self.size = self.stack.enter_context(workers.worker_pool(n)), n
        return list(workers.map_in_order(_prepare_one, pending, self.pool, self.size))


def _prepare_one(item: tuple[Document, str]) -> IndexedDocument:
    return prepare(*item)


def _changed(ledger: Ledger, path: Path, summary: IndexSummary,
             on_error) -> tuple[Document, str] | None:
    """The document read from `path` when the ledger does not hold this content yet."""
    doc = load_file(path)
    if isinstance(doc, LoadError):
        summary.unreadable += 1
        if on_error is not None:
            on_error(doc)
        return None
    abspath = os.path.abspath(path)
    stored = ledger.lookup(abspath)
    if stored is not None and stored.sha256 == doc.sha256:
        summary.unchanged += 1
        return None
    return doc, abspath


def prepare(doc: Document, abspath: str) -> IndexedDocument:
    """A document with its claims and keys, ready for `Ledger.write`."""
    claims = extract_document(doc)
    keys = document_keys(claims, doc)
    # The text is not stored (claims carry their sentence); drop it from memory now.
    light = doc.model_copy(update={"text": ""})
    return IndexedDocument(doc=light, abspath=abspath, claims=claims, keys=keys)


def _flush(ledger: Ledger, batch: list[IndexedDocument], summary: IndexSummary) -> None:
    if not batch:
        return
    result = ledger.write(batch)
    summary.added += result.added
    summary.updated += result.updated
    summary.unchanged += result.unchanged
    summary.claims += result.claims


def _prune(ledger: Ledger, paths: list[Path]) -> int:
    gone: list[str] = []
    for p in paths:
        for stored in ledger.under(os.path.abspath(p)):
            if not os.path.exists(stored.abspath):
                gone.append(stored.id)
    return ledger.remove(dict.fromkeys(gone))
