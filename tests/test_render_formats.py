"""Every output format, on a report with findings across two documents (built directly) and
through the CLI on the seeds and on a corpus of two documents: SARIF against the official
schema, JUnit parsed back, annotations pointing at the claim's file, line and column."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main, use_colour
from checker.models import Report
from checker.render import RENDERERS, github, sarif
from checker.render.text import render as render_text
from tests.conftest import SEEDS, shared_dir
from tests.reportcases import RENDER_CASES, build_report

TWO_DOCS = RENDER_CASES / "two-documents.yaml"
_ANNOTATION = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


@pytest.fixture
def report() -> Report:
    return build_report(TWO_DOCS)


def _cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def _two_document_corpus(tmp_path: Path) -> Path:
    """Two documents (Markdown and crawled text) that report one window with two case counts:
    one count-mismatch finding across them."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "a.md").write_text(
        "---\ntitle: A\nsource: Báo A\npublished: 2021-05-04\n---\n"
        "Theo Bộ Y tế, từ ngày 29/4/2021 đến ngày 03/5/2021 đã có 23 ca lây nhiễm COVID-19 "
        "được phát hiện trong cộng đồng.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        " date 2021-05\nTPO - Theo Bộ Y tế, từ 29/4 đến 3/5/2021, cả nước ghi nhận 25 ca mắc "
        "Covid-19 trong cộng đồng.\n", encoding="utf-8")
    return tmp_path


def test_the_two_document_corpus_has_a_cross_document_finding(tmp_path: Path) -> None:
    data = json.loads(_cli("check", str(_two_document_corpus(tmp_path)), "--format", "json"))
    crossing = [f for f in data["findings"]
                if {loc["doc"] for loc in f["locations"]} == {"a", "b"}]
    assert [f["rule"] for f in crossing] == ["count-mismatch"]
    assert [(loc["line"], loc["column"]) for loc in crossing[0]["locations"]] == [(6, 58), (2, 60)]


# --- SARIF -------------------------------------------------------------------------------

def _sarif_validator():
    folder = shared_dir("schemas")
    if folder is None or not (folder / "sarif-schema-2.1.0.json").is_file():
        pytest.skip("the SARIF 2.1.0 schema (../shared/schemas/sarif-schema-2.1.0.json beside "
                    "the checkout) is not available here")
    import jsonschema

    schema = json.loads((folder / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


def _assert_valid_sarif(text: str) -> dict:
    log = json.loads(text)
    errors = sorted(_sarif_validator().iter_errors(log), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    return log


def test_sarif_is_valid_and_points_at_claims(report: Report) -> None:
    log = _assert_valid_sarif(sarif.render(report))
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.id for r in report.rules]
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["help"]["markdown"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    assert len(run["results"]) == len(report.findings)
    docs = report.document_by_id()
    for result, finding in zip(run["results"], report.findings, strict=True):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == finding.rule
        assert result["partialFingerprints"][sarif.FINGERPRINT_KEY] == finding.fingerprint
        physical = result["locations"][0]["physicalLocation"]
        loc = finding.locations[0]
        assert physical["artifactLocation"]["uri"] == loc.path
        region = physical["region"]
        assert region["startLine"] == loc.line
        if loc.end > loc.start:
            assert region["startColumn"] == loc.column
            text = docs[loc.doc].text
            start, length = region["charOffset"], region["charLength"]
            assert text[start : start + length] == region["snippet"]["text"]
        related = result.get("relatedLocations", [])
        assert len(related) == len(finding.locations) - 1
        for rel, other in zip(related, finding.locations[1:], strict=True):
            assert rel["physicalLocation"]["region"]["startLine"] == other.line
            assert rel["physicalLocation"]["artifactLocation"]["uri"] == other.path


def test_sarif_cross_document_finding_links_its_other_claim(report: Report) -> None:
    run = json.loads(sarif.render(report))["runs"][0]
    conflict = next(r for r in run["results"] if r["ruleId"] == "count-mismatch")
    assert conflict["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] \
        == "corpus/bao-b.txt"
    assert "[corpus/bao-b.txt:1:38](1)" in conflict["message"]["text"]


def test_sarif_fingerprints_ignore_unrelated_edits(tmp_path: Path) -> None:
    corpus = _two_document_corpus(tmp_path)
    before = json.loads(_cli("check", str(corpus), "--format", "sarif"))
    a = corpus / "a.md"
    a.write_text(a.read_text(encoding="utf-8").replace(
        "---\nTheo", "---\nMột đoạn mở đầu mới.\n\nTheo"), encoding="utf-8")
    after = json.loads(_cli("check", str(corpus), "--format", "sarif"))

    def prints(log: dict) -> list[str]:
        return sorted(r["partialFingerprints"][sarif.FINGERPRINT_KEY]
                      for r in log["runs"][0]["results"])

    assert prints(before) and prints(before) == prints(after)

    def lines(log: dict) -> list[int]:
        return [r["locations"][0]["physicalLocation"]["region"]["startLine"]
                for r in log["runs"][0]["results"]]

    assert lines(before) != lines(after)  # the finding did move


def test_sarif_paths_relative_to_the_root(report: Report) -> None:
    absolute = report.model_copy(deep=True)
    for doc in absolute.documents:
        doc.path = "/home/editor/news/" + doc.path
    absolute.findings = [
        f.model_copy(update={"locations": [
            loc.model_copy(update={"path": "/home/editor/news/" + loc.path})
            for loc in f.locations]})
        for f in absolute.findings
    ]
    absolute.root = "/home/editor/news"
    run = json.loads(sarif.render(absolute))["runs"][0]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in run["results"]}
    assert uris == {"corpus/bao-a.md", "corpus/bao-b.txt"}


@pytest.mark.parametrize("corpus", ["seeds", "two-documents"])
def test_cli_sarif_is_valid(corpus: str, tmp_path: Path) -> None:
    path = SEEDS if corpus == "seeds" else _two_document_corpus(tmp_path)
    log = _assert_valid_sarif(_cli("check", str(path), "--format", "sarif"))
    data = json.loads(_cli("check", str(path), "--format", "json"))
    results = log["runs"][0]["results"]
    assert len(results) == len(data["findings"])
    for result, finding in zip(results, data["findings"], strict=True):
        related = [r["physicalLocation"]["region"]["startLine"]
                   for r in result.get("relatedLocations", [])]
        assert related == [loc["line"] for loc in finding["locations"][1:]]
    if corpus == "two-documents":
        assert any(r.get("relatedLocations") for r in results)


# --- JUnit -------------------------------------------------------------------------------

def test_junit_one_case_per_document_one_failure_per_finding(report: Report) -> None:
    root = ET.fromstring(junit_text := RENDERERS["junit"](report))
    assert junit_text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    suites = root.findall("testsuite")
    assert len(suites) == 1
    cases = suites[0].findall("testcase")
    assert [c.get("name") for c in cases] == ["corpus/bao-a.md", "corpus/bao-b.txt"]
    failing = [f for f in report.findings if f.severity.value == "error"]
    failures = [fl for c in cases for fl in c.findall("failure")]
    assert len(failures) == len(failing) == int(suites[0].get("failures"))
    assert {fl.get("type") for fl in failures} == {f.rule for f in failing}
    below = cases[1].find("system-out").text
    assert "parts-sum-mismatch" in below and "missing-metadata" in below


def test_junit_follows_fail_on(report: Report) -> None:
    for fail_on, expected in (("warning", 4), ("info", 5), ("never", 0)):
        report.fail_on = fail_on
        root = ET.fromstring(RENDERERS["junit"](report))
        assert len(root.findall(".//failure")) == expected == int(root.get("failures"))


def test_junit_carries_awkward_text(report: Report) -> None:
    odd = report.findings[0].model_copy(update={"message": "a <b> & \"c\" \x0b ]]> end"})
    report.findings[0] = odd
    root = ET.fromstring(RENDERERS["junit"](report))
    messages = [f.get("message") for f in root.iter("failure")]
    assert any("a <b> & \"c\" \ufffd ]]> end" in m for m in messages)


@pytest.mark.parametrize("corpus", ["seeds", "two-documents"])
def test_cli_junit_parses(corpus: str, tmp_path: Path) -> None:
    path = SEEDS if corpus == "seeds" else _two_document_corpus(tmp_path)
    root = ET.fromstring(_cli("check", str(path), "--format", "junit", "--fail-on", "warning"))
    data = json.loads(_cli("check", str(path), "--format", "json"))
    assert len(root.findall(".//testcase")) == data["summary"]["documents"]
    assert len(root.findall(".//failure")) == len(data["findings"])


# --- GitHub annotations ------------------------------------------------------------------

def _unescape(text: str) -> str:
    for code, ch in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, ch)
    return text


def _annotations(text: str) -> list[tuple[str, dict[str, str], str]]:
    out = []
    for line in text.splitlines():
        m = _ANNOTATION.match(line)
        if m:
            props = dict(p.split("=", 1) for p in m.group(2).split(","))
            out.append((m.group(1), {k: _unescape(v) for k, v in props.items()},
                        _unescape(m.group(3))))
    return out


def test_github_annotations_point_at_the_claim(report: Report) -> None:
    found = _annotations(github.render(report))
    assert len(found) == len(report.findings)
    levels = {"error": "error", "warning": "warning", "info": "notice"}
    for (level, props, message), f in zip(found, report.findings, strict=True):
        loc = f.locations[0]
        assert level == levels[f.severity.value]
        assert (props["file"], int(props["line"]), int(props["col"])) == \
            (loc.path, loc.line, loc.column)
        assert message.startswith(f.message)
        assert f.rule in props["title"]


def test_github_escapes_per_the_runner_rules(report: Report) -> None:
    f = report.findings[0]
    loc = f.locations[0].model_copy(update={"path": "tin tức/50%, a:b.md"})
    report.findings[0] = f.model_copy(update={"message": "100% sai\r\nthứ hai: 3, 4",
                                              "locations": [loc]})
    line = github.render(report).splitlines()[0]
    assert "\n" not in line and "\r" not in line
    props_part = line.split("::")[1]
    assert "file=tin tức/50%25%2C a%3Ab.md," in props_part
    assert line.endswith("::100%25 sai%0D%0Athứ hai: 3, 4")
    _, props, message = _annotations(line)[0]
    assert props["file"] == "tin tức/50%, a:b.md" and message == "100% sai\r\nthứ hai: 3, 4"


@pytest.mark.parametrize("corpus", ["seeds", "two-documents"])
@pytest.mark.parametrize("absolute", [False, True])
def test_cli_github_annotations_match_the_json(corpus: str, absolute: bool, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    if corpus == "seeds":
        monkeypatch.chdir(SEEDS.parent)
        folder = Path("seeds")
    else:
        _two_document_corpus(tmp_path / "corpus")
        monkeypatch.chdir(tmp_path)
        folder = Path("corpus")
    arg = str(folder.resolve() if absolute else folder)
    found = _annotations(_cli("check", arg, "--format", "github"))
    data = json.loads(_cli("check", str(folder), "--format", "json"))
    assert len(found) == len(data["findings"]) > 0
    for (_, props, _), f in zip(found, data["findings"], strict=True):
        loc = f["locations"][0]
        # Relative to the working directory, as GitHub expects, even for absolute arguments.
        assert props["file"] == loc["path"] and props["file"].startswith(folder.name + "/")
        assert (int(props["line"]), int(props["col"])) == (loc["line"], loc["column"])


# --- text and Markdown --------------------------------------------------------------------

class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_without_no_color() -> None:
    assert use_colour(_Tty(), {}) is True
    assert use_colour(_Tty(), {"NO_COLOR": "1"}) is False
    assert use_colour(_Tty(), {"NO_COLOR": ""}) is True
    assert use_colour(io.StringIO(), {}) is False


def test_text_lines_and_summary(report: Report) -> None:
    lines = render_text(report).splitlines()
    assert lines[0] == ("corpus/bao-a.md:6:1: error weekday-mismatch "
                        "Thứ Ba, ngày 3/5/2021: 2021-05-03 is a Monday, not thứ Ba.")
    assert "  also corpus/bao-b.txt:1:38" in lines
    assert lines[-1] == "2 documents, 8 claims, 2 errors, 2 warnings, 1 info"
    assert "\x1b[" not in "".join(lines)
    assert "\x1b[31merror\x1b[0m" in render_text(report, colour=True)


def test_markdown_puts_conflicting_claims_side_by_side(report: Report) -> None:
    md = RENDERERS["md"](report)
    table = md[md.index("| document | source | published |"):].splitlines()
    assert table[2].startswith("  | bao-a | Báo A | 2021-05-04 | 6 | `23 ca` |")
    assert table[3].startswith("  | bao-b | Báo B | 2021-05 | 1 | `25 ca` |")
    assert "(listed under bao-a)" in md


def test_markdown_shows_markup_as_text(report: Report) -> None:
    report.findings[0] = report.findings[0].model_copy(
        update={"message": "<script>alert(1)</script> | *x*"})
    md = RENDERERS["md"](report)
    assert "<script>" not in md
    assert "&lt;script&gt;alert(1)&lt;/script&gt; \\| \\*x\\*" in md


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_every_format_through_the_cli(fmt: str, tmp_path: Path) -> None:
    corpus = _two_document_corpus(tmp_path / "corpus")
    out = tmp_path / f"report.{fmt}"
    result = CliRunner().invoke(main, ["check", str(corpus), "--format", fmt, "-o", str(out)])
    # a.md's "Thứ Ba, ngày 3/5/2021" is a Monday: a weekday-mismatch error, so exit 1.
    assert result.exit_code == 1, result.output
    assert out.read_text(encoding="utf-8").strip()
    assert "2 documents" in result.stderr
