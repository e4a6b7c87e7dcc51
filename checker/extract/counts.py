"""Counts: a number (digits, written out, scaled or vague) with the unit after it, the
qualifier before it, and what it counts ("trên 3,3 triệu lượt cán bộ, chiến sĩ").

A number is a count only when a unit from the lexicon (checker/lexicon/units.yaml) follows it.
It is not a count when it is glued to letters or other numbers ("BN2899", "COVID-19", "5K",
"18h", "29/4", "3896/QĐ-BYT"), when a label word stands before it ("bệnh nhân 2899", "năm
2021", "lần thứ 2", "Khóa XV" has no digits at all), or when the dates extractor took its span.
A lone "một" or "không" is an article or a negation far more often than a number, so written
numerals need more than that word alone.

The context of each count (subject, action, place, parts, identifier lists, duration bounds)
is read by checker.extract.count_context."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from checker.extract import ExtractContext
from checker.extract.count_context import add_context
from checker.extract.count_found import Found, phrase_before, regroup_whole
from checker.extract.count_lexicon import CountLexicon, load
from checker.extract.count_lists import elliptic_parts, labelled_counts, list_counts
from checker.models import RawClaim
from checker.normalise.numbers import (
    SCALE_WORDS,
    Convention,
    Number,
    detect_convention_of,
    parse_phrase,
)

_SCALE_OF = {**SCALE_WORDS, "chục": 10, "trăm": 100}
_TIME_OF_DAY = ("giờ", "phút")
_DAY_PARTS = ("ngày", "sáng", "chiều", "tối", "đêm", "trưa", "hôm")
_CALENDAR = ("ngày", "tháng", "năm", "tuần")


def extract(ctx: ExtractContext) -> Iterator[RawClaim]:
    """Count claims of one document (NFC offsets)."""
    dates = [c for c in ctx.found if c.kind in ("date", "period")]
    found = find_counts(ctx.text, ctx.body_start, taken=[(c.start, c.end) for c in dates])
    taken = [(c.start, c.end) for c in dates]
    lex = load()
    found.extend(labelled_counts(ctx.text, ctx.body_start, found, lex,
                                 _convention(ctx.text, ctx.body_start), taken))
    found.sort(key=lambda f: f.start)
    add_context(ctx.text, found, ctx.segments.sentences, dates)
    found.extend(list_counts(ctx.text, found, ctx.segments.sentences, lex))
    found.extend(elliptic_parts(ctx.text, found, lex, taken))
    found.sort(key=lambda f: f.start)
    for f in found:
        yield RawClaim(kind="count", start=f.start, end=f.end, value=f.value_dict())


def _convention(text: str, start: int) -> Convention:
    return detect_convention_of([m.group().rstrip(".,") for m in _DIGITS.finditer(text, start)])


def find_counts(
    text: str,
    start: int = 0,
    end: int | None = None,
    taken: Iterable[tuple[int, int]] = (),
    convention: Convention | None = None,
) -> list[Found]:
    """The counts in text[start:end], in order, without their sentence context."""
    lex = load()
    end = len(text) if end is None else end
    digits = [m.start() for m in _DIGITS.finditer(text, start, end)]
    conv = convention or detect_convention_of(
        [m.group().rstrip(".,") for m in _DIGITS.finditer(text, start, end)]
    )
    spans = sorted(taken)
    starts = [s for s, _ in spans]
    out: list[Found] = []
    resume = start
    for pos in _candidates(text, start, end, digits, lex):
        if pos < resume:
            continue
        if pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] in _GLUE_BEFORE):
            continue
        if _inside(spans, starts, pos):
            resume = _span_end(spans, starts, pos)
            continue
        m = lex.phrase_at.match(text, pos, end)
        if m is None:
            continue
        found, resume = _read_at(text, m, end, lex, conv, spans, starts)
        if found is not None:
            out.append(found)
    return out


_DIGITS = re.compile(r"\d[\d.,]*")
_GLUE_BEFORE = frozenset("_.,/:#+-–")


def _candidates(text: str, start: int, end: int, digits: list[int], lex: CountLexicon):
    """Where a number phrase may start: every run of digits, and every numeral or vague word
    that can open a phrase. The words are found in the lower-cased text behind a space (a
    literal first character lets the regex engine skip ahead fast)."""
    low = " " + text[start:end].lower()
    for ch in _TO_SPACE:
        if ch in low:
            low = low.replace(ch, " ")
    found = set(digits)
    found.update(start + m.start() for m in lex.starter_re.finditer(low))
    return sorted(found)


_TO_SPACE = "\t\r\n\"“‘'(["


def _inside(spans: Sequence[tuple[int, int]], starts: list[int], offset: int) -> bool:
    i = bisect.bisect_right(starts, offset) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]


def _span_end(spans: Sequence[tuple[int, int]], starts: list[int], offset: int) -> int:
    i = bisect.bisect_right(starts, offset) - 1
    return spans[i][1] if i >= 0 else offset


def _read_at(text, m, end, lex: CountLexicon, conv, spans, starts) -> tuple[Found | None, int]:
    """Read the count whose number phrase the match starts; return it (or None) and where to
    go on scanning."""
    s = m.start()
    if phrase_before(text, s, lex.labels):
        return None, m.end()
    if m.group("vague"):
        return _read_vague(text, m, end, lex), m.end()
    atoms = m.group("num").split()
    # Try the longest run of atoms that is one number, then shorter ones ("năm 2021").
    offsets = _atom_offsets(text, s, atoms)
    for k in range(len(atoms), 0, -1):
        if not _plausible_words(text, s, atoms[:k]):
            continue
        num = parse_phrase(atoms[:k], conv)
        if num is None:
            continue
        e = offsets[k - 1]
        if e < end and _glued(text, e):
            num, e = _suffix(text, s, e, num, lex)
            if num is None:
                return None, e
        found = _finish(text, s, e, num, atoms[:k], lex, conv, end, spans, starts)
        return found, (found.unit_end if found else e)
    return None, offsets[0]


def _atom_offsets(text: str, s: int, atoms: list[str]) -> list[int]:
    out, pos = [], s
    for a in atoms:
        i = text.index(a, pos)
        pos = i + len(a)
        out.append(pos)
    return out


def _plausible_words(text: str, s: int, atoms: list[str]) -> bool:
    words = [a for a in atoms if not a[0].isdigit()]
    if not words:
        return True
    if len(atoms) == 1 and atoms[0].lower() in ("một", "không"):
        return False
    if all(a.lower() in _SCALE_OF for a in atoms):
        return False  # a bare "nghìn" or "trăm"
    if atoms[0][0].isupper():
        prev = text[:s].rstrip()
        return not prev or prev[-1] in ".!?:\n\"“"
    return True


def _glued(text: str, e: int) -> bool:
    ch = text[e]
    if ch.isalnum():
        return True
    if ch in "/:" and e + 1 < len(text) and text[e + 1].isdigit():
        return True
    if ch in "-–" and e + 1 < len(text) and text[e + 1].isalpha():
        return True
    return False


def _suffix(
    text: str, s: int, e: int, num: Number, lex: CountLexicon
) -> tuple[Number | None, int]:
    """A K after a money amount ("10K đồng", "$10k"); anything else glued to a number is a
    code ("5K", "18h", "F0")."""
    if text[e] in "kK" and (e + 1 == len(text) or not text[e + 1].isalnum()):
        u = _unit_at(text, e + 1, len(text), lex, s)
        if u and u.name in lex.units.money:
            thousand = Decimal(1000)
            return Number(num.value * thousand, (num.step or 1) * thousand), e + 1
    j = e
    while j < len(text) and (text[j].isalnum() or text[j] in "/-–:"):
        j += 1
    return None, j


@dataclass(frozen=True)
class _Unit:
    name: str
    start: int
    end: int


def _unit_at(text: str, pos: int, end: int, lex: CountLexicon, num_start: int) -> _Unit | None:
    """The unit right after a number, or USD for a number written after "$"."""
    u = lex.unit.match(text, pos, end)
    if u is not None:
        return _Unit(lex.unit_of[u.group("unit").lower()], u.start("unit"), u.end())
    if num_start > 0 and text[num_start - 1] == "$":
        return _Unit("USD", pos, pos)
    return None


def _finish(text, s, e, num: Number, atoms, lex, conv, end, spans, starts) -> Found | None:
    if _phone_like(atoms):
        return None
    dollar = s > 0 and text[s - 1] == "$"
    qual_start, qualifier, range_from = _qualifier(text, s - 1 if dollar else s, lex)
    value, step, lo, hi = num.value, num.step, None, None
    u = _unit_at(text, e, end, lex, s)
    if u is None:
        rng = _range(text, e, end, lex, conv, num, atoms, spans, starts, s)
        if rng is None:
            return None
        lo, hi, step, u = rng
        value = None
        if range_from is not None:
            qual_start = min(qual_start, range_from)
    elif range_from is not None:
        rng = _range_after_unit(text, u, end, lex, conv)
        if rng is not None:
            hi, hi_step, u = rng
            lo, value, step = num.value, None, max(step, hi_step)
            qual_start = min(qual_start, range_from)
    if u.start != u.end and _inside(spans, starts, u.start):
        return None
    rate = _PER.match(text, u.end, end)
    if rate:  # "21.500 đồng/lít", "3 ca/ngày": a rate is its own unit
        u = _Unit(f"{u.name}/{rate.group(1).lower()}", u.start, rate.end())
    unit = u.name
    if _not_a_count(text, u.end, unit):
        return None
    if value is not None and len(atoms) == 1:
        value, step = regroup_whole(atoms[0], value, step, unit, lex)
    if text[s - 1:s] == "$":
        qual_start = min(qual_start, s - 1)
    span_end = u.end
    if lex.after is not None:
        a = lex.after.match(text, span_end, end)
        if a:
            qualifier = lex.after_of[a.group("q").lower()]
            span_end = a.end()
            if range_from is not None and value is not None:
                qual_start = min(qual_start, range_from)  # "từ 7000 đồng trở xuống"
    f = Found(
        start=qual_start, end=span_end, num_start=s, unit_start=u.start,
        unit_end=u.end, unit=unit, value=value, step=step, qualifier=qualifier,
        min=lo, max=hi,
    )
    _bounds(f)
    return f


def _phone_like(atoms: list[str]) -> bool:
    digits = "".join(ch for ch in atoms[0] if ch.isdigit()) if atoms[0][0].isdigit() else ""
    return len(digits) >= 9 and digits.startswith("0")


def _qualifier(text: str, s: int, lex: CountLexicon) -> tuple[int, str, int | None]:
    """Where the count's span starts, its qualifier, and where a "từ"/"giữa" before it is."""
    range_from = None
    q_start, qualifier, pos = s, "exact", s
    q = phrase_before(text, s, lex.qualifier_of)
    if q:
        qualifier, q_start = lex.qualifier_of[q[0]], q[1]
        pos = q_start
    r = phrase_before(text, pos, _RANGE_OPENERS)
    if r:
        range_from = r[1]
        q2 = phrase_before(text, range_from, lex.qualifier_of)
        if q2 and qualifier == "exact":
            qualifier, range_from = lex.qualifier_of[q2[0]], q2[1]
    return q_start, qualifier, range_from


_RANGE_WORDS = ("-", "–", "—", "đến", "tới", "và")
_RANGE_OPENERS = frozenset(["từ", "giữa"])
_PER = re.compile(r"[ \t]?/[ \t]?([^\W\d_][\w]*)")


def _between(text: str, s: int) -> bool:
    return text[max(0, s - 6):s].rstrip(" \t").lower().endswith("giữa")


def _range(text, e, end, lex, conv, first: Number, atoms, spans, starts, first_start):
    """ "5-7 ca", "từ 5 đến 7 ca", "1-2 triệu đồng": the second number and the unit."""
    i = e
    while i < end and text[i] in " \t":
        i += 1
    for w in _RANGE_WORDS:
        if w == "và" and not _between(text, first_start):
            continue  # "giữa 5 và 7 ca"; "5 và 7 ca" is two counts
        after = text[i + len(w):i + len(w) + 1]
        if text.startswith(w, i) and (not w[0].isalpha() or not after.isalnum()):
            j = i + len(w)
            break
    else:
        return None
    while j < end and text[j] in " \t":
        j += 1
    m = lex.phrase_at.match(text, j, end)
    if m is None or not m.group("num") or _inside(spans, starts, j):
        return None
    second_atoms = m.group("num").split()
    offsets = _atom_offsets(text, j, second_atoms)
    for k in range(len(second_atoms), 0, -1):
        num = parse_phrase(second_atoms[:k], conv)
        if num is None:
            continue
        u = _unit_at(text, offsets[k - 1], end, lex, first_start)
        if u is None:
            return None
        lo = first.value
        scale = _trailing_scale(second_atoms[:k])
        if scale > 1 and _trailing_scale(atoms) == 1 and not first.step:
            lo = first.value * scale
        if lo > num.value:
            return None
        return lo, num.value, max(first.step, num.step), u
    return None


def _range_after_unit(text, u, end, lex, conv):
    """ "từ 1000 đồng đến 2000 đồng": the second amount after the unit of the first."""
    i = u.end
    while i < end and text[i] in " \t":
        i += 1
    for w in ("đến", "tới", "và"):
        if text.startswith(w, i):
            j = i + len(w)
            break
    else:
        return None
    while j < end and text[j] in " \t":
        j += 1
    m = lex.phrase_at.match(text, j, end)
    if m is None or not m.group("num"):
        return None
    atoms = m.group("num").split()
    num = parse_phrase(atoms, conv)
    if num is None:
        return None
    u2 = _unit_at(text, j + len(m.group("num")), end, lex, j)
    if u2 is None or u2.name != u.name:
        return None
    return num.value, num.step, u2


def _trailing_scale(atoms: list[str]) -> int:
    scale = 1
    for a in reversed(atoms):
        if a.lower() in SCALE_WORDS:
            scale *= SCALE_WORDS[a.lower()]
        else:
            break
    return scale


def _not_a_count(text: str, after_unit: int, unit: str) -> bool:
    """ "18 giờ 30", "18 giờ ngày 29/4" are times; "3 tháng 5" is a date."""
    rest = text[after_unit:after_unit + 12].lstrip(" \t")
    if unit in _TIME_OF_DAY:
        return bool(rest[:1].isdigit() or rest.lower().startswith(_DAY_PARTS))
    if unit in _CALENDAR:
        return rest[:1].isdigit()
    return False


def _read_vague(text, m, end, lex: CountLexicon) -> Found | None:
    word = lex.quantities.vague[_vague_key(lex, m.group("vague"))]
    scale = 1
    for w in m.group("vscale").split():
        scale *= _SCALE_OF[w.lower()]
    if word.needs_scale and scale == 1:
        return None
    u = _unit_at(text, m.end(), end, lex, m.start())
    if u is None:
        return None
    unit = u.name
    if _not_a_count(text, u.end, unit):
        return None
    lo = Decimal(str(word.min)) * scale
    hi = Decimal(str(word.max)) * scale - (1 if word.max_exclusive else 0)
    return Found(
        start=m.start(), end=u.end, num_start=m.start(), unit_start=u.start,
        unit_end=u.end, unit=unit, value=None, step=Decimal(0), qualifier="vague",
        min=lo, max=hi,
    )


def _vague_key(lex: CountLexicon, word: str) -> str:
    low = " ".join(word.lower().split())
    for key in lex.quantities.vague:
        if key.lower() == low:
            return key
    raise KeyError(word)


def _bounds(f: Found) -> None:
    """min/max as the contract shows them: the bound a qualifier states."""
    if f.value is None:
        return
    if f.qualifier == "over":
        f.min = f.value
    elif f.qualifier in ("under", "nearly"):
        f.max = f.value
