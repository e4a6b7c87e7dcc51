"""Whether a mention of a person speaks of the past: its sentence says so before it ("khi
đó", "lúc bấy giờ", "at the time"), or opens with a date well before the document's publication
("Năm 2015, Đại tá …"). A rank or post given then is not what the person holds now."""

from __future__ import annotations

import datetime as dt

from checker.extract import ExtractContext
from checker.extract.count_found import sentence_of
from checker.normalise.dates import date_range
from checker.normalise.tense import looks_back

_FRAME_WORDS = {"", "vào", "từ", "hồi", "trước đó", "cuối", "đầu", "giữa", "in", "on"}
# A sentence dated this many days before publication tells of an earlier time.
_EARLIER_DAYS = 180


def in_the_past(ctx: ExtractContext, offset: int) -> bool:
    sentences = ctx.segments.sentences
    if not sentences:
        return False
    sent = sentences[sentence_of(sentences, offset)]
    if looks_back(ctx.text[sent.start:offset]):
        return True
    published = date_range((ctx.published or "").split("T")[0])
    if published is None:
        return False
    for c in ctx.found:
        if c.kind not in ("date", "period") or not sent.start <= c.start < offset:
            continue
        lead = ctx.text[sent.start:c.start].strip(" \t\"“").casefold()
        if lead not in _FRAME_WORDS or not ctx.text[c.end:c.end + 2].lstrip(" ").startswith(","):
            continue  # only a date that opens the sentence frames it ("Năm 2015, …")
        last = c.value.get("end") if c.kind == "period" else c.value.get("date")
        span = date_range(str(last)) if last else None
        if span and published[0] - span[1] > dt.timedelta(days=_EARLIER_DAYS):
            return True
    return False
