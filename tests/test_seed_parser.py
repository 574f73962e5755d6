"""The seed format on strings: every variant the format notes promise to accept or reject."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from newsgen.sources.seed import parse_seed

P = Path("seeds/a.txt")


def parse_ok(text: str):
    articles, problems = parse_seed(text, P)
    assert problems == [], [str(p) for p in problems]
    return articles


def test_sample_shape_leading_space_same_line_body_no_trailing_newline() -> None:
    [article] = parse_ok(" date 2026-02-11 Перший абзац.\n\nДругий абзац.")
    assert article.date == datetime.date(2026, 2, 11)
    assert article.body == "Перший абзац.\n\nДругий абзац."
    assert (article.source_line, article.body_line, article.source_format) == (1, 1, "seed")
    assert article.title is None and article.tags == ()


def test_no_leading_space() -> None:
    [article] = parse_ok("date 2026-02-11 Текст.")
    assert article.body == "Текст."


def test_byte_order_mark_and_crlf() -> None:
    [article] = parse_ok("\ufeff date 2026-02-11 Один.\r\n\r\nДва.\r\n")
    assert article.body == "Один.\n\nДва."


def test_body_on_the_next_line_and_surrounding_whitespace() -> None:
    [article] = parse_ok("\n\n  date 2026-02-11  \n\n  Текст статті.  \n\n\n")
    assert article.body == "Текст статті."
    assert (article.source_line, article.body_line) == (3, 5)


def test_several_articles_in_one_file_keep_their_lines() -> None:
    text = "date 2026-02-11 Перша.\n\nЩе абзац.\ndate 2026-02-12 Друга.\n\n\ndate 2026-02-13\nТретя."
    first, second, third = parse_ok(text)
    assert [a.date.day for a in (first, second, third)] == [11, 12, 13]
    assert [a.source_line for a in (first, second, third)] == [1, 4, 7]
    assert first.body == "Перша.\n\nЩе абзац."
    assert third.body == "Третя."


def test_wrapped_paragraph_lines_are_rejoined() -> None:
    [article] = parse_ok("date 2026-02-11 Рядок один\nрядок два.\n\nНовий абзац.")
    assert article.body == "Рядок один рядок два.\n\nНовий абзац."


def test_the_word_date_inside_a_paragraph_does_not_start_an_article() -> None:
    [article] = parse_ok("date 2026-02-11 Text.\n\ndate night is popular.")
    assert article.body == "Text.\n\ndate night is popular."


def test_published_is_midnight_in_the_given_zone() -> None:
    kyiv = datetime.timezone(datetime.timedelta(hours=2))
    [article], _ = parse_seed("date 2026-02-11 Текст.", P, kyiv)
    assert article.published == datetime.datetime(2026, 2, 11, tzinfo=kyiv)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Без дати.", "seeds/a.txt:1:1: missing date: the article does not start with `date YYYY-MM-DD`"),
        (" date 2026-02-30 Текст.", "seeds/a.txt:1:7: impossible date '2026-02-30': no such day in the calendar"),
        ("date 2026/02/11 Текст.", "seeds/a.txt:1:6: invalid date '2026/02/11': expected YYYY-MM-DD"),
        ("date 2026-02-11   \n\n  \n", "seeds/a.txt:1: empty body: the article dated 2026-02-11 has no text"),
        ("", "seeds/a.txt:1: empty file: no article found"),
    ],
)
def test_bad_seeds_name_file_line_and_column(text: str, expected: str) -> None:
    articles, problems = parse_seed(text, P)
    assert articles == []
    assert [str(p).split(" (")[0] for p in problems] == [expected]


def test_one_bad_article_does_not_remove_its_neighbours() -> None:
    articles, problems = parse_seed("date 2026-02-11 Добра.\ndate 2026-02-30 Погана.\ndate 2026-02-12 Теж добра.", P)
    assert [a.body for a in articles] == ["Добра.", "Теж добра."]
    assert [str(p).split(" (")[0] for p in problems] == [
        "seeds/a.txt:2:6: impossible date '2026-02-30': no such day in the calendar"
    ]


def test_problem_carries_a_hint() -> None:
    _, [problem] = parse_seed("Без дати.", P)
    assert "each article must start with `date YYYY-MM-DD`" in str(problem)


def test_real_sample_seed() -> None:
    path = Path(__file__).parents[1] / "seeds" / "000_4d383fa7119027c0.txt"
    [article] = parse_ok(path.read_text(encoding="utf-8"))
    assert article.date == datetime.date(2026, 2, 11)
    assert article.body.startswith("Генеральний секретар НАТО Марк Рютте заявив")
    assert article.body.count("\n\n") == 10  # eleven paragraphs
