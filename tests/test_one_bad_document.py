"""One document that cannot be read never stops the others: it becomes one error line."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from checker import pipeline
from checker.cli import main
from checker.rulepack import load_rules


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "a.md").write_text("---\nsource: Báo A\npublished: 2021-04-30\n---\n"
                                   "Ngày 29/4/2021, Hà Nam ghi nhận 5 ca mắc mới.\n",
                                   encoding="utf-8")
    (tmp_path / "deep.md").write_text("---\ntitle: " + "[" * 3000 + "]" * 3000 + "\n---\n"
                                      "Ngày 29/4/2021.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("---\nsource: Báo B\npublished: 2021-04-30\n---\n"
                                   "Ngày 29/4/2021, Hà Nam ghi nhận 5 ca mắc mới.\n",
                                   encoding="utf-8")
    return tmp_path


def test_a_reader_failing_on_one_document_leaves_the_others(tmp_path, monkeypatch) -> None:
    real = pipeline.extract_document

    def failing(doc):  # noqa: ANN001, ANN202
        if doc.id == "a":
            raise RecursionError("deep")
        return real(doc)

    monkeypatch.setattr(pipeline, "extract_document", failing)
    report = pipeline.check([_folder(tmp_path)], load_rules())
    messages = [str(e) for e in report.errors]
    assert any(m.startswith(str(tmp_path / "a.md")) and "internal error" in m for m in messages)
    assert any("deep.md:2" in m for m in messages)
    assert {c.doc for c in report.claims} == {"b"}


def test_the_command_line_names_the_file_and_line_and_shows_no_traceback(tmp_path) -> None:
    result = CliRunner().invoke(main, ["check", str(_folder(tmp_path)), "--format", "text"])
    assert "Traceback" not in result.output
    assert "deep.md:2: error unreadable front matter nests 3000 levels deep" in result.output
    assert "2 documents" in result.output
