"""How many Pagefind processes may run at once: as many as the build's jobs, while the memory they
hold together fits in what the machine has available.

A Pagefind process holds its whole shard until it has written it (bench/README.md, eleventh round:
about 630 KB an article of the benchmark corpus), so two shards of 4,000 articles want about 5 GiB.
On a machine with less to spare the shards are indexed one after another instead of being swapped
out or killed.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

# What one article's search document costs a Pagefind process while it indexes, generously.
PAGEFIND_BYTES_PER_DOCUMENT = 768 << 10
_SHARE = 0.7  # of the memory available when indexing starts, the rest left to the build and others


def available_memory(meminfo: Path = Path("/proc/meminfo")) -> int | None:
    """Bytes the kernel says can be used without swapping (MemAvailable); None where it does not say."""
    try:
        for line in meminfo.read_text(encoding="ascii").splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


class MemoryGate:
    """Lets a Pagefind run start while the runs under way and it together stay within ``budget`` bytes;
    one run always may (a shard larger than the budget is indexed alone). No budget: no limit."""

    def __init__(self, budget: int | None) -> None:
        self._budget = budget
        self._held = 0
        self._changed = threading.Condition()

    @classmethod
    def for_this_machine(cls) -> MemoryGate:
        available = available_memory()
        return cls(int(available * _SHARE) if available is not None else None)

    @contextlib.contextmanager
    def holding(self, documents: int) -> Iterator[None]:
        need = documents * PAGEFIND_BYTES_PER_DOCUMENT
        with self._changed:
            self._changed.wait_for(lambda: self._budget is None or self._held == 0
                                   or self._held + need <= self._budget)
            self._held += need
        try:
            yield
        finally:
            with self._changed:
                self._held -= need
                self._changed.notify_all()
