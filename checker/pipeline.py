"""The only place the stages are composed:
load -> segment -> extract -> normalise -> ClaimSet -> rules -> suppress -> Report."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence

from checker import normalise, suppress, workers
from checker.claimset import ClaimSet
from checker.engine import evaluate
from checker.extract import ExtractContext, extractors, provenance
from checker.load import load_documents, parse_bytes
from checker.models import (
    Claim,
    Document,
    Finding,
    LoadError,
    Report,
    Rule,
    RuleInfo,
    Summary,
)
from checker.segment import segment
from checker.suppress import Baseline
from checker.text import LineIndex, NfcView

# Wraps the documents as extraction goes through them (the CLI's progress bar).
Progress = Callable[[Sequence[Document]], Iterable[Document]]


def extract_document(doc: Document) -> list[Claim]:
    """Every claim of one document, sorted by position, with spans in the original text."""
    view = NfcView(doc.text)
    body = _nfc_offset(view, doc.body_start)
    nfc_doc = doc.model_copy(update={"text": view.nfc, "body_start": body})
    lines = LineIndex(doc.text)
    segments = segment(nfc_doc, lines if view.nfc is view.original else None)
    ctx = ExtractContext(doc=doc, text=view.nfc, body_start=body, segments=segments)
    for extractor in extractors():
        ctx.found.extend(extractor(ctx))
    # Attribution is a pass over all claims, not an extractor: a cue reaches claims of any kind.
    provenance.attribute(ctx, ctx.found)
    return normalise.to_claims(ctx, view, lines)


def _nfc_offset(view: NfcView, original_offset: int) -> int:
    if view.nfc is view.original:
        return original_offset
    lo, hi = 0, len(view.nfc)
    while lo < hi:
        mid = (lo + hi) // 2
        if view.orig(mid) < original_offset:
            lo = mid + 1
        else:
            hi = mid
    return lo


def extract_all(docs: Sequence[Document], errors: list[LoadError], *, jobs: int | None = 1,
                progress: Progress | None = None) -> list[Claim]:
    """The claims of every document, in document order; one whose reading fails is an error
    line naming it, and the others are still read. `jobs` worker processes share the
    documents (None: one per CPU); the result is the same for any number."""
    docs = list(docs)
    n = workers.jobs_for(jobs, len(docs))
    claims: list[Claim] = []
    with workers.worker_pool(n) as pool:
        results = workers.map_in_order(_claims_or_error, docs, pool, n)
        for doc, result in zip(docs, workers.along(progress, docs, results), strict=True):
            if isinstance(result, str):
                errors.append(LoadError(path=doc.path, message=result))
            else:
                claims.extend(result)
    return claims


def _claims_or_error(doc: Document) -> list[Claim] | str:
    try:
        return extract_document(doc)
    except (RecursionError, MemoryError, ValueError, KeyError, IndexError, TypeError,
            AttributeError, re.error) as exc:
        return f"could not be read: internal error ({type(exc).__name__}); please report it"


def extract(paths: Iterable[str | os.PathLike[str]], *, jobs: int | None = 1) -> Report:
    docs, errors = load_documents(paths)
    claims = extract_all(docs, errors, jobs=jobs)
    claims = suppress.drop_directive_claims(claims, suppress.scan_all(docs))
    return _report(docs, claims, [], errors)




def check(
    paths: Iterable[str | os.PathLike[str]],
    rules: Sequence[Rule],
    *,
    fail_on: str = "error",
    baseline: Baseline | None = None,
    progress: Progress | None = None,
    jobs: int | None = 1,
) -> Report:
    docs, errors = load_documents(paths)
    return check_documents(docs, rules, errors=errors, fail_on=fail_on, baseline=baseline,
                           progress=progress, jobs=jobs)


def check_documents(
    docs: Sequence[Document],
    rules: Sequence[Rule],
    *,
    errors: Sequence[LoadError] = (),
    fail_on: str = "error",
    context: ClaimSet | None = None,
    claims: Sequence[Claim] | None = None,
    baseline: Baseline | None = None,
    progress: Progress | None = None,
    jobs: int | None = 1,
) -> Report:
    """Check documents against themselves, and against `context` (claims of other documents,
    such as an archive's) when given: then only findings that involve `docs` are kept, their
    own locations first. `claims`, when given, are the documents' claims already extracted.
    Findings silenced by a directive in a document or known to `baseline` are moved to
    `report.suppressed` and counted."""
    errors = list(errors)
    if claims is None:
        claims = extract_all(docs, errors, jobs=jobs, progress=progress)
    directives = suppress.scan_all([*docs, *(context.documents.values() if context else ())])
    claims = suppress.drop_directive_claims(claims, directives)
    if context is None:
        claimset = ClaimSet(claims, docs)
        findings = evaluate(rules, claimset, errors)
        others: list[Document] = []
    else:
        claimset = ClaimSet([*claims, *context.claims], [*docs, *context.documents.values()])
        own = {d.id for d in docs}
        findings = [
            _own_first(f, own) for f in evaluate(rules, claimset, errors, focus=own)
            if any(loc.doc in own for loc in f.locations)
        ]
        used = {loc.doc for f in findings for loc in f.locations} - own
        others = [context.documents[d] for d in sorted(used) if d in context.documents]
        claims = claims + [c for c in context.claims if c.doc in used]
    findings = suppress.disambiguate(findings)
    findings, suppressed = suppress.apply_inline(findings, directives)
    if baseline is not None:
        findings, known = suppress.apply_baseline(findings, baseline, baseline.origin)
        suppressed += known
    report = _report([*docs, *others], claims, findings, errors)
    report.suppressed = suppressed
    report.summary.suppressed = len(suppressed)
    report.fail_on = fail_on
    report.rules = [_rule_info(r) for r in rules]
    if context is not None:
        report.archived = [d.id for d in others]
    return report


def _rule_info(rule: Rule) -> RuleInfo:
    firing = next((ex.text.strip() for ex in rule.examples if ex.fires), None)
    return RuleInfo(id=rule.id, check=rule.check, severity=rule.severity,
                    description=rule.description.strip(), message=rule.message, example=firing)


def _own_first(finding: Finding, own: set[str]) -> Finding:
    """The checked documents' locations before the context's, so a finding's first line
    points into the draft."""
    ordered = sorted(finding.locations, key=lambda loc: loc.doc not in own)
    if ordered == finding.locations:
        return finding
    return finding.model_copy(update={"locations": ordered})


def check_texts(
    texts: Sequence[tuple[str, str]], rules: Sequence[Rule], *, fail_on: str = "error"
) -> Report:
    """Check in-memory documents given as (file name, content) pairs (tests, the server)."""
    docs: list[Document] = []
    errors: list[LoadError] = []
    for name, content in texts:
        stem, _, suffix = name.rpartition(".")
        doc = parse_bytes(content.encode("utf-8"), name, stem or name, "." + suffix.lower())
        (errors if isinstance(doc, LoadError) else docs).append(doc)
    return check_documents(docs, rules, errors=errors, fail_on=fail_on)


def _report(
    docs: Sequence[Document], claims: list[Claim], findings: list, errors: Sequence[LoadError]
) -> Report:
    summary = Summary(documents=len(docs), claims=len(claims), errors=len(errors))
    for f in findings:
        summary.findings[f.severity.value] += 1
    return Report(
        documents=list(docs), claims=claims, findings=findings, errors=list(errors),
        summary=summary,
    )


__all__ = ["extract", "check", "check_documents", "check_texts", "extract_document"]
