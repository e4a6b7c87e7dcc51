"""What a count claim allows: the interval of values its figure, qualifier and precision admit,
and whether two counts can both be true.

How each qualifier reads (v = the figure, h = half its step, t = the about tolerance):

| qualifier | interval | why |
|---|---|---|
| exact | [v - h, v + h) | an integer (h = 0) is the point v; "3,3 triệu" is 3.25–3.35 million |
| over ("trên", "hơn") | [v - h, ∞) | inclusive: "hơn 10.000" allows a round "10.000" |
| under ("dưới", "không quá") | [0, v + h] | inclusive for the same reason |
| nearly ("gần") | [v·(1 - t) - h, v + h] | at most v, and close to it |
| about ("khoảng") | [v·(1 - t) - h, v·(1 + t) + h] | ±t, 10% by default |
| vague ("hàng chục nghìn") | [min, max] | the lexicon's interval for the words |
| range ("5-7", "từ 5 đến 7") | [min - h, max + h] | widened by about/nearly as above |

Intervals are built with Fractions, so "0,1%" and "0,2%" (0.05–0.15 and 0.15–0.25, half-open)
do not touch and floating point never decides a finding."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Protocol

from checker.normalise.numbers import format_vi


class CountLike(Protocol):
    value: float | int | None
    min: float | int | None
    max: float | int | None
    qualifier: str


@dataclass(frozen=True)
class Interval:
    lo: Fraction
    hi: Fraction | None  # None: no upper bound
    hi_closed: bool = True

    def overlaps(self, other: Interval) -> bool:
        """Whether some value lies in both."""
        lo = max(self.lo, other.lo)
        if self.hi is None and other.hi is None:
            return True
        if self.hi is None or (other.hi is not None and other.hi < self.hi):
            hi, closed = other.hi, other.hi_closed
        elif other.hi is None or self.hi < other.hi:
            hi, closed = self.hi, self.hi_closed
        else:
            hi, closed = self.hi, self.hi_closed and other.hi_closed
        assert hi is not None
        return lo < hi or (lo == hi and closed)

    def above(self, other: Interval) -> bool:
        """Whether every value of self is larger than every value of other."""
        if other.hi is None:
            return False
        return self.lo > other.hi or (self.lo == other.hi and not other.hi_closed)

    def __add__(self, other: Interval) -> Interval:
        hi = None if self.hi is None or other.hi is None else self.hi + other.hi
        return Interval(self.lo + other.lo, hi, self.hi_closed and other.hi_closed)


def _frac(x: float | int | Decimal | None) -> Fraction:
    if x is None:
        return Fraction(0)
    if isinstance(x, float):
        # Values come from decimal text; the shortest repr gives back what the text said.
        return Fraction(Decimal(repr(x)))
    return Fraction(x)


def interval(c: CountLike, about_tolerance: float = 0.1, step: float | None = None) -> Interval:
    """The values a count admits; `step` is its resolution (CountValue.step, None = exact)."""
    s = getattr(c, "step", None) if step is None else step
    h = _frac(s) / 2 if s else Fraction(0)
    t = _frac(about_tolerance)
    q = c.qualifier
    if c.value is None:
        if c.min is None and c.max is None:
            return Interval(Fraction(0), None)
        lo = _frac(c.min) if c.min is not None else Fraction(0)
        hi = _frac(c.max) if c.max is not None else None
        if q == "vague":
            return Interval(lo, hi)
        lo -= h
        hi = hi + h if hi is not None else None
        if q in ("about", "nearly"):
            lo = lo * (1 - t)
            if q == "about" and hi is not None:
                hi = hi * (1 + t)
        if q == "over":
            hi = None
        if q == "under":
            lo = min(Fraction(0), lo)
        return Interval(lo, hi)
    v = _frac(c.value)
    low, high = sorted((v * (1 - t), v * (1 + t)))
    if q == "over":
        return Interval(v - h, None)
    if q == "under":
        return Interval(min(Fraction(0), v - h), v + h)
    if q == "nearly":
        # "gần 3 tỷ" comes up to three billion from below, whatever its precision: it is
        # not "3,4 tỷ".
        return Interval(min(low, v) - h, v)
    if q == "about":
        return Interval(low - h, high + h)
    # exact (and "vague" with a value, which extraction never produces)
    if h:
        return Interval(v - h, v + h, hi_closed=False)
    return Interval(v, v)


def compatible(a: CountLike, b: CountLike, about_tolerance: float = 0.1) -> bool:
    """Whether two counts of the same metric can both be true."""
    return interval(a, about_tolerance).overlaps(interval(b, about_tolerance))


def total_of(parts: list[CountLike], about_tolerance: float = 0.1) -> Interval:
    """The interval the sum of the parts admits."""
    out = Interval(Fraction(0), Fraction(0))
    for p in parts:
        out = out + interval(p, about_tolerance)
    return out


def describe(i: Interval) -> str:
    """A short human form of an interval for messages."""
    def num(x: Fraction) -> str:
        d = Decimal(x.numerator) / Decimal(x.denominator)
        if d != d.to_integral_value():
            d = round(d, 4).normalize()
        return format_vi(d, None)

    if i.hi is None:
        return f"≥ {num(i.lo)}"
    if i.lo == i.hi:
        return num(i.lo)
    return f"{num(i.lo)}–{num(i.hi)}"
