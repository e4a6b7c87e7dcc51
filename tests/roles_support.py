"""Build the extraction context of one in-memory or on-disk document, as the pipeline does."""

from __future__ import annotations

from pathlib import Path

from checker.extract import ExtractContext
from checker.load import load_file, parse_bytes
from checker.models import Document
from checker.segment import segment
from checker.text import NfcView

REPO = Path(__file__).resolve().parents[1]


def document(text: str | None = None, file: str | None = None,
             published: str | None = None, doc_id: str = "doc") -> Document:
    if file is not None:
        doc = load_file(REPO / file)
    else:
        front = f"---\npublished: \"{published}\"\n---\n" if published else ""
        doc = parse_bytes((front + (text or "")).encode("utf-8"), f"{doc_id}.md", doc_id, ".md")
    assert isinstance(doc, Document), doc
    return doc


def context(doc: Document) -> ExtractContext:
    view = NfcView(doc.text)
    body = len(view.nfc) - len(NfcView(doc.text[doc.body_start:]).nfc)
    nfc_doc = doc.model_copy(update={"text": view.nfc, "body_start": body})
    return ExtractContext(doc=doc, text=view.nfc, body_start=body, segments=segment(nfc_doc))
