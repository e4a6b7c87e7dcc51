"""Aliases and the keys subjects and places are compared by."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from checker import lexicon
from checker.normalise.aliases import (
    canonical,
    normalise_subject,
    place_key,
    resolve,
    subject_key,
)

CASES = yaml.safe_load(
    (Path(__file__).parent / "cases" / "aliases.yaml").read_text(encoding="utf-8")
)
NEUTRAL = frozenset(["được", "đã", "phát hiện"])


@pytest.mark.parametrize("case", CASES["resolve"], ids=lambda c: c["text"])
def test_resolve(case: dict) -> None:
    assert resolve(case["text"]) == case["key"]
    assert resolve(unicodedata.normalize("NFD", case["text"])) == case["key"]


@pytest.mark.parametrize("case", CASES["subjects"], ids=lambda c: c["text"])
def test_normalise_subject(case: dict) -> None:
    assert normalise_subject(case["text"]) == case["subject"]


@pytest.mark.parametrize("case", CASES["keys"], ids=lambda c: c["a"])
def test_subject_key(case: dict) -> None:
    same = subject_key(case["a"], NEUTRAL) == subject_key(case["b"], NEUTRAL)
    assert same is case["same"]


@pytest.mark.parametrize("case", CASES["places"], ids=lambda c: c["text"])
def test_place_key(case: dict) -> None:
    assert place_key(case["text"]) == frozenset(case["places"])


def test_canonical_names_keep_their_spelling() -> None:
    assert canonical("tp.hcm") == "TP Hồ Chí Minh"
    assert canonical("COVID -19") == "COVID-19"
    assert canonical("Hưng Yên") is None


def test_user_aliases_extend_the_table(tmp_path: Path) -> None:
    (tmp_path / "aliases.yaml").write_text(
        "names:\n  Bộ Y tế: [Bộ Y Tế VN]\n  Bắc Giang: [BG]\n", encoding="utf-8"
    )
    saved = list(lexicon._extra_dirs)
    try:
        lexicon.add_lexicon_dir(tmp_path)
        assert resolve("BG") == "bắc giang"
        assert resolve("BYT") == "bộ y tế"  # the bundled alias is kept
    finally:
        lexicon._extra_dirs[:] = saved
        lexicon.load.cache_clear()
    assert resolve("BG") == "bg"


@given(st.text())
def test_normalisers_never_raise(text: str) -> None:
    resolve(text)
    normalise_subject(text)
    subject_key(text, NEUTRAL)
    place_key(text)
    canonical(text)


@given(st.text())
def test_nfc_and_nfd_give_the_same_keys(text: str) -> None:
    nfd = unicodedata.normalize("NFD", text)
    assert resolve(nfd) == resolve(text)
    assert place_key(nfd) == place_key(text)
