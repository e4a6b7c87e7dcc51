"""Every date and period of the two seed documents, and nothing else."""

from __future__ import annotations

from pathlib import Path

from dates_context import context_for

from checker.extract.dates import extract
from checker.load import load_file
from checker.models import Document

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _claims(name: str) -> list[tuple[str, str, dict]]:
    doc = load_file(SEEDS / name)
    assert isinstance(doc, Document)
    ctx = context_for(doc)
    return [(ctx.text[c.start:c.end], c.kind, c.value) for c in extract(ctx)]


def test_seed_000_dates_and_periods() -> None:
    got = _claims("000_0855d1e29bbb93d9.txt")
    assert [(text, kind) for text, kind, _ in got] == [
        ("chiều 3/5", "date"),
        ("từ ngày 29/4/2021 đến ngày 03/5/2021", "period"),
        ("nhiệm kỳ 2021 -2026", "period"),
        ("nhiệm kỳ 2021 – 2026", "period"),
    ]
    chieu, window, term1, term2 = (value for _, _, value in got)
    assert chieu == {
        "date": "2021-05-03", "precision": "day", "year_inferred": True,
        "part_of_day": "chiều", "time": None, "weekday": None, "anchor": None,
            "relative_days": None,
    }
    assert (window["start"], window["end"], window["precision"]) == (
        "2021-04-29", "2021-05-03", "day")
    assert window["year_inferred"] is False
    for term in (term1, term2):
        assert (term["start"], term["end"], term["precision"]) == ("2021", "2026", "year")
        assert term["year_inferred"] is False


def test_seed_004_dates() -> None:
    got = _claims("004_6578a29db5b92e61.txt")
    assert [(text, kind) for text, kind, _ in got] == [("sáng 29/10", "date")]
    value = got[0][2]
    assert value["date"] == "2023-10-29"
    assert value["precision"] == "day"
    assert value["year_inferred"] is True
    assert value["part_of_day"] == "sáng"


def test_seed_header_and_dateline_are_not_claims() -> None:
    text = (SEEDS / "004_6578a29db5b92e61.txt").read_text(encoding="utf-8")
    doc = load_file(SEEDS / "004_6578a29db5b92e61.txt")
    assert isinstance(doc, Document)
    claims = list(extract(context_for(doc)))
    assert all(c.start >= doc.body_start for c in claims)
    assert text.startswith(" date 2023-10")
