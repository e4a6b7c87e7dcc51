"""Whether a mention of a person speaks of the past: its sentence says so before it ("khi
đó", "lúc bấy giờ", "at the time"), or opens with a date well before the document's publication
("Năm 2015, Đại tá …"). A rank or post given then is not what the person holds now."""

from __future__ import annotations

import datetime as dt
import functools
import re

from checker import lexicon
from checker.extract import ExtractContext
from checker.extract.count_found import sentence_of
from checker.normalise.dates import date_range
from checker.text import nfc

_FRAME_WORDS = {"", "vào", "từ", "hồi", "trước đó", "cuối", "đầu", "giữa", "in", "on"}
# A sentence dated this many days before publication tells of an earlier time.
_EARLIER_DAYS = 180


@functools.cache
def _past_pattern() -> re.Pattern[str]:
    cues = (lexicon.load("tense") or {}).get("past_cues", [])
    words = sorted((re.escape(nfc(str(c)).casefold()) for c in cues), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(words or ["(?!)"]) + r")(?!\w)")


def in_the_past(ctx: ExtractContext, offset: int) -> bool:
    sentences = ctx.segments.sentences
    if not sentences:
        return False
    sent = sentences[sentence_of(sentences, offset)]
    if _past_pattern().search(ctx.text[sent.start:offset].casefold()):
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
