"""The ledger at scale: index a generated archive of seed-style documents, then check one draft
against it, next to checking the same draft by re-reading the archive.

    python bench/ledger_bench.py [--docs 2000] [--jobs 1] [--reread-docs 2000] [--keep DIR]
                                 [--corpus news|terms]

`news` (ledger_corpus.py): five years of daily reports, outlets mostly agreeing. `terms`
(corpus.py): every count sits in a sentence with a five-year term of office, so every archived
count is related to every draft count: the worst case for the lookup.

Prints figures (documents/s and peak memory of `claimcheck index`; the draft check against
the ledger and by re-reading); asserts nothing about time."""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import write_corpus  # noqa: E402
from ledger_corpus import draft_for, write_archive  # noqa: E402

from checker import pipeline  # noqa: E402
from checker.ledger import open_ledger  # noqa: E402
from checker.ledger.check import check_against  # noqa: E402
from checker.ledger.related import related_claims  # noqa: E402
from checker.load import load_documents  # noqa: E402
from checker.rulepack import load_rules  # noqa: E402


def index(folder: Path, db: Path, batch: int, jobs: int) -> tuple[float, str]:
    """Run `claimcheck index` as its own process: wall time and its summary line."""
    t = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "checker", "index", str(folder), "--ledger", str(db),
         "--batch-size", str(batch), "--jobs", str(jobs)],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
        check=True,
    )
    return time.perf_counter() - t, done.stdout.strip()


def make_draft(archived: Path, folder: Path) -> Path:
    """An archived article edited into a draft: another case count for the same window."""
    text = archived.read_text(encoding="utf-8")
    body = re.sub(r"^ date \d{4}-\d{2} |^[A-ZĐ&]+ - ", "", text)
    m = re.search(r"(\d+)( ca lây nhiễm)", body)
    assert m, "the generated article has no case count"
    body = body[: m.start()] + str(int(m.group(1)) + 7) + body[m.end(1):]
    window = re.search(r"đến ngày (\d+)/(\d+)/(\d{4})", body)
    published = f"{window.group(3)}-{int(window.group(2)):02d}-{int(window.group(1)):02d}"
    draft = folder / "draft.md"
    draft.write_text(f"---\nsource: Bản nháp\npublished: {published}\n---\n{body}",
                     encoding="utf-8")
    return draft


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=2000, help="documents in the archive")
    ap.add_argument("--batch-size", type=int, default=500)
    ap.add_argument("--jobs", type=int, default=1, help="extraction processes for index")
    ap.add_argument("--repeat", type=int, default=5, help="draft checks to time")
    ap.add_argument("--reread-docs", type=int, default=2000,
                    help="check the draft by re-reading this many archived documents (all of "
                    "them when 0): it holds every claim in memory, which a large archive "
                    "does not fit")
    ap.add_argument("--no-reread", action="store_true",
                    help="skip checking the draft by re-reading the archive")
    ap.add_argument("--keep", type=Path, help="build the archive here and keep it")
    ap.add_argument("--corpus", choices=["news", "terms"], default="news")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        base = args.keep or Path(tmp)
        folder, db = base / "archive", base / "archive.db"
        t = time.perf_counter()
        paths = (write_archive if args.corpus == "news" else write_corpus)(folder, args.docs)
        size = sum(p.stat().st_size for p in paths)
        print(f"archive: {len(paths)} documents, {size / 1e6:.1f} MB "
              f"(generated in {time.perf_counter() - t:.1f} s)")
        draft = (draft_for if args.corpus == "news" else make_draft)(paths[len(paths) // 2],
                                                                      base)
        # The archived documents around the one the draft was edited from (it among them).
        reread = min(args.reread_docs or len(paths), len(paths))
        lo = max(0, len(paths) // 2 - reread // 2)
        sample = [folder] if reread == len(paths) else paths[lo : lo + reread]
        del paths

        for f in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
            f.unlink(missing_ok=True)
        secs, summary = index(folder, db, args.batch_size, args.jobs)
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = usage.ru_utime + usage.ru_stime
        print(f"index (--jobs {args.jobs}): {args.docs / secs:6.0f} documents/s  {secs:7.1f} s "
              f"wall, {cpu:.1f} s CPU in the indexing process  peak RSS "
              f"{usage.ru_maxrss / 1024:.0f} MB  ledger {db.stat().st_size / 1e6:.0f} MB")
        print(f"         {summary}")
        secs, summary = index(folder, db, args.batch_size, args.jobs)
        print(f"re-index unchanged: {secs:.1f} s  ({summary.split(': ', 1)[1]})")

        rules = load_rules()
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            with open_ledger(db, write=False) as ledger:
                report = check_against([draft], rules, ledger)
            times.append(time.perf_counter() - t)
        with open_ledger(db, write=False) as ledger:
            docs, _ = load_documents([draft])
            claims = {d.id: pipeline.extract_document(d) for d in docs}
            context = related_claims(ledger, docs, claims)
        print(f"draft against the ledger: median {statistics.median(times) * 1000:.0f} ms "
              f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}); "
              f"{len(context)} related claims from {len(context.documents)} documents; "
              f"{len(report.findings)} findings "
              f"({sum(f.rule == 'count-mismatch' for f in report.findings)} count-mismatch)")
        if not args.no_reread:
            t = time.perf_counter()
            result = pipeline.check([draft, *sample], rules)
            secs = time.perf_counter() - t
            own = sum(any(loc.doc == "draft" for loc in f.locations) for f in result.findings)
            print(f"draft by re-reading {reread} archived documents: {secs:.1f} s "
                  f"({len(result.findings)} findings, {own} involving the draft; peak RSS of "
                  "this process "
                  f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")


if __name__ == "__main__":
    main()
