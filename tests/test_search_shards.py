"""Search shards: how the archive is cut, and that only changed shards are indexed again.

The bundle itself is tested in test_search.py; queries over several shards in
tests/browser/test_search_browser.py.
"""

from __future__ import annotations

import dataclasses
import datetime
import gzip
import json
import zipfile
from pathlib import Path

import pytest

from newsgen.digests import StoredBytes, bytes_digest
from newsgen.records import Body
from newsgen.search import pagefind_bundle, index as search
from newsgen.search.pagefind_patch import MEMBERS, plan_patch
from newsgen.search.pagefind_stable import read_chunk
from tests.search_answers import assert_same_answers, folders, pages
from tests.test_search import UK, article

TINY = search.Sharding(least=3, mean=5, most=8)


def archive(count: int, start: datetime.date = datetime.date(2020, 1, 1)) -> list:
    words = ("Москві", "Києві", "Львові", "Одесі", "Харкові")
    return [article(f"Новина {i} про події у {words[i % 5]}.", f"Новина {i}", slug=f"n{i}", tags=(words[i % 3],),
                    date=start + datetime.timedelta(days=i)) for i in range(count)]


def cut(articles: list, sharding: search.Sharding = TINY) -> list[list[str]]:
    return [[articles[i].id for i in shard] for shard in search.plan_shards(articles, sharding)]


# ------------------------------------------------------------------ the cut


def test_shards_are_runs_of_the_date_order_within_their_bounds() -> None:
    articles = archive(60)
    shards = cut(articles[::-1])  # input order does not matter
    assert [a for shard in shards for a in shard] == [a.id for a in articles]
    assert all(TINY.least <= len(shard) <= TINY.most for shard in shards[:-1])
    assert 1 <= len(shards[-1]) <= TINY.most
    assert 6 <= len(shards) <= 20
    assert cut(archive(2)) == [[a.id for a in archive(2)]]  # a small archive is one shard


def test_adding_or_removing_one_article_changes_its_shard_and_now_and_then_a_neighbour() -> None:
    # Cuts are rare past `least` (as with the real sizes), so removing an article seldom
    # moves a cut, and a moved cut is caught at the next one.
    sharding = search.Sharding(least=3, mean=12, most=30)
    articles = archive(120)
    before = cut(articles, sharding)
    changed_shards = []
    for where in range(len(articles)):
        extra = dataclasses.replace(articles[where], id=f"{articles[where].id}-x", slug="x")
        for changed in (articles[:where] + articles[where + 1:], [*articles, extra]):
            changed_shards.append(len([shard for shard in cut(changed, sharding) if shard not in before]))
    assert max(changed_shards) <= 2 and changed_shards.count(1) > 0.6 * len(changed_shards)


def test_the_newest_article_changes_only_the_last_shard() -> None:
    articles = archive(60)
    before, after = cut(articles), cut([*articles, *archive(1, datetime.date(2030, 1, 1))])
    assert after[:len(before) - 1] == before[:-1]


def test_ranks_count_within_each_shard() -> None:
    articles = archive(12)
    shards = search.plan_shards(articles, TINY)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "SHARDING", TINY)
        documents = search.search_documents(articles, UK)
    for shard in shards:
        ranks = [documents[i].html.split('data-pagefind-sort="date">')[1].split("<")[0] for i in shard]
        assert ranks == [str(rank) for rank in range(1, len(shard) + 1)]
        name = search.shard_name(articles[shard[0]])
        assert all(f'data-pagefind-filter="shard">{name}<' in documents[i].html for i in shard)


# ------------------------------------------------------------------ memo


@pytest.fixture
def counted(monkeypatch) -> list[int]:
    """Pagefind runs, counted (documents per run); nothing of this process's last build is reused."""
    monkeypatch.setattr(search, "SHARDING", TINY)
    monkeypatch.setattr(pagefind_bundle, "_recent", {})
    monkeypatch.setattr(pagefind_bundle, "_bases", {})
    runs: list[int] = []
    real = pagefind_bundle._run_pagefind

    def run(source: Path, bundle: Path, language: str) -> None:
        runs.append(len(list(source.rglob("*.html"))))
        real(source, bundle, language)

    monkeypatch.setattr(pagefind_bundle, "_run_pagefind", run)
    return runs


def started(articles: list, memo: Path | None, jobs: int = 2) -> search.PendingIndex:
    pagefind_bundle._recent.clear()  # as a new process would
    pagefind_bundle._bases.clear()
    return search.start_search(articles, UK, jobs, memo_dir=memo)


def index(articles: list, memo: Path | None, jobs: int = 2) -> dict[str, bytes]:
    return started(articles, memo, jobs).files()


def test_a_memo_folder_spares_pagefind_for_unchanged_shards(tmp_path: Path, counted: list[int]) -> None:
    articles = archive(20)
    clean = index(articles, None)
    shards = json.loads(clean["pagefind/shards.json"])["shards"]
    assert len(shards) >= 3 and len(counted) == len(shards) and search.missing_files(clean) == []
    assert index(articles, tmp_path) == clean  # memo written
    counted.clear()
    assert index(articles, tmp_path) == clean and counted == []  # memo read: no Pagefind at all
    edited = list(articles)
    edited[7] = dataclasses.replace(edited[7], body=Body("", "Зовсім інший текст про Херсон."))
    after = index(edited, tmp_path)
    assert counted == [1]  # the edited article only: its shard is patched
    assert_same_answers(after, index(edited, None))  # what a build without any memo answers


def edit(articles: list, *places: int, text: str = "Зовсім інший текст про Херсон.") -> list:
    edited = list(articles)
    for place in places:
        edited[place] = dataclasses.replace(edited[place], body=Body("", f"{text} {place}"))
    return edited


def test_an_edit_of_an_old_article_indexes_that_article_only(tmp_path: Path, counted: list[int]) -> None:
    articles = archive(40)
    index(articles, tmp_path)
    counted.clear()
    after = index(edit(articles, 5), tmp_path)
    assert counted == [1]
    listing = json.loads(after["pagefind/shards.json"])
    (patched,) = listing["edits"]
    assert patched.removesuffix("+edits") in listing["shards"]
    clean = index(edit(articles, 5), None)
    assert_same_answers(after, clean)
    # The old version's text is gone from the bundle, not only hidden.
    old_text = "Новина 5 про події у Москві."
    assert any(old_text in page["content"] for page in pages(index(articles, None)).values())
    fragments = [gzip.decompress(data) for name, data in after.items() if name.endswith(".pf_fragment")]
    assert len(fragments) == len(articles) and not any(old_text.encode() in text for text in fragments)
    # A second edit in the same shard indexes both edited articles, the first from the base.
    counted.clear()
    twice = index(edit(articles, 5, 6), tmp_path)
    assert counted == [2]
    assert_same_answers(twice, index(edit(articles, 5, 6), None))
    # Undone: the shard's whole index is remembered, and its bytes are a clean build's.
    counted.clear()
    undone = index(articles, tmp_path)
    assert counted == [] and undone == index(articles, None)


def newer(articles: list, count: int, day: int = 0) -> list:
    """``count`` articles after the newest of ``articles``, ``day`` days on."""
    later = archive(len(articles) + day + count, articles[0].date)[len(articles) + day:]
    return [dataclasses.replace(a, id=f"{a.id}-new", slug=f"{a.slug}-new") for a in later]


def joining_the_newest_shard(articles: list, count: int) -> list:
    """``articles`` and ``count`` newer ones that all join its newest shard (none starts a shard)."""
    for day in range(200):
        longer = [*articles, *newer(articles, count, day)]
        before, after = search.plan_shards(articles, TINY), search.plan_shards(longer, TINY)
        if len(after) == len(before) and after[-1][:len(before[-1])] == before[-1]:
            return longer
    raise AssertionError("no such articles")


def test_an_addition_to_the_newest_shard_indexes_the_added_article_only(tmp_path: Path, counted: list[int]) -> None:
    articles = archive(38)
    index(articles, tmp_path)
    counted.clear()
    added = joining_the_newest_shard(articles, 1)
    after = index(added, tmp_path)
    assert counted == [1]
    listing = json.loads(after["pagefind/shards.json"])
    assert listing["edits"] == [listing["shards"][-1] + "+edits"]
    assert_same_answers(after, index(added, None))  # newest first included: the new article first
    # A second addition indexes both added articles, and an edit of an older one of the shard joins them.
    counted.clear()
    twice = edit(joining_the_newest_shard(added, 1), search.plan_shards(added, TINY)[-1][0])
    after = index(twice, tmp_path)
    assert counted == [3]
    assert_same_answers(after, index(twice, None))
    # Past the patch limit the newest shard is indexed whole, and becomes the base of the next additions.
    counted.clear()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "SHARDING", dataclasses.replace(TINY, patch_most=2))
        many = joining_the_newest_shard(articles, 3)
        after = index(many, tmp_path)
    newest = search.plan_shards(many, TINY)[-1]
    assert counted == [len(newest)] and json.loads(after["pagefind/shards.json"])["edits"] == []
    assert after == index(many, None)


def test_an_article_dated_among_others_of_its_shard_is_patched_in_at_its_place(tmp_path: Path,
                                                                                counted: list[int]) -> None:
    """Articles of one day are ordered by id, so a new article of today often lands among today's
    others: it is patched in too, and "newest first" lists it at its place."""
    articles = archive(40)
    shard = search.plan_shards(articles, TINY)[2]
    index(articles, tmp_path)
    counted.clear()
    for suffix in range(100):  # the same date, an id sorted after: between two of the shard (and no cut at it)
        between = dataclasses.replace(articles[shard[1]], id=f"{articles[shard[1]].id}-{suffix}", slug="between")
        inserted = [*articles, between]
        if [*shard[:2], 40, *shard[2:]] in search.plan_shards(inserted, TINY):
            break
    else:
        raise AssertionError("no such article")
    after = index(inserted, tmp_path)
    assert counted == [1]
    assert json.loads(after["pagefind/shards.json"])["edits"] == [search.shard_name(articles[shard[0]]) + "+edits"]
    assert_same_answers(after, index(inserted, None))


def test_an_article_dated_before_its_shards_first_or_moved_indexes_the_shard_whole(tmp_path: Path,
                                                                                  counted: list[int]) -> None:
    """The shard's name is its first article's (a new first article makes another shard), and a
    moved article's place is taken by another: neither is patched."""
    articles = archive(40)
    shard = search.plan_shards(articles, TINY)[2]
    first = articles[shard[0]]
    before = dataclasses.replace(first, id=f"{first.id[:-2]}-a", slug="before",
                                 published=first.published - datetime.timedelta(minutes=1))
    moved = list(articles)
    moved[shard[1]] = dataclasses.replace(articles[shard[1]], published=articles[shard[2]].published,
                                          id=articles[shard[2]].id + "-later")
    for changed in ([*articles, before], moved):
        index(articles, tmp_path)
        counted.clear()
        after = index(changed, tmp_path)
        assert json.loads(after["pagefind/shards.json"])["edits"] == []
        assert max(counted) > 1 and after == index(changed, None)


def page_names(files: dict[str, bytes]) -> dict[str, list[str]]:
    """{folder: its pages' names, language by language (sorted)}."""
    found = {}
    for folder in folders(files):
        entry = json.loads(files[f"pagefind/{folder}/pagefind-entry.json"])["languages"]
        found[folder] = [page for language in sorted(entry) for page, _ in
                         read_chunk(files[f"pagefind/{folder}/pagefind.{entry[language]['hash']}.pf_meta"])[1]]
    return found


def test_pages_are_named_by_their_index_and_a_number_and_renamed_when_it_changes(counted: list[int]) -> None:
    """Short page names (a third of the page list a first query loads), unique across the shards
    and languages, and never the same name for other bytes (browsers cache fragments)."""
    articles = [dataclasses.replace(a, lang="en" if i % 3 == 0 else "uk") for i, a in enumerate(archive(20))]
    settings = search.SearchSettings("uk", ("uk", "en"))
    files = search.start_search(articles, settings, 2).files()
    names = page_names(files)
    assert len(names) >= 3 and sum(map(len, names.values())) == len(set(sum(names.values(), []))) == 20
    for folder, pages in names.items():
        digest = pages[0][:10]
        assert pages == [f"{digest}{number:x}" for number in range(len(pages))]
        assert all(f"pagefind/{folder}/fragment/{page}.pf_fragment" in files for page in pages)
    assert len({pages[0][:10] for pages in names.values()}) == len(names)
    edited = edit(articles, 7)
    pagefind_bundle._recent.clear()  # indexed whole, not patched
    pagefind_bundle._bases.clear()
    again = page_names(search.start_search(edited, settings, 2).files())
    changed = [folder for folder in names if again[folder] != names[folder]]
    (shard,) = [folder for folder, indices in zip(names, search.plan_shards(articles, TINY)) if 7 in indices]
    assert changed == [shard] and not set(again[shard]) & set(names[shard])


def test_an_unreadable_memo_entry_is_indexed_again(tmp_path: Path, counted: list[int]) -> None:
    articles = archive(8)
    clean = index(articles, tmp_path)
    for entry in tmp_path.glob("*.zip"):
        entry.write_bytes(b"not a zip file")
    counted.clear()
    assert index(articles, tmp_path) == clean and counted
    for entry in tmp_path.glob("*.zip"):  # a readable archive missing a chunk is no entry either
        with zipfile.ZipFile(entry) as old:
            kept = {name: old.read(name) for name in old.namelist() if not name.startswith("fragment/")}
        with zipfile.ZipFile(entry, "w") as new:
            for name, data in kept.items():
                new.writestr(name, data)
    counted.clear()
    assert index(articles, tmp_path) == clean and counted


def test_the_memo_keeps_the_current_shards_and_a_few_spares(tmp_path: Path, counted: list[int]) -> None:
    articles = archive(6)
    for version in range(8):
        articles[-1] = dataclasses.replace(articles[-1], body=Body("", f"Версія {version}."))
        index(articles, tmp_path, jobs=1)
    current = set(pagefind_bundle._recent)  # the shards' indexes, or their bases and edits
    assert len(current) >= len(search.plan_shards(articles, TINY))
    kept = {path.stem for path in tmp_path.glob("*.zip")}
    assert current <= kept and len(kept) <= len(current) + pagefind_bundle._SPARE
    assert not list(tmp_path.glob(".*"))  # no temporary files left behind


def test_keys_change_with_what_the_index_shows() -> None:
    one = archive(1)[0]
    key = search.shard_key("a", [one], UK)
    assert search.shard_key("a", [one], UK) == key
    assert search.shard_key("b", [one], UK) != key
    assert search.shard_key("a", [one], search.SearchSettings("en")) != key
    for change in ({"title": "Інший"}, {"body": Body("", "Інший.")}, {"tags": ()}, {"route": "/x/"}):
        assert search.shard_key("a", [dataclasses.replace(one, **change)], UK) != key, change
    assert search.shard_key("a", [dataclasses.replace(one, source_line=9)], UK) == key  # not indexed


def test_keys_from_stamps_follow_the_stamps_and_their_order() -> None:
    """With the builder's stamps no body is read: each article counts by its stamp, in rank order."""
    first, second = archive(2)
    stamps = {first.id: "s1", second.id: "s2"}
    key = search.shard_key("a", [first, second], UK, stamps)
    assert search.shard_key("a", [first, second], UK, dict(stamps)) == key
    assert search.shard_key("a", [first, second], UK, {**stamps, second.id: "s2-edited"}) != key
    assert search.shard_key("a", [second, first], UK, stamps) != key
    assert search.shard_key("a", [first, second], search.SearchSettings("en"), stamps) != key


def test_an_abandoned_index_stops_after_the_shard_at_hand_and_remembers_nothing(tmp_path: Path, counted: list[int]
                                                                                 ) -> None:
    """A build that fails while Pagefind runs (a template error in the dev server) must not leave it
    indexing on, nor have it write the memo while the next build runs."""
    articles = archive(20)
    pending = search.start_search(articles, UK, 1, memo_dir=tmp_path)
    pending.abandon()
    pending._thread.join()  # noqa: SLF001 - the build that abandoned it does not wait; the test does
    shards = len(search.plan_shards(articles, TINY))
    assert shards >= 3 and len(counted) <= 1
    assert list(tmp_path.glob("*.zip")) == [] and pagefind_bundle._recent == {}


def test_indexing_holds_one_shard_at_a_time_not_the_archive(tmp_path: Path, counted: list[int], monkeypatch) -> None:
    """A large archive's search documents are gigabytes: once written for Pagefind their texts are let
    go, and each shard's scratch files (in memory when under /dev/shm) go as soon as it is indexed."""
    articles = archive(20)
    left: list[int] = []  # shards whose documents are still on disk as each Pagefind run starts
    real = pagefind_bundle._index

    def watched(workdir: Path, count: int, language: str, key: str) -> dict[str, bytes]:
        left.append(sum(1 for folder in workdir.parent.iterdir() if (folder / "documents").is_dir()))
        return real(workdir, count, language, key)

    monkeypatch.setattr(pagefind_bundle, "_index", watched)
    pending = search.start_search(articles, UK, 1, memo_dir=None)
    texts = [text for shard in pending._shards for _, text in shard.documents]  # noqa: SLF001
    files = pending.files()
    shards = len(search.plan_shards(articles, TINY))
    assert shards >= 3 and len(texts) == 20 and set(texts) == {""}
    assert left == list(range(shards, 0, -1))  # one fewer each time: the last one's scratch went
    assert_same_answers(files, index(articles, None))


def test_documents_are_made_a_batch_of_shards_at_a_time(counted: list[int], monkeypatch) -> None:
    """The articles' texts are read, and their documents made, for a batch of shards at a time."""
    articles = archive(20)
    monkeypatch.setattr(search, "DOCUMENTS_AT_ONCE", 8)
    batches: list[int] = []

    def read_bodies(batch: list) -> list:
        batches.append(len(batch))
        return list(batch)

    files = search.start_search(articles, UK, 1, memo_dir=None, read_bodies=read_bodies).files()
    assert len(batches) > 1 and sum(batches) == 20 and max(batches) <= 8
    assert_same_answers(files, index(articles, None))


def test_a_patch_needs_the_same_articles_in_the_same_order_and_few_changed() -> None:
    def base(pages: list[list[str]], context: str = "c") -> tuple[str, dict[str, bytes]]:
        return "base-key", {MEMBERS: json.dumps({"context": context, "pages": pages}).encode()}

    recorded = [["a", "k1", "uk_1", "uk"], ["b", "k2", "uk_2", "uk"], ["c", "k3", "uk_3", "uk"]]
    members = [("a", "k1", "uk"), ("b", "k2-edited", "uk"), ("c", "k3", "uk")]
    patch = plan_patch(base(recorded), "c", members, most=2)
    assert patch is not None and patch.changed == (1,) and patch.base_key == "base-key"
    assert plan_patch(base(recorded), "c", [members[0], ("b", "k2-other", "uk"), members[2]], 2).edits_key \
        != patch.edits_key  # the edits' index follows what they say
    added = plan_patch(base(recorded), "c", [*members, ("d", "k4", "uk")], 2)  # added after the base's
    assert added is not None and added.changed == (1, 3) and added.edits_key != patch.edits_key
    between = plan_patch(base(recorded), "c", [*members[:2], ("d", "k4", "uk"), members[2]], 2)
    assert between is not None and between.changed == (1, 2) and between.sources == (0, 1, -1, 2)
    assert plan_patch(base(recorded), "c", [*members, ("d", "k4", "en")], 2) is None  # no English page list
    assert plan_patch(base(recorded), "c", [*members, ("d", "k4", "uk"), ("e", "k5", "uk")], 2) is None  # 3 > 2
    assert plan_patch(None, "c", members, 2) is None  # no base
    assert plan_patch(base(recorded, context="old code"), "c", members, 2) is None
    assert plan_patch(base(recorded), "c", [members[1], members[0], members[2]], 2) is None  # moved
    assert plan_patch(base(recorded), "c", members[:2], 2) is None  # removed
    assert plan_patch(base(recorded), "c", [(a, k + "x", lang) for a, k, lang in members], 2) is None  # too many
    assert plan_patch(base(recorded), "c", [("a", "k1", "uk"), ("b", "k2", "uk"), ("c", "k3", "uk")], 2) is None
    assert plan_patch(base([*recorded[:1], ["b", "k2", "", "uk"], recorded[2]]), "c", members, 2) is None  # no page
    assert plan_patch(base([*recorded[:2], ["c", "k3", "", "uk"]]), "c", members, 2) is None  # none to put in order
    assert plan_patch(("k", {}), "c", members, 2) is None and plan_patch(("k", {MEMBERS: b"{"}), "c", members, 2) is None


def test_an_unchanged_shard_kept_in_the_cache_is_not_read_until_the_output_needs_it(
        tmp_path: Path, counted: list[int], monkeypatch) -> None:
    articles = archive(40)
    index(articles, tmp_path)
    read: list[tuple[str, str]] = []
    real = zipfile.ZipFile.read
    monkeypatch.setattr(zipfile.ZipFile, "read", lambda self, name, pwd=None: read.append(
        (Path(str(self.filename)).stem, name)) or real(self, name, pwd))
    edited = edit(articles, 5)
    pending = started(edited, tmp_path, jobs=1)
    lazy = pending.output_files()
    (patched,) = json.loads(lazy["pagefind/shards.json"])["edits"]
    base_key = (tmp_path / f"{patched.removesuffix('+edits')}.base").read_text(encoding="ascii").strip()
    # Of the other shards, their list of languages only; the patched shard's base, whose page list changes, whole.
    assert {name for key, name in read if key != base_key} == {"pagefind-entry.json"}
    assert len([key for key, _ in read if key == base_key]) > 10
    unread = {path for path, data in lazy.items() if isinstance(data, StoredBytes)}
    assert unread and all(path.startswith("pagefind/") and not path.startswith(f"pagefind/{patched}") for path in unread)
    assert {path: data.signature for path, data in lazy.items() if isinstance(data, StoredBytes)} == {
        path: bytes_digest(data) for path, data in pending.files().items() if path in unread}
    assert_same_answers(pending.files(), index(edited, None))


def test_a_cached_shard_that_cannot_be_read_stops_the_build_with_its_name(tmp_path: Path, counted: list[int]) -> None:
    articles = archive(8)
    index(articles, tmp_path)
    for entry in sorted(tmp_path.glob("*.zip"))[:1]:  # the same names, a member's bytes damaged
        with zipfile.ZipFile(entry) as kept:
            info = kept.getinfo("pagefind-entry.json")
        data = bytearray(entry.read_bytes())
        at = info.header_offset + 30 + len(info.filename) + len(info.extra)  # its bytes, after its local header
        data[at:at + 4] = b"\xff" * 4
        entry.write_bytes(bytes(data))
    with pytest.raises(OSError, match=r"\.zip: a search index kept in the cache is damaged .* the next build "
                                      r"indexes it again"):
        index(articles, tmp_path, jobs=1)
    counted.clear()
    assert index(articles, tmp_path, jobs=1) == index(articles, None) and counted  # indexed again, as it said


def test_shards_are_indexed_one_at_a_time_when_memory_is_short(tmp_path: Path, counted: list[int],
                                                                 monkeypatch) -> None:
    import threading
    import time

    from newsgen.search import pagefind_memory

    running, most = [0], [0]
    lock = threading.Lock()
    real = pagefind_bundle._run_pagefind  # the counting one

    def run(source: Path, bundle: Path, language: str) -> None:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.2)  # long enough for a second run to start, were it let
        real(source, bundle, language)
        with lock:
            running[0] -= 1

    monkeypatch.setattr(pagefind_bundle, "_run_pagefind", run)
    articles = archive(30)
    sizes = sorted(len(shard) for shard in search.plan_shards(articles, TINY))
    room = (sizes[0] + sizes[1] - 1) * pagefind_memory.PAGEFIND_BYTES_PER_DOCUMENT  # less than any two shards need
    monkeypatch.setattr(pagefind_memory, "available_memory", lambda: int(room / pagefind_memory._SHARE) + 1)
    short = index(articles, None, jobs=2)
    assert len(counted) >= 3 and most[0] == 1
    monkeypatch.setattr(pagefind_memory, "available_memory", lambda: None)  # unknown: no limit
    counted.clear()
    most[0] = 0
    assert index(articles, None, jobs=2) == short and most[0] == 2


def test_available_memory_is_read_from_the_kernel(tmp_path: Path) -> None:
    from newsgen.search.pagefind_memory import MemoryGate, available_memory

    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:       24000000 kB\nMemAvailable:    2000000 kB\n", encoding="ascii")
    assert available_memory(meminfo) == 2_048_000_000
    assert available_memory(tmp_path / "missing") is None
    gate = MemoryGate(0)  # one run may always start, however small the budget
    with gate.holding(10):
        pass
