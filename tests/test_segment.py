from __future__ import annotations

import pytest
import yaml

from checker.models import Document
from checker.segment import segment
from tests.conftest import CASES

ENTRIES = yaml.safe_load((CASES / "segment" / "sentences.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", ENTRIES, ids=[e["name"] for e in ENTRIES])
def test_sentences(case: dict) -> None:
    doc = Document(id="d", path="d.txt", text=case["text"])
    seg = segment(doc)
    assert [doc.text[s.start:s.end] for s in seg.sentences] == case["sentences"]


def test_paragraphs_lines_and_columns() -> None:
    text = " date 2021-05\nTPO - Một.\r\n\r\n  Hai. Ba.\n"
    doc = Document(id="d", path="d.txt", text=text, body_start=text.index("Một"))
    seg = segment(doc)
    assert [text[p.start:p.end] for p in seg.paragraphs] == ["Một.", "Hai. Ba."]
    assert [(s.line, s.column, s.paragraph) for s in seg.sentences] == [
        (2, 7, 0), (4, 3, 1), (4, 8, 1)]
