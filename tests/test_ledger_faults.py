"""Faults with real processes: `index` killed half-way, two `index` runs at once, a ledger
locked by another writer, one it may not write, one from a newer claimcheck."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.ledger import SCHEMA_VERSION
from tests.conftest import ROOT, SEEDS

DOCS, BATCH = 800, 100


def _corpus(folder: Path, count: int = DOCS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        day, month = 1 + i % 25, 1 + i % 12
        sub = folder / f"{i // 500:02d}"
        sub.mkdir(exist_ok=True)
        (sub / f"doc{i:05d}.txt").write_text(
            f"TPO - Ngày {day}/{month}/2021, Thượng tướng Nguyễn Văn Sơn cho biết từ ngày "
            f"{day}/{month}/2021 đến ngày {day + 2}/{month}/2021 đã có {i % 97 + 3} ca mắc mới."
            f"\n\nTại Hà Nam có thêm {i % 13 + 1} ca, bài số {i}.\n",
            encoding="utf-8",
        )
    return folder


def _command(folder: Path, db: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "checker", "index", str(folder), "--ledger", str(db),
            "--batch-size", str(BATCH), *extra]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def _read(db: Path, sql: str):
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _documents(db: Path) -> int:
    try:
        return _read(db, "SELECT count(*) FROM documents")[0][0]
    except sqlite3.Error:
        return 0  # not created yet


def _assert_consistent(db: Path) -> None:
    assert _read(db, "PRAGMA integrity_check") == [("ok",)]
    assert _read(db, "PRAGMA foreign_key_check") == []
    # Every document holds exactly the claims it was written with: no half-written document.
    partial = _read(db, "SELECT count(*) FROM documents d WHERE d.claims != "
                        "(SELECT count(*) FROM claims c WHERE c.doc = d.rowid)")
    assert partial == [(0,)]
    assert _read(db, "SELECT count(*) FROM claims")[0][0] > 0


def test_a_killed_index_keeps_whole_batches_and_the_next_run_completes(tmp_path: Path) -> None:
    folder, db = _corpus(tmp_path / "archive"), tmp_path / "archive.db"
    proc = subprocess.Popen(_command(folder, db), env=_env(), cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while _documents(db) == 0 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done = _documents(db)
    assert 0 < done < DOCS, f"the run was not killed half-way ({done} of {DOCS} written)"
    assert done % BATCH == 0
    _assert_consistent(db)
    again = subprocess.run(_command(folder, db), env=_env(), cwd=ROOT, capture_output=True,
                           text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert f"{DOCS - done} added, 0 updated, {done} unchanged" in again.stdout
    assert _documents(db) == DOCS
    _assert_consistent(db)


def test_two_index_runs_at_once_share_the_work_without_damage(tmp_path: Path) -> None:
    folder, db = _corpus(tmp_path / "archive", 400), tmp_path / "archive.db"
    procs = [subprocess.Popen(_command(folder, db), env=_env(), cwd=ROOT, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    added = [int(out.split(": ")[1].split(" added")[0]) for out, _ in outputs]
    assert sum(added) == 400, outputs
    assert _documents(db) == 400
    assert _read(db, "SELECT count(DISTINCT abspath) FROM documents") == [(400,)]
    _assert_consistent(db)


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_a_locked_ledger_fails_clearly_and_stays_as_it_was(tmp_path: Path) -> None:
    folder, db = _corpus(tmp_path / "archive", 20), tmp_path / "archive.db"
    assert _run("index", SEEDS, "--ledger", db).exit_code == 0
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = _run("index", folder, "--ledger", db, "--busy-timeout", "0.2")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 2
    assert result.output == (f"claimcheck: {db}: the ledger is locked by another run "
                             "(waited 0.2 s); try again when it has finished\n")
    assert _documents(db) == 2


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="file permissions do not bind the superuser")
def test_a_read_only_ledger_is_refused_for_index_but_read_for_check(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    assert _run("index", SEEDS, "--ledger", db).exit_code == 0
    db.chmod(0o444)
    before = db.read_bytes()
    result = _run("index", SEEDS, "--ledger", db)
    assert result.exit_code == 2
    assert result.output == (f"claimcheck: {db}: the ledger is read-only (no write permission "
                             "on the file)\n")
    assert db.read_bytes() == before
    assert _run("check", SEEDS, "--against", db, "--fail-on", "never").exit_code == 0


def test_a_ledger_from_a_newer_claimcheck_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    assert _run("index", SEEDS, "--ledger", db).exit_code == 0
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    for args in (("index", SEEDS, "--ledger", db), ("check", SEEDS, "--against", db),
                 ("ledger", "export", db)):
        result = _run(*args)
        assert result.exit_code == 2
        assert result.output == (
            f"claimcheck: {db}: the ledger was written by a newer claimcheck (schema version "
            f"{SCHEMA_VERSION + 1}; this version reads up to {SCHEMA_VERSION}): upgrade "
            "claimcheck\n")
    assert db.read_bytes() == before
