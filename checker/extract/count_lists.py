"""Counts written without a number-and-unit phrase.

- A list of named items, each with its figure in parentheses, after a count of such items:
  "3 địa phương ghi nhận ca mắc: Hà Nội (7), Hải Dương (6)" counts three places (the list's
  length is the count's `members`); the figures are counts of the thing its subject names
  (ca), one per place, not parts of the three.
- The same list with no count before it: "Các ca mắc ở Hưng Yên (2), Hà Nội (1)".
- A figure after a label that names the unit: "tổng số ca mắc cả nước: 2,942", "nâng tổng
  số ca mắc lên 2.914", or after a running-total label whose unit an earlier count of the
  sentence gives ("ghi nhận 45 ca, nâng tổng số lên 2.914")."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from checker.extract.count_found import Found, regroup_whole, sentence_of
from checker.extract.count_lexicon import CountLexicon
from checker.models import Segment
from checker.normalise.aliases import normalise_subject
from checker.normalise.numbers import Convention, parse_digits

_PAREN = re.compile(r"\([ \t]*(\d{1,7}(?:[.,]\d{3})*)[ \t]*\)")
_BETWEEN_ITEMS = re.compile(r"[ \t]*(?:[,;]|và|and)[ \t]*", re.I)
_NAME_WORD = re.compile(r"[^\s,;:()…]+")
_ADMIN_PREFIX = frozenset(["tỉnh", "thành", "phố", "tp", "tp.", "huyện", "quận", "xã", "phường"])
_LABEL_EN = re.compile(
    r"(?<!\w)(?P<label>(?:the[ \t]+)?(?:total|tally|toll)(?P<words>(?:[ \t]+[a-z]+){0,3}?))"
    r"[ \t]+(?:to|of|at|is|was|stands at|reached)[ \t]+(?P<num>\d[\d.,]*\d|\d)(?![\w.,]*\d)",
    re.I,
)
_ELLIPTIC = re.compile(
    r"(?P<num>\d{1,3}(?:[.,]\d{3})*|\d+|[A-Za-z]+)[ \t]+"
    r"(?P<word>[^\W\d_]+(?:[ \t]+[^\W\d_]+){0,2}?)(?=[ \t]*(?:,|;|\.|\)|và(?!\w)|and(?!\w)|$))",
    re.M,
)
_LABEL = re.compile(
    r"(?<!\w)(?P<label>(?:tổng số|tổng cộng|lũy kế|luỹ kế|số)(?P<words>(?:[ \t]+[^\W\d_]+){0,8}?))"
    r"(?:[ \t]*:|[ \t]+(?:lên|là|đạt))[ \t]*(?P<num>\d[\d.,]*\d|\d)(?![\w.,]*\d)",
    re.I,
)


def _name_before(text: str, end: int, floor: int) -> int | None:
    """Where the capitalised name that ends right before `end` starts ("Hải Dương (6)")."""
    i = end
    while i > floor and text[i - 1] in " \t":
        i -= 1
    start = None
    for m in reversed(list(_NAME_WORD.finditer(text, floor, i))):
        if m.end() != i:
            break
        word = m.group()
        if not (word[0].isupper() or word.lower() in _ADMIN_PREFIX):
            break
        start = m.start()
        i = start
        while i > floor and text[i - 1] in " \t":
            i -= 1
        if i == start:
            break
    return start


def _item_runs(text: str, start: int, end: int) -> list[list[tuple[int, int, re.Match]]]:
    """Runs of "Name (N)" items joined by commas, semicolons or "và" in text[start:end]."""
    runs: list[list[tuple[int, int, re.Match]]] = []
    for m in _PAREN.finditer(text, start, end):
        name_start = _name_before(text, m.start(), start)
        if name_start is None:
            continue
        item = (name_start, m.end(), m)
        if runs and _BETWEEN_ITEMS.fullmatch(text, runs[-1][-1][1], name_start):
            runs[-1].append(item)
        else:
            runs.append([item])
    return runs


def _unit_in(text: str, start: int, end: int, lex: CountLexicon) -> tuple[str, int] | None:
    """The first counted noun in text[start:end] and where it starts ("ca" in "ghi nhận ca mắc")."""
    for m in re.finditer(r"(?<!\w)[^\W\d_]", text[start:end]):
        u = lex.unit.match(text, start + m.start(), end)
        if u and u.start("unit") == start + m.start():
            name = lex.unit_of[u.group("unit").lower()]
            if name in lex.noun_units and name not in lex.named_units:
                return name, u.start("unit")
    return None


def _subject_until(text: str, start: int, end: int) -> str:
    cut = re.search(r"(?<!\w)(?:ở|tại|gồm|bao gồm)(?!\w)|[:,;(]", text[start:end])
    return normalise_subject(text[start:start + cut.start()] if cut else text[start:end])


def list_counts(
    text: str, found: list[Found], sentences: Sequence[Segment], lex: CountLexicon
) -> list[Found]:
    """The counts of named lists (see the module's docstring); marks the count of items."""
    out: list[Found] = []
    heads: dict[int, list[Found]] = defaultdict(list)
    for f in found:
        if sentences:
            heads[sentence_of(sentences, f.num_start)].append(f)
    for index, sent in enumerate(sentences):
        counts = heads.get(index, [])
        for run in _item_runs(text, sent.start, sent.end):
            first = run[0][0]
            if any(f.start <= first < f.end for f in found):
                continue
            before = [f for f in counts if f.end <= first]
            head = before[-1] if before else None
            if head is not None and head.unit not in lex.named_units:
                continue  # parts of a total: the context reader's
            lo = head.unit_end if head is not None else sent.start
            unit = _unit_in(text, lo, first, lex)
            if head is not None:
                head.members = len(run)
            if unit is None or head is None and len(run) < 2:
                continue
            subject = _subject_until(text, unit[1], first)
            for name_start, end, m in run:
                num = parse_digits(m.group(1))
                if num is None:
                    continue
                value, step = regroup_whole(m.group(1), num.value, num.step, unit[0], lex)
                out.append(Found(
                    start=name_start, end=end, num_start=m.start(1), unit_start=m.start(1),
                    unit_end=end, unit=unit[0], value=value, step=step, subject=subject,
                    subject_end=end, place=text[name_start:m.start()].strip(),
                    action=head.action if head is not None else None,
                ))
    return out


def labelled_counts(
    text: str, start: int, found: list[Found], lex: CountLexicon, conv: Convention,
    taken: Sequence[tuple[int, int]],
) -> list[Found]:
    """Figures after a label (see the module's docstring)."""
    out: list[Found] = []
    matches = [*_LABEL.finditer(text, start), *_LABEL_EN.finditer(text, start)]
    for m in sorted(matches, key=lambda m: m.start()):
        n0, n1 = m.span("num")
        if any(a <= n0 < b for a, b in taken) or any(f.start <= n0 < f.end for f in found):
            continue
        after = lex.unit.match(text, n1)
        if after is not None:
            continue  # "lên 2.914 ca": the count reader's
        unit = _unit_in(text, m.start("words"), m.end("words"), lex)
        subject = ""
        if unit is not None:
            subject = _subject_until(text, unit[1], m.end("words"))
        else:
            if not m.group("label").lower().startswith(
                    ("tổng", "lũy", "luỹ", "the", "total", "tally", "toll")):
                continue
            line_start = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start()))
            earlier = [f for f in found if line_start < f.start < m.start()]
            if not earlier:
                continue
            unit, subject = (earlier[-1].unit, 0), earlier[-1].subject
        num = parse_digits(m.group("num"), conv)
        if num is None:
            continue
        value, step = regroup_whole(m.group("num"), num.value, num.step, unit[0], lex)
        out.append(Found(
            start=m.start(), end=n1, num_start=n0, unit_start=n1, unit_end=n1,
            unit=unit[0], value=value, step=step, subject=subject, subject_end=n1,
            action=_total_action(m.group("label")), extra={"labelled": True},
        ))
    return out


def elliptic_parts(
    text: str, found: list[Found], lex: CountLexicon, taken: Sequence[tuple[int, int]]
) -> list[Found]:
    """Parts that leave their unit to the total after a parts cue: "45 ca mắc mới, trong đó
    39 nhập cảnh và 6 trong nước", "45 new cases, including 39 imported and 6 local"."""
    if lex.parts_cue is None:
        return []
    out: list[Found] = []
    for total in found:
        if total.unit not in lex.noun_units or total.part_of is not None:
            continue
        cue = _parts_cue_after(text, total, found, lex)
        if cue is None:
            continue
        pos = _skip(text, cue.end())
        while True:
            m = _ELLIPTIC.match(text, pos)
            if m is None or lex.unit.match(text, m.start("word") - 1) or any(
                a <= m.start() < b for a, b in taken
            ) or any(f.start <= m.start() < f.end for f in found):
                break
            spelled = lex.quantities.spelled_parts.get(m.group("num").lower())
            num = parse_digits(m.group("num")) if spelled is None else None
            if num is None and spelled is None:
                break
            if spelled is not None:
                value, step = Decimal(spelled), Decimal(0)
            else:
                value, step = regroup_whole(m.group("num"), num.value, num.step, total.unit,
                                            lex)
            total.group = total.group or f"g{total.start}"
            total.listing = total.listing or lex.parts_of[cue.group().lower()]
            out.append(Found(
                start=m.start(), end=m.end(), num_start=m.start(), unit_start=m.end("num"),
                unit_end=m.end(), unit=total.unit, value=value, step=step,
                subject=normalise_subject(f"{total.subject} {m.group('word')}"),
                subject_end=m.end(), action=total.action, place=total.place,
                part_of=total.group,
            ))
            sep = _BETWEEN_ITEMS.match(text, m.end())
            if sep is None:
                break
            pos = sep.end()
    return out


def _parts_cue_after(text: str, total: Found, found: list[Found], lex: CountLexicon):  # noqa: ANN202
    """The parts cue right after the total's noun, or after a short phrase of time or place
    and a comma ("45 new cases in the past 24 hours, including 39 imported …")."""
    assert lex.parts_cue is not None
    at = _skip(text, total.subject_end)
    cue = lex.parts_cue.match(text, at)
    if cue is not None:
        return cue
    stop = min(len(text), at + _CUE_REACH)
    comma = text.find(",", at, stop)
    if comma < 0 or any(ch in text[at:comma] for ch in ".;:") or any(
            at <= f.start < comma for f in found if f is not total):
        return None
    return lex.parts_cue.match(text, _skip(text, comma))


_CUE_REACH = 40  # characters of "in the past 24 hours" between a total and its parts cue


def _skip(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t,":
        i += 1
    return i


def _total_action(label: str) -> str | None:
    low = label.lower().removeprefix("the").strip()
    for cue in ("tổng số", "tổng cộng", "lũy kế", "luỹ kế", "total"):
        if low.startswith(cue):
            return cue
    return None

