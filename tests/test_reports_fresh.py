"""The committed sample reports (reports/) must be what the current code makes of seeds/."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from scripts.make_reports import REPORTS, command
from tests.conftest import ROOT

REGENERATE = "python scripts/make_reports.py"


@pytest.mark.parametrize("output,fmt", REPORTS, ids=[o for o, _ in REPORTS])
def test_sample_report_is_fresh(output: str, fmt: str, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    fresh = tmp_path / Path(output).name
    result = CliRunner().invoke(main, command(str(fresh), fmt))
    assert result.exit_code == 0, result.output
    committed = ROOT / output
    assert committed.is_file(), f"{output} is missing; generate it with: {REGENERATE}"
    assert committed.read_text(encoding="utf-8") == fresh.read_text(encoding="utf-8"), (
        f"{output} is stale (the code now reports the seeds differently); "
        f"regenerate it with: {REGENERATE}"
    )
