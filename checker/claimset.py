"""ClaimSet: the claims of one run (or a draft plus its related archived claims), indexed the
ways the checks need them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from checker.models import Claim, Document


class ClaimSet:
    def __init__(self, claims: Iterable[Claim], documents: Iterable[Document]) -> None:
        self.claims: list[Claim] = list(claims)
        self.documents: dict[str, Document] = {d.id: d for d in documents}
        self._by_doc: dict[str, list[Claim]] = defaultdict(list)
        self._by_kind: dict[str, list[Claim]] = defaultdict(list)
        self._by_id: dict[str, Claim] = {}
        for c in self.claims:
            self._by_doc[c.doc].append(c)
            self._by_kind[c.kind].append(c)
            self._by_id[c.id] = c

    def __len__(self) -> int:
        return len(self.claims)

    def __iter__(self):
        return iter(self.claims)

    def by_doc(self, doc_id: str) -> list[Claim]:
        return self._by_doc.get(doc_id, [])

    def of_kind(self, *kinds: str) -> list[Claim]:
        out: list[Claim] = []
        for k in kinds:
            out.extend(self._by_kind.get(k, []))
        return out

    def get(self, claim_id: str) -> Claim | None:
        return self._by_id.get(claim_id)

    def in_paragraph(self, claim: Claim, *kinds: str) -> list[Claim]:
        """Claims of the given kinds in the same paragraph of the same document."""
        return [
            c for c in self.by_doc(claim.doc)
            if c.paragraph == claim.paragraph and (not kinds or c.kind in kinds)
        ]

    def subset(self, claims: Iterable[Claim]) -> ClaimSet:
        return ClaimSet(claims, self.documents.values())
