"""Reports built directly from YAML (tests/cases/render/*.yaml): documents with their text,
claims named by the text they quote, findings naming those claims. Renderer tests use them
to have cross-document findings whatever the extractors find today."""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml
from pydantic import TypeAdapter

from checker.models import Claim, Document, Finding, Location, Report, RuleInfo, Summary
from checker.models.report import fingerprint
from checker.text import LineIndex
from tests.conftest import CASES

_CLAIM = TypeAdapter(Claim)
RENDER_CASES = CASES / "render"


def build_report(path: Path, *, fail_on: str = "error") -> Report:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    docs = [
        Document(id=d["id"], path=d["path"], meta=d.get("meta", {}), text=d["text"],
                 sha256=hashlib.sha256(d["text"].encode("utf-8")).hexdigest())
        for d in data["documents"]
    ]
    by_id = {d.id: d for d in docs}
    claims: list[Claim] = []
    where: dict[tuple[str, str], Claim] = {}
    counters: dict[str, int] = {}
    for entry in data["claims"]:
        doc = by_id[entry["doc"]]
        body = doc.text.index("\n---", 3) + 4 if doc.text.startswith("---") else 0
        start = doc.text.index(entry["text"], body)
        end = start + len(entry["text"])
        line, column = LineIndex(doc.text).line_col(start)
        sentence = doc.text.splitlines()[line - 1]
        counters[doc.id] = counters.get(doc.id, 0) + 1
        claim = _CLAIM.validate_python({
            "id": f"{doc.id}:{entry['kind']}:{counters[doc.id]}", "doc": doc.id,
            "kind": entry["kind"], "text": entry["text"], "start": start, "end": end,
            "line": line, "column": column, "sentence": sentence, "value": entry["value"],
        })
        claims.append(claim)
        where[(doc.id, entry["text"])] = claim
    findings = []
    for f in data["findings"]:
        involved = [where[(d, t)] for d, t in f.get("claims", [])]
        locations = [Location(doc=c.doc, path=by_id[c.doc].path, start=c.start, end=c.end,
                              line=c.line, column=c.column) for c in involved]
        locations += [Location(doc=d, path=by_id[d].path, start=0, end=0, line=1, column=1)
                      for d in f.get("docs", [])]
        parts = [f"{c.doc}\x1e{c.text}" for c in involved] + list(f.get("docs", []))
        findings.append(Finding(rule=f["rule"], severity=f["severity"], message=f["message"],
                                claims=[c.id for c in involved], locations=locations,
                                fingerprint=fingerprint(f["rule"], parts)))
    findings.sort(key=Finding.sort_key)
    summary = Summary(documents=len(docs), claims=len(claims))
    for f in findings:
        summary.findings[f.severity.value] += 1
    return Report(documents=docs, claims=claims, findings=findings, summary=summary,
                  fail_on=fail_on, rules=[RuleInfo(**r) for r in data.get("rules", [])])
