"""Roles and attribution on arbitrary mixtures of their own phrases: never an exception, spans
exact, every claim attributed or explicitly not, and every person a name the text gives."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.load import parse_bytes
from checker.models import Document
from checker.pipeline import extract_document
from checker.text import fold, invisible

PIECES = [
    "Thượng tướng Nguyễn Văn Sơn", "Thứ trưởng Bộ Công an", "Lê Văn Tuyến", ", ", ". ",
    "\n\n", "ông Tuyến", "đồng chí Thứ trưởng", "nguyên Giám đốc Sở Y tế Hà Nội", " cho biết",
    "Theo báo cáo", "Trưởng Ban Chỉ đạo phòng, chống dịch bệnh", "Hà Nam", "Phó ", "(Ảnh: VGP)",
    "Đại uý", " 23 ca", " kiêm ", "Nguyen Van Son", ": \"", "Chính phủ", "TP. ", "PGS. TS. ",
    "Trước đó, ", "Tăng cường quản lý", " và ", "CDC ", "Bà ", "đại diện ",
]

texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=16).map(
    "".join
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.sampled_from(["NFC", "NFD"]))
def test_roles_and_attribution_hold_on_any_mixture(text: str, form: str) -> None:
    data = unicodedata.normalize(form, text).encode("utf-8", "surrogatepass")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return
    doc = parse_bytes(data, "t.txt", "t", ".txt")
    if not isinstance(doc, Document):
        return
    # Names are given with single spaces and without the invisible characters a text may
    # hold inside them ("Sơn\u00adA" is read "SơnA").
    folded_text = " ".join(fold("".join(c for c in doc.text if not invisible(c))).split())
    for claim in extract_document(doc):
        assert doc.text[claim.start : claim.end] == claim.text
        assert claim.provenance is not None
        if claim.provenance.attribution is not None:
            assert " ".join(fold(claim.provenance.attribution).split()) in folded_text
        if claim.kind == "role":
            assert claim.value.person and fold(claim.value.person) in folded_text
