"""Exports for other event-data tools: PLOVER-style JSON (as the PLOVER gold records and POLECAT) and
CAMEO-style tab-separated dyads (as PETRARCH's output). ACLED's CSV is in acled.py.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import IO, Any

from . import __version__
from .export import StoredEvent
from .model import Actor, Event

PLOVER_VERSION = "0.8"  # the PLOVER manual draft whose types and modes brinkwatch codes
CAMEO_COLUMNS = ("date", "source", "target", "cameo_root", "intensity", "doc_id", "evidence")
_COUNTRY_SECTOR_ID = re.compile(r"^([A-Z]{3})-([A-Z]{3})$")


@lru_cache(maxsize=1)
def _sector_codes() -> dict[str, str]:
    found = resources.files("brinkwatch").joinpath("data", "actors", "sectors.csv")
    with found.open(encoding="utf-8", newline="") as handle:
        return {row["sector"]: row["code"] for row in csv.DictReader(handle)}


def actor_code(actor: Actor) -> str:
    """A CAMEO-style code: "IRQMIL" for Iraq's military, the knowledge-base id for a named actor, the
    country alone for a state; empty when the actor is unresolved."""
    if actor.actor_id:
        matched = _COUNTRY_SECTOR_ID.match(actor.actor_id)
        return matched.group(1) + matched.group(2) if matched else actor.actor_id
    if actor.country:
        codes = _sector_codes()
        sector = actor.sector or ""
        return actor.country + (codes.get(sector) or (sector if sector in codes.values() else ""))
    return ""


def _actors(actors: tuple[Actor, ...]) -> list[dict[str, Any]]:
    return [{"actorText": a.text, "code": actor_code(a), "name": a.name, "country": a.country, "sector": a.sector}
            for a in actors]


def plover_record(item: StoredEvent) -> dict[str, Any]:
    """One event in the PLOVER record style: id, date, event, mode, context, source/target actor lists,
    eventText (the trigger) and text (the evidence sentence)."""
    event: Event = item.event
    place = event.location
    return {
        "id": f"brinkwatch-event-{item.event_pk}" if item.event_pk is not None else f"{event.doc_id}:{event.event_id}",
        "date": event.date.value if event.date else None,
        "datePrecision": event.date.precision if event.date else None,
        "event": event.event_type, "mode": event.mode or "", "context": [],
        "source": _actors(event.source), "target": _actors(event.target),
        "location": None if place is None else {
            "placeText": place.text, "name": place.name, "lat": place.lat, "lon": place.lon,
            "country": place.country, "admin1": place.admin1, "precision": place.precision},
        "modality": event.modality, "historical": event.historical, "confidence": round(event.confidence, 3),
        "eventText": event.trigger.text, "text": event.evidence.sentence, "docId": event.doc_id,
        "sources": list(item.sources), "reports": len(item.report_ids) or 1,
        "language": "en", "version": PLOVER_VERSION, "coder": f"brinkwatch {__version__}",
    }


def write_plover_json(items: Iterable[StoredEvent], out: IO[str]) -> int:
    """One PLOVER-style JSON object a line."""
    count = 0
    for item in items:
        out.write(json.dumps(plover_record(item), ensure_ascii=False) + "\n")
        count += 1
    return count


def _one_line(text: str) -> str:
    return " ".join(text.split())


def write_cameo_tsv(items: Iterable[StoredEvent], out: IO[str]) -> int:
    """One dyad a line, first source and first target: date, codes, CAMEO root, intensity, doc id,
    evidence. Events without a CAMEO root are skipped."""
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(CAMEO_COLUMNS)
    count = 0
    for item in items:
        event = item.event
        if event.cameo_root is None:
            continue
        writer.writerow([
            event.date.value if event.date else "",
            actor_code(event.source[0]) if event.source else "",
            actor_code(event.target[0]) if event.target else "",
            event.cameo_root, "" if event.intensity is None else f"{event.intensity:g}",
            event.doc_id, _one_line(event.evidence.sentence),
        ])
        count += 1
    return count
