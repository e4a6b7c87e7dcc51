"""Markdown for people: findings grouped by document, each quoting its claims with their
lines; conflicting claims from several documents side by side."""

from __future__ import annotations

from checker.models import Claim, Document, Finding, Report
from checker.render.text import summary_line


def _quote(text: str) -> str:
    """Text for a table cell or a list item: one line, and nothing Markdown or HTML would
    interpret (a document may contain `<script>`; a PR comment must show it as text)."""
    one = " ".join(text.split())
    one = one.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return one.replace("|", "\\|").replace("`", "'").replace("*", "\\*")


def _code(text: str) -> str:
    """A claim's text as inline code (backticks inside become quotes; | is escaped for tables)."""
    return "`" + " ".join(text.split()).replace("`", "'").replace("|", "\\|") + "`"


def render(report: Report) -> str:
    claims = report.claim_by_id()
    docs = report.document_by_id()
    out = ["# claimcheck report", ""]
    out.append(f"**{summary_line(report)}**")
    out.append("")
    if report.errors:
        out.append("## Files that could not be read")
        out.append("")
        out += [f"- {_code(str(e))}" for e in report.errors]
        out.append("")
    by_doc: dict[str, list[Finding]] = {}
    also: dict[str, list[Finding]] = {}
    for f in report.findings:
        first = f.locations[0].doc if f.locations else ""
        by_doc.setdefault(first, []).append(f)
        for other in dict.fromkeys(loc.doc for loc in f.locations[1:]):
            if other != first:
                also.setdefault(other, []).append(f)
    archived = set(report.archived)
    for doc in report.documents:
        if doc.id in archived:
            continue
        findings = by_doc.get(doc.id, [])
        out.append(f"## {_quote(doc.id)}")
        out.append("")
        out.append(_doc_facts(doc))
        out.append("")
        if not findings and not also.get(doc.id):
            out.append("No findings.")
            out.append("")
            continue
        for f in findings:
            out += _finding(f, claims, docs, archived)
        for f in also.get(doc.id, []):
            first = f.locations[0].doc
            out.append(f"- **{f.severity.value}** `{f.rule}` (listed under {_quote(first)}): "
                       f"{_quote(f.message)}")
        out.append("")
    out += _archived_section(report)
    return "\n".join(out).rstrip() + "\n"


def _doc_facts(doc: Document) -> str:
    meta = doc.meta
    facts = [_code(doc.path), f"source: {_quote(meta.source or '—')}",
             f"published: {_quote(meta.published or '—')}"]
    if meta.title:
        facts.append(f"title: {_quote(meta.title)}")
    if meta.url:
        facts.append(_code(meta.url))
    return " · ".join(facts)


def _finding(f: Finding, claims: dict[str, Claim], docs: dict[str, Document],
             archived: set[str]) -> list[str]:
    out = [f"- **{f.severity.value}** `{f.rule}`: {_quote(f.message)}"]
    involved = [claims[c] for c in f.claims if c in claims]
    if len(involved) > 1:
        out.append("")
        out.append("  | document | source | published | line | claim | sentence |")
        out.append("  |---|---|---|---|---|---|")
        for c in involved:
            meta = docs[c.doc].meta if c.doc in docs else None
            source = (meta and meta.source) or "—"
            published = (meta and meta.published) or "—"
            name = f"{c.doc} (archived)" if c.doc in archived else c.doc
            out.append(f"  | {_quote(name)} | {_quote(source)} | {_quote(published)} | "
                       f"{c.line} | {_code(c.text)} | {_quote(_short(c))} |")
        out.append("")
    elif involved:
        c = involved[0]
        out.append(f"  - line {c.line}: {_code(c.text)} — {_quote(_short(c))}")
    else:
        for loc in f.locations:
            name = docs[loc.doc].path if loc.doc in docs else loc.path
            out.append(f"  - {_code(name)}")
    return out


def _archived_section(report: Report) -> list[str]:
    """The archived documents (from a ledger) that findings point to, with where and when
    they were published."""
    docs = report.document_by_id()
    listed = [docs[d] for d in report.archived if d in docs]
    if not listed:
        return []
    out = ["## Archived documents", ""]
    for doc in listed:
        out.append(f"- **{_quote(doc.id)}** · {_doc_facts(doc)}")
    out.append("")
    return out


def _short(claim: Claim, width: int = 160) -> str:
    s = " ".join(claim.sentence.split())
    if len(s) <= width:
        return s
    i = s.find(" ".join(claim.text.split()))
    lo = max(0, i - width // 2) if i >= 0 else 0
    piece = s[lo : lo + width]
    return ("…" if lo > 0 else "") + piece + ("…" if lo + width < len(s) else "")


def claims(report: Report) -> str:
    """`claimcheck extract --format md`: every claim, per document, as a table."""
    out = ["# claimcheck claims", ""]
    by_doc: dict[str, list[Claim]] = {}
    for c in report.claims:
        by_doc.setdefault(c.doc, []).append(c)
    for doc in report.documents:
        out.append(f"## {doc.id}")
        out.append("")
        out.append(f"source: {doc.meta.source or '—'} · published: {doc.meta.published or '—'}")
        out.append("")
        out.append("| line:col | kind | text | value | attribution |")
        out.append("|---|---|---|---|---|")
        for c in by_doc.get(doc.id, []):
            value = ", ".join(
                f"{k}={v}" for k, v in c.value.model_dump().items() if v not in (None, "", False)
            )
            out.append(
                f"| {c.line}:{c.column} | {c.kind} | {_code(c.text)} | {_quote(value)} | "
                f"{_quote(c.provenance.attribution or '')} |"
            )
        out.append("")
    return "\n".join(out).rstrip() + "\n"
