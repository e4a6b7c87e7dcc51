"""GitHub Actions workflow commands: one annotation per finding (`::error file=…,line=…,
col=…,title=…::message`), so a pull request shows each finding on the line of its claim.
info findings become notices."""

from __future__ import annotations

from checker.models import Report
from checker.render.common import relative_path
from checker.render.text import summary_line

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """A command's message: % and line ends encoded as the runner decodes them."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (file, title): as data, and : and , too, which separate properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    lines: list[str] = []
    for err in report.errors:
        props = f"file={escape_property(relative_path(err.path, report.root))}"
        if err.line:
            props += f",line={err.line}"
        lines.append(f"::error {props},title=claimcheck::{escape_data(err.message)}")
    for f in report.findings:
        message = f.message
        props = [f"title={escape_property(f'{f.rule} ({f.severity.value})')}"]
        if f.locations:
            loc = f.locations[0]
            props = [
                f"file={escape_property(relative_path(loc.path, report.root))}",
                f"line={loc.line}",
                f"col={loc.column}",
                *props,
            ]
            others = [f"{relative_path(o.path, report.root)}:{o.line}:{o.column}"
                      for o in f.locations[1:]]
            if others:
                message += "\nAlso: " + ", ".join(others)
        lines.append(f"::{_COMMAND[f.severity.value]} {','.join(props)}::{escape_data(message)}")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"
