"""Front matter from Jekyll and Hugo on strings: what wins over what, and what each key becomes."""

from __future__ import annotations

import datetime
from pathlib import Path, PurePosixPath

import pytest

from newsgen.errors import SourceError
from newsgen.records import HUGO, JEKYLL, NEWSGEN, NO_FACTS, ZOLA, FileFacts, Placement
from newsgen.sources.foreign import NotAnArticle, classify
from newsgen.sources.frontmatter import parse_article

KYIV = datetime.timezone(datetime.timedelta(hours=2))


def jekyll(relative: str) -> FileFacts:
    facts = classify(JEKYLL, PurePosixPath(relative))
    assert isinstance(facts, FileFacts)
    return facts


def parse(text: str, facts: FileFacts = NO_FACTS, name: str = "post.md", fmt: str = "markdown"):  # noqa: ANN201
    return parse_article(text, Path(name), datetime.UTC, facts, fmt)


def test_jekyll_file_name_gives_date_slug_and_title_when_front_matter_has_none() -> None:
    article, warnings = parse("---\nlayout: post\n---\nText.\n", jekyll("_posts/2014-01-02-from-the-name.md"))
    assert (article.date, article.slug, article.title) == (datetime.date(2014, 1, 2), "from-the-name", "From The Name")
    assert article.published == datetime.datetime(2014, 1, 2, tzinfo=datetime.UTC) and warnings == []
    assert article.extra == {"layout": "post"}


def test_jekyll_date_with_an_offset_and_space_separated_lists() -> None:
    text = "---\ndate: 2013-05-06 18:13:01 -0700\ncategories: news world\ntags: ruby jekyll\n---\nText.\n"
    article, _ = parse(text, jekyll("sport/_posts/2013-05-06-hello.md"))
    assert article.date == datetime.date(2013, 5, 6)  # as written, not converted to UTC
    assert article.published.utcoffset() == datetime.timedelta(hours=-7)
    assert article.placement.categories == ("sport", "news", "world")  # folders first, then front matter
    assert article.tags == ("sport", "news", "world", "ruby", "jekyll")


def test_jekyll_category_is_one_category_and_lists_may_be_yaml_lists() -> None:
    text = "---\ncategory: Local News\ntags: [city hall, budget]\n---\nText.\n"
    article, _ = parse(text, jekyll("_posts/2015-01-01-x.md"))
    assert article.placement.categories == ("Local News",) and article.tags == ("Local News", "city hall", "budget")
    listed, _ = parse("---\ncategories: [City Hall, budget]\n---\nText.\n", jekyll("_posts/2015-01-01-x.md"))
    assert listed.placement.categories == ("City Hall", "budget")


def test_front_matter_date_wins_and_the_disagreement_is_a_warning_naming_the_file() -> None:
    text = "---\ntitle: Dates\ndate: 2015-11-10\n---\nText.\n"
    article, warnings = parse(text, jekyll("_posts/2015-11-09-dates.md"), name="_posts/2015-11-09-dates.md")
    assert article.date == datetime.date(2015, 11, 10)
    assert [str(w) for w in warnings] == [
        "_posts/2015-11-09-dates.md:3: warning: front matter date 2015-11-10 differs from the file name's "
        "2015-11-09 (the front matter wins)"
    ]


def test_front_matter_slug_wins_over_the_file_name() -> None:
    article, _ = parse("---\nslug: chosen\n---\nText.\n", jekyll("_posts/2016-05-06-renamed.md"))
    assert article.slug == "chosen"


def test_jekyll_published_false_is_a_draft_and_drafts_folder_too() -> None:
    assert parse("---\npublished: false\n---\nText.\n", jekyll("_posts/2018-01-01-x.md"))[0].draft
    assert parse("---\ndate: 2019-04-05\n---\nText.\n", jekyll("_drafts/idea.md"))[0].draft
    kept = parse("---\ndate: 2019-04-05\npublished: 2019\n---\nText.\n")[0]  # not Jekyll's flag: kept
    assert not kept.draft and kept.extra == {"published": 2019}


def test_an_undated_jekyll_draft_is_not_an_article() -> None:
    with pytest.raises(NotAnArticle) as caught:
        parse("---\ntitle: Idea\n---\nSomeday.\n", jekyll("_drafts/idea.md"))
    assert caught.value.diagnostic.reason.startswith("a draft without a date")


def test_jekyll_liquid_is_handled_in_posts_only() -> None:
    text = "---\ntitle: T\n---\nOn {{ site.title }} {% raw %}{{ x }}{% endraw %}.\n"
    article, warnings = parse(text, jekyll("_posts/2015-01-01-t.md"))
    assert article.body == "On  {{ x }}.\n" and "Liquid template code removed (line 4)" in str(warnings[0])
    native, notes = parse("---\ndate: 2015-01-01\n---\nOn {{ site.title }}.\n")  # newsgen's own: as written
    assert native.body == "On {{ site.title }}.\n" and notes == []


def test_permalink_and_redirect_from() -> None:
    text = "---\npermalink: custom/page\nredirect_from: [/old/page, /2016/03/04/x.html]\n---\nText.\n"
    article, _ = parse(text, jekyll("_posts/2016-03-04-x.md"))
    assert article.placement.permalink == "/custom/page/"
    assert article.placement.aliases == ("/old/page/", "/2016/03/04/x.html")
    assert "permalink" not in article.extra and "redirect_from" not in article.extra


def test_a_permalink_that_leaves_the_site_is_an_error_naming_its_line() -> None:
    with pytest.raises(SourceError) as caught:
        parse("---\ndate: 2016-01-01\npermalink: /../../etc/\n---\nText.\n")
    assert str(caught.value).startswith("post.md:3:1: 'permalink' must not contain empty, '.' or '..' folders")


def test_a_bad_alias_is_a_warning_and_the_article_stays() -> None:
    article, warnings = parse("---\ndate: 2016-01-01\naliases: [/fine/, https://elsewhere.org/x, /a/../b/]\n---\nT.\n")
    assert article.placement.aliases == ("/fine/",)
    assert [w.line for w in warnings] == [3, 3] and "'aliases' must be a path on this site" in str(warnings[0])


HUGO_TOML = """\
+++
title = "Ferry Timetable"
date = 2015-11-09T00:00:00Z
lastmod = 2015-11-12T08:00:00Z
tags = ["ferries", "transport"]
categories = ["city"]
slug = "ferry"
aliases = ["/old/ferry/"]
url = "https://wire.example/original"

[params]
source = "wire"
+++
Text.
"""


def test_hugo_toml_front_matter() -> None:
    article, warnings = parse(HUGO_TOML, FileFacts(HUGO, sections=("posts",)))
    assert (article.title, article.slug, article.date) == ("Ferry Timetable", "ferry", datetime.date(2015, 11, 9))
    assert article.published == datetime.datetime(2015, 11, 9, tzinfo=datetime.UTC)
    assert article.updated == datetime.datetime(2015, 11, 12, 8, tzinfo=datetime.UTC)
    assert article.tags == ("city", "ferries", "transport")
    assert article.placement == Placement(categories=("city",), sections=("posts",), aliases=("/old/ferry/",))
    # A full URL is a link for the templates, not this article's address.
    assert article.extra == {"url": "https://wire.example/original", "params": {"source": "wire"}}
    assert warnings == []


def test_hugo_url_unpadded_file_name_date_and_draft() -> None:
    facts = FileFacts(HUGO, datetime.date(2015, 11, 9), "title")
    article, _ = parse("---\ntitle: T\nurl: /special/page/\ndraft: true\n---\nText.\n", facts)
    assert (article.date, article.slug, article.draft) == (datetime.date(2015, 11, 9), "title", True)
    assert article.placement.permalink == "/special/page/"


def test_hugo_content_without_a_date_is_a_page() -> None:
    with pytest.raises(NotAnArticle) as caught:
        parse("---\ntitle: About\n---\nAbout us.\n", FileFacts(HUGO))
    assert str(caught.value.diagnostic) == "post.md:1: warning: not an article (a page without a date): left out"


def test_newsgen_content_without_a_date_is_still_an_error() -> None:
    with pytest.raises(SourceError, match="missing date"):
        parse("---\ntitle: About\n---\nText.\n")


def test_html_articles_need_front_matter() -> None:
    article, _ = parse("---\ndate: 2026-01-05\n---\n<p>Text</p>\n", name="a.html", fmt="html")
    assert article.source_format == "html" and article.body == "<p>Text</p>\n"
    with pytest.raises(NotAnArticle, match="an .html file without front matter"):
        parse("<div>snippet</div>\n", name="a.html", fmt="html")


def test_date_with_offset_from_yaml_timestamp_and_default_zone() -> None:
    text = "---\ndate: 2015-11-09T00:00:00Z\n---\nText.\n"
    assert parse_article(text, Path("a.md"), KYIV)[0].published.utcoffset() == datetime.timedelta(0)
    local = parse_article("---\ndate: 2015-11-09 10:00\n---\nText.\n", Path("a.md"), KYIV)[0]
    assert local.published == datetime.datetime(2015, 11, 9, 10, tzinfo=KYIV)


def test_a_malformed_date_falls_back_to_the_file_names_with_a_warning_naming_its_line() -> None:
    text = "---\ntitle: Ice\ndate: 2023-01-29 18:30:22 2023 -0800\n---\nText.\n"
    article, warnings = parse(text, jekyll("_posts/2023-01-29-ice.md"), name="_posts/2023-01-29-ice.md")
    assert article.date == datetime.date(2023, 1, 29) and article.title == "Ice"
    assert [str(w) for w in warnings] == [
        "_posts/2023-01-29-ice.md:3:1: warning: 'date' is not a date: '2023-01-29 18:30:22 2023 -0800' "
        "(the file name's date 2023-01-29 is used instead)"]
    with pytest.raises(SourceError, match=r"post.md:3:1: 'date' is not a date"):  # no other date: left out
        parse(text, FileFacts(HUGO))


ZOLA_PAGE = """\
+++
title = "Ferry crews walk out"
path = "2019/11/07/ferry-strike"
aliases = ["/blog/ferry-strike/", "news/ferry.html"]

[taxonomies]
tags = ["ferries", "labour"]
categories = ["Port"]

[extra]
source = "wire"
+++
Text.
"""


def test_zola_path_sets_the_url_and_the_date_when_there_is_no_date_key() -> None:
    article, warnings = parse(ZOLA_PAGE, FileFacts(ZOLA, sections=("blog",)))
    assert (article.date, article.placement.permalink) == (datetime.date(2019, 11, 7), "/2019/11/07/ferry-strike/")
    assert article.tags == ("Port", "ferries", "labour") and article.placement.categories == ("Port",)
    assert article.extra == {"extra": {"source": "wire"}} and warnings == []
    assert article.placement.aliases == ("/blog/ferry-strike/", "/news/ferry.html")  # Zola: from the root
    # Only Zola's pages take `path`: elsewhere it is one more key, and the page has no date.
    with pytest.raises(NotAnArticle, match="a page without a date"):
        parse(ZOLA_PAGE, FileFacts(HUGO))


def test_hugo_url_gives_the_date_when_there_is_no_date_key() -> None:
    article, _ = parse("---\ntitle: Old\nurl: /news/2014-02-03-old-story/\n---\nText.\n", FileFacts(HUGO))
    assert article.date == datetime.date(2014, 2, 3) and article.placement.permalink == "/news/2014-02-03-old-story/"
    with pytest.raises(NotAnArticle):  # a URL without a date is no date
        parse("---\ntitle: About\nurl: /about/\n---\nText.\n", FileFacts(HUGO))


def test_liquid_is_removed_from_jekyll_posts_outside_a_jekyll_site() -> None:
    bare = classify(NEWSGEN, PurePosixPath("2020-05-06-issues.md"))  # a _posts/ folder given on its own
    text = "---\ntitle: Issues\n---\nSee {{ site.repository }}.\n{% for issue in issue_numbers %}\n- x\n{% endfor %}\n"
    article, warnings = parse(text, bare)  # type: ignore[arg-type]
    assert "{%" not in article.body and "site.repository" not in article.body
    assert [w.message.split(" (")[0] for w in warnings] == ["Liquid template code removed"]
    # A file not named as a Jekyll post keeps its braces: they are text.
    dated = text.replace("title: Issues", "title: Issues\ndate: 2020-05-06")
    native, warnings = parse(dated, classify(NEWSGEN, PurePosixPath("issues.md")))  # type: ignore[arg-type]
    assert "{{ site.repository }}" in native.body and not any("Liquid" in w.message for w in warnings)


def test_hugo_shortcodes_are_reported_outside_a_hugo_site() -> None:
    _, warnings = parse("---\ndate: 2020-01-01\n---\n{{< youtube abc >}}\n", NO_FACTS)
    assert [w.message.split(" (")[0] for w in warnings] == ["Hugo shortcodes shown as written"]
