"""Bulletin windows: a window with clock times ("từ 18h ngày 28/4 đến 18h ngày 29/4", "từ 6h
đến 18h ngày 2/5") or hours back from the publication ("trong 12 giờ qua", "tính đến 6h sáng
nay") in a sentence that counts cases. The subject is the range or list of codes the sentence
gives, else the count ("45 ca")."""

from __future__ import annotations

from collections.abc import Iterator

from checker.extract.event_parts import EventDoc, When, clause_end, trim
from checker.models import EventValue, RawClaim
from checker.models.claim import EventPeriod
from checker.normalise.dates import parse_clock, relative_day
from checker.normalise.events import hours_back


def bulletin(doc: EventDoc, s_start: int, s_end: int, whens: list[When]) -> Iterator[RawClaim]:
    counts = doc.case_counts_in(s_start, s_end)
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
    start, end = trim(doc.text, min(window.start, count.start, subject_span[0]),
                       clause_end(doc.text, max(window.end, count.end, subject_span[1]), s_end))
    value = EventValue(event="bulletin-window", subject=subject,
                       period=EventPeriod(**(window.period or {})), anchor=window.anchor)
    yield RawClaim(kind="event", start=start, end=end, value=value.model_dump())


def _hour_span(doc: EventDoc, s_start: int, whens: list[When]) -> list[When]:
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


def _hours_back(doc: EventDoc, s_start: int, s_end: int, whens: list[When]) -> list[When]:
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
