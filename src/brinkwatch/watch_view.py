"""What the `watch` command and the HTTP API share: every stored event read into a `Watch`, alert
filters, and the terminal table with a sparkline per dyad. The store is handed in; printing is the caller's.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator
from typing import Any

from .watch import Alert, Watch, sparkline

PAGE = 10_000
WIDTH = 110
SPARK_WEEKS = 52


def stored_watch(store: Any) -> Watch:
    """A watch over every event in the store, read a page at a time."""
    events: list[Any] = []
    while True:
        batch = store.events(limit=PAGE, offset=len(events))
        events += batch
        if len(batch) < PAGE:
            return Watch(events)


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
