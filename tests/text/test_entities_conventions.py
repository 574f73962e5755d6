"""Names read by the conventions of Ukrainian official and business writing (issue 22, fourth
round, each rule checked on the half of DEV it was not found on). Invented sentences only, never
text from the shared corpora: the whole name, and that its pieces are no tags."""

from __future__ import annotations

import pytest

from newsgen.text.entities import extract_entity_tags


def tags(*paragraphs: str) -> dict[str, str]:
    return {tag.name: tag.kind for tag in extract_entity_tags(list(paragraphs), limit=100, fill=100)}


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("Постанову Кабінету Міністрів України оскаржили в суді.", "Кабінет Міністрів України"),
        ("Рішення Кабінету міністрів оскаржили в суді.", "Кабінет міністрів"),
    ],
)
def test_the_cabinet_of_ministers_is_one_body_not_a_place_named_ministers(text: str, whole: str) -> None:
    assert tags(text) == {whole: "organisation"}


def test_a_cabinet_that_is_a_room_is_no_topic() -> None:
    assert tags("У кабінеті директора Петро Коваль підписав угоду.") == {"Петро Коваль": "person"}


@pytest.mark.parametrize(
    "text",
    [
        "Він вчився в університеті імені Тараса Шевченка і в ліцеї.",
        "Гроші отримав благодійний фонд ім. В. Петренка минулого року.",
        "Гроші отримав благодійний фонд ім. Петренка минулого року.",
    ],
)
def test_the_person_an_institution_is_named_after_is_no_topic(text: str) -> None:
    assert tags(text) == {}


def test_on_behalf_of_a_person_names_that_person() -> None:
    assert tags("Угоду підписали від імені Петра Коваля у Львові.") == {"Петро Коваль": "person", "Львів": "place"}


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("Скаргу подав громадянин Прасол А. Є. до суду.", "Прасол А. Є."),
        ("Позов до Януковича В. Ф. подали вчора.", "Янукович В. Ф."),
        ("Договір підписав В. І. Петренко минулого року.", "В. І. Петренко"),
    ],
)
def test_a_surname_keeps_the_initials_official_papers_give_it(text: str, whole: str) -> None:
    assert tags(text) == {whole: "person"}


def test_a_bare_surname_is_the_person_named_with_initials() -> None:
    found = tags("Договір підписав Петренко В. І. у березні.", "Петренко відмовився від коментарів.")
    assert found == {"Петренко В. І.": "person"}


def test_two_people_with_one_surname_and_other_initials_stay_two() -> None:
    found = tags("Заяви подали А. Б. Коваль і С. Д. Коваль.")
    assert found == {"А. Б. Коваль": "person", "С. Д. Коваль": "person"}


def test_initials_give_way_to_the_full_name_the_text_also_writes() -> None:
    found = tags("Михайло Підвисоцький очолив ДП.", "Наказ підписав Підвисоцький М. Т. у травні.")
    assert found == {"Михайло Підвисоцький": "person"}


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("Начальник управління Держгеокадастру у Волинській області звільнився.", "Держгеокадастр у Волинській області"),
        ("Дані надала Держреєстслужба Старокостянтинівського району минулого року.", "Держреєстслужба Старокостянтинівського району"),
    ],
)
def test_a_state_body_named_by_a_compound_runs_on_over_the_region_it_serves(text: str, whole: str) -> None:
    assert tags(text) == {whole: "organisation"}


def test_a_compound_on_state_that_names_no_body_is_no_organisation() -> None:
    assert tags("Гроші з Держбюджету отримала Держпраці.") == {"Держпраці": "organisation"}


@pytest.mark.parametrize(
    "text",
    [
        "Банк належить братам Сергію та Олександру Бурякам.",
        "Власниками фірми є Оксана і Олексій Кулагіни.",
        "Зустрілися Ірина й Олег Мельники.",
    ],
)
def test_a_family_named_by_two_first_names_gives_no_piece_of_it(text: str) -> None:
    assert tags(text) == {}


def test_two_people_named_in_full_stay_two_people() -> None:
    found = tags("Зустрілися Петро Коваль та Іван Мельник у Львові.")
    assert found == {"Петро Коваль": "person", "Іван Мельник": "person", "Львів": "place"}


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("Завод у Донецькій обл. закрили торік.", "Донецька область"),
        ("Село Луч (Луганська обл.) отримало гроші.", "Луганська область"),
        ("Школу в Бучанському р-ні відремонтували.", "Бучанський район"),
    ],
)
def test_an_abbreviated_region_is_the_region_not_its_city(text: str, whole: str) -> None:
    found = tags(text)
    assert found.get(whole) == "place"
    assert "Луганськ" not in found and "Донецьк" not in found


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("Акції має кіпрська компанія Каліндо Лімітед з Нікосії.", "Каліндо Лімітед"),
        ("Власником є Сопрема Трейдінг ЛТД з Лондона.", "Сопрема Трейдінг ЛТД"),
        ("Фірмою володіє Райнер Холдінгс Корп. з Белізу.", "Райнер Холдінгс Корп."),
        ("Власником є офшор «Ронтекс Інк.» з Белізу.", "Ронтекс Інк."),
        ("Власником є офшор «Редшир Солюшнз лтд.» з Белізу.", "Редшир Солюшнз лтд."),
    ],
)
def test_a_transliterated_company_is_read_whole_with_its_legal_form(text: str, whole: str) -> None:
    found = tags(text)
    assert found[whole] == "organisation"
    assert [name for name, kind in found.items() if kind != "place"] == [whole]  # no person "Калінда"


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("Дані Єдиного державного реєстру судових рішень свідчать про це.", "Єдиний державний реєстр судових рішень"),
        ("Справу внесли до Єдиного реєстру досудових розслідувань учора.", "Єдиний реєстр досудових розслідувань"),
    ],
)
def test_a_register_runs_on_over_what_it_registers(text: str, whole: str) -> None:
    assert tags(text) == {whole: "organisation"}


def test_a_register_opening_a_sentence_is_no_topic() -> None:
    assert tags("Реєстр містить дані про фірму.") == {}


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("Гроші виділило Держагенство з питань кіно минулого року.", "Держагенство з питань кіно"),
        (
            "Тендер провела Державна служба з питань геодезії, картографії та кадастру у травні.",
            "Державна служба з питань геодезії, картографії та кадастру",
        ),
        ("Заяву подали до Інспекції з питань захисту прав споживачів у травні.", "Інспекція з питань захисту прав споживачів"),
    ],
)
def test_a_body_runs_on_over_the_matters_its_name_states(text: str, whole: str) -> None:
    assert tags(text) == {whole: "organisation"}


def test_a_date_after_a_body_is_no_part_of_its_name() -> None:
    assert tags("Звіт підготував Інститут вивчення війни минулого року.") == {"Інститут вивчення війни": "organisation"}


def test_a_person_before_with_matters_takes_nothing() -> None:
    assert tags("Компанія Петра Коваля з питань не відповідає.") == {"Петро Коваль": "person"}


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Директором є Мельник Андрій Володимирович з Києва.", "Андрій Мельник"),  # a patronymic read as a noun
        ("Засновник Коваленко Ігор Васильович підписав.", "Ігор Коваленко"),  # a title opening the sentence
        ("Директор Олег Петрович Коваль прийшов.", "Олег Коваль"),  # first name first, after a title
        ("У часи президентства Віктора Януковича Євген Анісімов вважався впливовим.", "Віктор Янукович"),
        ("Про це йдеться в сюжеті Олесі Баранцевич про лікарню.", "Олеся Баранцевич"),  # surnames in -ич
    ],
)
def test_a_person_with_a_patronymic_is_one_person_in_either_order(text: str, person: str) -> None:
    found = tags(text)
    assert found[person] == "person"
    assert [name for name, kind in found.items() if kind == "person" and name != "Євген Анісімов"] == [person]


@pytest.mark.parametrize(
    "text",
    [
        "Позицію Комісара ЄС з питань розширення підтримали в Києві.",
        "Голова комітету Верховної Ради з питань охорони здоров'я виступив у Києві.",
    ],
)
def test_matters_stated_after_a_governing_head_are_no_part_of_the_body_it_governs(text: str) -> None:
    assert not [name for name in tags(text) if "з питань" in name]


def test_a_register_taken_from_another_body_does_not_run_on_into_it() -> None:
    found = tags("Після відокремлення відділу Державного реєстру речових прав з структури БТІ все змінилося.")
    assert found == {"Державний реєстр речових прав": "organisation", "БТІ": "organisation"}


def test_a_family_surname_met_alone_later_is_still_the_family() -> None:
    found = tags("Банк належить Сергію та Олександру Бурякам.", "Частку братів Буряків купив Петро Коваль.")
    assert found == {"Петро Коваль": "person"}


def test_one_of_a_family_named_in_full_later_is_that_person() -> None:
    found = tags("Фірма належить Петру та Ользі Коваленкам.", "Петро Коваленко її очолює.")
    assert found == {"Петро Коваленко": "person"}


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("Офіс орендують у ЖК «Новопечерські Липки» в Одесі.", "ЖК «Новопечерські Липки»"),
        ("Офіс у ТЦ «Глобус» закрили в Одесі.", "ТЦ «Глобус»"),
    ],
)
def test_a_building_abbreviation_is_part_of_the_quoted_name_after_it(text: str, whole: str) -> None:
    assert tags(text) == {whole: "place", "Одеса": "place"}


def test_a_building_abbreviation_alone_is_no_topic() -> None:
    assert tags("Офіс орендують в ЖК дружини Петра Коваля.") == {"Петро Коваль": "person"}


def test_a_ministry_does_not_take_in_the_quoted_enterprise_after_it() -> None:
    found = tags("Підприємство Міністерства оборони «Укрвійськбуд» збанкрутувало.", "«Укрвійськбуд» винне 5 млн.")
    assert "Міністерство оборони «Укрвійськбуд»" not in found
    assert "Укрвійськбуд" in found


def test_a_facility_still_takes_its_quoted_name() -> None:
    assert tags("Обладнання для Міжнародного аеропорту «Бориспіль» закупили.") == {
        "Міжнародний аеропорт «Бориспіль»": "organisation"
    }


@pytest.mark.parametrize(
    ("paragraphs", "name"),
    [
        (["Штраф отримало ТОВ «Спецмебліпостач».", "Суд стягнув зі «Спецмебліпостачу» 5 млн."], "Спецмебліпостач"),
        (["Тендер виграла «Укрреставрація» у травні.", "«Укрреставрації» заплатили 2 млн."], "Укрреставрація"),
    ],
)
def test_an_unknown_company_name_in_two_cases_is_one_topic(paragraphs: list[str], name: str) -> None:
    assert list(tags(*paragraphs)) == [name]


def test_two_companies_whose_names_share_a_start_stay_two() -> None:
    found = tags("Тендер виграла «Укрнафта», а «Укрнафтогаз» програв.")
    assert set(found) == {"Укрнафта", "Укрнафтогаз"}


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("Склад на вул. Промисловій продали торік.", "вулиця Промислова"),
        ("Будинок на вулиці Тарасівській продали торік.", "вулиця Тарасівська"),
        ("Офіс на проспекті Миру продали торік.", "проспект Миру"),  # a genitive name stays as written
    ],
)
def test_a_street_named_by_an_adjective_is_in_the_nominative(text: str, street: str) -> None:
    assert tags(text) == {street: "place"}


def test_a_bare_head_opening_a_sentence_does_not_run_on_into_a_street() -> None:
    assert tags("Компанія на вулиці Шевченка закрилася.") == {"вулиця Шевченка": "place"}


def test_an_address_with_its_building_number_is_no_topic() -> None:
    assert tags("Склад на вул. Промисловій, буд. 29 продали.") == {}


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Пожежі сталися у Київській, Житомирській та Полтавській областях.", "Полтавська область"),
        ("Ліси Фастівського та Васильківського районів горіли.", "Васильківський район"),
    ],
)
def test_the_last_of_listed_regions_is_a_region_not_a_surname(text: str, region: str) -> None:
    found = tags(text)
    assert found == {region: "place"}  # not "Полтавська" (a person), not "Васильківське"


def test_a_place_before_a_preposition_is_no_list() -> None:
    assert set(tags("Делегація прибула з Івано-Франківська до Нью-Йорка.")) == {"Івано-Франківськ", "Нью-Йорк"}


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Власниками фірми є Гайк Товмасян і його брат.", "Гайк Товмасян"),
        ("Компанію контролюють родичі Вагіфа Алієва з Баку.", "Вагіф Алієв"),
    ],
)
def test_a_first_name_the_dictionary_does_not_know_joins_the_surname_after_it(text: str, person: str) -> None:
    found = tags(text)
    assert found[person] == "person"
    assert not [name for name in found if name != person and name in person]  # no "Гайк", no "Алієв"


def test_a_known_word_before_a_surname_is_no_foreign_first_name() -> None:
    assert "Укрбуд Інвест" not in tags("Тендер виграла Укрбуд Інвест торік.")


def test_a_body_named_by_its_region_takes_the_region_whole() -> None:
    assert tags("Справу відкрила Прокуратура Херсонської області.") == {
        "Прокуратура Херсонської області": "organisation"
    }


def test_a_department_does_not_take_the_matters_of_the_service_it_belongs_to() -> None:
    found = tags("Запит надіслали до юридичного департаменту Державної служби з питань геодезії, картографії та кадастру.")
    assert found == {"Державна служба з питань геодезії, картографії та кадастру": "organisation"}


def test_a_secretariat_is_a_body_named_by_whom_it_serves() -> None:
    assert tags("Лист надіслав Секретаріат Кабміну вчора.") == {"Секретаріат Кабміну": "organisation"}


def test_a_fund_runs_on_over_what_it_develops() -> None:
    assert tags("Звіт подав Фонд з розвитку підприємництва торік.") == {"Фонд з розвитку підприємництва": "organisation"}


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("Раніше він очолював Державне управління справами.", "Державне управління справами"),
        ("Раніше він очолював Управління справами Апарату Верховної Ради.", "Управління справами Апарату Верховної Ради"),
    ],
)
def test_an_office_of_affairs_keeps_its_instrumental(text: str, whole: str) -> None:
    assert tags(text) == {whole: "organisation"}


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("Мінрегіон заплатить за Генеральну схему планування території України 800 тис.", "Генеральна схема планування території України"),
        ("Гроші виділили на Міську цільову програму розвитку електронного урядування минулого року.", "Міська цільова програма розвитку електронного урядування"),
        ("Доступ до Центральної бази даних закрили.", "Центральна база даних"),
    ],
)
def test_a_named_programme_or_system_runs_on_over_its_genitives_and_is_no_place(text: str, whole: str) -> None:
    found = tags(text)
    assert found[whole] == "topic"
    assert [name for name in found if name != whole and name in whole] == []


def test_a_family_in_russian_is_a_family_too() -> None:
    found = {t.name for t in extract_entity_tags(["Сергей и Ольга Ивановы купили квартиру в Москве."], "ru", 100, 100)}
    assert found == {"Москва"}
