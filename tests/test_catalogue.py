"""The catalogue stays honest: every check type is registered, used and documented; every
default rule has firing and quiet cases; every rule example behaves as it says."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import yaml

from checker import pipeline
from checker.checks import CHECKS
from checker.rulepack import load_rules
from tests.conftest import CASES, ROOT

RULES = load_rules()


def test_every_check_type_is_used_by_a_default_rule() -> None:
    used = {r.check for r in RULES}
    assert set(CHECKS) - used == set()


def test_every_rule_has_a_description_and_examples_both_ways() -> None:
    for rule in RULES:
        assert rule.description.strip(), rule.id
        assert any(e.fires for e in rule.examples), f"{rule.id}: no firing example"
        assert any(not e.fires for e in rule.examples), f"{rule.id}: no quiet example"


def test_every_rule_has_case_files_both_ways() -> None:
    for rule in RULES:
        path = CASES / "rules" / f"{rule.id}.yaml"
        assert path.is_file(), f"no cases for {rule.id}: {path}"
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
        assert any(c["expect"] for c in cases), f"{rule.id}: no firing case"
        assert any(not c["expect"] for c in cases), f"{rule.id}: no quiet case"


EXAMPLES = [
    pytest.param(rule, i, ex, id=f"{rule.id}-{i}-{'fires' if ex.fires else 'passes'}")
    for rule in RULES
    for i, ex in enumerate(rule.examples)
]


@pytest.mark.parametrize("rule,index,example", EXAMPLES)
def test_rule_example(rule, index, example, tmp_path: Path) -> None:
    front = {"source": example.source, "published": example.published}
    front = {k: v for k, v in front.items() if v}
    if front:
        body = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + example.text
        path = tmp_path / "example.md"
    else:
        body, path = example.text, tmp_path / "example.txt"
    path.write_text(body, encoding="utf-8")
    report = pipeline.check([path], [rule])
    fired = [f.message for f in report.findings if f.rule == rule.id]
    assert bool(fired) == example.fires, fired


def test_packaged_modules_are_listed_in_pyproject() -> None:
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "checker").rglob("__init__.py")
    }
    assert found <= listed, found - listed


def test_pipeline_direction() -> None:
    """models import only models; renderers only models; checks never import extractors;
    only the cli imports click."""
    for path in (ROOT / "checker").rglob("*.py"):
        rel = path.relative_to(ROOT / "checker").parts
        imports = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                imports.add(node.module)
            elif isinstance(node, ast.Import):
                imports.update(a.name for a in node.names)
        internal = {i for i in imports if i.startswith("checker")}
        if rel[0] == "models":
            assert all(i.startswith("checker.models") for i in internal), (path, internal)
        if rel[0] == "render":
            allowed = ("checker.models", "checker.render")
            assert all(i == "checker" or i.startswith(allowed) for i in internal), (
                path, internal)
        if rel[0] == "checks":
            assert not any(i.startswith("checker.extract") for i in internal), (path, internal)
        if "click" in imports:
            assert rel in (("cli.py",),) or rel[0] == "cli", path
