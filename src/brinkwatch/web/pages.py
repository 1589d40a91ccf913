"""The dashboard's reading pages: overview, the events table, one event with every report behind it, an
article with all its events highlighted, and the analyze page (paste a text, see its events).

Filters live in the URL, so every view is a permalink; a bad filter renders the page with the message
and status 422.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse

from brinkwatch.errors import InputError
from brinkwatch.link import decide
from brinkwatch.model import event_from_dict
from brinkwatch.web import queries
from brinkwatch.web.api import MAX_ID, analyze_text, article_by_id
from brinkwatch.web.context import Web
from brinkwatch.web.filters import FILTER_NAMES, SORTS, EventFilter, parse_filter
from brinkwatch.web.render import highlight_article, report_view, safe_href

PAGE_SIZES = (25, 50, 100, 200)
MAX_WHY = 30  # reports of one linked event compared with the one shown, each with its reasons


def filter_from(request: Request) -> tuple[EventFilter, InputError | None]:
    """The event filters in the page's URL; on a bad one, no filter and the error to show."""
    values = {name: request.query_params.get(name) for name in FILTER_NAMES}
    try:
        return parse_filter(values), None
    except InputError as error:
        return EventFilter(store=parse_filter({}).store), error


def page_router(web: Web) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    store = web.store

    def missing(request: Request, what: str) -> HTMLResponse:
        return web.page(request, "not_found.html", status=404, what=what)

    @router.get("/", response_class=HTMLResponse)
    def overview(request: Request) -> HTMLResponse:
        summary = store.summary(dyads=12)
        latest = queries.report_rows(store, parse_filter({}), sort="-id", limit=10)
        return web.page(request, "overview.html", summary=summary, totals=queries.totals(store),
                        type_max=max(summary["by_type"].values(), default=1), rows=[report_view(r) for r in latest],
                        failures=store.failures(limit=10))

    @router.get("/events", response_class=HTMLResponse)
    def events_table(request: Request, sort: str = "-date",
                     offset: Annotated[int, Query(ge=0, le=10**9)] = 0, size: int = 50) -> HTMLResponse:
        flt, error = filter_from(request)
        if sort not in SORTS:
            error, sort = InputError(f"{sort!r} is not a sort order; use one of {', '.join(SORTS)}", where="sort"), "-date"
        size = size if size in PAGE_SIZES else 50
        rows, total = [], 0
        if error is None:
            rows = queries.report_rows(store, flt, sort=sort, limit=size, offset=offset)
            total = queries.count_reports(store, flt)
        keep = {**flt.query, "sort": sort if sort != "-date" else None, "size": size if size != 50 else None}
        return web.page(request, "events.html", status=422 if error else 200, rows=[report_view(r) for r in rows],
                        filters=flt.query, error=error, total=total, offset=offset, size=size, sort=sort,
                        keep=keep, sorts=SORTS, sizes=PAGE_SIZES,
                        older=offset + size if offset + size < total else None,
                        newer=max(0, offset - size) if offset else None)

    @router.get("/events/{report_id}", response_class=HTMLResponse)
    def event_page(request: Request, report_id: Annotated[int, Path(ge=0, le=MAX_ID)]) -> HTMLResponse:
        row = store.event_row(report_id)
        if row is None:
            return missing(request, f"event {report_id}")
        linked = store.linked_event(row["event_pk"]) if row["event_pk"] is not None else None
        this = event_from_dict(row["payload"])
        others = []
        for other in (linked["reports"] if linked else [])[:MAX_WHY + 1]:
            if other["report_id"] == report_id:
                continue
            decision = decide(this, event_from_dict(other["payload"]))
            others.append({**report_view(other), "why": decision.reasons, "score": decision.score})
        article = store.article(row["article_pk"]) or {}
        return web.page(request, "event.html", event=report_view(row), payload=row["payload"], article=article,
                        linked=linked, others=others[:MAX_WHY])

    @router.get("/articles/{article_id}", response_class=HTMLResponse)
    def article_page(request: Request, article_id: Annotated[str, Path(max_length=500)]) -> HTMLResponse:
        found = article_by_id(web, article_id)
        if found is None:
            return missing(request, f"article {article_id!r}")
        article, rows = found
        text_html = highlight_article(article["text"], [(r["report_id"], r["payload"]) for r in rows])
        return web.page(request, "article.html", article=article, text_html=text_html,
                        rows=[report_view(r) for r in rows], href=safe_href(article["url"]))

    @router.get("/analyze", response_class=HTMLResponse)
    def analyze_form(request: Request) -> HTMLResponse:
        return web.page(request, "analyze.html", text="", published="", result=None, error=None)

    @router.post("/analyze", response_class=HTMLResponse)
    async def analyze_page(request: Request) -> HTMLResponse:
        # A plain urlencoded form, read by hand: no multipart parser needed for two fields.
        form = parse_qs((await request.body()).decode("utf-8", errors="replace"), keep_blank_values=True)
        text, published = form.get("text", [""])[0], form.get("published", [""])[0]
        error, result = None, None
        try:
            from starlette.concurrency import run_in_threadpool

            article, found = await run_in_threadpool(analyze_text, web, text, published or None)
            result = _analysis(article.text, found)
        except InputError as exc:
            error = exc
        return web.page(request, "analyze.html", status=422 if error else 200, text=text, published=published,
                        result=result, error=error)

    return router


def _analysis(text: str, found: list[dict[str, Any]]) -> dict[str, Any]:
    rows = [{"report_id": i, "event_pk": None, "payload": payload, "date_value": (payload.get("date") or {}).get("value"),
             "modality": payload["modality"], "historical": payload["historical"], "event_type": payload["event_type"],
             "mode": payload.get("mode"), "url": None, "outlet": None, "title": None, "doc_id": None, "n_sources": 1,
             "location_country": (payload.get("location") or {}).get("country")} for i, payload in enumerate(found, start=1)]
    return {"rows": [report_view(row) for row in rows],
            "text_html": highlight_article(text, [(row["report_id"], row["payload"]) for row in rows])}
