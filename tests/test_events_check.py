"""event-mismatch on claims built by hand: what the rule compares when the extractors that
feed it (counts for bulletins) are not involved."""

from __future__ import annotations

from checker.claimset import ClaimSet
from checker.engine import evaluate
from checker.models import Document, EventClaim
from checker.rulepack import load_rules

RULE = [r for r in load_rules() if r.id == "event-mismatch"]


def _event(doc: str, line: int, **value) -> EventClaim:
    return EventClaim(id=f"{doc}:event:{line}", doc=doc, text="…", start=0, end=1, line=line,
                      column=1, sentence="…", value=value)


def _findings(*claims: EventClaim):
    docs = [Document(id=d, path=f"{d}.txt") for d in sorted({c.doc for c in claims})]
    return evaluate(RULE, ClaimSet(claims, docs))


def test_a_24_hour_and_a_12_hour_window_for_the_same_cases() -> None:
    found = _findings(
        _event("a", 1, event="bulletin-window", subject="BN2866–BN2910",
               period={"start": "2021-04-28", "start_time": "18:00",
                       "end": "2021-04-29", "end_time": "18:00"}),
        _event("b", 2, event="bulletin-window", subject="BN2866–BN2910",
               period={"start": "2021-04-29", "start_time": "06:30",
                       "end": "2021-04-29", "end_time": "18:30"}),
    )
    assert len(found) == 1
    assert {loc.doc for loc in found[0].locations} == {"a", "b"}
    assert "window of bulletin-window" in found[0].message


def test_windows_that_do_not_overlap_are_two_bulletins() -> None:
    found = _findings(
        _event("a", 1, event="bulletin-window", subject="45 ca",
               period={"start": "2021-04-28", "start_time": "18:00",
                       "end": "2021-04-29", "end_time": "06:00"}),
        _event("b", 1, event="bulletin-window", subject="45 ca",
               period={"start": "2021-04-29", "start_time": "06:00",
                       "end": "2021-04-29", "end_time": "18:00"}),
    )
    assert found == []


def test_hours_missing_on_one_side_compare_by_day() -> None:
    found = _findings(
        _event("a", 1, event="bulletin-window", subject="BN1–BN9",
               period={"start": "2021-04-28", "start_time": "18:00",
                       "end": "2021-04-29", "end_time": "18:00"}),
        _event("b", 1, event="bulletin-window", subject="BN1–BN9",
               period={"start": "2021-04-28", "end": "2021-04-29"}),
    )
    assert found == []


def test_meetings_under_different_chairs_are_different_meetings() -> None:
    name = "Hội nghị tổng kết công tác phòng, chống dịch"
    found = _findings(
        _event("a", 1, event="meeting", subject=name, date="2021-05-03", place="Hà Nội",
               agent="Nguyễn Văn Sơn"),
        _event("b", 1, event="meeting", subject=name, date="2021-05-03", place="Đà Nẵng",
               agent="Lê Văn Tuyến"),
    )
    assert found == []


def test_a_date_without_a_year_is_not_compared() -> None:
    found = _findings(
        _event("a", 1, event="positive-test", subject="BN2899", date="28/4"),
        _event("b", 1, event="positive-test", subject="BN2899", date="2021-04-29"),
    )
    assert found == []


def test_three_dates_make_one_finding_naming_every_report() -> None:
    found = _findings(
        _event("a", 3, event="positive-test", subject="BN2899", date="2021-04-24"),
        _event("b", 1, event="positive-test", subject="BN2899", date="2021-04-28"),
        _event("c", 5, event="positive-test", subject="BN2899", date="2021-04-29"),
        _event("d", 2, event="positive-test", subject="BN2899", date="2021-04-28"),
    )
    assert len(found) == 1
    assert [(loc.doc, loc.line) for loc in found[0].locations] == [
        ("a", 3), ("b", 1), ("c", 5), ("d", 2)]
    assert "2021-04-28 (b:1, d:2)" in found[0].message
