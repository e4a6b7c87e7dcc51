"""Statistical claims that no attribution reaches (see checker.extract.provenance for how far
an attribution reaches). Which claims count as statistics is the rule's choice: `select`
picks claim kinds and count units, and `ignore_units` drops units that measure time rather
than count things ("sau 34 ngày")."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from checker.checks.base import CheckInput, CheckType, Hit
from checker.models import Claim
from checker.normalise.names import name_key


class AttributionParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ignore_units: list[str] = Field(default_factory=list)


def _unattributed(inp: CheckInput) -> Iterator[Hit]:
    params: AttributionParams = inp.params  # type: ignore[assignment]
    ignored = {name_key(u) for u in params.ignore_units}
    # A headline or lead that repeats a figure the body attributes ("4 người tử vong" over
    # "… làm 4 người tử vong, Ban Chỉ huy … cho biết") is sourced by that attribution.
    sourced = {_figure(c) for c in inp.claims if c.provenance.attribution}
    for claim in inp.claims:
        if claim.provenance.attribution or _figure(claim) in sourced:
            continue
        if claim.kind == "count" and name_key(claim.value.unit) in ignored:
            continue
        yield Hit(claims=[claim], values={"kind": claim.kind})


def _figure(claim: Claim) -> tuple[str, str, str, str]:
    value = claim.value
    if claim.kind == "count":
        return (claim.doc, claim.kind, name_key(value.unit or ""),
                repr((value.value, value.min, value.max)))
    return (claim.doc, claim.kind, "", claim.text)


REQUIRE_ATTRIBUTION = CheckType(
    "require-attribution", AttributionParams, _unattributed,
    "a selected claim that no attribution cue reaches",
)
