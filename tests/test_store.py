"""The event store on SQLite (and on PostgreSQL when BRINKWATCH_TEST_POSTGRES_URL names a scratch database)."""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import threading

import pytest
from sqlalchemy import text

import brinkwatch.store
from brinkwatch.errors import InputError, StoreError
from brinkwatch.model import Actor, Article, Attribution, Event, Evidence, Failure, Place, Span, TimeRef
from brinkwatch.store import Store, database_url

# Our own invented sentences; offsets are computed, never typed.
TEXT = (
    "Militia fighters fired rockets at an army base near Kirkuk on 3 March 2021, police said. "
    "Two days later Turkish and Iraqi envoys met in Baghdad to discuss border security."
)


def _at(text: str, piece: str, after: int = 0) -> tuple[str, int, int]:
    start = text.index(piece, after)
    return piece, start, start + len(piece)


def _sentence(text: str, index: int) -> Evidence:
    sentences = text.split(". ")
    start = text.index(sentences[index])
    sentence = sentences[index] if sentences[index].endswith(".") else sentences[index] + "."
    return Evidence(sentence, start, start + len(sentence))


def make_events(text: str = TEXT, doc_id: str = "doc-1") -> list[Event]:
    """An assault with every field set, and a hypothetical, historical meeting with a month date."""
    date_text, date_start, date_end = _at(text, "3 March 2021")
    assault = Event(
        doc_id=doc_id, event_id=f"{doc_id}:0", event_type="ASSAULT",
        trigger=Span(*_at(text, "fired")), evidence=_sentence(text, 0), mode="explosives", cameo_root="19",
        acled_event_type="Explosions/Remote violence", acled_sub_event_type="Shelling/artillery/missile attack",
        source=(Actor(*_at(text, "Militia fighters"), name="Militia fighters", country="IRQ", sector="REB"),),
        target=(Actor(*_at(text, "army base"), actor_id="IRQMIL", name="Iraqi Army", country="IRQ", sector="MIL"),),
        location=Place(*_at(text, "Kirkuk"), name="Kirkuk", lat=35.4681, lon=44.3922, country="IRQ",
                       admin1="Kirkuk", geonameid=94787, precision="city"),
        date=TimeRef(date_text, "2021-03-03", "day", date_start, date_end),
        attribution=Attribution(Actor(*_at(text, "police"), name="Iraqi Police", country="IRQ", sector="COP"), "said"),
        confidence=0.8125, intensity=-9.0,
    )
    meeting = Event(
        doc_id=doc_id, event_id=f"{doc_id}:1", event_type="CONSULT",
        trigger=Span(*_at(text, "met")), evidence=_sentence(text, 1), cameo_root="04",
        source=(Actor(*_at(text, "Turkish"), actor_id="TUR", name="Turkey", country="TUR", sector="GOV"),),
        target=(Actor(*_at(text, "Iraqi", text.index("Turkish")), actor_id="IRQ", name="Iraq", country="IRQ", sector="GOV"),),
        location=Place(*_at(text, "Baghdad"), name="Baghdad", country="IRQ", precision="city"),
        date=TimeRef(None, "2021-03", "month", origin="published"),
        modality="hypothetical", historical=True, confidence=0.4,
    )
    return [assault, meeting]


def make_article(text: str = TEXT, doc_id: str = "doc-1") -> Article:
    return Article(id=doc_id, text=text, title="Rockets near Kirkuk", published="2021-03-04", source="test wire",
                   url="https://example.org/a", origin="tests:1")


# Every test on `store_url` or `store` runs on SQLite, and on PostgreSQL too when this names a scratch database
# (its tables are emptied), e.g. postgresql+psycopg://postgres@/scratch?host=/tmp&port=5432
POSTGRES_URL = os.environ.get("BRINKWATCH_TEST_POSTGRES_URL")


@pytest.fixture(params=["sqlite", "postgresql"] if POSTGRES_URL else ["sqlite"])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "events.db")
    with Store.open(POSTGRES_URL) as scratch, scratch.engine.begin() as conn:
        conn.execute(text("TRUNCATE articles, reports, report_actors, events, failures, runs RESTART IDENTITY CASCADE"))
    return POSTGRES_URL


@pytest.fixture
def store(store_url):
    opened = Store.open(store_url)
    yield opened
    opened.close()


@pytest.fixture
def filled(store):
    store.save_article(make_article(), make_events(), coder_version="0.1.0")
    other = "Protesters marched in Ankara against rising prices."
    protest = Event(
        doc_id="doc-2", event_id="doc-2:0", event_type="PROTEST", trigger=Span(*_at(other, "marched")),
        evidence=Evidence(other, 0, len(other)), mode="demo",
        source=(Actor(*_at(other, "Protesters"), country="TUR", sector="CVL"),),
        location=Place(*_at(other, "Ankara"), name="Ankara", country="TUR", precision="city"),
        date=TimeRef(None, "2022", "year", origin="published"), modality="negated",
    )
    store.save_article(Article(id="doc-2", text=other), [protest], coder_version="0.1.0")
    return store


def test_store_all_is_sorted():
    assert brinkwatch.store.__all__ == sorted(brinkwatch.store.__all__)


def test_store_round_trip_keeps_every_field(store):
    events = make_events()
    assert store.save_article(make_article(), events, coder_version="0.1.0") is True
    assert [e.to_dict() for e in store.events()] == [e.to_dict() for e in events]


def test_store_save_twice_changes_nothing(store):
    article, events = make_article(), make_events()
    assert store.save_article(article, events, coder_version="0.1.0") is True
    before = store.event_rows()
    assert store.has_article(article.content_hash)
    assert store.save_article(article, events, coder_version="0.1.0") is False
    assert store.summary()["articles"] == 1
    assert store.event_rows() == before


def test_store_newer_coder_version_replaces_reports(store):
    article = make_article()
    store.save_article(article, make_events(), coder_version="0.1.0")
    assert store.save_article(article, make_events()[:1], coder_version="0.10.0") is True
    summary = store.summary()
    assert (summary["articles"], summary["reports"]) == (1, 1)
    assert store.article("doc-1")["coder_version"] == "0.10.0"
    with store.engine.connect() as conn:  # no orphaned actor rows from the replaced reports
        orphans = conn.execute(text(
            "SELECT count(*) FROM report_actors WHERE report_id NOT IN (SELECT report_id FROM reports)")).scalar()
    assert orphans == 0


def test_store_older_coder_version_changes_nothing(store):
    article = make_article()
    store.save_article(article, make_events(), coder_version="0.2.0")
    assert store.save_article(article, [], coder_version="0.1.9") is False
    assert store.summary()["reports"] == 2


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["doc-1:0", "doc-1:1", "doc-2:0"]),
        ({"type": "CONSULT"}, ["doc-1:1"]),
        ({"type": "consult"}, ["doc-1:1"]),
        ({"actor": "IRQMIL"}, ["doc-1:0"]),
        ({"actor": "militia FIGHTERS"}, ["doc-1:0"]),
        ({"actor": "tur-cvl"}, ["doc-2:0"]),
        ({"actor": "Iraqi Police"}, []),  # a claimant is neither source nor target
        ({"country": "TUR"}, ["doc-1:1", "doc-2:0"]),
        ({"country": "irq"}, ["doc-1:0", "doc-1:1"]),
        ({"since": "2021-03-02"}, ["doc-1:0", "doc-2:0"]),
        ({"since": "2021-03"}, ["doc-1:0", "doc-1:1", "doc-2:0"]),
        ({"until": "2021-03"}, ["doc-1:0", "doc-1:1"]),
        ({"until": "2021-03-02"}, ["doc-1:1"]),
        ({"since": "2021", "until": "2021"}, ["doc-1:0", "doc-1:1"]),
        ({"modality": "negated"}, ["doc-2:0"]),
        ({"type": "ASSAULT", "country": "TUR"}, []),
        ({"limit": 1, "offset": 1}, ["doc-1:1"]),
    ],
    ids=["none", "type", "type-lowercase", "actor-id", "actor-name", "actor-key", "claimant-not-actor",
         "country-source-target", "country-any", "since-day", "since-month", "until-month", "until-day",
         "year", "modality", "no-match", "page"],
)
def test_store_filters(filled, filters, expected):
    assert [e.event_id for e in filled.events(**filters)] == expected
    assert [r["event_id"] for r in filled.event_rows(**filters)] == expected


@pytest.mark.parametrize(
    ("name", "value"),
    [("type", "BOMB"), ("country", "Iraq"), ("since", "March 2021"), ("until", "2021-3-1"),
     ("modality", "maybe"), ("limit", -1), ("offset", -5)],
    ids=["type", "country", "since", "until", "modality", "limit", "offset"],
)
def test_store_bad_filter_names_the_parameter(store, name, value):
    with pytest.raises(InputError) as caught:
        store.events(**{name: value})
    assert caught.value.where == name
    assert str(value) in str(caught.value)


def test_store_event_rows_are_flat_with_article(filled):
    row = filled.event_rows(type="ASSAULT")[0]
    assert row["doc_id"] == "doc-1" and row["title"] == "Rockets near Kirkuk"
    assert row["source"] == "Militia fighters" and row["target"] == "Iraqi Army"
    assert row["source_key"] == "IRQ-REB" and row["target_key"] == "IRQMIL"
    assert filled.event_row(row["report_id"]) == row
    assert filled.event_row(999) is None
    assert [r["event_id"] for r in filled.event_rows(newest_first=True)] == ["doc-2:0", "doc-1:1", "doc-1:0"]


def test_store_article_by_doc_id_or_pk(filled):
    by_doc = filled.article("doc-1")
    assert by_doc["text"] == TEXT and by_doc["published"] == "2021-03-04"
    assert len(by_doc["report_ids"]) == 2
    assert filled.article(by_doc["id"]) == by_doc
    assert filled.article("missing") is None


def test_store_failures_and_runs(store):
    run_id = store.start_run("ingest corpus/", "0.1.0")
    store.record_failure(Failure("a.jsonl", "line 3", "json", "line 3 is not JSON; fix the quoting"), run_id)
    store.record_failure(Failure("b.txt", None, "empty", "the file is empty"))
    store.finish_run(run_id, articles_read=5, articles_new=4, events=7, failures=1)
    rows = store.failures()
    assert [(f["input"], f["where"], f["kind"], f["run_id"]) for f in rows] == [
        ("b.txt", None, "empty", None), ("a.jsonl", "line 3", "json", run_id)]
    assert store.summary()["failures"] == 2 and store.summary()["runs"] == 1
    with store.engine.connect() as conn:
        run = conn.execute(text("SELECT * FROM runs WHERE id = :id"), {"id": run_id}).mappings().one()
    assert (run["articles_read"], run["articles_new"], run["events"], run["failures"]) == (5, 4, 7, 1)
    assert run["finished_at"] is not None
    with pytest.raises(StoreError, match="no run 99"):
        store.finish_run(99, events=1)
    with pytest.raises(TypeError, match="articles"):
        store.finish_run(run_id, articles=1)


def test_store_summary_counts(filled):
    filled.save_article(make_article(TEXT + " Again.", "doc-3"), make_events(TEXT + " Again.", "doc-3"),
                        coder_version="0.1.0")
    summary = filled.summary()
    assert (summary["articles"], summary["reports"], summary["failures"]) == (3, 5, 0)
    assert summary["by_type"] == {"ASSAULT": 2, "CONSULT": 2, "PROTEST": 1}
    assert summary["dyads"] == [("IRQ-REB", "IRQMIL", 2), ("TUR", "IRQ", 2)]


def test_store_sqlite_uses_wal_and_busy_timeout(tmp_path):
    with Store.open(str(tmp_path / "events.db")) as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    with sqlite3.connect(tmp_path / "events.db") as plain:  # WAL is a property of the file
        assert plain.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def _in_threads(target, count: int) -> list[BaseException]:
    errors: list[BaseException] = []

    def run(n: int) -> None:
        try:
            target(n)
        except BaseException as exc:  # collected for the test to assert on
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_store_concurrent_writers_all_succeed(store_url):
    Store.open(store_url).close()

    def write(worker: int) -> None:
        with Store.open(store_url) as own:
            for i in range(15):
                body = f"Worker {worker} wrote article {i}. " + TEXT
                own.save_article(make_article(body, f"w{worker}-{i}"), make_events(body, f"w{worker}-{i}"),
                                 coder_version="0.1.0")

    assert _in_threads(write, 4) == []
    with Store.open(store_url) as check:
        assert check.summary()["articles"] == 60 and check.summary()["reports"] == 120


def test_store_same_article_at_once_is_saved_once(store_url):
    Store.open(store_url).close()
    saved: list[bool] = []
    barrier = threading.Barrier(4)

    def write(_worker: int) -> None:
        with Store.open(store_url) as own:
            barrier.wait()
            saved.append(own.save_article(make_article(), make_events(), coder_version="0.1.0"))

    assert _in_threads(write, 4) == []
    assert sorted(saved) == [False, False, False, True]
    with Store.open(store_url) as check:
        assert check.summary()["reports"] == 2


@pytest.mark.parametrize(
    ("given", "expected"),
    [("brinkwatch.db", "sqlite:///brinkwatch.db"), ("sqlite:///x.db", "sqlite:///x.db"), (":memory:", "sqlite://"),
     ("postgresql://u:p@h/db", "postgresql+psycopg://u:p@h/db"), ("postgres://h/db", "postgresql+psycopg://h/db")],
    ids=["bare-path", "sqlite-url", "memory", "postgresql", "postgres"],
)
def test_store_database_url(given, expected):
    assert database_url(given).render_as_string(hide_password=False) == expected


def test_store_bare_path_opens_sqlite(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with Store.open("brinkwatch.db") as opened:
        assert opened.url == "sqlite:///brinkwatch.db"
    assert (tmp_path / "brinkwatch.db").exists()


def test_store_open_failure_names_url_and_fix(tmp_path):
    url = f"sqlite:///{tmp_path}/no/such/folder/events.db"
    with pytest.raises(StoreError) as caught:
        Store.open(url)
    assert url in str(caught.value) and "folder exists" in str(caught.value)


def test_store_open_unreachable_server_hides_the_password():
    with pytest.raises(StoreError) as caught:
        Store.open("postgresql://watcher:hunter2@127.0.0.1:1/events")
    message = str(caught.value)
    assert "postgresql+psycopg://watcher:***@127.0.0.1:1/events" in message and "hunter2" not in message
    assert "server is running" in message


def test_store_failure_for_unknown_run_is_a_store_error(store):
    with pytest.raises(StoreError, match="could not record a failure"):
        store.record_failure(Failure("a.jsonl", None, "json", "broken"), run_id=4242)


def test_store_open_rejects_other_schema_version(tmp_path):
    path = str(tmp_path / "old.db")
    Store.open(path).close()
    with sqlite3.connect(path) as plain:
        plain.execute("UPDATE schema_version SET version = 99")
    with pytest.raises(StoreError, match="schema version 99"):
        Store.open(path)


# --- linking reports of one happening across articles ------------------------------------------------------

STRIKE = "Militia rockets hit a base used by US troops near Ramadi on 11 March 2020, officials said."


def strike(doc_id: str, sentence: str = STRIKE, *, day: str = "2020-03-11", town: str = "Ramadi",
           point: tuple[float, float] = (33.4258, 43.2992), swapped: bool = False, modality: str = "asserted") -> Event:
    militia = Actor("Militia", 0, 7, actor_id="KH", name="Kataib Hezbollah", country="IRQ", sector="militia")
    troops = Actor("US troops", 0, 9, actor_id="USA-MIL", name="US military", country="USA", sector="military")
    return Event(
        doc_id=doc_id, event_id=f"{doc_id}:0", event_type="ASSAULT", trigger=Span("hit", 0, 3),
        evidence=Evidence(sentence, 0, len(sentence)), mode="heavy-weapons",
        acled_event_type="Explosions/Remote violence", acled_sub_event_type="Shelling/artillery/missile attack",
        source=(troops,) if swapped else (militia,), target=(militia,) if swapped else (troops,),
        location=Place(town, 0, len(town), name=town, lat=point[0], lon=point[1], country="IRQ", precision="city"),
        date=TimeRef(None, day, "day"), modality=modality, confidence=0.7,
    )


def save(store, doc_id: str, event: Event, outlet: str, text_: str | None = None) -> None:
    article = Article(id=doc_id, text=text_ or f"{event.evidence.sentence} ({doc_id})", source=outlet,
                      published=event.date.value if event.date else None)
    assert store.save_article(article, [event], coder_version="0.1.0")


def events_table(store) -> list[dict]:
    with store.engine.connect() as conn:
        return [dict(row) for row in conn.execute(text("SELECT * FROM events ORDER BY event_pk")).mappings()]


def test_store_links_one_strike_reported_by_two_outlets(store):
    save(store, "wire-a", strike("wire-a"), "Tigris Wire")
    save(store, "wire-b", strike("wire-b", "Rockets struck US troops at a base outside Ramadi, a militia said."),
         "Euphrates Monitor")
    (event,) = events_table(store)
    assert (event["n_reports"], event["n_sources"], event["event_type"]) == (2, 2, "ASSAULT")
    assert (event["date_value"], event["location_name"], event["source_key"]) == ("2020-03-11", "Ramadi", "KH")
    rows = store.event_rows()
    assert {r["event_pk"] for r in rows} == {event["event_pk"]}
    linked = store.linked_event(event["event_pk"])
    assert [r["doc_id"] for r in linked["reports"]] == ["wire-a", "wire-b"]
    assert linked["sources"] == ["Euphrates Monitor", "Tigris Wire"]
    decision = store.why_linked(rows[0]["report_id"], rows[1]["report_id"])
    assert decision.same and decision.reasons
    assert store.linked_event(999) is None


def test_store_one_outlet_twice_counts_one_source(store):
    save(store, "wire-a", strike("wire-a"), "Tigris Wire")
    save(store, "wire-a2", strike("wire-a2", "Update: rockets hit US troops near Ramadi."), "Tigris Wire")
    (event,) = events_table(store)
    assert (event["n_reports"], event["n_sources"]) == (2, 1)


@pytest.mark.parametrize(
    "other",
    [
        {"town": "Hit", "point": (33.6416, 42.8251)},
        {"swapped": True},
        {"day": "2020-03-18"},
    ],
    ids=["same-day-other-town", "retaliation", "same-place-next-week"],
)
def test_store_near_misses_stay_apart(store, other):
    save(store, "wire-a", strike("wire-a"), "Tigris Wire")
    save(store, "wire-b", strike("wire-b", **other), "Euphrates Monitor")
    assert [e["n_reports"] for e in events_table(store)] == [1, 1]
    first, second = store.event_rows()
    assert not store.why_linked(first["report_id"], second["report_id"]).same


def test_store_reports_of_one_article_never_share_an_event(store):
    article = Article(id="twice", text=STRIKE + " Again.", source="Tigris Wire")
    store.save_article(article, [strike("twice"), dataclasses.replace(strike("twice"), event_id="twice:1")],
                       coder_version="0.1.0")
    assert [e["n_reports"] for e in events_table(store)] == [1, 1]


def test_store_an_event_does_not_creep_along_a_chain(store):
    save(store, "day-1", strike("day-1", day="2020-03-10"), "A")
    save(store, "day-2", strike("day-2", day="2020-03-11"), "B")  # a day after the first: same event
    save(store, "day-3", strike("day-3", day="2020-03-12"), "C")  # a day after the second, two after the first
    assert [e["n_reports"] for e in events_table(store)] == [2, 1]


def test_store_reports_that_are_not_asserted_have_no_event(store):
    save(store, "maybe", strike("maybe", modality="hypothetical"), "A")
    assert events_table(store) == []
    assert store.event_rows()[0]["event_pk"] is None


def test_store_min_sources_filter(store):
    save(store, "wire-a", strike("wire-a"), "Tigris Wire")
    save(store, "wire-b", strike("wire-b", "Rockets struck US troops near Ramadi."), "Euphrates Monitor")
    save(store, "elsewhere", strike("elsewhere", town="Hit", point=(33.6416, 42.8251)), "Tigris Wire")
    assert [e.doc_id for e in store.events(min_sources=2)] == ["wire-a", "wire-b"]
    assert len(store.events(min_sources=1)) == 3 and len(store.events(min_sources=0)) == 3
    with pytest.raises(InputError) as caught:
        store.events(min_sources=-1)
    assert caught.value.where == "min_sources"


def test_store_stored_events_one_per_linked_event(store):
    save(store, "wire-a", strike("wire-a"), "Tigris Wire")
    save(store, "wire-b", strike("wire-b", "Rockets struck US troops near Ramadi."), "Euphrates Monitor")
    save(store, "maybe", strike("maybe", modality="hypothetical"), "Harbour Line")
    per_event = store.stored_events()
    assert [(item.event.doc_id, len(item.report_ids), item.sources) for item in per_event] == [
        ("wire-a", 2, ("Euphrates Monitor", "Tigris Wire")), ("maybe", 1, ("Harbour Line",))]
    assert per_event[1].event_pk is None
    per_report = store.stored_events(per_event=False, type="ASSAULT")
    assert [item.sources for item in per_report] == [("Tigris Wire",), ("Euphrates Monitor",), ("Harbour Line",)]


def test_store_recoding_an_article_updates_its_event(store):
    save(store, "wire-a", strike("wire-a"), "Tigris Wire")
    second = Article(id="wire-b", text="Rockets struck US troops near Ramadi.", source="Euphrates Monitor")
    store.save_article(second, [strike("wire-b", "Rockets struck US troops near Ramadi.")], coder_version="0.1.0")
    assert [e["n_reports"] for e in events_table(store)] == [2]
    store.save_article(second, [], coder_version="0.2.0")  # the newer coder finds nothing in it
    assert [(e["n_reports"], e["n_sources"]) for e in events_table(store)] == [(1, 1)]
    first = Article(id="wire-a", text=f"{STRIKE} (wire-a)", source="Tigris Wire")
    store.save_article(first, [], coder_version="0.2.0")
    assert events_table(store) == []


def test_store_why_linked_names_a_missing_report(store):
    save(store, "wire-a", strike("wire-a"), "Tigris Wire")
    with pytest.raises(InputError, match="no report 77"):
        store.why_linked(1, 77)


def test_store_open_old_schema_asks_to_ingest_again(tmp_path):
    path = str(tmp_path / "old.db")
    Store.open(path).close()
    with sqlite3.connect(path) as plain:
        plain.execute("UPDATE schema_version SET version = 1")
    with pytest.raises(StoreError, match="schema version 1.*ingest your articles again into a new store"):
        Store.open(path)


def test_store_a_report_placed_only_by_a_fallback_country_still_finds_its_event(store):
    """The coder's fallback country (no place named in the text) must not hide the event placed in a town."""
    save(store, "wire-a", strike("wire-a"), "Tigris Wire")
    fallback = dataclasses.replace(
        strike("wire-b", "Rockets struck US troops, a militia said."),
        location=Place("", 0, 0, name="United States", lat=39.8, lon=-98.6, country="USA", precision="country"))
    save(store, "wire-b", fallback, "Euphrates Monitor")
    (event,) = events_table(store)
    assert (event["n_reports"], event["n_sources"]) == (2, 2)
