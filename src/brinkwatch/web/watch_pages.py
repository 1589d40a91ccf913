"""The escalation watch's pages: the alerts with their explanations and evidence, the watched pairs with a
sparkline each, and one pair: its weekly series, its escalation ladder and its events.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse

from brinkwatch.errors import InputError
from brinkwatch.store import check_filters
from brinkwatch.watch import country_name
from brinkwatch.watch_alerts import LADDER
from brinkwatch.watch_view import select
from brinkwatch.web import charts, queries
from brinkwatch.web.context import Web
from brinkwatch.web.filters import dyad_readings, parse_filter
from brinkwatch.web.render import report_view
from brinkwatch.web.watching import find_pair, pair_weeks

KINDS = ("break", "ladder", "new_violence", "spillover")
MAX_ALERTS = 200


def _side_name(level: str, side: str) -> str:
    return country_name(side) if level == "country" else side


def watch_page_router(web: Web) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    store = web.store

    @router.get("/alerts", response_class=HTMLResponse)
    def alerts_page(request: Request, since: str | None = None, dyad: str | None = None,
                    country: str | None = None, kind: str | None = None) -> HTMLResponse:
        filters = {k: v.strip() for k, v in {"since": since, "dyad": dyad, "country": country, "kind": kind}.items()
                   if v and v.strip()}
        error = None
        try:
            check_filters(since=filters.get("since"), country=filters.get("country"))
            if "dyad" in filters:
                dyad_readings(filters["dyad"])
            if filters.get("kind") not in (None, *KINDS):
                raise InputError(f"{filters['kind']!r} is not an alert kind; use one of {', '.join(KINDS)}", where="kind")
        except InputError as exc:
            error = exc
        alerts: list[Any] = []
        if error is None:
            snapshot = web.watch.get()
            alerts = [a for a in select(snapshot.alerts, filters.get("since"), filters.get("dyad"), filters.get("country"))
                      if "kind" not in filters or a.kind == filters["kind"]]
            alerts = sorted(alerts, key=lambda a: (a.raised, a.severity), reverse=True)[:MAX_ALERTS]
        links = queries.reports_by_event_id(store, sorted({e for a in alerts for e in a.event_ids}))
        return web.page(request, "alerts.html", status=422 if error else 200, error=error, filters=filters,
                        kinds=KINDS, alerts=[{"alert": a, "pair": f"{a.dyad.side_a},{a.dyad.side_b}",
                                              "reports": [(e, links.get(e)) for e in a.event_ids]} for a in alerts])

    @router.get("/dyads", response_class=HTMLResponse)
    def dyads_page(request: Request, offset: Annotated[int, Query(ge=0, le=10**9)] = 0) -> HTMLResponse:
        snapshot = web.watch.get()
        pairs = snapshot.pairs[offset:offset + 100]
        return web.page(request, "dyads.html", pairs=[{"pair": p, "link": f"{p.dyad.side_a},{p.dyad.side_b}",
                                                       "spark": charts.sparkline(p.weekly)} for p in pairs],
                        offset=offset, total=len(snapshot.pairs), last=snapshot.watch.last)

    @router.get("/dyads/{pair}", response_class=HTMLResponse)
    def dyad_page(request: Request, pair: Annotated[str, Path(max_length=200)]) -> HTMLResponse:
        snapshot = web.watch.get()
        dyad = find_pair(snapshot, pair)
        if dyad is None:
            return web.page(request, "not_found.html", status=404, what=f"watched pair {pair!r}")
        observations = snapshot.watched[dyad]
        rungs = []
        for event_type in LADDER:
            seen = [o for o in observations if o.event_type == event_type]
            rungs.append({"type": event_type, "count": len(seen), "first": seen[0].day if seen else None,
                          "last": seen[-1].day if seen else None})
        link = f"{dyad.side_a},{dyad.side_b}"
        rows = queries.report_rows(store, parse_filter({"dyad": link}), sort="-date", limit=50)
        alerts = [a for a in snapshot.alerts if a.dyad == dyad]
        return web.page(request, "dyad.html", dyad=dyad, link=link, names=(_side_name(dyad.level, dyad.side_a),
                                                                           _side_name(dyad.level, dyad.side_b)),
                        chart=charts.weekly_chart(pair_weeks(observations)), rungs=rungs,
                        alerts=alerts, rows=[report_view(r) for r in rows], observations=len(observations))

    return router
