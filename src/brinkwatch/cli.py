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

from .cli_options import cluster_options, db_option, input_options, load_settings, say
from .errors import BrinkwatchError, BudgetError, ConfigError, InputError

_say = say
_settings = load_settings


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
    from .store.sql import BATCH_SIZE

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
            if pipeline is None:  # extracted on the cluster: saved in batches, a transaction each
                from .store.bulk import batches

                for batch in batches(pairs, BATCH_SIZE):
                    read += len(batch)
                    saved = store.save_articles([(a, found) for a, found in batch if found is not None],
                                                coder_version=CODER_VERSION, run_id=run_id)
                    new, events = new + saved[0], events + saved[1]
                pairs = iter(())
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
@click.option("--host", default=None, help="Address to bind (default 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default 8765).")
def serve(db: str | None, host: str | None, port: int | None) -> None:
    """Serve the dashboard and HTTP API until Ctrl-C.

    Binds to loopback by default; any other address needs BRINKWATCH_TOKEN, which the write
    endpoints then require (docs/web.md).

    Example: brinkwatch serve --db sqlite:///brinkwatch.db --port 8765
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


from .cli_store import events, export, import_events, summary, why_linked  # noqa: E402
from .cli_tools import actors, gazetteer, watch  # noqa: E402

for _command in (events, export, why_linked, import_events, summary, gazetteer, watch, actors):
    cli.add_command(_command)


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
