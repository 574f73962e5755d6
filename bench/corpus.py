#!/usr/bin/env python3
"""Deterministic synthetic news corpus for newsgen benchmarks.

    python bench/corpus.py N OUT_DIR [--format seed|markdown|hugo|all] [--seed 42] [--jobs J]

Writes the same N articles (Ukrainian ~75 %, English ~25 %, 300-900 words, 2-6
Zipf-distributed tags out of a pool of 400, dated over 12 years with several a
day) as:

  OUT_DIR/seed/      newsgen site: newsgen.yaml + seeds/NNNNNN_<hash>.txt
                     (seed format; about 20 % of files hold several articles)
  OUT_DIR/markdown/  newsgen site: newsgen.yaml + content/YYYY/MM/<slug>.md
  OUT_DIR/hugo/      Hugo site: hugo.toml, a small theme in layouts/ and
                     content/posts/YYYY/MM/<slug>.md
  OUT_DIR/manifest.json   what was written, and which file run.py edits

Same arguments give byte-identical files whatever --jobs is: every article is
generated from its own random stream (seed, index), and work is split at month
boundaries, the unit inside which titles and slugs are kept unique.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import hashlib
import json
import os
import random
import re
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import vocab  # noqa: E402  (bench/ is not a package)

# Bump when the output of the generator changes, so cached corpora are rebuilt.
GENERATOR_VERSION = "1"
FORMATS = ("seed", "markdown", "hugo")
TAG_POOL_SIZE = 400
START = dt.date(2014, 1, 1)
SPAN_DAYS = (dt.date(2025, 12, 31) - START).days + 1  # 12 years
PER_DAY = 4  # articles per news day when the corpus is too small to fill every day
MULTI_FILE_SHARE = 0.2  # seed files holding several articles
EN_SHARE = 0.25
NEWSGEN_YAML = (
    "title: Bench Archive\nlanguage: uk\nbase_url: https://bench.example.org/\nper_page: 20\n"
)

# ------------------------------------------------------------ transliteration
_TRANSLIT = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "h",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "є": "ie",
    "ж": "zh",
    "з": "z",
    "и": "y",
    "і": "i",
    "ї": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ь": "",
    "ю": "iu",
    "я": "ia",
    "’": "",
    "'": "",
    "ü": "u",
    "ö": "o",
    "ä": "a",
    "é": "e",
    "€": "eur",
}
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")


def slugify(title: str, limit: int = 70) -> str:
    """Latin slug of a title (KMU 2010 transliteration), cut at a word boundary."""
    latin = "".join(_TRANSLIT.get(ch, ch) for ch in title.lower())
    slug = _SLUG_JUNK.sub("-", latin).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug or "article"


# ------------------------------------------------------------------ entities
def _decline_surname(nom: str, kind: str, fem: bool) -> tuple[str, str, str, str]:
    if kind == "adj":
        stem = nom[:-2]
        return (
            (stem + "а", stem + "ої", stem + "ій", stem + "ою")
            if fem
            else (nom, stem + "ого", stem + "ому", stem + "им")
        )
    if fem:
        return (nom, nom, nom, nom)
    stem = nom[:-1] if kind == "o" else nom
    return (nom, stem + "а", stem + "ові", stem + "ом")


def _u(word: str) -> str:
    """The preposition у/в before a locative: «в Одесі», but «у Львові»."""
    return "в " if word[0].lower() in "аоуеіиєїюя" else "у "


def _en_the(name: str, the: bool) -> str:
    return ("the " + name) if the else name


class Pools:
    """The entity pools and the Zipf-ordered tag pool, fixed by the seed."""

    def __init__(self, seed: int):
        rng = random.Random(f"pools/{seed}")
        places = [self._place(p) for p in vocab.PLACES]
        cities = [p for p in places if p["kind"] == "city"]
        orgs = [self._org(o) for o in vocab.ORGS]
        media = [self._media(m) for m in vocab.MEDIA]
        topics = [self._topic(t) for t in vocab.TOPICS]
        n_people = TAG_POOL_SIZE - len(places) - len(orgs) - len(media) - len(topics)
        unis = [o for o in orgs if o["kind"] == "university"]
        bindable = [o for o in orgs if o["kind"] in ("gov", "intl", "company", "culture", "sport")]
        people, seen = [], set()
        while len(people) < max(n_people, 60):
            fem = rng.random() < 0.45
            first = rng.choice(vocab.FEMALE_FIRST if fem else vocab.MALE_FIRST)
            sur = rng.choice(vocab.SURNAMES)
            if (first[0], sur[0]) in seen:
                continue
            seen.add((first[0], sur[0]))
            people.append(
                self._person(
                    first,
                    sur,
                    fem,
                    rng.choice(vocab.ROLES),
                    rng.choice(bindable),
                    rng.choice(cities),
                    rng.choice(unis),
                )
            )
        self.by_kind = {
            "person": people,
            "place": places,
            "org": orgs,
            "media": media,
            "topic": topics,
        }
        tagged = people[:n_people] + places + orgs + media + topics
        rng.shuffle(tagged)
        self.tags = tagged  # rank order: tags[0] is the most frequent
        weights = [1.0 / (rank + 1) ** 1.0 for rank in range(len(tagged))]
        total, self.cumulative = 0.0, []
        for w in weights:
            total += w
            self.cumulative.append(total)

    def draw_tags(self, rng: random.Random, k: int) -> list[dict]:
        chosen, seen = [], set()
        top = self.cumulative[-1]
        while len(chosen) < k:
            idx = bisect.bisect_left(self.cumulative, rng.random() * top)
            if idx not in seen:
                seen.add(idx)
                chosen.append(self.tags[idx])
        return chosen

    @staticmethod
    def _place(p):
        nom, gen, loc, en, kind = p
        # Ukrainian regions take «на»: «на Львівщині», «на Закарпатті» (but «у Криму»).
        prep = "на " if kind == "region" and nom != "Крим" else _u(loc)
        return {
            "kind": kind,
            "etype": "place",
            "tag": nom,
            "en_name": en,
            "uk": {"L": nom, "Lg": gen, "uLl": prep + loc},
            "en": {"L": en, "Lg": en, "uLl": "in " + en},
            "uk2": {"M": nom, "Mg": gen, "uMl": prep + loc},
            "en2": {"M": en, "Mg": en, "uMl": "in " + en},
        }

    @staticmethod
    def _org(o):
        tag, nom, gen, loc, en, the, kind = o
        return {
            "kind": kind,
            "etype": "org",
            "tag": tag,
            "en_bare": en,
            "uk": {"O": nom, "Og": gen, "uOl": _u(loc) + loc},
            "en": {"O": _en_the(en, the), "Og": _en_the(en, the), "uOl": "at " + _en_the(en, the)},
        }

    @staticmethod
    def _media(m):
        tag, nom, gen, dat, loc, en = m
        return {
            "kind": "media",
            "etype": "media",
            "tag": tag,
            "uk": {"Med": nom, "Medg": gen, "Medd": dat},
            "en": {"Med": en, "Medg": en, "Medd": en},
        }

    @staticmethod
    def _topic(t):
        nom, gen, en = t
        return {
            "kind": "topic",
            "etype": "topic",
            "tag": nom,
            "uk": {"T": nom, "Tg": gen},
            "en": {"T": en, "Tg": en},
        }

    @staticmethod
    def _person(first, sur, fem, role, org, city, uni):
        f_nom, f_gen, f_dat, f_ins, f_en = first
        s_nom, s_gen, s_dat, s_ins = _decline_surname(sur[0], sur[1], fem)
        s_en = sur[2][:-2] + "a" if (fem and sur[1] == "adj") else sur[2]
        bind_uk = {"Og": org["uk"]["Og"], "Lg": city["uk"]["Lg"], "Ug": uni["uk"]["Og"]}
        bind_en = {"Oe": org["en_bare"], "Le": city["en_name"], "Ue": uni["en_bare"]}
        r_nom = (role[2] if fem else role[0]).format_map(bind_uk)
        r_gen = (role[3] if fem else role[1]).format_map(bind_uk)
        r_en = role[4].format_map(bind_en)
        full = f"{f_nom} {s_nom}"
        full_en = f"{f_en} {s_en}"
        gender = 1 if fem else 0
        return {
            "kind": "person",
            "etype": "person",
            "tag": full,
            "fem": fem,
            "uk": {
                "Pr": f"{r_nom} {full}",
                "P": full,
                "Ps": s_nom,
                "Pg": f"{f_gen} {s_gen}",
                "Pd": f"{f_dat} {s_dat}",
                "Pi": f"{f_ins} {s_ins}",
                "Prg": f"{r_gen} {f_gen} {s_gen}",
                **{k: v[gender] for k, v in vocab.VERBS_UK.items()},
            },
            "en": {
                "Pr": f"{r_en} {full_en}",
                "P": full_en,
                "Ps": s_en,
                "Pg": full_en,
                "Pd": full_en,
                "Pi": full_en,
                "Prg": f"{r_en} {full_en}",
                **{k: v[gender] for k, v in vocab.VERBS_EN.items()},
            },
            "uk2": {"Qr": f"{r_nom} {full}", "Qrg": f"{r_gen} {f_gen} {s_gen}"},
            "en2": {"Qr": f"{r_en} {full_en}", "Qrg": f"{r_en} {full_en}"},
        }


# ------------------------------------------------------------------- calendar
def news_days(n: int) -> int:
    return max(1, min(SPAN_DAYS, -(-n // PER_DAY)))


def article_date(i: int, n: int) -> dt.date:
    """Chronological: article i of n falls on news day i*days//n, spread over 12 years."""
    days = news_days(n)
    day = min(i, n - 1) * days // n
    return START + dt.timedelta(days=day * SPAN_DAYS // days)


def _fmt_uk_int(x: int) -> str:
    return f"{x:,}".replace(",", " ")


class Slots(dict):
    """Template slots; numbers and dates are drawn afresh at each use."""

    __slots__ = ("rng", "lang", "date")

    def __missing__(self, key):
        rng, uk = self.rng, self.lang == "uk"
        if key == "n":
            return str(rng.randint(2, 95))
        if key == "N":
            x = rng.randint(120, 9800)
            return _fmt_uk_int(x) if uk else f"{x:,}"
        if key == "pct":
            x = f"{rng.randint(1, 68)}.{rng.randint(0, 9)}"
            return x.replace(".", ",") if uk else x
        if key == "mln":
            x = f"{rng.randint(1, 950)}.{rng.randint(1, 9)}"
            return x.replace(".", ",") if uk else x
        if key == "day":
            d = self.date + dt.timedelta(days=rng.randint(-12, 25))
            return (
                f"{d.day} {vocab.MONTHS_GEN_UK[d.month - 1]}"
                if uk
                else f"{d.day} {vocab.MONTHS_EN[d.month - 1]}"
            )
        if key == "quote":
            return rng.choice(vocab.QUOTES_UK if uk else vocab.QUOTES_EN)
        if key == "url":
            return f"https://example.org/{self.date.year}/{rng.randint(1000, 99999)}.html"
        raise KeyError(key)


def _cap(s: str) -> str:
    return s[0].upper() + s[1:] if s[:1].islower() else s


# ------------------------------------------------------------------- articles
class Article:
    __slots__ = (
        "index",
        "date",
        "time",
        "lang",
        "title",
        "slug",
        "tags",
        "summary",
        "plain",
        "md",
        "words",
    )


class Generator:
    def __init__(self, n: int, seed: int):
        self.n, self.seed = n, seed
        self.pools = Pools(seed)
        self.titles: set[str] = set()  # unique within the current month
        self.slugs: set[str] = set()
        self.leads: set[str] = set()  # lead sentences unique within the current day
        self.month = self.day = None

    def article(self, i: int, date: dt.date | None = None) -> Article:
        rng = random.Random((self.seed << 32) ^ i)
        a = Article()
        a.index = i
        a.date = date or article_date(i, self.n)
        if (a.date.year, a.date.month) != self.month:
            self.month = (a.date.year, a.date.month)
            self.titles.clear()
            self.slugs.clear()
        if a.date != self.day:
            self.day = a.date
            self.leads.clear()
        a.time = (rng.randint(6, 22), rng.randint(0, 59), rng.randint(0, 59))
        a.lang = lang = "en" if rng.random() < EN_SHARE else "uk"
        tags = self.pools.draw_tags(rng, rng.randint(2, 6))
        a.tags = [t["tag"] for t in tags]
        kinds = self.pools.by_kind
        featured = {k: [t for t in tags if t["etype"] == k] for k in kinds}

        def pick(kind: str, para: int, keep: float = 0.7) -> dict:
            f = featured[kind]
            if f and rng.random() < keep:
                return f[para % len(f)]
            return rng.choice(kinds[kind])

        def slots(para: int) -> Slots:
            s = Slots()
            s.rng, s.lang, s.date = rng, lang, a.date
            keep = 1.0 if para == 0 else 0.75  # title and lead name the tagged entities
            s.update(pick("person", 0, 1.0 if para == 0 else 0.85)[lang])
            s.update(pick("person", para + 1, 0.3)[lang + "2"])
            s.update(pick("place", para, keep)[lang])
            s.update(pick("place", para + 1, 0.3)[lang + "2"])
            s.update(pick("org", para, keep)[lang])
            s.update(pick("media", para, keep)[lang])
            s.update(pick("topic", para, keep)[lang])
            return s

        uk = lang == "uk"
        d = a.date
        const = {
            "year": str(d.year),
            "prev_year": str(d.year - 1),
            "next_year": str(d.year + 2),
            "month": vocab.MONTHS_GEN_UK[d.month - 1] if uk else vocab.MONTHS_EN[d.month - 1],
            "wd": vocab.WEEKDAYS_ACC_UK[d.weekday()] if uk else vocab.WEEKDAYS_EN[d.weekday()],
        }
        s0 = slots(0)
        s0.update(const)

        # Title: unique within the month, so /YYYY/MM/<slug>/ never collides.
        titles = vocab.TITLES_UK if uk else vocab.TITLES_EN
        for attempt in range(30):
            t = _cap(
                rng.choice(titles).format_map(s0 if attempt == 0 else _with(slots(attempt), const))
            )
            if t not in self.titles:
                break
        else:
            t = f"{t} ({i})"
        self.titles.add(t)
        a.title = t
        slug = slugify(t)
        base, k = slug, 2
        while slug in self.slugs:
            slug, k = f"{base}-{k}", k + 1
        self.slugs.add(slug)
        a.slug = slug

        # Lead sentence: unique within the day (a seed article's headline comes from it).
        leads = vocab.LEADS_UK if uk else vocab.LEADS_EN
        for attempt in range(30):
            lead = _cap(rng.choice(leads).format_map(s0))
            key = lead[:60]
            if key not in self.leads:
                break
        self.leads.add(key)

        sentences = vocab.SENTENCES_UK if uk else vocab.SENTENCES_EN
        order: list[int] = []
        target = rng.randint(300, 900)
        words = lead.count(" ") + 1
        paragraphs = [[lead]]
        para, s = 0, s0
        while words < target:
            if len(paragraphs[-1]) >= rng.randint(2, 5):
                para += 1
                s = _with(slots(para), const)
                paragraphs.append([])
            if not order:
                order = rng.sample(range(len(sentences)), len(sentences))
            sent = _cap(sentences[order.pop()].format_map(s))
            paragraphs[-1].append(sent)
            words += sent.count(" ") + 1

        plain = [" ".join(p) for p in paragraphs]
        md = list(plain)
        # Markdown-only decoration; the seed version keeps plain paragraphs.
        if rng.random() < 0.35 and len(paragraphs) > 1:
            p = rng.randrange(1, len(paragraphs))
            sents = list(paragraphs[p])
            j = rng.randrange(len(sents))
            mark = "**" if rng.random() < 0.3 else "*"
            sents[j] = f"{mark}{sents[j]}{mark}"
            md[p] = " ".join(sents)
        if rng.random() < 0.3:
            s = _with(slots(para + 1), const)
            link = _cap(rng.choice(vocab.LINKS_UK if uk else vocab.LINKS_EN).format_map(s))
            p = rng.randrange(len(plain))
            md[p] += " " + link
            plain[p] += " " + re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", link)
            words += link.count(" ") + 1
        if rng.random() < 0.25:
            s = _with(slots(para + 2), const)
            intro = rng.choice(vocab.LIST_INTROS_UK if uk else vocab.LIST_INTROS_EN)
            items = [
                rng.choice(vocab.LIST_ITEMS_UK if uk else vocab.LIST_ITEMS_EN).format_map(s)
                for _ in range(rng.randint(3, 5))
            ]
            at = min(1, len(plain))
            md[at:at] = [
                intro,
                "\n".join(
                    f"- {it};" if k < len(items) - 1 else f"- {it}." for k, it in enumerate(items)
                ),
            ]
            plain[at:at] = [intro + " " + "; ".join(items) + "."]
            words += sum(it.count(" ") + 1 for it in items)
        if rng.random() < 0.4 and len(md) > 2:
            at = rng.randrange(2, len(md))
            md.insert(at, "## " + rng.choice(vocab.SUBHEADINGS_UK if uk else vocab.SUBHEADINGS_EN))
        a.plain, a.md, a.words = plain, md, words
        a.summary = None
        if rng.random() < 0.4:
            pool = [x for p in paragraphs[1:] for x in p if not x.startswith(("«", "“"))]
            if pool:
                a.summary = rng.choice(pool)
        return a


def _with(s: Slots, const: dict) -> Slots:
    s.update(const)
    return s


# ---------------------------------------------------------------- rendering
def _yaml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


_PLAIN_TAG = re.compile(r"^[^\W\d_][\w’ .+-]*$")


def _yaml_tag(t: str) -> str:
    return t if _PLAIN_TAG.match(t) else _yaml_str(t)


def _date_value(a: Article, rng_bit: int) -> str:
    if rng_bit % 2 == 0:
        return a.date.isoformat()
    h, m, s = a.time
    offset = "+03:00" if 4 <= a.date.month <= 10 else "+02:00"  # Kyiv, summer / winter
    return f"{a.date.isoformat()}T{h:02d}:{m:02d}:{s:02d}{offset}"


def render_markdown(a: Article) -> str:
    lines = ["---", f"title: {_yaml_str(a.title)}", f"date: {_date_value(a, a.index)}", "tags:"]
    lines += [f"  - {_yaml_tag(t)}" for t in a.tags]
    if a.summary:
        lines.append(f"summary: {_yaml_str(a.summary)}")
    lines.append(f"lang: {a.lang}")
    lines.append("---")
    return "\n".join(lines) + "\n\n" + "\n\n".join(a.md) + "\n"


def render_hugo(a: Article) -> str:
    lines = [
        "---",
        f"title: {_yaml_str(a.title)}",
        f"date: {_date_value(a, a.index)}",
        f"slug: {a.slug}",
        "tags:",
    ]
    lines += [f"  - {_yaml_tag(t)}" for t in a.tags]
    lines.append(f'months:\n  - "{a.date:%Y-%m}"')
    if a.summary:
        lines.append(f"summary: {_yaml_str(a.summary)}")
    lines.append(f"params:\n  lang: {a.lang}")
    lines.append("---")
    return "\n".join(lines) + "\n\n" + "\n\n".join(a.md) + "\n"


def render_seed(a: Article, first: bool) -> str:
    head = " date " if first else "\n\ndate "
    return f"{head}{a.date.isoformat()} " + "\n\n".join(a.plain)


def seed_file_name(ordinal: int, text: str) -> str:
    return f"{ordinal:06d}_{hashlib.sha256(text.encode()).hexdigest()[:16]}.txt"


def md_rel_path(a: Article) -> str:
    return f"content/{a.date:%Y/%m}/{a.slug}.md"


def hugo_rel_path(a: Article) -> str:
    return f"content/posts/{a.date:%Y/%m}/{a.slug}.md"


# ----------------------------------------------------------------- the plan
def seed_groups(n: int, seed: int) -> list[int]:
    """Article counts of successive seed files. A file never spans two months."""
    rng = random.Random(f"groups/{seed}")
    sizes, i = [], 0
    while i < n:
        size = 1 if rng.random() >= MULTI_FILE_SHARE else rng.randint(2, 4)
        month = article_date(i, n).replace(day=1)
        k = 1
        while k < size and i + k < n and article_date(i + k, n).replace(day=1) == month:
            k += 1
        sizes.append(k)
        i += k
    return sizes


def plan_chunks(n: int, seed: int, pieces: int) -> list[tuple[int, int, int, list[int]]]:
    """(first article, end, first seed-file ordinal, group sizes), cut at month starts."""
    groups = seed_groups(n, seed)
    starts = []  # article index of each group
    i = 0
    for g in groups:
        starts.append(i)
        i += g
    chunks, begin_g = [], 0
    target = max(1, n // pieces)
    for gi in range(1, len(groups) + 1):
        at_end = gi == len(groups)
        if not at_end:
            a = starts[gi]
            new_month = article_date(a, n).replace(day=1) != article_date(a - 1, n).replace(day=1)
            big_enough = a - starts[begin_g] >= target
        if at_end or (new_month and big_enough):
            chunks.append(
                (starts[begin_g], starts[gi] if not at_end else n, begin_g, groups[begin_g:gi])
            )
            begin_g = gi
    return chunks


def _write(path: Path, text: str, made: set) -> int:
    parent = path.parent
    if parent not in made:
        parent.mkdir(parents=True, exist_ok=True)
        made.add(parent)
    data = text.encode("utf-8")
    path.write_bytes(data)
    return len(data)


def generate_chunk(job) -> dict:
    out, n, seed, formats, (begin, end, ordinal, groups) = job
    out = Path(out)
    gen = Generator(n, seed)
    made: set = set()
    stats = {
        "articles": 0,
        "words": 0,
        "en": 0,
        "multi_files": 0,
        "bytes": dict.fromkeys(formats, 0),
        "edit": None,
    }
    edit_index = n // 2
    i = begin
    for size in groups:
        parts = []
        for k in range(size):
            a = gen.article(i)
            stats["articles"] += 1
            stats["words"] += a.words
            stats["en"] += a.lang == "en"
            if "markdown" in formats:
                stats["bytes"]["markdown"] += _write(
                    out / "markdown" / md_rel_path(a), render_markdown(a), made
                )
            if "hugo" in formats:
                stats["bytes"]["hugo"] += _write(
                    out / "hugo" / hugo_rel_path(a), render_hugo(a), made
                )
            parts.append(render_seed(a, k == 0))
            if i == edit_index:
                stats["edit"] = {
                    "index": i,
                    "lang": a.lang,
                    "markdown": md_rel_path(a),
                    "hugo": hugo_rel_path(a),
                }
            i += 1
        if "seed" in formats:
            text = "".join(parts)
            name = seed_file_name(ordinal, text)
            stats["bytes"]["seed"] += _write(out / "seed" / "seeds" / name, text, made)
            stats["multi_files"] += size > 1
            if stats["edit"] and begin <= edit_index < i and "seed" not in stats["edit"]:
                # Appending to the file edits its last article; pick a one-article file
                # at or after the middle so the edit touches exactly one article.
                if size == 1:
                    stats["edit"]["seed"] = f"seeds/{name}"
                    stats["edit"]["seed_lang"] = a.lang
        ordinal += 1
    assert i == end, (i, end)
    return stats


# ------------------------------------------------------------------ the site
def write_site_files(out: Path, formats) -> None:
    """Config files and the Hugo theme; run.py calls this on a cached corpus too."""
    for fmt in ("seed", "markdown"):
        if fmt in formats:
            (out / fmt).mkdir(parents=True, exist_ok=True)
            (out / fmt / "newsgen.yaml").write_text(NEWSGEN_YAML, encoding="utf-8")
    if "hugo" in formats:
        theme = Path(__file__).resolve().parent / "hugo_site"
        for sub in ("layouts", "static"):
            shutil.rmtree(out / "hugo" / sub, ignore_errors=True)
        shutil.copytree(theme, out / "hugo", dirs_exist_ok=True)


def generate(n: int, out: Path, formats=FORMATS, seed: int = 42, jobs: int = 0) -> dict:
    t0 = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    for fmt in formats:  # stale files from another N would change the site
        for sub in ("seeds", "content") if fmt != "hugo" else ("content",):
            shutil.rmtree(out / fmt / sub, ignore_errors=True)
    write_site_files(out, formats)
    jobs = jobs or min(os.cpu_count() or 1, 4)
    chunks = plan_chunks(n, seed, pieces=1 if n < 2000 else jobs * 8)
    work = [(str(out), n, seed, tuple(formats), c) for c in chunks]
    if jobs > 1 and len(work) > 1:
        import multiprocessing as mp

        with mp.get_context("fork").Pool(jobs) as pool:
            results = pool.map(generate_chunk, work, chunksize=1)
    else:
        results = [generate_chunk(w) for w in work]
    total = {
        "articles": 0,
        "words": 0,
        "en": 0,
        "multi_files": 0,
        "bytes": dict.fromkeys(formats, 0),
        "edit": {},
    }
    for r in results:
        for key in ("articles", "words", "en", "multi_files"):
            total[key] += r[key]
        for fmt in formats:
            total["bytes"][fmt] += r["bytes"][fmt]
    edit = next((r["edit"] for r in results if r["edit"]), {})  # one chunk holds article n//2
    if "seed" in formats and "seed" not in edit:  # no one-article file after it in that chunk
        edit["seed"] = _first_single_seed_file(out / "seed" / "seeds")
        edit["seed_lang"] = (
            "en" if _is_english((out / "seed" / edit["seed"]).read_text("utf-8")) else "uk"
        )
    manifest = {
        "generator_version": GENERATOR_VERSION,
        "n": n,
        "seed": seed,
        "formats": list(formats),
        "articles": total["articles"],
        "words": total["words"],
        "english_articles": total["en"],
        "seed_files": len(seed_groups(n, seed)),
        "multi_article_seed_files": total["multi_files"],
        "source_bytes": total["bytes"],
        "tags_in_pool": TAG_POOL_SIZE,
        "first_date": article_date(0, n).isoformat(),
        "last_date": article_date(n - 1, n).isoformat(),
        "edit": edit,
        "seconds": round(time.perf_counter() - t0, 2),
    }
    (out / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return manifest


def _first_single_seed_file(seeds: Path) -> str:
    names = sorted(p.name for p in seeds.iterdir())
    for name in names[len(names) // 2 :] + names:
        text = (seeds / name).read_text(encoding="utf-8")
        if "\ndate " not in text:
            return f"seeds/{name}"
    return f"seeds/{names[0]}"


def _is_english(text: str) -> bool:
    return sum("а" <= ch <= "я" for ch in text[:400]) < 20


# ----------------------------------------------------------- bench helpers
def extra_article(site: Path, fmt: str, n: int, seed: int = 42) -> tuple[Path, str]:
    """Path and text of article number n (one past the corpus), dated on its last day."""
    gen = Generator(n, seed)
    a = gen.article(n, date=article_date(n - 1, n))
    a.title = a.title + (" – оновлення" if a.lang == "uk" else " – update")
    a.slug = slugify(a.title) + "-extra"
    if fmt == "seed":
        text = render_seed(a, True)
        return site / "seeds" / seed_file_name(len(seed_groups(n, seed)), text), text
    if fmt == "markdown":
        return site / md_rel_path(a), render_markdown(a)
    return site / hugo_rel_path(a), render_hugo(a)


def write_extra_article(site: Path, fmt: str, n: int, seed: int = 42) -> Path:
    """Add one new article file to a generated site (the benchmark's "add" build)."""
    path, text = extra_article(site, fmt, n, seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def append_sentence(path: Path, lang: str) -> None:
    """Append one sentence to the article's last paragraph (a one-article edit)."""
    text = path.read_text(encoding="utf-8")
    sentence = vocab.EDIT_SENTENCE[lang]
    if text.endswith("\n"):
        text = text[:-1] + " " + sentence + "\n"
    else:
        text = text + " " + sentence
    path.write_bytes(text.encode("utf-8"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("out", type=Path, help="output folder")
    ap.add_argument("--format", choices=FORMATS + ("all",), default="all")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--jobs", type=int, default=0, help="worker processes (default: CPUs)")
    args = ap.parse_args(argv)
    if args.n < 1:
        ap.error("N must be at least 1")
    formats = FORMATS if args.format == "all" else (args.format,)
    m = generate(args.n, args.out, formats, args.seed, args.jobs)
    print(
        f"{m['articles']} articles, {m['words']} words, {m['seed_files']} seed files, "
        f"{m['first_date']}..{m['last_date']}, {m['seconds']} s -> {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
