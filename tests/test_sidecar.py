"""A seed's sidecar (<name>.yaml beside it): an editor's overrides that win over what is derived."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest

from newsgen.errors import SourceError
from newsgen.sources.seed import parse_seed
from newsgen.sources.sidecar import apply_sidecar, sidecar_path
from tests.conftest import build_project

SEED = "date 2026-03-01 Полтава отримала новий міст\n\nМіст через Ворсклу відкрили вчора.\n"
PATH = Path("seeds/mist.yaml")


def seed_with(sidecar: str, seed: str = SEED):  # noqa: ANN201
    articles, problems = parse_seed(seed, Path("seeds/mist.txt"))
    assert not problems
    return apply_sidecar(articles, sidecar, PATH)


def test_the_sidecar_sits_beside_its_seed() -> None:
    assert sidecar_path(Path("seeds/2026/mist.txt")) == Path("seeds/2026/mist.yaml")


def test_its_values_replace_the_seeds() -> None:
    [article] = seed_with(
        "title: Новий міст у Полтаві\ntags: [мости, Полтава]\nauthor: Олена Коваль\nslug: novyi-mist\n"
        "image: /static/mist.jpg\nimage_alt: Міст над річкою\ndate: 2026-03-02T09:30:00+02:00\n"
    )
    assert article.title == "Новий міст у Полтаві"
    assert article.tags == ("мости", "Полтава")
    assert article.authors == ("Олена Коваль",)
    assert article.slug == "novyi-mist"
    assert article.editorial.image is not None
    assert (article.editorial.image.src, article.editorial.image.alt) == ("/static/mist.jpg", "Міст над річкою")
    assert article.published == datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))
    assert article.date == datetime.date(2026, 3, 2)
    assert article.body.startswith("Полтава отримала")  # the text is the seed's


def test_an_empty_sidecar_changes_nothing() -> None:
    [plain], _ = parse_seed(SEED, Path("seeds/mist.txt"))
    assert seed_with("") == [plain]


@pytest.mark.parametrize(
    ("sidecar", "message"),
    [
        ("title: A\ntitel: B\n", "seeds/mist.yaml:2:1: 'titel' is not a sidecar key"),
        ("tags: 5\n", "seeds/mist.yaml:1:1: 'tags' must be a list of tags"),
        ("date: someday\n", "seeds/mist.yaml:1:1: 'date' is not a date"),
        ("- a\n", "expected a mapping"),
        ("caption: Міст\n", "seeds/mist.yaml:1:1: 'caption' is set but 'image' is not"),
    ],
)
def test_bad_values_name_the_sidecars_line(sidecar: str, message: str) -> None:
    with pytest.raises(SourceError) as raised:
        seed_with(sidecar)
    assert message in str(raised.value.diagnostic)


def test_a_seed_with_several_articles_cannot_take_one_sidecar() -> None:
    with pytest.raises(SourceError, match="sets one article, but its seed holds 2"):
        seed_with("title: A\n", SEED + "date 2026-03-02 Друга стаття тут.\n")


def test_the_sidecar_wins_in_a_build_and_an_edit_is_picked_up(make_project) -> None:  # noqa: ANN001
    site = make_project({"seeds/mist.txt": SEED})
    build_project(site)
    derived = site / "build/2026/03/01/poltava-otrymala-novyi-mist/index.html"
    assert derived.is_file()
    sidecar = site / "seeds/mist.yaml"
    sidecar.write_text("title: Новий міст у Полтаві\nslug: novyi-mist\ntags: [мости]\n", encoding="utf-8")
    build_project(site)  # the seed's bytes did not change: the sidecar's are part of its key
    page = (site / "build/2026/03/01/novyi-mist/index.html").read_text(encoding="utf-8")
    assert "<title>Новий міст у Полтаві" in page
    assert (site / "build/tags/mosty/index.html").is_file()
    sidecar.write_text("title: Міст у Полтаві відкрито\nslug: novyi-mist\n", encoding="utf-8")
    stamp = os.stat(sidecar).st_mtime_ns
    os.utime(sidecar, ns=(stamp - 10**10, stamp - 10**10))  # old enough for its signature to be trusted
    build_project(site)
    page = (site / "build/2026/03/01/novyi-mist/index.html").read_text(encoding="utf-8")
    assert "<title>Міст у Полтаві відкрито" in page
    assert not (site / "build/tags/mosty").exists()
