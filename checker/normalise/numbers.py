"""Vietnamese numbers: digits in either separator convention, scale words, written-out numerals,
and a formatter that writes numbers the Vietnamese way.

Every parsed number carries a `step`: the resolution the text gives it. A plain integer is
exact (step 0); "3,3 triệu" is known to the nearest 100.000 (step 100000); "0,1%" to the nearest
0,1. Comparisons (checker.normalise.intervals) use it so that a figure is compared at the
precision it was written with.

Separators. Vietnamese writes "." between thousands and "," before decimals ("10.300" = 10300,
"3,3" = 3.3). Some texts (tables copied from English sources) use the other convention
("1,234,567", "3.5%"). A token that is valid in only one convention ("1.234.567", "3,3",
"1,234,567", "3.5") is read that way whatever the document. A token valid in both ("1,580",
"10.300") is read in the document's convention, which `detect_convention` decides by counting
the document's unambiguous tokens (Vietnamese on a tie, and when there are none)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

Convention = Literal["vi", "en"]

ZERO = Decimal(0)

# Digits and the "small" numeral words (0-999), with the forms that only occur after a ten.
DIGIT_WORDS: dict[str, int] = {
    "không": 0, "một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5,
    "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9,
}
# After "mươi": "hai mươi mốt" (21), "hai mươi tư" (24), "năm mươi lăm/nhăm" (55). "năm" is
# not read as 5 after a ten: "hai mươi năm" is far more often "twenty years" than 25.
AFTER_MUOI: dict[str, int] = {
    "mốt": 1, "một": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "lăm": 5, "nhăm": 5,
    "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9,
}
# After "mười": "mười một" (11), "mười lăm" (15), "mười tư" (14); "mười năm" is ten years.
AFTER_MUOI_TEN: dict[str, int] = {
    "một": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "lăm": 5, "nhăm": 5,
    "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9,
}
# After "linh"/"lẻ" (a zero ten): "một trăm linh năm" (105), "hai trăm lẻ tư" (204).
AFTER_LINH: dict[str, int] = {**{k: v for k, v in DIGIT_WORDS.items() if v}, "tư": 4}
SCALE_WORDS: dict[str, int] = {
    "nghìn": 1000, "ngàn": 1000, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9,
}
SMALL_WORDS = frozenset(
    [*DIGIT_WORDS, *AFTER_MUOI, "mười", "mươi", "trăm", "chục", "linh", "lẻ"]
)
HALF_WORDS = frozenset(["rưỡi", "rưởi"])
DECIMAL_WORDS = frozenset(["phẩy", "chấm"])
NUMERAL_WORDS = SMALL_WORDS | SCALE_WORDS.keys() | HALF_WORDS | DECIMAL_WORDS
SUFFIX_SCALES = {"k": 1000, "m": 10**6, "g": 10**9}

_VI_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_VI_PLAIN = re.compile(r"\d+(?:,\d+)?|,\d+")
_EN_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_EN_PLAIN = re.compile(r"\d+(?:\.\d+)?|\.\d+")
_TOKEN = re.compile(r"(?<![\d.,/:-])\d[\d.,]*\d(?![\d/:]|[.,]\d)")
_DATE_LIKE = re.compile(r"\d{1,2}[./]\d{1,2}[./]\d{2,4}")


@dataclass(frozen=True)
class Number:
    """A parsed number: its value and the resolution the text gives it (0 = exact)."""

    value: Decimal
    step: Decimal = ZERO


def _readings(token: str) -> dict[Convention, Decimal]:
    out: dict[Convention, Decimal] = {}
    if _VI_GROUPED.fullmatch(token) or _VI_PLAIN.fullmatch(token):
        out["vi"] = Decimal(token.replace(".", "").replace(",", "."))
    if _EN_GROUPED.fullmatch(token) or _EN_PLAIN.fullmatch(token):
        out["en"] = Decimal(token.replace(",", ""))
    return out


def is_ambiguous(token: str) -> bool:
    """True when the token reads differently in the two conventions ("1,580", "10.300")."""
    r = _readings(token)
    return len(r) == 2 and r["vi"] != r["en"]


def parse_digits(token: str, convention: Convention = "vi") -> Number | None:
    """A digit token ("10.300", "3,3", ",77", "1,234,567") or None when it is not a number."""
    readings = _readings(token)
    if not readings:
        return None
    value = readings.get(convention, next(iter(readings.values())))
    exponent = value.as_tuple().exponent
    step = Decimal(1).scaleb(exponent) if isinstance(exponent, int) and exponent < 0 else ZERO
    return Number(value, step)


def detect_convention(text: str) -> Convention:
    """The separator convention of a text: the one its unambiguous number tokens use."""
    return detect_convention_of(m.group() for m in _TOKEN.finditer(text))


def detect_convention_of(tokens: Iterable[str]) -> Convention:
    """The convention most of these number tokens can only be read in (Vietnamese on a tie).
    Tokens shaped like dates ("03.05.2021") do not vote."""
    votes = {"vi": 0, "en": 0}
    for token in tokens:
        if not any(ch in token for ch in ".,") or _DATE_LIKE.fullmatch(token):
            continue
        readings = _readings(token)
        if len(readings) == 1:
            votes[next(iter(readings))] += 1
    return "en" if votes["en"] > votes["vi"] else "vi"


def parse_small(words: list[str]) -> int | None:
    """0-999 written out: "hai mươi ba", "một trăm linh năm", "không trăm mười một", "trăm"."""
    if not words:
        return None
    i, n, value = 0, len(words), 0
    if "trăm" in words:
        k = words.index("trăm")
        if k == 0:
            hundreds = 1
        elif k == 1 and words[0] in DIGIT_WORDS:
            hundreds = DIGIT_WORDS[words[0]]
        else:
            return None
        value, i = hundreds * 100, k + 1
        if i == n:
            return value
        if words[i] in ("linh", "lẻ"):
            if i + 2 == n and words[i + 1] in AFTER_LINH:
                return value + AFTER_LINH[words[i + 1]]
            return None
    rest = words[i:]
    if rest[0] == "mười":
        if len(rest) == 1:
            return value + 10
        if len(rest) == 2 and rest[1] in AFTER_MUOI_TEN:
            return value + 10 + AFTER_MUOI_TEN[rest[1]]
        return None
    if rest[0] == "chục" and len(rest) == 1 and i == 0:
        return 10
    if rest[0] not in DIGIT_WORDS:
        return None
    digit = DIGIT_WORDS[rest[0]]
    if len(rest) == 1:
        # "hai trăm năm" is 200 years, not 205 (that is "hai trăm linh năm").
        return value + digit if i == 0 else None
    if rest[1] in ("mươi", "chục") and digit >= 2 or rest[1] == "chục" and digit == 1:
        tens = digit * 10
        if len(rest) == 2:
            return value + tens
        if len(rest) == 3 and rest[1] == "mươi" and rest[2] in AFTER_MUOI:
            return value + tens + AFTER_MUOI[rest[2]]
    return None


def _parse_unit(atom: str, convention: Convention) -> Number | None:
    """One digit atom, maybe with a K/M/G suffix ("100K", "1,2M", ",0012G")."""
    suffix = atom[-1].lower() if atom and atom[-1].lower() in SUFFIX_SCALES else ""
    digits = atom[:-1] if suffix else atom
    num = parse_digits(digits, convention)
    if num is None:
        return None
    if not suffix:
        return num
    scale = Decimal(SUFFIX_SCALES[suffix])
    return Number(num.value * scale, (num.step or Decimal(1)) * scale)


def parse_phrase(atoms: list[str], convention: Convention = "vi") -> Number | None:
    """A sequence of digit tokens and numeral words: "3,3 triệu", "1 triệu 200 nghìn",
    "hai mươi mốt nghìn không trăm mười một", "2 tỷ 500 triệu", "hai phẩy ba"."""
    if not atoms:
        return None
    lowered = [a.lower() if not a[0].isdigit() else a for a in atoms]
    for k, atom in enumerate(lowered):
        if atom in DECIMAL_WORDS:
            return _parse_decimal_words(lowered[:k], lowered[k + 1:], convention)
    total = ZERO
    step = ZERO
    last_scale: int | None = None
    i, n = 0, len(lowered)
    while i < n:
        atom = lowered[i]
        if atom[0].isdigit() or atom[0] in ".,":
            small = _parse_unit(atom, convention)
            if small is None:
                return None
            i += 1
        else:
            j = i
            while j < n and lowered[j] in SMALL_WORDS:
                j += 1
            if j == i:
                if atom not in SCALE_WORDS:
                    return None
                small = Number(Decimal(1))  # "nghìn" alone is a thousand
            else:
                value = parse_small(lowered[i:j])
                if value is None:
                    return None
                small = Number(Decimal(value))
            i = j
        scale = 1
        while i < n and lowered[i] in SCALE_WORDS:
            scale *= SCALE_WORDS[lowered[i]]
            i += 1
        half = i < n and lowered[i] in HALF_WORDS
        if half:
            if scale == 1 and not small.value % 100 == 0:
                return None
            i += 1
        if last_scale is not None and (scale >= last_scale or small.value * scale >= last_scale):
            return None
        if scale == 1 and last_scale is None and i < n:
            return None  # a plain number followed by more atoms ("5 3")
        d_scale = Decimal(scale)
        value = small.value * d_scale
        if half:
            unit = d_scale if scale > 1 else Decimal(100)
            value += unit / 2
            step = unit / 2
        elif scale > 1:
            step = (small.step or Decimal(1)) * d_scale
        else:
            step = small.step
        total += value
        last_scale = scale
        if scale == 1:
            break
    if i < n:
        return None
    return Number(total, step)


def _parse_decimal_words(
    whole: list[str], frac: list[str], convention: Convention
) -> Number | None:
    """ "hai phẩy ba" (2.3), "1 phẩy 1", "hai phẩy 23": the fraction is read as its digits."""
    w = parse_phrase(whole, convention) if whole else None
    if w is None or w.step or not frac:
        return None
    if len(frac) == 1 and frac[0].isdigit():
        digits = frac[0]
    else:
        f = parse_phrase(frac, convention)
        if f is None or f.step or f.value < 0:
            return None
        digits = str(int(f.value))
    value = Decimal(f"{int(w.value)}.{digits}")
    return Number(value, Decimal(1).scaleb(-len(digits)))


_SPLIT = re.compile(r"\s+")
_SIGN = re.compile(r"\A(?:-|−|âm\b)\s*", re.I)
_SPLIT_SUFFIX = re.compile(r"(?<=\d)(?=[a-zà-ỹđ])", re.I)


def parse_number(text: str, convention: Convention = "vi") -> Number | None:
    """The number a whole text writes ("10.300", "3,3 triệu", "hai mươi tư", "- 1.200.000",
    "100K"), or None. Never raises."""
    try:
        s = text.strip()
        sign = 1
        m = _SIGN.match(s)
        if m:
            sign, s = -1, s[m.end():]
        if not s:
            return None
        atoms = _SPLIT.split(s)
        # "5nghìn" is not a thing, but a K/M/G suffix is glued to its digits.
        for atom in atoms:
            if atom[0].isdigit() or atom[0] in ".,":
                body = atom[:-1] if atom[-1].lower() in SUFFIX_SCALES else atom
                if not body or not re.fullmatch(r"[\d.,]+", body):
                    return None
        num = parse_phrase(atoms, convention)
    except (InvalidOperation, ValueError, IndexError, OverflowError):
        return None
    if num is None:
        return None
    return Number(num.value * sign, num.step)


def format_vi(value: int | float | Decimal | str, decimals: int | None = None) -> str:
    """A number written the Vietnamese way: "10.300", "3,3", "-1.234.567,89"."""
    d = Decimal(str(value)) if not isinstance(value, Decimal) else value
    if decimals is not None:
        d = round(d, decimals)
    sign = "-" if d < 0 else ""
    d = abs(d)
    text = format(d, "f")
    whole, _, frac = text.partition(".")
    if decimals is None:
        frac = frac.rstrip("0")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = ".".join(groups)
    return f"{sign}{out},{frac}" if frac else f"{sign}{out}"


def to_plain(value: Decimal) -> int | float:
    """A JSON-friendly number: an int when whole, else a float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)
