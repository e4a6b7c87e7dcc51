"""Checks over date and period claims: window order, windows after publication, weekdays,
and the metadata date against the dates the text reports."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict

from checker.checks.base import CheckInput, CheckType, Hit, NoParams
from checker.normalise.dates import (
    compare_dates,
    relative_day,
    weekday_index,
    weekday_name,
    weekday_of,
)
from checker.normalise.tense import looks_ahead, starts_at


def _window(claim) -> tuple[str, str] | None:
    if claim.kind == "period":
        return claim.value.start, claim.value.end
    if claim.kind == "event" and claim.value.period is not None:
        return claim.value.period.start, claim.value.period.end
    return None


def _order(inp: CheckInput) -> Iterator[Hit]:
    for claim in inp.claims:
        window = _window(claim)
        if window is None:
            continue
        start, end = window
        cmp = compare_dates(start, end)
        if cmp == 1 or (cmp == 0 and _times_reversed(claim, start, end)):
            yield Hit(claims=[claim], values={"start": start, "end": end})


def _times_reversed(claim, start: str, end: str) -> bool:
    value = claim.value.period if claim.kind == "event" else claim.value
    st, et = getattr(value, "start_time", None), getattr(value, "end_time", None)
    return bool(start == end and st and et and st > et)


class PublicationParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # Skip claims in sentences that look ahead (plans, terms of office, forecasts).
    skip_future: bool = True


def _after_publication(inp: CheckInput) -> Iterator[Hit]:
    params: PublicationParams = inp.params  # type: ignore[assignment]
    for claim in inp.claims:
        doc = inp.claims.documents.get(claim.doc)
        published = doc.meta.published if doc else None
        if not published:
            continue
        window = _window(claim)
        end = window[1] if window else None
        if claim.kind == "event" and end is None:
            end = claim.value.date
        if not end or compare_dates(end, published) != 1:
            continue
        if params.skip_future and looks_ahead(claim.sentence):
            continue
        yield Hit(claims=[claim], values={"end": end, "published": published})


def _weekday(inp: CheckInput) -> Iterator[Hit]:
    for claim in inp.claims:
        if claim.kind != "date" or not claim.value.weekday:
            continue
        stated = weekday_index(claim.value.weekday)
        actual = weekday_of(claim.value.date)
        if stated is None or actual is None or stated == actual:
            continue
        yield Hit(
            claims=[claim],
            values={"date": claim.value.date, "stated": claim.value.weekday,
                    "actual": weekday_name(actual)},
        )


def _metadata_date(inp: CheckInput) -> Iterator[Hit]:
    params: PublicationParams = inp.params  # type: ignore[assignment]
    for doc in inp.claims.documents.values():
        published = doc.meta.published
        if not published:
            continue
        if doc.dateline and compare_dates(doc.dateline, published) != 0:
            yield Hit(docs=[doc.id], key=["dateline", doc.dateline],
                      values={"date": doc.dateline, "published": published,
                              "what": f"has the dateline {doc.dateline}"})
        claims = inp.claims.by_doc(doc.id)
        events = [c for c in claims if c.kind == "event" and c.value.date]
        for claim in claims:
            if claim.kind != "date":
                continue
            v = claim.value
            if v.anchor:
                # "Sáng nay (29/4)" in a document dated 30/4: the text's own today disagrees.
                if v.relative_days is not None and v.precision == "day" and v.date != (
                    relative_day(v.relative_days, v.anchor)
                ):
                    yield Hit(claims=[claim], values={
                        "date": v.date, "published": published,
                        "what": f"says “{claim.text}”"})
                continue
            if compare_dates(v.date, published) != 1:
                continue
            if params.skip_future and looks_ahead(claim.sentence):
                continue
            if params.skip_future and starts_at(doc.text[max(0, claim.start - 40):claim.start]):
                continue
            if any(e.start <= claim.start < e.end and e.value.date == v.date for e in events):
                continue  # the event's own date: one finding, period-after-publication's
            yield Hit(claims=[claim], values={
                "date": v.date, "published": published, "what": f"reports {v.date} as past"})


def _missing_metadata(inp: CheckInput) -> Iterator[Hit]:
    params: MetadataParams = inp.params  # type: ignore[assignment]
    names = {"source": "source", "published": "publication date", "url": "URL", "title": "title"}
    for doc in inp.claims.documents.values():
        missing = [f for f in params.fields if not getattr(doc.meta, f)]
        if missing:
            yield Hit(
                docs=[doc.id],
                values={"missing": " and ".join(names[f] for f in missing),
                        "fields": ", ".join(missing)},
                key=missing,
            )


class MetadataParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    fields: list[Literal["source", "published", "url", "title"]] = ["source", "published"]


ORDER = CheckType("period-order", NoParams, _order, "a window whose start is after its end")
AFTER_PUBLICATION = CheckType(
    "after-publication", PublicationParams, _after_publication,
    "a window or event reported as past that ends after the document's publication",
)
WEEKDAY = CheckType(
    "weekday", NoParams, _weekday, "a stated weekday that its date does not fall on"
)
METADATA_DATE = CheckType(
    "metadata-date", PublicationParams, _metadata_date,
    "the metadata date disagrees with the dateline or the dates the text reports",
)
REQUIRE_METADATA = CheckType(
    "require-metadata", MetadataParams, _missing_metadata,
    "a document without the metadata fields the rule requires",
)
