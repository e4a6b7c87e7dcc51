"""Runs rules over a ClaimSet: selection, scope, message templates, locations, fingerprints.
A check that crashes becomes an error naming the rule, never a traceback."""

from __future__ import annotations

import string
from collections.abc import Collection, Sequence

from checker.checks import CHECKS
from checker.checks.base import CheckInput, Hit
from checker.claimset import ClaimSet
from checker.models import Claim, Finding, LoadError, Location, Rule, Selection
from checker.models.report import fingerprint


def evaluate(
    rules: Sequence[Rule], claims: ClaimSet, errors: list[LoadError] | None = None,
    *, focus: Collection[str] | None = None,
) -> list[Finding]:
    """All findings of `rules` over `claims`, sorted by (path, line, column, rule). With a
    `focus`, only findings that name one of those documents (the others are context)."""
    only = frozenset(focus) if focus is not None else None
    findings: list[Finding] = []
    # Rules that select alike share their selection and its per-document batches.
    shared: dict[tuple[str, str], list[ClaimSet]] = {}
    for rule in rules:
        check = CHECKS[rule.check]
        params = check.params.model_validate(rule.params)
        key = (rule.select.model_dump_json(), check.scope)
        batches = shared.get(key)
        if batches is None:
            selected = select(rule.select, claims)
            if check.scope == "corpus":
                batches = [selected]
            else:
                batches = [
                    ClaimSet(selected.by_doc(doc_id), [doc])
                    for doc_id, doc in claims.documents.items()
                    if only is None or doc_id in only
                ]
            shared[key] = batches
        try:
            for batch in batches:
                inp = CheckInput(rule=rule, params=params, claims=batch, focus=only)
                for hit in check.evaluate(inp):
                    if only is None or _names(hit, only):
                        findings.append(_finding(rule, hit, claims))
        except Exception as exc:  # noqa: BLE001 - a faulty check must not hide the others
            if errors is None:
                raise
            errors.append(
                LoadError(
                    path=rule.origin or rule.id,
                    message=f"rule {rule.id} ({rule.check}) failed: {type(exc).__name__}: {exc}",
                )
            )
    return sorted(_dedupe(findings), key=Finding.sort_key)


def _names(hit: Hit, docs: frozenset[str]) -> bool:
    return any(c.doc in docs for c in hit.claims) or any(d in docs for d in hit.docs)


def select(selection: Selection, claims: ClaimSet) -> ClaimSet:
    if not (selection.kinds or selection.units or selection.events):
        return claims
    kinds = set(selection.kinds)
    units = set(selection.units)
    events = set(selection.events)

    def keep(c: Claim) -> bool:
        if kinds and c.kind not in kinds:
            return False
        if units and c.kind == "count" and c.value.unit not in units:
            return False
        if events and c.kind == "event" and c.value.event not in events:
            return False
        return True

    return claims.subset(c for c in claims if keep(c))


def _finding(rule: Rule, hit: Hit, claims: ClaimSet) -> Finding:
    locations: list[Location] = []
    for c in hit.claims:
        doc = claims.documents.get(c.doc)
        locations.append(
            Location(
                doc=c.doc, path=doc.path if doc else c.doc, start=c.start, end=c.end,
                line=c.line, column=c.column,
            )
        )
    for doc_id in hit.docs:
        doc = claims.documents.get(doc_id)
        if doc is None:
            continue
        locations.append(
            Location(doc=doc_id, path=doc.path, start=doc.body_start, end=doc.body_start,
                     line=1, column=1)
        )
    values = {
        "rule": rule.id,
        "doc": locations[0].doc if locations else "",
        "text": hit.claims[0].text if hit.claims else "",
        "line": str(locations[0].line) if locations else "",
        **hit.values,
    }
    message = string.Template(rule.message).safe_substitute(values)
    parts = [f"{c.doc}\x1e{' '.join(c.text.split())}\x1e{c.kind}" for c in hit.claims]
    parts += [f"doc\x1e{d}" for d in hit.docs] + hit.key
    return Finding(
        rule=rule.id,
        severity=rule.severity,
        message=message,
        claims=[c.id for c in hit.claims],
        locations=locations,
        fingerprint=fingerprint(rule.id, parts),
    )


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple] = set()
    out: list[Finding] = []
    for f in findings:
        key = (f.rule, tuple(sorted(f.claims)), tuple(sorted(loc.doc for loc in f.locations)),
               f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
