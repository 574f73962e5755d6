"""An organisation's name as long as the text writes it: the adjective before an
abbreviation ("Диканської РДА"), the lower-case genitives after its head ("Інституту вивчення
війни"), and the names in the genitive that follow it ("Господарського суду Рівненської
області", "Служби безпеки України")."""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from newsgen.text import lexicon
from newsgen.text.found import Found, Mention, Token, lemmas_of, tag_key
from newsgen.text.morphology import analyse
from newsgen.text.organisations import PUNCTUATION, genitive_name, genitive_tail
from newsgen.text.phrases import NO_NAME, adjective_nominative, name_adjective_noun, name_adjective_words

if TYPE_CHECKING:
    from newsgen.text.paragraph import ParagraphReader

_NEXT_WORD = re.compile(r",? [\w'’ʼ-]+")
_TOWN_WORD = re.compile(r"(?:м\.|міста|смт|с\.) ")
_IN_TERRITORY = re.compile(r" [ув] ((?:м\.|місті|смт|с\.) ?)?")
_REGION = re.compile(r" (?:область|район|край)$|^(?:крим|арк|ар крим)$")
_NUMBER = re.compile(r" ?№ ?\d+")
_ABBREVIATION_AFTER = re.compile(r" ([А-ЯІЇЄҐ]{2,})\b")
_MATTERS = re.compile(r" (?:з (?:питань|регулювання|підготовки|охорони|нагляду|контролю|захисту|розвитку|надання)|у справах)")
_LOWER_WORD = re.compile(r"([а-яіїєґ'’ʼ-]+) ")
_LOWER_CHAIN = re.compile(r"(?:[а-яіїєґ'’ʼ-]+ ){1,8}[А-ЯІЇЄҐ]")  # lower-case words, then a capital
_CONJUNCTIONS = frozenset({"та", "і", "й"})
_LINKING = frozenset({"з", "із", "від", "у", "в", "на", "для", "при"}) | _CONJUNCTIONS  # inside official names
_LINKED_WORDS = 8
_FIRST_WORD = re.compile(r"\S+")  # a word as str.split() cuts it: `\s` is str.isspace()
_PHRASE_WINDOW = 120
_MATTERS_OPEN = frozenset({" з ", " у "})
_NAMED_AFTER_STARTS = (" ім.", " імені ")
# "імені Тараса Шевченка", "ім. Т.Г.Шевченка", "ім. В. Гнатюка": initials and a surname, or a first name and one
_NAMED_AFTER = re.compile(
    r" (?:ім\.|імені) ?(?:(?:[А-ЯІЇЄҐ]\. ?){1,3}[А-ЯІЇЄҐ][\w'’ʼ-]+|[А-ЯІЇЄҐ][\w'’ʼ-]+(?: [А-ЯІЇЄҐ][\w'’ʼ-]+)?)"
)
_NOT_IN_NAMES = frozenset(
    "склад структура участь чоло рамка межа підсумок результат час період сайт вебсайт веб-сайт сторінка".split()
)
# Who states matters for the body named after them: "Комісара ЄС з питань …", "комітету Верховної Ради
# з питань …" (not "департаменту Державної служби з питань геодезії", the service's own matters).
_GOVERNING_HEADS = lexicon.PERSON_CUES | {"комісар", "уповноважений", "комітет", "підкомітет", "комісія"}


def with_adjective(reader: ParagraphReader, found: Found, start: int) -> Found:
    """An abbreviation with the capitalised adjective before it: "Диканської РДА" ->
    "Диканська РДА" (the adjective's mention, already read, is taken back)."""
    before = reader.text.rfind(" ", 0, start - 1) + 1
    word = reader.text[before : start - 1]
    if start < 2 or reader.text[start - 1] != " " or not word[:1].isupper() or word.isupper():
        return found
    adjective = adjective_nominative(word, reader.lang)
    if adjective is None:
        return found
    if before in reader.starts:
        reader.absorbed.add(reader.starts[before])
    name = f"{adjective} {found.name}"
    written = adjective == word  # else put in the nominative, its gender a guess: "Черкаського ОТВ" -> "Черкаський"
    return replace(found, name=name, key=tag_key(name), offset=before - start, strong=False, as_written=written)


def _end_of(reader: ParagraphReader, found: Found, run: list[Token]) -> int:
    """Where a name ends in the text: its last word in the run, and the lower-case
    words its name carries beyond the run ("Господарського суду", "Служба безпеки")."""
    last = run[min(len(run), found.offset + found.size) - 1]
    end = last[1] + len(last[0])
    if found.name[:1].islower():  # "проспект Миру": its first word stands before the run
        return end
    words = len(found.name.split())
    if words == 1:  # the common case: a one-word name ends with its token
        return end
    covered = sum(len(t[0].split()) for t in run[found.offset : found.offset + found.size])
    return _end_after(reader.text, end, words - covered)


def with_genitive_names(reader: ParagraphReader, found: list[Mention]) -> set[int]:
    """An organisation takes the names in the genitive that follow it, as written:
    "Господарського суду Рівненської області", "Служби безпеки України", "ОТВ АМКУ";
    then the region it serves and its number: "… у Чернігівській області", "… №3"."""
    merged: set[int] = set()
    for index in reader.heads:
        if index in reader.absorbed:
            continue
        mention = found[index]
        own_end = _end_of(reader, *reader.read_in[index])
        merged |= _read_inside(reader, index, own_end)
        if not _may_run_on(reader.text, own_end):
            continue  # punctuation or the paragraph's end closes the name: "… НАТО, …"
        parts, end = _followers(reader, found, mention, own_end, merged)
        if reader.text[end : end + 3] in _MATTERS_OPEN and _states_matters(reader, index, mention.found):
            end = _on_matters(reader, end, parts)
        if reader.text.startswith(_NAMED_AFTER_STARTS, end):
            end = _named_after(reader.text, end, parts)
        parts += _territory_and_number(reader, found, end, merged)
        if parts:
            name = " ".join([mention.found.name, *parts])
            strong = mention.found.strong or _proper_even_at_a_start(mention.found.name, parts, reader.lang)
            whole = replace(mention.found, name=name, key=tag_key(name), takes_tail=False, strong=strong)
            found[index] = mention._replace(found=whole)
    return merged


def _may_run_on(text: str, end: int) -> bool:
    """Whether a name's own words can go on where they end: over a space, a number sign, or a
    lower-case letter straight after (all that followers, matters, regions and numbers start with)."""
    after = text[end : end + 2]
    return after[:1] in (" ", "№") or after[1:].islower()


def _read_inside(reader: ParagraphReader, index: int, end: int) -> set[int]:
    """Mentions read within an organisation's own words: "ЖКГ" of "Міністерство розвитку,
    будівництва і ЖКГ"."""
    found, run = reader.read_in[index]
    last = run[min(len(run), found.offset + found.size) - 1]
    if end <= last[1] + len(last[0]):
        return set()  # the name ends with its run: nothing else was read inside it
    start = run[found.offset][1]
    return {i for at, i in reader.starts.items() if start < at < end and i != index}


def _proper_even_at_a_start(name: str, parts: list[str], lang: str) -> bool:
    """A body's name that runs on is a name even opening a sentence ("Управління МНС України"),
    unless it is plural with no abbreviation in it: "Громадські організації Британії"."""
    if any(part.split()[0].isupper() for part in parts):
        return True
    return any(r.case == "nomn" and not r.plural for r in analyse(name.split()[0], lang).readings)


def _followers(
    reader: ParagraphReader, found: list[Mention], mention: Mention, end: int, merged: set[int]
) -> tuple[list[str], int]:
    """The genitive names (and abbreviations) right after an organisation, and where they end."""
    text, parts = reader.text, []
    head_last = text[end + 1 : end + 2].islower() and not mention.found.takes_tail
    if head_last and mention.found.key.rsplit(" ", 1)[-1] in lexicon.ORGANISATION_HEADS:
        # a head the run ended on: "Головне Управління капітального будівництва …"
        tail = genitive_tail(text, end, reader.lang)
        if tail:
            parts.append(" ".join(tail))
            end = _end_after(text, end, len(tail))
    while True:
        at = end + 1 if text[end : end + 1] == " " else -1
        # a generic head alone ("Компанія «Дельта»") leaves the name to the quotes
        if at in reader.quoted_at and _named_in_quotes(mention.found.name) and reader.quoted_at[at][0] not in merged:
            quoted, end = reader.quoted_at[at]  # "Міжнародний аеропорт «Бориспіль»"
            parts.append(text[at:end])
            merged.add(quoted)
            break
        town = _TOWN_WORD.match(text, at) if at > 0 else None  # "суду м. Києва"
        follower_at = town.end() if town else at
        follower = _follower(reader, found, follower_at, merged)
        if follower is None and at > 0 and mention.found.kind == "organisation":
            follower_at, follower = _through_lower_words(reader, found, at, merged)
        if follower is None:
            break
        other_end = _end_of(reader, *reader.read_in[follower])
        first_word = text[follower_at:other_end].split()[0]
        if not (first_word.isupper() or genitive_name(first_word, reader.lang)):
            break  # an abbreviation is never inflected: "ОТВ АМКУ", "АТЦ СБУ"
        parts.append(text[at:other_end])
        merged.add(follower)
        end = other_end
    return parts, end


def _named_in_quotes(name: str) -> bool:
    """A body whose name goes on in guillemets ("Міжнародний аеропорт «Бориспіль»"), not a
    state body, whose quoted neighbour is another body: "Міністерство оборони «Укрвійськбуд»"."""
    return " " in name and name.split(" ", 1)[0].lower() not in lexicon.STATE_BODY_HEADS


def _through_lower_words(
    reader: ParagraphReader, found: list[Mention], at: int, merged: set[int]
) -> tuple[int, int | None]:
    """A long official name runs on over lower-case words to a name in the genitive:
    "Служба з надзвичайних ситуацій України", "Фонд соціального страхування від нещасних
    випадків на виробництві України". Only nouns and adjectives in an oblique case, the
    prepositions and conjunctions of such names; a verb or punctuation ends it, and the
    word before the name must be a noun it depends on (not "НАТО від України")."""
    text, lang = reader.text, reader.lang
    if _LOWER_CHAIN.match(text, at) is None:
        return at, None  # the common case: no capitalised name after a few lower-case words
    for count in range(_LINKED_WORDS):
        word = _LOWER_WORD.match(text, at)
        if word is None:
            break
        bare = word.group(1)
        if bare in _LINKING:
            if count == 0 and bare in _CONJUNCTIONS:
                break  # "… комісії та місцевої влади Британії": another body, not this one's name
            at = word.end()
            continue
        info = analyse(bare, lang)
        oblique = [r for r in info.with_role("noun", "adjective") if r.case not in (None, "nomn")]
        # people are no part of a body's name ("заступником голови"), nor is "у складі"
        people = all(r.animate and r.role == "noun" for r in oblique)
        if info.function_word or not oblique or people or any(r.lemma in _NOT_IN_NAMES for r in oblique):
            break
        at = word.end()
        follower = _follower(reader, found, at, merged)
        if follower is not None:
            if found[follower].found.name[:1].islower():
                break  # a street: "Офіс на проспекті Миру" is an office on a street, no body's name
            first_word = text[at : _end_of(reader, *reader.read_in[follower])].split()[0]
            if genitive_name(first_word, lang):
                return at, follower
    return at, None


def _named_after(text: str, end: int, parts: list[str]) -> int:
    """The person an institution is named after, as written: "… університету імені В. Гнатюка",
    "… музею ім. Д. Яворницького" (the person alone is no topic: see conventions)."""
    named = _NAMED_AFTER.match(text, end)
    if named is None:
        return end
    parts.append(named.group().strip())
    return named.end()


def _states_matters(reader: ParagraphReader, index: int, found: Found) -> bool:
    """A body named in full may state its matters; not one named after the head that does:
    "Комісара ЄС з питань …", "комітету Верховної Ради з питань …"."""
    if found.kind != "organisation" or found.name.isupper():
        return False
    read, run = reader.read_in[index]
    start = run[read.offset][1]
    return not lemmas_of(reader.previous_word(start), reader.lang) & _GOVERNING_HEADS


def _on_matters(reader: ParagraphReader, end: int, parts: list[str]) -> int:
    """The matters a body deals with, as its official name states them: "Державна служба з
    питань геодезії, картографії та кадастру", "Нацкомісія з регулювання ринку …"."""
    matters = _MATTERS.match(reader.text, end)
    tail = genitive_tail(reader.text, matters.end(), reader.lang, limit=5) if matters else []
    if not tail:
        return end
    parts.append(" ".join([matters.group().strip(), *tail]))
    return _end_after(reader.text, matters.end(), len(tail))


def _end_after(text: str, end: int, words: int) -> int:
    """Where the ``words`` words after ``end`` end."""
    for _ in range(words):
        match = _NEXT_WORD.match(text, end)
        if match is None:
            break
        end = match.end()
    return end


def _follower(reader: ParagraphReader, found: list[Mention], at: int, merged: set[int]) -> int | None:
    """The index of a place or organisation mention starting at ``at``, still free to take."""
    follower = reader.starts.get(at)
    if follower is None or follower in merged or follower in reader.absorbed or follower not in reader.read_in:
        return None
    return follower if found[follower].found.kind in ("place", "organisation") else None


def _territory_and_number(reader: ParagraphReader, found: list[Mention], end: int, merged: set[int]) -> list[str]:
    """The region an office serves and its number: "у Чернігівській області", "у м. Києві", "№3"."""
    text, parts = reader.text, []
    served = _IN_TERRITORY.match(text, end)
    follower = _follower(reader, found, served.end(), merged) if served else None
    if served and follower is not None:
        region = found[follower].found.key
        if served.group(1) or _REGION.search(region):
            other_end = _end_of(reader, *reader.read_in[follower])
            parts.append(text[end + 1 : other_end])
            merged.add(follower)
            end = other_end
    number = _NUMBER.match(text, end)
    if number:
        parts.append(number.group().strip())
    return parts


def adjective_phrase(reader: ParagraphReader, run: list[Token]) -> Found | None:
    """The run's last word as an adjective before a lower-case noun: "Білому домі"."""
    word, start, _ = run[-1]
    end = start + len(word)
    text = reader.text
    if end + 1 >= len(text) or text[end] != " " or not text[end + 1].islower():
        return None
    adjective, offset = word.rsplit(" ", 1)[-1], len(run) - 1
    first = _FIRST_WORD.match(text, end + 1, end + _PHRASE_WINDOW)
    # the common case, a noun right after: "Білому домі", told from that word alone
    noun = first.group().rstrip(PUNCTUATION) if first else ""
    found = _adjective_noun_at(adjective, noun, reader.lang, offset) if first else None
    phrase_end = end + 1 + len(noun) if found is not None else 0  # told here, without counting words again
    if found is None:
        lowers = []
        for raw in text[end + 1 : end + _PHRASE_WINDOW].split(maxsplit=4)[:4]:
            lowers.append(raw.rstrip(PUNCTUATION))
            if lowers[-1] != raw:
                break  # punctuation ends the phrase
        found = _adjective_words_at(adjective, tuple(lowers), reader.lang, offset)
    if found is None or not found.key:
        return found
    phrase_end = phrase_end or _end_after(text, end, len(found.name.split()) - 1)
    if found.kind != "organisation" and found.key.rsplit(" ", 1)[-1] not in lexicon.PROGRAMME_HEADS:
        after = text[phrase_end : phrase_end + 3]
        if after.startswith(" «"):
            return NO_NAME  # "Десята міжнародна виставка «…»", "Всеукраїнського проекту «…»": it says what the quoted name is
        return _part_of_a_body(text, phrase_end, found, reader.lang) if after[1:].isupper() else found
    tail = genitive_tail(text, phrase_end, reader.lang)  # "Українського центру оцінювання якості освіти"
    if not tail:
        return found
    name = " ".join([found.name, *tail])
    return replace(found, name=name, key=tag_key(name))


def _part_of_a_body(text: str, end: int, found: Found, lang: str) -> Found:
    """A phrase before the abbreviation of the body it belongs to is a part of that body, and
    runs on over it: "Генеральної конференції ЮНЕСКО"; never a region ("у Київській області ГУ ДФС")
    nor an office ("Генеральный секретарь НАТО")."""
    after = _ABBREVIATION_AFTER.match(text, end)
    if after is None or _REGION.search(found.key) or found.kind == "organisation" or after.group(1).lower() in lexicon.ABBREVIATION_KINDS:
        return found
    if any(r.animate for r in analyse(found.name.rsplit(" ", 1)[-1], lang).with_role("noun")):
        return found
    return replace(found, kind="organisation")


def with_tail(reader: ParagraphReader, found: Found, run: list[Token]) -> Found:
    """An organisation's head with the lower-case genitives after it: "Інститут вивчення війни"."""
    word, start, _ = run[found.offset]
    end = start + len(word)
    if not reader.text[end + 1 : end + 2].islower():
        return found  # the common case: no lower-case word after it, told without a search
    tail = genitive_tail(reader.text, end, reader.lang)
    if not tail:
        return found
    name = " ".join([found.name, *tail])
    return Found(found.offset, name, tag_key(name), found.kind, found.strong, common=found.common)


def generic(found: Found) -> bool:
    """A bare organisation head with nothing naming it: "Агентство", "Дирекція", "Компанія"."""
    return found.key in lexicon.ORGANISATION_HEADS and found.key not in lexicon.PROPER_ORGANISATIONS


@functools.lru_cache(maxsize=8192)
def _adjective_noun_at(adjective: str, lower: str, lang: str, offset: int) -> Found | None:
    """name_adjective_words when its first lower-case word is a noun that agrees and no
    adjective (so nothing after it counts); None when the longer reading must decide."""
    found = name_adjective_noun(adjective, lower, lang) if lower[:1].islower() else None
    if found is None or analyse(lower, lang).adjective:
        return None
    return replace(found, offset=offset, size=1)


@functools.lru_cache(maxsize=8192)  # dataclasses.replace is slow, and the phrases repeat
def _adjective_words_at(adjective: str, lowers: tuple[str, ...], lang: str, offset: int) -> Found | None:
    found = name_adjective_words(adjective, lowers, lang)
    return None if found is None else replace(found, offset=offset, size=1)

