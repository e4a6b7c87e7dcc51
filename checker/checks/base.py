"""What a check type is: a params model and one function from selected claims to hits.
The engine owns selection, messages, severity, fingerprints and suppression."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

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


T = TypeVar("T")


@dataclass(frozen=True)
class CheckInput:
    rule: Rule
    params: BaseModel
    claims: ClaimSet  # already narrowed by the rule's `select`
    # The documents the run reports on, when the others are only context (drafts checked
    # against a ledger): hits that name none of them are dropped, so checks need not make them.
    focus: frozenset[str] | None = None

    def in_focus(self, *claims: Claim) -> bool:
        return self.focus is None or any(c.doc in self.focus for c in claims)

    def pairs(self, items: Sequence[T], claim_of: Callable[[T], Claim]) -> Iterator[tuple[T, T]]:
        """Every pair (a, b) of `items`, a before b; with a focus, only the pairs that involve
        a focus document, found in focus × items steps rather than items²."""
        if self.focus is None:
            for i, a in enumerate(items):
                for b in items[i + 1 :]:
                    yield a, b
            return
        focus = self.focus
        inside = [claim_of(x).doc in focus for x in items]
        for i, a in enumerate(items):
            if inside[i]:
                # Pairs with an earlier item outside the focus; later items are paired below.
                for j in range(i):
                    if not inside[j]:
                        yield items[j], a
                for b in items[i + 1 :]:
                    yield a, b


@dataclass(frozen=True)
class CheckType:
    name: str
    params: type[BaseModel]
    evaluate: Callable[[CheckInput], Iterator[Hit]]
    summary: str
    scope: Literal["document", "corpus"] = "document"


class DisjointSets:
    """Items 0..n-1 joined into groups (union-find): the groups of a relation found without
    comparing every pair."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        self.parent[self.find(i)] = self.find(j)

    def groups(self, items: Iterable[int]) -> list[list[int]]:
        """The groups of `items`, each in the order given, in the order their first items
        come."""
        out: dict[int, list[int]] = {}
        for i in items:
            out.setdefault(self.find(i), []).append(i)
        return list(out.values())
