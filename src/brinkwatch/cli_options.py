"""Options shared by several `brinkwatch` commands, each declared once (sqlite-utils' output_options)."""

from __future__ import annotations

import functools
from typing import Any, Callable

import click


def _check_published(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from .ingest import parse_published

    try:
        return parse_published(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from error


def input_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by the commands that read articles."""
    @click.option("--published", metavar="YYYY-MM-DD", callback=_check_published,
                  help="Publication date for articles that carry none.")
    @click.option("--max-bytes", type=click.IntRange(min=1), default=None, help="Largest file or record read (default 10 MB).")
    @click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary on stderr.")
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return func(*args, **kwargs)
    return wrapper


def db_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--db", default=None, metavar="URL",
                        help="Store URL (default sqlite:///brinkwatch.db; env BRINKWATCH_DB).")(func)


def filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The report filters shared by `events` and `export`."""
    @click.option("--actor", help="Actor id, key or name (source or target).")
    @click.option("--type", "event_type", help="PLOVER type, e.g. ASSAULT.")
    @click.option("--country", help="ISO3 country of an actor or the place.")
    @click.option("--since", metavar="DATE", help="Earliest date (YYYY, YYYY-MM or YYYY-MM-DD).")
    @click.option("--until", metavar="DATE", help="Latest date.")
    @click.option("--modality", type=click.Choice(["asserted", "negated", "hypothetical", "future"]))
    @click.option("--min-sources", type=click.IntRange(min=0), default=None,
                  help="Only events reported by at least this many outlets (linked across articles).")
    @click.option("--limit", type=int, default=1000, show_default=True)
    @functools.wraps(func)
    def wrapper(*args: Any, event_type: str | None, **kwargs: Any) -> Any:
        names = ("actor", "country", "since", "until", "modality", "min_sources", "limit")
        filters = {"type": event_type.upper() if event_type else None, **{n: kwargs.pop(n) for n in names}}
        return func(*args, filters=filters, **kwargs)
    return wrapper
