"""Renderers: pure functions from a Report to text, one module per format."""

from collections.abc import Callable

from checker.models import Report
from checker.render import github, html, json, junit, markdown, sarif, text

RENDERERS: dict[str, Callable[[Report], str]] = {
    "text": text.render,
    "md": markdown.render,
    "json": json.render,
    "html": html.render,
    "sarif": sarif.render,
    "junit": junit.render,
    "github": github.render,
}

CLAIM_RENDERERS: dict[str, Callable[[Report], str]] = {
    "json": json.claims,
    "md": markdown.claims,
}
