"""The URL ledger on strings and records: its file format, and which article is which line."""

from __future__ import annotations

from pathlib import Path

from newsgen.site.ledger import (
    Entry, Found, format_ledger, parse_ledger, recorded_entries, reserved_routes, settle,
)
from newsgen.site.ledger_matching import match_entries

LEDGER = Path("urls.tsv")


def entries(*lines: tuple) -> list[Entry]:
    return [Entry(*line) for line in lines]


def found(source: str, *naturals: str, chosen: str = "") -> list[Found]:
    return [Found(source, place, natural, chosen) for place, natural in enumerate(naturals, start=1)]


def pairs(items: list[Found], ledger: list[Entry]) -> dict[str, str]:
    """Each matched article's URL now -> the URL its line records."""
    matched, _ = match_entries(items, ledger)
    return {items[index].natural: entry.route for index, entry in matched.items()}


# --- the file ------------------------------------------------------------------------------------------

def test_the_file_is_sorted_one_line_per_article_and_reads_back() -> None:
    written = [
        Entry("seeds/b.txt", 2, "/2026/02/11/druha/"),
        Entry("content/a.md", 1, "/2026/02/10/metro/", "metro", ("/2026/02/10/stare/", "/old/a.html")),
        Entry("seeds/b.txt", 0, "/2026/02/11/vydalena/"),
        Entry("seeds/b.txt", 1, "/2026/02/11/persha/"),
        Entry("seeds/dir\twith\\odd\nname.txt", 1, "/local news/x/"),
    ]
    text = format_ledger(written)
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    assert lines == [
        "content/a.md\t1\t/2026/02/10/metro/\tmetro\t/2026/02/10/stare/\t/old/a.html",
        "seeds/b.txt\t1\t/2026/02/11/persha/\t-",
        "seeds/b.txt\t2\t/2026/02/11/druha/\t-",
        "seeds/b.txt\tgone\t/2026/02/11/vydalena/\t-",
        "seeds/dir\\twith\\\\odd\\nname.txt\t1\t/local news/x/\t-",
    ]
    read, problems = parse_ledger(text, LEDGER)
    assert problems == [] and sorted(e[:5] for e in read) == sorted(e[:5] for e in written)
    assert [entry.line for entry in read] == [4, 5, 6, 7, 8], "each entry knows its line, for messages"


def test_a_line_that_is_not_an_entry_is_named() -> None:
    text = ("# comment\n\ncontent/a.md\t1\t/a/\t-\n<<<<<<< HEAD\ncontent/b.md\t1\t/b/\n"
            "content/c.md\tfirst\t/c/\t-\ncontent/d.md\t1\td/\t-\ncontent/e.md\t1\t/../e/\t-\n>>>>>>> theirs\n")
    read, problems = parse_ledger(text, LEDGER)
    assert [entry.source for entry in read] == ["content/a.md"]
    assert [(p.line, p.message.split(":")[0].split(",")[0]) for p in problems] == [
        (4, "a merge conflict marker"), (5, "a line needs a source"), (6, "the article's number must be 1"),
        (7, "not a URL of the site"), (8, "not a URL of the site"), (9, "a merge conflict marker"),
    ]
    assert all(str(p.path) == "urls.tsv" for p in problems)


# --- which article is which line -----------------------------------------------------------------------

def test_an_edited_headline_is_still_its_files_article() -> None:
    ledger = entries(("content/a.md", 1, "/old/"), ("seeds/s.txt", 1, "/s1/"), ("seeds/s.txt", 2, "/bridge-opened/"))
    items = found("content/a.md", "/new/") + found("seeds/s.txt", "/s1/", "/bridge-reopened/")
    assert pairs(items, ledger) == {"/new/": "/old/", "/s1/": "/s1/", "/bridge-reopened/": "/bridge-opened/"}


def test_articles_added_or_removed_above_others_do_not_shift_their_urls() -> None:
    ledger = entries(("s.txt", 1, "/a/"), ("s.txt", 2, "/b/"), ("s.txt", 3, "/c/"))
    assert pairs(found("s.txt", "/new/", "/a/", "/b/", "/c/"), ledger) == {"/a/": "/a/", "/b/": "/b/", "/c/": "/c/"}
    # the first deleted and one appended: the newcomer does not inherit the deleted article's URL
    matched, unclaimed = match_entries(found("s.txt", "/b/", "/c/", "/d/"), ledger)
    assert {index: entry.route for index, entry in matched.items()} == {0: "/b/", 1: "/c/"}
    assert [entry.route for entry in unclaimed] == ["/a/"]


def test_an_edited_article_shifts_with_its_neighbours() -> None:
    ledger = entries(("s.txt", 1, "/budget-passed/"), ("s.txt", 2, "/b/"))
    # one added at the top, the old first one retitled: it is the one after the newcomer
    assert pairs(found("s.txt", "/new/", "/budget-passed-today/", "/b/"), ledger) == {
        "/budget-passed-today/": "/budget-passed/", "/b/": "/b/"}
    # both retitled and one appended (a seed file grows at its end)
    assert pairs(found("s.txt", "/budget-passed-2/", "/b2/", "/c/"), ledger) == {
        "/budget-passed-2/": "/budget-passed/", "/b2/": "/b/"}


def test_another_story_in_the_place_of_a_removed_one_never_takes_its_url() -> None:
    """One removed, the next retitled, one added after it: as many articles as before, every URL changed."""
    ledger = entries(("s.txt", 1, "/top/"), ("s.txt", 2, "/miska-rada-ukhvalyla-biudzhet/"),
                     ("s.txt", 3, "/u-lvovi-vidkryly-novyi-mist/"), ("s.txt", 4, "/pohoda/"))
    items = found("s.txt", "/top/", "/u-lvovi-vidkryly-onovlenyi-mist/", "/shche-odna-novyna-pro-transport/",
                  "/pohoda/")
    assert pairs(items, ledger) == {"/top/": "/top/", "/pohoda/": "/pohoda/",
                                    "/u-lvovi-vidkryly-onovlenyi-mist/": "/u-lvovi-vidkryly-novyi-mist/"}


def test_when_it_is_a_guess_no_story_gets_another_storys_url() -> None:
    """An article added and another removed around an edited one, between two that stayed."""
    ledger = entries(("s.txt", 1, "/a/"), ("s.txt", 2, "/x/"), ("s.txt", 3, "/y/"), ("s.txt", 4, "/b/"))
    items = found("s.txt", "/a/", "/x-edited/", "/new/", "/y-edited/", "/b/")
    matched, unclaimed = match_entries(items, ledger)
    assert {items[i].natural for i in matched} == {"/a/", "/b/"}
    assert sorted(entry.route for entry in unclaimed) == ["/x/", "/y/"]


def test_two_articles_with_one_headline_keep_their_own_urls() -> None:
    ledger = entries(("s.txt", 1, "/same/"), ("s.txt", 2, "/same-2/"))
    matched, _ = match_entries(found("s.txt", "/same/", "/same/"), ledger)
    assert {index: entry.route for index, entry in matched.items()} == {0: "/same/", 1: "/same-2/"}


def test_a_moved_file_takes_its_url_along_and_a_gone_url_comes_back_only_to_its_file() -> None:
    ledger = entries(("content/old-name.md", 1, "/a/"), ("content/deleted.md", 0, "/gone/"))
    assert pairs(found("content/new-name.md", "/a/"), ledger) == {"/a/": "/a/"}
    assert pairs(found("content/other.md", "/gone/"), ledger) == {}, "another story never takes a gone URL"
    assert pairs(found("content/deleted.md", "/gone/"), ledger) == {"/gone/": "/gone/"}, "restored"


# --- what each article gets -----------------------------------------------------------------------------

def test_a_derived_slug_change_keeps_the_url_an_explicit_one_moves_it() -> None:
    recorded = Entry("a.md", 1, "/old/")
    kept = settle(Found("a.md", 1, "/retitled/", ""), recorded)
    assert (kept.route, kept.former, kept.recorded) == ("/old/", (), True)
    moved = settle(Found("a.md", 1, "/chosen/", "chosen"), recorded)
    assert (moved.route, moved.former, moved.recorded) == ("/chosen/", ("/old/",), False)
    again = settle(Found("a.md", 1, "/chosen/", "chosen"), Entry("a.md", 1, "/chosen/", "chosen", ("/old/",)))
    assert (again.route, again.former) == ("/chosen/", ("/old/",))
    unchanged = settle(Found("a.md", 1, "/other-date/chosen/", "chosen"), Entry("a.md", 1, "/chosen/", "chosen"))
    assert unchanged.route == "/chosen/", "the same slug: a changed date does not move it"
    back = settle(Found("a.md", 1, "/old/", "old"), Entry("a.md", 1, "/chosen/", "chosen", ("/old/",)))
    assert (back.route, back.former) == ("/old/", ("/chosen/",))
    assert settle(Found("b.md", 1, "/b/", ""), None).route == "/b/"


def test_the_next_ledger_keeps_unpublished_lines_marks_the_gone_and_adds_only_the_published() -> None:
    ledger = entries(("a.md", 1, "/a/"), ("d.md", 1, "/draft-now/"), ("x.md", 1, "/deleted/"),
                     ("broken.md", 1, "/unreadable/"))
    items = [Found("a.md", 1, "/a-edited/", ""), Found("d.md", 1, "/draft-now/", ""),
             Found("n.md", 1, "/new-draft/", ""), Found("p.md", 1, "/published/", "")]
    matched, unclaimed = match_entries(items, ledger)
    settled = [settle(item, matched.get(index)) for index, item in enumerate(items)]
    routes = ["/a/", None, None, "/published/"]  # a draft now, a new draft: not published in this build
    after = recorded_entries(items, settled, routes, unclaimed, kept_sources={"broken.md"})
    assert sorted((e.source, e.place, e.route) for e in after) == [
        ("a.md", 1, "/a/"), ("broken.md", 1, "/unreadable/"), ("d.md", 1, "/draft-now/"),
        ("p.md", 1, "/published/"), ("x.md", 0, "/deleted/"),
    ]
    assert reserved_routes(settled, unclaimed) >= {"/a/", "/draft-now/", "/deleted/", "/unreadable/"}


def test_windows_line_ends_and_unicode_line_separators_in_file_names_read_back() -> None:
    odd = Entry("content/a\u2028b.md", 1, "/a/")
    text = format_ledger([odd, Entry("content/c.md", 1, "/c/")]).replace("\n", "\r\n")
    read, problems = parse_ledger(text, LEDGER)
    assert problems == [] and [e[:5] for e in read] == [odd[:5], ("content/c.md", 1, "/c/", "", ())]


def test_a_renamed_file_takes_its_lines_along_even_for_a_retitled_article() -> None:
    """git mv of a seed file whose third article had been retitled (its URL recorded, not its own now)."""
    ledger = entries(("seeds/march.txt", 1, "/top/"), ("seeds/march.txt", 2, "/bridge/"),
                     ("seeds/march.txt", 3, "/pohoda-teploiu/"))
    items = found("seeds/2026-03.txt", "/top/", "/bridge/", "/pohoda-spekotnoiu/")
    assert pairs(items, ledger) == {"/top/": "/top/", "/bridge/": "/bridge/", "/pohoda-spekotnoiu/": "/pohoda-teploiu/"}
