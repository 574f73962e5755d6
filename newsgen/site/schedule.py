"""Scheduled publishing: which articles a build at a given moment publishes. Pure.

An article goes live at its ``published`` moment (its `date`, or a later `embargo`)
and comes down at its ``expires`` moment, if it has one. A build publishes what is
live at its clock (builder.build_clock); ``future`` (a preview) publishes the
scheduled articles too, and they carry a visible mark. The filter runs after the
articles' URLs are placed, so an embargo that lifts never moves another article.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from newsgen.records import Article


@dataclass(frozen=True, slots=True)
class Schedule:
    """What one build publishes, what it holds back and what it has taken down."""

    now: datetime.datetime  # the build's clock
    published: list[Article]  # in the order given: what this build publishes
    scheduled: tuple[Article, ...]  # not live yet, soonest first (published too, and marked, in a preview)
    expired: tuple[Article, ...]  # taken down at their `expires` moment, latest first
    expiring: tuple[Article, ...]  # live now, with an `expires` moment still to come, soonest first
    shown_early: frozenset[str]  # ids of scheduled articles published anyway (``future``)

    @property
    def next_release(self) -> datetime.datetime | None:
        """When the next held-back article goes live, in the clock's zone: a build should run again then."""
        return self.local(self.scheduled[0].published) if self.scheduled else None

    @property
    def shown_early_at(self) -> dict[str, datetime.datetime]:
        """Article id -> when it goes live, in the clock's zone, for the articles shown before (their mark)."""
        return {a.id: self.local(a.published) for a in self.scheduled if a.id in self.shown_early}

    def local(self, moment: datetime.datetime) -> datetime.datetime:
        """``moment`` told in the zone of the build's clock (the site's), as written if it cannot be."""
        try:
            return moment.astimezone(self.now.tzinfo)
        except OverflowError:  # hours from the calendar's end
            return moment

    @property
    def next_change(self) -> datetime.datetime | None:
        """The next moment at which a build would publish something else (a release or an expiry)."""
        moments = [m for m in (self.next_release, self.expiring[0].expires if self.expiring else None) if m]
        return min(moments, default=None)

    def marked_stamps(self, stamps: Mapping[str, str]) -> Mapping[str, str]:
        """``stamps`` (collect.LoadedSite) with the scheduled mark in those of the articles shown early,
        so their pages are made again, without the mark, once they go live."""
        if not self.shown_early:
            return stamps
        return {**stamps, **{id_: f"{stamps[id_]}\0scheduled" for id_ in self.shown_early}}


def plan_schedule(articles: Iterable[Article], now: datetime.datetime, *, future: bool = False) -> Schedule:
    """Split ``articles`` by the clock ``now``: live, scheduled (kept with ``future``), expired."""
    published: list[Article] = []
    scheduled: list[Article] = []
    expired: list[Article] = []
    expiring: list[Article] = []
    for article in articles:
        if article.expires is not None and article.expires <= now:
            expired.append(article)
            continue
        if article.published > now:
            scheduled.append(article)
            if not future:
                continue
        elif article.expires is not None:
            expiring.append(article)
        published.append(article)
    scheduled.sort(key=lambda a: (a.published, a.id))
    expired.sort(key=lambda a: (a.expires, a.id), reverse=True)  # type: ignore[arg-type, return-value]
    expiring.sort(key=lambda a: (a.expires, a.id))  # type: ignore[arg-type, return-value]
    shown_early = frozenset(a.id for a in scheduled) if future else frozenset()
    return Schedule(now, published, tuple(scheduled), tuple(expired), tuple(expiring), shown_early)
