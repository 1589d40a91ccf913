"""`brinkwatch` commands over the store: query, export, import, link reasons, summary."""

from __future__ import annotations

import sys
from typing import Any

import click

from .cli_options import db_option, filter_options, load_settings, say


@click.command()
@db_option
@filter_options
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl", "parquet"]), default="table", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write here instead of stdout (required for parquet).")
def events(db: str | None, fmt: str, output: str | None, filters: dict[str, Any]) -> None:
    """Query stored events (one per report: an event read in one article).

    Example: brinkwatch events --type ASSAULT --country IRQ --format csv
    """
    from .export import write_events
    from .store import Store

    if fmt == "parquet" and not output:
        raise click.UsageError("--format parquet needs --output FILE.parquet")
    settings = load_settings(db=db)
    with Store.open(settings.db) as store:
        found = store.events(**filters)
    write_events(found, fmt, output if output else sys.stdout)


@click.command()
@db_option
@filter_options
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet", "plover-json", "acled-csv", "cameo-tsv"]),
              default="jsonl", show_default=True)
@click.option("--reports", is_flag=True, help="One row per report instead of one per linked event.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write here instead of stdout (required for parquet).")
def export(db: str | None, fmt: str, reports: bool, output: str | None, filters: dict[str, Any]) -> None:
    """Export stored events for other tools, one row per linked event (the happening).

    Formats and their columns are in docs/format.md ("Exports"); acled-csv writes ACLED's column names.
    Example: brinkwatch export --format acled-csv --country IRQ --min-sources 2 --output irq.csv
    """
    from .export import write_events
    from .store import Store

    if fmt == "parquet" and not output:
        raise click.UsageError("--format parquet needs --output FILE.parquet")
    settings = load_settings(db=db)
    with Store.open(settings.db) as store:
        found = store.stored_events(per_event=not reports, **filters)
    count = write_events(found, fmt, output if output else sys.stdout)
    say(f"{count} {'report' if reports else 'event'}{'' if count == 1 else 's'} written")


@click.command("why-linked")
@click.argument("report_a", type=int)
@click.argument("report_b", type=int)
@db_option
def why_linked(report_a: int, report_b: int, db: str | None) -> None:
    """Say whether two stored reports describe the same happening, and why.

    Report ids are the report_ids in `brinkwatch export --format jsonl`.
    Example: brinkwatch why-linked 12 40 --db sqlite:///brinkwatch.db
    """
    from .store import Store

    with Store.open(load_settings(db=db).db) as store:
        decision = store.why_linked(report_a, report_b)
        stored = [store.event_row(report_a)["event_pk"], store.event_row(report_b)["event_pk"]]
    click.echo(f"{'same happening' if decision.same else 'different happenings'} (score {decision.score:.2f})")
    click.echo("".join(f"  {reason}\n" for reason in decision.reasons), nl=False)
    together = stored[0] is not None and stored[0] == stored[1]
    click.echo(f"stored: {'both in event ' + str(stored[0]) if together else 'in events ' + repr(stored)}")


@click.command("import")
@click.argument("input_path", metavar="FILE")
@click.option("--format", "fmt", type=click.Choice(["acled-csv"]), required=True, help="The file's layout.")
@db_option
@click.option("--quiet", "-q", is_flag=True, help="No summary on stderr.")
def import_events(input_path: str, fmt: str, db: str | None, quiet: bool) -> None:
    """Load events coded elsewhere (ACLED CSV rows) into the store, one article per row.

    A bad row is recorded as a failure and the rest is still loaded; imported events link with
    the reports read from news. Example: brinkwatch import --format acled-csv acled.csv --db sqlite:///brinkwatch.db
    """
    from .acled import import_acled_csv
    from .store import Store

    with Store.open(load_settings(db=db).db) as store:
        read, new, failures = import_acled_csv(store, input_path, on_failure=lambda f: say(f"skipped {f}"))
    say(f"{read} rows read, {new} new events stored, {len(failures)} failed", quiet)
    if failures:
        sys.exit(1)


@click.command()
@db_option
def summary(db: str | None) -> None:
    """Print what the store holds: articles, events by type, the busiest dyads.

    Example: brinkwatch summary --db sqlite:///brinkwatch.db
    """
    from .store import Store

    settings = load_settings(db=db)
    with Store.open(settings.db) as store:
        info = store.summary()
        failures = store.failures(limit=5)
    click.echo(f"store: {settings.db}")
    click.echo(f"articles: {info['articles']}   reports: {info['reports']} (events as read in one article), "
               f"linked into {info['events']} events   failures: {info['failures']}")
    click.echo("reports by type:")
    for name, n in sorted(info["by_type"].items(), key=lambda pair: -pair[1]):
        click.echo(f"  {name:<10} {n}")
    click.echo("busiest dyads (source -> target):")
    for source, target, n in info["dyads"]:
        click.echo(f"  {source} -> {target}: {n}")
    for failure in failures:
        click.echo(f"failed: {failure['input']} {failure.get('where') or ''} {failure['message']}")
