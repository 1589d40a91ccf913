"""The large store of bench/store.py and the filtered queries run over it.

The store: a base of synthetic reports saved with linking (Store.save_articles), then copied in SQL
(SQLite only) with every key moved past the last one and every date moved two years back per copy, so a
million reports cover some twenty years of the same places and actors. The secondary indexes are dropped
while copying and made again afterwards, as a bulk load into an empty table would do.
"""

from __future__ import annotations

import math
import sqlite3
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import event, text

import synthetic
from brinkwatch.store import Store
from brinkwatch.store.schema import articles, events, report_actors, reports
from brinkwatch.web import queries
from brinkwatch.web.filters import parse_filter

BASE = 100_000  # reports saved (and linked) before copying
DAYS_PER_COPY = 731
SORTS = ("id", "-date")
# Filter kinds of the HTTP API and the CLI, each with a few values a user might give.
KINDS: dict[str, list[dict[str, Any]]] = {
    "actor": [{"actor": "IRQ-MIL"}, {"actor": "USA"}, {"actor": "SYR-REB"}, {"actor": "NGA-COP"}],
    "dyad": [{"dyad": "USA-IRN"}, {"dyad": "IRQ-TUR"}, {"dyad": "RUS-UKR"}, {"dyad": "ISR-LBN"}],
    "type": [{"type": "ASSAULT"}, {"type": "PROTEST"}, {"type": "AGREE"}, {"type": "CONCEDE"}],
    "country": [{"country": "IRQ"}, {"country": "SYR"}, {"country": "NGA"}, {"country": "FRA"}],
    "place radius": [{"lat": 33.34, "lon": 44.40, "radius_km": 50}, {"lat": 50.45, "lon": 30.52, "radius_km": 100},
                     {"lat": 2.05, "lon": 45.32, "radius_km": 25}, {"lat": 36.2, "lon": 37.16, "radius_km": 200}],
    "date range": [{"since": "2019-06-01", "until": "2019-06-30"}, {"since": "2012-03", "until": "2012-05"},
                   {"since": "2005", "until": "2005"}, {"since": "2020-12-01"}],
    "modality": [{"modality": "negated"}, {"modality": "hypothetical"}, {"modality": "future"}],
    "min sources": [{"min_sources": 2}, {"min_sources": 3}, {"min_sources": 5}],
    "type + country + dates": [{"type": "ASSAULT", "country": "IRQ", "since": "2019-01", "until": "2019-03"},
                               {"type": "PROTEST", "country": "UKR", "since": "2015", "until": "2016"},
                               {"type": "COERCE", "country": "MEX", "since": "2008-05", "until": "2008-05"}],
    "dyad + dates": [{"dyad": "USA-IRN", "since": "2019-12", "until": "2020-01"},
                     {"dyad": "SYR-TUR", "since": "2010", "until": "2011"}],
    "actor + min sources": [{"actor": "IRQ-MIL", "min_sources": 2}, {"actor": "RUS", "min_sources": 3}],
}


def sqlite_version() -> str:
    return sqlite3.sqlite_version


def _count(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM reports")).scalar_one())


def _copy_sql(table: Any, key_moves: dict[str, str], shifted: tuple[str, ...], tagged: tuple[str, ...],
              overrides: dict[str, str] | None = None) -> str:
    """INSERT ... SELECT for one copy of `table`: keys moved by a parameter, dates shifted, text tagged."""
    columns, values = [], []
    for column in table.columns:
        name = column.name
        quoted = f'"{name}"'
        columns.append(quoted)
        if overrides and name in overrides:
            values.append(overrides[name])
        elif name in key_moves:
            values.append(f"{quoted} + :{key_moves[name]}")
        elif name in shifted:
            values.append(f"date({quoted}, :shift)")
        elif name in tagged:
            values.append(f"{quoted} || :tag")
        else:
            values.append(quoted)
    return f"INSERT INTO {table.name} ({', '.join(columns)}) SELECT {', '.join(values)} FROM {table.name}"


PAYLOAD = ("json_set(payload, '$.date.value', date(date_value, :shift), '$.doc_id', "
           "json_extract(payload, '$.doc_id') || :tag, '$.event_id', json_extract(payload, '$.event_id') || :tag)")
COPIES = {
    "articles": (_copy_sql(articles, {"id": "articles"}, ("published",), ("doc_id", "content_hash"),
                           {"run_id": "NULL"}) + " WHERE id <= :cut"),
    "reports": (_copy_sql(reports, {"report_id": "reports", "article_pk": "articles", "event_pk": "events"},
                          ("date_value",), ("event_id",), {"payload": PAYLOAD}) + " WHERE article_pk <= :cut"),
    "report_actors": (_copy_sql(report_actors, {"id": "actors", "report_id": "reports"}, (), ())
                      + " WHERE report_id IN (SELECT report_id FROM reports WHERE article_pk <= :cut)"),
    "events": (_copy_sql(events, {"event_pk": "events"}, ("date_value", "date_first", "date_last"), ())
               + " WHERE event_pk IN (SELECT event_pk FROM reports WHERE article_pk <= :cut)"),
}


def _build(path: Path, target: int) -> dict[str, float]:
    """Fill a new store at `path` with `target` reports; the seconds each phase took."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    spent: dict[str, float] = {}
    base = min(target, BASE)
    items = list(synthetic.articles(math.ceil(base / 5)))  # made before the clock starts
    with Store.open(str(path)) as store:
        started = time.perf_counter()
        store.save_articles(items, coder_version="bench")
        spent["base"] = time.perf_counter() - started
        spent["base_reports"] = _count(store)
    plain = sqlite3.connect(path, isolation_level=None)
    try:
        started = time.perf_counter()
        last = {name: plain.execute(f"SELECT max({key}) FROM {name}").fetchone()[0] or 0 for name, key in
                (("articles", "id"), ("reports", "report_id"), ("events", "event_pk"), ("report_actors", "id"))}
        indexes = plain.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                                "AND name LIKE 'ix_%'").fetchall()
        plain.execute("BEGIN")
        for name, _ in indexes:
            plain.execute(f"DROP INDEX {name}")
        per_article = spent["base_reports"] / last["articles"]
        copy = 0
        while spent["base_reports"] * (copy + 1) < target:
            copy += 1
            missing = target - spent["base_reports"] * copy
            cut = min(last["articles"], math.ceil(missing / per_article))
            params = {"articles": last["articles"] * copy, "reports": last["reports"] * copy,
                      "events": last["events"] * copy, "actors": last["report_actors"] * copy,
                      "shift": f"-{DAYS_PER_COPY * copy} days", "tag": f"~{copy}", "cut": cut}
            for table in ("events", "articles", "reports", "report_actors"):
                plain.execute(COPIES[table], params)
        plain.execute("COMMIT")
        spent["copy"] = time.perf_counter() - started
        started = time.perf_counter()
        for _, sql in indexes:
            plain.execute(sql)
        spent["indexes"] = time.perf_counter() - started
    finally:
        plain.close()
    return spent


def large_store(path: Path, target: int) -> tuple[Store, dict[str, Any]]:
    """The store at `path` holding `target` reports: reused when it has that many, else built anew."""
    if path.exists():
        started = time.perf_counter()
        store = Store.open(str(path))  # an older schema is upgraded here
        opened = time.perf_counter() - started
        if _count(store) == target:
            return store, {"reused": True, "open": opened}
        store.close()
    print(f"building a store of {target:,} reports in {path} (once)", file=sys.stderr)
    spent = _build(path, target)
    return Store.open(str(path)), {"reused": False, **spent}


def _plan(store: Store, flt: Any, sort: str) -> list[str]:
    """SQLite's plan for the page query: the statement is caught as it runs, then explained."""
    caught: list[tuple[str, Any]] = []

    def catch(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        caught.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", catch)
    try:
        queries.report_rows(store, flt, sort=sort, limit=100)
    finally:
        event.remove(store.engine, "before_cursor_execute", catch)
    statement, parameters = caught[-1]
    with store.engine.connect() as conn:
        raw = conn.connection.driver_connection
        return [row[3] for row in raw.execute(f"EXPLAIN QUERY PLAN {statement}", parameters).fetchall()]


def measure(store: Store, rounds: int, plans: bool) -> dict[str, dict[str, Any]]:
    """Per filter kind and sort order: every latency in ms, the first (cold) one apart, rows per page."""
    results: dict[str, dict[str, Any]] = {}
    for kind, values in KINDS.items():
        found: dict[str, Any] = {"example": values[0], "rows": []}
        for sort in SORTS:
            times: list[float] = []
            for value in values:
                flt = parse_filter(value)
                for round_number in range(rounds + 1):
                    started = time.perf_counter()
                    rows = queries.report_rows(store, flt, sort=sort, limit=100)
                    elapsed = (time.perf_counter() - started) * 1000
                    if round_number == 0:
                        found.setdefault(f"cold {sort}", []).append(elapsed)
                        found["rows"].append(len(rows))
                    else:
                        times.append(elapsed)
                if plans:
                    print(f"{kind} {value} sort={sort}:\n  " + "\n  ".join(_plan(store, flt, sort)), file=sys.stderr)
            found[sort] = times
        results[kind] = found
        print(f"{kind}: p95 " + ", ".join(f"{s} {percentile(found[s], 95):.0f} ms" for s in SORTS), file=sys.stderr)
    return results


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(q / 100 * len(ordered)) - 1)]


def _example(value: dict[str, Any]) -> str:
    return "&".join(f"{k}={v}" for k, v in value.items())


def report(results: dict[str, dict[str, Any]], store: Store, built: dict[str, Any], path: Path) -> list[str]:
    count = _count(store)
    with store.engine.connect() as conn:
        linked = conn.execute(text("SELECT count(*) FROM events")).scalar_one()
    size = sum(Path(f"{path}{s}").stat().st_size for s in ("", "-wal") if Path(f"{path}{s}").exists())
    if built.get("reused"):
        how = f"reused from an earlier run (opening it took {built['open']:.1f} s)"
    else:
        how = (f"built for this run: {built['base_reports']:,} reports saved with linking in {built['base']:.0f} s "
               f"({built['base_reports'] / built['base']:,.0f} events/s into a growing store), copied in "
               f"{built['copy']:.0f} s, indexes made in {built['indexes']:.0f} s")
    everything = [t for found in results.values() for s in SORTS for t in found[s]]
    lines = [f"SQLite store of {count:,} reports ({linked:,} linked events, {size / 2**30:.1f} GiB) in `{path}`, {how}. "
             "Each query is the HTTP API's `GET /api/events` query (`web/queries.report_rows`: one page of 100 "
             "rows, with the article and the linked event joined), in one process, page cache warm: each "
             "value runs once unmeasured (*first run*: the slowest of those shown), then as many times as --rounds says. "
             "p50/p95 in milliseconds over all values and rounds of a kind.", "",
             "| filter | example | rows on the page | p50 (by id) | p95 (by id) | p50 (newest first) | "
             "p95 (newest first) | first run, worst |", "|---|---|---|---|---|---|---|---|"]
    for kind, found in results.items():
        cold = max(max(found[f"cold {s}"]) for s in SORTS)
        lines.append(f"| {kind} | `{_example(found['example'])}` | {statistics.mean(found['rows']):.0f} | "
                     f"{percentile(found['id'], 50):.0f} | {percentile(found['id'], 95):.0f} | "
                     f"{percentile(found['-date'], 50):.0f} | {percentile(found['-date'], 95):.0f} | {cold:.0f} |")
    lines += ["", f"All {len(everything):,} measured queries: p50 {percentile(everything, 50):.0f} ms, "
              f"p95 {percentile(everything, 95):.0f} ms, worst {max(everything):.0f} ms."]
    return lines


def ingest_notes(with_postgres: bool) -> list[str]:
    notes = ["Linking (the candidate search, the comparison of reports, the event rows) is part of every *linking* "
             "row; *no linking* shows what the inserts alone cost."]
    if with_postgres:
        notes.append("PostgreSQL: the throwaway server of scripts/with-postgres.sh on the same machine "
                     "(fsync off, as for the tests), reached over TCP on 127.0.0.1.")
    return notes
