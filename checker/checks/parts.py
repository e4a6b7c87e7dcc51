"""Totals and their parts, as the count extractor links them within a sentence ("20 ca mắc
mới, trong đó 12 ca nhập cảnh và 8 ca trong nước"; "bao gồm 17 ca ...; 06 ca ..."; "Hà Nam
(2), Vĩnh Phúc (6)"): the total carries `group` and `listing`, each part `part_of`.

parts-sum: a complete list ("bao gồm", "gồm", a parenthesised list) whose parts cannot add
up to the total, or a partial one ("trong đó") whose parts add up to more than the total.
Lists of one part, and lists where one part alone exceeds the total (subset-total's finding),
are left alone.
subset-total: a part larger than its total ("11 đồng chí ..., trong đó 16 đồng chí ...").

Values are intervals (checker.normalise.intervals), so "khoảng 20 ca, trong đó 12 ... và 9
..." is not a contradiction within ±10%."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from checker.checks.base import CheckInput, CheckType, Hit
from checker.models import CountClaim
from checker.normalise.intervals import describe, interval, total_of


class PartsParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    tolerance: float = Field(default=0.1, ge=0, le=1)
    # A partial list ("trong đó") is flagged only when its parts exceed the total; set to
    # true to read every list as complete.
    partial_lists_are_complete: bool = False


class SubsetParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    tolerance: float = Field(default=0.1, ge=0, le=1)


def _groups(inp: CheckInput) -> Iterator[tuple[CountClaim, list[CountClaim]]]:
    counts: list[CountClaim] = inp.claims.of_kind("count")  # type: ignore[assignment]
    parts: dict[tuple[str, str], list[CountClaim]] = defaultdict(list)
    for c in counts:
        if c.value.part_of:
            parts[(c.doc, c.value.part_of)].append(c)
    for c in counts:
        if c.value.group and (c.doc, c.value.group) in parts:
            yield c, parts[(c.doc, c.value.group)]


def _parts_sum(inp: CheckInput) -> Iterator[Hit]:
    p: PartsParams = inp.params  # type: ignore[assignment]
    for total, parts in _groups(inp):
        if len(parts) < 2:
            continue
        whole = interval(total.value, p.tolerance)
        if any(interval(x.value, p.tolerance).above(whole) for x in parts):
            continue
        summed = total_of([x.value for x in parts], p.tolerance)
        complete = total.value.listing == "all" or p.partial_lists_are_complete
        wrong = not summed.overlaps(whole) if complete else summed.above(whole)
        if wrong:
            yield Hit(
                claims=[total, *parts],
                values={
                    "total": total.text, "total_range": describe(whole),
                    "sum": describe(summed), "parts": " + ".join(x.text for x in parts),
                    "listing": "complete" if complete else "partial",
                },
            )


def _subset(inp: CheckInput) -> Iterator[Hit]:
    p: SubsetParams = inp.params  # type: ignore[assignment]
    for total, parts in _groups(inp):
        whole = interval(total.value, p.tolerance)
        for part in parts:
            if interval(part.value, p.tolerance).above(whole):
                yield Hit(
                    claims=[total, part],
                    values={"total": total.text, "part": part.text,
                            "total_range": describe(whole)},
                )


PARTS_SUM = CheckType(
    "parts-sum", PartsParams, _parts_sum,
    "a total whose listed parts do not add up to it",
)
SUBSET_TOTAL = CheckType(
    "subset-total", SubsetParams, _subset, "a part larger than the total it belongs to",
)
