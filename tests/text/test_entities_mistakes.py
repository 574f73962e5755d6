"""Each class of mistake the tagger made on real Ukrainian news (issue 22), pinned with
short invented sentences (never text from the shared corpora)."""

from __future__ import annotations

import pytest

from newsgen.text.entities import extract_entity_tags, tag_kind
from newsgen.text.paragraph import ParagraphReader


def names(*paragraphs: str) -> list[str]:
    return [tag.name for tag in extract_entity_tags(list(paragraphs), limit=100, fill=100)]


def kinds(*paragraphs: str) -> dict[str, str]:
    return {tag.name: tag.kind for tag in extract_entity_tags(list(paragraphs), limit=100, fill=100)}


def test_a_quoted_law_title_is_no_topic_and_nor_are_its_words() -> None:
    found = names("Рада ухвалила закон «Про внесення змін до Закону про Полтаву» у вівторок.")
    assert not {"Про", "Закон", "Полтава"} & set(found)


@pytest.mark.parametrize(
    "text",
    [
        "Закон набув чинності. Вчора Закон підписали.",
        "День видався теплим. Про це сказав Президент, а потім Міністр додав.",
        "Психолог радить відпочивати. Член комісії та Психолог погодилися.",
        "Алея веде до парку. Центральне опалення ввімкнуть.",
    ],
)
def test_common_nouns_and_job_titles_are_never_topics(text: str) -> None:
    assert names(text) == []


def test_months_are_never_topics() -> None:
    assert names("Травень був дощовим. Вибори призначили на Жовтень, а Травень минув.") == []


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("Делегація Російської Федерації поїхала додому.", "Російська Федерація"),
        ("У Сумській області відкрили школу.", "Сумська область"),
        ("Засідання Верховної Ради перенесли.", "Верховна Рада"),
        ("Гастролі театру «Мельпомену Таврії» скасували.", "Мельпомена Таврії"),
    ],
)
def test_adjective_and_noun_names_stay_whole_in_the_nominative(text: str, whole: str) -> None:
    found = names(text)
    assert whole in found
    for piece in whole.split():
        assert piece not in found


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Виставку привезли з Європи, а музеї Європи раді.", "Європа"),
        ("У Полтаві відкрили музей. Полтаві дали грант.", "Полтава"),
        ("На Хрещатику перекрили рух. Хрещатику повернуть дерева.", "Хрещатик"),
        ("Ярмарок у Львові триває. У Львові тепло.", "Львів"),
    ],
)
def test_places_in_oblique_cases_become_one_topic_in_dictionary_form(text: str, place: str) -> None:
    found = kinds(text)
    assert found.get(place) == "place"
    assert len(found) == 1, found  # no "Полтаві", no person "Львов"


def test_a_street_named_after_a_common_noun_gives_no_false_topic() -> None:
    found = names("Кав'ярня на проспекті Миру відкрилася. Проспект Миру прикрасили.")
    assert "Миро" not in found and "Мир" not in found


def test_a_person_is_one_tag_with_the_first_name_in_the_nominative() -> None:
    found = kinds("Рішення Петра Іваненка оскаржили. Петро Іваненко не коментує, Іваненко мовчить.")
    assert found == {"Петро Іваненко": "person"}


def test_a_bare_first_name_is_the_one_person_so_named() -> None:
    found = kinds("Олеся Гарбуз відкрила виставку. Олеся розповіла про картини, а гості слухали Олесю.")
    assert found == {"Олеся Гарбуз": "person"}


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Олеся Гарбуз відкрила виставку.", "Олеся Гарбуз"),  # a woman's surname does not inflect
        ("Слова Олеся Гарбуза почули всі.", "Олесь Гарбуз"),  # the man's does
    ],
)
def test_a_first_name_in_two_genders_takes_the_one_its_surname_agrees_with(text: str, person: str) -> None:
    assert names(text) == [person]


def test_a_first_name_that_is_also_a_city_is_the_person_the_text_names() -> None:
    # "Софія" alone reads as the city, unless the article names a Софія in full
    assert kinds("Софія Бондар виграла конкурс. Учні привітали Софію з перемогою.") == {"Софія Бондар": "person"}
    assert kinds("Делегація прибула до Софії. Софія зустріла її дощем.") == {"Софія": "place"}


def test_a_first_name_two_people_share_joins_neither() -> None:
    tags = scores("Олеся Гарбуз і Олеся Ткач відкрили виставку. Потім Олеся розповіла про картини.")
    assert tags["Олеся Гарбуз"] < 2 and tags["Олеся Ткач"] < 2  # each named once, neither given the bare one


def test_a_bare_first_name_joins_the_person_whose_name_it_is_not_one_like_it() -> None:
    tags = scores("Андрій Мельник і Андріана Коваль відкрили виставку. Потім Андріана розповіла про картини.")
    assert tags["Андріана Коваль"] >= 2 and tags["Андрій Мельник"] < 2


def test_an_abbreviation_is_no_first_name() -> None:
    # a Latin run read as a name ("SAP Deutschland AG") lends its first word to no abbreviation
    assert "SAP" in names("SAP Deutschland AG уклала угоду. SAP отримає доступ до даних. SAP мовчить.")


def scores(*paragraphs: str) -> dict[str, float]:
    return {tag.name: tag.score for tag in extract_entity_tags(list(paragraphs), limit=100, fill=100)}


def test_name_patronymic_surname_is_one_person_in_either_order() -> None:
    assert names("Договір підписав Коваль Андрій Петрович.") == ["Андрій Коваль"]
    assert names("Договір підписав Андрій Петрович Коваль.") == ["Андрій Коваль"]


@pytest.mark.parametrize(
    ("text", "organisation"),
    [
        ("Агентство «Сонях» подало позов.", "Сонях"),
        ("Державна служба з питань праці перевірила завод. Державна служба з питань праці звітує.", None),
        ("Позов розглянув Господарський суд Полтавської області.", "Господарський суд Полтавської області"),
        ("Наказ видало Міністерство молоді та спорту України.", "Міністерство молоді та спорту України"),
        ("ТОВ «Керуюча компанія «Дельта» виграло тендер.", "Керуюча компанія «Дельта»"),
    ],
)
def test_organisations_are_not_cut_short(text: str, organisation: str | None) -> None:
    found = names(text)
    for stub in ("Агентство", "Державна служба", "Державний фонд", "ТОВ", "Господарський суд"):
        assert stub not in found
    if organisation:
        assert organisation in found


def test_quoted_names_take_the_nominative() -> None:
    assert names("Про це пише «Віснику закупівель», а в «Укрводоканалу» мовчать.") == [
        "Вісник закупівель", "Укрводоканал",
    ]  # fmt: skip


def test_a_quotation_opening_with_a_capital_is_no_name() -> None:
    assert names("«Мир настане», – сказав він. «Дякуємо всім», – додала вона.") == []


def test_identifiers_are_no_names() -> None:
    assert names("Змінна NEWSGEN_HOME та My_Path лежать у Полтаві.") == ["Полтава"]


def test_only_salient_names_become_tags_at_most_the_limit() -> None:
    lead = "Мер Полтави Ігор Левченко відкрив міст через Ворсклу."
    body = ["Міст будували десять років.", "Гроші дала Полтава, а проєкт робили в Харкові."]
    tags = [t.name for t in extract_entity_tags([lead, *body])]
    assert "Харків" not in tags  # once, far from the lead: a detail
    assert {"Полтава", "Ігор Левченко"} <= set(tags)


def test_an_unknown_quoted_company_name_is_a_name_not_a_title() -> None:
    assert names("Тендер виграло ТОВ «Сонцемебліпостач», а не інші.") == ["Сонцемебліпостач"]


def test_two_adjectives_before_the_noun_stay_with_it() -> None:
    assert names("Закупівлю провела Полтавська виправна колонія вчора.") == ["Полтавська виправна колонія"]


def test_an_organisation_keeps_the_quoted_name_that_follows_it() -> None:
    assert names("Рейси скасував Міжнародний аеропорт «Ромашка» вчора.") == ["Міжнародний аеропорт «Ромашка»"]
    assert names("Звіт оприлюднила компанія «Ромашка» вчора.") == ["Ромашка"]  # a bare generic word stays out


def test_legal_forms_in_mixed_case_and_bare_generic_heads_are_no_tags() -> None:
    found = names("Договір уклали ПрАТ і ТзОВ, а Дирекція та Агентство погодили. Дирекція мовчить.")
    assert found == []


def test_a_first_name_alone_is_read_in_the_nominative_not_the_vocative() -> None:
    assert names("Петро прийшов на збори. Петро виступив першим.") == ["Петро"]


def _mention_keys(text: str) -> set[str]:
    return {mention.found.key for mention in ParagraphReader(text, "uk", 0, 1).mentions()}


def test_a_common_noun_opening_a_sentence_takes_no_genitive_name() -> None:
    # it could not be a tag there (a capital at a sentence start proves nothing), so its
    # genitives are not read: "Частина коштів піде …" is no name "Частина коштів"
    assert "частина коштів" not in _mention_keys("Частина коштів піде на ремонт школи.")
    assert "революція гідності" in _mention_keys("Він згадав події Революції гідності.")


@pytest.mark.parametrize(
    ("text", "organisation"),
    [
        ("Позов подав Мін'юст. Адвокати заявили, що Мін'юст помиляється.", "Мін'юст"),
        ("Рішення ухвалила Київрада, і депутати Київради проголосували.", "Київрада"),
        ("Перевезення забезпечить Укрзалізниця, повідомили в Укрзалізниці.", "Укрзалізниця"),
        ("Договір з «Харківобленерго» підписали, а «Харківобленерго» погодилось.", "Харківобленерго"),
        ("Пасажирів попередив Київський метрополітен.", "Київський метрополітен"),
        ("Депутат від Опозиційного блоку виступив.", "Опозиційний блок"),
        # a legal form tells once; a later bare «Зоряниці» tells nothing and does not outvote it
        ("Суд стягнув з ПП «Зоряниця» борг, і керівник «Зоряниці» погодився.", "Зоряниця"),
    ],
)
def test_bodies_and_companies_are_organisations_not_places_or_topics(text: str, organisation: str) -> None:
    # the tag index lists tags under their kind: a ministry among places misleads
    assert kinds(text) == {organisation: "organisation"}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Делегація прибула до Мінська, у Мінську тривають переговори.", {"Мінськ": "place"}),
        ("Україна і Польща домовилися, що Україна отримає зброю.", {"Україна": "place", "Польща": "place"}),
        ("Вчора Мінус на табло побачили всі. Сміливо Міністр заявив.", {}),
    ],
)
def test_words_that_only_open_like_a_ministry_or_a_company_keep_their_kind(text: str, found: dict[str, str]) -> None:
    assert kinds(text) == found


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Учасники Паралімпійських ігор прибули до Києва.", "Паралімпійські ігри", "topic"),
        ("Кабмін затвердив Національний план. Національний план запрацює.", "Національний план", "topic"),
        # a kind of place written in lower case, or a capitalised name proper, is a place
        ("Кораблі увійшли в Чорне море.", "Чорне море", "place"),
        ("Пляжі на Віргінських островах закрили.", "Віргінські острови", "place"),
        ("У Софіївській Борщагівці відкрили школу.", "Софіївська Борщагівка", "place"),
        ("Заяву оприлюднив Меджліс кримськотатарського народу.", "Меджліс кримськотатарського народу", "organisation"),
        ("Рішення ухвалила Генеральна конференція ЮНЕСКО.", "Генеральна конференція ЮНЕСКО", "organisation"),
    ],
)
def test_an_adjective_and_a_common_noun_name_a_place_only_if_the_noun_is_a_kind_of_place(
    text: str, name: str, kind: str
) -> None:
    assert kinds(text).get(name) == kind


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # "Різдва" may be a plural nominative too; after "до" it is one festival's genitive
        ("Гості прийшли до «Різдва в гаю». На «Різдві в гаю» було людно.", "Різдво в гаю"),
        ("Депутати з «Слуги народу» проголосували. У «Слузі народу» це заперечують.", "Слуга народу"),
    ],
)
def test_a_quoted_name_after_a_preposition_takes_the_case_it_governs(text: str, name: str) -> None:
    assert names(text) == [name]


def test_a_quoted_plural_name_stays_plural() -> None:
    assert names("Вболівальники поїхали до «Карпат». «Карпати» перемогли.") == ["Карпати"]


def test_a_body_name_does_not_run_on_over_a_website() -> None:
    found = names(
        "Заяву подають у Кабінеті адміністративних послуг на офіційному сайті Державної реєстраційної служби України."
    )
    assert set(found) == {"Кабінет адміністративних послуг", "Державна реєстраційна служба України"}


@pytest.mark.parametrize("tag", ["Нафтогаз", "Укренерго", "Київрада", "Генпрокуратура", "Приватбанк", "Мінфін"])
def test_an_authors_tag_naming_a_body_or_company_is_an_organisation(tag: str) -> None:
    assert tag_kind(tag) == "organisation"


@pytest.mark.parametrize("tag", ["Естрада", "Автосервіс", "Довгобуд", "Біогаз", "Міннесота", "Мінування", "Україна"])
def test_common_nouns_and_places_that_end_or_open_like_a_company_are_no_organisations(tag: str) -> None:
    assert tag_kind(tag) != "organisation"
