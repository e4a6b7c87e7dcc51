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

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from checker.extract import ExtractContext
from checker.models import DateValue, PeriodValue, RawClaim
from checker.normalise.dates import (
    DatesLexicon,
    LexKey,
    YearAnchor,
    carry_year,
    choose_anchor,
    dates_lexicon,
    day_of,
    infer_year,
    iso,
    key,
    lexicon_key,
    parse_clock,
    relative_day,
    valid_day,
)

_S = r"[ \t\u00a0]"
_B = r"(?!\w)"
_END = r"(?![\w/]|[.,]\d)"
_D = r"\d{1,2}"
_Y = r"\d{4}"
_TIME = (
    rf"(?:[01]?\d|2[0-3])(?:{_S}*(?:h|giờ)(?:{_S}*[0-5]\d(?:{_S}*phút|')?)?|:[0-5]\d)(?![\w:])"
)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _alt(words: Iterable[str]) -> str:
    keys = sorted({key(w) for w in words if w.strip()}, key=len, reverse=True)
    return "|".join(rf"{_S}+".join(map(re.escape, w.split())) for w in keys) or "(?!)"


@functools.lru_cache(maxsize=4)
def _grammar(lex_key: LexKey) -> re.Pattern[str]:
    lex = dates_lexicon()
    pod, wd, cue = _alt(lex.parts_of_day), _alt(lex.weekday_forms_in_text), _alt(lex.day_cues)
    rng = _alt([*lex.range_start, *lex.range_end])
    months = rf"\d{{1,2}}|{_alt(lex.months)}"
    rel_words = [*lex.relative_days, *lex.relative_years]
    prefix = (
        rf"(?:(?P<rw>{rng}){_B}{_S}+)?"
        rf"(?:(?P<time>{_TIME}){_S}*,?{_S}*)?"
        rf"(?:(?P<pod>{pod}){_B}{_S}*,?{_S}*)?"
        rf"(?:(?P<wd>{wd}){_B}{_S}*(?:(?P<wdp>\()|,)?{_S}*)?"
        rf"(?:(?P<cue>{cue}){_B}{_S}*)?"
    )
    core = (
        rf"(?P<core>(?P<wf_d>{_D}){_S}+tháng{_S}+(?P<wf_m>{months}){_B}"
        rf"(?:{_S}*,?{_S}*năm{_S}+(?P<wf_y>{_Y}))?"
        rf"|(?P<ls>{_D}(?:{_S}*(?:,{_S}*và|,|và){_S}*{_D})+)/(?P<lm>{_D})(?:/(?P<ly>{_Y}))?"
        rf"|(?P<dr1>{_D}){_S}*[-–—]{_S}*(?P<dr2>{_D})/(?P<drm>{_D})(?:/(?P<dry>{_Y}))?"
        rf"|(?P<d>{_D})(?P<sep>[/.-])(?P<m>{_D})(?:(?P=sep)(?P<y>{_Y}))?"
        rf"|(?P<bm>{_D})/(?P<by>{_Y})"
        rf"|tháng{_S}+(?P<mr1>{_D}){_S}*[-–—]{_S}*(?P<mr2>{_D})"
        rf"(?:{_S}*[/-]{_S}*|{_S}*,?{_S}*năm{_S}+)(?P<mry>{_Y})"
        rf"|tháng{_S}+(?P<mo>{months}){_B}"
        rf"(?:{_S}*[/-]{_S}*(?P<moy>{_Y})|{_S}*,?{_S}*năm{_S}+(?P<moy2>{_Y}))?"
        rf"|quý{_S}+(?P<q>iv|i{{1,3}}|[1-4]){_B}(?:{_S}*/{_S}*|{_S}*,?{_S}*năm{_S}+)(?P<qy>{_Y})"
        rf"|năm{_S}+(?P<yy>{_Y}))"
        rf"{_END}(?(wdp){_S}*\))"
        rf"(?:{_S}*\({_S}*(?P<wd2>{wd}){_B}{_S}*\))?"
    )
    relative = (
        rf"(?:(?P<rtime>{_TIME}){_S}*)?"
        rf"(?:(?:(?P<rpod>{pod}){_S}+)?(?P<rday>{_alt(rel_words)})"
        rf"|(?P<rpod2>{pod}){_S}+(?P<rday2>{_alt(lex.relative_after_part_of_day)})){_B}"
        rf"(?:{_S}*(?:(?P<rp>\()|,)?{_S}*(?:(?:ngày|hôm){_S}+)?"
        rf"(?P<rd>{_D})/(?P<rm>{_D})(?:/(?P<ry>{_Y}))?{_END}(?(rp){_S}*\)))?"
    )
    years = (
        rf"(?:(?P<yrw>{_alt(lex.range_start)}){_B}{_S}+)?(?:(?P<ypc>{_alt(lex.period_cues)}){_B}{_S}*)?"
        rf"(?P<y1>{_Y}){_S}*[-–—]{_S}*(?P<y2>{_Y}){_END}"
    )
    words = [
        *lex.parts_of_day, *lex.weekday_forms_in_text, *lex.day_cues, *lex.range_start,
        *lex.range_end, *lex.period_cues, *rel_words, "tháng", "quý", "năm",
    ]
    first = sorted({c for w in words if w.strip() for c in (key(w)[0], key(w)[0].upper())})
    lead = "0-9" + "".join(re.escape(c) for c in first)
    pattern = (
        rf"(?=[{lead}])(?<!\w)(?:(?P<rel>{relative})|(?P<yrs>{years})|{prefix}{core})"
    )
    return re.compile(pattern, re.IGNORECASE)


@dataclass
class Atom:
    """One date-like expression with the context words before it."""

    start: int  # where the claim's text starts when the atom stands alone
    full_start: int  # including a range word, for periods
    end: int
    kind: str  # day | month | year | quarter | days | dayspan | monthspan | yearspan | relative
    y: int | None = None
    m: int | None = None
    d: int | None = None
    y2: int | None = None
    m2: int | None = None
    d2: int | None = None
    days: list[int] = field(default_factory=list)
    days_spans: list[tuple[int, int]] = field(default_factory=list)
    sep: str = ""
    range_word: str | None = None  # "start" | "end"
    strong: bool = False  # a day word, part of day, weekday or clock time before it
    time: str | None = None
    pod: str | None = None
    weekday: str | None = None
    offset: int | None = None  # days from publication, for relative words
    offset_years: int | None = None


def extract(ctx: ExtractContext) -> Iterable[RawClaim]:
    """Date and period claims in the body of `ctx.text` (NFC offsets into it)."""
    lex = dates_lexicon()
    atoms = list(_find_atoms(ctx.text, ctx.body_start, lex))
    if not atoms:
        return []
    return list(_emit(ctx, _join(ctx.text, atoms)))


def _find_atoms(text: str, pos: int, lex: DatesLexicon) -> Iterator[Atom]:
    for m in _grammar(lexicon_key()).finditer(text, pos):
        atom = _atom(text, m, lex)
        if atom is not None:
            yield atom


def _atom(text: str, m: re.Match[str], lex: DatesLexicon) -> Atom | None:
    g = m.groupdict()
    if g["rel"] is not None:
        return _relative(m, lex)
    if g["yrs"] is not None:
        y1, y2 = int(g["y1"]), int(g["y2"])
        if not (1900 <= y1 < y2 <= 2099 and y2 - y1 <= 50):
            return None
        bare = g["ypc"] is None and g["yrw"] is None
        if bare and m.start() > 0 and text[m.start() - 1] in "-–/.":
            return None
        start = m.start("ypc") if g["ypc"] else m.start("y1")
        return Atom(start, m.start(), m.end(), "yearspan", y=y1, y2=y2)
    atom = Atom(m.start(), m.start(), m.end(), "day")
    if g["rw"]:
        atom.range_word = "start" if key(g["rw"]) in map(key, lex.range_start) else "end"
    pod = lex.parts_of_day.get(key(g["pod"])) if g["pod"] else None
    atom.pod = pod
    if g["time"]:
        atom.time = parse_clock(g["time"], pod)
    if g["wd"] and not _ordinal(text, m.start("wd"), g["wd"], lex):
        atom.weekday = " ".join(g["wd"].split())
    elif g["wd2"]:
        atom.weekday = " ".join(g["wd2"].split())
    atom.strong = bool(g["cue"] or pod or atom.weekday or atom.time)
    kept = [n for n in ("time", "pod", "cue") if g[n]]
    if g["wd"] and atom.weekday:
        kept.append("wd")
    if g["cue"] and _after_number(text, m.start("cue"), lex):
        kept.remove("cue")
    atom.start = min([m.start(n) for n in kept] + [m.start("core")])
    atom.full_start = m.start("rw") if g["rw"] else atom.start
    if g["wd"] and not atom.weekday and not g["wd2"]:
        atom.end = m.end("core")
    return _core(text, m, g, atom, lex)


def _core(text: str, m: re.Match[str], g: dict, atom: Atom, lex: DatesLexicon) -> Atom | None:
    if g["wf_d"]:
        month = _month(g["wf_m"], lex)
        atom.d, atom.m, atom.y = int(g["wf_d"]), month, _int(g["wf_y"])
        atom.sep = "word"
        ok = month is not None and (atom.y is not None or g["cue"] is not None)
    elif g["ls"]:
        atom.kind, atom.m, atom.y = "days", int(g["lm"]), _int(g["ly"])
        base = m.start("ls")
        for dm in re.finditer(r"\d{1,2}", g["ls"]):
            atom.days.append(int(dm.group()))
            atom.days_spans.append((base + dm.start(), base + dm.end()))
        atom.days_spans[-1] = (atom.days_spans[-1][0], m.end("lm") if not g["ly"] else m.end("ly"))
        ok = atom.y is not None or atom.strong
    elif g["dr1"]:
        atom.kind = "dayspan"
        atom.d, atom.d2, atom.m = int(g["dr1"]), int(g["dr2"]), int(g["drm"])
        atom.y = _int(g["dry"])
        ok = atom.y is not None or atom.strong
    elif g["d"]:
        atom.d, atom.m, atom.y, atom.sep = int(g["d"]), int(g["m"]), _int(g["y"]), g["sep"]
        ok = atom.y is not None or atom.sep != "."
    elif g["bm"]:
        atom.kind, atom.m, atom.y = "month", int(g["bm"]), int(g["by"])
        ok = atom.range_word is not None or atom.strong
    elif g["mr1"]:
        atom.kind = "monthspan"
        atom.m, atom.m2, atom.y = int(g["mr1"]), int(g["mr2"]), int(g["mry"])
        ok = 1 <= atom.m <= 12 and 1 <= atom.m2 <= 12
    elif g["mo"]:
        atom.kind, atom.m = "month", _month(g["mo"], lex)
        atom.y = _int(g["moy"]) or _int(g["moy2"])
        ok = atom.m is not None and (atom.y is not None or _month_alone_ok(text, m, lex))
    elif g["q"]:
        q = g["q"].lower()
        atom.kind, atom.y = "quarter", int(g["qy"])
        atom.m = 3 * (_ROMAN[q] if q in _ROMAN else int(q)) - 2
        atom.m2 = atom.m + 2
        ok = True
    else:
        atom.kind, atom.y = "year", int(g["yy"])
        ok = True
    if not ok or (atom.y is not None and not 1000 <= atom.y <= 2999):
        return None
    if atom.m is not None and not 1 <= atom.m <= 12:
        return None
    return atom


def _relative(m: re.Match[str], lex: DatesLexicon) -> Atom | None:
    g = m.groupdict()
    atom = Atom(m.start(), m.start(), m.end(), "relative", strong=True)
    word = key(g["rday"] or g["rday2"])
    pod_word = g["rpod"] or g["rpod2"]
    atom.pod = lex.parts_of_day.get(key(pod_word)) if pod_word else None
    if g["rtime"]:
        atom.time = parse_clock(g["rtime"], atom.pod)
    if word in lex.relative_years:
        if pod_word or g["rd"]:
            return None
        atom.kind, atom.offset_years = "relyear", lex.relative_years[word]
        return atom
    atom.offset = (
        lex.relative_days[word] if g["rday"] else lex.relative_after_part_of_day[word]
    )
    if g["rd"]:
        atom.d, atom.m, atom.y = int(g["rd"]), int(g["rm"]), _int(g["ry"])
        if not 1 <= atom.m <= 12:
            atom.d = atom.m = atom.y = None
            atom.end = m.end("rday") if g["rday"] else m.end("rday2")
    return atom


def _int(s: str | None) -> int | None:
    return int(s) if s else None


def _month(s: str, lex: DatesLexicon) -> int | None:
    if s.isdigit():
        return int(s)
    return lex.months.get(key(s)) if s[:1].isupper() else None


def _preceding(text: str, pos: int, width: int = 24) -> str:
    return " " + key(text[max(0, pos - width):pos])


def _ordinal(text: str, pos: int, wd: str, lex: DatesLexicon) -> bool:
    """Whether "thứ 2" at pos is an ordinal ("lần thứ 2") rather than a weekday."""
    before = _preceding(text, pos)
    return any(before.endswith(" " + key(n)) for n in lex.ordinal_nouns)


def _after_number(text: str, pos: int, lex: DatesLexicon) -> bool:
    before = _preceding(text, pos)
    last = before.rsplit(" ", 1)[-1]
    return last.isdigit() or any(before.endswith(" " + key(w)) for w in lex.months)


def _month_alone_ok(text: str, m: re.Match[str], lex: DatesLexicon) -> bool:
    """"tháng 5" with no year is a month unless a number or a rate word is before it, or a
    count word after it ("6 tháng 5 ngày", "mỗi tháng 2 lần")."""
    start = m.start("core")
    before = _preceding(text, start)
    if before.rstrip().rsplit(" ", 1)[-1].isdigit():
        return False
    if any(before.endswith(" " + key(w)) for w in lex.per_words_before_month):
        return False
    after = key(text[m.end():m.end() + 12]).split(" ")
    first_after = after[0] if after else ""
    counts = {key(w) for w in lex.count_words_after_month}
    return first_after not in counts and not first_after[:1].isdigit()


# ---- atoms -> candidates (a date, or a period of two atoms) ------------------------------

_POINTS = ("day", "month", "year")
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
        return other.y is not None
    return end.sep == "/" and (other.y is not None or other.strong)


def _joins(text: str, a: Atom, b: Atom) -> bool:
    if a.kind not in _POINTS or b.kind not in _POINTS or a.range_word == "end":
        return False
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
        if _alone_ok(a):
            out.append((a, None))
        i += 1
    return out


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
        if b is not None:
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
                    weekday=a.weekday, anchor=anchor)


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


def _precision(a: Atom) -> str:
    return a.kind if a.kind in ("month", "year") else "day"


def _end_iso(a: Atom, year: int) -> str | None:
    if a.kind == "year":
        return iso(year)
    if a.kind == "month":
        return iso(year, a.m)
    return iso(year, a.m, a.d) if a.m and a.d and valid_day(year, a.m, a.d) else None
