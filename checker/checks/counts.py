"""count-conflict: the same metric reported with values that cannot both hold, within a
document and across documents.

The metric of a count is its unit, its subject (compared fuzzily after aliases, synonyms and
neutral words are resolved; a bare classifier such as "37 vụ" is described by the action
before it, "khởi tố"), the window or date its sentence gives (the nearest period in the
sentence, else the nearest date), and its place ("tại Hà Nam"). Two counts are compared only
when all of these agree; the same number for another window, place or subject is another
metric, and so is a running total ("tổng cộng", "lũy kế" before it). Counts in one sentence
are never compared with each other (a sentence that gives two figures of one kind compares
them, "tăng từ 20 ca lên 25 ca"), nor a total with its parts.

A count with no window or date in its sentence is compared with counts of other documents
only when both documents were published the same day (`context_free_across`): "23 ca mắc
mới" or "17 ca tại Hà Nam" in two reports of different days are different days' figures.
Counts linked by disagreeing values make one finding, however many documents report them.

Values conflict when the intervals their qualifiers and precision allow do not meet
(checker.normalise.intervals): "trên 6.000" and "6.200" agree, "23" and "25" do not."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz

from checker import lexicon
from checker.checks.base import CheckInput, CheckType, DisjointSets, Hit
from checker.claimset import ClaimSet
from checker.models import Claim, CountClaim, PeriodValue
from checker.normalise.aliases import name_key, place_key, subject_key
from checker.normalise.events import derived, phrase_pattern
from checker.normalise.events import place_key as province_of
from checker.normalise.intervals import describe, interval


class CountConflictParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # "khoảng"/"gần" allow this fraction either side (below only, for "gần").
    tolerance: float = Field(default=0.1, ge=0, le=1)
    # rapidfuzz token_sort_ratio (0-100) two subject keys must reach to be one metric.
    subject_similarity: int = Field(default=90, ge=0, le=100)
    within_documents: bool = True
    across_documents: bool = True
    # When counts with no window, date or place in their sentence are compared across
    # documents: only for documents published the same day, never, or always.
    context_free_across: Literal["same-day", "never", "always"] = "same-day"
    # Words dropped from subjects before comparing them, besides the lexicon's neutral words.
    neutral_words: list[str] = Field(default_factory=list)


@dataclass(frozen=True)
class Metric:
    claim: CountClaim
    unit: str
    subject: str  # the key subjects are compared by
    time: tuple[str, ...]  # ("period", start, end) / ("date", date) / ()
    clock: tuple[str, ...]  # its clock times: (start_time, end_time) / (time,), "" unknown
    place: frozenset[str]
    published_day: str | None
    cumulative: bool


def neutral_words(extra: list[str]) -> frozenset[str]:
    """The words subjects are compared without: the lexicon's neutral and optional subject
    words, and the rule's own."""
    data = lexicon.load("quantities") or {}
    words = [
        *(data.get("neutral_words") or []), *(data.get("optional_subject_words") or []),
        *extra,
    ]
    return frozenset(" ".join(str(w).lower().split()) for w in words)


def time_of(claim: Claim, claims: ClaimSet, index: dict) -> tuple[str, ...]:
    """The window or date the count's sentence gives, with its clock times last: the nearest
    period, else the nearest date (one before the count first)."""
    near = index.get((claim.doc, claim.sentence_index), [])
    doc = claims.documents.get(claim.doc)
    if doc is not None:
        # "trong đó tháng 6 đạt 29,3 tỷ USD": a time right before the count, with only a
        # verb between, is its own, whatever else the sentence spans.
        adjacent = [c for c in near if c.end <= claim.start
                    and _ADJACENT.fullmatch(doc.text, c.end, claim.start)]
        if adjacent:
            v = max(adjacent, key=lambda c: c.end).value
            if isinstance(v, PeriodValue):
                return ("period", v.start, v.end, v.start_time or "", v.end_time or "")
            return ("date", v.date, v.time or "")
    periods = [c for c in near if c.kind == "period"]
    if periods:
        p = min(periods, key=lambda c: abs(c.start - claim.start)).value
        return ("period", p.start, p.end, p.start_time or "", p.end_time or "")
    dates = [c for c in near if c.kind == "date"]
    if dates:
        before = [c for c in dates if c.start < claim.start]
        d = (max(before, key=lambda c: c.start) if before else dates[0]).value
        return ("date", d.date, d.time or "")
    lent = _paragraph_day(claim, claims, doc) or _story_day(claim, claims, doc)
    return ("date", lent, "") if lent else ()


def _story_day(claim: Claim, claims: ClaimSet, doc) -> str | None:  # noqa: ANN001
    """The one day a document's story happens on, for a count in a paragraph that names no
    time ("Khoảng 5h30 ngày 11/3, xe khách lao xuống vực … [next paragraph] Theo Công an
    tỉnh, vụ tai nạn làm 2 người tử vong"). Only when the body names no other day, month or
    window: a story of several days gives no such day."""
    if doc is None or claims.in_paragraph(claim, "date", "period"):
        return None
    times = [c for c in claims.by_doc(claim.doc)
             if c.kind in ("date", "period") and c.start >= doc.body_start]
    days = {c.value.date for c in times if c.kind == "date" and c.value.precision == "day"}
    if len(days) != 1 or len(times) != sum(1 for c in times if c.kind == "date"
                                           and c.value.precision == "day"):
        return None
    sentence_start = max(doc.text.rfind(". ", 0, claim.start), doc.text.rfind("\n", 0, claim.start))
    if _time_shift().match(doc.text, sentence_start + 1):
        return None
    return days.pop()


def _paragraph_day(claim: Claim, claims: ClaimSet, doc) -> str | None:  # noqa: ANN001
    """The day the paragraph opens with ("Khoảng 14h ngày 3/7, một căn nhà … Vụ việc khiến
    2 người bị thương"), for a count whose own sentence names no time and does not move it
    ("Trước đó, …"). Its clock time is the opening event's, not the count's."""
    if doc is None or not doc.text:
        return None
    text = doc.text
    for c in sorted(claims.in_paragraph(claim, "date"), key=lambda c: c.start):
        if c.sentence_index >= claim.sentence_index:
            return None
        line_start = text.rfind("\n", 0, c.start) + 1
        if not _OPENS.fullmatch(text, line_start, c.start) or c.value.precision != "day":
            return None
        sentence_start = max(text.rfind(". ", 0, claim.start), text.rfind("\n", 0, claim.start))
        if _time_shift().match(text, sentence_start + 1):
            return None
        return c.value.date
    return None


_ADJACENT = re.compile(r"\s*(?:(?:ước\s+)?(?:đạt|là|có|ghi nhận|reached|was)\s+(?:khoảng\s+|"
                       r"gần\s+|hơn\s+|trên\s+)?)?", re.IGNORECASE)


# What may stand before a paragraph's opening date: "Khoảng", "Ngày", "Rạng sáng".
_OPENS = re.compile(r"\s*(?:[^\W\d_]+\s+){0,2}")


def _time_shift() -> re.Pattern[str]:
    """The words that move a sentence's time off its paragraph's (events.yaml time_shifts)."""
    return derived("time-shift", lambda lex: re.compile(
        r"\s*(?:" + phrase_pattern(lex.time_shifts) + r")(?!\w)", re.IGNORECASE))


def time_index(claims: ClaimSet) -> dict[tuple[str, int], list[Claim]]:
    index: dict[tuple[str, int], list[Claim]] = defaultdict(list)
    for c in claims.of_kind("period", "date"):
        index[(c.doc, c.sentence_index)].append(c)
    return index


def metric_of(claim: CountClaim, claims: ClaimSet, index: dict, neutral) -> Metric | None:
    v = claim.value
    unit_key = name_key(v.unit)
    subject = subject_key(v.subject, neutral)
    if subject in ("", unit_key):
        action = subject_key(v.action or "", neutral)
        if not action:
            return None  # "222 đối tượng" with nothing to say what they are
        subject = f"{action} | {unit_key}"
    doc = claims.documents.get(claim.doc)
    published = doc.meta.published if doc else None
    place = place_key(v.place)
    if not place and doc is not None:
        # "Hải Dương: 12 ca mắc mới trong ngày 18/2" over "tỉnh ghi nhận 12 ca mắc mới".
        place = title_place(doc.meta.title)
    time = time_of(claim, claims, index)
    cut = 3 if time[:1] == ("period",) else 2
    return Metric(
        claim=claim, unit=v.unit, subject=subject, time=time[:cut], clock=time[cut:],
        place=place, published_day=published[:10] if published and
        len(published) >= 10 else None,
        cumulative=_cumulative(v.action),
    )


_CAPS_RUN = re.compile(r"[A-ZĐÀ-Ỹ][^\W\d_]*(?:[ \t]+[A-ZĐÀ-Ỹ][^\W\d_]*){0,3}")


def title_place(title: str | None) -> frozenset[str]:
    """The one province a title names ("Hải Dương: 12 ca mắc mới", "Hà Nội thêm 3 ca"),
    as a place key; empty when it names none or several."""
    if not title:
        return frozenset()
    found: set[str] = set()
    for run in _CAPS_RUN.finditer(title):
        words = run.group(0).split()
        for j in range(len(words), 0, -1):
            province = province_of(" ".join(words[:j]))
            if province:
                found.add(province)
                break
    return place_key(found.pop()) if len(found) == 1 else frozenset()


def _cumulative(action: str | None) -> bool:
    if not action:
        return False
    data = lexicon.load("quantities") or {}
    held = _CUMULATIVE.get("memo")
    if held is None or held[0] is not data:
        cues = [f" {name_key(str(c))} " for c in data.get("cumulative_cues") or []]
        held = (data, cues, {})
        _CUMULATIVE["memo"] = held
    memo: dict[str, bool] = held[2]
    if action not in memo:
        words = f" {name_key(action)} "
        memo[action] = any(c in words for c in held[1])
    return memo[action]


# The cumulative cues of the loaded lexicon, and the answers for actions seen.
_CUMULATIVE: dict[str, tuple] = {}


def related(a: CountClaim, b: CountClaim) -> bool:
    """Counts that are not two reports of one metric: one sentence, or a total and a part."""
    if a.doc != b.doc:
        return False
    if a.sentence_index == b.sentence_index:
        return True
    va, vb = a.value, b.value
    return bool(
        (va.group and va.group in (vb.part_of, vb.group))
        or (vb.group and vb.group == va.part_of)
    )


def _similarity_cache(p: CountConflictParams):
    """Subject similarity, remembered: an archive repeats the same few subjects."""
    memo: dict[tuple[str, str], bool] = {}

    def similar(x: str, y: str) -> bool:
        key = (x, y) if x <= y else (y, x)
        if key not in memo:
            memo[key] = x == y or fuzz.token_sort_ratio(x, y) >= p.subject_similarity
        return memo[key]

    return similar


def _comparable(a: Metric, b: Metric, p: CountConflictParams, similar=None) -> bool:
    same_doc = a.claim.doc == b.claim.doc
    if same_doc and not p.within_documents or not same_doc and not p.across_documents:
        return False
    if related(a.claim, b.claim):
        return False
    # "khoảng 23h ngày 1/11" and "đêm 1/11" are one day; 6h and 18h of one day are two
    # readings of a running total.
    if any(x and y and x != y for x, y in zip(a.clock, b.clock, strict=False)):
        return False
    # A place is not a time: "17 ca tại Hà Nam" in reports of two days are two days' figures.
    if not same_doc and not a.time:
        if p.context_free_across == "never":
            return False
        if p.context_free_across == "same-day" and (
            a.published_day is None or a.published_day != b.published_day
        ):
            return False
    if similar is not None:
        return similar(a.subject, b.subject)
    return fuzz.token_sort_ratio(a.subject, b.subject) >= p.subject_similarity


def _evaluate(inp: CheckInput) -> Iterator[Hit]:
    p: CountConflictParams = inp.params  # type: ignore[assignment]
    neutral = neutral_words(p.neutral_words)
    index = time_index(inp.claims)
    groups: dict[tuple, list[Metric]] = defaultdict(list)
    for claim in inp.claims.of_kind("count"):
        m = metric_of(claim, inp.claims, index, neutral)  # type: ignore[arg-type]
        if m is not None:
            groups[(m.unit, m.time, m.place, m.cumulative, _day_key(m, p))].append(m)
    for metrics in groups.values():
        yield from _disagreements(metrics, p, inp)


def _day_key(m: Metric, p: CountConflictParams) -> str:
    """Counts with no window or date meet only counts of their own day (or document), so
    they are grouped by it: the pairs compared stay few however large the archive."""
    if m.time or p.context_free_across == "always":
        return ""
    if p.context_free_across == "same-day" and m.published_day:
        return m.published_day
    return f"doc:{m.claim.doc}"


def _disagreements(metrics: list[Metric], p: CountConflictParams,
                   inp: CheckInput) -> Iterator[Hit]:
    """One hit per set of counts linked by values that cannot both hold: three reports of one
    metric with three values are one finding naming all three, not three pairs."""
    sets = DisjointSets(len(metrics))
    ranges = [interval(m.claim.value, p.tolerance) for m in metrics]
    similar = _similarity_cache(p)
    conflicting: set[int] = set()
    for i, j in _missing_pairs(ranges, metrics, inp):
        if not _comparable(metrics[i], metrics[j], p, similar):
            continue
        conflicting.update((i, j))
        sets.union(i, j)
    for members in sets.groups(sorted(conflicting)):
        yield _hit([metrics[i] for i in members], [ranges[i] for i in members])


def _missing_pairs(ranges: list, metrics: list[Metric], inp: CheckInput):
    """The index pairs whose ranges do not overlap (the test of intervals.compatible). With a
    focus (drafts against a ledger) only pairs involving a draft; otherwise, sorted by lower
    bound, a range can only miss the ranges that start after its upper bound, so the pairs
    that agree (most reports of a metric) are never visited."""
    if inp.focus is not None:
        for i, j in inp.pairs(range(len(metrics)), lambda k: metrics[k].claim):
            if not ranges[i].overlaps(ranges[j]):
                yield i, j
        return
    order = sorted(range(len(metrics)), key=lambda i: ranges[i].lo)
    lows = [ranges[i].lo for i in order]
    for pos, i in enumerate(order):
        hi = ranges[i].hi
        if hi is None:
            continue
        for k in range(bisect.bisect_left(lows, hi, pos + 1), len(order)):
            j = order[k]
            if not ranges[i].overlaps(ranges[j]):
                yield (i, j) if i < j else (j, i)


def _hit(ms: list[Metric], ranges: list) -> Hit:
    def where(m: Metric) -> str:
        return f"{m.claim.doc}:{m.claim.line}"

    a, b = ms[0], ms[1]
    context = []
    if a.time:
        context.append(" – ".join(x for x in a.time[1:3] if x))
    if a.claim.value.place:
        context.append(a.claim.value.place)
    return Hit(
        claims=[m.claim for m in ms],
        values={
            "a": a.claim.text, "b": b.claim.text,
            "a_where": where(a), "b_where": where(b),
            "a_range": describe(ranges[0]), "b_range": describe(ranges[1]),
            "values": ", ".join(f"{m.claim.text} ({where(m)})" for m in ms),
            "ranges": " vs ".join(describe(r) for r in ranges),
            "unit": a.unit, "subject": a.claim.value.subject or a.unit,
            "context": f" ({', '.join(context)})" if context else "",
        },
    )


COUNT_CONFLICT = CheckType(
    "count-conflict", CountConflictParams, _evaluate,
    "the same metric (unit, subject, window or date, place) with values that cannot both hold",
    scope="corpus",
)
