"""Invisible and formatting characters are transparent: pasted into any test document they
leave the same claims with the same values, and every claim's span still holds its text."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.load import parse_bytes
from checker.pipeline import extract_document

ROOT = Path(__file__).resolve().parent
DOCS = sorted([*ROOT.glob("cases/stories/*/*.md"), *ROOT.glob("cases/stories/*/*.txt"),
               *(ROOT.parent / "seeds").glob("*.*")])
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff", "\u202a", "\u202c",
             "\u2066", "\u2069"]


def _claims(text: str, path: Path) -> tuple[Counter, list]:
    doc = parse_bytes(text.encode("utf-8"), str(path), path.stem, path.suffix)
    assert not hasattr(doc, "message"), doc
    claims = extract_document(doc)
    return Counter((c.kind, c.value.model_dump_json()) for c in claims), claims


def _sprinkle(text: str, rng: random.Random, every: int) -> str:
    body = text.index("\n---", 3) + 4 if text.startswith("---") else 0  # front matter stays
    out = [text[:body]]
    for ch in text[body:]:
        out.append("\u00a0" if ch == " " and rng.random() < 0.2 else ch)
        if ch != "\n" and rng.random() < 1 / every:
            out.append(rng.choice(INVISIBLE))
    return "".join(out)


@pytest.mark.parametrize("path", DOCS, ids=[f"{p.parent.name}/{p.name}" for p in DOCS])
def test_invisible_characters_leave_the_claims(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    clean, _ = _claims(text, path)
    dirty_text = _sprinkle(text, random.Random(path.name), every=7)
    dirty, claims = _claims(dirty_text, path)
    assert dirty == clean
    for c in claims:
        assert dirty_text[c.start:c.end] == c.text


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(DOCS[:40]), st.integers(0, 2**32), st.integers(2, 20))
def test_any_sprinkling_keeps_the_values(path: Path, seed: int, every: int) -> None:
    text = path.read_text(encoding="utf-8")
    clean, _ = _claims(text, path)
    dirty, _ = _claims(_sprinkle(text, random.Random(seed), every), path)
    assert dirty == clean
