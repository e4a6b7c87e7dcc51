"""The keys claims are grouped by, computed in one place so the ledger's lookups and the rules'
grouping agree.

Keys are deliberately coarse (a count's unit, a person's family and given name, an event's
type): the rules match finer things (subjects, places, name variants) fuzzily, and the ledger
must hand them every plausible candidate. The date range a claim refers to narrows the search:
for a count, role or event it is the range of the date and period claims in the same sentence,
else in the same paragraph, else the document's publication date (an event's own date or
window comes first)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence

from pydantic import BaseModel, ConfigDict

from checker.claimset import ClaimSet
from checker.models import Claim, Document
from checker.normalise.dates import date_range as _date_range
from checker.text import fold

# Kinds whose claims are compared across documents, and so looked up in a ledger.
KEYED_KINDS = ("count", "role", "event")
# Kinds that say when something was: the context a keyed claim's date range comes from.
TIME_KINDS = ("date", "period")

# How far (days) around a draft claim's date range the ledger looks for related claims (the
# nearest ones first, up to a cap). A count is compared only with counts of an overlapping
# window; an event with the same event reported at other dates (the disagreement
# event-mismatch looks for); a role with the person's roles of the last and next years, since
# role-conflict flags a rank lower than an earlier one however long ago.
MARGIN_DAYS: dict[str, int] = {"count": 0, "role": 3650, "event": 92}

# Archives repeat the same few thousand dates; parsing each once keeps indexing cheap.
date_range = functools.lru_cache(maxsize=8192)(_date_range)

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_DIGITS = re.compile(r"\d+")


class ClaimKeys(BaseModel):
    """The grouping keys of one claim. `key` is None for claims that are not looked up
    (dates, periods); `first_day`/`last_day` are None when nothing dates the claim."""

    model_config = ConfigDict(frozen=True)

    key: str | None = None
    subject: str | None = None
    first_day: dt.date | None = None
    last_day: dt.date | None = None

    @property
    def dated(self) -> bool:
        return self.first_day is not None and self.last_day is not None


def metric_key(unit: str) -> str:
    """A count's coarse key: the first word of its folded unit ("ca mắc" -> "ca")."""
    words = fold(unit).split()
    return words[0] if words else ""


def person_key(name: str) -> str:
    """A person's coarse key: folded family name and given name, middle names dropped
    ("Nguyễn Văn Sơn" and "NGUYEN VAN SON" -> "nguyen son")."""
    words = [w for w in (_NON_ALNUM.sub("", t) for t in fold(name).split()) if w]
    if len(words) <= 1:
        return words[0] if words else ""
    return f"{words[0]} {words[-1]}"


def subject_key(subject: str) -> str:
    """A subject folded to letters and digits; an identifier keeps only its number
    ("BN2899", "bệnh nhân 2899", "BN 2899" -> "2899")."""
    folded = fold(subject)
    numbers = _DIGITS.findall(folded)
    return "-".join(numbers) if numbers else _NON_ALNUM.sub("", folded)


def event_key(event: str, subject: str) -> str:
    """An event's key: its type, plus the subject's number when the subject is an identifier
    (a patient number is exact; a named subject is left to the rule's fuzzy matching)."""
    base = fold(event).strip()
    numbers = _DIGITS.findall(fold(subject))
    return f"{base}#{'-'.join(numbers)}" if numbers else base


def window_of(claim: Claim) -> tuple[dt.date, dt.date] | None:
    """The days a date or period claim (or an event's own date or window) covers."""
    if claim.kind == "date":
        return date_range(claim.value.date)
    if claim.kind == "period":
        return _span(claim.value.start, claim.value.end)
    if claim.kind == "event":
        if claim.value.period is not None:
            return _span(claim.value.period.start, claim.value.period.end)
        if claim.value.date:
            return date_range(claim.value.date)
    return None


def _span(start: str, end: str) -> tuple[dt.date, dt.date] | None:
    a, b = date_range(start), date_range(end)
    if a is None or b is None:
        return a or b
    return min(a[0], b[0]), max(a[1], b[1])


def _union(windows: Iterable[tuple[dt.date, dt.date] | None]) -> tuple[dt.date, dt.date] | None:
    found = [w for w in windows if w is not None]
    if not found:
        return None
    return min(w[0] for w in found), max(w[1] for w in found)


def document_keys(claims: Sequence[Claim], doc: Document | None) -> list[ClaimKeys]:
    """The keys of each of one document's claims, in order."""
    by_sentence: dict[int, list[tuple[dt.date, dt.date] | None]] = {}
    by_paragraph: dict[int, list[tuple[dt.date, dt.date] | None]] = {}
    for c in claims:
        if c.kind in TIME_KINDS:
            w = window_of(c)
            by_sentence.setdefault(c.sentence_index, []).append(w)
            by_paragraph.setdefault(c.paragraph, []).append(w)
    published = date_range(doc.meta.published) if doc and doc.meta.published else None
    out: list[ClaimKeys] = []
    for c in claims:
        if c.kind not in KEYED_KINDS:
            out.append(ClaimKeys())
            continue
        window = (window_of(c) if c.kind == "event" else None) \
            or _union(by_sentence.get(c.sentence_index, ())) \
            or _union(by_paragraph.get(c.paragraph, ())) \
            or published
        key, subject = _keys(c)
        out.append(ClaimKeys(
            key=key, subject=subject,
            first_day=window[0] if window else None, last_day=window[1] if window else None,
        ))
    return out


def _keys(claim: Claim) -> tuple[str, str | None]:
    if claim.kind == "count":
        return metric_key(claim.value.unit), subject_key(claim.value.subject)
    if claim.kind == "role":
        return person_key(claim.value.person), None
    return event_key(claim.value.event, claim.value.subject), subject_key(claim.value.subject)


def keys_for(claim: Claim, claims_of_its_doc: ClaimSet) -> ClaimKeys:
    """The keys of one claim, given a ClaimSet holding (at least) its document's claims."""
    own = claims_of_its_doc.by_doc(claim.doc)
    doc = claims_of_its_doc.documents.get(claim.doc)
    context = [c for c in own if c.kind in TIME_KINDS and c.paragraph == claim.paragraph]
    return document_keys([*context, claim], doc)[-1]


__all__ = [
    "ClaimKeys", "KEYED_KINDS", "TIME_KINDS", "MARGIN_DAYS", "document_keys", "keys_for",
    "metric_key", "person_key", "subject_key", "event_key", "window_of",
]
