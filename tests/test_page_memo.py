"""Page groups are recalled from the last build only when their inputs and the output agree."""

from __future__ import annotations

from newsgen.build import memo as cache_module, page_memo
from newsgen.build.builder import BuildOptions, build
from newsgen.build.page_memo import page_signature, recall_pages
from newsgen.plan.specs import PageGroup, PageSpec
from newsgen.site.config import load_config


def _spec(route: str, inputs: tuple = ()) -> PageSpec:
    return PageSpec(route, "page.html", inputs, dict)


class _Group:
    """A group that counts how often it is planned."""

    def __init__(self, inputs: tuple, *routes: str) -> None:
        self.planned = 0
        self.specs = [_spec(route, inputs) for route in routes]
        self.group = PageGroup(self.plan, inputs)

    def plan(self, *inputs: object) -> list[PageSpec]:
        self.planned += 1
        return self.specs


def test_unknown_groups_are_planned_and_their_changed_pages_listed() -> None:
    a, b = _Group(("a",), "/a/", "/a/2/"), _Group(("b",), "/b/")
    pages = recall_pages([a.group, b.group], "salt", {}, {})
    assert (a.planned, b.planned) == (1, 1)
    assert [spec.route for spec in pages.changed] == ["/a/", "/a/2/", "/b/"]
    assert [route for _, route, _, _ in pages.pages] == ["/a/", "/a/2/", "/b/"]
    assert set(pages.planned) == {key for key, _ in pages.groups}


def test_a_group_the_output_holds_is_recalled_without_planning() -> None:
    a, b = _Group(("a",), "/a/"), _Group(("b",), "/b/")
    first = recall_pages([a.group, b.group], "salt", {}, {})
    output = {path: signature for path, _, signature, _ in first.pages}
    again = recall_pages([a.group, b.group], "salt", dict(first.groups), output)
    assert (a.planned, b.planned) == (1, 1), "neither group is planned a second time"
    assert again.changed == [] and again.planned == {} and again.groups == first.groups


def test_new_inputs_new_settings_or_a_different_output_mean_planning() -> None:
    a = _Group(("a",), "/a/")
    first = recall_pages([a.group], "salt", {}, {})
    recalled = dict(first.groups)
    output = {path: signature for path, _, signature, _ in first.pages}

    changed_inputs = _Group(("a", "edited"), "/a/")
    assert [s.route for s in recall_pages([changed_inputs.group], "salt", recalled, output).changed] == ["/a/"]
    recall_pages([a.group], "other settings", recalled, output)
    assert a.planned == 2, "the settings are part of every key"
    stale_output = {path: "something else" for path in output}
    redone = recall_pages([a.group], "salt", recalled, stale_output)
    assert a.planned == 3 and [s.route for s in redone.changed] == ["/a/"]
    assert redone.groups[0][1][0][2] == page_signature("salt", a.specs[0])


def test_an_edit_plans_only_the_groups_that_show_the_article(make_project, monkeypatch) -> None:
    monkeypatch.setattr(cache_module, "RACY_SECONDS", 0.0)
    site = make_project({
        "newsgen.yaml": "per_page: 2\n",
        "content/jan.md": "---\ntitle: Січнева\ndate: 2026-01-10\ntags: [Київ]\n---\nТекст.\n",
        "content/feb.md": "---\ntitle: Лютнева\ndate: 2026-02-10\ntags: [Львів]\n---\nТекст.\n",
        "content/mar.md": "---\ntitle: Березнева\ndate: 2026-03-10\ntags: [Одеса]\n---\nТекст.\n",
        "content/apr.md": "---\ntitle: Квітнева\ndate: 2026-04-10\ntags: [Харків]\n---\nТекст.\n",
    })
    planned: list[tuple] = []
    original = page_memo.recall_pages

    def spying(groups, salt, recalled, previous, spread, stand_in):  # noqa: ANN001, ANN202
        result = original(groups, salt, recalled, previous, spread, stand_in)
        planned.append(tuple(result.planned))
        return result

    monkeypatch.setattr("newsgen.build.rendering.recall_pages", spying)
    first = build(load_config(site), BuildOptions(jobs=1))
    (site / "content/jan.md").write_text(
        "---\ntitle: Січнева\ndate: 2026-01-10\ntags: [Київ]\n---\nВиправлений текст.\n", encoding="utf-8")
    second = build(load_config(site), BuildOptions(jobs=1))
    everything, edit = planned
    assert len(edit) < len(everything) / 2, "groups without the January article are recalled"
    assert 0 < second.rendered < first.pages
    assert "Виправлений текст." in (site / "build/2026/01/10/sichneva/index.html").read_text(encoding="utf-8")
    # the April article's page shows none of the January one: it was neither planned nor rewritten
    assert second.pages == first.pages


def test_groups_keyed_in_several_processes_are_recalled_and_planned_alike() -> None:
    """Keying is spread over forked processes in a build (workers.parallel_map): the result is the one
    this process alone gives, down to which groups are planned and which pages changed."""
    import functools  # noqa: PLC0415

    from newsgen.build.workers import PARALLEL_THRESHOLD, parallel_map  # noqa: PLC0415

    def make() -> list[_Group]:
        return [_Group(("g", n), f"/g/{n}/", f"/g/{n}/2/") for n in range(PARALLEL_THRESHOLD + 50)]

    first = recall_pages([g.group for g in make()], "salt", {}, {})
    output = {path: signature for path, _, signature, _ in first.pages}
    lost = next(path for path, route, _, _ in first.pages if route == "/g/7/2/")
    del output[lost]  # a page the output lost: its group is planned again
    recalled = dict(first.groups)
    here, there = make(), make()
    there[3] = _Group(("g", 3, "edited"), "/g/3/", "/g/3/2/")
    here[3] = _Group(("g", 3, "edited"), "/g/3/", "/g/3/2/")
    alone = recall_pages([g.group for g in here], "salt", recalled, output)
    spread = recall_pages([g.group for g in there], "salt", recalled, output,
                          functools.partial(parallel_map, jobs=2))
    assert spread.groups == alone.groups and spread.planned == alone.planned
    assert [s.route for s in spread.changed] == [s.route for s in alone.changed] == ["/g/3/", "/g/3/2/", "/g/7/2/"]
    assert [n for n, g in enumerate(there) if g.planned] == [3, 7], "only these groups are planned, in this process"


def test_an_edit_plans_only_the_run_of_list_pages_that_shows_its_article(make_project, monkeypatch) -> None:
    """A long list is planned in runs of pages (lists.LIST_PAGES_PER_GROUP): editing the oldest article
    plans the front page's last run again, not its first ones, and the site equals a clean build."""
    from newsgen.plan import lists  # noqa: PLC0415

    monkeypatch.setattr(cache_module, "RACY_SECONDS", 0.0)
    monkeypatch.setattr(lists, "LIST_PAGES_PER_GROUP", 2)
    files = {"newsgen.yaml": "per_page: 1\n"}
    for day in range(1, 7):
        files[f"content/a{day}.md"] = f"---\ntitle: Стаття {day}\ndate: 2026-01-0{day}\n---\nТекст {day}.\n"
    site = make_project(files)
    planned: list[tuple[str, tuple[int, ...]]] = []
    original = lists.ListPlans.list_pages

    def spying(self, kind, title, place, shown, total, first, *rest):  # noqa: ANN001, ANN202, PLR0913
        pages = original(self, kind, title, place, shown, total, first, *rest)
        planned.append((kind, tuple(range(first, first + len(pages)))))
        return pages

    # in both builds: a group's key names its plan function, so another function is another key
    monkeypatch.setattr(lists.ListPlans, "list_pages", spying)
    build(load_config(site), BuildOptions(jobs=1))
    assert [numbers for kind, numbers in planned if kind == "front"] == [(1, 2), (3, 4), (5, 6)]
    planned.clear()
    edited = "---\ntitle: Стаття 1\ndate: 2026-01-01\n---\nВиправлений текст.\n"
    (site / "content/a1.md").write_text(edited, encoding="utf-8")
    build(load_config(site), BuildOptions(jobs=1))
    assert [numbers for kind, numbers in planned if kind == "front"] == [(5, 6)]
    assert "Виправлений текст." in (site / "build/page/6/index.html").read_text(encoding="utf-8")

    files["content/a1.md"] = edited
    clean = make_project(files, name="clean")
    build(load_config(clean), BuildOptions(jobs=1))
    for page in ("index.html", "page/3/index.html", "page/5/index.html", "page/6/index.html"):
        assert (site / "build" / page).read_bytes() == (clean / "build" / page).read_bytes(), page
