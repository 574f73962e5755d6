"""The URL ledger, ``<site>/urls.tsv``: the URL each published article was first published under. Pure.

A news URL is cited for decades, so an article keeps its first URL when its headline (and with it
its derived slug) is corrected. The ledger is a plain text file kept with the sources and meant to
be committed: one line per article, sorted by source, tab-separated::

    content/2026/02/metro.md	1	/2026/02/10/kyiv-metro/	kyiv-metro	/2026/02/10/metro/
    seeds/2026-02.txt	2	/2026/02/11/heneralnyi-sekretar-nato/	-

The columns: the source file (relative to the site), the article's number in that file (``gone``
once no article of the site is it), its URL, the `slug:` or `permalink:` the author had given it
("-" when derived), and any earlier URLs an explicit new `slug:` moved it from (each keeps a
redirect page). Which article is which line is worked out by ledger_matching.py; the build then
writes the ledger again (``recorded_entries``), only after its site was published.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
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
    ordered = sorted(entries, key=file_order)
    lines = ["\t".join(field.translate(_ESCAPE) for field in (source, str(place or GONE), route, chosen or "-", *former))
             if _needs_escape(source, chosen, former) else
             f"{source}\t{place or GONE}\t{route}\t{chosen or '-'}"
             for source, place, route, chosen, former, _ in ordered]
    return HEADER + "\n".join(lines) + ("\n" if lines else "")


def file_order(entry: Entry) -> tuple:
    """The ledger's order: by source, then number (gone last), then URL."""
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
