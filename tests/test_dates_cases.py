"""Date and period extraction cases, one YAML entry each, in tests/cases/extract/dates/.

An entry has `name`, `text`, optional `published` (the document's publication stamp) and
`claims`: every date and period the text holds, in order, each with its exact `text`, its
`kind` and the `value` fields that matter for the case ([] when nothing is a date)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from dates_context import context_of_text

from checker.extract.dates import extract

CASES = Path(__file__).resolve().parent / "cases" / "extract" / "dates"


def _load() -> list:
    params = []
    for path in sorted(CASES.glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            params.append(pytest.param(entry, id=f"{path.stem}:{entry['name']}"))
    return params


ALL = _load()


@pytest.mark.parametrize("case", ALL)
def test_case(case: dict) -> None:
    ctx = context_of_text(case["text"], case.get("published"))
    got = list(extract(ctx))
    expected = case["claims"] or []
    assert [(ctx.text[c.start:c.end], c.kind) for c in got] == [
        (e["text"], e["kind"]) for e in expected
    ]
    for claim, want in zip(got, expected, strict=True):
        for field, value in (want.get("value") or {}).items():
            assert claim.value[field] == value, (want["text"], field)


def test_the_catalogue_has_both_sides() -> None:
    entries = [p.values[0] for p in ALL]
    names = [e["name"] for e in entries]
    assert len(names) == len(set(names)), "case names repeat"
    assert sum(1 for e in entries if e["claims"]) >= 40
    assert sum(1 for e in entries if not e["claims"]) >= 25
