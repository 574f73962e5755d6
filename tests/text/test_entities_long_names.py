"""Names kept whole where real news writes them long (issue 22, second round): abbreviation
chains, offices with the region they serve, numbered bodies, abbreviations before quoted
names, adjective-like and noun-like surnames, streets and addresses, districts, codes.
Each class is pinned with invented sentences (never text from the shared corpora), with
what must stay apart beside what must be joined."""

from __future__ import annotations

import pytest

from newsgen.text.entities import extract_entity_tags


def tags(text: str) -> dict[str, str]:
    return {tag.name: tag.kind for tag in extract_entity_tags([text], limit=100, fill=100)}


def assert_whole(text: str, whole: str, kind: str) -> None:
    found = tags(text)
    assert found == {whole: kind}, found


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("Штраф наклало Полтавське ОТВ АМКУ минулого тижня.", "Полтавське ОТВ АМКУ"),
        ("Паркан поставили біля ОТЦ СБУ ще взимку.", "ОТЦ СБУ"),
        ("Висновок Рівненського відділення АМКУ оскаржили в суді.", "Рівненське відділення АМКУ"),
        ("Засідання Ради Безпеки ООН перенесли.", "Рада Безпеки ООН"),
    ],
)
def test_an_abbreviation_after_an_organisation_belongs_to_its_name(text: str, whole: str) -> None:
    assert_whole(text, whole, "organisation")


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        (
            "Тендер оголосила Служба автомобільних доріг у Волинській області вчора.",
            "Служба автомобільних доріг у Волинській області",
        ),
        ("Лист надіслала ДПІ у Дарницькому районі.", "ДПІ у Дарницькому районі"),
        ("Закупівлю провело ГУ ДФС у м. Києві наприкінці року.", "ГУ ДФС у м. Києві"),
        ("Справу веде Білоцерківська місцева прокуратура №2 з весни.", "Білоцерківська місцева прокуратура №2"),
    ],
)
def test_an_office_keeps_the_region_it_serves_and_its_number(text: str, whole: str) -> None:
    assert_whole(text, whole, "organisation")


def test_a_city_after_an_organisation_is_no_region_it_serves() -> None:
    assert tags("Делегація НАТО у Вільнюсі зібралася вчора.") == {"НАТО": "organisation", "Вільнюс": "place"}


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("Підрядником стало ОКП «Світанок» у березні.", "ОКП «Світанок»"),
        ("Фірма ТОВ ТК «Обрій» виграла торги.", "ТК «Обрій»"),
        (
            "Договір з ТОВ «Українсько-литовське підприємство з іноземними інвестиціями «Бурштин» підписали.",
            "Українсько-литовське підприємство з іноземними інвестиціями «Бурштин»",
        ),
    ],
)
def test_an_abbreviation_before_a_quoted_name_is_part_of_it(text: str, whole: str) -> None:
    assert_whole(text, whole, "organisation")


def test_a_legal_form_before_a_quoted_name_is_not() -> None:
    assert tags("Компанія ТОВ «Дельта» виграла торги.") == {"Дельта": "organisation"}


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Партнером Андрія Дубовецького стала фірма.", "Андрій Дубовецький"),
        ("Партнером Петра Ясенового стала фірма.", "Петро Ясеновий"),
        ("Про це йдеться у сюжеті Надії Камінь на телеканалі.", "Надія Камінь"),
        ("Договір підписала ФОП Перебийніс Оксані Петрівні минулого року.", "Оксана Перебийніс"),
    ],
)
def test_a_first_name_and_a_surname_the_dictionary_reads_otherwise_are_one_person(text: str, person: str) -> None:
    assert_whole(text, person, "person")


@pytest.mark.parametrize(
    "text",
    [
        "Засідання Ради Безпеки ООН перенесли.",  # Рада is a first name too
        "Договір підписала Оксана Петрівна вчора.",  # a patronymic is no surname
    ],
)
def test_no_person_is_made_of_a_body_or_a_patronymic(text: str) -> None:
    assert "person" not in tags(text).values() or tags(text) == {"Оксана": "person"}


@pytest.mark.parametrize(
    "text",
    [
        "Кафе відкрили на вул. Липова, 14 минулої осені.",
        "Кав'ярню відкрили в Голосіївському проспекті, 12 навесні.",
    ],
)
def test_an_address_is_no_topic(text: str) -> None:
    assert tags(text) == {}


def test_a_street_named_after_a_person_is_a_street() -> None:
    assert tags("Будинок на вулиці Миколи Лисенка знесли.") == {"вулиця Миколи Лисенка": "place"}


@pytest.mark.parametrize(
    ("text", "whole", "kind"),
    [
        ("Ремонт триває в Голосіївському районі Києва.", "Голосіївський район Києва", "place"),
        ("Норми Митного кодексу України змінили.", "Митний кодекс України", "topic"),
        ("Пожежа сталася в Івано- Франківській області.", "Івано-Франківська область", "place"),
        (
            "Справу веде Дарницька міжрайонна державна податкова інспекція Києва.",
            "Дарницька міжрайонна державна податкова інспекція Києва",
            "organisation",
        ),
        (
            "Вчора Головне Управління житлового будівництва Полтавської облдержадміністрації уклало договір.",
            "Головне Управління житлового будівництва Полтавської облдержадміністрації",
            "organisation",
        ),
    ],
)
def test_districts_codes_and_long_official_names_stay_whole(text: str, whole: str, kind: str) -> None:
    assert_whole(text, whole, kind)


def test_a_long_official_name_opening_a_sentence_is_a_name() -> None:
    assert tags("Управління МВС України в Полтавській області повідомило.") == {
        "Управління МВС України в Полтавській області": "organisation"
    }


def test_a_plural_common_phrase_opening_a_sentence_is_no_name() -> None:
    assert tags("Громадські організації Франції протестують.") == {}
