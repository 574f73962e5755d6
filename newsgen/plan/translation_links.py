"""The links between the language versions of one story: hreflang alternates, the reader's
"Read in English" switch, and schema.org's translationOfWork/workTranslation. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsgen import urls
from newsgen.records import Article
from newsgen.text.labels import SiteLabels, read_in_label
from newsgen.urls import SiteURLs


@dataclass(frozen=True, slots=True)
class Version:
    """One language version of the story a page tells, as its page links to it."""

    lang: str  # its hreflang, e.g. "en"
    href: str
    url: str  # absolute, for <link rel="alternate"> and structured data
    label: str  # "Читати англійською": the switch's words, in the page's language
    current: bool  # the page's own version
    original: bool  # the version the others translate: the first published (then the site's first language)


@dataclass(frozen=True, slots=True)
class TopicVersion:
    """A topic's page in another language: "Kyiv" (en) for "Київ", told by their stories' translations."""

    lang: str
    name: str
    href: str


def version_links(article: Article, versions: Sequence[Article], site_urls: SiteURLs,
                  site_labels: SiteLabels = ()) -> tuple[Version, ...]:
    """Every version of ``article``'s story (its own included) in the order of the site's languages;
    () for an article without translations."""
    if len(versions) < 2:
        return ()
    original = min(range(len(versions)), key=lambda index: (versions[index].published, index))
    links = []
    for index, version in enumerate(versions):
        route = urls.article_route(version.date, version.slug, version.route)
        links.append(Version(version.lang, site_urls.href(route), site_urls.absolute(route),
                             read_in_label(version.lang, article.lang, site_labels), version.id == article.id,
                             index == original))
    return tuple(links)


def translation_ld(versions: Sequence[Version]) -> dict[str, object]:
    """schema.org's words for the versions: the original names its translations (workTranslation),
    a translation names its original (translationOfWork)."""
    current = next((v for v in versions if v.current), None)
    if current is None:
        return {}
    if current.original:
        return {"workTranslation": [{"@type": "NewsArticle", "@id": v.url, "inLanguage": v.lang}
                                    for v in versions if not v.current]}
    original = next(v for v in versions if v.original)
    return {"translationOfWork": {"@type": "NewsArticle", "@id": original.url, "inLanguage": original.lang}}
