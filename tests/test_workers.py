"""workers.py: results in input order, in and out of worker processes, and the cyclic collector."""

from __future__ import annotations

import gc
import multiprocessing
import os
import time

import pytest

from newsgen.build.workers import PARALLEL_THRESHOLD, long_lived, parallel_iter, parallel_map, warm_process


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


def _where(_shared: object, item: int) -> tuple[int, int]:
    time.sleep(0.001)  # long enough that the forked worker takes chunks too
    return item, os.getpid()


def test_parallel_map_shares_the_work_between_this_process_and_its_workers() -> None:
    seen: list[tuple[int, int]] = []
    items = list(range(PARALLEL_THRESHOLD * 3))
    results = parallel_map(_where, None, items, jobs=2, progress=lambda done, total: seen.append((done, total)))
    assert [item for item, _ in results] == items
    processes = {pid for _, pid in results}
    assert os.getpid() in processes, "this process took its share"
    assert len(processes) == 2, "and one forked worker took the rest"
    assert seen[-1] == (len(items), len(items))
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert not multiprocessing.active_children()


class _Refused(ValueError):
    pass


def _failing_in_worker(parent: int, item: int) -> int:
    if os.getpid() != parent and item > PARALLEL_THRESHOLD:
        raise _Refused(f"item {item}")
    time.sleep(0.001)
    return item


def _failing_here(parent: int, item: int) -> int:
    if os.getpid() == parent:
        raise _Refused(f"item {item}")
    time.sleep(0.001)
    return item


def _dying_in_worker(parent: int, item: int) -> int:
    if os.getpid() != parent:
        os._exit(3)  # as if the system killed it
    time.sleep(0.001)
    return item


@pytest.mark.parametrize("function", [_failing_in_worker, _failing_here])
def test_an_exception_in_any_process_is_raised_here_and_stops_the_workers(function) -> None:  # noqa: ANN001
    with pytest.raises(_Refused, match="item") as raised:
        parallel_map(function, os.getpid(), list(range(PARALLEL_THRESHOLD * 4)), jobs=2)
    notes = "".join(getattr(raised.value, "__notes__", ()))
    if function is _failing_in_worker:  # where it happened, for whoever has to find out why
        assert "in worker process" in notes and "_failing_in_worker" in notes
    else:
        assert not notes
    assert not multiprocessing.active_children()
    assert gc.get_freeze_count() == 0


def test_a_worker_that_dies_fails_the_map_instead_of_hanging_it() -> None:
    with pytest.raises(RuntimeError, match="ended before its work was done"):
        parallel_map(_dying_in_worker, os.getpid(), list(range(PARALLEL_THRESHOLD * 4)), jobs=2)
    assert not multiprocessing.active_children()
