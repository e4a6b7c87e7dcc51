"""The JSON contract of DESIGN.md."""

from __future__ import annotations

import json

from checker.models import Report


def claims(report: Report) -> str:
    """`claimcheck extract --format json`: documents and their claims."""
    data = {
        "documents": [d.ref().model_dump(mode="json") for d in report.documents],
        "claims": [c.model_dump(mode="json") for c in report.claims],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render(report: Report) -> str:
    """`claimcheck check --format json`: findings and the summary (plus the documents they
    name and the files that could not be read)."""
    data = {
        "documents": [d.ref().model_dump(mode="json") for d in report.documents],
        "findings": [f.model_dump(mode="json") for f in report.findings],
        "summary": report.summary.model_dump(mode="json"),
        "errors": [e.model_dump(mode="json") for e in report.errors],
    }
    if report.archived:
        # Which of `documents` come from the ledger a draft was checked against.
        data["archived"] = list(report.archived)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
