from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from checker.cli import main
from tests.conftest import SEEDS

SEED0, SEED4 = "000_0855d1e29bbb93d9", "004_6578a29db5b92e61"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_check_seeds_json_contract() -> None:
    result = run("check", str(SEEDS), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) >= {"findings", "summary"}
    assert data["summary"]["documents"] == 2
    assert set(data["summary"]["findings"]) == {"error", "warning", "info"}
    for f in data["findings"]:
        assert set(f) >= {"rule", "severity", "message", "claims", "locations"}
        for loc in f["locations"]:
            assert set(loc) == {"doc", "path", "start", "end", "line", "column"}
    missing = sorted((f["locations"][0]["doc"], f["message"]) for f in data["findings"]
                     if f["rule"] == "missing-metadata")
    assert missing == [
        (SEED0, "The document has no publication date."),
        (SEED4, "The document has no source."),
    ]


def test_fail_on_sets_the_exit_status() -> None:
    assert run("check", str(SEEDS), "--fail-on", "warning").exit_code == 1
    assert run("check", str(SEEDS), "--fail-on", "never").exit_code == 0


def test_output_file_and_summary(tmp_path: Path) -> None:
    out = tmp_path / "reports" / "seeds.md"
    result = run("check", str(SEEDS), "--format", "md", "--output", str(out))
    assert result.exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# claimcheck report")
    assert f"## {SEED0}" in text and f"## {SEED4}" in text
    assert "2 documents" in result.output


def test_text_format_is_clickable() -> None:
    result = run("check", str(SEEDS), "--select", "missing-metadata")
    lines = result.output.strip().splitlines()
    assert lines[0].startswith(f"{SEEDS}/{SEED0}.txt:1:1: warning missing-metadata ")
    assert lines[-1].startswith("2 documents, ")


def test_no_readable_document_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02")
    result = run("check", str(bad))
    assert result.exit_code == 2
    assert "binary file" in result.output
    assert "Traceback" not in result.output


def test_one_bad_file_among_good_ones(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9\n")
    (tmp_path / "good.txt").write_text("TPO - Bộ Y tế công bố.", encoding="utf-8")
    result = run("check", str(tmp_path), "--format", "json")
    assert result.exit_code == 0
    assert "bad.txt:1: not UTF-8" in result.output


def test_unknown_rule_id_is_a_usage_error() -> None:
    result = run("check", str(SEEDS), "--select", "no-such-rule")
    assert result.exit_code == 2
    assert "unknown rule id 'no-such-rule'" in result.output


def test_extract_json_contract() -> None:
    result = run("extract", str(SEEDS), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert [d["id"] for d in data["documents"]] == [SEED0, SEED4]
    assert data["documents"][0]["meta"] == {
        "source": "TPO", "published": None, "url": None, "title": None,
    }
    text = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    for c in data["claims"]:
        assert set(c) == {"id", "doc", "kind", "text", "start", "end", "line", "column",
                          "sentence", "provenance", "value"}
        assert text[c["doc"]][c["start"]:c["end"]] == c["text"]


def test_rules_and_explain() -> None:
    listing = run("rules")
    assert listing.exit_code == 0
    assert "period-order" in listing.output
    explained = run("explain", "weekday-mismatch")
    assert explained.exit_code == 0
    assert "Fires:" in explained.output
    assert run("explain", "nope").exit_code == 2
