"""Keys derived from what a plan function is given: its name and its arguments. Pure.

A page group (specs.PageGroup) is a plan function and its arguments, a page a
context function and its arguments. Their keys are made of the function's
identity (module and qualified name) and of what stands for each argument:
an article its view's key (views.ViewMaker.key), a period a plain tuple,
other values themselves. Nothing is listed by hand beside the function, so a
fact a plan function uses is in its key because it is in its arguments.
(DESIGN.md §4; page groups and views once drifted from hand-kept input lists.)
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import types
from collections.abc import Callable
from itertools import chain
from typing import TYPE_CHECKING

from newsgen.records import Article
from newsgen.site.catalog import Period

if TYPE_CHECKING:
    from newsgen.plan.views import ViewMaker

StandIn = Callable[[object], object]

_ARTICLES = {Article}
_TUPLES = {tuple}
_CONVERTED = frozenset({tuple, Article, Period})  # what stand_in changes


def function_name(function: Callable[..., object]) -> str:
    """The module and qualified name of a function or of a bound method's function; a method of one
    language's plans (specs.Plans.edition, a site in several languages) names the language too: its pages
    are made with that language's settings."""
    inner = getattr(function, "__func__", function)
    edition = getattr(getattr(function, "__self__", None), "edition", "")
    return f"{inner.__module__}.{inner.__qualname__}" + (f"@{edition}" if edition else "")


def stand_in_for(views: ViewMaker) -> StandIn:
    """The one conversion of a plan function's argument into what stands for it in a key.

    Runs for every argument of every group on every build, partly in forked processes
    (page_memo.recall_pages): tuples of articles, the commonest argument, go in one call.
    """
    key, keys = views.key, views.keys

    def stand_in(value: object) -> object:
        kind = type(value)  # not isinstance: records are not subclassed, and this is the hot path
        if kind is tuple:
            if not value:
                return value
            kinds = set(map(type, value))  # type: ignore[arg-type]
            if kinds == _ARTICLES:
                return keys(value)  # type: ignore[arg-type]
            if kinds.isdisjoint(_CONVERTED):  # plain values and records: they stand for themselves
                return value
            if kinds == _TUPLES:  # each article's related stories, a period's children: one level down in C
                inner = set(map(type, chain.from_iterable(value)))  # type: ignore[arg-type]
                if inner == _ARTICLES:
                    return tuple(map(keys, value))  # type: ignore[arg-type]
                if inner.isdisjoint(_CONVERTED):
                    return value
            return tuple(map(stand_in, value))  # type: ignore[arg-type]
        if kind is Article:
            return key(value)  # type: ignore[arg-type]
        if kind is Period:
            return (value.year, value.month, value.day)  # type: ignore[attr-defined]
        return value

    return stand_in


def group_inputs(plan: Callable[..., object], args: tuple, stand_in: StandIn) -> tuple:
    """What a group (or a page) is made of besides the settings: its function and its arguments."""
    return (function_name(plan), *map(stand_in, args))


_SCALARS = (str, int, float, bool, type(None), datetime.date)  # dates and datetimes: repr is canonical


def undigestible(value: object) -> str | None:
    """Why ``value`` cannot stand in a key (its repr would not say all it is), or None when it can."""
    if isinstance(value, _SCALARS) or type(value) in (Article, Period):
        return None
    if type(value) is tuple:
        return next(filter(None, map(undigestible, value)), None)  # type: ignore[arg-type]
    if dataclasses.is_dataclass(value) and type(value).__dataclass_params__.frozen:  # type: ignore[attr-defined]
        return next(filter(None, (undigestible(getattr(value, f.name)) for f in dataclasses.fields(value))), None)
    return f"a {type(value).__name__} is not a plain value, tuple, article, period or frozen record"


def plan_problem(function: Callable[..., object], args: tuple, settings: type) -> str | None:
    """Why ``function(*args)`` may read something its key does not hold, or None.

    A plan (or context) function must be a module-level function or a method of a
    ``settings`` object (which holds no catalog), and every argument digestible.
    """
    if isinstance(function, functools.partial):
        return f"{function!r} is a partial: the arguments it holds are not its group's"
    inner = getattr(function, "__func__", function)
    if not isinstance(inner, types.FunctionType):
        return f"{function!r} is not a Python function"
    name = inner.__qualname__
    if "<" in name:
        return f"{name} is a lambda or a nested function: what it closes over is in no key"
    owner = getattr(function, "__self__", None)
    if owner is not None and not isinstance(owner, settings):
        return f"{name} is a method of a {type(owner).__name__}, which holds more than the settings"
    for number, value in enumerate(args, start=1):
        if problem := undigestible(value):
            return f"{name}: argument {number}: {problem}"
    return None
