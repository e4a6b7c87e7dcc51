"""Renderers: pure functions from a Report to text, one module per format."""

from collections.abc import Callable

from checker.models import Report
from checker.render import json, markdown, text

RENDERERS: dict[str, Callable[[Report], str]] = {
    "text": text.render,
    "md": markdown.render,
    "json": json.render,
}

CLAIM_RENDERERS: dict[str, Callable[[Report], str]] = {
    "json": json.claims,
    "md": markdown.claims,
}
