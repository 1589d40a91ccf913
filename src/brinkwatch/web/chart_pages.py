"""The dashboard's pictures, all SVG drawn on the server from SQL aggregates: the map (points on country
outlines), the timeline (happenings per day or week by type) and the actor network. Each takes the same
filters as the events table, in the URL.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from brinkwatch.web import charts, queries
from brinkwatch.web.context import Web
from brinkwatch.web.outlines import outlines
from brinkwatch.web.pages import filter_from

BUCKETS = ("auto", "day", "week", "month")


def chart_router(web: Web) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    store = web.store

    @router.get("/map", response_class=HTMLResponse)
    def map_page(request: Request) -> HTMLResponse:
        flt, error = filter_from(request)
        view = charts.MapView.of(flt.bbox if error is None else None)
        points = [] if error else charts.map_points(queries.map_points(store, flt), view)
        return web.page(request, "map.html", status=422 if error else 200, error=error, filters=flt.query,
                        view=view, points=points, countries=outlines(),
                        happenings=sum(p["events"] for p in points), sources=sum(p["sources"] for p in points))

    @router.get("/timeline", response_class=HTMLResponse)
    def timeline_page(request: Request, bucket: str = "auto") -> HTMLResponse:
        flt, error = filter_from(request)
        bucket = bucket if bucket in BUCKETS else "auto"
        rows, left_out = ([], 0) if error else queries.day_counts(store, flt)
        chart = charts.timeline(rows, bucket)
        return web.page(request, "timeline.html", status=422 if error else 200, error=error, filters=flt.query,
                        chart=chart, left_out=left_out, bucket=bucket, buckets=BUCKETS,
                        happenings=sum(n for _, _, n in rows))

    @router.get("/network", response_class=HTMLResponse)
    def network_page(request: Request, edges: Annotated[int, Query(ge=5, le=200)] = 60) -> HTMLResponse:
        flt, error = filter_from(request)
        pairs = [] if error else queries.pair_counts(store, flt, limit=edges)
        return web.page(request, "network.html", status=422 if error else 200, error=error, filters=flt.query,
                        graph=charts.network(pairs), edges=edges)

    return router
