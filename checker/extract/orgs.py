"""Where an organisation's name starts and ends in running text, and the lexicon the role and
attribution readers share.

An organisation starts with a known name ("Bộ Công an", "CAND") or a head word ("Sở", "Ban",
"Công an") and runs on over:
- known organisation names ("Ban Chỉ đạo … Bộ Công an"), places ("Hà Nội") and an
  administrative unit with its place ("tỉnh Yên Bái");
- capitalised words, a capitalised word taking the lower-case words of its lexicon phrase
  ("Công an", "Y tế", "An ninh, trật tự");
- lower-case lexicon words between two capitalised parts ("phòng, chống dịch bệnh" in "Ban Chỉ
  đạo phòng, chống dịch bệnh Bộ Công an"), and at the end only those listed as able to end a name.
It stops at any other word ("… Bộ Công an chủ trì"), at a title or rank, and, once it has a
name, at a capitalised run that starts with a family name: the person the title belongs to
("Thứ trưởng Bộ Công an Lê Văn Tuyến")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from checker.extract.phrases import Match, PhraseSet, Token
from checker.lexicon import load, people
from checker.normalise import aliases
from checker.normalise.names import name_key
from checker.text import fold

# Lower-case words that may sit inside an organisation's name but not end it: they read as
# verbs or joiners after a name ("Bộ Công an chỉ đạo …", "Bộ Y tế và …").
_ADMIN_ENDS = {"tỉnh", "huyện", "quận", "xã", "phường", "phố"}
_BOUNDARY = {",", ".", ";", ")", ":", "!", "?"}
_INNER_ONLY = {
    "chỉ đạo", "phòng", "chống", "phòng chống", "về", "và", "quản lý", "kiểm tra", "điều tra",
    "kiểm soát", "thông tin", "tổ chức", "xây dựng", "phát triển", "hợp tác", "cải cách",
    "tổng hợp", "hội nhập", "thi đua", "khen thưởng", "dự phòng", "phòng,", "thường trực",
    "tỉnh", "thành phố", "huyện", "quận", "xã", "phường",
}
_MAX_LOWER_RUN = 8
_UPPER = "".join(ch for ch in map(chr, range(0x41, 0x1EFA)) if ch.isupper() and ch.isalpha())
_CAP = "[" + re.escape(_UPPER) + "]"
# Two capitalised words in a row (no look-behind: it is five times slower; checked after).
_CAP_PAIR = re.compile(rf"({_CAP}\w*)[ \t]+(?=({_CAP}\w*))")
# Marks and joiners a name cannot end with ("Bộ Y tế và" is "Bộ Y tế").
_DANGLING = {",", "-", "–", "&", "và", "về"}


@dataclass
class Lexicon:
    """The phrase sets built from the lexicon files (rebuilt when a file set changes)."""

    ranks: PhraseSet
    titles: PhraseSet
    title_prefixes: PhraseSet
    honorifics: PhraseSet
    academic: PhraseSet
    former: PhraseSet
    joiners: PhraseSet
    family: set[str]
    family_folded: set[str]  # for names typed without diacritics ("Tran Thi Nhi Ha")
    places: PhraseSet
    place_keys: set[str]
    known_orgs: PhraseSet
    heads: PhraseSet
    admin_units: PhraseSet
    words: PhraseSet
    end_words: set[str]
    title_table: people.TitleTable
    rank_table: people.RankTable
    verbs: PhraseSet  # reporting verbs (attribution lexicon)
    honorific_words: list[str]
    admin_unit_words: list[str]

    @cached_property
    def role_starts(self) -> list[PhraseSet]:
        return [self.ranks, self.titles, self.title_prefixes, self.honorifics, self.former]

    @cached_property
    def family_keys(self) -> frozenset[str]:
        return frozenset(self.family | self.family_folded)

    @cached_property
    def admin_before(self) -> re.Pattern[str]:
        """An administrative unit just before a position ("TP Hồ Chí Minh" is a place)."""
        alts = "|".join(re.escape(u) for u in sorted(self.admin_unit_words, key=len)[::-1])
        return re.compile(rf"(?<!\w)(?:{alts})[ \t]+$", re.IGNORECASE)

    @cached_property
    def honorific_before_capital(self) -> re.Pattern[str]:
        words = sorted({w for h in self.honorific_words for w in (h, h.capitalize())}, key=len)
        alts = "|".join(re.escape(w) for w in reversed(words))
        return re.compile(rf"(?:{alts})[ \t]+{_CAP}")

    def anchors(self, text: str, start: int, end: int, titles: set[str]) -> list[int]:
        """Where a mention may be, found without reading word by word: a family name before
        a capitalised word, an honorific before one, or a title some person already holds
        (for "Thứ trưởng cho biết"). Text with no anchor holds no mention."""
        found: list[int] = []
        for m in _CAP_PAIR.finditer(text, start, end):
            if m.start() > start and text[m.start() - 1].isalnum():
                continue
            key = name_key(m.group(1))
            if key in self.family or (key.isascii() and key in self.family_folded):
                if name_key(f"{m.group(1)} {m.group(2)}") in self.place_keys:
                    continue  # "tại Hà Nam"
                if self.admin_before.search(text, max(start, m.start() - 12), m.start()):
                    continue  # "TP Hồ Chí Minh"
                found.append(m.start())
        found.extend(m.start() for m in self.honorific_before_capital.finditer(text, start, end))
        if titles:
            folded = text[start:end].casefold()
            if len(folded) == end - start:
                for title in titles:
                    i = folded.find(title)
                    while i >= 0:
                        found.append(start + i)
                        i = folded.find(title, i + 1)
        return sorted(found)

    @cached_property
    def mention_first_keys(self) -> frozenset[str]:
        """Keys of the words a mention can start with (a quick test before parsing)."""
        sets = [*self.role_starts, self.academic]
        return frozenset(k for s in sets for k in s.first_keys()) | self.family_keys


_cache: tuple[tuple[object, ...], Lexicon] | None = None


def lexicon() -> Lexicon:
    global _cache
    parts = (
        people.ranks(), people.titles(), people.honorifics(), people.family_names(),
        people.places(), people.organisations(), people.attribution_cues(),
    )
    if _cache is not None and all(a is b for a, b in zip(_cache[0], parts, strict=True)):
        return _cache[1]
    ranks, titles, hon, fam, places, orgs, cues = parts
    lex = Lexicon(
        ranks=PhraseSet(ranks.names()),
        titles=PhraseSet(t.name for t in titles.titles),
        title_prefixes=PhraseSet(titles.prefixes),
        honorifics=PhraseSet(hon.honorifics),
        academic=PhraseSet(hon.academic),
        former=PhraseSet(hon.former),
        joiners=PhraseSet(hon.joiners),
        family={name_key(f) for f in fam.family_names},
        family_folded={fold(f) for f in fam.family_names},
        places=PhraseSet(places.places),
        place_keys={name_key(p) for p in places.places},
        known_orgs=PhraseSet(_with_aliases(orgs.organisations)),
        heads=PhraseSet(orgs.heads),
        admin_units=PhraseSet(orgs.admin_units),
        words=PhraseSet(orgs.words),
        end_words={name_key(w) for w in orgs.words if name_key(w) not in _INNER_ONLY},
        title_table=titles,
        rank_table=ranks,
        verbs=PhraseSet(cues.verbs),
        honorific_words=list(hon.honorifics),
        admin_unit_words=list(orgs.admin_units),
    )
    _cache = (parts, lex)
    return lex


def _with_aliases(names: list[str]) -> list[str]:
    """The known organisations and every other way the alias table writes them."""
    table = aliases.AliasTable.model_validate(load("aliases") or {})
    known = {aliases.name_key(n) for n in names}
    out = list(names)
    for canonical, variants in table.names.items():
        if aliases.name_key(canonical) in known:
            out.extend(str(v) for v in variants or [])
    return out


def canonical_org(text: str) -> str:
    """An organisation's name as the alias table writes it ("BCA" -> "Bộ Công an")."""
    return aliases.canonical(text) or text


class OrgReader:
    """Reads organisation names in one run of tokens."""

    def __init__(self, tokens: list[Token], lex: Lexicon) -> None:
        self.t = tokens
        self.lex = lex

    def starts_role(self, i: int) -> bool:
        """Whether a rank or a title (maybe after "nguyên" or "Phó") starts at i. Honorifics
        and a bare "Nguyên" or "Quyền" do not: they are also given names ("Nguyễn Tuấn Anh")."""
        lex = self.lex
        if lex.ranks.starts(self.t, i) or lex.titles.starts(self.t, i):
            return True
        for words in (lex.former, lex.title_prefixes):
            m = words.match(self.t, i)
            if m and m.end > i and self.starts_role(m.end):
                return True
        return False

    def family_run(self, i: int) -> int:
        """Length of the capitalised run at i when it starts with a family name, else 0."""
        if i >= len(self.t) or not self.is_family(self.t[i]):
            return 0
        return self.cap_run(i)

    def is_family(self, tok: Token) -> bool:
        if not tok.cap:
            return False
        if tok.key in self.lex.family:
            return True
        return tok.key.isascii() and tok.key in self.lex.family_folded

    def cap_run(self, i: int, limit: int = 6) -> int:
        n = 0
        while (
            i + n < len(self.t) and n < limit and self.t[i + n].cap and self.t[i + n].alpha
            and not self.t[i + n].acronym and not (n and self.starts_role(i + n))
            and not (n and self.lex.known_orgs.starts(self.t, i + n))
        ):
            n += 1
        return n

    def place_at(self, i: int) -> Match | None:
        """A place: a known place name, or an administrative unit and a capitalised name."""
        m = self.lex.places.match(self.t, i, cap=True)
        if m:
            return m
        unit = self.lex.admin_units.match(self.t, i)
        if unit is None:
            return None
        known = self.lex.places.match(self.t, unit.end, cap=True)
        if known:
            return Match(i, known.end, unit.phrase)
        if unit.end < len(self.t) and self.t[unit.end].cap and self.t[unit.end].word:
            run = max(1, self.cap_run(unit.end))
            return Match(i, unit.end + self._keep_before_name(unit.end, run), unit.phrase)
        return None

    def _keep_before_name(self, i: int, run: int) -> int:
        """How much of a capitalised run to keep as a name part when a person's name may
        follow it: the run without a 3-, 2- or 4-word tail that starts with a family name."""
        for tail in (3, 2, 4):
            if run - tail >= 1 and self.is_family(self.t[i + run - tail]):
                return run - tail
        return run

    def parse(self, i: int) -> int | None:
        """The token index after an organisation's name starting at i, or None (a head word
        with nothing after it is no name)."""
        if i >= len(self.t):
            return None
        known = self.lex.known_orgs.match(self.t, i, cap=True)
        if known:
            return self.extend(known.end, complete=True)
        head = self.lex.heads.match(self.t, i, cap=True)
        if head is None:
            # An abbreviation names a body on its own ("CDC Hà Nội", "WHO").
            if self.t[i].acronym and self.t[i].alpha:
                return self.extend(i + 1, complete=True)
            return None
        end = self.extend(head.end, complete=False)
        return end if end > head.end else None  # "Sở" alone names no body

    def extend(self, k: int, complete: bool) -> int:
        """Run an organisation's name on from token k (see the module docstring)."""
        t, lex = self.t, self.lex
        while k < len(t):
            tok = t[k]
            m = lex.known_orgs.match(t, k, cap=True) or self.place_at(k)
            if m:
                k, complete = m.end, True
                continue
            if tok.cap:
                if self.starts_role(k):
                    break
                phrase = lex.words.match(t, k)
                if phrase:
                    k, complete = phrase.end, True
                    continue
                run = self.family_run(k)
                if run >= 2:
                    if complete:
                        break
                    keep = self._keep_before_name(k, run)
                    k, complete = k + keep, True
                    if keep < run:
                        break
                    continue
                k, complete = k + 1, True
                continue
            if tok.text in "-–&" and k + 1 < len(t) and t[k + 1].cap:
                k += 1
                continue
            lower_end, can_end = self._lower_run(k)
            if lower_end > k:
                joined_by_and = any(tok.key == "và" for tok in t[k:lower_end])
                if self._org_part(lower_end, new_body_ends=joined_by_and):
                    k = lower_end
                    continue
                if can_end:
                    k = lower_end
                break
            break
        return self._trim(k)

    def _lower_run(self, k: int) -> tuple[int, bool]:
        """End of the run of lower-case lexicon words at k, and whether it may end a name."""
        end, can_end, count = k, True, 0
        while end < len(self.t) and count < _MAX_LOWER_RUN:
            m = self.lex.words.match(self.t, end)
            if m is None or self.t[end].cap:
                break
            key = " ".join(tok.key for tok in self.t[m.start : m.end])
            can_end = key in self.lex.end_words
            count += m.end - end
            end = m.end
            if end < len(self.t) and self.t[end].text == "," and self.lex.words.starts(
                self.t, end + 1
            ) and not self.t[end + 1].cap:
                end += 1
        if not can_end and end > k and self.t[end - 1].key in _ADMIN_ENDS and (
            end >= len(self.t) or self.t[end].text in _BOUNDARY
        ):
            can_end = True  # "Phó Giám đốc Công an tỉnh, cho biết": the province of the story
        return end, can_end

    def _org_part(self, k: int, new_body_ends: bool = False) -> bool:
        """Whether a name part of an organisation starts at k (after lower-case words).
        After "và" a known name or a head starts another body ("Bộ Y tế và Bộ Công an")."""
        if k >= len(self.t) or not self.t[k].cap:
            return False
        if self.lex.known_orgs.starts(self.t, k) or self.lex.heads.starts(self.t, k):
            return not new_body_ends
        if self.place_at(k) is not None:
            return True
        return not self.starts_role(k) and self.family_run(k) < 2

    def _trim(self, k: int) -> int:
        while k > 0 and (self.t[k - 1].text in _DANGLING or self.t[k - 1].key in _DANGLING):
            k -= 1
        return k
