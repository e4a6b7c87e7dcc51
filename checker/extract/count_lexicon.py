"""The lexicon the count extractor reads (units.yaml, quantities.yaml), validated and compiled
into the patterns it scans with. Rebuilt when the lexicon changes (a user folder is added)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from checker import lexicon
from checker.normalise.numbers import DIGIT_WORDS, NUMERAL_WORDS, SCALE_WORDS

Qual = str  # "over" | "under" | "nearly" | "about"


class UnitTable(BaseModel):
    model_config = ConfigDict(extra="forbid")

    nouns: list[str] = Field(default_factory=list)
    measures: list[str] = Field(default_factory=list)
    forms: dict[str, str] = Field(default_factory=dict)
    money: list[str] = Field(default_factory=list)
    durations: dict[str, float] = Field(default_factory=dict)
    whole: list[str] = Field(default_factory=list)
    named: list[str] = Field(default_factory=list)


class VagueWord(BaseModel):
    model_config = ConfigDict(extra="forbid")

    min: float
    max: float
    max_exclusive: bool = False
    needs_scale: bool = False


class QuantityTable(BaseModel):
    model_config = ConfigDict(extra="forbid")

    qualifiers: dict[str, list[str]] = Field(default_factory=dict)
    after: dict[str, list[str]] = Field(default_factory=dict)
    vague: dict[str, VagueWord] = Field(default_factory=dict)
    labels_before: list[str] = Field(default_factory=list)
    parts: dict[str, list[str]] = Field(default_factory=dict)
    subject_stops: list[str] = Field(default_factory=list)
    subject_compounds: list[str] = Field(default_factory=list)
    subject_words: int = 8
    neutral_words: list[str] = Field(default_factory=list)
    optional_subject_words: list[str] = Field(default_factory=list)
    action_stops: list[str] = Field(default_factory=list)
    cumulative_cues: list[str] = Field(default_factory=list)
    reference_cues: list[str] = Field(default_factory=list)
    gap_cues: list[str] = Field(default_factory=list)
    last_event_cues: list[str] = Field(default_factory=list)
    spelled_parts: dict[str, int] = Field(default_factory=dict)


def _starters(q: QuantityTable) -> re.Pattern[str]:
    # "không" never opens a count (alone it is a negation; "không trăm" is inside a number).
    first = {*DIGIT_WORDS, "mười", "trăm", *(w.split()[0].lower() for w in q.vague)} - {"không"}
    return re.compile(rf" (?:{_alt(first)})(?!\w)")


def _alt(words: list[str] | set[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class CountLexicon:
    units: UnitTable
    quantities: QuantityTable
    unit_of: dict[str, str]  # lower-cased form -> canonical unit
    noun_units: frozenset[str]
    named_units: frozenset[str]  # counted by naming the items ("3 địa phương: Hà Nội (7), …")
    whole_units: frozenset[str]  # counted in whole numbers: nouns and the `whole` measures
    phrase: re.Pattern[str]  # a number phrase or a vague amount
    phrase_at: re.Pattern[str]  # the same, where the text before does not matter (ranges)
    starter_re: re.Pattern[str]  # words that can open a number phrase, after a space
    unit: re.Pattern[str]  # a unit right after a number
    qualifier_of: dict[str, Qual]
    after: re.Pattern[str] | None
    after_of: dict[str, Qual]
    labels: frozenset[str]  # lower case: a number right after one is a label
    parts_cue: re.Pattern[str] | None
    parts_of: dict[str, str]
    stops: frozenset[str]
    compounds: frozenset[str]
    neutral: frozenset[str]
    action_stops: frozenset[str]
    reference_cue: re.Pattern[str] | None
    gap_cue: re.Pattern[str] | None
    cumulative_cue: re.Pattern[str] | None
    last_event_cue: re.Pattern[str] | None


_cache: dict[tuple[int, int], CountLexicon] = {}


def load() -> CountLexicon:
    u_data = lexicon.load("units") or {}
    q_data = lexicon.load("quantities") or {}
    key = (id(u_data), id(q_data))
    hit = _cache.get(key)
    if hit is not None:
        return hit
    built = _build(UnitTable.model_validate(u_data), QuantityTable.model_validate(q_data))
    _cache.clear()
    _cache[key] = built
    return built


def _build(units: UnitTable, q: QuantityTable) -> CountLexicon:
    unit_of: dict[str, str] = {}
    for name in [*units.nouns, *units.measures]:
        unit_of[name.lower()] = name
    for form, name in units.forms.items():
        unit_of[str(form).lower()] = name
    unit_of.setdefault("$", "USD")
    nouns = frozenset(units.nouns)

    words = _alt(NUMERAL_WORDS)
    scales = _alt([*SCALE_WORDS, "chục", "trăm"])
    atom = rf"(?:\d+(?:[.,]\d+)*|(?:{words})(?!\w))"
    vague = _alt(q.vague)
    body = (
        rf"(?=[\d\w])(?:"
        rf"(?P<vague>(?:{vague})(?!\w))(?P<vscale>(?:[ \t]+(?:{scales})(?!\w))*)"
        rf"|(?P<num>{atom}(?:[ \t]+{atom})*))"
    )
    phrase = re.compile(rf"(?<![\w.,/:#+\-–]){body}", re.IGNORECASE)
    phrase_at = re.compile(body, re.IGNORECASE)
    # "%" and "$" need no space or word boundary; words need a boundary after them.
    unit = re.compile(
        rf"[ \t]*(?P<unit>%|\$|€|(?:{_alt(unit_of)})(?!\w))", re.IGNORECASE
    )
    qualifier_of: dict[str, Qual] = {}
    for qual, forms in q.qualifiers.items():
        for form in forms:
            qualifier_of[form.lower()] = qual
    after_of: dict[str, Qual] = {}
    for qual, forms in q.after.items():
        for form in forms:
            after_of[form.lower()] = qual
    parts_of: dict[str, str] = {}
    for kind, forms in q.parts.items():
        for form in forms:
            parts_of[form.lower()] = kind

    def cue(words: list[str]) -> re.Pattern[str] | None:
        return re.compile(rf"(?<!\w)(?:{_alt(words)})(?!\w)", re.I) if words else None

    return CountLexicon(
        units=units,
        quantities=q,
        unit_of=unit_of,
        noun_units=nouns,
        named_units=frozenset(units.named),
        whole_units=nouns | frozenset(units.whole),
        phrase=phrase,
        phrase_at=phrase_at,
        starter_re=_starters(q),
        unit=unit,
        qualifier_of=qualifier_of,
        after=re.compile(rf"[ \t]*(?P<q>{_alt(after_of)})(?!\w)", re.I) if after_of else None,
        after_of=after_of,
        labels=frozenset(" ".join(w.lower().split()) for w in q.labels_before),
        parts_cue=cue(list(parts_of)),
        parts_of=parts_of,
        stops=frozenset(w.lower() for w in q.subject_stops),
        compounds=frozenset(w.lower() for w in q.subject_compounds),
        neutral=frozenset(w.lower() for w in q.neutral_words),
        action_stops=frozenset(w.lower() for w in q.action_stops),
        reference_cue=cue(q.reference_cues),
        gap_cue=cue(q.gap_cues),
        cumulative_cue=cue(q.cumulative_cues),
        last_event_cue=cue(q.last_event_cues),
    )
