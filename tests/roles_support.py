"""Documents for the extraction tests: inline text (with optional publication date) or a
file of the repository, and their claims through the real pipeline."""

from __future__ import annotations

from checker import pipeline
from checker.extract import ExtractContext, extractors
from checker.load import load_file, parse_bytes
from checker.models import Claim, Document
from checker.segment import segment
from checker.text import NfcView
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


def context(doc: Document) -> ExtractContext:
    """The extraction context of a document as the pipeline builds it, after the registered
    extractors have run (for tests that add claims of their own before attribution)."""
    view = NfcView(doc.text)
    body = len(view.nfc) - len(NfcView(doc.text[doc.body_start :]).nfc)
    nfc_doc = doc.model_copy(update={"text": view.nfc, "body_start": body})
    ctx = ExtractContext(doc=doc, text=view.nfc, body_start=body, segments=segment(nfc_doc))
    for extractor in extractors():
        ctx.found.extend(extractor(ctx))
    return ctx
