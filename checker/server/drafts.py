"""A draft as a request gives it (JSON fields or an uploaded file) -> a validated Document.

Framework-free: every problem is a RequestError with the HTTP status it deserves and a message
for an editor, never a path or a traceback."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, StrictStr, ValidationError, field_validator

from checker.load import parse_bytes
from checker.models import Document, LoadError

DRAFT_ID = "draft"
TEXT_SUFFIXES = (".txt", ".md", ".markdown")
_META_MAX = 2000
# A document id becomes part of claim ids and file-like names: keep it plain.
DOC_ID = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$"


class RequestError(Exception):
    """A request the server refuses: the HTTP status and a message for the person sending it."""

    def __init__(self, status: int, message: str, details: list[dict[str, str]] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.details = details or []


class DraftMeta(BaseModel):
    """Metadata an editor may give with a draft; it overrides what the text's own header or
    front matter says."""

    model_config = ConfigDict(extra="forbid")

    title: StrictStr | None = Field(default=None, max_length=_META_MAX)
    source: StrictStr | None = Field(default=None, max_length=_META_MAX)
    url: StrictStr | None = Field(default=None, max_length=_META_MAX)
    published: StrictStr | None = Field(default=None, max_length=64)

    @field_validator("title", "source", mode="after")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None

    @field_validator("url", mode="after")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip()
        parts = urlsplit(value)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            raise ValueError("must be an http or https URL")
        return value

    @field_validator("published", mode="after")
    @classmethod
    def _date(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        return parse_published(value)


class DraftIn(DraftMeta):
    """The JSON body of POST /api/check. `id`, when given, is the archived article this draft
    is a new version of: that article is left out of the comparison, as `check --against`
    leaves out an archived document with a draft's file name."""

    text: StrictStr
    id: StrictStr | None = Field(default=None, pattern=DOC_ID)

    @field_validator("text", mode="after")
    @classmethod
    def _not_empty(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("is empty")
        return value


class IndexIn(DraftIn):
    """The JSON body of POST /api/documents: a published article and the id to file it as."""

    id: StrictStr = Field(pattern=DOC_ID)


class IndexMeta(DraftMeta):
    """The form fields of an uploaded article to index; the id defaults to the file's stem."""

    id: StrictStr | None = Field(default=None, pattern=DOC_ID)


_PUBLISHED = re.compile(
    r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?)?)?)?"
)


def parse_published(value: str) -> str:
    """An ISO date at the precision given: "2021", "2021-05", "2021-05-04",
    "2021-05-04T19:19" (seconds and zone are accepted and dropped)."""
    m = _PUBLISHED.fullmatch(value.strip())
    if not m:
        raise ValueError("is not a date (use YYYY-MM-DD, YYYY-MM or YYYY-MM-DDTHH:MM)")
    y, mo, d, hh, mm = m.groups()
    try:
        dt.date(int(y), int(mo or 1), int(d or 1))
        if hh is not None:
            dt.time(int(hh), int(mm))
    except ValueError:
        raise ValueError("is not a valid calendar date") from None
    out = y + (f"-{mo}" if mo else "") + (f"-{d}" if d else "")
    return out + (f"T{hh}:{mm}" if hh is not None else "")


def validate(model: type[BaseModel], data: Any) -> Any:
    """`model` from request data, or a 422 RequestError listing each field's problem."""
    if not isinstance(data, dict):
        raise RequestError(400, "the body must be a JSON object with a \"text\" field")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        details = [_detail(e) for e in exc.errors(include_url=False, include_input=False)]
        message = "; ".join(f"{d['field']} {d['message']}" for d in details)
        raise RequestError(422, f"invalid request: {message}", details) from None


def _detail(error: dict[str, Any]) -> dict[str, str]:
    field = ".".join(str(p) for p in error.get("loc", ())) or "body"
    kind = error.get("type", "")
    if kind == "missing":
        message = "is required"
    elif kind == "extra_forbidden":
        message = "is not a known field"
    elif kind == "string_type":
        message = "must be a string"
    elif kind == "string_too_long":
        message = f"is longer than {error.get('ctx', {}).get('max_length')} characters"
    elif kind == "string_pattern_mismatch":
        message = "may hold only letters, digits, '.', '_' and '-' (at most 128)"
    elif kind == "value_error":
        message = str(error.get("ctx", {}).get("error", error.get("msg", "")))
    else:
        message = str(error.get("msg", "is invalid"))
    return {"field": field, "message": message}


def from_json(draft: DraftIn) -> Document:
    """A pasted draft: read like a crawled .txt (a dateline names the outlet), then the
    metadata given with it wins."""
    text = draft.text.lstrip("\ufeff")
    doc_id = draft.id or DRAFT_ID
    name = f"{doc_id}.txt"
    return _finish(text.encode("utf-8"), name, ".txt", draft, doc_id)


def from_upload(
    filename: str, data: bytes, meta: DraftMeta, doc_id: str | None = None
) -> Document:
    """An uploaded .txt or .md file, read exactly as `claimcheck check` reads it: its id is
    its file stem (when that is a plain name), so an edited version of an archived article
    is not compared with its old self."""
    name = _public_name(filename)
    if doc_id is None:
        stem = upload_stem(filename)
        doc_id = stem if re.fullmatch(DOC_ID, stem) else DRAFT_ID
    suffix = "." + name.rpartition(".")[2].lower() if "." in name else ""
    if suffix not in TEXT_SUFFIXES:
        raise RequestError(415, "only .txt and .md files can be checked")
    if b"\x00" in data[:8192]:
        raise RequestError(415, "the file is binary, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise RequestError(415, f"the file is not UTF-8 text (line {line}); save it as UTF-8")\
            from None
    if not text.strip():
        raise RequestError(422, "invalid request: file is empty",
                         [{"field": "file", "message": "is empty"}])
    return _finish(data, name, suffix, meta, doc_id)


def upload_stem(filename: str) -> str:
    """The id an uploaded article is filed under when none is given: its file stem."""
    return _public_name(filename).rpartition(".")[0] or _public_name(filename)


def _finish(data: bytes, name: str, suffix: str, meta: DraftMeta, doc_id: str) -> Document:
    doc = parse_bytes(data, name, doc_id, suffix)
    if isinstance(doc, LoadError):
        line = f" (line {doc.line})" if doc.line else ""
        raise RequestError(422, f"the draft cannot be read{line}: {doc.message}")
    given = {k: v for k, v in meta.model_dump(include=set(DraftMeta.model_fields)).items()
             if v is not None}
    if given:
        doc = doc.model_copy(update={"meta": doc.meta.model_copy(update=given)})
    return doc


def _public_name(filename: str) -> str:
    """The base name of an uploaded file, as the browser sent it (never a server path)."""
    base = re.split(r"[\\/]", filename or "")[-1].strip()
    base = "".join(ch for ch in base if ch.isprintable())[:200]
    return base or "draft.txt"
