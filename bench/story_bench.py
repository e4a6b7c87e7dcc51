"""Accuracy over the case folders: claims and findings scored against their gold.

    python bench/story_bench.py [--misses]

Story cases (tests/cases/stories/) run the whole default pack over several outlets' documents
and give, per claim kind and per event type, precision, recall and value-F1 of the claims
against the gold, and per rule the precision and recall of the findings, with the false
alarms per clean document. Rule cases (tests/cases/rules/<rule>.yaml) run their one rule and
add to that rule's precision and recall. Prints figures; asserts nothing."""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from checker import pipeline  # noqa: E402
from checker.rulepack import load_rules  # noqa: E402
from tests.ruledocs import write_docs  # noqa: E402
from tests.stories import (  # noqa: E402
    Score,
    clean_docs,
    false_alarms_on_clean,
    load_cases,
    run,
    score_claims,
    score_findings,
)


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def _row(label: str, tp: int, fp: int, fn: int) -> str:
    p, r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return f"  {label:<28} {tp:>5} {fp:>5} {fn:>5}   {p:6.3f} {r:6.3f} {f1:6.3f}"


def _table(title: str, score: Score, labels: list[str]) -> None:
    print(f"\n{title}")
    print(f"  {'':<28} {'tp':>5} {'fp':>5} {'fn':>5}   {'P':>6} {'R':>6} {'F1':>6}")
    for label in labels:
        print(_row(label, score.tp[label], score.fp[label], score.fn[label]))
    print(_row("all", sum(score.tp[x] for x in labels), sum(score.fp[x] for x in labels),
               sum(score.fn[x] for x in labels)))


def _rule_cases() -> tuple[Score, int]:
    """Each rule case run with its one rule; every expected finding is one planted error."""
    score = Score()
    rules = {r.id: r for r in load_rules()}
    count = 0
    for path in sorted((ROOT / "tests" / "cases" / "rules").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        rule = rules[data["rule"]]
        for case in data["cases"]:
            count += 1
            this = rule
            if case.get("params"):
                this = rule.model_copy(update={"params": {**rule.params, **case["params"]}})
            with tempfile.TemporaryDirectory() as tmp:
                report = pipeline.check(write_docs(Path(tmp), case["docs"]), [this])
            got = [f for f in report.findings if f.rule == rule.id]
            expected = len(case["expect"])
            hit = min(len(got), expected)
            score.tp[rule.id] += hit
            score.fp[rule.id] += len(got) - hit
            score.fn[rule.id] += expected - hit
    return score, count


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--misses", action="store_true", help="list every miss and extra")
    ap.add_argument("--from", dest="first", metavar="NNN", default="",
                    help="score only the story folders numbered NNN and up (a new round's "
                         "first run), and no rule cases")
    args = ap.parse_args()

    cases = [c for c in load_cases() if not args.first or c.name[:3] >= args.first]
    claims, findings = Score(), Score()
    clean, alarms, docs = 0, 0, 0
    for case in cases:
        report = run(case)
        claims.add(score_claims(case, report))
        findings.add(score_findings(case, report))
        clean += len(clean_docs(case))
        alarms += false_alarms_on_clean(case, report)
        docs += len(case.docs)
    with_events = sum(1 for c in cases for d in c.gold.values() if d.get("event"))
    stories = Counter(c.story for c in cases)
    print(f"story cases: {len(cases)} folders, {docs} documents, {with_events} with event gold")
    print("  by story: " + ", ".join(f"{k} {v}" for k, v in sorted(stories.items())))

    labels = sorted(set(claims.tp) | set(claims.fp) | set(claims.fn))
    events = [x for x in labels if x.startswith("event:")]
    by_kind = Score()
    for label in labels:
        kind = label.split(":")[0]
        by_kind.tp[kind] += claims.tp[label]
        by_kind.fp[kind] += claims.fp[label]
        by_kind.fn[kind] += claims.fn[label]
    _table("claims by kind (a hit has every gold field's value: value-F1)", by_kind,
           sorted({x.split(":")[0] for x in labels}))
    _table("event claims by type", claims, events)

    rule_score, rule_count = _rule_cases() if not args.first else (Score(), 0)
    _table("findings in story cases (whole default pack)", findings,
           sorted(set(findings.tp) | set(findings.fp) | set(findings.fn)))
    _table(f"findings in rule cases ({rule_count} cases, one rule each)", rule_score,
           sorted(set(rule_score.tp) | set(rule_score.fp) | set(rule_score.fn)))
    both = Score()
    both.add(findings)
    both.add(rule_score)
    _table("findings over all case folders", both,
           sorted(set(both.tp) | set(both.fp) | set(both.fn)))
    print(f"\nclean documents: {clean}; findings touching them: {alarms} "
          f"({_ratio(alarms, clean) if clean else 0:.3f} per clean document)")
    em = "event-mismatch"
    print(f"event-mismatch: precision {_ratio(both.tp[em], both.tp[em] + both.fp[em]):.3f}, "
          f"recall {_ratio(both.tp[em], both.tp[em] + both.fn[em]):.3f}")
    if args.misses:
        for line in claims.misses + findings.misses:
            print("miss:", line)
        for line in claims.extras + findings.extras:
            print("extra:", line)


if __name__ == "__main__":
    main()
