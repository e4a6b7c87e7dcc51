"""Files -> Documents. A file that cannot be read becomes a LoadError; the others go on."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml

from checker.models import Document, DocumentMeta, LoadError
from checker.text import NfcView, invisible

SUFFIXES = (".txt", ".md", ".markdown")

# The crawler's first line: " date 2023-10", sometimes running into the first sentence.
_HEADER = re.compile(r"\A[ \t]*date[ \t]+(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:[ \t]+|[ \t]*\r?\n|\Z)")
# An outlet dateline at the start of the body: "TPO - ", "GD&TĐ - ", "KTĐT| 02/05/2021 19:19",
# "Báo Thái Bình - ", "VTC News - ", "(TTXVN) - ", "(Dân trí) - ". The outlet is one to five
# words that each start with a capital letter or a digit, or any words inside brackets, which
# a place may open ("Quảng Trị (TTXVN) - ").
_OUTLET_WORD = r"[A-ZĐÀ-Ỹ0-9][\w&.'’]*"
_DATELINE = re.compile(
    r"(?:(?:[A-ZĐÀ-Ỹ][\w.]*(?:[ ][A-ZĐÀ-Ỹ][\w.]*){0,3}[ \t]+)?"
    r"\((?P<paren>[^()\n]{2,40})\)|(?P<src>" + _OUTLET_WORD + r"(?:[ ]" + _OUTLET_WORD
    + r"){0,4}))[ \t]*(?:[-–—|])[ \t]*"
    r"(?:(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})(?:[ \t]+(?P<H>\d{1,2}):(?P<M>\d{2}))?[ \t]*"
    r"(?:[-–—|][ \t]*)?)?"
)
# A wire credit that opens the body as an attribution: "Theo TTXVN, …", "Theo báo Nhân Dân, …".
_CREDIT = re.compile(r"Theo[ \t]+(?P<src>(?:[Bb]áo[ \t]+)?[A-ZĐ][\w&.]*(?:[ ][A-ZĐ][\w&.]*){0,3}),")
_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)
_META_KEYS = {"title", "source", "url", "published", "author", "date"}


def iter_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Files to read, in a stable order: each argument in turn, directories walked sorted."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.lower().endswith(SUFFIXES) and not name.startswith("."):
                        yield Path(root) / name
        else:
            yield path


def load_documents(
    paths: Iterable[str | os.PathLike[str]],
) -> tuple[list[Document], list[LoadError]]:
    docs: list[Document] = []
    errors: list[LoadError] = []
    seen: set[str] = set()
    for path in iter_paths(paths):
        result = load_file(path)
        if isinstance(result, LoadError):
            errors.append(result)
            continue
        if result.id in seen:
            # Two files with one stem: keep both, the later one named by its path.
            result.id = str(path.with_suffix("")).replace(os.sep, "/")
        seen.add(result.id)
        docs.append(result)
    return docs, errors


def load_file(path: Path) -> Document | LoadError:
    """Read one file; never raises for a user's file."""
    shown = str(path)
    if not path.exists():
        return LoadError(path=shown, message="no such file or directory")
    if path.is_dir():
        return LoadError(path=shown, message="is a directory")
    try:
        data = path.read_bytes()
    except OSError as exc:
        return LoadError(path=shown, message=f"cannot be read ({exc.strerror or exc})")
    return parse_bytes(data, shown, path.stem, path.suffix.lower())


def parse_bytes(data: bytes, path: str, doc_id: str, suffix: str) -> Document | LoadError:
    if b"\x00" in data[:8192]:
        return LoadError(path=path, message="holds NUL bytes: a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return LoadError(
            path=path, line=line,
            message=f"not UTF-8 text (byte 0x{data[exc.start]:02x} at line {line}); "
            "save the file as UTF-8",
        )
    sha = hashlib.sha256(data).hexdigest()
    if suffix in (".md", ".markdown"):
        return _parse_markdown(text, path, doc_id, sha)
    return _parse_crawled(text, path, doc_id, sha)


def _parse_crawled(text: str, path: str, doc_id: str, sha: str) -> Document:
    meta = DocumentMeta()
    pos = 0
    view = NfcView(text[:_OPENING])  # the header read past invisible characters too
    m = _HEADER.match(view.nfc)
    if m:
        y, mo, d = m.group(1), int(m.group(2)), m.group(3)
        if 1 <= mo <= 12:
            meta.published = f"{y}-{mo:02d}" + (f"-{int(d):02d}" if d else "")
            pos = view.orig(m.end())
    while pos < len(text) and (text[pos] in " \t\r\n" or invisible(text[pos])):
        pos += 1
    doc = Document(id=doc_id, path=path, meta=meta, text=text, body_start=pos, sha256=sha)
    _read_dateline(doc)
    return doc


def _read_dateline(doc: Document) -> None:
    # Read on a clean view of the opening (NFC, no zero-width characters), so text pasted
    # from a CMS keeps its outlet; the body starts at the original offset.
    view = NfcView(doc.text[doc.body_start:doc.body_start + _OPENING])
    head = view.nfc
    m = _DATELINE.match(head)
    source = _outlet(m) if m else None
    if m is None or source is None:
        credit = _CREDIT.match(head)
        if credit is not None and _is_outlet(credit.group("src")):
            doc.meta.source = credit.group("src")
        elif doc.meta.source is None:
            _read_dateline_after_headline(doc, head)
        return
    if not m.group("y") and head[m.end() : m.end() + 1].isdigit():
        return  # "COVID - 19"
    _take_dateline(doc, m, source)
    doc.body_start += view.orig(m.end())


_OPENING = 600  # characters of the body a dateline can be in (after a headline line too)


# A crawled page that keeps its headline as the first line: the dateline opens the paragraph
# after it. The headline stays in the body (its figures are claims too).
_HEADLINE = re.compile(r"[^\n]{1,200}\r?\n(?:[ \t]*\r?\n)+")


def _read_dateline_after_headline(doc: Document, text: str) -> None:
    head = _HEADLINE.match(text)
    if head is None or head.group(0).rstrip().endswith((".", ":", ";")):
        return
    m = _DATELINE.match(text, head.end())
    source = _outlet(m) if m else None
    if m is None or source is None:
        return
    if not m.group("y") and text[m.end():m.end() + 1].isdigit():
        return
    _take_dateline(doc, m, source)


def _take_dateline(doc: Document, m: re.Match[str], source: str) -> None:
    doc.meta.source = source
    if not m.group("y"):
        return
    try:
        day = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except ValueError:
        return
    stamp = day.isoformat()
    if m.group("H") and int(m.group("H")) < 24 and int(m.group("M")) < 60:
        stamp += f"T{int(m.group('H')):02d}:{m.group('M')}"
    doc.dateline = stamp
    if doc.meta.published is None or stamp.startswith(doc.meta.published):
        doc.meta.published = stamp


def _outlet(m: re.Match[str]) -> str | None:
    """The outlet a dateline names, or None when the words before the dash are no outlet:
    a place ("Hà Nội - "), a word with digits alone ("COVID - 19")."""
    name = (m.group("paren") or m.group("src") or "").strip()
    return name if _is_outlet(name) else None


def _is_outlet(name: str) -> bool:
    from checker.normalise.events import place_key

    if not name or not any(c.isalpha() for c in name) or len(name) > 40:
        return False
    if name.upper().startswith("COVID"):
        return False
    return place_key(name) is None


_YAML_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


def _bad_date_line(front: str) -> int:
    """The file line of the first date in the front matter that no calendar has."""
    for n, line in enumerate(front.splitlines(), start=2):
        for m in _YAML_DATE.finditer(line):
            try:
                dt.date(*map(int, m.group().split("-")))
            except ValueError:
                return n
    return 2


def _parse_markdown(text: str, path: str, doc_id: str, sha: str) -> Document | LoadError:
    meta = DocumentMeta()
    author = None
    body = 0
    m = _FRONT.match(text)
    if m:
        front = m.group(1) or ""
        if len(front) > _FRONT_MAX_CHARS:
            return LoadError(path=path, line=2, message=f"front matter is over "
                             f"{_FRONT_MAX_CHARS // 1000} kB; it holds metadata only")
        deepest = bracket_depth(front)
        if deepest > _FRONT_MAX_DEPTH:
            return LoadError(path=path, line=2, message=f"front matter nests {deepest} levels "
                             f"deep; at most {_FRONT_MAX_DEPTH} are read")
        try:
            data = yaml.safe_load(front) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 2 if mark is not None else 1
            problem = getattr(exc, "problem", None) or "invalid YAML"
            return LoadError(path=path, line=line, message=f"front matter: {problem}")
        except (RecursionError, MemoryError):
            return LoadError(path=path, line=2, message="front matter is too deeply nested")
        except (ValueError, OverflowError) as exc:
            # YAML reads "2021-15-03" as a date and fails on it.
            return LoadError(path=path, line=_bad_date_line(front),
                             message=f"front matter: a date that is no date ({exc})")
        if not isinstance(data, dict):
            return LoadError(path=path, line=2, message="front matter is not a mapping of keys")
        unknown = sorted(set(map(str, data)) - _META_KEYS)
        for key in unknown:
            data.pop(key, None)
        published = data.get("published", data.get("date"))
        meta = DocumentMeta(
            title=_str_or_none(data.get("title")),
            source=_str_or_none(data.get("source")),
            url=_str_or_none(data.get("url")),
            published=_iso_or_none(published),
        )
        author = _str_or_none(data.get("author"))
        body = m.end()
    return Document(
        id=doc_id, path=path, meta=meta, text=text, body_start=body, author=author, sha256=sha
    )


# Front matter is a few keys of metadata: anything far larger or deeper is refused, not parsed.
_FRONT_MAX_CHARS = 64_000
_FRONT_MAX_DEPTH = 50


def bracket_depth(text: str) -> int:
    """The deepest run of open brackets ("[[[", "{{"), a cheap bound on YAML flow nesting."""
    depth = deepest = 0
    for ch in text:
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth = max(0, depth - 1)
    return deepest


def _str_or_none(value: object) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    return s or None


def _iso_or_none(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    s = str(value).strip()
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:[T ](\d{1,2}):(\d{2}).*)?)?)?", s)
    if not m:
        return None
    out = m.group(1)
    if m.group(2):
        out += f"-{int(m.group(2)):02d}"
    if m.group(3):
        out += f"-{int(m.group(3)):02d}"
    if m.group(4):
        out += f"T{int(m.group(4)):02d}:{m.group(5)}"
    return out
