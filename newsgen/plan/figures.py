"""Pictures in HTML: an article's lead image as templates see it, and its body's images sized. Pure.

Every local picture gets its width and height (no layout shift) and a ``srcset`` of its
narrower copies (images.py), WebP first through <picture>. Links and images written
from the site's root (``/static/map.png``) follow the deploy's sub-path: pages get
root-relative links (``/archive/static/map.png``), feeds absolute ones.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from html import escape

from newsgen.plan.images import Picture
from newsgen.records import LeadImage
from newsgen.urls import SiteURLs

BODY_SIZES = "(max-width: 44rem) 100vw, 42rem"  # the story column (--measure in newsgen.css)
_TAG = re.compile(r"<(img|a|source)\b([^>]*?)\s*/?>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r'\s([a-zA-Z-]+)="([^"]*)"')
_SITE_ABSOLUTE = re.compile(r'(\s(?:src|href)=")/(?!/)')


@dataclass(frozen=True, slots=True)
class ImageView:
    """A lead image as templates show it; the srcsets are "" for a picture elsewhere (a URL)."""

    src: str  # a link for pages
    url: str  # absolute, for og:image, structured data and feeds
    alt: str
    caption: str
    credit: str
    width: int  # 0 when unknown
    height: int
    srcset: str  # the original format's copies, "480w" style
    webp_srcset: str
    mime: str
    length: int  # bytes (0 when unknown), for feed enclosures


def image_view(lead: LeadImage, picture: Picture | None, site_urls: SiteURLs) -> ImageView:
    if picture is None:  # a full URL, or a file that is missing (already reported)
        src = site_urls.href(lead.src) if lead.src.startswith("/") and not lead.src.startswith("//") else lead.src
        url = site_urls.absolute(lead.src) if src != lead.src else lead.src
        return ImageView(src, url, lead.alt, lead.caption, lead.credit, 0, 0, "", "", "", 0)
    own, webp = srcsets(picture, site_urls.href)
    return ImageView(site_urls.href(picture.route), site_urls.absolute(picture.route), lead.alt, lead.caption,
                     lead.credit, picture.width, picture.height, own, webp, picture.mime, picture.length)


def srcsets(picture: Picture, link: callable) -> tuple[str, str]:  # type: ignore[valid-type]
    """(the original format's srcset, WebP's); the original itself is the widest of its own format."""
    own = [f"{link(v.route)} {v.width}w" for v in picture.variants if v.mime != "image/webp"]
    webp = [f"{link(v.route)} {v.width}w" for v in picture.variants if v.mime == "image/webp"]
    if own or picture.mime == "image/webp":
        own.append(f"{link(picture.route)} {picture.width}w")
    return ", ".join(own), ", ".join(webp)


@dataclass(frozen=True, slots=True)
class BodyLinks:
    """How an article body's pictures and root links are written out (views.ArticleView.body_html)."""

    pictures: tuple[tuple[str, Picture], ...]  # (src as written, the picture)
    site_urls: SiteURLs

    def page_html(self, html: str) -> str:
        return rewrite_body(html, dict(self.pictures), self.site_urls, absolute=False)

    def feed_html(self, html: str) -> str:
        return rewrite_body(html, dict(self.pictures), self.site_urls, absolute=True)


def rewrite_body(html: str, pictures: Mapping[str, Picture], site_urls: SiteURLs, absolute: bool) -> str:
    """The body with each known picture sized and given its copies, and root links under the sub-path."""
    link = site_urls.absolute if absolute else site_urls.href
    prefix = link("/")
    moved = prefix != "/"

    def fix(match: re.Match[str]) -> str:
        name, attributes = match[1].lower(), match[2]
        values = dict(_ATTRIBUTE.findall(attributes))
        picture = pictures.get(_unescape(values.get("src", ""))) if name == "img" else None
        if picture is not None:
            return _picture_html(picture, values, link)
        if moved and _SITE_ABSOLUTE.search(attributes):
            return f"<{match[1]}{_SITE_ABSOLUTE.sub(lambda m: m[1] + prefix, attributes)}>"
        return match[0]

    return _TAG.sub(fix, html) if (pictures or moved) else html


def _picture_html(picture: Picture, values: dict[str, str], link: callable) -> str:  # type: ignore[valid-type]
    own, webp = srcsets(picture, link)
    kept = "".join(f' {key}="{value}"' for key, value in values.items()
                   if key not in ("src", "srcset", "sizes", "width", "height", "loading", "decoding"))
    size = f' width="{picture.width}" height="{picture.height}"' if picture.width else ""
    srcset = f' srcset="{escape(own)}" sizes="{BODY_SIZES}"' if own else ""
    image = (f'<img src="{escape(link(picture.route))}"{srcset}{size}{kept} loading="lazy" decoding="async">')
    if not webp:
        return image
    return f'<picture><source type="image/webp" srcset="{escape(webp)}" sizes="{BODY_SIZES}">{image}</picture>'


def _unescape(value: str) -> str:
    return value.replace("&amp;", "&").replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">")
