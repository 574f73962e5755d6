"""Which article of this build is which line of the URL ledger (urls.tsv), so that each keeps its URL. Pure.

Files are matched line by line, then renamed files (``git mv``) and articles moved between
files; where the evidence is ambiguous no line is guessed (see ``match_entries``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher

from newsgen.site.ledger import Entry, Found, file_order


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
        lines = sorted(vanished.pop(ranked[0][0]), key=file_order)
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
        its_lines.sort(key=file_order)
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
