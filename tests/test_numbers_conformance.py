"""Duckling's Vietnamese numeral and money corpus (../shared/conformance), read in place.

Every case must pass, or be listed with what we return and why in
tests/numbers_conformance_differences.yaml; a listed case that starts passing fails too, so
the list stays honest. Skips when the corpus is not beside the checkout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from checker.extract.counts import find_counts
from checker.normalise.numbers import parse_number
from tests.conftest import shared_dir

DIFFERENCES = yaml.safe_load(
    (Path(__file__).parent / "numbers_conformance_differences.yaml").read_text(encoding="utf-8")
)
CORPUS = shared_dir("conformance")
SKIP = "Duckling conformance corpus not found (../shared/conformance or $CLAIMCHECK_SHARED)"
# Our currency units in Duckling's names.
OURS_TO_DUCKLING = {"đồng": "VND", "USD": "USD", "EUR": "EUR"}


def _lines(name: str) -> list[dict]:
    if CORPUS is None or not (CORPUS / name).is_file():
        return []
    return [json.loads(line) for line in (CORPUS / name).read_text("utf-8").splitlines() if line]


def _listed(dimension: str) -> dict[str, dict]:
    return {d["text"]: d for d in DIFFERENCES.get(dimension) or []}


def _numeral(text: str) -> dict | None:
    num = parse_number(text)
    return None if num is None else {"value": float(num.value)}


def _money(text: str) -> dict | None:
    """The one count that covers the whole text, in Duckling's shape."""
    found = find_counts(text)
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(text.rstrip()):
        return None
    f = found[0]
    out: dict = {"unit": OURS_TO_DUCKLING.get(f.unit, f.unit)}
    if f.value is None:
        out.update({"from": float(f.min), "to": float(f.max)})
    elif f.qualifier == "over":
        out["from"] = float(f.value)
    elif f.qualifier == "under":
        out["to"] = float(f.value)
    else:
        out["value"] = float(f.value)
    return out


def _same(got: dict | None, expected: dict, unit_names: dict[str, str]) -> bool:
    if got is None:
        return False
    exp = dict(expected)
    if "unit" in exp:
        exp["unit"] = unit_names.get(exp["unit"], exp["unit"])
    if set(got) != set(exp):
        return False
    for key, value in exp.items():
        if isinstance(value, str):
            if got[key] != value:
                return False
        elif abs(float(got[key]) - float(value)) > 1e-9 * max(1.0, abs(float(value))):
            return False
    return True


def _params(name: str, dimension: str):
    lines = _lines(name)
    if not lines:
        return [pytest.param(None, id=f"{dimension}-missing", marks=pytest.mark.skip(SKIP))]
    return [pytest.param(d, id=f"{dimension}:{d['text']}") for d in lines]


def _check(case: dict, reader, dimension: str) -> None:
    listed = _listed(dimension)
    unit_names = DIFFERENCES.get("unit_names") or {}
    got = reader(case["text"])
    ok = _same(got, case["expected"], unit_names)
    if case["text"] in listed:
        assert not ok, f"{case['text']!r} now passes: remove it from the differences file"
        entry = listed[case["text"]]
        assert str(got) == entry["we_return"], (
            f"{case['text']!r}: listed as returning {entry['we_return']}, returns {got}"
        )
    else:
        assert ok, f"{case['text']!r}: expected {case['expected']}, got {got}"


@pytest.mark.parametrize("case", _params("numeral.jsonl", "numeral"))
def test_numeral(case: dict) -> None:
    _check(case, _numeral, "numeral")


@pytest.mark.parametrize("case", _params("amount_of_money.jsonl", "amount_of_money"))
def test_amount_of_money(case: dict) -> None:
    _check(case, _money, "amount_of_money")


@pytest.mark.skipif(CORPUS is None, reason=SKIP)
def test_every_listed_difference_is_in_the_corpus() -> None:
    for dimension, name in (("numeral", "numeral.jsonl"), ("amount_of_money",
                                                           "amount_of_money.jsonl")):
        texts = {d["text"] for d in _lines(name)}
        for text in _listed(dimension):
            assert text in texts, f"{text!r} is listed but not in {name}"
        for entry in DIFFERENCES.get(dimension) or []:
            assert entry.get("why"), f"{entry['text']!r} needs a reason"
