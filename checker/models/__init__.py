"""Pydantic models for everything that crosses a module boundary."""

from checker.models.claim import (
    Claim,
    ClaimKind,
    CountClaim,
    CountValue,
    DateClaim,
    DateValue,
    EventClaim,
    EventValue,
    PeriodClaim,
    PeriodValue,
    Provenance,
    RawClaim,
    RoleClaim,
    RoleValue,
)
from checker.models.document import Document, DocumentMeta, DocumentRef, LoadError, Segment
from checker.models.report import (
    Finding,
    Location,
    Report,
    RuleInfo,
    Severity,
    Summary,
    Suppressed,
)
from checker.models.rule import Example, Rule, Selection

__all__ = [
    "Claim", "ClaimKind", "CountClaim", "CountValue", "DateClaim", "DateValue", "EventClaim",
    "EventValue", "PeriodClaim", "PeriodValue", "Provenance", "RawClaim", "RoleClaim",
    "RoleValue", "Document", "DocumentMeta", "DocumentRef", "LoadError", "Segment", "Finding",
    "Location", "Report", "RuleInfo", "Severity", "Summary", "Suppressed", "Example", "Rule",
    "Selection",
]
