"""The escalation watch over HTTP: the alerts, and one pair's weekly series with its alerts.

    GET /api/alerts?since=2019-12&dyad=USA-IRN&country=IRQ
    GET /api/dyads/USA-IRN

Each request reads the stored events and runs the watch on them; nothing is cached.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from brinkwatch.store import Store, check_filters
from brinkwatch.watch import QUAD_CLASSES
from brinkwatch.watch_view import select, stored_watch


def watch_router(store: Store) -> APIRouter:
    """Routes over `store`; a bad filter raises InputError, which the app answers with a 422."""
    router = APIRouter()

    @router.get("/api/alerts")
    def api_alerts(since: str | None = None, dyad: str | None = None, country: str | None = None) -> list[dict[str, Any]]:
        """Alerts raised on or after `since`, on pairs matching `dyad`, involving `country`."""
        check_filters(since=since, country=country)
        return [a.to_dict() for a in select(stored_watch(store).alerts(), since, dyad, country)]

    @router.get("/api/dyads/{pair}")
    def api_dyad(pair: str) -> Any:
        """The weekly series of a watched pair ("USA-IRN", or actor keys "USA-MIL,KH") and its alerts."""
        watch = stored_watch(store)
        dyad = next((d for d in watch.watched() if d.matches(pair)), None)
        if dyad is None:
            return JSONResponse(status_code=404, content={"detail": f"no watched pair matches {pair!r}; "
                                                                    "use two ISO3 codes like USA-IRN"})
        series = watch.pair_series(dyad)
        return {
            "dyad": dyad.label, "level": dyad.level, "side_a": dyad.side_a, "side_b": dyad.side_b,
            "weeks": [{"week": b.start.isoformat(), "events": b.events,
                       "counts": dict(zip(QUAD_CLASSES, b.counts)),
                       "intensity": dict(zip(QUAD_CLASSES, b.intensities))} for b in series.weeks],
            "alerts": [a.to_dict() for a in watch.alerts() if a.dyad == dyad],
        }

    return router
