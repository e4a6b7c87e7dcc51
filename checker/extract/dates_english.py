"""English dates quoted in Vietnamese text ("April 29, 2021", "Thursday, 29 April", "May
2021"), as wire copy and foreign sources often give them.

The candidate is found by one regex over month names; dateparser reads it (ordinals,
abbreviations, weekday and order variations are what it is good at), on the candidate only.
Precision comes from what the candidate states; a missing year is inferred like a Vietnamese
date's, from the publication date (`infer_year`), and without one the date is not emitted."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator

from checker.extract import ExtractContext
from checker.models import RawClaim
from checker.normalise.dates import infer_year, iso

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_ORD = r"(?:st|nd|rd|th)?"
_CANDIDATE = re.compile(
    rf"(?=[A-Z0-9])(?<![\w/.-])"
    rf"(?:(?P<wd>{_WEEKDAYS}),?\s+)?"
    rf"(?:"
    rf"(?P<d1>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<m1>{_MONTHS})\.?(?:,?\s+(?P<y1>\d{{4}}))?"
    rf"|(?P<m2>{_MONTHS})\.?(?:\s+(?P<d2>\d{{1,2}}){_ORD}(?!\d))?(?:,?\s+(?P<y2>\d{{4}}))?"
    rf")(?![\w/-])"
)


@functools.cache
def _parser():
    import dateparser

    return dateparser.DateDataParser(languages=["en"], settings={"PREFER_DATES_FROM": "past"})


def extract(ctx: ExtractContext) -> Iterator[RawClaim]:
    taken = [(c.start, c.end) for c in ctx.found]
    published = (ctx.published or "").split("T")[0] or None
    for m in _CANDIDATE.finditer(ctx.text, ctx.body_start):
        day = m.group("d1") or m.group("d2")
        year = m.group("y1") or m.group("y2")
        if not day and not year:
            continue  # "May" alone is a verb as often as a month
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        data = _parser().get_date_data(m.group(0))
        if data is None or data.date_obj is None:
            continue
        month = data.date_obj.month
        inferred = False
        if year:
            y = int(year)
        else:
            y = infer_year(month, int(day) if day else None, published) if published else None
            inferred = True
        if y is None:
            continue
        try:
            value = iso(y, month, int(day)) if day else iso(y, month)
            if day:
                dt.date(y, month, int(day))
        except ValueError:
            continue
        start, end, clock = m.start(), m.end(), None
        if day:
            start, end, clock = clock_around(ctx.text, start, end)
        yield RawClaim(
            kind="date", start=start, end=end,
            value={"date": value, "precision": "day" if day else "month",
                   "year_inferred": inferred, "weekday": m.group("wd"), "time": clock},
        )


# "at around 10 p.m. on March 5", "on March 5 at 6:30 a.m.": the clock time of the day.
_CLOCK = r"(?P<h>\d{1,2})(?:[:.](?P<mi>\d{2}))?\s*(?P<ap>[ap])\.?\s?m\.?"
_CLOCK_BEFORE = re.compile(_CLOCK + r"\s+(?:on\s+)?$", re.IGNORECASE)
_CLOCK_AFTER = re.compile(r",?\s+at\s+(?:around\s+|about\s+)?" + _CLOCK + r"(?!\w)",
                          re.IGNORECASE)


def clock_around(text: str, start: int, end: int) -> tuple[int, int, str | None]:
    before = _CLOCK_BEFORE.search(text, max(0, start - 24), start)
    after = _CLOCK_AFTER.match(text, end)
    m = before or after
    if m is None:
        return start, end, None
    hour, minute = int(m.group("h")), int(m.group("mi") or 0)
    if not 1 <= hour <= 12 or minute > 59:
        return start, end, None
    hour = hour % 12 + (12 if m.group("ap").lower() == "p" else 0)
    if before is not None:
        start = before.start()
    else:
        end = after.end()
    return start, end, f"{hour:02d}:{minute:02d}"
