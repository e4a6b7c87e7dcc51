"""Whether a sentence looks ahead (plans, terms, forecasts) rather than reports the past."""

from __future__ import annotations

import functools
import re

from checker import lexicon
from checker.text import nfc


@functools.cache
def _future_pattern() -> re.Pattern[str]:
    cues = (lexicon.load("tense") or {}).get("future_cues", [])
    words = sorted((re.escape(nfc(str(c)).casefold()) for c in cues), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(words or ["(?!)"]) + r")(?!\w)")


def looks_ahead(sentence: str) -> bool:
    return bool(_future_pattern().search(nfc(sentence).casefold()))
