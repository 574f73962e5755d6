"""Scheduled publishing: the build's clock, embargoes, expiry, --future and what `check` says."""

from __future__ import annotations

import datetime
import gzip
import zoneinfo
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from newsgen.build.builder import BuildOptions, BuildReport, build, build_clock
from newsgen.cli.main import main
from newsgen.errors import SourceError
from newsgen.records import SourceArticle
from newsgen.serve.server import LiveState, ServeOptions, _Session
from newsgen.site.config import load_config
from newsgen.sources.frontmatter import parse_markdown_article
from tests.test_serve import _Recorder

KYIV = zoneinfo.ZoneInfo("Europe/Kyiv")


def at(text: str) -> datetime.datetime:
    """A moment in Kyiv: "2026-03-05 09:00"."""
    return datetime.datetime.fromisoformat(text).replace(tzinfo=KYIV)


# ------------------------------------------------------------------ the clock


def test_the_clock_is_the_given_moment_told_in_the_sites_zone(make_project) -> None:
    config = load_config(make_project({"newsgen.yaml": "timezone: Europe/Kyiv\n"}))
    moment = datetime.datetime(2026, 3, 5, 7, 0, tzinfo=datetime.UTC)
    clock = build_clock(config, moment)
    assert clock == moment and clock.utcoffset() == datetime.timedelta(hours=2) and clock.hour == 9


def test_the_clock_is_source_date_epoch_when_set(make_project, monkeypatch: pytest.MonkeyPatch) -> None:
    config = load_config(make_project({"newsgen.yaml": "timezone: Europe/Kyiv\n"}))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1770854400")  # 2026-02-12T00:00:00Z
    assert build_clock(config) == at("2026-02-12 02:00")
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    now = datetime.datetime.now(tz=datetime.UTC)
    assert abs(build_clock(config) - now) < datetime.timedelta(minutes=1)


def test_a_clock_without_a_zone_is_refused(make_project) -> None:
    config = load_config(make_project({}))
    with pytest.raises(ValueError, match="timezone-aware"):
        build_clock(config, datetime.datetime(2026, 3, 5, 9, 0))


def test_a_clock_at_the_end_of_the_calendar_stays_in_utc(make_project) -> None:
    config = load_config(make_project({"newsgen.yaml": "timezone: Europe/Kyiv\n"}))
    last = datetime.datetime(9999, 12, 31, 23, 0, tzinfo=datetime.UTC)
    assert build_clock(config, last) == last


# ------------------------------------------------------------------ what a build publishes

SECRET = "Ембаргованийтокен"  # in the embargoed article's title and text only: no output may hold it
SITE = {
    "newsgen.yaml": "base_url: https://example.org/\ntimezone: Europe/Kyiv\n",
    "content/live.md": "---\ntitle: Уже в ефірі\ndate: 2026-03-01T10:00:00\ntags: [Київ, метро]\n---\n"
                       "Метро Києва відкрило нову станцію.\n",
    "content/embargo.md": f"---\ntitle: {SECRET} новина\ndate: 2026-03-05T09:00:00\nslug: embargoed\n"
                          f"tags: [Київ, метро]\n---\nКиїв і метро: {SECRET} у тексті.\n",
}
EMBARGOED = "2026/03/05/embargoed/index.html"
LIVE = "2026/03/01/uzhe-v-efiri/index.html"


def build_at(site: Path, moment: str, **options: object) -> BuildReport:
    return build(load_config(site), BuildOptions(now=at(moment), jobs=1, **options))  # type: ignore[arg-type]


def output_texts(output: Path) -> dict[str, str]:
    """Every output file as text, the search index's fragments unpacked (Pagefind gzips them)."""
    texts = {}
    for path in output.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".pf_fragment":
                data = gzip.decompress(data)
            texts[path.relative_to(output).as_posix()] = data.decode("utf-8", "replace")
    return texts


def holding(output: Path, word: str) -> list[str]:
    return sorted(name for name, text in output_texts(output).items() if word in text)


def test_an_embargoed_article_is_in_no_output_before_its_moment(make_project) -> None:
    site = make_project(SITE)
    report = build_at(site, "2026-03-05 08:59")
    assert report.articles == 1 and report.scheduled == 1 and report.next_release == at("2026-03-05 09:00")
    output = site / "build"
    assert holding(output, SECRET) == [] and holding(output, "embargoed") == []
    assert not (output / "2026/03/05").exists()
    assert (output / LIVE).is_file()
    texts = output_texts(output)
    assert "Уже в ефірі" in texts["feed.xml"] and "uzhe-v-efiri" in texts["sitemap.xml"]  # the outputs are there
    assert any(name.endswith(".pf_fragment") and "Метро Києва" in text for name, text in texts.items())
    assert 'class="related' not in texts[LIVE]  # its only related story is not out yet


def test_the_embargo_lifts_at_its_moment_even_in_a_rebuild_with_no_change(make_project) -> None:
    site = make_project(SITE)
    build_at(site, "2026-03-05 08:00")
    assert build_at(site, "2026-03-05 08:59").scheduled == 1  # nothing changed, nothing lifted
    assert not (site / "build" / EMBARGOED).exists()
    report = build_at(site, "2026-03-05 09:00")
    assert report.articles == 2 and report.scheduled == 0 and report.next_release is None
    output = site / "build"
    assert (output / EMBARGOED).is_file() and "scheduled-mark" not in (output / EMBARGOED).read_text()
    found = holding(output, SECRET)
    for name in ("index.html", "feed.xml", "rss.xml", "tags/kyiv/index.html", "tags/kyiv/feed.xml", EMBARGOED,
                 LIVE, "2026/03/index.html", "news-sitemap.xml"):  # LIVE: a related story now
        assert name in found, name
    assert "embargoed" in output_texts(output)["sitemap.xml"]
    assert any(name.endswith(".pf_fragment") for name in found)


def test_future_publishes_scheduled_articles_with_a_visible_mark(make_project) -> None:
    site = make_project(SITE)
    report = build_at(site, "2026-03-01 12:00", future=True)
    assert report.articles == 2 and report.scheduled == 1
    page = BeautifulSoup((site / "build" / EMBARGOED).read_text(), "html.parser")
    mark = page.select_one("article.story .scheduled-mark")
    assert mark is not None and mark.time["datetime"] == "2026-03-05T09:00:00+02:00"
    assert "Заплановано" in mark.get_text() and "5 березня 2026, 09:00" in mark.get_text()
    for listing in ("index.html", "tags/kyiv/index.html"):  # the lead story, a card
        page = BeautifulSoup((site / "build" / listing).read_text(), "html.parser")
        [listed_mark] = page.select(".scheduled-mark")  # the live article has none
        assert listed_mark.find_parent("article").find("a", href="/2026/03/05/embargoed/").get_text().startswith(SECRET)
    # The same preview once the moment has passed: the mark is gone, with nothing else changed.
    build_at(site, "2026-03-05 09:00", future=True)
    assert "scheduled-mark" not in (site / "build" / EMBARGOED).read_text()
    assert "scheduled-mark" not in (site / "build/index.html").read_text()


def test_an_expired_article_is_taken_down_at_its_moment(make_project) -> None:
    site = make_project({**SITE, "content/embargo.md": (
        f"---\ntitle: {SECRET} новина\ndate: 2026-02-01\nexpires: 2026-03-05T09:00\nslug: expiring\n---\n{SECRET}.\n")})
    page = site / "build/2026/02/01/expiring/index.html"
    assert build_at(site, "2026-03-05 08:59").expired == 0 and page.is_file()
    report = build_at(site, "2026-03-05 09:00")  # nothing changed but the clock
    assert report.expired == 1 and report.articles == 1
    assert not page.exists() and holding(site / "build", SECRET) == []
    assert (site / "build" / LIVE).is_file()


def test_an_expired_article_stays_down_in_a_preview(make_project) -> None:
    site = make_project({**SITE, "content/embargo.md": (
        f"---\ntitle: {SECRET}\ndate: 2026-02-01\nexpires: 2026-02-02\n---\n{SECRET}.\n")})
    assert build_at(site, "2026-03-05 09:00", future=True).expired == 1
    assert holding(site / "build", SECRET) == []


def test_an_embargo_that_lifts_moves_no_other_url(make_project) -> None:
    same = "---\ntitle: Та сама\nslug: ta-sama\ndate: {date}\n---\n{text}\n"
    site = make_project({
        "newsgen.yaml": "base_url: https://example.org/\ntimezone: Europe/Kyiv\n",
        "content/a.md": same.format(date="2026-03-05T09:00:00", text="Під ембарго."),
        "content/b.md": same.format(date="2026-03-05T08:00:00", text="Уже вийшла."),
    })
    build_at(site, "2026-03-05 08:30")
    before = sorted(p.relative_to(site / "build").as_posix() for p in (site / "build/2026/03/05").rglob("index.html"))
    build_at(site, "2026-03-05 09:30")
    after = sorted(p.relative_to(site / "build").as_posix() for p in (site / "build/2026/03/05").rglob("index.html"))
    assert len(after) == len(before) + 1 and set(before) <= set(after)
    for page in before:
        assert "Уже вийшла" in (site / "build" / page).read_text()


# ------------------------------------------------------------------ front matter


def source(front: str) -> SourceArticle:
    return parse_markdown_article(f"---\ntitle: Т\n{front}\n---\nТекст.\n", Path("content/a.md"), KYIV)


def test_a_bare_date_goes_live_at_the_start_of_its_day_in_the_sites_zone() -> None:
    article = source("date: 2026-03-05\nexpires: 2026-03-07")
    assert article.published == at("2026-03-05 00:00") and article.expires == at("2026-03-07 00:00")


@pytest.mark.parametrize("key", ["embargo", "publish_at", "publishDate"])
def test_an_embargo_later_than_the_date_is_when_it_goes_live(key: str) -> None:
    article = source(f"date: 2026-03-05\n{key}: 2026-03-05T09:30:00+02:00")
    assert article.date == datetime.date(2026, 3, 5) and article.published == at("2026-03-05 09:30")
    assert key not in article.extra
    earlier = source(f"date: 2026-03-05T10:00:00\n{key}: 2026-03-04")  # an embargo already past holds nothing
    assert earlier.published == at("2026-03-05 10:00")


def test_hugos_expiry_date_is_read_as_expires() -> None:
    assert source("date: 2026-03-05\nexpiryDate: 2026-04-01T12:00:00Z").expires == at("2026-04-01 15:00")


@pytest.mark.parametrize("key", ["publish_on", "embargo_until", "expiry", "unpublish_at", "go_live", "scheduled",
                                 "Release-Date", "pubdate"])
def test_a_key_that_looks_like_a_publishing_time_is_an_error_naming_its_line(key: str) -> None:
    with pytest.raises(SourceError) as raised:
        source(f"date: 2026-03-05\n{key}: 2026-04-01")
    assert str(raised.value.diagnostic).startswith(f"content/a.md:4:1: '{key}' looks like a publishing time")


@pytest.mark.parametrize("key", ["published", "publisher", "release", "expert", "embargoed_by_agency"])
def test_other_keys_stay_for_templates(key: str) -> None:
    if key == "embargoed_by_agency":  # "embargo..." is a publishing time, whatever follows
        with pytest.raises(SourceError):
            source(f"date: 2026-03-05\n{key}: Reuters")
        return
    assert source(f"date: 2026-03-05\n{key}: x").extra[key] == "x"


@pytest.mark.parametrize(("front", "message"), [
    ("date: 2026-03-05\nexpires: 2026-03-05", "content/a.md:4:1: 'expires' 2026-03-05T00:00:00+02:00 is not after"),
    ("date: 2026-03-05\nembargo: 2026-03-06\nexpires: 2026-03-05T12:00",
     "content/a.md:5:1: 'expires' 2026-03-05T12:00:00+02:00 is not after the article goes live, 2026-03-06"),
    ("date: 2026-03-05\nexpires: soon", "content/a.md:4:1: 'expires' is not a date: 'soon'"),
    ("date: 2026-03-05\nembargo: true", "content/a.md:4:1: 'embargo' must be a date, not True"),
])
def test_a_schedule_that_cannot_be_kept_is_an_error(front: str, message: str) -> None:
    with pytest.raises(SourceError) as raised:
        source(front)
    assert str(raised.value.diagnostic).startswith(message)


# ------------------------------------------------------------------ the command line


def test_build_says_when_the_next_embargo_lifts(make_project, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_project(SITE)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(at("2026-03-02 12:00").timestamp())))
    for _ in range(2):  # the second build has nothing to do, and says so too
        assert main(["build", str(site)]) == 0
        out = capsys.readouterr().out
        assert "schedule: 1 scheduled article; the next goes live at 2026-03-05T09:00:00+02:00: build again then" in out
    assert main(["build", str(site), "--future", "-o", str(site / "preview")]) == 0
    assert (site / "preview" / EMBARGOED).is_file() and not (site / "build" / EMBARGOED).exists()


def test_check_lists_scheduled_and_expired_articles_with_their_times(make_project, capsys,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_project({**SITE, "content/old.md": "---\ntitle: Знята\ndate: 2026-02-01\nexpires: 2026-03-01\n---\nТ.\n",
                         "content/soon.md": "---\ntitle: Зникне\ndate: 2026-02-01\nexpires: 2026-04-01\n---\nТ.\n"})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(at("2026-03-02 12:00").timestamp())))
    assert main(["check", str(site)]) == 0
    out = capsys.readouterr().out.replace(f"{site.resolve()}/", "")
    assert out.splitlines()[:3] == [
        f"content/embargo.md:1: scheduled: goes live at 2026-03-05T09:00:00+02:00: {SECRET} новина",
        "content/old.md:1: expired: taken down at 2026-03-01T00:00:00+02:00: Знята",
        "content/soon.md:1: expires at 2026-04-01T00:00:00+03:00: Зникне",
    ]
    assert not (site / "build").exists()


def test_serve_previews_scheduled_articles_marked(make_project, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_project(SITE)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(at("2026-03-02 12:00").timestamp())))
    session = _Session(ServeOptions(site_dir=site), tmp_path / "preview", LiveState(), _Recorder())
    outcome = session.rebuild()
    assert outcome.report is not None and outcome.report.scheduled == 1 and outcome.report.articles == 2
    page = tmp_path / "preview" / EMBARGOED
    assert "scheduled-mark" in page.read_text() and not (site / "build").exists()

