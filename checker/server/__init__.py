"""`claimcheck serve`: an HTTP API and a browser page over the same pipeline, rules and JSON
contract as the command line. The server adds transport, validation and security headers, no
checking logic of its own.

The modules that import Starlette (app, body, headers, run) are imported only by
`claimcheck serve`, so the command line works without the `serve` extra."""

from __future__ import annotations

import importlib.util

# What `claimcheck serve` imports beyond the core: the ASGI framework, the server, and the
# form parser Starlette uses for file uploads (module `python_multipart`, once `multipart`).
_REQUIRED = {
    "starlette": ("starlette",),
    "uvicorn": ("uvicorn",),
    "python-multipart": ("python_multipart", "multipart"),
}


def missing_dependency() -> str | None:
    """The name of the first package of the `serve` extra that is not installed, or None."""
    for package, modules in _REQUIRED.items():
        if not any(_importable(m) for m in modules):
            return package
    return None


def _importable(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False
