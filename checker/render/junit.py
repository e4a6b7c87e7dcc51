"""JUnit XML for CI dashboards: one testsuite for the run, one testcase per document, one
failure per finding at or above --fail-on (findings below it are listed in system-out).
A finding that spans documents is a failure of the document it is reported at; a file that
could not be read is a testcase with an error."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from checker.models import Finding, Report
from checker.render.common import fails, relative_path

# Characters XML 1.0 cannot carry, even escaped.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)


def render(report: Report) -> str:
    by_doc: dict[str, list[Finding]] = {}
    for f in report.findings:
        by_doc.setdefault(f.locations[0].doc if f.locations else "", []).append(f)
    suite = ET.Element("testsuite", name="claimcheck")
    failures = 0
    for doc in report.documents:
        path = relative_path(doc.path, report.root)
        case = ET.SubElement(suite, "testcase", classname="claimcheck", name=_clean(path),
                             file=_clean(path))
        below: list[str] = []
        for f in by_doc.get(doc.id, []):
            line = _describe(f, report)
            if fails(report, f):
                failures += 1
                failure = ET.SubElement(case, "failure", type=f.rule,
                                        message=_clean(f"{f.severity.value}: {f.message}"))
                failure.text = _clean(line)
            else:
                below.append(line)
        if below:
            ET.SubElement(case, "system-out").text = _clean("\n".join(below))
    for err in report.errors:
        case = ET.SubElement(suite, "testcase", classname="claimcheck", name=_clean(err.path),
                             file=_clean(err.path))
        error = ET.SubElement(case, "error", type="unreadable", message=_clean(err.message))
        error.text = _clean(str(err))
    counts = {
        "tests": str(len(report.documents) + len(report.errors)),
        "failures": str(failures),
        "errors": str(len(report.errors)),
        "skipped": "0",
    }
    suite.attrib.update(counts)
    root = ET.Element("testsuites", name="claimcheck", **counts)
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _describe(f: Finding, report: Report) -> str:
    where = [f"{relative_path(loc.path, report.root)}:{loc.line}:{loc.column}"
             for loc in f.locations]
    head = f"{where[0]}: " if where else ""
    tail = "".join(f"\n  also {w}" for w in where[1:])
    return f"{head}{f.severity.value} {f.rule} {f.message}{tail}"
