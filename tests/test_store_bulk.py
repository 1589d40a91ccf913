"""The store's bulk path (Store.save_articles) and its schema upgrades, on SQLite and on PostgreSQL when
BRINKWATCH_TEST_POSTGRES_URL names a scratch database (its tables are emptied)."""

from __future__ import annotations

import os
import sqlite3

import pytest
from sqlalchemy import inspect, text

from brinkwatch.errors import InputError
from brinkwatch.model import Actor, Article, Event, Evidence, Place, Span, TimeRef
from brinkwatch.store import SCHEMA_VERSION, Store
from brinkwatch.store.schema import metadata

POSTGRES_URL = os.environ.get("BRINKWATCH_TEST_POSTGRES_URL")
TOWNS = {"Ramadi": (33.4258, 43.2992), "Hit": (33.6416, 42.8251), "Fallujah": (33.3500, 43.7833)}
SIDES = (("KH", "IRQ", "militia"), ("USA-MIL", "USA", "military"), ("IRQ-COP", "IRQ", "police"))
OUTLETS = ("Tigris Wire", "Euphrates Monitor", "Harbour Line")
# Columns that hold the time of writing, which two runs cannot share.
CLOCK = {"ingested_at", "created_at", "updated_at"}


def _report(doc_id: str, index: int, number: int) -> Event:
    """One of a small set of happenings (town, day, sides, type), told in this article's own words."""
    town = list(TOWNS)[number % 3]
    day = f"2020-03-{10 + number % 4:02d}"
    one, other = SIDES[number % 3], SIDES[(number + 1) % 3]
    sentence = f"Report {doc_id}/{index}: {one[0]} and {other[0]} clashed near {town} on {day}."
    return Event(
        doc_id=doc_id, event_id=f"{doc_id}:{index}", event_type=("ASSAULT", "PROTEST")[number % 2],
        trigger=Span("clashed", 0, 7), evidence=Evidence(sentence, 0, len(sentence)),
        source=(Actor(one[0], 0, len(one[0]), actor_id=one[0], name=one[0], country=one[1], sector=one[2]),),
        target=(Actor(other[0], 0, len(other[0]), actor_id=other[0], name=other[0], country=other[1],
                      sector=other[2]),),
        location=Place(town, 0, len(town), name=town, lat=TOWNS[town][0], lon=TOWNS[town][1], country="IRQ",
                       precision="city"),
        date=TimeRef(None, day, "day"), modality="asserted" if number % 5 else "negated", confidence=0.7,
    )


def _articles(count: int) -> list[tuple[Article, list[Event]]]:
    items = []
    for n in range(count):
        doc_id = f"doc-{n}"
        events = [_report(doc_id, i, n * 7 + i * 3) for i in range(n % 3 + 1)]
        article = Article(id=doc_id, text=" ".join(e.evidence.sentence for e in events), source=OUTLETS[n % 3],
                          published="2020-03-14")
        items.append((article, events))
    return items


@pytest.fixture(params=["sqlite", "postgresql"] if POSTGRES_URL else ["sqlite"])
def fresh(request, tmp_path):
    """A function that opens an empty store (a new file on SQLite, the emptied scratch database on PostgreSQL)."""
    opened: list[Store] = []

    def open_empty(name: str) -> Store:
        if request.param == "sqlite":
            store = Store.open(str(tmp_path / f"{name}.db"))
        else:
            store = Store.open(POSTGRES_URL)
            with store.engine.begin() as conn:
                conn.execute(text("TRUNCATE articles, reports, report_actors, events, failures, runs "
                                  "RESTART IDENTITY CASCADE"))
        opened.append(store)
        return store

    yield open_empty
    for store in opened:
        store.close()


def _rows(store: Store) -> dict[str, list[dict]]:
    found = {}
    with store.engine.connect() as conn:
        for table in ("articles", "reports", "report_actors", "events"):
            key = inspect(conn).get_pk_constraint(table)["constrained_columns"][0]
            rows = conn.execute(text(f"SELECT * FROM {table} ORDER BY {key}")).mappings()
            found[table] = [{k: v for k, v in row.items() if k not in CLOCK} for row in rows]
    return found


def test_store_bulk_saves_the_rows_that_saving_one_by_one_saves(fresh):
    items = _articles(40)
    repeated = items[:30] + [items[3]] + items[30:]  # a text twice in one batch
    one_by_one = fresh("one")
    saved = [one_by_one.save_article(a, found, coder_version="0.1.0") for a, found in repeated]
    expected = _rows(one_by_one)
    assert saved.count(False) == 1 and len(expected["events"]) > 5
    assert any(e["n_reports"] > 1 for e in expected["events"]), "the data must make linked events"

    bulk = fresh("bulk")  # on PostgreSQL, the same scratch database emptied
    assert bulk.save_articles(repeated, coder_version="0.1.0", batch_size=7) == (40, len(expected["reports"]))
    assert _rows(bulk) == expected
    assert bulk.save_articles(repeated, coder_version="0.1.0", batch_size=7) == (0, 0)  # idempotent


def test_store_bulk_recodes_older_articles_in_order(fresh):
    items = _articles(12)
    one_by_one = fresh("one")
    for article, found in items[:6]:
        one_by_one.save_article(article, found, coder_version="0.1.0")
    # A newer coder reads the first six again (one finds nothing now) and six new articles come with them.
    newer = [(a, found if i != 2 else []) for i, (a, found) in enumerate(items)]
    for article, found in newer:
        one_by_one.save_article(article, found, coder_version="0.2.0")
    expected = _rows(one_by_one)

    bulk = fresh("bulk")
    bulk.save_articles(items[:6], coder_version="0.1.0")
    assert bulk.save_articles(newer, coder_version="0.2.0", batch_size=5)[0] == 12
    assert _rows(bulk) == expected


def test_store_bulk_rejects_a_batch_size_below_one(tmp_path):
    with Store.open(str(tmp_path / "s.db")) as store, pytest.raises(InputError, match="batch_size 0"):
        store.save_articles([], coder_version="0.1.0", batch_size=0)


def _as_version(path: str, version: int) -> None:
    """Turn a store into what brinkwatch wrote at schema version 2 (no span_days, none of the later
    indexes), 3 or 4 (the indexes of that version, and those later versions replaced)."""
    kept = VERSION_2_INDEXES | ({"ix_events_type_span"} if version >= 3 else set()) | (
        {"ix_reports_type_date", "ix_reports_lat_lon", "ix_report_actors_country_role"} if version >= 4 else set())
    with sqlite3.connect(path) as plain:
        for (name,) in plain.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_%'"
                                     ).fetchall():
            if name not in kept:
                plain.execute(f"DROP INDEX {name}")
        for name, (where, replaced_in) in REPLACED.items():
            if replaced_in > version:
                plain.execute(f"CREATE INDEX {name} ON {where}")
        if version == 2:
            plain.execute("ALTER TABLE events DROP COLUMN span_days")
        plain.execute("DELETE FROM schema_version")
        plain.executemany("INSERT INTO schema_version VALUES (?, '2024-01-01T00:00:00+00:00')",
                          [(v,) for v in range(2, version + 1)])


VERSION_2_INDEXES = {
    "ix_articles_doc_id", "ix_events_type_window", "ix_events_n_sources", "ix_reports_event_pk",
    "ix_reports_article_pk", "ix_reports_event_type", "ix_reports_date_value", "ix_reports_source_country",
    "ix_reports_target_country", "ix_reports_location_country", "ix_reports_dyad", "ix_reports_target_key",
    "ix_report_actors_report_id", "ix_report_actors_country", "ix_failures_run_id",
}
# Indexes later versions replaced: what they indexed, and the version that replaced them.
REPLACED = {
    "ix_report_actors_country": ("report_actors (country)", 4), "ix_reports_event_type": ("reports (event_type)", 4),
    "ix_report_actors_key_lower": ("report_actors (lower(key))", 5),
    "ix_report_actors_name_lower": ("report_actors (lower(name))", 5),
    "ix_report_actors_actor_id_lower": ("report_actors (lower(actor_id))", 5),
}


@pytest.mark.parametrize("version", [2, 3, 4])
def test_store_migration_upgrades_an_older_store(tmp_path, version):
    path = str(tmp_path / "old.db")
    items = _articles(20)
    with Store.open(path) as store:
        store.save_articles(items[:15], coder_version="0.1.0")
        before = _rows(store)["events"]
    _as_version(path, version)

    with Store.open(path) as store:
        with store.engine.connect() as conn:
            versions = [v for (v,) in conn.execute(text("SELECT version FROM schema_version ORDER BY version"))]
            present = set(conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'")).scalars())
        assert versions == list(range(2, SCHEMA_VERSION + 1))
        declared = {index.name for table in metadata.tables.values() for index in table.indexes}
        assert declared <= present
        assert not present & set(REPLACED)
        assert _rows(store)["events"] == before  # span_days computed again from the dates
        store.save_articles(items[15:], coder_version="0.1.0")  # linking goes on over the old events
        after = _rows(store)

    with Store.open(str(tmp_path / "new.db")) as fresh_store:
        fresh_store.save_articles(items, coder_version="0.1.0")
        assert after == _rows(fresh_store)
