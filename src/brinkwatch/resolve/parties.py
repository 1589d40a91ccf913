"""Who takes part in an event: the actors its roles name, the antecedents of pronouns, a demand's target."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Sequence

from brinkwatch.actors import CLIENTS, STANCES
from brinkwatch.frames import Frame, Role
from brinkwatch.model import Actor, Span

STATE_SECTORS = frozenset({"government", "military", "police", "legislature", "judiciary", "intelligence"})
NON_STATE = frozenset({"militia", "rebel", "party", "igo", "ngo", "opposition", "media", "criminal", "religious"})
_ORG_PRONOUNS = frozenset({"it", "its", "itself"})
_PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her"})
_PLURAL_PRONOUNS = frozenset({"they", "their", "them", "themselves"})
_COORDINATED = re.compile(r"^\s*(?:,|,?\s*and|,?\s*&)\s*$")
_STANCE = re.compile(rf"\b(?:{'|'.join(sorted(STANCES))})-\s*$", re.IGNORECASE)
_PATRONAGE = re.compile(rf"^(?:'s|’s)?\s+(?:[\w-]+\s+)?(?:{'|'.join(sorted(CLIENTS))})\b", re.IGNORECASE)


class PartyReading:
    """Who an event's roles name, for EventResolver (mixed into it): reads its `actors`, the article's
    `_text` and `_place`."""

    def _actors(self, roles: Sequence[Role], mentions: Sequence[Actor], day: str | None, focus: str | None,
                exclude: Any) -> list[Actor]:
        out = []
        for role in roles:
            actor = self._actor(role, mentions, day, focus, exclude)
            if actor is not None and (known(actor) or actor.sector):  # "the bill" is no actor; "a civil servant" is
                out.append(actor)
                if role.pronoun and role.span.text.split()[0].lower() in _PLURAL_PRONOUNS:
                    out += self._partners(actor, role, mentions)
        return out

    def _partners(self, actor: Actor, role: Role, mentions: Sequence[Actor]) -> list[Actor]:
        """"Obama and Putin said they will attack": the names coordinated with the one a plural pronoun
        stands for, as the pronoun's span."""
        named = [m for m in mentions if m.end <= role.span.start and known(m)]
        index = next((i for i in range(len(named) - 1, -1, -1) if named[i].key == actor.key), None)
        partners = []
        while index is not None and index > 0 and _COORDINATED.match(self._text[named[index - 1].end:named[index].start]):
            index -= 1
            partners.append(replace(named[index], text=role.span.text, start=role.span.start, end=role.span.end))
        return partners

    def _actor(self, role: Role, mentions: Sequence[Actor], day: str | None, focus: str | None,
               exclude: Any) -> Actor | None:
        span = role.span
        # ("arresting 12": the count stands for people, whoever "people" would be here)
        actor = self.actors.resolve("people" if role.counted else span.text, span.start, span.end, date=day,
                                    focus_country=focus)
        actor = replace(actor, text=span.text) if role.counted else actor
        # "The Forces of Freedom and Change": a name the parse cut short at its "and" is the whole name
        longer = [m for m in mentions if span.start <= m.start < span.end < m.end and m.actor_id
                  and m.actor_id != m.country and self._text[span.end:span.end + 5].lstrip().startswith("and ")]
        if longer:
            actor = replace(longer[0], text=span.text, start=span.start, end=span.end)
        if not actor.actor_id:
            inner = [m for m in mentions if span.start <= m.start < span.end and known(m)
                     and not stanced(self._text, m)]  # ("an anti-Russia blogger", "Turkey's allies")
            inner += [m for m in mentions if m.start < span.start < m.end and known(m)]  # a name the span cuts short
            if actor.country is not None:
                # "members of the Union of Journalists of the Philippines": placed in a country already, the
                # phrase is not that country's state; only a named group or person inside it says more
                inner = [m for m in inner if m.actor_id is not None and m.actor_id != m.country]
            if inner:
                actor = replace(inner[0], text=span.text, start=span.start, end=span.end)
        if not known(actor) and role.described is not None:
            # "the Stena Impero, a tanker under the British flag": the name is unknown, its description is not
            where = role.described
            # (a portfolio names no nationality: "a vice foreign minister in charge of US affairs")
            portfolio = re.search(r"\b(?:in charge of|responsible for|for|on|to|with)\b", where.text)
            if portfolio is not None and portfolio.start() > 0:
                where = Span(where.text[:portfolio.start()].rstrip(), where.start, where.start + portfolio.start())
            described = self.actors.resolve(where.text, where.start, where.end, date=day, focus_country=focus)
            country = described.country or next((m.country for m in mentions if where.start <= m.start < where.end
                                                 and m.country), None)  # "a tanker under the British flag"
            if country is not None:
                actor = replace(actor, country=country, sector=actor.sector or described.sector)
        if role.placed is not None and actor.sector and self.geocoder is not None and \
                self.actors.resolve(span.text, span.start, span.end, date=day).country is None:
            # "a missionary from Toronto", "Ituri militiamen": people no word of the phrase places are of the
            # country of the place they are named by, not of the article's
            place = self._place(role.placed, [focus] if focus else [])
            if place is not None and place.country:
                placed = self.actors.resolve(span.text, span.start, span.end, date=day, focus_country=place.country)
                actor = placed if placed.country else replace(actor, country=place.country)  # ("Ituri militiamen")
        if role.pronoun and not actor.actor_id:
            word = span.text.split()[0].lower() if span.text.split() else ""
            referent = self._antecedent(word, span.start, mentions, exclude, self._text)
            if referent is not None:
                return replace(referent, text=span.text, start=span.start, end=span.end)
        return actor

    def _relocated(self, actor: Actor, mentions: Sequence[Actor], day: str | None, country: str) -> Actor:
        """A civilian actor placed only by the article's main country, placed instead by the event's."""
        if actor.sector != "civilian" or any(actor.start <= m.start < actor.end for m in mentions):
            return actor
        again = self.actors.resolve(actor.text, actor.start, actor.end, date=day, focus_country=country)
        return again if again.country == country else actor

    def _antecedent(self, pronoun: str, before: int, mentions: Sequence[Actor], exclude: Any, text: str) -> Actor | None:
        """The nearest earlier mention a pronoun can stand for. "it"/"its" prefers an organisation,
        then the organisation of a person named just before ("X, the group's leader, said ... its")."""
        earlier = [m for m in mentions if m.end <= before and known(m) and m.key not in exclude][-12:]
        records = [self.actors.base.get(m.actor_id) if m.actor_id else None for m in earlier]
        pairs = list(zip(reversed(earlier), reversed(records)))
        if pronoun in _PERSON_PRONOUNS:
            return next((m for m, r in pairs if r is not None and r.kind == "person"), None)
        if pronoun not in _ORG_PRONOUNS:
            return earlier[-1] if earlier else None
        for mention, record in pairs:
            if mention.sector == "media" or _plural(mention.text):
                continue  # "it" is neither the press nor "US troops"
            if (record is not None and record.kind == "organization") or (record is None and mention.sector in NON_STATE):
                return mention
        for mention, record in pairs:
            organisation = _organisation_of(record, self.actors.base) if record is not None and record.kind == "person" else None
            if organisation is not None and organisation.id not in exclude:
                return Actor(mention.text, mention.start, mention.end, organisation.id, organisation.name,
                             organisation.country, organisation.sector)
        # else the last sentence subject that is a state or an organisation ("Iran fired ... It warned ...")
        for mention, record in pairs:
            if record is not None and record.kind in ("country", "organization") and _opens_sentence(text, mention.start):
                return mention
        return earlier[-1] if earlier else None

    def _content_target(self, frame: Frame, mentions: Sequence[Actor], sources: Sequence[Actor]) -> list[Actor]:
        """The first actor named after the trigger in the same sentence, other than the speaker's own side:
        what the demand or threat is about ("X's commander warned that Iran would close the strait, after the
        United States ..." is aimed at the United States)."""
        own = {a.key for a in sources}
        if not (sources and all(a.sector not in STATE_SECTORS for a in sources)):
            # (rebels', an opposition's or a people's demands and threats are often made of their own state: it
            # stays a target; "ethnic Somalis demanded an end to the curfew Kenya imposed")
            own |= {a.country for a in sources if a.country}
        found = []
        said_by = frame.claimant.span if frame.claimant is not None else None  # "..., a Chadian mediator said"
        for mention in mentions:
            state_of_own = mention.actor_id is not None and mention.actor_id == mention.country and mention.country in own
            if frame.trigger.end <= mention.start < frame.sentence.end and known(mention) \
                    and mention.key not in own and not state_of_own \
                    and not (said_by is not None and said_by.start <= mention.start < said_by.end):
                found.append(mention)
        if frame.event_type == "ACCUSE" and len(found) > 1:
            # "complained to the UN over Israeli raids": the one complained to is not the one accused
            before = frame.sentence.text[:found[0].start - frame.sentence.start].rstrip().lower()
            if before.endswith((" to", " to the", " with", " with the")):
                return found[1:2]
        # and those named with it: "threatened to break off relations with Congo and Costa Rica"
        chosen = found[:1]
        for mention in found[1:]:
            if not _COORDINATED.match(self._text[chosen[-1].end:mention.start]):
                break
            chosen.append(mention)
        return chosen


def known(actor: Actor) -> bool:
    """An actor that says who: in the knowledge base, or at least with a country."""
    return actor.actor_id is not None or actor.country is not None


def stanced(text: str, mention: Actor) -> bool:
    """Whether a mention follows "anti-" or "pro-" (a stance toward it), or is a state named before its allies
    or proxies ("Turkey's Syrian allies": its patronage; "Navalny's allies" are his own people)."""
    return bool(_STANCE.search(text[max(0, mention.start - 5):mention.start])) or (
        mention.actor_id is not None and mention.actor_id == mention.country
        and bool(_PATRONAGE.match(text[mention.end:mention.end + 40])))


def same_side(claimant: Actor, sources: Sequence[Actor], actors: Any) -> bool:
    """The speaker is (or leads) the one who would attack."""
    keys = {claimant.key}
    record = actors.base.get(claimant.actor_id) if claimant.actor_id else None
    if record is not None:
        organisation = _organisation_of(record, actors.base)
        if organisation is not None:
            keys.add(organisation.id)
    return any(s.key in keys for s in sources)


def _organisation_of(record: Any, base: Any) -> Any | None:
    for role in getattr(record, "roles", ()):
        organisation = base.get(role.scope) if role.scope else None
        if organisation is not None and organisation.kind == "organization":
            return organisation
    return base.get(record.parent) if record.parent else None


def _plural(phrase: str) -> bool:
    """A plural common noun ends the phrase ("Iraqi bases", "US troops"); "the United States" is a name."""
    words = phrase.split()
    last = words[-1] if words else ""
    if last.lower() in ("police", "militia", "people", "personnel"):
        return True
    return last.islower() and last.endswith("s") and not last.endswith(("ss", "us", "is"))


def _opens_sentence(text: str, start: int) -> bool:
    """Nothing but an article or a quote between the sentence's start and this position."""
    before = text[max(0, start - 40):start]
    tail = re.split(r"[.!?\n]", before)[-1] if re.search(r"[.!?\n]", before) or start < 40 else None
    return tail is not None and re.fullmatch(r"\s*(?:[\"'“]\s*)?(?:the\s+)?", tail, re.I) is not None
