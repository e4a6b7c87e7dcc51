"""Rules as data: a rule picks one built-in check type and configures it.

The check-type-specific `params` are validated against the chosen check's own pydantic model
(see checker.checks), so unknown keys anywhere in a rule are errors."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from checker.models.claim import ClaimKind
from checker.models.report import Severity


class Selection(BaseModel):
    """Which claims a rule looks at. Empty lists mean no restriction."""

    model_config = ConfigDict(extra="forbid")

    kinds: list[ClaimKind] = Field(default_factory=list)
    units: list[str] = Field(default_factory=list)
    events: list[str] = Field(default_factory=list)


class Example(BaseModel):
    """A document that makes the rule fire (fires: true) or stay quiet; `explain` shows it
    and the catalogue test runs it."""

    model_config = ConfigDict(extra="forbid")

    text: str
    fires: bool
    published: str | None = None
    source: str | None = "Example"


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    check: str
    severity: Severity = Severity.warning
    message: str
    description: str = ""
    select: Selection = Field(default_factory=Selection)
    params: dict[str, Any] = Field(default_factory=dict)
    examples: list[Example] = Field(default_factory=list)
    # Where the rule was read from, for error messages and `claimcheck rules`.
    origin: str = Field(default="", exclude=True)
