"""The JSON API: events with filters, one event with every report behind it, actors, places, articles,
exports, and two POST endpoints: analyze (text in, events out, nothing stored) and ingest (stored;
needs the token when one is set).

    GET  /api/events?dyad=USA-IRN&type=ASSAULT&since=2019-12&sort=-date&limit=50
    GET  /api/events/{report_id}
    GET  /api/export?format=acled-csv&country=IRQ
    POST /api/analyze {"text": "...", "published": "2020-01-08"}
"""

from __future__ import annotations

import io
from dataclasses import replace
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Path, Query
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials
from pydantic import BaseModel, Field

from brinkwatch.errors import InputError
from brinkwatch.export import EXPORT_FORMATS, StoredEvent, write_events
from brinkwatch.model import Article, Failure, event_from_dict
from brinkwatch.web import queries
from brinkwatch.web.context import Web
from brinkwatch.web.filters import EventFilter, parse_filter
from brinkwatch.web.render import span_list
from brinkwatch.web.security import bearer, token_check

MAX_ID = 2**62
Sort = Literal["id", "-id", "date", "-date", "type", "-type"]  # filters.SORTS, spelled out for the schema
MEDIA_TYPES = {"csv": "text/csv", "acled-csv": "text/csv", "jsonl": "application/x-ndjson",
               "plover-json": "application/json", "cameo-tsv": "text/tab-separated-values",
               "parquet": "application/vnd.apache.parquet", "table": "text/plain"}
SUFFIXES = {"csv": "csv", "acled-csv": "csv", "jsonl": "jsonl", "plover-json": "json", "cameo-tsv": "tsv",
            "parquet": "parquet", "table": "txt"}


def event_filter(
    actor: Annotated[str | None, Query(description="Actor id, key or name (source or target), any case")] = None,
    dyad: Annotated[str | None, Query(description="Two sides in either direction: ISO3 codes or actor keys, "
                                                  "e.g. USA-IRN or USA-MIL,KH")] = None,
    type: Annotated[str | None, Query(description="PLOVER event type, e.g. ASSAULT")] = None,
    country: Annotated[str | None, Query(description="ISO3 country of an actor or of the place")] = None,
    since: Annotated[str | None, Query(description="Earliest date: YYYY, YYYY-MM or YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(description="Latest date: YYYY, YYYY-MM or YYYY-MM-DD (inclusive)")] = None,
    modality: Annotated[str | None, Query(description="asserted, negated, hypothetical or future")] = None,
    min_sources: Annotated[int | None, Query(ge=0, le=1_000_000, description="Only events reported by at least "
                                                                            "this many outlets")] = None,
    bbox: Annotated[str | None, Query(description="minlon,minlat,maxlon,maxlat")] = None,
    lat: Annotated[float | None, Query(ge=-90, le=90, description="Centre of a radius search")] = None,
    lon: Annotated[float | None, Query(ge=-180, le=180, description="Centre of a radius search")] = None,
    radius_km: Annotated[float | None, Query(gt=0, le=20_000, description="Radius around lat, lon")] = None,
) -> EventFilter:
    """The event filters shared by the list endpoints; a bad value is a 422 naming it."""
    return parse_filter({"actor": actor, "dyad": dyad, "type": type, "country": country, "since": since,
                         "until": until, "modality": modality, "min_sources": min_sources, "bbox": bbox,
                         "lat": lat, "lon": lon, "radius_km": radius_km})


Filter = Annotated[EventFilter, Depends(event_filter)]
Limit = Annotated[int, Query(ge=0, le=1000, description="Page size")]
Offset = Annotated[int, Query(ge=0, le=10**9, description="Rows to skip")]


class AnalyzeIn(BaseModel):
    text: str = Field(min_length=1, description="The article text (English)")
    published: str | None = Field(None, description="Publication date, YYYY-MM-DD: relative dates resolve from it")


class ArticleIn(BaseModel):
    id: str | int | None = Field(None, description="Your id for it (default: the first 16 characters of its hash)")
    text: str = Field(description="The article text (English)")
    title: str | None = None
    published: str | None = Field(None, description="YYYY-MM-DD")
    source: str | None = Field(None, description="The outlet")
    url: str | None = None


class IngestIn(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1, max_length=1000)


def invalid(error: InputError, place: str = "query") -> JSONResponse:
    """A 422 in the shape FastAPI gives its own validation errors, so clients handle one format."""
    where = error.where or "value"
    message = str(error).removeprefix(f"{where}: ")
    return JSONResponse(status_code=422, content={
        "detail": [{"type": "value_error", "loc": [place, *where.split(".")], "msg": message}]})


def event_json(row: dict[str, Any]) -> dict[str, Any]:
    """A report in the output contract, with its ids and the number of outlets behind its event."""
    return {**row["payload"], "report_id": row["report_id"], "event_pk": row["event_pk"],
            "n_sources": row.get("n_sources", 1)}


def _report(row: dict[str, Any]) -> dict[str, Any]:
    payload = row["payload"]
    return {"report_id": row["report_id"], "article_id": row["article_pk"], "doc_id": row["doc_id"],
            "title": row["title"], "outlet": row["outlet"], "published": row["published"], "url": row["url"],
            "event_type": payload["event_type"], "mode": payload.get("mode"), "modality": payload["modality"],
            "historical": payload["historical"], "attribution": payload.get("attribution"),
            "date": payload.get("date"), "confidence": payload["confidence"], "evidence": payload["evidence"],
            "spans": span_list(payload)}


def event_detail(web: Web, report_id: int) -> dict[str, Any] | None:
    """One report, its article, its spans, and every report of the linked event it belongs to."""
    row = web.store.event_row(report_id)
    if row is None:
        return None
    linked = web.store.linked_event(row["event_pk"]) if row["event_pk"] is not None else None
    members = linked["reports"] if linked else [row]
    summary = None
    if linked:
        keys = ("event_pk", "event_type", "date_value", "date_precision", "location_name", "location_country",
                "location_lat", "location_lon", "source_key", "target_key", "n_reports", "n_sources", "sources")
        summary = {key: linked.get(key) for key in keys}
    return {**row["payload"], "report_id": row["report_id"], "event_pk": row["event_pk"],
            "spans": span_list(row["payload"]),
            "article": {"id": row["article_pk"], "doc_id": row["doc_id"], "title": row["title"],
                        "published": row["published"], "outlet": row["outlet"], "url": row["url"]},
            "linked_event": summary, "reports": [_report(member) for member in members]}


def stored_items(web: Web, flt: EventFilter, *, per_event: bool, sort: str, limit: int) -> list[StoredEvent]:
    """The export's events: every matching report, or (per_event) one report a linked event, its most
    confident, with the ids and outlets of all of the event's reports."""
    from brinkwatch.store import linking

    rows = queries.report_rows(web.store, flt, sort=sort, limit=limit)
    if not per_event:
        return [StoredEvent(event_from_dict(r["payload"]), r["event_pk"], (r["report_id"],), (r["outlet"] or r["doc_id"],))
                for r in rows]
    best: dict[Any, dict[str, Any]] = {}
    for row in rows:
        key = row["event_pk"] if row["event_pk"] is not None else ("report", row["report_id"])
        if key not in best or row["confidence"] > best[key]["confidence"]:
            best[key] = row
    chosen = [row for row in rows if best.get(row["event_pk"] if row["event_pk"] is not None
                                              else ("report", row["report_id"])) is row]
    with queries.reading(web.store, "read linked events") as conn:
        outlets = linking.outlets(conn, sorted({r["event_pk"] for r in chosen if r["event_pk"] is not None}))
    return [StoredEvent(event_from_dict(r["payload"]), r["event_pk"],
                        *map(tuple, outlets.get(r["event_pk"], ([r["report_id"]], [r["outlet"] or r["doc_id"]]))))
            for r in chosen]


def export_response(items: list[StoredEvent], fmt: str) -> Response:
    if fmt not in EXPORT_FORMATS:
        raise InputError(f"{fmt!r} is not an export format; use one of {', '.join(EXPORT_FORMATS)}", where="format")
    out: io.BytesIO | io.StringIO = io.BytesIO() if fmt == "parquet" else io.StringIO()
    write_events(items, fmt, out)
    body = out.getvalue()
    filename = f"brinkwatch-events.{SUFFIXES.get(fmt, 'txt')}"
    return Response(body if isinstance(body, bytes) else body.encode("utf-8"), media_type=MEDIA_TYPES.get(fmt),
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _published(value: str | None, where: str) -> str | None:
    from brinkwatch.ingest import parse_published

    if value is None or not value.strip():
        return None
    try:
        return parse_published(value)
    except ValueError as exc:
        raise InputError(str(exc), where=where) from None


def analyze_text(web: Web, text: str, published: str | None) -> tuple[Article, list[dict[str, Any]]]:
    """The article made from a pasted text, and its events with their spans; nothing is stored."""
    from brinkwatch.ingest import make_article

    day = _published(published, "published")
    try:
        article = make_article(text, id="analyze", published=day)
    except InputError as exc:
        raise InputError(str(exc).removeprefix("analyze: "), where="text") from None
    return article, [{**event.to_dict(), "spans": span_list(event.to_dict())} for event in web.analyze(article)]


def api_router(web: Web) -> APIRouter:
    router = APIRouter(prefix="/api", tags=["events"])
    check = token_check(web.token)
    store = web.store

    def authorised(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> None:
        check(credentials)

    def not_found(what: str) -> JSONResponse:
        return JSONResponse(status_code=404, content={"detail": f"there is no {what} in this store"})

    @router.get("/events")
    def api_events(flt: Filter, sort: Sort = "id", limit: Limit = 100, offset: Offset = 0) -> list[dict[str, Any]]:
        """Events (reports: one event as read in one article) in the output contract, with `report_id`,
        `event_pk` (the linked event, or null) and `n_sources`."""
        return [event_json(row) for row in queries.report_rows(store, flt, sort=sort, limit=limit, offset=offset)]

    @router.get("/events/{report_id}", responses={404: {"description": "No such event"}})
    def api_event(report_id: Annotated[int, Path(ge=0, le=MAX_ID)]) -> Any:
        """One event with its spans, its article, and every report of the linked event behind it."""
        found = event_detail(web, report_id)
        return found if found is not None else not_found(f"event with report_id {report_id}")

    @router.get("/actors", tags=["actors"])
    def api_actors(flt: Filter, name: Annotated[str | None, Query(max_length=200, description="Part of a name or key")] = None,
                   limit: Limit = 100, offset: Offset = 0) -> list[dict[str, Any]]:
        """Distinct actors of the matching events, by key, with how often each is source and target."""
        return queries.actors(store, flt, name=name, limit=limit, offset=offset)

    @router.get("/actors/{key}", tags=["actors"], responses={404: {"description": "No such actor"}})
    def api_actor(key: Annotated[str, Path(max_length=200)]) -> Any:
        """One actor by key or id: roles, event types, partners, dates, and its latest events."""
        found = queries.actor(store, key) if "\x00" not in key else None
        if found is None:
            return not_found(f"actor {key!r}")
        latest = queries.report_rows(store, parse_filter({"actor": found["key"]}), sort="-date", limit=20)
        return {**found, "latest": [event_json(row) for row in latest]}

    @router.get("/places", tags=["places"])
    def api_places(flt: Filter, limit: Limit = 100, offset: Offset = 0) -> list[dict[str, Any]]:
        """Distinct places of the matching events with coordinates and counts, busiest first."""
        return queries.places(store, flt, limit=limit, offset=offset)

    @router.get("/articles/{article_id}", tags=["articles"], responses={404: {"description": "No such article"}})
    def api_article(article_id: Annotated[str, Path(max_length=500, description="Article id (a number) or doc_id")]) -> Any:
        """An article's full text and metadata, with each event read in it and the event's spans."""
        found = article_by_id(web, article_id)
        if found is None:
            return not_found(f"article {article_id!r}")
        article, rows = found
        return {**{k: article[k] for k in ("id", "doc_id", "title", "published", "source", "url", "lang", "text",
                                           "ingested_at", "coder_version")},
                "events": [{**event_json(row), "spans": span_list(row["payload"])} for row in rows]}

    @router.get("/export", tags=["export"], response_class=Response,
                responses={200: {"content": {t: {} for t in sorted(set(MEDIA_TYPES.values()))}}})
    def api_export(flt: Filter, format: Annotated[str, Query(description=f"One of {', '.join(EXPORT_FORMATS)}")] = "jsonl",
                   per_event: Annotated[bool, Query(description="One row a linked event instead of a report")] = False,
                   sort: Sort = "id", limit: Annotated[int, Query(ge=0, le=1_000_000)] = 100_000) -> Response:
        """The matching events as a file, in any export format (docs/format.md)."""
        if format not in EXPORT_FORMATS:
            raise InputError(f"{format!r} is not an export format; use one of {', '.join(EXPORT_FORMATS)}", where="format")
        return export_response(stored_items(web, flt, per_event=per_event, sort=sort, limit=limit), format)

    @router.post("/analyze", tags=["analyze"])
    def api_analyze(body: AnalyzeIn) -> dict[str, Any]:
        """Events in a text, with their spans; nothing is stored. The first call loads the model (seconds)."""
        try:
            article, found = analyze_text(web, body.text, body.published)
        except InputError as exc:
            return invalid(exc, place="body")  # type: ignore[return-value]
        return {"published": article.published, "events": found}

    @router.post("/ingest", tags=["ingest"], dependencies=[Depends(authorised)],
                 responses={401: {"description": "Missing or wrong token"}})
    def api_ingest(body: Annotated[IngestIn, Body()]) -> dict[str, Any]:
        """Extract and store articles; one already stored by this coder is skipped, a bad one is recorded
        as a failure and the rest go on. Needs `Authorization: Bearer <BRINKWATCH_TOKEN>` when a token is set."""
        return ingest(web, body.articles)

    @router.get("/summary", tags=["meta"])
    def api_summary() -> dict[str, Any]:
        """Counts: articles, reports, linked events, failures, runs, events by type, busiest dyads."""
        return {**store.summary(), **queries.totals(store)}

    return router


def article_by_id(web: Web, article_id: str) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
    """An article by its number or, failing that, its doc_id; with its reports as rows."""
    if "\x00" in article_id:
        return None
    article = web.store.article(int(article_id)) if article_id.isdigit() and int(article_id) < MAX_ID else None
    if article is None:
        article = web.store.article(article_id)
    if article is None:
        return None
    return article, queries.article_reports(web.store, article["id"])


def ingest(web: Web, records: list[ArticleIn]) -> dict[str, Any]:
    """Store each record's events, as `brinkwatch ingest` does: a run, failures recorded, skips counted."""
    from brinkwatch.ingest import make_article

    store = web.store
    outcome: list[dict[str, Any]] = []
    failures: list[Failure] = []
    run_id = store.start_run("web ingest", web.coder_version)
    stored = events = 0
    try:
        for number, record in enumerate(records):
            given = str(record.id) if record.id is not None else None
            try:
                article = make_article(record.text, id=given or f"web-{number}", title=record.title,
                                       published=record.published, source=record.source, url=record.url,
                                       origin=f"api/ingest[{number}]")
                if given is None:
                    article = replace(article, id=article.content_hash[:16])
            except InputError as exc:
                failures.append(Failure(f"api/ingest[{number}]", given, "record", str(exc)))
                outcome.append({"index": number, "id": given, "status": "failed", "message": str(exc)})
                continue
            if store.article_version(article.content_hash) == web.coder_version:
                outcome.append({"index": number, "id": article.id, "status": "skipped", "events": 0})
                continue
            found = web.analyze(article)
            if store.save_article(article, found, coder_version=web.coder_version, run_id=run_id):
                saved = store.article(article.id)
                stored += 1
                events += len(found)
                outcome.append({"index": number, "id": article.id, "status": "stored", "events": len(found),
                                "article_id": saved["id"] if saved else None})
            else:
                outcome.append({"index": number, "id": article.id, "status": "skipped", "events": 0})
    finally:
        for failure in failures:
            store.record_failure(failure, run_id)
        store.finish_run(run_id, articles_read=len(records), articles_new=stored, events=events, failures=len(failures))
    return {"run_id": run_id, "stored": stored, "skipped": sum(o["status"] == "skipped" for o in outcome),
            "failed": len(failures), "events": events, "articles": outcome}
