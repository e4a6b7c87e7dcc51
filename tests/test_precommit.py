"""The pre-commit hook definition (.pre-commit-hooks.yaml), run by pre-commit itself on a
scratch git repository: once as a `repo: local` hook with the definition's own file selection
(fast, no install), once through `pre-commit try-repo` on this checkout, which installs the
package into a fresh environment (skipped, saying why, when that install cannot work here)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

HOOKS = ROOT / ".pre-commit-hooks.yaml"
BAD = "---\nsource: Báo A\npublished: 2021-06-01\n---\nThứ Ba, ngày 3/5/2021, thêm 23 ca.\n"
GOOD = "---\nsource: Báo A\npublished: 2021-06-01\n---\nThứ Hai, ngày 3/5/2021, thêm 23 ca.\n"
# Not a document type the hook reads: were it passed, its wrong weekday would be reported.
SCRIPT = "# Thứ Ba, ngày 3/5/2021\nprint('Thứ Ba, ngày 3/5/2021')\n"


def _hook() -> dict:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["claimcheck"]
    return hooks[0]


def test_hook_definition() -> None:
    hook = _hook()
    assert hook["language"] == "python"
    assert hook["entry"] == "claimcheck check"
    assert hook["require_serial"] is True
    import re

    pattern = re.compile(hook["files"])
    assert all(pattern.search(n) for n in ("a.md", "dir/b.txt", "c.markdown"))
    assert not any(pattern.search(n) for n in ("a.py", "b.yaml", "md.json"))


def _pre_commit() -> list[str]:
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install "
                        "pre-commit, or the test extra)")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    return [sys.executable, "-m", "pre_commit"]


def _scratch_repo(folder: Path, bad: bool = True) -> Path:
    folder.mkdir(parents=True)
    env = _env(folder)
    subprocess.run(["git", "init", "-q", str(folder)], check=True, env=env)
    (folder / "news").mkdir()
    (folder / "news" / "a.md").write_text(BAD if bad else GOOD, encoding="utf-8")
    (folder / "news" / "b.txt").write_text("Ngày 10/5/2021, thêm 30 ca.\n", encoding="utf-8")
    (folder / "tool.py").write_text(SCRIPT, encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=folder, check=True, env=env)
    return folder


def _env(folder: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(PRE_COMMIT_HOME=str(folder.parent / "pre-commit-home"),
               GIT_CONFIG_NOSYSTEM="1", HOME=str(folder.parent), NO_COLOR="1")
    return env


def test_local_hook_selects_documents_and_gates(tmp_path: Path) -> None:
    command = _pre_commit()
    hook = {k: v for k, v in _hook().items() if k not in ("language", "entry")}
    hook.update(language="system",
                entry=f"{sys.executable} -m checker check")
    for bad in (True, False):
        repo = _scratch_repo(tmp_path / f"repo-{bad}", bad=bad)
        (repo / ".pre-commit-config.yaml").write_text(
            yaml.safe_dump({"repos": [{"repo": "local", "hooks": [hook]}]}), encoding="utf-8")
        env = _env(repo) | {"PYTHONPATH": str(ROOT)}
        result = subprocess.run([*command, "run", "claimcheck", "--all-files"], cwd=repo,
                                env=env, capture_output=True, text=True, timeout=120)
        out = result.stdout + result.stderr
        assert "tool.py" not in out
        if bad:
            assert result.returncode == 1, out
            assert "news/a.md:5:1: error weekday-mismatch" in out
            assert "2 documents" in out  # both documents, in one run
        else:
            assert result.returncode == 0, out


def test_try_repo_installs_and_runs_the_hook(tmp_path: Path) -> None:
    command = _pre_commit()
    if not (ROOT / ".git").exists():
        pytest.skip("try-repo needs this checkout to be a git repository")
    repo = _scratch_repo(tmp_path / "repo")
    result = subprocess.run([*command, "try-repo", str(ROOT), "claimcheck", "--all-files"],
                            cwd=repo, env=_env(repo), capture_output=True, text=True,
                            timeout=600)
    out = result.stdout + result.stderr
    if "claimcheck...." not in out and ("pip" in out or "CalledProcessError" in out):
        pytest.skip("pre-commit could not install the hook's environment here (it needs the "
                    "package index or a wheel cache): " + out.strip().splitlines()[-1])
    assert result.returncode == 1, out
    assert "news/a.md:5:1: error weekday-mismatch" in out
    assert "tool.py" not in out
