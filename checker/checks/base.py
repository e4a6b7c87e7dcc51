"""What a check type is: a params model and one function from selected claims to hits.
The engine owns selection, messages, severity, fingerprints and suppression."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from checker.claimset import ClaimSet
from checker.models import Claim, Rule


class NoParams(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Hit(BaseModel):
    """One problem found by a check. `values` fill the rule's message template; `docs` name
    documents for findings that concern a whole document rather than claims."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    claims: list[Claim] = Field(default_factory=list)
    docs: list[str] = Field(default_factory=list)
    values: dict[str, str] = Field(default_factory=dict)
    # Extra text that identifies this hit for fingerprints (e.g. a missing field's name).
    key: list[str] = Field(default_factory=list)


@dataclass(frozen=True)
class CheckInput:
    rule: Rule
    params: BaseModel
    claims: ClaimSet  # already narrowed by the rule's `select`


@dataclass(frozen=True)
class CheckType:
    name: str
    params: type[BaseModel]
    evaluate: Callable[[CheckInput], Iterator[Hit]]
    summary: str
    scope: Literal["document", "corpus"] = "document"
