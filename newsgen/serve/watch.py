"""Watch a site's sources and rebuild once per burst of saves.

Which paths matter is a pure decision (``is_relevant``); watchdog only delivers
events, and ``Debouncer`` turns a burst of them (an editor's save is often a
write, a rename and a chmod) into one call of ``rebuild`` after a quiet spell.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

QUIET_SECONDS = 0.2
# Names editors write next to the file being saved; they never change the site.
_TEMP_SUFFIXES = (".swp", ".swo", ".swx", "~", ".kate-swp", "___jb_tmp___", "___jb_old___", ".crdownload")
_TEMP_PREFIXES = (".#", ".goutputstream-")
_TEMP_NAMES = frozenset({"4913", ".DS_Store", "Thumbs.db"})  # 4913: Vim's write-permission probe


@dataclass(frozen=True, slots=True)
class WatchedPaths:
    """What one site's rebuilds depend on. All paths absolute and resolved."""

    folders: tuple[Path, ...]  # seeds, content, templates, static (watched recursively)
    config_file: Path  # newsgen.yaml
    output: Path  # the served output folder; never a reason to rebuild


def is_editor_temp(name: str) -> bool:
    """True for the swap, backup and probe files editors leave beside a saved file."""
    if name in _TEMP_NAMES or name.startswith(_TEMP_PREFIXES) or name.endswith(_TEMP_SUFFIXES):
        return True
    return len(name) > 1 and name.startswith("#") and name.endswith("#")  # Emacs auto-save


def is_relevant(path: Path, watched: WatchedPaths) -> bool:
    """Does a change at ``path`` change the site? Pure: decides by the path alone."""
    if is_editor_temp(path.name) or ".git" in path.parts or "__pycache__" in path.parts:
        return False
    if _inside(path, watched.output) or _is_output_sibling(path, watched.output):
        return False
    if path == watched.config_file:
        return True
    return any(_inside(path, folder) for folder in watched.folders)


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _is_output_sibling(path: Path, output: Path) -> bool:
    """What the builder keeps beside the output while it builds (".build.staging-<pid>/", the retired
    site; the build cache was kept there too, as ".build.newsgen-cache.sqlite"), and anything inside those."""
    prefix = f".{output.name}."
    for candidate in (path, *path.parents):
        if candidate.parent == output.parent and candidate.name.startswith(prefix):
            return True
    return False


class Debouncer:
    """Calls ``action`` once after events stop arriving for ``quiet`` seconds.

    Events that arrive while ``action`` runs cause exactly one more call, so the
    last save is always built. ``action`` runs on this object's own thread only,
    so builds never overlap.
    """

    def __init__(self, action: Callable[[], None], quiet: float = QUIET_SECONDS) -> None:
        self._action, self._quiet = action, quiet
        self._changed = threading.Condition()
        self._last_event: float | None = None
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name="newsgen-rebuild", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def poke(self) -> None:
        with self._changed:
            self._last_event = time.monotonic()
            self._changed.notify()

    def stop(self, timeout: float = 5.0) -> None:
        with self._changed:
            self._stopped = True
            self._changed.notify()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        while self._wait_for_quiet():
            self._action()

    def _wait_for_quiet(self) -> bool:
        """Block until a burst has ended; False when stopped."""
        with self._changed:
            while not self._stopped:
                if self._last_event is None:
                    self._changed.wait()
                    continue
                remaining = self._last_event + self._quiet - time.monotonic()
                if remaining <= 0:
                    self._last_event = None
                    return True
                self._changed.wait(remaining)
            return False


class _Relay(FileSystemEventHandler):
    """Hands every relevant file event to a callback; a move counts at both ends."""

    def __init__(self, watched: Callable[[], WatchedPaths], on_change: Callable[[Path], None]) -> None:
        self._watched, self._on_change = watched, on_change

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return  # reads (including our own build's) change nothing
        paths = [event.src_path, getattr(event, "dest_path", "")]
        for raw in paths:
            if raw:
                path = Path(raw if isinstance(raw, str) else raw.decode())
                if is_relevant(path, self._watched()):
                    self._on_change(path)
                    return


class SiteWatcher:
    """watchdog observers on a site's folders; ``sync`` follows a changed configuration."""

    def __init__(self, watched: WatchedPaths, on_change: Callable[[Path], None]) -> None:
        self._watched = watched
        self._observer = Observer()
        self._relay = _Relay(lambda: self._watched, on_change)
        self._scheduled: dict[tuple[Path, bool], object] = {}

    def start(self) -> None:
        self._schedule(self._targets(self._watched))
        self._observer.start()

    def sync(self, watched: WatchedPaths) -> None:
        """Watch a new set of paths (after newsgen.yaml changed, or a folder appeared)."""
        self._watched = watched
        wanted = self._targets(watched)
        for key in [k for k in self._scheduled if k not in wanted]:
            self._observer.unschedule(self._scheduled.pop(key))  # type: ignore[arg-type]
        self._schedule(wanted)

    def stop(self) -> None:
        if self._observer.is_alive():
            self._observer.stop()
            self._observer.join(timeout=5)

    @staticmethod
    def _targets(watched: WatchedPaths) -> list[tuple[Path, bool]]:
        """(folder, recursive): each existing source folder, and the folders holding them
        non-recursively, so newsgen.yaml and a newly created templates/ are seen too."""
        targets = [(folder, True) for folder in watched.folders if folder.is_dir()]
        parents = {watched.config_file.parent, *(folder.parent for folder in watched.folders)}
        targets += [(parent, False) for parent in sorted(parents) if parent.is_dir()]
        return list(dict.fromkeys(targets))

    def _schedule(self, targets: Iterable[tuple[Path, bool]]) -> None:
        for folder, recursive in targets:
            if (folder, recursive) not in self._scheduled:
                try:
                    watch = self._observer.schedule(self._relay, str(folder), recursive=recursive)
                except OSError:
                    continue  # vanished between the check and the call; the next sync retries
                self._scheduled[(folder, recursive)] = watch
