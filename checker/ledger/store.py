"""The ledger's small storage interface. Rules never see it: the ledger hands them a ClaimSet
(see checker.ledger.related), so another backend (DuckDB, Parquet) only has to implement
`Ledger`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator, Sequence
from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field

from checker.claimkeys import ClaimKeys
from checker.models import Claim, Document

SCHEMA_VERSION = 1


class IndexedDocument(BaseModel):
    """A document ready to be stored: its claims and their keys (computed by
    checker.claimkeys, so every backend stores the same keys)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    doc: Document
    abspath: str
    claims: list[Claim]
    keys: list[ClaimKeys]


class StoredDocument(BaseModel):
    id: str
    abspath: str
    sha256: str


class WriteResult(BaseModel):
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    claims: int = 0


class KeyQuery(BaseModel):
    """Claims of one kind and key whose date range overlaps [first_day, last_day]; undated
    claims of that key always qualify. Without a range, only undated claims qualify."""

    model_config = ConfigDict(frozen=True)

    kind: str
    key: str
    first_day: dt.date | None = None
    last_day: dt.date | None = None
    # How many days the range was widened by on each side: "nearest first" measures from the
    # range before widening, so a candidate of the very same window comes first.
    margin_days: int = 0


class LedgerStats(BaseModel):
    path: str
    schema_version: int
    documents: int = 0
    claims: int = 0
    claims_by_kind: dict[str, int] = Field(default_factory=dict)
    sources: dict[str, int] = Field(default_factory=dict)
    first_published: str | None = None
    last_published: str | None = None
    first_day: str | None = None
    last_day: str | None = None


class Ledger(Protocol):
    """An archive of documents and their claims, keyed for related-claim lookups."""

    path: str

    def lookup(self, abspath: str) -> StoredDocument | None:
        """The stored document read from this file, if any."""

    def write(self, batch: Sequence[IndexedDocument]) -> WriteResult:
        """Add or replace the documents of a batch (matched by abspath), all or nothing."""

    def under(self, folder_abspath: str) -> Iterator[StoredDocument]:
        """Stored documents whose file is this file or lies under this folder."""

    def remove(self, doc_ids: Collection[str]) -> int:
        """Delete documents and their claims, all or nothing; returns how many went."""

    def candidates(
        self, queries: Sequence[KeyQuery], *, exclude_docs: Collection[str] = (),
        limit: int | None = None,
    ) -> list[Claim]:
        """Claims matching any query, at most `limit` per query (the nearest in time)."""

    def paragraph_context(self, claims: Sequence[Claim], kinds: Sequence[str]) -> list[Claim]:
        """Claims of `kinds` in the paragraphs of `claims` (the dates that place a count)."""

    def documents(self, doc_ids: Collection[str]) -> list[Document]:
        """Stored documents by id (metadata and path; the text is not stored)."""

    def stats(self) -> LedgerStats: ...

    def iter_claims(self) -> Iterator[Claim]:
        """Every stored claim, document by document, without holding them all."""

    def close(self) -> None: ...
