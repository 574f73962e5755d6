"""Run a pure function over many items in worker processes, results in input order.

Workers are forked, so the large read-only inputs (the page plan, the Jinja
environment) are shared copy-on-write instead of being pickled to each worker.
Small inputs run in this process: forking costs more than it saves.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
PARALLEL_THRESHOLD = 200  # fewer items than this run in this process

_shared: Any = None  # set before forking; each worker reads its inherited copy


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _start_worker() -> None:
    """Ctrl-C is the parent's to handle (workers would only print tracebacks); the parent may have
    paused its collector (``long_lived``), but rendering makes cyclic garbage."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.enable()


def _run_chunk(task: tuple[Callable[[Any, Any], Any], int, int]) -> list[Any]:
    function, start, end = task
    shared, items = _shared
    return [function(shared, items[index]) for index in range(start, end)]


def parallel_map(
    function: Callable[[Any, T], R],
    shared: Any,
    items: Sequence[T],
    jobs: int,
    progress: Callable[[int, int], None] | None = None,
) -> list[R]:
    """``[function(shared, item) for item in items]``, spread over ``jobs`` processes.

    ``function`` must be a module-level function; exceptions in a worker are
    raised here, as if the call had been made in this process.
    """
    return list(parallel_iter(function, shared, items, jobs, progress))


def parallel_iter(
    function: Callable[[Any, T], R],
    shared: Any,
    items: Sequence[T],
    jobs: int,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[R]:
    """``parallel_map`` yielding each result in input order as soon as it is there,
    so a caller can store and drop results instead of holding them all."""
    global _shared
    total = len(items)
    if jobs <= 1 or total < PARALLEL_THRESHOLD or "fork" not in multiprocessing.get_all_start_methods():
        for done, item in enumerate(items, start=1):
            yield function(shared, item)
            if progress and (done % 100 == 0 or done == total):
                progress(done, total)
        return
    size = max(16, min(500, total // (jobs * 8) or 1))
    tasks = [(function, start, min(start + size, total)) for start in range(0, total, size)]
    _shared = (shared, items)  # inherited by the forked workers; only results travel back
    # The cyclic collector would walk (and so write to) every object the workers inherit,
    # copying all of the parent's pages into each of them; frozen objects are left alone.
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(jobs, initializer=_start_worker) as pool:
            done = 0
            for chunk_results in pool.imap(_run_chunk, tasks):
                done += len(chunk_results)
                yield from chunk_results
                if progress:
                    progress(done, total)
    finally:
        gc.unfreeze()
        _shared = None


@contextlib.contextmanager
def warm_process(warm_up: Callable[[], None]) -> Iterator[Any]:
    """A pool of one worker forked now, while this process is still small, that runs ``warm_up``
    (loading dictionaries, say) while this process goes on; work sent to it later (``imap``)
    finds them loaded. None where processes cannot be forked. Items and results travel pickled."""
    if "fork" not in multiprocessing.get_all_start_methods():
        yield None
        return
    with multiprocessing.get_context("fork").Pool(1, initializer=_start_warm_worker, initargs=(warm_up,)) as pool:
        yield pool


def _start_warm_worker(warm_up: Callable[[], None]) -> None:
    _start_worker()
    warm_up()


@contextlib.contextmanager
def long_lived() -> Iterator[None]:
    """A build in this process: what it loads, catalogs and plans lives to its end and is made of
    acyclic records, so the cyclic collector is paused; it would walk the growing heap again and
    again (a third of loading a cached archive, a third of planning it). Reference counting still
    frees whatever is dropped, and worker processes collect as usual (``_start_worker``)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # Everything made meanwhile is still in the youngest generation, which the first collection
        # would walk whole: a freeze and thaw moves it to the oldest without walking it.
        gc.freeze()
        gc.unfreeze()
        if enabled:
            gc.enable()
