"""Role conflicts: one person given ranks or posts that cannot both hold.

A claim's time is its document's publication date, else the span of the dates and periods in
its paragraph, else unknown. Two claims are at the same time when their times are at most
`same_time_days` apart (or they come from one document). For one person (names compared with
checker.normalise.names.same_person):
- two different ranks at the same time conflict (a rank given as former or in a sentence
  about an earlier time, "nguyên", "khi đó", never does); so does a rank lower than an earlier one
  (ranks go up, by the order of the ranks lexicon), unless `flag_demotion` is off;
- the same title at two organisations at the same time conflicts, unless the title is one a
  person commonly holds at several bodies at once (titles lexicon: `concurrent`) or listed in
  `ignore_titles`, or either claim is former ("nguyên Giám đốc").
A promotion between documents years apart, and two different titles, are no conflict.
One finding per person, pair of documents and pair of values, naming the first claim of each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from checker.checks.base import CheckInput, CheckType, Hit
from checker.claimset import ClaimSet
from checker.lexicon import people
from checker.models import Claim, RoleClaim
from checker.normalise.dates import date_range
from checker.normalise.names import name_key, org_key, same_organisation, same_person


class RoleConflictParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # Claims at most this many days apart are taken as made at the same time.
    same_time_days: int = Field(default=31, ge=0)
    # A rank lower than one the person held earlier is a conflict.
    flag_demotion: bool = True
    # Titles never compared across organisations, beside the lexicon's concurrent ones.
    ignore_titles: list[str] = Field(default_factory=list)


Span = tuple[dt.date, dt.date]


@dataclass(frozen=True)
class _Statement:
    claim: RoleClaim
    time: Span | None


def _role_conflicts(inp: CheckInput) -> Iterator[Hit]:
    params: RoleConflictParams = inp.params  # type: ignore[assignment]
    times = _claim_times(inp.claims)
    ranks = people.ranks()
    titles = people.titles()
    skip_titles = {name_key(t) for t in params.ignore_titles}
    for group in _people(inp.claims):
        if not inp.in_focus(*group):
            continue
        seen: set[tuple[str, ...]] = set()
        for hit in [*_rank_conflicts(group, times, ranks, params),
                    *_title_conflicts(group, times, titles, skip_titles, params)]:
            docs = tuple(sorted(c.doc for c in hit.claims))
            key = (*docs, *sorted(hit.key))
            if key not in seen:
                seen.add(key)
                yield hit


def _people(claims: ClaimSet) -> list[list[RoleClaim]]:
    """Role claims grouped by person: equal name keys first, then keys that name the same
    person (a name typed without diacritics, a doubled letter)."""
    by_key: dict[str, list[RoleClaim]] = {}
    for c in claims.of_kind("role"):
        if isinstance(c, RoleClaim):
            by_key.setdefault(name_key(c.value.person), []).append(c)
    keys = list(by_key)
    parent = {k: k for k in keys}

    def root(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if root(a) != root(b) and same_person(a, b):
                parent[root(b)] = root(a)
    groups: dict[str, list[RoleClaim]] = {}
    for k in keys:
        groups.setdefault(root(k), []).extend(by_key[k])
    return list(groups.values())


def _claim_times(claims: ClaimSet) -> dict[str, Span | None]:
    """The time of each role claim (see the module docstring)."""
    out: dict[str, Span | None] = {}
    undated: dict[tuple[str, int], list[str]] = {}  # (doc, paragraph) -> role claim ids
    doc_spans: dict[str, Span | None] = {}
    for c in claims.of_kind("role"):
        if c.doc not in doc_spans:
            doc = claims.documents.get(c.doc)
            published = doc.meta.published if doc else None
            doc_spans[c.doc] = date_range(published.split("T")[0]) if published else None
        out[c.id] = doc_spans[c.doc]
        if out[c.id] is None:
            undated.setdefault((c.doc, c.paragraph), []).append(c.id)
    if not undated:
        return out
    spans: dict[tuple[str, int], list[Span]] = {}
    for c in claims.of_kind("date", "period"):
        if (c.doc, c.paragraph) not in undated:
            continue
        values = [c.value.date] if c.kind == "date" else [c.value.start, c.value.end]
        for v in values:
            rng = date_range(v)
            if rng:
                spans.setdefault((c.doc, c.paragraph), []).append(rng)
    for where, ids in undated.items():
        found = spans.get(where)
        if found:
            span = (min(s[0] for s in found), max(s[1] for s in found))
            for claim_id in ids:
                out[claim_id] = span
    return out


def _gap(a: Span, b: Span) -> int:
    """Days between two spans (0 when they overlap)."""
    return max(0, (max(a[0], b[0]) - min(a[1], b[1])).days)


def _relation(a: _Statement, b: _Statement, days: int) -> str | None:
    """"same" when a and b are at the same time, "before"/"after" when a is earlier/later,
    None when it cannot be told."""
    if a.claim.doc == b.claim.doc:
        return "same"
    if a.time is None or b.time is None:
        return None
    if _gap(a.time, b.time) <= days:
        return "same"
    return "before" if a.time[1] < b.time[0] else "after"


def _statements(claims: list[RoleClaim], times: dict[str, Span | None],
                value) -> list[_Statement]:
    """The first claim of each document, value and time: what a document says once."""
    seen: dict[tuple, _Statement] = {}
    for c in sorted(claims, key=lambda c: (c.doc, c.start)):
        time = times.get(c.id)
        seen.setdefault((c.doc, value(c), time), _Statement(c, time))
    return list(seen.values())


def _across(buckets: dict[object, list[_Statement]]) -> Iterator[tuple[_Statement, _Statement]]:
    """Pairs of statements from different buckets (statements with equal values never
    conflict, so they are never paired)."""
    keys = list(buckets)
    for i, ka in enumerate(keys):
        for kb in keys[i + 1 :]:
            for a in buckets[ka]:
                for b in buckets[kb]:
                    yield a, b


def _rank_conflicts(group: list[RoleClaim], times: dict[str, Span | None],
                    ranks: people.RankTable, params: RoleConflictParams) -> Iterator[Hit]:
    ranked = [c for c in group if ranks.level(c.value.rank) is not None and not c.value.former]
    by_level: dict[object, list[_Statement]] = {}
    for st in _statements(ranked, times, lambda c: name_key(c.value.rank or "")):
        by_level.setdefault(ranks.level(st.claim.value.rank), []).append(st)
    for a, b in _across(by_level):
        la, lb = ranks.level(a.claim.value.rank), ranks.level(b.claim.value.rank)
        assert la is not None and lb is not None
        rel = _relation(a, b, params.same_time_days)
        lower_later = (rel == "before" and lb < la) or (rel == "after" and la < lb)
        if rel == "same":
            reason = "at the same time"
        elif params.flag_demotion and lower_later:
            reason = "a lower rank later"
        else:
            continue
        yield _hit(a, b, "rank", a.claim.value.rank or "", b.claim.value.rank or "", reason)


def _title_conflicts(group: list[RoleClaim], times: dict[str, Span | None],
                     titles: people.TitleTable, skip: set[str],
                     params: RoleConflictParams) -> Iterator[Hit]:
    def comparable(c: RoleClaim) -> bool:
        v = c.value
        if not v.title or not v.organization or v.former or name_key(v.title) in skip:
            return False
        entry = titles.find(v.title)
        return not (entry and entry.concurrent)

    by_title: dict[str, dict[object, list[_Statement]]] = {}
    statements = _statements(
        [c for c in group if comparable(c)], times,
        lambda c: (name_key(c.value.title or ""), org_key(c.value.organization or "")),
    )
    for st in statements:
        v = st.claim.value
        by_title.setdefault(name_key(v.title or ""), {}).setdefault(
            org_key(v.organization or ""), []
        ).append(st)
    for by_org in by_title.values():
        for a, b in _across(by_org):
            va, vb = a.claim.value, b.claim.value
            if same_organisation(va.organization or "", vb.organization or ""):
                continue
            if _relation(a, b, params.same_time_days) != "same":
                continue
            yield _hit(a, b, "title", f"{va.title}, {va.organization}",
                       f"{vb.title}, {vb.organization}", "at the same time")


def _hit(a: _Statement, b: _Statement, what: str, first: str, second: str,
         reason: str) -> Hit:
    claims: list[Claim] = [a.claim, b.claim]
    return Hit(
        claims=claims,
        values={
            "person": a.claim.value.person, "what": what, "first": first, "second": second,
            "first_doc": a.claim.doc, "second_doc": b.claim.doc,
            "first_time": _show(a.time), "second_time": _show(b.time), "reason": reason,
        },
        key=[what, *sorted((name_key(first), name_key(second)))],
    )


def _show(span: Span | None) -> str:
    if span is None:
        return "an unknown date"
    if span[0] == span[1]:
        return span[0].isoformat()
    return f"{span[0].isoformat()}..{span[1].isoformat()}"


ROLE_CONFLICT = CheckType(
    "role-conflict", RoleConflictParams, _role_conflicts,
    "one person with ranks or posts that cannot both hold at the times the claims are made",
    scope="corpus",
)
