"""What a site in several languages must get right before it is built: every language its pages are
written in has its interface words, and every story has one version per language. Pure but for
reading where newsgen.yaml names its languages."""

from __future__ import annotations

from collections.abc import Sequence

from newsgen.errors import WARNING, Diagnostic, SourceError
from newsgen.records import Article
from newsgen.site.config import CONFIG_NAME, SiteConfig
from newsgen.site.labels import LABELS_FOLDER
from newsgen.site.translations import link_translations
from newsgen.text.labels import missing_labels
from newsgen.text.language_guess import base_language
from newsgen.yamlmap import read_yaml_mapping


def language_problems(config: SiteConfig, articles: Sequence[Article]) -> list[Diagnostic]:
    """A warning for each language of the site or of an article that lacks labels (its pages would show
    English words), and an error for each story with two versions in one language."""
    problems = link_translations(articles, config.site_languages)[1]
    first_article = {}
    for article in articles:
        first_article.setdefault(base_language(article.lang), article)
    languages = dict.fromkeys([*map(base_language, config.site_languages), *first_article])
    for language in languages:
        missing = missing_labels(language, config.labels)
        if not missing:
            continue
        path, line = _where_named(config, language, first_article.get(language))
        problems.append(Diagnostic(
            path, line, None,
            f"newsgen has no labels in {language}: its pages show English for {len(missing)} of them "
            f"({', '.join(missing)})", WARNING,
            hint=f"write them in {LABELS_FOLDER}/{language}.yaml, one `name: text` line each"))
    return problems


def _where_named(config: SiteConfig, language: str, article: Article | None) -> tuple[object, int | None]:
    """Where the language comes from: its labels file, its line in newsgen.yaml, or its first article."""
    labels_file = config.site_dir / LABELS_FOLDER / f"{language}.yaml"
    if labels_file.is_file():
        return labels_file, None
    if article is None or language in map(base_language, config.site_languages):
        path = config.site_dir / CONFIG_NAME
        try:
            entries = read_yaml_mapping(path.read_text(encoding="utf-8-sig"), path)
        except (OSError, UnicodeDecodeError, SourceError):
            return None, None
        entry = entries.get("languages") or entries.get("language")
        return (path, entry.line) if entry else (None, None)
    return article.source_path, article.source_line
