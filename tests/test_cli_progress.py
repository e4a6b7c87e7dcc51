"""The progress bar: on a terminal for longer runs only, silenced by --quiet; and the rule
listing's one-sentence summaries."""

from __future__ import annotations

import io

from click.testing import CliRunner

from checker.cli import PROGRESS_MIN_DOCUMENTS, main, progress_bar
from checker.models import Document
from checker.models.report import first_sentence
from checker.rulepack import load_rules


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _docs(n: int) -> list[Document]:
    return [Document(id=f"d{i}", path=f"d{i}.txt") for i in range(n)]


def test_progress_bar_on_a_terminal_for_many_documents() -> None:
    stream = _Terminal()
    wrap = progress_bar(stream, quiet=False)
    docs = _docs(PROGRESS_MIN_DOCUMENTS + 5)
    assert list(wrap(docs)) == docs
    shown = stream.getvalue()
    assert "checking" in shown and f"{len(docs)}/{len(docs)}" in shown


def test_no_progress_bar_for_few_documents_quiet_or_a_pipe() -> None:
    stream = _Terminal()
    few = _docs(3)
    assert list(progress_bar(stream, quiet=False)(few)) == few
    assert stream.getvalue() == ""
    assert progress_bar(_Terminal(), quiet=True) is None
    assert progress_bar(io.StringIO(), quiet=False) is None


def test_rules_lists_first_sentences() -> None:
    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    rules = load_rules()
    assert len(lines) == len(rules)
    for rule, line in zip(rules, lines, strict=True):
        rid, check, severity, summary = line.split(maxsplit=3)
        assert (rid, check, severity) == (rule.id, rule.check, rule.severity.value)
        assert summary == first_sentence(rule.description)
        assert summary.endswith((".", "!", "?")) and "\n" not in summary


def test_first_sentence() -> None:
    assert first_sentence("A window (\"29/4–3/5\") that ends\n  early. Usually a typo.") == \
        'A window ("29/4–3/5") that ends early.'
    assert first_sentence("No full stop at all") == "No full stop at all"
    assert first_sentence("Counts, e.g. 3 ca. Then more.") == "Counts, e.g. 3 ca."
