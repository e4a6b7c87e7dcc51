from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
SEEDS = ROOT / "seeds"


def shared_dir(name: str) -> Path | None:
    """A folder of the peers' shared suites (conformance, schemas) beside the checkout, or
    None where this clone has none."""
    import os

    candidates = []
    if os.environ.get("CLAIMCHECK_SHARED"):
        candidates.append(Path(os.environ["CLAIMCHECK_SHARED"]) / name)
    candidates.append(ROOT.parent / "shared" / name)
    candidates.append(ROOT.parent.parent / "shared" / name)
    for c in candidates:
        if c.is_dir():
            return c
    return None


@pytest.fixture
def seeds() -> Path:
    return SEEDS


def run_cli(*args: object):
    """Run the `claimcheck` command in-process; arguments may be paths."""
    from click.testing import CliRunner

    from checker.cli import main

    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def seeds_ledger(tmp_path_factory) -> Path:
    """A ledger with the seeds indexed, shared by the tests of one module."""
    db = tmp_path_factory.mktemp("ledger") / "seeds.db"
    result = run_cli("index", SEEDS, "--ledger", db)
    assert result.exit_code == 0, result.output
    return db
