"""Turns a case's documents (inline text + metadata) into files the real loader reads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

_META = ("title", "source", "url", "published", "author")


def write_docs(folder: Path, docs: list[dict[str, Any]]) -> list[Path]:
    paths = []
    for i, doc in enumerate(docs):
        doc_id = str(doc.get("id", f"doc{i}"))
        meta = {k: doc[k] for k in _META if doc.get(k) is not None}
        if meta or doc.get("format") == "md":
            front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
            content = f"---\n{front}---\n{doc['text']}"
            path = folder / f"{doc_id}.md"
        else:
            content = doc["text"]
            path = folder / f"{doc_id}.txt"
        if doc.get("nfd"):
            import unicodedata

            content = unicodedata.normalize("NFD", content)
        path.write_text(content, encoding="utf-8")
        paths.append(path)
    return paths
