"""A site in several languages: each article's language, the labels of each language, and the
settings that name them (the pages in each language: test_editions.py)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from newsgen.sources.articles import article_language, derive_article
from newsgen.cli.main import main
from newsgen.site.config import load_config
from newsgen.errors import NOTE, SourceError
from newsgen.site.labels import read_site_labels
from newsgen.text.labels import _LABELS, labels_for, missing_labels, read_in_label
from newsgen.records import Derivation, SourceArticle
from newsgen.text.language_guess import detect_language

SITE = ("uk", "en", "ru")


# --- detection -------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("Міська рада ухвалила план опалення шкіл на зиму.", "uk"),
    ("Городской совет утвердил план отопления школ на зиму, всё готово.", "ru"),
    ("The city council adopted a plan to heat schools over the winter.", "en"),
    ("Він сказав, що це не так", "uk"),  # і: Ukrainian
    ("Он сказал, что это не так", "ru"),  # no telling letter: the short words decide
    # A Russian quotation in a Ukrainian story, and Ukrainian names in an English one, do not decide
    ("Мер заявив, що «всё будет хорошо», і пообіцяв відкрити ще три укриття в Києві.", "uk"),
    ("Ukraine's Verkhovna Rada (Верховна Рада) voted on Tuesday for the new budget of the country.", "en"),
])
def test_a_text_is_told_by_its_script_and_letters(text: str, expected: str) -> None:
    assert detect_language(text, SITE) == expected


@pytest.mark.parametrize(("text", "languages"), [
    ("2026 — 14:00, 15:30", SITE),  # no letters
    ("Kyiv — Київ — Kyiv — Київ", SITE),  # half and half
    ("The council met on Tuesday.", ("uk", "ru")),  # Latin, and the site has no Latin-script language
    ("Иван ел.", SITE),  # Cyrillic without a telling letter or word
])
def test_a_text_that_does_not_tell_is_undecided(text: str, languages: tuple[str, ...]) -> None:
    assert detect_language(text, languages) is None


def test_latin_script_is_the_sites_first_latin_language() -> None:
    assert detect_language("Der Stadtrat hat den Plan beschlossen.", ("uk", "de", "en")) == "de"
    assert detect_language("The council met.", ("uk", "en-GB")) == "en-GB"


def _source(body: str, lang: str | None = None, title: str | None = None) -> SourceArticle:
    moment = datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC)
    return SourceArticle(Path("a.md"), 1, "markdown", moment.date(), moment, body, 5, title=title, lang=lang)


def test_an_article_without_lang_takes_the_language_its_text_is_in() -> None:
    settings = Derivation("uk", languages=SITE)
    english = derive_article(_source("The metro ran all night for the first time."), settings)
    assert english.lang == "en"
    assert derive_article(_source("Метро вперше працювало всю ніч."), settings).lang == "uk"
    assert derive_article(_source("Метро впервые работало всю ночь, всё было спокойно."), settings).lang == "ru"
    assert derive_article(_source("Метро вперше працювало всю ніч.", lang="en"), settings).lang == "en"  # lang: wins


def test_an_undecided_article_takes_the_site_language_with_a_note() -> None:
    lang, note = article_language(_source("2026: 14:00"), Derivation("uk", languages=SITE))
    assert lang == "uk"
    assert note is not None and note.severity == NOTE and "site's first language" in note.message
    # A language of none of the site's: the site's, and said
    lang, note = article_language(_source("Метро впервые работало всю ночь, всё спокойно."), Derivation("uk", languages=("uk", "en")))
    assert lang == "uk" and "reads as ru" in note.message


def test_a_site_in_one_language_detects_nothing() -> None:
    """A single-language site builds as before: every article without `lang:` is in the site language."""
    lang, note = article_language(_source("The metro ran all night."), Derivation("uk"))
    assert (lang, note) == ("uk", None)


def test_the_note_is_shown_with_verbose_only(make_project, capsys) -> None:
    site = make_project({
        "newsgen.yaml": "languages: [uk, en]\nbase_url: https://example.org/\n",
        "content/a.md": "---\ntitle: 2026\ndate: 2026-01-05\n---\n2026 — 14:00\n",
    })
    assert main(["build", str(site)]) == 0
    assert "note" not in capsys.readouterr().err
    assert main(["build", str(site), "-v", "--strict"]) == 0  # a note is no problem, not even for --strict
    assert "a.md:1: note: the article is taken to be in uk" in capsys.readouterr().err


# --- labels ----------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["uk", "en", "ru"])
def test_shipped_languages_have_every_label(lang: str) -> None:
    assert missing_labels(lang) == ()
    labels = labels_for(lang)
    assert all(text.strip() for text in labels.values())
    # Every placeholder the English label has, the translation has too
    for name, english in _LABELS["en"].items():
        for placeholder in ("{n}", "{q}", "{lemma}", "{language}"):
            assert (placeholder in english) <= (placeholder in labels[name]), (lang, name)


def test_russian_labels_are_russian() -> None:
    russian = labels_for("ru")
    assert russian["home"] == "Главная" and russian["reading_time"] == "мин чтения"
    ukrainian_letters = set("іїєґ")
    assert not [name for name, text in _LABELS["ru"].items() if ukrainian_letters & set(text.lower())]


def test_read_in_is_phrased_in_the_page_language() -> None:
    assert read_in_label("en", "uk") == "Читати англійською"
    assert read_in_label("uk", "en") == "Read in Ukrainian"
    assert read_in_label("uk", "ru") == "Читать на украинском"
    assert read_in_label("it", "en") == "Read in Italian"  # CLDR's name where no phrase is written


def test_a_site_adds_and_overrides_labels(tmp_path: Path) -> None:
    (tmp_path / "labels").mkdir()
    (tmp_path / "labels" / "uk.yaml").write_text("home: Першa сторінка\nweather: Погода\n", encoding="utf-8")
    config = load_config(tmp_path)
    assert labels_for("uk", config.labels)["home"] == "Першa сторінка"
    assert labels_for("uk", config.labels)["weather"] == "Погода"
    assert labels_for("uk")["home"] == "Головна"  # newsgen's own stay as they are for other sites


def test_a_language_without_labels_is_named_with_what_it_lacks(tmp_path: Path) -> None:
    assert "skip" in missing_labels("de") and "read_in_de" not in missing_labels("de")
    (tmp_path / "labels").mkdir()
    (tmp_path / "labels" / "de.yaml").write_text("skip: Zum Inhalt springen\n", encoding="utf-8")
    config = load_config(tmp_path)
    assert "skip" not in missing_labels("de", config.labels) and "home" in missing_labels("de", config.labels)


def test_a_build_warns_of_missing_labels(make_project, capsys) -> None:
    site = make_project({
        "newsgen.yaml": "languages: [uk, de]\nbase_url: https://example.org/\n",
        "labels/de.yaml": "skip: Zum Inhalt springen\n",
        "content/a.md": "---\ntitle: Стаття\ndate: 2026-01-05\n---\nТекст статті.\n",
    })
    assert main(["build", str(site)]) == 0
    err = capsys.readouterr().err
    warnings = [line for line in err.splitlines() if "has no labels" in line]
    assert len(warnings) == 1, err
    assert "labels/de.yaml: warning: newsgen has no labels in de" in warnings[0]
    assert "main_nav" in warnings[0] and " skip," not in warnings[0]


def test_a_label_that_is_not_text_is_named_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "labels").mkdir()
    (tmp_path / "labels" / "uk.yaml").write_text("home: Головна\nskip:\n  - a\n", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        read_site_labels(tmp_path)
    assert str(caught.value).startswith(f"{tmp_path / 'labels' / 'uk.yaml'}:2:1: the label 'skip' must be text")


# --- settings --------------------------------------------------------------------------------
def test_languages_name_the_site_language(tmp_path: Path) -> None:
    (tmp_path / "newsgen.yaml").write_text("languages: [uk, en, ru]\n", encoding="utf-8")
    config = load_config(tmp_path)
    assert (config.language, config.site_languages) == ("uk", ("uk", "en", "ru"))
    (tmp_path / "newsgen.yaml").write_text("language: en\n", encoding="utf-8")
    assert load_config(tmp_path).site_languages == ("en",)


@pytest.mark.parametrize(("text", "message"), [
    ("language: en\nlanguages: [uk, en]\n", ":1:1: 'language' is en, but 'languages' starts with uk"),
    ("languages: [uk, en, uk]\n", ":1:1: 'languages' names a language twice"),
    ("languages: [uk, English]\n", ":1:1: 'languages' must be a language code such as uk, en or en-GB, not 'English'"),
    ("languages: []\n", ":1:1: 'languages' must be a list of language codes"),
])
def test_bad_languages_are_named_at_their_line(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "newsgen.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        load_config(tmp_path)
    assert message in str(caught.value)


# --- translations ----------------------------------------------------------------------------
def _article(text: str, name: str, lang: str) -> object:
    from newsgen.sources.frontmatter import parse_markdown_article

    return derive_article(parse_markdown_article(text, Path(name)), Derivation("uk", languages=SITE))


def test_translation_key_links_the_versions_in_the_site_language_order() -> None:
    from newsgen.site.translations import link_translations

    english = _article("---\ntitle: Night metro\ndate: 2026-01-04\ntranslationKey: metro\n---\nThe metro ran.\n", "en.md", "en")
    ukrainian = _article("---\ntitle: Нічне метро\ndate: 2026-01-04\ntranslation_key: metro\n---\nМетро працювало.\n", "uk.md", "uk")
    alone = _article("---\ntitle: Інше\ndate: 2026-01-04\ntranslation_key: other\n---\nТекст.\n", "other.md", "uk")
    versions, problems = link_translations([english, alone, ukrainian], SITE)
    assert problems == []
    assert [a.lang for a in versions[english.id]] == ["uk", "en"] == [a.lang for a in versions[ukrainian.id]]
    assert alone.id not in versions  # a key no other language has links nothing
    assert english.editorial.translation_key_line == 4


def test_a_seeds_sidecar_gives_it_a_translation_key(tmp_path: Path) -> None:
    from newsgen.sources.sidecar import apply_sidecar
    from newsgen.sources.seed import parse_seed

    [article], _ = parse_seed("date 2026-01-04 Метро працювало всю ніч.\n", Path("seeds/a.txt"))
    [keyed] = apply_sidecar([article], "lang: uk\ntranslation_key: night-metro\n", Path("seeds/a.yaml"))
    assert keyed.editorial.translation_key == "night-metro" and keyed.lang == "uk"


def test_a_section_may_not_take_a_languages_folder(tmp_path: Path) -> None:
    (tmp_path / "newsgen.yaml").write_text("languages: [uk, en]\nsections:\n  en: English desk\n", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        load_config(tmp_path)
    assert ":2:1: the section 'en' would have its page at /en/, where the en language's pages are" in str(caught.value)
    (tmp_path / "newsgen.yaml").write_text("languages: [uk]\nsections:\n  en: English desk\n", encoding="utf-8")
    assert [s.slug for s in load_config(tmp_path).sections] == ["en"]  # no English pages: the folder is free


def test_editing_a_labels_file_rebuilds_the_pages_that_show_it(make_project) -> None:
    from tests.conftest import build_project, read

    site = make_project({"newsgen.yaml": "base_url: https://example.org/\n",
                         "content/a.md": "---\ntitle: Стаття\ndate: 2026-01-05\n---\nТекст статті.\n"})
    assert build_project(site).errors == []
    assert ">Головна</a>" in read(site / "build/index.html")
    (site / "labels").mkdir()
    (site / "labels/uk.yaml").write_text("home: Перша сторінка\n", encoding="utf-8")
    assert build_project(site).errors == []
    assert ">Перша сторінка</a>" in read(site / "build/index.html")
    assert ">Перша сторінка</a>" in read(site / "build/2026/01/05/stattia/index.html")
