"""An editor's day with `newsgen serve`: save, see the page reload; break a template, see where."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.served import Served

pytestmark = pytest.mark.browser

SEED = "date 2026-02-11 Перший абзац про НАТО у Брюсселі.\n\nДругий абзац: стара версія.\n"
ARTICLE_ROUTE = "2026/02/11/pershyi-abzats-pro-nato-u-briusseli/"
GOOD_TEMPLATE = '{% extends "builtin/article.html" %}\n{% block title %}{{ article.title }}{% endblock %}\n'
BROKEN_TEMPLATE = (
    '{% extends "builtin/article.html" %}\n'
    "{# the next line is missing a closing brace #}\n"
    "{% block title %}{{ article.title }{% endblock %}\n"
)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "seeds").mkdir(parents=True)
    (root / "templates").mkdir()
    (root / "seeds" / "a.txt").write_text(SEED, encoding="utf-8")
    (root / "templates" / "article.html").write_text(GOOD_TEMPLATE, encoding="utf-8")
    (root / "newsgen.yaml").write_text("title: Архів\nbase_url: https://news.example.org/\n", encoding="utf-8")
    return root


@pytest.fixture
def served(site: Path) -> Iterator[Served]:
    server = Served(site)
    yield server
    server.kill()


def test_save_reloads_the_page_and_template_errors_show_over_it(site: Path, served: Served, page) -> None:
    from playwright.sync_api import expect

    page.goto(served.url + ARTICLE_ROUTE)
    body = page.locator(".story-body")
    expect(body).to_contain_text("стара версія")
    page.evaluate("window.notReloadedYet = true")

    # An edit to the seed: the open page reloads by itself and shows the new text.
    (site / "seeds" / "a.txt").write_text(SEED.replace("стара", "нова"), encoding="utf-8")
    expect(body).to_contain_text("нова версія", timeout=30_000)
    assert page.evaluate("window.notReloadedYet === undefined")

    # A broken template: the overlay names the file and line; the last good page stays under it.
    (site / "templates" / "article.html").write_text(BROKEN_TEMPLATE, encoding="utf-8")
    overlay = page.locator("#newsgen-overlay")
    expect(overlay).to_be_visible(timeout=30_000)
    expect(overlay).to_contain_text("templates/article.html:3:")
    expect(overlay).to_contain_text("unexpected '}'")
    expect(overlay).to_contain_text("newsgen: 1 помилка в останній збірці")  # the site's language, its plural
    expect(overlay).to_contain_text("Виправте файл і збережіть")
    expect(body).to_contain_text("нова версія")

    # Any page opened while the build is broken shows the overlay too.
    other = page.context.new_page()
    other.goto(served.url)
    expect(other.locator("#newsgen-overlay")).to_contain_text("templates/article.html:3:")

    # The fix: the overlay goes and the page reloads with the good build.
    (site / "templates" / "article.html").write_text(GOOD_TEMPLATE, encoding="utf-8")
    expect(overlay).to_have_count(0, timeout=30_000)
    expect(other.locator("#newsgen-overlay")).to_have_count(0, timeout=30_000)
    expect(body).to_contain_text("нова версія")
    expect(page).to_have_title("Перший абзац про НАТО у Брюсселі")

    code, _, err = served.stop()
    assert code == 0, err


def test_links_stay_on_the_dev_server_and_unknown_pages_get_the_sites_404(served: Served, page) -> None:
    from playwright.sync_api import expect

    page.goto(served.url)
    page.locator(".card-title a, h2 a, h3 a").first.click()
    expect(page).to_have_url(served.url + ARTICLE_ROUTE)
    assert all("news.example.org" not in href for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"))

    response = page.goto(served.url + "no/such/page/")
    assert response is not None and response.status == 404
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("#newsgen-overlay")).to_have_count(0)
