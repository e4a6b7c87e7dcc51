"""Compiler-style lines, `path:line:column: severity rule-id message`, that editors and
terminals make clickable, then a summary line."""

from __future__ import annotations

from collections import Counter

from checker.models import Report

_SUPPRESSED = {"inline": "by directives", "baseline": "by the baseline"}
_COLOURS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}


def render(report: Report, colour: bool = False) -> str:
    lines: list[str] = []
    archived = archived_notes(report)
    for err in report.errors:
        where = f"{err.path}:{err.line}" if err.line else err.path
        lines.append(f"{where}: error unreadable {err.message}")
    for f in report.findings:
        loc = f.locations[0] if f.locations else None
        where = f"{loc.path}:{loc.line}:{loc.column}" if loc else "-"
        sev = f.severity.value
        if colour:
            sev = f"{_COLOURS[sev]}{sev}\x1b[0m"
        lines.append(f"{where}: {sev} {f.rule} {f.message}")
        for other in f.locations[1:]:
            note = archived.get(other.doc, "")
            lines.append(f"  also {other.path}:{other.line}:{other.column}{note}")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def summary_line(report: Report) -> str:
    s = report.summary
    counts = s.findings
    parts = [
        f"{s.documents} document{'s' if s.documents != 1 else ''}",
        f"{s.claims} claims",
        f"{counts['error']} errors",
        f"{counts['warning']} warnings",
        f"{counts['info']} info",
    ]
    if s.suppressed:
        kinds = Counter(x.kind for x in report.suppressed)
        detail = ", ".join(f"{n} {_SUPPRESSED[k]}" for k, n in sorted(kinds.items()))
        parts.append(f"{s.suppressed} suppressed" + (f" ({detail})" if detail else ""))
    if s.errors:
        parts.append(f"{s.errors} unreadable")
    return ", ".join(parts)


def archived_notes(report: Report) -> dict[str, str]:
    """" (archived: source, published date, url)" for each document that comes from a
    ledger, by id."""
    docs = report.document_by_id()
    notes: dict[str, str] = {}
    for doc_id in report.archived:
        doc = docs.get(doc_id)
        if doc is None:
            continue
        meta = doc.meta
        facts = [meta.source or "no source", f"published {meta.published or '—'}"]
        if meta.url:
            facts.append(meta.url)
        notes[doc_id] = f" (archived: {', '.join(facts)})"
    return notes
