"""Every story case (tests/cases/stories/<case>/) read exactly: its gold claims found with
their values and nothing else of those kinds, its expected findings raised and no other."""

from __future__ import annotations

import pytest

from tests.stories import STORIES, load_cases, run, score_claims, score_findings

CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_story(case) -> None:
    report = run(case)
    assert not report.errors, report.errors
    claims = score_claims(case, report)
    findings = score_findings(case, report)
    problems = [f"missed claim {m}" for m in claims.misses]
    problems += [f"extra claim {e}" for e in claims.extras]
    problems += [f"missed finding {m}" for m in findings.misses]
    problems += [f"false alarm {e}" for e in findings.extras]
    assert not problems, "\n".join(problems)


def test_the_corpus_covers_the_stories() -> None:
    kinds = {c.story for c in CASES}
    assert {"health", "police", "personnel", "disaster", "meeting", "economy"} <= kinds, kinds
    assert all((c.folder / "expect.yaml").exists() for c in CASES), STORIES
    assert all(c.about for c in CASES), "every case says what it is"
    with_events = sum(1 for c in CASES for doc in c.gold.values() if doc.get("event"))
    assert with_events >= 60
    assert sum(1 for c in CASES if not c.findings) >= 15, "clean cases, not only planted errors"
