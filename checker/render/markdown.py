"""Markdown for people: findings grouped by document, each quoting its claims with their
lines; conflicting claims from several documents side by side."""

from __future__ import annotations

from checker.models import Claim, Finding, Report
from checker.render.text import summary_line


def _quote(text: str) -> str:
    one = " ".join(text.split())
    return one.replace("|", "\\|").replace("`", "'")


def render(report: Report) -> str:
    claims = report.claim_by_id()
    docs = report.document_by_id()
    out = ["# claimcheck report", ""]
    out.append(f"**{summary_line(report)}**")
    out.append("")
    if report.errors:
        out.append("## Files that could not be read")
        out.append("")
        out += [f"- `{e}`" for e in report.errors]
        out.append("")
    by_doc: dict[str, list[Finding]] = {}
    for f in report.findings:
        first = f.locations[0].doc if f.locations else ""
        by_doc.setdefault(first, []).append(f)
    for doc in report.documents:
        findings = by_doc.get(doc.id, [])
        meta = doc.meta
        out.append(f"## {doc.id}")
        out.append("")
        facts = [f"`{doc.path}`"]
        facts.append(f"source: {meta.source or '—'}")
        facts.append(f"published: {meta.published or '—'}")
        if meta.url:
            facts.append(f"<{meta.url}>")
        out.append(" · ".join(facts))
        out.append("")
        if not findings:
            out.append("No findings.")
            out.append("")
            continue
        for f in findings:
            out.append(f"- **{f.severity.value}** `{f.rule}`: {_quote(f.message)}")
            involved = [claims[c] for c in f.claims if c in claims]
            if len(involved) > 1:
                out.append("")
                out.append("  | document | line | claim | sentence |")
                out.append("  |---|---|---|---|")
                for c in involved:
                    out.append(f"  | {c.doc} | {c.line} | `{_quote(c.text)}` | "
                               f"{_quote(_short(c))} |")
                out.append("")
            elif involved:
                c = involved[0]
                out.append(f"  - line {c.line}: `{_quote(c.text)}` — {_quote(_short(c))}")
            else:
                for loc in f.locations:
                    name = docs[loc.doc].path if loc.doc in docs else loc.path
                    out.append(f"  - `{name}`")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


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
                f"| {c.line}:{c.column} | {c.kind} | `{_quote(c.text)}` | {_quote(value)} | "
                f"{_quote(c.provenance.attribution or '')} |"
            )
        out.append("")
    return "\n".join(out).rstrip() + "\n"
