"""The values that flow between stages: frozen, slotted, picklable, with character offsets.

No spaCy object ever appears here, so a batch of these can cross process boundaries (Dask,
multiprocessing) and every stage can be tested without a model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
MODALITIES = ("asserted", "negated", "hypothetical", "future")
PRECISIONS_PLACE = ("point", "city", "admin1", "country")
PRECISIONS_DATE = ("day", "week", "month", "year")

_ISO3 = re.compile(r"^[A-Z]{3}$")
_DATE_VALUE = {
    "day": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "week": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "month": re.compile(r"^\d{4}-\d{2}$"),
    "year": re.compile(r"^\d{4}$"),
}


def check_country(code: str | None, what: str) -> None:
    """Raise ValueError unless `code` is None or looks like an ISO 3166 alpha-3 code."""
    if code is not None and not _ISO3.match(code):
        raise ValueError(f"{what}: country {code!r} is not an ISO 3166 alpha-3 code like 'IRQ'")


def _check_offsets(start: int, end: int, what: str) -> None:
    if start < 0 or end < start:
        raise ValueError(f"{what}: offsets [{start}, {end}) are not a valid span")


@dataclass(frozen=True, slots=True)
class Article:
    """One input document. `id` is the record id or file name; `content_hash` makes ingest idempotent."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None  # "YYYY-MM-DD"
    source: str | None = None
    url: str | None = None
    lang: str = "en"
    origin: str | None = None  # where it was read from: "path/file.jsonl:12"

    @property
    def content_hash(self) -> str:
        import hashlib

        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of the article text with its character offsets."""

    text: str
    start: int
    end: int

    def __post_init__(self) -> None:
        _check_offsets(self.start, self.end, f"span {self.text!r}")


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor mention, resolved to the knowledge base where possible (`actor_id` None otherwise)."""

    text: str
    start: int
    end: int
    actor_id: str | None = None
    name: str | None = None
    country: str | None = None
    sector: str | None = None

    def __post_init__(self) -> None:
        _check_offsets(self.start, self.end, f"actor {self.text!r}")
        check_country(self.country, f"actor {self.text!r}")

    @property
    def key(self) -> str:
        """What identifies the actor across mentions: its id, else its country+sector, else its text."""
        if self.actor_id:
            return self.actor_id
        if self.country:
            return f"{self.country}-{(self.sector or 'UNK').upper()}"
        return self.text.lower()


@dataclass(frozen=True, slots=True)
class Place:
    """A place mention resolved against the gazetteer; `precision` says how exact the point is."""

    text: str
    start: int
    end: int
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    geonameid: int | None = None
    precision: str = "city"

    def __post_init__(self) -> None:
        _check_offsets(self.start, self.end, f"place {self.text!r}")
        check_country(self.country, f"place {self.text!r}")
        if self.precision not in PRECISIONS_PLACE:
            raise ValueError(f"place {self.text!r}: precision {self.precision!r} is not one of {PRECISIONS_PLACE}")


@dataclass(frozen=True, slots=True)
class TimeRef:
    """An absolute date with its precision. `origin` says where it came from: "text" (the event's own
    clause), "context" (the last dated event told before it in the article) or "published" (the fallback)."""

    text: str | None
    value: str
    precision: str
    start: int | None = None
    end: int | None = None
    origin: str = "text"

    def __post_init__(self) -> None:
        if self.precision not in PRECISIONS_DATE:
            raise ValueError(f"date {self.text!r}: precision {self.precision!r} is not one of {PRECISIONS_DATE}")
        if not _DATE_VALUE[self.precision].match(self.value):
            raise ValueError(f"date {self.text!r}: value {self.value!r} does not fit precision {self.precision!r}")


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who claims the event and with which verb ("said", "confirmed", "according to", ...)."""

    claimant: Actor | None
    verb: str


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence the event was read from, with offsets into the article text."""

    sentence: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event as read in one article (a report, in store terms)."""

    doc_id: str
    event_id: str
    event_type: str
    trigger: Span
    evidence: Evidence
    mode: str | None = None
    cameo_root: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    source: tuple[Actor, ...] = ()
    target: tuple[Actor, ...] = ()
    location: Place | None = None
    date: TimeRef | None = None
    modality: str = "asserted"
    historical: bool = False
    attribution: Attribution | None = None
    confidence: float = 0.5
    intensity: float | None = None
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if self.event_type not in PLOVER_TYPES:
            raise ValueError(f"event {self.event_id}: {self.event_type!r} is not a PLOVER type; use one of {PLOVER_TYPES}")
        if self.modality not in MODALITIES:
            raise ValueError(f"event {self.event_id}: modality {self.modality!r} is not one of {MODALITIES}")
        if self.cameo_root is not None and not re.match(r"^(0[1-9]|1\d|20)$", self.cameo_root):
            raise ValueError(f"event {self.event_id}: CAMEO root {self.cameo_root!r} is not '01'..'20'")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"event {self.event_id}: confidence {self.confidence} is outside 0..1")

    def to_dict(self) -> dict[str, Any]:
        """The event in the JSON Lines output contract (docs/format.md)."""
        return event_to_dict(self)


def _actor_dict(actor: Actor) -> dict[str, Any]:
    return {
        "text": actor.text, "start": actor.start, "end": actor.end, "actor_id": actor.actor_id,
        "name": actor.name, "country": actor.country, "sector": actor.sector,
    }


def event_to_dict(event: Event) -> dict[str, Any]:
    """Serialise an event to the output contract; every field present, null where unknown."""
    location = None
    if event.location is not None:
        place = event.location
        location = {
            "text": place.text, "start": place.start, "end": place.end, "name": place.name,
            "lat": place.lat, "lon": place.lon, "country": place.country, "admin1": place.admin1,
            "geonameid": place.geonameid, "precision": place.precision,
        }
    date = None
    if event.date is not None:
        date = {
            "text": event.date.text, "value": event.date.value, "precision": event.date.precision,
            "start": event.date.start, "end": event.date.end, "origin": event.date.origin,
        }
    attribution = None
    if event.attribution is not None:
        claimant = event.attribution.claimant
        attribution = {
            "claimant": _actor_dict(claimant) if claimant else None,
            "verb": event.attribution.verb,
        }
    return {
        "doc_id": event.doc_id,
        "event_id": event.event_id,
        "event_type": event.event_type,
        "mode": event.mode,
        "cameo_root": event.cameo_root,
        "acled_event_type": event.acled_event_type,
        "acled_sub_event_type": event.acled_sub_event_type,
        "source": [_actor_dict(a) for a in event.source],
        "target": [_actor_dict(a) for a in event.target],
        "location": location,
        "date": date,
        "modality": event.modality,
        "historical": event.historical,
        "attribution": attribution,
        # written out: dataclasses.asdict deep-copies, and took most of the time of saving a report
        "evidence": {"sentence": event.evidence.sentence, "start": event.evidence.start, "end": event.evidence.end},
        "trigger": {"text": event.trigger.text, "start": event.trigger.start, "end": event.trigger.end},
        "confidence": round(event.confidence, 3),
        "intensity": event.intensity,
    }


def event_from_dict(data: dict[str, Any]) -> Event:
    """Rebuild an Event from its contract dictionary (the inverse of `event_to_dict`)."""

    def actor(d: dict[str, Any]) -> Actor:
        return Actor(d["text"], d["start"], d["end"], d.get("actor_id"), d.get("name"), d.get("country"), d.get("sector"))

    loc = data.get("location")
    place = None
    if loc:
        place = Place(loc["text"], loc.get("start", 0), loc.get("end", 0), loc.get("name"), loc.get("lat"),
                      loc.get("lon"), loc.get("country"), loc.get("admin1"), loc.get("geonameid"), loc["precision"])
    d = data.get("date")
    date = TimeRef(d["text"], d["value"], d["precision"], d.get("start"), d.get("end"), d.get("origin", "text")) if d else None
    a = data.get("attribution")
    attribution = Attribution(actor(a["claimant"]) if a.get("claimant") else None, a["verb"]) if a else None
    trig = data.get("trigger") or {"text": "", "start": data["evidence"]["start"], "end": data["evidence"]["start"]}
    return Event(
        doc_id=data["doc_id"], event_id=data["event_id"], event_type=data["event_type"],
        trigger=Span(trig["text"], trig["start"], trig["end"]),
        evidence=Evidence(**data["evidence"]), mode=data.get("mode"), cameo_root=data.get("cameo_root"),
        acled_event_type=data.get("acled_event_type"), acled_sub_event_type=data.get("acled_sub_event_type"),
        source=tuple(actor(x) for x in data.get("source", [])), target=tuple(actor(x) for x in data.get("target", [])),
        location=place, date=date, modality=data.get("modality", "asserted"),
        historical=bool(data.get("historical", False)), attribution=attribution,
        confidence=float(data.get("confidence", 0.5)), intensity=data.get("intensity"),
    )


@dataclass(frozen=True, slots=True)
class Failure:
    """A record that could not be processed: which input, where in it, what went wrong and how to fix it."""

    input: str  # file path or "<stdin>"
    where: str | None  # "line 12", "record 'abc'", or None for the whole file
    kind: str  # short machine-readable class: "empty", "encoding", "json", "date", "too-large", ...
    message: str

    def __str__(self) -> str:
        place = f"{self.input}:{self.where}" if self.where else self.input
        return f"{place}: {self.message}"
