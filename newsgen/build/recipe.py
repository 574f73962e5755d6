"""The recipe: discover -> load -> catalog -> plan -> render -> write (-> search), in this order.

``build_site`` calls the stages by name, top to bottom; each is a function of what it is
given and returns plain data. The builder (builder.py) has discovered the inputs and found
that there is work to do. The memo (memo.py; None with --no-cache) is handed to the stages
that memoise, which compute everything without it; what a published build leaves for the
next is handed to it at the end, in one record.
"""

from __future__ import annotations

import datetime

from newsgen.build.collect import LoadedSite, load_site
from newsgen.build.guards import refuse_empty_site, refuse_mass_removal
from newsgen.build.inputs import FoundInputs, with_ledger
from newsgen.build.machine_files import next_news_change
from newsgen.build.memo import BuildRecord, Memo
from newsgen.build.options import BuildOptions, BuildReport, protected_folders, refuse_if_strict, step_done
from newsgen.build.output import StagedOutput, publish, read_article_count, read_build_id
from newsgen.build.planning import catalog_site, plan_site
from newsgen.build.rendering import Rendered, prepare_templates, render_site
from newsgen.build.searching import abandoned_on_failure, start_search
from newsgen.build.site_files import site_files
from newsgen.build.site_ledger import parsed_ledger, record_urls
from newsgen.errors import WARNING, Diagnostics
from newsgen.site.catalog import Catalog
from newsgen.site.config import SiteConfig, base_url_problem
from newsgen.site.languages import language_problems
from newsgen.site.placing import Ledger
from newsgen.site.schedule import Schedule, plan_schedule


def build_site(config: SiteConfig, options: BuildOptions, report: BuildReport, memo: Memo | None,
               found: FoundInputs, now: datetime.datetime) -> None:
    """Build the site from the ``found`` inputs at the build's clock ``now``; ``report`` gets the counts
    and problems. The caller (builder.build) has paused the cyclic collector: what is loaded lives to the end."""
    diagnostics = Diagnostics()
    report.diagnostics = diagnostics.items
    ledger = parsed_ledger(config, found.ledger_text, now)
    loaded = load(config, options, memo, found, ledger, diagnostics)
    schedule = plan_schedule(loaded.articles, now, future=options.future)  # after placing: no URL moves
    catalog = catalog_site(config, options, memo, schedule)
    step_done(options, "catalog", len(catalog.articles))
    output = config.output_dir.resolve()
    refuse_mass_removal(output, read_article_count(output), len(catalog.articles), options.allow_removals,
                        diagnostics.items, expired=len(schedule.expired))
    stamps = schedule.marked_stamps(loaded.stamps)
    plan = plan_site(config, options, memo, catalog, schedule, stamps, now, diagnostics)
    step_done(options, "plan", len(plan.groups))
    templates = prepare_templates(config, memo, plan)
    search = start_search(config, catalog, stamps, options, memo.search_folder if memo else None,
                          memo.bodies if memo else None)  # indexes while pages render
    with abandoned_on_failure(search), StagedOutput.open(config.output_dir, protected_folders(config)) as staged:
        previous, recalled = memo.previous_output(read_build_id(staged.output)) if memo else ({}, {})
        rendered = render_site(config, options, memo, plan, templates, previous, recalled, staged.staging, now)
        files = site_files(config, plan, rendered.manifest, diagnostics, search)
        build_id = publish(staged, files, rendered.manifest, previous, len(catalog.articles))
        step_done(options, "files", len(rendered.manifest))
    ledger_text = found.ledger_text
    if options.record_urls and loaded.urls is not None:  # only once the site it records is published
        ledger_text = record_urls(ledger, loaded.urls)
    counts = _counts(catalog, schedule, rendered)
    if memo:
        memo.remember_build(BuildRecord(
            build_id, rendered.manifest, previous, {str(source.path) for source in found.sources},
            rendered.pages.planned, {key for key, _ in rendered.pages.groups}, counts, diagnostics.items,
            with_ledger(found.fingerprint, ledger_text) or "", now, _valid_until(catalog, schedule, now),
            rendered.cards_salt, rendered.cards_added, rendered.cards_gone, rendered.templates,
        ))
    _fill_report(report, counts, schedule, rendered)


def load(config: SiteConfig, options: BuildOptions, memo: Memo | None, found: FoundInputs, ledger: Ledger,
         diagnostics: Diagnostics) -> LoadedSite:
    """Every publishable article, its URL placed; a build that would publish nothing from the sources
    it found stops here, as does a --strict one with problems."""
    loaded = load_site(
        config, drafts=options.drafts, diagnostics=diagnostics, jobs=options.jobs,
        progress=options.progress, memo=memo, remember=not options.strict, sources=found.sources,
        signatures=found.signatures, ledger=ledger,
    )
    if problem := base_url_problem(config, WARNING):  # once a build, stored with the others for a no-change one
        diagnostics.add(problem)
    for problem in language_problems(config, loaded.articles):
        diagnostics.add(problem)
    refuse_if_strict(options, diagnostics.items)
    refuse_empty_site(len(found.sources), loaded.drafts, len(loaded.articles), diagnostics.items)
    step_done(options, "loaded", len(loaded.articles))
    return loaded


def _counts(catalog: Catalog, schedule: Schedule, rendered: Rendered) -> dict[str, object]:
    """The summary line's counts, kept for a build with nothing to do."""
    release = schedule.next_release
    return {"articles": len(catalog.articles), "pages": sum(len(pages) for _, pages in rendered.pages.groups),
            "tags": len(catalog.tags), "scheduled": len(schedule.scheduled), "expired": len(schedule.expired),
            "next_release": release.isoformat() if release else None}


def _valid_until(catalog: Catalog, schedule: Schedule, now: datetime.datetime) -> datetime.datetime:
    """The next moment the clock alone changes the site: an embargo lifts, an article expires, the news
    sitemap's window moves, a pinned story leaves its slot."""
    return min(moment for moment in (next_news_change(catalog, now), schedule.next_change) if moment is not None)


def _fill_report(report: BuildReport, counts: dict[str, object], schedule: Schedule, rendered: Rendered) -> None:
    report.articles, report.pages, report.tags = counts["articles"], counts["pages"], counts["tags"]  # type: ignore[assignment]
    report.scheduled, report.expired, report.next_release = (len(schedule.scheduled), len(schedule.expired),
                                                              schedule.next_release)
    report.files = len(rendered.manifest)
    report.rendered = len(rendered.pages.changed)
