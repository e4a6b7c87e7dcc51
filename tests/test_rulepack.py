"""Malformed rule packs: each case file names the line and the message it must produce."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.errors import UserError
from checker.rulepack import load_pack, load_rules
from tests.conftest import CASES, SEEDS

BAD = sorted((CASES / "rulepacks").glob("*.yaml"))


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_pack_names_file_and_line(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    line = int(re.search(r"expect-line: (\d+)", text).group(1))
    message = re.search(r"expect-message: (.+)", text).group(1).strip()
    with pytest.raises(UserError) as info:
        load_pack(path)
    assert str(info.value).startswith(f"{path}:{line}: "), str(info.value)
    assert message in str(info.value)


@pytest.mark.parametrize("path", BAD[:2], ids=[p.stem for p in BAD[:2]])
def test_bad_pack_on_the_command_line_is_one_line_and_exit_2(path: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(SEEDS), "--rules", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert str(path) in result.output


def test_default_pack_ids_match_file_names() -> None:
    from checker.rulepack import bundled_rules_dir

    for path in bundled_rules_dir().glob("*.yaml"):
        (rule,) = load_pack(path)
        assert rule.id == path.stem


def test_user_pack_replaces_a_default_rule(tmp_path: Path) -> None:
    pack = tmp_path / "mine.yaml"
    pack.write_text(
        "id: missing-metadata\ncheck: require-metadata\nseverity: error\n"
        "message: 'no $missing'\nparams: {fields: [source, published, url]}\n",
        encoding="utf-8",
    )
    rules = {r.id: r for r in load_rules([pack])}
    assert rules["missing-metadata"].severity.value == "error"
    assert rules["missing-metadata"].params["fields"] == ["source", "published", "url"]


def test_duplicate_ids_in_one_pack_are_an_error(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / f"{name}.yaml").write_text(
            "id: same\ncheck: period-order\nmessage: x\n", encoding="utf-8"
        )
    with pytest.raises(UserError, match="duplicate rule id 'same'"):
        load_pack(tmp_path)
