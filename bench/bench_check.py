"""`claimcheck check` as a user runs it, a whole process per run, on generated corpora,
with --jobs 1 and --jobs 2, next to two references measured in the same run: plain
`dateparser.search.search_dates` and a regex-only floor (one pass of a compiled alternation
of the event cue words, dates and numbers, with the numbers parsed).

    python bench/bench_check.py [--docs 2000 20000] [--baseline-docs 100]

Prints documents/s, MB/s, peak memory of the main process and the ratios; checks that the
reports of every --jobs are byte-identical. Asserts nothing about time."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import write_corpus  # noqa: E402


def _run_check(folder: Path, jobs: int, out: Path) -> tuple[float, int]:
    """Seconds and peak RSS (kB) of one `claimcheck check` process."""
    cmd = [sys.executable, "-m", "checker", "check", str(folder), "--format", "json",
           "--output", str(out), "--quiet", "--jobs", str(jobs)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"check failed with exit {code}: {proc.stderr.read().decode()}")
    proc.stderr.close()
    return seconds, usage.ru_maxrss


def _floor(texts: list[str]) -> float:
    """Seconds for the regex-only floor over `texts`."""
    from checker.normalise.events import events_lexicon, phrase_pattern

    cues = [c for t in events_lexicon().types.values() for c in t.cues]
    scan = re.compile(r"(?P<date>\d{1,2}/\d{1,2}(?:/\d{4})?)|(?P<num>\d{1,3}(?:\.\d{3})+|\d+)"
                      r"|(?P<cue>(?<!\w)(?:" + phrase_pattern([c.lower() for c in cues])
                      + r")(?!\w))")
    start = time.perf_counter()
    total = 0
    for text in texts:
        for m in scan.finditer(text.lower()):
            if m.lastgroup == "num":
                total += int(m.group().replace(".", ""))
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, nargs="+", default=[2000, 20000])
    ap.add_argument("--baseline-docs", type=int, default=100,
                    help="documents for the search_dates baseline (it is slow)")
    args = ap.parse_args()
    import dateparser.search

    with tempfile.TemporaryDirectory() as tmp:
        for n in args.docs:
            folder = Path(tmp) / f"corpus{n}"
            paths = write_corpus(folder, n)
            texts = [p.read_text(encoding="utf-8") for p in paths]
            mb = sum(p.stat().st_size for p in paths) / 1e6
            sample = texts[: args.baseline_docs]
            t = time.perf_counter()
            for text in sample:
                dateparser.search.search_dates(text, languages=["vi"])
            base = len(sample) / (time.perf_counter() - t)
            floor = n / _floor(texts)
            print(f"\n{n} documents, {mb:.1f} MB")
            print(f"  {'search_dates (vi), in process':36} {base:9.0f} docs/s")
            print(f"  {'regex-only floor, in process':36} {floor:9.0f} docs/s")
            outputs = []
            rates = {}
            for jobs in (1, 2):
                out = Path(tmp) / f"report{n}-{jobs}.json"
                secs, rss = _run_check(folder, jobs, out)
                rates[jobs] = n / secs
                outputs.append(out.read_bytes())
                print(f"  {f'check --jobs {jobs}, whole process':36} {rates[jobs]:9.0f} docs/s "
                      f"{mb / secs:6.2f} MB/s  x{rates[jobs] / base:6.1f} search_dates  "
                      f"floor/x{floor / rates[jobs]:6.1f}  peak RSS {rss / 1024:.0f} MB")
            same = all(o == outputs[0] for o in outputs)
            print(f"  --jobs 2 / --jobs 1: x{rates[2] / rates[1]:.2f}; reports identical: {same}")


if __name__ == "__main__":
    main()
