"""Reading a request body within the size limit, and turning it into a draft Document.

The limit is enforced twice: on Content-Length before reading (a client that announces too
much is refused at once), and while reading (a chunked or lying client is cut off as soon as
it passes the limit)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request

from checker.models import Document
from checker.server import drafts
from checker.server.drafts import DraftIn, DraftMeta, IndexIn, IndexMeta, RequestError

JSON_TYPES = ("application/json",)
UPLOAD_TYPES = ("multipart/form-data",)


@dataclass
class Payload:
    """A request body: JSON data, or an uploaded file with the other form fields."""

    data: Any = None
    filename: str | None = None
    content: bytes = b""


async def read_draft(request: Request, limit: int) -> Document:
    """The draft a POST /api/check carries: JSON fields or a .txt/.md upload."""
    payload = await read_payload(request, limit)
    if payload.filename is None:
        return drafts.from_json(drafts.validate(DraftIn, payload.data))
    meta = drafts.validate(DraftMeta, payload.data)
    return drafts.from_upload(payload.filename, payload.content, meta)


async def read_article(request: Request, limit: int) -> Document:
    """The published article a POST /api/documents carries, with the id to file it under."""
    payload = await read_payload(request, limit)
    if payload.filename is None:
        return drafts.from_json(drafts.validate(IndexIn, payload.data))
    meta = drafts.validate(IndexMeta, payload.data)
    doc_id = meta.id or drafts.upload_stem(payload.filename)
    if not re.fullmatch(drafts.DOC_ID, doc_id):
        raise RequestError(422, "invalid request: id is required when the file name is not a "
                           "plain name (letters, digits, '.', '_', '-')",
                           [{"field": "id", "message": "is required"}])
    return drafts.from_upload(payload.filename, payload.content, meta, doc_id)


async def read_payload(request: Request, limit: int) -> Payload:
    kind = media_type(request)
    if kind in JSON_TYPES:
        return Payload(data=parse_json(await read_limited(request, limit)))
    if kind in UPLOAD_TYPES:
        filename, content, fields = await read_upload(request, limit)
        return Payload(data=fields, filename=filename, content=content)
    raise RequestError(
        415, "send the draft as JSON (Content-Type: application/json) or as a .txt/.md file "
        "upload (Content-Type: multipart/form-data)",
    )


def media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


async def read_limited(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            size = int(declared)
        except ValueError:
            raise RequestError(400, "the Content-Length header is not a number") from None
        if size > limit:
            raise _too_large(limit)
    chunks: list[bytes] = []
    received = 0
    async for chunk in request.stream():
        received += len(chunk)
        if received > limit:
            raise _too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(limit: int) -> RequestError:
    return RequestError(413, f"the request body is larger than the limit of {_size(limit)}")


def _size(n: int) -> str:
    if n >= 1024 * 1024 and n % (1024 * 1024) == 0:
        return f"{n // (1024 * 1024)} MB"
    if n >= 1024 and n % 1024 == 0:
        return f"{n // 1024} KB"
    return f"{n} bytes"


def parse_json(body: bytes) -> Any:
    if not body.strip():
        raise RequestError(400, "the body is empty; send a JSON object with a \"text\" field")
    try:
        return json.loads(body.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise RequestError(400, "the body is not UTF-8 encoded JSON") from None
    except json.JSONDecodeError as exc:
        raise RequestError(
            400, f"the body is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None


async def read_upload(request: Request, limit: int) -> tuple[str, bytes, dict[str, Any]]:
    """(file name, file bytes, other form fields) of a multipart upload with one file."""
    body = await read_limited(request, limit)
    replayed = _replay(request, body)
    try:
        form = await replayed.form(max_files=1, max_fields=8, max_part_size=limit)
    except HTTPException as exc:
        raise RequestError(400, f"the multipart body is malformed: {exc.detail}") from None
    try:
        upload = form.get("file")
        fields: dict[str, Any] = {}
        for key, value in form.multi_items():
            if key == "file":
                continue
            if key in fields:
                raise RequestError(422, f"invalid request: {key} is given more than once",
                                 [{"field": key, "message": "is given more than once"}])
            fields[key] = value
        if not isinstance(upload, UploadFile):
            raise RequestError(422, "invalid request: file is required (a .txt or .md file)",
                             [{"field": "file", "message": "is required"}])
        content = await upload.read()
        return upload.filename or "", content, fields
    finally:
        await form.close()


def _replay(request: Request, body: bytes) -> Request:
    """A request whose body is the bytes already read, for Starlette's form parser."""
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return Request(request.scope, receive)
