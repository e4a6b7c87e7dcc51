"""Dates at their precision: "2021", "2021-05" and "2021-05-03" are ranges of days, and two
dates are compared at the coarser precision of the two (a month is not contradicted by a day
inside it)."""

from __future__ import annotations

import calendar
import datetime as dt
import re

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def date_range(iso: str) -> tuple[dt.date, dt.date] | None:
    """First and last day an ISO date of any precision covers; None if it is not one."""
    m = _ISO.match(iso or "")
    if not m:
        return None
    try:
        year = int(m.group(1))
        if m.group(3):
            day = dt.date(year, int(m.group(2)), int(m.group(3)))
            return day, day
        if m.group(2):
            month = int(m.group(2))
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1), dt.date(year, month, last)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None


def precision_of(iso: str) -> int:
    """1 for a year, 2 for a month, 3 for a day (0 if not a date)."""
    m = _ISO.match(iso or "")
    if not m:
        return 0
    return 3 if m.group(3) else 2 if m.group(2) else 1


def truncate(iso: str, precision: int) -> str:
    return iso[: {1: 4, 2: 7, 3: 10}.get(precision, 10)]


def compare(a: str, b: str) -> int | None:
    """-1, 0 or 1 comparing a and b at the coarser of their precisions; None if either is not
    a date."""
    p = min(precision_of(a), precision_of(b))
    if p == 0:
        return None
    x, y = truncate(a, p), truncate(b, p)
    return (x > y) - (x < y)


def overlaps(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Whether two windows (ISO start, ISO end, any precision) share at least one day."""
    ra, rb = date_range(a[0]), date_range(b[0])
    ea, eb = date_range(a[1]), date_range(b[1])
    if not (ra and rb and ea and eb):
        return False
    return ra[0] <= eb[1] and rb[0] <= ea[1]


def weekday_of(iso: str) -> int | None:
    """0 = Monday … 6 = Sunday for a day-precision date, else None."""
    if precision_of(iso) != 3:
        return None
    r = date_range(iso)
    return r[0].weekday() if r else None


_WEEKDAY_WORDS = {
    "hai": 0, "2": 0, "ba": 1, "3": 1, "tư": 2, "tu": 2, "4": 2, "năm": 3, "nam": 3, "5": 3,
    "sáu": 4, "sau": 4, "6": 4, "bảy": 5, "bay": 5, "7": 5,
}
_ENGLISH = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def weekday_index(name: str) -> int | None:
    """0 = Monday … 6 = Sunday for "thứ Hai", "thứ 2", "T2", "Chủ nhật", "CN", "Monday"."""
    s = " ".join(name.casefold().split())
    if s in ("chủ nhật", "chu nhat", "cn"):
        return 6
    if s in _ENGLISH:
        return _ENGLISH.index(s)
    if s.startswith("thứ "):
        return _WEEKDAY_WORDS.get(s[4:])
    if len(s) == 2 and s[0] == "t":
        return _WEEKDAY_WORDS.get(s[1])
    return None
