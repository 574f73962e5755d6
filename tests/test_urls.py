"""Every URL from one place, also under a sub-path."""

from __future__ import annotations

import datetime
from pathlib import PurePosixPath

import pytest

from newsgen import urls
from newsgen.urls import SiteURLs


def test_routes() -> None:
    day = datetime.date(2026, 2, 11)
    assert urls.article_route(day, "slug") == "/2026/02/11/slug/"
    assert urls.front_route(1) == "/" and urls.front_route(2) == "/page/2/"
    assert urls.tag_route("nato", 3) == "/tags/nato/page/3/"
    assert urls.month_route(2026, 2) == "/2026/02/" and urls.day_route(day, 2) == "/2026/02/11/page/2/"


@pytest.mark.parametrize(
    ("base", "href", "absolute"),
    [
        ("https://example.org/", "/tags/nato/", "https://example.org/tags/nato/"),
        ("https://example.org/archive/", "/archive/tags/nato/", "https://example.org/archive/tags/nato/"),
        ("/archive/", "/archive/tags/nato/", "/archive/tags/nato/"),
    ],
)
def test_sub_path_deploys(base: str, href: str, absolute: str) -> None:
    site = SiteURLs(base)
    assert site.href("/tags/nato/") == href
    assert site.absolute("/tags/nato/") == absolute


def test_unicode_routes_are_percent_encoded() -> None:
    assert SiteURLs("/").href("/tags/нато/") == "/tags/%D0%BD%D0%B0%D1%82%D0%BE/"


def test_output_paths() -> None:
    assert SiteURLs.output_path("/") == PurePosixPath("index.html")
    assert SiteURLs.output_path("/2026/02/") == PurePosixPath("2026/02/index.html")
    assert SiteURLs.output_path("/feed.xml") == PurePosixPath("feed.xml")
    with pytest.raises(ValueError):
        SiteURLs.output_path("/../../etc/")
