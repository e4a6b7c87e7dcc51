"""Windows of dates at their precision. The single-date helpers live in
checker.normalise.dates; this module adds what compares two windows."""

from __future__ import annotations

from checker.normalise.dates import compare_dates as compare
from checker.normalise.dates import date_range, weekday_index, weekday_of

__all__ = ["compare", "date_range", "overlaps", "weekday_index", "weekday_of"]


def overlaps(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Whether two windows (ISO start, ISO end, any precision) share at least one day."""
    ra, rb = date_range(a[0]), date_range(b[0])
    ea, eb = date_range(a[1]), date_range(b[1])
    if not (ra and rb and ea and eb):
        return False
    return ra[0] <= eb[1] and rb[0] <= ea[1]
