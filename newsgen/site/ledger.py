"""The URL ledger, ``<site>/urls.tsv``: the URL each published article was first published under. Pure.

A news URL is cited for decades, so an article keeps its first URL when its headline (and with it
its derived slug) is corrected. The ledger is a plain text file kept with the sources and meant to
be committed: one line per article, sorted by source, tab-separated::

    content/2026/02/metro.md	1	/2026/02/10/kyiv-metro/	kyiv-metro	/2026/02/10/metro/
    seeds/2026-02.txt	2	/2026/02/11/heneralnyi-sekretar-nato/	-

The columns: the source file (relative to the site), the article's number in that file (``gone``
once no article of the site is it), its URL, the `slug:` or `permalink:` the author had given it
("-" when derived), and any earlier URLs an explicit new `slug:` moved it from (each keeps a
redirect page). Which article is which line is worked out by ``match_entries``; the build then
writes the ledger again (``recorded_entries``), only after its site was published.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher
from pathlib import Path
from typing import NamedTuple

from newsgen.errors import WARNING, Diagnostic

GONE = "gone"  # the number column of an article no longer in the site: its URL stays reserved
HEADER = (
    "# newsgen: the URL each published article was first published under. Commit this file with the\n"
    "# sources; newsgen keeps it sorted. Columns (tab-separated): source file, the article's number in it\n"
    "# (or gone), URL, the slug: or permalink: it was published with (- when derived), earlier URLs.\n"
)
_ESCAPE = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_UNESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}
_NOT_A_ROUTE = re.compile(r"[\x00-\x1f\x7f]|/\.\.?(?:/|\Z)")  # control characters, or a "." or ".." folder


# Named tuples, not dataclasses: a build makes one of each per article (100,000 in a big archive),
# and tuples are made fastest.
class Entry(NamedTuple):
    """One line of the ledger: an article's URL, by where its source is."""

    source: str  # the source file, relative to the site, "/"-separated
    place: int  # the article's number in its file, from 1; 0 when it is gone (its URL stays reserved)
    route: str  # the URL it keeps
    chosen: str = ""  # the `slug:` or `permalink:` it was recorded with; "" when its slug was derived
    former: tuple[str, ...] = ()  # URLs an explicit new slug moved it from: each keeps a redirect page
    line: int = 0  # its line in urls.tsv, for messages (0 for one made by this build)


class Found(NamedTuple):
    """An article of this build as the ledger sees it: where it is, and the URL it would get now."""

    source: str
    place: int  # its number in its file, from 1
    natural: str  # the URL its permalink gives it now
    chosen: str  # its own `slug:` or `permalink:`; "" when its slug is derived


class Settled(NamedTuple):
    """What the ledger decides for one article: the URL it has, and its earlier URLs."""

    route: str
    former: tuple[str, ...] = ()
    entry: Entry | None = None  # the line it was matched with; None for an article never published
    recorded: bool = False  # True when ``route`` comes from the ledger (no other article may take it)


# --- the file --------------------------------------------------------------------------------------

def parse_ledger(text: str, path: Path) -> tuple[list[Entry], list[Diagnostic]]:
    """The entries of urls.tsv; every line that is not one is an error naming it."""
    entries, problems = [], []
    make = tuple.__new__  # Entry(...) at half the cost: a big archive's ledger has 100,000 lines
    no_former = ()
    for number, line in enumerate(text.split("\n"), start=1):  # not splitlines: a file name may hold U+2028
        line = line.removesuffix("\r")  # a checkout with Windows line ends
        fields = line.split("\t")
        if len(fields) == 4 and fields[0] and fields[1].isdigit() and fields[1][0] != "0" and fields[2][:1] == "/" \
                and "\\" not in line and "/." not in fields[2] and fields[2].isprintable():  # nearly every line
            source, place, route, chosen = fields
            entries.append(make(Entry, (source, int(place), route, "" if chosen == "-" else chosen, no_former, number)))
        elif line.strip() and not line.startswith("#"):
            try:
                entries.append(_parse_line(line, number))
            except ValueError as exc:
                problems.append(Diagnostic(path, number, None, str(exc), hint="the URLs of articles depend on it: "
                                           "fix the line, or restore urls.tsv from version control"))
    return entries, problems


def _parse_line(line: str, number: int) -> Entry:
    if line.startswith(("<<<<<<<", "=======", ">>>>>>>", "|||||||")):
        raise ValueError("a merge conflict marker: keep the lines of both sides and remove the markers")
    fields = [_unescape(text) for text in line.split("\t")]
    if len(fields) < 4:
        raise ValueError("a line needs a source, the article's number, its URL and its slug, separated by tabs")
    source, place, route, chosen, *former = fields
    if not source:
        raise ValueError("the source file is empty")
    if place != GONE and not (place.isdigit() and int(place) > 0):
        raise ValueError(f"the article's number must be 1, 2, ... or {GONE}, not {place!r}")
    for url in (route, *former):
        if not url.startswith("/") or _NOT_A_ROUTE.search(url):
            raise ValueError(f"not a URL of the site: {url!r} (a URL starts with /, and has no . or .. folder)")
    return Entry(source, 0 if place == GONE else int(place), route, "" if chosen == "-" else chosen,
                 tuple(former), number)


def format_ledger(entries: Iterable[Entry]) -> str:
    """The ledger's text: sorted by source, then number (gone last), then URL; one line per article."""
    ordered = sorted(entries, key=_file_order)
    lines = ["\t".join(field.translate(_ESCAPE) for field in (source, str(place or GONE), route, chosen or "-", *former))
             if _needs_escape(source, chosen, former) else
             f"{source}\t{place or GONE}\t{route}\t{chosen or '-'}"
             for source, place, route, chosen, former, _ in ordered]
    return HEADER + "\n".join(lines) + ("\n" if lines else "")


def _file_order(entry: Entry) -> tuple:
    return (entry.source, entry.place or _LAST, entry.route)


_LAST = 1 << 62  # gone articles after the numbered ones of their file


def _needs_escape(source: str, chosen: str, former: tuple[str, ...]) -> bool:
    """Whether a line needs escapes or more columns: fields hold a tab only in odd file names.
    (Routes never hold a tab, a line break or a backslash: slugs and permalinks cannot.)"""
    return bool(former) or not source.isprintable() or "\\" in source or not chosen.isprintable()


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    out, chars = [], iter(text)
    for char in chars:
        if char == "\\":
            following = next(chars, "")
            char = _UNESCAPES.get(following, char + following)
        out.append(char)
    return "".join(out)


# --- which article is which line ---------------------------------------------------------------------

def match_entries(found: Sequence[Found], entries: Sequence[Entry]) -> tuple[dict[int, Entry], list[Entry]]:
    """The line each article of ``found`` is (by its index), and the lines no article is.

    Within a file an article is its line when it is at its number with its URL; articles added
    or removed above others shift them, and runs of URLs that moved together show by how much;
    an article whose URL changed (an edited headline) is then the line at its number, shifted
    like its neighbours. Where that is ambiguous (articles added or removed around an edited
    one) no line is guessed: a story is never given another story's URL. Then an article back
    in its file at a URL marked gone is restored to it, and one found in another file
    (``git mv``, or moved between seed files) takes its line along when its URL says so.
    """
    first: dict[str, Entry] = {}  # the line of each file's article 1 (most files hold one article)
    at: dict[tuple[str, int], Entry] = {}  # the others', by file and number
    live = 0
    for entry in entries:  # fields unpacked, not named: a named field is read in Python
        source, place = entry[0], entry[1]
        if place == 1:
            first.setdefault(source, entry)
        elif place:
            at.setdefault((source, place), entry)
        live += place > 0
    matched: dict[int, Entry] = {}
    unsettled: set[str] = set()  # files with an article that is not at its number with its URL
    for index, (source, place, natural, _) in enumerate(found):  # nearly every article: at its number, with its URL
        entry = first.get(source) if place == 1 else at.get((source, place))
        if entry is not None and entry[2] == natural:
            matched[index] = entry
        else:
            unsettled.add(source)
    if len(matched) != live:  # lines left over (or two at one place): their files too
        used = set(map(id, matched.values()))
        unsettled.update(entry.source for entry in entries if entry.place and id(entry) not in used)
    left = [entry for entry in entries if not entry.place]
    if unsettled:
        left += _align_files(found, entries, unsettled, matched)
    if not left or len(matched) == len(found):  # nearly always: every line and every article paired
        return matched, left
    left = _renamed(found, entries, left, matched)
    return matched, _moved_or_restored(found, left, matched)


def _renamed(found: Sequence[Found], entries: Sequence[Entry], left: list[Entry], matched: dict[int, Entry]
             ) -> list[Entry]:
    """A file renamed (``git mv``): a file the ledger does not know takes the lines of the vanished
    file whose URLs most of its articles have, and is aligned with them as that file would be (so an
    article retitled before the rename keeps its URL too). The lines left."""
    present = {item.source for item in found}
    known = {entry.source for entry in entries if entry.place}
    vanished: dict[str, list[Entry]] = defaultdict(list)
    for entry in left:
        if entry.place and entry.source not in present:
            vanished[entry.source].append(entry)
    fresh: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(found):
        if item.source not in known:
            fresh[item.source].append(index)
    owner = {entry.route: source for source, lines in vanished.items() for entry in lines}
    taken: set[int] = set()  # ids of the lines renamed files took
    for source, indexes in fresh.items():
        votes = Counter(owner[found[index].natural] for index in indexes if found[index].natural in owner)
        ranked = votes.most_common(2)
        if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]) or ranked[0][0] not in vanished:
            continue
        lines = sorted(vanished.pop(ranked[0][0]), key=_file_order)
        for line, item in _align(lines, [found[index] for index in indexes]):
            matched[indexes[item]] = lines[line]
            taken.add(id(lines[line]))
    return [entry for entry in left if id(entry) not in taken]


def _align_files(found: Sequence[Found], entries: Sequence[Entry], sources: set[str], matched: dict[int, Entry]
                 ) -> list[Entry]:
    """``_align`` for each file of ``sources``, into ``matched``; the lines of those files left over."""
    items: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(found):
        if item.source in sources:
            items[item.source].append(index)
            matched.pop(index, None)
    lines: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        if entry.place and entry.source in sources:
            lines[entry.source].append(entry)
    left: list[Entry] = []
    for source, its_lines in lines.items():
        indexes = items.get(source, [])
        if len(its_lines) == 1 and len(indexes) == 1:  # a file of one article, whatever its URL now
            matched[indexes[0]] = its_lines[0]
            continue
        its_lines.sort(key=_file_order)
        pairs = _align(its_lines, [found[index] for index in indexes])
        matched.update((indexes[item], its_lines[line]) for line, item in pairs)
        paired = {line for line, _ in pairs}
        left += [line for number, line in enumerate(its_lines) if number not in paired]
    return left


def _moved_or_restored(found: Sequence[Found], left: list[Entry], matched: dict[int, Entry]) -> list[Entry]:
    """Lines no article of their file is, taken by an article elsewhere with their URL (one only), into
    ``matched``; a gone URL only by an article of its own file. The lines no article is."""
    by_route: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(found):
        if index not in matched:
            by_route[item.natural].append(index)
    unclaimed = []
    for entry in left:
        claimants = [i for i in by_route.get(entry.route, ()) if i not in matched
                     and (entry.place or found[i].source == entry.source)]
        if len(claimants) == 1:
            matched[claimants[0]] = entry
        else:
            unclaimed.append(entry)
    return unclaimed


def _align(lines: list[Entry], items: list[Found]) -> list[tuple[int, int]]:
    """Pairs (line, item) of one file's lines (sorted by number) and articles (in file order)."""
    anchors, used = [], set()
    for number, line in enumerate(lines):  # articles at their number with their URL
        item = line.place - 1
        if item < len(items) and item not in used and items[item].natural == line.route:
            anchors.append((number, item))
            used.add(item)
    runs = []  # URLs that moved together, between those
    for l0, l1, i0, i1 in _gaps(anchors, len(lines), len(items)):
        if l1 > l0 and i1 > i0:
            matcher = SequenceMatcher(None, [line.route for line in lines[l0:l1]],
                                      [item.natural for item in items[i0:i1]], autojunk=False)
            runs += [(l0 + a + k, i0 + b + k) for a, b, size in matcher.get_matching_blocks() for k in range(size)]
    anchors = sorted(anchors + runs)
    shifted = []  # and between all of those, an edited article at its line's number, shifted as its neighbours
    for (before, after), (l0, l1, i0, i1) in zip(_neighbours(anchors), _gaps(anchors, len(lines), len(items))):
        shifts = {item - (lines[line].place - 1) for line, item in (before, after) if line >= 0}
        if len(shifts) > 1:
            continue  # articles added or removed inside the gap: which is which is a guess
        shift = shifts.pop() if shifts else 0
        taken, left = set(), []
        for number in range(l0, l1):
            item = lines[number].place - 1 + shift
            if i0 <= item < i1 and item not in taken and _alike(lines[number].route, items[item].natural):
                shifted.append((number, item))
                taken.add(item)
            else:
                left.append(number)
        for number in left:  # then the one article of the gap, if only one, that reads like its edit
            alike = [item for item in range(i0, i1) if item not in taken
                     and _alike(lines[number].route, items[item].natural)]
            if len(alike) == 1:
                shifted.append((number, alike[0]))
                taken.add(alike[0])
    return anchors + shifted


def _alike(recorded: str, now: str) -> bool:
    """Whether a URL now reads like an edit of the recorded one: their last parts (the slugs) mostly
    agree ("pohoda-na-vykhidni-bude-teploiu", "...-spekotnoiu"). Another story, in the place of a
    removed one, reads otherwise: it is never given that one's URL."""
    old, new = (url.rstrip("/").rsplit("/", 1)[-1] for url in (recorded, now))
    return SequenceMatcher(None, old, new, autojunk=False).ratio() >= ALIKE


ALIKE = 0.5  # the share of their slugs' characters two URLs must have in common, in order


def _gaps(anchors: list[tuple[int, int]], lines: int, items: int) -> Iterable[tuple[int, int, int, int]]:
    """The runs of lines and items between consecutive pairs: (first line, end, first item, end)."""
    for (l0, i0), (l1, i1) in zip([(-1, -1), *anchors], [*anchors, (lines, items)]):
        yield l0 + 1, l1, i0 + 1, i1


def _neighbours(anchors: list[tuple[int, int]]) -> Iterable[tuple[tuple[int, int], tuple[int, int]]]:
    """The pairs around each gap of ``_gaps``; (-1, -1) where the file begins or ends."""
    return zip([(-1, -1), *anchors], [*anchors, (-1, -1)])


def settle(item: Found, entry: Entry | None) -> Settled:
    """The URL an article has: its line's, unless its author gave it a new `slug:` or `permalink:`,
    which moves it (the old URL then redirects); an article never published has its own."""
    if entry is None:
        return Settled(item.natural)
    if item.natural != entry.route and item.chosen and item.chosen != entry.chosen:
        former = tuple(dict.fromkeys(url for url in (*entry.former, entry.route) if url != item.natural))
        return Settled(item.natural, former, entry)
    return _RECORDED(Settled, (entry.route, entry.former, entry, True))


_RECORDED = tuple.__new__  # Settled(...) at half the cost, for nearly every article


def settle_all(found: Sequence[Found], matched: dict[int, Entry]) -> list[Settled]:
    """``settle`` for each article of ``found``, with the lines ``match_entries`` found."""
    get, make = matched.get, _RECORDED
    return [make(Settled, (entry.route, entry.former, entry, True))  # nearly every article: where its line says
            if (entry := get(index)) is not None and (entry.route == item.natural or not item.chosen
                                                      or item.chosen == entry.chosen)
            else settle(item, entry) for index, item in enumerate(found)]


def recorded_entries(
    found: Sequence[Found], settled: Sequence[Settled], routes: Sequence[str | None], unclaimed: Iterable[Entry],
    kept_sources: set[str],
) -> list[Entry]:
    """The ledger after this build.

    ``routes`` holds the URL each article was published under in this build, None for one it
    did not publish (a draft, a scheduled article): that one keeps its line, if it has one, and
    gets none otherwise. A line no article is stays as it was when its file is in
    ``kept_sources`` (its articles could not be read this time), else it is marked gone: its URL
    stays reserved. An article whose line says all it would say keeps that very line (``unchanged``).
    """
    entries = []
    for item, decided, route in zip(found, settled, routes, strict=True):
        entry = decided.entry
        if route is None:
            if entry is not None:
                entries.append(entry if entry.place == item.place and entry.source == item.source
                               else entry._replace(source=item.source, place=item.place))
        elif entry is not None and route == entry.route and item.place == entry.place and item.chosen == entry.chosen \
                and item.source == entry.source and decided.former == entry.former:
            entries.append(entry)
        else:
            former = decided.former and tuple(url for url in decided.former if url != route)
            entries.append(Entry(item.source, item.place, route, item.chosen, former))
    for entry in unclaimed:
        entries.append(entry if entry.source in kept_sources or not entry.place else entry._replace(place=0))
    return entries


def unchanged(before: Sequence[Entry], after: Sequence[Entry]) -> bool:
    """True when ``after`` (from ``recorded_entries``) holds the very lines of ``before``: nothing to write."""
    return len(before) == len(after) and set(map(id, before)) == set(map(id, after))


def reserved_routes(settled: Iterable[Settled], unclaimed: Iterable[Entry]) -> set[str]:
    """URLs no article may take unless it has them: the recorded ones, earlier ones, those of gone articles."""
    reserved = {decided.route for decided in settled if decided.recorded}
    for decided in settled:
        if decided.former:
            reserved.update(decided.former)
    for entry in unclaimed:
        reserved.add(entry.route)
        reserved.update(entry.former)
    return reserved


def lost_warnings(found: Sequence[Found], matched: dict[int, Entry], unclaimed: Sequence[Entry], ledger: Path,
                  kept_sources: set[str]) -> list[Diagnostic]:
    """A warning for each line of a file that still has articles, none of them recognisably its own."""
    if not unclaimed:
        return []
    unmatched = defaultdict(list)
    for index, item in enumerate(found):
        if index not in matched:
            unmatched[item.source].append(item.place)
    return [
        Diagnostic(ledger, entry.line, None, f"no article of {entry.source} is recognisably the one published at "
                   f"{entry.route} (articles were added or removed around an edited one); its URL stays reserved",
                   WARNING, hint=f"if it is article {' or '.join(map(str, unmatched[entry.source]))} of that file, "
                   "write that number in this line; to give the URL up, delete the line")
        for entry in unclaimed if entry.place and entry.source in unmatched and entry.source not in kept_sources
    ]
