"""One event per happening inside an article.

News repeats itself: a lead sentence, the details, a quote that confirms it, and often a summary or
highlights at the end. Mentions of one happening merge into one event: same type and modality, the
same side acting (by actor or country), compatible targets and dates. Restated sentences (summaries)
add nothing new: their events merge into the earlier ones, or are dropped when nothing matches.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from .model import Actor, Event

RESTATED = 0.6  # word-set overlap (Jaccard) above which a sentence restates an earlier one
_PRECISION_RANK = {"day": 3, "week": 2, "month": 1, "year": 0}
_PLACE_RANK = {"point": 3, "city": 2, "admin1": 1, "country": 0}


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z0-9']+", text.lower()) if len(w) > 2)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _sides(actors: Sequence[Actor]) -> set[str]:
    """Who acts: each actor, and the country of those the knowledge base knows ("gunmen" and "residents"
    given the country where it happened are not one side)."""
    return {a.key for a in actors} | {a.country for a in actors if a.country and a.actor_id}


def _compatible(first: Event, second: Event) -> bool:
    if first.event_type != second.event_type or first.modality != second.modality:
        return False
    if first.historical != second.historical:
        return False
    if first.event_type not in ("ASSAULT", "PROTEST") and first.mode and second.mode and first.mode != second.mode:
        # an investigation is no accusation, an arrest no ban (but one attack may be told by two means, and one
        # protest as a rally and as unrest)
        return False
    if first.evidence.start == second.evidence.start:  # same sentence: one side may be implicit
        same_side = not first.source or not second.source or bool(_sides(first.source) & _sides(second.source))
    else:
        same_side = bool(first.source) and bool(second.source) and bool(_sides(first.source) & _sides(second.source))
    if not same_side:
        return False
    if first.target and second.target and not (_sides(first.target) & _sides(second.target)):
        return False
    a, b = first.date, second.date
    if a is not None and b is not None and a.origin == "text" and b.origin == "text":
        if not (a.value.startswith(b.value) or b.value.startswith(a.value)):
            return False
    return True


def _merge(base: Event, other: Event) -> Event:
    """Keep the earlier mention's evidence; take the more precise date and place, and every actor."""
    date = base.date
    if other.date is not None and (date is None or (other.date.origin, _PRECISION_RANK[other.date.precision]) >
                                   (date.origin, _PRECISION_RANK[date.precision]) and other.date.origin == "text"):
        date = other.date
    location = base.location
    if other.location is not None and (location is None or _PLACE_RANK[other.location.precision] > _PLACE_RANK[location.precision]):
        location = other.location
    targets = base.target + tuple(a for a in other.target if a.key not in {b.key for b in base.target})
    # one side never holds the other side's actor: "X killed Y" told twice does not make Y a killer
    sources = base.source + tuple(a for a in other.source if a.key not in {b.key for b in base.source + targets})
    mode = base.mode or other.mode
    notes = base.notes + (f"merged:{other.event_id}",)
    attribution = base.attribution or other.attribution
    return replace(base, date=date, location=location, source=sources, target=targets, mode=mode,
                   attribution=attribution, confidence=min(0.95, max(base.confidence, other.confidence) + 0.05),
                   acled_event_type=base.acled_event_type or other.acled_event_type,
                   acled_sub_event_type=base.acled_sub_event_type or other.acled_sub_event_type, notes=notes)


def _detail(event: Event) -> tuple[int, int, int]:
    """How much a mention says: a date from the text, a precise place, named actors."""
    dated = int(event.date is not None and event.date.origin == "text")
    place = _PLACE_RANK[event.location.precision] if event.location else -1
    named = sum(1 for a in event.source + event.target if a.actor_id)
    return (dated, place, named)


class DocumentMerger:
    """Merges repeated mentions of one event inside an article."""

    name = "document"
    requires = ("drafts",)
    assigns = ("events",)

    def merge(self, events: Sequence[Event]) -> list[Event]:
        kept: list[Event] = []
        sentences: dict[int, frozenset[str]] = {}
        for event in sorted(events, key=lambda e: (e.evidence.start, e.trigger.start)):
            words = _words(event.evidence.sentence)
            restated = any(_jaccard(words, seen) >= RESTATED for start, seen in sentences.items()
                           if start != event.evidence.start)
            sentences.setdefault(event.evidence.start, words)
            for index, earlier in enumerate(kept):
                if _compatible(earlier, event):
                    best, other = (event, earlier) if _detail(event) > _detail(earlier) else (earlier, event)
                    kept[index] = _merge(best, other)
                    break
            else:
                if not restated:
                    kept.append(event)
        return kept
