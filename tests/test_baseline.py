"""--write-baseline records today's findings; --baseline reports and gates only new ones,
whatever else is edited in the documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main

A = """---
title: Bản tin
source: Báo A
published: 2021-06-01
---
Thứ Ba, ngày 3/5/2021, Bộ Y tế công bố 23 ca mắc mới.

Từ ngày 29/4/2021 đến ngày 03/5/2021, Hà Nam ghi nhận 12 ca.
"""
B = """---
title: Bản tin khác
source: Báo B
published: 2021-06-02
---
Thứ Hai, ngày 10/5/2021, thêm 30 ca.

Thứ Ba, ngày 10/5/2021, thêm 31 ca.
"""


def run(*args: str):
    return CliRunner().invoke(main, list(args))


# The gate test counts findings exactly, so it runs one rule; the full default pack is used
# below for the property every rule must keep: fingerprints that survive unrelated edits.
ONE_RULE = ("--select", "weekday-mismatch")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.md").write_text(A, encoding="utf-8")
    (folder / "b.md").write_text(B, encoding="utf-8")
    return folder


def _check(corpus: Path, baseline: Path, *options: str) -> tuple[int, dict]:
    result = run("check", str(corpus), "--baseline", str(baseline), "--format", "json",
                 *options)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_write_then_gate_only_new_findings(corpus: Path, tmp_path: Path) -> None:
    before = json.loads(run("check", str(corpus), "--format", "json", *ONE_RULE).stdout)
    known = len(before["findings"])
    assert known == 2  # one weekday error in each document

    baseline = tmp_path / "baseline.json"
    written = run("check", str(corpus), "--write-baseline", str(baseline), *ONE_RULE)
    assert written.exit_code == 0, written.output
    assert f"{known} suppressed (2 by the baseline)" in written.stdout
    entries = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    assert sorted(e["fingerprint"] for e in entries) == \
        sorted(f["fingerprint"] for f in before["findings"])

    # Unchanged corpus: nothing new.
    status, data = _check(corpus, baseline, *ONE_RULE)
    assert (status, data["findings"], data["summary"]["suppressed"]) == (0, [], known)

    # Edits elsewhere (a new paragraph above, a changed sentence, metadata untouched): still
    # nothing new, although every known finding moved to another line.
    _edit(corpus / "a.md", "---\nThứ Ba", "---\nMột đoạn mở đầu mới.\n\nĐoạn thứ hai.\n\nThứ Ba")
    _edit(corpus / "b.md", "thêm 30 ca.", "thêm 30 ca, theo Bộ Y tế.")
    status, data = _check(corpus, baseline, *ONE_RULE)
    assert (status, data["findings"], data["summary"]["suppressed"]) == (0, [], known)

    # One inconsistent thing introduced elsewhere: exactly one new finding, and it gates.
    _edit(corpus / "a.md", "Hà Nam ghi nhận 12 ca.",
          "Hà Nam ghi nhận 12 ca.\n\nThứ Năm, ngày 19/5/2021, thêm 4 ca.")
    status, data = _check(corpus, baseline, *ONE_RULE)
    assert status == 1
    assert [(f["rule"], f["locations"][0]["line"]) for f in data["findings"]] == \
        [("weekday-mismatch", 14)]
    assert data["summary"]["suppressed"] == known


def test_every_default_rule_keeps_its_findings_across_unrelated_edits(
    corpus: Path, tmp_path: Path
) -> None:
    baseline = tmp_path / "baseline.json"
    assert run("check", str(corpus), "--write-baseline", str(baseline)).exit_code == 0
    known = len(json.loads(baseline.read_text(encoding="utf-8"))["findings"])
    assert known >= 2
    assert _check(corpus, baseline)[1]["findings"] == []
    for doc in ("a.md", "b.md"):
        _edit(corpus / doc, "---\nThứ", "---\nMở đầu.\n\nThêm một đoạn.\n\nThứ")
    status, data = _check(corpus, baseline)
    assert (status, data["findings"], data["summary"]["suppressed"]) == (0, [], known)


def test_a_second_identical_finding_is_new(corpus: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    assert run("check", str(corpus), "--write-baseline", str(baseline), *ONE_RULE).exit_code == 0
    _edit(corpus / "b.md", "thêm 31 ca.", "thêm 31 ca.\n\nThứ Ba, ngày 10/5/2021, thêm 31 ca.")
    status, data = _check(corpus, baseline, *ONE_RULE)
    assert status == 1 and len(data["findings"]) == 1


def test_baseline_with_text_output_counts_suppressed(corpus: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    run("check", str(corpus), "--write-baseline", str(baseline), *ONE_RULE)
    result = run("check", str(corpus), "--baseline", str(baseline), *ONE_RULE)
    assert result.exit_code == 0
    assert result.stdout.strip().splitlines()[-1].endswith("2 suppressed (2 by the baseline)")


@pytest.mark.parametrize("content,message", [
    (None, "baseline file not found"),
    ("{not json", "the baseline is not JSON"),
    ('{"findings": [{"rule": "x"}]}', "not a claimcheck baseline (findings.0.fingerprint"),
])
def test_bad_baseline_is_a_usage_error(corpus: Path, tmp_path: Path, content: str | None,
                                       message: str) -> None:
    baseline = tmp_path / "baseline.json"
    if content is not None:
        baseline.write_text(content, encoding="utf-8")
    result = run("check", str(corpus), "--baseline", str(baseline))
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
