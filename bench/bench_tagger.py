"""How much the entity tagger adds per article: a 1,000-article Ukrainian corpus, cold and warm.

Run:  .venv/bin/python bench/bench_tagger.py [--articles 1000] [--seed 55] [--repeat 3]
      .venv/bin/python bench/bench_tagger.py --seed-site bench/corpus/10000/seed

The corpus is generated deterministically from a seed by recombining sentences and
names written for this benchmark (inflected by hand, so the tagger has real work:
"Зеленського", "Києві", "з Москвою", «Укренерго», НАТО, ISW). With ``--seed-site`` the
articles are instead read from a seed site such as bench/corpus.py's (the 10,000-article
bench corpus), each tagged as a build tags it: its body's paragraphs, in the site
language. The machine's load average is printed beside the numbers, since other
processes inflate even CPU time (shared caches). Prints numbers only; nothing here is a test.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import time
from collections.abc import Sequence
from pathlib import Path

from newsgen.text import entities, morphology, names

# Name forms: nominative, genitive, dative, instrumental; then the bare surname's forms.
PEOPLE = [
    ("Володимир Зеленський", "Володимира Зеленського", "Володимиру Зеленському",
     "Володимиром Зеленським", "Зеленський", "Зеленського"),
    ("Марк Рютте", "Марка Рютте", "Марку Рютте", "Марком Рютте", "Рютте", "Рютте"),
    ("Емманюель Макрон", "Емманюеля Макрона", "Емманюелю Макрону", "Емманюелем Макроном",
     "Макрон", "Макрона"),
    ("Дональд Трамп", "Дональда Трампа", "Дональду Трампу", "Дональдом Трампом", "Трамп",
     "Трампа"),
    ("Дональд Туск", "Дональда Туска", "Дональду Туску", "Дональдом Туском", "Туск", "Туска"),
    ("Юлія Свириденко", "Юлії Свириденко", "Юлії Свириденко", "Юлією Свириденко",
     "Свириденко", "Свириденко"),
    ("Андрій Сибіга", "Андрія Сибіги", "Андрію Сибізі", "Андрієм Сибігою", "Сибіга", "Сибіги"),
    ("Фрідріх Мерц", "Фрідріха Мерца", "Фрідріху Мерцу", "Фрідріхом Мерцом", "Мерц", "Мерца"),
    ("Кір Стармер", "Кіра Стармера", "Кіру Стармеру", "Кіром Стармером", "Стармер",
     "Стармера"),
    ("Олександр Сирський", "Олександра Сирського", "Олександру Сирському",
     "Олександром Сирським", "Сирський", "Сирського"),
    ("Ганна Маляр", "Ганни Маляр", "Ганні Маляр", "Ганною Маляр", "Маляр", "Маляр"),
    ("Стів Віткофф", "Стіва Віткоффа", "Стіву Віткоффу", "Стівом Віткоффом", "Віткофф",
     "Віткоффа"),
    ("Віталій Кличко", "Віталія Кличка", "Віталію Кличку", "Віталієм Кличком", "Кличко",
     "Кличка"),
    ("Урсула фон дер Ляєн", "Урсули фон дер Ляєн", "Урсулі фон дер Ляєн",
     "Урсулою фон дер Ляєн", "фон дер Ляєн", "фон дер Ляєн"),
]  # fmt: skip
# Places: nominative, genitive, locative, instrumental.
PLACES = [
    ("Київ", "Києва", "Києві", "Києвом"), ("Харків", "Харкова", "Харкові", "Харковом"),
    ("Одеса", "Одеси", "Одесі", "Одесою"), ("Львів", "Львова", "Львові", "Львовом"),
    ("Москва", "Москви", "Москві", "Москвою"), ("Варшава", "Варшави", "Варшаві", "Варшавою"),
    ("Брюссель", "Брюсселя", "Брюсселі", "Брюсселем"), ("Дніпро", "Дніпра", "Дніпрі", "Дніпром"),
    ("Вашингтон", "Вашингтона", "Вашингтоні", "Вашингтоном"),
    ("Берлін", "Берліна", "Берліні", "Берліном"), ("Париж", "Парижа", "Парижі", "Парижем"),
    ("Женева", "Женеви", "Женеві", "Женевою"), ("Стамбул", "Стамбула", "Стамбулі", "Стамбулом"),
    ("Запоріжжя", "Запоріжжя", "Запоріжжі", "Запоріжжям"), ("Суми", "Сум", "Сумах", "Сумами"),
    ("Україна", "України", "Україні", "Україною"), ("Росія", "Росії", "Росії", "Росією"),
    ("Польща", "Польщі", "Польщі", "Польщею"), ("Франція", "Франції", "Франції", "Францією"),
]  # fmt: skip
ORGANISATIONS = ["НАТО", "ЄС", "ООН", "ЗСУ", "СБУ", "МЗС", "МАГАТЕ", "ОБСЄ", "ISW", "США"]
SOURCES = ["агенція Reuters", "агенція Bloomberg", "Радіо Свобода", "видання Politico",
           "Інститут вивчення війни", "компанія «Укренерго»", "НАК «Нафтогаз»"]  # fmt: skip

TEMPLATES = [
    "{p0} заявив, що {o} готові підтримати переговори в {l2}.",
    "Про це повідомляє {src}, посилаючись на джерела в {o}.",
    "За словами {p1}, ситуація поблизу {l1} залишається складною.",
    "{s0} наголосив, що рішення ухвалять після консультацій із союзниками.",
    "Раніше {p0} провів телефонну розмову з {p3}.",
    "Відповідаючи на запитання журналістів, {s0} додав, що {o} не змінюють позиції.",
    "Уночі в {l2} лунали вибухи, повідомили в Повітряних силах ЗСУ.",
    "Саме тому переговори з {l3} поки не мають сенсу, вважає {s0}.",
    "Але, як зазначає {src}, {s1} уже запропонував інший план.",
    "«Ми не відступимо від своїх принципів», – сказав {s0} у {l2}.",
    "Зустріч {p1} і {p4} відбудеться наступного тижня в {l2}.",
    "Під час візиту до {l1} {s0} зустрівся з представниками {o}.",
    "Аналітики вважають, що {l0} намагається затягнути процес.",
    "За даними {o}, за добу сили ППО збили понад 40 дронів над {l3}.",
    "Водночас у {l2} заявили, що готові продовжити діалог з {p3}.",
    "У грудні минулого року {p0} відвідав {l0} із робочим візитом.",
    "Про це він сказав на пресконференції в {l2} 11 лютого.",
    "Генсек також зазначив, що союзники координують свої дії.",
    "Європейські лідери обговорили фінансування оборони на саміті в {l2}.",
    "У понеділок {s1} повідомив, що отримав запрошення від {p2}.",
    "Деталі домовленостей не розголошуються, повідомляє {src}.",
    "Він пояснив, що прагнення до діалогу з {l3} пов’язане з новою фазою війни.",
    "Представник {o} сказав, що партнери чекають на відповідь із {l1}.",
    "Детальніше читайте на сайті https://example.com/news/Kyiv/2026.",
]
FILLER = [
    "Сторони домовилися продовжити консультації.",
    "Наразі жодних офіційних коментарів немає.",
    "Експерти радять не поспішати з висновками.",
    "Зустріч тривала понад дві години.",
    "Ситуацію уважно відстежують у регіоні.",
]


def make_corpus(count: int, seed: int) -> list[list[str]]:
    """``count`` articles (lists of paragraphs), the same for the same seed."""
    rng = random.Random(seed)
    return [_make_article(rng) for _ in range(count)]


def _make_article(rng: random.Random) -> list[str]:
    people = rng.sample(PEOPLE, 2)
    places = rng.sample(PLACES, 3)
    paragraphs = []
    for _ in range(rng.randint(6, 14)):  # the sample seed article has 11 paragraphs
        sentences = []
        for _ in range(rng.randint(2, 4)):
            template = rng.choice(TEMPLATES) if rng.random() < 0.8 else rng.choice(FILLER)
            sentences.append(_fill(template, rng, people, places))
        paragraphs.append(" ".join(sentences))
    return paragraphs


def _fill(
    template: str,
    rng: random.Random,
    people: Sequence[tuple[str, ...]],
    places: Sequence[tuple[str, ...]],
) -> str:
    person, other = rng.choice(people), rng.choice(people)
    place = rng.choice(places)
    text = template.format(
        p0=person[0], p1=person[1], p2=person[2], p3=other[3], p4=other[1],
        s0=person[4], s1=other[4], l0=place[0], l1=place[1], l2=place[2], l3=place[3],
        o=rng.choice(ORGANISATIONS), src=rng.choice(SOURCES),
    )  # fmt: skip
    return text[:1].upper() + text[1:]


def read_seed_site(site: Path) -> list[list[str]]:
    """Every article of a seed site, as the paragraphs a build gives the tagger."""
    from newsgen.sources.seed import parse_seed  # the build's own reader

    articles = []
    for path in sorted((site / "seeds").glob("*.txt")):
        sources, _ = parse_seed(path.read_text(encoding="utf-8"), path)
        articles += [[p for p in s.body.split("\n\n") if p.strip()] for s in sources]
    return articles


def time_pass(corpus: list[list[str]]) -> tuple[list[float], float]:
    """Wall-clock seconds per article, and the CPU seconds of the whole pass.

    CPU time is the steadier number on a shared machine: other processes inflate
    wall-clock time, not this process's CPU time.
    """
    timings = []
    cpu_start = time.process_time()
    for article in corpus:
        start = time.perf_counter()
        entities.extract_entity_tags(article)
        timings.append(time.perf_counter() - start)
    return timings, time.process_time() - cpu_start


def report(label: str, timings: list[float], cpu: float, chars: int) -> None:
    ms = sorted(t * 1000 for t in timings)
    print(
        f"{label:<12} wall mean {statistics.mean(ms):.3f} ms/article"
        f"   median {statistics.median(ms):.3f}   p95 {ms[int(len(ms) * 0.95)]:.3f}"
        f"   max {ms[-1]:.3f}   |   CPU {cpu * 1000 / len(ms):.3f} ms/article"
        f" = {cpu * 1e6 / chars:.3f} ms per 1,000 characters"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=55)
    parser.add_argument("--repeat", type=int, default=3, help="warm passes; the best is reported")
    parser.add_argument("--seed-site", type=Path, help="tag the articles of this seed site instead")
    args = parser.parse_args()

    corpus = read_seed_site(args.seed_site) if args.seed_site else make_corpus(args.articles, args.seed)
    chars = [sum(len(p) for p in article) for article in corpus]
    source = f"from {args.seed_site}" if args.seed_site else f"(seed {args.seed})"
    print(
        f"corpus       {len(corpus)} articles, mean {statistics.mean(chars):.0f} characters, "
        f"mean {statistics.mean(len(a) for a in corpus):.1f} paragraphs {source}"
    )
    print("load         %.2f %.2f %.2f (1, 5, 15 min) on %d cores" % (*os.getloadavg(), os.cpu_count()))

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    morphology.analyser("uk")
    load = time.perf_counter() - start
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"dictionary   pymorphy3 uk loaded in {load * 1000:.0f} ms, "
        f"peak RSS +{(rss_after - rss_before) / 1024:.1f} MiB"
    )

    report("cold", *time_pass(corpus), sum(chars))
    best = min((time_pass(corpus) for _ in range(args.repeat)), key=lambda run: run[1])
    report("warm (best)", *best, sum(chars))
    words = morphology.analyse.cache_info().currsize
    runs = names.name_morphology_run.cache_info().currsize
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"caches       {words} word forms, {runs} runs of names; peak RSS {peak:.0f} MiB")
    print("load         %.2f %.2f %.2f (1, 5, 15 min)" % os.getloadavg())
    sample = entities.extract_entity_tags(corpus[0])
    print("first article's tags: " + ", ".join(f"{t.name} ({t.kind})" for t in sample))


if __name__ == "__main__":
    main()
