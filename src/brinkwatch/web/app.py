"""The HTTP API and the dashboard, over a Store handed in by the caller (the CLI runs uvicorn).

Article text is untrusted. Templates autoescape everything; the one piece of markup built in Python,
the highlighted evidence sentence, escapes each slice of text before wrapping spans in <mark>.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import Depends, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from brinkwatch.errors import InputError, StoreError
from brinkwatch.store import Store

HERE = Path(__file__).parent
PAGE_SIZE = 50
MARK_KINDS = ("trigger", "source", "target", "place", "date", "claimant")
FILTER_NAMES = ("actor", "type", "country", "since", "until", "modality")

# Nothing inline, nothing from elsewhere: even if some text escaped escaping, it could not run.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; "
                               "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def highlight(sentence: str, spans: Iterable[tuple[int, int, str]]) -> Markup:
    """The sentence as HTML, each span (start, end, kind) wrapped in <mark class=kind>; overlaps are dropped."""
    pieces: list[Markup] = []
    cursor = 0
    for start, end, kind in sorted(spans, key=lambda span: (span[0], -span[1])):
        if kind not in MARK_KINDS or start < cursor or not 0 <= start < end <= len(sentence):
            continue
        pieces.append(escape(sentence[cursor:start]))
        pieces.append(Markup('<mark class="{0}" title="{0}">{1}</mark>').format(kind, sentence[start:end]))
        cursor = end
    pieces.append(escape(sentence[cursor:]))
    return Markup("").join(pieces)


def event_spans(payload: dict[str, Any]) -> list[tuple[int, int, str]]:
    """Trigger, actor, place and date spans of a contract event, relative to its evidence sentence.

    A span whose offsets do not point at its own text is left out rather than marking the wrong words.
    """
    sentence, base = payload["evidence"]["sentence"], payload["evidence"]["start"]
    attribution = payload.get("attribution") or {}
    parts = [(payload.get("trigger"), "trigger"), (payload.get("location"), "place"),
             (payload.get("date"), "date"), (attribution.get("claimant"), "claimant")]
    parts += [(actor, "source") for actor in payload.get("source", [])]
    parts += [(actor, "target") for actor in payload.get("target", [])]
    spans = []
    for part, kind in parts:
        if not part or part.get("start") is None or part.get("end") is None:
            continue
        start, end = part["start"] - base, part["end"] - base
        if 0 <= start < end <= len(sentence) and (not part.get("text") or sentence[start:end] == part["text"]):
            spans.append((start, end, kind))
    return spans


def safe_href(url: str | None) -> str | None:
    """The URL when it is plain http(s); None otherwise (a javascript: link must not become clickable)."""
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return None


def _actors(actors: list[dict[str, Any]]) -> str:
    return ", ".join(a.get("name") or a["text"] for a in actors) or "?"


def _view(row: dict[str, Any]) -> dict[str, Any]:
    """What the templates show of one report."""
    payload = row["payload"]
    place = payload.get("location") or {}
    return {
        **row,
        "date": row["date_value"] or "",
        "source_names": _actors(payload["source"]),
        "target_names": _actors(payload["target"]),
        "place": place.get("name") or place.get("text") or "",
        "sentence_html": highlight(payload["evidence"]["sentence"], event_spans(payload)),
        "href": safe_href(row["url"]),
    }


def _filters(
    actor: str | None = None, type: str | None = None, country: str | None = None,
    since: str | None = None, until: str | None = None, modality: str | None = None,
) -> dict[str, str]:
    """The filters present in the query string; blank form fields count as absent."""
    given = {"actor": actor, "type": type, "country": country, "since": since, "until": until, "modality": modality}
    return {name: value.strip() for name, value in given.items() if value and value.strip()}


Filters = Annotated[dict[str, str], Depends(_filters)]


def _invalid(error: InputError) -> JSONResponse:
    # The same shape FastAPI gives its own validation errors, so clients handle one format.
    message = str(error).removeprefix(f"{error.where}: ")
    return JSONResponse(status_code=422, content={
        "detail": [{"type": "value_error", "loc": ["query", error.where], "msg": message}]})


def create_app(store: Store) -> FastAPI:
    """The web application over `store`: dashboard, event pages, JSON API and a health check."""
    # No Swagger or ReDoc pages: they load their scripts from a CDN. The schema stays at /api/openapi.json.
    app = FastAPI(title="brinkwatch", summary="Conflict events read from the news", docs_url=None,
                  redoc_url=None, openapi_url="/api/openapi.json")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True,
                            undefined=StrictUndefined)

    def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return HTMLResponse(templates.get_template(name).render(root=root, **context), status_code=status)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.exception_handler(InputError)
    async def input_error(_request: Request, error: InputError) -> JSONResponse:
        return _invalid(error)

    @app.exception_handler(StoreError)
    async def store_error(_request: Request, error: StoreError) -> JSONResponse:
        return JSONResponse(status_code=503, content={"detail": str(error)})

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def dashboard(request: Request, filters: Filters, offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
        error, rows = None, []
        try:
            rows = store.event_rows(**filters, limit=PAGE_SIZE, offset=offset, newest_first=True)
        except InputError as exc:
            error = exc
        summary = store.summary()
        older = urlencode({**filters, "offset": offset + PAGE_SIZE}) if len(rows) == PAGE_SIZE else None
        return page(
            request, "dashboard.html", status=422 if error else 200, summary=summary,
            type_max=max(summary["by_type"].values(), default=1), rows=[_view(r) for r in rows],
            filters=filters, error=error, older=older, failures=store.failures(limit=10),
        )

    @app.get("/events/{report_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, report_id: int) -> HTMLResponse:
        row = store.event_row(report_id)
        if row is None:
            return page(request, "not_found.html", status=404, what=f"event {report_id}")
        article = store.article(row["article_pk"]) or {}
        return page(request, "event.html", event=_view(row), payload=row["payload"], article=article)

    @app.get("/api/events")
    def api_events(
        filters: Filters,
        limit: Annotated[int, Query(ge=0, le=1000)] = 100,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> list[dict[str, Any]]:
        """Events in the JSON Lines output contract, each with its `report_id`."""
        rows = store.event_rows(**filters, limit=limit, offset=offset)  # a bad filter raises InputError: 422
        return [{**row["payload"], "report_id": row["report_id"]} for row in rows]

    @app.get("/api/events/{report_id}")
    def api_event(report_id: int) -> Response:
        row = store.event_row(report_id)
        if row is None:
            return JSONResponse(status_code=404, content={"detail": f"there is no event with report_id {report_id}"})
        return JSONResponse({**row["payload"], "report_id": row["report_id"]})

    @app.get("/api/summary")
    def api_summary() -> dict[str, Any]:
        return store.summary()

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        store.ping()  # a StoreError becomes a 503
        return {"status": "ok"}

    from brinkwatch.web.watch_routes import watch_router  # the escalation watch (issue 8)
    app.include_router(watch_router(store))
    return app
