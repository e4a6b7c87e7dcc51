"""event-mismatch: the same event of the same subject told with dates, windows or places that
cannot all hold, within one document or across several.

Reports are grouped by subject (checker.normalise.events.subject_key) and by family of event
types (a quarantine, its start and its end are one family). For each group:
- dates: an event that happens once to a subject (a positive test, an entry, the end of a
  quarantine) must have one date at the precision every report gives it ("28/4" agrees with
  "tháng 4"). A window of a type that has a start and an end ("cách ly tập trung từ 9/4 đến
  23/4") is read as those two events. A report of such a type with a single date ("đang
  cách ly tập trung ngày 20/4") tells a day inside the window and is compared by place only.
- windows of an event a subject has many times (a bulletin, a lockdown, a meeting): two
  windows are one event when they overlap in time, and then must be the same window, hours
  included ("từ 18h ngày 28/4 đến 18h ngày 29/4" against "12 giờ qua" before 18h30 on 29/4).
- places: reports of one event (for recurring types: on the same day or overlapping windows)
  must name the same province. Places that are not provinces are never compared: a hotel or a
  district may lie in the province another report names.
Different event types are never compared: fever on 24/4 and a positive test on 28/4 tell a
story, not a contradiction. All reports that disagree on one thing make one finding, naming
every document and line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from checker.checks.base import CheckInput, CheckType, DisjointSets, Hit
from checker.models import Claim
from checker.normalise.dates import compare_dates, date_range, precision_of
from checker.normalise.events import (
    EventsLexicon,
    events_lexicon,
    place_key,
    subject_key,
    words_key,
)
from checker.text import fold


class EventParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    dates: bool = True
    places: bool = True


@dataclass(frozen=True)
class When:
    """A point (end is None) or a window, ISO dates at their precision, times "HH:MM"."""

    start: str
    start_time: str | None = None
    end: str | None = None
    end_time: str | None = None

    def __str__(self) -> str:
        first = f"{self.start} {self.start_time}" if self.start_time else self.start
        if self.end is None:
            return first
        last = f"{self.end} {self.end_time}" if self.end_time else self.end
        return f"{first} → {last}"


@dataclass(frozen=True)
class Obs:
    claim: Claim
    facet: str  # the event type whose time this is
    when: When


def _observations(claim: Claim, lex: EventsLexicon) -> list[Obs]:
    v = claim.value
    etype = lex.types.get(v.event)
    if v.period is not None:
        p = v.period
        if not (precision_of(p.start) and precision_of(p.end)):
            return []
        if etype is not None and etype.window is not None and not etype.recurs:
            return [Obs(claim, etype.window.start, When(p.start, p.start_time)),
                    Obs(claim, etype.window.end, When(p.end, p.end_time))]
        return [Obs(claim, v.event, When(p.start, p.start_time, p.end, p.end_time))]
    if v.date and precision_of(v.date):
        if etype is not None and etype.window is not None and \
                v.event not in (etype.window.start, etype.window.end):
            return []
        return [Obs(claim, v.event, When(v.date, v.time))]
    return []


def _same(a: When, b: When) -> bool:
    """Whether two times can both hold, compared at the precision both give."""
    if (a.end is None) != (b.end is None):
        return True  # a day and a window are not compared
    if compare_dates(a.start, b.start) != 0:
        return False
    if a.start_time and b.start_time and a.start_time != b.start_time:
        return False
    if a.end is None or b.end is None:
        return True
    if compare_dates(a.end, b.end) != 0:
        return False
    return not (a.end_time and b.end_time and a.end_time != b.end_time)


def _interval(w: When) -> tuple[dt.datetime, dt.datetime] | None:
    first, last = date_range(w.start), date_range(w.end or w.start)
    if first is None or last is None:
        return None
    start = dt.datetime.combine(first[0], _clock(w.start_time) or dt.time(0, 0))
    end_clock = _clock(w.end_time if w.end else None)
    end = (dt.datetime.combine(last[1], end_clock) if end_clock
           else dt.datetime.combine(last[1], dt.time(0, 0)) + dt.timedelta(days=1))
    return start, end


def _clock(value: str | None) -> dt.time | None:
    try:
        return dt.time.fromisoformat(value) if value else None
    except ValueError:
        return None


def _overlap(a: When, b: When) -> bool:
    ia, ib = _interval(a), _interval(b)
    return bool(ia and ib and max(ia[0], ib[0]) < min(ia[1], ib[1]))


def _components(items: list, linked) -> list[list]:  # noqa: ANN001 - any items, a relation
    """The groups of items joined by `linked` (directly or through others)."""
    groups: list[list] = []
    for item in items:
        joined = [g for g in groups if any(linked(item, other) for other in g)]
        merged = [item]
        for g in joined:
            merged.extend(g)
            groups.remove(g)
        groups.append(merged)
    return groups


def _near_components(points: list[Obs], days: int, place_days: int | None) -> list[list[Obs]]:
    """The groups of times joined by `_near(·, ·, days)`, or by `_near(·, ·, place_days)` at
    one named place, directly or through others, in sweeps rather than pairs: two times are
    near when, each stretched `days` later, they overlap, so after sorting by start a time
    joins the group before it when it starts before that group's stretched end."""
    sets = DisjointSets(len(points))

    def sweep(indices: list[int], stretch_days: int) -> None:
        timed = [(iv, i) for i in indices if (iv := _interval(points[i].when)) is not None]
        timed.sort()
        stretch = dt.timedelta(days=stretch_days)
        reach: dt.datetime | None = None
        first = -1
        for (start, end), i in timed:
            if reach is None or not start < reach:
                first, reach = i, end + stretch
            else:
                sets.union(i, first)
            reach = max(reach, end + stretch)

    sweep(list(range(len(points))), days)
    if place_days is not None:
        # One named place, typed with or without diacritics ("Bệnh viện Đa khoa Trung ương
        # Cần Thơ", "Benh vien Da khoa Trung uong Can Tho").
        by_place: dict[str, list[int]] = {}
        for i, o in enumerate(points):
            if o.claim.value.place:
                by_place.setdefault(fold(words_key(o.claim.value.place)), []).append(i)
        for indices in by_place.values():
            sweep(indices, place_days)
    return [[points[i] for i in group] for group in sets.groups(range(len(points)))]


def _mismatch(inp: CheckInput) -> Iterator[Hit]:
    params: EventParams = inp.params  # type: ignore[assignment]
    lex = events_lexicon()
    groups: dict[tuple[str, str], list[Claim]] = {}
    for claim in inp.claims:
        if claim.kind != "event":
            continue
        key = (lex.family_of(claim.value.event), subject_key(claim.value.subject))
        groups.setdefault(key, []).append(claim)
    for (family, _), claims in sorted(_join_undiacritised(groups).items()):
        if not inp.in_focus(*claims):
            continue
        for part in _by_agent(claims):
            if params.dates:
                yield from _time_hits(part, family, lex)
            if params.places:
                yield from _place_hits(part, family, lex)


def _join_undiacritised(groups: dict[tuple[str, str], list[Claim]]
                        ) -> dict[tuple[str, str], list[Claim]]:
    """A name typed without diacritics ("Le Quoc Hung" in wire copy) is the one name with
    diacritics that folds to it ("Lê Quốc Hùng"); when two such names fold alike it stays
    apart, since it cannot say which it is."""
    marked: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for family, key in groups:
        if not key.isascii():
            marked.setdefault((family, fold(key)), []).append((family, key))
    out = dict(groups)
    for family, key in groups:
        if not key.isascii() or key.startswith("BN"):
            continue
        targets = marked.get((family, fold(key)), [])
        if len(targets) == 1:
            out[targets[0]] = out[targets[0]] + out.pop((family, key))
    return out


def _by_agent(claims: list[Claim]) -> list[list[Claim]]:
    """Reports under different chairs are different meetings; reports without one join the
    one chair there is, or none when there are several."""
    agents = {subject_key(c.value.agent) for c in claims if c.value.agent}
    if len(agents) <= 1:
        return [claims]
    return [[c for c in claims if c.value.agent and subject_key(c.value.agent) == a]
            for a in sorted(agents)]


def _recurs(lex: EventsLexicon, event: str) -> bool:
    t = lex.types.get(event)
    return bool(t and t.recurs)


def _within_days(lex: EventsLexicon, event: str) -> int | None:
    t = lex.types.get(event)
    return t.same_within_days if t is not None else None


def _near(a: When, b: When, days: int) -> bool:
    """Two days of a repeated event close enough to be one event: days at most `days` apart
    (0: the same day only)."""
    ia, ib = _interval(a), _interval(b)
    if ia is None or ib is None:
        return False
    gap = max(ia[0], ib[0]) - min(ia[1], ib[1])  # intervals are half-open: next days give 0
    return gap < dt.timedelta(days=days)


def _same_place_days(lex: EventsLexicon, event: str) -> int | None:
    t = lex.types.get(event)
    return t.same_place_within_days if t is not None else None


def _time_hits(claims: list[Claim], family: str, lex: EventsLexicon) -> Iterator[Hit]:
    facets: dict[str, list[Obs]] = {}
    for claim in claims:
        for obs in _observations(claim, lex):
            facets.setdefault(obs.facet, []).append(obs)
    disagreements: list[tuple[str, list[Obs]]] = []
    for facet, obs in sorted(facets.items()):
        within = _within_days(lex, facet)
        if within is not None:
            points = [o for o in obs if o.when.end is None]
            by_place = _same_place_days(lex, facet)
            parts = _near_components(points, within, by_place)
        elif _recurs(lex, facet):
            windows = [o for o in obs if o.when.end is not None]
            parts = _near_components(windows, 0, None)  # windows that overlap
        else:
            parts = [obs]
        for part in parts:
            if any(not _same(a.when, b.when) for i, a in enumerate(part) for b in part[i + 1:]):
                disagreements.append((facet, part))
    if not disagreements:
        return
    involved = _distinct([o for _, part in disagreements for o in part], lambda o: str(o.when))
    listing = "; ".join(
        (f"{facet}: " if len(disagreements) > 1 else "")
        + _listing(_distinct(part, lambda o: str(o.when)), lambda o: str(o.when))
        for facet, part in disagreements
    )
    windows = any(o.when.end is not None for o in involved)
    # Name the event that disagrees ("quarantine-end") when it is one of its family.
    named = disagreements[0][0] if len(disagreements) == 1 else family
    yield _hit([o.claim for o in involved], named, "window" if windows else "date", listing,
               [family, "time"])


def _place_hits(claims: list[Claim], family: str, lex: EventsLexicon) -> Iterator[Hit]:
    placed = [(c, place_key(c.value.place or "")) for c in claims]
    placed = [(c, p) for c, p in placed if p]
    if len({p for _, p in placed}) < 2:
        return
    if _recurs(lex, family):
        within = _within_days(lex, family)

        def same_event(a: tuple[Claim, str], b: tuple[Claim, str]) -> bool:
            wa, wb = _observations(a[0], lex), _observations(b[0], lex)
            if within is not None:
                return any(_near(x.when, y.when, within) for x in wa for y in wb)
            return any(_overlap(x.when, y.when) for x in wa for y in wb)

        parts = _components(placed, same_event)
    else:
        parts = [placed]
    for part in parts:
        if len({p for _, p in part}) < 2:
            continue
        involved = _distinct(part, lambda cp: cp[1])
        listing = _listing(involved, lambda cp: cp[1])
        yield _hit([c for c, _ in involved], family, "place", listing, [family, "place"])


def _distinct(items: list, value) -> list:  # noqa: ANN001
    """One item per (document, value), in document then text order."""
    seen: set[tuple[str, str]] = set()
    out = []
    for item in sorted(items, key=lambda i: _claim_of(i).doc + f"\x00{_claim_of(i).start:09d}"):
        key = (_claim_of(item).doc, value(item))
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _claim_of(item) -> Claim:  # noqa: ANN001
    if isinstance(item, Obs):
        return item.claim
    if isinstance(item, tuple):
        return item[0]
    return item


def _listing(items: list, value) -> str:  # noqa: ANN001
    """"2021-04-24 (a:3), 2021-04-28 (b:2, c:5)": each value with where it is written."""
    order: list[str] = []
    where: dict[str, list[str]] = {}
    for item in items:
        v = value(item)
        if v not in where:
            order.append(v)
            where[v] = []
        c = _claim_of(item)
        where[v].append(f"{c.doc}:{c.line}")
    return ", ".join(f"{v} ({', '.join(where[v])})" for v in order)


def _hit(claims: list[Claim], family: str, facet: str, listing: str, key: list[str]) -> Hit:
    first = claims[0]
    docs = sorted({c.doc for c in claims})
    return Hit(
        claims=claims,
        values={
            "event": family, "subject": first.value.subject, "facet": facet,
            "values": listing, "sources": str(len(docs)), "documents": ", ".join(docs),
        },
        key=[*key, subject_key(first.value.subject)],
    )


EVENT_MISMATCH = CheckType(
    "event-conflict", EventParams, _mismatch,
    "one event of one subject told with dates, windows or places that cannot all hold",
    scope="corpus",
)
