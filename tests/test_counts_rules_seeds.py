"""The count rules stay quiet on the two seed documents, read together: every total there
adds up, every part is within its total, and no two counts report one metric."""

from __future__ import annotations

from checker import pipeline
from checker.rulepack import load_rules
from tests.conftest import SEEDS

COUNT_RULES = {"count-mismatch", "parts-sum-mismatch", "subset-exceeds-total",
               "duration-mismatch"}


def test_count_rules_are_quiet_on_the_seeds() -> None:
    rules = [r for r in load_rules() if r.id in COUNT_RULES]
    assert {r.id for r in rules} == COUNT_RULES
    report = pipeline.check(sorted(SEEDS.glob("*.txt")), rules)
    assert not report.errors
    assert [f.message for f in report.findings] == []
    assert sum(c.kind == "count" for c in report.claims) == 29
