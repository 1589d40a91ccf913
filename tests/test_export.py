"""Exports: each format parses back to what was written."""

from __future__ import annotations

import csv
import dataclasses
import io
import json

import pyarrow.parquet as pq
import pytest

from brinkwatch.acled import ACLED_COLUMNS, acled_date, acled_row, inter_code, read_acled_csv
from brinkwatch.errors import InputError
from brinkwatch.export import FLAT_COLUMNS, FORMATS, StoredEvent, flat_row, write_events
from brinkwatch.export_formats import CAMEO_COLUMNS
from brinkwatch.model import Actor, Attribution, Event, Evidence, Failure, Place, Span, TimeRef

TEXT = "Officials said rebels and bandits, both armed, raided two villages and a market west of Gao, Mali."


def _at(piece: str) -> tuple[str, int, int]:
    start = TEXT.index(piece)
    return piece, start, start + len(piece)


@pytest.fixture
def events() -> list[Event]:
    raid = Event(
        doc_id="doc-9", event_id="doc-9:0", event_type="ASSAULT", trigger=Span(*_at("raided")),
        evidence=Evidence(TEXT, 0, len(TEXT)), mode="firearms", cameo_root="18",
        acled_event_type="Violence against civilians", acled_sub_event_type="Attack",
        source=(Actor(*_at("rebels"), actor_id="MLIREB", name="Rebels", country="MLI", sector="REB"),
                Actor(*_at("bandits"), country=None)),
        target=(Actor(*_at("two villages"), name="Villagers", country="MLI", sector="CVL"),),
        location=Place(*_at("Gao"), name="Gao", lat=16.27, lon=-0.04, country="MLI", precision="city"),
        date=TimeRef(None, "2020-02", "month", origin="published"),
        attribution=Attribution(Actor(*_at("Officials"), name="Officials", country="MLI", sector="GOV"), "said"),
        confidence=0.66666,
    )
    quiet = Event(doc_id="doc-10", event_id="doc-10:0", event_type="CONSULT", trigger=Span("talks", 0, 5),
                  evidence=Evidence("talks, " * 30, 0, 210), modality="future", historical=True)
    return [raid, quiet]


def test_export_jsonl_is_the_output_contract(events):
    out = io.StringIO()
    assert write_events(events, "jsonl", out) == 2
    lines = out.getvalue().splitlines()
    assert [json.loads(line) for line in lines] == [e.to_dict() for e in events]


def test_export_csv_parses_back_flat(events):
    out = io.StringIO()
    write_events(events, "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == [name for name, _ in FLAT_COLUMNS]
    raid, quiet = rows
    assert raid["source_names"] == "Rebels;bandits"
    assert raid["source_ids"] == "MLIREB;" and raid["source_countries"] == "MLI;"  # positions stay aligned
    assert raid["target_names"] == "Villagers" and raid["location_name"] == "Gao"
    assert float(raid["location_lat"]) == 16.27 and raid["date_value"] == "2020-02"
    assert raid["claimant"] == "Officials" and raid["attribution_verb"] == "said"
    assert raid["confidence"] == "0.667" and raid["evidence_sentence"] == TEXT
    assert (quiet["modality"], quiet["historical"], quiet["location_name"]) == ("future", "True", "")


def test_export_parquet_parses_back_typed(events, tmp_path):
    path = tmp_path / "events.parquet"
    assert write_events(events, "parquet", path) == 2
    table = pq.read_table(path)
    assert table.column_names == [name for name, _ in FLAT_COLUMNS]
    assert str(table.schema.field("location_lat").type) == "double"
    assert str(table.schema.field("historical").type) == "bool"
    assert table.to_pylist() == [flat_row(e) for e in events]


def test_export_parquet_of_no_events_keeps_the_columns(tmp_path):
    write_events([], "parquet", tmp_path / "empty.parquet")
    table = pq.read_table(tmp_path / "empty.parquet")
    assert table.num_rows == 0 and len(table.column_names) == len(FLAT_COLUMNS)


def test_export_parquet_to_binary_stream(events):
    out = io.BytesIO()
    write_events(events, "parquet", out)
    assert pq.read_table(io.BytesIO(out.getvalue())).num_rows == 2


def test_export_parquet_refuses_a_text_only_stream(events):
    with pytest.raises(InputError, match="binary"):
        write_events(events, "parquet", io.StringIO())


def test_export_table_is_fixed_width(events):
    out = io.StringIO()
    write_events(events, "table", out)
    header, rule, raid, quiet, count = out.getvalue().splitlines()
    assert header.split()[:3] == ["date", "type", "source"]
    assert raid.startswith("2020-02 ") and "Rebels, bandits -> Villagers" in raid and "Gao" in raid
    assert quiet.index("CONSULT") == raid.index("ASSAULT")  # columns line up
    assert quiet.endswith("…") and len(quiet) <= len(rule)  # a long sentence is cut, not wrapped
    assert "future        yes" in quiet and "asserted" in raid
    assert count == "(2 events)"


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_writes_to_a_path(events, tmp_path, fmt):
    path = tmp_path / f"out.{fmt}"
    assert write_events(iter(events), fmt, path) == 2
    assert path.stat().st_size > 0


def test_export_unknown_format_names_the_choices(events):
    with pytest.raises(InputError, match="jsonl"):
        write_events(events, "xlsx", io.StringIO())


# --- formats for other tools: ACLED, PLOVER, CAMEO -----------------------------------------------------------

def _stored(events: list[Event]) -> list[StoredEvent]:
    return [StoredEvent(events[0], 12, (3, 8), ("Sahel Dispatch", "Niger Wire")), StoredEvent(events[1])]


def test_export_acled_csv_uses_acled_columns_and_codes(events):
    out = io.StringIO()
    assert write_events(_stored(events), "acled-csv", out) == 1  # the CONSULT has no ACLED type
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == ACLED_COLUMNS
    (raid,) = rows
    assert raid["event_id_cnty"] == "MLI12"
    assert (raid["event_date"], raid["year"], raid["time_precision"]) == ("01 February 2020", "2020", "3")
    assert (raid["event_type"], raid["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert (raid["actor1"], raid["assoc_actor_1"], raid["inter1"]) == ("Rebels", "bandits", "2")
    assert (raid["actor2"], raid["inter2"], raid["interaction"]) == ("Villagers", "7", "27")
    assert (raid["country"], raid["iso3"], raid["location"]) == ("Mali", "MLI", "Gao")
    assert (raid["latitude"], raid["longitude"], raid["geo_precision"]) == ("16.2700", "-0.0400", "1")
    assert raid["source"] == "Sahel Dispatch; Niger Wire" and raid["notes"] == TEXT and raid["fatalities"] == ""


def test_export_acled_dates_and_state_forces_abroad(events):
    raid = events[0]
    day = TimeRef("on 3 February", "2020-02-03", "day")
    foreign = Actor("French troops", 0, 13, actor_id="FRA-MIL", name="French military", country="FRA",
                    sector="military")
    abroad = dataclasses.replace(raid, date=day, source=(foreign,))
    assert acled_date(day) == ("03 February 2020", 2020, 1)
    assert acled_date(TimeRef(None, "2020-02-03", "day", origin="published"))[2] == 2
    assert acled_date(TimeRef(None, "2019", "year")) == ("01 January 2019", 2019, 3)
    assert acled_date(TimeRef(None, "2020-02-03", "week")) == ("03 February 2020", 2020, 2)
    assert inter_code(foreign, abroad) == 8  # state forces outside their country: external forces
    row = acled_row(StoredEvent(abroad))
    assert (row["inter1"], row["interaction"], row["source"]) == (8, 78, "doc-9")
    assert acled_row(StoredEvent(dataclasses.replace(raid, modality="hypothetical"))) is None


def test_export_plover_json_parses(events):
    out = io.StringIO()
    assert write_events(_stored(events), "plover-json", out) == 2
    raid, quiet = [json.loads(line) for line in out.getvalue().splitlines()]
    assert raid["id"] == "brinkwatch-event-12" and quiet["id"] == "doc-10:doc-10:0"
    assert (raid["event"], raid["mode"], raid["context"], raid["date"]) == ("ASSAULT", "firearms", [], "2020-02")
    assert raid["source"][0] == {"actorText": "rebels", "code": "MLIREB", "name": "Rebels", "country": "MLI",
                                 "sector": "REB"}
    assert raid["target"][0]["code"] == "MLICVL"  # a country and its sector, CAMEO-style
    assert (raid["eventText"], raid["text"], raid["language"]) == ("raided", TEXT, "en")
    assert raid["sources"] == ["Sahel Dispatch", "Niger Wire"] and raid["reports"] == 2


def test_export_cameo_tsv(events):
    out = io.StringIO()
    assert write_events(events, "cameo-tsv", out) == 1  # the CONSULT has no CAMEO root
    header, raid = [line.split("\t") for line in out.getvalue().splitlines()]
    assert tuple(header) == CAMEO_COLUMNS
    assert raid == ["2020-02", "MLIREB", "MLICVL", "18", "", "doc-9", TEXT]


def test_export_jsonl_of_stored_events_adds_the_linked_event(events):
    out = io.StringIO()
    write_events(_stored(events), "jsonl", out)
    raid, quiet = [json.loads(line) for line in out.getvalue().splitlines()]
    assert (raid["event_pk"], raid["report_ids"], raid["sources"]) == (12, [3, 8], ["Sahel Dispatch", "Niger Wire"])
    assert quiet == events[1].to_dict()


# --- importing ACLED rows --------------------------------------------------------------------------------------

ACLED_HEADER = ("event_id_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,assoc_actor_1,inter1,"
                "actor2,assoc_actor_2,inter2,interaction,country,admin1,location,latitude,longitude,geo_precision,"
                "source,notes,fatalities,iso3\n")
ACLED_ROWS = (
    'TST1,12 March 2020,2020,1,Explosions/Remote violence,Air/drone strike,Military Forces of Turkey (2016-),,8,'
    'PKK: Kurdistan Workers Party,,2,28,Iraq,Duhok,Amadiya,37.0922,43.4877,1,Border Gazette,'
    '"On 12 March 2020, Turkish jets bombed PKK positions near Amadiya.",0,IRQ\n'
    'TST2,13-Mar-20,2020,2,Protests,Peaceful protest,Protesters (Iraq),Students (Iraq),6,,,0,60,Iraq,Basra,Basra,'
    '30.5085,47.7804,2,Gulf Courier,"On 13 March 2020, students marched in Basra.",0,IRQ\n'
    'TST3,sometime in March,2020,1,Battles,Armed clash,Military Forces of Iraq (2018-),,1,,,0,10,Iraq,Anbar,Hit,'
    '33.64,42.82,1,Border Gazette,"Clashes near Hit.",0,IRQ\n'
    'TST4,14 March 2020,2020,1,Parades,,Civilians (Iraq),,7,,,0,70,Iraq,Anbar,Hit,33.64,42.82,1,Border Gazette,'
    '"A parade.",0,IRQ\n'
)


def test_export_import_acled_rows_and_failures(tmp_path):
    path = tmp_path / "acled.csv"
    path.write_text(ACLED_HEADER + ACLED_ROWS, encoding="utf-8")
    items = list(read_acled_csv(path))
    (strike_article, strike), (protest_article, protest), bad_date, bad_type = items
    assert strike_article.id == "TST1" and strike_article.source == "Border Gazette"
    assert (strike.event_type, strike.mode, strike.cameo_root) == ("ASSAULT", "aerial", "19")
    assert (strike.acled_event_type, strike.acled_sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")
    assert [(a.name, a.country, a.sector) for a in strike.source] == [("Military Forces of Turkey (2016-)", "TUR",
                                                                      "military")]
    assert [(a.name, a.country, a.sector) for a in strike.target] == [("PKK: Kurdistan Workers Party", "IRQ", "rebel")]
    assert (strike.date.value, strike.date.precision) == ("2020-03-12", "day")
    assert (strike.location.name, strike.location.lat, strike.location.admin1) == ("Amadiya", 37.0922, "Duhok")
    assert strike.evidence.sentence == "On 12 March 2020, Turkish jets bombed PKK positions near Amadiya."
    for actor in (*strike.source, *strike.target):  # every coded field points at the synthetic article's text
        assert strike_article.text[actor.start:actor.end] == actor.text
    place = strike.location
    assert strike_article.text[place.start:place.end] == "Amadiya"
    assert [a.name for a in protest.source] == ["Protesters (Iraq)", "Students (Iraq)"]
    assert (protest.event_type, protest.date.value, protest.date.precision) == ("PROTEST", "2020-03-09", "week")
    assert protest_article.published == "2020-03-13"
    assert isinstance(bad_date, Failure) and bad_date.where == "line 4" and "sometime in March" in bad_date.message
    assert isinstance(bad_type, Failure) and bad_type.where == "line 5" and "Parades" in bad_type.message


def test_export_acled_round_trip(events, tmp_path):
    path = tmp_path / "out.csv"
    write_events(_stored(events), "acled-csv", path)
    ((article, event),) = list(read_acled_csv(path))
    assert (event.event_type, event.acled_sub_event_type, event.date.value) == ("ASSAULT", "Attack", "2020-02")
    assert [a.name for a in event.source] == ["Rebels", "bandits"] and event.location.name == "Gao"
    assert article.source == "Sahel Dispatch; Niger Wire" and event.evidence.sentence == TEXT


def test_export_acled_names_an_unnamed_attacker_as_acled_does(events, tmp_path):
    """A roadside bomb whose planters no report names: ACLED's "Unidentified Armed Group (Country)", so
    that the row reads back (our reader, like ACLED's users, needs an actor1)."""
    anonymous = dataclasses.replace(events[0], source=(), acled_event_type="Explosions/Remote violence",
                                    acled_sub_event_type="Remote explosive/landmine/IED")
    row = acled_row(StoredEvent(anonymous))
    assert (row["actor1"], row["inter1"]) == ("Unidentified Armed Group (Mali)", 3)
    assert row["interaction"] == 37  # against the villagers (civilians, 7)
    path = tmp_path / "anonymous.csv"
    write_events(_stored([anonymous, events[1]]), "acled-csv", path)
    ((_, event),) = list(read_acled_csv(path))
    assert event.source[0].country == "MLI" and event.target[0].name == "Villagers"

