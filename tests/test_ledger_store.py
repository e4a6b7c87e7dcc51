"""The SQLite ledger behind its interface: writing, replacing, lookups by key and date range,
and refusing files it must not touch."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from checker.errors import UserError
from checker.ledger import SCHEMA_VERSION, open_ledger
from checker.ledger.sqlite_schema import APPLICATION_ID
from checker.ledger.store import KeyQuery
from tests.ledgerdata import count, date, indexed, period, role

D = dt.date.fromisoformat


@pytest.fixture
def ledger(tmp_path: Path):
    with open_ledger(tmp_path / "archive.db", write=True) as led:
        led.write([
            indexed("a", [period("a", 1, "2021-04-29", "2021-05-03"), count("a", 2, 23),
                          count("a", 3, 17)], published="2021-05-04"),
            indexed("b", [count("b", 1, 5, paragraph=1)], published="2021-05-10"),
            indexed("c", [count("c", 1, 40, unit="vụ")], published="2021-05-02"),
            indexed("d", [count("d", 1, 9)], published=None),
            indexed("e", [date("e", 1, "2019"), count("e", 2, 300)], published="2021-05-02"),
            indexed("f", [role("f", 1, "Nguyễn Văn Sơn", "Thượng tướng")],
                    published="2021-05-03"),
        ])
        yield led


def ids(claims) -> list[str]:
    return sorted(c.id for c in claims)


def test_candidates_overlap_the_range_and_include_undated(ledger) -> None:
    q = KeyQuery(kind="count", key="ca", first_day=D("2021-05-01"), last_day=D("2021-05-01"))
    # a's counts (window 29/4-3/5) and d's undated count; not b (10/5), c (vụ), e (2019).
    assert ids(ledger.candidates([q])) == ["a:count:2", "a:count:3", "d:count:1"]


def test_candidates_of_long_ranges_and_other_kinds(ledger) -> None:
    q = KeyQuery(kind="count", key="ca", first_day=D("2019-06-01"), last_day=D("2019-06-30"))
    assert ids(ledger.candidates([q])) == ["d:count:1", "e:count:2"]
    person = KeyQuery(kind="role", key="nguyen son", first_day=D("2021-05-01"),
                      last_day=D("2021-05-31"))
    assert ids(ledger.candidates([person])) == ["f:role:1"]
    assert ledger.candidates([KeyQuery(kind="role", key="tran son")]) == []


def test_undated_query_sees_only_undated_claims(ledger) -> None:
    assert ids(ledger.candidates([KeyQuery(kind="count", key="ca")])) == ["d:count:1"]


def test_excluded_documents_and_the_limit(ledger) -> None:
    q = KeyQuery(kind="count", key="ca", first_day=D("2021-05-01"), last_day=D("2021-05-12"))
    assert "a:count:2" not in ids(ledger.candidates([q], exclude_docs={"a"}))
    # 9/5 widened by 10 days: b (10/5) is nearer than a (29/4-3/5); dated claims beat undated d.
    around = KeyQuery(kind="count", key="ca", first_day=D("2021-04-29"), last_day=D("2021-05-19"),
                      margin_days=10)
    assert ids(ledger.candidates([around], limit=1)) == ["b:count:1"]
    assert ids(ledger.candidates([around], limit=3)) == ["a:count:2", "a:count:3", "b:count:1"]
    # The very window asked about comes first, before a window with the same middle.
    ledger.write([indexed("g", [date("g", 1, "2021-05-01"), count("g", 2, 8)],
                          published="2021-05-06")])
    same = KeyQuery(kind="count", key="ca", first_day=D("2021-04-20"), last_day=D("2021-05-12"),
                    margin_days=9)
    assert ids(ledger.candidates([same], limit=2)) == ["a:count:2", "a:count:3"]


def test_round_trip_keeps_every_field(ledger) -> None:
    original = count("a", 2, 23)
    (back,) = [c for c in ledger.iter_claims() if c.id == "a:count:2"]
    assert back == original
    assert back.model_dump_json() == original.model_dump_json()


def test_paragraph_context_and_documents(ledger) -> None:
    (c,) = [c for c in ledger.iter_claims() if c.id == "a:count:2"]
    ctx = ledger.paragraph_context([c], ["date", "period"])
    assert ids(ctx) == ["a:period:1"]
    (doc,) = ledger.documents({"a"})
    assert (doc.meta.source, doc.meta.published, doc.path) == ("Báo A", "2021-05-04",
                                                               "archive/a.txt")


def test_replace_and_remove(ledger) -> None:
    same = indexed("b", [count("b", 1, 5, paragraph=1)], published="2021-05-10")
    assert ledger.write([same]).unchanged == 1
    changed = indexed("b", [count("b", 1, 6), count("b", 2, 7)], published="2021-05-10",
                      content="edited")
    result = ledger.write([changed])
    assert (result.updated, result.claims) == (1, 2)
    assert sorted(c.id for c in ledger.iter_claims() if c.doc == "b") == ["b:count:1",
                                                                          "b:count:2"]
    assert ledger.remove(["b", "zzz"]) == 1
    assert not [c for c in ledger.iter_claims() if c.doc == "b"]
    stats = ledger.stats()
    assert stats.documents == 5 and stats.claims == 8
    assert stats.claims_by_kind == {"count": 5, "date": 1, "period": 1, "role": 1}


def test_same_stem_from_another_file_gets_its_path_as_id(ledger) -> None:
    other = indexed("a", [count("a", 1, 99)], published="2021-05-04", content="another a")
    other = other.model_copy(update={"abspath": "/elsewhere/a.txt"})
    assert ledger.write([other]).added == 1
    assert "archive/a.txt:count:1" in {c.id for c in ledger.iter_claims()}


def _fingerprint(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def test_a_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    open_ledger(path, write=True).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = _fingerprint(path)
    for write in (True, False):
        with pytest.raises(UserError, match=f"{path}: the ledger was written by a newer"):
            open_ledger(path, write=write)
    assert _fingerprint(path) == before


@pytest.mark.parametrize("content,cause", [
    (b"id,text\n1,hello\n" * 10, "not a SQLite database"),
    (None, "a SQLite database of something else"),
])
def test_not_a_ledger_is_refused_untouched(tmp_path: Path, content, cause) -> None:
    path = tmp_path / "other.db"
    if content is None:
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE notes (x)")
        conn.commit()
        conn.close()
    else:
        path.write_bytes(content)
    before = _fingerprint(path)
    for write in (True, False):
        with pytest.raises(UserError, match=cause):
            open_ledger(path, write=write)
    assert _fingerprint(path) == before


def test_reading_a_missing_ledger_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "none.db"
    with pytest.raises(UserError, match="no such ledger"):
        open_ledger(path, write=False)
    assert not path.exists()


def test_new_ledger_is_marked_and_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "fresh.db"
    open_ledger(path, write=True).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_lookup_plan_uses_the_key_index(ledger) -> None:
    plan = ledger._conn.execute(
        "EXPLAIN QUERY PLAN SELECT rowid FROM claims WHERE kind = 'count' AND key = 'ca' "
        "AND span = 0 AND first_day BETWEEN '2021-01-01' AND '2021-02-01' "
        "AND last_day >= '2021-01-01'"
    ).fetchall()
    assert "claims_lookup" in " ".join(str(row) for row in plan)
