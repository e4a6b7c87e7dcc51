"""Names that mean the same thing, and the keys counts, places and names are compared by.

The tables are lexicon data (checker/lexicon/aliases.yaml), extended by users' own files.
Every function here is pure given the loaded lexicon, and never raises on any text."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict, Field

from checker import lexicon


class AliasTable(BaseModel):
    model_config = ConfigDict(extra="forbid")

    names: dict[str, list[str]] = Field(default_factory=dict)
    subject_words: dict[str, list[str]] = Field(default_factory=dict)
    place_prefixes: list[str] = Field(default_factory=list)


_SPACES = re.compile(r"\s+")
_AROUND = re.compile(r"\s*([-–.])\s*")
_EDGE_PUNCT = re.compile(r"^[\s,;:.()\"“”'‘’-]+|[\s,;:()\"“”'‘’-]+$")
_WORD_PUNCT = re.compile(r"[,;:()\"“”'‘’…!?]|(?<!\w)[.-]|[.-](?!\w)")


def name_key(text: str) -> str:
    """Lower case NFC with the spacing of hyphens and dots and runs of spaces evened out:
    "COVID -19" and "Covid-19" give "covid-19", "TP. HCM" and "TP.HCM" give "tp.hcm"."""
    s = unicodedata.normalize("NFC", text).casefold()
    s = _AROUND.sub(lambda m: "-" if m.group(1) == "–" else m.group(1), s)
    return _SPACES.sub(" ", s).strip()


@dataclass(frozen=True)
class _Compiled:
    names: re.Pattern[str] | None
    name_end: re.Pattern[str] | None
    name_map: dict[str, str]
    words: re.Pattern[str] | None
    word_map: dict[str, str]
    prefixes: tuple[str, ...]
    # subject_key's answers for this table: checks ask for the same few subjects again
    # and again over an archive.
    subject_keys: dict[tuple[str, frozenset[str]], str] = field(default_factory=dict)


def _alternation(keys: list[str]) -> re.Pattern[str] | None:
    if not keys:
        return None
    body = "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])")


def _table_of(mapping: dict[str, list[str]]) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    out: dict[str, str] = {}
    for canonical, variants in mapping.items():
        target = name_key(canonical)
        for form in [canonical, *(variants or [])]:
            out.setdefault(name_key(str(form)), target)
    return _alternation(list(out)), out


_cache: dict[int, _Compiled] = {}


def _compiled() -> _Compiled:
    data = lexicon.load("aliases") or {}
    hit = _cache.get(id(data))
    if hit is not None:
        return hit
    table = AliasTable.model_validate(data)
    names, name_map = _table_of(table.names)
    words, word_map = _table_of(table.subject_words)
    prefixes = tuple(sorted({name_key(p) for p in table.place_prefixes}, key=len, reverse=True))
    name_end = None
    if name_map:
        alternation = "|".join(re.escape(k) for k in sorted(name_map, key=len, reverse=True))
        name_end = re.compile(rf"(?<!\w)(?:{alternation})\Z")
    compiled = _Compiled(names, name_end, name_map, words, word_map, prefixes)
    _cache.clear()
    _cache[id(data)] = compiled
    return compiled


def resolve(text: str) -> str:
    """`name_key(text)` with every alias replaced by its canonical name ("tp.hcm" -> "tp hồ chí
    minh", "covid -19" -> "covid-19")."""
    c = _compiled()
    key = name_key(text)
    if c.names is None:
        return key
    return c.names.sub(lambda m: c.name_map[m.group()], key)


def ends_with_name(text: str) -> bool:
    """Whether the text ends with a known name or alias ("... Bộ Y tế")."""
    c = _compiled()
    return c.name_end is not None and c.name_end.search(name_key(text)) is not None


def canonical(text: str) -> str | None:
    """The canonical name when the whole text is a known name or alias, else None."""
    c = _compiled()
    target = c.name_map.get(name_key(text))
    if target is None:
        return None
    for form in (lexicon.load("aliases") or {}).get("names", {}):
        if name_key(form) == target:
            return str(form)
    return None


def normalise_subject(text: str) -> str:
    """The subject of a count as claims carry it: NFC, lower case, aliases resolved, outer
    punctuation and extra spaces removed ("Cán bộ,  chiến sĩ" -> "cán bộ, chiến sĩ")."""
    return _EDGE_PUNCT.sub("", resolve(text))


def subject_key(text: str, neutral: frozenset[str] | set[str] = frozenset()) -> str:
    """What subjects are compared by: the normalised subject with synonyms unified, the
    neutral words (auxiliaries, reporting verbs) and punctuation dropped."""
    c = _compiled()
    memo_key = (text, neutral if isinstance(neutral, frozenset) else frozenset(neutral))
    held = c.subject_keys.get(memo_key)
    if held is not None:
        return held
    s = normalise_subject(text)
    if c.words is not None:
        s = c.words.sub(lambda m: c.word_map[m.group()], s)
    s = _WORD_PUNCT.sub(" ", s)
    words = s.split()
    if neutral:
        words = _drop_phrases(words, neutral)
    key = " ".join(words)
    if len(c.subject_keys) < 200_000:
        c.subject_keys[memo_key] = key
    return key


def _drop_phrases(words: list[str], phrases: frozenset[str] | set[str]) -> list[str]:
    longest = _longest(frozenset(phrases))
    out: list[str] = []
    i = 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 0, -1):
            if " ".join(words[i:i + n]) in phrases:
                i += n
                break
        else:
            out.append(words[i])
            i += 1
    return out


@functools.lru_cache(maxsize=32)
def _longest(phrases: frozenset[str]) -> int:
    return max((p.count(" ") + 1 for p in phrases), default=1)


_PAREN = re.compile(r"\([^()]*\)")
_PLACE_CUE = re.compile(r"^(?:tại|ở)\s+")
_LIST_SPLIT = re.compile(r"\s*(?:,|;|\bvà\b|\bcùng\b)\s*")


def place_key(text: str | None) -> frozenset[str]:
    """The places a text names, as a set of resolved names without "tỉnh"/"thành phố" in
    front: "tại TP.HCM và tỉnh Hà Nam" -> {"tp hồ chí minh", "hà nam"}."""
    if not text:
        return frozenset()
    c = _compiled()
    out: set[str] = set()
    for part in _LIST_SPLIT.split(_PAREN.sub("", _PLACE_CUE.sub("", resolve(text)))):
        part = _EDGE_PUNCT.sub("", part)
        for prefix in c.prefixes:
            if part.startswith(prefix + " "):
                stripped = part[len(prefix) + 1:]
                # "thành phố hồ chí minh" is an alias as a whole; only strip plain prefixes
                part = c.name_map.get(stripped, stripped) if stripped else part
                break
        if part:
            out.add(c.name_map.get(part, part))
    return frozenset(out)
