"""The sample archive read like a news site, at a desktop's and a phone's width.

Each test also saves its screenshot (in NEWSGEN_SCREENSHOTS when set, else the test's
temporary folder) for people to look at.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.test_search_browser import REPO, StaticSite
from tests.conftest import build_project

WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("layout")
    for name in ("seeds", "content", "templates", "static"):
        shutil.copytree(REPO / name, site / name)
    shutil.copy(REPO / "newsgen.yaml", site / "newsgen.yaml")
    assert build_project(site, output_dir=str(site / "out")).errors == []
    server = StaticSite(site / "out")
    yield server.url
    server.close()


def shot(page: Any, name: str, tmp_path: Path) -> None:
    folder = Path(os.environ.get("NEWSGEN_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def open_at(page: Any, url: str, device: str, name: str, tmp_path: Path) -> int:
    """The page at the device's width, its screenshot saved; the width."""
    width, height = WIDTHS[device]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url)
    shot(page, f"{name}-{device}", tmp_path)
    return width


def box(page: Any, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


def font_size(page: Any, selector: str) -> float:
    return page.locator(selector).first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")


@pytest.mark.parametrize("device", WIDTHS)
def test_the_front_page_leads_with_a_larger_story_and_its_picture(sample, page, device, tmp_path) -> None:
    width = open_at(page, sample, device, "front", tmp_path)
    assert font_size(page, ".lead-title") >= 1.4 * font_size(page, ".article-card .card-title")
    picture = box(page, ".lead-story img")
    assert picture["width"] >= (0.5 if device == "desktop" else 0.85) * min(width, 1024) - 40
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "nothing wider than the screen"
    search = page.locator("#site-search-q")
    assert search.get_attribute("placeholder") and search.is_visible()


@pytest.mark.parametrize("device", WIDTHS)
def test_the_archive_page_uses_the_width_it_has(sample, page, device, tmp_path) -> None:
    width = open_at(page, sample + "archive/", device, "archive", tmp_path)
    main = box(page, "main")
    years = page.locator(".archive-year")
    used = max(b["x"] + b["width"] for b in (years.nth(i).bounding_box() for i in range(years.count()))) - main["x"]
    assert used >= 0.8 * main["width"], f"the years fill {used:.0f} of {main['width']:.0f} px"
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("device", WIDTHS)
def test_an_article_shows_its_section_byline_picture_and_correction(sample, page, device, tmp_path) -> None:
    width = open_at(page, sample + "2026/02/10/u-kyievi-zapuskaiut-nichni-reisy-metro-na-vykhidnykh/", device,
                    "article", tmp_path)
    assert page.locator(".story-header .kicker").text_content().strip() == "Суспільство"
    assert page.locator("figure.lead-figure img").evaluate("e => e.complete && e.naturalWidth > 0")
    assert page.locator("section.corrections").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
