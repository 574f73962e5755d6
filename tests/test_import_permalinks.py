"""Permalink patterns: checked once, rendered per article; contested URLs numbered; aliases settled."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

import pytest

from newsgen import urls
from newsgen.errors import SourceError
from newsgen.records import Article, Placement
from newsgen.site.config import parse_config
from newsgen.urls.permalinks import (
    DEFAULT_PERMALINK, check_permalink, compile_permalink, normalise_alias, own_permalink,
    place_articles, resolve_alias,
)
from tests.support.factories import article


def placed(item: Article, **placement: object) -> Article:
    return dataclasses.replace(item, placement=Placement(**placement))  # type: ignore[arg-type]


@pytest.mark.parametrize("pattern", [
    DEFAULT_PERMALINK, "/:year/:month/:slug/", "/:categories/:year/:month/:day/:title.html", "date", "pretty",
    "none", "/:section/:slugorfilename/", "/news/:year/:i_month/:i_day/:filename.htm", "/новини/:slug/",
])
def test_good_patterns(pattern: str) -> None:
    assert check_permalink(pattern) is None


@pytest.mark.parametrize(("pattern", "problem"), [
    ("/:year/:month/:day/", "must contain :slug, :title or :filename"),
    ("/../:slug/", "must not contain empty, '.' or '..' folders"),
    ("/:year//:slug/", "must not contain empty, '.' or '..' folders"),
    ("//evil.example/:slug/", "must be a path that starts with a single /"),
    (":year/:slug/", "must be a path that starts with a single /"),
    ("/:year/:slug", "must end with / (a folder of its own) or .html (a file)"),
    ("/:year/:slug.php", "must end with / (a folder of its own) or .html (a file)"),
    ("/:yaer/:slug/", "has an unknown placeholder :yaer"),
    ("/tags/:slug/", "would put articles inside /tags/"),
    ("/static/:year/:slug/", "would put articles inside /static/"),
    ("/:year/:slug/?x=1", "must not contain '?'"),
    ("/a b/:slug/", "must not contain ' '"),
])
def test_bad_patterns_say_why(pattern: str, problem: str) -> None:
    assert problem in (check_permalink(pattern) or "")


def test_a_bad_pattern_in_newsgen_yaml_names_the_line() -> None:
    with pytest.raises(SourceError) as caught:
        parse_config("title: Архів\npermalink: /:year/:month/\n", Path("newsgen.yaml"), Path("/site"))
    assert str(caught.value).startswith("newsgen.yaml:2:1: 'permalink' must contain :slug")
    config = parse_config("permalink: pretty\n", Path("newsgen.yaml"), Path("/site"))
    assert config.permalink == "pretty"
    assert parse_config("", Path("newsgen.yaml"), Path("/site")).permalink is None  # the old site's, or the default


def test_the_default_pattern_is_the_route_newsgen_always_had() -> None:
    item = article("nichne-metro", "2026-02-10T21:30:00+02:00")
    assert compile_permalink(DEFAULT_PERMALINK).route(item) == urls.article_route(item.date, item.slug)


def test_every_placeholder() -> None:
    item = placed(article("hello", "2013-05-06T18:13:01-07:00"), categories=("News", "Local News"),
                  sections=("Posts", "2013"))
    render = lambda pattern: compile_permalink(pattern).route(item)  # noqa: E731
    assert render("/:categories/:year/:month/:day/:title.html") == "/news/local news/2013/05/06/hello.html"
    assert render("date") == "/news/local news/2013/05/06/hello.html"
    assert render("/:short_year/:i_month/:i_day/:y_day/:hour-:minute-:second/:slug/") == "/13/5/6/126/18-13-01/hello/"
    assert render("/:section/:sections/:filename/") == "/posts/posts/2013/hello/"
    assert render("/:title:output_ext") == "/hello.html"


def test_empty_categories_leave_no_empty_folder_and_bundles_use_their_folder_name() -> None:
    item = article("x", "2015-11-09")
    assert compile_permalink("/:categories/:year/:slug/").route(item) == "/2015/x/"
    bundle = dataclasses.replace(placed(item, bundle=Path("/c/posts/Harbour-Photos")),
                                 source_path=Path("/c/posts/Harbour-Photos/index.md"), slug_is_derived=True)
    assert compile_permalink("/:filename/").route(bundle) == "/harbour-photos/"
    assert compile_permalink("/:slugorfilename/").route(bundle) == "/harbour-photos/"


def test_own_permalinks_and_aliases_are_normalised() -> None:
    assert own_permalink("about") == "/about/"
    assert own_permalink("/2015/page.html") == "/2015/page.html"
    assert own_permalink("/:year/:title/") == "/:year/:title/"  # Jekyll allows placeholders per post
    assert normalise_alias("/old/page") == "/old/page/"
    assert normalise_alias("/%D0%B0/") == "/а/"
    assert normalise_alias("older-name") == "older-name/"
    for bad in ("https://elsewhere.org/x", "/a/../b/", "/old.php", "/", "/x/?page=2"):
        with pytest.raises(ValueError):
            normalise_alias(bad)
    assert resolve_alias("older/", "/posts/new/") == "/posts/older/"
    assert resolve_alias("old.html", "/2015/11/09/new.html") == "/2015/11/09/old.html"


@pytest.mark.parametrize(("route", "taken"), [
    ("/", True), ("/2015/", True), ("/2015/11/", True), ("/2015/11/09/", True), ("/page/2/", True),
    ("/2015/11/page/3/", True), ("/tags/", True), ("/tags/kyiv/", True), ("/archive/", True), ("/feed.xml", True),
    ("/static/x.html", True), ("/2015/11/09/story/", False), ("/archive/story/", False), ("/page/story/", True),
])
def test_site_routes(route: str, taken: bool) -> None:
    assert urls.is_site_route(route) is taken


def test_derived_slugs_that_collide_are_numbered_quietly() -> None:
    a = dataclasses.replace(article("zvit", "2026-01-05T08:00"), slug_is_derived=True)
    b = dataclasses.replace(article("zvit", "2026-01-05T09:00"), slug_is_derived=True)
    result, problems = place_articles([b, a], DEFAULT_PERMALINK)
    assert [x.route for x in result] == ["/2026/01/05/zvit-2/", "/2026/01/05/zvit/"]  # the earlier keeps it
    assert [x.id for x in result] == ["2026-01-05/zvit-2", "2026-01-05/zvit"] and problems == []


def test_authored_collisions_are_kept_and_both_named() -> None:
    a, b = article("same", "2015-11-09"), article("same", "2015-11-20")
    b = dataclasses.replace(b, source_path=Path("b.md"))
    result, problems = place_articles([a, b], "/:year/:month/:slug/")
    assert [x.route for x in result] == ["/2015/11/same/", "/2015/11/same-2/"]
    assert len(problems) == 1 and "2 articles claim the URL /2015/11/same/ (same.md:1, b.md:1)" in str(problems[0])


def test_one_date_and_slug_in_two_categories_keeps_both_urls_with_distinct_ids() -> None:
    news = placed(article("briefing", "2017-01-01"), categories=("news",))
    sport = placed(article("briefing", "2017-01-01"), categories=("sport",))
    result, problems = place_articles([news, sport], "/:categories/:year/:month/:day/:title.html")
    assert [x.route for x in result] == ["/news/2017/01/01/briefing.html", "/sport/2017/01/01/briefing.html"]
    assert len({x.id for x in result}) == 2 and problems == []


def test_explicit_urls_that_collide_are_numbered_on_the_url() -> None:
    a = placed(article("a", "2016-01-01"), permalink="/about/")
    b = placed(article("b", "2016-01-02"), permalink="/about/")
    result, problems = place_articles([a, b], DEFAULT_PERMALINK)
    assert [x.route for x in result] == ["/about/", "/about-2/"] and len(problems) == 1


def test_a_url_the_site_uses_itself_is_given_up_with_a_warning() -> None:
    result, problems = place_articles([article("archive", "2016-01-01")], "/:slug/")
    assert result[0].route == "/archive-2/" and "is a page of the site itself" in str(problems[0])
    in_static = placed(article("x", "2016-01-01"), categories=("Static",))  # a category named like a site folder
    assert place_articles([in_static], "/:categories/:slug/")[0][0].route == "/static-2/x/"
    own = placed(article("y", "2016-01-01"), permalink="/2016/")  # an own URL that is a year's archive
    assert place_articles([own], DEFAULT_PERMALINK)[0][0].route == "/2016-2/"


def test_aliases_resolve_and_never_replace_a_page() -> None:
    a = placed(article("new", "2016-01-01"), aliases=("/old/", "older/", "/2016/01/01/new/", "/2016/01/02/b/"))
    b = placed(article("b", "2016-01-02"), aliases=("/old/", "/tags/x/"))
    result, problems = place_articles([a, b], DEFAULT_PERMALINK)
    assert result[0].placement.aliases == ("/old/", "/2016/01/01/older/")  # its own URL is dropped quietly
    assert result[1].placement.aliases == ()
    assert [p.message.split(":")[0] for p in problems] == [
        "the old URL /2016/01/02/b/ is also used by b.md", "the old URL /old/ is also used by new.md",
        "the old URL /tags/x/ is also used by the site itself",
    ]
