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

from checker.extract import ExtractContext
from checker.extract.event_mentions import (
    Place,
    find_mentions,
    find_place,
    lower_same_length,
    name_goes_on,
    place_after,
)
from checker.extract.event_parts import (
    SEP,
    EventDoc,
    Region,
    When,
    aux_patterns,
    clause_end,
    trim,
    without_whens,
)
from checker.extract.event_subjects import find_subjects
from checker.extract.event_windows import bulletin
from checker.models import EventValue, RawClaim
from checker.models.claim import EventPeriod
from checker.normalise.events import (
    EventsLexicon,
    derived,
    events_lexicon,
    phrase_pattern,
    place_key,
    words_key,
)
from checker.text import fold


def _cue_pattern(lex: EventsLexicon) -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern of every cue, and cue -> type. It runs on the lower-cased text (a
    case-insensitive alternation this long is slow)."""
    by_key: dict[str, str] = {}
    for name, t in lex.types.items():
        for cue in t.cues:
            by_key.setdefault(words_key(cue), name)
    for name, t in lex.types.items():
        for cue in t.cues:
            if len(cue.split()) >= 2:
                by_key.setdefault(fold(words_key(cue)), name)
    return re.compile(r"(?<!\w)(?:" + phrase_pattern(list(by_key)) + r")(?!\w)"), by_key


def _find_cues(lowered: str, body: int) -> list[tuple[int, int, str]]:
    cue_re, by_key = derived("cues", _cue_pattern)
    out: list[tuple[int, int, str]] = []
    for m in cue_re.finditer(lowered, body):
        cue = (m.start(), m.end(), by_key.get(words_key(m.group(0)), ""))
        if out and out[-1][2] != cue[2] and not lowered[out[-1][1]:cue[0]].strip():
            # "lấy mẫu xét nghiệm âm tính": the result the sampling gave is the event.
            out.pop()
        out.append(cue)
    return out


def extract(ctx: ExtractContext) -> Iterable[RawClaim]:
    """Event claims of the body of `ctx.text` (NFC offsets)."""
    lex = events_lexicon()
    text, body = ctx.text, ctx.body_start
    aux = derived("aux", aux_patterns)
    lowered = lower_same_length(text)
    cues = _find_cues(lowered, body)
    whens_found = [r for r in ctx.found if r.kind in ("date", "period") and r.start >= body]
    timed = any(r.value.get("time") or (r.value.get("start_time") and r.value.get("end_time"))
                for r in whens_found)
    hours_back = [m.end() for m in aux["hours_back"].finditer(text, body)
                  ] if aux["hours_gate"].search(lowered, body) else []
    if not cues and not timed and not hours_back:
        return []
    reach = _reach(ctx, cues, whens_found, hours_back)
    mentions = find_mentions(text, body, ctx.found, lowered, reach)
    doc = EventDoc(ctx, lex, aux, mentions, whens_found)
    out: list[RawClaim] = []
    by_sentence: dict[int, list[tuple[int, int, str]]] = {}
    for cue in cues:
        if cue[2] and not _denied(text, cue[0], ctx, aux):
            by_sentence.setdefault(ctx.segments.sentence_of(cue[0]), []).append(cue)
    doc.cue_sentences = {ctx.segments.sentence_of(c[0]) for c in cues}
    opening: dict[int, When | None] = {}  # paragraph -> the date it opens with
    for index, sentence in enumerate(ctx.segments.sentences):
        if sentence.end <= body:
            continue
        if sentence.start >= reach:
            break
        whens = doc.whens_in(sentence.start, sentence.end)
        out.extend(bulletin(doc, sentence.start, sentence.end, whens))
        first = sentence.paragraph not in opening
        if index in by_sentence:
            lent = None
            if not first and not whens and not aux["time_shift"].match(text, sentence.start):
                lent = opening.get(sentence.paragraph)
            out.extend(_sentence_events(doc, sentence.start, sentence.end, by_sentence[index],
                                        whens, lent))
        if first:
            opening[sentence.paragraph] = _opening_when(doc, sentence.start, whens)
    return _dedupe(out)


def _reach(ctx: ExtractContext, cues: list[tuple[int, int, str]], whens: list[RawClaim],
           hours_back: list[int]) -> int:
    """The end of the last sentence an event can be read from (one with a cue, a clock-timed
    window or hours counted back): no subject is looked for after it. Most articles tell
    their events in the first paragraphs."""
    last = [c[1] for c in cues] + hours_back + [
        r.end for r in whens if r.value.get("time") or r.value.get("start_time")]
    if not last:
        return ctx.body_start
    segs = ctx.segments
    if not segs.sentences:
        return len(ctx.text)
    return max(segs.sentences[segs.sentence_of(max(last) - 1)].end, max(last))


def _opening_when(doc: EventDoc, s_start: int, whens: list[When]) -> When | None:
    """The day a paragraph's first sentence opens with ("Ngày 20/9, …"), to lend on."""
    if not whens or whens[0].period is not None or not whens[0].date:
        return None
    first = whens[0]
    if doc.text[s_start:first.start].strip(" \t,") and not doc.aux["opener"].fullmatch(
            without_whens(doc.text, s_start, first.start, [first])):
        return None
    if not doc.text[first.end:first.end + 2].lstrip(" ").startswith(","):
        return None
    return When(first.start, first.end, date=first.date, time=first.time,
                anchor=first.anchor, carried=True)


def _denied(text: str, pos: int, ctx: ExtractContext, aux: dict) -> bool:
    s = ctx.segments.sentences[ctx.segments.sentence_of(pos)] if ctx.segments.sentences else None
    lo = max(s.start if s else 0, pos - 24)
    return bool(aux["negation"].search(text[lo:pos]) or aux["status"].search(text[lo:pos]))


# ---- regions ------------------------------------------------------------------------------


def _regions(doc: EventDoc, s_start: int, s_end: int, cues: list[tuple[int, int, str]],
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
        if _COORDINATED.fullmatch(gap):
            a.joined = b
        # "phường Quan Hoa, quận Cầu Giấy": a comma inside an address is no clause's end.
        seps = [m for m in SEP.finditer(gap)
                if not doc.aux["address_comma"].match(gap, m.start())]
        # A semicolon ends a clause more surely than any comma after it ("xác nhận mắc
        # COVID-19; trước đó, ngày 12/5, bệnh nhân có kết quả dương tính").
        strong = [m for m in seps if m.group(0) == ";"]
        cut = strong[0] if strong else seps[-1] if seps else None
        bound = a.cue_end + cut.end() if cut else b.cue_start
        a.end, b.start = bound, bound
    return merged


_COORDINATED = re.compile(r"\s*(?:,|và|and|,\s*và)?\s*(?:bị can,?\s*)?(?:và\s+)?",
                         re.IGNORECASE)


def _listed_after(text: str, best: When, own: list[When]) -> list[When]:
    """The days listed after the one a cue took ("âm tính các ngày 8/4, 12/4 và 21/4"): one
    event each."""
    chain: list[When] = []
    last = best
    for w in sorted(own, key=lambda w: w.start):
        if w.start < last.end or w.taken:
            continue
        if w.period is not None or best.period is not None or \
                not _LIST_GAP.fullmatch(text[last.end:w.start]):
            break
        w.taken = True
        chain.append(w)
        last = w
    return chain


_LIST_GAP = re.compile(r"\s*(?:,|;|và|and|,\s*và)\s*(?:ngày\s+)?", re.IGNORECASE)


def _assign(text: str, regions: list[Region], whens: list[When]) -> None:
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
            region.whens = [best, *_listed_after(text, best, own)]
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


def _sentence_events(doc: EventDoc, s_start: int, s_end: int, cues: list[tuple[int, int, str]],
                     whens: list[When], lent: When | None = None) -> Iterator[RawClaim]:
    whens = [w for w in whens if not w.taken and not _in_a_name(doc, w)]
    whens = _without_report_dates(doc, whens, cues)
    regions = _regions(doc, s_start, s_end, cues, whens)
    _assign(doc.text, regions, whens)
    _share_fronted(doc, regions, whens, s_start)
    for region in regions:
        # Verbs of one object share one time: "khởi tố bị can, bắt tạm giam … ngày 18/6".
        other = region.joined
        if other is not None and bool(region.whens) != bool(other.whens):
            region.whens = other.whens = region.whens or other.whens
    if lent is not None:
        for region in regions:
            region.whens = region.whens or [lent]
    for region in regions:
        yield from _region_events(doc, region, s_start)


def _in_a_name(doc: EventDoc, w: When) -> bool:
    """A year or month inside a meeting's name ("hội nghị tổng kết công tác y tế năm 2022",
    "họp báo Chính phủ thường kỳ tháng 6/2023") is what the meeting reviews, not when it
    met; the name may stop inside it."""
    return any(m.start <= w.start < m.end and (
        w.end <= m.end or (w.date is not None and len(w.date) <= 7)) for m in doc.meetings)


def _without_report_dates(doc: EventDoc, whens: list[When],
                          cues: list[tuple[int, int, str]]) -> list[When]:
    """Drop the dates that belong to a report rather than to its events: a date followed
    by a reporting verb that comes before the first cue ("Bộ Y tế ngày 29/4 thông báo 5
    người … đã dương tính")."""
    if not whens or not cues:
        return whens
    first_cue = cues[0][0]
    out: list[When] = []
    for w in whens:
        if w.end <= first_cue:
            verb = doc.aux["report_verb"].search(doc.text, w.end, first_cue)
            if verb is not None and not any(x.start >= w.end and x.end <= verb.start()
                                            for x in whens):
                continue
        out.append(w)
    return out


def _share_fronted(doc: EventDoc, regions: list[Region], whens: list[When],
                   s_start: int) -> None:
    """A date that opens the sentence ("Ngày 28/4, anh được đưa đi lấy mẫu và có kết quả
    dương tính") dates every event of it that has no date of its own."""
    if not whens or not regions:
        return
    first = whens[0]
    if first.end > regions[0].cue_start or first.period is not None:
        return
    lead = without_whens(doc.text, s_start, first.start, [first])
    if lead.strip(" \t,") and not doc.aux["opener"].fullmatch(lead):
        return
    if not doc.text[first.end:first.end + 2].lstrip(" ").startswith(","):
        return
    for region in regions:
        if not region.whens:
            region.whens = [first]


def _region_events(doc: EventDoc, region: Region, s_start: int) -> Iterator[RawClaim]:
    etype = doc.lex.types.get(region.event)
    if etype is None:
        return
    text = doc.text
    subjects, agent = find_subjects(doc, region, s_start, etype.subjects)
    joined = region.joined
    while not subjects and joined is not None:
        subjects, agent = find_subjects(doc, joined, s_start, etype.subjects)
        joined = joined.joined
    if not subjects:
        return
    when = region.whens[0] if region.whens else None
    place = _event_place(doc, region)
    if place is None and etype.place_nearby:
        place = _nearby_place(doc, region)
    if place is None and etype.place_from_agency:
        place = _agency_place(doc, region)
    if place is not None and any(m.start <= place.start < m.end for m, _ in subjects
                                 if m.kind == "meeting"):
        place = None  # "Hội nghị … tại Hà Nội" inside the meeting's own name stays a name
    if when is None and place is None:
        return
    parts = [region.cues[0], *region.cues]
    parts += [(m.start, m.end) for m, _ in subjects if region.start <= m.start < region.end]
    if agent is not None and region.start <= agent[0] < region.end:
        parts.append(agent[:2])
    if when is not None and not when.carried:
        parts.append((when.start, when.end))
    if place is not None and place.start >= 0:
        parts.append((place.start, place.end))
    start, end = trim(text, min(p[0] for p in parts),
                       clause_end(text, max(p[1] for p in parts), region.end))
    if doc.aux["future"].search(text, min(start, region.start), end):
        return
    excluded = doc.aux["excluded"].get(region.event)
    near_end = min(region.end, clause_end(text, region.cue_end, region.end) + 12)
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
    spans = [(when, start, end)]
    for more in region.whens[1:]:
        spans.append((more, start, max(end, clause_end(text, more.end, region.end))))
    for this, first, last in spans:
        for _, subject in subjects:
            value = EventValue(
                event=event, subject=subject, place=place.value if place else None,
                agent=agent[2] if agent else None,
            )
            if this is not None:
                value.anchor = this.anchor
                if this.period:
                    value.period = EventPeriod(**this.period)
                else:
                    value.date, value.time = this.date, this.time
                    if this.time is None and len(spans) == 1:
                        value.time = _bare_clock(doc, region)
            yield RawClaim(kind="event", start=first, end=last,
                           value=value.model_dump(exclude_none=False))


def _agency_place(doc: EventDoc, region: Region) -> Place | None:
    """The province of the body that acts, named before the cue ("Công an tỉnh Sơn La bắt
    giữ …", "Police in Dien Bien province arrested …")."""
    text = doc.text
    for m in doc.aux["agency"].finditer(text, region.start, region.cue_start):
        run = text[m.end():m.end() + 60].split()[:4]
        for n in range(len(run), 0, -1):
            if not all(w[:1].isupper() for w in run[:n]):
                continue
            province = place_key(" ".join(run[:n]).rstrip(",.;:()"))
            if province:
                return Place(province, m.start(), m.end() + len(" ".join(run[:n])), True)
    return None


_BARE_CLOCK = re.compile(r"(?<!\w)(?:vào\s+)?(?:lúc|at)\s+(\d{1,2})\s*(?:h|giờ)(?:\s*(\d{2}))?"
                         r"(?![\w/])", re.IGNORECASE)


def _bare_clock(doc: EventDoc, region: Region) -> str | None:
    """A clock time told apart from the day ("Chiều 1/7, … chủ trì họp báo … lúc 16h"): one
    in the cue's region that belongs to no date."""
    found = [m for m in _BARE_CLOCK.finditer(doc.text, region.start, region.end)
             if not any(w.start <= m.start(1) < w.end for w in doc.raw_whens)]
    if len(found) != 1:
        return None
    hour, minute = int(found[0].group(1)), int(found[0].group(2) or 0)
    return f"{hour:02d}:{minute:02d}" if hour < 24 and minute < 60 else None


def _event_place(doc: EventDoc, region: Region) -> Place | None:
    """The place of the event: after its cue ("có kết quả dương tính tại Hà Nam"), or fronted
    at the opening of the clause ("Tại Hà Nam, ngày 28/4, …"). A place between the subject
    and the cue describes the subject ("BN2899, ở Hà Nam, nhập cảnh …") and is not taken."""
    text = doc.text
    # The clause of the cue, and the ones after it that open with "tại"/"ở"; not a later
    # clause that tells what came next ("hoàn thành cách ly, về khách sạn ở TP Phủ Lý").
    end = clause_end(text, region.cue_end, region.end)
    while end < region.end:
        sep = SEP.match(text, end)
        nxt = sep.end() if sep else end + 1
        # "…, tỉnh Vĩnh Phúc": the address goes on after the comma.
        if not (doc.aux["place_lead"].match(text, nxt)
                or doc.aux["address_comma"].match(text, end)):
            break
        end = clause_end(text, nxt, region.end)
    place = find_place(text, region.cue_start, end)
    if place is not None:
        return place
    etype = doc.lex.types.get(region.event)
    if etype is not None and etype.place_object:
        gap = re.match(r"\s*", text[region.cue_end:end])
        place = place_after(text, region.cue_end + (gap.end() if gap else 0), end, named=True)
        if place is not None and place.value and not place.province:
            end_of_name = name_goes_on(text, place.end, end)
            return Place(" ".join(text[place.start:end_of_name].split()), place.start,
                         end_of_name, False)
        if place is not None and place.value:
            return place
    front = find_place(doc.text, region.start, region.cue_start)
    if front is None:
        return None
    lead = without_whens(doc.text, region.start, front.start, region.whens)
    m = doc.aux["opener"].match(lead)
    prep = re.search(r"\w+\s*$", lead)
    if m is not None and prep is not None and m.end() >= prep.start():
        return front
    return None


def _nearby_place(doc: EventDoc, region: Region) -> Place | None:
    """The place told in the next sentence of the paragraph when that sentence states no
    event of its own ("… được cách ly tập trung từ 9/4 đến 23/4. Nơi cách ly là một khách
    sạn ở TP Yên Bái"), else the one the title gives with the same cue ("… cách ly tại Yên
    Bái"). A place from the title has no span in the body and only fills the value."""
    segs = doc.ctx.segments
    index = segs.sentence_of(region.cue_start)
    if index + 1 < len(segs.sentences):
        here, nxt = segs.sentences[index], segs.sentences[index + 1]
        if nxt.paragraph == here.paragraph and index + 1 not in doc.cue_sentences:
            place = find_place(doc.text, nxt.start, nxt.end)
            if place is not None and place.province:
                return Place(place.value, -1, -1, True)
    title = doc.ctx.doc.meta.title
    if title:
        cue = doc.text[region.cue_start:region.cue_end]
        low = lower_same_length(title)
        at = low.find(lower_same_length(cue))
        if at >= 0:
            place = find_place(title, at, len(title))
            if place is not None and place.province:
                return Place(place.value, -1, -1, True)
        # "Yên Bái: Một người nhập cảnh dương tính …": a title labelled with its province.
        label = _TITLE_LABEL.match(title)
        province = place_key(label.group(1)) if label else None
        if province:
            return Place(province, -1, -1, True)
    return None


_TITLE_LABEL = re.compile(r"\s*([^\W\d_][^:–\-\n]{1,30}?)\s*[:–-]\s")


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
