"""One self-contained HTML page for an editor: the finding count, a filter by severity and
rule, the findings with links to their claims, claims from several documents side by side,
and every document with its claims highlighted in place.

Every piece of text from a document, its metadata or a rule goes through `escape`; the page
loads nothing from anywhere, and its Content-Security-Policy allows only its own style and
script, by hash, so even a document that slipped past escaping could run nothing."""

from __future__ import annotations

import base64
import hashlib
import html
import importlib.resources
from collections.abc import Iterator

from checker import __version__
from checker.models import Claim, Document, Report
from checker.render.common import SEVERITIES, relative_path
from checker.render.text import summary_line

_ASSETS = importlib.resources.files(__package__)
CSS = (_ASSETS / "html.css").read_text(encoding="utf-8")
SCRIPT = (_ASSETS / "html.js").read_text(encoding="utf-8")


def _hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


CSP = (
    "default-src 'none'; "
    f"style-src {_hash(CSS)}; script-src {_hash(SCRIPT)}; "
    "img-src 'none'; base-uri 'none'; form-action 'none'"
)


def escape(text: object) -> str:
    return html.escape(str(text), quote=True)


class _Index:
    """Page ids: claims are k1, k2…, findings f1, f2…, documents d1, d2…, so nothing from a
    document ever becomes an id or a selector."""

    def __init__(self, report: Report) -> None:
        self.claim = {c.id: f"k{i}" for i, c in enumerate(report.claims, start=1)}
        self.finding = [f"f{i}" for i in range(1, len(report.findings) + 1)]
        self.doc = {d.id: f"d{i}" for i, d in enumerate(report.documents, start=1)}
        self.findings_of_claim: dict[str, list[int]] = {}
        for n, f in enumerate(report.findings):
            for cid in f.claims:
                self.findings_of_claim.setdefault(cid, []).append(n)


def render(report: Report) -> str:
    idx = _Index(report)
    total = len(report.findings)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="vi">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="claimcheck {escape(__version__)}">',
        "<title>claimcheck report</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        "<h1>claimcheck report</h1>",
        f'<p class="count"><span id="finding-count">{total}</span> '
        f"finding{'s' if total != 1 else ''} "
        f'(<span id="shown-count">{total}</span> shown)</p>',
        f'<p class="summary">{escape(summary_line(report))}</p>',
        *_filters(report),
        "</header>",
        "<main>",
        *_errors(report),
        *_findings(report, idx),
        *_documents(report, idx),
        "</main>",
        f"<script>{SCRIPT}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _filters(report: Report) -> Iterator[str]:
    yield '<div class="filters" role="group" aria-label="Filter findings">'
    for sev in SEVERITIES:
        n = report.summary.findings.get(sev, 0)
        yield (f'<label><input type="checkbox" class="f-sev" value="{sev}" checked> '
               f'<span class="badge sev-{sev}">{sev}</span> {n}</label>')
    counts: dict[str, int] = {}
    for f in report.findings:
        counts[f.rule] = counts.get(f.rule, 0) + 1
    summaries = {r.id: r.summary for r in report.rules}
    yield '<label>rule <select id="f-rule"><option value="">all rules</option>'
    for rule in sorted(counts):
        yield (f'<option value="{escape(rule)}" title="{escape(summaries.get(rule, ""))}">'
               f"{escape(rule)} ({counts[rule]})</option>")
    yield "</select></label>"
    yield "</div>"


def _errors(report: Report) -> Iterator[str]:
    if not report.errors:
        return
    yield "<section><h2>Files that could not be read</h2><ul>"
    for err in report.errors:
        yield f"<li><code>{escape(err)}</code></li>"
    yield "</ul></section>"


def _findings(report: Report, idx: _Index) -> Iterator[str]:
    claims = report.claim_by_id()
    docs = report.document_by_id()
    summaries = {r.id: r.summary for r in report.rules}
    yield '<section id="findings"><h2>Findings</h2>'
    if not report.findings:
        yield '<p class="empty">No findings.</p></section>'
        return
    yield '<ol class="findings">'
    for n, f in enumerate(report.findings):
        sev = f.severity.value
        yield (f'<li class="finding sev-{sev}" id="{idx.finding[n]}" data-severity="{sev}" '
               f'data-rule="{escape(f.rule)}">')
        yield (f'<span class="badge">{sev}</span> '
               f'<code title="{escape(summaries.get(f.rule, ""))}">{escape(f.rule)}</code> '
               f"{escape(f.message)}")
        involved = [claims[c] for c in f.claims if c in claims]
        yield '<ul class="where">'
        for loc in f.locations:
            where = f"{relative_path(loc.path, report.root)}:{loc.line}:{loc.column}"
            claim = next((c for c in involved if c.doc == loc.doc and c.start == loc.start), None)
            if claim is not None:
                yield (f'<li><a href="#{idx.claim[claim.id]}">{escape(where)}</a> '
                       f"“{escape(_one_line(claim.text))}”</li>")
            elif loc.doc in idx.doc:
                yield f'<li><a href="#{idx.doc[loc.doc]}">{escape(where)}</a></li>'
            else:
                yield f"<li>{escape(where)}</li>"
        yield "</ul>"
        # Side by side when the claims stand in different places (documents or sentences);
        # claims of one sentence are already plain from the list above.
        if len({(c.doc, c.sentence) for c in involved}) > 1:
            yield from _side_by_side(involved, docs, idx, report)
        yield "</li>"
    yield "</ol></section>"


def _side_by_side(
    involved: list[Claim], docs: dict[str, Document], idx: _Index, report: Report
) -> Iterator[str]:
    yield '<div class="side">'
    for c in involved:
        doc = docs.get(c.doc)
        meta = doc.meta if doc else None
        path = relative_path(doc.path, report.root) if doc else c.doc
        yield "<div>"
        yield f"<h4>{escape(c.doc)}</h4>"
        yield (f'<p class="meta">source: {escape((meta and meta.source) or "—")} · '
               f'published: {escape((meta and meta.published) or "—")}</p>')
        yield (f'<p class="meta"><a href="#{idx.claim[c.id]}">{escape(path)}:{c.line}:'
               f"{c.column}</a></p>")
        yield f"<blockquote>{_sentence_with_claim(c)}</blockquote>"
        yield "</div>"
    yield "</div>"


def _sentence_with_claim(claim: Claim) -> str:
    sentence = _one_line(claim.sentence)
    text = _one_line(claim.text)
    at = sentence.find(text) if text else -1
    if at < 0:
        return f"<mark>{escape(text)}</mark>" + (f" — {escape(sentence)}" if sentence else "")
    return (escape(sentence[:at]) + f"<mark>{escape(text)}</mark>"
            + escape(sentence[at + len(text):]))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _documents(report: Report, idx: _Index) -> Iterator[str]:
    by_doc: dict[str, list[Claim]] = {}
    for c in report.claims:
        by_doc.setdefault(c.doc, []).append(c)
    severity = _claim_severity(report)
    archived = set(report.archived)
    yield '<section id="documents"><h2>Documents</h2>'
    for doc in report.documents:
        meta = doc.meta
        facts = [f"<code>{escape(relative_path(doc.path, report.root))}</code>",
                 f"source: {escape(meta.source or '—')}",
                 f"published: {escape(meta.published or '—')}"]
        if meta.title:
            facts.append(f"title: {escape(meta.title)}")
        if meta.url:
            # Shown, not linked: a report must not send its reader anywhere by itself.
            facts.append(f"url: {escape(meta.url)}")
        yield f'<article class="doc" id="{idx.doc[doc.id]}">'
        yield f"<h3>{escape(doc.id)}</h3>"
        yield f'<p class="meta">{" · ".join(facts)}</p>'
        if doc.id in archived:
            # A ledger keeps claims with their sentences, not the text: quote those.
            yield '<p class="meta">archived (from the ledger)</p><ul class="quotes">'
            for c in by_doc.get(doc.id, []):
                yield (f'<li><span id="{idx.claim[c.id]}"></span>line {c.line}: '
                       f"{_sentence_with_claim(c)}</li>")
            yield "</ul></article>"
            continue
        yield ('<pre class="text">' + _highlight(doc, by_doc.get(doc.id, []), idx, severity)
               + "</pre>")
        yield "</article>"
    yield "</section>"


def _claim_severity(report: Report) -> dict[str, str]:
    """The highest severity of the findings each claim is in."""
    out: dict[str, str] = {}
    for f in report.findings:
        for cid in f.claims:
            if cid not in out or f.severity.rank > _rank(out[cid]):
                out[cid] = f.severity.value
    return out


def _rank(sev: str) -> int:
    return 3 - SEVERITIES.index(sev)


def _highlight(doc: Document, claims: list[Claim], idx: _Index, severity: dict[str, str]) -> str:
    """The document text, escaped, cut at every claim boundary; each piece covered by claims
    is one <mark> naming all of them, so overlapping and nested claims both show."""
    text = doc.text
    spans = [c for c in claims if 0 <= c.start < c.end <= len(text)]
    cuts = sorted({0, len(text), *(c.start for c in spans), *(c.end for c in spans)})
    starts: dict[int, list[Claim]] = {}
    for c in spans:
        starts.setdefault(c.start, []).append(c)
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        for c in starts.get(a, []):
            out.append(f'<span id="{idx.claim[c.id]}"></span>')
        covering = [c for c in spans if c.start <= a and c.end >= b]
        piece = escape(text[a:b])
        if not covering:
            out.append(piece)
            continue
        out.append(_mark(covering, piece, idx, severity))
    return "".join(out)


def _mark(covering: list[Claim], piece: str, idx: _Index, severity: dict[str, str]) -> str:
    classes = ["claim", *(idx.claim[c.id] for c in covering)]
    flagged = [severity[c.id] for c in covering if c.id in severity]
    attrs = ""
    if flagged:
        classes += ["flagged", "sev-" + max(flagged, key=_rank)]
        finding_ids = sorted({idx.finding[n] for c in covering
                              for n in idx.findings_of_claim.get(c.id, [])},
                             key=lambda s: int(s[1:]))
        attrs = f' data-f="{" ".join(finding_ids)}"'
    title = "; ".join(f"{c.kind}: {_one_line(c.text)}" for c in covering)
    return f'<mark class="{" ".join(classes)}"{attrs} title="{escape(title)}">{piece}</mark>'

