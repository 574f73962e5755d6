"""Which articles are one story in several languages: linked by `translation_key:`. Pure.

Each version names the same key (Hugo's `translationKey` is read as well); a key is a
story, so two versions of it in one language are an error that names both files.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType

from newsgen.errors import Diagnostic
from newsgen.records import Article
from newsgen.text.language_guess import base_language

Versions = Mapping[str, tuple[Article, ...]]  # article id -> every version of its story, its own included


def link_translations(articles: Iterable[Article], languages: Sequence[str] = ()) -> tuple[Versions, list[Diagnostic]]:
    """Every article that has versions in other languages -> all versions of its story, in the order of
    the site's ``languages`` (then by language code); and an error for each version a language has twice.

    The first version in file order keeps the key; the other stays published, unlinked, until fixed.
    """
    stories: dict[str, dict[str, Article]] = {}
    problems = []
    for article in sorted(articles, key=_place):
        key = article.editorial.translation_key
        if key is None:
            continue
        versions = stories.setdefault(key, {})
        language = base_language(article.lang)
        first = versions.get(language)
        if first is None:
            versions[language] = article
            continue
        problems.append(Diagnostic(
            article.source_path, article.editorial.translation_key_line or article.source_line, None,
            f"translation_key {key!r} is already taken by {_where(first)}, also in {article.lang}: "
            "a story has one version per language",
            hint="give this article its own key, or set `lang:` if it is in another language"))
    order = {base_language(lang): index for index, lang in enumerate(languages)}
    linked: dict[str, tuple[Article, ...]] = {}
    for versions in stories.values():
        if len(versions) > 1:
            ranked = tuple(versions[lang] for lang in sorted(versions, key=lambda lang: (order.get(lang, len(order)), lang)))
            linked.update((article.id, ranked) for article in ranked)
    return MappingProxyType(linked), problems


def _place(article: Article) -> tuple[str, int]:
    return str(article.source_path), article.source_line


def _where(article: Article) -> str:
    return f"{article.source_path}:{article.editorial.translation_key_line or article.source_line}"
