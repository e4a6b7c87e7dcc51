"""What each count refers to, read from its sentence: the subject it counts, the action before
it, the place ("tại Hà Nam"), the parts a total lists ("bao gồm 17 ca ...; 06 ca ..."; "Hà Nam
(2), Vĩnh Phúc (6)"), the identifiers it enumerates ("BN2911–2914") and, for a duration, the
dates that bound it ("sau 34 ngày không ghi nhận ca mắc mới")."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from checker.extract.count_found import Found, phrase_before, sentence_of
from checker.extract.count_lexicon import CountLexicon, load
from checker.models import RawClaim, Segment
from checker.normalise.aliases import ends_with_name, normalise_subject, subject_key
from checker.normalise.events import place_key as province_of
from checker.normalise.numbers import parse_digits

_TOKEN = re.compile(r"[^\s,;:()\[\]!?…\"“”]+|[,;:()\[\]!?…\"“”]")
_PLACE_CUE = re.compile(r"(?<!\w)(?:tại|ở)[ \t]+", re.I)
_ADMIN = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn")
_PAREN_PART = re.compile(r"\([ \t]*(\d+(?:[.,]\d+)*)[ \t]*(?P<unit>[^\W\d][\w ]{0,20}?)?[ \t]*\)")
_ID = r"(?:BN|bệnh nhân)[ \t]*(\d+)"
_ID_ITEM = (
    rf"(?:từ[ \t]+{_ID}[ \t]+(?:đến|tới)[ \t]+(?:BN|bệnh nhân)?[ \t]*(\d+)"
    rf"|{_ID}(?:[ \t]*[-–—][ \t]*(?:BN[ \t]*)?(\d+))?)"
)
_ID_LIST = re.compile(rf"{_ID_ITEM}(?:[ \t]*(?:,|;|và)[ \t]*{_ID_ITEM})*", re.I)
_ID_ONE = re.compile(_ID_ITEM, re.I)
_SIBLING_WORDS = frozenset(["và", "còn", "có", "cùng", "với"])


def add_context(
    text: str, found: list[Found], sentences: Sequence[Segment], dates: Sequence[RawClaim]
) -> None:
    """Fill in the context of each count in place; parenthesised parts are added to `found`."""
    lex = load()
    by_sentence: dict[int, list[Found]] = defaultdict(list)
    for f in found:
        by_sentence[sentence_of(sentences, f.num_start)].append(f)
    for f in found:
        sent = sentences[sentence_of(sentences, f.num_start)] if sentences else None
        s_start, s_end = (sent.start, sent.end) if sent else (0, len(text))
        if not f.extra.get("labelled"):
            _subject(text, f, s_end, lex)
            f.action = _action(text, f, s_start, lex)
        elif not f.subject:  # "45 ca mắc mới, nâng tổng số lên 2.914": the earlier count's
            f.subject = next((o.subject for o in reversed(by_sentence[sentence_of(
                sentences, f.num_start)]) if o.start < f.start and o.unit == f.unit), "")
        f.place = _place(text, f, s_start, s_end,
                         by_sentence.get(sentence_of(sentences, f.num_start), []))
    _share_trailing_place(text, by_sentence)
    added: list[Found] = []
    for index, counts in by_sentence.items():
        sent = sentences[index] if sentences else None
        s_end = sent.end if sent else len(text)
        _parts(text, counts, lex)
        added.extend(_paren_parts(text, counts, s_end, lex))
        _members(text, counts, s_end, lex)
    found.extend(added)
    found.sort(key=lambda f: f.start)
    _durations(text, found, sentences, dates, lex)


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]


def _subject(text: str, f: Found, s_end: int, lex: CountLexicon) -> None:
    """The noun phrase after the number: from the unit (a noun) or after it (a measure), up
    to punctuation, a stop word, another number or `subject_words` words."""
    noun = f.unit in lex.noun_units
    begin = f.unit_start if noun else f.unit_end
    last = f.unit_end if noun else begin
    words = 0
    limit = lex.quantities.subject_words
    toks = _tokens(text, f.unit_end, min(s_end, f.unit_end + 100))
    i = 0
    while i < len(toks) and (words < limit or _inside_name(toks, i)):
        a, b, tok = toks[i]
        if tok == ",":
            nxt = lex.unit.match(text, b)
            coordinated = nxt and lex.unit_of[nxt.group("unit").lower()] in lex.noun_units
            if nxt and coordinated and i + 1 < len(toks):
                last, i = nxt.end(), _skip_to(toks, nxt.end())
                words += 1
                continue
            break
        if len(tok) == 1 and not tok.isalnum():
            break
        compound = _stop_at(toks, i, lex.compounds)
        if compound:
            _, last, final = toks[i + compound - 1]
            if final.endswith("."):
                last -= 1
                break
            i, words = i + compound, words + 1
            continue
        if _stop_at(toks, i, lex.stops):
            break
        if tok[0].isdigit() and not phrase_before(text, a, lex.labels):
            break
        if _ID_LIST.match(text, a) and not (
            lex.reference_cue and lex.reference_cue.search(text, f.unit_end, a)
        ):
            break  # "7 ca BN2911–2914": the list is the count's members, not its subject
        trailing_dot = tok.endswith(".") and tok.count(".") == 1
        last = b - 1 if trailing_dot else b
        words += 1
        i += 1
        if trailing_dot or tok.endswith("…"):
            break
    f.subject_end = max(last, f.unit_end)
    f.subject = normalise_subject(text[begin:last]) if last > begin else ""


def _inside_name(toks, i: int) -> bool:
    """Whether token i continues a capitalised name ("Trung | Quốc"): a name is not cut."""
    return (
        i >= 1 and toks[i][2][:1].isupper() and toks[i - 1][2][:1].isupper()
        and toks[i][0] == toks[i - 1][1] + 1
    )


def _skip_to(toks, offset: int) -> int:
    for k, (a, _, _) in enumerate(toks):
        if a >= offset:
            return k
    return len(toks)


def _stop_at(toks, i: int, phrases: frozenset[str]) -> int:
    """How many tokens from i make one of the phrases (0 when none does)."""
    if toks[i][2].lower().rstrip(".") not in _first_words(phrases):
        return 0
    for n in (4, 3, 2, 1):
        phrase = " ".join(t[2].lower() for t in toks[i:i + n]).rstrip(".")
        if len(toks[i:i + n]) == n and phrase in phrases:
            return n
    return 0


_firsts: dict[int, tuple[frozenset[str], frozenset[str]]] = {}


def _first_words(phrases: frozenset[str]) -> frozenset[str]:
    """The first words of the phrases (cached per phrase set: the lexicon's sets live on)."""
    hit = _firsts.get(id(phrases))
    if hit is None or hit[0] is not phrases:
        hit = _firsts[id(phrases)] = (phrases, frozenset(p.split()[0] for p in phrases if p))
    return hit[1]


def _action(text: str, f: Found, s_start: int, lex: CountLexicon) -> str | None:
    """Up to six words before the count in its clause: what it counts as done."""
    toks = _tokens(text, max(s_start, f.start - 45), f.start)
    kept: list[str] = []
    for k in range(len(toks) - 1, -1, -1):
        a, _, tok = toks[k]
        low = tok.lower()
        if len(tok) == 1 and not tok.isalnum() or tok[0].isdigit():
            break
        if low in lex.action_stops or low in lex.stops:
            break
        if k >= 1 and f"{toks[k - 1][2].lower()} {low}" in lex.action_stops | lex.stops:
            break
        if tok[0].isupper() and a != s_start:
            break
        if k >= 1 and toks[k - 1][2][:1].isupper() and ends_with_name(text[s_start:toks[k][1]]):
            break  # the lower-case tail of a known name ("Bộ Y tế", "Bộ Công an")
        kept.insert(0, tok)
        if len(kept) == 6:
            break
    key = subject_key(" ".join(kept), lex.neutral)
    cue = _cumulative_cue(text, f, s_start, lex)
    if cue and cue not in key:
        key = f"{cue} {key}".strip()
    return key or None


def _cumulative_cue(text: str, f: Found, s_start: int, lex: CountLexicon) -> str | None:
    """A running-total cue earlier in the count's clause ("lũy kế cả nước có 2.982 ca")."""
    if lex.cumulative_cue is None:
        return None
    lo = max(s_start, f.start - 60)
    clause = max(lo, *(text.rfind(p, lo, f.start) + 1 for p in ",;:"))
    cues = list(lex.cumulative_cue.finditer(text, clause, f.start))
    return cues[-1].group().lower() if cues else None


def _place(text: str, f: Found, s_start: int, s_end: int,
           same_sentence: list[Found]) -> str | None:
    """ "tại Hà Nam", "ở TP.HCM và tỉnh Hà Nam" in the count's clause, after it or opening it."""
    clause_end = s_end
    for m in re.finditer(r"[;]", text[f.subject_end:s_end]):
        clause_end = f.subject_end + m.start()
        break
    for other in same_sentence:
        if other.num_start > f.end:
            clause_end = min(clause_end, other.start)
            break
    m = _PLACE_CUE.search(text, f.subject_end, clause_end)
    if m is None:
        clause_start = max(s_start, text.rfind(";", s_start, f.start) + 1)
        m = _PLACE_CUE.match(text, _skip_space(text, clause_start), f.start)
        clause_end = f.start
    if m is None:
        return _clause_subject_place(text, f, s_start)
    return _place_list(text, m.end(), clause_end)


# A short verb phrase between a clause's place and its count ("ghi nhận", "có thêm").
_TO_COUNT = re.compile(r"[ \t]+(?:[^\W\d_]+[ \t]+){1,3}")
_NAME_BEFORE = re.compile(r"[A-ZĐÀ-Ỹ][^\W\d_]*[ \t]*$")
_PROVINCE_RUN = re.compile(r"[A-ZĐÀ-Ỹ][^\W\d_]*(?:[ \t]+[A-ZĐÀ-Ỹ][^\W\d_]*){0,3}")


def _clause_subject_place(text: str, f: Found, s_start: int) -> str | None:
    """The place a clause opens with as its subject ("Cũng trong ngày 19/5, tỉnh Bắc Ninh
    ghi nhận 38 ca"); a bare "tỉnh" is the province named earlier in the sentence ("Theo
    Sở Y tế tỉnh Bắc Giang, trong ngày 19/5, tỉnh ghi nhận 142 ca")."""
    comma = text.rfind(",", s_start, f.start)
    if comma > s_start and _NAME_BEFORE.search(text, s_start, comma):
        return None  # "ở phường Quan Hoa, quận Cầu Giấy khiến …": the address goes on
    start = _skip_space(text, max(s_start, comma + 1))
    low = text[start:f.start].lower()
    prefix = next((p for p in _ADMIN if low.startswith(p + " ")), None)
    if prefix is None:
        return None
    j = _place_item(text, start, f.start)
    if j is not None and j > start + len(prefix) + 1:
        if _TO_COUNT.fullmatch(text, j, f.start):
            return " ".join(text[start:j].split())
        return None
    if not _TO_COUNT.fullmatch(text, start + len(prefix), f.start):
        return None
    named = [run.group(0) for run in _PROVINCE_RUN.finditer(text, s_start, start)]
    for run in reversed(named):
        words = run.split()
        for k in range(len(words)):
            if province_of(" ".join(words[k:])):
                return " ".join(words[k:])
    return None


def _share_trailing_place(text: str, by_sentence: dict[int, list[Found]]) -> None:
    """Counts joined by "và" or a comma share the place told after the last of them ("làm
    7 người chết và 3 người bị thương tại Hà Tĩnh")."""
    for counts in by_sentence.values():
        ordered = sorted(counts, key=lambda f: f.start)
        for i in range(len(ordered) - 2, -1, -1):
            f, nxt = ordered[i], ordered[i + 1]
            if f.place is None and nxt.place and _JOINED.fullmatch(
                    text, max(f.end, f.subject_end), nxt.start):
                f.place = nxt.place


_JOINED = re.compile(r"[ \t]*(?:,|và|and|,[ \t]*và)[ \t]*")


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t":
        i += 1
    return i


def _place_list(text: str, i: int, end: int) -> str | None:
    start, last = i, None
    while i < end:
        j = _place_item(text, i, end)
        if j is None:
            break
        last = j
        paren = re.compile(r"[ \t]*\([ \t]*\d[^()]{0,20}\)").match(text, j, end)
        if paren:
            last = j = paren.end()
        m = re.compile(r"[ \t]*(?:,|và)[ \t]*").match(text, j, end)
        if m is None or not _more_places(text, m.end(), end):
            break
        i = m.end()
    if last is None:
        return None
    return " ".join(re.sub(r"\([^()]*\)", " ", text[start:last]).split()).replace(" ,", ",")


def _more_places(text: str, i: int, end: int) -> bool:
    """Whether the list of places goes on at `i`: a kind of place ("tỉnh", "huyện") or a
    province opens it; "Hà Tĩnh, Ban Chỉ huy … cho biết" ends at the comma."""
    low = text[i:end].lower()
    if any(low.startswith(prefix + " ") for prefix in _ADMIN):
        return True
    j = _place_item(text, i, end)
    return j is not None and province_of(text[i:j]) is not None


def _place_item(text: str, i: int, end: int) -> int | None:
    low = text[i:end].lower()
    for prefix in _ADMIN:
        if low.startswith(prefix + " "):
            i += len(prefix) + 1
            break
    last = None
    for m in re.compile(r"[^\s,;:()…]+").finditer(text, i, end):
        if m.start() != i or not m.group()[0].isupper():
            break
        last = m.end()
        i = m.end() + 1 if m.end() < end and text[m.end()] == " " else m.end()
        if text[m.end():m.end() + 1] != " ":
            break
    if last is not None and text[last - 1] == ".":
        last -= 1
    return last


_PART_PLACE = re.compile(r"^[ \t]*(?:tại|ở)[ \t]+(?:[A-ZĐÀ-Ỹ][^\W\d_]*[ \t]*)+")


def _parts(text: str, counts: list[Found], lex: CountLexicon) -> None:
    """Totals and the parts their sentence lists after a cue ("bao gồm", "trong đó")."""
    if lex.parts_cue is None:
        return
    active: Found | None = None
    for i in range(1, len(counts)):
        c, prev = counts[i], counts[i - 1]
        if c.extra.get("labelled"):
            active = None
            continue  # a running total is another metric, never a part
        gap = text[max(prev.end, prev.subject_end):c.start]
        cues = list(lex.parts_cue.finditer(gap))
        if cues:
            parent = next(
                (p for p in reversed(counts[:i]) if p.unit == c.unit and p.part_of is None
                 or p is prev and p.unit == c.unit), None,
            )
            if parent is None:
                active = None
                continue
            parent.group = parent.group or f"g{parent.start}"
            parent.listing = parent.listing or lex.parts_of[cues[0].group().lower()]
            c.part_of = parent.group
            active = parent
            continue
        if prev.place:
            # "8 ca tại Hà Nội và 6 ca tại Điện Biên": the part before ends with its place.
            gap = _PART_PLACE.sub("", gap, count=1)
        tail = re.split(r"[,;]", gap)[-1].split()
        if active is not None and c.unit == active.unit and all(
            w.lower() in _SIBLING_WORDS for w in tail
        ):
            c.part_of = active.group
        else:
            active = None


def _paren_parts(text: str, counts: list[Found], s_end: int, lex: CountLexicon) -> list[Found]:
    """ "23 ca mắc mới tại Hà Nam (2), Vĩnh Phúc (6)": parts of the count before the list."""
    out: list[Found] = []
    for k, total in enumerate(counts):
        if total.unit in lex.named_units:
            continue  # a list of named places, read by count_lists
        limit = counts[k + 1].start if k + 1 < len(counts) else s_end
        for m in _PAREN_PART.finditer(text, total.subject_end, limit):
            unit = m.group("unit")
            if unit:
                u = lex.unit.match(text, m.start("unit"))
                if u is None or lex.unit_of[u.group("unit").lower()] != total.unit:
                    continue
            place_start = _name_before(text, m.start(), total.subject_end)
            if place_start is None:
                continue
            num = parse_digits(m.group(1))
            if num is None:
                continue
            total.group = total.group or f"g{total.start}"
            total.listing = total.listing or "all"
            out.append(Found(
                start=place_start, end=m.end(), num_start=m.start(1), unit_start=m.start(1),
                unit_end=m.end(), unit=total.unit, value=num.value, step=num.step,
                subject=total.subject, subject_end=m.end(), action=total.action,
                place=text[place_start:m.start()].strip(), part_of=total.group,
            ))
    return out


def _name_before(text: str, paren: int, floor: int) -> int | None:
    """The start of the capitalised name right before a parenthesis, if there is one."""
    i = paren
    while i > floor and text[i - 1] in " \t":
        i -= 1
    start = None
    for m in reversed(list(re.finditer(r"[^\s,;:()…]+", text[floor:i]))):
        word = m.group()
        if floor + m.end() != i or not (word[0].isupper() or word.lower() in _ADMIN_WORDS):
            break
        start = floor + m.start()
        i = start - 1 if start > floor and text[start - 1] == " " else start
        if i == start:
            break
    return start


_ADMIN_WORDS = frozenset(w for p in _ADMIN for w in p.split())


def _members(text: str, counts: list[Found], s_end: int, lex: CountLexicon) -> None:
    """The number of identifiers a count enumerates right after it ("7 ca BN2911–2914")."""
    for k, f in enumerate(counts):
        limit = counts[k + 1].start if k + 1 < len(counts) else s_end
        m = _ID_LIST.search(text, f.unit_end, limit)
        if m is None:
            continue
        gap = text[f.unit_end:m.start()]
        if len(gap) > 80 or (lex.reference_cue and lex.reference_cue.search(gap)):
            continue
        total = 0
        for item in _ID_ONE.finditer(m.group()):
            a, b, c, d = item.groups()
            first, last = (a, b) if a else (c, d)
            total += _range_size(first, last)
        f.members = total


def _range_size(first: str, last: str | None) -> int:
    if not last:
        return 1
    if len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    size = int(last) - int(first) + 1
    return size if 0 < size < 100000 else 1


def _durations(
    text: str, found: list[Found], sentences: Sequence[Segment], dates: Sequence[RawClaim],
    lex: CountLexicon,
) -> None:
    """For a count of days/weeks: the dates the text says it runs between."""
    days = [d for d in dates if _day(d, "start") or _day(d, "date")]
    marked: dict[int, bool] = {}  # day index -> its sentence holds a last-event cue
    for f in found:
        if f.unit not in lex.units.durations or f.value is None:
            continue
        after = text[f.unit_end:f.unit_end + 40]
        lead = re.match(r"[ \t]*(?:qua|liên tiếp|liên tục)?[ \t]*[,(:–-]?[ \t]*", after)
        offset = f.unit_end + (lead.end() if lead else 0)
        span = next((d for d in days if d.kind == "period" and d.start == offset), None)
        if span is not None:
            f.since, f.until = _day(span, "start"), _day(span, "end")
            continue
        # What follows the count, far enough for a gap cue ("kể từ …").
        rest = re.sub(r"^(?:liên tiếp|liên tục)[ \t]+", "",
                      text[f.unit_end:f.unit_end + 200].lstrip(" \t,"))
        if lex.gap_cue is None or not lex.gap_cue.match(rest):
            continue
        index = sentence_of(sentences, f.num_start) if sentences else 0
        s_end = sentences[index].end if sentences else len(text)
        nxt = next((d for d in days if f.end <= d.start < s_end), None)
        f.until = _day(nxt, "start") or _day(nxt, "date") if nxt else None
        f.since = _last_event(text, f, days, sentences, lex, marked)


def _last_event(text, f: Found, days, sentences, lex: CountLexicon,
                marked: dict[int, bool]) -> str | None:
    if lex.last_event_cue is None:
        return None
    best = None
    for i, d in enumerate(days):
        if d.start >= f.start and not _right_after_since(text, f, d):
            continue
        if i not in marked:
            s = sentences[sentence_of(sentences, d.start)] if sentences else None
            marked[i] = bool(lex.last_event_cue.search(text[s.start:s.end] if s else text))
        if marked[i] or _right_after_since(text, f, d):
            best = d
            if d.start > f.start:
                break
    return (_day(best, "date") or _day(best, "end")) if best else None


def _right_after_since(text: str, f: Found, d: RawClaim) -> bool:
    if not (d.start > f.start and d.start - f.unit_end < 60):
        return False
    return "kể từ" in text[f.unit_end:d.start].lower()


def _day(claim: RawClaim | None, key: str) -> str | None:
    if claim is None:
        return None
    v = claim.value.get(key)
    if isinstance(v, str) and len(v) == 10 and claim.value.get("precision", "day") == "day":
        return v
    return None


def subject_similarity_key(f: Found) -> str:
    """The key rules compare subjects by (exposed for tests)."""
    return subject_key(f.subject, load().neutral)


_ = Decimal  # Decimal values pass through Found
