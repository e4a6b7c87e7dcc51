"""Person and organisation names: keys for identity and a comparison that forgives typing slips.

A name key is the name in NFC, lower case, with single spaces and each syllable's tone mark
placed by one fixed convention, so "Hoà"/"Hòa" and "Đại uý"/"Đại úy" share a key.

Two names are the same person when their keys are equal, or when they differ by one typing
slip: a whole name typed without diacritics ("Nguyen Van Son"), or one doubled or dropped
repeated letter ("Nguyễn Văn Sơnn"). Any other difference makes two people, even a single
letter or diacritic, because Vietnamese given names differ by exactly that: Hùng and Hưng,
Lan and Loan, Sơn and Sang. Pure functions, never raise."""

from __future__ import annotations

import functools
import re
import unicodedata

from rapidfuzz.distance import Levenshtein

from checker.normalise import aliases
from checker.text import fold

# Combining marks for the five tones; the others (breve, circumflex, horn) are vowel letters.
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_VOWELS = set("aăâeêioôơuưy")
_QUALITY = set("ăâêôơư")
_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=1 << 14)
def name_key(name: str) -> str:
    """The identity key of a name: NFC, case-folded, one space between syllables, tone marks
    placed canonically. Idempotent. Cached: running text repeats a small vocabulary."""
    try:
        text = unicodedata.normalize("NFC", str(name)).casefold()
        return " ".join(_canonical_syllable(s) for s in _SPACES.split(text.strip()) if s)
    except Exception:  # a key must never stop a run
        return str(name)


def syllable_key(syllable: str) -> str:
    """name_key of one word; used to match lexicon phrases syllable by syllable."""
    return name_key(syllable)


def _canonical_syllable(syl: str) -> str:
    decomposed = unicodedata.normalize("NFD", syl)
    tone = ""
    base_chars: list[str] = []
    for ch in decomposed:
        if ch in _TONES:
            tone = tone or ch
        else:
            base_chars.append(ch)
    base = unicodedata.normalize("NFC", "".join(base_chars))
    if not tone:
        return base
    pos = _tone_position(base)
    if pos is None:
        return unicodedata.normalize("NFC", decomposed)
    return unicodedata.normalize("NFC", base[: pos + 1] + tone + base[pos + 1 :])


def _tone_position(base: str) -> int | None:
    """Index of the vowel that carries the tone in a toneless syllable (new-style placement:
    hoà, thuỷ). None when the word has no vowel or is not one syllable."""
    idx = [i for i, ch in enumerate(base) if ch in _VOWELS]
    if not idx:
        return None
    # The vowel cluster is the first run of consecutive vowels.
    first = idx[0]
    last = first
    while last + 1 < len(base) and base[last + 1] in _VOWELS:
        last += 1
    # "qu" and "gi" (before another vowel) belong to the onset.
    if first > 0 and base[first] == "u" and base[first - 1] == "q" and last > first:
        first += 1
    elif (
        first > 0 and base[first] == "i" and base[first - 1] == "g" and first == 1
        and last > first
    ):
        first += 1
    cluster = range(first, last + 1)
    marked = [i for i in cluster if base[i] in _QUALITY]
    if marked:
        return marked[-1]
    closed = last + 1 < len(base)
    size = last - first + 1
    if size == 1 or closed:
        return last
    if size >= 3:
        return first + 1
    pair = base[first : last + 1]
    if pair in ("oa", "oe", "uy"):
        return last
    return first


def has_diacritics(name: str) -> bool:
    try:
        return fold(name) != unicodedata.normalize("NFC", name).casefold()
    except Exception:
        return True


@functools.lru_cache(maxsize=1 << 14)
def same_person(a: str, b: str) -> bool:
    """Whether two written names name the same person (see the module docstring)."""
    try:
        ka, kb = name_key(a), name_key(b)
        if ka == kb:
            return True
        if len(ka.split()) != len(kb.split()) or not ka or not kb:
            return False
        if not has_diacritics(a) or not has_diacritics(b):
            ka, kb = fold(ka), fold(kb)
            if ka == kb:
                return True
        # A doubled key press: cheap filter on the folded forms, then the exact test.
        if Levenshtein.distance(fold(ka), fold(kb)) > 1:
            return False
        return _one_doubled_letter(ka, kb)
    except Exception:
        return False


def _one_doubled_letter(a: str, b: str) -> bool:
    """Whether removing one letter that repeats its neighbour from the longer key gives the
    shorter."""
    if abs(len(a) - len(b)) != 1:
        return False
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    target = name_key(shorter)
    letters = fold(longer)  # same length as the NFC key: one base letter per character
    if len(letters) != len(longer):
        return False
    for i in range(1, len(longer)):
        if letters[i].isalpha() and letters[i] == letters[i - 1]:
            for drop in (i, i - 1):
                if name_key(longer[:drop] + longer[drop + 1 :]) == target:
                    return True
    return False


@functools.lru_cache(maxsize=1 << 12)
def org_key(name: str) -> str:
    """Identity key of an organisation: aliases resolved ("BCA" -> "Bộ Công an", by the
    project's alias table), then name_key; dashes and commas are spacing."""
    try:
        # Dashes are spacing both before the alias lookup (so "Bộ-Công an" finds its alias)
        # and after it (so the key is a fixed point: org_key(org_key(x)) == org_key(x)).
        spaced = re.sub(r"[,\-–—]+", " ", unicodedata.normalize("NFC", str(name)))
        return name_key(re.sub(r"[,\-–—]+", " ", aliases.resolve(spaced)))
    except Exception:
        return str(name)


def same_organisation(a: str, b: str) -> bool:
    """Whether two organisation names can name one body: equal keys, or one is the other
    with more detail ("Sở Y tế" and "Sở Y tế Hà Nội")."""
    ka, kb = org_key(a), org_key(b)
    if ka == kb:
        return True
    short, long_ = sorted((ka, kb), key=len)
    return bool(short) and (long_.startswith(short + " ") or long_.endswith(" " + short))
