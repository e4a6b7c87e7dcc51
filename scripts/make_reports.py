"""Regenerate the sample reports in reports/ from seeds/ (run from anywhere):

    python scripts/make_reports.py

Each report is one `claimcheck check` run; tests/test_reports_fresh.py fails when a committed
report differs from what these commands produce now."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (output file, format): each is `claimcheck check seeds/ --format FMT --output FILE`.
REPORTS = [("reports/seeds.md", "md"), ("reports/seeds.html", "html")]


def command(output: str, fmt: str) -> list[str]:
    return ["check", "seeds/", "--format", fmt, "--output", output, "--fail-on", "never",
            "--quiet"]


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    from click.testing import CliRunner

    from checker.cli import main as cli

    for output, fmt in REPORTS:
        result = CliRunner().invoke(cli, command(output, fmt))
        if result.exit_code != 0:
            sys.exit(f"{output}: claimcheck exited {result.exit_code}: {result.output}")
        print(f"wrote {output}")


if __name__ == "__main__":
    main()
