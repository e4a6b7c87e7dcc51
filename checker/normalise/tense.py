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
