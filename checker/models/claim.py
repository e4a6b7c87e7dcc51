"""Claims: what a document asserts, normalised, with its exact place in the file."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

Precision = Literal["day", "month", "year"]
PartOfDay = Literal["sáng", "trưa", "chiều", "tối", "đêm"]
Qualifier = Literal["exact", "over", "under", "about", "nearly", "vague"]


class Provenance(BaseModel):
    attribution: str | None = None
    speaker: str | None = None


class DateValue(BaseModel):
    date: str
    precision: Precision
    year_inferred: bool = False
    part_of_day: PartOfDay | None = None
    # Extensions to the contract, used by rules: the clock time ("18:00"), the weekday the
    # text states ("thứ Hai"), and what a relative expression was resolved against.
    time: str | None = None
    weekday: str | None = None
    anchor: str | None = None
    relative_days: int | None = None  # "hôm qua (29/4)": -1, counted from `anchor`


class PeriodValue(BaseModel):
    start: str
    end: str
    precision: Precision
    year_inferred: bool = False
    start_time: str | None = None
    end_time: str | None = None
    anchor: str | None = None


class CountValue(BaseModel):
    value: float | int | None = None
    min: float | int | None = None
    max: float | int | None = None
    qualifier: Qualifier = "exact"
    unit: str = ""
    subject: str = ""
    members: int | None = None
    # Extensions to the contract, used by rules: the resolution of the written figure
    # ("3,3 triệu" -> 100000; None = exact), what the count counts as done ("khởi tố"), the
    # place its clause names, the total/parts structure of its sentence (`group` on a total,
    # `part_of` on its parts, `listing` "all" for "bao gồm" and "some" for "trong đó"), and
    # for a duration the dates the text says it runs between.
    step: float | int | None = None
    action: str | None = None
    place: str | None = None
    group: str | None = None
    part_of: str | None = None
    listing: Literal["all", "some"] | None = None
    since: str | None = None
    until: str | None = None


class RoleValue(BaseModel):
    person: str
    rank: str | None = None
    title: str | None = None
    organization: str | None = None
    former: bool = False


class EventPeriod(BaseModel):
    start: str
    end: str
    start_time: str | None = None
    end_time: str | None = None


class EventValue(BaseModel):
    event: str
    subject: str
    date: str | None = None
    period: EventPeriod | None = None
    time: str | None = None
    place: str | None = None
    anchor: str | None = None
    # Extension to the contract: who chaired or organised a meeting ("Nguyễn Văn Sơn"),
    # so two meetings of one name under different chairs are not taken for one.
    agent: str | None = None


class _ClaimBase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    doc: str
    text: str
    start: int
    end: int
    line: int
    column: int
    sentence: str
    provenance: Provenance = Field(default_factory=Provenance)
    # Internal position data for rules; not part of the JSON contract.
    paragraph: int = Field(default=0, exclude=True)
    sentence_index: int = Field(default=0, exclude=True)


class DateClaim(_ClaimBase):
    kind: Literal["date"] = "date"
    value: DateValue


class PeriodClaim(_ClaimBase):
    kind: Literal["period"] = "period"
    value: PeriodValue


class CountClaim(_ClaimBase):
    kind: Literal["count"] = "count"
    value: CountValue


class RoleClaim(_ClaimBase):
    kind: Literal["role"] = "role"
    value: RoleValue


class EventClaim(_ClaimBase):
    kind: Literal["event"] = "event"
    value: EventValue


Claim = Annotated[
    DateClaim | PeriodClaim | CountClaim | RoleClaim | EventClaim,
    Field(discriminator="kind"),
]
ClaimKind = Literal["date", "period", "count", "role", "event"]


class RawClaim(BaseModel):
    """What an extractor yields: a kind, a span in the NFC text and a value. The pipeline
    maps the span back to the original text and turns it into a Claim."""

    kind: ClaimKind
    start: int
    end: int
    value: dict
    provenance: Provenance | None = None
