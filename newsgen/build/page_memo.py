"""Page groups recalled from the last build instead of planned: equal inputs, equal pages. Pure.

A group's key is a digest of the settings and templates (``salt``) and of the
group's plan function and arguments (specs.PageGroup, keys.group_inputs). The build cache keeps, for each key of the last
build, the group's pages as (output path, route, signature, in the sitemap). A
group whose key is found there, and whose pages the output still holds, is neither
planned nor signed again: a one-article edit of a large archive plans a handful of
groups, not every page. A key that is not found is planned, so a stale entry can
only cost time, never a wrong page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from newsgen.digests import digest
from newsgen.plan.keys import StandIn, group_inputs
from newsgen.plan.specs import PageGroup, PageSpec
from newsgen.site.catalog import Spread, spread_here
from newsgen.urls import output_file

PageOutput = tuple[str, str, str, bool]  # (output path, route, signature, in the sitemap)


@dataclass(frozen=True, slots=True)
class SitePages:
    """Every page of the site by group, and what this build has to do about them."""

    groups: list[tuple[str, tuple[PageOutput, ...]]]  # (group key, its pages), in the plan's order
    planned: dict[str, tuple[PageOutput, ...]]  # the groups planned this time: the cache learns them
    changed: list[PageSpec]  # pages whose signature is not the one the output holds: to render

    @property
    def pages(self) -> Iterable[PageOutput]:
        return (page for _, pages in self.groups for page in pages)


def page_signature(salt: str, spec: PageSpec) -> str:
    """Everything the page's bytes are made of, under the settings and templates that ``salt`` stands for."""
    return digest(salt, spec.template, spec.route, spec.inputs)


def _itself(value: object) -> object:
    return value


def recall_pages(
    groups: Sequence[PageGroup], salt: str, recalled: Mapping[str, tuple[PageOutput, ...]],
    previous: Mapping[str, str], spread: Spread = spread_here, stand_in: StandIn = _itself,
) -> SitePages:
    """Each group's pages: recalled when its key is known and the output (``previous``: path -> signature)
    holds them, planned and signed otherwise. ``stand_in`` (keys.stand_in_for) turns an argument into what
    stands for it in the key. ``spread`` may key the groups in several processes (workers.parallel_map):
    a group's arguments name every article it shows, so keying them is a pass over the whole archive,
    several times over."""
    keyed = spread(_recalled_key, (groups, salt, recalled, previous, stand_in), range(len(groups)))
    found: list[tuple[str, tuple[PageOutput, ...]]] = []
    planned: dict[str, tuple[PageOutput, ...]] = {}
    changed: list[PageSpec] = []
    for group, (key, held) in zip(groups, keyed, strict=True):
        if held:
            known = recalled[key]
        else:
            specs = group.pages()
            known = planned[key] = tuple(
                (output_file(spec.route), spec.route, page_signature(salt, spec), spec.in_sitemap) for spec in specs
            )
            changed += [spec for spec, page in zip(specs, known, strict=True) if previous.get(page[0]) != page[2]]
        found.append((key, known))
    return SitePages(found, planned, changed)


def _recalled_key(
    shared: tuple[Sequence[PageGroup], str, Mapping[str, tuple[PageOutput, ...]], Mapping[str, str], StandIn],
    index: int,
) -> tuple[str, bool]:
    """(the group's key, whether the group's pages are remembered under it and the output holds them all)."""
    groups, salt, recalled, previous, stand_in = shared
    group = groups[index]
    key = digest(salt, group_inputs(group.plan, group.args, stand_in))
    known = recalled.get(key)
    return key, known is not None and all(previous.get(path) == signature for path, _, signature, _ in known)
