"""Built-in check types: the closed set a rule's `check:` picks from. An explicit registry,
kept complete by a test."""

from checker.checks import counts, dates, duration, events, lists, parts, provenance, roles
from checker.checks.base import CheckType

CHECKS: dict[str, CheckType] = {
    c.name: c
    for c in (
        dates.ORDER,
        dates.AFTER_PUBLICATION,
        dates.WEEKDAY,
        dates.METADATA_DATE,
        dates.REQUIRE_METADATA,
        events.EVENT_MISMATCH,
        roles.ROLE_CONFLICT,
        provenance.REQUIRE_ATTRIBUTION,
        lists.LIST_COUNT,
        counts.COUNT_CONFLICT,
        parts.PARTS_SUM,
        parts.SUBSET_TOTAL,
        duration.DURATION,
    )
}
