"""The event store: articles, the events read in them, runs and failures (SQLite or PostgreSQL)."""

from __future__ import annotations

from brinkwatch.store.schema import SCHEMA_VERSION
from brinkwatch.store.sql import Store, check_filters, database_url

__all__ = ["SCHEMA_VERSION", "Store", "check_filters", "database_url"]
