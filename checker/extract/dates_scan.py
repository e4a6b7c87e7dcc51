"""The scanner of the date extractor: finds date atoms and the context words before them.

Speed comes from what the scanning regex starts on. It only stops where an atom can be
*anchored*: at a digit, at the last word of a relative phrase ("nay", "qua", "kia", "mai",
"ngoái"), at a capitalised month word after "tháng", at a Roman quarter after "quý". Its
lookahead on the first character names only those characters, and it is compiled without
IGNORECASE, so the engine rejects almost every position in one step. The words *before* an
anchor ("từ 18h ngày", "Sáng thứ Hai (", "nhiệm kỳ") are then read backwards with one anchored
match of a reversed pattern on the reversed text, and the rest of the atom forwards with one
anchored match chosen by the word just before the anchor (tháng -> a month, quý -> a quarter,
năm or a period word -> a year, else a day). Each anchor costs two anchored matches.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from checker.normalise.dates import (
    DatesLexicon,
    LexKey,
    dates_lexicon,
    key,
    lexicon_key,
    parse_clock,
)

S = r"[ \t\u00a0]"
_B = r"(?!\w)"
_END = r"(?![\w/]|[.,]\d)"
_D = r"\d{1,2}"
_Y = r"\d{4}"
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


@dataclass
class Atom:
    """One date-like expression with the context words before it."""

    start: int  # where the claim's text starts when the atom stands alone
    full_start: int  # including a range word, for periods
    end: int
    kind: str  # day|month|year|quarter|days|dayspan|monthspan|yearspan|relative|relyear|now
    y: int | None = None
    m: int | None = None
    d: int | None = None
    y2: int | None = None
    m2: int | None = None
    d2: int | None = None
    days: list[int] = field(default_factory=list)
    days_spans: list[tuple[int, int]] = field(default_factory=list)
    sep: str = ""  # "/", "-", "." or "word" for a single day
    day_word: bool = False  # "ngày", "hôm", "mùng" right before it
    counted_start: int | None = None  # start without a "ngày" that counts ("2 ngày 29, 30/4")
    range_word: str | None = None  # "start" | "end"
    strong: bool = False  # a day word, part of day, weekday or clock time before it
    time: str | None = None
    pod: str | None = None
    weekday: str | None = None
    offset: int | None = None  # days from publication, for relative words
    offset_years: int | None = None


def _alt(words: Iterable[str], reverse: bool = False) -> str:
    keys = sorted({key(w) for w in words if w.strip()}, key=len, reverse=True)
    if reverse:
        keys = [" ".join(w[::-1].split()) for w in keys]
    return "|".join(rf"{S}+".join(map(re.escape, w.split())) for w in keys) or "(?!)"


@dataclass(frozen=True)
class _Grammar:
    scan: re.Pattern[str]
    prefix: re.Pattern[str]  # on the reversed text
    rel_back: re.Pattern[str]  # on the reversed text
    rel_fwd: re.Pattern[str]
    day: re.Pattern[str]
    month: re.Pattern[str]
    year: re.Pattern[str]
    quarter: re.Pattern[str]
    units: dict[str, str]  # unit word -> "month" | "quarter" | "year" | "span"
    # lexicon words as compared (see `key`), computed once
    rel_last_words: tuple[str, ...]
    month_caps: tuple[str, ...]
    range_start: frozenset[str]
    ordinal_nouns: tuple[str, ...]
    number_words: tuple[str, ...]
    per_words: tuple[str, ...]
    count_words: frozenset[str]


@functools.lru_cache(maxsize=4)
def _grammar(lex_key: LexKey) -> _Grammar:
    lex = dates_lexicon()
    months = rf"\d{{1,2}}|{_alt(lex.months)}"
    wd = _alt(lex.weekday_forms_in_text)
    rel_phrases = [*lex.relative_days, *lex.relative_years, *lex.relative_after_part_of_day]
    last_words = sorted({key(w).split()[-1] for w in rel_phrases}, key=len, reverse=True)
    month_caps = sorted({w[:1].upper() + w[1:] for w in map(key, lex.months)}, key=len,
                        reverse=True)
    scan = re.compile(
        # One consumed digit first, so the engine's fast search for a first character
        # applies; then digits only where a core can start: d/m, d.m.yyyy, lists and ranges
        # of days, a day before "tháng", a month or quarter after "tháng"/"quý", a year after
        # "năm" or before a dash.
        rf"\d(?<!\w\d)(?:\d?(?:[/\-–—]\d|\.{_D}\.{_Y}(?!\d)"
        rf"|(?=(?:{S}*(?:,{S}*và|,|và){S}*{_D})+/\d)|(?={S}*[-–—]{S}*{_D}/\d)"
        rf"|(?={S}+[Tt]háng{S}))"
        rf"|(?<=[Tt]háng[ \u00a0]\d)|(?<=[Qq]uý[ \u00a0]\d)"
        rf"|\d{{3}}(?={S}*[-–—]{S}*{_Y})|(?<=[Nn]ăm[ \u00a0]\d)\d{{3}})"
    )
    units = {"tháng": "month", "quý": "quarter", "năm": "year"}
    for cue in lex.period_cues:
        units.setdefault(key(cue), "span")
    time_rev = rf"(?:(?:túhp{S}*|')?\d\d?{S}*)?(?:h|ờig){S}*\d\d?|\d\d:\d\d?"
    prefix = re.compile(
        rf"(?:{S}*(?P<unit>{_alt(units, True)}){_B})?"
        rf"(?:{S}*(?P<cue>{_alt(lex.day_cues, True)}){_B})?"
        rf"(?:{S}*(?:(?P<wdp>\()|,)?{S}*(?P<wd>{_alt(lex.weekday_forms_in_text, True)}){_B})?"
        rf"(?:{S}*,?{S}*(?P<pod>{_alt(lex.parts_of_day, True)}){_B})?"
        rf"(?:{S}*,?{S}*(?P<time>{time_rev}){_B})?"
        rf"(?:{S}+(?P<rw>{_alt([*lex.range_start, *lex.range_end], True)}){_B})?",
        re.IGNORECASE,
    )
    rel_back = re.compile(
        rf"(?P<phrase>{_alt(rel_phrases, True)}){_B}"
        rf"(?:{S}+(?P<pod>{_alt(lex.parts_of_day, True)}){_B})?"
        rf"(?:{S}*,?{S}*(?P<time>{time_rev}){_B})?",
        re.IGNORECASE,
    )
    rel_fwd = re.compile(
        rf"{S}*(?:(?P<rp>\()|,)?{S}*(?:(?:ngày|hôm){S}+)?"
        rf"(?P<rd>{_D})/(?P<rm>{_D})(?:/(?P<ry>{_Y}))?{_END}(?(rp){S}*\))",
        re.IGNORECASE,
    )
    suffix = rf"(?:{S}*\({S}*(?P<wd2>{wd}){_B}{S}*\))?"
    day = re.compile(
        rf"(?:(?P<wf_d>{_D}){S}+tháng{S}+(?P<wf_m>{months}){_B}"
        rf"(?:{S}*,?{S}*năm{S}+(?P<wf_y>{_Y}))?"
        rf"|(?P<ls>{_D}(?:{S}*(?:,{S}*và|,|và){S}*{_D})+)/(?P<lm>{_D})(?:/(?P<ly>{_Y}))?"
        rf"|(?P<dr1>{_D}){S}*[-–—]{S}*(?P<dr2>{_D})/(?P<drm>{_D})(?:/(?P<dry>{_Y}))?"
        rf"|(?P<d>{_D})(?P<sep>[/.-])(?P<m>{_D})(?:(?P=sep)(?P<y>{_Y}))?"
        rf"|(?P<bm>{_D})/(?P<by>{_Y})"
        rf"|(?P<y1>{_Y}){S}*[-–—]{S}*(?P<y2>{_Y})){_END}(?P<close>{S}*\))?{suffix}",
        re.IGNORECASE,
    )
    month = re.compile(
        rf"(?:(?P<mr1>{_D}){S}*[-–—]{S}*(?P<mr2>{_D})"
        rf"(?:{S}*[/-]{S}*|{S}*,?{S}*năm{S}+)(?P<mry>{_Y})"
        rf"|(?P<mo>{months}){_B}(?:{S}*[/-]{S}*(?P<moy>{_Y})|{S}*,?{S}*năm{S}+(?P<moy2>{_Y}))?)"
        rf"{_END}",
        re.IGNORECASE,
    )
    year = re.compile(rf"(?P<y1>{_Y})(?:{S}*[-–—]{S}*(?P<y2>{_Y}))?{_END}")
    quarter = re.compile(
        rf"(?P<q>IV|I{{1,3}}|[1-4]){_B}(?:{S}*/{S}*|{S}*,?{S}*năm{S}+)(?P<qy>{_Y}){_END}",
        re.IGNORECASE,
    )
    return _Grammar(
        scan, prefix, rel_back, rel_fwd, day, month, year, quarter, units,
        tuple(last_words), tuple(month_caps),
        frozenset(map(key, lex.range_start)), tuple(" " + key(w) for w in lex.ordinal_nouns),
        tuple(" " + key(w) for w in lex.months), tuple(" " + key(w) for w in
                                                       lex.per_words_before_month),
        frozenset(map(key, lex.count_words_after_month)),
    )


def find_atoms(text: str, pos: int) -> list[Atom]:
    """The atoms of `text` from `pos` on, in order and not overlapping."""
    lex = dates_lexicon()
    g = _grammar(lexicon_key())
    scanner = _Scanner(text, lex, g)
    anchors = [(m.start(), m.end(), False) for m in g.scan.finditer(text, pos)]
    anchors += _word_anchors(text, pos, g)
    anchors.sort()
    atoms: list[Atom] = []
    last_end = pos
    for start, end, relative in anchors:
        if start < last_end:
            continue
        atom = scanner.relative(end, limit=last_end) if relative else scanner.atom(
            start, limit=last_end)
        if atom is not None:
            atoms.append(atom)
            last_end = atom.end
    return atoms


def _word_anchors(text: str, pos: int, g: _Grammar) -> list[tuple[int, int, bool]]:
    """Where a relative phrase ends ("qua" of "hôm qua"), and month words or Roman quarters
    after "tháng"/"quý". str.find runs in C and these words are few."""
    found: list[tuple[int, int, bool]] = []
    for word in g.rel_last_words:
        i = text.find(word, pos)
        while i >= 0:
            j = i + len(word)
            if _bounded(text, i, j):
                found.append((i, j, True))
            i = text.find(word, j)
    for lead, words in (("háng", g.month_caps), ("uý", ("IV", "III", "II", "I"))):
        i = text.find(lead + " ", pos)
        while i >= 0:
            j = i + len(lead) + 1
            if i > 0 and text[i - 1] in "tTqQ" and (i < 2 or not text[i - 2].isalnum()):
                for word in words:
                    if text.startswith(word, j) and _bounded(text, j, j + len(word)):
                        found.append((j, j + len(word), False))
                        break
            i = text.find(lead + " ", j)
    return found


def _bounded(text: str, i: int, j: int) -> bool:
    return (i == 0 or not text[i - 1].isalnum()) and (j >= len(text) or not text[j].isalnum())


class _Scanner:
    def __init__(self, text: str, lex: DatesLexicon, grammar: _Grammar) -> None:
        self.text = text
        self.rev = text[::-1]
        self.n = len(text)
        self.lex = lex
        self.g = grammar

    def _back(self, pattern: re.Pattern[str], at: int, limit: int) -> dict:
        """Groups of a reversed pattern matched backwards from `at`, as forward spans."""
        m = pattern.match(self.rev, self.n - at, self.n - limit)
        spans = {}
        if m is None:
            return spans
        for name, value in m.groupdict().items():
            if value is not None:
                rs, re_ = m.span(name)
                spans[name] = (self.n - re_, self.n - rs)
        return spans

    def atom(self, p: int, limit: int) -> Atom | None:
        """The atom whose core starts at p (a digit, a month word, a Roman quarter)."""
        pre = self._back(self.g.prefix, p, limit)
        unit = key(self._s(pre["unit"])) if "unit" in pre else None
        kind = self.g.units.get(unit) if unit else None
        if kind == "month":
            core = self.g.month.match(self.text, p)
        elif kind == "quarter":
            core = self.g.quarter.match(self.text, p)
        elif kind in ("year", "span"):
            core = self.g.year.match(self.text, p)
            if core is not None and kind == "span" and core.group("y2") is None:
                core = None
        else:
            core = self.g.day.match(self.text, p)
        if core is None:
            return None
        atom = self._context(pre, p, core)
        return _read_core(self.text, core, atom, kind, self.lex, self.g)

    def _now(self, start: int, end: int, limit: int) -> Atom | None:
        """"đến nay": the end of a window that runs to the publication date."""
        pre = self._back(self.g.prefix, start, limit)
        if set(pre) != {"rw"} or key(self._s(pre["rw"])) in self.g.range_start:
            return None
        return Atom(pre["rw"][0], pre["rw"][0], end, "now", range_word="end")

    def _s(self, span: tuple[int, int]) -> str:
        return self.text[span[0]:span[1]]

    def _context(self, pre: dict, p: int, core: re.Match[str]) -> Atom:
        lex, text = self.lex, self.text
        atom = Atom(p, p, core.end(), "day")
        if "rw" in pre:
            word = key(self._s(pre["rw"]))
            atom.range_word = "start" if word in self.g.range_start else "end"
        if "pod" in pre:
            atom.pod = lex.parts_of_day.get(key(self._s(pre["pod"])))
        if "time" in pre:
            atom.time = parse_clock(self._s(pre["time"]), atom.pod)
            if atom.time is None:
                del pre["time"]
        if "wd" in pre and not _ends_with(text, pre["wd"][0], self.g.ordinal_nouns):
            atom.weekday = " ".join(self._s(pre["wd"]).split())
        elif "wd" in pre:
            del pre["wd"]
            pre.pop("wdp", None)
        if atom.weekday is None and core.groupdict().get("wd2"):
            atom.weekday = " ".join(core.group("wd2").split())
        atom.strong = bool("cue" in pre or atom.pod or atom.weekday or atom.time)
        kept = [pre[n][0] for n in ("time", "pod", "wd", "unit", "cue") if n in pre]
        atom.start = min([*kept, p])
        if "cue" in pre and _after_number(text, pre["cue"][0], self.g) and pre["cue"][0] == min(
                kept):
            atom.counted_start = min([*(k for k in kept if k != pre["cue"][0]), p])
        atom.full_start = pre["rw"][0] if "rw" in pre else atom.start
        close = core.groupdict().get("close")
        if close and "wdp" not in pre and not core.groupdict().get("wd2"):
            atom.end = core.start("close")  # a ")" that no "(" of ours opened
        atom.day_word = "cue" in pre
        return atom

    def relative(self, end: int, limit: int) -> Atom | None:
        """The relative phrase that ends at `end` ("chiều hôm qua"), with a written date
        after it if any ("(29/4)")."""
        lex = self.lex
        back = self._back(self.g.rel_back, end, limit)
        if "phrase" not in back:
            return None
        phrase = key(self._s(back["phrase"]))
        pod = lex.parts_of_day.get(key(self._s(back["pod"]))) if "pod" in back else None
        start = min(span[0] for span in back.values())
        atom = Atom(start, start, end, "relative", strong=True, pod=pod)
        if "time" in back:
            atom.time = parse_clock(self._s(back["time"]), pod)
            if atom.time is None:
                atom.start = atom.full_start = min(
                    s for name, (s, _) in back.items() if name != "time")
        if phrase in lex.relative_years:
            if pod or "time" in back:
                return None
            atom.kind, atom.offset_years = "relyear", lex.relative_years[phrase]
            atom.start = atom.full_start = back["phrase"][0]
            return atom
        if phrase in lex.relative_days:
            atom.offset = lex.relative_days[phrase]
        elif pod is not None and phrase in lex.relative_after_part_of_day:
            atom.offset = lex.relative_after_part_of_day[phrase]
        elif lex.relative_after_part_of_day.get(phrase) == 0 and "time" not in back:
            return self._now(start, end, limit)
        else:
            return None
        fwd = self.g.rel_fwd.match(self.text, end)
        if fwd is not None and 1 <= int(fwd.group("rm")) <= 12:
            atom.d, atom.m, atom.y = int(fwd.group("rd")), int(fwd.group("rm")), _int(fwd["ry"])
            atom.end = fwd.end()
        return atom


def _read_core(
    text: str, m: re.Match[str], atom: Atom, unit: str | None, lex: DatesLexicon, g_: _Grammar
) -> Atom | None:
    """The values of a forward core match, and whether it is a date at all."""
    g = m.groupdict()
    if unit == "month":
        if g["mr1"]:
            atom.kind = "monthspan"
            atom.m, atom.m2, atom.y = int(g["mr1"]), int(g["mr2"]), int(g["mry"])
            ok = 1 <= atom.m2 <= 12
        else:
            atom.kind, atom.m = "month", _month(g["mo"], lex)
            atom.y = _int(g["moy"]) or _int(g["moy2"])
            ok = atom.m is not None and (atom.y is not None or _month_alone_ok(text, m, g_))
    elif unit == "quarter":
        q = g["q"].lower()
        atom.kind, atom.y = "quarter", int(g["qy"])
        atom.m = 3 * (_ROMAN[q] if q in _ROMAN else int(q)) - 2
        atom.m2 = atom.m + 2
        ok = True
    elif g.get("y1") and (unit in ("year", "span") or g.get("y2")):
        ok = _years(text, m, atom, unit)
    elif unit in ("year", "span"):
        return None
    elif g["wf_d"]:
        month = _month(g["wf_m"], lex)
        atom.d, atom.m, atom.y = int(g["wf_d"]), month, _int(g["wf_y"])
        ok = month is not None and (atom.y is not None or atom.day_word)
        atom.sep = "word"
    elif g["ls"]:
        atom.kind, atom.m, atom.y = "days", int(g["lm"]), _int(g["ly"])
        if atom.counted_start is not None:
            atom.start = atom.counted_start
            atom.full_start = min(atom.full_start, atom.start)
        base = m.start("ls")
        for dm in re.finditer(r"\d{1,2}", g["ls"]):
            atom.days.append(int(dm.group()))
            atom.days_spans.append((base + dm.start(), base + dm.end()))
        atom.days_spans[-1] = (atom.days_spans[-1][0], m.end("ly") if g["ly"] else m.end("lm"))
        ok = atom.y is not None or atom.strong
    elif g["dr1"]:
        atom.kind = "dayspan"
        atom.d, atom.d2, atom.m = int(g["dr1"]), int(g["dr2"]), int(g["drm"])
        atom.y = _int(g["dry"])
        ok = atom.y is not None or atom.strong
    elif g["d"]:
        atom.d, atom.m, atom.y, atom.sep = int(g["d"]), int(g["m"]), _int(g["y"]), g["sep"]
        ok = atom.y is not None or atom.sep != "."
    else:
        atom.kind, atom.m, atom.y = "month", int(g["bm"]), int(g["by"])
        ok = atom.range_word is not None
    if not ok or (atom.y is not None and not 1000 <= atom.y <= 2999):
        return None
    if atom.m is not None and not 1 <= atom.m <= 12:
        return None
    return atom


def _years(text: str, m: re.Match[str], atom: Atom, unit: str | None) -> bool:
    y1, y2 = int(m.group("y1")), _int(m.group("y2"))
    if y2 is None:
        atom.kind, atom.y = "year", y1
        return True
    if not (1900 <= y1 < y2 <= 2099 and y2 - y1 <= 50):
        return False
    glued = m.start() > 0 and text[m.start() - 1] in "-–/."
    if unit is None and atom.range_word is None and glued:
        return False
    atom.kind, atom.y, atom.y2 = "yearspan", y1, y2
    return True


def _int(s: str | None) -> int | None:
    return int(s) if s else None


def _month(s: str, lex: DatesLexicon) -> int | None:
    if s.isdigit():
        return int(s)
    return lex.months.get(key(s)) if s[:1].isupper() else None


def _preceding(text: str, pos: int, width: int = 24) -> str:
    return " " + key(text[max(0, pos - width):pos])


def _ends_with(text: str, pos: int, words: tuple[str, ...]) -> bool:
    """Whether one of `words` (each keyed, with a leading space) ends right before pos."""
    return _preceding(text, pos).endswith(words)


def _after_number(text: str, pos: int, g: _Grammar) -> bool:
    """Whether the day word at pos counts days ("2 ngày", "hai ngày") rather than names one."""
    before = _preceding(text, pos)
    return before.rsplit(" ", 1)[-1].isdigit() or before.endswith(g.number_words)


def _month_alone_ok(text: str, m: re.Match[str], g: _Grammar) -> bool:
    """"tháng 5" with no year is a month unless a number or a rate word is before it, or a
    count word after it ("6 tháng 5 ngày", "mỗi tháng 2 lần")."""
    before = _preceding(text, m.start()).rsplit(" ", 1)[0]  # drop "tháng"
    if before.rsplit(" ", 1)[-1].isdigit() or before.endswith(g.per_words):
        return False
    after = text[m.end():m.end() + 12].split()
    first_after = key(after[0]) if after else ""
    return first_after not in g.count_words and not first_after[:1].isdigit()
