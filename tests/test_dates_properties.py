"""Properties of the date extractor and normalisers on any text."""

from __future__ import annotations

import unicodedata

from dates_context import context_of_text
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.extract.dates import extract
from checker.models import DateValue, PeriodValue
from checker.normalise.dates import (
    compare_dates,
    date_range,
    infer_year,
    iso,
    parse_clock,
    precision_of,
    relative_offset,
    weekday_index,
    weekday_of,
)

_PIECES = [
    "ngày ", "Ngày ", "chiều ", "sáng ", "từ ", "đến ", "thứ Hai, ", "Chủ nhật ", "hôm qua",
    "tháng ", "năm ", "nhiệm kỳ ", "quý ", "18h ", "(", ")", "/", "-", "–", ".", ",", " ", "\n",
    "và ", "2021", "29", "4", "3", "12", "31", "0", "Hôm nay ", "sáng nay", "I/",
]
datey = st.lists(
    st.one_of(st.sampled_from(_PIECES), st.integers(0, 2099).map(str)), max_size=40
).map("".join)
any_text = st.one_of(st.text(max_size=200), datey,
                     st.text(alphabet="0123456789/-.–, ()hngàyá", max_size=80))
published = st.one_of(st.none(), st.sampled_from(["2021-05-04", "2021-05", "2023-10",
                                                  "2022-01-03T08:00", "2021", "bad"]))


def _check(text: str, pub: str | None) -> None:
    ctx = context_of_text(text, pub)
    claims = list(extract(ctx))
    last_end = ctx.body_start
    for c in sorted(claims, key=lambda c: c.start):
        assert last_end <= c.start < c.end <= len(ctx.text)
        last_end = c.end
        model = DateValue if c.kind == "date" else PeriodValue
        model.model_validate(c.value)
        if c.kind == "date":
            assert precision_of(c.value["date"]) == c.value["precision"]
        else:
            assert c.kind == "period"
            assert precision_of(c.value["start"]) and precision_of(c.value["end"])


@settings(max_examples=400, deadline=None)
@given(any_text, published)
def test_extract_never_raises_and_spans_are_exact_and_disjoint(text: str, pub: str | None):
    _check(text, pub)


@settings(max_examples=150, deadline=None)
@given(datey, published)
def test_nfd_input_gives_the_same_claims(text: str, pub: str | None) -> None:
    nfc = unicodedata.normalize("NFC", text)
    a = [(c.kind, c.value) for c in extract(context_of_text(nfc, pub))]
    b = [(c.kind, c.value) for c in extract(context_of_text(unicodedata.normalize("NFD", nfc),
                                                              pub))]
    assert a == b


@given(st.text(max_size=30))
def test_normalisers_never_raise(text: str) -> None:
    parse_clock(text)
    parse_clock(text, "chiều")
    date_range(text)
    precision_of(text)
    weekday_of(text)
    weekday_index(text)
    relative_offset(text)
    assert compare_dates(text, "2021-05-03") in (-1, 0, 1, None)


days = st.dates(min_value=__import__("datetime").date(1000, 1, 1),
                max_value=__import__("datetime").date(2999, 12, 31))


@given(days)
def test_iso_round_trips_at_every_precision(day) -> None:
    for value, precision in ((day.isoformat(), "day"), (iso(day.year, day.month), "month"),
                             (iso(day.year), "year")):
        assert precision_of(value) == precision
        first, last = date_range(value)
        assert first <= day <= last
        assert compare_dates(value, day.isoformat()) == 0


@given(days, days)
def test_compare_is_antisymmetric_and_monotone(a, b) -> None:
    x, y = a.isoformat(), b.isoformat()
    assert compare_dates(x, y) == -compare_dates(y, x)
    assert compare_dates(x, y) == (a > b) - (a < b)
    assert compare_dates(x[:7], y) in (compare_dates(x, y), 0)


@given(days, days)
def test_inferred_year_is_nearest_to_the_anchor(day, anchor) -> None:
    year = infer_year(day.month, day.day, anchor.isoformat())
    if year is None:
        assert (day.month, day.day) == (2, 29)
        return
    chosen = __import__("datetime").date(year, day.month, day.day)
    for other in (year - 1, year + 1):
        try:
            alt = chosen.replace(year=other)
        except ValueError:
            continue
        assert abs((chosen - anchor).days) <= abs((alt - anchor).days)


@given(st.integers(0, 23), st.integers(0, 59))
def test_clock_round_trips(hour: int, minute: int) -> None:
    assert parse_clock(f"{hour}h{minute:02d}") == f"{hour:02d}:{minute:02d}"
    assert parse_clock(f"{hour}:{minute:02d}") == f"{hour:02d}:{minute:02d}"
    assert parse_clock(f"{hour} giờ {minute} phút") == f"{hour:02d}:{minute:02d}"
