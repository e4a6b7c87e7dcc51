"""Extractors: one module per claim kind. Each is `extract(ctx) -> Iterable[RawClaim]` over the
NFC text of one document; spans are NFC offsets and the pipeline maps them back.

They run in the order of EXTRACTORS, and each sees what the earlier ones found in
`ctx.found` (counts skip the spans dates took; events refer to dates and counts)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from pydantic import BaseModel, ConfigDict, Field

from checker.models import Document, RawClaim
from checker.segment import Segmentation


class ExtractContext(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    doc: Document
    text: str  # the document's text in NFC
    body_start: int  # where the body starts, as an NFC offset
    segments: Segmentation  # paragraphs and sentences, NFC offsets
    found: list[RawClaim] = Field(default_factory=list)

    @property
    def published(self) -> str | None:
        return self.doc.meta.published


Extractor = Callable[[ExtractContext], Iterable[RawClaim]]


def extractors() -> list[Extractor]:
    """The extractors in the order they run."""
    from checker.extract import counts, dates, dates_english, events, roles

    return [dates.extract, dates_english.extract, counts.extract, roles.extract, events.extract]
