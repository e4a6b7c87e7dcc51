"""Role claims: who holds which rank and title at which organisation, at every mention.

A mention is read in either order:
- before the name: honorifics, degrees, a rank and titles with their organisations
  ("Thứ trưởng Bộ Công an Lê Văn Tuyến", "Thượng tướng Nguyễn Văn Sơn"), titles joined by
  commas ("Ủy viên Bộ Chính trị, Bí thư Thành ủy Hà Nội …");
- after the name, titles set off by a comma, dash or bracket ("Nguyễn Văn Sơn, Thứ trưởng Bộ
  Công an, Trưởng Ban Chỉ đạo … Bộ Công an").
"nguyên"/"cựu" before a title marks it former. A person's name is 2–4 capitalised words starting
with a family name (lexicon), never a place ("Hà Nam").

Later references resolve to a person named earlier in the document and yield role claims too:
the full name again ("ông Lê Văn Tuyến", "Thứ trưởng Nguyễn Văn Sơn"), the given name after an
honorific ("ông Tuyến"), and an honorific with a title ("đồng chí Thứ trưởng"). What a mention
leaves out (the rank, a title's organisation) is filled in from what the document says
elsewhere about that person; a mention that states no title yields one claim per title the
document gives the person.

Span: a claim runs from the start of its mention (the first honorific, rank, former marker or
title before the name) to the end of the name or of the claim's own title and organisation,
whichever is later. So "Thượng tướng Nguyễn Văn Sơn, Thứ trưởng Bộ Công an, Trưởng Ban …" gives
"Thượng tướng Nguyễn Văn Sơn, Thứ trưởng Bộ Công an" and the whole phrase."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from checker.extract import ExtractContext
from checker.extract.orgs import Lexicon, OrgReader, canonical_org, lexicon
from checker.extract.phrases import Token, span_text, tokenize
from checker.extract.role_time import in_the_past
from checker.models import RawClaim
from checker.normalise.names import has_diacritics, name_key, same_organisation, same_person

# A sentence that ends in a short capitalised word and a dot ("TP.", "TS.", "Th.S.").
_ABBREVIATION_END = re.compile(r"(?:^|[\s.(])[A-ZĐ][A-Za-zĐđ]{0,3}\.$")
_APPOSITION = {",", "-", "–", "—", "("}
_GENERIC_BODIES = [tuple(w.split()) for w in (
    "công ty", "doanh nghiệp", "đơn vị", "bệnh viện", "nhà máy", "hợp tác xã", "tập đoàn",
    "ngân hàng", "trường", "sở", "cơ quan")]
_AFTER_BARE_TITLE = {",", ".", ")", ";", ":", "…", "!", "?"}


@dataclass
class TitleHit:
    start: int  # char offsets of the title phrase (with a former marker)
    end: int  # end of the title and its organisation
    title: str
    org: str | None
    former: bool


@dataclass
class Mention:
    start: int
    end: int  # end of the name, or of the title in a title-only reference
    name: str | None = None
    full: bool = False  # the name has a family name
    rank: str | None = None
    titles: list[TitleHit] = field(default_factory=list)
    title_ref: TitleHit | None = None  # "đồng chí Thứ trưởng"
    person: Person | None = None
    past: bool = False  # "nguyên Thiếu tướng", "khi đó Đại tá": not what the person is now


@dataclass
class Person:
    name: str
    roles: dict[str, TitleHit] = field(default_factory=dict)  # title key -> first full statement
    ranks: list[tuple[int, str]] = field(default_factory=list)  # (offset, rank)

    def rank_at(self, offset: int) -> str | None:
        before = [r for pos, r in self.ranks if pos <= offset]
        if before:
            return before[-1]
        return self.ranks[0][1] if self.ranks else None


class MentionReader:
    """Reads the role mentions of one paragraph."""

    def __init__(self, text: str, tokens: list[Token], lex: Lexicon) -> None:
        self.text = text
        self.t = tokens
        self.lex = lex
        self.orgs = OrgReader(tokens, lex)

    def mentions(self) -> Iterator[Mention]:
        i = 0
        first = self.lex.mention_first_keys
        while i < len(self.t):
            parsed = self.parse(i) if self.t[i].key in first else None
            if parsed is None:
                i += 1
                continue
            mention, i = parsed
            yield mention

    def parse(self, i: int) -> tuple[Mention, int] | None:
        t, lex = self.t, self.lex
        j, rank, honour, titles, past = i, None, False, [], False
        while j < len(t):
            if (m := lex.former.match(t, j)) and lex.ranks.starts(t, m.end):
                past, j = True, m.end
            elif m := lex.honorifics.match(t, j):
                honour, j = True, m.end
            elif m := lex.academic.match(t, j):
                j = m.end + (1 if m.end < len(t) and t[m.end].text == "." else 0)
            elif m := lex.ranks.match(t, j):
                rank, j = lex.rank_table.canonical(span_text(self.text, t, m.start, m.end)), m.end
            elif hit := self.title_at(j):
                title, j = hit
                titles.append(title)
                if j < len(t) and t[j].text == "," and self._more_before_name(j + 1):
                    j += 1
                elif m := lex.joiners.match(t, j):
                    j = m.end
            else:
                break
        if j == i:
            return self._name_then_title(i)
        name_len = self.name_at(j, allow_short=honour)
        if name_len:
            mention = Mention(start=t[i].start, end=t[j + name_len - 1].end, rank=rank,
                              past=past)
            mention.name = span_text(self.text, t, j, j + name_len)
            mention.full = self.orgs.family_run(j) >= 2
            mention.titles = titles
            return mention, self._post_titles(mention, j + name_len)
        if titles and (honour or self._verb_at(j)) and not rank:
            last = titles[-1]
            ref = Mention(start=t[i].start, end=last.end, title_ref=last)
            return ref, self._index_after(last.end)
        return None

    def _name_then_title(self, i: int) -> tuple[Mention, int] | None:
        """A full name with nothing before it and a title after it: "Mai Tiến Dũng, Chủ
        nhiệm Văn phòng Chính phủ, …"."""
        name_len = self.name_at(i, allow_short=False)
        if not name_len:
            return None
        t = self.t
        mention = Mention(start=t[i].start, end=t[i + name_len - 1].end, full=True)
        mention.name = span_text(self.text, t, i, i + name_len)
        end = self._post_titles(mention, i + name_len)
        return (mention, end) if mention.titles else None

    def _more_before_name(self, j: int) -> bool:
        """After a comma in the words before a name: another title, a rank, an honorific
        or the full name itself."""
        lex = self.lex
        return bool(
            self.title_at(j) or lex.ranks.starts(self.t, j) or lex.honorifics.starts(self.t, j)
            or lex.academic.starts(self.t, j) or self.name_at(j, allow_short=False)
        )

    def title_at(self, j: int) -> tuple[TitleHit, int] | None:
        """A title (with a former marker and a prefix such as "Phó") and its organisation."""
        t, lex = self.t, self.lex
        start, former = j, False
        if (m := lex.former.match(t, j)) and m.end < len(t):
            former, j = True, m.end
        title_start = j
        if (p := lex.title_prefixes.match(t, j)) and lex.titles.starts(t, p.end):
            j = p.end
        m = lex.titles.match(t, j)
        if m is None:
            return None
        entry = lex.title_table.find(span_text(self.text, t, title_start, m.end))
        org_from = entry.org_from if entry else 0
        org_start = m.end - org_from if org_from else m.end
        if org_from:
            org_end = self.orgs.extend(m.end, complete=False)
            if org_end == m.end:
                org_start = org_end = m.end
        else:
            org_end = self.orgs.parse(m.end) or m.end
        org = span_text(self.text, t, org_start, org_end) or None
        if org is not None:
            org = canonical_org(org)
        hit = TitleHit(
            start=t[start].start, end=t[max(org_end, m.end) - 1].end,
            title=span_text(self.text, t, title_start, m.end), org=org, former=former,
        )
        return hit, max(org_end, m.end)

    def name_at(self, j: int, allow_short: bool) -> int:
        """Length in tokens of a person's name at j (0 if none)."""
        run = self.orgs.family_run(j)
        if run >= 2:
            run = min(run, 4)
            while run >= 2 and self._not_person(j, run):
                run -= 1
            return run if run >= 2 else 0
        if allow_short:
            run = self.orgs.cap_run(j, limit=2)
            if run and not self.lex.places.starts(self.t, j):
                return run
        return 0

    def _not_person(self, j: int, run: int) -> bool:
        key = name_key(span_text(self.text, self.t, j, j + run))
        return key in self.lex.place_keys

    def _post_titles(self, mention: Mention, k: int) -> int:
        t = self.t
        while k + 1 < len(t) and t[k].text in _APPOSITION:
            j = k + 1
            if m := self.lex.joiners.match(t, j):
                j = m.end
            hit = self.title_at(j)
            if hit is None:
                break
            title, end = hit
            if title.org is None:
                end = self._generic_body(title, end)
            if title.org is None and not (
                end >= len(t) or t[end].text in _AFTER_BARE_TITLE or self._verb_at(end)
            ):
                break
            mention.titles.append(title)
            k = end
        return k

    def _generic_body(self, title: TitleHit, end: int) -> int:
        """ "Giám đốc công ty,": a title over a body the story named before, in lower case."""
        t = self.t
        for words in _GENERIC_BODIES:
            k = end + len(words)
            if k <= len(t) and [tok.key for tok in t[end:k]] == list(words) and (
                k == len(t) or t[k].text in _AFTER_BARE_TITLE
            ):
                title.org, title.end = " ".join(tok.text for tok in t[end:k]), t[k - 1].end
                return k
        return end

    def _verb_at(self, j: int) -> bool:
        return self.lex.verbs.starts(self.t, j)

    def _index_after(self, offset: int) -> int:
        for idx, tok in enumerate(self.t):
            if tok.start >= offset:
                return idx
        return len(self.t)


@dataclass
class Paragraph:
    """A stretch of one paragraph read word by word, with the mentions found in it."""

    tokens: list[Token]
    mentions: list[Mention]


def read_paragraphs(ctx: ExtractContext) -> list[Paragraph]:
    """The explicit mentions of the document, read around the places a mention may be."""
    lex = lexicon()
    out: list[Paragraph] = []
    titles: set[str] = set()
    for para in ctx.segments.paragraphs:
        anchors = lex.anchors(ctx.text, para.start, para.end, titles)
        for start, end in _windows(ctx, anchors):
            tokens = tokenize(ctx.text, start, end)
            found = list(MentionReader(ctx.text, tokens, lex).mentions())
            titles.update(t.title.casefold() for m in found for t in m.titles)
            out.append(Paragraph(tokens, found))
    return out


def _windows(ctx: ExtractContext, anchors: list[int]) -> list[tuple[int, int]]:
    """The sentences that hold the anchors, a sentence taking its neighbour when the
    segmenter split after an abbreviation ("TP. Hồ Chí Minh", "PGS. TS. Nguyễn …")."""
    sentences = ctx.segments.sentences
    spans: list[tuple[int, int]] = []
    for a in anchors:
        first = last = ctx.segments.sentence_of(a)
        while first > 0 and _split_after_abbreviation(ctx.text, sentences, first - 1):
            first -= 1
        while last + 1 < len(sentences) and _split_after_abbreviation(ctx.text, sentences, last):
            last += 1
        span = (sentences[first].start, sentences[last].end)
        if spans and span[0] <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], span[1]))
        else:
            spans.append(span)
    return spans


def _split_after_abbreviation(text: str, sentences: list, i: int) -> bool:
    s = sentences[i]
    if i + 1 >= len(sentences) or sentences[i + 1].paragraph != s.paragraph:
        return False
    return bool(_ABBREVIATION_END.search(text, max(0, s.end - 8), s.end))


def resolve(ctx: ExtractContext, paragraphs: list[Paragraph]) -> list[Mention]:
    """Tie each mention to a person, add the bare full-name mentions of people the document
    names with a role, and gather each person's roles and ranks. Mentions that resolve to no
    one are dropped."""
    persons: list[Person] = []
    for para in paragraphs:
        for m in para.mentions:
            if m.name and m.full:
                m.person = _person_for(persons, m.name)
    lex = lexicon()
    mentions: list[Mention] = []
    for para in paragraphs:
        mentions.extend(para.mentions)
        if persons:
            mentions.extend(_bare_mentions(ctx.text, para, persons, lex))
    mentions.sort(key=lambda m: m.start)
    for m in mentions:
        m.past = m.past or in_the_past(ctx, m.start)  # then: no one's present rank or post
        if m.person is None and m.name and not m.full:
            m.person = _by_given_name(persons, mentions, m)
        if m.person is None and m.title_ref is not None:
            m.person = _by_title(mentions, m)
        if m.person is not None and not m.past:
            if m.rank:
                m.person.ranks.append((m.start, m.rank))
            for title in m.titles:
                known = m.person.roles.get(name_key(title.title))
                if known is None or (known.org is None and title.org):
                    m.person.roles[name_key(title.title)] = title
    return [m for m in mentions if m.person is not None]


def _bare_mentions(
    text: str, para: Paragraph, persons: list[Person], lex: Lexicon
) -> Iterator[Mention]:
    """Full names of known people written with no rank, title or honorific."""
    reader = OrgReader(para.tokens, lex)
    taken = [(m.start, m.end) for m in para.mentions]
    i = 0
    while i < len(para.tokens):
        tok = para.tokens[i]
        run = min(reader.family_run(i), 4)
        if run < 2 or any(s <= tok.start < e for s, e in taken):
            i += 1
            continue
        name = span_text(text, para.tokens, i, i + run)
        person = next((p for p in persons if same_person(p.name, name)), None)
        if person is None:
            i += 1
            continue
        end = para.tokens[i + run - 1].end
        yield Mention(start=tok.start, end=end, name=name, full=True, person=person)
        i += run


def _person_for(persons: list[Person], name: str) -> Person:
    for p in persons:
        if same_person(p.name, name):
            if has_diacritics(name) and not has_diacritics(p.name):
                p.name = name
            return p
    person = Person(name=name)
    persons.append(person)
    return person


def _by_given_name(persons: list[Person], mentions: list[Mention], m: Mention) -> Person | None:
    """"ông Tuyến": the person last named before, whose name ends with these words."""
    words = name_key(m.name or "").split()
    candidates = [p for p in persons if name_key(p.name).split()[-len(words):] == words]
    if not candidates:
        return None
    earlier = [x.person for x in mentions if x.start < m.start and x.person in candidates]
    return earlier[-1] if earlier else (candidates[0] if len(candidates) == 1 else None)


def _by_title(mentions: list[Mention], m: Mention) -> Person | None:
    """"đồng chí Thứ trưởng": the person last mentioned before with that title (and, when
    the reference names one, at that organisation)."""
    ref = m.title_ref
    if ref is None:
        return None
    key = name_key(ref.title)
    for x in reversed([x for x in mentions if x.start < m.start and x.person is not None]):
        held = x.person.roles.get(key)  # type: ignore[union-attr]
        if held is None:
            continue
        if ref.org and held.org and not same_organisation(ref.org, held.org):
            continue
        return x.person
    return None


def extract(ctx: ExtractContext) -> Iterator[RawClaim]:
    mentions = resolve(ctx, read_paragraphs(ctx))
    for m in mentions:
        person = m.person
        assert person is not None
        rank = m.rank if m.past else m.rank or person.rank_at(m.start)
        stated = list(m.titles) or ([m.title_ref] if m.title_ref else [])
        roles = []
        for title in stated:
            known = person.roles.get(name_key(title.title))
            org = title.org or (known.org if known else None)
            roles.append((title, title.title, org, title.former or m.past))
        said = {name_key(title.title) for title in stated}
        if not m.past:
            roles += [(None, r.title, r.org, r.former) for k, r in person.roles.items()
                      if k not in said]
        if not roles and rank:
            roles = [(None, None, None, m.past)]
        for hit, title, org, former in roles:
            end = max(m.end, hit.end) if hit is not None and hit in m.titles else m.end
            yield RawClaim(
                kind="role", start=m.start, end=end,
                value={"person": person.name, "rank": rank, "title": title,
                       "organization": org, "former": former},
            )
