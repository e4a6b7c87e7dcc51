"""Inline directives (cases in tests/cases/suppress/directives.yaml) through the real
pipeline, and the fingerprint rules a baseline relies on."""

from __future__ import annotations

import pytest
import yaml

from checker import pipeline
from checker.models import Finding, Location
from checker.render.text import summary_line
from checker.rulepack import load_rules
from checker.suppress import disambiguate
from tests.conftest import CASES

CASES_FILE = CASES / "suppress" / "directives.yaml"
DIRECTIVE_CASES = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", DIRECTIVE_CASES, ids=[c["name"] for c in DIRECTIVE_CASES])
def test_directive_case(case: dict) -> None:
    wanted = case.get("rules", ["weekday-mismatch"])
    rules = [r for r in load_rules() if r.id in wanted]
    assert len(rules) == len(wanted)
    report = pipeline.check_texts([(case["file"], case["text"])], rules)
    assert not report.errors
    reported = sorted(f.locations[0].line for f in report.findings)
    suppressed = sorted(s.finding.locations[0].line for s in report.suppressed)
    assert (reported, suppressed) == (sorted(case["reported"]), sorted(case["suppressed"])), (
        [f.message for f in report.findings], [s.finding.message for s in report.suppressed])
    assert all(s.kind == "inline" and s.origin.startswith(case["file"] + ":")
               for s in report.suppressed)
    assert report.summary.suppressed == len(suppressed)
    assert sum(report.summary.findings.values()) == len(reported)
    if suppressed:
        assert f"{len(suppressed)} suppressed (" in summary_line(report)
    if "no_claims_on_lines" in case:
        lines = {c.line for c in report.claims}
        assert report.claims and not lines & set(case["no_claims_on_lines"])


def test_directive_claims_are_dropped_from_extract_too(tmp_path) -> None:
    path = tmp_path / "a.md"
    path.write_text("<!-- claimcheck-disable-file -- reviewed ngày 3/5/2021 -->\n"
                    "Ngày 10/5/2021, Bộ Y tế công bố 30 ca.\n", encoding="utf-8")
    claims = pipeline.extract([path]).claims
    assert claims and all(c.line == 2 for c in claims)


def _finding(doc: str, line: int, fingerprint: str) -> Finding:
    loc = Location(doc=doc, path=f"{doc}.txt", start=line * 10, end=line * 10 + 5, line=line,
                   column=1)
    return Finding(rule="r", severity="error", message="m", locations=[loc],
                   fingerprint=fingerprint)


def test_identical_findings_get_distinct_fingerprints_in_order() -> None:
    findings = [_finding("a", 1, "f00d"), _finding("a", 5, "f00d"), _finding("b", 2, "beef"),
                _finding("a", 9, "f00d")]
    assert [f.fingerprint for f in disambiguate(findings)] == \
        ["f00d", "f00d-2", "beef", "f00d-3"]


def test_repeated_claim_in_one_document_is_two_findings_with_two_fingerprints() -> None:
    rules = [r for r in load_rules() if r.id == "weekday-mismatch"]
    text = ("Thứ Ba, ngày 3/5/2021, Bộ Y tế công bố 23 ca.\n\n"
            "Nhắc lại: Thứ Ba, ngày 3/5/2021, Bộ Y tế công bố 23 ca.\n")
    report = pipeline.check_texts([("a.txt", text)], rules)
    prints = [f.fingerprint for f in report.findings]
    assert len(prints) == 2 and len(set(prints)) == 2
