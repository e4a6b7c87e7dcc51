"""Paragraphs and sentences, as spans of the original text with line and column."""

from __future__ import annotations

import re

from pydantic import BaseModel

from checker import lexicon
from checker.models import Document, Segment
from checker.text import LineIndex

_PARA_BREAK = re.compile(r"[ \t]*(?:\r\n|\r|\n)(?:[ \t]*(?:\r\n|\r|\n))*")
# A sentence ends at . ! ? … (or a run of them, maybe followed by a closing quote) when
# the next word starts with a capital letter, a digit or an opening quote. Dots inside
# numbers ("10.300") and abbreviations like "TP.HCM" have no space after them.
_SENT_END = re.compile(r"(?:[.!?…]+|\.\.\.)[\"”’»)]*(?=[ \t]+[\"“‘«(]?[^\W\d_a-zđ]|[ \t]+\d)")


def _abbreviations() -> frozenset[str]:
    data = lexicon.load("abbreviations") or {}
    return frozenset(str(a) for a in data.get("no_sentence_end", []))


_ABBREVIATIONS: frozenset[str] | None = None


def _after_abbreviation(text: str, dot: int) -> bool:
    """Whether the dot at `dot` closes an abbreviation such as "TP." or "TS."."""
    global _ABBREVIATIONS
    if _ABBREVIATIONS is None:
        _ABBREVIATIONS = _abbreviations()
    if text[dot] != ".":
        return False
    i = dot
    while i > 0 and (text[i - 1].isalpha() or text[i - 1] == "."):
        i -= 1
    return text[i:dot] in _ABBREVIATIONS


class Segmentation(BaseModel):
    paragraphs: list[Segment]
    sentences: list[Segment]

    def paragraph_of(self, offset: int) -> int:
        """The paragraph holding `offset`; the last one for an offset between paragraphs."""
        lo, hi = 0, len(self.paragraphs)
        while lo < hi:  # the first paragraph that starts after `offset`
            mid = (lo + hi) // 2
            if self.paragraphs[mid].start <= offset:
                lo = mid + 1
            else:
                hi = mid
        if lo > 0 and offset < self.paragraphs[lo - 1].end:
            return lo - 1
        return max(0, len(self.paragraphs) - 1)

    def sentence_of(self, offset: int) -> int:
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if offset < s.start:
                hi = mid - 1
            elif offset >= s.end:
                lo = mid + 1
            else:
                return mid
        return max(0, min(lo, len(self.sentences) - 1))


def segment(doc: Document, lines: LineIndex | None = None) -> Segmentation:
    text = doc.text
    lines = lines or LineIndex(text)
    paragraphs: list[Segment] = []
    sentences: list[Segment] = []
    pos = doc.body_start
    spans: list[tuple[int, int]] = []
    for m in _PARA_BREAK.finditer(text, pos):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    for start, end in spans:
        while start < end and text[start] in " \t":
            start += 1
        while end > start and text[end - 1] in " \t":
            end -= 1
        if start >= end:
            continue
        index = len(paragraphs)
        line, col = lines.line_col(start)
        paragraphs.append(Segment(start=start, end=end, line=line, column=col, paragraph=index))
        s_start = start
        for m in _SENT_END.finditer(text, start, end):
            if m.end() - m.start() == 1 and _after_abbreviation(text, m.start()):
                continue
            s_end = m.end()
            sentences.append(_seg(lines, s_start, s_end, index))
            s_start = s_end
            while s_start < end and text[s_start] in " \t":
                s_start += 1
        if s_start < end:
            sentences.append(_seg(lines, s_start, end, index))
    if not paragraphs:
        line, col = lines.line_col(doc.body_start)
        empty = Segment(start=doc.body_start, end=doc.body_start, line=line, column=col)
        paragraphs.append(empty)
        sentences.append(empty)
    return Segmentation(paragraphs=paragraphs, sentences=sentences)


def _seg(lines: LineIndex, start: int, end: int, para: int) -> Segment:
    line, col = lines.line_col(start)
    return Segment(start=start, end=end, line=line, column=col, paragraph=para)
