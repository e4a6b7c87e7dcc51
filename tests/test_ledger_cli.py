"""`claimcheck index` and `claimcheck ledger` through the command line."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from checker.cli import main
from tests.conftest import SEEDS

SEED0 = "000_0855d1e29bbb93d9"


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def _archive(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    shutil.copytree(SEEDS, folder)
    (folder / "extra.md").write_text(
        "---\nsource: Báo A\npublished: 2021-05-04\nurl: https://a.example/1\n---\n"
        "Từ ngày 29/4/2021 đến ngày 03/5/2021 đã có 23 ca mắc mới.\n", encoding="utf-8")
    return folder


def test_index_then_reindex_unchanged_writes_nothing(tmp_path: Path) -> None:
    folder, db = _archive(tmp_path), tmp_path / "archive.db"
    first = run("index", folder, "--ledger", db)
    assert first.exit_code == 0, first.output
    assert "3 added, 0 updated, 0 unchanged, 0 removed, 0 unreadable" in first.output
    before = (db.read_bytes(), db.stat().st_mtime_ns)
    watcher = sqlite3.connect(db)
    version = watcher.execute("PRAGMA data_version").fetchone()[0]
    again = run("index", folder, "--ledger", db)
    assert again.exit_code == 0, again.output
    assert "0 added, 0 updated, 3 unchanged, 0 removed" in again.output
    assert watcher.execute("PRAGMA data_version").fetchone()[0] == version
    watcher.close()
    assert (db.read_bytes(), db.stat().st_mtime_ns) == before


def test_changed_file_is_replaced_and_pruning_removes_gone_files(tmp_path: Path) -> None:
    folder, db = _archive(tmp_path), tmp_path / "archive.db"
    assert run("index", folder, "--ledger", db).exit_code == 0
    (folder / "extra.md").write_text("---\nsource: Báo A\n---\nĐã sửa.\n", encoding="utf-8")
    (folder / f"{SEED0}.txt").unlink()
    kept = run("index", folder, "--ledger", db)
    assert "0 added, 1 updated, 1 unchanged, 0 removed" in kept.output
    assert _documents(db) == [SEED0, "004_6578a29db5b92e61", "extra"]
    pruned = run("index", folder, "--ledger", db, "--prune")
    assert "0 added, 0 updated, 2 unchanged, 1 removed" in pruned.output
    assert _documents(db) == ["004_6578a29db5b92e61", "extra"]


def test_prune_refuses_a_missing_folder(tmp_path: Path) -> None:
    folder, db = _archive(tmp_path), tmp_path / "archive.db"
    assert run("index", folder, "--ledger", db).exit_code == 0
    result = run("index", tmp_path / "unmounted", "--ledger", db, "--prune")
    assert result.exit_code == 2
    assert "refusing to prune" in result.output and "Traceback" not in result.output
    assert len(_documents(db)) == 3


def test_unreadable_files_are_reported_and_skipped(tmp_path: Path) -> None:
    folder, db = _archive(tmp_path), tmp_path / "archive.db"
    (folder / "latin1.txt").write_bytes("Hà Nội có 5 ca".encode("latin-1", "replace"))
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02")
    result = run("index", folder, "--ledger", db)
    assert result.exit_code == 0
    assert "binary.txt: holds NUL bytes: a binary file" in result.output
    assert "latin1.txt:1: not UTF-8" in result.output
    assert "3 added, 0 updated, 0 unchanged, 0 removed, 2 unreadable" in result.output
    only_bad = run("index", folder / "binary.txt", "--ledger", tmp_path / "other.db")
    assert only_bad.exit_code == 2


def test_same_stem_in_two_folders_keeps_both(tmp_path: Path) -> None:
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "doc.txt").write_text(f"TPO - Bài {sub}.", encoding="utf-8")
    db = tmp_path / "x.db"
    assert "2 added" in run("index", tmp_path / "a", tmp_path / "b", "--ledger", db).output
    assert sorted(_documents(db)) == sorted(["doc", str(tmp_path / "b" / "doc.txt")])


def test_stats_and_export(tmp_path: Path) -> None:
    folder, db = _archive(tmp_path), tmp_path / "archive.db"
    run("index", folder, "--ledger", db)
    stats = run("ledger", "stats", db)
    assert stats.exit_code == 0
    assert "documents: 3" in stats.output and "Báo A 1" in stats.output
    assert "(schema version 1)" in stats.output
    data = json.loads(run("ledger", "stats", db, "--format", "json").output)
    assert data["documents"] == 3 and data["last_published"] == "2023-10"
    out = tmp_path / "claims.jsonl"
    exported = run("ledger", "export", db, "--format", "jsonl", "-o", out)
    assert exported.exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == data["claims"]
    for line in lines:
        claim = json.loads(line)
        assert set(claim) >= {"id", "doc", "kind", "text", "start", "end", "line", "column",
                              "sentence", "provenance", "value"}


def test_bad_ledger_files_are_one_line_and_exit_2(tmp_path: Path) -> None:
    text_file = tmp_path / "notes.db"
    text_file.write_text("not a database at all, just notes\n" * 4, encoding="utf-8")
    before = text_file.read_bytes()
    for args in (("index", SEEDS, "--ledger", text_file), ("ledger", "stats", text_file),
                 ("check", SEEDS, "--against", text_file),
                 ("ledger", "stats", tmp_path / "missing.db")):
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)
        assert result.output.count("\n") == 1 and "Traceback" not in result.output
        assert result.output.startswith(f"claimcheck: {args[-1]}: ")
    assert text_file.read_bytes() == before
    assert not (tmp_path / "missing.db").exists()


def _documents(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY id")]
    finally:
        conn.close()


def test_parallel_extraction_writes_the_same_ledger(tmp_path: Path) -> None:
    folder = _archive(tmp_path)
    for i in range(6):
        (folder / f"more{i}.txt").write_text(
            f"TPO - Ngày {i + 1}/5/2021, Thượng tướng Nguyễn Văn Sơn cho biết từ ngày "
            f"{i + 1}/5/2021 đến ngày {i + 3}/5/2021 có {i + 4} ca.\n", encoding="utf-8")
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    assert run("index", folder, "--ledger", one).exit_code == 0
    result = run("index", folder, "--ledger", two, "--jobs", "2", "--batch-size", "4")
    assert result.exit_code == 0, result.output
    assert "9 added" in result.output
    query = ("SELECT d.id, c.id, c.kind, c.text, c.value, c.key, c.first_day, c.last_day "
             "FROM claims c JOIN documents d ON d.rowid = c.doc ORDER BY c.id")
    rows = []
    for db in (one, two):
        conn = sqlite3.connect(db)
        rows.append(conn.execute(query).fetchall())
        conn.close()
    assert rows[0] and rows[0] == rows[1]
