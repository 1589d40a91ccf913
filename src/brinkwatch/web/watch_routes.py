"""The escalation watch over HTTP: alerts, the series of every watched pair, and one pair in full.

    GET /api/alerts?since=2019-12&dyad=USA-IRN&country=IRQ
    GET /api/dyads?level=country&directed=false&limit=20
    GET /api/dyads/USA-IRN

The watch is computed over the stored events once and kept until the store changes (web/watching.py).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse

from brinkwatch.store import check_filters
from brinkwatch.watch_view import select
from brinkwatch.web.context import Web
from brinkwatch.web.filters import dyad_readings
from brinkwatch.web.watching import find_pair, pair_weeks, series_json


def watch_router(web: Web) -> APIRouter:
    """Routes over the app's watch cache; a bad filter raises InputError, which the app answers with a 422."""
    router = APIRouter(prefix="/api", tags=["watch"])

    @router.get("/alerts")
    def api_alerts(since: Annotated[str | None, Query(description="Raised on or after: YYYY, YYYY-MM or YYYY-MM-DD")] = None,
                   dyad: Annotated[str | None, Query(description="A pair, either order: USA-IRN")] = None,
                   country: Annotated[str | None, Query(description="ISO3 country involved")] = None,
                   kind: Annotated[Literal["break", "ladder", "new_violence", "spillover"] | None, Query()] = None,
                   ) -> list[dict[str, Any]]:
        """Alerts raised on or after `since`, on pairs matching `dyad`, involving `country`, each with its
        severity, window, events and a sentence that explains it."""
        check_filters(since=since, country=country)
        if dyad:
            dyad_readings(dyad)
        alerts = select(web.watch.get().alerts, since, dyad, country)
        return [a.to_dict() for a in alerts if kind is None or a.kind == kind]

    @router.get("/dyads")
    def api_dyads(level: Literal["country", "actor"] = "country",
                  directed: Annotated[bool, Query(description="Keep A -> B apart from B -> A")] = False,
                  limit: Annotated[int, Query(ge=0, le=1000)] = 50,
                  offset: Annotated[int, Query(ge=0, le=10**9)] = 0) -> list[dict[str, Any]]:
        """Every dyad's weekly series (weighted counts and PLOVER intensity by quad class), busiest first."""
        series = web.watch.series(level, directed)
        ranked = sorted(series.values(), key=lambda s: (-len(s.event_ids), s.dyad))[offset:offset + limit]
        return [{"dyad": s.dyad.label, "level": s.dyad.level, "side_a": s.dyad.side_a, "side_b": s.dyad.side_b,
                 "directed": s.dyad.directed, "events": len(s.event_ids), "weeks": series_json(s)} for s in ranked]

    @router.get("/dyads/{pair}", responses={404: {"description": "No watched pair matches"}})
    def api_dyad(pair: Annotated[str, Path(max_length=200)]) -> Any:
        """The weekly series of a watched pair ("USA-IRN", or actor keys "USA-MIL,KH") and its alerts."""
        snapshot = web.watch.get()
        dyad = find_pair(snapshot, pair)
        if dyad is None:
            return JSONResponse(status_code=404, content={"detail": f"no watched pair matches {pair!r}; "
                                                                    "use two ISO3 codes like USA-IRN"})
        return {"dyad": dyad.label, "level": dyad.level, "side_a": dyad.side_a, "side_b": dyad.side_b,
                "weeks": pair_weeks(snapshot.watched[dyad]), "alerts": [a.to_dict() for a in snapshot.alerts if a.dyad == dyad]}

    return router
