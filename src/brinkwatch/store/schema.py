"""The store's tables, declared once with SQLAlchemy Core so SQLite and PostgreSQL share one schema.

A *report* is one event as read in one article (an `Event` value). An *event* is the happening behind
reports from several articles: saving a report links it to the best matching event (`link.py` decides)
or starts a new one; `reports.event_pk` points at it, and stays empty for reports that are not asserted
or are history. `payload` keeps the full contract dictionary so an Event read back is exactly the Event
saved; the other report columns exist to be filtered on.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB

# 2: the events table (linked happenings); 3: events.span_days, which bounds the link candidate search;
# 4 and 5: indexes for the filters and sorts of the query layer. store/migrations.py upgrades version 2
# and later.
SCHEMA_VERSION = 5

metadata = MetaData()

# Dates are compared as strings ("2019-12" <= "2019-12-29"); PostgreSQL must compare them bytewise,
# not by the server's locale, which may skip punctuation.
_DATE = String(10).with_variant(String(10, collation="C"), "postgresql")
_PAYLOAD = JSON().with_variant(JSONB(), "postgresql")

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("applied_at", String(32), nullable=False),
)

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", String(32), nullable=False),
    Column("finished_at", String(32)),
    Column("command", Text, nullable=False),
    Column("coder_version", String(64), nullable=False),
    Column("articles_read", Integer, nullable=False, default=0),
    Column("articles_new", Integer, nullable=False, default=0),
    Column("events", Integer, nullable=False, default=0),
    Column("failures", Integer, nullable=False, default=0),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", Text, nullable=False, index=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("title", Text),
    Column("published", _DATE),
    Column("source", Text),
    Column("url", Text),
    Column("lang", String(16)),
    Column("text", Text, nullable=False),
    Column("origin", Text),
    Column("ingested_at", String(32), nullable=False),
    Column("coder_version", String(64), nullable=False),
    Column("run_id", Integer, ForeignKey("runs.id", ondelete="SET NULL")),
)

events = Table(
    "events",
    metadata,
    Column("event_pk", Integer, primary_key=True, autoincrement=True),
    Column("event_type", String(16), nullable=False),
    Column("date_value", _DATE),  # the most precise date its reports give, earliest first
    Column("date_precision", String(8)),
    Column("date_first", _DATE),  # first and last day its reports' dates cover (YYYY-MM-DD): the link window
    Column("date_last", _DATE),
    Column("span_days", Integer),  # days from date_first to date_last: bounds the link window's search
    Column("location_name", Text),
    Column("location_lat", Float),
    Column("location_lon", Float),
    Column("location_country", String(3)),
    Column("location_admin1", Text),
    Column("location_precision", String(8)),
    Column("source_key", Text),
    Column("target_key", Text),
    Column("n_reports", Integer, nullable=False),
    Column("n_sources", Integer, nullable=False),  # distinct outlets (an article with no outlet counts alone)
    Column("created_at", String(32), nullable=False),
    Column("updated_at", String(32), nullable=False),
    Index("ix_events_type_window", "event_type", "date_first", "date_last"),
    Index("ix_events_type_span", "event_type", "span_days"),
    Index("ix_events_n_sources", "n_sources"),
)

reports = Table(
    "reports",
    metadata,
    Column("report_id", Integer, primary_key=True, autoincrement=True),
    Column("article_pk", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("event_pk", Integer, ForeignKey("events.event_pk", ondelete="SET NULL"), index=True),
    Column("event_id", Text, nullable=False),
    Column("event_type", String(16), nullable=False),
    Column("mode", String(32)),
    Column("cameo_root", String(2)),
    Column("acled_event_type", Text),
    Column("acled_sub_event_type", Text),
    Column("modality", String(16), nullable=False),
    Column("historical", Boolean, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("intensity", Float),
    Column("date_value", _DATE),
    Column("date_precision", String(8)),
    Column("location_name", Text),
    Column("location_lat", Float),
    Column("location_lon", Float),
    Column("location_country", String(3)),
    Column("location_admin1", Text),
    Column("location_geonameid", Integer),
    Column("location_precision", String(8)),
    Column("evidence_sentence", Text, nullable=False),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("trigger_text", Text, nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("source_key", Text),
    Column("target_key", Text),
    Column("source_country", String(3)),
    Column("target_country", String(3)),
    Column("payload", _PAYLOAD, nullable=False),
    Index("ix_reports_article_pk", "article_pk"),
    Index("ix_reports_date_value", "date_value"),
    Index("ix_reports_type_date", "event_type", "date_value"),  # a type, newest first (4; was event_type alone)
    Index("ix_reports_lat_lon", "location_lat", "location_lon"),  # a radius or a box (4)
    Index("ix_reports_source_country", "source_country"),
    Index("ix_reports_target_country", "target_country"),
    Index("ix_reports_location_country", "location_country"),
    Index("ix_reports_dyad", "source_key", "target_key"),
    Index("ix_reports_target_key", "target_key"),
)

report_actors = Table(
    "report_actors",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("report_id", Integer, ForeignKey("reports.report_id", ondelete="CASCADE"), nullable=False),
    Column("role", String(16), nullable=False),  # "source" | "target" | "claimant"
    Column("position", Integer, nullable=False),  # order inside the role
    Column("key", Text, nullable=False),
    Column("actor_id", Text),
    Column("name", Text),
    Column("country", String(3)),
    Column("sector", Text),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Index("ix_report_actors_report_id", "report_id"),
    Index("ix_report_actors_country_role", "country", "role", "report_id"),  # covers the country filter (4)
)
# The actor filter is case-insensitive; index the lowered values it compares, with the role and the report
# so that the filter reads these indexes alone (5; were the lowered values alone).
for _column in ("key", "name", "actor_id"):
    Index(f"ix_report_actors_{_column}_role", func.lower(report_actors.c[_column]), report_actors.c.role,
          report_actors.c.report_id)

failures = Table(
    "failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer, ForeignKey("runs.id", ondelete="SET NULL"), index=True),
    Column("input", Text, nullable=False),
    Column("where", Text),
    Column("kind", String(32), nullable=False),
    Column("message", Text, nullable=False),
    Column("at", String(32), nullable=False),
)
