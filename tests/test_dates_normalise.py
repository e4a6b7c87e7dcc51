"""The pure date helpers other modules use."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.normalise.dates import (
    YearAnchor,
    carry_year,
    choose_anchor,
    compare_dates,
    date_range,
    day_of,
    infer_year,
    parse_clock,
    relative_day,
    relative_offset,
    weekday_index,
    weekday_name,
    weekday_of,
)


@pytest.mark.parametrize(("text", "pod", "want"), [
    ("18h", None, "18:00"), ("6h", None, "06:00"), ("18h30", None, "18:30"),
    ("18 giờ", None, "18:00"), ("18 giờ 30 phút", None, "18:30"), ("18:30", None, "18:30"),
    ("6h", "chiều", "18:00"), ("8 giờ", "tối", "20:00"), ("1h", "trưa", "13:00"),
    ("11h", "trưa", "11:00"), ("11h", "đêm", "23:00"), ("2h", "đêm", "02:00"),
    ("6h", "sáng", "06:00"), ("18h", "chiều", "18:00"), ("0h", None, "00:00"),
    ("24h", None, None), ("18h75", None, None), ("abc", None, None), ("", None, None),
])
def test_parse_clock(text: str, pod: str | None, want: str | None) -> None:
    assert parse_clock(text, pod) == want


@pytest.mark.parametrize(("a", "b", "want"), [
    ("2021-05-03", "2021-05-03", 0), ("2021-05-02", "2021-05-03", -1),
    ("2021-05", "2021-05-03", 0), ("2021", "2021-12-31", 0), ("2021", "2022-01", -1),
    ("2021-06", "2021-05-31", 1), ("2021-05-04T19:19", "2021-05-04", 0),
    ("2021-13", "2021", None), ("soon", "2021", None), ("2021-02-30", "2021", None),
])
def test_compare_dates(a: str, b: str, want: int | None) -> None:
    assert compare_dates(a, b) == want


def test_date_range() -> None:
    assert date_range("2021") == (dt.date(2021, 1, 1), dt.date(2021, 12, 31))
    assert date_range("2020-02") == (dt.date(2020, 2, 1), dt.date(2020, 2, 29))
    assert date_range("2021-05-03") == (dt.date(2021, 5, 3), dt.date(2021, 5, 3))
    assert date_range("2021-5-3") is None


@pytest.mark.parametrize(("name", "index"), [
    ("thứ Hai", 0), ("Thứ hai", 0), ("thứ 2", 0), ("T2", 0), ("thứ  ba", 1), ("thứ Tư", 2),
    ("thứ 5", 3), ("thứ Sáu", 4), ("thứ bảy", 5), ("Thứ 7", 5), ("Chủ nhật", 6), ("CN", 6),
    ("thứ Tám", None), ("Monday", None),
])
def test_weekday_index(name: str, index: int | None) -> None:
    assert weekday_index(name) == index


def test_weekdays() -> None:
    assert weekday_of("2021-05-03") == 0
    assert weekday_of("2021-05-02") == 6
    assert weekday_of("2021-05") is None
    assert weekday_name(0) == "thứ Hai" and weekday_name(6) == "Chủ nhật"
    assert all(weekday_index(weekday_name(i)) == i for i in range(7))


def test_infer_year_edges() -> None:
    assert infer_year(12, 28, "2022-01-03") == 2021
    assert infer_year(1, 5, "2021-12-28") == 2022
    assert infer_year(10, 29, "2023-10") == 2023
    assert infer_year(5, 3, "2021") == 2021
    assert infer_year(12, None, "2022-01-05") == 2021
    assert infer_year(2, 29, "2021-03-02") == 2020
    assert infer_year(2, 30, "2021") is None
    assert infer_year(13, 1, "2021") is None
    assert infer_year(5, 3, "not a date") is None


def test_relative_days() -> None:
    assert relative_day(-1, "2021-05-04T19:19") == "2021-05-03"
    assert relative_day(-1, "2022-01-01") == "2021-12-31"
    assert relative_day(0, "2021-05") is None
    assert relative_day(0, None) is None
    assert day_of("2021-05-04T19:19") == "2021-05-04"
    assert relative_offset("hôm qua") == -1
    assert relative_offset("Sáng nay") == 0
    assert relative_offset("chiều hôm kia") == -2
    assert relative_offset("tối mai") == 1
    assert relative_offset("nay") is None
    assert relative_offset("hôm sau") is None


def _a(value: str, offset: int, sentence: int, paragraph: int) -> YearAnchor:
    return YearAnchor(value=value, offset=offset, sentence=sentence, paragraph=paragraph)


def test_choose_anchor_order() -> None:
    anchors = [_a("2019", 0, 0, 0), _a("2020-04-27", 100, 1, 0), _a("2018-05", 900, 9, 3)]
    assert choose_anchor(10, 0, 0, anchors, "2021-05-04") == "2019"
    assert choose_anchor(150, 2, 0, anchors, "2021-05-04") == "2020-04-27"
    # Another paragraph's date yields to a publication date known to the day...
    assert choose_anchor(600, 5, 1, anchors, "2021-05-04") == "2021-05-04"
    # ...but not to one known to the month only.
    assert choose_anchor(600, 5, 1, anchors, "2021-05") == "2018-05"
    assert choose_anchor(500, 5, 1, anchors, "2021-05") == "2020-04-27"  # tie: earlier
    assert choose_anchor(500, 5, 1, anchors, None) == "2020-04-27"
    # A bare year after the date in its sentence is another clause's.
    assert choose_anchor(5, 0, 0, [_a("2018", 50, 0, 0)], "2023-02-11") == "2023-02-11"
    assert choose_anchor(60, 0, 0, [_a("2018", 50, 0, 0)], "2023-02-11") == "2018"
    assert choose_anchor(500, 5, 1, [_a("2019", 0, 0, 0)], "2021-05-04T08:00") == "2021-05-04"
    assert choose_anchor(500, 5, 1, [_a("2019", 0, 0, 0)], None) is None
    assert choose_anchor(500, 5, 1, [], "garbage") is None


def test_carry_year() -> None:
    assert carry_year(2021, 5, 4, other_is_start=True) == 2021
    assert carry_year(2022, 1, 12, other_is_start=True) == 2021
    assert carry_year(2021, 4, 5, other_is_start=True) == 2021  # 29/5-3/4: stays reversed
    assert carry_year(2021, 12, 1, other_is_start=False) == 2022
    assert carry_year(2021, 4, 5, other_is_start=False) == 2021
