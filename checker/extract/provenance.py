"""Provenance: who a claim is attributed to, and the words that say so.

Cues (all words are lexicon data, attribution.yaml):
- a speaker and a reporting verb: "ông Lê Văn Tuyến cho biết", "Bộ Y tế công bố", "ông này
  cũng cho hay". The speaker is a person the role reader found just before the verb, an
  organisation, or a pronoun standing for the last person named;
- "theo" at the start of a clause, before a source word, a person or an organisation:
  "Theo báo cáo tại buổi làm việc", "theo Sở Y tế". The cue runs to the end of its clause;
- a person and a colon before a quotation: 'Thứ trưởng Nguyễn Văn Sơn: "…"'.
`attribution` is the cue as written; `speaker` the person (full name) or the body, or null
("Theo báo cáo tại buổi làm việc" names no one).

Reach, nearest first:
1. the cue's sentence (the cue before the claim, else the one after it);
2. the cue's paragraph (the last cue before the claim's sentence, else the first after it);
3. the paragraphs that follow, as a report runs on after "… cho biết" ("Thiết lập 10.300 tổ…",
   "Điều động 11.603 lượt…"), until a paragraph that has a cue of its own, or that changes
   voice: a heading, a paragraph opening with a scene-setting word ("Trước đó", "Chiều 3/5"),
   or one that names a person other than the speaker. A photo caption neither takes nor ends
   the reach.
The role claims of the speaker's own mention carry no attribution."""

from __future__ import annotations

import bisect
import re
from bisect import bisect_right
from dataclasses import dataclass

from checker.extract import ExtractContext
from checker.extract.orgs import OrgReader, canonical_org, lexicon
from checker.extract.phrases import PhraseSet, tokenize
from checker.lexicon import people
from checker.models import Provenance, RawClaim
from checker.normalise.names import syllable_key
from checker.spans import Spans

_COLON_QUOTE = re.compile(r"[ \t]*:[ \t]*[\"“«]")
_CLAUSE_END = re.compile(r"[,;:.!?…)\]\"”]")
_MAX_THEO = 160  # characters an "according to" phrase may run before its clause ends
_CLOSING = (".", "!", "?", "…", ":", ";", '"', "”", ")")


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    text: str
    speaker: str | None
    paragraph: int
    sentence: int


class _Cues:
    """The attribution lexicon as phrase sets and search strings (rebuilt on change)."""

    def __init__(self, cues: people.AttributionCues) -> None:
        self.source = cues
        self.verbs = PhraseSet(cues.verbs)
        self.adverbs = PhraseSet(cues.adverbs)
        self.sources = PhraseSet(cues.sources)
        self.pronouns = PhraseSet(cues.pronouns)
        self.verb_strings = sorted({v.casefold() for v in cues.verbs}, key=len, reverse=True)
        self.according = sorted({a.casefold() for a in cues.according}, key=len, reverse=True)
        self.openers = tuple(o.casefold() for o in cues.openers)
        self.time_openers = tuple(o.casefold() for o in cues.time_openers)
        self.captions = tuple(cues.captions)
        self.heading_max_words = cues.heading_max_words
        self.back_references = tuple(b.casefold() for b in cues.back_references)


_cached: _Cues | None = None


def _cues() -> _Cues:
    global _cached
    current = people.attribution_cues()
    if _cached is None or _cached.source is not current:
        _cached = _Cues(current)
    return _cached


def attribute(ctx: ExtractContext, claims: list[RawClaim]) -> None:
    """Fill `provenance` of every claim of one document (see the module docstring)."""
    roles = sorted((c for c in claims if c.kind == "role"), key=lambda c: (c.start, c.end))
    cues = find_cues(ctx, roles)
    reach = _Reach(ctx, cues, roles)
    itself = _official_source(ctx.doc.meta.source)
    cue_spans = Spans((q.start, q.end) for q in cues)
    for claim in claims:
        if claim.kind == "role" and cue_spans.contains(claim.start, claim.end):
            claim.provenance = Provenance()
            continue
        cue = reach.cue_for(claim.start)
        if cue is not None:
            claim.provenance = Provenance(attribution=cue.text, speaker=cue.speaker)
        elif itself is not None:
            claim.provenance = Provenance(attribution=f"source: {itself}", speaker=itself)
        else:
            claim.provenance = Provenance()


def _official_source(source: str | None) -> str | None:
    """The document's source when it is an official body speaking for itself."""
    if not source:
        return None
    words = source.split()
    for head in _cues().source.official_sources:
        n = len(head.split())
        if [syllable_key(w) for w in words[:n]] == [syllable_key(w) for w in head.split()]:
            return source
    return None


def find_cues(ctx: ExtractContext, roles: list[RawClaim]) -> list[Cue]:
    """Every attribution cue of the document, in order."""
    text = ctx.text
    folded = text.casefold()
    if len(folded) != len(text):  # a character whose case folding changes length
        folded = "".join(ch if len(ch.casefold()) != 1 else ch.casefold() for ch in text)
    cues = _cues()
    found: list[Cue] = []
    taken = Spans()
    times = sorted((c.start, c.end) for c in ctx.found if c.kind in ("date", "period"))
    starts = [r.start for r in roles]
    for verb in cues.verb_strings:
        i = folded.find(verb, ctx.body_start)
        while i >= 0:
            end = i + len(verb)
            # A capitalised verb is a name's word ("Bộ Thông tin và Truyền thông").
            if (_word_at(text, i, end) and not text[i].isupper()
                    and not taken.covers(i)):
                cue = _verb_cue(ctx, roles, i, end, times, starts)
                if cue:
                    found.append(cue)
                    taken.add(cue.start, cue.end)
            i = folded.find(verb, i + 1)
    for word in cues.according:
        i = folded.find(word, ctx.body_start)
        while i >= 0:
            if _word_at(text, i, i + len(word)) and _clause_start(text, _before_adverbs(
                    folded, i)):
                cue = _according_cue(ctx, roles, i, i + len(word))
                if cue:
                    found.append(cue)
            i = folded.find(word, i + 1)
    found.extend(_quote_cues(ctx, roles))
    found.sort(key=lambda c: (c.start, c.end))
    return found


def _word_at(text: str, start: int, end: int) -> bool:
    return (start == 0 or not text[start - 1].isalnum()) and (
        end >= len(text) or not text[end].isalnum()
    )


_LEADING_ADVERBS = re.compile(r"(?:(?<!\w)(?:cũng|vẫn|còn|và|đồng thời|also)\s+)+$")


def _before_adverbs(folded: str, i: int) -> int:
    """Where "Cũng theo …" starts: before the adverbs in front of "theo"."""
    m = _LEADING_ADVERBS.search(folded, max(0, i - 24), i)
    return m.start() if m else i


def _clause_start(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j < 0 or text[j] in "\n\r,;:.!?(\"“-–—"


def _cue(ctx: ExtractContext, start: int, end: int, speaker: str | None) -> Cue:
    segs = ctx.segments
    sentence = segs.sentence_of(start)
    return Cue(start, end, ctx.text[start:end], speaker, segs.paragraph_of(start), sentence)


# No role mention is longer than this; a search back through roles stops past it.
_LONGEST_ROLE = 400


def _verb_cue(ctx: ExtractContext, roles: list[RawClaim], start: int, end: int,
              all_times: list[tuple[int, int]], role_starts: list[int]) -> Cue | None:
    """A reporting verb with its speaker just before it (adverbs allowed between).
    `all_times`: the spans of the document's dates and periods, sorted; `role_starts`: the
    starts of `roles` (sorted by start)."""
    text = ctx.text
    sentence = ctx.segments.sentences[ctx.segments.sentence_of(start)]
    tokens = tokenize(text, sentence.start, start)
    k = len(tokens)
    cues = _cues()
    times = all_times[bisect.bisect_left(all_times, (sentence.start, -1)):
                      bisect.bisect_left(all_times, (start, -1))]
    while k > 0:
        adverb = next((a for a in range(max(0, k - 3), k)
                       if (m := cues.adverbs.match(tokens, a)) and m.end == k), None)
        if adverb is not None:
            k = adverb
            continue
        # "Bộ Y tế ngày 29/4 thông báo": the report's own date between speaker and verb.
        span = next((t for t in times if t[0] <= tokens[k - 1].start < t[1]), None)
        if span is None:
            break
        while k > 0 and tokens[k - 1].start >= span[0]:
            k -= 1
    if k == 0:
        return None
    last = tokens[k - 1]
    for claim in reversed(roles[:bisect.bisect_right(role_starts, last.end)]):
        if last.start < claim.end <= last.end:
            return _cue(ctx, claim.start, end, claim.value["person"])
        if claim.start < last.start - _LONGEST_ROLE:
            break
    if last.text == "," and k > 1:
        speaker = _appositive_speaker(text, roles, tokens, k - 1)
        if speaker is not None:
            return _cue(ctx, speaker.start, end, speaker.value["person"])
    lex = lexicon()
    reader = OrgReader(tokens[:k], lex)
    for i in range(k):
        if reader.parse(i) == k and tokens[i].cap:
            org = " ".join(text[tokens[i].start : tokens[k - 1].end].split())
            return _cue(ctx, tokens[i].start, end, canonical_org(org))
    for i in range(max(0, k - 2), k):
        m = cues.pronouns.match(tokens, i)
        if m and m.end == k and (i == 0 or not tokens[i - 1].cap):
            person = _last_person(roles, tokens[i].start)
            if person:
                return _cue(ctx, tokens[i].start, end, person)
    named = _named_speaker(tokens, k)
    if named is not None:
        org = " ".join(text[tokens[named].start : tokens[k - 1].end].split())
        return _cue(ctx, tokens[named].start, end, canonical_org(org))
    return None


_MAX_SPEAKER_WORDS = 12  # syllables: "Bệnh viện Bệnh Nhiệt đới Trung ương cơ sở 2"


def _named_speaker(tokens: list, k: int) -> int | None:
    """The speaker a clause opens with when the lexicon does not know it ("Tổng cục Thống
    kê cho biết", "Công an huyện cho biết"): the clause's words before the verb, at most a
    few, the first one capitalised and not a time word."""
    i = k
    while i > 0 and tokens[i - 1].word:
        i -= 1
    if i > 0 and tokens[i - 1].text not in ",;:.!?(\"“-–—":  # "Hà Nội - Bệnh viện …"
        return None
    words = tokens[i:k]
    if not words or len(words) > _MAX_SPEAKER_WORDS:
        return None
    if words[0].text.casefold() == "the" and 2 <= len(words) <= 6 and i > 0:
        return i  # English copy: "…, the city police said."
    if not words[0].cap:
        return None
    if words[0].key in _NOT_SPEAKERS or not _numbers_name_a_unit(words):
        return None
    cues = _cues()
    if any(cues.verbs.match(tokens, j) for j in range(i, k)):
        return None  # "Chia sẻ thông tin về …": the clause opens with a verb
    if sum(1 for t in words if t.cap) < 2 and not (len(words) == 1 and words[0].acronym) \
            and not lexicon().heads.starts(tokens, i):
        return None
    return i


def _numbers_name_a_unit(words: list) -> bool:
    """A number among a speaker's words is the unit's own ("Bệnh viện Bệnh Nhiệt đới Trung
    ương cơ sở 2", "Bệnh viện Quân y 103"): short, after a word, and never the first."""
    return all(not t.text[0].isdigit() or (j > 0 and words[j - 1].word and len(t.text) <= 3
                                            and t.text.isdigit())
               for j, t in enumerate(words))


# Words a clause opens with that are no speaker: times and connectives.
_NOT_SPEAKERS = {syllable_key(w) for w in (
                 "ngày", "sáng", "chiều", "tối", "trưa", "đêm", "hôm", "sau", "trước", "khi",
                 "trong", "tuy", "nhưng", "và", "đồng", "cụ", "ngoài", "bên", "tại", "theo",
                 "qua", "về", "đến", "từ", "với", "nếu", "do", "vì", "đó", "như", "chính",
                 "năm", "tháng", "quý", "tuần")}


_MAX_APPOSITIVE = 16  # words of "…, Phó Giám đốc Công an tỉnh Quảng Nam, cho biết"


def _appositive_speaker(text: str, roles: list[RawClaim], tokens: list, comma: int
                        ) -> RawClaim | None:
    """The person of "Đại tá Đinh Văn Khánh, Phó Giám đốc Công an tỉnh, cho biết": a role
    claim that ends at this comma, or at an earlier comma followed by a title or office
    (capitalised words) that runs to this one."""
    for claim in reversed(roles):
        if claim.end > tokens[comma].start:
            continue
        between = [t for t in tokens[:comma] if t.start >= claim.end]
        if not between:
            return claim
        if between[0].text != "," or len(between) > _MAX_APPOSITIVE:
            return None
        words = [t for t in between if t.word]
        if words and words[0].cap and not any(t.text in ".!?;:" for t in between):
            return claim
        return None
    return None


def _according_cue(
    ctx: ExtractContext, roles: list[RawClaim], start: int, word_end: int
) -> Cue | None:
    """"Theo …" before a source word, a person or an organisation, to the end of its clause."""
    text = ctx.text
    sentence = ctx.segments.sentences[ctx.segments.sentence_of(start)]
    limit = min(sentence.end, start + _MAX_THEO)
    after = [c for c in roles if word_end < c.start <= word_end + 20
             and not text[word_end:c.start].strip(" \t,")]
    person = max(after, key=lambda c: c.end) if after else None
    tokens = tokenize(text, word_end, limit)
    if not tokens:
        return None
    lex = lexicon()
    reader = OrgReader(tokens, lex)
    org_end = reader.parse(0)
    if person is None and org_end is None and not _cues().sources.starts(tokens, 0):
        return None
    clause_from = max(word_end, person.end if person else word_end)
    m = _CLAUSE_END.search(text, clause_from, limit)
    end = m.start() if m else limit
    while end > start and text[end - 1] in " \t":
        end -= 1
    speaker: str | None = None
    if person is not None:
        speaker = person.value["person"]
    else:
        for i, tok in enumerate(tokens):
            if tok.start >= end:
                break
            stop = reader.parse(i)
            if stop is not None and tok.cap:
                org = " ".join(text[tok.start : tokens[stop - 1].end].split())
                speaker = canonical_org(org)
                break
    return _cue(ctx, start, end, speaker)


def _quote_cues(ctx: ExtractContext, roles: list[RawClaim]) -> list[Cue]:
    """A person, a colon and a quotation: 'Thứ trưởng Nguyễn Văn Sơn: "…"'."""
    out: list[Cue] = []
    text = ctx.text
    for claim in roles:
        m = _COLON_QUOTE.match(text, claim.end)
        if m and not any(c.start == claim.start for c in out):
            colon_end = claim.end + m.group(0).index(":") + 1
            out.append(_cue(ctx, claim.start, colon_end, claim.value["person"]))
    return out


def _last_person(roles: list[RawClaim], before: int) -> str | None:
    earlier = [c for c in roles if c.end <= before]
    return earlier[-1].value["person"] if earlier else None


class _Reach:
    """Which cue reaches each offset of the document."""

    def __init__(self, ctx: ExtractContext, cues: list[Cue], roles: list[RawClaim]) -> None:
        self.ctx = ctx
        self.by_paragraph: dict[int, list[Cue]] = {}
        for cue in cues:
            self.by_paragraph.setdefault(cue.paragraph, []).append(cue)
        self.carried = self._carry(roles)

    def cue_for(self, offset: int) -> Cue | None:
        segs = self.ctx.segments
        sentence = segs.sentence_of(offset)
        para = segs.paragraph_of(offset)
        own = self.by_paragraph.get(para, [])
        in_sentence = [c for c in own if c.sentence == sentence]
        if in_sentence:
            before = [c for c in in_sentence if c.start <= offset]
            return before[-1] if before else in_sentence[0]
        before = [c for c in own if c.sentence < sentence]
        if before:
            return before[-1]
        # A speaker in a later sentence speaks of what follows, not of a figure before them
        # ("… ghi nhận 8 ca mắc mới. Ông Lê Văn Hùng … cho biết các ca bệnh đã được cách
        # ly"), unless the sentence points back ("Số liệu này được Bộ Y tế công bố").
        back = next((c for c in own if self._points_back(c.sentence)), None)
        return back or self.carried.get(para)

    def _points_back(self, sentence: int) -> bool:
        s = self.ctx.segments.sentences[sentence]
        body = self.ctx.text[s.start:s.end].casefold()
        return any(ref in body for ref in _cues().back_references)

    def _carry(self, roles: list[RawClaim]) -> dict[int, Cue]:
        """The cue each paragraph without cues of its own inherits from earlier ones."""
        ctx, cues = self.ctx, _cues()
        role_starts = [c.start for c in roles]
        carried: dict[int, Cue] = {}
        open_cue: Cue | None = None
        for index, para in enumerate(ctx.segments.paragraphs):
            body = ctx.text[para.start : para.end]
            if any(mark in body for mark in cues.captions):
                continue
            own = self.by_paragraph.get(index)
            if own:
                open_cue = own[-1]
                continue
            if open_cue is None:
                continue
            if _changes_voice(cues, body) or self._names_another(
                roles, role_starts, para.start, para.end, open_cue
            ):
                open_cue = None
                continue
            carried[index] = open_cue
        return carried

    @staticmethod
    def _names_another(roles: list[RawClaim], role_starts: list[int], start: int, end: int,
                       cue: Cue) -> bool:
        first = bisect_right(role_starts, start - 1)
        for claim in roles[first:]:
            if claim.start >= end:
                break
            if claim.value["person"] != cue.speaker:
                return True
        return False


def _changes_voice(cues: _Cues, body: str) -> bool:
    """A heading, or a paragraph that opens with the writer setting a scene."""
    if not body.rstrip().endswith(_CLOSING) and len(body.split()) <= cues.heading_max_words:
        return True
    head = body[:40].casefold()
    if head.startswith(cues.openers):
        opener = next(o for o in cues.openers if head.startswith(o))
        if len(head) == len(opener) or not head[len(opener)].isalnum():
            return True
    if head.startswith(cues.time_openers):
        for opener in cues.time_openers:
            after = head[len(opener) : len(opener) + 4].strip()
            if head.startswith(opener) and after[:1].isdigit():
                return True
    return False
