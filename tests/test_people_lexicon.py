"""Users extend the people lexicon with files of their own; a malformed file is one clear error."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from checker import lexicon
from checker.errors import UserError
from checker.lexicon import people
from tests.roles_support import claims, document

TEXT = "Đại tá Ksor Phước, Bí thư Huyện ủy Krông Pa cho biết huyện có 30 ca."


@pytest.fixture
def user_lexicon(tmp_path: Path) -> Iterator[Path]:
    saved = list(lexicon._extra_dirs)
    lexicon.add_lexicon_dir(tmp_path)
    try:
        yield tmp_path
    finally:
        lexicon._extra_dirs[:] = saved
        lexicon.load.cache_clear()


def test_a_family_name_added_by_a_user_is_read(user_lexicon: Path) -> None:
    assert [c.value.person for c in claims(document(TEXT), "role")] == []
    (user_lexicon / "family_names.yaml").write_text("family_names: [Ksor]\n", encoding="utf-8")
    lexicon.load.cache_clear()
    found = claims(document(TEXT), "role")
    assert [(c.value.person, c.value.rank, c.value.title) for c in found] == [
        ("Ksor Phước", "Đại tá", "Bí thư")
    ]


def test_a_rank_added_by_a_user_ranks_below_the_bundled_ones(user_lexicon: Path) -> None:
    (user_lexicon / "ranks.yaml").write_text("ranks: [[Học viên]]\n", encoding="utf-8")
    lexicon.load.cache_clear()
    table = people.ranks()
    assert table.level("Học viên") < table.level("Binh nhì") < table.level("Đại tướng")


def test_a_malformed_lexicon_file_names_the_file_and_key(user_lexicon: Path) -> None:
    (user_lexicon / "titles.yaml").write_text("titles: [{name: Giám đốc, kind: x}]\n",
                                             encoding="utf-8")
    lexicon.load.cache_clear()
    with pytest.raises(UserError, match=r"titles\.yaml.*kind"):
        people.titles()
