"""Mutated documents through the whole reading path (load, extract, check), counting crashes.

    python bench/fuzz.py [--count 100000] [--jobs N] [--seed 1]

The documents are the seeds' and the story and rule cases' files, mutated: bytes flipped,
cut inside a UTF-8 sequence, re-encoded (cp1258, latin-1, UTF-16), control characters and
invisible characters inserted, line ends mixed (CR, CRLF), lines shuffled, the text repeated
ten times. A crash is any exception out of the pipeline: a document it cannot read must come
back as an error line, never as a traceback. Prints crashes (must be 0) with the first few
causes, documents/s and the slowest document. Asserts nothing about time."""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker import pipeline, workers  # noqa: E402
from checker.load import parse_bytes  # noqa: E402
from checker.models import LoadError  # noqa: E402
from checker.rulepack import load_rules  # noqa: E402

_INSERTS = ["\u200b", "\u200d", "\u00ad", "\ufeff", "\u202e", "\u0000", "\u0007", "\x1b[31m",
            "\u0301", "\u0323", "\ud800", "\U0001f600", "\r", "\t", "((((((((", "9" * 400]


def _sources() -> list[tuple[str, bytes]]:
    paths = [*sorted((ROOT / "seeds").glob("*")),
             *sorted((ROOT / "tests" / "cases" / "stories").glob("*/*.md")),
             *sorted((ROOT / "tests" / "cases" / "stories").glob("*/*.txt"))]
    return [(p.name, p.read_bytes()) for p in paths if p.is_file()]


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One to three mutations of `data`."""
    for _ in range(rng.randint(1, 3)):
        kind = rng.randrange(8)
        if kind == 0 and data:  # flip bytes
            b = bytearray(data)
            for _ in range(rng.randint(1, 8)):
                b[rng.randrange(len(b))] ^= 1 << rng.randrange(8)
            data = bytes(b)
        elif kind == 1 and data:  # cut, maybe inside a UTF-8 sequence
            data = data[: rng.randrange(len(data))]
        elif kind == 2:  # re-encode
            text = data.decode("utf-8", "replace")
            codec = rng.choice(["cp1258", "latin-1", "utf-16", "utf-8-sig"])
            data = text.encode(codec, "replace")
        elif kind == 3:  # insert control and invisible characters
            text = data.decode("utf-8", "replace")
            for _ in range(rng.randint(1, 20)):
                i = rng.randrange(len(text) + 1)
                text = text[:i] + rng.choice(_INSERTS) + text[i:]
            data = text.encode("utf-8", "surrogatepass")
        elif kind == 4:  # mixed line ends
            lines = data.split(b"\n")
            data = b"".join(line + rng.choice([b"\n", b"\r\n", b"\r"]) for line in lines)
        elif kind == 5:  # shuffled lines
            lines = data.split(b"\n")
            rng.shuffle(lines)
            data = b"\n".join(lines)
        elif kind == 6:  # repeated
            data = data * 10
        else:  # a front matter made strange
            data = rng.choice([b"---\n", b"---\n[[[[\n---\n", b"---\na: &x [*x]\n---\n",
                               b"\xef\xbb\xbf---\ntitle: \xff\n---\n"]) + data
    return data


def _one(item: tuple[int, str, bytes]) -> tuple[int, float, str | None]:
    """(index, seconds, crash cause or None) of one mutated document."""
    index, name, data = item
    start = time.perf_counter()
    try:
        stem, _, suffix = name.rpartition(".")
        doc = parse_bytes(data, f"fuzz/{index}-{name}", f"{index}-{stem}", "." + suffix)
        if not isinstance(doc, LoadError):
            errors: list[LoadError] = []
            claims = pipeline.extract_all([doc], errors)
            if not errors:
                pipeline.check_documents([doc], _rules(), claims=claims)
        return index, time.perf_counter() - start, None
    except Exception:  # noqa: BLE001 - the point is to catch anything
        return index, time.perf_counter() - start, traceback.format_exc(limit=3)


_RULES: list = []


def _rules() -> list:
    if not _RULES:
        _RULES.extend(load_rules())
    return _RULES


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=100_000)
    ap.add_argument("--jobs", type=int, default=None, help="worker processes (default: CPUs)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    sources = _sources()
    items = []
    for i in range(args.count):
        name, data = rng.choice(sources)
        items.append((i, name, mutate(data, rng)))
    n = workers.jobs_for(args.jobs, len(items))
    crashes: list[tuple[int, str]] = []
    slowest = (0.0, -1)
    start = time.perf_counter()
    with workers.worker_pool(n) as pool:
        for index, secs, cause in workers.map_in_order(_one, items, pool, n):
            slowest = max(slowest, (secs, index))
            if cause is not None:
                crashes.append((index, cause))
    wall = time.perf_counter() - start
    size = sum(len(x[2]) for x in items) / 1e6
    print(f"mutated documents: {len(items)} ({size:.1f} MB) from {len(sources)} files, "
          f"{n} worker(s)")
    print(f"crashes: {len(crashes)}")
    for index, cause in crashes[:5]:
        print(f"  #{index} ({items[index][1]}):\n    " + cause.strip().replace("\n", "\n    "))
    print(f"{len(items) / wall:.0f} documents/s, {size / wall:.2f} MB/s")
    secs, index = slowest
    if index >= 0:
        print(f"slowest: #{index} ({items[index][1]}, {len(items[index][2])} bytes) "
              f"{secs * 1000:.0f} ms")
    sys.exit(1 if crashes else 0)


if __name__ == "__main__":
    main()
