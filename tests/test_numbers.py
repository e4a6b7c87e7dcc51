"""Vietnamese numbers, separator conventions and count intervals: cases as data, and the
properties every normaliser keeps (round trips, never raising, monotonicity)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.extract.counts import find_counts
from checker.models import CountValue
from checker.normalise.intervals import compatible, interval
from checker.normalise.numbers import detect_convention, format_vi, parse_number

CASES = Path(__file__).parent / "cases" / "numbers"


def _load(name: str) -> list[dict]:
    return yaml.safe_load((CASES / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", _load("parse.yaml"), ids=lambda c: c["text"] or "<empty>")
def test_parse(case: dict) -> None:
    got = parse_number(case["text"], case.get("convention", "vi"))
    if case["value"] is None:
        assert got is None
        return
    assert got is not None
    assert got.value == Decimal(str(case["value"]))
    assert got.step == Decimal(str(case.get("step", 0)))


@pytest.mark.parametrize("case", _load("convention.yaml"), ids=lambda c: c["text"][:30])
def test_convention(case: dict) -> None:
    assert detect_convention(case["text"]) == case["convention"]


def _count(side: dict) -> CountValue:
    return CountValue(**{"qualifier": "exact", **side})


@pytest.mark.parametrize("case", _load("intervals.yaml"), ids=lambda c: str(c))
def test_compatible(case: dict) -> None:
    a, b = _count(case["a"]), _count(case["b"])
    tolerance = case.get("tolerance", 0.1)
    assert compatible(a, b, tolerance) is case["compatible"]
    assert compatible(b, a, tolerance) is case["compatible"]


@pytest.mark.parametrize(
    "value,text",
    [(10300, "10.300"), (459368, "459.368"), (Decimal("3.3"), "3,3"), (0, "0"),
     (-1234567, "-1.234.567"), (Decimal("1234.5"), "1.234,5"), (999, "999")],
)
def test_format(value, text: str) -> None:
    assert format_vi(value) == text


@given(st.integers(min_value=-10**15, max_value=10**15))
def test_format_then_parse_integers(n: int) -> None:
    assert parse_number(format_vi(n)).value == n


@given(st.decimals(min_value=-10**9, max_value=10**9, places=3, allow_nan=False,
                   allow_infinity=False))
def test_format_then_parse_decimals(d: Decimal) -> None:
    assert parse_number(format_vi(d)).value == d


@given(st.text())
@settings(max_examples=300)
def test_parse_never_raises(text: str) -> None:
    parse_number(text)
    detect_convention(text)


_VI_WORDS = st.sampled_from(
    "một hai ba bốn tư năm lăm nhăm sáu bảy tám chín mười mươi mốt trăm linh lẻ chục nghìn "
    "ngàn triệu tỷ rưỡi phẩy hàng vài trên gần khoảng dưới từ đến - ca vụ lượt đồng % BN "
    "bệnh nhân năm ngày 10.300 3,3 06 2021 29/4 COVID-19 , ; ( ) $ K".split()
)


@given(st.lists(_VI_WORDS, max_size=12).map(" ".join))
@settings(max_examples=400)
def test_parse_and_scan_never_raise_on_number_like_text(text: str) -> None:
    parse_number(text)
    for f in find_counts(text):
        assert 0 <= f.start < f.end <= len(text)


@given(st.text())
@settings(max_examples=300)
def test_scan_never_raises(text: str) -> None:
    for f in find_counts(text):
        assert 0 <= f.start < f.end <= len(text)


_QUALIFIERS = ["exact", "over", "under", "about", "nearly"]
# Each qualifier but "nearly" has an interval that contains the exact one, so replacing exact
# by it only widens a claim. "gần 3 tỷ" comes up to its value from below: it is wider than "3
# tỷ" below the value and never reaches above it.
_WIDER = ["over", "under", "about"]
_VALUES = st.integers(min_value=0, max_value=10**7)
_STEPS = st.sampled_from([None, 0.1, 1, 10, 1000, 100000])


@given(_VALUES, _STEPS, st.sampled_from(_QUALIFIERS), _VALUES, _STEPS,
       st.sampled_from(_QUALIFIERS), st.sampled_from(_WIDER))
def test_a_wider_qualifier_never_makes_a_consistent_pair_inconsistent(
    va, sa, qa, vb, sb, qb, wider
) -> None:
    a = CountValue(value=va, step=sa, qualifier=qa)
    b = CountValue(value=vb, step=sb, qualifier=qb)
    if qa == "exact" and compatible(a, b):
        assert compatible(a.model_copy(update={"qualifier": wider}), b)


@given(_VALUES, _STEPS, _VALUES, _STEPS)
def test_nearly_is_wider_below_and_never_above(va, sa, vb, sb) -> None:
    a = CountValue(value=va, step=sa, qualifier="exact")
    b = CountValue(value=vb, step=sb, qualifier="exact")
    nearly = a.model_copy(update={"qualifier": "nearly"})
    if compatible(a, b) and vb <= va:
        assert compatible(nearly, b)
    if compatible(nearly, b):
        assert interval(b).lo <= va


@given(_VALUES, st.sampled_from(_QUALIFIERS), _VALUES, st.sampled_from(_QUALIFIERS),
       st.floats(min_value=0, max_value=0.5), st.floats(min_value=0, max_value=0.5))
def test_a_larger_tolerance_never_makes_a_consistent_pair_inconsistent(
    va, qa, vb, qb, t1, t2
) -> None:
    a, b = CountValue(value=va, qualifier=qa), CountValue(value=vb, qualifier=qb)
    lo, hi = sorted((t1, t2))
    if compatible(a, b, lo):
        assert compatible(a, b, hi)


@given(_VALUES, _STEPS, st.sampled_from(_QUALIFIERS))
def test_a_count_is_compatible_with_itself(v, s, q) -> None:
    c = CountValue(value=v, step=s, qualifier=q)
    assert compatible(c, c)
    assert interval(c).overlaps(interval(c))
