"""`--jobs N` shares documents among N worker processes; what claimcheck says does not depend
on N: the same report, claims and ledger, in the same order."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.workers import MIN_PER_WORKER, jobs_for

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    folder = tmp_path_factory.mktemp("jobs") / "corpus"
    module.write_corpus(folder, MIN_PER_WORKER * 5)
    # One document nobody could read, to show its error keeps its place among the others.
    (folder / "000" / "broken.txt").write_bytes(b"\x00\x01binary")
    return folder


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("jobs", ["2", "3"])
def test_check_reports_the_same_with_any_number_of_workers(corpus: Path, jobs: str) -> None:
    one = run("check", corpus, "--format", "json", "--jobs", "1", "--quiet")
    many = run("check", corpus, "--format", "json", "--jobs", jobs, "--quiet")
    assert one == many
    report = json.loads(one[1])
    assert report["summary"]["documents"] == MIN_PER_WORKER * 5
    assert report["findings"], "the corpus has findings to compare"
    assert report["errors"] and "broken.txt" in report["errors"][0]["path"]


def test_extract_gives_the_same_claims_in_the_same_order(corpus: Path) -> None:
    one = run("extract", corpus, "--jobs", "1")
    many = run("extract", corpus, "--jobs", "2")
    assert one == many
    assert len(json.loads(one[1])["claims"]) > 1000


def test_index_writes_the_same_ledger(corpus: Path, tmp_path: Path) -> None:
    exports = []
    for jobs in ("1", "2"):
        ledger = tmp_path / f"ledger{jobs}.sqlite"
        code, _, _ = run("index", corpus, "--ledger", ledger, "--jobs", jobs)
        assert code == 0
        exports.append(run("ledger", "export", ledger)[1])
    assert exports[0] == exports[1] and exports[0].count("\n") > 1000


def test_little_work_stays_in_one_process() -> None:
    assert jobs_for(8, MIN_PER_WORKER - 1) == 1
    assert jobs_for(8, MIN_PER_WORKER * 3) == 3
    assert jobs_for(None, 0) == 1
