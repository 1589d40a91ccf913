"""Schema upgrades: each version after 2 has a step that brings a store of the version before it up to
date in place, inside the transaction that opens the store, and is recorded in `schema_version`.

Version 1 (no linked events) cannot be upgraded: its reports were never linked (see Store.open).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

from sqlalchemy import Connection, Integer, cast, func, insert, inspect, text, update
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
    candidates, and the indexes of version 3 (linking, and the filters of the query layer)."""
    if "span_days" not in {column["name"] for column in inspect(conn).get_columns("events")}:
        conn.execute(text("ALTER TABLE events ADD COLUMN span_days INTEGER"))
    if conn.dialect.name == "sqlite":
        days = cast(func.julianday(events.c.date_last) - func.julianday(events.c.date_first), Integer)
    else:
        days = cast(events.c.date_last, Date) - cast(events.c.date_first, Date)
    conn.execute(update(events).where(events.c.date_first.is_not(None), events.c.date_last.is_not(None))
                 .values(span_days=days))
    _create_missing_indexes(conn)


STEPS: dict[int, Callable[[Connection], None]] = {3: _span_days}


def upgrade(conn: Connection, found: int) -> list[int]:
    """Run the steps from version `found` to SCHEMA_VERSION; the versions applied, in order."""
    applied = []
    for version in range(found + 1, SCHEMA_VERSION + 1):
        STEPS[version](conn)
        conn.execute(insert(schema_version).values(
            version=version, applied_at=datetime.now(timezone.utc).isoformat(timespec="seconds")))
        applied.append(version)
    return applied
