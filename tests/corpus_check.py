"""How an item of the golden corpus (tests/corpus/events.yaml) is judged; shared by tests/test_corpus.py
and bench/known_misses.py so that the test and the list of known misses can never disagree."""

from __future__ import annotations

from typing import Any, Sequence

# PLOVER codes a reciprocal agreement, meeting or joint action with both parties as actors and no
# recipient; the corpus lists both directions, so either role may hold the other party.
RECIPROCAL = {"AGREE", "CONSULT", "COOPERATE"}


def sides(actors: Sequence[Any]) -> set[str]:
    return {a.actor_id for a in actors if a.actor_id} | {a.country for a in actors if a.country}


def role(event: Any, which: str) -> set[str]:
    if event.event_type in RECIPROCAL:
        return sides(event.source + event.target)
    return sides(event.source if which == "source" else event.target)


def what_is_wrong(item: dict, events: Sequence[Any]) -> str | None:
    """None when every expected event of the item is there with its type, modality and countries."""
    for want in item.get("events", []):
        modality = want.get("modality", "asserted")
        found = [e for e in events if e.event_type == want["type"] and e.modality == modality]
        if not found:
            return f"missing {want['type']}/{modality}"
        for which in ("source", "target"):
            country = want.get(f"{which}_country")
            if country and not any(country in role(e, which) for e in found):
                return f"{want['type']} {which} is not {country}"
    return None


def leaked(item: dict, events: Sequence[Any]) -> list[str]:
    """Types the item says must not be asserted that came out asserted."""
    return [e.event_type for e in events if e.modality == "asserted" and e.event_type in (item.get("not_events") or [])]


def coded(events: Sequence[Any]) -> str:
    return ", ".join(f"{e.event_type}/{e.modality} {sorted(sides(e.source))}->{sorted(sides(e.target))}"
                     for e in events) or "no event"
