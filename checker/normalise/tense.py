"""Whether a sentence looks ahead (plans, terms, forecasts) rather than reports the past."""

from __future__ import annotations

import functools
import re

from checker import lexicon
from checker.text import nfc


@functools.cache
def _pattern(key: str) -> re.Pattern[str]:
    cues = (lexicon.load("tense") or {}).get(key, [])
    words = sorted((re.escape(nfc(str(c)).casefold()) for c in cues), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(words or ["(?!)"]) + r")(?!\w)")


def looks_ahead(sentence: str) -> bool:
    return bool(_pattern("future_cues").search(nfc(sentence).casefold()))


def looks_back(text: str) -> bool:
    """Whether the text sets itself in an earlier time ("khi đó", "lúc bấy giờ")."""
    return bool(_pattern("past_cues").search(nfc(text).casefold()))


@functools.cache
def _start_pattern() -> re.Pattern[str]:
    cues = (lexicon.load("tense") or {}).get("start_cues", [])
    words = sorted((re.escape(nfc(str(c)).casefold()) for c in cues), key=len, reverse=True)
    # The cue, then what may stand between it and the day: a clock time, a weekday, "ngày".
    return re.compile(r"(?<!\w)(?:" + "|".join(words or ["(?!)"]) + r")\s+"
                      r"(?:\d{1,2}\s*(?:h|giờ)(?:\s*\d{2})?\s*,?\s*)?"
                      r"(?:(?:sáng|trưa|chiều|tối|đêm)\s+)?"
                      r"(?:(?:thứ\s+\w+|chủ\s+nhật)\s*,?\s*)?(?:ngày\s*)?$")


def starts_at(before: str) -> bool:
    """Whether the words before a date make it the start of something ("từ 0h thứ Tư,
    ngày 5/5/2021, thành phố tạm dừng …"): a measure announced before it takes effect."""
    return bool(_start_pattern().search(nfc(before).casefold()))
