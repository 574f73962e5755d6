"""Pictures: lead images, bundles of native content, sizes and narrower copies, their cache, sub-paths."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from newsgen.build import memo as cache_module
from newsgen.build.builder import BuildOptions, build
from newsgen.build import pictures as images
from newsgen.plan.figures import rewrite_body
from newsgen.plan.images import Picture, Variant
from newsgen.site.config import load_config
from newsgen.urls import SiteURLs
from tests.conftest import build_project, read
from tests.test_incremental import tree

STORY = """\
---
title: Туман над Дніпром
date: 2026-03-01
image: mist.jpg
image_alt: Туман над Дніпром на світанку
caption: Ранковий туман.
credit: Олена Коваль
---
Текст статті.

![Мапа туману](/static/map.png)

[Мапа](/static/map.png)
"""


def picture(width: int, height: int, kind: str = "JPEG", colour: tuple = (90, 120, 160)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, format=kind)
    return out.getvalue()


@pytest.fixture
def pictured(make_project):  # noqa: ANN201
    return make_project({
        "newsgen.yaml": "base_url: https://example.org/archive/\n",
        "content/2026/03/mist/index.md": STORY,
        "content/2026/03/mist/mist.jpg": picture(2000, 1200),
        "static/map.png": picture(600, 400, "PNG"),
    })


def page(site: Path) -> BeautifulSoup:
    return BeautifulSoup(read(site / "build/2026/03/01/tuman-nad-dniprom/index.html"), "html.parser")


def test_a_lead_image_is_a_figure_a_social_card_structured_data_and_a_feed_enclosure(pictured: Path) -> None:
    report = build_project(pictured, search=False)
    assert report.errors == [] and report.warnings == []
    story = page(pictured)
    figure = story.select_one("figure.lead-figure")
    image = figure.img
    assert (image["src"], image["width"], image["height"], image["alt"]) == (
        "/archive/2026/03/01/tuman-nad-dniprom/mist.jpg", "2000", "1200", "Туман над Дніпром на світанку")
    assert figure.figcaption.get_text() == "Ранковий туман. Фото: Олена Коваль"
    assert story.select_one('meta[property="og:image"]')["content"] == (
        "https://example.org/archive/2026/03/01/tuman-nad-dniprom/mist.jpg")
    assert story.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"
    data = json.loads(story.select_one('script[type="application/ld+json"]').string)
    assert data["image"] == ["https://example.org/archive/2026/03/01/tuman-nad-dniprom/mist.jpg"]
    atom = read(pictured / "build/feed.xml")
    assert '<link rel="enclosure" type="image/jpeg" length="' in atom
    assert '<enclosure url="https://example.org/archive/2026/03/01/tuman-nad-dniprom/mist.jpg"' in read(
        pictured / "build/rss.xml")
    assert json.loads(read(pictured / "build/feed.json"))["items"][0]["image"].endswith("/mist.jpg")
    front = BeautifulSoup(read(pictured / "build/index.html"), "html.parser")
    assert front.select_one(".lead-story.has-image img")["width"] == "2000"


def test_a_bundle_is_copied_beside_the_article_with_narrower_copies_in_both_formats(pictured: Path) -> None:
    build_project(pictured, search=False)
    folder = pictured / "build/2026/03/01/tuman-nad-dniprom"
    assert (folder / "mist.jpg").read_bytes() == (pictured / "content/2026/03/mist/mist.jpg").read_bytes()
    for width in (480, 960, 1600):
        assert Image.open(folder / f"mist-{width}w.jpg").size == (width, round(1200 * width / 2000))
        assert Image.open(folder / f"mist-{width}w.webp").format == "WEBP"
    assert Image.open(folder / "mist-2000w.webp").size == (2000, 1200)
    assert not (folder / "mist-2000w.jpg").exists(), "the original is its own widest copy"
    sources = page(pictured).select_one("figure.lead-figure source")
    assert sources["type"] == "image/webp" and "mist-480w.webp 480w" in sources["srcset"]
    assert not (pictured / "build/static/map-960w.png").exists(), "no copy wider than the picture"


def test_body_images_and_links_from_the_root_follow_the_sub_path(pictured: Path) -> None:
    build_project(pictured, search=False)
    body = page(pictured).select_one(".story-body")
    image = body.select_one("img")
    assert (image["src"], image["width"], image["height"]) == ("/archive/static/map.png", "600", "400")
    assert image["srcset"] == "/archive/static/map-480w.png 480w, /archive/static/map.png 600w"
    assert body.select_one("a")["href"] == "/archive/static/map.png"
    assert 'src="https://example.org/archive/static/map.png"' in read(pictured / "build/feed.xml").replace("&quot;", '"')


def test_resized_copies_are_kept_and_an_unchanged_picture_is_never_resized_again(pictured: Path, monkeypatch) -> None:
    monkeypatch.setattr(cache_module, "RACY_SECONDS", 0.0)
    made: list[int] = []
    original = images.resize
    monkeypatch.setattr(images, "resize", lambda data, width, kind: made.append(width) or original(data, width, kind))
    build(load_config(pictured), BuildOptions(jobs=1))
    assert sorted(made) == [480, 480, 480, 480, 600, 960, 960, 1600, 1600, 2000]
    made.clear()
    story = pictured / "content/2026/03/mist/index.md"
    story.write_text(STORY + "\nЩе абзац.\n", encoding="utf-8")
    build(load_config(pictured), BuildOptions(jobs=1))
    assert made == [], "an edit of the text resizes nothing"
    (pictured / "content/2026/03/mist/mist.jpg").write_bytes(picture(1000, 500, colour=(10, 20, 30)))
    build(load_config(pictured), BuildOptions(jobs=1))
    assert sorted(made) == [480, 480, 960, 960, 1000]  # the new picture only; the map's copies are kept
    assert page(pictured).select_one("figure img")["height"] == "500"
    clean = pictured.parent / "clean"
    build(load_config(pictured, {"output_dir": str(clean)}), BuildOptions(jobs=1, cache=False))
    assert tree(pictured / "build") == tree(clean)


def test_missing_files_and_missing_alt_text_are_warnings_naming_the_line(make_project) -> None:
    site = make_project({
        "content/a/index.md": "---\ntitle: Без фото\ndate: 2026-03-01\nimage: gone.jpg\n---\nТекст.\n\n![](gone.png)\n",
        "content/b.md": "---\ntitle: Окремо\ndate: 2026-03-02\n---\n![Схема](scheme.png)\n",
        "content/c/index.md": "---\ntitle: Зламане\ndate: 2026-03-03\nimage: broken.jpg\nimage_alt: Фото\n---\nТекст.\n",
        "content/c/broken.jpg": b"not a picture",
    })
    report = build_project(site, search=False, base_url="https://example.org/")
    assert report.errors == [] and report.articles == 3
    lines = sorted(str(d).replace(f"{site}/", "").split(" (")[0] for d in report.warnings)
    assert lines == [
        "content/a/index.md:4: warning: the image gone.jpg has no alt text",
        "content/a/index.md:4: warning: the image gone.jpg is not found",
        "content/a/index.md:8: warning: the image gone.png has no alt text",
        "content/a/index.md:8: warning: the image gone.png is not found",
        "content/b.md:5: warning: the image scheme.png is not found: a picture beside an article needs the "
        "article in a folder of its own, as index.md",
        "content/c/index.md:4: warning: the image broken.jpg cannot be read as a picture: shown without its size",
    ]
    broken = BeautifulSoup(read(site / "build/2026/03/03/zlamane/index.html"), "html.parser")
    assert "width" not in broken.select_one("figure img").attrs


def test_a_picture_elsewhere_is_used_as_written(make_project) -> None:
    site = make_project({"content/a.md": "---\ntitle: Зовнішнє\ndate: 2026-03-01\nimage: https://cdn.example.net/a.jpg\n"
                                         "image_alt: Фото\n---\nТекст.\n"})
    report = build_project(site, search=False, base_url="https://example.org/")
    assert report.warnings == []
    story = BeautifulSoup(read(site / "build/2026/03/01/zovnishnie/index.html"), "html.parser")
    assert story.select_one('meta[property="og:image"]')["content"] == "https://cdn.example.net/a.jpg"
    assert story.select_one("figure img")["src"] == "https://cdn.example.net/a.jpg"
    assert "enclosure" not in read(site / "build/feed.xml")  # its length is unknown


def test_an_article_without_a_picture_keeps_a_plain_summary_card(make_project) -> None:
    site = make_project({"content/a.md": "---\ntitle: Текст\ndate: 2026-03-01\n---\nТекст.\n"})
    build_project(site, search=False)
    story = read(site / "build/2026/03/01/tekst/index.html")
    assert 'content="summary"' in story and "og:image" not in story and "<figure" not in story


def test_rewriting_leaves_a_root_deploy_and_unknown_images_alone() -> None:
    html = '<p><img alt="x" src="other.png"><a href="/static/a.pdf">a</a></p>'
    assert rewrite_body(html, {}, SiteURLs("https://example.org/"), absolute=False) == html
    moved = rewrite_body(html, {}, SiteURLs("https://example.org/news/"), absolute=False)
    assert moved == '<p><img alt="x" src="other.png"><a href="/news/static/a.pdf">a</a></p>'
    known = Picture("/static/p.png", "image/png", 10, 100, 50, (Variant("/static/p-100w.webp", 100, "image/webp"),))
    sized = rewrite_body('<img alt="x" src="/static/p.png">', {"/static/p.png": known}, SiteURLs("/"), absolute=False)
    assert sized.startswith('<picture><source type="image/webp" srcset="/static/p-100w.webp 100w"')
    assert 'width="100" height="50" alt="x"' in sized
