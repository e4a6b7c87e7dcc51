"""SARIF 2.1.0 as GitHub code scanning reads it: the rules that ran (with their
documentation), one result per reported finding with its claim's region, the other claims as
related locations, and the finding's fingerprint so alerts follow a claim across edits.

Suppressed findings are left out (code scanning does not honour `suppressions`); their count
is in the run's properties."""

from __future__ import annotations

import json
from urllib.parse import quote

from checker import __version__
from checker.models import Document, Finding, Location, Report, RuleInfo
from checker.render.common import end_line_column, relative_path

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "claimcheckFingerprint/v1"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def render(report: Report) -> str:
    rules = _rules(report)
    index = {r.id: i for i, r in enumerate(rules)}
    docs = report.document_by_id()
    artifacts, artifact_index = _artifacts(report)
    results = [_result(f, index, docs, artifact_index, report) for f in report.findings]
    run: dict = {
        "tool": {
            "driver": {
                "name": "claimcheck",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_descriptor(r) for r in rules],
            }
        },
        "columnKind": "unicodeCodePoints",
        "artifacts": artifacts,
        "invocations": [_invocation(report)],
        "results": results,
        "properties": {
            "documents": report.summary.documents,
            "claims": report.summary.claims,
            "suppressed": report.summary.suppressed,
            "failOn": report.fail_on,
        },
    }
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _rules(report: Report) -> list[RuleInfo]:
    """The rules of the run, plus any rule a finding names that the run did not list."""
    rules = list(report.rules)
    known = {r.id for r in rules}
    for f in report.findings:
        if f.rule not in known:
            rules.append(RuleInfo(id=f.rule, check="", severity=f.severity))
            known.add(f.rule)
    return rules


def _descriptor(rule: RuleInfo) -> dict:
    summary = rule.summary or rule.id
    full = " ".join(rule.description.split()) or summary
    help_text = rule.description.strip() or summary
    help_md = help_text
    if rule.message:
        help_text += f"\n\nMessage: {rule.message}"
        help_md += f"\n\n**Message:** `{rule.message}`"
    if rule.example:
        help_text += f"\n\nExample that fires: {rule.example}"
        help_md += "\n\n**Example that fires:**\n\n> " + " ".join(rule.example.split())
    return {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.split("-")),
        "shortDescription": {"text": summary},
        "fullDescription": {"text": full},
        "help": {"text": help_text, "markdown": help_md},
        "defaultConfiguration": {"level": _LEVEL[rule.severity.value]},
        "properties": {"tags": ["claimcheck", *([rule.check] if rule.check else [])]},
    }


def _artifacts(report: Report) -> tuple[list[dict], dict[str, int]]:
    artifacts, index = [], {}
    for doc in report.documents:
        index[doc.id] = len(artifacts)
        entry: dict = {"location": _artifact_location(doc.path, report), "encoding": "utf-8"}
        if doc.sha256:
            entry["hashes"] = {"sha-256": doc.sha256}
        artifacts.append(entry)
    return artifacts, index


def _artifact_location(path: str, report: Report, index: int | None = None) -> dict:
    out: dict = {"uri": quote(relative_path(path, report.root), safe="/"),
                 "uriBaseId": "%SRCROOT%"}
    if index is not None:
        out["index"] = index
    return out


def _physical(loc: Location, doc: Document | None, report: Report, index: int | None) -> dict:
    region: dict = {"startLine": loc.line, "startColumn": loc.column}
    if loc.end > loc.start:
        end_line, end_column = end_line_column(doc, loc)
        region.update(endLine=end_line, endColumn=end_column, charOffset=loc.start,
                      charLength=loc.end - loc.start)
        if doc is not None and loc.end <= len(doc.text):
            region["snippet"] = {"text": doc.text[loc.start : loc.end]}
    else:
        # A finding about the whole document: point at its first line.
        region = {"startLine": 1}
    return {
        "physicalLocation": {
            "artifactLocation": _artifact_location(loc.path, report, index),
            "region": region,
        }
    }


def _result(
    finding: Finding, rule_index: dict[str, int], docs: dict[str, Document],
    artifact_index: dict[str, int], report: Report,
) -> dict:
    locs = finding.locations
    message = finding.message
    related, wheres = [], []
    for n, loc in enumerate(locs[1:], start=1):
        where = f"{relative_path(loc.path, report.root)}:{loc.line}:{loc.column}"
        wheres.append(where)
        entry = _physical(loc, docs.get(loc.doc), report, artifact_index.get(loc.doc))
        entry["id"] = n
        entry["message"] = {"text": f"also involved: {where}"}
        related.append(entry)
    if related:
        # With embedded links in a message, literal brackets must be escaped (SARIF 3.11.6).
        links = ", ".join(f"[{_escape(where)}]({n})" for n, where in enumerate(wheres, start=1))
        text = f"{_escape(message)} (see also {links})"
    else:
        text = message
    result: dict = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index[finding.rule],
        "level": _LEVEL[finding.severity.value],
        "message": {"text": text},
        "locations": [
            _physical(loc, docs.get(loc.doc), report, artifact_index.get(loc.doc))
            for loc in locs[:1]
        ],
    }
    if related:
        result["relatedLocations"] = related
    if finding.fingerprint:
        result["partialFingerprints"] = {FINGERPRINT_KEY: finding.fingerprint}
    return result


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def _invocation(report: Report) -> dict:
    notes = []
    for err in report.errors:
        note: dict = {"level": "error", "message": {"text": err.message},
                      "locations": [{"physicalLocation": {
                          "artifactLocation": _artifact_location(err.path, report)}}]}
        if err.line:
            note["locations"][0]["physicalLocation"]["region"] = {"startLine": err.line}
        notes.append(note)
    return {
        "executionSuccessful": bool(report.documents) or not report.errors,
        "toolExecutionNotifications": notes,
    }

