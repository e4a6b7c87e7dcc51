"""Offsets are sacred: whatever the text (NFD, CRLF, a BOM, random Unicode), every claim's
text is exactly the file's text at its offsets, and line/column point at its start."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.load import parse_bytes
from checker.models import Document
from checker.pipeline import extract_document
from checker.text import LineIndex

PIECES = [
    "chiều 3/5", "từ ngày 29/4/2021 đến ngày 03/5/2021", "trên 3,3 triệu lượt", "06 ca",
    "Thượng tướng Nguyễn Văn Sơn, Thứ trưởng Bộ Công an", "thứ Hai, ngày 3/5/2021",
    "BN2911–2914", "gần 3 tỷ đồng", "nhiệm kỳ 2021 - 2026", "hôm qua", " date 2021-05 ",
    "TPO - ", "\r\n", "\n\n", ". ", ", ", "hàng chục nghìn tài khoản", "18h ngày 29/4",
]

texts = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=14
).map("".join)


def _check(doc: Document) -> None:
    lines = LineIndex(doc.text)
    for claim in extract_document(doc):
        assert doc.text[claim.start:claim.end] == claim.text
        assert (claim.line, claim.column) == lines.line_col(claim.start)
        assert claim.doc == doc.id


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.sampled_from(["NFC", "NFD"]), st.booleans())
def test_claim_text_is_the_file_text_at_its_offsets(text: str, form: str, bom: bool) -> None:
    data = unicodedata.normalize(form, text).encode("utf-8", "surrogatepass")
    if bom:
        data = b"\xef\xbb\xbf" + data
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return
    doc = parse_bytes(data, "t.txt", "t", ".txt")
    if isinstance(doc, Document):
        _check(doc)


def test_nfd_seed_gives_the_same_claims_as_nfc(seeds) -> None:
    path = seeds / "000_0855d1e29bbb93d9.txt"
    nfc_doc = parse_bytes(path.read_bytes(), "a.txt", "a", ".txt")
    nfd_bytes = unicodedata.normalize("NFD", path.read_text(encoding="utf-8")).encode()
    nfd_doc = parse_bytes(nfd_bytes, "a.txt", "a", ".txt")
    a, b = extract_document(nfc_doc), extract_document(nfd_doc)
    assert [(c.kind, c.value) for c in a] == [(c.kind, c.value) for c in b]
    assert [unicodedata.normalize("NFC", c.text) for c in b] == [c.text for c in a]
    assert [c.line for c in a] == [c.line for c in b]
    _check(nfd_doc)
