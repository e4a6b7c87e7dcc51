from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
import yaml

from checker.load import load_documents, load_file
from checker.models import LoadError
from tests.conftest import CASES, SEEDS

CASES_LOAD = yaml.safe_load((CASES / "load" / "documents.yaml").read_text(encoding="utf-8"))


def _write(tmp_path: Path, case: dict) -> Path:
    path = tmp_path / case["file"]
    if "bytes_hex" in case:
        path.write_bytes(bytes.fromhex(case["bytes_hex"]))
        return path
    text = case["text"]
    # Hostile sizes are written as a count, not spelled out: "{nest}" is `nest` brackets
    # deep, "{pad}" `pad` characters.
    text = text.replace("{nest}", "[" * case.get("nest", 0) + "]" * case.get("nest", 0))
    text = text.replace("{pad}", "x" * case.get("pad", 0))
    if case.get("nfd"):
        text = unicodedata.normalize("NFD", text)
    data = text.encode("utf-8")
    if case.get("bom"):
        data = b"\xef\xbb\xbf" + data
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", CASES_LOAD, ids=[c["name"] for c in CASES_LOAD])
def test_load_case(case: dict, tmp_path: Path) -> None:
    path = _write(tmp_path, case)
    doc = load_file(path)
    if "error" in case:
        assert isinstance(doc, LoadError)
        assert case["error"] in str(doc), str(doc)
        return
    assert not isinstance(doc, LoadError), str(doc)
    exp = case["expect"]
    if "id" in exp:
        assert doc.id == exp["id"]
    for key in ("source", "published", "title", "url"):
        if key in exp:
            assert getattr(doc.meta, key) == exp[key]
    if "dateline" in exp:
        assert doc.dateline == exp["dateline"]
    if "body" in exp:
        assert unicodedata.normalize("NFC", doc.text[doc.body_start:]).startswith(exp["body"])


def test_seeds_metadata() -> None:
    docs, errors = load_documents([SEEDS])
    assert not errors
    meta = {d.id: d.meta for d in docs}
    assert meta["000_0855d1e29bbb93d9"].source == "TPO"
    assert meta["000_0855d1e29bbb93d9"].published is None
    assert meta["004_6578a29db5b92e61"].source is None
    assert meta["004_6578a29db5b92e61"].published == "2023-10"


def test_bad_files_do_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("TPO - Một.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe\x00\x00binary")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.md").write_text("---\nsource: X\n---\nHai.", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    docs, errors = load_documents([tmp_path, tmp_path / "missing.txt"])
    assert [d.id for d in docs] == ["a", "c"]
    assert [Path(e.path).name for e in errors] == ["b.txt", "missing.txt"]
