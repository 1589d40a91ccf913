"""Speed of the store: bulk ingest (events/s) and filtered queries over a large store (p50/p95 per filter).

    .venv/bin/python bench/store.py --write docs/performance.md              # 10 min or so the first time
    .venv/bin/python bench/store.py --events 5000 --query-events 100000 --store /tmp/small.db   # a minute or two
    scripts/with-postgres.sh sh -c '.venv/bin/python bench/store.py --postgres "$BRINKWATCH_TEST_POSTGRES_URL"'

Ingest: synthetic articles (bench/synthetic.py, five reports each, a third of them retelling a recent
article's happenings so that linking has work) saved with Store.save_articles, the bulk path of the
Dask ingest and of `brinkwatch import`, into a new store; with linking, without it, and one article a
transaction (Store.save_article) for comparison. Queries: the HTTP API's query (web/queries.report_rows:
one page of 100, joined with the article and the linked event), over a store of --query-events reports
kept in --store (built once, reused while its size matches): a base of up to 100,000 reports saved with
linking, then copied in SQL with keys and dates shifted, two years back per copy.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from sqlalchemy import text  # noqa: E402

import store_queries  # noqa: E402
import synthetic  # noqa: E402
from brinkwatch.store import SCHEMA_VERSION, Store  # noqa: E402
from brinkwatch.store.sql import BATCH_SIZE  # noqa: E402
from report import publish  # noqa: E402

BEGIN, END = "<!-- store:begin -->", "<!-- store:end -->"
WORK = Path("/tmp/brinkwatch-bench")
TABLES = "articles, reports, report_actors, events, failures, runs"


def empty_store(url: str | None, name: str) -> Store:
    """A new SQLite file under WORK, or the PostgreSQL database at `url` emptied."""
    if url is None:
        path = WORK / f"{name}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return Store.open(str(path))
    store = Store.open(url)
    with store.engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE"))
    return store


def timed_save(url: str | None, items: list, how: str) -> dict[str, float]:
    store = empty_store(url, "ingest-" + how.replace(",", "").replace(" ", "-"))
    wall, cpu = time.perf_counter(), time.process_time()
    if how == "one by one":
        for article, found in items:
            store.save_article(article, found, coder_version="bench")
    else:
        store.save_articles(items, coder_version="bench", link=how == "bulk, linking")
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    with store.engine.connect() as conn:
        linked = conn.execute(text("SELECT count(*) FROM events")).scalar_one()
    store.close()
    return {"wall": wall, "cpu": cpu, "linked": linked}


def ingest_rows(url: str | None, backend: str, items: list, events: int, repeat: int) -> list[str]:
    rows = []
    few = items[: max(1, len(items) // 4)]  # one by one is slow: a quarter of the articles
    for how, part in (("bulk, linking", items), ("bulk, no linking", items), ("one by one", few)):
        n = sum(len(found) for _, found in part)
        runs = [timed_save(url, part, how) for _ in range(repeat)]
        best = min(runs, key=lambda r: r["wall"])
        median = statistics.median(r["wall"] for r in runs)
        cpu = f"{n / best['cpu']:,.0f}" if url is None else "–"  # the server's work is not in our process
        rows.append(f"| {backend} | {how} | {n:,} | {n / best['wall']:,.0f} | {n / median:,.0f} | {cpu} | "
                    f"{best['linked']:,} |")
        print(f"{backend} {how}: {n / best['wall']:,.0f} events/s (best of {repeat})", file=sys.stderr)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20_000, help="events saved in each ingest run")
    parser.add_argument("--query-events", type=int, default=1_000_000, help="reports in the store queried")
    parser.add_argument("--store", type=Path, default=WORK / "store-1m.db", help="the large store (kept, reused)")
    parser.add_argument("--postgres", default=None, help="also measure ingest into this PostgreSQL database "
                        "(emptied!), e.g. the URL scripts/with-postgres.sh sets")
    parser.add_argument("--repeat", type=int, default=3, help="ingest runs of each kind (the best and median shown)")
    parser.add_argument("--rounds", type=int, default=5, help="times each query runs (after one warm-up)")
    parser.add_argument("--plans", action="store_true", help="print each query's plan (EXPLAIN QUERY PLAN) to stderr")
    parser.add_argument("--write", type=Path, default=None, help="replace the generated part of this Markdown file")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    load = os.getloadavg()[0]

    items = list(synthetic.articles(max(1, args.events // 5)))
    events = sum(len(found) for _, found in items)
    rows = ingest_rows(None, "SQLite", items, events, args.repeat)
    if args.postgres:
        rows += ingest_rows(args.postgres, "PostgreSQL", items, events, args.repeat)

    store, built = store_queries.large_store(args.store, args.query_events)
    with store:
        results = store_queries.measure(store, args.rounds, args.plans)
    load = max(load, os.getloadavg()[0])
    elapsed = time.perf_counter() - started

    command = "`.venv/bin/python bench/store.py --write docs/performance.md`"
    if args.postgres:
        command = ("`scripts/with-postgres.sh sh -c '.venv/bin/python bench/store.py --postgres "
                   "\"$BRINKWATCH_TEST_POSTGRES_URL\" --write docs/performance.md'`")
    lines = [BEGIN, f"Generated by {command} in {elapsed / 60:.0f} min "
             f"(options: --events {args.events} --query-events {args.query_events} --repeat {args.repeat} "
             f"--rounds {args.rounds}).", "",
             f"Machine: {platform.machine()}, {os.cpu_count()} cores shared with other work (load average up to "
             f"{load:.1f} during the run), Python {platform.python_version()}, SQLite "
             f"{store_queries.sqlite_version()}, schema version {SCHEMA_VERSION}.", "",
             "### Ingest", "",
             f"{events:,} synthetic events in {len(items):,} articles (bench/synthetic.py), saved into a new store. "
             f"*bulk*: `Store.save_articles`, {BATCH_SIZE:,} articles a transaction, the path of `brinkwatch ingest "
             "--workers N` and `brinkwatch import`; *one by one*: `Store.save_article`, a transaction per "
             "article (the path of a single-process ingest, where extraction takes far longer anyway). "
             "events/s count reports saved; *CPU* divides by this process's CPU time, which other users' "
             "work on the machine disturbs less than the wall clock.", "",
             "| database | path | events | events/s (best) | events/s (median) | events/s per CPU second | "
             "linked events made |", "|---|---|---|---|---|---|---|", *rows, "",
             *store_queries.ingest_notes(args.postgres is not None), "",
             "### Filtered queries", "", *store_queries.report(results, store, built, args.store), END]
    publish("\n".join(lines), args.write, BEGIN, END)


if __name__ == "__main__":
    main()
