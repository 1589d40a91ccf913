"""The `brinkwatch` command: the output contract, batch failures, the store commands, geoparse, explain,
and meta-tests (every command has help and is documented).

Commands run in-process through click's CliRunner; two runs go through the installed script to check
exit codes end to end.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from brinkwatch.cli import cli
from brinkwatch.errors import InputError
from brinkwatch.model import PLOVER_TYPES

ROOT = Path(__file__).resolve().parents[1]

CONTRACT_FIELDS = (
    "doc_id", "event_id", "event_type", "mode", "cameo_root", "acled_event_type", "acled_sub_event_type",
    "source", "target", "location", "date", "modality", "historical", "attribution", "evidence", "confidence",
)
ACTOR_FIELDS = ("text", "start", "end", "actor_id", "name", "country", "sector")

IRAQ_STORY = (
    "Turkish warplanes struck PKK positions near Sinjar on Monday, the Turkish defence ministry said.\n\n"
    "Iraqi officials condemned the raid and summoned the Turkish ambassador in Baghdad.\n"
)
SYRIA_STORY = "Syrian army artillery shelled rebel positions in Idlib on Friday, a monitoring group said.\n"


@pytest.fixture
def runner(tmp_path, monkeypatch) -> CliRunner:
    monkeypatch.chdir(tmp_path)  # no brinkwatch.toml or brinkwatch.db of the caller's is read
    for name in ("BRINKWATCH_DB", "BRINKWATCH_GEOCODE", "BRINKWATCH_TRIGGER_FILES", "BRINKWATCH_ACTOR_FILES"):
        monkeypatch.delenv(name, raising=False)
    return CliRunner()


def _script() -> str:
    found = Path(sys.executable).with_name("brinkwatch")
    return str(found) if found.exists() else (shutil.which("brinkwatch") or "brinkwatch")


def _lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def _check_contract(event: dict, text: str) -> None:
    """Every contract field is there and every offset points at the text it names."""
    missing = [name for name in CONTRACT_FIELDS if name not in event]
    assert not missing, f"missing contract fields {missing}"
    assert event["event_type"] in PLOVER_TYPES
    assert event["modality"] in ("asserted", "negated", "hypothetical", "future")
    assert isinstance(event["historical"], bool)
    assert 0.0 <= event["confidence"] <= 1.0
    assert event["cameo_root"] is None or re.fullmatch(r"0[1-9]|1\d|20", event["cameo_root"])
    evidence = event["evidence"]
    assert text[evidence["start"]:evidence["end"]] == evidence["sentence"]
    claimant = (event["attribution"] or {}).get("claimant")
    for actor in [*event["source"], *event["target"], *([claimant] if claimant else [])]:
        assert set(ACTOR_FIELDS) <= set(actor)
        assert text[actor["start"]:actor["end"]] == actor["text"]
        assert actor["country"] is None or re.fullmatch(r"[A-Z]{3}", actor["country"])
    if event["location"] is not None:
        assert event["location"]["precision"] in ("point", "city", "admin1", "country")
    if event["date"] is not None:
        assert event["date"]["precision"] in ("day", "week", "month", "year")


# --- extract -------------------------------------------------------------------------------------------

def test_cli_extract_text_file_follows_the_contract(runner, tmp_path):
    path = tmp_path / "sinjar-raid.txt"
    path.write_text(IRAQ_STORY, encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(path), "--published", "2019-08-30", "--quiet"])
    assert result.exit_code == 0, result.output
    events = _lines(result.stdout)
    assert events, "no events"
    for event in events:
        _check_contract(event, IRAQ_STORY)
        assert event["doc_id"] == "sinjar-raid.txt"
    assert len({e["event_id"] for e in events}) == len(events)
    strike = next(e for e in events if e["event_type"] == "ASSAULT")
    assert strike["date"]["value"] == "2019-08-26"  # "on Monday" before a Friday 30 August


def test_cli_extract_jsonl_uses_record_ids(runner, tmp_path):
    records = [
        {"id": "story-7", "text": IRAQ_STORY, "published": "2019-08-30"},
        {"id": "story-8", "text": SYRIA_STORY, "published": "2019-03-02"},
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    output = tmp_path / "out.jsonl"
    result = runner.invoke(cli, ["extract", str(path), "--output", str(output), "-q"])
    assert result.exit_code == 0, result.output
    events = _lines(output.read_text(encoding="utf-8"))
    texts = {r["id"]: r["text"] for r in records}
    assert {e["doc_id"] for e in events} == {"story-7", "story-8"}
    for event in events:
        _check_contract(event, texts[event["doc_id"]])


def test_cli_extract_reads_stdin(runner):
    result = runner.invoke(cli, ["extract", "-", "--published", "2019-03-02", "-q"], input=SYRIA_STORY)
    assert result.exit_code == 0, result.output
    events = _lines(result.stdout)
    assert [e["event_type"] for e in events] == ["ASSAULT"]
    _check_contract(events[0], SYRIA_STORY)


def test_cli_extract_bad_inputs_fail_one_by_one(runner, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(SYRIA_STORY, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "noise.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    records = tmp_path / "records.jsonl"
    records.write_text(
        json.dumps({"id": "ok-1", "text": IRAQ_STORY, "published": "2019-08-30"}) + "\n"
        + '{"id": "broken", "text": \n'
        + json.dumps({"id": "leap", "text": SYRIA_STORY.replace("Idlib", "Hama"), "published": "2019-02-30"}) + "\n",
        encoding="utf-8")
    args = ["extract", str(empty), str(binary), str(records), str(good), "--published", "2019-03-02"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 1, result.output
    stderr = result.stderr.splitlines()
    for needle in (str(empty), str(binary), f"{records}:line 2", f"{records}:line 3"):
        naming = [line for line in stderr if needle in line]
        assert len(naming) == 1, f"{needle!r} in {stderr}"
    assert "2019-02-30" in next(line for line in stderr if f"{records}:line 3" in line)
    doc_ids = {e["doc_id"] for e in _lines(result.stdout)}
    assert {"good.txt", "ok-1"} <= doc_ids
    assert "leap" not in doc_ids


def test_cli_extract_exit_code_end_to_end(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(SYRIA_STORY, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    done = subprocess.run([_script(), "extract", str(good), str(empty), "--published", "2019-03-02", "-q"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 1, done.stderr
    assert str(empty) in done.stderr
    assert [e["doc_id"] for e in _lines(done.stdout)] == ["good.txt"]


def test_cli_bad_published_flag_is_a_usage_error(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(SYRIA_STORY, encoding="utf-8")
    done = subprocess.run([_script(), "extract", str(good), "--published", "2019-13-45"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "2019-13-45" in done.stderr


# --- ingest and the store --------------------------------------------------------------------------------

@pytest.fixture
def stored(runner, tmp_path):
    """A store holding the two stories, ingested once; returns its URL."""
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "sinjar.txt").write_text(IRAQ_STORY, encoding="utf-8")
    (folder / "idlib.txt").write_text(SYRIA_STORY, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'x.db'}"
    result = runner.invoke(cli, ["ingest", str(folder), "--db", db, "--published", "2019-08-30", "-q"])
    assert result.exit_code == 0, result.output
    return db, folder


def test_cli_ingest_twice_stores_nothing_new(runner, stored):
    db, folder = stored
    before = runner.invoke(cli, ["summary", "--db", db])
    assert before.exit_code == 0, before.output
    assert re.search(r"articles: 2\b", before.stdout), before.stdout
    again = runner.invoke(cli, ["ingest", str(folder), "--db", db, "--published", "2019-08-30"])
    assert again.exit_code == 0, again.output
    assert "0 new" in again.stderr
    after = runner.invoke(cli, ["summary", "--db", db])
    assert after.stdout == before.stdout


def test_cli_events_formats(runner, stored):
    db, _ = stored
    as_jsonl = runner.invoke(cli, ["events", "--db", db, "--format", "jsonl"])
    assert as_jsonl.exit_code == 0, as_jsonl.output
    events = _lines(as_jsonl.stdout)
    assert len(events) >= 3
    for event in events:
        assert not [name for name in CONTRACT_FIELDS if name not in event]
    as_csv = runner.invoke(cli, ["events", "--db", db, "--format", "csv"])
    assert as_csv.exit_code == 0, as_csv.output
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert sorted(r["event_id"] for r in rows) == sorted(e["event_id"] for e in events)
    as_table = runner.invoke(cli, ["events", "--db", db, "--format", "table"])
    assert as_table.exit_code == 0, as_table.output
    assert "ASSAULT" in as_table.stdout


def test_cli_events_filters(runner, stored):
    db, _ = stored
    every = _lines(runner.invoke(cli, ["events", "--db", db, "--format", "jsonl"]).stdout)
    assaults = _lines(runner.invoke(cli, ["events", "--db", db, "--format", "jsonl", "--type", "assault"]).stdout)
    assert assaults and all(e["event_type"] == "ASSAULT" for e in assaults)
    assert len(assaults) == sum(e["event_type"] == "ASSAULT" for e in every)
    syrian = _lines(runner.invoke(cli, ["events", "--db", db, "--format", "jsonl", "--country", "SYR"]).stdout)
    assert syrian and len(syrian) < len(every)
    for event in syrian:
        found = {a["country"] for a in event["source"] + event["target"]}
        found.add((event["location"] or {}).get("country"))
        assert "SYR" in found, event


def test_cli_events_parquet_needs_output(runner, stored):
    db, _ = stored
    result = runner.invoke(cli, ["events", "--db", db, "--format", "parquet"])
    assert result.exit_code == 2
    assert "--output" in result.stderr


def test_cli_events_parquet_needs_output_end_to_end(tmp_path):
    done = subprocess.run([_script(), "events", "--db", f"sqlite:///{tmp_path / 'empty.db'}", "--format", "parquet"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "--output" in done.stderr


# --- linked events: why-linked, export, import ------------------------------------------------------------

def _strike(doc_id: str, sentence: str, town: str = "Ramadi", point: tuple[float, float] = (33.4258, 43.2992)):
    from brinkwatch.model import Actor, Event, Evidence, Place, Span, TimeRef

    militia = Actor("Militia", 0, 7, actor_id="KH", name="Kataib Hezbollah", country="IRQ", sector="militia")
    troops = Actor("US troops", 0, 9, actor_id="USA-MIL", name="US military", country="USA", sector="military")
    return Event(doc_id=doc_id, event_id=f"{doc_id}:0", event_type="ASSAULT", trigger=Span("hit", 0, 3),
                 evidence=Evidence(sentence, 0, len(sentence)), mode="heavy-weapons", cameo_root="19",
                 acled_event_type="Explosions/Remote violence",
                 acled_sub_event_type="Shelling/artillery/missile attack", source=(militia,), target=(troops,),
                 location=Place(town, 0, len(town), name=town, lat=point[0], lon=point[1], country="IRQ",
                                precision="city"),
                 date=TimeRef(None, "2020-03-11", "day"), confidence=0.7)


@pytest.fixture
def linked_db(tmp_path):
    """A store with one strike reported by two outlets and a strike elsewhere the same day (no spaCy)."""
    from brinkwatch.model import Article
    from brinkwatch.store import Store

    db = f"sqlite:///{tmp_path / 'linked.db'}"
    stories = [("a", "Militia rockets hit US troops near Ramadi.", "Tigris Wire", {}),
               ("b", "Rockets struck a base of US troops outside Ramadi.", "Euphrates Monitor", {}),
               ("c", "Militia rockets hit US troops near Hit.", "Tigris Wire",
                {"town": "Hit", "point": (33.6416, 42.8251)})]
    with Store.open(db) as store:
        for doc_id, sentence, outlet, where in stories:
            store.save_article(Article(id=doc_id, text=sentence, source=outlet),
                               [_strike(doc_id, sentence, **where)], coder_version="0.1.0")
    return db


def test_cli_why_linked_says_same_or_different(runner, linked_db):
    same = runner.invoke(cli, ["why-linked", "1", "2", "--db", linked_db])
    assert same.exit_code == 0, same.output
    lines = same.stdout.splitlines()
    assert lines[0].startswith("same happening (score ")
    assert "  same type ASSAULT" in lines and lines[-1] == "stored: both in event 1"
    apart = runner.invoke(cli, ["why-linked", "1", "3", "--db", linked_db])
    assert apart.stdout.startswith("different happenings") and "km apart" in apart.stdout
    missing = runner.invoke(cli, ["why-linked", "1", "99", "--db", linked_db])  # main() turns it into exit 1
    assert isinstance(missing.exception, InputError) and "no report 99" in str(missing.exception)


def test_cli_export_one_row_per_linked_event(runner, linked_db):
    acled = runner.invoke(cli, ["export", "--db", linked_db, "--format", "acled-csv"])
    assert acled.exit_code == 0, acled.output
    rows = list(csv.DictReader(io.StringIO(acled.stdout)))
    assert [(r["location"], r["source"]) for r in rows] == [
        ("Ramadi", "Euphrates Monitor; Tigris Wire"), ("Hit", "Tigris Wire")]
    assert "2 events written" in acled.stderr
    reports = _lines(runner.invoke(cli, ["export", "--db", linked_db, "--reports"]).stdout)
    assert [(r["doc_id"], r["event_pk"], r["report_ids"]) for r in reports] == [("a", 1, [1]), ("b", 1, [2]),
                                                                               ("c", 2, [3])]
    two = _lines(runner.invoke(cli, ["export", "--db", linked_db, "--format", "plover-json", "--min-sources", "2"]).stdout)
    assert [(r["id"], r["sources"]) for r in two] == [("brinkwatch-event-1", ["Euphrates Monitor", "Tigris Wire"])]
    tsv = runner.invoke(cli, ["export", "--db", linked_db, "--format", "cameo-tsv", "--country", "IRQ"])
    assert tsv.stdout.splitlines()[1].split("\t")[:4] == ["2020-03-11", "KH", "USAMIL", "19"]
    parquet = runner.invoke(cli, ["export", "--db", linked_db, "--format", "parquet"])
    assert parquet.exit_code == 2 and "--output" in parquet.stderr


def test_cli_events_min_sources(runner, linked_db):
    found = _lines(runner.invoke(cli, ["events", "--db", linked_db, "--format", "jsonl", "--min-sources", "2"]).stdout)
    assert [e["doc_id"] for e in found] == ["a", "b"]


def test_cli_import_acled_records_bad_rows_and_goes_on(runner, tmp_path):
    from brinkwatch.store import Store

    path = tmp_path / "acled.csv"
    path.write_text(
        "event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,inter1,actor2,inter2,country,"
        "admin1,location,latitude,longitude,geo_precision,source,notes,iso3\n"
        "T1,11 March 2020,1,Protests,Peaceful protest,Protesters (Iraq),6,,,Iraq,Basra,Basra,30.5085,47.7804,1,"
        "Gulf Courier,\"On 11 March 2020, teachers protested in Basra over unpaid wages.\",IRQ\n"
        "T2,11 March 2020,1,Battles,Armed clash,Military Forces of Iraq (2018-),1,,,Iraq,Anbar,Hit,north,42.8,1,"
        "Gulf Courier,Clashes near Hit.,IRQ\n"
        "T3,12 March 2020,1,Riots,Violent demonstration,Rioters (Iraq),5,,,Iraq,Basra,Basra,30.5085,47.7804,1,"
        "Gulf Courier,\"On 12 March 2020, rioters burned tyres in Basra.\",IRQ\n",
        encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'imported.db'}"
    result = runner.invoke(cli, ["import", "--format", "acled-csv", str(path), "--db", db])
    assert result.exit_code == 1, result.output
    assert f"{path}:line 3" in result.stderr and "latitude 'north'" in result.stderr
    assert "2 rows read, 2 new events stored, 1 failed" in result.stderr
    with Store.open(db) as store:
        assert [e.event_type for e in store.events()] == ["PROTEST", "PROTEST"]
        (failure,) = store.failures()
        assert (failure["where"], failure["kind"]) == ("line 3", "acled")
        assert store.summary()["runs"] == 1
    again = runner.invoke(cli, ["import", "--format", "acled-csv", str(path), "--db", db, "-q"])
    assert "0 new" not in again.stderr  # quiet
    with Store.open(db) as store:
        assert len(store.events()) == 2  # importing the same rows again adds nothing


# --- geoparse and explain -----------------------------------------------------------------------------------

def test_cli_geoparse_resolves_gold_spans(runner, tmp_path):
    text = "Car bombs went off in Mosul and Baghdad on Friday, killing eleven people."
    spans = [[text.index(name), text.index(name) + len(name)] for name in ("Mosul", "Baghdad")]
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "g1", "text": text, "spans": spans}) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["geoparse", str(path)])
    assert result.exit_code == 0, result.output
    (line,) = _lines(result.stdout)
    assert line["id"] == "g1"
    assert [(p["text"], p["start"], p["end"]) for p in line["places"]] == [("Mosul", *spans[0]), ("Baghdad", *spans[1])]
    for place in line["places"]:
        assert place["country"] == "IRQ"
        assert place["lat"] is not None and place["lon"] is not None and place["geonameid"]


def test_cli_geoparse_gold_span_of_a_foreign_body(runner, tmp_path):
    # a name the gazetteer lacks, which the actor base knows as a body of another country
    text = "Bankers in Mosul and Basra waited for the Bank of Japan to act."
    spans = [[text.index(name), text.index(name) + len(name)] for name in ("Mosul", "Basra", "Bank of Japan")]
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "g2", "text": text, "spans": spans}) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["geoparse", str(path)])
    assert result.exit_code == 0, result.output
    (line,) = _lines(result.stdout)
    assert [p["country"] for p in line["places"]] == ["IRQ", "IRQ", "JPN"]


def test_cli_geoparse_span_out_of_range(runner, tmp_path):
    good = "Shelling was reported near Aleppo."
    bad = "Shelling near Homs."
    start = good.index("Aleppo")
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "ok", "text": good, "spans": [[start, start + 6]]}) + "\n"
                    + json.dumps({"id": "bad", "text": bad, "spans": [[14, 60]]}) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["geoparse", str(path)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if str(path) in line]
    assert len(errors) == 1 and "line 2" in errors[0] and "[14, 60]" in errors[0]
    assert [line["id"] for line in _lines(result.stdout)] == ["ok"]
    assert _lines(result.stdout)[0]["places"][0]["country"] == "SYR"


def test_cli_explain_shows_trigger_and_event(runner):
    result = runner.invoke(cli, ["explain", "Kurdish fighters ambushed a Turkish patrol near Duhok.",
                                 "--published", "2019-08-30"])
    assert result.exit_code == 0, result.output
    assert "trigger 'ambushed'" in result.stdout
    assert "EVENT ASSAULT" in result.stdout


# --- meta: help and docs -------------------------------------------------------------------------------------

def _commands(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], click.Command]]:
    found = []
    for name, command in sorted(group.commands.items()):
        found.append(((*prefix, name), command))
        if isinstance(command, click.Group):
            found.extend(_commands(command, (*prefix, name)))
    return found


COMMANDS = _commands()


def test_cli_has_commands():
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"extract", "ingest", "events", "summary", "serve", "geoparse", "explain", "gazetteer",
            "gazetteer build", "gazetteer lookup", "export", "why-linked", "import"} <= names


@pytest.mark.parametrize("path, command", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_cli_every_command_has_help(path, command):
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.stdout
    summary = (command.help or "").strip().splitlines()
    assert summary and summary[0].strip(), f"{' '.join(path)} has no one-line summary"
    assert command.get_short_help_str(limit=200).strip()


def test_cli_every_command_is_documented():
    """Fails until README.md or docs/cli.md names every command (as `brinkwatch NAME` or `GROUP NAME`)."""
    docs = "".join(path.read_text(encoding="utf-8") for path in (ROOT / "README.md", ROOT / "docs" / "cli.md")
                   if path.exists())
    missing = [" ".join(path) for path, _ in COMMANDS
               if not re.search(rf"\bbrinkwatch {re.escape(' '.join(path))}\b", docs)
               and not (len(path) > 1 and re.search(rf"\b{re.escape(' '.join(path))}\b", docs))]
    assert not missing, f"not in README.md or docs/cli.md: {missing}"


def test_cli_gazetteer_build_replaces_a_file_of_another_version(tmp_path, monkeypatch):
    import sqlite3

    from brinkwatch import gazetteer
    from brinkwatch.cli import cli

    old = tmp_path / "gazetteer.sqlite"
    with sqlite3.connect(old) as db:  # what an earlier version of brinkwatch left in the cache
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        db.execute("INSERT INTO meta VALUES ('schema', '1')")
    built = []
    monkeypatch.setattr(gazetteer, "build_gazetteer", lambda path: built.append(path) or path)
    result = CliRunner().invoke(cli, ["gazetteer", "build", "--path", str(old)])
    assert result.exit_code == 0, result.output
    assert built == [old] and "built" in result.output


def test_cli_gazetteer_lookup_says_which_entries_are_register_villages(runner):
    from brinkwatch.cli import cli

    result = runner.invoke(cli, ["gazetteer", "lookup", "Kolimigundla"])
    assert result.exit_code == 0, result.output
    name, country, _, kind, point, population = result.output.splitlines()[0].split("\t")
    assert (name, country, kind, population) == ("Kolimigundla", "IND", "village", "pop 0"), result.output
    towns = runner.invoke(cli, ["gazetteer", "lookup", "Kurnool"]).output.splitlines()
    assert towns and all(line.split("\t")[3] != "village" for line in towns)
