"""Role extraction cases: tests/cases/extract/roles/*.yaml.

Each case gives a text (or a file of the repository) and the exact list of role claims
expected, in order; `not_persons` lists names no claim may give as a person."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
import yaml

from tests.roles_support import claims, document

CASES = Path(__file__).parent / "cases" / "extract" / "roles"
FIELDS = ("person", "rank", "title", "organization", "former")


def _cases() -> list:
    return [
        pytest.param(case, id=f"{path.stem}:{case['name']}")
        for path in sorted(CASES.glob("*.yaml"))
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
    ]


def _expected(entry: dict) -> dict:
    out = {"text": entry["text"]}
    for key in FIELDS:
        out[key] = entry.get(key, False if key == "former" else None)
    return out


@pytest.mark.parametrize("case", _cases())
def test_role_case(case: dict) -> None:
    doc = document(case.get("text"), case.get("file"), case.get("published"))
    found = claims(doc, "role")
    got = [{"text": c.text, **c.value.model_dump(include=set(FIELDS))} for c in found]
    if "expect" in case:
        assert got == [_expected(e) for e in case["expect"]]
    persons = {g["person"] for g in got}
    for name in case.get("not_persons", []):
        assert name not in persons
    if "persons" in case:
        assert sorted(persons) == sorted(case["persons"])


@pytest.mark.parametrize("seed", ["000_0855d1e29bbb93d9", "004_6578a29db5b92e61"])
def test_nfd_text_gives_the_same_roles(seed: str) -> None:
    nfc = document(file=f"seeds/{seed}.txt")
    nfd = nfc.model_copy(update={"text": unicodedata.normalize("NFD", nfc.text)})
    want = [(c.value, c.text) for c in claims(nfc, "role")]
    got = [(c.value, unicodedata.normalize("NFC", c.text)) for c in claims(nfd, "role")]
    assert got == want and want
