"""`check --against`: the plumbing from a draft to the related archived claims and back to the
report, with a toy extractor and a toy rule so it does not depend on the real ones (those are
covered by tests/cases/ledger/)."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker import pipeline
from checker.checks import CHECKS
from checker.checks.base import CheckInput, CheckType, Hit, NoParams
from checker.claimkeys import document_keys
from checker.cli import main
from checker.models import RawClaim
from tests.ruledocs import write_docs

_COUNT = re.compile(r"(\d+) ca\b")
_PERIOD = re.compile(r"(?i)từ ngày (\d+)/(\d+)/(\d{4}) đến ngày (\d+)/(\d+)/(\d{4})")


def _toy_extractor(ctx) -> Iterator[RawClaim]:
    for m in _PERIOD.finditer(ctx.text):
        d1, m1, y1, d2, m2, y2 = (int(g) for g in m.groups())
        yield RawClaim(kind="period", start=m.start(), end=m.end(), value={
            "start": f"{y1}-{m1:02d}-{d1:02d}", "end": f"{y2}-{m2:02d}-{d2:02d}",
            "precision": "day"})
    for m in _COUNT.finditer(ctx.text):
        yield RawClaim(kind="count", start=m.start(), end=m.end(), value={
            "value": int(m.group(1)), "unit": "ca", "subject": "mắc mới"})


def _toy_conflict(inp: CheckInput) -> Iterator[Hit]:
    """Counts of one key and overlapping windows with different values."""
    docs = inp.claims.documents
    counts = []
    for doc_id, doc in docs.items():
        own = inp.claims.by_doc(doc_id)
        for c, k in zip(own, document_keys(own, doc), strict=True):
            if c.kind == "count" and k.dated:
                counts.append((c, k))
    for i, (a, ka) in enumerate(counts):
        for b, kb in counts[i + 1:]:
            if a.doc == b.doc or ka.key != kb.key or a.value.value == b.value.value:
                continue
            if ka.first_day == kb.first_day and ka.last_day == kb.last_day:
                yield Hit(claims=[a, b], values={"a": a.text, "b": b.text})


RULE = """id: toy-conflict
check: toy-conflict
severity: error
message: "$a disagrees with $b"
"""


@pytest.fixture
def toy(monkeypatch, tmp_path: Path) -> Path:
    monkeypatch.setattr(pipeline, "extractors", lambda: [_toy_extractor])
    monkeypatch.setitem(CHECKS, "toy-conflict", CheckType(
        "toy-conflict", NoParams, _toy_conflict, "toy", scope="corpus"))
    pack = tmp_path / "toy.yaml"
    pack.write_text(RULE, encoding="utf-8")
    return pack


ARCHIVE = [
    {"id": "a1", "source": "Báo A", "published": "2021-05-04", "url": "https://a.example/1",
     "text": "Mở đầu.\n\nTừ ngày 29/4/2021 đến ngày 03/5/2021 đã có 23 ca mắc mới.\n"},
    {"id": "a2", "source": "Báo B", "published": "2021-05-05",
     "text": "Tin cũ: từ ngày 29/4/2021 đến ngày 03/5/2021 có 23 ca.\n"},
    # Two archived documents that disagree with each other: not the draft's business.
    {"id": "a3", "source": "Báo C", "published": "2020-01-05",
     "text": "Từ ngày 1/1/2020 đến ngày 3/1/2020 có 4 ca.\n"},
    {"id": "a4", "source": "Báo D", "published": "2020-01-05",
     "text": "Từ ngày 1/1/2020 đến ngày 3/1/2020 có 5 ca.\n"},
]


def _run(*args) -> object:
    return CliRunner().invoke(main, [str(a) for a in args])


def _setup(tmp_path: Path, pack: Path, draft_id: str, count: int) -> tuple[Path, Path]:
    archive, drafts = tmp_path / "archive", tmp_path / "drafts"
    archive.mkdir()
    drafts.mkdir()
    write_docs(archive, ARCHIVE)
    db = tmp_path / "archive.db"
    assert _run("index", archive, "--ledger", db).exit_code == 0
    (draft,) = write_docs(drafts, [{
        "id": draft_id, "source": "Báo Nháp", "published": "2021-05-06",
        "text": f"Dòng một.\nTừ ngày 29/4/2021 đến ngày 03/5/2021 ghi nhận {count} ca mắc.\n"}])
    return draft, db


def test_a_disagreeing_draft_names_the_archived_documents(toy, tmp_path: Path) -> None:
    draft, db = _setup(tmp_path, toy, "draft", 25)
    watcher = sqlite3.connect(db)
    version = watcher.execute("PRAGMA data_version").fetchone()[0]
    result = _run("check", draft, "--against", db, "--rules", toy, "--select", "toy-conflict",
                  "--format", "json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    pairs = sorted(tuple(loc["doc"] for loc in f["locations"]) for f in data["findings"])
    assert pairs == [("draft", "a1"), ("draft", "a2")]
    for f in data["findings"]:
        assert f["locations"][0]["line"] == 6  # the draft's line (front matter is 4 lines)
    assert sorted(data["archived"]) == ["a1", "a2"]
    meta = {d["id"]: d["meta"] for d in data["documents"]}
    assert meta["a1"] == {"source": "Báo A", "published": "2021-05-04",
                          "url": "https://a.example/1", "title": None}
    text = _run("check", draft, "--against", db, "--rules", toy, "--select", "toy-conflict")
    assert "a1.md:8:44 (archived: Báo A, published 2021-05-04, https://a.example/1)" \
        in text.output
    md = _run("check", draft, "--against", db, "--rules", toy, "--select", "toy-conflict",
              "--format", "md")
    assert "## Archived documents" in md.output and "a1 (archived)" in md.output
    assert "## a1" not in md.output
    # The draft was only read against the ledger, never written into it.
    assert watcher.execute("PRAGMA data_version").fetchone()[0] == version
    assert watcher.execute("SELECT count(*) FROM documents WHERE id = 'draft'").fetchone()[0] == 0
    watcher.close()


def test_an_agreeing_draft_is_quiet(toy, tmp_path: Path) -> None:
    draft, db = _setup(tmp_path, toy, "draft", 23)
    result = _run("check", draft, "--against", db, "--rules", toy, "--select", "toy-conflict")
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output


def test_a_draft_is_not_checked_against_its_own_old_version(toy, tmp_path: Path) -> None:
    # "a1" edited: the old a1 is left out, a2 (another outlet) still disagrees.
    draft, db = _setup(tmp_path, toy, "a1", 25)
    data = json.loads(_run("check", draft, "--against", db, "--rules", toy, "--select",
                           "toy-conflict", "--format", "json").output)
    assert [tuple(loc["doc"] for loc in f["locations"]) for f in data["findings"]] == [
        ("a1", "a2")]


def test_every_format_renders_archived_documents(toy, tmp_path: Path) -> None:
    from checker.render import RENDERERS

    draft, db = _setup(tmp_path, toy, "draft", 25)
    for fmt in sorted(RENDERERS):
        result = _run("check", draft, "--against", db, "--rules", toy, "--select",
                      "toy-conflict", "--format", fmt)
        assert result.exit_code == 1, (fmt, result.output)
        assert "a1.md" in result.output, fmt
    page = _run("check", draft, "--against", db, "--rules", toy, "--select", "toy-conflict",
                "--format", "html").output
    # The archived text is not stored: its claims are quoted with their sentences, and every
    # link to a claim has its anchor.
    assert "archived (from the ledger)" in page
    for target in set(re.findall(r'href="#(k\d+)"', page)):
        assert f'id="{target}"' in page, target
