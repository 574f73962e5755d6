"""Jekyll and Hugo conventions as pure rules: file names, folders, layouts, TOML, template code."""

from __future__ import annotations

import datetime
from pathlib import Path, PurePosixPath

import pytest

from newsgen.errors import SourceError
from newsgen.sources.foreign import (
    HUGO, JEKYLL, NEWSGEN, ZOLA, FileFacts, Layout, classify, detect_layout, parse_file_name, titleize,
)
from newsgen.sources.template_code import shortcode_warning, strip_liquid
from newsgen.sources.toml_front import read_toml_mapping, split_toml_front_matter
from tests.conftest import write_project

P = Path("post.md")


@pytest.mark.parametrize(("stem", "expected"), [
    ("2013-05-06-hello-world", (datetime.date(2013, 5, 6), "hello-world")),
    ("2015-11-9-title", (datetime.date(2015, 11, 9), "title")),  # Hugo's unpadded day
    ("2015-1-2-a-b", (datetime.date(2015, 1, 2), "a-b")),
    ("2015-11-09", (datetime.date(2015, 11, 9), None)),
    ("2015-13-40-not-a-date", (None, None)),
    ("hello-world", (None, None)),
    ("index", (None, None)),
])
def test_dated_file_names(stem: str, expected: tuple) -> None:
    assert parse_file_name(stem) == expected


def test_jekyll_titles_an_untitled_post_after_its_file_name() -> None:
    assert titleize("city-council-votes") == "City Council Votes"


def test_a_jekyll_post_takes_date_slug_title_and_folder_categories() -> None:
    facts = classify(JEKYLL, PurePosixPath("news/world/_posts/2013-05-06-hello-world.md"))
    assert facts == FileFacts(JEKYLL, datetime.date(2013, 5, 6), "hello-world", "Hello World", False,
                              categories=("news", "world"), sections=("news", "world"))


def test_a_jekyll_draft_needs_no_date_in_its_name() -> None:
    facts = classify(JEKYLL, PurePosixPath("_drafts/my-idea.md"))
    assert isinstance(facts, FileFacts) and facts.draft and facts.date is None and facts.slug == "my-idea"


@pytest.mark.parametrize(("path", "reason"), [
    ("_posts/notes.md", "not a post: Jekyll reads only YYYY-MM-DD-title files in _posts/"),
    ("_posts/photo.jpg", "not a post: only .md, .markdown and .html files in _posts/ are articles"),
    ("about.md", "a page, not a post: in a Jekyll site only _posts/ and _drafts/ hold articles"),
    ("index.html", "a page, not a post: in a Jekyll site only _posts/ and _drafts/ hold articles"),
    ("_config.yml", "Jekyll's own file (settings), not an article"),
    ("assets/site.css", "not an article: a file Jekyll would copy as it is"),
])
def test_jekyll_files_that_are_not_posts_say_why(path: str, reason: str) -> None:
    assert classify(JEKYLL, PurePosixPath(path)) == reason


def test_hugo_and_newsgen_files() -> None:
    assert classify(HUGO, PurePosixPath("posts/_index.md")) is None  # a section
    facts = classify(HUGO, PurePosixPath("posts/2015/2015-11-9-title.md"))
    assert facts == FileFacts(HUGO, datetime.date(2015, 11, 9), "title", sections=("posts", "2015"))
    assert classify(NEWSGEN, PurePosixPath("2026/03/zaholovok.md")) == FileFacts(NEWSGEN, sections=("2026", "03"))
    assert "only .md, .markdown and .html" in classify(HUGO, PurePosixPath("posts/photo.jpg"))  # type: ignore[operator]


def test_layouts_are_told_by_their_marker_files(tmp_path: Path) -> None:
    jekyll = write_project(tmp_path / "j", {"_config.yml": "title: x\n"})
    assert (detect_layout(jekyll).kind, detect_layout(jekyll).evidence) == (JEKYLL, "_config.yml")
    hugo = write_project(tmp_path / "h", {"hugo.toml": "title = 'x'\n", "content/a.md": "x"})
    assert detect_layout(hugo).kind == HUGO and detect_layout(hugo).root == hugo / "content"
    assert detect_layout(hugo / "content").evidence == "../hugo.toml"  # pointed at content/ itself
    sections = write_project(tmp_path / "s", {"_index.md": "---\ntitle: x\n---\n"})
    assert detect_layout(sections).kind == HUGO
    # A newsgen site's own content/ stays newsgen's, whatever else lies beside it.
    native = write_project(tmp_path / "n", {"newsgen.yaml": "", "hugo.toml": "", "content/a.md": "x"})
    assert detect_layout(native / "content").kind == NEWSGEN
    assert detect_layout(native) == Layout(NEWSGEN, native / "content", "newsgen.yaml")
    # A config.yaml alone is too common a name to mean Hugo; beside layouts/ it does.
    generic = write_project(tmp_path / "g", {"config.yaml": "", "content/a.md": "x"})
    assert detect_layout(generic / "content").kind == NEWSGEN
    (generic / "layouts").mkdir()
    assert detect_layout(generic / "content").kind == HUGO


def test_toml_front_matter_keeps_key_lines_and_names_errors() -> None:
    text = '+++\ntitle = "Ferry"\ndate = 2015-11-09T00:00:00Z\n\n[params]\nsource = "wire"\n+++\nBody.\n'
    front, first, body, body_line = split_toml_front_matter(text, P)
    entries = read_toml_mapping(front, P, first)
    assert entries["date"].value == datetime.datetime(2015, 11, 9, tzinfo=datetime.UTC)
    assert (entries["title"].line, entries["date"].line, entries["params"].line) == (2, 3, 5)
    assert entries["params"].value == {"source": "wire"} and (body, body_line) == ("Body.\n", 8)
    with pytest.raises(SourceError, match=r"post.md:3:.*invalid TOML"):
        read_toml_mapping('title = "x"\ndate = = 1\n', P, 2)
    with pytest.raises(SourceError, match="front matter is not closed"):
        split_toml_front_matter("+++\ntitle = 'x'\n", P)


LIQUID = """\
Welcome to {{ site.title }}.
{% raw %}Write {{ page.title }}.{% endraw %}
{% highlight ruby linenos %}
puts 1
{% endhighlight %}
Read [the post]({{ site.baseurl }}{% post_url 2010-07-21-name %}) and [about]({{ site.baseurl }}/about/).
![Logo]({{ "/assets/logo.png" | relative_url }})
{% include note.html %}{% comment %} gone {% endcomment %}
"""


def test_liquid_is_kept_literally_in_raw_and_removed_elsewhere_with_one_warning() -> None:
    text, warning = strip_liquid(LIQUID, P, 10)
    assert text == (
        "Welcome to .\nWrite {{ page.title }}.\n```ruby\nputs 1\n```\n"
        "Read the post and [about](/about/).\n![Logo](/assets/logo.png)\n\n"
    )
    assert warning is not None and warning.severity == "warning"
    assert str(warning).startswith("post.md:10: warning: Liquid template code removed (lines 10, 15, 17): ")


def test_text_without_liquid_has_no_warning() -> None:
    assert strip_liquid("Plain {text} here.\n", P, 1) == ("Plain {text} here.\n", None)


def test_hugo_shortcodes_are_reported_by_line() -> None:
    warning = shortcode_warning('Text.\n\n{{< figure src="a.jpg" >}}\n{{% note %}}x{{% /note %}}\n', P, 5)
    assert warning is not None and "Hugo shortcodes shown as written (lines 7, 8)" in str(warning)
    assert shortcode_warning("No {shortcodes}.", P, 1) is None


def test_zola_and_hugo_configuration_folders_are_told_apart(tmp_path: Path) -> None:
    zola = write_project(tmp_path / "z", {"config.toml": 'base_url = "https://x.example"\n', "content/a.md": "x"})
    assert detect_layout(zola) == Layout(ZOLA, zola / "content", "config.toml")
    assert detect_layout(zola / "content") == Layout(ZOLA, zola / "content", "../config.toml")
    # Zola's content folder alone: its sections name keys only Zola has.
    bare = write_project(tmp_path / "bare", {"_index.md": '+++\ntitle = "Blog"\nsort_by = "date"\n+++\n'})
    assert detect_layout(bare).kind == ZOLA
    hugo_section = write_project(tmp_path / "hs", {"_index.md": '+++\ntitle = "Blog"\n+++\n'})
    assert detect_layout(hugo_section).kind == HUGO
    # Hugo's settings in config/_default/, no config file at the top.
    configured = write_project(tmp_path / "h", {"config/_default/hugo.toml": "title = 'x'\n",
                                                "config/_default/permalinks.toml": "", "content/a.md": "x"})
    assert detect_layout(configured) == Layout(HUGO, configured / "content", "config/_default/hugo.toml")
    # A Hugo config.toml (baseURL, beside layouts/) is not Zola's.
    hugo = write_project(tmp_path / "hc", {"config.toml": 'baseURL = "https://x.example"\n', "layouts/a.html": "",
                                           "content/a.md": "x"})
    assert detect_layout(hugo).kind == HUGO
    assert detect_layout(write_project(tmp_path / "plain", {"a.md": "x"})).kind == NEWSGEN


def test_zola_names_dates_with_either_separator() -> None:
    assert parse_file_name("2019-11-07_ferry", ZOLA) == (datetime.date(2019, 11, 7), "ferry")
    assert parse_file_name("2019-11-07_ferry") == (None, None)  # Jekyll and Hugo: not a dated name
    facts = classify(ZOLA, PurePosixPath("blog/2019-11-07_ferry.md"))
    assert facts == FileFacts(ZOLA, datetime.date(2019, 11, 7), "ferry", sections=("blog",))
