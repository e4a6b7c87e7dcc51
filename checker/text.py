"""Text positions: NFC views of a text that still point into the original, and
offset -> line/column lookups.

Matching runs on NFC so that NFD input (as some editors and crawlers save it) is found by
the same patterns; every offset reported comes back into the original text."""

from __future__ import annotations

import bisect
import re
import unicodedata

_LINE_END = re.compile(r"\r\n|\r|\n")


# Characters pasted text carries that no reader sees: zero-width spaces and joiners, word
# joiner, soft hyphen, a BOM inside the text, bidi controls. Matching skips them; no-break
# spaces match as spaces.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\u00ad\ufeff\u202a\u202b\u202c\u202d"
                       "\u202e\u2066\u2067\u2068\u2069")
_AS_SPACE = frozenset("\u00a0\u202f\u2007")
_UNSEEN = re.compile("[" + "".join(sorted(_INVISIBLE | _AS_SPACE)) + "]")


def invisible(ch: str) -> bool:
    """Whether `ch` is one of the characters matching skips (a zero-width space, …)."""
    return ch in _INVISIBLE


class NfcView:
    """An NFC copy of `original`, without invisible characters and with no-break spaces as
    spaces, with a map from each index of the copy to an original index."""

    __slots__ = ("original", "nfc", "_to_orig")

    def __init__(self, original: str) -> None:
        self.original = original
        if unicodedata.is_normalized("NFC", original) and not _UNSEEN.search(original):
            self.nfc = original
            self._to_orig: list[int] | None = None
            return
        pieces: list[str] = []
        to_orig: list[int] = []
        i, n = 0, len(original)
        while i < n:
            ch = original[i]
            if ch in _INVISIBLE:
                i += 1
                continue
            if ch in _AS_SPACE:
                pieces.append(" ")
                to_orig.append(i)
                i += 1
                continue
            # A cluster is a starter and the combining marks after it (invisible characters
            # between them skipped); NFC composes within it, whatever order the marks came in.
            j = i + 1
            marks = [ch]
            while j < n and (unicodedata.combining(original[j]) or original[j] in _INVISIBLE):
                if original[j] not in _INVISIBLE:
                    marks.append(original[j])
                j += 1
            composed = unicodedata.normalize("NFC", "".join(marks))
            pieces.append(composed)
            to_orig.extend([i] * len(composed))
            i = j
        to_orig.append(n)
        self.nfc = "".join(pieces)
        self._to_orig = to_orig

    def orig(self, nfc_index: int) -> int:
        """The original offset of an NFC offset (an end offset maps to the end of its cluster)."""
        if self._to_orig is None:
            return nfc_index
        return self._to_orig[nfc_index]

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        if self._to_orig is None:
            return start, end
        return self._to_orig[start], max(self._to_orig[start], self._to_orig[end])


class LineIndex:
    """1-based line and column of an offset; a CRLF counts as one line end."""

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        self._starts = [0, *(m.end() for m in _LINE_END.finditer(text))]

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower case without diacritics, đ as d: a key for diacritic-insensitive matching."""
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
