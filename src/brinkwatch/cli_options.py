"""Options shared by several `brinkwatch` commands, each declared once (sqlite-utils' output_options)."""

from __future__ import annotations

import functools
from pathlib import Path
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


def cluster_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options of the commands that can run on a Dask cluster (docs/scale.md). The command gets
    `cluster`: None for a run in this process, else the keyword arguments of `distributed.run_job`."""
    from .distributed import RECORDS_PER_SHARD

    @click.option("--workers", type=click.IntRange(min=1), default=None, metavar="N",
                  help="Run on a local Dask cluster of N worker processes, one thread each.")
    @click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
                  help="Run on the existing Dask cluster of this scheduler (inputs at the same paths on every worker).")
    @click.option("--work-dir", default=None, metavar="PATH|URL",
                  help="Where partitions write Parquet and manifests; a folder or an fsspec URL like s3://bucket/run "
                       "(default .brinkwatch-work/<hash of inputs and options>). A rerun skips finished partitions.")
    @click.option("--records-per-shard", type=click.IntRange(min=1), default=RECORDS_PER_SHARD, show_default=True,
                  metavar="N", help="With --workers or --scheduler, a JSON Lines file of more records is cut into "
                                    "shards of N records, one partition each.")
    @functools.wraps(func)
    def wrapper(*args: Any, workers: int | None, scheduler: str | None, work_dir: str | None,
                records_per_shard: int, **kwargs: Any) -> Any:
        if workers and scheduler:
            raise click.UsageError("give --workers N (a local cluster) or --scheduler ADDRESS (an existing one), not both")
        if not (workers or scheduler):
            if work_dir:
                raise click.UsageError("--work-dir is used only with --workers or --scheduler; add one of them")
            return func(*args, cluster=None, **kwargs)
        inputs = kwargs.get("inputs") or ()
        if not inputs or "-" in inputs:
            raise click.UsageError("--workers and --scheduler read files and folders, not standard input; "
                                   "save the input to a file and give its path")
        if scheduler:  # remote workers do not share this working folder: name the inputs by absolute path
            kwargs["inputs"] = tuple(str(Path(path).resolve()) for path in inputs)
        cluster = {"workers": workers, "scheduler": scheduler, "work_dir": work_dir,
                   "records_per_shard": records_per_shard}
        return func(*args, cluster=cluster, **kwargs)
    return wrapper


def say(message: str, quiet: bool = False) -> None:
    """A message for people: on stderr, unless quiet."""
    if not quiet:
        click.echo(message, err=True)


def load_settings(**flags: Any) -> Any:
    """The settings: flags given here, else environment, else brinkwatch.toml, else defaults."""
    from .settings import Settings

    return Settings.load(**flags)
