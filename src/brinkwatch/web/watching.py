"""The escalation watch over the stored events, computed once and kept until the store changes.

Reading 100,000 events into a `Watch` takes seconds, so the web app keeps the last one with its alerts
and pair summaries, and rebuilds them only when the store's fingerprint (how many reports, the newest id)
moves. Only the reports the watch can count are read (asserted, not historical, dated to the day or
week): the watch skips every other one, so the result is the same as over every event.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any


from brinkwatch.store import Store
from brinkwatch.watch import QUAD_CLASSES, Alert, Dyad, Observation, Series, Watch, week_start
from brinkwatch.watch_view import linked_events
from brinkwatch.web.queries import fingerprint

SPARK_WEEKS = 52


@dataclass
class PairSummary:
    """One watched pair for the lists: its events, dates, alerts and weekly material-conflict intensity."""

    dyad: Dyad
    events: int
    first: date
    last: date
    alerts: int
    weekly: list[float] = field(default_factory=list)


@dataclass
class Snapshot:
    key: tuple[int, int]
    watch: Watch
    alerts: list[Alert]
    watched: dict[Dyad, list[Observation]]
    pairs: list[PairSummary]
    series: dict[tuple[str, bool], dict[Dyad, Series]] = field(default_factory=dict)


def _pairs(watch: Watch, alerts: list[Alert], watched: dict[Dyad, list[Observation]]) -> list[PairSummary]:
    counted: dict[Dyad, int] = defaultdict(int)
    for alert in alerts:
        counted[alert.dyad] += 1
    if watch.last is None:
        return []
    first_week = week_start(watch.last) - timedelta(weeks=SPARK_WEEKS - 1)
    summaries = []
    for dyad, observations in watched.items():
        weekly = [0.0] * SPARK_WEEKS
        for obs in observations:
            index = (week_start(obs.day) - first_week).days // 7
            if 0 <= index < SPARK_WEEKS and obs.quad_class == "material_conflict":
                weekly[index] += abs(obs.weight * obs.intensity)
        summaries.append(PairSummary(dyad, len(observations), observations[0].day, observations[-1].day,
                                     counted[dyad], weekly))
    summaries.sort(key=lambda s: (-s.events, s.dyad))
    return summaries


class WatchCache:
    """The watch over a store, rebuilt when the store changes; safe to share between threads."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None

    def get(self) -> Snapshot:
        key = fingerprint(self.store)
        with self._lock:
            if self._snapshot is None or self._snapshot.key != key:
                watch = Watch(*linked_events(self.store))
                alerts = watch.alerts()
                watched = watch.watched()
                self._snapshot = Snapshot(key, watch, alerts, watched, _pairs(watch, alerts, watched))
            return self._snapshot

    def series(self, level: str, directed: bool) -> dict[Dyad, Series]:
        snapshot = self.get()
        with self._lock:
            if (level, directed) not in snapshot.series:
                snapshot.series[(level, directed)] = snapshot.watch.series(level, directed)
            return snapshot.series[(level, directed)]

    def warm(self) -> threading.Thread:
        """Build the first snapshot in the background, so the first alerts page does not wait as long."""
        thread = threading.Thread(target=self._warm_quietly, name="brinkwatch-watch-warm", daemon=True)
        thread.start()
        return thread

    def _warm_quietly(self) -> None:
        from brinkwatch.errors import StoreError

        try:
            self.get()
        except StoreError:
            pass  # the first request that needs the watch reports the error itself


def find_pair(snapshot: Snapshot, text: str) -> Dyad | None:
    """The watched pair `text` names ("USA-IRN", "IRN-USA", "USA-MIL,KH"), or None."""
    return next((p.dyad for p in snapshot.pairs if p.dyad.matches(text)), None)


def pair_weeks(observations: list[Observation]) -> list[dict[str, Any]]:
    """A watched pair's weeks as series_json gives them, from the observations the snapshot holds
    (Watch.pair_series would regroup every observation of the store again)."""
    weeks: dict[date, dict[str, Any]] = {}
    for obs in observations:
        week = weeks.setdefault(week_start(obs.day), {"events": 0, "counts": dict.fromkeys(QUAD_CLASSES, 0.0),
                                                      "intensity": dict.fromkeys(QUAD_CLASSES, 0.0)})
        week["events"] += 1
        week["counts"][obs.quad_class] += obs.weight
        week["intensity"][obs.quad_class] += obs.weight * obs.intensity
    return [{"week": start.isoformat(), "events": w["events"],
             "counts": {q: round(v, 4) for q, v in w["counts"].items()},
             "intensity": {q: round(v, 4) for q, v in w["intensity"].items()}} for start, w in sorted(weeks.items())]


def series_json(series: Series) -> list[dict[str, Any]]:
    return [{"week": b.start.isoformat(), "events": b.events,
             "counts": {q: round(v, 4) for q, v in zip(QUAD_CLASSES, b.counts)},
             "intensity": {q: round(v, 4) for q, v in zip(QUAD_CLASSES, b.intensities)}} for b in series.weeks]
