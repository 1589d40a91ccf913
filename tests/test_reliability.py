"""Nothing stored is lost or doubled: an ingest killed at random points and resumed gives the store a
clean run gives; a full disk gives a clean error and an intact store; readers never see "database is
locked" while an ingest writes."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import event as sa_event

from brinkwatch.errors import StoreError
from brinkwatch.model import Actor, Article, Event, Evidence, Span

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get("BRINKWATCH_TEST_POSTGRES_URL")  # set by scripts/with-postgres.sh in `make test`
BRINKWATCH = [sys.executable, "-c", "from brinkwatch.cli import main; main()"]

# Short reports of our own, varied by place and day so every article is distinct.
TOWNS = ["Mosul", "Kirkuk", "Basra", "Erbil", "Najaf", "Karbala", "Ramadi", "Fallujah", "Tikrit", "Samarra"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        town, day = TOWNS[i % len(TOWNS)], DAYS[i % len(DAYS)]
        (folder / f"report-{i:03d}.txt").write_text(
            f"Iraqi police arrested {i + 3} men in {town} on {day}, officials said. "
            f"Protesters rallied outside the governor's office in {town} the next day. "
            f"The interior ministry said that {i + 1} officers were wounded in a clash with gunmen near {town}.",
            encoding="utf-8")
    return folder


def _snapshot(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT a.content_hash, COUNT(r.report_id) FROM articles a LEFT JOIN reports r ON r.article_pk = a.id "
            "GROUP BY a.content_hash ORDER BY a.content_hash").fetchall()


def _finish(process: subprocess.Popen, timeout: int = 300) -> tuple[int, str]:
    """Wait for an ingest and close its pipe; its exit status and what it said on stderr."""
    _, err = process.communicate(timeout=timeout)
    return process.returncode, err.decode(errors="replace")


def _ingest(corpus: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen(BRINKWATCH + ["ingest", str(corpus), "--db", f"sqlite:///{db}", "--published",
                                          "2020-02-01", "-q"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_reliability_ingest_survives_sigkill(tmp_path):
    corpus = _corpus(tmp_path / "corpus", 60)
    clean = tmp_path / "clean.db"
    status, said = _finish(_ingest(corpus, clean))
    assert status == 0, said
    expected = _snapshot(clean)
    assert len(expected) == 60 and all(n > 0 for _, n in expected)

    killed = tmp_path / "killed.db"
    rng = random.Random(7)
    kills = attempts = 0
    while kills < 20 and attempts < 60:
        attempts += 1
        process = _ingest(corpus, killed)
        time.sleep(rng.uniform(0.3, 2.5))  # model loading takes about a second: kill before, during, after
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        _finish(process, timeout=60)
        if killed.exists():
            with sqlite3.connect(killed) as conn:
                assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                # (killed while its first transaction was creating the tables: the file holds nothing yet)
                created = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles'").fetchone()
                # an article is stored whole or not at all
                assert created is None or conn.execute(
                    "SELECT COUNT(*) FROM articles a WHERE NOT EXISTS "
                    "(SELECT 1 FROM reports r WHERE r.article_pk = a.id)").fetchone()[0] == 0
    status, said = _finish(_ingest(corpus, killed))
    assert status == 0, said
    assert kills == 20
    assert _snapshot(killed) == expected


def _event(doc_id: str, sentence: str, n: int) -> Event:
    return Event(doc_id=doc_id, event_id=f"{doc_id}#{n}", event_type="COERCE", trigger=Span("arrested", 0, 8),
                 evidence=Evidence(sentence, 0, len(sentence)),
                 source=(Actor("police", 0, 6, "IRQ-COP", "Iraq police", "IRQ", "police"),))


def test_reliability_full_disk_is_a_clean_error(tmp_path):
    from brinkwatch.store import Store

    db = tmp_path / "full.db"
    store = Store.open(f"sqlite:///{db}")
    small = Article(id="a1", text="Police arrested ten men in Basra on Monday.")
    assert store.save_article(small, [_event("a1", small.text, 1)], coder_version="t")
    with sqlite3.connect(db) as conn:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]

    def cap(dbapi_connection, _record):  # the disk is full: no page beyond those in use
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 1}")

    store.engine.dispose()
    sa_event.listen(store.engine, "connect", cap)
    huge = Article(id="a2", text="Police arrested ten men in Basra on Monday. " * 20000)
    with pytest.raises(StoreError) as failure:
        store.save_article(huge, [_event("a2", huge.text[:40], i) for i in range(50)], coder_version="t")
    assert "full" in str(failure.value).lower()
    store.close()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert [row[0] for row in conn.execute("SELECT doc_id FROM articles")] == ["a1"]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"] if POSTGRES_URL else ["sqlite"])
def test_reliability_readers_are_not_locked_out_by_a_writer(tmp_path, backend):
    from sqlalchemy import text

    from brinkwatch.store import Store

    url = f"sqlite:///{tmp_path / 'busy.db'}"
    if backend == "postgresql":
        url = POSTGRES_URL
        with Store.open(url) as scratch, scratch.engine.begin() as conn:
            conn.execute(text("TRUNCATE articles, reports, report_actors, events, failures, runs RESTART IDENTITY CASCADE"))
    writer, reader = Store.open(url), Store.open(url)
    errors: list[BaseException] = []
    stop = threading.Event()

    def write() -> None:
        try:
            for i in range(150):
                text = f"Police arrested {i} men in Basra on Monday."
                writer.save_article(Article(id=f"w{i}", text=text), [_event(f"w{i}", text, 1)], coder_version="t")
        except BaseException as error:  # collected and re-raised in the test thread
            errors.append(error)
        finally:
            stop.set()

    thread = threading.Thread(target=write)
    thread.start()
    reads = 0
    while not stop.is_set():
        reader.events(limit=20)
        reader.summary()
        reads += 1
    thread.join()
    assert not errors, errors
    assert reads > 0
    assert reader.summary()["articles"] == 150
    writer.close()
    reader.close()


def test_reliability_two_ingests_at_once_store_each_article_once(tmp_path):
    corpus = _corpus(tmp_path / "corpus", 12)
    db = tmp_path / "both.db"
    first, second = _ingest(corpus, db), _ingest(corpus, db)
    for process in (first, second):
        status, said = _finish(process)
        assert status == 0, said
    rows = _snapshot(db)
    assert len(rows) == 12 and len({h for h, _ in rows}) == 12
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM runs").fetchone()[0] == 2


@pytest.mark.skipif(not POSTGRES_URL, reason="needs BRINKWATCH_TEST_POSTGRES_URL (set by `make test`)")
def test_reliability_two_ingests_at_once_on_postgresql(tmp_path):
    from sqlalchemy import text

    from brinkwatch.store import Store

    with Store.open(POSTGRES_URL) as scratch, scratch.engine.begin() as conn:
        conn.execute(text("TRUNCATE articles, reports, report_actors, events, failures, runs RESTART IDENTITY CASCADE"))
    corpus = _corpus(tmp_path / "corpus", 12)
    command = BRINKWATCH + ["ingest", str(corpus), "--db", POSTGRES_URL, "--published", "2020-02-01", "-q"]
    processes = [subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in range(2)]
    for process in processes:
        status, said = _finish(process)
        assert status == 0, said
    with Store.open(POSTGRES_URL) as store, store.engine.connect() as conn:
        hashes = [row[0] for row in conn.execute(text("SELECT content_hash FROM articles"))]
    assert len(hashes) == 12 and len(set(hashes)) == 12


def test_reliability_time_budget_skips_a_pathological_article(tmp_path):
    """One article that takes too long is recorded as a failure and the batch goes on."""
    (tmp_path / "a-long.txt").write_text("Police arrested a man in Basra on Monday. " * 3000, encoding="utf-8")
    (tmp_path / "b-short.txt").write_text("Turkish police detained 12 journalists in Ankara on Monday.",
                                          encoding="utf-8")
    env = dict(os.environ, BRINKWATCH_TIME_BUDGET="1")
    done = subprocess.run(BRINKWATCH + ["extract", str(tmp_path), "--published", "2020-03-04", "-q"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 1
    assert "a-long.txt" in done.stderr and "time budget" in done.stderr
    assert '"doc_id": "b-short.txt"' in done.stdout
