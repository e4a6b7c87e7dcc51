"""Who and where an event is about: the mentions of patients, people, groups, meetings and
places in a document, later mentions that point back to them ("bệnh nhân này", "ông Sơn"),
and the place a clause gives ("tại khách sạn Mường Thanh ở Yên Bái").

Every finder works on the NFC text, returns NFC offsets and reads its words from
checker/lexicon/events.yaml."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from checker.models import RawClaim
from checker.normalise.events import (
    EventsLexicon,
    derived,
    derived_from,
    events_lexicon,
    lead,
    phrase_pattern,
    place_key,
    words_key,
)
from checker.normalise.identifiers import find_runs
from checker.spans import Spans
from checker.text import fold

_WORD = re.compile(r"[^\W_](?:[\w\-]|\.(?=\w))*(?:\s+-\s+[^\W\d_]\w*)?")
# Words that open an organisation, never a person's name ("Thứ trưởng Bộ Công an").
_ORG_WORDS = {
    "bộ", "ban", "sở", "cục", "công", "ủy", "uỷ", "ubnd", "tổng", "viện", "bệnh", "hội", "đảng",
    "nhà", "tỉnh", "thành", "quân", "trường", "tiểu", "trung", "văn", "phòng", "chính", "quốc",
    "cơ", "tòa", "toà", "đoàn", "liên",
}
_MAX_LIST = 12
_MENTION_REACH = 160
# "bà con", "anh em", "ông bà": kinship words that are not a pronoun for the last subject.
_NOT_PRONOUN_AFTER = {words_key(w) for w in (
    "con", "em", "bà", "ông", "chị", "anh", "cháu", "chủ", "trai", "gái")}
_DEMONSTRATIVES = {"này", "đó", "kia", "ấy", "trên"}


@dataclass
class Mention:
    """A subject named in the text. `anaphor` mentions ("bệnh nhân này") name no subject of
    their own and are resolved against earlier mentions; `short` is the given name of a
    person mentioned as "ông Sơn"."""

    kind: str  # patient | identifiers | person | group | meeting | pronoun
    subject: str
    start: int
    end: int
    anaphor: bool = False
    relational: bool = False
    short: str | None = None
    run: int = -1  # mentions of one list of codes share a run number


def _patterns(lex: EventsLexicon) -> dict[str, re.Pattern[str]]:
    # The finders over the whole text run on its lower-cased copy (`find_mentions`), which
    # is far faster than a case-insensitive alternation.
    def low(words: list[str]) -> list[str]:
        return [str(w).lower() for w in words]

    ana = {k: re.compile(lead(low(v)) + r"(?<!\w)(?:" + phrase_pattern(low(v))
                         + r")(?!\w)(?!\s*(?:số\s*)?\d)") for k, v in lex.anaphora.items()}
    return {
        # "tiếp xúc với bệnh nhân BN2899": the relation may stand before the code's prefix.
        "relation": re.compile(r"(?<!\w)(?:" + phrase_pattern(lex.relations) + r")\s*[:,]?\s*"
                               r"(?:(?:" + phrase_pattern(lex.patient_prefixes) + r")\s*)?$",
                               re.IGNORECASE),
        # A pronoun or description that stands for the last subject ("anh", "nữ bệnh nhân"):
        # not when a name follows it ("anh Nguyễn Văn A" is a person of his own).
        # Nor before a number, which is the subject's own ("bệnh nhân 2899"), unless it is
        # a term ("tuyên phạt bị cáo 18 năm tù").
        "pronoun": re.compile(lead(low(lex.pronouns)) + r"(?<!\w)(?:" + phrase_pattern(
            low(lex.pronouns)) + r")(?!\w)(?!\s*(?:số\s*)?\d++(?!\s*(?:năm|tháng)(?!\w)))"),
        "person_head": re.compile(lead(low(lex.person_heads)) + r"(?<!\w)("
                                  + phrase_pattern(low(lex.person_heads)) + r")\s+(?=\w)"),
        "group_head": re.compile(lead(low(lex.group_heads)) + r"(?<!\w)(?:"
                                 + phrase_pattern(low(lex.group_heads)) + r")\s+(?=\w)"),
        "meeting_head": re.compile(lead(low(lex.meeting_heads)) + r"(?<!\w)(?:"
                                   + phrase_pattern(low(lex.meeting_heads)) + r")(?!\w)"),
        # A phrase naming a group or a meeting ends at a stop word or at any event's cue.
        "stop": re.compile(r"(?:" + phrase_pattern(
            [*lex.phrase_stops, *(c for t in lex.types.values() for c in t.cues)])
            + r")(?!\w)", re.IGNORECASE),
        "place_prep": re.compile(lead(lex.place_prepositions) + r"(?<!\w)(?:"
                                 + phrase_pattern(lex.place_prepositions)
                                 + r")\s+(?=\w)", re.IGNORECASE),
        "place_type": re.compile(r"(?:" + phrase_pattern(_with_folded(lex.place_types))
                                 + r")(?!\w)\s*", re.IGNORECASE),
        # A storm by its number or its name: "bão số 9", "cơn bão Noru", "Typhoon Yagi".
        "thing": re.compile(r"(?<!\w)(?:cơn\s+)?(" + phrase_pattern(lex.thing_heads)
                            + r")\s+(\d{1,2}|[A-Z][a-z]+)(?!\w)", re.IGNORECASE),
        **{f"ana_{k}": p for k, p in ana.items()},
    }


# Kinds of place that typed without diacritics would read as another common word ("cho"
# for "chợ", "ban" for "bản"); they are known with their diacritics only.
_FOLD_CLASHES = frozenset({"cho", "ban", "quan", "cau", "truong", "lang", "toa nha"})


def _with_folded(words: list[str]) -> list[str]:
    """The kinds of place as written and as typed without diacritics ("xa Tra Leng")."""
    folded = {fold(w) for w in words} - _FOLD_CLASHES
    return [*words, *sorted(folded)]


def patterns() -> dict[str, re.Pattern[str]]:
    return derived("mentions", _patterns)


# "các bệnh nhân", "5 bệnh nhân" are several; "ngày 24/4 bệnh nhân" is one.
_PLURAL = re.compile(r"(?:\b(?:các|những|nhiều|mấy|hai|ba)|(?<![/.\d])\d+)\s*$", re.IGNORECASE)


def lower_same_length(text: str) -> str:
    """`text` in lower case, letter for letter (a letter whose lower case is longer stays)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def find_mentions(text: str, start: int, found: list[RawClaim],
                  lowered: str | None = None, end: int | None = None) -> list[Mention]:
    """The subject mentions that start in text[start:end], sorted by position. A mention
    may run past `end`; none after it is looked for (no event reaches that far)."""
    end = len(text) if end is None else end
    pats = patterns()
    low = lowered if lowered is not None else lower_same_length(text)
    out: list[Mention] = []
    for n, run in enumerate(find_runs(text[start:min(len(text), end + _MENTION_REACH)])):
        s, e = start + run.start, start + run.end
        if s >= end:
            break
        relational = _relational(text, s, pats)
        if run.is_range or run.size > _MAX_LIST:
            out.append(Mention("identifiers", run.label(), s, e, relational=relational, run=n))
            continue
        for lo, _ in run.items:
            out.append(Mention("patient", f"BN{lo}", s, e, relational=relational, run=n))
        if run.size > 1:
            out.append(Mention("identifiers", run.label(), s, e, relational=relational, run=n))
    for kind in ("patient", "group"):
        pat = pats.get(f"ana_{kind}")
        for m in _starts(pat, low, start, end) if pat else ():
            if _PLURAL.search(text[max(0, m.start() - 12):m.start()]):
                continue
            out.append(Mention(kind, "", m.start(), m.end(), anaphor=True))
    for m in _starts(pats["pronoun"], low, start, end):
        nxt = _WORD.match(text, m.end() + 1) if text[m.end():m.end() + 1] == " " else None
        if nxt is not None and (nxt.group(0)[0].isupper() or words_key(nxt.group(0)) in
                                _NOT_PRONOUN_AFTER):
            continue
        if not text[m.start()].isupper() or _sentence_initial(text, m.start()):
            out.append(Mention("pronoun", "", m.start(), m.end(), anaphor=True))
    out.extend(_people(text, low, start, end, found, pats))
    out.extend(_bare_names(text, start, end, out))
    out.extend(_things(text, start, end, pats))
    out.extend(_orgs(text, start, end, pats))
    out.extend(_groups(text, low, start, end, pats))
    out.extend(_meetings(text, low, start, end, pats))
    for m in out:
        if m.kind in ("person", "group") and not m.relational:
            m.relational = _relational(text, m.start, pats)
    out.sort(key=lambda m: (m.start, m.end))
    return out


def _starts(pattern: re.Pattern[str], text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """The matches that start in text[start:end], read against the whole text so that one
    running past `end` is whole."""
    # Bounded a little past `end` so a search does not run on through the rest of the
    # text; no mention is nearly that long.
    for m in pattern.finditer(text, start, min(len(text), end + _MENTION_REACH)):
        if m.start() >= end:
            return
        yield m


def _sentence_initial(text: str, pos: int) -> bool:
    before = text[max(0, pos - 3):pos].rstrip(" \t")
    return not before or before[-1] in ".!?\n,:;"


def _relational(text: str, pos: int, pats: dict[str, re.Pattern[str]]) -> bool:
    return bool(pats["relation"].search(text[max(0, pos - 30):pos]))


def _caps_run(text: str, pos: int, limit: int = 5) -> list[re.Match[str]]:
    """The capitalised words starting at `pos`, separated by single spaces."""
    words: list[re.Match[str]] = []
    while len(words) < limit:
        m = _WORD.match(text, pos)
        if m is None or not m.group(0)[0].isupper():
            break
        words.append(m)
        gap = re.match(r"[ \t\u00a0]+", text[m.end():m.end() + 3])
        if gap is None:
            break
        pos = m.end() + gap.end()
    return words


def _people(text: str, low: str, start: int, end: int, found: list[RawClaim],
            pats: dict[str, re.Pattern[str]]) -> list[Mention]:
    out: list[Mention] = []
    for raw in found:
        if raw.kind == "role" and raw.start >= start and raw.value.get("person"):
            out.append(Mention("person", str(raw.value["person"]), raw.start, raw.end))
    taken = Spans((m.start, m.end) for m in out)
    honorifics = {words_key(w) for w in events_lexicon().anaphora.get("person", [])}
    for m in _starts(pats["person_head"], low, start, end):
        if taken.covers(m.start()):
            continue
        words = _caps_run(text, m.end())
        if not words or words[0].group(0).casefold() in _ORG_WORDS:
            continue
        honorific = words_key(m.group(1)) in honorifics
        name = " ".join(w.group(0) for w in words)
        if len(words) >= 2:
            out.append(Mention("person", name, m.start(), words[-1].end()))
        elif honorific:
            out.append(Mention("person", "", m.start(), words[0].end(), anaphor=True,
                               short=name))
    return out


def _family_names() -> frozenset[str]:
    from checker.lexicon import people

    return derived_from("families", people.family_names(),
                         lambda lex: frozenset(words_key(n) for n in lex.family_names))


def _folded_family_names() -> frozenset[str]:
    """Family names as typed without diacritics ("Nguyen", "Tran", "Le")."""
    from checker.lexicon import people

    return derived_from("folded-families", people.family_names(),
                         lambda lex: frozenset(fold(n) for n in lex.family_names))


def _bare_names(text: str, start: int, end: int, found: list[Mention]) -> list[Mention]:
    """People named without a title or honorific ("bắt giữ Nguyễn Văn Tùng (32 tuổi)"): a
    run of two to four capitalised words that opens with a family name; later, the given
    name alone ("Tùng khai …") points back to them."""
    families, folded = _family_names(), _folded_family_names()
    taken = Spans((m.start, m.end) for m in found if m.kind == "person")
    out: list[Mention] = []
    for m in _starts(_NAME_START, text, start, end):
        if taken.covers(m.start()):
            continue
        # Without diacritics ("Nguyen Van Hung", "bi cao Tran Van Binh") only a full name of
        # three words or more is taken: "Le" or "Ha" alone are too often something else.
        bare = words_key(m.group(0)) not in families
        if bare and not (m.group(0).isascii() and fold(m.group(0)) in folded):
            continue
        if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "-."):
            continue
        prev = _PREV_WORD.search(text, max(0, m.start() - 24), m.start())
        if prev is not None and (prev.group(1)[0].isupper() or
                                 prev.group(1).casefold() in _NAMED_PLACE_WORDS):
            continue  # "Bệnh viện Bạch Mai", "đường Trần Phú", "THPT Lê Lợi": not a person
        words = _caps_run(text, m.start(), 4)
        second = words[1].group(0).casefold() if len(words) > 1 else ""
        if bare and (len(words) < 3 or not all(w.group(0).isascii() for w in words)):
            continue
        if len(words) < 2 or (second in _ORG_WORDS and second != "văn") or any(
                w.group(0).casefold() == "phòng" for w in words):
            continue
        if any(w.group(0).isupper() and len(w.group(0)) > 1 for w in words):
            continue  # an acronym is no part of a name
        if any(place_key(text[m.start():w.end()]) for w in words):
            continue  # "Hà Nam", "Đồng Nai": a province, not a person
        out.append(Mention("person", " ".join(w.group(0) for w in words), m.start(),
                           words[-1].end()))
        taken.add(m.start(), words[-1].end())
    given = {words_key(m.subject.split()[-1]): m for m in out}
    if given:
        for m in _starts(_NAME_START, text, start, end):
            key = words_key(m.group(0))
            if key not in given or m.start() <= given[key].start:
                continue
            if taken.covers(m.start()):
                continue
            run = _caps_run(text, m.start(), 2)
            before = text[max(0, m.start() - 2):m.start()].strip()
            if len(run) == 1 and (not before or before[-1] in ".,;:!?(\n"):
                out.append(Mention("person", "", m.start(), m.end(), anaphor=True,
                                   short=m.group(0)))
    return out


def _org_heads() -> re.Pattern[str]:
    from checker.lexicon import people

    return derived_from("org-heads", people.organisations(), lambda lex: re.compile(
        r"(?<!\w)(?:" + phrase_pattern(lex.heads) + r")(?=[ \t]+[A-ZĐ])"))


def _orgs(text: str, start: int, end: int,
          pats: dict[str, re.Pattern[str]]) -> list[Mention]:
    """Bodies an event can happen to (founded, dissolved): "Ban Chỉ đạo Quốc gia phòng,
    chống dịch COVID-19", named by an organisation head and a capitalised name."""
    out: list[Mention] = []
    for m in _starts(_org_heads(), text, start, end):
        end = _phrase_end(text, m.end(), min(len(text), m.end() + 120), pats)
        name = " ".join(text[m.start():end].split()).rstrip(" ,")
        if len(name.split()) >= 3:
            out.append(Mention("org", name, m.start(), end))
    return out


def _things(text: str, start: int, end: int,
            pats: dict[str, re.Pattern[str]]) -> list[Mention]:
    out: list[Mention] = []
    for m in _starts(pats["thing"], text, start, end):
        head, name = words_key(m.group(1)), m.group(2)
        subject = f"{head} số {name}" if name.isdigit() and "số" not in head else f"{head} {name}"
        out.append(Mention("thing", subject, m.start(), m.end()))
    return out


_PREV_WORD = re.compile(r"([^\W\d_]+)[ \t]+$")
# The last word of the kinds of place and body named after people.
_NAMED_PLACE_WORDS = {
    "viện", "trường", "xã", "phường", "quận", "huyện", "tỉnh", "đường", "phố", "sạn", "ty",
    "chùa", "cầu", "sông", "núi", "làng", "thôn", "khu", "tòa", "chợ", "cảng", "bay", "tâm",
    "thị", "trấn", "lộ", "hẻm", "ngõ", "bến", "đền", "tượng", "giải", "quỹ", "nhà", "phòng",
    "đội", "tổ", "ấp", "bản", "lăng", "đèo", "quán", "karaoke", "bar", "hàng", "cư", "máy",
    "xưởng", "đảo", "hồ", "bãi",
}
_NAME_START = re.compile(r"[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ][^\W\d_]*")


_SPACES = re.compile(r"\s*")
_DATE_LIKE = re.compile(r"\d+[/.]\d+(?:[/.]\d+)?|\d+h\d*")


def _phrase_end(text: str, pos: int, limit: int, pats: dict[str, re.Pattern[str]],
                commas: bool = True) -> int:
    """Where a noun phrase starting at `pos` ends: before a stop word, a date-like number,
    a punctuation mark, or a comma followed by a capitalised word or a stop word."""
    end = pos
    i = pos
    while i < limit:
        m = _WORD.match(text, i)
        if m is None:
            ch = text[i]
            if ch in " \t\u00a0":
                i += 1
                continue
            if ch == "," and commas:
                gap = _SPACES.match(text, i + 1)
                nxt = _WORD.match(text, gap.end() if gap else i + 1)
                if nxt and not nxt.group(0)[0].isupper() and not nxt.group(0)[0].isdigit() \
                        and not pats["stop"].match(text, nxt.start()):
                    i += 1
                    continue
            break
        if i > pos and pats["stop"].match(text, i):
            break
        if _DATE_LIKE.fullmatch(m.group(0)):
            break
        end = m.end()
        i = m.end()
    return end


def _groups(text: str, low: str, start: int, end: int,
            pats: dict[str, re.Pattern[str]]) -> list[Mention]:
    out: list[Mention] = []
    for m in _starts(pats["group_head"], low, start, end):
        nxt = _WORD.match(text, m.end())
        if nxt is None or nxt.group(0)[0].isupper():
            continue
        end = _phrase_end(text, m.end(), min(len(text), m.end() + 80), pats)
        words = [w for w in text[m.start():end].split() if not any(c.isdigit() for c in w)]
        if words and words[-1].casefold() in _DEMONSTRATIVES:
            # "nhóm bệnh nhân này": a later mention of a group named before.
            out.append(Mention("group", "", m.start(), end, anaphor=True))
            continue
        if len(words) < 3:
            continue
        out.append(Mention("group", " ".join(words), m.start(), end))
    return out


def _meetings(text: str, low: str, start: int, end: int,
              pats: dict[str, re.Pattern[str]]) -> list[Mention]:
    out: list[Mention] = []
    for m in _starts(pats["meeting_head"], low, start, end):
        end = _phrase_end(text, m.end(), min(len(text), m.end() + 160), pats)
        name = " ".join(text[m.start():end].split()).rstrip(" ,")
        # A bare "cuộc họp" or "buổi làm việc" names no meeting in particular.
        if len(name.split()) - len(text[m.start():m.end()].split()) < 2:
            continue
        out.append(Mention("meeting", name, m.start(), m.start() + len(_span_of(text, m.start(),
                                                                                 name))))
    return out


def _span_of(text: str, pos: int, name: str) -> str:
    """The original text from `pos` that `name` (spaces collapsed) was made from."""
    words = name.split()
    i = pos
    for w in words:
        j = text.find(w, i)
        if j < 0:
            break
        i = j + len(w)
    return text[pos:i]


@dataclass
class Place:
    value: str
    start: int
    end: int
    province: bool


def _place_preps(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """"tại", "ở", "in" …; "tai" (a "tại" typed without diacritics) only in text typed so:
    "thiên tai", "tai nạn" are words of their own."""
    folded = _folded_preps()
    for m in patterns()["place_prep"].finditer(text, start, end):
        word = m.group(0).strip().casefold()
        if word in folded and not text[max(0, m.start() - 60):m.end() + 60].isascii():
            continue
        yield m


def _folded_preps() -> frozenset[str]:
    return derived("folded-preps", lambda lex: frozenset(
        words_key(p) for p in lex.place_prepositions
        if str(p).isascii() and any(fold(str(q)) == str(p) != str(q)
                                    for q in lex.place_prepositions)))


def find_named_place(text: str, start: int, end: int) -> Place | None:
    """The named place itself that "tại/trên <place>" gives ("trên đèo Lò Xo thuộc tỉnh Kon
    Tum" -> "đèo Lò Xo"), not the province it lies in; else what find_place gives."""
    for m in _place_preps(text, start, end):
        place = place_after(text, m.end(), end, named=True)
        if place is not None:
            return place
    return None


def find_place(text: str, start: int, end: int) -> Place | None:
    """The place "tại/ở <place>" gives in text[start:end]: the province when one is named
    in it ("tại một khách sạn ở Yên Bái" -> "Yên Bái"), else a named place of a known kind
    ("khách sạn Mường Thanh"); None when the words after "tại" are no place."""
    best: Place | None = None
    for m in _place_preps(text, start, end):
        place = place_after(text, m.end(), end)
        if place is None:
            continue
        if best is None or (place.province and not best.province):
            best = place
        if best.province:
            break
    return best


_PROVINCE_AFTER = re.compile(r"\s*,\s*((?:tỉnh|thành phố|TP\.?)\s+)", re.IGNORECASE)
_ROAD_CODE = re.compile(r"\d{1,3}[A-Z]?(?![\w/.,]\d)(?!\w)")


_NOT_IN_A_NAME = {words_key(w) for w in (
    "ở", "tại", "thuộc", "của", "và", "với", "cho", "do", "làm", "khiến", "trên", "từ", "đến",
    "o", "tai", "thuoc", "cua", "va", "voi", "lam", "tren", "tu", "den")}


def name_goes_on(text: str, end: int, limit: int, most: int = 8) -> int:
    """Where a name that ends at `end` ends when it goes on through lower-case syllables
    between capitalised words ("Bệnh viện Đa| khoa Trung ương Cần Thơ")."""
    for _ in range(most):
        low = _WORD.match(text, end + 1) if text[end:end + 1] == " " else None
        if low is None or low.end() > limit or low.group(0)[0].isupper() or \
                words_key(low.group(0)) in _NOT_IN_A_NAME:
            return end
        cap = _WORD.match(text, low.end() + 1) if text[low.end():low.end() + 1] == " " else None
        if cap is None or cap.end() > limit or not cap.group(0)[0].isupper():
            return end
        end = cap.end()
        nxt = _caps_run(text, cap.end() + 1) if text[cap.end():cap.end() + 1] == " " else []
        for w in nxt:
            if w.end() <= limit:
                end = w.end()
    return end


def place_after(text: str, pos: int, limit: int, named: bool = False) -> Place | None:
    """A place written at `pos`: kinds of place ("tỉnh", "khách sạn"), then capitalised
    words, maybe followed by the province it lies in ("khách sạn Mường Thanh ở Yên Bái")."""
    pats = patterns()
    kinds_end = pos
    while True:
        k = pats["place_type"].match(text, kinds_end, limit)
        if k is None or k.end() == kinds_end:
            break
        kinds_end = k.end()
    words = [w for w in _caps_run(text, kinds_end) if w.end() <= limit]
    if kinds_end > pos and not words:
        code = _ROAD_CODE.match(text, kinds_end, limit)  # "quốc lộ 1A", "National Highway 14"
        words = [code] if code else []
    if kinds_end > pos:
        # A kind of place names it with words of any case: "Bệnh viện Đa khoa tỉnh".
        named_end = _phrase_end(text, kinds_end, limit, pats, commas=False)
        words = [w for w in words if w.end() <= named_end]
    else:
        named_end = words[-1].end() if words else pos
        if words and words[0].group(0).casefold() in _ORG_WORDS:
            return None
    if not words and kinds_end == pos:
        return None
    name_end = max(named_end, words[-1].end() if words else kinds_end)
    # "tỉnh Yên Bái", "TP Hồ Chí Minh", "Hà Nội": the longest run from the left that is a
    # province, kinds included (a kind that is not a province's, as "khách sạn Hà Nội",
    # makes the name a hotel's).
    for j in range(len(words), 0, -1):
        province = place_key(text[pos:words[j - 1].end()])
        if province:
            return Place(province, pos, words[j - 1].end(), True)
    name_end = name_end if text[kinds_end:name_end].strip() else kinds_end
    if named and kinds_end > pos and words:
        end = words[-1].end()
        return Place(" ".join(text[pos:end].split()).rstrip(" ,"), pos, end, False)
    tail = re.match(r"\s*(?:,|\(|-)?\s*(?:(?:ở|tại|thuộc)\s+)?", text[name_end:limit])
    if tail is not None:
        after = _caps_run(text, name_end + tail.end())
        for j in range(len(after), 0, -1):
            if after[j - 1].end() > limit:
                continue
            province = place_key(text[after[0].start():after[j - 1].end()])
            if province:
                return Place(province, pos, after[j - 1].end(), True)
        lying = _province_after(text, after[-1].end(), limit) if after else None
        if lying is not None:
            return Place(lying[0], pos, lying[1], True)
    if kinds_end > pos and text[kinds_end:name_end].strip():
        # "Bệnh viện Bệnh Nhiệt đới TP Hồ Chí Minh": the province the name ends with.
        inner = [m for m in _WORD.finditer(text, kinds_end, name_end)]
        for i in range(1, len(inner)):
            province = place_key(text[inner[i].start():name_end])
            if province and inner[i].group(0)[0].isupper():
                return Place(province, pos, name_end, True)
        lying = _province_after(text, name_end, limit)
        if lying is not None:
            return Place(lying[0], pos, lying[1], True)
        return Place(" ".join(text[pos:name_end].split()).rstrip(" ,"), pos, name_end, False)
    return None


def _province_after(text: str, pos: int, limit: int) -> tuple[str, int] | None:
    """The province an address goes on to after a comma ("ở TP Vĩnh Yên, tỉnh Vĩnh Phúc"),
    and where it ends."""
    more = _PROVINCE_AFTER.match(text, pos, limit)
    if more is None:
        return None
    run = [w for w in _caps_run(text, more.end()) if w.end() <= limit]
    for j in range(len(run), 0, -1):
        province = place_key(text[more.start(1):run[j - 1].end()])
        if province:
            return province, run[j - 1].end()
    return None
