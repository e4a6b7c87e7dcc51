"""Words with offsets, and lexicon phrases matched word by word.

The role and attribution readers work on words rather than characters: a lexicon phrase
("Thứ trưởng", "phòng, chống", "cho biết") matches a run of words whose keys (lower case, tone
marks placed one way) equal the phrase's, so "Đại uý" finds "Đại úy" and "ĐẠI TÁ" finds "Đại tá"."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from checker.normalise.names import syllable_key

# A word: letters and digits, kept whole across inner dots, hyphens, apostrophes and
# ampersands ("TP.HCM", "COVID-19", "GD&ĐT"). Anything else that is not a space is one mark.
_TOKEN = re.compile(r"[^\W_]+(?:[.\-'’&][^\W_]+)*|[^\w\s]")


class Token(NamedTuple):
    text: str
    start: int
    end: int
    key: str
    word: bool  # letters/digits, not punctuation
    cap: bool  # a word that starts with a capital letter

    @property
    def acronym(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) > 1 and all(c.isupper() for c in letters)

    @property
    def alpha(self) -> bool:
        return self.word and all(c.isalpha() or c in "'’" for c in self.text)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    end = len(text) if end is None else end
    out: list[Token] = []
    for m in _TOKEN.finditer(text, start, end):
        s = m.group(0)
        if s[0].isalnum():
            out.append(Token(s, m.start(), m.end(), syllable_key(s), True, s[0].isupper()))
        else:
            out.append(Token(s, m.start(), m.end(), s, False, False))
    return out


@dataclass(frozen=True, slots=True)
class Match:
    start: int  # token index
    end: int  # token index after the match
    phrase: str  # the lexicon entry


class PhraseSet:
    """Lexicon phrases, found longest first at a token position."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase in phrases:
            keys = tuple(t.key for t in tokenize(phrase))
            if keys:
                self._by_first.setdefault(keys[0], []).append((keys, phrase))
        for entries in self._by_first.values():
            entries.sort(key=lambda e: -len(e[0]))

    def match(self, tokens: list[Token], i: int, *, cap: bool = False) -> Match | None:
        """The longest phrase starting at token i (its first word capitalised if `cap`)."""
        if i >= len(tokens) or (cap and not tokens[i].cap):
            return None
        for keys, phrase in self._by_first.get(tokens[i].key, ()):
            j = i + len(keys)
            if j <= len(tokens) and all(tokens[i + k].key == keys[k] for k in range(len(keys))):
                return Match(i, j, phrase)
        return None

    def first_keys(self) -> set[str]:
        return set(self._by_first)

    def starts(self, tokens: list[Token], i: int) -> bool:
        return self.match(tokens, i) is not None


def span_text(text: str, tokens: list[Token], i: int, j: int) -> str:
    """The text of tokens i..j-1 as written, with runs of white space made single spaces."""
    if i >= j:
        return ""
    return " ".join(text[tokens[i].start : tokens[j - 1].end].split())
