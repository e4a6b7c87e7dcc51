"""Throughput of `extract` and `check` on a generated corpus, next to plain
`dateparser.search.search_dates` over the same texts, measured in the same run.

    python bench/bench_pipeline.py [--docs 2000] [--baseline-docs 200]

Prints figures; asserts nothing about time."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402

from checker import pipeline  # noqa: E402
from checker.load import load_documents  # noqa: E402
from checker.rulepack import load_rules  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--baseline-docs", type=int, default=200,
                    help="documents for the search_dates baseline (it is slow)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        paths = write_corpus(folder, args.docs)
        size = sum(p.stat().st_size for p in paths)
        mb = size / 1e6
        print(f"corpus: {len(paths)} documents, {mb:.1f} MB, {size / len(paths):.0f} B/doc")

        t = time.perf_counter()
        docs, _ = load_documents([folder])
        load_s = time.perf_counter() - t

        # Lexicons load and patterns compile once per process; that cost is in the `check`
        # rows (a whole run), so the in-process rows are measured warm, and the same for both.
        for d in docs[:20]:
            pipeline.extract_document(d)

        t = time.perf_counter()
        claims = sum(len(pipeline.extract_document(d)) for d in docs)
        extract_s = time.perf_counter() - t + load_s

        # The event reader's share: the same extraction with it left out.
        from checker.extract import events as event_stage

        every = pipeline.extractors
        pipeline.extractors = lambda: [x for x in every() if x is not event_stage.extract]
        try:
            t = time.perf_counter()
            for d in docs:
                pipeline.extract_document(d)
            no_events_s = time.perf_counter() - t + load_s
        finally:
            pipeline.extractors = every

        rules = load_rules()
        t = time.perf_counter()
        report = pipeline.check([folder], rules)
        check_s = time.perf_counter() - t

        # What the event reader adds to `check`: the same run without it (and so without
        # the event rules' work), side by side.
        pipeline.extractors = lambda: [x for x in every() if x is not event_stage.extract]
        try:
            t = time.perf_counter()
            pipeline.check([folder], rules)
            check_no_events_s = time.perf_counter() - t
        finally:
            pipeline.extractors = every

        import dateparser.search

        sample = docs[: args.baseline_docs]
        t = time.perf_counter()
        hits = 0
        for d in sample:
            hits += len(dateparser.search.search_dates(d.text, languages=["vi"]) or [])
        base_s = time.perf_counter() - t
        base_rate = len(sample) / base_s

        def row(name: str, n: int, secs: float, extra: str = "") -> None:
            rate = n / secs
            print(f"{name:34} {rate:9.0f} docs/s {mb * n / len(docs) / secs:7.2f} MB/s"
                  f"  x{rate / base_rate:6.1f} vs baseline  {extra}")

        row("load + extract (all claim kinds)", len(docs), extract_s, f"{claims} claims")
        row("load + extract, no event reader", len(docs), no_events_s,
            f"events add {100 * (extract_s - no_events_s) / no_events_s:.1f}%")
        row("check (all default rules)", len(docs), check_s,
            f"{len(report.findings)} findings")
        row("check, no event reader", len(docs), check_no_events_s,
            f"events add {100 * (check_s - check_no_events_s) / check_no_events_s:.1f}%")
        row("baseline: search_dates (vi)", len(sample), base_s, f"{hits} hits")


if __name__ == "__main__":
    main()
