"""The SQLite ledger file: its schema, and the checks that make opening it safe (a file that is
not a SQLite database, another program's database, a newer schema) before anything is written.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

from checker.errors import UserError
from checker.ledger.store import SCHEMA_VERSION

APPLICATION_ID = 0x436C436B  # "ClCk"
_MAGIC = b"SQLite format 3\x00"

_SCHEMA = """
CREATE TABLE documents (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  path TEXT NOT NULL,
  abspath TEXT NOT NULL UNIQUE,
  sha256 TEXT NOT NULL,
  source TEXT, published TEXT, url TEXT, title TEXT, author TEXT, dateline TEXT,
  body_start INTEGER NOT NULL DEFAULT 0,
  claims INTEGER NOT NULL,
  indexed_at TEXT NOT NULL
);
CREATE INDEX documents_published ON documents(published);
CREATE TABLE claims (
  rowid INTEGER PRIMARY KEY,
  doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
  id TEXT NOT NULL,
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  start INTEGER NOT NULL, "end" INTEGER NOT NULL,
  line INTEGER NOT NULL, "column" INTEGER NOT NULL,
  sentence TEXT NOT NULL,
  attribution TEXT, speaker TEXT,
  value TEXT NOT NULL,
  paragraph INTEGER NOT NULL, sentence_index INTEGER NOT NULL,
  key TEXT, subject TEXT,
  span INTEGER, first_day TEXT, last_day TEXT
);
CREATE INDEX claims_doc_paragraph ON claims(doc, paragraph);
CREATE INDEX claims_lookup ON claims(kind, key, span, first_day, last_day, doc)
  WHERE key IS NOT NULL;
"""

def check_header(p: Path, shown: str, write: bool) -> None:
    try:
        with p.open("rb") as f:
            head = f.read(len(_MAGIC))
    except OSError as exc:
        raise UserError(f"cannot read the ledger ({exc.strerror or exc})", path=shown) from None
    if not head and write:
        return  # an empty file: a new ledger
    if head != _MAGIC:
        raise UserError("not a claimcheck ledger (the file is not a SQLite database)", path=shown)


def connect(p: Path, write: bool, busy_timeout: float) -> sqlite3.Connection:
    if write:
        conn = sqlite3.connect(str(p), timeout=busy_timeout, isolation_level=None)
    else:
        uri = f"file:{quote(str(p.resolve()))}?mode=ro"
        try:
            conn = sqlite3.connect(uri, uri=True, timeout=busy_timeout, isolation_level=None)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            # A WAL ledger on a read-only medium: nobody can be writing it, read it as is.
            conn = sqlite3.connect(uri + "&immutable=1", uri=True, timeout=busy_timeout,
                                   isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def prepare(conn: sqlite3.Connection, shown: str, write: bool) -> None:
    """Check the file is a claimcheck ledger this version can read; create the schema in a
    new file."""
    app_id, version, tables = _identity(conn)
    if write and app_id != APPLICATION_ID:
        # Another run may be creating the ledger right now: read again once it is done.
        conn.execute("BEGIN IMMEDIATE")
        try:
            app_id, version, tables = _identity(conn)
        finally:
            conn.execute("COMMIT")
    if app_id == APPLICATION_ID:
        if version > SCHEMA_VERSION:
            raise UserError(
                f"the ledger was written by a newer claimcheck (schema version {version}; this "
                f"version reads up to {SCHEMA_VERSION}): upgrade claimcheck", path=shown)
        if version < SCHEMA_VERSION:
            raise UserError(f"the ledger has schema version {version}, which this version "
                            "cannot migrate: index into a new ledger", path=shown)
    elif app_id != 0 or tables:
        raise UserError("not a claimcheck ledger (a SQLite database of something else)",
                        path=shown)
    elif not write:
        raise UserError("not a claimcheck ledger (an empty database)", path=shown)
    if not write:
        return
    if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    if app_id == 0:
        _create(conn)


def _identity(conn: sqlite3.Connection) -> tuple[int, int, int]:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    return app_id, version, tables


def _create(conn: sqlite3.Connection) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Another run may have created it while this one waited for the lock.
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
