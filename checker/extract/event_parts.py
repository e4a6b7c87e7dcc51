"""What the event extractor's parts share: the times a clause can take (`When`), the region
of a sentence each cue owns (`Region`), the per-document state (`EventDoc`), the auxiliary
patterns read from checker/lexicon/events.yaml, and the helpers that cut clauses."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from checker.extract import ExtractContext
from checker.extract.dates_english import clock_around
from checker.extract.event_mentions import Mention
from checker.models import RawClaim
from checker.normalise.events import (
    EventsLexicon,
    last_weekday,
    lead,
    phrase_pattern,
    split_published,
    words_key,
)

TRAILING = re.compile(r"\s(?:và|rồi|sau đó|then|and)$", re.IGNORECASE)
SEP = re.compile(r"[,;:()\[\]]|\s(?:và|rồi|sau đó|then|and)\s")


@dataclass
class When:
    """A date or a window a region can take."""

    start: int
    end: int
    date: str | None = None
    period: dict | None = None
    time: str | None = None
    anchor: str | None = None
    taken: bool = False
    # Lent by the date that opens the paragraph: it dates the event but is no part of its span.
    carried: bool = False


@dataclass
class Region:
    event: str
    cues: list[tuple[int, int]]
    start: int
    end: int
    whens: list[When] = field(default_factory=list)
    # The next region when the two cues are verbs of one object ("xét xử và tuyên án Phan
    # Thanh Hải", "khởi tố bị can, bắt tạm giam Trần Văn Minh"): its subject is this one's.
    joined: Region | None = None

    @property
    def cue_start(self) -> int:
        return self.cues[0][0]

    @property
    def cue_end(self) -> int:
        return self.cues[-1][1]


def aux_patterns(lex: EventsLexicon) -> dict[str, re.Pattern[str]]:
    hours = phrase_pattern(lex.hour_words)
    return {
        "negation": re.compile(r"(?<!\w)(?:" + phrase_pattern(lex.negations)
                               + r")(?:\s+\w+){0,1}\s*$", re.IGNORECASE),
        "status": re.compile(r"(?<!\w)(?:" + phrase_pattern(lex.statuses or ["(?!)"])
                             + r")\s*$", re.IGNORECASE),
        "future": re.compile(r"(?<!\w)(?:" + phrase_pattern(lex.future_cues) + r")(?!\w)",
                             re.IGNORECASE),
        # What a span of hours back needs, looked for on the lower-cased text before the
        # full pattern is run (most articles give no such span).
        "hours_gate": re.compile(r"\d\s*(?:" + phrase_pattern([str(w).lower() for w in
                                                                lex.hour_words]) + ")"),
        "hours_back": re.compile(
            lead(["trong", "in", "over", *lex.hours_back_before, *"0123456789"])
            + r"(?<!\w)(?:(?:trong|in\s+the|over\s+the)\s+)?(?:"
            r"(\d{1,3})\s*(?:" + hours + r")\s*(?:" + phrase_pattern(lex.hours_back_after)
            + r")|(?:" + phrase_pattern(lex.hours_back_before) + r")\s+(\d{1,3})\s*(?:"
            + hours + r"))(?!\w)", re.IGNORECASE),
        "end_cue": re.compile(r"(?:" + phrase_pattern(lex.window_end_cues) + r")\s*$",
                              re.IGNORECASE),
        "weekday_en": re.compile(r"(?<!\w)(?:on\s+)?(" + "|".join(
            re.escape(w.capitalize()) for w in lex.weekdays_en) + r")(?!\w)"),
        "time_shift": re.compile(r"[\s\W]*(?:" + phrase_pattern(lex.time_shifts) + r")(?!\w)",
                                 re.IGNORECASE),
        "opener": re.compile(r"(?:(?:" + phrase_pattern(lex.zero_subject_openers)
                             + r")(?!\w)|[\s,.;:])*", re.IGNORECASE),
        "excluded": {name: re.compile(r"(?<!\w)(?:" + phrase_pattern(t.excluded_by) + r")(?!\w)",
                                      re.IGNORECASE)
                     for name, t in lex.types.items() if t.excluded_by},
        "agency": re.compile(r"(?<!\w)(?:" + phrase_pattern(lex.agency_heads)
                             + r")\s+(?:(?:tỉnh|thành phố|TP\.?|tinh|thanh pho)\s+)?(?=[A-ZĐÀ-Ỹ])",
                             re.IGNORECASE),
        "address_comma": re.compile(r",\s*(?:" + phrase_pattern(lex.address_units)
                                    + r")(?!\w)", re.IGNORECASE),
        "place_lead": re.compile(r"\s*(?:" + phrase_pattern(lex.place_prepositions) + r")\s",
                                 re.IGNORECASE),
        "from_hour": re.compile(r"(?<!\w)(?:tính\s+)?từ\s+(\d{1,2}\s*(?:h|giờ)(?:\s*\d{2})?)"
                                r"\s+(?:đến|tới)\s*$", re.IGNORECASE),
        "from": re.compile(r"(?<!\w)(?:từ|kể từ|since|from)\s*$", re.IGNORECASE),
        "until": re.compile(r"(?<!\w)(?:đến|tới|until|till)\s*$", re.IGNORECASE),
        "report_verb": re.compile(r"(?<!\w)(?:" + phrase_pattern(lex.report_verbs)
                                  + r")(?!\w)(?!\s+(?:" + phrase_pattern(lex.acts_of_record)
                                  + r")(?!\w))", re.IGNORECASE),
        "agent_do": re.compile(r"(?<!\w)do\s+(.+?)\s+(?:chủ\s+trì|tổ\s+chức)(?!\w)"),
    }


class EventDoc:
    """What the finders of one document share."""

    def __init__(self, ctx: ExtractContext, lex: EventsLexicon, aux: dict,
                 mentions: list[Mention], whens: list[RawClaim]) -> None:
        self.ctx, self.text, self.lex, self.aux = ctx, ctx.text, lex, aux
        self.mentions = mentions
        self._mention_starts = [m.start for m in mentions]  # mentions come sorted by start
        self.meetings = [m for m in mentions if m.kind == "meeting"]
        self.cue_sentences: set[int] = set()  # the sentences that hold a cue
        self.raw_whens = sorted(whens, key=lambda r: r.start)
        self._when_starts = [r.start for r in self.raw_whens]
        units = {words_key(u) for u in lex.bulletin_units}
        # The counts a bulletin can count: cases with a value, in text order.
        self.case_counts = sorted((r for r in ctx.found if r.kind == "count"
                                   and r.value.get("value") is not None
                                   and words_key(str(r.value.get("unit", ""))) in units),
                                  key=lambda r: r.start)
        self._count_starts = [r.start for r in self.case_counts]
        self.published = ctx.doc.meta.published
        self.pub_day, self.pub_time = split_published(self.published)

    def case_counts_in(self, start: int, end: int) -> list[RawClaim]:
        """The case counts that start in [start, end), in text order."""
        starts = self._count_starts
        return self.case_counts[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """The mentions that start in [start, end), in text order."""
        lo = bisect.bisect_left(self._mention_starts, start)
        hi = bisect.bisect_left(self._mention_starts, end, lo)
        return self.mentions[lo:hi]

    def whens_in(self, start: int, end: int) -> list[When]:
        out: list[When] = []
        first = bisect.bisect_left(self._when_starts, start)
        last = bisect.bisect_left(self._when_starts, end, first)
        for r in self.raw_whens[first:last]:
            if r.end <= end:
                v = r.value
                if r.kind == "date":
                    out.append(When(r.start, r.end, date=v.get("date"), time=v.get("time"),
                                    anchor=v.get("anchor")))
                else:
                    period = {"start": v.get("start"), "end": v.get("end"),
                              "start_time": v.get("start_time"), "end_time": v.get("end_time")}
                    out.append(When(r.start, r.end, period=period, anchor=v.get("anchor")))
        if self.pub_day:
            for m in self.aux["weekday_en"].finditer(self.text, start, end):
                if any(w.start <= m.start() < w.end for w in out):
                    continue
                index = [w.capitalize() for w in self.lex.weekdays_en].index(m.group(1))
                day = last_weekday(index, self.published)
                if day:
                    # "at around 4 p.m. on Tuesday": the clock time of that day.
                    s, e, clock = clock_around(self.text, m.start(), m.end())
                    out.append(When(s, e, date=day, time=clock, anchor=self.published))
        out.sort(key=lambda w: w.start)
        return out


def without_whens(text: str, start: int, end: int, whens: list[When]) -> str:
    """text[start:end] with the dates in it blanked out."""
    chars = list(text[start:end])
    for w in whens:
        for i in range(max(w.start, start), min(w.end, end)):
            chars[i - start] = " "
    return "".join(chars)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the spaces and separators at its ends."""
    while start < end and text[start] in " \t\u00a0,;:":
        start += 1
    while True:
        while end > start and text[end - 1] in " \t\u00a0,;:.…":
            end -= 1
        tail = TRAILING.search(text, start, end)
        if tail is None or tail.start() == start:
            break
        end = tail.start()
    # "BN2899 (nhập cảnh ngày 10/4)": a bracket the span opens, it closes.
    if end < len(text) and text[end] == ")" and text.count("(", start, end) > text.count(
            ")", start, end):
        end += 1
    return start, end


def clause_end(text: str, pos: int, limit: int) -> int:
    """Where the clause that runs on from `pos` ends: at a separator or "và", "rồi"."""
    m = SEP.search(text, pos, limit)
    end = m.start() if m else limit
    while end > pos and text[end - 1] in " \t\u00a0.…!?\"”'":
        end -= 1
    return max(end, pos)
