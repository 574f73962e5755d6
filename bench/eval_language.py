"""How newsgen's derived tags and headlines hold on real Ukrainian news, against people's marks.

Run:  .venv/bin/python bench/eval_language.py [CORPORA] [--split DEV|DEV-1|DEV-2|TEST|ALL] [--out DIR]

CORPORA is the folder holding ``ner-uk-ng/`` and ``uk-press-titles/`` (default
``../shared/corpora`` seen from the repository's root). Not part of ``make test``: the
corpora are licensed CC BY-NC-SA and never copied into the repository. Tune on DEV only;
report on TEST. DEV-1 and DEV-2 are DEV's two halves, told apart by a hash of each text's
id: tune on one, and keep a rule only when the other half agrees.

The derivation is newsgen's own (``articles.derive_article``, the function a build calls),
so what is measured here is what a site shows. Per split it prints and saves:

- tag precision: the share of derived tags that name a marked PERS, ORG, LOC, DOC, ART or
  MISC entity of the text, compared word by word in dictionary form (each word's pymorphy3
  lemmas), the tag in its dictionary form;
- wholeness: of the right tags, the share that are a whole entity ("Сумська область"), not
  a piece of one ("Сумська"); whole-tag precision is the share of all tags that are whole;
- kind agreement: of the right tags, the share whose kind is the entity's type (a person PERS,
  a place LOC, an organisation ORG, a topic any other): the tag index groups tags by kind;
- salient recall: of the marked entities mentioned at least twice or in the first paragraph,
  the share that became tags (a person's tag "Марк Рютте" covers a bare "Рютте");
- tags per article; archive-level: topics used once, the 30 most frequent, and topics that
  are one name in several forms;
- headlines (on uk-press-titles): the share opening with a discourse connective, ending in
  "…", whose card summary repeats the headline, and the content-word overlap with the title
  the editors published.

A report listing every wrong and missed tag, and each headline beside the published one,
goes to ``bench/out/eval_language-<split>.md``.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newsgen.records import Article, Derivation, SourceArticle  # noqa: E402
from newsgen.sources.articles import derive_article  # noqa: E402
from newsgen.sources.seed import parse_seed  # noqa: E402
from newsgen.text.morphology import analyser  # noqa: E402

TOPIC_TYPES = frozenset({"PERS", "ORG", "LOC", "DOC", "ART", "MISC"})
# Company legal forms and quotes are not part of what a reader calls the company.
_LEGAL_FORMS = frozenset("тов пат прат ат дп кп нак тзов фоп пп зат ват кс дпп го пф вп ог ооо оао зао".split())
# An abbreviated noun is the noun: "вул. Ковпака" is "вулиця Ковпака", "Київська обл." "Київська область".
_STREET_ABBREVIATIONS = {"вул": "вулиця", "просп": "проспект", "пл": "площа", "пров": "провулок", "бул": "бульвар",
                         "обл": "область", "р-н": "район", "р-ну": "район", "р-ні": "район"}  # fmt: skip
_PLACE_ABBREVIATIONS = frozenset({"м", "с", "смт"})
_QUOTES = "«»\"„“”"
_WORD = re.compile(r"[\w'’ʼ-]+")
# Openers that make a headline read as the middle of a story.
CONNECTIVES = (
    "разом з тим", "разом із тим", "зокрема", "нагадаємо", "також", "крім того", "окрім того",
    "водночас", "однак", "проте", "тому", "отже", "натомість", "при цьому", "до того ж",
    "між тим", "втім", "адже", "тим часом", "відтак", "таким чином", "як відомо",
    "як повідомлялося", "як зазначається", "як зазначив", "як зазначила", "утім", "щоправда",
    "до речі", "у свою чергу", "в свою чергу", "згодом", "а ", "і ", "й ", "та ", "але ",
    "на думку", "за словами", "про це",
)  # fmt: skip
_CONTENT_POS = frozenset({"NOUN", "ADJF", "VERB", "INFN", "PRTF", "ADVB", "NUMR"})


# --- Dictionary forms ----------------------------------------------------------------


_lemma_cache: dict[str, frozenset[str]] = {}


def lemmas(word: str) -> frozenset[str]:
    """Every dictionary form pymorphy3 gives a word (lower case, ASCII apostrophe)."""
    key = word.lower().replace("’", "'").replace("ʼ", "'")
    found = _lemma_cache.get(key)
    if found is None:
        parses = analyser("uk").parse(key)
        found = frozenset({key} | {p.normal_form for p in parses})
        _lemma_cache[key] = found
    return found


def words_of(name: str) -> list[str]:
    words = [w.strip("-") for w in _WORD.findall(name.translate({ord(q): " " for q in _QUOTES}))]
    words = [w for w in words if w]
    while len(words) > 1 and words[0].lower() in _LEGAL_FORMS | _PLACE_ABBREVIATIONS:
        words = words[1:]  # "ПАТ «Укртрансгаз»" is the company Укртрансгаз; "м. Києва" is Київ
    return [_STREET_ABBREVIATIONS.get(w.lower(), w) for w in words]


Phrase = tuple[frozenset[str], ...]


def phrase(name: str) -> Phrase:
    return tuple(lemmas(w) for w in words_of(name))


def same_phrase(a: Phrase, b: Phrase) -> bool:
    return len(a) == len(b) > 0 and all(x & y for x, y in zip(a, b, strict=True))


_PATRONYMIC = re.compile(r"(?:ович|евич|йович|івна|ївна|овна|евна)$")


def same_person(tag: Phrase, entity: Phrase) -> bool:
    """First name and surname in either order, the patronymic left out: "Андрій Мельник"
    is "Мельник Андрій Володимирович"."""
    core = [w for w in entity if not any(_PATRONYMIC.search(x) for x in w)]
    if len(core) != len(tag):
        return False
    left = list(core)
    for word in tag:
        match = next((w for w in left if w & word), None)
        if match is None:
            return False
        left.remove(match)
    return True


def piece_of(tag: Phrase, entity: Phrase) -> bool:
    """The tag is a run of the entity's words, shorter than it: "Федерація" of "Російська Федерація"."""
    n = len(tag)
    return 0 < n < len(entity) and any(
        same_phrase(tag, entity[i : i + n]) for i in range(len(entity) - n + 1)
    )


def in_dictionary_form(name: str) -> bool:
    """The tag's first word can be a nominative (or does not inflect): "Полтава", not "Полтаві"."""
    words = words_of(name)
    if not words:
        return False
    first = words[0]
    if first.isupper() or not re.search(r"[а-яіїєґ]", first.lower()):
        return True  # abbreviations and Latin names are written as they are
    lookup = first.lower().replace("’", "'").replace("ʼ", "'")
    if not analyser("uk").word_is_known(lookup):
        return True  # a guessed parse proves nothing: "Аеробуд"
    parses = analyser("uk").parse(lookup)
    if not any(p.tag.POS in ("NOUN", "ADJF") for p in parses):
        return True
    return any(p.tag.case in ("nomn", None) or "Fixd" in p.tag.grammemes for p in parses)


# --- The NER corpus ------------------------------------------------------------------


@dataclass
class Entity:
    """One marked entity of a text: its mentions grouped by dictionary form."""

    type: str
    surface: str  # the first mention as written
    phrase: Phrase
    mentions: int = 0
    in_first_paragraph: bool = False
    forms: set[str] = field(default_factory=set)

    @property
    def salient(self) -> bool:
        """Central to the text; an address ("вул. Крилова, 7") is never a topic."""
        numbered = any(c.isdigit() for c in self.surface)
        return not numbered and (self.mentions >= 2 or self.in_first_paragraph)


@dataclass
class Text:
    id: str
    paragraphs: list[str]
    entities: list[Entity]  # topic types only


def read_split(corpus: Path, split: str) -> list[str]:
    if split in ("DEV-1", "DEV-2"):
        half = int(split[-1]) - 1
        return [i for i in read_split(corpus, "DEV") if int(hashlib.sha1(i.encode()).hexdigest(), 16) % 2 == half]
    ids: dict[str, list[str]] = defaultdict(list)
    current = ""
    for line in (corpus / "split.txt").read_text(encoding="utf-8").split():
        if line in ("DEV", "TEST"):
            current = line
        else:
            ids[current].append(line)
    return ids[split] if split != "ALL" else ids["DEV"] + ids["TEST"]


def read_text(corpus: Path, text_id: str) -> Text:
    raw = (corpus / "data" / f"{text_id}.txt").read_text(encoding="utf-8")
    entities: list[Entity] = []
    for line in (corpus / "data" / f"{text_id}.ann").read_text(encoding="utf-8").splitlines():
        if not line.startswith("T"):
            continue
        # brat writes "T1<tab>ORG 0 17<tab>text"; this copy has tabs throughout
        fields = line.split("\t")
        kind, start = (fields[1], fields[2]) if len(fields) >= 5 else fields[1].split()[:2]
        surface = fields[-1]
        if kind not in TOPIC_TYPES:
            continue
        mention = phrase(surface)
        if not mention:
            continue
        paragraph = raw.count("\n", 0, int(start))
        entity = next((e for e in entities if same_phrase(e.phrase, mention)), None)
        if entity is None:
            entity = Entity(kind, surface, mention)
            entities.append(entity)
        entity.mentions += 1
        entity.in_first_paragraph |= paragraph == 0
        entity.forms.add(surface)
    _join_bare_names(entities, surname)
    _join_bare_names(entities, first_name)
    return Text(text_id, [p for p in raw.split("\n") if p.strip()], entities)


def surname(name: Phrase) -> Phrase:
    """A person's surname: the last word that is no initial ("Прасол" of "Прасола А. Є.")."""
    words = [w for w in name if any(len(x) > 1 for x in w)]
    return tuple(words[-1:])


def _join_bare_names(entities: list[Entity], part: Callable[[Phrase], Phrase]) -> None:
    """A bare name that is ``part`` of exactly one full name of the text is that person: count it
    there. A bare "Рютте" is "Марк Рютте" (``surname``; "Прасол" is "Прасол А. Є."), a bare "Ірина"
    is "Ірина Коваль" (the first name), so that one person is one tag; a name the text gives two
    people stays an entity of its own."""
    people = [e for e in entities if e.type == "PERS"]
    for bare in [e for e in people if len(e.phrase) == 1]:
        full = [e for e in people if len(e.phrase) > 1 and same_phrase(part(e.phrase), bare.phrase)]
        if len(full) == 1:
            full[0].mentions += bare.mentions
            full[0].in_first_paragraph |= bare.in_first_paragraph
            full[0].forms |= bare.forms
            entities.remove(bare)


def first_name(name: Phrase) -> Phrase:
    return name[:1]


def derive(paragraphs: Sequence[str], number: int, settings: Derivation) -> Article:
    source = SourceArticle(
        source_path=Path(f"eval/{number:04d}.txt"),
        source_line=1,
        source_format="seed",
        date=datetime.date(2026, 1, 1),
        published=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
        body="\n\n".join(" ".join(p.split()) for p in paragraphs),
        body_line=1,
    )
    return derive_article(source, settings)


# --- Scoring tags --------------------------------------------------------------------


@dataclass
class TagVerdict:
    tag: str
    kind: str
    right: bool
    whole: bool
    why: str  # for the report
    entity_type: str = ""  # the marked entity's type, for right tags

    @property
    def kind_agrees(self) -> bool:
        """A person is PERS, a place LOC, an organisation ORG, a topic any other type (DOC, ART, MISC)."""
        return _KIND_OF_TYPE.get(self.entity_type, "topic") == self.kind


_KIND_OF_TYPE = {"PERS": "person", "LOC": "place", "ORG": "organisation"}


def judge_tag(name: str, kind: str, entities: Sequence[Entity]) -> TagVerdict:
    tag = phrase(name)
    if not in_dictionary_form(name):
        return TagVerdict(name, kind, False, False, "not in dictionary form")
    for entity in entities:
        if same_phrase(tag, entity.phrase):
            return TagVerdict(name, kind, True, True, f"{entity.type} {entity.surface}", entity.type)
    for entity in entities:
        if entity.type == "PERS" and len(tag) > 1 and same_person(tag, entity.phrase):
            return TagVerdict(name, kind, True, True, f"PERS {entity.surface}", "PERS")
    for entity in entities:
        if entity.type == "PERS" and len(tag) > 1 and same_phrase(surname(tag), surname(entity.phrase)):
            # "Марк Рютте" for a text marking only "Рютте"; or a first name in another form
            return TagVerdict(name, kind, True, len(tag) >= len(entity.phrase), f"PERS {entity.surface}", "PERS")
    for entity in entities:
        if piece_of(tag, entity.phrase):
            return TagVerdict(name, kind, True, False, f"a piece of {entity.type} {entity.surface}", entity.type)
    return TagVerdict(name, kind, False, False, "not a marked entity")


def covers(tag_phrases: Sequence[Phrase], entity: Entity) -> bool:
    for tag in tag_phrases:
        if same_phrase(tag, entity.phrase):
            return True
        if entity.type == "PERS" and tag and (same_phrase(surname(tag), surname(entity.phrase)) or same_person(tag, entity.phrase)):
            return True
    return False


@dataclass
class TagScores:
    articles: int = 0
    tags: int = 0
    right: int = 0
    whole: int = 0
    kind_agrees: int = 0
    salient: int = 0
    recalled: int = 0
    seconds: float = 0.0
    per_article: list[int] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    names: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    report: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, object]:
        once = sum(1 for c in self.counts.values() if c == 1)
        forms = _forms_of_one_name(self.names)
        per = self.per_article or [0]
        return {
            "articles": self.articles,
            "tag_precision": _share(self.right, self.tags),
            "wholeness": _share(self.whole, self.right),
            "whole_tag_precision": _share(self.whole, self.tags),
            "kind_agreement": _share(self.kind_agrees, self.right),
            "salient_recall": _share(self.recalled, self.salient),
            "tags_per_article": round(self.tags / max(1, self.articles), 2),
            "articles_with_3_to_7_tags": _share(sum(1 for n in per if 3 <= n <= 7), len(per)),
            "topics": len(self.counts),
            "topics_used_once": once,
            "names_in_several_forms": len(forms),
            "ms_per_article": round(1000 * self.seconds / max(1, self.articles), 2),
            "most_frequent": [f"{self._display(k)} ({c})" for k, c in self.counts.most_common(30)],
        }

    def _display(self, key: str) -> str:
        return self.names[key].most_common(1)[0][0]


def _forms_of_one_name(names: dict[str, Counter[str]]) -> list[list[str]]:
    """Topics that are one name in different forms: "Полтава" beside "Полтаві"."""
    groups = []
    keys = list(names)
    seen: set[str] = set()
    for i, a in enumerate(keys):
        if a in seen:
            continue
        group = [a]
        pa = phrase(names[a].most_common(1)[0][0])
        for b in keys[i + 1 :]:
            if b not in seen and same_phrase(pa, phrase(names[b].most_common(1)[0][0])):
                group.append(b)
                seen.add(b)
        if len(group) > 1:
            groups.append(group)
    return groups


def _share(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


def score_tags(texts: Iterable[Text], settings: Derivation) -> TagScores:
    scores = TagScores()
    for number, text in enumerate(texts):
        started = time.perf_counter()
        article = derive(text.paragraphs, number, settings)
        scores.seconds += time.perf_counter() - started
        scores.articles += 1
        verdicts = [judge_tag(t.name, t.kind, text.entities) for t in article.tags]
        scores.tags += len(verdicts)
        scores.per_article.append(len(verdicts))
        scores.right += sum(v.right for v in verdicts)
        scores.whole += sum(v.whole for v in verdicts)
        scores.kind_agrees += sum(v.right and v.kind_agrees for v in verdicts)
        for tag in article.tags:
            scores.counts[tag.key] += 1
            scores.names[tag.key][tag.name] += 1
        tag_phrases = [phrase(t.name) for t in article.tags]
        salient = [e for e in text.entities if e.salient]
        missed = [e for e in salient if not covers(tag_phrases, e)]
        scores.salient += len(salient)
        scores.recalled += len(salient) - len(missed)
        scores.report += _text_report(text, article, verdicts, missed)
    return scores


def _text_report(text: Text, article: Article, verdicts: list[TagVerdict], missed: list[Entity]) -> list[str]:
    lines = [f"### {text.id}", f"headline: {article.title}", ""]
    for v in verdicts:
        mark = "ok" if v.right and v.whole else "PIECE" if v.right else "WRONG"
        kind = "" if not v.right or v.kind_agrees else ", KIND"
        lines.append(f"- {mark}: {v.tag} ({v.kind}{kind}) — {v.why}")
    for entity in missed:
        why = f"{entity.mentions}x" + (", first paragraph" if entity.in_first_paragraph else "")
        lines.append(f"- MISSED: {entity.type} {entity.surface} ({why}; forms: {', '.join(sorted(entity.forms))})")
    lines.append("")
    return lines


# --- Headlines -----------------------------------------------------------------------


def opens_with_connective(headline: str) -> bool:
    lower = headline.lower().lstrip(_QUOTES + " ")
    return any(lower.startswith(c) and (c.endswith(" ") or not lower[len(c) : len(c) + 1].isalpha()) for c in CONNECTIVES)


def repeats(headline: str, summary: str) -> bool:
    """The card's summary says the headline again (word for word, or its opening)."""
    head = " ".join(headline.rstrip("…").split()).rstrip(".!?").lower()
    return bool(head) and head[: max(20, len(head) - 5)] in " ".join(summary.split()).lower()


def content_lemmas(text: str) -> set[str]:
    out = set()
    for word in _WORD.findall(text.lower()):
        parses = analyser("uk").parse(word.replace("’", "'"))
        if parses and parses[0].tag.POS in _CONTENT_POS and len(word) > 2:
            out.add(parses[0].normal_form)
    return out


def score_headlines(corpus: Path, settings: Derivation) -> tuple[dict[str, object], list[str]]:
    titles = {}
    for line in (corpus / "titles.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        file, _, _, title = line.split("\t", 3)
        titles[file] = title
    connective = ellipsis = repeated = 0
    overlaps: list[float] = []
    lengths: list[int] = []
    report = ["## Headlines beside the published titles", ""]
    for file, published in sorted(titles.items()):
        path = corpus / "texts" / file
        sources, _ = parse_seed(path.read_text(encoding="utf-8"), path)
        if not sources:
            continue
        article = derive_article(sources[0], settings)
        headline, summary = article.title, article.summary
        flags = []
        if opens_with_connective(headline):
            connective += 1
            flags.append("CONNECTIVE")
        if headline.endswith("…"):
            ellipsis += 1
            flags.append("ELLIPSIS")
        if repeats(headline, summary):
            repeated += 1
            flags.append("REPEATED")
        wanted = content_lemmas(published)
        got = content_lemmas(headline)
        overlap = len(wanted & got) / len(wanted) if wanted else 0.0
        overlaps.append(overlap)
        lengths.append(len(headline))
        report += [
            f"- {file} {' '.join(flags)}",
            f"  - published: {published}",
            f"  - derived:   {headline}",
            f"  - card:      {summary[:160]}",
            f"  - overlap {overlap:.2f}",
        ]
    n = len(overlaps)
    numbers = {
        "texts": n,
        "opens_with_connective": _share(connective, n),
        "ends_with_ellipsis": _share(ellipsis, n),
        "card_repeats_headline": _share(repeated, n),
        "title_overlap": round(statistics.mean(overlaps), 3) if overlaps else 0.0,
        "headline_chars_median": int(statistics.median(lengths)) if lengths else 0,
    }
    return numbers, report


# --- The command ---------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="?", type=Path, default=REPO.parent / "shared" / "corpora")
    parser.add_argument("--split", choices=("DEV", "DEV-1", "DEV-2", "TEST", "ALL"), default="DEV")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out")
    parser.add_argument("--max-tags", type=int, default=8, help="newsgen.yaml's max_tags (default 8)")
    args = parser.parse_args(argv)
    ner, press = args.corpora / "ner-uk-ng", args.corpora / "uk-press-titles"
    if not ner.is_dir() or not press.is_dir():
        parser.error(f"{args.corpora} holds no ner-uk-ng/ and uk-press-titles/ (give the corpora folder)")
    settings = Derivation("uk", "translit", args.max_tags, "sanitize")
    derive(["Олена Коваль і посол НАТО зустрілися в Києві."], 0, settings)  # load the dictionaries first
    texts = [read_text(ner, text_id) for text_id in read_split(ner, args.split)]
    tags = score_tags(texts, settings)
    headlines, headline_report = score_headlines(press, settings)
    numbers = {"split": args.split, "tags": tags.summary(), "headlines": headlines}
    args.out.mkdir(parents=True, exist_ok=True)
    report = args.out / f"eval_language-{args.split}.md"
    report.write_text(
        "\n".join(
            [f"# newsgen's tags and headlines on {args.split}", "", "```json",
             json.dumps(numbers, ensure_ascii=False, indent=2), "```", "", "## Tags per text", "",
             *tags.report, *headline_report, ""]
        ),
        encoding="utf-8",
    )  # fmt: skip
    (args.out / f"eval_language-{args.split}.json").write_text(
        json.dumps(numbers, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(json.dumps(numbers, ensure_ascii=False, indent=2))
    print(f"report: {report}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
