"""Live reload's shared state: the served site's build number and errors, which every open page follows.

The builder publishes each outcome; each page's event stream (http_server.py) waits for the next one.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

LIVE_PREFIX = "/__newsgen__/"  # reserved: never looked up in the output folder
EVENTS_PATH = LIVE_PREFIX + "events"
STATE_PATH = LIVE_PREFIX + "state"


@dataclass(frozen=True, slots=True)
class Snapshot:
    version: int  # changes on every published build, good or bad
    build: int  # changes on every good build: pages reload when it does
    errors: tuple[str, ...] = field(default=())

    def to_json(self) -> str:
        return json.dumps({"build": self.build, "errors": list(self.errors)}, ensure_ascii=True)


class LiveState:
    """The served site's build number and current errors, shared by the builder and every page."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._now = Snapshot(0, 0)
        self._closed = False
        # What the overlay and the server's own 404 say, in the site's first language (overlay.py);
        # None: English, until the site's language is known.
        self.words: str | None = None
        self.not_found: bytes | None = None

    def speak(self, words: str, not_found: bytes) -> None:
        self.words, self.not_found = words, not_found

    def publish(self, errors: Sequence[str]) -> None:
        with self._changed:
            build_number = self._now.build + (0 if errors else 1)
            self._now = Snapshot(self._now.version + 1, build_number, tuple(errors))
            self._changed.notify_all()

    def snapshot(self) -> Snapshot:
        with self._changed:
            return self._now

    def wait(self, seen: int | None, timeout: float) -> Snapshot | None:
        """The state once its version differs from ``seen`` (or after timeout); None once closed."""
        with self._changed:
            self._changed.wait_for(lambda: self._closed or self._now.version != seen, timeout)
            return None if self._closed else self._now

    def close(self) -> None:
        with self._changed:
            self._closed = True
            self._changed.notify_all()
