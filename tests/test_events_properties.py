"""Properties of the event extractor and its normalisers on any text."""

from __future__ import annotations

import datetime as dt
import unicodedata

from dates_context import context_of_text
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.extract import dates, events
from checker.models import EventValue
from checker.normalise.events import (
    hours_back,
    last_weekday,
    patient_code,
    place_key,
    split_published,
    subject_key,
)
from checker.normalise.identifiers import find_codes, find_runs

_PIECES = [
    "BN", "BN ", "bệnh nhân ", "Bệnh nhân này ", "nam bệnh nhân ", "ông ", "Ông Nguyễn Văn Hùng ",
    "nhóm chuyên gia Trung Quốc ", "nhóm này ", "có kết quả xét nghiệm dương tính ",
    "dương tính ", "có biểu hiện sốt ", "nhập cảnh ", "cách ly tập trung ", "hoàn thành cách ly ",
    "xuất viện ", "tử vong ", "phong tỏa ", "giãn cách xã hội ", "Hội nghị ", "chủ trì ",
    "buổi làm việc ", "do ", "tổ chức ", "tại ", "ở ", "Yên Bái", "Vĩnh Phúc", "khách sạn ",
    "ngày ", "Ngày ", "chiều ", "từ ", "đến ", "18h ", "trong 12 giờ qua", "24 giờ qua ",
    "tính đến 6h sáng nay", "hôm qua (29/4)", "on Thursday", "chưa ", "sẽ ", "F1 của ", "và ",
    "(", ")", ",", ";", ":", ".", " ", "\n", "\n\n", "–", "-", "/", "2899", "29/4", "28/4/2021",
    "45 ca ", "BN2911–2914", "BN2866 đến BN2910",
]
eventy = st.lists(
    st.one_of(st.sampled_from(_PIECES), st.integers(0, 9999).map(str)), max_size=50
).map("".join)
any_text = st.one_of(st.text(max_size=200), eventy)
published = st.one_of(st.none(), st.sampled_from(
    ["2021-04-29T18:30", "2021-05-04", "2021-05", "2023-10", "2021", "bad", "2021-13-45T99:99"]))


@settings(max_examples=300, deadline=None)
@given(any_text, published)
def test_extractor_never_raises_and_spans_are_exact(text: str, pub: str | None) -> None:
    ctx = context_of_text(text, pub)
    ctx.found.extend(dates.extract(ctx))
    for claim in events.extract(ctx):
        assert claim.kind == "event"
        assert 0 <= claim.start < claim.end <= len(ctx.text)
        assert ctx.text[claim.start:claim.end].strip() == ctx.text[claim.start:claim.end]
        value = EventValue.model_validate(claim.value)
        assert value.subject
        assert value.date or value.period or value.place


@given(st.text(max_size=80))
def test_subject_and_place_keys_never_raise(text: str) -> None:
    assert isinstance(subject_key(text), str)
    province = place_key(text)
    if province is not None:
        assert place_key(province) == province  # a canonical name is its own key


@given(st.integers(0, 999_999))  # codes have up to six digits
def test_patient_codes_round_trip(n: int) -> None:
    code = patient_code(str(n))
    assert code == f"BN{n}"
    assert subject_key(code) == code
    assert [c for _, _, c in find_codes(f"Ngày 28/4, {code} có kết quả dương tính.")] == [code]


@given(st.integers(1, 9999), st.integers(0, 60))
def test_a_range_label_round_trips(lo: int, width: int) -> None:
    text = f"{width + 1} ca mắc mới (BN{lo}–{lo + width})" if width else f"BN{lo}"
    runs = find_runs(text)
    assert len(runs) == 1 and runs[0].size == width + 1
    assert find_runs(runs[0].label())[0].size == width + 1


@given(st.one_of(st.text(max_size=120), eventy))
def test_identifier_runs_never_raise(text: str) -> None:
    for run in find_runs(text):  # offsets into the NFC text
        assert run.size >= 1 and 0 <= run.start < run.end <= len(unicodedata.normalize("NFC", text))


@given(st.integers(-5, 24 * 40), st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)),
       st.one_of(st.none(), st.times()))
def test_hours_back_is_that_many_hours(hours: int, day: dt.date, clock: dt.time | None) -> None:
    end_time = clock.strftime("%H:%M") if clock else None
    window = hours_back(hours, day.isoformat(), end_time)
    if window is None:
        return
    if end_time is None:
        assert hours % 24 == 0
        days = (dt.date.fromisoformat(window["end"]) - dt.date.fromisoformat(window["start"]))
        assert days == dt.timedelta(hours=hours)
        return
    start = dt.datetime.fromisoformat(f"{window['start']}T{window['start_time']}")
    end = dt.datetime.fromisoformat(f"{window['end']}T{window['end_time']}")
    assert end - start == dt.timedelta(hours=hours)
    longer = hours_back(hours + 1, day.isoformat(), end_time)
    if longer is not None:  # monotone: more hours back starts earlier
        assert (longer["start"], longer["start_time"]) < (window["start"], window["start_time"])


@given(st.integers(0, 6), st.dates(dt.date(1900, 1, 8), dt.date(2099, 12, 31)))
def test_last_weekday_is_that_weekday_within_a_week(index: int, day: dt.date) -> None:
    got = dt.date.fromisoformat(last_weekday(index, day.isoformat() + "T10:00"))
    assert got.weekday() == index
    assert 0 <= (day - got).days < 7


@given(st.text(max_size=40))
def test_split_published_never_raises(text: str) -> None:
    day, clock = split_published(text)
    assert day is None or dt.date.fromisoformat(day)
    assert clock is None or day is not None


@settings(max_examples=120, deadline=None)
@given(eventy, st.sampled_from(["NFC", "NFD"]), published)
def test_events_through_the_pipeline_keep_exact_spans(text: str, form: str,
                                                      pub: str | None) -> None:
    from checker.models import Document, DocumentMeta
    from checker.pipeline import extract_document

    original = unicodedata.normalize(form, text)
    doc = Document(id="p", path="p.txt", text=original, meta=DocumentMeta(published=pub))
    for claim in extract_document(doc):
        assert original[claim.start:claim.end] == claim.text


@given(st.integers(1, 999), st.sampled_from(["", "A", "B", "C"]),
       st.sampled_from(["quốc lộ {}", "National Highway {}", "QL{}", "Quốc lộ {}"]))
def test_a_numbered_road_keys_alike_in_both_languages(n: int, letter: str, form: str) -> None:
    road = f"{n}{letter}"
    assert subject_key(form.format(road)) == subject_key(f"quốc lộ {road}")
    assert subject_key(f"quốc lộ {road}") != subject_key(f"quốc lộ {n + 1}{letter}")
