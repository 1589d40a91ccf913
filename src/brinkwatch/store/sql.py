"""The event store: SQLite by default, PostgreSQL by URL, through SQLAlchemy Core.

Saving is idempotent by the article's content hash, so running an ingest twice adds nothing. On
SQLite every writing transaction starts with BEGIN IMMEDIATE: a second writer then waits for the
busy timeout instead of failing when it upgrades a read lock, and readers never block (WAL).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, func, insert, inspect, select, text, update
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, NoSuchModuleError, OperationalError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from brinkwatch.errors import InputError, StoreError
from brinkwatch.export import StoredEvent
from brinkwatch.link import LinkDecision, decide
from brinkwatch.model import Article, Event, Failure, event_from_dict
from brinkwatch.store import bulk, linking, migrations
from brinkwatch.store.query import check_filters, conditions, page_ids
from brinkwatch.store.schema import (
    SCHEMA_VERSION,
    articles,
    events as event_table,
    failures as failure_table,
    metadata,
    reports,
    runs,
    schema_version,
)

__all__ = ["Store", "check_filters", "database_url"]

BUSY_TIMEOUT_MS = 30_000
OPEN_ATTEMPTS = 4  # opening a store another process is creating: tries, half a second more apart each time
RUN_COUNTS = ("articles_read", "articles_new", "events", "failures")
BATCH_SIZE = 2000  # articles a transaction in save_articles
_WRITE = "brinkwatch_write"  # execution option: this transaction writes (BEGIN IMMEDIATE on SQLite)


def database_url(url: str) -> URL:
    """Turn what a user typed into a SQLAlchemy URL: a bare path means SQLite, postgresql means psycopg 3."""
    if url in ("", ":memory:"):
        return make_url("sqlite://")
    if "://" not in url:
        return make_url(f"sqlite:///{Path(url).expanduser()}")
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(
            f"{url!r} is not a database URL; use a path like 'brinkwatch.db', "
            "'sqlite:///brinkwatch.db' or 'postgresql+psycopg://user@host/dbname'"
        ) from exc
    if parsed.drivername in ("postgres", "postgresql"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _sqlite_engine(url: URL) -> Engine:
    in_memory = url.database in (None, "", ":memory:")
    if in_memory:  # one shared connection, or each thread would see its own empty database
        engine = create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
    else:
        engine = create_engine(url)

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # pysqlite must not emit BEGIN itself; on_begin does
        cursor = dbapi_connection.cursor()
        # the wait first: switching to WAL needs a lock that another process starting at the same moment holds
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA cache_size=-65536")  # 64 MB of page cache (the default 2 MB thrashes the indexes)
        cursor.execute("PRAGMA temp_store=MEMORY")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Connection) -> None:
        writes = connection.get_execution_options().get(_WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")

    return engine


# Kept under their old names for bench/synthetic.py.
_actor_rows, _report_row = bulk.actor_rows, bulk.report_row


def _names(actors: list[dict[str, Any]]) -> str:
    return "; ".join(a.get("name") or a["text"] for a in actors)


class Store:
    """Articles, the events read in them (reports), the happenings they link into (events), failures
    and runs, in one SQL database."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = engine.execution_options(**{_WRITE: True})
        self.url = engine.url.render_as_string(hide_password=True)

    @classmethod
    def open(cls, url: str) -> Store:
        """Open (and create if missing) the store at `url`: a path, sqlite:///... or postgresql+psycopg://..."""
        parsed = database_url(url)
        shown = parsed.render_as_string(hide_password=True)
        try:
            if parsed.get_backend_name() == "sqlite":
                engine = _sqlite_engine(parsed)
            else:
                engine = create_engine(parsed, pool_pre_ping=True, connect_args={"connect_timeout": 10})
        except (NoSuchModuleError, ModuleNotFoundError) as exc:
            raise StoreError(
                f"cannot open {shown}: no driver for {parsed.drivername!r} ({exc}); use sqlite:///FILE.db, "
                "or postgresql+psycopg://... after `pip install 'brinkwatch[postgres]'`"
            ) from exc
        store = cls(engine)
        try:
            for attempt in range(OPEN_ATTEMPTS):
                try:
                    store._create_schema()
                    break
                except OperationalError as exc:
                    # a new SQLite file that another process is setting up at the same moment can answer
                    # "database is locked" without waiting (while it switches to WAL); try again shortly
                    if "locked" not in str(exc) or attempt == OPEN_ATTEMPTS - 1:
                        raise
                    engine.dispose()
                    time.sleep(0.5 * (attempt + 1))
        except SQLAlchemyError as exc:
            engine.dispose()
            hint = ("check that the folder exists and is writable" if parsed.get_backend_name() == "sqlite"
                    else "check that the server is running, and the host, user, password and database name")
            raise StoreError(f"cannot open {shown}: {getattr(exc, 'orig', None) or exc}; {hint}") from exc
        except StoreError:
            engine.dispose()
            raise
        return store

    def _create_schema(self) -> None:
        with self._writer.begin() as conn:
            found = None
            if inspect(conn).has_table(schema_version.name):
                found = conn.execute(select(func.max(schema_version.c.version))).scalar()
            if found is not None and found < migrations.OLDEST_UPGRADABLE:
                raise StoreError(
                    f"{self.url} has schema version {found}, from before linked events (version "
                    f"{migrations.OLDEST_UPGRADABLE}), and cannot be upgraded in place; ingest your articles again "
                    "into a new store, e.g. `brinkwatch ingest FOLDER --db sqlite:///new.db`"
                )
            if found is not None and found > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.url} has schema version {found} and this brinkwatch reads version {SCHEMA_VERSION}; "
                    "use the brinkwatch release that wrote it, or start a new database"
                )
            if found is not None and found < SCHEMA_VERSION:
                migrations.upgrade(conn, found)  # in this transaction: all steps or none
            metadata.create_all(conn)
            if found is None:
                conn.execute(insert(schema_version).values(version=SCHEMA_VERSION, applied_at=_now()))

    @contextmanager
    def _transaction(self, action: str, *, writes: bool) -> Iterator[Connection]:
        try:
            with (self._writer if writes else self._engine).begin() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"could not {action} in {self.url}: {getattr(exc, 'orig', None) or exc}") from exc

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, for stages that add their own queries (the link stage)."""
        return self._engine

    def close(self) -> None:
        """Release every pooled connection."""
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------------------

    def has_article(self, content_hash: str) -> bool:
        with self._transaction("look up an article", writes=False) as conn:
            found = conn.execute(select(articles.c.id).where(articles.c.content_hash == content_hash)).first()
        return found is not None

    def article_version(self, content_hash: str) -> str | None:
        """The coder version that produced the stored reports of an article, or None if not stored."""
        with self._transaction("look up an article", writes=False) as conn:
            found = conn.execute(select(articles.c.coder_version).where(articles.c.content_hash == content_hash)).first()
        return found[0] if found is not None else None

    def save_article(
        self, article: Article, events: Sequence[Event], *, coder_version: str, run_id: int | None = None,
    ) -> bool:
        """Save an article and its events in one transaction; False when it was already there.

        An article stored by an older coder version has its reports replaced (and True is returned).
        Each asserted, non-historical report joins the stored event it matches, or starts a new one.
        """
        try:
            with self._writer.begin() as conn:
                return bulk.save_batch(conn, [(article, events)], coder_version=coder_version, run_id=run_id)[0]
        except IntegrityError as exc:
            # Another writer saved the same text between our look-up and our insert (PostgreSQL).
            if self.has_article(article.content_hash):
                return False
            raise StoreError(f"could not save article {article.id!r} in {self.url}: {exc.orig}") from exc
        except SQLAlchemyError as exc:
            raise StoreError(f"could not save article {article.id!r} in {self.url}: {exc}") from exc

    def save_articles(
        self, items: Iterable[tuple[Article, Sequence[Event]]], *, coder_version: str, run_id: int | None = None,
        batch_size: int = BATCH_SIZE, link: bool = True,
    ) -> tuple[int, int]:
        """Save many articles with their events, `batch_size` articles a transaction (see store/bulk.py):
        the same rows as save_article one by one, several times faster. Returns how many articles were
        saved (new or re-coded) and how many events they held. A batch that meets a concurrent writer's
        copy of one of its texts is saved again article by article; an interrupted run keeps every batch
        committed before it. `link=False` leaves reports unlinked: only to measure what linking costs."""
        if batch_size < 1:
            raise InputError(f"batch_size {batch_size} is below 1; use 1 or more", where="batch_size")
        articles_saved = events_saved = 0
        for batch in bulk.batches(items, batch_size):
            saved = self._save_batch(batch, coder_version, run_id, link)
            articles_saved += sum(saved)
            events_saved += sum(len(found) for (_, found), was_saved in zip(batch, saved) if was_saved)
        return articles_saved, events_saved

    def _save_batch(self, batch: list[tuple[Article, Sequence[Event]]], coder_version: str, run_id: int | None,
                    link: bool) -> list[bool]:
        try:
            with self._writer.begin() as conn:
                return bulk.save_batch(conn, batch, coder_version=coder_version, run_id=run_id, link=link)
        except IntegrityError:
            return [self.save_article(a, found, coder_version=coder_version, run_id=run_id) for a, found in batch]
        except SQLAlchemyError as exc:
            first, last = batch[0][0].id, batch[-1][0].id
            raise StoreError(f"could not save articles {first!r} to {last!r} in {self.url}: "
                             f"{getattr(exc, 'orig', None) or exc}") from exc

    def record_failure(self, failure: Failure, run_id: int | None = None) -> None:
        with self._transaction(f"record a failure for {failure.input!r}", writes=True) as conn:
            conn.execute(insert(failure_table).values(
                run_id=run_id, input=failure.input, where=failure.where, kind=failure.kind,
                message=failure.message, at=_now()))

    def start_run(self, command: str, coder_version: str) -> int:
        with self._transaction("start a run", writes=True) as conn:
            return int(conn.execute(insert(runs).values(
                started_at=_now(), command=command, coder_version=coder_version)).inserted_primary_key[0])

    def finish_run(self, run_id: int, **counts: int) -> None:
        """Close a run with its counts: articles_read, articles_new, events, failures."""
        unknown = sorted(set(counts) - set(RUN_COUNTS))
        if unknown:
            raise TypeError(f"finish_run() got unknown counts {unknown}; use {', '.join(RUN_COUNTS)}")
        with self._transaction(f"finish run {run_id}", writes=True) as conn:
            done = conn.execute(update(runs).where(runs.c.id == run_id).values(finished_at=_now(), **counts))
            if done.rowcount == 0:
                raise StoreError(f"there is no run {run_id} in {self.url}; use the id start_run() returned")

    # -- reading -----------------------------------------------------------------------------------

    @staticmethod
    def _report_query() -> Any:
        return (select(reports, articles.c.doc_id.label("article_doc_id"), articles.c.title, articles.c.published,
                       articles.c.url, articles.c.source.label("outlet"))
                .join(articles, articles.c.id == reports.c.article_pk))

    def _select_reports(self, filters: dict[str, Any], newest_first: bool) -> list[Any]:
        order = reports.c.report_id.desc() if newest_first else reports.c.report_id
        page = page_ids(conditions(filters), [order], filters["limit"], filters["offset"])
        query = self._report_query().where(reports.c.report_id.in_(page)).order_by(order)
        with self._transaction("read events", writes=False) as conn:
            return list(conn.execute(query))

    def events(
        self, *, actor: str | None = None, type: str | None = None, country: str | None = None,
        since: str | None = None, until: str | None = None, modality: str | None = None,
        min_sources: int | None = None, limit: int = 1000, offset: int = 0, newest_first: bool = False,
    ) -> list[Event]:
        """Events (reports) matching every given filter, in the order they were saved (or newest first).
        `min_sources` keeps reports whose linked event was reported by at least that many outlets."""
        filters = check_filters(actor=actor, type=type, country=country, since=since, until=until,
                                modality=modality, min_sources=min_sources, limit=limit, offset=offset)
        return [event_from_dict(row.payload) for row in self._select_reports(filters, newest_first)]

    def event_rows(
        self, *, actor: str | None = None, type: str | None = None, country: str | None = None,
        since: str | None = None, until: str | None = None, modality: str | None = None,
        min_sources: int | None = None, limit: int = 1000, offset: int = 0, newest_first: bool = False,
    ) -> list[dict[str, Any]]:
        """The same events as flat rows for tables, with report_id, event_pk, the article's doc_id, title
        and outlet, and `payload`, the event in the output contract."""
        filters = check_filters(actor=actor, type=type, country=country, since=since, until=until,
                                modality=modality, min_sources=min_sources, limit=limit, offset=offset)
        return [self._flat(row) for row in self._select_reports(filters, newest_first)]

    def event_row(self, report_id: int) -> dict[str, Any] | None:
        """One report as a flat row (see event_rows), or None when there is no such report."""
        with self._transaction(f"read report {report_id}", writes=False) as conn:
            row = conn.execute(self._report_query().where(reports.c.report_id == report_id)).first()
        return self._flat(row) if row is not None else None

    def linked_event(self, event_pk: int) -> dict[str, Any] | None:
        """A linked event (the happening) with `reports`, its reports as flat rows, and `sources`, the
        distinct outlets that reported it; None when there is no such event."""
        with self._transaction(f"read event {event_pk}", writes=False) as conn:
            found = linking.event_record(conn, event_pk)
            if found is None:
                return None
            rows = conn.execute(self._report_query().where(reports.c.event_pk == event_pk)
                                .order_by(reports.c.report_id)).all()
        flat = [self._flat(row) for row in rows]
        return {**found, "reports": flat, "sources": sorted({r["outlet"] or r["doc_id"] for r in flat})}

    def why_linked(self, report_a: int, report_b: int) -> LinkDecision:
        """Whether two stored reports describe the same happening, with the reasons (link.decide)."""
        found = {}
        for report_id in (report_a, report_b):
            row = self.event_row(report_id)
            if row is None:
                raise InputError(f"there is no report {report_id} in {self.url}; report ids are in "
                                 "`brinkwatch export --reports --format jsonl` (report_id)", where="report_id")
            found[report_id] = event_from_dict(row["payload"])
        return decide(found[report_a], found[report_b])

    def stored_events(self, *, per_event: bool = True, newest_first: bool = False,
                      **filters: Any) -> list[StoredEvent]:
        """Reports matching the filters (see `events`) with their event_pk, report ids and outlets. With
        `per_event`, one item per linked event: its most confident matching report stands for it."""
        checked = check_filters(**filters)
        rows = self._select_reports(checked, newest_first)
        if per_event:
            best: dict[Any, Any] = {}
            for row in rows:
                key = row.event_pk if row.event_pk is not None else ("report", row.report_id)
                if key not in best or row.confidence > best[key].confidence:
                    best[key] = row
            chosen = set(id(row) for row in best.values())
            rows = [row for row in rows if id(row) in chosen]
        linked: dict[int, tuple[list[int], list[str]]] = {}
        if per_event:
            with self._transaction("read linked events", writes=False) as conn:
                linked = linking.outlets(conn, sorted({r.event_pk for r in rows if r.event_pk is not None}))
        items = []
        for row in rows:
            ids, names = linked.get(row.event_pk, ([row.report_id], [row.outlet or row.article_doc_id]))
            items.append(StoredEvent(event_from_dict(row.payload), row.event_pk, tuple(ids), tuple(names)))
        return items

    @staticmethod
    def _flat(row: Any) -> dict[str, Any]:
        payload = row.payload
        return {
            "report_id": row.report_id, "event_pk": row.event_pk, "article_pk": row.article_pk,
            "doc_id": row.article_doc_id, "title": row.title, "published": row.published, "url": row.url,
            "event_id": row.event_id, "event_type": row.event_type, "mode": row.mode,
            "cameo_root": row.cameo_root, "date_value": row.date_value, "date_precision": row.date_precision,
            "source": _names(payload["source"]), "target": _names(payload["target"]),
            "source_key": row.source_key, "target_key": row.target_key,
            "source_country": row.source_country, "target_country": row.target_country,
            "location_name": row.location_name, "location_country": row.location_country,
            "location_lat": row.location_lat, "location_lon": row.location_lon,
            "modality": row.modality, "historical": row.historical, "confidence": row.confidence,
            "evidence_sentence": row.evidence_sentence, "trigger_text": row.trigger_text,
            "outlet": row.outlet, "payload": payload,
        }

    def article(self, doc_id_or_pk: str | int) -> dict[str, Any] | None:
        """An article by primary key (int) or doc_id (str, the latest saved), with its report ids."""
        column = articles.c.id if isinstance(doc_id_or_pk, int) else articles.c.doc_id
        with self._transaction(f"read article {doc_id_or_pk!r}", writes=False) as conn:
            row = conn.execute(
                select(articles).where(column == doc_id_or_pk).order_by(articles.c.id.desc()).limit(1)
            ).first()
            if row is None:
                return None
            ids = conn.execute(
                select(reports.c.report_id).where(reports.c.article_pk == row.id).order_by(reports.c.report_id)
            ).scalars().all()
        return {**row._asdict(), "report_ids": list(ids)}

    def failures(self, limit: int = 100) -> list[dict[str, Any]]:
        """The latest failures, newest first."""
        with self._transaction("read failures", writes=False) as conn:
            rows = conn.execute(select(failure_table).order_by(failure_table.c.id.desc()).limit(limit))
            return [row._asdict() for row in rows]

    def summary(self, dyads: int = 10) -> dict[str, Any]:
        """Counts for a dashboard: articles, reports, linked events, failures, runs, reports by type, busiest dyads."""
        count = func.count()
        with self._transaction("summarise", writes=False) as conn:
            by_type = conn.execute(
                select(reports.c.event_type, count).group_by(reports.c.event_type)
                .order_by(count.desc(), reports.c.event_type)
            ).all()
            busiest = conn.execute(
                select(reports.c.source_key, reports.c.target_key, count)
                .where(reports.c.source_key.is_not(None), reports.c.target_key.is_not(None))
                .group_by(reports.c.source_key, reports.c.target_key)
                .order_by(count.desc(), reports.c.source_key, reports.c.target_key)
                .limit(dyads)
            ).all()
            totals = {
                name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                for name, table in (("articles", articles), ("reports", reports), ("events", event_table),
                                    ("failures", failure_table), ("runs", runs))
            }
        return {
            **totals,
            "by_type": {event_type: n for event_type, n in by_type},
            "dyads": [(source, target, n) for source, target, n in busiest],
        }

    def ping(self) -> None:
        """Raise StoreError unless the database answers."""
        with self._transaction("reach the database", writes=False) as conn:
            conn.execute(text("SELECT 1"))
