"""Normalisation: raw extractor output -> Claims with exact spans in the original text.

The value normalisers themselves (numbers, dates, names) are pure modules beside this one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import TypeAdapter

from checker.models import Claim, Provenance

if TYPE_CHECKING:
    from checker.extract import ExtractContext
    from checker.text import LineIndex, NfcView

_CLAIM = TypeAdapter(Claim)


def to_claims(ctx: ExtractContext, view: NfcView, lines: LineIndex) -> list[Claim]:
    """Turn the raw claims of one document into Claims, sorted by position, with ids that are
    unique in a run and stable for an unchanged document (doc id, kind, rank in the text)."""
    raws = sorted(ctx.found, key=lambda r: (r.start, r.end, r.kind))
    sentences = ctx.segments.sentences
    original = view.original
    counters: dict[str, int] = {}
    claims: list[Claim] = []
    for raw in raws:
        start, end = view.orig_span(raw.start, raw.end)
        line, column = lines.line_col(start)
        s_index = ctx.segments.sentence_of(raw.start)
        sentence = sentences[s_index] if sentences else None
        if sentence is not None:
            s_start, s_end = view.orig_span(sentence.start, sentence.end)
            sentence_text = original[s_start:s_end]
            paragraph = sentence.paragraph
        else:
            sentence_text, paragraph = "", 0
        n = counters.get(raw.kind, 0) + 1
        counters[raw.kind] = n
        claims.append(
            _CLAIM.validate_python(
                {
                    "id": f"{ctx.doc.id}:{raw.kind}:{n}",
                    "doc": ctx.doc.id,
                    "kind": raw.kind,
                    "text": original[start:end],
                    "start": start,
                    "end": end,
                    "line": line,
                    "column": column,
                    "sentence": sentence_text,
                    "provenance": raw.provenance or Provenance(),
                    "paragraph": paragraph,
                    "sentence_index": s_index,
                    "value": raw.value,
                }
            )
        )
    return claims
