"""Derived headlines and summaries: readable clauses, whole words, honest ellipses."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsgen.text.headline import derive_headline, derive_summary, split_sentences

LONG_SENTENCES = [
    # the sample seed's first sentence
    "Генеральний секретар НАТО Марк Рютте заявив, що підтримує будь-які ініціативи, які можуть "
    "сприяти швидшому завершенню війни Росії проти України, зокрема й можливі дипломатичні "
    "контакти з Москвою. Про це він сказав під час пресконференції.",
    "Президент України Володимир Зеленський провів телефонну розмову з прем’єр-міністром Великої "
    "Британії Кіром Стармером та обговорив посилення протиповітряної оборони українських міст.",
    "Уночі російські війська атакували енергетичну інфраструктуру Харківщини, Сумщини та "
    "Дніпропетровщини ударними безпілотниками і крилатими ракетами, повідомили в Повітряних силах.",
    "Верховна Рада ухвалила в першому читанні законопроєкт про реформування системи соціальних "
    "виплат внутрішньо переміщеним особам, за який проголосували 256 народних депутатів.",
    "«Ми знаємо, що кожен день затримки коштує життів наших людей, тому просимо партнерів "
    "пришвидшити постачання систем протиповітряної оборони», – сказав міністр оборони.",
    "Кабінет Міністрів України затвердив порядок компенсації вартості зруйнованого житла для "
    "мешканців прифронтових громад Запорізької, Херсонської та Донецької областей",
    "European leaders who fear Russia's military ambitions are angry that they were left out of "
    "the peace talks led by the administration of US President Donald Trump, officials said.",
]
DANGLING_ENDINGS = (",", "–", "—", ":", ";", "-", " ")


def assert_readable(sentence: str, headline: str, max_length: int) -> None:
    assert 0 < len(headline) <= max_length
    core = headline.removesuffix("»").removesuffix("…")
    assert sentence.startswith(core), "a headline is the start of its sentence"
    following = sentence[len(core) : len(core) + 1]
    assert following in ("", " ", ",", ".", ";", ":", "!", "?", "»"), "never cut mid-word"
    assert not core.endswith(DANGLING_ENDINGS)
    last_word = core.rsplit(" ", 1)[-1].lower()
    assert last_word not in {"в", "у", "з", "із", "на", "до", "про", "проти", "та", "і", "що"}


@pytest.mark.parametrize("text", LONG_SENTENCES)
@pytest.mark.parametrize("max_length", [110, 80, 60])
def test_long_first_sentences_are_shortened_readably(text: str, max_length: int) -> None:
    headline = derive_headline(text, max_length=max_length)
    first = split_sentences(text)[0]
    assert_readable(first, headline, max_length)
    assert headline.endswith(("…", "…»")), "an ellipsis marks a shortened headline"


def test_the_sample_headline_is_a_clause(seed_paragraphs: list[str]) -> None:
    headline = derive_headline(seed_paragraphs[0])
    assert headline == (
        "Генеральний секретар НАТО Марк Рютте заявив, що підтримує будь-які ініціативи…"
    )


def test_the_sample_headline_from_the_whole_body(seed_paragraphs: list[str]) -> None:
    assert derive_headline("\n\n".join(seed_paragraphs)) == derive_headline(seed_paragraphs[0])


def test_a_short_sentence_is_kept_whole_without_its_full_stop() -> None:
    assert derive_headline("Рютте зустрівся з Макроном. Далі була вечеря.") == (
        "Рютте зустрівся з Макроном"
    )


def test_no_ellipsis_when_nothing_was_cut() -> None:
    text = "У Брюсселі відбулася зустріч міністрів оборони країн НАТО"
    assert derive_headline(text) == text


def test_questions_and_exclamations_keep_their_mark() -> None:
    assert derive_headline("Чи буде перемир’я? Експерти сумніваються.") == "Чи буде перемир’я?"


def test_a_quoted_headline_closes_its_quotes() -> None:
    headline = derive_headline(LONG_SENTENCES[4], max_length=80)
    assert headline.startswith("«") and headline.endswith("…»")
    assert len(headline) <= 80


def test_a_clause_too_short_to_read_falls_back_to_words() -> None:
    text = "Він сказав, що " + "дуже " * 40 + "довго."
    headline = derive_headline(text, max_length=110)
    assert len(headline) > 60, "not cut back to 'Він сказав…'"
    assert_readable(split_sentences(text)[0], headline, 110)


def test_a_single_enormous_word_is_cut_hard() -> None:
    headline = derive_headline("А" * 300)
    assert headline == "А" * 109 + "…"


@given(st.text(min_size=1, max_size=400).filter(lambda t: t.strip()))
def test_never_empty_and_never_too_long(text: str) -> None:
    headline = derive_headline(text)
    assert headline
    assert len(headline) <= 110


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "В. Путін заявив, що м. Київ — столиця. Далі ще речення.",
            ["В. Путін заявив, що м. Київ — столиця.", "Далі ще речення."],
        ),
        (
            "Так зв. «мирний план» т. зв. сторін не діє… Але що далі?» – запитав він. Кінець!",
            [
                "Так зв. «мирний план» т. зв. сторін не діє…",
                "Але що далі?» – запитав він.",
                "Кінець!",
            ],
        ),
        (
            "The U.S. President met Dr. Smith on Monday. They talked.",
            ["The U.S. President met Dr. Smith on Monday.", "They talked."],
        ),
        (
            "«Я думаю, що так. І я знаю це», – сказав Рютте. Генсек також зазначив.",
            ["«Я думаю, що так.", "І я знаю це», – сказав Рютте.", "Генсек також зазначив."],
        ),
        (
            "Ціна зросла на 5 %. 2026 рік буде важким.",
            ["Ціна зросла на 5 %.", "2026 рік буде важким."],
        ),
        ("Рішення ухвалено.» Далі", ["Рішення ухвалено.»", "Далі"]),
        ("  Пробіли\n  всередині.  ", ["Пробіли всередині."]),
        ("", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_summary_keeps_whole_sentences(seed_paragraphs: list[str]) -> None:
    summary = derive_summary(seed_paragraphs[0])
    assert summary == split_sentences(seed_paragraphs[0])[0]
    assert len(summary) <= 300


def test_summary_takes_as_many_sentences_as_fit() -> None:
    paragraph = "Перше речення. Друге речення. " + "Третє дуже довге речення. " * 20
    assert (
        derive_summary(paragraph, max_length=60)
        == "Перше речення. Друге речення. Третє дуже довге речення."
    )


def test_summary_cuts_an_overlong_first_sentence_at_a_word() -> None:
    paragraph = "Слово " * 100 + "кінець."
    summary = derive_summary(paragraph, max_length=300)
    assert summary.endswith("Слово…")
    assert len(summary) <= 300


def test_summary_of_nothing_is_empty() -> None:
    assert derive_summary("   ") == ""


def test_a_cut_does_not_end_inside_a_name() -> None:
    headline = derive_headline(LONG_SENTENCES[1])
    assert "Кіром" not in headline
    assert headline == (
        "Президент України Володимир Зеленський провів телефонну розмову з прем’єр-міністром…"
    )


def test_a_trailing_colon_or_dash_is_dropped() -> None:
    assert derive_headline("Заява МЗС України:") == "Заява МЗС України"
    assert derive_headline("Що відомо про нову атаку —") == "Що відомо про нову атаку"


def test_summary_closes_quotes_within_its_limit() -> None:
    paragraph = "«Ми готові. Ми чекаємо на відповідь партнерів найближчим часом», – сказав він."
    summary = derive_summary(paragraph, max_length=12)
    assert summary == "«Ми готові.»"
    assert len(summary) <= 12


# --- The lead: headline and card summary together (invented text) ---------------------

from newsgen.text.headline import derive_lead  # noqa: E402


def test_a_title_line_is_the_headline_and_the_summary_starts_after_it() -> None:
    lead = derive_lead(["Полтава отримала новий міст", "Міст відкрили вчора. Його будували роками."])
    assert lead.title_line and lead.headline == "Полтава отримала новий міст"
    assert lead.summary == "Міст відкрили вчора. Його будували роками."


@pytest.mark.parametrize(
    "paragraph",
    ["Полтава отримала новий міст.", "Полтава отримала новий міст, а Суми — ні:"],
)
def test_a_sentence_with_a_full_stop_is_no_title_line(paragraph: str) -> None:
    assert not derive_lead([paragraph, "Міст відкрили вчора."]).title_line


@pytest.mark.parametrize(
    "opener",
    ["Разом з тим, ціни зросли.", "Зокрема, ціни зросли.", "Нагадаємо, що ціни зросли.",
     "Також ціни зросли вдвічі.", "Міф 2."],
)  # fmt: skip
def test_a_continuing_or_fragmentary_sentence_is_never_the_headline(opener: str) -> None:
    lead = derive_lead([f"{opener} Уряд Полтави ухвалив новий бюджет. Депутати голосували довго."])
    assert lead.headline == "Уряд Полтави ухвалив новий бюджет"
    assert lead.summary == "Депутати голосували довго."


def test_a_long_sentence_is_cut_at_a_clause_without_an_ellipsis_and_the_card_goes_on() -> None:
    sentence = (
        "Міська рада Полтави ухвалила програму ремонту мостів через Ворсклу, яка коштуватиме "
        "місту понад сто мільйонів гривень упродовж наступних трьох років."
    )
    lead = derive_lead([sentence + " Роботи почнуться навесні."])
    assert lead.headline == "Міська рада Полтави ухвалила програму ремонту мостів через Ворсклу"
    assert lead.summary.startswith("…яка коштуватиме місту") and lead.summary.endswith("навесні.")
    assert lead.headline not in lead.summary


@pytest.mark.parametrize("text", LONG_SENTENCES)
def test_a_card_never_repeats_its_headline(text: str) -> None:
    lead = derive_lead([text, "Другий абзац продовжує розповідь."])
    assert lead.headline.rstrip("…»") not in lead.summary


def test_a_one_sentence_article_has_no_summary_rather_than_a_repeat() -> None:
    assert derive_lead(["Уряд Полтави ухвалив новий бюджет."]).summary == ""
