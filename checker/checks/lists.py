"""list-count-mismatch: a count and the patient codes or named items it enumerates that disagree.

The codes a count lists or ranges over are its `members` ("7 ca mắc mới (BN2911–BN2914)" has
4), as the count extractor records them from the codes written after the count in its
sentence ("45 ca, từ BN2866 đến BN2910" has 45). A count that heads a list ("13 ca nhập
cảnh:" above one line per patient, or a line of codes) is compared with the length of that
list. The count's qualifier makes the
interval the number must fall in ("hơn 10 ca" holds 11 or more)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict

from checker.checks.base import CheckInput, CheckType, Hit
from checker.models import Claim, Document
from checker.normalise.identifiers import find_runs
from checker.text import nfc

_BULLET = re.compile(r"[ \t]*(?:[-–•*+·]|\d{1,3}[.)]|[a-z][.)])?[ \t]*")
_REST_OF_LIST = re.compile(r"(?:[\s,;.()]|và|and)*")


class ListCountParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # Compare a count that ends a line with ":" with the list below it.
    heading_lists: bool = True
    # How far an "about" count may be from its list (a share of the count).
    about: float = 0.1


def _members(claim: Claim, doc: Document | None, params: ListCountParams,
             heading: bool) -> tuple[int, str]:
    """How many codes the count enumerates and how they are written; (0, "") if none."""
    if claim.value.members is not None:
        return int(claim.value.members), ""
    if doc is None:
        return 0, ""
    text = doc.text
    if params.heading_lists and heading:
        return _heading_list(text, claim)
    return 0, ""


def _heading_list(text: str, claim: Claim) -> tuple[int, str]:
    """The length of the list below a count whose line ends with ":": a line that holds only
    codes adds them all, a line that opens with a code ("- BN3001: nam, 25 tuổi") adds one."""
    line_end = text.find("\n", claim.end)
    if line_end == -1 or not text[claim.end:line_end].rstrip().endswith(":"):
        return 0, ""
    total, labels = 0, []
    for line in text[line_end + 1:].splitlines():
        if not line.strip():
            continue
        item = nfc(line[_BULLET.match(line).end():])
        runs = find_runs(item)
        if not runs or runs[0].start != 0:
            break
        rest = "".join(item[a.end:b.start] for a, b in zip(runs, [*runs[1:], None], strict=False)
                       if b is not None) + item[runs[-1].end:]
        if _REST_OF_LIST.fullmatch(rest):
            total += sum(r.size for r in runs)
            labels += [r.label() for r in runs]
        else:
            total += 1
            labels.append(runs[0].label().split(",")[0])
    if total < 2:
        return 0, ""
    return total, f"{labels[0]} … {labels[-1]}" if len(labels) > 1 else labels[0]


def _disagrees(claim: Claim, members: int, about: float) -> bool:
    v = claim.value
    if v.value is None or v.qualifier == "vague":
        return False
    n = float(v.value)
    if v.qualifier == "exact":
        return members != n
    if v.qualifier == "over":
        return members <= n
    if v.qualifier == "under":
        return members >= n
    if v.qualifier == "nearly":
        return members > n or members < n * (1 - about)
    return abs(members - n) > n * about  # about


def _list_count(inp: CheckInput) -> Iterator[Hit]:
    params: ListCountParams = inp.params  # type: ignore[assignment]
    for claim in inp.claims:
        if claim.kind != "count":
            continue
        doc = inp.claims.documents.get(claim.doc)
        # A heading with two counts ("45 ca, trong đó 13 ca nhập cảnh:") heads no one list.
        alone = not any(o.kind == "count" and o.line == claim.line and o.id != claim.id
                        for o in inp.claims.by_doc(claim.doc))
        members, listed = _members(claim, doc, params, heading=alone)
        if members < 2 or not _disagrees(claim, members, params.about):
            continue
        if not listed:
            runs = [r for r in find_runs(claim.sentence) if r.size == members]
            listed = runs[0].label() if runs else ""
        value = claim.value.value
        shown = str(int(value)) if float(value).is_integer() else str(value)
        yield Hit(
            claims=[claim],
            values={"value": shown, "members": str(members),
                    "listed": listed or "the items it lists", "unit": claim.value.unit},
            key=[str(members)],
        )


LIST_COUNT = CheckType(
    "list-count", ListCountParams, _list_count,
    "a count whose listed or ranged identifiers number differently",
)
