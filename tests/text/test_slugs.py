"""Slugs: the Ukrainian national transliteration (KMU No. 55, 2010), Russian, Latin, URLs."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsgen.text.slugs import disambiguate_slugs, fold_latin, slugify, transliterate

# Every letter of the Ukrainian alphabet: (letter, at the start of a word, inside a word).
ALPHABET_TABLE = [
    ("А", "A", "a"), ("Б", "B", "b"), ("В", "V", "v"), ("Г", "H", "h"), ("Ґ", "G", "g"),
    ("Д", "D", "d"), ("Е", "E", "e"), ("Є", "Ye", "ie"), ("Ж", "Zh", "zh"), ("З", "Z", "z"),
    ("И", "Y", "y"), ("І", "I", "i"), ("Ї", "Yi", "i"), ("Й", "Y", "i"), ("К", "K", "k"),
    ("Л", "L", "l"), ("М", "M", "m"), ("Н", "N", "n"), ("О", "O", "o"), ("П", "P", "p"),
    ("Р", "R", "r"), ("С", "S", "s"), ("Т", "T", "t"), ("У", "U", "u"), ("Ф", "F", "f"),
    ("Х", "Kh", "kh"), ("Ц", "Ts", "ts"), ("Ч", "Ch", "ch"), ("Ш", "Sh", "sh"),
    ("Щ", "Shch", "shch"), ("Ь", "", ""), ("Ю", "Yu", "iu"), ("Я", "Ya", "ia"),
]  # fmt: skip

# The examples printed in the resolution itself.
OFFICIAL_EXAMPLES = [
    ("Алушта", "Alushta"), ("Андрій", "Andrii"), ("Борщагівка", "Borshchahivka"),
    ("Вінниця", "Vinnytsia"), ("Гадяч", "Hadiach"), ("Згорани", "Zghorany"),
    ("Ґалаґан", "Galagan"), ("Донецьк", "Donetsk"), ("Рівне", "Rivne"),
    ("Євгенія", "Yevheniia"), ("Короп’є", "Koropie"), ("Житомир", "Zhytomyr"),
    ("Закарпаття", "Zakarpattia"), ("Медвин", "Medvyn"), ("Іршава", "Irshava"),
    ("Їжакевич", "Yizhakevych"), ("Кадіївка", "Kadiivka"), ("Йосипівка", "Yosypivka"),
    ("Стрий", "Stryi"), ("Олексій", "Oleksii"), ("Київ", "Kyiv"), ("Лебедин", "Lebedyn"),
    ("Миколаїв", "Mykolaiv"), ("Ніжин", "Nizhyn"), ("Одеса", "Odesa"), ("Полтава", "Poltava"),
    ("Ромни", "Romny"), ("Суми", "Sumy"), ("Тетерів", "Teteriv"), ("Ужгород", "Uzhhorod"),
    ("Фастів", "Fastiv"), ("Харків", "Kharkiv"), ("Біла Церква", "Bila Tserkva"),
    ("Чернівці", "Chernivtsi"), ("Шостка", "Shostka"), ("Гоща", "Hoshcha"), ("Русь", "Rus"),
    ("Юрій", "Yurii"), ("Крюківка", "Kriukivka"), ("Яготин", "Yahotyn"), ("Ічня", "Ichnia"),
    ("Знам’янка", "Znamianka"),
    # and the examples this project's issue names
    ("Згурський", "Zghurskyi"), ("Щербухи", "Shcherbukhy"), ("Короп'є", "Koropie"),
]  # fmt: skip

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def test_alphabet_table_covers_all_33_letters() -> None:
    letters = "".join(letter for letter, _, _ in ALPHABET_TABLE)
    assert letters == "АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯ"
    assert len(letters) == 33


@pytest.mark.parametrize(("letter", "initial", "inside"), ALPHABET_TABLE)
def test_each_letter_at_the_start_of_a_word(letter: str, initial: str, inside: str) -> None:
    assert transliterate(letter) == initial
    assert transliterate(letter.lower()) == initial.lower()
    assert transliterate(f"{letter.lower()}а") == f"{initial.lower()}a"


@pytest.mark.parametrize(("letter", "initial", "inside"), ALPHABET_TABLE)
def test_each_letter_inside_a_word(letter: str, initial: str, inside: str) -> None:
    assert transliterate(f"а{letter.lower()}") == f"a{inside}"
    assert transliterate(f"А{letter}") == f"A{inside.upper()}"


@pytest.mark.parametrize(("cyrillic", "latin"), OFFICIAL_EXAMPLES)
def test_official_examples(cyrillic: str, latin: str) -> None:
    assert transliterate(cyrillic) == latin


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Єнакієве", "Yenakiieve"),  # Є first, then є inside
        ("Гаї Їжаки", "Hai Yizhaky"),  # each word starts anew
        ("Йорданія Гайворон", "Yordaniia Haivoron"),
        ("«Юрій»", "«Yurii»"),  # a quote mark is not a letter: Ю still starts a word
        ("Ярослав-Яків", "Yaroslav-Yakiv"),  # a hyphen starts a new word
        ("п’ять", "piat"),  # the apostrophe is dropped and є/я stay "inside"
        ("пʼять", "piat"),
        ("п'ять", "piat"),
        ("Згода і розгляд", "Zghoda i rozghliad"),  # зг inside words too
        ("з Гаврилом", "z Havrylom"),  # not across words
        ("Льві ньо", "Lvi no"),  # the soft sign is dropped
    ],
)
def test_position_rules(text: str, expected: str) -> None:
    assert transliterate(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ЩО", "SHCHO"),
        ("ЗГОДА", "ZGHODA"),
        ("ЮЛІЯ", "YULIIA"),
        ("НАТО", "NATO"),
        ("Щука", "Shchuka"),
    ],
)
def test_case_is_preserved_in_capitals_and_title_case(text: str, expected: str) -> None:
    assert transliterate(text) == expected


def test_latin_digits_and_punctuation_pass_through() -> None:
    assert transliterate("ISW, 2022 рік!") == "ISW, 2022 rik!"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Щёлково", "Shchelkovo"),
        ("Объединённый", "Obedinennyi"),
        ("Эрмитаж", "Ermitazh"),
        ("Выборг", "Vyborg"),
        ("Юрий Гагарин", "Iurii Gagarin"),
        ("Царское Село", "Tsarskoe Selo"),
        ("Хабаровск", "Khabarovsk"),
    ],
)
def test_russian_scheme(text: str, expected: str) -> None:
    assert transliterate(text, "ru") == expected


def test_russian_letters_in_ukrainian_text_do_not_vanish() -> None:
    assert transliterate("Подъём", "uk") == "Podem"


def test_fold_latin_drops_diacritics_only_from_latin() -> None:
    assert fold_latin("Süddeutsche Łódź Straße Ærø café") == "Suddeutsche Lodz Strasse AEro cafe"
    assert fold_latin("Київ") == "Київ"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Генеральний секретар НАТО Марк Рютте", "heneralnyi-sekretar-nato-mark-riutte"),
        ("Süddeutsche Zeitung", "suddeutsche-zeitung"),
        ("В інтерв’ю виданню", "v-interviu-vydanniu"),
        ("  «Нафтогаз» — 2026: план!  ", "naftohaz-2026-plan"),
        ("O'Brien's café", "obriens-cafe"),
    ],
)
def test_slugify_translit(text: str, expected: str) -> None:
    assert slugify(text) == expected


def test_slugify_cuts_at_a_word_boundary() -> None:
    title = "Генеральний секретар НАТО Марк Рютте заявив, що підтримує будь-які ініціативи"
    slug = slugify(title, max_length=60)
    assert slug == "heneralnyi-sekretar-nato-mark-riutte-zaiavyv-shcho"
    assert len(slug) <= 60
    assert slugify(title, max_length=30) == "heneralnyi-sekretar-nato-mark"


def test_slugify_cuts_a_single_overlong_word_hard() -> None:
    assert slugify("а" * 100, max_length=60) == "a" * 60


def test_slugify_russian_uses_the_russian_scheme_but_ascii_the_ukrainian() -> None:
    assert slugify("Генеральный секретарь", lang="ru") == "generalnyi-sekretar"
    assert slugify("Генеральный секретарь", lang="ru", style="ascii") == "heneralnyi-sekretar"


def test_slugify_ascii_is_never_empty_for_cyrillic() -> None:
    assert slugify("Їжак", style="ascii") == "yizhak"


def test_slugify_unicode_keeps_letters_of_any_script() -> None:
    assert slugify("Генеральний секретар НАТО: «Рютте»!", style="unicode") == (
        "генеральний-секретар-нато-рютте"
    )
    assert slugify("Süddeutsche Zeitung", style="unicode") == "süddeutsche-zeitung"


def test_slugify_returns_empty_for_no_letters() -> None:
    assert slugify("«…» — !") == ""


def test_slugify_rejects_unknown_style() -> None:
    with pytest.raises(ValueError, match="slug style"):
        slugify("x", style="fancy")


@given(st.text(max_size=200), st.sampled_from(["translit", "ascii"]), st.integers(1, 80))
def test_slugify_output_is_always_url_safe(text: str, style: str, max_length: int) -> None:
    slug = slugify(text, style=style, max_length=max_length)
    assert slug == "" or SLUG_RE.match(slug)
    assert len(slug) <= max_length


@given(st.text(max_size=200), st.integers(1, 80))
def test_slugify_unicode_has_no_punctuation_or_spaces(text: str, max_length: int) -> None:
    slug = slugify(text, style="unicode", max_length=max_length)
    assert len(slug) <= max_length
    assert not slug.startswith("-") and not slug.endswith("-")
    assert all(c.isalnum() or c == "-" for c in slug)


def test_disambiguate_leaves_unique_slugs_alone() -> None:
    assert disambiguate_slugs(["a", "b"], ["2", "1"]) == ["a", "b"]


def test_disambiguate_orders_collisions_by_key() -> None:
    slugs = ["zustrich", "zustrich", "zustrich", "inshe"]
    keys = ["c", "a", "b", "z"]
    assert disambiguate_slugs(slugs, keys) == ["zustrich-3", "zustrich", "zustrich-2", "inshe"]


def test_disambiguate_is_independent_of_input_order() -> None:
    items = [("s", "k1"), ("s", "k2"), ("s", "k3"), ("t", "k4")]
    expected = {("s", "k1"): "s", ("s", "k2"): "s-2", ("s", "k3"): "s-3", ("t", "k4"): "t"}
    for order in itertools.permutations(items):
        result = disambiguate_slugs([s for s, _ in order], [k for _, k in order])
        assert {item: slug for item, slug in zip(order, result, strict=True)} == expected


def test_disambiguate_never_lands_on_a_taken_slug() -> None:
    result = disambiguate_slugs(["a", "a", "a-2"], ["1", "2", "3"])
    assert result == ["a", "a-3", "a-2"]
    assert len(set(result)) == 3


def test_disambiguate_needs_one_key_per_slug() -> None:
    with pytest.raises(ValueError):
        disambiguate_slugs(["a"], [])
