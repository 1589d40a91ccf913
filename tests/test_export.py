"""Exports: each format parses back to what was written."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

from brinkwatch.errors import InputError
from brinkwatch.export import FLAT_COLUMNS, FORMATS, flat_row, write_events
from brinkwatch.model import Actor, Attribution, Event, Evidence, Place, Span, TimeRef

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
