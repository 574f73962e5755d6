"""Tiny projects built from a dict, each asserting the few facts it cares about."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsgen.errors import BuildError
from newsgen.render.theme import open_graph_locale
from tests.conftest import build_project, read

SEED = " date 2026-02-11 Перший абзац про НАТО у Брюсселі.\n\nДругий абзац.\n\nТретій абзац."
MARKDOWN = """\
---
title: Нічне метро в Києві
date: 2026-02-10T21:30:00+02:00
tags: [Київ, транспорт]
---
Перший абзац.

- пункт один
- пункт два

[Посилання](https://example.org/).
"""


def front_titles(output: Path, page: str = "index.html") -> list[str]:
    return re.findall(r'<h[23] class="(?:card|lead)-title"[^>]*><a href="[^"]+">([^<]+)</a>', read(output / page))


def test_front_page_lists_seeds_and_markdown_newest_first(make_project) -> None:
    site = make_project({
        "seeds/000_hash.txt": SEED,
        "content/metro.md": MARKDOWN,
        "content/old.md": "---\ntitle: Старе\ndate: 2025-01-01\n---\nТекст.\n",
    })
    report = build_project(site)
    assert report.errors == [] and report.articles == 3
    titles = front_titles(site / "build")
    assert titles[1:] == ["Нічне метро в Києві", "Старе"]
    assert titles[0].startswith("Перший абзац про НАТО")


def test_article_page_has_date_title_and_every_paragraph(make_project) -> None:
    site = make_project({"seeds/000_hash.txt": SEED, "content/metro.md": MARKDOWN})
    build_project(site, language="uk")
    [seed_page] = [p for p in (site / "build/2026/02/11").glob("*/index.html")]
    html = read(seed_page)
    assert '<time datetime="2026-02-11T00:00:00+00:00">11 лютого 2026</time>' in html
    assert html.count("<p>") >= 3 and "<p>Другий абзац.</p>" in html and "<p>Третій абзац.</p>" in html
    metro = read(site / "build/2026/02/10/nichne-metro-v-kyievi/index.html")
    assert "<h1" in metro and "Нічне метро в Києві</h1>" in metro
    assert "<li>пункт один</li>" in metro and '<a href="https://example.org/">Посилання</a>' in metro


def test_url_does_not_depend_on_the_seed_file_name(make_project) -> None:
    first = make_project({"seeds/000_aaaa.txt": SEED}, name="one")
    second = make_project({"seeds/999_zzzz.txt": SEED}, name="two")
    build_project(first)
    build_project(second)
    routes = [sorted(p.relative_to(site / "build").as_posix() for p in (site / "build").rglob("index.html"))
              for site in (first, second)]
    assert routes[0] == routes[1]
    assert not any("000_aaaa" in r or "999" in r for r in routes[0])


def test_drafts_are_left_out_unless_asked_for(make_project) -> None:
    site = make_project({"content/d.md": "---\ntitle: Чернетка\ndate: 2026-01-01\ndraft: true\n---\nТекст.\n",
                         "content/p.md": "---\ntitle: Готове\ndate: 2026-01-02\n---\nТекст.\n"})
    assert build_project(site).articles == 1
    assert "Чернетка" not in read(site / "build/index.html")
    assert build_project(site, drafts=True).articles == 2
    assert "Чернетка" in read(site / "build/index.html")


def test_front_page_pagination(make_project) -> None:
    files = {f"content/a{i}.md": f"---\ntitle: Стаття {i}\ndate: 2026-01-{i + 1:02d}\n---\nТекст {i}.\n" for i in range(5)}
    site = make_project({**files, "newsgen.yaml": "per_page: 2\n"})
    build_project(site)
    out = site / "build"
    assert front_titles(out) == ["Стаття 4", "Стаття 3"]
    assert front_titles(out, "page/2/index.html") == ["Стаття 2", "Стаття 1"]
    assert front_titles(out, "page/3/index.html") == ["Стаття 0"]
    assert not (out / "page/4").exists() and not (out / "page/1").exists()
    middle = read(out / "page/2/index.html")
    assert '<link rel="prev" href="/">' in middle and '<link rel="next" href="/page/3/">' in middle


def test_one_bad_article_never_removes_the_others(make_project) -> None:
    site = make_project({
        "seeds/a.txt": "date 2026-02-11 Добра стаття.\ndate 2026-02-30 Погана.",
        "content/bad.md": "---\ntitle: [\n---\nТекст.\n",
        "content/good.md": "---\ntitle: Добра\ndate: 2026-01-01\n---\nТекст.\n",
    })
    report = build_project(site)
    assert report.articles == 2 and len(report.errors) == 2
    assert (site / "build/index.html").is_file()


def test_strict_refuses_before_writing_anything(make_project) -> None:
    site = make_project({"seeds/a.txt": "date 2026-02-30 Погана.", "content/good.md": MARKDOWN})
    with pytest.raises(BuildError, match="--strict"):
        build_project(site, strict=True)
    assert not (site / "build").exists()
    assert [p.name for p in site.iterdir() if p.name.startswith(".")] == [".newsgen"]  # the output's lock only
    assert sorted(p.name for p in (site / ".newsgen").rglob("*") if p.is_file()) == [".gitignore", "CACHEDIR.TAG", "lock"]


def test_a_template_error_leaves_the_previous_site(make_project) -> None:
    site = make_project({"content/good.md": MARKDOWN})
    build_project(site)
    before = read(site / "build/index.html")
    (site / "templates").mkdir()
    (site / "templates/article.html").write_text('{% extends "builtin/article.html" %}\n{% block content %}{{ nope }}{% endblock %}\n')
    with pytest.raises(BuildError) as caught:
        build_project(site)
    [diagnostic] = caught.value.diagnostics
    assert str(diagnostic.path).endswith("templates/article.html") and diagnostic.line == 2
    assert "'nope' is undefined" in diagnostic.message
    assert read(site / "build/index.html") == before
    assert sorted(p.name for p in site.iterdir()) == [".newsgen", "build", "content", "templates", "urls.tsv"]


def test_site_templates_override_and_extend_the_builtin_theme(make_project) -> None:
    site = make_project({
        "content/good.md": MARKDOWN,
        "templates/base.html": '{% extends "builtin/base.html" %}{% block head %}<meta name="x-custom" content="1">{% endblock %}',
    })
    build_project(site)
    html = read(site / "build/index.html")
    assert '<meta name="x-custom" content="1">' in html and "<main" in html


def test_two_builds_are_byte_identical(make_project, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1770800000")
    site = make_project({"seeds/a.txt": SEED, "content/metro.md": MARKDOWN})
    build_project(site, output_dir=str(site / "one"))
    build_project(site, output_dir=str(site / "two"))
    one = {p.relative_to(site / "one"): p.read_bytes() for p in (site / "one").rglob("*") if p.is_file()}
    two = {p.relative_to(site / "two"): p.read_bytes() for p in (site / "two").rglob("*") if p.is_file()}
    assert one == two and len(one) > 10


def test_seed_html_is_shown_as_text(make_project) -> None:
    site = make_project({"seeds/a.txt": "date 2026-02-11 Текст <script>alert(1)</script> & <b>жирний</b>."})
    build_project(site)
    [page] = (site / "build/2026/02/11").glob("*/index.html")
    html = read(page)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;" in html


def test_empty_site_still_builds_a_front_page(make_project) -> None:
    site = make_project({"newsgen.yaml": "title: Порожньо\n"})
    report = build_project(site)
    assert report.articles == 0 and (site / "build/index.html").is_file() and (site / "build/404.html").is_file()


def test_an_article_in_another_language_has_a_page_in_it_and_is_marked_in_lists(make_project) -> None:
    """An English article on a Ukrainian site gets an English page (its dates, labels and <html lang>);
    in the Ukrainian lists a screen reader reads its card in English: the card says it is."""
    english = ("---\ntitle: Grain corridor record\ndate: 2026-01-31\nupdated: 2026-02-03T09:15:00+02:00\n"
               "lang: en\n---\nPorts shipped a record.\n")
    site = make_project({"content/grain.md": english, "content/metro.md": MARKDOWN})
    build_project(site, language="uk")
    grain = read(site / "build/2026/01/31/grain-corridor-record/index.html")
    times = re.findall(r"<time [^>]*>[^<]*</time>", grain.split('class="dateline"')[1].split("</p>")[0])
    assert times == ['<time datetime="2026-01-31T00:00:00+00:00">31 January 2026</time>',
                     '<time datetime="2026-02-03T09:15:00+02:00">3 February 2026</time>']
    assert '<html lang="en">' in grain and "min read" in grain and "Updated" in grain
    assert '<li class="article-card" lang="en">' in read(site / "build/index.html")
    metro = read(site / "build/2026/02/10/nichne-metro-v-kyievi/index.html")
    assert '<time datetime="2026-02-10T21:30:00+02:00">10 лютого 2026</time>' in metro  # the site's own language
    assert '<meta property="og:locale" content="en_US">' in grain  # Open Graph's language_TERRITORY
    assert '<meta property="og:locale" content="uk_UA">' in metro


@pytest.mark.parametrize(("lang", "expected"), [
    ("uk", "uk_UA"), ("en", "en_US"), ("ru", "ru_RU"), ("en-GB", "en_GB"), ("pt_BR", "pt_BR"), ("xx", "xx"),
])
def test_open_graph_locale_names_a_territory(lang: str, expected: str) -> None:
    assert open_graph_locale(lang) == expected


def test_the_front_page_describes_the_site(make_project) -> None:
    site = make_project({
        "newsgen.yaml": "description: Щоденні новини Полтави\nper_page: 1\n",
        "content/a.md": "---\ntitle: Одна\ndate: 2026-02-01\n---\nТекст.\n",
        "content/b.md": "---\ntitle: Друга\ndate: 2026-02-02\n---\nТекст.\n",
    })
    build_project(site)
    assert '<meta name="description" content="Щоденні новини Полтави">' in read(site / "build/index.html")
    assert 'name="description"' not in read(site / "build/page/2/index.html")  # one page of the site says it
