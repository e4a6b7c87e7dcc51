"""Small helpers the renderers share: paths relative to the run's root, span ends, ordering."""

from __future__ import annotations

import posixpath
from pathlib import PurePath, PurePosixPath, PureWindowsPath

from checker.models import Document, Finding, Location, Report, Severity

SEVERITIES = ("error", "warning", "info")


def relative_path(path: str, root: str | None) -> str:
    """`path` with forward slashes, relative to `root` when it lies under it. Paths given
    relative on the command line are kept as given (they already are relative to the root)."""
    pure: PurePath = PureWindowsPath(path) if "\\" in path else PurePosixPath(path)
    if root and pure.is_absolute():
        base = PureWindowsPath(root) if "\\" in root else PurePosixPath(root)
        try:
            pure = pure.relative_to(base)
        except ValueError:
            pass
    out = pure.as_posix()
    return posixpath.normpath(out) if out else out


def end_line_column(doc: Document | None, loc: Location) -> tuple[int, int]:
    """The 1-based line and column just past the span's end (its own line and column when
    the document text is not in the report)."""
    if doc is None or loc.end <= loc.start or loc.end > len(doc.text):
        return loc.line, loc.column + max(0, loc.end - loc.start)
    piece = doc.text[loc.start : loc.end]
    breaks = piece.count("\n") + piece.count("\r") - piece.count("\r\n")
    if not breaks:
        return loc.line, loc.column + len(piece)
    last = max(piece.rfind("\n"), piece.rfind("\r"))
    return loc.line + breaks, len(piece) - last


def fails(report: Report, finding: Finding) -> bool:
    """Whether this finding is at or above the report's --fail-on."""
    if report.fail_on == "never":
        return False
    return finding.severity.rank >= Severity(report.fail_on).rank
