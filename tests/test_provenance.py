"""Attribution cases: tests/cases/extract/provenance/*.yaml.

Each case places claims of its own (a count unless `kind` says otherwise) on the `at` text
(its `nth` occurrence, 1 by default), runs the registered extractors and the attribution pass,
and compares each placed claim's provenance. `null` attribution means no cue reaches it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker.extract import provenance
from checker.models import RawClaim
from tests.roles_support import claims, context, document

CASES = Path(__file__).parent / "cases" / "extract" / "provenance"


def _cases() -> list:
    return [
        pytest.param(case, id=f"{path.stem}:{case['name']}")
        for path in sorted(CASES.glob("*.yaml"))
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
    ]


def _place(text: str, at: str, nth: int) -> int:
    pos = -1
    for _ in range(nth):
        pos = text.find(at, pos + 1)
        assert pos >= 0, f"{at!r} (occurrence {nth}) is not in the text"
    return pos


@pytest.mark.parametrize("case", _cases())
def test_provenance_case(case: dict) -> None:
    ctx = context(document(case.get("text"), case.get("file"), case.get("published")))
    placed = []
    for spec in case["claims"]:
        start = _place(ctx.text, spec["at"], spec.get("nth", 1))
        raw = RawClaim(kind=spec.get("kind", "count"), start=start, end=start + len(spec["at"]),
                       value={})
        placed.append((spec, raw))
    everything = [*ctx.found, *(raw for _, raw in placed)]
    provenance.attribute(ctx, everything)
    assert all(c.provenance is not None for c in everything)
    for spec, raw in placed:
        got = (raw.provenance.attribution, raw.provenance.speaker)
        assert got == (spec["attribution"], spec.get("speaker")), spec["at"]


def test_every_claim_of_the_seeds_carries_provenance() -> None:
    for seed in ("000_0855d1e29bbb93d9", "004_6578a29db5b92e61"):
        found = claims(document(file=f"seeds/{seed}.txt"))
        assert found
        assert all(c.provenance is not None for c in found)


def _pipeline_cases() -> list:
    path = CASES.parent / "provenance_pipeline.yaml"
    return [pytest.param(c, id=c["name"])
            for c in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]]


@pytest.mark.parametrize("case", _pipeline_cases())
def test_provenance_through_the_pipeline(case: dict) -> None:
    found = claims(document(case.get("text"), case.get("file")), case["kind"])
    assert found, f"no {case['kind']} claims"
    for claim in found:
        for key, want in (case.get("every") or {}).items():
            assert getattr(claim.provenance, key) == want, (claim.text, key)
    by_text = {c.text: c for c in found}
    for text, want in (case.get("claims") or {}).items():
        assert text in by_text, f"no {case['kind']} claim {text!r}"
        for key, value in want.items():
            assert getattr(by_text[text].provenance, key) == value, (text, key)
