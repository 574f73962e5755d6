"""Names read whole, or not at all (issue 22, third round): a piece of a name in a newsroom's
tag index is worse than a missing tag. Each class is pinned with invented sentences (never text
from the shared corpora): the whole name, and that its pieces are no tags."""

from __future__ import annotations

import pytest

from newsgen.text.entities import extract_entity_tags


def tags(*paragraphs: str) -> dict[str, str]:
    return {tag.name: tag.kind for tag in extract_entity_tags(list(paragraphs), limit=100, fill=100)}


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        (
            "Тендер провело Управління служби з надзвичайних ситуацій України минулого року.",
            "Управління служби з надзвичайних ситуацій України",
        ),
        (
            "Кошти отримав Фонд захисту від стихійних лих на узбережжі Криму у квітні.",
            "Фонд захисту від стихійних лих на узбережжі Криму",
        ),
        (
            "Тендер виграв Департамент культури та комунікацій з громадськістю Полтавської ОДА.",
            "Департамент культури та комунікацій з громадськістю Полтавської ОДА",
        ),
    ],
)
def test_an_official_name_runs_on_over_prepositions_to_its_genitive(text: str, whole: str) -> None:
    assert tags(text) == {whole: "organisation"}


@pytest.mark.parametrize(
    ("text", "apart"),
    [
        ("Допомога НАТО від України не залежить.", {"НАТО", "Україна"}),  # a preposition governs it
        ("Він був депутатом Київської облради і заступником голови Київської ОДА.", {"Київська облрада", "Київська ОДА"}),
        ("Постанову ухвалив Касаційний суд у складі Верховного Суду вчора.", {"Касаційний суд", "Верховний Суд"}),
    ],
)
def test_people_verbs_and_governed_names_end_an_official_name(text: str, apart: set[str]) -> None:
    assert set(tags(text)) == apart


@pytest.mark.parametrize(
    ("text", "whole", "piece"),
    [
        ("Угоду уклали з ВЦ «10 Хімічний центр» торік.", "ВЦ «10 Хімічний центр»", "Хімічний центр"),
        ("ТОВ «3Д Студія» виграло тендер.", "3Д Студія", "Студія"),
        ("Парк біля заводу «Зоря» - «Прогрес» закрили.", "Зоря – Прогрес", "Прогрес"),
    ],
)
def test_a_quoted_name_may_open_with_a_number_or_pair_with_the_next(text: str, whole: str, piece: str) -> None:
    found = tags(text)
    assert whole in found and piece not in found and "Зоря" not in found, found


def test_a_quoted_name_opening_a_sentence_is_read_whole_before_its_verb() -> None:
    found = tags("«Бета Груп Україна» надіслала акти. Суд визнав вимоги «Бета Груп Україна».")
    assert found == {"Бета Груп Україна": "topic"}


def test_a_quotation_opening_a_sentence_is_still_no_name() -> None:
    assert tags("«Ми не відступимо», – сказав Іван Петренко.") == {"Іван Петренко": "person"}


def test_a_long_official_name_in_guillemets_is_one_name_and_holds_no_place() -> None:
    found = tags("Гроші отримав «Фонд сприяння розвитку охорони міста Києва» у травні.")
    assert found == {"Фонд сприяння розвитку охорони міста Києва": "organisation"}


def test_a_name_ends_on_a_noun_before_another_body_joined_by_and() -> None:
    found = tags("Проєкт реалізують за підтримки Міністерства охорони здоров’я та місцевої влади Волині.")
    assert found == {"Міністерство охорони здоров’я": "organisation", "Волинь": "place"}
    assert tags("Лист надіслало Міністерство молоді та спорту вчора.") == {"Міністерство молоді та спорту": "organisation"}


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("Фірма ALFA Trading S. A. була зареєстрована в Женеві.", "ALFA Trading S. A."),
        ("Друга компанія – ALFA Holding B.V. – діє з травня.", "ALFA Holding B.V."),
        ("Угоду уклали з Brightway Solutions LLC у травні.", "Brightway Solutions LLC"),
        ("Угоду уклали з Nordic Sales GmbH у травні.", "Nordic Sales GmbH"),
    ],
)
def test_a_latin_company_name_keeps_its_capitals_and_legal_form(text: str, whole: str) -> None:
    found = tags(text)
    assert whole in found, found
    assert not {"ALFA", "Trading", "Holding", "LLC", "Brightway Solutions"} & set(found), found


def test_latin_abbreviations_side_by_side_stay_apart() -> None:
    assert tags("Звіт ISW процитувала BBC. Аналітики ISW погодились.") == {"ISW": "organisation", "BBC": "organisation"}


def test_a_bare_surname_joins_its_person_even_when_it_reads_as_a_place_or_in_another_case() -> None:
    found = tags("Депутат Олексій Журавко мовчить. Будівництво веде родина Олексія Журавка. У заяві Журавка про це ні слова.")
    assert found == {"Олексій Журавко": "person"}
    found = tags("Засновником є Євгена Колугу. Колуги тут немає. Євген Колуга мовчить.")
    assert found == {"Євген Колуга": "person"}


def test_the_last_of_several_listed_adjectives_before_an_abbreviation_is_no_name_alone() -> None:
    assert tags("Нафту відкачали на Бурштинський, Калуський і Ладижинський НПЗ.") == {}
    assert tags("Угоди стосуються Бурштинської і Ладижинської ТЕС.") == {}
    # named on its own elsewhere in the article, it is a name
    found = tags("Угоди стосуються Бурштинської і Ладижинської ТЕС. Натомість Ладижинська ТЕС працює.")
    assert found == {"Ладижинська ТЕС": "organisation"}


@pytest.mark.parametrize(
    "text",
    [
        "Досвід Чемпіонату Кубку Ліги 2006 у Німеччині знадобився.",
        "Туроператори їдуть на виставку ІТВ 2011 у Німеччині.",
    ],
)
def test_a_name_that_runs_on_with_its_year_is_not_cut_into_tags(text: str) -> None:
    assert tags(text) == {"Німеччина": "place"}


def test_a_date_after_a_name_is_no_part_of_it() -> None:
    assert tags("Форум відбувся у Львові 2011 року.") == {"Львів": "place"}


def test_the_place_an_event_is_named_after_is_no_topic_there() -> None:
    assert tags("Підготовка до чемпіонату Європи 2012 року в Україні триває.") == {"Україна": "place"}
    assert tags("Фінал пройде в Європі, столиці Європи чекають.") == {"Європа": "place"}


def test_a_street_named_with_an_initial_is_an_address_not_a_person() -> None:
    assert tags("Склади у м. Київ, вул. І. Франка, 32, звільнили.") == {"Київ": "place"}


def test_an_indeclinable_body_after_an_organisation_belongs_to_its_name() -> None:
    found = tags("Лист Державного центру зайнятості Мінекономіки України надійшов.")
    assert found == {"Державний центр зайнятості Мінекономіки України": "organisation"}


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        (
            "Комітет звернеться до Міністерства регіонального розвитку, будівництва і ЖКГ з пропозицією.",
            "Міністерство регіонального розвитку, будівництва і ЖКГ",
        ),
        ("Лист надіслало Міністерство освіти, науки і спорту вчора.", "Міністерство освіти, науки і спорту"),
    ],
)
def test_an_official_name_lists_its_fields_with_commas(text: str, whole: str) -> None:
    assert tags(text) == {whole: "organisation"}


def test_a_comma_after_an_organisation_ends_it_when_no_list_of_its_fields_follows() -> None:
    assert tags("Він купив у Міністерства оборони, каски і бронежилети.") == {"Міністерство оборони": "organisation"}


def test_an_autonomous_republic_is_one_place_and_part_of_the_bodies_it_names() -> None:
    assert tags("Міністерство соціальної політики АР Крим уклало угоду.") == {
        "Міністерство соціальної політики АР Крим": "organisation"
    }
    assert tags("Тендер оголосили в АР Крим.") == {"АР Крим": "place"}


def test_a_facility_named_after_a_place_is_no_tag_of_that_place() -> None:
    assert tags("Обладнання для міжнародного аеропорту «Полтава» закупили.") == {}
    assert tags("Будують шахту №10 «Глибока» на Волині.") == {"Волинь": "place"}
    # capitalised, the facility's name is read whole
    assert tags("Обладнання для Міжнародного аеропорту «Полтава» закупили.") == {
        "Міжнародний аеропорт «Полтава»": "organisation"
    }


def test_a_long_quoted_title_without_a_verb_holds_no_names() -> None:
    text = (
        "Філія установи «Український інститут прогнозування та випробування техніки для "
        "сільськогосподарського виробництва ім. Л. Петренка» замовила добрива."
    )
    assert tags(text) == {}


def test_a_latin_company_in_lower_case_is_read_whole_to_its_legal_form() -> None:
    found = tags("Угоду уклали з фірмою «Jiangsu sunrise trading co., ltd» на суму.")
    assert found == {"Jiangsu sunrise trading co., ltd": "organisation"}
