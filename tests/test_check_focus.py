"""Checks given a focus (drafts against an archive) make only the pairs that involve it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from checker.checks.base import CheckInput, NoParams
from checker.claimset import ClaimSet
from checker.models import Rule
from tests.ledgerdata import count

_RULE = Rule(id="r", check="count-conflict", message="m")


@given(st.lists(st.sampled_from("abcd"), max_size=12), st.sets(st.sampled_from("abcde")))
def test_pairs_with_a_focus_are_the_focus_pairs_in_order(docs, focus) -> None:
    items = [count(d, i, i) for i, d in enumerate(docs)]
    everything = CheckInput(rule=_RULE, params=NoParams(), claims=ClaimSet(items, []))
    focused = CheckInput(rule=_RULE, params=NoParams(), claims=ClaimSet(items, []),
                         focus=frozenset(focus))
    expected = [(a.id, b.id) for a, b in everything.pairs(items, lambda c: c)
                if a.doc in focus or b.doc in focus]
    got = [(a.id, b.id) for a, b in focused.pairs(items, lambda c: c)]
    assert sorted(got) == sorted(expected)
    assert len(got) == len(set(got))
    position = {c.id: i for i, c in enumerate(items)}
    assert all(position[a] < position[b] for a, b in got)
