"""The subject of an event: named in its clause or earlier in its sentence, pointed back to
("bệnh nhân này", "ông Sơn"), or the patient of the paragraph for a clause that opens with a
date; for a meeting the meeting itself and its chair or organiser; for a lockdown the place."""

from __future__ import annotations

import re

from checker.extract.event_mentions import Mention, find_named_place, find_place, place_after
from checker.extract.event_parts import EventDoc, Region, without_whens
from checker.normalise.events import words_key


def find_subjects(doc: EventDoc, region: Region, s_start: int,
              kinds: list[str]) -> tuple[list[tuple[Mention, str]], tuple[int, int, str] | None]:
    if kinds == ["meeting"]:
        return _meeting(doc, region)
    if kinds and kinds[0] == "place":
        # "một căn nhà 3 tầng tại phường Hòa Khánh Bắc … bị đổ sập": where it happened,
        # else the thing it happened to.
        placed = _place_subject(doc, region)
        if placed or kinds == ["place"]:
            return placed, None
        kinds = kinds[1:]
    explicit = [m for m in doc.mentions_in(s_start, region.end) if not m.anaphor
                and not m.relational and m.kind in kinds]
    for lo, hi in ((region.start, region.end), (s_start, region.start)):
        here = [m for m in explicit if lo <= m.start < hi]
        for kind in kinds:
            found = [m for m in here if m.kind == kind]
            if found:
                run = [m for m in found if m.run == found[0].run and m.start == found[0].start]
                return [(m, m.subject) for m in run], None
    objects = {words_key(w) for w in doc.lex.object_pronouns}
    # Before the cue, earlier in the sentence, inside the cue ("xác nhận bệnh nhân mắc"),
    # and after it for a court's or police's object.
    for lo, hi in ((region.start, region.cue_start), (s_start, region.start),
                   (region.cue_start, region.cue_end), (region.cue_end, region.end)):
        for m in doc.mentions_in(lo, hi):
            if not m.anaphor:
                continue
            if lo == region.cue_end and (m.kind != "pronoun" or words_key(
                    doc.text[m.start:m.end]) not in objects):
                continue
            if m.kind == "pronoun":
                antecedent = _pronoun_antecedent(doc, m, kinds)
            elif m.kind in kinds:
                antecedent = _antecedent(doc, m)
            else:
                continue
            if antecedent is not None:
                return [(m, antecedent.subject)], None
    antecedent = _zero_subject(doc, region, s_start, kinds)
    if antecedent is None:
        return [], None
    return [(m, m.subject) for m in _run_of(doc, antecedent)], None


def _pronoun_antecedent(doc: EventDoc, pronoun: Mention, kinds: list[str]) -> Mention | None:
    """The last subject of a kind the event takes, in the pronoun's paragraph or else the
    paragraph before ("BN2899, 28 tuổi, … Ngày 28/4, anh được đưa đi lấy mẫu")."""
    segs = doc.ctx.segments
    paragraph = segs.paragraph_of(pronoun.start)
    first: Mention | None = None
    for m in reversed(doc.mentions):
        if m.start >= pronoun.start or m.anaphor or m.relational or m.kind not in kinds:
            continue
        if segs.paragraph_of(m.start) < paragraph - 1:
            break
        if m.kind == "patient" and kinds[0] == "patient":
            # "BN1910 …, bác sĩ Nguyễn Trung Cấp cho biết. Ông nhập viện …": a health
            # event's pronoun is the patient's, not the doctor's who speaks of them.
            return m
        if first is None and m.kind in ("patient", "person", "group"):
            first = m
            if "patient" not in kinds or kinds[0] != "patient":
                return m
    return first


def _antecedent(doc: EventDoc, anaphor: Mention) -> Mention | None:
    for m in reversed(doc.mentions):
        if m.start >= anaphor.start or m.anaphor or m.kind != anaphor.kind:
            continue
        if anaphor.short is not None:
            if words_key(m.subject.split()[-1]) == words_key(anaphor.short):
                return m
            continue
        if not m.relational:
            return m
    return None


def _zero_subject(doc: EventDoc, region: Region, s_start: int, kinds: list[str]) -> Mention | None:
    """The patient (or group) of the paragraph when the clause opens with a date and the
    cue, with no subject of its own: "BN2899: nam, 30 tuổi. Ngày 28/4 có kết quả dương
    tính"."""
    if not ({"patient", "group"} & set(kinds)):
        return None
    text = doc.text
    lead = without_whens(text, region.start, region.cue_start, region.whens)
    m = doc.aux["opener"].match(lead)
    if m is None or m.end() != len(lead) or not region.whens:
        return None
    segs = doc.ctx.segments
    paragraph = segs.sentences[segs.sentence_of(region.start)].paragraph
    for mention in reversed(doc.mentions):
        if mention.start >= region.start or mention.anaphor or mention.relational:
            continue
        if segs.sentences[segs.sentence_of(mention.start)].paragraph != paragraph:
            return None
        if mention.kind in ("patient", "group") and mention.kind in kinds:
            return mention
    return None


def _run_of(doc: EventDoc, mention: Mention) -> list[Mention]:
    """The mention with the others of its list ("BN3092, BN3093: …" is both patients)."""
    if mention.kind != "patient":
        return [mention]
    return [m for m in doc.mentions_in(mention.start, mention.start + 1)
            if m.kind == "patient" and m.run == mention.run and not m.anaphor]


def _meeting(doc: EventDoc, region: Region) -> tuple[list[tuple[Mention, str]],
                                                  tuple[int, int, str] | None]:
    meetings = [m for m in doc.mentions_in(region.start, region.end) if m.kind == "meeting"]
    if not meetings:
        return [], None
    meeting = meetings[0]
    agent: tuple[int, int, str] | None = None
    do = doc.aux["agent_do"].search(doc.text, meeting.start, region.end)
    if do is not None and len(do.group(1)) <= 120:
        agent = (do.start(1), do.end(1), " ".join(do.group(1).split()))
        # "do Bộ trưởng Trần Văn Sơn chủ trì": the person, as other reports name the chair.
        named = [m for m in doc.mentions_in(do.start(1), do.end(1))
                 if m.kind == "person" and not m.anaphor and m.subject]
        if len(named) == 1:
            agent = (do.start(1), do.end(1), named[0].subject)
    else:
        chair = [m for m in doc.mentions_in(region.start, region.cue_end)
                 if m.kind == "person" and not m.anaphor]
        if chair:
            agent = (chair[-1].start, chair[-1].end, chair[-1].subject)
    return [(meeting, meeting.subject)], agent


_OPENING_GAP = re.compile(
    r"(?:\s*\([^()]{0,60}\))?"  # "Thôn Đông Côi (huyện Thuận Thành, Bắc Ninh) được …"
    # "thôn Đông Côi, xã Đông Côi bị …": the address goes on.
    r"(?:\s*,\s*(?:xã|phường|thị trấn|huyện|quận|thị xã|tỉnh|thành phố|TP\.?)\s+"
    r"[^\W\d_][^,.;:()]{0,40}?)*"
    r"(?:\s*,?\s*(?:ở|tại|thuộc)\s+[^\W\d_][^,.;:]{0,40}?)?\s*(?:bị|được|đã|đã bị|sẽ bị)?\s*"
)


# What may stand before a clause's opening time: "Từ 12h ngày 8/5, thôn …".
_ACCORDING = re.compile(r"\s*(?:theo|according to)\s+[^,.;:]{2,80},", re.IGNORECASE)
_TIME_LEAD = re.compile(r"[\s,]*(?:(?:từ|kể từ|since|from)\s*)?", re.IGNORECASE)


def _place_subject(doc: EventDoc, region: Region) -> list[tuple[Mention, str]]:

    text = doc.text
    after = re.match(r"\s*(?:tạm thời\s+|toàn bộ\s+)?", text[region.cue_end:region.end])
    place = place_after(text, region.cue_end + (after.end() if after else 0), region.end)
    if place is None:
        # "Thôn Hạ Nông bị phong tỏa", "quán karaoke An Phú ở TP Thuận An bốc cháy": a named
        # place of a known kind opens the clause (where it lies may follow it).
        pos = region.start
        for w in doc.raw_whens:  # "Rạng sáng 7/9, quán karaoke …": after the opening date
            if w.start < region.cue_start and _TIME_LEAD.fullmatch(text, pos, w.start):
                pos = max(pos, w.end)
        # The clause may open after an attribution: "Theo UBND huyện Thuận Thành, thôn …".
        starts = [pos]
        source = _ACCORDING.match(text, pos, region.cue_start)
        if source is not None:
            starts.append(source.end())
        for at in starts:
            lead = re.match(r"[\s,]*", text[at:region.cue_start])
            at += lead.end() if lead else 0
            candidate = place_after(text, at, region.cue_start)
            if candidate is not None and _OPENING_GAP.fullmatch(text, candidate.end,
                                                                region.cue_start):
                place = candidate
                break
    if place is None:
        place = find_named_place(text, region.start, region.end)
    if place is None:
        place = find_place(text, region.start, region.end)
    if place is None:
        before = re.search(r"((?:[^\W\d_][\w.]*\s+){1,4})$", text[region.start:region.cue_start])
        if before is not None:
            pos = region.start + before.start(1)
            candidate = place_after(text, pos, region.cue_start)
            if candidate is not None and candidate.province:
                place = candidate
    if place is None:
        return []
    return [(Mention("place", place.value, place.start, place.end), place.value)]
