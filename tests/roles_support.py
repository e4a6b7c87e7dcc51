"""Documents for the extraction tests: inline text (with optional publication date) or a
file of the repository, and their claims through the real pipeline."""

from __future__ import annotations

from checker import pipeline
from checker.load import load_file, parse_bytes
from checker.models import Claim, Document
from tests.conftest import ROOT


def document(text: str | None = None, file: str | None = None,
             published: str | None = None, doc_id: str = "doc") -> Document:
    if file is not None:
        doc = load_file(ROOT / file)
    else:
        front = f"---\npublished: \"{published}\"\n---\n" if published else ""
        doc = parse_bytes((front + (text or "")).encode("utf-8"), f"{doc_id}.md", doc_id, ".md")
    assert isinstance(doc, Document), doc
    return doc


def claims(doc: Document, kind: str | None = None) -> list[Claim]:
    """The document's claims (of one kind), each checked to be the exact text of its span."""
    out = pipeline.extract_document(doc)
    for c in out:
        assert c.text == doc.text[c.start : c.end]
    return [c for c in out if kind is None or c.kind == kind]
