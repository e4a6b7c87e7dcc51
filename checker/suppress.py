"""Findings a user has already seen: inline directives in the documents and a baseline file of
fingerprints. Both filter findings after the rules have run, and every finding they take out
is kept as a `Suppressed` entry and counted in the summary, never dropped silently.

Directives (the rule list is optional; without it a directive covers every rule; text after
` -- ` is a free comment):

    Markdown (and text)   <!-- claimcheck-disable-next-line count-mismatch -->
    plain text            [[claimcheck-disable-next-line count-mismatch]]
                          # claimcheck-disable-next-line count-mismatch   (a line of its own)

    disable-next-line  the line after the directive
    disable-line       the directive's own line
    disable … enable   from the directive to the matching enable (or the end of the document)
    disable-file       the whole document, including findings about the document itself
                       (missing-metadata), wherever the directive stands

A finding is suppressed when any of its claims is covered. Directives are prose-free and
number-free by design; any claim an extractor finds inside one is dropped before the rules
run, so a rule id such as `rule-2021` never becomes a date."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from checker.errors import UserError
from checker.models import Claim, Document, Finding, Report, Suppressed
from checker.text import LineIndex

_ACTIONS = r"(?:disable-next-line|disable-line|disable-file|disable|enable)"
_BODY = r"(?P<action{n}>" + _ACTIONS + r")(?P<rules{n}>[^\r\n]*?)"
_DIRECTIVE = re.compile(
    r"<!--[ \t]*claimcheck-" + _BODY.format(n=1) + r"[ \t]*-->"
    r"|\[\[[ \t]*claimcheck-" + _BODY.format(n=2) + r"[ \t]*\]\]"
)
# The `# ` form is for plain text only: in Markdown a line starting with # is a heading.
_HASH_LINE = re.compile(r"^[ \t]*#[ \t]*claimcheck-" + _BODY.format(n=3) + r"[ \t]*$", re.M)
_RULE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_ALL = "*"


@dataclass(frozen=True)
class Directive:
    action: str
    rules: frozenset[str]  # empty: every rule
    start: int
    end: int
    line: int
    end_line: int

    def covers_rule(self, rule: str) -> bool:
        return not self.rules or rule in self.rules


@dataclass(frozen=True)
class _Region:
    start: int
    end: int
    rules: frozenset[str]  # empty: every rule
    unless: frozenset[str]  # rules enabled again inside an all-rules region
    line: int

    def covers(self, rule: str, offset: int) -> bool:
        if not self.start <= offset < self.end:
            return False
        return (not self.rules or rule in self.rules) and rule not in self.unless


@dataclass
class Directives:
    """The directives of one document, resolved into what they cover."""

    path: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    lines: list[Directive] = field(default_factory=list)  # next-line / line directives
    regions: list[_Region] = field(default_factory=list)
    whole: list[Directive] = field(default_factory=list)  # disable-file

    def covering(self, rule: str, start: int, end: int, line: int) -> str | None:
        """Where the directive that covers this location is (`path:line`), or None."""
        for d in self.whole:
            if d.covers_rule(rule):
                return f"{self.path}:{d.line}"
        if end <= start:
            return None  # a finding about the whole document: only disable-file covers it
        for d in self.lines:
            if not d.covers_rule(rule):
                continue
            if d.action == "disable-next-line" and line == d.end_line + 1:
                return f"{self.path}:{d.line}"
            if d.action == "disable-line" and d.line <= line <= d.end_line:
                return f"{self.path}:{d.line}"
        for r in self.regions:
            if r.covers(rule, start):
                return f"{self.path}:{r.line}"
        return None


def scan(doc: Document) -> Directives:
    """Find and resolve the directives of a document."""
    out = Directives(path=doc.path)
    if "claimcheck-" not in doc.text:
        return out
    found = [(m, 1) for m in _DIRECTIVE.finditer(doc.text)]
    if not doc.path.lower().endswith((".md", ".markdown")):
        found += [(m, 3) for m in _HASH_LINE.finditer(doc.text)]
    found.sort(key=lambda pair: pair[0].start())
    index = LineIndex(doc.text)
    directives = []
    for m, _ in found:
        n = next(i for i in (1, 2, 3) if m.groupdict().get(f"action{i}"))
        rules = _rules(m.group(f"rules{n}"))
        if rules is None:
            continue
        line = index.line_col(m.start())[0]
        end_line = index.line_col(max(m.start(), m.end() - 1))[0]
        directives.append(Directive(m.group(f"action{n}"), rules, m.start(), m.end(), line,
                                    end_line))
        out.spans.append((m.start(), m.end()))
    _resolve(out, directives, len(doc.text))
    return out


def _rules(text: str) -> frozenset[str] | None:
    """The rule ids of a directive (empty: all); None when the text is not a rule list."""
    text = text.split(" -- ", 1)[0].strip()
    ids = [part for part in re.split(r"[\s,]+", text) if part]
    if any(not _RULE_ID.match(i) for i in ids):
        return None
    return frozenset(ids)


def _resolve(out: Directives, directives: list[Directive], length: int) -> None:
    open_rules: dict[str, tuple[int, int]] = {}  # rule -> (start, line)
    open_all: tuple[int, int, frozenset[str]] | None = None  # (start, line, unless)

    def close_all(at: int) -> None:
        nonlocal open_all
        if open_all is not None:
            start, line, unless = open_all
            out.regions.append(_Region(start, at, frozenset(), unless, line))
            open_all = None

    for d in directives:
        if d.action in ("disable-next-line", "disable-line"):
            out.lines.append(d)
        elif d.action == "disable-file":
            out.whole.append(d)
        elif d.action == "disable":
            if not d.rules:
                close_all(d.start)
                open_all = (d.start, d.line, frozenset())
            else:
                for rule in d.rules:
                    open_rules.setdefault(rule, (d.start, d.line))
                if open_all is not None and open_all[2] & d.rules:
                    start, line, unless = open_all
                    close_all(d.start)
                    open_all = (d.start, line, unless - d.rules)
        elif d.action == "enable":
            if not d.rules:
                close_all(d.start)
                for rule, (start, line) in open_rules.items():
                    out.regions.append(_Region(start, d.start, frozenset([rule]), frozenset(),
                                               line))
                open_rules.clear()
                continue
            for rule in d.rules:
                if rule in open_rules:
                    start, line = open_rules.pop(rule)
                    out.regions.append(_Region(start, d.start, frozenset([rule]), frozenset(),
                                               line))
            if open_all is not None:
                start, line, unless = open_all
                close_all(d.start)
                open_all = (d.start, line, unless | d.rules)
    close_all(length)
    for rule, (start, line) in open_rules.items():
        out.regions.append(_Region(start, length, frozenset([rule]), frozenset(), line))


def scan_all(docs: Iterable[Document]) -> dict[str, Directives]:
    return {d.id: scan(d) for d in docs if d.text}


def drop_directive_claims(
    claims: Sequence[Claim], directives: dict[str, Directives]
) -> list[Claim]:
    """Claims that do not overlap a directive (a directive is never a claim)."""
    out = []
    for c in claims:
        spans = directives[c.doc].spans if c.doc in directives else ()
        if not any(c.start < end and start < c.end for start, end in spans):
            out.append(c)
    return out


def apply_inline(
    findings: Sequence[Finding], directives: dict[str, Directives]
) -> tuple[list[Finding], list[Suppressed]]:
    kept: list[Finding] = []
    suppressed: list[Suppressed] = []
    for f in findings:
        origin = None
        for loc in f.locations:
            found = directives.get(loc.doc)
            if found is not None:
                origin = found.covering(f.rule, loc.start, loc.end, loc.line)
                if origin:
                    break
        if origin:
            suppressed.append(Suppressed(finding=f, kind="inline", origin=origin))
        else:
            kept.append(f)
    return kept, suppressed


# --- baseline ---------------------------------------------------------------------------------

class BaselineEntry(BaseModel):
    fingerprint: str
    rule: str = ""
    path: str = ""
    line: int = 0
    message: str = ""


class Baseline(BaseModel):
    """Findings known on the day the baseline was written; only `fingerprint` is matched, the
    other fields tell a reader what each entry was."""

    version: int = 1
    tool: str = "claimcheck"
    findings: list[BaselineEntry]
    # The file it was read from, for the suppressed findings' origin.
    origin: str = Field(default="baseline", exclude=True)

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> Baseline:
        entries = [
            BaselineEntry(fingerprint=f.fingerprint, rule=f.rule,
                          path=f.locations[0].path if f.locations else "",
                          line=f.locations[0].line if f.locations else 0, message=f.message)
            for f in findings
        ]
        entries.sort(key=lambda e: (e.path, e.line, e.rule, e.fingerprint))
        return cls(findings=entries)


def load_baseline(path: Path) -> Baseline:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError("baseline file not found (write one with --write-baseline)",
                        path=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"cannot read the baseline ({exc})", path=str(path)) from None
    except json.JSONDecodeError as exc:
        raise UserError(f"the baseline is not JSON: {exc.msg}", path=str(path),
                        line=exc.lineno) from None
    try:
        baseline = Baseline.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "baseline"
        raise UserError(f"not a claimcheck baseline ({where}: {first['msg']})",
                        path=str(path)) from None
    baseline.origin = str(path)
    return baseline


def write_baseline(path: Path, findings: Iterable[Finding]) -> Baseline:
    baseline = Baseline.of(findings)
    baseline.origin = str(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(baseline.model_dump_json(indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise UserError(f"cannot write the baseline ({exc.strerror or exc})",
                        path=str(path)) from None
    return baseline


def apply_baseline(
    findings: Sequence[Finding], baseline: Baseline, origin: str = "baseline"
) -> tuple[list[Finding], list[Suppressed]]:
    """Findings not in the baseline; each baseline entry absorbs one finding."""
    known = Counter(e.fingerprint for e in baseline.findings)
    kept: list[Finding] = []
    suppressed: list[Suppressed] = []
    for f in findings:
        if f.fingerprint and known[f.fingerprint] > 0:
            known[f.fingerprint] -= 1
            suppressed.append(Suppressed(finding=f, kind="baseline", origin=origin))
        else:
            kept.append(f)
    return kept, suppressed


def disambiguate(findings: Sequence[Finding]) -> list[Finding]:
    """Give identical findings (same fingerprint: same rule, document and claim texts) distinct
    fingerprints by their order in the document: the first keeps its own, the next get -2,
    -3…, so a baseline that knows one of them still reports a second one added later (if
    the new one comes first, the older one is the one reported: the count stays right)."""
    seen: Counter[str] = Counter()
    out = []
    for f in findings:
        seen[f.fingerprint] += 1
        n = seen[f.fingerprint]
        out.append(f if n == 1 or not f.fingerprint
                   else f.model_copy(update={"fingerprint": f"{f.fingerprint}-{n}"}))
    return out


def baseline_report(report: Report, baseline: Baseline) -> Report:
    """`report` with the findings `baseline` knows moved to its suppressed list (used right
    after writing a baseline, so that run already shows what later runs will)."""
    kept, known = apply_baseline(report.findings, baseline, baseline.origin)
    out = report.model_copy(update={"findings": kept, "suppressed": [*report.suppressed, *known]})
    out.summary = report.summary.model_copy(deep=True)
    for s in known:
        out.summary.findings[s.finding.severity.value] -= 1
    out.summary.suppressed += len(known)
    return out
