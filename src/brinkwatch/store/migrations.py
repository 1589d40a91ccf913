"""Schema upgrades: each version after 2 has a step that brings a store of the version before it up to
date in place, inside the transaction that opens the store, and is recorded in `schema_version`.

Version 1 (no linked events) cannot be upgraded: its reports were never linked (see Store.open).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

from sqlalchemy import Connection, Index, Integer, cast, func, insert, inspect, text, update
from sqlalchemy.schema import CreateIndex
from sqlalchemy.types import Date

from brinkwatch.store.schema import SCHEMA_VERSION, events, metadata, schema_version

OLDEST_UPGRADABLE = 2


def _create_missing_indexes(conn: Connection) -> None:
    """Create every index the schema declares that the database lacks (create_all skips existing tables)."""
    for table in metadata.sorted_tables:
        for index in table.indexes:
            # IF NOT EXISTS, not checkfirst: reflecting the expression indexes (lower(key)) warns on SQLite
            conn.execute(CreateIndex(index, if_not_exists=True))


def _span_days(conn: Connection) -> None:
    """3: events.span_days (days from date_first to date_last), which bounds the search for link
    candidates, and its index."""
    if "span_days" not in {column["name"] for column in inspect(conn).get_columns("events")}:
        conn.execute(text("ALTER TABLE events ADD COLUMN span_days INTEGER"))
    if conn.dialect.name == "sqlite":
        days = cast(func.julianday(events.c.date_last) - func.julianday(events.c.date_first), Integer)
    else:
        days = cast(events.c.date_last, Date) - cast(events.c.date_first, Date)
    conn.execute(update(events).where(events.c.date_first.is_not(None), events.c.date_last.is_not(None))
                 .values(span_days=days))
    conn.execute(CreateIndex(_index("ix_events_type_span"), if_not_exists=True))


def _query_indexes(conn: Connection) -> None:
    """4: indexes for the filters and sorts of the query layer: a type newest first (replacing the index on
    the type alone), a radius, a country read from the actor rows' index alone (replacing the index on
    their country)."""
    _replace_indexes(conn, ("ix_reports_event_type", "ix_report_actors_country"))


def _actor_indexes(conn: Connection) -> None:
    """5: the actor filter reads its indexes alone: the lowered key, name and actor id, each with the role
    and the report (replacing the indexes of the lowered values alone)."""
    _replace_indexes(conn, tuple(f"ix_report_actors_{column}_lower" for column in ("key", "name", "actor_id")))


def _replace_indexes(conn: Connection, replaced: tuple[str, ...]) -> None:
    for name in replaced:
        conn.execute(text(f"DROP INDEX IF EXISTS {name}"))
    _create_missing_indexes(conn)


def _index(name: str) -> Index:
    return next(i for table in metadata.sorted_tables for i in table.indexes if i.name == name)


STEPS: dict[int, Callable[[Connection], None]] = {3: _span_days, 4: _query_indexes, 5: _actor_indexes}


def upgrade(conn: Connection, found: int) -> list[int]:
    """Run the steps from version `found` to SCHEMA_VERSION; the versions applied, in order."""
    applied = []
    for version in range(found + 1, SCHEMA_VERSION + 1):
        STEPS[version](conn)
        conn.execute(insert(schema_version).values(
            version=version, applied_at=datetime.now(timezone.utc).isoformat(timespec="seconds")))
        applied.append(version)
    return applied
