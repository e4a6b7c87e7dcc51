"""Events: something that happened to a subject at a time and place ("BN2899 có kết quả xét
nghiệm dương tính ngày 28/4", "nhóm chuyên gia hoàn thành cách ly tập trung từ 9/4 đến 23/4
tại Yên Bái", "chiều 3/5, … chủ trì buổi làm việc trực tuyến …").

How it works. Cue words of each event type (checker/lexicon/events.yaml) are found in the
body. A sentence with several cues is cut into one region per cue at the last comma,
semicolon, bracket or "và" between two cues (cues of one type with no date between them
make one region: "Hội nghị … do … chủ trì"). Each region takes the nearest date or window
the date extractor found in it (a window running across two regions gives its start to the
first and its end to the second: "sốt từ ngày 24/4, đến ngày 28/4 có kết quả dương tính");
a region without one takes the nearest date of the sentence no other region took. The
subject is looked for in the region, then earlier in the sentence, then through a later
mention ("bệnh nhân này", "ông Sơn") or, for a clause that opens with a date ("Ngày 28/4 có
kết quả dương tính"), the patient of the paragraph. The claim's span runs from the first to
the last thing the event is made of (subject, cue, date, place) to the end of that clause.

What is an event (precision first: a wrong event makes a false conflict):
- a cue, not denied ("chưa có kết quả dương tính") and not planned ("sẽ họp"), with a
  subject of a kind its type takes, and at least a date, a window or a place;
- "F1 của BN2899", "tiếp xúc với BN2899": BN2899 is not the subject;
- the subject of a meeting is the meeting itself, named as the text names it (its head
  word and what follows, up to the organiser, a date or a place: "buổi làm việc trực
  tuyến về công tác phòng chống dịch COVID-19 …"); its chair or organiser is `agent`. A
  chair is not the subject because one person chairs many meetings;
- a bulletin window is a window with clock times ("từ 18h ngày 28/4 đến 18h ngày 29/4") or
  a span of hours back from the publication ("trong 12 giờ qua", "tính đến 6h sáng nay")
  in a sentence that counts cases; its subject is the list or range of patient codes the
  sentence gives, else the count ("45 ca").
Relative times are anchored on the publication (Document.meta.published) and the anchor is
kept on the claim: "12 giờ qua" needs the publication time, "on Thursday" its day."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from checker.extract import ExtractContext
from checker.extract.event_mentions import (
    Mention,
    Place,
    find_mentions,
    find_place,
    lower_same_length,
)
from checker.models import EventValue, RawClaim
from checker.models.claim import EventPeriod
from checker.normalise.dates import parse_clock, relative_day
from checker.normalise.events import (
    EventsLexicon,
    derived,
    events_lexicon,
    hours_back,
    last_weekday,
    lead,
    phrase_pattern,
    split_published,
    words_key,
)

_TRAILING = re.compile(r"\s(?:và|rồi|sau đó|then|and)$", re.IGNORECASE)
_SEP = re.compile(r"[,;:()\[\]]|\s(?:và|rồi|sau đó|then|and)\s")


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


@dataclass
class Region:
    event: str
    cues: list[tuple[int, int]]
    start: int
    end: int
    whens: list[When] = field(default_factory=list)

    @property
    def cue_start(self) -> int:
        return self.cues[0][0]

    @property
    def cue_end(self) -> int:
        return self.cues[-1][1]


def _cue_pattern(lex: EventsLexicon) -> tuple[re.Pattern[str], re.Pattern[str],
                                                dict[str, str]]:
    """A pattern of every cue's first word, one of the cues themselves, and cue -> type.
    Both run on the lower-cased text (a case-insensitive alternation this long is slow); the
    first-word pattern finds the few places a cue can start, the cue pattern is tried there."""
    by_key: dict[str, str] = {}
    for name, t in lex.types.items():
        for cue in t.cues:
            by_key.setdefault(words_key(cue), name)
    firsts = sorted({k.split(" ")[0] for k in by_key if k}, key=len, reverse=True)
    first = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, firsts or ["(?!)"])) + r")(?!\w)")
    return first, re.compile(r"(?:" + phrase_pattern(list(by_key)) + r")(?!\w)"), by_key


def _find_cues(lowered: str, body: int) -> list[tuple[int, int, str]]:
    first, cue_re, by_key = derived("cues", _cue_pattern)
    out: list[tuple[int, int, str]] = []
    pos = body
    while True:
        f = first.search(lowered, pos)
        if f is None:
            return out
        m = cue_re.match(lowered, f.start())
        if m is None:
            pos = f.end()
            continue
        out.append((m.start(), m.end(), by_key.get(words_key(m.group(0)), "")))
        pos = m.end()


def _aux_patterns(lex: EventsLexicon) -> dict[str, re.Pattern[str]]:
    hours = phrase_pattern(lex.hour_words)
    return {
        "negation": re.compile(r"(?<!\w)(?:" + phrase_pattern(lex.negations)
                               + r")(?:\s+\w+){0,1}\s*$", re.IGNORECASE),
        "future": re.compile(r"(?<!\w)(?:" + phrase_pattern(lex.future_cues) + r")(?!\w)",
                             re.IGNORECASE),
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
        "opener": re.compile(r"(?:(?:" + phrase_pattern(lex.zero_subject_openers)
                             + r")(?!\w)|[\s,.;:])*", re.IGNORECASE),
        "excluded": {name: re.compile(r"(?<!\w)(?:" + phrase_pattern(t.excluded_by) + r")(?!\w)",
                                      re.IGNORECASE)
                     for name, t in lex.types.items() if t.excluded_by},
        "place_lead": re.compile(r"\s*(?:" + phrase_pattern(lex.place_prepositions) + r")\s",
                                 re.IGNORECASE),
        "from_hour": re.compile(r"(?<!\w)(?:tính\s+)?từ\s+(\d{1,2}\s*(?:h|giờ)(?:\s*\d{2})?)"
                                r"\s+(?:đến|tới)\s*$", re.IGNORECASE),
        "from": re.compile(r"(?<!\w)(?:từ|kể từ|since|from)\s*$", re.IGNORECASE),
        "until": re.compile(r"(?<!\w)(?:đến|tới|until|till)\s*$", re.IGNORECASE),
        "agent_do": re.compile(r"(?<!\w)do\s+(.+?)\s+(?:chủ\s+trì|tổ\s+chức)(?!\w)"),
    }


def extract(ctx: ExtractContext) -> Iterable[RawClaim]:
    """Event claims of the body of `ctx.text` (NFC offsets)."""
    lex = events_lexicon()
    text, body = ctx.text, ctx.body_start
    aux = derived("aux", _aux_patterns)
    lowered = lower_same_length(text)
    cues = _find_cues(lowered, body)
    whens_found = [r for r in ctx.found if r.kind in ("date", "period") and r.start >= body]
    timed = any(r.value.get("time") or (r.value.get("start_time") and r.value.get("end_time"))
                for r in whens_found)
    if not cues and not timed and not aux["hours_back"].search(text, body):
        return []
    mentions = find_mentions(text, body, ctx.found, lowered)
    doc = _Doc(ctx, lex, aux, mentions, whens_found)
    out: list[RawClaim] = []
    by_sentence: dict[int, list[tuple[int, int, str]]] = {}
    for cue in cues:
        if cue[2] and not _denied(text, cue[0], ctx, aux):
            by_sentence.setdefault(ctx.segments.sentence_of(cue[0]), []).append(cue)
    for index, sentence in enumerate(ctx.segments.sentences):
        if sentence.end <= body:
            continue
        whens = doc.whens_in(sentence.start, sentence.end)
        out.extend(_bulletin(doc, sentence.start, sentence.end, whens))
        if index in by_sentence:
            out.extend(_sentence_events(doc, sentence.start, sentence.end, by_sentence[index],
                                        whens))
    return _dedupe(out)


class _Doc:
    """What the finders of one document share."""

    def __init__(self, ctx: ExtractContext, lex: EventsLexicon, aux: dict,
                 mentions: list[Mention], whens: list[RawClaim]) -> None:
        self.ctx, self.text, self.lex, self.aux = ctx, ctx.text, lex, aux
        self.mentions = mentions
        self.raw_whens = sorted(whens, key=lambda r: r.start)
        units = {words_key(u) for u in lex.bulletin_units}
        # The counts a bulletin can count: cases with a value, in text order.
        self.case_counts = [r for r in ctx.found if r.kind == "count"
                            and r.value.get("value") is not None
                            and words_key(str(r.value.get("unit", ""))) in units]
        self.published = ctx.doc.meta.published
        self.pub_day, self.pub_time = split_published(self.published)

    def whens_in(self, start: int, end: int) -> list[When]:
        out: list[When] = []
        for r in self.raw_whens:
            if start <= r.start and r.end <= end:
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
                    out.append(When(m.start(), m.end(), date=day, anchor=self.published))
        out.sort(key=lambda w: w.start)
        return out


def _denied(text: str, pos: int, ctx: ExtractContext, aux: dict) -> bool:
    s = ctx.segments.sentences[ctx.segments.sentence_of(pos)] if ctx.segments.sentences else None
    lo = max(s.start if s else 0, pos - 24)
    return bool(aux["negation"].search(text[lo:pos]))


# ---- regions ------------------------------------------------------------------------------


def _regions(doc: _Doc, s_start: int, s_end: int, cues: list[tuple[int, int, str]],
             whens: list[When]) -> list[Region]:
    merged: list[Region] = []
    for start, end, event in cues:
        last = merged[-1] if merged else None
        if last is not None and last.event == event and not any(
                last.cue_end <= w.start < start for w in whens):
            last.cues.append((start, end))
            continue
        merged.append(Region(event, [(start, end)], s_start, s_end))
    for a, b in zip(merged, merged[1:], strict=False):
        gap = doc.text[a.cue_end:b.cue_start]
        seps = list(_SEP.finditer(gap))
        bound = a.cue_end + seps[-1].end() if seps else b.cue_start
        a.end, b.start = bound, bound
    return merged


def _assign(regions: list[Region], whens: list[When]) -> None:
    pieces: list[tuple[When, Region | None]] = []
    for w in whens:
        inside = [r for r in regions if r.start <= w.start < r.end]
        last = [r for r in regions if r.start < w.end <= r.end]
        if w.period and inside and last and inside[0] is not last[0]:
            # A window across two regions: its start belongs to one, its end to the other.
            p = w.period
            bound = inside[0].end
            first = When(w.start, bound, date=p["start"], time=p.get("start_time"),
                         anchor=w.anchor)
            second = When(bound, w.end, date=p["end"], time=p.get("end_time"),
                          anchor=w.anchor)
            pieces += [(first, inside[0]), (second, last[0])]
            w.taken = True
        else:
            pieces.append((w, inside[0] if inside else None))
    for region in regions:
        own = [w for w, r in pieces if r is region and not w.taken]
        if own:
            best = min(own, key=lambda w: _distance(w, region))
            best.taken = True
            region.whens = [best]
    for region in regions:
        if region.whens:
            continue
        free = [w for w, _ in pieces if not w.taken]
        if free:
            best = min(free, key=lambda w: _distance(w, region))
            best.taken = True
            region.whens = [best]


def _distance(w: When, region: Region) -> int:
    if w.end <= region.cue_start:
        return region.cue_start - w.end
    return max(0, w.start - region.cue_end)


# ---- events of a sentence -----------------------------------------------------------------


def _sentence_events(doc: _Doc, s_start: int, s_end: int, cues: list[tuple[int, int, str]],
                     whens: list[When]) -> Iterator[RawClaim]:
    whens = [w for w in whens if not w.taken]
    regions = _regions(doc, s_start, s_end, cues, whens)
    _assign(regions, whens)
    for region in regions:
        yield from _region_events(doc, region, s_start)


def _region_events(doc: _Doc, region: Region, s_start: int) -> Iterator[RawClaim]:
    etype = doc.lex.types.get(region.event)
    if etype is None:
        return
    text = doc.text
    subjects, agent = _subjects(doc, region, s_start, etype.subjects)
    if not subjects:
        return
    when = region.whens[0] if region.whens else None
    place = _event_place(doc, region)
    if place is not None and any(m.start <= place.start < m.end for m, _ in subjects
                                 if m.kind == "meeting"):
        place = None  # "Hội nghị … tại Hà Nội" inside the meeting's own name stays a name
    if when is None and place is None:
        return
    parts = [region.cues[0], *region.cues]
    parts += [(m.start, m.end) for m, _ in subjects if region.start <= m.start < region.end]
    if agent is not None and region.start <= agent[0] < region.end:
        parts.append(agent[:2])
    if when is not None:
        parts.append((when.start, when.end))
    if place is not None:
        parts.append((place.start, place.end))
    start, end = _trim(text, min(p[0] for p in parts),
                       _clause_end(text, max(p[1] for p in parts), region.end))
    if doc.aux["future"].search(text, min(start, region.start), end):
        return
    excluded = doc.aux["excluded"].get(region.event)
    near_end = min(region.end, _clause_end(text, region.cue_end, region.end) + 12)
    if excluded is not None and excluded.search(text, max(region.start, region.cue_start - 12),
                                                near_end):
        return
    event = region.event
    if when is not None and when.date and etype.window is not None:
        # "cách ly tập trung từ ngày 29/4": a day that opens or closes the window.
        before = text[max(region.start, when.start - 8):when.start]
        if doc.aux["from"].search(before):
            event = etype.window.start
        elif doc.aux["until"].search(before):
            event = etype.window.end
    for _, subject in subjects:
        value = EventValue(
            event=event, subject=subject, place=place.value if place else None,
            agent=agent[2] if agent else None,
        )
        if when is not None:
            value.anchor = when.anchor
            if when.period:
                value.period = EventPeriod(**when.period)
            else:
                value.date, value.time = when.date, when.time
        yield RawClaim(kind="event", start=start, end=end,
                       value=value.model_dump(exclude_none=False))


def _event_place(doc: _Doc, region: Region) -> Place | None:
    """The place of the event: after its cue ("có kết quả dương tính tại Hà Nam"), or fronted
    at the opening of the clause ("Tại Hà Nam, ngày 28/4, …"). A place between the subject
    and the cue describes the subject ("BN2899, ở Hà Nam, nhập cảnh …") and is not taken."""
    text = doc.text
    # The clause of the cue, and the ones after it that open with "tại"/"ở"; not a later
    # clause that tells what came next ("hoàn thành cách ly, về khách sạn ở TP Phủ Lý").
    end = _clause_end(text, region.cue_end, region.end)
    while end < region.end:
        sep = _SEP.match(text, end)
        nxt = sep.end() if sep else end + 1
        if not doc.aux["place_lead"].match(text, nxt):
            break
        end = _clause_end(text, nxt, region.end)
    place = find_place(text, region.cue_start, end)
    if place is not None:
        return place
    front = find_place(doc.text, region.start, region.cue_start)
    if front is None:
        return None
    lead = _without_whens(doc.text, region.start, front.start, region.whens)
    m = doc.aux["opener"].match(lead)
    prep = re.search(r"\w+\s*$", lead)
    if m is not None and prep is not None and m.end() >= prep.start():
        return front
    return None


def _without_whens(text: str, start: int, end: int, whens: list[When]) -> str:
    """text[start:end] with the dates in it blanked out."""
    chars = list(text[start:end])
    for w in whens:
        for i in range(max(w.start, start), min(w.end, end)):
            chars[i - start] = " "
    return "".join(chars)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the spaces and separators at its ends."""
    while start < end and text[start] in " \t\u00a0,;:":
        start += 1
    while True:
        while end > start and text[end - 1] in " \t\u00a0,;:.…":
            end -= 1
        tail = _TRAILING.search(text, start, end)
        if tail is None or tail.start() == start:
            break
        end = tail.start()
    # "BN2899 (nhập cảnh ngày 10/4)": a bracket the span opens, it closes.
    if end < len(text) and text[end] == ")" and text.count("(", start, end) > text.count(
            ")", start, end):
        end += 1
    return start, end


def _clause_end(text: str, pos: int, limit: int) -> int:
    """Where the clause that runs on from `pos` ends: at a separator or "và", "rồi"."""
    m = _SEP.search(text, pos, limit)
    end = m.start() if m else limit
    while end > pos and text[end - 1] in " \t\u00a0.…!?\"”'":
        end -= 1
    return max(end, pos)


# ---- subjects -----------------------------------------------------------------------------


def _subjects(doc: _Doc, region: Region, s_start: int,
              kinds: list[str]) -> tuple[list[tuple[Mention, str]], tuple[int, int, str] | None]:
    if kinds == ["meeting"]:
        return _meeting(doc, region)
    if kinds == ["place"]:
        return _place_subject(doc, region), None
    explicit = [m for m in doc.mentions if not m.anaphor and not m.relational
                and m.kind in kinds]
    for lo, hi in ((region.start, region.end), (s_start, region.start)):
        here = [m for m in explicit if lo <= m.start < hi]
        for kind in kinds:
            found = [m for m in here if m.kind == kind]
            if found:
                run = [m for m in found if m.run == found[0].run and m.start == found[0].start]
                return [(m, m.subject) for m in run], None
    for lo, hi in ((region.start, region.cue_start), (s_start, region.start)):
        for m in doc.mentions:
            if m.anaphor and m.kind in kinds and lo <= m.start < hi:
                antecedent = _antecedent(doc, m)
                if antecedent is not None:
                    return [(m, antecedent.subject)], None
    antecedent = _zero_subject(doc, region, s_start, kinds)
    if antecedent is None:
        return [], None
    return [(m, m.subject) for m in _run_of(doc, antecedent)], None


def _antecedent(doc: _Doc, anaphor: Mention) -> Mention | None:
    for m in reversed(doc.mentions):
        if m.start >= anaphor.start or m.anaphor or m.kind != anaphor.kind:
            continue
        if anaphor.short is not None:
            if words_key(m.subject.split()[-1]) == words_key(anaphor.short):
                return m
            continue
        if not m.relational:
            return m
    return None


def _zero_subject(doc: _Doc, region: Region, s_start: int, kinds: list[str]) -> Mention | None:
    """The patient (or group) of the paragraph when the clause opens with a date and the
    cue, with no subject of its own: "BN2899: nam, 30 tuổi. Ngày 28/4 có kết quả dương
    tính"."""
    if not ({"patient", "group"} & set(kinds)):
        return None
    text = doc.text
    lead = _without_whens(text, region.start, region.cue_start, region.whens)
    m = doc.aux["opener"].match(lead)
    if m is None or m.end() != len(lead) or not region.whens:
        return None
    segs = doc.ctx.segments
    paragraph = segs.sentences[segs.sentence_of(region.start)].paragraph
    for mention in reversed(doc.mentions):
        if mention.start >= region.start or mention.anaphor or mention.relational:
            continue
        if segs.sentences[segs.sentence_of(mention.start)].paragraph != paragraph:
            return None
        if mention.kind in ("patient", "group") and mention.kind in kinds:
            return mention
    return None


def _run_of(doc: _Doc, mention: Mention) -> list[Mention]:
    """The mention with the others of its list ("BN3092, BN3093: …" is both patients)."""
    if mention.kind != "patient":
        return [mention]
    return [m for m in doc.mentions if m.kind == "patient" and m.run == mention.run
            and m.start == mention.start and not m.anaphor]


def _meeting(doc: _Doc, region: Region) -> tuple[list[tuple[Mention, str]],
                                                  tuple[int, int, str] | None]:
    meetings = [m for m in doc.mentions if m.kind == "meeting"
                and region.start <= m.start < region.end]
    if not meetings:
        return [], None
    meeting = meetings[0]
    agent: tuple[int, int, str] | None = None
    do = doc.aux["agent_do"].search(doc.text, meeting.start, region.end)
    if do is not None and len(do.group(1)) <= 120:
        agent = (do.start(1), do.end(1), " ".join(do.group(1).split()))
    else:
        chair = [m for m in doc.mentions if m.kind == "person" and not m.anaphor
                 and region.start <= m.start < region.cue_end]
        if chair:
            agent = (chair[-1].start, chair[-1].end, chair[-1].subject)
    return [(meeting, meeting.subject)], agent


def _place_subject(doc: _Doc, region: Region) -> list[tuple[Mention, str]]:
    from checker.extract.event_mentions import place_after

    text = doc.text
    after = re.match(r"\s*(?:tạm thời\s+|toàn bộ\s+)?", text[region.cue_end:region.end])
    place = place_after(text, region.cue_end + (after.end() if after else 0), region.end)
    if place is None:
        place = find_place(text, region.start, region.end)
    if place is None:
        before = re.search(r"((?:[^\W\d_][\w.]*\s+){1,4})$", text[region.start:region.cue_start])
        if before is not None:
            pos = region.start + before.start(1)
            candidate = place_after(text, pos, region.cue_start)
            if candidate is not None and candidate.province:
                place = candidate
    if place is None:
        return []
    return [(Mention("place", place.value, place.start, place.end), place.value)]


# ---- bulletin windows ---------------------------------------------------------------------


def _bulletin(doc: _Doc, s_start: int, s_end: int, whens: list[When]) -> Iterator[RawClaim]:
    counts = [c for c in doc.case_counts if s_start <= c.start < s_end]
    if not counts:
        return
    windows: list[When] = [w for w in whens if w.period and w.period.get("start_time")
                           and w.period.get("end_time")]
    windows += _hour_span(doc, s_start, whens)
    windows += _hours_back(doc, s_start, s_end, whens)
    if not windows:
        return
    window = windows[0]
    window.taken = True
    count = min(counts, key=lambda c: abs(c.start - window.start))
    runs = [m for m in doc.mentions if m.kind == "identifiers" and s_start <= m.start < s_end]
    if runs:
        subject_span, subject = (runs[0].start, runs[0].end), runs[0].subject
    else:
        n = count.value["value"]
        n_text = str(int(n)) if float(n).is_integer() else str(n)
        subject_span, subject = (count.start, count.end), f"{n_text} {count.value['unit']}"
    start, end = _trim(doc.text, min(window.start, count.start, subject_span[0]),
                       _clause_end(doc.text, max(window.end, count.end, subject_span[1]), s_end))
    value = EventValue(event="bulletin-window", subject=subject,
                       period=EventPeriod(**(window.period or {})), anchor=window.anchor)
    yield RawClaim(kind="event", start=start, end=end, value=value.model_dump())


def _hour_span(doc: _Doc, s_start: int, whens: list[When]) -> list[When]:
    """"Từ 6h đến 18h ngày 2/5": a window whose start is an hour of the day its end names
    (or of the day before, when that hour is later than the end's)."""
    out: list[When] = []
    for w in whens:
        if not (w.date and w.time) or w.period:
            continue
        m = doc.aux["from_hour"].search(doc.text, max(s_start, w.start - 24), w.start)
        start_time = parse_clock(m.group(1)) if m else None
        if m is None or start_time is None:
            continue
        day = w.date if start_time < w.time else relative_day(-1, w.date)
        if day is None:
            continue
        period = {"start": day, "start_time": start_time, "end": w.date, "end_time": w.time}
        w.taken = True
        out.append(When(m.start(), w.end, period=period, anchor=w.anchor))
    return out


def _hours_back(doc: _Doc, s_start: int, s_end: int, whens: list[When]) -> list[When]:
    out: list[When] = []
    for m in doc.aux["hours_back"].finditer(doc.text, s_start, s_end):
        hours = int(m.group(1) or m.group(2))
        end_day, end_time, anchor, end = doc.pub_day, doc.pub_time, doc.published, m.end()
        # "trong 12 giờ qua, tính đến 6h sáng nay": the span ends where the text says.
        for w in whens:
            if w.date and w.time and w.start >= m.end() and w.start - m.end() <= 24 and \
                    doc.aux["end_cue"].search(doc.text[m.end():w.start]):
                end_day, end_time, anchor, end = w.date, w.time, w.anchor or doc.published, w.end
                w.taken = True
                break
        window = hours_back(hours, end_day, end_time)
        if window is not None:
            out.append(When(m.start(), end, period=window, anchor=anchor))
    return out


def _dedupe(claims: list[RawClaim]) -> list[RawClaim]:
    seen: set[tuple] = set()
    out: list[RawClaim] = []
    for c in claims:
        key = (c.start, c.end, c.value.get("event"), c.value.get("subject"))
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


__all__ = ["extract"]
