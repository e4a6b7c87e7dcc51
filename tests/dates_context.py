"""Build the ExtractContext the extractors see from a Document or a piece of text."""

from __future__ import annotations

import bisect

from checker.extract import ExtractContext
from checker.models import Document, DocumentMeta
from checker.segment import segment
from checker.text import NfcView


def context_for(doc: Document) -> ExtractContext:
    """NFC text, body_start as an NFC offset and segments of the NFC text."""
    view = NfcView(doc.text)
    if view.nfc is doc.text:
        body = doc.body_start
    else:
        body = bisect.bisect_left([view.orig(i) for i in range(len(view.nfc) + 1)],
                                  doc.body_start)
    nfc_doc = doc.model_copy(update={"text": view.nfc, "body_start": body})
    return ExtractContext(doc=doc, text=view.nfc, body_start=body, segments=segment(nfc_doc))


def context_of_text(text: str, published: str | None = None) -> ExtractContext:
    doc = Document(id="case", path="case.txt", meta=DocumentMeta(published=published), text=text)
    return context_for(doc)
