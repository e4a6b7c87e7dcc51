"""The Starlette application: routes, error handlers and the worker pool. It moves bytes and
validates; the checking is the backend's (the same pipeline and rules as the command line)."""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from checker import __version__
from checker.server.backend import Backend
from checker.server.body import read_article, read_draft
from checker.server.drafts import RequestError
from checker.server.headers import SecurityHeaders, internal_error_body
from checker.server.payload import check_response
from checker.server.settings import ServerSettings

STATIC = Path(__file__).resolve().parent / "static"
log = logging.getLogger("claimcheck.server")
T = TypeVar("T")


def create_app(backend: Backend, settings: ServerSettings | None = None) -> SecurityHeaders:
    settings = settings or ServerSettings()
    pool = ThreadPoolExecutor(max_workers=settings.workers, thread_name_prefix="claimcheck")

    async def in_pool(fn: Callable[..., T], *args: Any) -> T:
        # The check is CPU-bound and may be slow on a huge draft: it runs in a worker thread
        # and the request gives up after the timeout (the thread finishes on its own).
        future = asyncio.wrap_future(pool.submit(fn, *args))
        try:
            return await asyncio.wait_for(future, settings.check_timeout)
        except TimeoutError:
            raise RequestError(
                503, f"the check did not finish within {settings.check_timeout:g} s; "
                "try again later or with a shorter draft",
            ) from None

    async def page(request: Request) -> Response:
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    async def check(request: Request) -> Response:
        draft = await read_draft(request, settings.max_body_bytes)
        report = await in_pool(backend.check, [draft])
        return _json(check_response(report, draft))

    async def rules(request: Request) -> Response:
        return _json({"rules": [
            {"id": r.id, "check": r.check, "severity": r.severity.value,
             "message": r.message, "description": r.description.strip()}
            for r in backend.rules
        ]})

    async def ledger(request: Request) -> Response:
        if backend.stats is None:
            raise RequestError(404, "this server runs without a ledger (start it with --ledger)")
        return _json(await in_pool(backend.stats))

    async def health(request: Request) -> Response:
        return _json({"status": "ok", "version": __version__,
                      "ledger": backend.stats is not None})

    async def add_document(request: Request) -> Response:
        _authorise(request, settings.index_token or "")
        article = await read_article(request, settings.max_body_bytes)
        assert backend.index is not None
        return _json(await in_pool(backend.index, article), status=201)

    routes: list[BaseRoute] = [
        Route("/", page, methods=["GET"]),
        Route("/api/check", check, methods=["POST"]),
        Route("/api/rules", rules, methods=["GET"]),
        Route("/api/ledger", ledger, methods=["GET"]),
        Route("/health", health, methods=["GET"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    if settings.allow_index and backend.index is not None:
        routes.append(Route("/api/documents", add_document, methods=["POST"]))

    middleware: list[Middleware] = []
    if settings.cors_origins:
        middleware.append(Middleware(
            CORSMiddleware, allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"], allow_headers=["Content-Type", "Authorization"],
        ))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        pool.shutdown(wait=False, cancel_futures=True)

    app = Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={
            RequestError: _request_error,
            HTTPException: _http_error,
            Exception: _internal_error,
        },
        lifespan=lifespan,
    )
    return SecurityHeaders(app)


def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(data, status_code=status,
                        headers={"Cache-Control": "no-store", **(headers or {})})


def _authorise(request: Request, token: str) -> None:
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    # Compared in constant time, and as bytes so a non-ASCII header cannot raise.
    ok = scheme.lower() == "bearer" and hmac.compare_digest(
        given.strip().encode("utf-8"), token.encode("utf-8")
    )
    if not ok:
        raise RequestError(401, "indexing needs the server's token (Authorization: Bearer ...)")


async def _request_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestError)
    body: dict[str, Any] = {"error": exc.message, "status": exc.status}
    if exc.details:
        body["details"] = exc.details
    headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
    return _json(body, exc.status, headers)


_REASONS = {404: "not found", 405: "method not allowed"}


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = _REASONS.get(exc.status_code) or str(exc.detail)
    return _json({"error": message, "status": exc.status_code}, exc.status_code,
                 dict(exc.headers or {}))


async def _internal_error(request: Request, exc: Exception) -> Response:
    # Starlette re-raises after sending this; SecurityHeaders logs the traceback once.
    return _json(internal_error_body(), 500)
