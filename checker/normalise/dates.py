"""Dates at a precision: ISO strings, clock times, weekdays and year inference.

A date value is an ISO string at one of three precisions: "2021-05-03" (day), "2021-05"
(month) or "2021" (year). Publication stamps may also carry a time ("2021-05-04T19:19");
the helpers read them at day precision. Every function here is pure (the lexicon is data
loaded once) and never raises on bad input: it returns None instead.

Helpers for other modules:
- `parse_clock("18h30") -> "18:30"`, with a part of day: `parse_clock("6h", "chiều") -> "18:00"`
- `date_range("2021-05") -> (date(2021, 5, 1), date(2021, 5, 31))`
- `compare_dates(a, b) -> -1 | 0 | 1 | None`, at the coarser precision of the two
- `weekday_of("2021-05-03") -> 0` (Monday = 0 ... Sunday = 6; None unless day precision)
- `weekday_index("thứ Hai" | "thứ 2" | "T2" | "Chủ nhật") -> 0..6`, `weekday_name(0) -> "thứ Hai"`
- `infer_year(month, day, anchor) -> year`, `relative_day(offset, published) -> ISO day`
- `relative_offset("hôm qua") -> -1`; `choose_anchor` / `carry_year`: where a year comes from
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re

from pydantic import BaseModel, ConfigDict, Field

from checker import lexicon
from checker.models.claim import PartOfDay, Precision
from checker.text import nfc

_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T\d{2}:\d{2}(?::\d{2})?)?)?)?")
_CLOCK = re.compile(
    r"(\d{1,2})[ \t]*(?:(?:h|giờ|g)(?:[ \t]*(\d{1,2})[ \t]*(?:phút|p|')?)?|:(\d{2}))",
    re.IGNORECASE,
)
_SPACES = re.compile(r"\s+")


class DatesLexicon(BaseModel):
    """checker/lexicon/dates.yaml, validated."""

    model_config = ConfigDict(extra="forbid")

    parts_of_day: dict[str, PartOfDay]
    weekdays: dict[str, int]
    weekday_forms_in_text: list[str]
    ordinal_nouns: list[str] = Field(default_factory=list)
    months: dict[str, int]
    day_cues: list[str]
    range_start: list[str]
    range_end: list[str]
    period_cues: list[str]
    relative_days: dict[str, int]
    relative_after_part_of_day: dict[str, int]
    relative_years: dict[str, int] = Field(default_factory=dict)
    count_words_after_month: list[str] = Field(default_factory=list)
    per_words_before_month: list[str] = Field(default_factory=list)


def dates_lexicon() -> DatesLexicon:
    """The dates lexicon (bundled plus user folders), validated; cached per loaded content."""
    return _validated(lexicon_key())


def lexicon_key() -> LexKey:
    """A hashable key for the loaded dates lexicon, for caches of what is built from it."""
    return LexKey(lexicon.load("dates"))


class LexKey:
    # lexicon.load caches its result, so the identity of the loaded object says whether
    # a user folder has been added since the last validation.
    def __init__(self, data: object) -> None:
        self.data = data

    def __hash__(self) -> int:
        return id(self.data)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LexKey) and other.data is self.data


@functools.lru_cache(maxsize=4)
def _validated(key: LexKey) -> DatesLexicon:
    return DatesLexicon.model_validate(key.data)


def key(text: str) -> str:
    """How lexicon words and matched text are compared: NFC, lower case, single spaces."""
    return _SPACES.sub(" ", nfc(text).strip().lower())


# ---- ISO values and precision -------------------------------------------------------------


def iso(year: int, month: int | None = None, day: int | None = None) -> str:
    """The ISO string of a date at the precision given ("2021", "2021-05", "2021-05-03")."""
    out = f"{year:04d}"
    if month is not None:
        out += f"-{month:02d}"
        if day is not None:
            out += f"-{day:02d}"
    return out


def valid_day(year: int, month: int, day: int) -> bool:
    """Whether day/month/year is a real calendar day."""
    try:
        dt.date(year, month, day)
    except (ValueError, OverflowError):
        return False
    return True


def precision_of(value: str) -> Precision | None:
    """The precision of an ISO date string, or None if it is not one."""
    rng = _parse(value)
    return rng[2] if rng else None


def date_range(value: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day an ISO date covers: "2021" -> (2021-01-01, 2021-12-31)."""
    rng = _parse(value)
    return (rng[0], rng[1]) if rng else None


def _parse(value: object) -> tuple[dt.date, dt.date, Precision] | None:
    if not isinstance(value, str):
        return None
    return _parse_str(value)


@functools.lru_cache(maxsize=4096)
def _parse_str(value: str) -> tuple[dt.date, dt.date, Precision] | None:
    m = _ISO.fullmatch(value.strip())
    if not m:
        return None
    year = int(m.group(1))
    if year < 1:
        return None
    try:
        if m.group(3):
            day = dt.date(year, int(m.group(2)), int(m.group(3)))
            return day, day, "day"
        if m.group(2):
            month = int(m.group(2))
            first = dt.date(year, month, 1)
            last = first.replace(day=calendar.monthrange(year, month)[1])
            return first, last, "month"
        return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
    except ValueError:
        return None


_RANK = {"year": 0, "month": 1, "day": 2}
_WIDTH = {"year": 4, "month": 7, "day": 10}


def compare_dates(a: str, b: str) -> int | None:
    """-1, 0 or 1 as `a` is before, at or after `b`, compared at the coarser precision of the
    two ("2021-05" equals "2021-05-03"; "2021" is before "2022-01"). None if either is not an
    ISO date."""
    ra, rb = _parse(a), _parse(b)
    if ra is None or rb is None:
        return None
    coarse = ra[2] if _RANK[ra[2]] <= _RANK[rb[2]] else rb[2]
    width = _WIDTH[coarse]
    ka, kb = ra[0].isoformat()[:width], rb[0].isoformat()[:width]
    return (ka > kb) - (ka < kb)


def day_of(value: str | None) -> str | None:
    """The ISO day of a stamp known to the day ("2021-05-04T19:19" -> "2021-05-04"), else None."""
    rng = _parse(value) if value else None
    return rng[0].isoformat() if rng and rng[2] == "day" else None


# ---- weekdays -----------------------------------------------------------------------------

_WEEKDAY_NAMES = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


def weekday_of(value: str) -> int | None:
    """Monday = 0 ... Sunday = 6 for an ISO day; None for a month, a year or bad input."""
    rng = _parse(value)
    if rng is None or rng[2] != "day":
        return None
    return rng[0].weekday()


def weekday_index(name: str) -> int | None:
    """"thứ Hai" / "Thứ 2" / "T2" / "thứ hai" -> 0 ... "Chủ nhật" / "CN" -> 6; None otherwise."""
    if not isinstance(name, str):
        return None
    return dates_lexicon().weekdays.get(key(name))


def weekday_name(index: int) -> str:
    """0 -> "thứ Hai" ... 6 -> "Chủ nhật" (for messages)."""
    return _WEEKDAY_NAMES[index % 7]


# ---- clock times --------------------------------------------------------------------------


def parse_clock(text: str, part_of_day: str | None = None) -> str | None:
    """A clock time as "HH:MM": "18h" -> "18:00", "6h30" -> "06:30", "18 giờ 30 phút" ->
    "18:30", "18:30" -> "18:30". With a part of day an hour written on the 12-hour clock is
    moved to the afternoon where that part of day says so ("6h" chiều/tối -> "18:00",
    "1h" trưa -> "13:00", "11h" đêm -> "23:00"). None if the text is not a valid time."""
    if not isinstance(text, str):
        return None
    m = _CLOCK.fullmatch(nfc(text).strip())
    if not m:
        return None
    hour = int(m.group(1))
    minute = int(m.group(2) or m.group(3) or 0)
    if hour > 23 or minute > 59:
        return None
    if part_of_day in ("chiều", "tối") and 1 <= hour <= 11:
        hour += 12
    elif part_of_day == "trưa" and 1 <= hour <= 3:
        hour += 12
    elif part_of_day == "đêm" and 7 <= hour <= 11:
        hour += 12
    return f"{hour:02d}:{minute:02d}"


# ---- year inference -----------------------------------------------------------------------


def infer_year(month: int, day: int | None, anchor: str) -> int | None:
    """The year that puts day/month (or the whole month when `day` is None) nearest `anchor`.

    `anchor` is an ISO date at any precision and stands for the range of days it covers;
    the distance from a candidate to it is 0 when the candidate falls inside that range and
    otherwise the number of days between them. Candidates are the anchor's years and the
    years around them (a 28/12 event in an article of 2022-01-03 is 2021-12-28; 29/2 looks
    for the nearest leap year). On a tie the earlier year wins: news mostly reports the
    past. None if the anchor is not an ISO date or no candidate is a real day."""
    rng = _parse(anchor)
    if rng is None or not 1 <= month <= 12:
        return None
    first, last, _ = rng
    best: tuple[int, int] | None = None
    for year in range(first.year - 4, last.year + 5):
        if not 1 <= year <= 9999:
            continue
        if day is None:
            cand = _parse(iso(year, month))
            if cand is None:
                continue
            lo, hi = cand[0], cand[1]
        elif valid_day(year, month, day):
            lo = hi = dt.date(year, month, day)
        else:
            continue
        distance = 0 if hi >= first and lo <= last else min(
            abs((lo - last).days), abs((first - hi).days)
        )
        if best is None or distance < best[0]:
            best = (distance, year)
    return best[1] if best else None


def relative_day(offset: int, published: str | None) -> str | None:
    """The ISO day `offset` days from the publication day; None unless `published` is known
    to the day ("2021-05-04" or "2021-05-04T19:19"; "2021-05" is not enough)."""
    day = day_of(published)
    if day is None:
        return None
    try:
        return (dt.date.fromisoformat(day) + dt.timedelta(days=offset)).isoformat()
    except OverflowError:
        return None


def relative_offset(text: str) -> int | None:
    """Days from the publication day that a relative word names: "hôm qua" -> -1,
    "sáng nay" -> 0, "tối mai" -> 1; None when the text is not such a word."""
    if not isinstance(text, str):
        return None
    lex = dates_lexicon()
    words = key(text)
    if words in lex.relative_days:
        return lex.relative_days[words]
    for pod in sorted(lex.parts_of_day, key=len, reverse=True):
        if words.startswith(pod + " "):
            rest = words[len(pod) + 1:]
            if rest in lex.relative_days:
                return lex.relative_days[rest]
            return lex.relative_after_part_of_day.get(rest)
    return None


# ---- where a year comes from --------------------------------------------------------------


class YearAnchor(BaseModel):
    """A date the text states with its year, as a source of years for dates without one."""

    value: str  # ISO at its precision
    offset: int  # where it is in the text
    sentence: int
    paragraph: int


def choose_anchor(
    offset: int,
    sentence: int,
    paragraph: int,
    anchors: list[YearAnchor],
    published: str | None,
) -> str | None:
    """What a day or month written without a year takes its year from, in this order:

    1. the nearest date with a stated year in the same sentence ("Năm 2020, ngày 3/5 ..."; a
       bare year only before the date),
    2. else the nearest one in the same paragraph,
    3. else the publication date when it is known to the day (a date stated in another
       paragraph is often background: "bị truy nã ngày 3/1/2018" under "Ngày 10/2 … bắt"),
    4. else the nearest day or month with a stated year anywhere in the document (a bare
       "năm 2022" further away is too weak: it is often a plan or a background year),
    5. else the publication date, at whatever precision it is known ("2023-10"),
    6. else nothing: the date cannot be placed and is not emitted.

    The year is then the one that puts the date nearest its anchor (`infer_year`). Nearest
    is by distance in characters; on a tie the earlier anchor wins."""
    def framing(a: YearAnchor) -> bool:
        # A bare year after the date is another clause's ("bắt giữ ngày 10/2, bị truy nã từ
        # năm 2018"); before it, it sets the frame ("Năm 2020, ngày 3/5 ...").
        return precision_of(a.value) != "year" or a.offset < offset

    same_sentence = [a for a in anchors if a.sentence == sentence and framing(a)]
    same_paragraph = [a for a in anchors if a.paragraph == paragraph and framing(a)]
    precise = [a for a in anchors if precision_of(a.value) in ("day", "month")]
    day = published.split("T")[0] if published else None
    pools = [same_sentence, same_paragraph]
    if day and precision_of(day) == "day" and _parse(day) is not None:
        pools.append([YearAnchor(value=day, offset=offset, sentence=sentence,
                                 paragraph=paragraph)])
    for pool in (*pools, precise):
        if pool:
            return min(pool, key=lambda a: (abs(a.offset - offset), a.offset)).value
    if day and _parse(day) is not None:
        return day
    return None


def carry_year(
    known_year: int, known_month: int, other_month: int, other_is_start: bool
) -> int:
    """The year of one end of a window written without it ("29/4–3/5/2021"): the other end's
    year, moved by one when the window runs over New Year ("28/12–3/1/2022" starts in 2021).
    It is moved only when the months wrap by at most six months, so "từ 29/5 đến 3/4/2021"
    stays a window that ends before it starts (for the period-order rule to see) rather than
    becoming ten months long."""
    if other_is_start:
        wraps = other_month > known_month and known_month + 12 - other_month <= 6
        return known_year - 1 if wraps else known_year
    wraps = known_month > other_month and other_month + 12 - known_month <= 6
    return known_year + 1 if wraps else known_year
