"""Count extraction cases as data (tests/cases/extract/counts/*.yaml): each case lists every
count its text holds, in order; each count gives its exact text and the value fields to
check ("*" = any non-null value). Dates run first, as in the pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from dates_context import context_for, context_of_text

from checker.extract import counts, dates
from checker.load import load_file
from checker.models import CountValue, Document

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "cases" / "extract" / "counts"


def _cases():
    for path in sorted(CASES.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            yield pytest.param(case, id=f"{path.stem}::{case['name']}")


def _context(case: dict):
    if "file" in case:
        doc = load_file(ROOT / case["file"])
        assert isinstance(doc, Document)
        return context_for(doc)
    return context_of_text(case["text"], case.get("published"))


def _extract(ctx) -> list[tuple[str, dict]]:
    ctx.found.extend(dates.extract(ctx))
    return [(ctx.text[c.start:c.end], c.value) for c in counts.extract(ctx)]


@pytest.mark.parametrize("case", list(_cases()))
def test_count_case(case: dict) -> None:
    got = _extract(_context(case))
    expected = case["counts"]
    assert [t for t, _ in got] == [c["text"] for c in expected]
    for (text, value), exp in zip(got, expected, strict=True):
        CountValue.model_validate(value)
        for key, want in exp.items():
            if key == "text":
                continue
            have = value[key]
            if want == "*":
                assert have is not None, f"{text}: {key} is null"
            elif isinstance(want, int | float) and not isinstance(want, bool):
                assert have is not None and abs(have - want) < 1e-9, f"{text}: {key}={have}"
            else:
                assert have == want, f"{text}: {key}={have!r}, expected {want!r}"
