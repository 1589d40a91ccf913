"""Saving many articles at once: the bulk path of `Store.save_articles` (Dask ingest, imports).

A batch is one transaction. Its new articles, their reports and the reports' actors go in with one
multi-row insert per table (RETURNING gives the new keys, in the order given); then every report is
linked in the order the articles came, exactly as `Store.save_article` links them one article at a
time, so both paths store the same rows. An article stored by an older coder version has its reports
replaced at its turn in that order. Statements are built once with bound parameters: SQLAlchemy then
compiles each once, where building a statement per row cost more than running it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timezone
from itertools import islice
from typing import Any, TypeVar

from sqlalchemy import Connection, Table, Text, bindparam, cast, delete, func, insert, select, text, update
from sqlalchemy.dialects.postgresql import JSONB

from brinkwatch.model import Actor, Article, Event, event_to_dict
from brinkwatch.store import linking
from brinkwatch.store.prepared import Prepared
from brinkwatch.store.schema import articles, report_actors, reports

T = TypeVar("T")
_EXISTING = (select(articles.c.id, articles.c.content_hash, articles.c.coder_version)
             .where(articles.c.content_hash.in_(bindparam("hashes", expanding=True))))
# Every column named, so one compiled statement serves every row (see store/prepared.py); SQLite only.


def _insert_statement(table: Table, key: bool) -> Prepared:
    """INSERT of every column (the key too when `key`) for PostgreSQL, run on the driver's cursor
    (store/prepared.py): the JSON payload goes in as text, cast to JSONB."""
    values: dict[str, Any] = {}
    for column in table.columns:
        if column.primary_key and not key:
            continue
        values[column.name] = bindparam(column.name)
        if column.name == "payload":
            values[column.name] = cast(bindparam(column.name, type_=Text), JSONB())
    return Prepared(insert(table).values(values))


_INSERTS = {"articles": _insert_statement(articles, key=True), "reports": _insert_statement(reports, key=True),
            "report_actors": _insert_statement(report_actors, key=False)}
_INSERTS_SQLITE = {**_INSERTS, "reports": Prepared(insert(reports).values(
    {c.name: bindparam(c.name) for c in reports.columns}))}
_LAST_KEYS = {"articles": select(func.max(articles.c.id)), "reports": select(func.max(reports.c.report_id))}
_NEXT_KEYS = text("SELECT nextval(pg_get_serial_sequence(:table, :column)) FROM generate_series(1, :count)")
_RECODED = update(articles).where(articles.c.id == bindparam("b_id")).values(
    coder_version=bindparam("b_version"), ingested_at=bindparam("b_at"), run_id=bindparam("b_run"))


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """`items` in lists of `size` (the last may be shorter), read lazily."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version))


def is_older(stored: str, new: str) -> bool:
    """True when `stored` is an older coder version than `new` ("0.1.0" < "0.2.0" < "0.10.0")."""
    return stored != new and _version_key(stored) < _version_key(new)


def actor_rows(report_id: int, role: str, actors: Sequence[Actor]) -> list[dict[str, Any]]:
    return [
        {"report_id": report_id, "role": role, "position": i, "key": a.key, "actor_id": a.actor_id,
         "name": a.name, "country": a.country, "sector": a.sector, "text": a.text, "start": a.start, "end": a.end}
        for i, a in enumerate(actors)
    ]


def report_row(article_pk: int, ev: Event) -> dict[str, Any]:
    place, date = ev.location, ev.date
    first_source = ev.source[0] if ev.source else None
    first_target = ev.target[0] if ev.target else None
    return {
        "article_pk": article_pk, "event_pk": None, "event_id": ev.event_id, "event_type": ev.event_type,
        "mode": ev.mode, "cameo_root": ev.cameo_root, "acled_event_type": ev.acled_event_type,
        "acled_sub_event_type": ev.acled_sub_event_type, "modality": ev.modality, "historical": ev.historical,
        "confidence": ev.confidence, "intensity": ev.intensity,
        "date_value": date.value if date else None, "date_precision": date.precision if date else None,
        "location_name": place.name if place else None, "location_lat": place.lat if place else None,
        "location_lon": place.lon if place else None, "location_country": place.country if place else None,
        "location_admin1": place.admin1 if place else None,
        "location_geonameid": place.geonameid if place else None,
        "location_precision": place.precision if place else None,
        "evidence_sentence": ev.evidence.sentence, "evidence_start": ev.evidence.start,
        "evidence_end": ev.evidence.end, "trigger_text": ev.trigger.text, "trigger_start": ev.trigger.start,
        "trigger_end": ev.trigger.end,
        "source_key": first_source.key if first_source else None,
        "target_key": first_target.key if first_target else None,
        "source_country": first_source.country if first_source else None,
        "target_country": first_target.country if first_target else None,
        "payload": event_to_dict(ev),
    }


def event_actor_rows(report_id: int, ev: Event) -> list[dict[str, Any]]:
    """The actor rows of one report: its sources, its targets and its claimant."""
    rows = actor_rows(report_id, "source", ev.source) + actor_rows(report_id, "target", ev.target)
    if ev.attribution is not None and ev.attribution.claimant is not None:
        rows += actor_rows(report_id, "claimant", [ev.attribution.claimant])
    return rows


def article_row(article: Article, coder_version: str, run_id: int | None, at: str) -> dict[str, Any]:
    return {"doc_id": article.id, "content_hash": article.content_hash, "title": article.title,
            "published": article.published, "source": article.source, "url": article.url, "lang": article.lang,
            "text": article.text, "origin": article.origin, "ingested_at": at, "coder_version": coder_version,
            "run_id": run_id}


def insert_keyed(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    """Insert rows in one executemany and return their new primary keys, in the order of `rows`.

    The keys are chosen first, so that no row has to come back: on SQLite the next ones after the
    largest, as SQLite itself would pick them (a writing transaction there holds the database's only
    write lock, BEGIN IMMEDIATE); on PostgreSQL as many values of the key's sequence, which no other
    writer can be given. A RETURNING insert instead went one row at a time on SQLite (which does not
    promise the order of RETURNING rows), and through one huge statement on PostgreSQL."""
    if not rows:
        return []
    key = table.primary_key.columns.values()[0]
    if conn.dialect.name == "sqlite":
        last = conn.execute(_LAST_KEYS[table.name]).scalar() or 0
        keys = list(range(last + 1, last + 1 + len(rows)))
    else:
        keys = list(conn.execute(_NEXT_KEYS, {"table": table.name, "column": key.name, "count": len(rows)}).scalars())
    for row, number in zip(rows, keys):
        row[key.name] = number
        if "payload" in row:  # the driver's cursor takes the JSON text SQLAlchemy would have written
            row["payload"] = json.dumps(row["payload"])
    _inserts(conn)[table.name].many(conn, rows)
    return keys


def _inserts(conn: Connection) -> dict[str, Prepared]:
    return _INSERTS_SQLITE if conn.dialect.name == "sqlite" else _INSERTS


def insert_reports(conn: Connection, owned: Sequence[tuple[int, Event]]) -> list[int]:
    """Insert reports (article key, event) and their actors; the new report ids, in the same order."""
    if not owned:
        return []
    ids = insert_keyed(conn, reports, [report_row(pk, ev) for pk, ev in owned])
    actors = [row for report_id, (_, ev) in zip(ids, owned) for row in event_actor_rows(report_id, ev)]
    if actors:
        _inserts(conn)["report_actors"].many(conn, actors)
    return ids


def delete_reports(conn: Connection, article_pk: int) -> None:
    ids = select(reports.c.report_id).where(reports.c.article_pk == article_pk)
    conn.execute(delete(report_actors).where(report_actors.c.report_id.in_(ids)))
    conn.execute(delete(reports).where(reports.c.article_pk == article_pk))


def save_batch(conn: Connection, batch: Sequence[tuple[Article, Sequence[Event]]], *, coder_version: str,
               run_id: int | None = None, link: bool = True) -> list[bool]:
    """Save a batch of articles with their events inside the caller's transaction. For each article, True
    when it was saved (new, or re-coded from an older coder version), False when it was there already or
    came earlier in the batch. `link=False` leaves the reports unlinked (to measure what linking costs)."""
    at = now()
    found = {row.content_hash: row for row in conn.execute(
        _EXISTING, {"hashes": sorted({a.content_hash for a, _ in batch})})}
    seen: set[str] = set()
    plan: list[tuple[str, int, Article, Sequence[Event]]] = []  # (what, index in new or stored key, ...)
    new: list[dict[str, Any]] = []
    for article, events in batch:
        digest = article.content_hash
        stored = found.get(digest)
        if digest in seen or (stored is not None and not is_older(stored.coder_version, coder_version)):
            plan.append(("skip", 0, article, events))
        elif stored is None:
            plan.append(("new", len(new), article, events))
            new.append(article_row(article, coder_version, run_id, at))
        else:
            plan.append(("recode", stored.id, article, events))
        seen.add(digest)
    new_keys = insert_keyed(conn, articles, new)
    learnt = linking.Batch()  # holds the batch's reports, so linking need not read them back
    learnt.outlets.update((key, row["source"] or "article:" + row["doc_id"]) for key, row in zip(new_keys, new))
    pending: list[tuple[int, Sequence[Event]]] = []  # new articles whose reports wait for one insert

    def link_all(article_pk: int, pairs: list[tuple[int, Event]]) -> None:
        learnt.reports.update(pairs)
        for report_id, ev in pairs if link else ():
            linking.link_report(conn, article_pk, report_id, ev, coder_version, learnt)

    def flush() -> None:
        report_ids = iter(insert_reports(conn, [(pk, ev) for pk, events in pending for ev in events]))
        for article_pk, events in pending:
            link_all(article_pk, [(next(report_ids), ev) for ev in events])
        pending.clear()

    saved = []
    for what, key, _, events in plan:
        saved.append(what != "skip")
        if what == "new":
            pending.append((new_keys[key], events))
        elif what == "recode":
            flush()  # the reports before it first, so report ids come out as one article at a time gives them
            replaced = linking.events_of_article(conn, key)
            for event_pk in replaced:  # their counts change below, out of the batch's sight
                learnt.tallies.pop(event_pk, None)
            delete_reports(conn, key)
            conn.execute(_RECODED, {"b_id": key, "b_version": coder_version, "b_at": at, "b_run": run_id})
            link_all(key, list(zip(insert_reports(conn, [(key, ev) for ev in events]), events)))
            linking.refresh_counts(conn, replaced)
    flush()
    return saved
