"""How a server runs: limits, timeouts, what it may do. No web framework imported here."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

MB = 1024 * 1024


class ServerSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    # A request body larger than this is refused with 413, whether it says so in
    # Content-Length or only while it streams.
    max_body_bytes: int = Field(default=1 * MB, gt=0)
    # A check that has not finished by then is answered with 503; the page stays usable.
    check_timeout: float = Field(default=30.0, gt=0)
    # Checks run in a pool of this many threads (the event loop only moves bytes).
    workers: int = Field(default=4, ge=1, le=64)
    # POST /api/documents exists only with a token; it is compared in constant time.
    index_token: str | None = None
    # Origins allowed to call the API from another site; none by default (no CORS headers).
    cors_origins: tuple[str, ...] = ()

    @property
    def allow_index(self) -> bool:
        return bool(self.index_token)
