"""Interface words of the built-in theme, per language, and a site's own (labels/<lang>.yaml).

English stands in for a label a language lacks, and a build warns of it (``missing_labels``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from types import MappingProxyType

from newsgen.text.dates import babel_locale
from newsgen.text.language_guess import base_language

_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "skip": "Skip to content",
        "main_nav": "Main",
        "home": "Front page",
        "tags": "Topics",
        "archive": "Archive",
        "search": "Search",
        "search_label": "Search the archive",
        "search_button": "Search",
        "pagination": "Pagination",
        "previous_page": "Newer",
        "next_page": "Older",
        "page": "Page",
        "of": "of",
        "published": "Published",
        "updated": "Updated",
        "scheduled": "Scheduled, not public yet: goes live",
        "reading_time": "min read",
        "by": "By",
        "by_many": "By",
        "topics": "Topics",
        "related": "Related stories",
        "older_article": "Previous story",
        "newer_article": "Next story",
        "article_nav": "More stories",
        "earlier": "Earlier",
        "later": "Later",
        "period_nav": "Periods",
        "articles": "articles",
        "articles_one": "article",
        "no_articles": "No articles yet.",
        "not_found": "Page not found",
        "not_found_text": "This page does not exist. Try the front page, the topics or the archive.",
        "feed": "Feed",
        "also_written": "Also written",
        "kind_person": "People",
        "kind_place": "Places",
        "kind_organisation": "Organisations",
        "kind_topic": "Topics",
        "chart_caption": "Articles per month",
        "months": "Months",
        "days": "Days",
        "footer": "A static news archive built with newsgen.",
        "no_js_search": "Search needs JavaScript. Browse the topics or the archive instead.",
        "authors": "Authors",
        "photo": "Photo",
        "sections_nav": "Sections",
        "breadcrumb": "You are here",
        "corrections": "Correction",
        "lead_story": "Lead story",
        "author_links": "Elsewhere",
        "search_placeholder": "Search the archive",
        # search: the search page and its script (search.js reads every "search_" label)
        "search_refine": "Refine: topic, year, order",
        "search_tag": "Topic",
        "search_year": "Year",
        "search_any_tag": "All topics",
        "search_any_year": "All years",
        "search_sort": "Order",
        "search_sort_relevance": "Best match",
        "search_sort_newest": "Newest first",
        "search_loading": "Searching…",
        "search_count_one": "{n} article found",
        "search_count_few": "{n} articles found",
        "search_count_many": "{n} articles found",
        "search_count_other": "{n} articles found",
        "search_none": "Nothing found for “{q}”.",
        "search_forms": "Other forms of “{lemma}” are included.",
        "search_more": "Show more",
        "search_error": "Search could not be loaded. Browse the topics or the archive instead.",
        "search_hint": "Searches the headline and text of every article.",
        # translations of one story, and the dev server's messages (serve.py)
        "translations_nav": "This story in other languages",
        "topic_in_other_languages": "In other languages",
        "read_in": "Read in {language}",
        "serve_errors_one": "newsgen: {n} error in the last build",
        "serve_errors_other": "newsgen: {n} errors in the last build",
        "serve_fix": "Fix the file and save: this page reloads by itself.",
        "serve_nothing_built": "Nothing could be built yet. Fix the file and save: this page reloads by itself.",
        "serve_hide": "click to hide",
    },
    "uk": {
        "skip": "Перейти до змісту",
        "main_nav": "Головна навігація",
        "home": "Головна",
        "tags": "Теми",
        "archive": "Архів",
        "search": "Пошук",
        "search_label": "Пошук в архіві",
        "search_button": "Шукати",
        "pagination": "Сторінки",
        "previous_page": "Новіші",
        "next_page": "Старіші",
        "page": "Сторінка",
        "of": "з",
        "published": "Опубліковано",
        "updated": "Оновлено",
        "scheduled": "Заплановано, ще не оприлюднено: вийде",
        "reading_time": "хв читання",
        "by": "Автор:",
        "by_many": "Автори:",
        "topics": "Теми",
        "related": "Схожі матеріали",
        "older_article": "Попередній матеріал",
        "newer_article": "Наступний матеріал",
        "article_nav": "Інші матеріали",
        "earlier": "Раніше",
        "later": "Пізніше",
        "period_nav": "Періоди",
        "articles": "статей",
        "articles_one": "стаття",
        "articles_few": "статті",
        "articles_many": "статей",
        "no_articles": "Статей поки немає.",
        "not_found": "Сторінку не знайдено",
        "not_found_text": "Такої сторінки немає. Спробуйте головну, теми або архів.",
        "feed": "Стрічка",
        "also_written": "Інші написання",
        "kind_person": "Люди",
        "kind_place": "Місця",
        "kind_organisation": "Організації",
        "kind_topic": "Теми",
        "chart_caption": "Статті за місяцями",
        "months": "Місяці",
        "days": "Дні",
        "footer": "Статичний новинний архів, створений за допомогою newsgen.",
        "no_js_search": "Для пошуку потрібен JavaScript. Перегляньте теми або архів.",
        "authors": "Автори",
        "photo": "Фото",
        "sections_nav": "Рубрики",
        "breadcrumb": "Ви тут",
        "corrections": "Виправлення",
        "lead_story": "Головне",
        "author_links": "Також",
        "search_placeholder": "Пошук в архіві",
        # search: the search page and its script (search.js reads every "search_" label)
        "search_refine": "Уточнити: тема, рік, порядок",
        "search_tag": "Тема",
        "search_year": "Рік",
        "search_any_tag": "Усі теми",
        "search_any_year": "Усі роки",
        "search_sort": "Порядок",
        "search_sort_relevance": "Найкращий збіг",
        "search_sort_newest": "Спершу новіші",
        "search_loading": "Шукаємо…",
        "search_count_one": "Знайдено {n} статтю",
        "search_count_few": "Знайдено {n} статті",
        "search_count_many": "Знайдено {n} статей",
        "search_count_other": "Знайдено {n} статті",
        "search_none": "За запитом «{q}» нічого не знайдено.",
        "search_forms": "Враховано й інші форми слова «{lemma}».",
        "search_more": "Показати ще",
        "search_error": "Пошук не вдалося завантажити. Перегляньте теми або архів.",
        "search_hint": "Введіть слово в початковій формі (Москва, війна), щоб знайти всі його форми.",
        # translations of one story (the language in the instrumental case), and the dev server's messages
        "translations_nav": "Цей матеріал іншими мовами",
        "topic_in_other_languages": "Іншими мовами",
        "read_in": "Читати мовою: {language}",
        "read_in_uk": "Читати українською",
        "read_in_en": "Читати англійською",
        "read_in_ru": "Читати російською",
        "read_in_crh": "Читати кримськотатарською",
        "read_in_pl": "Читати польською",
        "read_in_de": "Читати німецькою",
        "read_in_fr": "Читати французькою",
        "serve_errors_one": "newsgen: {n} помилка в останній збірці",
        "serve_errors_few": "newsgen: {n} помилки в останній збірці",
        "serve_errors_many": "newsgen: {n} помилок в останній збірці",
        "serve_errors_other": "newsgen: {n} помилки в останній збірці",
        "serve_fix": "Виправте файл і збережіть: сторінка оновиться сама.",
        "serve_nothing_built": "Поки нічого не вдалося зібрати. Виправте файл і збережіть: сторінка оновиться сама.",
        "serve_hide": "натисніть, щоб сховати",
    },
    "ru": {
        "skip": "Перейти к содержанию",
        "main_nav": "Главная навигация",
        "home": "Главная",
        "tags": "Темы",
        "archive": "Архив",
        "search": "Поиск",
        "search_label": "Поиск по архиву",
        "search_button": "Искать",
        "pagination": "Страницы",
        "previous_page": "Более новые",
        "next_page": "Более ранние",
        "page": "Страница",
        "of": "из",
        "published": "Опубликовано",
        "updated": "Обновлено",
        "scheduled": "Запланировано, ещё не опубликовано: выйдет",
        "reading_time": "мин чтения",
        "by": "Автор:",
        "by_many": "Авторы:",
        "topics": "Темы",
        "related": "Похожие материалы",
        "older_article": "Предыдущий материал",
        "newer_article": "Следующий материал",
        "article_nav": "Другие материалы",
        "earlier": "Раньше",
        "later": "Позже",
        "period_nav": "Периоды",
        "articles": "статей",
        "articles_one": "статья",
        "articles_few": "статьи",
        "articles_many": "статей",
        "no_articles": "Статей пока нет.",
        "not_found": "Страница не найдена",
        "not_found_text": "Такой страницы нет. Попробуйте главную, темы или архив.",
        "feed": "Лента",
        "also_written": "Другие написания",
        "kind_person": "Люди",
        "kind_place": "Места",
        "kind_organisation": "Организации",
        "kind_topic": "Темы",
        "chart_caption": "Статьи по месяцам",
        "months": "Месяцы",
        "days": "Дни",
        "footer": "Статический новостной архив, созданный с помощью newsgen.",
        "no_js_search": "Для поиска нужен JavaScript. Просмотрите темы или архив.",
        "authors": "Авторы",
        "photo": "Фото",
        "sections_nav": "Рубрики",
        "breadcrumb": "Вы здесь",
        "corrections": "Исправление",
        "lead_story": "Главное",
        "author_links": "На других сайтах",
        "search_placeholder": "Поиск по архиву",
        "search_refine": "Уточнить: тема, год, порядок",
        "search_tag": "Тема",
        "search_year": "Год",
        "search_any_tag": "Все темы",
        "search_any_year": "Все годы",
        "search_sort": "Порядок",
        "search_sort_relevance": "Лучшее совпадение",
        "search_sort_newest": "Сначала новые",
        "search_loading": "Ищем…",
        "search_count_one": "Найдена {n} статья",
        "search_count_few": "Найдено {n} статьи",
        "search_count_many": "Найдено {n} статей",
        "search_count_other": "Найдено {n} статьи",
        "search_none": "По запросу «{q}» ничего не найдено.",
        "search_forms": "Учтены и другие формы слова «{lemma}».",
        "search_more": "Показать ещё",
        "search_error": "Не удалось загрузить поиск. Просмотрите темы или архив.",
        "search_hint": "Введите слово в начальной форме (Москва, война), чтобы найти все его формы.",
        # translations of one story (the language in the prepositional case), and the dev server's messages
        "translations_nav": "Этот материал на других языках",
        "topic_in_other_languages": "На других языках",
        "read_in": "Читать на языке: {language}",
        "read_in_uk": "Читать на украинском",
        "read_in_en": "Читать на английском",
        "read_in_ru": "Читать на русском",
        "read_in_crh": "Читать на крымскотатарском",
        "read_in_pl": "Читать на польском",
        "read_in_de": "Читать на немецком",
        "read_in_fr": "Читать на французском",
        "serve_errors_one": "newsgen: {n} ошибка в последней сборке",
        "serve_errors_few": "newsgen: {n} ошибки в последней сборке",
        "serve_errors_many": "newsgen: {n} ошибок в последней сборке",
        "serve_errors_other": "newsgen: {n} ошибки в последней сборке",
        "serve_fix": "Исправьте файл и сохраните: страница обновится сама.",
        "serve_nothing_built": "Пока ничего не удалось собрать. Исправьте файл и сохраните: страница обновится сама.",
        "serve_hide": "нажмите, чтобы скрыть",
    },
}


# A site's own labels: ((language, ((name, text), ...)), ...), from its labels/<lang>.yaml (hashable:
# they are part of the settings every page is made with).
SiteLabels = tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
# Forms a language may leave out: plural forms other than "other" (CLDR's rule picks the one there
# is), and "read in <language>" phrased for one language (else `read_in` names it with CLDR's name).
_OPTIONAL = re.compile(r".+_(?:zero|one|two|few|many)|read_in_.+")


def count_label(count: int, word: str, lang: str, site_labels: SiteLabels = ()) -> str:
    """"1 стаття", "3 статті", "5 статей": the plural form CLDR gives for ``count`` in ``lang``."""
    labels = labels_for(lang, site_labels)
    form = babel_locale(lang).plural_form(count)
    return f"{count} {labels.get(f'{word}_{form}', labels[word])}"


@functools.lru_cache(maxsize=64)
def labels_for(lang: str, site_labels: SiteLabels = ()) -> Mapping[str, str]:
    """The labels of a language ("uk-UA" uses "uk"): newsgen's, then the site's own on top; English
    where both lack one (``missing_labels`` names those, for a warning)."""
    base = base_language(lang)
    own = dict(site_labels)
    return MappingProxyType({**_LABELS["en"], **own.get("en", {}), **_LABELS.get(base, {}),
                             **dict(own.get(base, ()))})


def missing_labels(lang: str, site_labels: SiteLabels = ()) -> tuple[str, ...]:
    """The labels neither newsgen nor the site has in ``lang``, in the order of the English ones."""
    base = base_language(lang)
    known = {**_LABELS.get(base, {}), **dict(dict(site_labels).get(base, ()))}
    return tuple(name for name in _LABELS["en"] if name not in known and not _OPTIONAL.fullmatch(name))


def read_in_label(target: str, lang: str, site_labels: SiteLabels = ()) -> str:
    """"Читати англійською", "Read in Ukrainian": the link to a story's version in ``target``, in ``lang``."""
    labels = labels_for(lang, site_labels)
    phrased = labels.get(f"read_in_{base_language(target)}")
    if phrased:
        return phrased
    try:
        name = babel_locale(lang).languages.get(base_language(target)) or target
    except (ValueError, TypeError):
        name = target
    return labels["read_in"].format(language=name)
