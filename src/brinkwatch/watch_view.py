"""What the `watch` command and the HTTP API share: every stored event read into a `Watch`, alert
filters, and the terminal table with a sparkline per dyad. The store is handed in; printing is the caller's.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator
from typing import Any

from .watch import Alert, Watch, sparkline

WIDTH = 110
SPARK_WEEKS = 52


def linked_events(store: Any) -> tuple[list[Any], dict[str, int]]:
    """The events the watch counts, one per linked happening (its most confident report stands for it),
    with the number of distinct outlets that reported each: a strike told by five articles counts once,
    weighed by its five sources. Reports that do not link (not asserted, background) count on their own."""
    from sqlalchemy import select

    from .model import event_from_dict
    from .store.schema import events as event_table, reports

    query = (select(reports.c.report_id, reports.c.payload, reports.c.event_pk, reports.c.confidence,
                    event_table.c.n_sources)
             .select_from(reports.outerjoin(event_table, reports.c.event_pk == event_table.c.event_pk))
             .order_by(reports.c.report_id))
    best: dict[Any, Any] = {}
    with store.engine.connect() as conn:
        for row in conn.execute(query):
            key = row.event_pk if row.event_pk is not None else ("report", row.report_id)
            if key not in best or row.confidence > best[key].confidence:
                best[key] = row
    chosen = sorted(best.values(), key=lambda row: row.report_id)
    found = [event_from_dict(row.payload) for row in chosen]
    sources = {event.event_id: max(1, row.n_sources or 1) for event, row in zip(found, chosen)}
    return found, sources


def stored_watch(store: Any) -> Watch:
    """A watch over the store's linked events, each weighed by its number of sources."""
    events, sources = linked_events(store)
    return Watch(events, sources)


def select(alerts: list[Alert], since: str | None = None, dyad: str | None = None,
           country: str | None = None) -> list[Alert]:
    """Alerts raised on or after `since` (a date or its prefix), on a pair matching `dyad`, involving `country`."""
    return [a for a in alerts
            if (since is None or a.raised.isoformat() >= since)
            and (dyad is None or a.dyad.matches(dyad))
            and (country is None or country.upper() in a.countries)]


def render(watch: Watch, alerts: list[Alert], fmt: str, grouped: bool = True) -> Iterator[str]:
    """Lines to print: JSON Lines, or a table with each dyad's sparkline above its alerts (when `grouped`)."""
    if fmt == "jsonl":
        for alert in alerts:
            yield json.dumps(alert.to_dict(), ensure_ascii=False)
        return
    by_dyad: dict[Any, list[Alert]] = {}
    for alert in alerts:
        by_dyad.setdefault(alert.dyad if grouped else alert.id, []).append(alert)
    for group in by_dyad.values():
        dyad = group[0].dyad
        weekly = watch.weekly_conflict(dyad)[-SPARK_WEEKS:]
        yield (f"{dyad.label} ({dyad.level})  {sparkline(weekly)}  weekly material-conflict intensity, "
               f"{len(weekly)} weeks to {watch.last}")
        for alert in group:
            head = f"  {'!' * alert.severity:<3} {alert.raised}  {alert.kind:<12} "
            yield textwrap.fill(alert.explanation, width=WIDTH, initial_indent=head, subsequent_indent=" " * len(head))
