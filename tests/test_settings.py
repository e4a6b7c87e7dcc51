"""Project settings: found by walking up, validated with file and line, overridden by flags."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from checker import settings
from checker.cli import main
from tests.conftest import CASES

BAD = yaml.safe_load((CASES / "settings" / "bad.yaml").read_text(encoding="utf-8"))
WRONG_WEEKDAY = ("---\nsource: Báo A\npublished: 2021-06-01\n---\n"
                 "Thứ Ba, ngày 3/5/2021, thêm 23 ca.\n")


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with one document that fires weekday-mismatch (an error); the
    working directory is a sub-folder of it, so settings are found by walking up."""
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.md").write_text(WRONG_WEEKDAY, encoding="utf-8")
    (tmp_path / "work" / "deep").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "work" / "deep")
    return tmp_path


@pytest.mark.parametrize("case", BAD, ids=[c["name"] for c in BAD])
def test_bad_settings_name_file_and_line(case: dict, project: Path) -> None:
    (project / case["file"]).write_text(case["content"], encoding="utf-8")
    result = run("check", str(project / "news"))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    message = result.output.strip().removeprefix("claimcheck: ")
    assert message.startswith(str(project / case["file"]) + ":")
    assert case["error"] in message.replace(str(project) + "/", ""), message


def test_paths_format_and_fail_on_from_the_file(project: Path) -> None:
    (project / "claimcheck.yaml").write_text(
        "paths: [news/]\nformat: json\nfail-on: never\n", encoding="utf-8")
    result = run("check")
    assert result.exit_code == 0, result.output
    weekday = _weekday_findings(json.loads(result.stdout))
    assert len(weekday) == 1
    # Paths in the file are relative to the file's folder, shown relative to where we run.
    assert weekday[0]["locations"][0]["path"] == "../../news/a.md"


def test_flags_override_the_file(project: Path) -> None:
    (project / "claimcheck.yaml").write_text(
        "paths: [news/]\nformat: json\nfail-on: never\n", encoding="utf-8")
    result = run("check", "--format", "text", "--fail-on", "error")
    assert result.exit_code == 1
    assert any(line.startswith("../../news/a.md:5:1: error weekday-mismatch ")
               for line in result.stdout.splitlines())


def test_severity_override_and_ignore(project: Path) -> None:
    (project / "claimcheck.yaml").write_text(
        "paths: [news/]\nselect: [weekday-mismatch]\nseverity:\n  weekday-mismatch: info\n",
        encoding="utf-8")
    result = run("check")
    assert result.exit_code == 0
    assert ": info weekday-mismatch " in result.stdout
    listing = run("rules").stdout
    assert any(line.split()[:3] == ["weekday-mismatch", "weekday", "info"]
               for line in listing.splitlines())
    (project / "claimcheck.yaml").write_text(
        "paths: [news/]\nignore: [weekday-mismatch]\n", encoding="utf-8")
    assert "weekday-mismatch" not in run("check").stdout


def test_pyproject_table(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[project]\nname = "news"\n\n[tool.claimcheck]\npaths = ["news"]\nformat = "json"\n'
        '\n[tool.claimcheck.severity]\nweekday-mismatch = "warning"\n', encoding="utf-8")
    result = run("check")
    assert result.exit_code == 0, result.output
    weekday = _weekday_findings(json.loads(result.stdout))
    assert [f["severity"] for f in weekday] == ["warning"]


def _weekday_findings(data: dict) -> list[dict]:
    return [f for f in data["findings"] if f["rule"] == "weekday-mismatch"]


def test_a_pyproject_without_the_table_is_passed_over(project: Path) -> None:
    (project / "work" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (project / "claimcheck.yaml").write_text("paths: [news/]\n", encoding="utf-8")
    assert settings.find(Path.cwd()) == project / "claimcheck.yaml"
    assert run("check").exit_code == 1


def test_explicit_config_and_no_paths(project: Path, tmp_path: Path) -> None:
    assert run("check").exit_code == 2  # no paths anywhere
    other = tmp_path / "elsewhere.yaml"
    other.write_text(f"paths: [{project / 'news'}]\nformat: github\n", encoding="utf-8")
    result = run("--config", str(other), "check")
    assert result.stdout.startswith("::error file=")
    assert run("--config", str(tmp_path / "missing.yaml"), "check").exit_code == 2


def test_output_from_the_file_is_relative_to_it(project: Path) -> None:
    (project / "claimcheck.yaml").write_text(
        "paths: [news/]\nformat: md\noutput: out/report.md\n", encoding="utf-8")
    result = run("check")
    assert result.exit_code == 1
    assert (project / "out" / "report.md").read_text(encoding="utf-8").startswith("# claimcheck")
