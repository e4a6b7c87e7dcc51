"""Seconds per MB of reading (load + extract) pathological documents, next to a normal one
measured in the same run: a long article, one very long line, a long run of digits, deeply
nested brackets, many lines of one date, many names and many cues.

    python bench/pathological.py [--mb 1.0]

`--mb` scales the documents (the normal document is the bench corpus's, repeated). Prints
each shape's size, seconds, seconds per MB and the ratio to the normal document (linear time
keeps the ratio small). Asserts nothing about time."""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import document  # noqa: E402

from checker import pipeline  # noqa: E402
from checker.load import parse_bytes  # noqa: E402
from checker.models import LoadError  # noqa: E402


def shapes(mb: float) -> dict[str, str]:
    size = int(mb * 1_000_000)
    rng = random.Random(3)
    article = ""
    i = 0
    while len(article.encode()) < size:
        article += document(rng, i) + "\n\n"
        i += 1
    unit = "BN2899 có kết quả xét nghiệm dương tính ngày 28/4, ông Nguyễn Văn Sơn cho biết. "
    return {
        "normal (seed-style articles)": article,
        "one line": article.replace("\n", " "),
        "digits in a row": "Có " + "9" * (size // 10) + " ca.",
        "nested brackets": "(" * (size // 100) + "12 ca" + ")" * (size // 100),
        "lines of one date": "ngày 1/1\n" * (size // 20),
        "one sentence again and again": unit * (size // (len(unit.encode()) * 2)),
    }


def _read(text: str) -> float:
    start = time.perf_counter()
    doc = parse_bytes(text.encode("utf-8"), "p.txt", "p", ".txt")
    if not isinstance(doc, LoadError):
        pipeline.extract_document(doc)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=1.0)
    args = ap.parse_args()
    _read("Ngày 28/4, 12 ca.")  # lexicons load once, outside the figures
    normal = None
    for name, text in shapes(args.mb).items():
        mb = len(text.encode("utf-8")) / 1e6
        secs = _read(text)
        per_mb = secs / mb
        normal = normal or per_mb
        print(f"{name:32} {mb:6.2f} MB {secs:8.2f} s {per_mb:8.2f} s/MB  x{per_mb / normal:5.1f}")


if __name__ == "__main__":
    main()
