"""Hand-made documents and claims for ledger tests that must not depend on the extractors."""

from __future__ import annotations

import hashlib
from typing import Any

from pydantic import TypeAdapter

from checker.claimkeys import document_keys
from checker.ledger.store import IndexedDocument
from checker.models import Claim, Document, DocumentMeta

_CLAIM = TypeAdapter(Claim)


def claim(doc: str, n: int, kind: str, value: dict[str, Any], *, paragraph: int = 0,
          sentence_index: int = 0, text: str = "x", line: int = 1) -> Claim:
    return _CLAIM.validate_python({
        "id": f"{doc}:{kind}:{n}", "doc": doc, "kind": kind, "text": text,
        "start": n * 10, "end": n * 10 + len(text), "line": line, "column": 1,
        "sentence": f"Câu có {text}.", "paragraph": paragraph,
        "sentence_index": sentence_index, "value": value,
    })


def count(doc: str, n: int, value: int, unit: str = "ca", **kw) -> Claim:
    return claim(doc, n, "count", {"value": value, "unit": unit, "subject": "mắc mới"},
                 text=f"{value} {unit}", **kw)


def period(doc: str, n: int, start: str, end: str, **kw) -> Claim:
    return claim(doc, n, "period", {"start": start, "end": end, "precision": "day"},
                 text=f"từ {start} đến {end}", **kw)


def date(doc: str, n: int, day: str, **kw) -> Claim:
    precision = {10: "day", 7: "month", 4: "year"}[len(day)]
    return claim(doc, n, "date", {"date": day, "precision": precision}, text=day, **kw)


def role(doc: str, n: int, person: str, rank: str, **kw) -> Claim:
    return claim(doc, n, "role", {"person": person, "rank": rank}, text=f"{rank} {person}", **kw)


def indexed(doc_id: str, claims: list[Claim], *, published: str | None = None,
            source: str | None = "Báo A", content: str | None = None) -> IndexedDocument:
    text = content if content is not None else doc_id
    doc = Document(
        id=doc_id, path=f"archive/{doc_id}.txt", meta=DocumentMeta(source=source,
                                                                   published=published),
        sha256=hashlib.sha256(text.encode()).hexdigest(),
    )
    return IndexedDocument(doc=doc, abspath=f"/archive/{doc_id}.txt", claims=claims,
                           keys=document_keys(claims, doc))
