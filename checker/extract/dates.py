"""Dates and periods in Vietnamese text: "chiều 3/5", "từ ngày 29/4/2021 đến ngày 03/5/2021".

How it works. One compiled regex (an alternation behind a lookahead on the first character,
so the engine skips most positions at once) finds *atoms*: a day ("29/4/2021", "ngày 3 tháng
5"), a list or range of days ("29 và 30/4", "29-30/4"), a month ("tháng 5/2021"), a quarter,
a year ("năm 2021"), a span of years ("nhiệm kỳ 2021 - 2026") or a relative word ("hôm qua
(29/4)"), each with the words before it that give it context: a range word (từ/đến), a clock
time ("18h"), a part of the day ("chiều"), a weekday ("thứ Hai,") and a day word ("ngày",
"hôm", "mùng"). Values are read from the match groups; no date library is called (dateparser
would add nothing: month words come from the lexicon, and it costs ~0.6 ms a call). Adjacent
atoms then join into one period ("từ A đến B", "A–B"); a period is one claim and its ends are
not also dates. Words come from checker/lexicon/dates.yaml.

What is a date (the policy; tests/cases/extract/dates/ tests both sides):
- d/m/yyyy, d-m-yyyy and d.m.yyyy that name a real calendar day: always.
- d/m without a year: only with context before it (a day word, a part of the day, a weekday,
  a clock time, từ/đến/tới, or a relative word as in "hôm qua (29/4)"), or as one end of a
  period whose other end has a year or context ("29/4–3/5/2021"). "24/7", "1/3" are not.
- d-m without a year: only after a day word, a part of the day, a weekday or a clock time
  ("ngày 3-2"); "3-2" alone is a score and "từ 3-5 người" a range of counts. d.m without a
  year is a decimal, never a date.
- "ngày 3 tháng 5" needs the day word unless a year follows; "tháng 5" is a month unless it
  counts or is a rate ("6 tháng 5 ngày", "mỗi tháng 2 lần"); a month word ("tháng Năm") must
  be capitalised. "m/yyyy" alone is a month only after từ/đến/tới ("15/2021/NĐ-CP" is not).
- "năm 2021" is a year; a bare "2021" is not a date. Two years joined by a dash are a period
  when both are in 1900-2099 and the end is 1-50 years after the start.
- Nothing glued to letters, slashes or digits: "COVID-19", "BN2899", "3896/QĐ-BYT", "10.300",
  "3,3 triệu", phone numbers. A day that does not exist ("31/2", "45/13") is not a date.

A day or month without a year takes one from the text or the publication date
(`checker.normalise.dates.choose_anchor`, then `infer_year`); with nothing to take it from it
is not emitted, because the contract's values are ISO dates with a year. Relative words
("hôm qua", "sáng nay", "ngày mai") are resolved against the publication day and emitted only
when that is known to the day ("2021-05" is not enough); `anchor` then holds that day.
"hôm qua (29/4)" is one date: its value is the written date and its anchor the publication
day when known, so a rule can check that the two agree (`relative_offset` gives the days).
Spans start at the first context word kept (a range word is kept only in a period, and "ngày"
after a number stays with the count: "trong 2 ngày 29 và 30/4" -> "29 và 30/4").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator

from checker.extract import ExtractContext
from checker.extract.dates_scan import Atom, S, find_atoms
from checker.models import DateValue, PeriodValue, RawClaim
from checker.normalise.dates import (
    YearAnchor,
    carry_year,
    choose_anchor,
    day_of,
    infer_year,
    iso,
    precision_of,
    relative_day,
    valid_day,
)


def extract(ctx: ExtractContext) -> Iterable[RawClaim]:
    """Date and period claims in the body of `ctx.text` (NFC offsets into it)."""
    atoms = find_atoms(ctx.text, ctx.body_start)
    found = list(_emit(ctx, _join(ctx.text, atoms))) if atoms else []
    spans = list(_counted_spans(ctx)) if "năm" in ctx.text or "giờ" in ctx.text else []
    if not spans:
        return found
    # A counted span ("6 tháng đầu năm 2021") replaces the dates inside it ("năm 2021").
    kept = [c for c in found if not any(s.start <= c.start and c.end <= s.end for s in spans)]
    return sorted(kept + spans, key=lambda c: (c.start, c.end))


# "6 tháng đầu năm 2021" (January to June), "9 tháng cuối năm", "nửa đầu năm 2022"; and as
# statistics write the months so far, "9 tháng năm 2023" (January to September).
_MONTHS_OF_YEAR = re.compile(
    r"(?<!\w)(?:(\d{1,2})[ \t]+tháng|(nửa|sáu|chín))[ \t]+(?:(đầu|cuối)[ \t]+)?năm"
    r"(?:[ \t]+(\d{4})|[ \t]*(nay|này))?(?!\w)", re.IGNORECASE)
# "trong 12 giờ tính đến 18h ngày 29/4": the hours counted back from a stated time.
_HOURS_TO = re.compile(
    r"(?<!\w)trong[ \t]+(\d{1,3})[ \t]+(?:giờ|tiếng)[ \t]+(?:qua[ \t]+)?(?:tính[ \t]+)?"
    r"(?:đến|tới)[ \t]+(\d{1,2})[ \t]*(?:h|giờ)[ \t]*(\d{2})?[ \t]+(?:ngày[ \t]+)?"
    r"(\d{1,2})/(\d{1,2})(?:/(\d{4}))?(?![\w/])", re.IGNORECASE)
_WORD_MONTHS = {"nửa": 6, "sáu": 6, "chín": 9}


def _counted_spans(ctx: ExtractContext) -> Iterator[RawClaim]:
    text, body = ctx.text, ctx.body_start
    pub_year = _published_year(ctx.published)
    for m in _MONTHS_OF_YEAR.finditer(text, body):
        if m.group(3) is None and (not (m.group(4) or m.group(5)) or m.group(2)):
            continue  # "9 tháng năm" alone, "nửa năm 2023": no stated start
        months = int(m.group(1)) if m.group(1) else _WORD_MONTHS[m.group(2).lower()]
        year = int(m.group(4)) if m.group(4) else pub_year
        if year is None or not 1 <= months <= 12:
            continue
        first, last = (13 - months, 12) if (m.group(3) or "").lower() == "cuối" else (1, months)
        yield _span(m.start(), m.end(), start=f"{year}-{first:02d}", end=f"{year}-{last:02d}",
                    precision="month", year_inferred=not m.group(4))
    for m in _HOURS_TO.finditer(text, body):
        hours, hh, mm = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
        year = int(m.group(6)) if m.group(6) else pub_year
        if year is None or hh > 24 or mm > 59 or not 0 < hours <= 24 * 7:
            continue
        try:
            end = dt.datetime(year, int(m.group(5)), int(m.group(4))) + dt.timedelta(
                hours=hh, minutes=mm)
        except ValueError:
            continue
        start = end - dt.timedelta(hours=hours)
        yield _span(m.start(), m.end(), start=start.date().isoformat(),
                    end=end.date().isoformat(), precision="day",
                    year_inferred=not m.group(6), start_time=start.strftime("%H:%M"),
                    end_time=end.strftime("%H:%M"))


def _published_year(published: str | None) -> int | None:
    if published and published[:4].isdigit():
        return int(published[:4])
    return None


# ---- atoms -> candidates (a date, or a period of two atoms) ------------------------------

_POINTS = ("day", "month", "year")
_S = S
_BLANK = re.compile(rf"{_S}*")
_COMMA = re.compile(rf"{_S}*,{_S}*")
_DASH = re.compile(rf"{_S}*[-–—]{_S}*")


def _alone_ok(a: Atom) -> bool:
    """Whether an atom is a date by itself (the policy in the module docstring)."""
    if a.kind != "day" or a.y is not None or a.sep == "word":
        return True
    if a.sep == "/":
        return a.strong or a.range_word is not None
    return a.sep == "-" and a.strong


def _end_ok(end: Atom, other: Atom) -> bool:
    """Whether an end of a period is a date given the other end ("29/4" in "29/4–3/5/2021")."""
    if _alone_ok(end):
        return True
    if end.sep == "-":
        return other.y is not None or (other.strong and other.sep == "-")
    return end.sep == "/" and (other.y is not None or other.strong or other.range_word == "start")


def _joins(text: str, a: Atom, b: Atom) -> bool:
    if a.kind not in _POINTS or b.kind not in (*_POINTS, "now") or a.range_word == "end":
        return False
    if b.kind == "now":
        return _alone_ok(a) and bool(_BLANK.fullmatch(text[a.end:b.full_start]))
    gap = text[a.end:b.full_start]
    if b.range_word == "end":
        joined = bool(_BLANK.fullmatch(gap)) or (
            a.range_word == "start" and bool(_COMMA.fullmatch(gap))
        )
    else:
        joined = b.range_word is None and bool(_DASH.fullmatch(gap))
    return joined and _end_ok(a, b) and _end_ok(b, a) and (_alone_ok(a) or _alone_ok(b))


def _join(text: str, atoms: list[Atom]) -> list[tuple[Atom, Atom | None]]:
    out: list[tuple[Atom, Atom | None]] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        if i + 1 < len(atoms) and _joins(text, a, atoms[i + 1]):
            out.append((a, atoms[i + 1]))
            i += 2
            continue
        if _alone_ok(a) or _listed(text, out, a):
            out.append((a, None))
        i += 1
    return out


_LIST_GAP = re.compile(rf"{_S}*(?:,|;|và|,{_S}*và){_S}*")


def _listed(text: str, out: list[tuple[Atom, Atom | None]], a: Atom) -> bool:
    """A bare "12/4" listed after a day that is a date: "các ngày 8/4, 12/4 và 21/4"."""
    if not out or out[-1][1] is not None or a.kind != "day" or a.sep != "/":
        return False
    prev = out[-1][0]
    return prev.kind == "day" and prev.sep == "/" and bool(
        _LIST_GAP.fullmatch(text[prev.end:a.full_start]))


# ---- candidates -> claims -----------------------------------------------------------------


def _stated(a: Atom) -> str | None:
    """The ISO value of an atom whose year is written, for year inference; else None."""
    if a.y is None or a.kind == "yearspan":
        return None
    if a.kind == "year":
        return iso(a.y)
    if a.kind in ("month", "quarter", "monthspan") or a.d is None and not a.days:
        return iso(a.y, a.m)
    day = a.days[0] if a.days else a.d
    return iso(a.y, a.m, day) if day is not None and valid_day(a.y, a.m or 0, day) else None


class _Resolver:
    def __init__(self, ctx: ExtractContext, cands: list[tuple[Atom, Atom | None]]) -> None:
        self.ctx = ctx
        self.published = ctx.published
        self.anchors: list[YearAnchor] = []
        for a, b in cands:
            for end in (a, b):
                value = _stated(end) if end is not None else None
                if value is not None:
                    self.anchors.append(self._anchor(value, end.start))

    def _anchor(self, value: str, offset: int) -> YearAnchor:
        segs = self.ctx.segments
        index = segs.sentence_of(offset)
        para = segs.sentences[index].paragraph if segs.sentences else 0
        return YearAnchor(value=value, offset=offset, sentence=index, paragraph=para)

    def year(self, a: Atom) -> int | None:
        """The year of an atom without one, from its anchor (None when nothing gives one)."""
        where = self._anchor("0001", a.start)
        anchor = choose_anchor(a.start, where.sentence, where.paragraph, self.anchors,
                               self.published)
        if anchor is None or a.m is None:
            return None
        day = a.days[0] if a.days else a.d
        return infer_year(a.m, day, anchor)


def _emit(ctx: ExtractContext, cands: list[tuple[Atom, Atom | None]]) -> Iterator[RawClaim]:
    resolver = _Resolver(ctx, cands)
    for a, b in cands:
        if b is not None and b.kind == "now":
            yield from _to_now(a, b, resolver)
        elif b is not None:
            claim = _period(a, b, resolver)
            if claim is not None:
                yield claim
        else:
            yield from _single(a, resolver)


def _date(first: int, last: int, **value: object) -> RawClaim:
    return RawClaim(kind="date", start=first, end=last, value=DateValue(**value).model_dump())


def _span(first: int, last: int, **value: object) -> RawClaim:
    return RawClaim(kind="period", start=first, end=last, value=PeriodValue(**value).model_dump())


def _single(a: Atom, r: _Resolver) -> Iterator[RawClaim]:
    if a.kind == "yearspan":
        yield _span(a.start, a.end, start=iso(a.y), end=iso(a.y2), precision="year")
        return
    if a.kind == "relyear":
        stamp = r.published.split("T")[0] if r.published else None
        if stamp and stamp[:4].isdigit():
            yield _date(a.start, a.end, date=iso(int(stamp[:4]) + (a.offset_years or 0)),
                        precision="year", year_inferred=True, anchor=stamp)
        return
    if a.kind == "relative" and a.m is None:
        day = relative_day(a.offset or 0, r.published)
        if day is not None:
            yield _date(a.start, a.end, date=day, precision="day", year_inferred=True,
                        part_of_day=a.pod, time=a.time, anchor=day_of(r.published))
        return
    inferred = a.y is None
    year = a.y if a.y is not None else r.year(a)
    if year is None:
        return
    if a.kind == "year":
        yield _date(a.start, a.end, date=iso(year), precision="year")
    elif a.kind == "month":
        yield _date(a.start, a.end, date=iso(year, a.m), precision="month",
                    year_inferred=inferred)
    elif a.kind in ("quarter", "monthspan"):
        if a.m2 is not None and a.m2 >= 1 and a.m2 <= 12:
            yield _span(a.start, a.end, start=iso(year, a.m), end=iso(year, a.m2),
                        precision="month")
    elif a.kind == "dayspan":
        if valid_day(year, a.m, a.d) and valid_day(year, a.m, a.d2):
            yield _span(a.start, a.end, start=iso(year, a.m, a.d), end=iso(year, a.m, a.d2),
                        precision="day", year_inferred=inferred)
    elif a.kind == "days":
        yield from _day_list(a, year, inferred)
    elif valid_day(year, a.m, a.d):
        anchor = day_of(r.published) if a.kind == "relative" else None
        yield _date(a.start, a.end, date=iso(year, a.m, a.d), precision="day",
                    year_inferred=inferred, part_of_day=a.pod, time=a.time,
                    weekday=a.weekday, anchor=anchor,
                    relative_days=a.offset if anchor and a.offset is not None else None)


def _day_list(a: Atom, year: int, inferred: bool) -> Iterator[RawClaim]:
    if not all(valid_day(year, a.m, d) for d in a.days):
        return
    if all(later == earlier + 1 for earlier, later in zip(a.days, a.days[1:], strict=False)):
        yield _span(a.start, a.end, start=iso(year, a.m, a.days[0]),
                    end=iso(year, a.m, a.days[-1]), precision="day", year_inferred=inferred)
        return
    for i, (day, (s, e)) in enumerate(zip(a.days, a.days_spans, strict=True)):
        yield _date(a.start if i == 0 else s, a.end if i == len(a.days) - 1 else e,
                    date=iso(year, a.m, day), precision="day", year_inferred=inferred,
                    part_of_day=a.pod)


def _period(a: Atom, b: Atom, r: _Resolver) -> RawClaim | None:
    ya, yb = a.y, b.y
    inferred = ya is None and yb is None
    if inferred:
        ya = r.year(a) if a.kind != "year" else a.y
        if ya is None:
            return None
    if ya is None:
        ya = carry_year(yb, b.m or 12, a.m or 1, other_is_start=True)
    if yb is None:
        yb = carry_year(ya, a.m or 1, b.m or 12, other_is_start=False)
    start, end = _end_iso(a, ya), _end_iso(b, yb)
    if start is None or end is None:
        return None
    precision = min((_precision(a), _precision(b)), key=("year", "month", "day").index)
    return _span(a.full_start, b.end, start=start, end=end, precision=precision,
                 year_inferred=inferred, start_time=a.time, end_time=b.time)


def _to_now(a: Atom, b: Atom, r: _Resolver) -> Iterator[RawClaim]:
    """"từ ngày 27/4/2021 đến nay": a window to the publication date, when that is known;
    else only its start."""
    starts = list(_single(a, r))
    stamp = r.published.split("T")[0] if r.published else None
    now = precision_of(stamp) if stamp else None
    if len(starts) != 1 or starts[0].kind != "date" or now is None:
        yield from starts
        return
    first = starts[0].value
    order = ("year", "month", "day")
    precision = min((first["precision"], now), key=order.index)
    yield _span(a.full_start, b.end, start=first["date"], end=stamp, precision=precision,
                year_inferred=first["year_inferred"], start_time=first["time"], anchor=stamp)


def _precision(a: Atom) -> str:
    return a.kind if a.kind in ("month", "year") else "day"


def _end_iso(a: Atom, year: int) -> str | None:
    if a.kind == "year":
        return iso(year)
    if a.kind == "month":
        return iso(year, a.m)
    return iso(year, a.m, a.d) if a.m and a.d and valid_day(year, a.m, a.d) else None
