"""Documents as loaded from disk, and the segments the segmenter finds in them."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class DocumentMeta(BaseModel):
    """Metadata of a document. `published` keeps the precision it was given with:
    "2021-05" is a month, "2021-05-02" a day, "2021-05-02T19:19" a day and a time."""

    model_config = ConfigDict(extra="forbid")

    source: str | None = None
    published: str | None = None
    url: str | None = None
    title: str | None = None


class Segment(BaseModel):
    """A paragraph or a sentence: offsets into the original decoded text."""

    model_config = ConfigDict(frozen=True)

    start: int
    end: int
    line: int
    column: int
    paragraph: int = 0


class Document(BaseModel):
    """One input document. `text` is the decoded file text (BOM removed, line ends kept);
    every offset in the project points into it. `body_start` is where the article body
    begins once the crawl header and the dateline are skipped."""

    id: str
    path: str
    meta: DocumentMeta = Field(default_factory=DocumentMeta)
    text: str = ""
    body_start: int = 0
    author: str | None = None
    # The date an outlet's dateline gives ("KTĐT| 02/05/2021 19:19"), kept even when it
    # disagrees with the metadata so the date-metadata-mismatch rule can say so.
    dateline: str | None = None
    sha256: str = ""

    def ref(self) -> DocumentRef:
        return DocumentRef(id=self.id, path=self.path, meta=self.meta)


class DocumentRef(BaseModel):
    """A document as the JSON contract names it."""

    id: str
    path: str
    meta: DocumentMeta


class LoadError(BaseModel):
    """A file that could not be read as a document: shown as one line, never a traceback."""

    path: str
    line: int | None = None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"
