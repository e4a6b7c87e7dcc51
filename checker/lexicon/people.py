"""Typed views of the people, organisation and attribution lexicon files.

Each accessor loads its YAML through `checker.lexicon.load` (so user folders extend it),
validates it with pydantic and caches the result for as long as `load` returns the same data.
A malformed file is a UserError naming the file and the key."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

from checker.errors import UserError
from checker.lexicon import load
from checker.normalise.names import name_key
from checker.text import fold


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RankTable(_Strict):
    """Ranks highest first; the names in one entry are equal ranks."""

    ranks: list[list[str]]
    # Other ways copy writes a rank (English translations) -> the rank's name; every name
    # written without diacritics ("Thuong tuong") is a form too, without an entry.
    forms: dict[str, str] = {}
    _levels_cache: dict[str, int] | None = PrivateAttr(default=None)
    _canon_cache: dict[str, str] | None = PrivateAttr(default=None)

    def level(self, rank: str | None) -> int | None:
        """A number that grows with seniority, or None for an unknown rank."""
        if not rank:
            return None
        return self._levels().get(name_key(rank))

    def names(self) -> list[str]:
        """Every written form a rank is matched by."""
        names = [name for entry in self.ranks for name in entry]
        return [*names, *self.forms, *(fold(n) for n in [*names, *self.forms])]

    def canonical(self, written: str) -> str:
        """The rank's name for a form of it ("Senior Lieutenant General" -> "Thượng tướng")."""
        if name_key(written) in self._levels():
            return written  # the rank itself, whatever tone placement it is typed with
        return self._canonical().get(fold(written), written)

    def _canonical(self) -> dict[str, str]:
        if self._canon_cache is None:
            out: dict[str, str] = {}
            for entry in self.ranks:
                for name in entry:
                    out.setdefault(fold(name), name)
            for form, name in self.forms.items():
                out.setdefault(fold(form), name)
            self._canon_cache = out
        return self._canon_cache

    def _levels(self) -> dict[str, int]:
        if self._levels_cache is None:
            top = len(self.ranks)
            self._levels_cache = {}
            for i, entry in enumerate(self.ranks):
                for name in entry:
                    self._levels_cache.setdefault(name_key(name), top - i)
        return self._levels_cache


class Title(_Strict):
    name: str
    org_from: int = Field(default=0, ge=0, le=3)
    concurrent: bool = False


class TitleTable(_Strict):
    prefixes: list[str] = Field(default_factory=list)
    titles: list[Title]
    _by_key: dict[str, Title] | None = PrivateAttr(default=None)

    def find(self, title: str | None) -> Title | None:
        """The entry for a title as written, a prefixed title taking its base's entry."""
        if not title:
            return None
        key = name_key(title)
        if self._by_key is None:
            self._by_key = {name_key(t.name): t for t in self.titles}
        by_key = self._by_key
        if key in by_key:
            return by_key[key]
        for prefix in self.prefixes:
            p = name_key(prefix) + " "
            if key.startswith(p) and key[len(p):] in by_key:
                return by_key[key[len(p):]]
        return None


class Honorifics(_Strict):
    honorifics: list[str]
    academic: list[str] = Field(default_factory=list)
    former: list[str] = Field(default_factory=list)
    joiners: list[str] = Field(default_factory=list)


class FamilyNames(_Strict):
    family_names: list[str]


class Places(_Strict):
    places: list[str]


class Organisations(_Strict):
    organisations: list[str] = Field(default_factory=list)
    heads: list[str] = Field(default_factory=list)
    admin_units: list[str] = Field(default_factory=list)
    words: list[str] = Field(default_factory=list)


class AttributionCues(_Strict):
    verbs: list[str]
    adverbs: list[str] = Field(default_factory=list)
    according: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    pronouns: list[str] = Field(default_factory=list)
    openers: list[str] = Field(default_factory=list)
    time_openers: list[str] = Field(default_factory=list)
    captions: list[str] = Field(default_factory=list)
    heading_max_words: int = 12
    official_sources: list[str] = Field(default_factory=list)
    back_references: list[str] = Field(default_factory=list)


M = TypeVar("M", bound=BaseModel)
# name -> (the loaded data it was validated from, the model); held so `is` stays meaningful.
_validated: dict[str, tuple[Any, BaseModel]] = {}


def _typed(name: str, model: type[M]) -> M:
    raw: Any = load(name)
    cached = _validated.get(name)
    if cached is not None and cached[0] is raw:
        return cached[1]  # type: ignore[return-value]
    if raw is None:
        raise UserError(f"lexicon file {name}.yaml not found")
    try:
        value = model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise UserError(f"lexicon {name}.yaml: {where}: {first['msg']}") from None
    _validated[name] = (raw, value)
    return value


def ranks() -> RankTable:
    return _typed("ranks", RankTable)


def titles() -> TitleTable:
    return _typed("titles", TitleTable)


def honorifics() -> Honorifics:
    return _typed("honorifics", Honorifics)


def family_names() -> FamilyNames:
    return _typed("family_names", FamilyNames)


def places() -> Places:
    return _typed("places", Places)


def organisations() -> Organisations:
    return _typed("organisations", Organisations)


def attribution_cues() -> AttributionCues:
    return _typed("attribution", AttributionCues)


ACCESSORS: dict[str, Callable[[], BaseModel]] = {
    "ranks": ranks, "titles": titles, "honorifics": honorifics, "family_names": family_names,
    "places": places, "organisations": organisations, "attribution": attribution_cues,
}
