"""Malformed rule files, generated from the bundled pack: every one is refused with a line
naming the file (and the line where known) and its cause, never a traceback; the CLI exits 2.

The generator makes 1,000 files: a field dropped, a field of the wrong type, an unknown check
type, an extra field, a rule file cut short, invalid UTF-8, tabs, a YAML alias bomb, YAML that
is no mapping, nested far, and a file over the size limit. A mutation that leaves a valid rule
(a harmless cut, an empty file) must load."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.errors import UserError
from checker.rulepack import bundled_rules_dir, load_pack

ROOT = Path(__file__).resolve().parent.parent
BOMB = "".join(f"{k}: &{k} [{', '.join([f'*{p}'] * 9) if p else ', '.join(['x'] * 9)}]\n"
               for p, k in zip(["", "a", "b", "c", "d", "e", "f", "g"], "abcdefgh", strict=True))


def _mutations(rng: random.Random, text: str) -> bytes:
    lines = text.splitlines()
    kind = rng.randrange(11)
    if kind == 0:  # a required field dropped
        field = rng.choice(["id:", "check:", "message:"])
        keep = [ln for ln in lines if not ln.startswith(field)]
        return "\n".join(keep).encode()
    if kind == 1:  # a field of the wrong type
        field = rng.choice(["severity", "select", "params", "examples", "id"])
        value = rng.choice(["[1, 2]", "{a: b}", "12", "yes", "null", "''"])
        return (f"{field}: {value}\n" + "\n".join(ln for ln in lines
                                               if not ln.startswith(field + ":"))).encode()
    if kind == 2:  # an unknown check type
        return "\n".join("check: no-such-check" if ln.startswith("check:") else ln
                         for ln in lines).encode()
    if kind == 3:  # an extra field
        return (text + f"\nsurprise_{rng.randrange(99)}: 1\n").encode()
    if kind == 4:  # cut short
        return text.encode()[: rng.randrange(1, max(2, len(text.encode())))]
    if kind == 5:  # invalid UTF-8
        raw = bytearray(text.encode())
        raw[rng.randrange(len(raw))] = 0xFF
        return bytes(raw)
    if kind == 6:  # tabs where YAML wants spaces
        return text.replace("  ", "\t", 1).encode()
    if kind == 7:
        return BOMB.encode()
    if kind == 8:  # YAML that is no mapping
        return rng.choice([b"- a\n- b\n", b"just text\n", b"42\n", b"~\n", b""])
    if kind == 9:  # nested far
        depth = rng.randrange(60, 3000)
        return ("params: " + "[" * depth + "]" * depth + "\n" + text).encode()
    return text.encode() + b"# " + b"x" * (2_000_000 + rng.randrange(1000)) + b"\n"


def _generated(tmp_path: Path, count: int) -> list[Path]:
    rng = random.Random(5)
    sources = [p.read_text(encoding="utf-8") for p in sorted(bundled_rules_dir().glob("*.yaml"))]
    out = []
    for i in range(count):
        path = tmp_path / f"rule{i:04d}.yaml"
        path.write_bytes(_mutations(rng, rng.choice(sources)))
        out.append(path)
    return out


def test_a_thousand_malformed_rule_files_each_get_one_clear_error(tmp_path: Path) -> None:
    refused = 0
    for path in _generated(tmp_path, 1000):
        try:
            load_pack(path)
        except UserError as exc:
            refused += 1
            message = str(exc)
            assert message.startswith(str(path)), message
            assert "\n" not in message.strip(), message
            assert "Traceback" not in message
        # Anything else raised is a traceback for the user, and fails the test here.
    # Some cuts leave a whole rule, and an empty file is an empty pack: those load.
    assert refused >= 900, f"only {refused} of 1000 refused: the generator lost its teeth"


@pytest.mark.parametrize("index", [0, 1, 2, 3, 5, 7, 8])
def test_the_cli_names_the_file_and_exits_2(tmp_path: Path, index: int) -> None:
    path = _generated(tmp_path, index + 1)[index]
    try:
        load_pack(path)
    except UserError:
        pass
    else:
        pytest.skip("this mutation left a valid rule")
    result = CliRunner().invoke(main, ["check", "--rules", str(path), str(ROOT / "seeds")])
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and path.name in lines[0], result.stderr
