"""`newsgen serve` as a subprocess on 127.0.0.1, for the server and browser tests."""

from __future__ import annotations

import http.client
import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

START_TIMEOUT = 60.0


class Served:
    """A running `newsgen serve SITE --port 0`; the port it picked is read from its output."""

    def __init__(self, site: Path, *args: str) -> None:
        # TMPDIR beside the site, so a test can see the preview folder is removed on exit.
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "TMPDIR": str(site.parent)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "newsgen", "serve", str(site), "--host", "127.0.0.1", "--port", "0", *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.out: list[str] = []
        self.err: list[str] = []
        self.readers = [threading.Thread(target=self._read_stdout, daemon=True),
                        threading.Thread(target=self._read_stderr, daemon=True)]
        for reader in self.readers:
            reader.start()
        self.url = self._wait_for_url()
        host, port = re.match(r"http://([^:/]+):(\d+)", self.url).groups()  # type: ignore[union-attr]
        self.address = (host, int(port))

    def _read_stdout(self) -> None:
        for line in self.process.stdout:  # type: ignore[union-attr]
            self.out.append(line)
            self.lines.put(line)

    def _read_stderr(self) -> None:
        self.err.extend(self.process.stderr)  # type: ignore[arg-type]

    def _wait_for_url(self) -> str:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                continue
            if match := re.search(r" at (http://\S+)", line):
                return match.group(1)
        self.kill()
        raise AssertionError(f"newsgen serve did not start:\n{''.join(self.out)}\n{''.join(self.err)}")

    def get(self, path: str) -> tuple[int, str]:
        connection = http.client.HTTPConnection(*self.address, timeout=10)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            return response.status, response.read().decode("utf-8")
        finally:
            connection.close()

    def state(self) -> dict:
        return json.loads(self.get("/__newsgen__/state")[1])

    def wait_for(self, predicate: Callable[[dict], bool], timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        state: dict = {}
        while time.monotonic() < deadline:
            if predicate(state := self.state()):
                return state
            time.sleep(0.1)
        raise AssertionError(f"timed out; last state: {state}")

    def stop(self, sig: int = signal.SIGINT) -> tuple[int, str, str]:
        """Stop it as a person would (Ctrl-C); returns (exit code, stdout, stderr)."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()
            raise
        for reader in self.readers:
            reader.join(timeout=10)
        return self.process.returncode, "".join(self.out), "".join(self.err)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)
