"""Statements compiled once and run on the database driver's own cursor, for the linking hot path.

Linking runs three to six small statements per report. Through SQLAlchemy's `Connection.execute`
each costs about 30 µs of Python before SQLite spends 5 µs on it (measured with SQLAlchemy 2.0 on
SQLite 3.40), which capped bulk ingest near 3,000 events/s. A `Prepared` statement is compiled once
per dialect by SQLAlchemy (so SQLite and PostgreSQL still share one definition) and then handed to
the driver's cursor inside the caller's transaction. Only plain values go in (str, int, float, None)
and come out: no type processing happens, so statements that read or write JSON stay on the usual path.
Driver errors come out as SQLAlchemy's, as they would from `Connection.execute`.
"""

from __future__ import annotations

from collections import namedtuple
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import Executable


def _wrapped(sql: str, params: Any, error: Exception, conn: Connection) -> DBAPIError:
    """The driver's error as SQLAlchemy raises it (OperationalError, IntegrityError, ...), so callers
    handle errors from both paths alike."""
    return DBAPIError.instance(sql, params, error, conn.dialect.loaded_dbapi.Error, dialect=conn.dialect)


class Prepared:
    """One SQLAlchemy statement, run with `run(conn, **values)`; rows come back as named tuples."""

    def __init__(self, statement: Executable) -> None:
        self.statement = statement
        self._compiled: dict[str, tuple[str, tuple[str, ...] | None, dict[str, Any]]] = {}
        self._row: Any = None

    def _compile(self, conn: Connection) -> tuple[str, tuple[str, ...] | None, dict[str, Any]]:
        dialect = conn.dialect
        found = self._compiled.get(dialect.name)
        if found is None:
            compiled = self.statement.compile(dialect=dialect)
            if compiled.post_compile_params:
                raise ValueError(f"Prepared cannot run an IN over a list (an expanding parameter): {self.statement}")
            order = tuple(compiled.positiontup) if compiled.positiontup else None
            found = self._compiled[dialect.name] = (compiled.string, order, dict(compiled.params))
        return found

    def run(self, conn: Connection, **values: Any) -> Any:
        """Execute on `conn`'s driver connection (so inside its transaction); return the driver's cursor."""
        sql, order, defaults = self._compile(conn)
        params = {**defaults, **values}
        cursor = conn.connection.driver_connection.cursor()
        try:
            cursor.execute(sql, [params[name] for name in order] if order is not None else params)
        except conn.dialect.loaded_dbapi.Error as error:
            raise _wrapped(sql, params, error, conn) from error
        return cursor

    def many(self, conn: Connection, rows: list[dict[str, Any]]) -> None:
        """Execute once per row in one driver call (executemany); every row names every parameter."""
        sql, order, defaults = self._compile(conn)
        cursor = conn.connection.driver_connection.cursor()
        if defaults:
            rows = [{**defaults, **row} for row in rows]
        try:
            cursor.executemany(sql, [[row[name] for name in order] for row in rows] if order is not None else rows)
        except conn.dialect.loaded_dbapi.Error as error:
            raise _wrapped(sql, None, error, conn) from error

    def rows(self, conn: Connection, **values: Any) -> list[Any]:
        """The rows of a query, as named tuples with the statement's column names."""
        cursor = self.run(conn, **values)
        if self._row is None:
            self._row = namedtuple("Row", [column[0] for column in cursor.description], rename=True)  # type: ignore[misc]
        make = self._row._make
        return [make(row) for row in cursor.fetchall()]

    def one(self, conn: Connection, **values: Any) -> Any:
        found = self.rows(conn, **values)
        if len(found) != 1:
            raise LookupError(f"expected one row, got {len(found)}: {self.statement}")
        return found[0]
