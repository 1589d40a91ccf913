"""Escalation watch: conflict series for every dyad, and alerts that say in words what moved.

Pure: it takes the events in hand (and, optionally, how many distinct sources reported each one) and
does no I/O; the CLI and the web app read the store and pass the events in.

What counts. Only asserted events: negated, hypothetical and future ones count for nothing, and
historical ones are background, not news. A threat is counted as a THREATEN event, never as the act
it threatens. An event needs a date to the day (or week): a month says nothing about which week broke.
Each event weighs its confidence times its number of distinct sources (1 for a single report).

Dyads. An event joins the dyad of every (source, target) pair it names, at the actor level (`Actor.key`)
and at the country level. An event with a source and no target that happened abroad has the place's
country as its target at the country level ("Iran fired missiles at a base in Iraq" is IRN -> IRQ), if
the article names the place. Sources that cooperate with no target are paired with each other ("Xi and
Modi met" is CHN -> IND).

Where alerts look. Alerts watch undirected pairs, and each pair of actors once: at the country level when
the two sides are in two different countries, else (a side with no country, or both in one country) at
the actor level. The alert kinds and their thresholds are in `brinkwatch.watch_alerts`.
"""

from __future__ import annotations

import csv
import functools
import io
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from typing import Any

from .model import Event

__all__ = [
    "Alert", "Bucket", "Dyad", "LEVELS", "Observation", "Party", "QUAD_CLASSES", "Series", "Watch", "country_name",
    "find_alerts", "observe", "sparkline", "week_start",
]

QUAD_CLASSES = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
CONFLICT = ("verbal_conflict", "material_conflict")
LEVELS = ("actor", "country")
SPARKS = "▁▂▃▄▅▆▇█"
_DATED = ("day", "week")


@functools.cache
def plover_types() -> dict[str, tuple[str, float]]:
    """PLOVER type -> (quad class, intensity), from data/plover_types.csv."""
    text = resources.files("brinkwatch").joinpath("data/plover_types.csv").read_text(encoding="utf-8")
    return {row["type"]: (row["quad_class"], float(row["intensity"])) for row in csv.DictReader(io.StringIO(text))}


@functools.cache
def _country_names() -> dict[str, str]:
    text = resources.files("brinkwatch").joinpath("data/actors/countries.csv").read_text(encoding="utf-8")
    return {row["iso3"]: row["name"] for row in csv.DictReader(io.StringIO(text))}


def country_name(iso3: str) -> str:
    """The English short name of an ISO3 country ("IRQ" -> "Iraq"); the code itself when unknown."""
    return _country_names().get(iso3, iso3)


def week_start(day: date) -> date:
    """The Monday that starts the ISO week of `day`."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True, slots=True, order=True)
class Dyad:
    """A pair of actors (level "actor": `Actor.key`s) or countries (level "country": ISO3 codes).

    An undirected dyad keeps its two sides in sorted order, so each pair has one value.
    """

    level: str
    side_a: str
    side_b: str
    directed: bool = True

    @classmethod
    def pair(cls, level: str, one: str, other: str) -> Dyad:
        """The undirected dyad of two sides, in either order."""
        first, second = sorted((one, other))
        return cls(level, first, second, directed=False)

    @property
    def label(self) -> str:
        return f"{self.side_a} {'->' if self.directed else '-'} {self.side_b}"

    def matches(self, text: str) -> bool:
        """True when `text` names this pair, in either order: "USA-IRN", "USA,KH", "USA-MIL:KH"."""
        wanted = text.strip().upper()
        sides = {self.side_a.upper(), self.side_b.upper()}
        for separator in (",", ":", "/", " ", "-"):
            parts = wanted.split(separator)
            for cut in range(1, len(parts)):
                one, other = separator.join(parts[:cut]).strip(), separator.join(parts[cut:]).strip()
                if {one, other} == sides:
                    return True
        return False


@dataclass(frozen=True, slots=True)
class Party:
    """One side of an event as the watch sees it: a key, a name to print and a country."""

    key: str
    name: str
    country: str | None


@dataclass(frozen=True, slots=True)
class Observation:
    """An event that counts, reduced to what the watch needs."""

    event_id: str
    doc_id: str
    day: date
    event_type: str
    quad_class: str
    weight: float
    intensity: float  # the PLOVER intensity of the type (signed: conflict is negative)
    sources: tuple[Party, ...]
    targets: tuple[Party, ...]
    place: str | None  # ISO3 country of the location named in the text; None when only inferred
    place_name: str | None
    position: int = 0  # character offset of the trigger: the order of events told on one day in one article

    def sides(self) -> list[tuple[Party, Party]]:
        """The (source, target) pairs of actors. With no target, sources that cooperate are paired with
        each other ("Xi and Modi met"), in the order named; sources of a conflict event are allies, not a pair."""
        if self.targets:
            return [(s, t) for s in self.sources for t in self.targets]
        if self.quad_class in CONFLICT:
            return []
        return [(s, t) for i, s in enumerate(self.sources) for t in self.sources[i + 1:]]

    def pairs(self, level: str) -> set[tuple[str, str]]:
        """The directed (source, target) pairs of this event at one level, self-pairs left out."""
        if level == "actor":
            return {(s.key, t.key) for s, t in self.sides() if s.key != t.key}
        found = {(s.country, t.country) for s, t in self.sides() if s.country and t.country and s.country != t.country}
        if not found and not self.targets and self.place:
            found = {(s.country, self.place) for s in self.sources if s.country and s.country != self.place}
        return found

    def watched(self) -> set[Dyad]:
        """The undirected dyads alerts watch this event on (see the module docstring)."""
        found = set()
        for s, t in self.sides():
            if s.country and t.country and s.country != t.country:
                found.add(Dyad.pair("country", s.country, t.country))
            elif s.key != t.key:
                found.add(Dyad.pair("actor", s.key, t.key))
        if not found and not self.targets and self.place:
            found = {Dyad.pair("country", s.country, self.place)
                     for s in self.sources if s.country and s.country != self.place}
        return found

    def party(self, key: str) -> Party | None:
        return next((p for p in self.sources + self.targets if p.key == key), None)


def _party(actor: Any) -> Party:
    return Party(actor.key, actor.name or actor.text, actor.country)


def observe(events: Iterable[Event], sources: Mapping[str, int] | None = None) -> list[Observation]:
    """The events that count, weighted, in date order. `sources` maps an event_id to its distinct sources."""
    types = plover_types()
    found = []
    for event in events:
        if event.modality != "asserted" or event.historical:
            continue
        if event.date is None or event.date.precision not in _DATED or not event.source:
            continue
        quad_class, intensity = types[event.event_type]
        count = max(1, (sources or {}).get(event.event_id, 1))
        # A place counts only when the article names it: a country inferred from the actors says
        # nothing about where the act happened (an inferred "Iran" for a strike in Baghdad).
        place = event.location if event.location is not None and event.location.text else None
        found.append(Observation(
            event.event_id, event.doc_id, date.fromisoformat(event.date.value), event.event_type, quad_class,
            event.confidence * count, intensity, tuple(_party(a) for a in event.source),
            tuple(_party(a) for a in event.target), place.country if place else None,
            (place.name or place.text) if place else None, event.trigger.start,
        ))
    found.sort(key=lambda o: (o.day, o.event_id))
    return found


@dataclass(frozen=True, slots=True)
class Bucket:
    """One day or ISO week of a dyad: weighted counts and intensity sums by quad class."""

    start: date  # the day, or the Monday of the week
    counts: tuple[float, float, float, float]  # in QUAD_CLASSES order
    intensities: tuple[float, float, float, float]
    events: int  # observations, unweighted

    def count(self, quad_class: str) -> float:
        return self.counts[QUAD_CLASSES.index(quad_class)]

    def intensity(self, quad_class: str | None = None) -> float:
        """The weighted sum of PLOVER intensities, of one quad class or (None) of all."""
        return sum(self.intensities) if quad_class is None else self.intensities[QUAD_CLASSES.index(quad_class)]


def _buckets(observations: Iterable[Observation], period: Any) -> tuple[Bucket, ...]:
    grouped: dict[date, list[Observation]] = defaultdict(list)
    for obs in observations:
        grouped[period(obs.day)].append(obs)
    built = []
    for start in sorted(grouped):
        counts, intensities = [0.0] * 4, [0.0] * 4
        for obs in grouped[start]:
            index = QUAD_CLASSES.index(obs.quad_class)
            counts[index] += obs.weight
            intensities[index] += obs.weight * obs.intensity
        built.append(Bucket(start, tuple(counts), tuple(intensities), len(grouped[start])))  # type: ignore[arg-type]
    return tuple(built)


@dataclass(frozen=True, slots=True)
class Series:
    """A dyad's days and ISO weeks that have events, in order."""

    dyad: Dyad
    days: tuple[Bucket, ...]
    weeks: tuple[Bucket, ...]
    event_ids: tuple[str, ...]

    def weekly(self, first: date, last: date, quad_class: str = "material_conflict",
               measure: str = "intensity") -> list[float]:
        """One value a week from the week of `first` to the week of `last`, zero where nothing happened.

        `measure` is "intensity" (its magnitude, so more conflict is a larger number) or "count".
        """
        by_week = {b.start: b for b in self.weeks}
        values, week = [], week_start(first)
        while week <= last:
            bucket = by_week.get(week)
            if bucket is None:
                values.append(0.0)
            elif measure == "count":
                values.append(bucket.count(quad_class))
            else:
                values.append(abs(bucket.intensity(quad_class)))
            week += timedelta(days=7)
        return values


def sparkline(values: Sequence[float]) -> str:
    """Values as unicode block characters scaled to the largest; a blank week is the lowest block."""
    top = max(values, default=0.0)
    if top <= 0:
        return SPARKS[0] * len(values)
    return "".join(SPARKS[min(len(SPARKS) - 1, round(v / top * (len(SPARKS) - 1)))] for v in values)


@dataclass(frozen=True, slots=True)
class Alert:
    """A dyad moving toward the brink: what kind, how severe (1-3), when, on which events, and why."""

    id: str  # stable across re-checks of a growing store: kind, dyad and where the episode starts
    kind: str  # "break", "ladder", "new_violence" or "spillover"
    dyad: Dyad
    severity: int
    start: date
    end: date
    raised: date  # the first day the data held enough to raise it
    event_ids: tuple[str, ...]
    countries: tuple[str, ...]  # of the sides and places involved, for filtering
    explanation: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "kind": self.kind, "level": self.dyad.level, "dyad": self.dyad.label,
            "side_a": self.dyad.side_a, "side_b": self.dyad.side_b, "severity": self.severity,
            "start": self.start.isoformat(), "end": self.end.isoformat(), "raised": self.raised.isoformat(),
            "event_ids": list(self.event_ids), "countries": list(self.countries), "explanation": self.explanation,
        }


class Watch:
    """Series and alerts over one set of events, prepared once."""

    def __init__(self, events: Iterable[Event], sources: Mapping[str, int] | None = None) -> None:
        self.observations = observe(events, sources)
        days = [o.day for o in self.observations]
        self.first: date | None = min(days, default=None)
        self.last: date | None = max(days, default=None)

    def series(self, level: str = "country", directed: bool = True) -> dict[Dyad, Series]:
        """Every dyad's series at one level, directed or not."""
        if level not in LEVELS:
            raise ValueError(f"level {level!r} is not one of {LEVELS}")
        grouped: dict[Dyad, list[Observation]] = defaultdict(list)
        for obs in self.observations:
            for one, other in obs.pairs(level):
                dyad = Dyad(level, one, other) if directed else Dyad.pair(level, one, other)
                if not grouped[dyad] or grouped[dyad][-1] is not obs:
                    grouped[dyad].append(obs)
        return {
            dyad: Series(dyad, _buckets(found, lambda d: d), _buckets(found, week_start),
                         tuple(o.event_id for o in found))
            for dyad, found in sorted(grouped.items())
        }

    def watched(self) -> dict[Dyad, list[Observation]]:
        """The observations of each pair the alerts watch, in date order."""
        grouped: dict[Dyad, list[Observation]] = defaultdict(list)
        for obs in self.observations:
            for dyad in obs.watched():
                grouped[dyad].append(obs)
        return dict(sorted(grouped.items()))

    def pair_series(self, dyad: Dyad) -> Series:
        """The series of a pair as the alerts watch it (undirected, each event once)."""
        found = self.watched().get(dyad, [])
        return Series(dyad, _buckets(found, lambda d: d), _buckets(found, week_start), tuple(o.event_id for o in found))

    def weekly_conflict(self, dyad: Dyad) -> list[float]:
        """The weekly material-conflict intensity of a watched pair over the whole span of the data."""
        if self.first is None or self.last is None:
            return []
        return self.pair_series(dyad).weekly(self.first, self.last)

    def alerts(self) -> list[Alert]:
        """Every alert the data raises, in the order they were raised."""
        from .watch_alerts import detect

        return detect(self)


def find_alerts(events: Iterable[Event], sources: Mapping[str, int] | None = None) -> list[Alert]:
    """The alerts a set of events raises (see `Watch` for the series)."""
    return Watch(events, sources).alerts()
