"""The values a FrameFinder returns: a Frame and the Roles in it, character spans only."""

from __future__ import annotations

from dataclasses import dataclass, field

from brinkwatch.model import Span


@dataclass(frozen=True, slots=True)
class Role:
    """A participant phrase; `pronoun` marks one to resolve from the context."""

    span: Span
    pronoun: bool = False
    described: Span | None = None  # "the Stena Impero, a tanker under the British flag": the description
    placed: Span | None = None  # "a missionary from Toronto", "Ituri militiamen": the place the phrase names them by
    counted: bool = False  # "arresting 12", "nine were abducted": a bare count of the people taken


@dataclass(frozen=True, slots=True)
class Frame:
    """An event as found in one sentence, before actors, places and dates are resolved."""

    trigger: Span
    event_type: str
    mode: str | None
    sentence: Span
    sources: tuple[Role, ...] = ()
    targets: tuple[Role, ...] = ()
    places: tuple[Span, ...] = ()
    dates: tuple[Span, ...] = ()
    # other places the sentence names ("... detained three activists at a protest in Barnaul"), nearest first:
    # where the event is when its own clause names no place, or only the country
    wider_places: tuple[Span, ...] = ()
    modality: str = "asserted"
    claimant: Role | None = None
    claim_verb: str | None = None
    since: bool = False
    threat_if_yes: bool = False
    reasons: tuple[str, ...] = field(default=())
