"""Digests of everything claimcheck says about the seeds, the story cases and a generated
corpus: the claims and the findings of each, as JSON, hashed. A change made for speed must
leave them as they were; tests/test_outputs_unchanged.py compares them with the committed
tests/outputs.txt.

    python bench/outputs.py            # print the digests
    python bench/outputs.py --write    # after a change that is meant to alter the output

A line per unit: its name, the number of claims and findings, and a hash of each."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import write_corpus  # noqa: E402

from checker import pipeline  # noqa: E402
from checker.rulepack import load_rules  # noqa: E402

DIGESTS = ROOT / "tests" / "outputs.txt"
CORPUS_DOCS = 300


@contextmanager
def _inside(folder: Path) -> Iterator[None]:
    # Paths in the report are as given; run from the folder's parent so they read the same
    # wherever the folder is.
    here = Path.cwd()
    os.chdir(folder.parent)
    try:
        yield
    finally:
        os.chdir(here)


def _digest(items: list[dict]) -> str:
    text = json.dumps(items, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _line(name: str, folder: Path) -> str:
    with _inside(folder):
        report = pipeline.check([folder.name], load_rules())
    claims = [c.model_dump(mode="json") for c in report.claims]
    findings = [f.model_dump(mode="json") for f in report.findings]
    return (f"{name}\t{len(claims)}\t{len(findings)}\t{_digest(claims)}\t"
            f"{_digest(findings)}")


def lines() -> list[str]:
    out = [_line("seeds", ROOT / "seeds")]
    for folder in sorted((ROOT / "tests" / "cases" / "stories").iterdir()):
        if folder.is_dir():
            out.append(_line("stories/" + folder.name, folder))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        write_corpus(corpus, CORPUS_DOCS)
        out.append(_line(f"corpus/{CORPUS_DOCS}", corpus))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write", action="store_true", help=f"write {DIGESTS.relative_to(ROOT)}")
    args = ap.parse_args()
    text = "\n".join(lines()) + "\n"
    if args.write:
        DIGESTS.write_text(text, encoding="utf-8")
        print(f"wrote {DIGESTS.relative_to(ROOT)}")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
