"""Event extraction cases, one YAML entry each, in tests/cases/extract/events/.

An entry has `name`, a `text` (or a `seed` file name), an optional `published` stamp, an
optional `found` (claims of other kinds to add before events are extracted, each located by
its `text`) and `events`: every event claim of the text, in order, with its exact `text` and
the `value` fields that matter for the case ([] when the text holds no event). The other
extractors of the pipeline run first, as in a real run."""

from __future__ import annotations

import pytest
import yaml
from dates_context import context_for

from checker.extract import ExtractContext, events, extractors
from checker.load import load_file
from checker.models import Document, DocumentMeta, RawClaim
from tests.conftest import CASES, SEEDS

EVENT_CASES = CASES / "extract" / "events"


def _load() -> list:
    params = []
    for path in sorted(EVENT_CASES.glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            params.append(pytest.param(entry, id=f"{path.stem}:{entry['name']}"))
    return params


ALL = _load()


def context(case: dict) -> ExtractContext:
    if "seed" in case:
        doc = load_file(SEEDS / case["seed"])
        assert isinstance(doc, Document)
    else:
        doc = Document(id="case", path="case.txt", text=case["text"],
                       meta=DocumentMeta(published=case.get("published")))
    ctx = context_for(doc)
    for extractor in extractors():
        if extractor is not events.extract:
            ctx.found.extend(extractor(ctx))
    for extra in case.get("found") or []:
        start = ctx.text.index(extra["text"])
        end = start + len(extra["text"])
        ctx.found = [r for r in ctx.found if not (r.kind == extra["kind"] and r.start == start)]
        ctx.found.append(RawClaim(kind=extra["kind"], start=start, end=end,
                                  value=extra["value"]))
    return ctx


@pytest.mark.parametrize("case", ALL)
def test_case(case: dict) -> None:
    ctx = context(case)
    got = list(events.extract(ctx))
    expected = case["events"] or []
    described = [(ctx.text[c.start:c.end], c.value) for c in got]
    assert [(ctx.text[c.start:c.end], c.value["event"]) for c in got] == [
        (e["text"], e["value"]["event"]) for e in expected
    ], described
    for claim, want in zip(got, expected, strict=True):
        for field, value in want["value"].items():
            assert claim.value[field] == value, (want["text"], field, claim.value)


def test_the_catalogue_has_both_sides() -> None:
    entries = [p.values[0] for p in ALL]
    names = [e["name"] for e in entries]
    assert len(names) == len(set(names)), "case names repeat"
    assert sum(1 for e in entries if e["events"]) >= 25
    assert sum(1 for e in entries if not e["events"]) >= 15
