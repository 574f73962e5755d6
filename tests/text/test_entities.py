"""Entity tags from Ukrainian news text (and a heuristic for other languages)."""

from __future__ import annotations

import pytest

from newsgen.text.entities import (
    DEFAULT_LIMIT,
    KINDS,
    EntityTag,
    extract_entity_tags,
    tag_key,
    tag_kind,
)

# Paragraphs written for these tests: inflected names, multi-word names, abbreviations,
# quotes, both apostrophes, and common words opening sentences.
NEWS = [
    "Президент України Володимир Зеленський провів у Києві зустріч із прем’єр-міністром "
    "Польщі Дональдом Туском. Сторони обговорили постачання зброї та вступ України до ЄС.",
    "Туск заявив, що Варшава й надалі підтримуватиме Київ. За його словами, Польща вже "
    "передала Україні понад 40 пакетів допомоги.",
    "Зеленський подякував Туску і наголосив, що Путін не зупиниться сам. «Тиск на Москву має "
    "зростати», – сказав президент. Водночас він не виключив розмови з Путіним.",
    "Раніше речник Кремля Дмитро Пєсков заявив, що Москва не бачить підстав для переговорів, "
    "а Путіну нібито «пропонують капітуляцію». Пєскова цитує агентство ТАСС.",
    "У Львові та Харкові в ніч на понеділок лунали вибухи. Повітряні сили ЗСУ повідомили, що "
    "сили ППО збили 40 дронів. Проте в Москві та під Москвою теж було неспокійно.",
    "Компанія «Укренерго» повідомила про знеструмлення в Одесі. Як передає Радіо Свобода, на "
    "місці працюють рятувальники ДСНС. Деталі: https://www.pravda.com.ua/news/Lviv/ та "
    "www.Example.com/Kharkiv.",
    "Прем'єр-міністерка Юлія Свириденко провела нараду з головою Верховної Ради Русланом "
    "Стефанчуком. Свириденко доручила підготувати план. Дем’яненко і Дем'яненко – одна особа.",
    "Саме тому Україна просить Сполучені Штати про нові системи. Відповідаючи на запитання, "
    "спецпосланець Стів Віткофф у Білому домі зустрівся з Кирилом Дмитрієвим.",
]


def names_of(tags: tuple[EntityTag, ...]) -> list[str]:
    return [tag.name for tag in tags]


def tag_named(tags: tuple[EntityTag, ...], name: str) -> EntityTag:
    matches = [tag for tag in tags if tag.name == name]
    assert matches, f"{name!r} not among {names_of(tags)}"
    return matches[0]


def mentions(tag: EntityTag) -> int:
    """How many mentions a score stands for (the rest is the position bonus, < 1)."""
    return int(tag.score)


@pytest.fixture(scope="module")
def news_tags() -> tuple[EntityTag, ...]:
    return extract_entity_tags(NEWS, limit=100, fill=100)


# --- The sample seed --------------------------------------------------------------------

SAMPLE_EXPECTED = ["НАТО", "Рютте", "Макрон", "Путін", "США", "Україна", "Росія", "Москва"]
SAMPLE_COMMON_WORDS = ["Генеральний", "Відповідаючи", "Саме", "Але", "За", "Про"]


def has_tag_for(tags: tuple[EntityTag, ...], expected: str) -> bool:
    """ "Рютте" is satisfied by "Марк Рютте": a person tag carries the full name."""
    return any(t.name == expected or t.name.split()[-1] == expected for t in tags)


def test_sample_seed_tags(seed_paragraphs: list[str]) -> None:
    tags = extract_entity_tags(seed_paragraphs)
    assert len(tags) == DEFAULT_LIMIT == 8
    for expected in SAMPLE_EXPECTED:
        assert has_tag_for(tags, expected), f"{expected!r} not among {names_of(tags)}"
    assert set(names_of(tags)) == {
        "НАТО", "Марк Рютте", "Емманюель Макрон", "Володимир Путін",
        "США", "Україна", "Росія", "Москва",
    }  # fmt: skip


def test_sample_seed_has_no_common_words(seed_paragraphs: list[str]) -> None:
    tags = extract_entity_tags(seed_paragraphs, limit=100, fill=100)
    words = {word for tag in tags for word in tag.name.split()}
    for common in SAMPLE_COMMON_WORDS:
        assert common not in words


def test_sample_seed_kinds_and_counts(seed_paragraphs: list[str]) -> None:
    tags = extract_entity_tags(seed_paragraphs, limit=100, fill=100)
    assert tag_named(tags, "Марк Рютте").kind == "person"
    assert mentions(tag_named(tags, "Марк Рютте")) == 4  # "Марк Рютте" + three bare "Рютте"
    assert mentions(tag_named(tags, "Володимир Путін")) == 5  # Путіним, Путіна ×2, Путін ×2
    assert mentions(tag_named(tags, "Москва")) == 3  # Москвою ×2, Москві
    assert tag_named(tags, "НАТО").kind == "organisation"
    assert tag_named(tags, "США").kind == "place"
    assert tag_named(tags, "Україна").kind == "place"
    assert tag_named(tags, "Радіо Свобода").kind == "organisation"
    assert tag_named(tags, "Інститут вивчення війни").kind == "organisation"
    assert tag_named(tags, "Reuters").kind == "organisation"  # "агенції Reuters"


def test_sample_seed_ranking_is_by_score(seed_paragraphs: list[str]) -> None:
    tags = extract_entity_tags(seed_paragraphs, limit=100, fill=100)
    assert [(-t.score, t.name) for t in tags] == sorted((-t.score, t.name) for t in tags)
    assert names_of(tags)[0] == "Україна"  # seven mentions, the most


# --- Our own Ukrainian news text ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind", "count"),
    [
        ("Володимир Зеленський", "person", 2),  # + a bare "Зеленський" opening a sentence
        ("Дональд Туск", "person", 3),  # Дональдом Туском, Туск, Туску
        ("Путін", "person", 3),  # Путін, Путіним, Путіну
        ("Москва", "place", 4),  # Москву, Москва, Москві, Москвою
        ("Україна", "place", 4),  # України ×2, Україні, Україна
        ("Київ", "place", 2),  # Києві, Київ
        ("Дмитро Пєсков", "person", 2),  # + "Пєскова" opening a sentence
        ("Юлія Свириденко", "person", 2),
        ("Руслан Стефанчук", "person", 1),
        ("Стів Віткофф", "person", 1),  # not in the dictionary: the first name carries it
        ("Кирило Дмитрієв", "person", 1),  # Кирило, the Ukrainian form, not Кирил
        ("Верховна Рада", "organisation", 1),  # "Верховної Ради"
        ("Сполучені Штати", "place", 1),
        ("Білий дім", "organisation", 1),  # "у Білому домі"
        ("Радіо Свобода", "organisation", 1),
        ("Укренерго", "organisation", 1),  # «Укренерго» after "Компанія"
        ("Львів", "place", 1),  # "У Львові": a place, not the surname Львов
        ("Харків", "place", 1),
        ("Одеса", "place", 1),
        ("Кремль", "organisation", 1),
    ],
)
def test_names_are_lemmatised_and_counted(
    news_tags: tuple[EntityTag, ...], name: str, kind: str, count: int
) -> None:
    tag = tag_named(news_tags, name)
    assert tag.kind == kind
    assert mentions(tag) == count
    assert tag.key == tag_key(name)


ABBREVIATIONS = [
    ("ЄС", "organisation"),
    ("ДСНС", "organisation"),
    ("ТАСС", "organisation"),
    ("ППО", "topic"),
]


@pytest.mark.parametrize(("name", "kind"), ABBREVIATIONS)
def test_abbreviations_stay_as_written(
    news_tags: tuple[EntityTag, ...], name: str, kind: str
) -> None:
    assert tag_named(news_tags, name).kind == kind


def test_a_name_opening_a_sentence_counts_whole_with_the_abbreviation_after_it(
    news_tags: tuple[EntityTag, ...],
) -> None:
    assert tag_named(news_tags, "Повітряні сили ЗСУ").kind == "organisation"
    assert not {"Повітряні", "Повітряні сили", "ЗСУ"} & set(names_of(news_tags))


def test_both_apostrophes_make_one_tag(news_tags: tuple[EntityTag, ...]) -> None:
    tag = tag_named(news_tags, "Дем’яненко")
    assert tag.key == "дем'яненко"
    assert mentions(tag) == 2


def test_inflected_forms_never_leak(news_tags: tuple[EntityTag, ...]) -> None:
    names = set(names_of(news_tags))
    forms = "Путіна Путіним Путіну Москві Москвою України Туском Києві Польщі Кремля Білому"
    assert not set(forms.split()) & names


SENTENCE_STARTS = (
    "Саме Відповідаючи Сторони Раніше Проте Як Деталі Прем'єр-міністерка Прем'єр "
    "Водночас Тиск За"
).split()


@pytest.mark.parametrize("word", SENTENCE_STARTS)
def test_sentence_starts_are_not_entities(news_tags: tuple[EntityTag, ...], word: str) -> None:
    assert all(word not in tag.name.split() for tag in news_tags)


def test_nothing_from_inside_links(news_tags: tuple[EntityTag, ...]) -> None:
    words = {w for tag in news_tags for w in tag.name.split()}
    assert not {"Lviv", "Kharkiv", "Example", "pravda"} & words


def test_limit_and_order(news_tags: tuple[EntityTag, ...]) -> None:
    top = extract_entity_tags(NEWS, limit=5)
    assert top == news_tags[:5]
    assert [(-t.score, t.name) for t in news_tags] == sorted((-t.score, t.name) for t in news_tags)
    assert all(t.kind in KINDS for t in news_tags)
    assert extract_entity_tags(NEWS, limit=0) == ()


def test_position_breaks_equal_counts() -> None:
    tags = extract_entity_tags(["Спершу Київ, потім Одеса.", "Знову Одеса, і знову Київ."])
    assert names_of(tags) == ["Київ", "Одеса"]  # both twice; Київ came first


def test_a_capitalised_sentence_start_counts_when_seen_mid_sentence_too() -> None:
    tags = extract_entity_tags(["Москва мовчить.", "Про це заявили в Москві."])
    assert mentions(tag_named(tags, "Москва")) == 2


def test_a_common_word_only_ever_opening_sentences_is_dropped() -> None:
    assert extract_entity_tags(["Мир потрібен усім. Мир настане."]) == ()


def test_a_surname_alone_opening_a_sentence_is_a_person() -> None:
    tags = extract_entity_tags(["Путін вкотре погрожує."])
    assert tag_named(tags, "Путін").kind == "person"


def test_a_bare_surname_before_the_full_name_joins_it() -> None:
    tags = extract_entity_tags(
        ["Рютте приїхав до Києва.", "Генсек НАТО Марк Рютте заявив про підтримку."]
    )
    assert mentions(tag_named(tags, "Марк Рютте")) == 2
    assert "Рютте" not in names_of(tags)


def test_feminine_names_keep_their_gender() -> None:
    tags = extract_entity_tags(["Зустріч із Юлією Свириденко та Ганною Маляр відбулася в Ірпені."])
    assert {"Юлія Свириденко", "Ганна Маляр", "Ірпінь"} <= set(names_of(tags))


def test_hyphenated_place_names() -> None:
    tags = extract_entity_tags(["Делегація прибула з Івано-Франківська до Нью-Йорка."])
    assert {"Івано-Франківськ", "Нью-Йорк"} <= set(names_of(tags))


def test_shouted_words_and_roman_numerals_are_not_abbreviations() -> None:
    tags = extract_entity_tags(["ВАЖЛИВО: у ХХ столітті та в ІІ половині року НАТО змінилося."])
    assert names_of(tags) == ["НАТО"]


def test_surname_particles_stay_with_the_surname() -> None:
    text = (
        "Зеленський зустрівся з Урсулою фон дер Ляєн. Голова Єврокомісії Урсула фон дер "
        "Ляєн пообіцяла допомогу, а фон дер Ляєн додала, що ЄС готовий."
    )
    tags = extract_entity_tags([text])
    tag = tag_named(tags, "Урсула фон дер Ляєн")
    assert (tag.kind, mentions(tag)) == ("person", 3)
    assert tag_named(tags, "Єврокомісія").kind == "organisation"


def test_towns_named_in_the_plural() -> None:
    tags = extract_entity_tags(["Обстріли у Сумах і Черкасах. Делегація поїхала до Сум."])
    assert mentions(tag_named(tags, "Суми")) == 2
    assert tag_named(tags, "Черкаси").kind == "place"


def test_a_sentence_after_a_link_still_starts_a_sentence() -> None:
    tags = extract_entity_tags(["Читайте на https://example.com/Kyiv. Зустріч тривала годину."])
    assert tags == ()


def test_twin_first_names_are_one_person() -> None:
    # "Марком" is Марк or Марко to the dictionary; the nominative in the text decides.
    tags = extract_entity_tags(["Зустріч із Марком Рютте. Марк Рютте прибув до Києва."])
    assert mentions(tag_named(tags, "Марк Рютте")) == 2
    assert "Марко Рютте" not in names_of(tags)


def test_a_capitalised_adjective_with_its_noun() -> None:
    tags = extract_entity_tags(["Кораблі зайшли в Чорне море, а у Білому домі мовчать."])
    assert {"Чорне море", "Білий дім"} <= set(names_of(tags))


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Путін", "person"),
        ("Марк Рютте", "person"),
        ("Україна", "place"),
        ("Київ", "place"),
        ("НАТО", "organisation"),
        ("США", "place"),
        ("Верховна Рада", "organisation"),
        ("війна", "topic"),
        ("вибори-2026", "topic"),
        ("", "topic"),
    ],
)
def test_kind_of_an_author_tag(name: str, kind: str) -> None:
    assert tag_kind(name) == kind


def test_empty_article() -> None:
    assert extract_entity_tags([]) == ()
    assert extract_entity_tags(["", "   "]) == ()


def test_results_are_stable_across_calls() -> None:
    assert extract_entity_tags(NEWS) == extract_entity_tags(list(NEWS))


# --- Tag keys -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("НАТО", "нато"),
        ("  Марк   Рютте ", "марк рютте"),
        ("Дем’яненко", "дем'яненко"),
        ("Демʼяненко", "дем'яненко"),
        ("Süddeutsche Zeitung", "süddeutsche zeitung"),
        ("Straße", "strasse"),
        ("Ї", "ї"),
        ("Ї", "ї"),  # decomposed І + combining diaeresis -> NFC
    ],
)
def test_tag_key(name: str, key: str) -> None:
    assert tag_key(name) == key


def test_author_tags_share_keys_with_derived_ones(seed_paragraphs: list[str]) -> None:
    derived = {t.key for t in extract_entity_tags(seed_paragraphs)}
    assert {tag_key("нато"), tag_key("Україна"), tag_key("МОСКВА")} <= derived


# --- Other languages ------------------------------------------------------------------------

ENGLISH = [
    "NATO Secretary General Mark Rutte said on Wednesday that the alliance supports any "
    "initiative to end Russia's war against Ukraine. He spoke in Brussels, Radio Free Europe "
    "reported.",
    "Rutte said allies were in close contact with the United States. The Kremlin has rejected "
    "the proposals, according to the Institute for the Study of War (ISW).",
    "In December, French President Emmanuel Macron said Europeans would have to talk to Putin. "
    "Macron's adviser visited Moscow in February. See https://example.com/Some-Page.",
]


def test_english_heuristic() -> None:
    tags = extract_entity_tags(ENGLISH, lang="en", limit=100, fill=100)
    names = names_of(tags)
    assert tag_named(tags, "Mark Rutte").kind == "person"
    assert mentions(tag_named(tags, "Mark Rutte")) == 2
    assert mentions(tag_named(tags, "Emmanuel Macron")) == 2  # "Macron's" joins him
    assert tag_named(tags, "Institute for the Study of War").kind == "organisation"
    assert tag_named(tags, "NATO").kind == "organisation"
    assert {"Ukraine", "Brussels", "United States", "Kremlin", "Putin", "Moscow", "ISW"} <= set(
        names
    )
    for common in ["He", "The", "In", "See", "December", "February", "Wednesday", "Some-Page"]:
        assert common not in names


def test_other_languages_use_the_same_heuristic() -> None:
    german = [
        "Bundeskanzler Friedrich Merz traf am Montag in Berlin den Präsidenten Wolodymyr "
        "Selenskyj. Merz sagte, Deutschland werde helfen.",
    ]
    names = names_of(extract_entity_tags(german, lang="de", limit=100, fill=100))
    assert {"Friedrich Merz", "Wolodymyr Selenskyj", "Berlin", "Deutschland"} <= set(names)
    assert "Montag" not in names


def test_russian_uses_its_own_dictionary() -> None:
    russian = [
        "Генеральный секретарь НАТО Марк Рютте заявил, что поддерживает переговоры с Москвой.",
        "Рютте встретился с Владимиром Зеленским в Киеве.",
    ]
    tags = extract_entity_tags(russian, lang="ru", limit=100, fill=100)
    assert mentions(tag_named(tags, "Марк Рютте")) == 2
    assert {"Владимир Зеленский", "Москва", "Киев", "НАТО"} <= set(names_of(tags))


def test_region_subtags_are_understood(seed_paragraphs: list[str]) -> None:
    assert extract_entity_tags(seed_paragraphs, lang="uk-UA") == extract_entity_tags(
        seed_paragraphs
    )


def test_an_organisation_cue_names_only_what_stands_beside_it() -> None:
    text = "Про це повідомили Національний банк України та агентство Укрінформ на Великдень."
    tags = extract_entity_tags([text])
    # the genitive belongs to the bank's name; "агентство" makes only Укрінформ an organisation
    assert tag_named(tags, "Національний банк України").kind == "organisation"
    assert "Україна" not in names_of(tags)
    assert tag_named(tags, "Укрінформ").kind == "organisation"
    assert tag_named(tags, "Великдень").kind == "topic"
