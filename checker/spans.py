"""Spans of text already taken (names read, cues found), asked whether they cover an offset
by bisection: a long document with many of them is not read pairwise."""

from __future__ import annotations

import bisect
from collections.abc import Iterable


class Spans:
    """Spans of text already taken, asked whether they cover an offset: by bisection, so a
    long document with many names is not read pairwise."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.spans: list[tuple[int, int]] = sorted(spans)
        self.longest = max((e - s for s, e in self.spans), default=0)

    def add(self, start: int, end: int) -> None:
        bisect.insort(self.spans, (start, end))
        self.longest = max(self.longest, end - start)

    def covers(self, pos: int) -> bool:
        return self.contains(pos, pos + 1)

    def contains(self, start: int, end: int) -> bool:
        """Whether one span holds all of [start, end)."""
        i = bisect.bisect_right(self.spans, (start, float("inf")))
        while i > 0:
            i -= 1
            s, e = self.spans[i]
            if s < start - self.longest:
                return False
            if s <= start and end <= e:
                return True
        return False
