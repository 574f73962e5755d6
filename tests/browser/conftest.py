"""Browser journeys: Playwright driving Debian's Chromium against `newsgen serve` on 127.0.0.1.

Playwright never downloads a browser here: it launches /usr/bin/chromium
(`apt-get install chromium`). Under CI (the CI variable set) a missing Chromium or
Playwright fails the run; elsewhere only a missing Chromium is a skip.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives Chromium through Playwright (needs /usr/bin/chromium)")


def _unavailable(reason: str, *, may_skip: bool) -> None:
    if os.environ.get("CI") or not may_skip:
        pytest.fail(f"{reason}; install it with: apt-get install -y chromium && .venv/bin/pip install playwright",
                    pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is not installed", may_skip=True)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed", may_skip=False)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    context.set_default_timeout(30_000)
    page = context.new_page()
    yield page
    context.close()
