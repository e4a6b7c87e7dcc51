"""Starts the application under uvicorn."""

from __future__ import annotations

import uvicorn

from checker.server.app import create_app
from checker.server.backend import Backend
from checker.server.settings import ServerSettings


def serve(backend: Backend, settings: ServerSettings, host: str, port: int) -> None:
    app = create_app(backend, settings)
    # No Server header: nothing to tell a scanner. Proxy headers are not trusted by default.
    uvicorn.run(app, host=host, port=port, server_header=False, proxy_headers=False,
                log_level="info")
