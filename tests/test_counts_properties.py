"""Count extraction through the real pipeline on generated text: it never raises, every
count's text is exactly the file's text at its offsets (NFC or NFD input), and its value
satisfies the contract."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.load import parse_bytes
from checker.models import Document
from checker.pipeline import extract_document

_WORDS = st.sampled_from(
    "một hai ba bốn tư năm lăm mười mươi mốt trăm linh chục nghìn triệu tỷ rưỡi hàng vài "
    "trên gần khoảng dưới từ đến trong đó bao gồm và , ; . ( ) - – ca vụ lượt đồng % người "
    "đồng chí cán bộ chiến sĩ BN2911–2914 bệnh nhân 2899 COVID-19 tại Hà Nam TP.HCM ngày "
    "29/4/2021 03/5/2021 sau không ghi nhận 10.300 3,3 06 23 17 $ K 5-7 1,580".split()
)


@given(st.lists(_WORDS, max_size=30).map(" ".join), st.booleans())
@settings(max_examples=150, deadline=None)
def test_counts_spans_are_exact(text: str, nfd: bool) -> None:
    if nfd:
        text = unicodedata.normalize("NFD", text)
    doc = parse_bytes(text.encode("utf-8"), "case.txt", "case", ".txt")
    assert isinstance(doc, Document)
    for claim in extract_document(doc):
        assert doc.text[claim.start:claim.end] == claim.text
        if claim.kind != "count":
            continue
        v = claim.value
        assert v.unit
        if v.value is None:
            assert v.min is not None and v.max is not None and v.min <= v.max
        if v.part_of:
            assert v.part_of != v.group


@given(st.text(max_size=300))
@settings(max_examples=150, deadline=None)
def test_extraction_never_raises_on_any_text(text: str) -> None:
    doc = parse_bytes(text.encode("utf-8", "surrogatepass"), "case.txt", "case", ".txt")
    if isinstance(doc, Document):
        extract_document(doc)
