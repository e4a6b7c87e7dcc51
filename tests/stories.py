"""Story cases: tests/cases/stories/<NNN-slug>/, one folder a case.

A folder holds the documents of one story as the outlets printed them (`.md` with front
matter, or crawled `.txt`), and `expect.yaml`:

    story: health          # health | police | personnel | disaster | meeting | economy
    about: what the case is, and the trap in it
    gold:                  # per document (file stem), per claim kind: every claim of that
      a:                   # kind the document states, so extra claims are false positives
        event:
          - {event: positive-test, subject: BN2899, date: "2021-04-28"}
        count:
          - {value: 20, unit: ca}
    findings:              # every finding of the default pack; any other is a false alarm
      - {rule: event-mismatch, docs: [a, b]}

A gold claim matches a claim of its kind and document whose value has every field the gold
entry gives, with the same value (`text`, when given, must be the claim's text). A document
that no finding should touch is "clean": every default rule is expected quiet on it.

The same scoring serves the test (every case exact) and bench/story_bench.py (precision,
recall and value-F1 over all cases)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from checker import pipeline
from checker.models import Claim, Finding, Report
from checker.rulepack import load_rules

STORIES = Path(__file__).resolve().parent / "cases" / "stories"
KINDS = ("date", "period", "count", "role", "event")


@dataclass
class Case:
    name: str
    folder: Path
    story: str
    about: str
    gold: dict[str, dict[str, list[dict[str, Any]]]]
    findings: list[dict[str, Any]]
    docs: list[str]


@dataclass
class Score:
    """Counts for precision and recall, keyed by (kind, type) for claims and rule for findings."""

    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.tp.update(other.tp)
        self.fp.update(other.fp)
        self.fn.update(other.fn)
        self.misses += other.misses
        self.extras += other.extras


def load_cases(root: Path = STORIES) -> list[Case]:
    cases = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        data = yaml.safe_load((folder / "expect.yaml").read_text(encoding="utf-8")) or {}
        docs = sorted(p.stem for p in folder.iterdir() if p.suffix in (".md", ".txt"))
        cases.append(Case(folder.name, folder, data.get("story", ""), data.get("about", ""),
                          data.get("gold") or {}, data.get("findings") or [], docs))
    return cases


def run(case: Case) -> Report:
    paths = [p for p in sorted(case.folder.iterdir()) if p.suffix in (".md", ".txt")]
    return pipeline.check(paths, load_rules())


def _label(claim_kind: str, value: dict[str, Any]) -> str:
    return f"{claim_kind}:{value.get('event')}" if claim_kind == "event" else claim_kind


def _matches(claim: Claim, want: dict[str, Any]) -> bool:
    value = claim.value.model_dump()
    for key, expected in want.items():
        if key == "text":
            if claim.text != expected:
                return False
        elif key == "line":
            if claim.line != expected:
                return False
        elif key == "subject" and isinstance(expected, str):
            if str(value.get(key) or "").casefold() != expected.casefold():
                return False
        elif _plain(value.get(key)) != _plain(expected):
            return False
    return True


def _plain(v: Any) -> Any:
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items() if x is not None}
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def score_claims(case: Case, report: Report) -> Score:
    score = Score()
    by_doc: dict[str, list[Claim]] = {}
    for c in report.claims:
        by_doc.setdefault(c.doc, []).append(c)
    for doc, kinds in case.gold.items():
        for kind, wanted in kinds.items():
            got = [c for c in by_doc.get(str(doc), []) if c.kind == kind]
            free = list(got)
            for want in wanted or []:
                label = _label(kind, want)
                hit = next((c for c in free if _matches(c, want)), None)
                if hit is None:
                    score.fn[label] += 1
                    near = [_show(c) for c in got if _label(kind, c.value.model_dump()) == label]
                    score.misses.append(f"{case.name}/{doc}: {want} (got {near})")
                else:
                    score.tp[label] += 1
                    free.remove(hit)
            for c in free:
                score.fp[_label(kind, c.value.model_dump())] += 1
                score.extras.append(f"{case.name}/{doc}: {_show(c)}")
    return score


def _show(c: Claim) -> str:
    value = {k: v for k, v in c.value.model_dump().items() if v not in (None, False, [], {})}
    return f"line {c.line} {c.text!r} {value}"


def score_findings(case: Case, report: Report) -> Score:
    score = Score()
    got = list(report.findings)
    for exp in case.findings:
        hit = next((f for f in got if _finding_matches(f, exp)), None)
        if hit is None:
            score.fn[exp["rule"]] += 1
            score.misses.append(f"{case.name}: expected {exp}")
        else:
            score.tp[exp["rule"]] += 1
            got.remove(hit)
    for f in got:
        score.fp[f.rule] += 1
        where = ", ".join(f"{loc.doc}:{loc.line}" for loc in f.locations)
        score.extras.append(f"{case.name}: {f.rule} at {where}: {f.message}")
    return score


def _finding_matches(f: Finding, exp: dict[str, Any]) -> bool:
    if f.rule != exp["rule"]:
        return False
    if "docs" in exp and {loc.doc for loc in f.locations} != set(map(str, exp["docs"])):
        return False
    for doc, line in (exp.get("lines") or {}).items():
        if not any(loc.doc == str(doc) and loc.line == line for loc in f.locations):
            return False
    return "message_contains" not in exp or exp["message_contains"] in f.message


def clean_docs(case: Case) -> list[str]:
    touched = {str(d) for exp in case.findings for d in exp.get("docs", case.docs)}
    return [d for d in case.docs if d not in touched]


def false_alarms_on_clean(case: Case, report: Report) -> int:
    clean = set(clean_docs(case))
    return sum(1 for f in report.findings if {loc.doc for loc in f.locations} & clean)
