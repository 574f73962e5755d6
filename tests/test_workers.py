"""workers.py: results in input order, in and out of worker processes, and the cyclic collector."""

from __future__ import annotations

import gc
import os

from newsgen.workers import PARALLEL_THRESHOLD, long_lived, parallel_iter, parallel_map, warm_process


def _scaled(factor: int, item: int) -> int:
    return factor * item


def test_parallel_map_keeps_input_order_in_workers_and_in_process() -> None:
    many = list(range(PARALLEL_THRESHOLD * 3))
    assert parallel_map(_scaled, 3, many, jobs=2) == [3 * item for item in many]
    assert parallel_map(_scaled, 3, [5, 1, 4], jobs=2) == [15, 3, 12]  # too few to fork


def test_parallel_iter_reports_progress_up_to_the_total() -> None:
    seen: list[tuple[int, int]] = []
    items = list(range(PARALLEL_THRESHOLD * 2))
    assert list(parallel_iter(_scaled, 1, items, 2, lambda done, total: seen.append((done, total)))) == items
    assert seen[-1] == (len(items), len(items))


def _collecting(_shared: object, _item: int) -> bool:
    return gc.isenabled()


def test_long_lived_pauses_the_collector_here_but_not_in_workers() -> None:
    assert gc.isenabled()
    with long_lived():
        assert not gc.isenabled()
        assert all(parallel_map(_collecting, None, list(range(PARALLEL_THRESHOLD * 2)), jobs=2))
    assert gc.isenabled()


def test_long_lived_gives_the_collector_back_after_a_failure() -> None:
    try:
        with long_lived():
            raise ValueError("a failed build")
    except ValueError:
        pass
    assert gc.isenabled()


def test_a_pool_leaves_nothing_frozen() -> None:
    parallel_map(_scaled, 2, list(range(PARALLEL_THRESHOLD * 2)), jobs=2)
    assert gc.get_freeze_count() == 0


_WARMED_IN: list[int] = []


def _warm_up() -> None:
    _WARMED_IN.append(os.getpid())


def _warmed_here(item: int) -> tuple[int, bool, bool]:
    return item, _WARMED_IN == [os.getpid()], gc.isenabled()


def test_a_warm_process_runs_its_warm_up_before_the_work_sent_to_it() -> None:
    with long_lived(), warm_process(_warm_up) as pool:
        assert pool is not None
        results = list(pool.imap(_warmed_here, [3, 1, 2]))
    assert results == [(3, True, True), (1, True, True), (2, True, True)]  # in order, warmed, collecting
    assert _WARMED_IN == [], "the warm-up ran in the worker, not here"
