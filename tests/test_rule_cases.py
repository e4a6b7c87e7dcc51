"""Rule cases as data: tests/cases/rules/<rule-id>.yaml, each case run through the real
pipeline with only that rule, its findings compared with `expect`."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker import pipeline
from checker.rulepack import load_rules
from tests.conftest import CASES
from tests.ruledocs import write_docs


def _cases():
    for path in sorted((CASES / "rules").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            yield pytest.param(data["rule"], case, id=f"{path.stem}::{case['name']}")


@pytest.mark.parametrize("rule_id,case", list(_cases()))
def test_rule_case(rule_id: str, case: dict, tmp_path: Path) -> None:
    rules = [r for r in load_rules() if r.id == rule_id]
    assert rules, f"no rule {rule_id} in the default pack"
    rule = rules[0]
    if case.get("params"):
        rule = rule.model_copy(update={"params": {**rule.params, **case["params"]}})
    paths = write_docs(tmp_path, case["docs"])
    report = pipeline.check(paths, [rule])
    assert not report.errors, report.errors
    got = [f for f in report.findings if f.rule == rule_id]
    expected = case["expect"]
    described = [(f.message, [(loc.doc, loc.line) for loc in f.locations]) for f in got]
    assert len(got) == len(expected), described
    remaining = list(got)
    for exp in expected:
        match = next((f for f in remaining if _matches(f, exp)), None)
        assert match is not None, f"expected {exp}, got {described}"
        remaining.remove(match)


def _matches(finding, exp: dict) -> bool:
    docs = {loc.doc for loc in finding.locations}
    if set(map(str, exp.get("docs", []))) != docs and "docs" in exp:
        return False
    for doc, line in (exp.get("lines") or {}).items():
        if not any(loc.doc == str(doc) and loc.line == line for loc in finding.locations):
            return False
    if "message_contains" in exp and exp["message_contains"] not in finding.message:
        return False
    return True
