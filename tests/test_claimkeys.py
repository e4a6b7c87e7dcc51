"""The grouping keys the ledger and the rules share."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from checker.claimkeys import (
    document_keys,
    event_key,
    keys_for,
    metric_key,
    person_key,
    subject_key,
)
from checker.claimset import ClaimSet
from checker.models import Document, DocumentMeta
from tests.conftest import CASES
from tests.ledgerdata import claim, count, date, period, role

_DATA = yaml.safe_load((CASES / "claimkeys.yaml").read_text(encoding="utf-8"))
_FUNCS = {"person": person_key, "unit": metric_key, "subject": subject_key,
          "event": lambda pair: event_key(*pair)}


@pytest.mark.parametrize(
    "name,case", [(n, c) for n in _DATA for c in _DATA[n]],
    ids=[f"{n}:{c['in']}" for n in _DATA for c in _DATA[n]],
)
def test_key_cases(name: str, case: dict) -> None:
    assert _FUNCS[name](case["in"]) == case["out"]


@given(st.text())
def test_keys_never_raise_are_idempotent_and_ignore_nfd(text: str) -> None:
    for f in (person_key, metric_key, subject_key):
        key = f(text)
        assert f(key) == key
        assert f(unicodedata.normalize("NFD", text)) == key
    event_key(text, text)


D = dt.date.fromisoformat


def _doc(published: str | None) -> Document:
    return Document(id="x", path="x.txt", meta=DocumentMeta(published=published))


def test_range_from_sentence_then_paragraph_then_publication() -> None:
    claims = [
        period("x", 1, "2021-04-29", "2021-05-03", sentence_index=0),
        count("x", 2, 23, sentence_index=0),
        date("x", 3, "2021-05", paragraph=1, sentence_index=1),
        role("x", 4, "Nguyễn Văn Sơn", "Thượng tướng", paragraph=1, sentence_index=2),
        count("x", 5, 7, paragraph=2, sentence_index=3),
    ]
    keys = document_keys(claims, _doc("2021-05-04T19:19"))
    assert keys[0].key is None
    assert (keys[1].key, keys[1].first_day, keys[1].last_day) == (
        "ca", D("2021-04-29"), D("2021-05-03"))
    assert (keys[3].key, keys[3].first_day, keys[3].last_day) == (
        "nguyen son", D("2021-05-01"), D("2021-05-31"))
    assert (keys[4].first_day, keys[4].last_day) == (D("2021-05-04"), D("2021-05-04"))
    assert keys_for(claims[3], ClaimSet(claims, [_doc("2021-05-04")])) == keys[3]
    undated = document_keys(claims[4:], _doc(None))[0]
    assert not undated.dated and undated.key == "ca"


def test_an_event_is_dated_by_its_own_window() -> None:
    event = claim("x", 1, "event", {"event": "quarantine", "subject": "BN2899",
                                    "period": {"start": "2021-04-09", "end": "2021-04-23"}})
    (keys,) = document_keys([event], _doc("2021-05-04"))
    assert (keys.key, keys.first_day, keys.last_day) == (
        "quarantine#2899", D("2021-04-09"), D("2021-04-23"))


@given(st.lists(st.tuples(st.dates(), st.dates()), min_size=1, max_size=4))
def test_ranges_are_ordered(windows) -> None:
    claims = [period("x", i, a.isoformat(), b.isoformat()) for i, (a, b) in enumerate(windows)]
    claims.append(count("x", 99, 1))
    keys = document_keys(claims, _doc(None))[-1]
    assert keys.first_day <= keys.last_day
    assert keys.first_day == min(min(a, b) for a, b in windows)
