"""The memo (build/memo.py): the stages that memoise compute everything without it, and with it they read
what it keeps; an article's stored body is data, read only through the reader a stage is handed."""

from __future__ import annotations

import io
import pickle

import jinja2
import pytest
from PIL import Image

from newsgen.build import memo as memo_module
from newsgen.build import pictures as images
from newsgen.build.bodies import BodyReader, StoredBody
from newsgen.build.builder import BuildOptions, build
from newsgen.build.cache_folder import output_folder
from newsgen.build.collect import load_site
from newsgen.errors import BuildError, Diagnostics
from newsgen.plan.pages import PageSpec
from newsgen.records import Body, UnreadText
from newsgen.site.config import load_config


def jpeg(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (90, 120, 160)).save(out, format="JPEG")
    return out.getvalue()


STORY = "---\ntitle: Туман над Дніпром\ndate: 2026-03-01\nimage: /static/mist.jpg\n---\nРанковий туман над річкою.\n"


def test_pictures_are_measured_and_copied_without_a_memo_and_recalled_with_one(make_project, tmp_path,
                                                                              monkeypatch) -> None:
    site = make_project({"content/mist.md": STORY, "static/mist.jpg": jpeg(1000, 500)})
    config = load_config(site)
    articles = load_site(config, drafts=False, diagnostics=Diagnostics()).articles
    pictures, copies, problems = images.survey_pictures(articles, config.static_dir)  # no memo: all computed
    [picture] = pictures.values()
    assert (picture.width, picture.height) == (1000, 500) and problems == []
    assert sorted(copies) == ["static/mist-1000w.webp", "static/mist-480w.jpg", "static/mist-480w.webp",
                              "static/mist-960w.jpg", "static/mist-960w.webp"]
    monkeypatch.setattr(memo_module, "RACY_SECONDS", 0.0)
    memo = memo_module.Memo(tmp_path / "memo")
    assert images.survey_pictures(articles, config.static_dir, memo.pictures)[1] == copies  # made, and kept
    monkeypatch.setattr(images, "resize", lambda *args: pytest.fail("a kept copy was made again"))
    again = memo_module.Memo(tmp_path / "memo")
    assert images.survey_pictures(articles, config.static_dir, again.pictures)[:2] == (pictures, copies)
    memo.close()
    again.close()


def test_a_remembered_article_holds_where_its_text_is_and_only_a_reader_reads_it(make_project, monkeypatch) -> None:
    monkeypatch.setattr(memo_module, "RACY_SECONDS", 0.0)
    site = make_project({"content/mist.md": STORY.replace("image: /static/mist.jpg\n", "")})
    config = load_config(site)
    build(config, BuildOptions(jobs=1))
    memo = memo_module.Memo(output_folder(config.cache_dir, config.output_dir))
    [article] = load_site(config, drafts=False, diagnostics=Diagnostics(), memo=memo).articles
    stored = article.body
    assert isinstance(stored, StoredBody) and not hasattr(stored, "html") and not hasattr(stored, "text")
    assert "річкою".encode() not in pickle.dumps(stored)
    body = memo.bodies.body(stored)
    assert isinstance(body, Body) and "Ранковий туман над річкою." in body.html
    assert (stored.word_count, stored.digest) == (body.word_count, body.digest)
    [read] = memo.bodies.articles([article])
    assert read.body == body and read.id == article.id
    with pytest.raises(LookupError, match="kept in a memo"):
        BodyReader(None).body(stored)
    assert BodyReader(None).body(body) is body  # a body in memory needs no memo
    memo.close()


FULL_TEXT_CARD = """<li><h{{ heading_level }}><a href="{{ item.href }}">{{ item.title }}</a></h{{ heading_level }}>
<div class="full-text">{{ item.body_html }}</div></li>
"""
SHOWN_DEEPER = """{% extends "builtin/index.html" %}
{% block content %}{% for pair in nested %}{{ pair[0].body_html }}{% endfor %}{% endblock %}
"""


@pytest.mark.parametrize("cache", [True, False])
def test_a_site_template_that_shows_the_text_of_listed_articles_gets_it(make_project, cache) -> None:
    """The built-in templates show an article's text only on its own page, so only that text is read
    before rendering; a site's card that shows every listed article's text (a blog's front page) and
    its related articles' gets theirs too, with the memo and without."""
    site = make_project({
        "content/a.md": "---\ntitle: Перша\ndate: 2026-03-01\ntags: [Київ]\n---\nТекст першої статті.\n",
        "content/b.md": "---\ntitle: Друга\ndate: 2026-03-02\ntags: [Київ]\n---\nТекст другої статті.\n",
        "templates/_card.html": FULL_TEXT_CARD,
    })
    build(load_config(site), BuildOptions(jobs=1, cache=cache))
    front = (site / "build/index.html").read_text(encoding="utf-8")
    assert "Текст першої статті." in front and "Текст другої статті." in front
    second = next((site / "build").rglob("druha/index.html")).read_text(encoding="utf-8")
    assert second.count("Текст першої статті.") == 1  # the related article's card, with its text
    assert build(load_config(site), BuildOptions(jobs=1, cache=cache)).errors == []


def test_text_held_where_the_render_stage_does_not_look_is_a_template_error_not_a_traceback() -> None:
    from newsgen.build.rendering import _rendered_with_text  # noqa: PLC0415 - the stage's one page

    class Unread:
        @property
        def body_html(self) -> str:
            raise UnreadText("2026-03-01/persha")

    env = jinja2.Environment(loader=jinja2.DictLoader({"deep.html": "{{ nested[0][0].body_html }}"}))
    page = PageSpec("/deep/", "deep.html", (), lambda: {"nested": ((Unread(),),)})
    with pytest.raises(BuildError) as raised:
        _rendered_with_text(page, env, BodyReader(None))
    [problem] = raised.value.diagnostics
    assert str(problem.path) == "deep.html" and "/deep/" in problem.message and "2026-03-01/persha" in problem.message
