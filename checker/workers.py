"""Work over documents spread across processes: one document's claims depend on that
document alone, so extraction maps over documents in any number of worker processes and the
results are put back in input order. What comes out is the same whatever the number of
workers."""

from __future__ import annotations

import multiprocessing
import multiprocessing.pool
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from checker import lexicon
from checker.errors import UserError

T = TypeVar("T")
R = TypeVar("R")

# Below this many documents per worker, starting the workers costs more than it saves.
MIN_PER_WORKER = 32


def jobs_for(jobs: int | None, items: int) -> int:
    """The workers to use: `jobs` (None: one per CPU), fewer when there is little work."""
    if jobs is not None and jobs < 1:
        raise UserError(f"jobs must be at least 1 (got {jobs})")
    wanted = jobs if jobs is not None else (os.cpu_count() or 1)
    return max(1, min(wanted, items // MIN_PER_WORKER))


@contextmanager
def worker_pool(jobs: int) -> Iterator[multiprocessing.pool.Pool | None]:
    """`jobs` worker processes (None for one: the work runs here)."""
    if jobs <= 1:
        yield None
        return
    # Workers must not inherit open files such as a ledger's SQLite connection (SQLite
    # forbids using one across fork): they come from a fresh server process that has
    # imported the pipeline once.
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if "forkserver" in methods:
        ctx.set_forkserver_preload(["checker.pipeline", "checker.claimkeys"])
    pool = ctx.Pool(jobs, initializer=_start_worker, initargs=(lexicon.extra_dirs(),))
    try:
        yield pool
    finally:
        pool.terminate()
        pool.join()


def _start_worker(lexicon_dirs: list[Path]) -> None:
    # A worker starts with the bundled lexicon only; add the user's, as the parent did.
    for d in lexicon_dirs:
        if d not in lexicon.extra_dirs():
            lexicon.add_lexicon_dir(d)


def chunk_size(items: int, jobs: int) -> int:
    """Chunks small enough to keep every worker busy to the end, large enough that sending
    them costs little."""
    return max(1, min(64, items // (jobs * 8)))


def map_in_order(fn: Callable[[T], R], items: Sequence[T], pool: multiprocessing.pool.Pool
                 | None, jobs: int) -> Iterator[R]:
    """fn over items, in their order, in `pool` when there is one."""
    if pool is None:
        return (fn(x) for x in items)
    return pool.imap(fn, items, chunksize=chunk_size(len(items), jobs))


def along(progress: Callable[[Sequence[T]], Iterable[T]] | None, items: Sequence[T],
          results: Iterable[R]) -> Iterator[R]:
    """The results, moving a progress display over the items as each result arrives."""
    if progress is None:
        yield from results
        return
    shown = iter(progress(items))
    for result in results:
        next(shown, None)
        yield result
    for _ in shown:  # let the display finish
        pass
