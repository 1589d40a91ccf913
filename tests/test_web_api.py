"""The JSON API through FastAPI's test client: every endpoint, its filters and its error codes, and the
safety rules (token, body limit, loopback host, refusing to serve publicly without a token)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from brinkwatch.errors import ConfigError, InputError
from brinkwatch.web import create_app
from brinkwatch.web.security import is_loopback, serving_options

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", "The anyio.abc.BlockingPortal alias", DeprecationWarning)
    from fastapi.testclient import TestClient

from conftest import FakePipeline  # noqa: E402

TOKEN = "correct-horse-battery-staple-42"


def _ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [event["event_id"] for event in response.json()]


@pytest.mark.parametrize(
    ("params", "expected"),
    [({}, ["strike-a#0", "strike-b#0", "threat#0", "talks#0", "arrest#0", "hostile#0"]),
     ({"type": "coerce"}, ["arrest#0"]),
     ({"actor": "border guards"}, []),  # names are the actor ids here
     ({"actor": "irq-cop"}, ["arrest#0"]),
     ({"dyad": "USA-IRN"}, ["strike-a#0", "strike-b#0", "threat#0"]),
     ({"dyad": "IRN,USA"}, ["strike-a#0", "strike-b#0", "threat#0"]),
     ({"dyad": "IRN-MIL,USA-MIL"}, ["strike-a#0", "strike-b#0"]),
     ({"dyad": "IRQ-COP-IRQ-CRM"}, ["arrest#0"]),
     ({"country": "TUR"}, ["talks#0"]),
     ({"since": "2020", "until": "2023-05"}, ["strike-a#0", "strike-b#0", "arrest#0"]),
     ({"modality": "hypothetical"}, ["hostile#0"]),
     ({"min_sources": 2}, ["strike-a#0", "strike-b#0"]),
     ({"bbox": "40,30,45,38"}, ["strike-a#0", "strike-b#0", "threat#0", "arrest#0", "hostile#0"]),
     ({"bbox": "30,38,35,41"}, ["talks#0"]),
     ({"lat": 36.3, "lon": 43.1, "radius_km": 50}, ["hostile#0"]),
     ({"lat": 36.3, "lon": 43.1, "radius_km": 150}, ["arrest#0", "hostile#0"]),
     ({"sort": "date", "limit": 3}, ["talks#0", "threat#0", "strike-a#0"]),
     ({"sort": "-date", "limit": 2}, ["hostile#0", "arrest#0"]),
     ({"sort": "type", "limit": 2}, ["strike-a#0", "strike-b#0"]),
     ({"limit": 2, "offset": 4}, ["arrest#0", "hostile#0"])],
    ids=["all", "type", "actor-name", "actor-key", "dyad", "dyad-reversed", "dyad-keys", "dyad-hyphens", "country",
         "dates", "modality", "min-sources", "bbox", "bbox-turkey", "radius", "radius-wider", "sort-date",
         "sort-date-desc", "sort-type", "page"],
)
def test_web_api_events_filters(web_client, params, expected):
    assert _ids(web_client.get("/api/events", params=params)) == expected


def test_web_api_events_follow_the_output_contract(web_client, web_store):
    api = web_client.get("/api/events", params={"type": "COERCE"}).json()[0]
    original = web_store.events(type="COERCE")[0].to_dict()
    assert {k: v for k, v in api.items() if k not in ("report_id", "event_pk", "n_sources")} == original
    assert api["n_sources"] == 1 and api["event_pk"] is not None


@pytest.mark.parametrize(
    ("name", "value"),
    [("since", "yesterday"), ("until", "2023/05/01"), ("type", "BOMBING"), ("country", "Iraq"),
     ("modality", "perhaps"), ("limit", "-1"), ("limit", "5000"), ("offset", "x"), ("dyad", "USA"),
     ("dyad", "USA-"), ("bbox", "1,2,3"), ("bbox", "0,50,10,40"), ("bbox", "0,0,200,10"), ("lat", "91"),
     ("radius_km", "0"), ("min_sources", "-1"), ("sort", "sideways"), ("actor", "a\x01b")],
    ids=["since", "until", "type", "country", "modality", "limit-negative", "limit-large", "offset", "dyad-one-side",
         "dyad-empty-side", "bbox-three", "bbox-upside-down", "bbox-lon", "lat", "radius-zero", "min-sources", "sort",
         "actor-control"],
)
def test_web_api_bad_filter_is_422_naming_the_parameter(web_client, name, value):
    response = web_client.get("/api/events", params={name: value})
    assert response.status_code == 422, response.text
    assert response.json()["detail"][0]["loc"] == ["query", name]


def test_web_api_radius_needs_all_three_values(web_client):
    response = web_client.get("/api/events", params={"lat": 33, "radius_km": 10})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "lon"]


def test_web_api_event_has_every_report_and_its_spans(web_client, web_store):
    report_id = next(r["report_id"] for r in web_store.event_rows() if r["doc_id"] == "strike-b")
    event = web_client.get(f"/api/events/{report_id}").json()
    assert event["event_id"] == "strike-b#0" and event["article"]["outlet"] == "Wire Two"
    assert event["linked_event"]["n_sources"] == 2 and event["linked_event"]["sources"] == ["Wire One", "Wire Two"]
    assert [r["doc_id"] for r in event["reports"]] == ["strike-a", "strike-b"]
    first = event["reports"][0]
    assert {(s["kind"], s["text"]) for s in first["spans"]} == {
        ("trigger", "fired"), ("source", "Iranian forces"), ("target", "a US base"), ("place", "Anbar"),
        ("date", "8 January 2020"), ("claimant", "the Pentagon")}
    sentence = first["evidence"]["sentence"]
    assert all(sentence[s["start"]:s["end"]] == s["text"] for s in first["spans"])  # offsets into the article
    alone = next(r["report_id"] for r in web_store.event_rows() if r["doc_id"] == "hostile")
    single = web_client.get(f"/api/events/{alone}").json()
    assert single["linked_event"] is None and [r["report_id"] for r in single["reports"]] == [alone]


def test_web_api_unknown_ids_are_404_and_bad_ids_422(web_client):
    for path in ("/api/events/12345", "/api/articles/12345", "/api/articles/no-such-doc", "/api/actors/NOBODY",
                 "/api/dyads/FRA-DEU"):
        response = web_client.get(path)
        assert response.status_code == 404, path
        assert response.json()["detail"]
    assert web_client.get("/api/events/abc").status_code == 422
    assert web_client.get(f"/api/events/{2**70}").status_code == 422


def test_web_api_actors_and_one_actor(web_client):
    actors = {a["key"]: a for a in web_client.get("/api/actors").json()}
    assert actors["IRN-MIL"]["events"] == 2 and actors["IRN-MIL"]["as_source"] == 2
    assert actors["USA-MIL"]["as_target"] == 2 and actors["IRN"]["country"] == "IRN"
    assert [a["key"] for a in web_client.get("/api/actors", params={"name": "irq-c"}).json()] == ["IRQ-COP", "IRQ-CRM"]
    assert [a["key"] for a in web_client.get("/api/actors", params={"type": "CONSULT"}).json()] == ["IRQ", "TUR"]
    one = web_client.get("/api/actors/irn-mil").json()
    assert one["key"] == "IRN-MIL" and one["types"] == {"ASSAULT": 2} and one["partners"] == [{"key": "USA-MIL", "events": 2}]
    assert one["mentions"] == ["Iranian forces"] and [e["event_id"] for e in one["latest"]] == ["strike-b#0", "strike-a#0"]


def test_web_api_places_with_counts_and_coordinates(web_client):
    places = web_client.get("/api/places").json()
    assert places[0]["name"] == "Anbar" and places[0]["events"] == 2 and places[0]["lat"] == pytest.approx(33.4)
    assert {p["name"] for p in places} == {"Anbar", "Baghdad", "Ankara", "Zakho", "Mosul"}
    assert [p["name"] for p in web_client.get("/api/places", params={"country": "TUR"}).json()] == ["Ankara"]


def test_web_api_article_by_number_or_doc_id(web_client, web_store):
    pk = web_store.article("strike-a")["id"]
    article = web_client.get(f"/api/articles/{pk}").json()
    assert article["doc_id"] == "strike-a" and article["text"].startswith("Iranian forces fired")
    assert [e["event_id"] for e in article["events"]] == ["strike-a#0"]
    assert {s["kind"] for s in article["events"][0]["spans"]} >= {"trigger", "source", "claimant"}
    assert web_client.get("/api/articles/strike-a").json() == article


@pytest.mark.parametrize(
    ("fmt", "media", "check"),
    [("csv", "text/csv", lambda body: next(csv.reader(io.StringIO(body)))[0] == "doc_id"),
     ("jsonl", "application/x-ndjson", lambda body: json.loads(body.splitlines()[0])["event_type"]),
     ("plover-json", "application/json", lambda body: body.lstrip().startswith(("[", "{"))),
     ("acled-csv", "text/csv", lambda body: "event_type" in body.splitlines()[0]),
     ("cameo-tsv", "text/tab-separated-values", lambda body: "\t" in body)],
    ids=["csv", "jsonl", "plover-json", "acled-csv", "cameo-tsv"],
)
def test_web_api_export_formats(web_client, fmt, media, check):
    response = web_client.get("/api/export", params={"format": fmt})
    assert response.status_code == 200 and response.headers["content-type"].startswith(media)
    assert "attachment" in response.headers["content-disposition"]
    assert check(response.text)


def test_web_api_export_parquet_per_event_and_filters(web_client):
    import pyarrow.parquet as pq

    table = pq.read_table(io.BytesIO(web_client.get("/api/export", params={"format": "parquet", "per_event": "true",
                                                                           "type": "ASSAULT"}).content))
    assert table.num_rows == 2  # the linked strike once, the hostile report alone
    rows = [json.loads(line) for line in web_client.get("/api/export", params={"dyad": "IRN-USA", "per_event": "true",
                                                                             "min_sources": 2}).text.splitlines()]
    assert len(rows) == 1 and rows[0]["sources"] == ["Wire One", "Wire Two"] and len(rows[0]["report_ids"]) == 2
    bad = web_client.get("/api/export", params={"format": "docx"})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["query", "format"]


def test_web_api_dyads_series_and_alerts(web_client):
    dyads = web_client.get("/api/dyads").json()
    pair = next(d for d in dyads if {d["side_a"], d["side_b"]} == {"IRN", "USA"})
    assert pair["events"] == 2 and pair["directed"] is False  # three reports, two of them one linked strike
    assert sum(w["counts"]["material_conflict"] for w in pair["weeks"]) > 0
    directed = web_client.get("/api/dyads", params={"level": "actor", "directed": "true"}).json()
    assert any(d["dyad"] == "IRN-MIL -> USA-MIL" for d in directed)
    assert web_client.get("/api/dyads", params={"level": "planet"}).status_code == 422
    assert isinstance(web_client.get("/api/alerts", params={"kind": "ladder"}).json(), list)
    assert web_client.get("/api/alerts", params={"dyad": "x"}).status_code == 422


def test_web_api_summary(web_client):
    summary = web_client.get("/api/summary").json()
    assert (summary["articles"], summary["reports"], summary["happenings"], summary["linked"]) == (6, 6, 5, 4)
    assert summary["by_type"]["ASSAULT"] == 3


def test_web_api_analyze_returns_events_and_stores_nothing(web_client, web_store):
    response = web_client.post("/api/analyze", json={"text": "Gunmen attacked a convoy.", "published": "2020-01-02"})
    assert response.status_code == 200
    body = response.json()
    assert body["published"] == "2020-01-02" and body["events"][0]["event_type"] == "ASSAULT"
    assert body["events"][0]["spans"] == [{"kind": "trigger", "text": "attacked", "start": 7, "end": 15}]
    assert web_store.summary()["articles"] == 6


@pytest.mark.parametrize(
    ("body", "where"),
    [({"text": ""}, ["body", "text"]), ({}, ["body", "text"]), ({"text": "x", "published": "soon"}, ["body", "published"]),
     ({"text": "Le gouvernement a annoncé que les élections auront lieu dans la capitale avec les partis."},
      ["body", "text"])],
    ids=["empty", "missing", "bad-date", "french"],
)
def test_web_api_analyze_rejects_bad_input_naming_the_field(web_client, body, where):
    response = web_client.post("/api/analyze", json=body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == where


def test_web_api_analyze_with_the_model(web_store, web_pipeline):
    with TestClient(create_app(web_store, pipeline_factory=lambda: web_pipeline)) as client:
        body = client.post("/api/analyze", json={"text": "Turkish police detained 12 journalists in Ankara on Monday.",
                                                 "published": "2020-03-04"}).json()
    event = body["events"][0]
    assert event["event_type"] == "COERCE" and event["date"]["value"] == "2020-03-02"
    assert {"trigger", "source", "target", "place", "date"} <= {s["kind"] for s in event["spans"]}


def test_web_api_ingest_stores_skips_and_records_failures(web_client, web_store):
    articles = [{"id": "new-1", "text": "Rebels attacked a police post in Gao.", "published": "2021-02-03", "source": "Wire Nine"},
                {"text": "Protesters attacked a bus.", "title": "no id"},
                {"id": "bad", "text": "   "}]
    body = web_client.post("/api/ingest", json={"articles": articles}).json()
    assert (body["stored"], body["skipped"], body["failed"], body["events"]) == (2, 0, 1, 2)
    assert [a["status"] for a in body["articles"]] == ["stored", "stored", "failed"]
    assert body["articles"][1]["id"] and len(body["articles"][1]["id"]) == 16  # named by its hash
    again = web_client.post("/api/ingest", json={"articles": articles[:1]}).json()
    assert again["skipped"] == 1 and again["stored"] == 0
    assert web_store.article("new-1")["source"] == "Wire Nine"
    assert web_store.failures(limit=1)[0]["input"] == "api/ingest[2]"
    assert web_client.post("/api/ingest", json={"articles": []}).status_code == 422


def test_web_api_ingest_needs_the_token_when_one_is_set(web_store):
    with TestClient(create_app(web_store, token=TOKEN, pipeline_factory=FakePipeline)) as client:
        article = {"articles": [{"id": "t", "text": "Gunmen attacked a bank."}]}
        missing = client.post("/api/ingest", json=article)
        assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
        assert "BRINKWATCH_TOKEN" in missing.json()["detail"]
        wrong = client.post("/api/ingest", json=article, headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401
        right = client.post("/api/ingest", json=article, headers={"Authorization": f"Bearer {TOKEN}"})
        assert right.status_code == 200 and right.json()["stored"] == 1
        assert client.get("/api/events").status_code == 200  # reading needs no token


def test_web_api_body_over_the_limit_is_413(web_store):
    with TestClient(create_app(web_store, max_body=2_000, pipeline_factory=FakePipeline)) as client:
        big = {"text": "Gunmen attacked. " * 200}
        assert client.post("/api/analyze", json=big).status_code == 413
        streamed = client.post("/api/analyze", content=(b"x" * 500 for _ in range(10)),
                               headers={"content-type": "application/json"})
        assert streamed.status_code == 413  # no Content-Length: counted as it arrives
        assert client.post("/api/analyze", json={"text": "Gunmen attacked."}).status_code == 200


def test_web_api_loopback_server_answers_only_loopback_hosts(web_store):
    with TestClient(create_app(web_store, check_host=True), base_url="http://127.0.0.1:8765") as client:
        assert client.get("/api/summary").status_code == 200
        assert client.get("/api/summary", headers={"host": "localhost:8765"}).status_code == 200
        assert client.get("/api/summary", headers={"host": "evil.example"}).status_code == 421


@pytest.mark.parametrize(("host", "expected"), [("127.0.0.1", True), ("127.8.0.1", True), ("::1", True), ("[::1]", True),
                                                ("localhost", True), ("0.0.0.0", False), ("192.168.1.4", False),
                                                ("example.org", False)])
def test_web_is_loopback(host, expected):
    assert is_loopback(host) is expected


def test_web_serving_beyond_loopback_needs_a_token():
    assert serving_options("127.0.0.1", {})["token"] is None
    with pytest.raises(InputError, match="BRINKWATCH_TOKEN") as caught:
        serving_options("0.0.0.0", {})
    assert caught.value.where == "--host"
    with pytest.raises(InputError, match="at least 16"):
        serving_options("0.0.0.0", {"BRINKWATCH_TOKEN": "short"})
    options = serving_options("0.0.0.0", {"BRINKWATCH_TOKEN": TOKEN})
    assert options["public"] and options["token"] == TOKEN and not options["check_host"]
    with pytest.raises(ConfigError):
        create_app(None, public=True)  # type: ignore[arg-type]


def test_web_serve_refuses_a_public_address_without_a_token(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "BRINKWATCH_TOKEN"}
    command = str(Path(sys.executable).parent / "brinkwatch")
    done = subprocess.run([command, "serve", "--db", str(tmp_path / "s.db"),
                           "--host", "0.0.0.0"], capture_output=True, text=True, env=env, timeout=60, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "BRINKWATCH_TOKEN" in done.stderr and "0.0.0.0" in done.stderr
