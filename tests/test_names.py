"""Name keys and person identity: properties over any text, and the cases that matter."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.normalise.names import (
    has_diacritics,
    name_key,
    org_key,
    same_organisation,
    same_person,
)
from checker.text import fold

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"]
MIDDLE = ["Văn", "Thị", "Thanh", "Quốc", "Minh", "Đức", "Hữu", "Ngọc"]
GIVEN = ["Sơn", "Sang", "Tuyến", "Hùng", "Hưng", "Lan", "Loan", "Hòa", "Thủy", "Tuấn", "Huy"]

names = st.builds(
    lambda f, m, g: f"{f} {m} {g}", st.sampled_from(FAMILY), st.sampled_from(MIDDLE),
    st.sampled_from(GIVEN),
)


@given(st.text())
def test_name_key_never_raises_and_is_idempotent(text: str) -> None:
    key = name_key(text)
    assert isinstance(key, str)
    assert name_key(key) == key


@given(st.text())
def test_name_key_ignores_unicode_form(text: str) -> None:
    assert name_key(unicodedata.normalize("NFD", text)) == name_key(
        unicodedata.normalize("NFC", text)
    )


@given(st.text(), st.text())
def test_same_person_never_raises_and_is_symmetric(a: str, b: str) -> None:
    assert same_person(a, b) == same_person(b, a)


@given(st.text())
def test_same_person_is_reflexive_on_names(text: str) -> None:
    if name_key(text):
        assert same_person(text, text)


@given(names)
def test_a_name_typed_without_diacritics_is_the_same_person(name: str) -> None:
    assert same_person(name, fold(name).title())
    assert same_person(name, name.upper())


@given(names, names)
def test_names_that_differ_with_diacritics_are_different_people(a: str, b: str) -> None:
    if name_key(a) != name_key(b):
        assert not same_person(a, b)


@given(names)
def test_one_doubled_letter_is_a_typing_slip(name: str) -> None:
    assert same_person(name, name + name[-1])


@given(st.text(), st.text())
def test_org_comparison_never_raises(a: str, b: str) -> None:
    key = org_key(a)
    assert org_key(key) == key
    assert same_organisation(a, b) == same_organisation(b, a)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Nguyễn Văn Sơn", "Nguyen Van Son", True),
        ("Nguyễn Văn Sơn", "Nguyễn Văn Sơnn", True),
        ("Nguyễn Văn Sơn", "NGUYỄN VĂN SƠN", True),
        ("Nguyễn Văn Hòa", "Nguyễn Văn Hoà", True),
        ("Nguyễn Văn Sơn", "Nguyễn Thanh Sơn", False),
        ("Nguyễn Văn Sơn", "Nguyễn Văn Sang", False),
        ("Nguyễn Văn Hùng", "Nguyễn Văn Hưng", False),
        ("Lê Thị Lan", "Lê Thị Loan", False),
        ("Nguyễn Văn Sơn", "Văn Sơn", False),
    ],
)
def test_same_person_cases(a: str, b: str, same: bool) -> None:
    assert same_person(a, b) is same


def test_keys_and_aliases() -> None:
    assert name_key("Đại uý") == name_key("Đại úy")
    assert name_key("Thủy") == name_key("Thuỷ")
    assert not has_diacritics("Nguyen Van Son") and has_diacritics("Nguyễn")
    assert org_key("BCA") == org_key("Bộ Công an")
    assert same_organisation("CAND", "Công an nhân dân")
    assert same_organisation("Sở Y tế", "Sở Y tế Hà Nội")
    assert not same_organisation("Bộ Y tế", "Bộ Công an")
