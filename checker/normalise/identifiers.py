"""Patient codes and the lists and ranges they are written in: "BN2899", "bệnh nhân 2899",
"BN2911–2914", "từ BN2866 đến BN2910", "BN3092, BN3093 và BN3094". Pure functions that never
raise; used by the event extractor (subjects) and the list-count check (lists under a
heading). The codes a count enumerates in its own sentence are its `members`, which the count
extractor records."""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.errors import UserError
from checker.normalise.events import EventsLexicon, derived, lead, phrase_pattern
from checker.text import nfc

# Words after a number that make it a quantity, not a code ("bệnh nhân 30 tuổi").
_NOT_CODE = r"(?!\s*(?:tuổi|ca\b|người|ngày|giờ|tháng|năm|%|lần))"
_DASH = r"\s*(?:[-–—]|\bđến\b|\btới\b|\bto\b)\s*"
_LIST = r"\s*(?:,|;|\bvà\b|\band\b)\s*"


@dataclass(frozen=True)
class IdentifierRun:
    """Codes written together: `items` are (first, last) numbers, a single code being
    (n, n). `start`/`end` are offsets into the text searched."""

    start: int
    end: int
    items: tuple[tuple[int, int], ...]

    @property
    def size(self) -> int:
        return sum(hi - lo + 1 for lo, hi in self.items)

    @property
    def is_range(self) -> bool:
        return any(hi != lo for lo, hi in self.items)

    def label(self) -> str:
        """"BN2866–BN2910", "BN3092, BN3093": the run as a subject."""
        return ", ".join(f"BN{lo}" if lo == hi else f"BN{lo}–BN{hi}" for lo, hi in self.items)


def _patterns(lex: EventsLexicon) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    words = [p for p in lex.patient_prefixes if p != "BN"]
    prefix = r"(?:(?<![\w])BN\s*|(?<![\w])(?i:" + phrase_pattern(words) + r")\s+(?:(?i:số)\s*)?)"
    code = lead(["BN", *words]) + prefix + r"(\d{1,6})(?![\d.,]\d)(?!\w)" + _NOT_CODE
    # A second end of a range may repeat the prefix or give the number alone.
    tail = r"(?:" + prefix + r")?(\d{1,6})(?![\d.,]\d)(?!\w)" + _NOT_CODE
    return re.compile(code), re.compile(_DASH + tail), re.compile(_LIST)


def _compiled() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    return derived("identifiers", _patterns)


def find_codes(text: str) -> list[tuple[int, int, str]]:
    """Every patient code in `text` as (start, end, "BN2899")."""
    try:
        code, _, _ = _compiled()
        return [(m.start(), m.end(), f"BN{int(m.group(1))}") for m in code.finditer(nfc(text))]
    except UserError:
        raise
    except Exception:  # never stop a run
        return []


def find_runs(text: str) -> list[IdentifierRun]:
    """The runs of patient codes in `text` (NFC offsets), a lone code being a run of one."""
    try:
        return list(_runs(nfc(str(text))))
    except UserError:
        raise
    except Exception:  # never stop a run
        return []


def _runs(text: str):
    code, range_tail, list_sep = _compiled()
    pos = 0
    while True:
        m = code.search(text, pos)
        if m is None:
            return
        start, end = m.start(), m.end()
        items: list[tuple[int, int]] = []
        lo = int(m.group(1))
        while True:
            hi = lo
            r = range_tail.match(text, end)
            if r is not None and lo < int(r.group(1)) <= lo + 9999:
                hi = int(r.group(1))
                end = r.end()
            items.append((lo, hi))
            sep = list_sep.match(text, end)
            nxt = code.match(text, sep.end()) if sep else None
            if nxt is None:
                break
            lo = int(nxt.group(1))
            end = nxt.end()
        yield IdentifierRun(start=start, end=end, items=tuple(items))
        pos = end
