"""What the count reader and its context reader share: a count being read (`Found`) and the
two lookups both make, the lexicon phrase before an offset and the sentence of an offset."""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from checker.extract.count_lexicon import CountLexicon
from checker.models import Segment
from checker.normalise.numbers import to_plain


@dataclass
class Found:
    """One count while it is being read: span, number, unit and context."""

    start: int
    end: int
    num_start: int
    unit_start: int
    unit_end: int
    unit: str
    value: Decimal | None
    step: Decimal
    qualifier: str = "exact"
    min: Decimal | None = None
    max: Decimal | None = None
    subject: str = ""
    subject_end: int = 0
    action: str | None = None
    place: str | None = None
    members: int | None = None
    group: str | None = None
    part_of: str | None = None
    listing: str | None = None
    since: str | None = None
    until: str | None = None
    extra: dict = field(default_factory=dict)

    def value_dict(self) -> dict:
        def num(x: Decimal | None) -> int | float | None:
            return None if x is None else to_plain(x)

        return {
            "value": num(self.value), "min": num(self.min), "max": num(self.max),
            "qualifier": self.qualifier, "unit": self.unit, "subject": self.subject,
            "members": self.members, "step": num(self.step) if self.step else None,
            "action": self.action, "place": self.place, "group": self.group,
            "part_of": self.part_of, "listing": self.listing,
            "since": self.since, "until": self.until,
        }


def phrase_before(
    text: str, s: int, phrases: Container[str], max_words: int = 4
) -> tuple[str, int] | None:
    """The longest of `phrases` (lower case) that the words right before offset s make, and
    where it starts; words must be separated from s and each other by spaces only."""
    if s == 0 or text[s - 1] not in " \t":
        return None
    lo = max(0, s - 12 * max_words)
    window = text[lo:s].rstrip(" \t")
    words = window.split()
    if lo > 0 and words and not text[lo - 1].isspace() and len(words) > max_words:
        words = words[1:]
    best = None
    pos = len(window)
    phrase = ""
    for word in reversed(words[-max_words:]):
        if not word.isalnum() and not _WORDISH.fullmatch(word):
            break
        pos = window.rfind(word, 0, pos)
        phrase = f"{word.lower()} {phrase}" if phrase else word.lower()
        if phrase in phrases:
            best = (phrase, lo + pos)
    return best


_WORDISH = re.compile(r"[\w.\-]+")


def sentence_of(sentences: Sequence[Segment], offset: int) -> int:
    lo, hi = 0, len(sentences) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if offset < sentences[mid].start:
            hi = mid - 1
        elif offset >= sentences[mid].end:
            lo = mid + 1
        else:
            return mid
    return max(0, min(lo, len(sentences) - 1))


_THOUSANDS = re.compile(r"\d{1,3}(?:[.,]\d{3})+")


def regroup_whole(
    token: str, value: Decimal, step: Decimal, unit: str, lex: CountLexicon
) -> tuple[Decimal, Decimal]:
    """People, cases and things are whole: "2,516 người" groups thousands even in a document
    whose other numbers use the comma as a decimal point."""
    if step and unit in lex.whole_units and _THOUSANDS.fullmatch(token):
        return Decimal(token.replace(",", "").replace(".", "")), Decimal(0)
    return value, step
