"""English dates quoted in Vietnamese text (tests/cases/extract/dates_english/)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from dates_context import context_of_text

from checker.extract import dates, dates_english

CASES = Path(__file__).resolve().parent / "cases" / "extract" / "dates_english"
ALL = [
    pytest.param(e, id=e["name"])
    for p in sorted(CASES.glob("*.yaml"))
    for e in yaml.safe_load(p.read_text(encoding="utf-8"))
]


@pytest.mark.parametrize("case", ALL)
def test_case(case: dict) -> None:
    ctx = context_of_text(case["text"], case.get("published"))
    ctx.found.extend(dates.extract(ctx))
    got = list(dates_english.extract(ctx))
    assert [ctx.text[c.start:c.end] for c in got] == [e["text"] for e in case["claims"]]
    for claim, want in zip(got, case["claims"], strict=True):
        for field, value in want.get("value", {}).items():
            assert claim.value[field] == value, (want["text"], field)
