"""Events: the lexicon of event types and the pure helpers that give an event its subject key,
its place and its times. No I/O beyond the lexicon; every helper returns None rather than
raising on text it cannot read."""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from checker import lexicon
from checker.errors import UserError
from checker.text import fold, nfc

SubjectKind = Literal["patient", "person", "group", "place", "meeting", "identifiers", "count",
                      "thing", "org"]


class WindowTypes(BaseModel):
    model_config = ConfigDict(extra="forbid")

    start: str
    end: str


class EventType(BaseModel):
    model_config = ConfigDict(extra="forbid")

    cues: list[str] = Field(default_factory=list)
    subjects: list[SubjectKind] = Field(default_factory=list)
    recurs: bool = False
    family: str | None = None
    window: WindowTypes | None = None
    excluded_by: list[str] = Field(default_factory=list)
    # The place may be told apart from the cue: in the next sentence of the paragraph
    # ("Nơi cách ly là một khách sạn ở TP Yên Bái") or in the title.
    place_nearby: bool = False
    # For an event a subject has several times (an arrest, a promotion, a meeting of a
    # series): reports of it within this many days of each other are one event, so their
    # dates must agree; reports further apart are different events.
    same_within_days: int | None = None
    # The cue's object is the place ("đến thăm Bệnh viện Đa khoa Trung ương Cần Thơ").
    place_object: bool = False
    # The province of the acting body ("Công an tỉnh Sơn La bắt giữ …") when no other place.
    place_from_agency: bool = False
    # Reports at one named place within this many days are one event (a visitor at one
    # hospital on 17/2 and 18/2), even when `same_within_days` keeps other days apart.
    same_place_within_days: int | None = None


class EventsLexicon(BaseModel):
    model_config = ConfigDict(extra="forbid")

    types: dict[str, EventType]
    negations: list[str] = Field(default_factory=list)
    statuses: list[str] = Field(default_factory=list)
    future_cues: list[str] = Field(default_factory=list)
    patient_prefixes: list[str] = Field(default_factory=list)
    relations: list[str] = Field(default_factory=list)
    anaphora: dict[Literal["patient", "group", "person"], list[str]] = Field(
        default_factory=dict)
    pronouns: list[str] = Field(default_factory=list)
    thing_heads: list[str] = Field(default_factory=list)
    report_verbs: list[str] = Field(default_factory=list)
    acts_of_record: list[str] = Field(default_factory=list)
    person_heads: list[str] = Field(default_factory=list)
    group_heads: list[str] = Field(default_factory=list)
    meeting_heads: list[str] = Field(default_factory=list)
    phrase_stops: list[str] = Field(default_factory=list)
    place_prepositions: list[str] = Field(default_factory=list)
    address_units: list[str] = Field(default_factory=list)
    agency_heads: list[str] = Field(default_factory=list)
    place_types: list[str] = Field(default_factory=list)
    zero_subject_openers: list[str] = Field(default_factory=list)
    time_shifts: list[str] = Field(default_factory=list)
    object_pronouns: list[str] = Field(default_factory=list)
    place_type_synonyms: dict[str, str] = Field(default_factory=dict)
    bulletin_units: list[str] = Field(default_factory=list)
    hour_words: list[str] = Field(default_factory=list)
    hours_back_after: list[str] = Field(default_factory=list)
    hours_back_before: list[str] = Field(default_factory=list)
    window_end_cues: list[str] = Field(default_factory=list)
    weekdays_en: list[str] = Field(default_factory=list)

    def family_of(self, event: str) -> str:
        t = self.types.get(event)
        return (t.family if t and t.family else event)


class PlacesLexicon(BaseModel):
    model_config = ConfigDict(extra="forbid")

    provinces: list[str] = Field(default_factory=list)
    prefixes: list[str] = Field(default_factory=list)


# The lexicon loader caches the raw data until a user folder is added; the validated model
# is kept beside the raw object it came from and rebuilt when that object changes.
_cache: dict[str, tuple[object, BaseModel]] = {}


def _validated(name: str, model: type[BaseModel]) -> BaseModel:
    raw = lexicon.load(name)
    held = _cache.get(name)
    if held is not None and held[0] is raw:
        return held[1]
    try:
        parsed = model.model_validate(raw or {})
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(p) for p in first["loc"])
        raise UserError(f"{name}.yaml: {key}: {first['msg']}") from None
    _cache[name] = (raw, parsed)
    return parsed


def events_lexicon() -> EventsLexicon:
    return _validated("events", EventsLexicon)  # type: ignore[return-value]


def places_lexicon() -> PlacesLexicon:
    return _validated("provinces", PlacesLexicon)  # type: ignore[return-value]


def derived(name: str, build):  # noqa: ANN001, ANN201 - a cache of anything built from the lexicon
    """`build(lexicon)` for the current events lexicon, rebuilt when the lexicon changes."""
    return derived_from(name, events_lexicon(), build)


def derived_from(name: str, source: object, build):  # noqa: ANN001, ANN201
    """`build(source)`, held while `source` (a loaded lexicon) is the same object: a user's
    lexicon folder replaces it, and so rebuilds what was made from it."""
    key = "derived:" + name
    held = _cache.get(key)
    if held is not None and held[0] is source:
        return held[1]
    value = build(source)
    _cache[key] = (source, value)  # type: ignore[assignment]
    return value


def phrase_pattern(words: list[str]) -> str:
    """A regex alternation of phrases, longest first, any run of spaces between words.

    Written as a trie ("b(?:ắt(?: giữ)?|ị)"): the regex engine then tests each character
    once instead of every phrase in turn, which is what makes a lexicon of hundreds of
    phrases cheap to search for. It matches what the plain longest-first alternation
    matches."""
    parts = {" ".join(nfc(str(w)).split()) for w in words if str(w).strip()}
    if not parts:
        return "(?!)"
    root: dict[str, dict] = {}
    for p in parts:
        node = root
        for ch in p:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie(root)


def _flat(node: dict[str, dict], prefix: str = "") -> list[str]:
    out = [prefix] if "" in node else []
    for ch, child in node.items():
        if ch:
            out.extend(_flat(child, prefix + ch))
    return out


def _unit(ch: str) -> str:
    return r"\s+" if ch == " " else re.escape(ch)


def _trie(node: dict[str, dict]) -> str:
    groups: dict[str, list[str]] = {}
    for ch in sorted(ch for ch in node if ch):
        groups.setdefault(ch.lower(), []).append(ch)
    if not groups:
        return ""
    alts = []
    for kids in groups.values():
        if len(kids) == 1:
            alts.append(_unit(kids[0]) + _trie(node[kids[0]]))
            continue
        # "Bệnh …" and "bệnh …" side by side: under re.IGNORECASE both branches match, and
        # the one tried first could give a shorter phrase than the other. Longest first.
        tails = sorted(_flat({ch: node[ch] for ch in kids}), key=len, reverse=True)
        alts.extend("".join(_unit(c) for c in t) for t in tails)
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return "(?:" + body + ")?" if "" in node else body


def lead(words: list[str]) -> str:
    """A lookahead on the first letters of `words` (either case), put in front of an
    alternation so the regex engine skips at once the positions no word can start at."""
    firsts = {ch for w in words if str(w).strip() for c in nfc(str(w)).strip()[:1]
              for ch in (c.lower(), c.upper())}
    return "(?=[" + "".join(re.escape(c) for c in sorted(firsts)) + "])" if firsts else "(?!)"


@functools.lru_cache(maxsize=65536)
def _words_key(text: str) -> str:
    return " ".join(nfc(text).casefold().split())


def words_key(text: str) -> str:
    """NFC, case-folded, single-spaced: the key a phrase of the lexicon is looked up by."""
    return _words_key(str(text))


# ---- subjects -----------------------------------------------------------------------------

_PATIENT_KEY = re.compile(r"^BN(\d+)$")


def patient_code(number: str) -> str | None:
    """"2899" -> "BN2899" (leading zeros dropped); None if `number` is not digits."""
    digits = str(number).strip()
    if not digits.isdigit() or not digits.isascii():
        return None
    return f"BN{int(digits)}"


def subject_key(subject: str) -> str:
    """The identity of a subject across documents: patient codes exactly ("BN2899"), other
    names by their name key (case, Unicode form, spacing and tone-mark placement ignored),
    without numbers ("nhóm 6 chuyên gia" is "nhóm chuyên gia", but "quốc lộ 1A" keeps its
    own) or commas, with kinds of place in Vietnamese ("National Highway 1A"), and with the
    kind of place dropped for provinces."""
    try:
        text = " ".join(nfc(str(subject)).split())
        if _PATIENT_KEY.match(text):
            return text
        province = place_key(text)
        if province is not None:
            return "place:" + _name_key(province)
        text = _place_type_in_vietnamese(text)
        # "nhóm 6 chuyên gia" is "nhóm chuyên gia"; "bão số 9" keeps its number; "phòng,
        # chống dịch" is "phòng chống dịch".
        parts = re.sub(r"\s*[,;:]\s*", " ", text).split(" ")
        words = [w for i, w in enumerate(parts) if not any(ch.isdigit() for ch in w)
                 or (i > 0 and words_key(parts[i - 1]) in _NUMBERED)]
        return _name_key(" ".join(words).strip(" ,.;:"))
    except Exception:  # a key must never stop a run
        return str(subject)


# Words after which a number is part of a name: "bão số 9", "quốc lộ 1A", "đường 3/2".
_NUMBERED = frozenset({"số", "lộ", "đường", "tuyến", "cầu", "khu"})


def _place_type_in_vietnamese(text: str) -> str:
    """ "National Highway 1A", "QL1A" -> "quốc lộ 1A": the kind of place as the lexicon's
    Vietnamese word, so outlets in two languages name one road alike."""
    synonyms = events_lexicon().place_type_synonyms
    if not synonyms:
        return text
    low = text.casefold()
    for written in sorted(synonyms, key=len, reverse=True):
        w = written.casefold()
        if low.startswith(w) and (len(low) == len(w) or not low[len(w)].isalpha()):
            return f"{synonyms[written]} {text[len(w):].strip()}".strip()
    return text


def _name_key(text: str) -> str:
    try:
        from checker.normalise.names import name_key
    except ImportError:
        return words_key(text)
    return name_key(text)


# ---- places -------------------------------------------------------------------------------


def place_key(name: str) -> str | None:
    """The canonical name of the province `name` denotes ("tỉnh Yên Bái", "TP.HCM" ->
    "TP Hồ Chí Minh"), or None when it is not a known province."""
    try:
        text = " ".join(nfc(str(name)).split()).strip(" ,.;:()")
    except Exception:
        return None
    if not text:
        return None
    table = _province_table()
    # Reading a document asks for the same few names many times; answers are held per table.
    from checker import lexicon as _lexicon

    aliases = _lexicon.load("aliases")
    held = _cache.get("place-memo")
    if held is None or held[0] is not table or held[1] is not aliases:  # type: ignore[misc]
        held = (table, aliases, {})
        _cache["place-memo"] = held  # type: ignore[assignment]
    hits: dict[str, str | None] = held[2]  # type: ignore[misc]
    if text in hits:
        return hits[text]
    hit = _province_of(text, table)
    if len(hits) < 100_000:
        hits[text] = hit
    return hit


def _province_of(text: str, table: dict[str, str]) -> str | None:
    for candidate in (_alias_of(text), text):
        stripped = _strip_prefix(candidate)
        for form in (candidate, stripped):
            hit = (table.get(words_key(form)) or table.get(fold(form))
                   or table.get(fold(form).replace(" ", "")))
            if hit:
                return hit
    return None


def _province_table() -> dict[str, str]:
    lex = places_lexicon()
    held = _cache.get("places-table")
    if held is not None and held[0] is lex:
        return held[1]  # type: ignore[return-value]
    table: dict[str, str] = {}
    folded: dict[str, list[str]] = {}
    for p in lex.provinces:
        canonical = " ".join(nfc(p).split())
        table[words_key(canonical)] = canonical
        table[words_key(_strip_prefix(canonical))] = canonical
        folded.setdefault(fold(canonical), []).append(canonical)
        folded.setdefault(fold(_strip_prefix(canonical)).replace(" ", ""), []).append(canonical)
    # A name typed without diacritics ("Ha Nam", "Hanoi") is known only when it cannot be two
    # provinces.
    for key, names in folded.items():
        if len(names) == 1:
            table.setdefault(key, names[0])
    _cache["places-table"] = (lex, table)  # type: ignore[assignment]
    return table


def _strip_prefix(text: str) -> str:
    """Without the kinds of place in front ("địa phận tỉnh Bình Thuận" -> "Bình Thuận")."""
    lex = places_lexicon()
    prefixes = sorted((words_key(p) for p in lex.prefixes), key=len, reverse=True)
    for _ in range(3):
        low = words_key(text)
        p = next((p for p in prefixes if low.startswith(p + " ") or (
            p.endswith(".") and low.startswith(p) and len(low) > len(p))), None)
        if p is None:
            break
        text = " ".join(text.split())[len(p):].strip()
    return text


def _alias_of(text: str) -> str:
    """The canonical form of `text` in the alias tables (aliases.yaml), else `text`."""
    try:
        from checker.normalise import aliases  # type: ignore[attr-defined]
    except ImportError:
        return _alias_from_table(text)
    canonical = getattr(aliases, "canonical", None)
    if callable(canonical):
        try:
            found = canonical(text)
        except Exception:
            return text
        return found if isinstance(found, str) and found else text
    return _alias_from_table(text)


def _alias_from_table(text: str) -> str:
    data = lexicon.load("aliases") or {}
    names = data.get("names", {}) if isinstance(data, dict) else {}
    key = words_key(text)
    for canonical, forms in (names or {}).items():
        if words_key(canonical) == key:
            return str(canonical)
        for form in forms or []:
            if words_key(form) == key:
                return str(canonical)
    return text


# ---- times --------------------------------------------------------------------------------

_ISO_DT = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2}))?")


def split_published(published: str | None) -> tuple[str | None, str | None]:
    """("2021-04-29", "18:30") from "2021-04-29T18:30"; the day alone from "2021-04-29";
    (None, None) when the publication is not known to the day."""
    m = _ISO_DT.match(str(published or ""))
    if not m:
        return None, None
    try:
        dt.date.fromisoformat(m.group(1))
    except ValueError:
        return None, None
    if m.group(2) is None:
        return m.group(1), None
    hour, minute = int(m.group(2)), int(m.group(3))
    if hour > 23 or minute > 59:
        return m.group(1), None
    return m.group(1), f"{hour:02d}:{minute:02d}"


def hours_back(hours: int, end_day: str | None, end_time: str | None) -> dict | None:
    """The window of `hours` hours ending at `end_day` `end_time` ("12 giờ qua" published
    2021-04-29T18:30 -> 29/4 06:30 to 29/4 18:30). Without a time only whole days can be
    placed: 24 hours back from a day is that day and the day before, without hours."""
    try:
        if not isinstance(hours, int) or not 0 < hours <= 24 * 31 or not end_day:
            return None
        day = dt.date.fromisoformat(end_day)
        if end_time is None:
            if hours % 24:
                return None
            start = day - dt.timedelta(days=hours // 24)
            return {"start": start.isoformat(), "end": day.isoformat()}
        hh, mm = (int(x) for x in end_time.split(":"))
        end = dt.datetime(day.year, day.month, day.day, hh, mm)
        start = end - dt.timedelta(hours=hours)
        return {
            "start": start.date().isoformat(), "end": end.date().isoformat(),
            "start_time": start.strftime("%H:%M"), "end_time": end.strftime("%H:%M"),
        }
    except (ValueError, OverflowError, TypeError):
        return None


def last_weekday(index: int, published: str | None) -> str | None:
    """The last day with weekday `index` (0 = Monday) on or before the publication day."""
    day, _ = split_published(published)
    if day is None or not isinstance(index, int) or not 0 <= index <= 6:
        return None
    try:
        d = dt.date.fromisoformat(day)
        return (d - dt.timedelta(days=(d.weekday() - index) % 7)).isoformat()
    except (ValueError, OverflowError):
        return None
