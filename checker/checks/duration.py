"""duration: a stated number of days (weeks, months) against the dates the text gives for
its ends, as the count extractor links them (`since`/`until`): "trong 5 ngày, từ 29/4 đến
3/5" (the window), "sau 34 ngày không ghi nhận ca mắc mới" (from the last case's date to the
next case's).

Texts count both ways: a window 29/4–3/5 is "5 ngày" counted inclusively and "4 ngày" as a
difference, and a gap from 25/3 to 29/4 is 35 days apart with 34 whole days between. So the
stated figure is compared with the difference ± 1 day (plus `tolerance_days`), and longer
units at their own resolution (a week ± 3.5 days, a month ± half a month). Qualifiers widen
the figure as they do for every count ("hơn 30 ngày")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from checker import lexicon
from checker.checks.base import CheckInput, CheckType, Hit
from checker.models import CountClaim, CountValue
from checker.normalise.intervals import compatible


class DurationParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    tolerance_days: int = Field(default=0, ge=0)
    tolerance: float = Field(default=0.1, ge=0, le=1)


def _days(a: str, b: str) -> int | None:
    try:
        return (dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days
    except ValueError:
        return None


def _evaluate(inp: CheckInput) -> Iterator[Hit]:
    p: DurationParams = inp.params  # type: ignore[assignment]
    lengths = (lexicon.load("units") or {}).get("durations") or {}
    claims: list[CountClaim] = inp.claims.of_kind("count")  # type: ignore[assignment]
    for claim in claims:
        v = claim.value
        if not (v.since and v.until) or v.unit not in lengths:
            continue
        days = _days(v.since, v.until)
        if days is None or days < 0:
            continue
        unit_days = float(lengths[v.unit])
        stated = CountValue(
            value=None if v.value is None else v.value * unit_days,
            min=None if v.min is None else v.min * unit_days,
            max=None if v.max is None else v.max * unit_days,
            qualifier=v.qualifier, step=unit_days if unit_days > 1 else v.step,
        )
        slack = 1 + p.tolerance_days
        actual = CountValue(value=None, min=days - slack, max=days + slack)
        if not compatible(stated, actual, p.tolerance):
            yield Hit(
                claims=[claim],
                values={"since": v.since, "until": v.until, "days": str(days),
                        "stated": claim.text},
            )


DURATION = CheckType(
    "duration", DurationParams, _evaluate,
    "a stated number of days that the dates the text gives for its ends do not allow",
)
