"""The embedded ledger: one SQLite file (WAL, foreign keys, a busy timeout), schema version in
PRAGMA user_version, claimcheck's mark in PRAGMA application_id.

A claim's date range is stored with a span class (how many days it covers, rounded up to a
bound) so that "ranges overlapping [a, b]" becomes, per class, an index range scan over
first_day in [a - bound, b]: a lookup reads the claims near the date asked about, never every
claim of the key since the archive began."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from pydantic import TypeAdapter

from checker.errors import UserError
from checker.ledger.faults import sqlite_fault
from checker.ledger.sqlite_schema import check_header, connect, prepare
from checker.ledger.store import (
    SCHEMA_VERSION,
    IndexedDocument,
    KeyQuery,
    LedgerStats,
    StoredDocument,
    WriteResult,
)
from checker.models import Claim, Document, DocumentMeta

# Upper bounds (days covered - 1) of the span classes; longer ranges go to LONG.
SPAN_BOUNDS = (0, 7, 31, 92, 366, 1100)
LONG, UNDATED = len(SPAN_BOUNDS), -1
_CHUNK = 500
_CLAIM = TypeAdapter(Claim)

_CLAIM_COLUMNS = (
    'c.id, c.kind, c.text, c.start, c."end", c.line, c."column", c.sentence, c.attribution, '
    "c.speaker, c.value, c.paragraph, c.sentence_index, d.id"
)


def span_class(first: dt.date | None, last: dt.date | None) -> int:
    if first is None or last is None:
        return UNDATED
    days = (last - first).days
    for i, bound in enumerate(SPAN_BOUNDS):
        if days <= bound:
            return i
    return LONG


class SqliteLedger:
    """A ledger in one SQLite file. Open with `open_ledger`."""

    def __init__(self, path: str, conn: sqlite3.Connection, busy_timeout: float) -> None:
        self.path = path
        self._conn = conn
        self._busy = busy_timeout

    # -- faults -----------------------------------------------------------------------------

    @contextmanager
    def _guard(self):
        try:
            yield
        except sqlite3.Error as exc:
            raise sqlite_fault(exc, self.path, self._busy) from None

    @contextmanager
    def _transaction(self):
        """One write transaction, taken at once (BEGIN IMMEDIATE) so a concurrent writer
        waits for the busy timeout instead of failing half-way through."""
        with self._guard():
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    # -- writing ----------------------------------------------------------------------------

    def lookup(self, abspath: str) -> StoredDocument | None:
        with self._guard():
            row = self._conn.execute(
                "SELECT id, abspath, sha256 FROM documents WHERE abspath = ?", (abspath,)
            ).fetchone()
        return StoredDocument(id=row[0], abspath=row[1], sha256=row[2]) if row else None

    def write(self, batch: Sequence[IndexedDocument]) -> WriteResult:
        result = WriteResult()
        if not batch:
            return result
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        with self._transaction() as conn:
            for item in batch:
                # Looked up again inside the transaction: another run may have written it.
                row = conn.execute(
                    "SELECT rowid, id, sha256 FROM documents WHERE abspath = ?", (item.abspath,)
                ).fetchone()
                if row and row[2] == item.doc.sha256:
                    result.unchanged += 1
                    continue
                if row:
                    conn.execute("DELETE FROM documents WHERE rowid = ?", (row[0],))
                    doc_id = row[1]
                    result.updated += 1
                else:
                    doc_id = self._free_id(conn, item)
                    result.added += 1
                rowid = self._insert_document(conn, item, doc_id, now)
                conn.executemany(
                    "INSERT INTO claims (doc, id, kind, text, start, \"end\", line, \"column\", "
                    "sentence, attribution, speaker, value, paragraph, sentence_index, key, "
                    "subject, span, first_day, last_day) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (_claim_row(rowid, doc_id, c, k) for c, k in zip(item.claims, item.keys,
                                                                   strict=True)),
                )
                result.claims += len(item.claims)
        return result

    @staticmethod
    def _free_id(conn: sqlite3.Connection, item: IndexedDocument) -> str:
        """The file stem, unless another file already holds it: then its path (as given),
        then its absolute path."""
        for candidate in (item.doc.id, item.doc.path, item.abspath):
            taken = conn.execute("SELECT 1 FROM documents WHERE id = ?", (candidate,)).fetchone()
            if not taken:
                return candidate
        raise UserError("two files claim the same document id", path=item.abspath)

    @staticmethod
    def _insert_document(
        conn: sqlite3.Connection, item: IndexedDocument, doc_id: str, now: str
    ) -> int:
        d, m = item.doc, item.doc.meta
        cur = conn.execute(
            "INSERT INTO documents (id, path, abspath, sha256, source, published, url, title, "
            "author, dateline, body_start, claims, indexed_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc_id, d.path, item.abspath, d.sha256, m.source, m.published, m.url, m.title,
             d.author, d.dateline, d.body_start, len(item.claims), now),
        )
        return int(cur.lastrowid)

    def under(self, folder_abspath: str) -> Iterator[StoredDocument]:
        prefix = folder_abspath.rstrip(os.sep) + os.sep
        upper = prefix[:-1] + chr(ord(os.sep) + 1)
        with self._guard():
            rows = self._conn.execute(
                "SELECT id, abspath, sha256 FROM documents "
                "WHERE abspath = ? OR (abspath >= ? AND abspath < ?) ORDER BY abspath",
                (folder_abspath, prefix, upper),
            )
            for r in rows:
                yield StoredDocument(id=r[0], abspath=r[1], sha256=r[2])

    def remove(self, doc_ids: Collection[str]) -> int:
        ids = list(doc_ids)
        removed = 0
        if not ids:
            return 0
        with self._transaction() as conn:
            for i in range(0, len(ids), _CHUNK):
                part = ids[i : i + _CHUNK]
                marks = ",".join("?" * len(part))
                removed += conn.execute(
                    f"DELETE FROM documents WHERE id IN ({marks})", part
                ).rowcount
        return removed

    # -- reading ----------------------------------------------------------------------------

    def candidates(
        self, queries: Sequence[KeyQuery], *, exclude_docs: Collection[str] = (),
        limit: int | None = None,
    ) -> list[Claim]:
        with self._guard():
            excluded = self._rowids(exclude_docs)
            chosen: set[int] = set()
            for q in dict.fromkeys(queries):
                hits = [h for h in self._matches(q) if h[1] not in excluded]
                if limit is not None and len(hits) > limit:
                    hits.sort(key=lambda h: _distance(q, h[2], h[3]))
                    hits = hits[:limit]
                chosen.update(h[0] for h in hits)
            return self._claims_by_rowid(sorted(chosen))

    def _matches(self, q: KeyQuery) -> list[tuple]:
        base = "SELECT rowid, doc, first_day, last_day FROM claims WHERE kind = ? AND key = ? "
        undated = (base + "AND span = ?", (q.kind, q.key, UNDATED))
        if q.first_day is None or q.last_day is None:
            return self._conn.execute(*undated).fetchall()
        first, last = q.first_day.isoformat(), q.last_day.isoformat()
        parts, args = [undated[0]], list(undated[1])
        for cls, bound in enumerate(SPAN_BOUNDS):
            lo = (q.first_day - dt.timedelta(days=bound)).isoformat()
            parts.append(base + "AND span = ? AND first_day BETWEEN ? AND ? AND last_day >= ?")
            args += [q.kind, q.key, cls, lo, last, first]
        parts.append(base + "AND span = ? AND first_day <= ? AND last_day >= ?")
        args += [q.kind, q.key, LONG, last, first]
        return self._conn.execute(" UNION ALL ".join(parts), args).fetchall()

    def _rowids(self, doc_ids: Collection[str]) -> set[int]:
        out: set[int] = set()
        ids = list(doc_ids)
        for i in range(0, len(ids), _CHUNK):
            part = ids[i : i + _CHUNK]
            marks = ",".join("?" * len(part))
            out.update(r[0] for r in self._conn.execute(
                f"SELECT rowid FROM documents WHERE id IN ({marks})", part))
        return out

    def _claims_by_rowid(self, rowids: list[int]) -> list[Claim]:
        out: list[Claim] = []
        for i in range(0, len(rowids), _CHUNK):
            part = rowids[i : i + _CHUNK]
            marks = ",".join("?" * len(part))
            rows = self._conn.execute(
                f"SELECT {_CLAIM_COLUMNS} FROM claims c JOIN documents d ON d.rowid = c.doc "
                f"WHERE c.rowid IN ({marks}) ORDER BY c.doc, c.rowid", part,
            )
            out.extend(_claim(r) for r in rows)
        return out

    def paragraph_context(self, claims: Sequence[Claim], kinds: Sequence[str]) -> list[Claim]:
        places = sorted({(c.doc, c.paragraph) for c in claims})
        kind_marks = ",".join("?" * len(kinds))
        out: list[Claim] = []
        with self._guard():
            for doc_id, paragraph in places:
                rows = self._conn.execute(
                    f"SELECT {_CLAIM_COLUMNS} FROM claims c JOIN documents d ON d.rowid = c.doc "
                    f"WHERE d.id = ? AND c.paragraph = ? AND c.kind IN ({kind_marks}) "
                    "ORDER BY c.rowid",
                    (doc_id, paragraph, *kinds),
                )
                out.extend(_claim(r) for r in rows)
        return out

    def documents(self, doc_ids: Collection[str]) -> list[Document]:
        ids = sorted(set(doc_ids))
        out: list[Document] = []
        with self._guard():
            for i in range(0, len(ids), _CHUNK):
                part = ids[i : i + _CHUNK]
                marks = ",".join("?" * len(part))
                rows = self._conn.execute(
                    "SELECT id, path, sha256, source, published, url, title, author, dateline, "
                    f"body_start FROM documents WHERE id IN ({marks}) ORDER BY id", part,
                )
                out.extend(
                    Document(
                        id=r[0], path=r[1], sha256=r[2],
                        meta=DocumentMeta(source=r[3], published=r[4], url=r[5], title=r[6]),
                        author=r[7], dateline=r[8], body_start=r[9],
                    )
                    for r in rows
                )
        return out

    def stats(self) -> LedgerStats:
        with self._guard():
            c = self._conn
            docs, first_pub, last_pub = c.execute(
                "SELECT count(*), min(published), max(published) FROM documents").fetchone()
            by_kind = dict(c.execute(
                "SELECT kind, count(*) FROM claims GROUP BY kind ORDER BY kind"))
            sources = dict(c.execute(
                "SELECT coalesce(source, '—'), count(*) FROM documents GROUP BY source "
                "ORDER BY count(*) DESC, source LIMIT 20"))
            first_day, last_day = c.execute(
                "SELECT min(first_day), max(last_day) FROM claims WHERE key IS NOT NULL").fetchone()
        return LedgerStats(
            path=self.path, schema_version=SCHEMA_VERSION, documents=docs,
            claims=sum(by_kind.values()), claims_by_kind=by_kind, sources=sources,
            first_published=first_pub, last_published=last_pub,
            first_day=first_day, last_day=last_day,
        )

    def iter_claims(self) -> Iterator[Claim]:
        with self._guard():
            rows = self._conn.execute(
                f"SELECT {_CLAIM_COLUMNS} FROM claims c JOIN documents d ON d.rowid = c.doc "
                "ORDER BY d.id, c.rowid"
            )
            for r in rows:
                yield _claim(r)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> SqliteLedger:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _claim_row(doc_rowid: int, doc_id: str, c: Claim, k) -> tuple:
    claim_id = c.id
    if c.doc != doc_id and claim_id.startswith(c.doc + ":"):
        claim_id = doc_id + claim_id[len(c.doc):]
    return (
        doc_rowid, claim_id, c.kind, c.text, c.start, c.end, c.line, c.column, c.sentence,
        c.provenance.attribution, c.provenance.speaker, c.value.model_dump_json(),
        c.paragraph, c.sentence_index, k.key, k.subject, span_class(k.first_day, k.last_day),
        k.first_day.isoformat() if k.first_day else None,
        k.last_day.isoformat() if k.last_day else None,
    )


def _claim(r: tuple) -> Claim:
    return _CLAIM.validate_python({
        "id": r[0], "kind": r[1], "text": r[2], "start": r[3], "end": r[4], "line": r[5],
        "column": r[6], "sentence": r[7],
        "provenance": {"attribution": r[8], "speaker": r[9]},
        "value": json.loads(r[10]), "paragraph": r[11], "sentence_index": r[12], "doc": r[13],
    })


def _distance(q: KeyQuery, first: str | None, last: str | None) -> int:
    """Days between the ends of a stored range and of the range asked about (before its
    margin): 0 for the very same window. Undated claims come after every dated one."""
    if first is None or last is None or q.first_day is None or q.last_day is None:
        return 1 << 30
    asked_first = q.first_day.toordinal() + q.margin_days
    asked_last = q.last_day.toordinal() - q.margin_days
    return (abs(dt.date.fromisoformat(first).toordinal() - asked_first)
            + abs(dt.date.fromisoformat(last).toordinal() - asked_last))


# -- opening ---------------------------------------------------------------------------------

def open_ledger(path: str | os.PathLike[str], *, write: bool,
                busy_timeout: float = 30.0) -> SqliteLedger:
    """Open (for `write`, create if missing) the ledger at `path`. Any problem is a UserError
    naming the file and the cause; the file is left as it was."""
    p = Path(path)
    shown = str(path)
    if p.is_dir():
        raise UserError("is a folder, not a ledger file", path=shown)
    exists = p.exists()
    if not exists and not write:
        raise UserError("no such ledger (create it with `claimcheck index PATH --ledger FILE`)",
                        path=shown)
    if exists:
        check_header(p, shown, write)
    if write:
        folder = p.resolve().parent
        if not exists:
            folder.mkdir(parents=True, exist_ok=True)
        elif not os.access(p, os.W_OK):
            raise UserError("the ledger is read-only (no write permission on the file)",
                            path=shown)
        if not os.access(folder, os.W_OK):
            raise UserError(f"the ledger's folder {folder} is read-only (SQLite writes its "
                            "journal beside the file)", path=shown)
    try:
        conn = connect(p, write, busy_timeout)
    except sqlite3.Error as exc:
        raise sqlite_fault(exc, shown, busy_timeout) from None
    ledger = SqliteLedger(shown, conn, busy_timeout)
    try:
        with ledger._guard():
            prepare(conn, shown, write)
    except BaseException:
        conn.close()
        raise
    return ledger
