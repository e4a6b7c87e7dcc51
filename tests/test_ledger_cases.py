"""Drafts checked against an indexed archive, as data: tests/cases/ledger/<case>/ holds
case.yaml (the archive, the rules, the expected findings) and drafts/ (the draft files).

    archive: seeds            # the repo's seeds/, or a folder name inside the case
    select: [count-mismatch]  # the rules run (they must be in the default pack)
    expect:                   # this case's exact findings ([] = none)
      - rule: count-mismatch
        docs: [draft, 000_0855d1e29bbb93d9]   # the documents its locations name
        lines: {draft: 5}                      # optional: a line of a claim in a document
        sources: {000_0855d1e29bbb93d9: TPO}   # optional: archived documents' sources,
                                               # shown in the JSON and the text report

Both steps run through the command line: `claimcheck index ARCHIVE --ledger FILE`, then
`claimcheck check DRAFTS --against FILE`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from checker.rulepack import load_rules
from tests.conftest import CASES
from tests.conftest import run_cli as _run

CASE_DIRS = sorted(p for p in (CASES / "ledger").iterdir() if (p / "case.yaml").is_file())


@pytest.mark.parametrize("case_dir", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_ledger_case(case_dir: Path, seeds_ledger: Path, tmp_path: Path) -> None:
    case = yaml.safe_load((case_dir / "case.yaml").read_text(encoding="utf-8"))
    known = {r.id for r in load_rules()}
    missing = [r for r in case["select"] if r not in known]
    if missing:
        pytest.skip(f"rule(s) {', '.join(missing)} not in the default pack yet")
    if case["archive"] == "seeds":
        db = seeds_ledger
    else:
        db = tmp_path / "archive.db"
        indexed = _run("index", case_dir / case["archive"], "--ledger", db)
        assert indexed.exit_code == 0, indexed.output
    args = ["check", case_dir / "drafts", "--against", db, "--select", ",".join(case["select"])]
    result = _run(*args, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.output)
    assert not data["errors"], data["errors"]
    got = data["findings"]
    described = [(f["rule"], f["message"], [(loc["doc"], loc["line"]) for loc in f["locations"]])
                 for f in got]
    assert len(got) == len(case["expect"]), described
    remaining = list(got)
    for exp in case["expect"]:
        match = next((f for f in remaining if _matches(f, exp)), None)
        assert match is not None, f"expected {exp}, got {described}"
        remaining.remove(match)
    meta = {d["id"]: d["meta"] for d in data["documents"]}
    text = _run(*args).output
    for exp in case["expect"]:
        for doc, source in (exp.get("sources") or {}).items():
            assert str(doc) in data.get("archived", []), data.get("archived")
            assert meta[str(doc)]["source"] == source
            assert f"(archived: {source}, published " in text, text


def _matches(finding: dict, exp: dict) -> bool:
    if finding["rule"] != exp["rule"]:
        return False
    docs = {loc["doc"] for loc in finding["locations"]}
    if "docs" in exp and docs != set(map(str, exp["docs"])):
        return False
    for doc, line in (exp.get("lines") or {}).items():
        if not any(loc["doc"] == str(doc) and loc["line"] == line
                   for loc in finding["locations"]):
            return False
    return True
