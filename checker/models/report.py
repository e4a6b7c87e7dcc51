"""Findings and the report: the one result every renderer reads."""

from __future__ import annotations

import enum
import hashlib
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from checker.models.claim import Claim
from checker.models.document import Document, LoadError


class Severity(enum.StrEnum):
    info = "info"
    warning = "warning"
    error = "error"

    @property
    def rank(self) -> int:
        return _RANK[self.value]


_RANK = {"info": 1, "warning": 2, "error": 3}


class Location(BaseModel):
    model_config = ConfigDict(frozen=True)

    doc: str
    path: str
    start: int
    end: int
    line: int
    column: int


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True)

    rule: str
    severity: Severity
    message: str
    claims: list[str] = Field(default_factory=list)
    locations: list[Location] = Field(default_factory=list)
    # Stable under edits elsewhere in a document: built from the rule, the documents and
    # the claims' normalised text, never from offsets or line numbers.
    fingerprint: str = ""

    def sort_key(self) -> tuple:
        first = self.locations[0] if self.locations else None
        return (
            first.path if first else "",
            first.line if first else 0,
            first.column if first else 0,
            self.rule,
            self.message,
        )


def fingerprint(rule: str, parts: list[str]) -> str:
    digest = hashlib.sha256("\x1f".join([rule, *sorted(parts)]).encode("utf-8"))
    return digest.hexdigest()[:16]


class Summary(BaseModel):
    documents: int = 0
    claims: int = 0
    findings: dict[str, int] = Field(
        default_factory=lambda: {"error": 0, "warning": 0, "info": 0}
    )
    suppressed: int = 0
    errors: int = 0


class RuleInfo(BaseModel):
    """What a report says about a rule that ran, so renderers (SARIF's rule table, HTML's
    filter) need nothing but the Report."""

    id: str
    check: str
    severity: Severity
    description: str = ""
    message: str = ""
    example: str | None = None  # a text that makes the rule fire

    @property
    def summary(self) -> str:
        """The first sentence of the description."""
        return first_sentence(self.description)


def first_sentence(text: str) -> str:
    flat = " ".join(text.split())
    m = re.search(r"(?<=[.!?])\s+(?=[A-ZÀ-Ỹ\"“(])", flat)
    return flat[: m.start()] if m else flat


class Suppressed(BaseModel):
    """A finding that was not reported: silenced by a directive in the document (`inline`)
    or already known in the baseline (`baseline`). Counted in the summary, never lost."""

    finding: Finding
    kind: Literal["inline", "baseline"]
    # Where the directive is (path:line), or the baseline file.
    origin: str = ""


class Report(BaseModel):
    """The result of a run. `documents` carry their text so renderers can quote and
    highlight; the JSON renderer writes only the contract's fields."""

    documents: list[Document] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    errors: list[LoadError] = Field(default_factory=list)
    summary: Summary = Field(default_factory=Summary)
    fail_on: str = "error"
    rules: list[RuleInfo] = Field(default_factory=list)
    suppressed: list[Suppressed] = Field(default_factory=list)
    # The folder that paths in SARIF and annotations are made relative to (the working
    # directory of the run); None keeps paths as they were given.
    root: str | None = None
    # Ids of `documents` that come from a ledger (archived articles a draft was checked
    # against), so renderers can show where and when they were published.
    archived: list[str] = Field(default_factory=list)

    def claim_by_id(self) -> dict[str, Claim]:
        return {c.id: c for c in self.claims}

    def document_by_id(self) -> dict[str, Document]:
        return {d.id: d for d in self.documents}

    def failed(self) -> bool:
        if self.fail_on == "never":
            return False
        floor = Severity(self.fail_on).rank
        return any(f.severity.rank >= floor for f in self.findings)
