"""A check's report -> the response body: the JSON renderer's output (findings, summary,
documents with meta) plus the claims involved and the draft's text, so the page can quote and
highlight without another request. Paths on the server never leave it."""

from __future__ import annotations

import json
import logging
from typing import Any

from checker.models import Document, LoadError, Report
from checker.render.json import render as render_json

log = logging.getLogger("claimcheck.server")


def check_response(report: Report, draft: Document) -> dict[str, Any]:
    public = public_report(report, draft)
    data: dict[str, Any] = json.loads(render_json(public))
    involved = {cid for f in public.findings for cid in f.claims}
    data["claims"] = [
        c.model_dump(mode="json") for c in public.claims
        if c.doc == draft.id or c.id in involved
    ]
    data["draft"] = {"id": draft.id, "name": draft.path, "text": draft.text}
    return data


def public_report(report: Report, draft: Document) -> Report:
    """The report with every document's path replaced by a name that says nothing about the
    server: the draft keeps the name the client gave, archived documents are `archive/<id>`."""
    names = {d.id: (d.path if d.id == draft.id else f"archive/{d.id}") for d in report.documents}
    docs = [d.model_copy(update={"path": names[d.id]}) for d in report.documents]
    findings = [
        f.model_copy(update={"locations": [
            loc.model_copy(update={"path": names.get(loc.doc, f"archive/{loc.doc}")})
            for loc in f.locations
        ]})
        for f in report.findings
    ]
    errors = [_public_error(e, draft) for e in report.errors]
    return report.model_copy(update={"documents": docs, "findings": findings, "errors": errors})


def _public_error(error: LoadError, draft: Document) -> LoadError:
    if error.path == draft.path:
        return error
    # A rule that failed: its file path and exception text stay in the server's log.
    log.error("check error: %s", error)
    head = error.message.split(":", 1)[0] if error.message.startswith("rule ") else "error"
    return LoadError(path="", message=f"{head} (details in the server log)")
