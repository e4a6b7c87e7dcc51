"""What claimcheck says about the seeds, the story cases and the generated corpus is what
tests/outputs.txt recorded: a change made for speed must not move a claim or a finding. A
change meant to alter them rewrites the file (`python bench/outputs.py --write`), and its
diff names the cases that moved."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _outputs_module():
    spec = importlib.util.spec_from_file_location("bench_outputs", ROOT / "bench" / "outputs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_claims_and_findings_are_as_recorded() -> None:
    outputs = _outputs_module()
    recorded = outputs.DIGESTS.read_text(encoding="utf-8").splitlines()
    now = outputs.lines()
    moved = sorted(set(recorded) ^ set(now), key=lambda line: line.split("\t")[0])
    assert not moved, ("outputs differ from tests/outputs.txt (recorded, then now):\n"
                       + "\n".join(moved))
