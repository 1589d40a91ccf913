"""Frames to events: actors to the knowledge base, places to the gazetteer, dates to absolute values.

Pure: the resolver, geocoder and lexicon are handed in. Pronouns and possessives ("its bases") go to the
nearest earlier actor of a fitting kind; a person stands for the organisation they lead when an
organisation is meant ("its" after "X, the group's leader").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import date
from typing import Any, Sequence

from .actors import CLIENTS, STANCES
from .dates import FULL_DATE, resolve_date
from .frames import Frame, Role
from .lexicon import Lexicon
from .model import Actor, Article, Attribution, Event, Evidence, Place, Span, TimeRef
from .places import bare_name, facility_kind
from .spans import told_from

# Events that mean nothing without someone on the receiving end.
NEEDS_TARGET = frozenset({"ACCUSE", "THREATEN", "SANCTION"})
# Statements mean nothing without someone making them.
NEEDS_SOURCE = frozenset({"SUPPORT", "ACCUSE", "REQUEST", "THREATEN", "REJECT", "AGREE", "CONCEDE", "SANCTION"})
# Events whose unnamed target is the country where they happen (CAMEO's coding of curfews, visits, easings).
PLACE_TARGET = frozenset({"COERCE", "CONCEDE", "CONSULT", "AID", "RETREAT", "MOBILIZE"})
# Verbal events whose target is often inside their content ("pushing for a cut in the role of X").
CONTENT_TARGET = frozenset({"REQUEST", "ACCUSE", "REJECT", "THREATEN", "SUPPORT", "SANCTION", "COERCE", "AGREE"})
FORCE = frozenset({"ASSAULT", "COERCE"})
_PLACE_RANK = {"point": 3, "city": 2, "admin1": 1, "country": 0}
STATE_SECTORS = frozenset({"government", "military", "police", "legislature", "judiciary", "intelligence"})
NON_STATE = frozenset({"militia", "rebel", "party", "igo", "ngo", "opposition", "media", "criminal", "religious"})
# Cue words that make a future act a stated intention of its actor.
VOLITION = frozenset({"plan", "intend", "prepare", "prepared", "vow", "swear", "aim", "ready", "willing", "offer",
                      "want", "seek"})
_ORG_PRONOUNS = frozenset({"it", "its", "itself"})
_PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her"})


# Acts only a court or a prosecutor does: told in the passive, they still have one ("was sentenced to death").
JUDICIAL = frozenset({"trigger:sentence/verb", "trigger:sentence/noun", "trigger:convict/verb",
                      "trigger:conviction/noun", "trigger:indict/verb", "trigger:indictment/noun",
                      "trigger:prosecute/verb", "trigger:charge with/verb", "under-investigation"})


def _carried_out(frame: Frame) -> bool:
    """A verb's act, or a noun's that a verb says was done ("opened an inquiry"), not one named in passing
    ("once their inquiry ends")."""
    return frame.reasons[0].endswith("/verb") or any(
        r.startswith("done-by:") and r not in _LETTING for r in frame.reasons)


# Light verbs whose subject lets or approves an act that others do ("a bill that would allow extradition").
_LETTING = frozenset({"done-by:allow", "done-by:authorize", "done-by:authorise", "done-by:approve"})


def known(actor: Actor) -> bool:
    """An actor that says who: in the knowledge base, or at least with a country."""
    return actor.actor_id is not None or actor.country is not None


class EventResolver:
    """Turns the frames of one article into events."""

    name = "resolve"
    requires = ("frames", "mentions")
    assigns = ("drafts",)

    def __init__(self, lexicon: Lexicon, actors: Any, geocoder: Any | None) -> None:
        self.lexicon = lexicon
        self.actors = actors  # ActorResolver
        self.geocoder = geocoder  # Geocoder or None (no places)

    def resolve(self, article: Article, frames: Sequence[Frame], mentions: Sequence[Actor],
                focus: Sequence[str], places: Sequence[Span] = ()) -> list[Event]:
        """The article's events; `places` are its other place names (the tagger's), read with the events'
        own so that "Marin, Nuevo Leon" or a province named two sentences earlier settles which Marin."""
        self._text = article.text
        self._last_date: TimeRef | None = None
        self._last_place: Place | None = None
        self._own_place = False
        self._places: dict[tuple[int, int], Place | None] = {}
        self._spans: list[Span] = []
        self._resolve_places(article, frames, focus, places)
        named = Counter(place.country for frame in frames for span in frame.places
                        for place in [self._place(span, focus)]
                        if place is not None and place.country and place.precision != "country")
        # the finer places the article names elsewhere, in the countries of the actors named when there are
        # any ("Metro" is no Indonesian town in a sentence about Chile's president)
        elsewhere = sorted(((span.start, place) for span in places for place in [self._place(span, focus)]
                            if place is not None and place.country and place.precision != "country"),
                           key=lambda item: item[0])
        if not named:  # no event names its place ("In Rio de Janeiro, police carried out an operation. A
            # shoot-out broke out ...")
            named = Counter(place.country for _, place in elsewhere if not focus or place.country in focus)
        # where the article's events are said to happen; better than the most-named actor's country
        self._place_focus = [country for country, _ in named.most_common(2)]
        # "In Sao Goncalo, police went to X. A shoot-out broke out." places the shoot-out where the story is
        self._named = [(start, place) for start, place in elsewhere
                       if not focus or place.country in focus or place.country in self._place_focus]
        events = []
        for frame in frames:
            if any(m.start <= frame.trigger.start and frame.trigger.end <= m.end for m in mentions):
                continue  # the trigger word is part of a name ("Popular Mobilization Forces")
            event = self._event(article, frame, mentions, focus)
            if event is not None:
                if "demand-only" not in frame.reasons:  # an act the lexicon lacks is only there for its demand
                    events.append(event)
                for derived in (self._intent(event, frame), self._demand(event, frame), self._refusal(event, frame),
                                self._charge(event, frame)):
                    if derived is not None:
                        events.append(derived)
        return events

    # -- one event ------------------------------------------------------------------------------
    def _event(self, article: Article, frame: Frame, mentions: Sequence[Actor], focus: Sequence[str]) -> Event | None:
        day = article.published
        focus_country = focus[0] if focus else None
        sources = self._actors(frame.sources, mentions, day, focus_country, exclude=())
        if "since-subject" in frame.reasons and not all(a.actor_id and a.sector in ("government", "military")
                                                         for a in sources):
            sources = []  # only a state is taken to have done what its clause dates itself from
        targets = self._actors(frame.targets, mentions, day, focus_country, exclude={a.key for a in sources})
        signed = any(reason.startswith("signed:") for reason in frame.reasons)  # parties sign; nothing is "for" anyone
        charged = "charged-for" in frame.reasons  # ("detained a tanker on suspicion of smuggling to Libya")
        if not any(known(t) for t in targets) and frame.event_type in CONTENT_TARGET and not signed and not charged:
            targets = [t for t in targets if known(t)] + self._content_target(frame, mentions, sources)
        # "the Doha talks", "the Minsk agreement", "the Baghdad bombing killed ...": where, not who
        sources = [a for a in sources if not self._venue(a)]
        targets = [a for a in targets if not self._venue(a)]
        sources = _unique(sources)
        targets = [t for t in _unique(targets) if t.key not in {s.key for s in sources}]
        if "launched-from" in frame.reasons:  # "Iraqi officials said the drones came from Iraq" accuses no one
            targets = [t for t in targets if t.country not in {s.country for s in sources if s.country}]
        event_type, modality = frame.event_type, frame.modality
        claimant = self._actor(frame.claimant, mentions, day, focus_country, ()) if frame.claimant else None
        supposed = "hypothetical:condition" in frame.reasons  # "if fighting spreads" is no one's threat
        if event_type == "ASSAULT" and modality in ("hypothetical", "future") and not supposed and (
                frame.threat_if_yes or (claimant is not None and _same_side(claimant, sources, self.actors))):
            event_type, modality = "THREATEN", "asserted"  # a stated readiness to attack is a threat
        location = self._location(frame, event_type, sources + targets, focus, len(sources))
        if location is not None and location.country and focus_country and location.country != focus_country \
                and (location.precision != "country" or (self._own_place and location.text)):
            # (a country counts when the clause names it: "seized a village in western Kenya")
            # "Turkish forces shelled a village in rural Ein Issa": villagers named by no word of their own are
            # the people of the place where it happened, not of the article's main country
            sources = [self._relocated(a, mentions, day, location.country) for a in sources]
            targets = [self._relocated(a, mentions, day, location.country) for a in targets]
        # "gunmen", "villagers", "protesters" with no country of their own: ACLED's convention, the country
        # where it happened ("Unidentified Armed Group (Iraq)")
        where = location.country if location is not None else focus_country
        sources = [_localise(a, where) for a in sources]
        targets = [_localise(a, where) for a in targets]
        if event_type == "MOBILIZE" and _EXERCISE.search(frame.trigger.text) and (
                len({s.country for s in sources if s.country}) > 1
                or "joint" in self._text[max(0, frame.trigger.start - 40):frame.trigger.start].lower()):
            event_type = "COOPERATE"  # PLOVER: joint military games and manoeuvres are military cooperation
        # "Palestinian riots": a people's adjective before the protest is its people, not their government
        governing = sources and all(s.sector in ("government", "legislature") and s.actor_id for s in sources) \
            and frame.mode not in ("riot", "strike", "hunger") and not (frame.reasons[0].endswith("/noun") and any(
                0 <= frame.trigger.start - s.end <= 1 and not s.text.endswith(("'s", "’s")) for s in sources))
        if event_type == "PROTEST" and frame.mode == "boycott" and sources and all(
                s.sector in ("government", "legislature", "igo") and s.actor_id for s in sources):
            event_type = "SANCTION"  # a state's boycott cuts relations (CAMEO 16), it is no demonstration
            if not any(known(t) for t in targets):
                targets = [t for t in targets if known(t)] + self._content_target(frame, mentions, sources)
        elif event_type == "PROTEST" and governing:
            event_type = "ACCUSE"  # a government "protests" by complaining: CAMEO 11, not a demonstration
        if event_type == "PROTEST" and not any(known(s) for s in sources):
            sources = [Actor(frame.trigger.text, frame.trigger.start, frame.trigger.end, None, "Protesters",
                             where, "protesters")]
        if (event_type == "PROTEST" or self._protest_ended(frame, event_type)) and \
                not any(known(t) for t in targets) and where:
            # PLOVER's convention: a protest with no stated target is addressed to the government where it
            # happens, and so is its end ("called off the strike"); the actor's span is the trigger, since
            # the text does not name it
            government = self.actors.base.get(f"{where}-GOV")
            if government is not None:
                targets = [Actor(frame.trigger.text, frame.trigger.start, frame.trigger.end, government.id,
                                 government.name, where, "government")]
        judged = (where or next((t.country for t in targets if t.country), None)) if JUDICIAL & set(frame.reasons) else None
        if judged and not any(known(s) for s in sources) and any(known(t) for t in targets):
            # "was sentenced to death", "were indicted for fraud": a court or a prosecutor of the country where
            # it happens acts, unnamed; the actor's span is the trigger, since the text does not name it
            court = self.actors.base.get(f"{judged}-JUD")
            if court is not None:
                sources = [Actor(frame.trigger.text, frame.trigger.start, frame.trigger.end, court.id, court.name,
                                 judged, "judiciary")]
        if event_type == "COERCE" and frame.mode == "arrest" and not any(known(s) for s in sources) and \
                any(known(t) for t in targets) and where and frame.reasons[0].endswith("/verb"):
            # "was arrested in Sudan": the police of the country where it happens hold them, unnamed (ACLED's
            # "Police Forces of X"); the actor's span is the trigger, since the text does not name it
            police = self.actors.base.get(f"{where}-COP")
            if police is not None:
                sources = [Actor(frame.trigger.text, frame.trigger.start, frame.trigger.end, police.id, police.name,
                                 where, "police")]
        if event_type in PLACE_TARGET | {"THREATEN"} and any(known(s) for s in sources) and \
                not any(known(t) for t in targets) and (self._own_place or event_type == "THREATEN") and \
                location is not None and location.country and location.text:
            # (a threat names its place inside what is threatened: "threatened to impose a curfew in Algiers")
            # CAMEO's convention: a curfew, a visit, an easing or a withdrawal that names no one is directed
            # at the country where it happens ("lifted the curfew in Montenegro", "arrived in Amman")
            country = self.actors.base.get(location.country)
            if country is not None:
                targets = [Actor(location.text, location.start, location.end, country.id, country.name,
                                 location.country, country.sector)]
        if event_type == "COERCE" and frame.mode == "curfew" and not any(known(t) for t in targets):
            # "is prepared to impose martial law", "declared a state of emergency": a state's decree that names
            # no place binds its own country (CAMEO's convention: the country is the target)
            ruler = next((s for s in sources if s.sector in STATE_SECTORS and s.country), None)
            country = self.actors.base.get(ruler.country) if ruler is not None else None
            if country is not None:
                targets = [Actor(frame.trigger.text, frame.trigger.start, frame.trigger.end, country.id,
                                 country.name, country.id, country.sector)]
        when = self._date(frame, article)
        placed = self._own_place  # the event's own clause names where it happened
        # Violence or a protest at a named place on a stated day is an event even when nobody is named
        # ("explosions were observed near X", ACLED's "unidentified armed group").
        anonymous_ok = event_type in ("ASSAULT", "PROTEST", "COERCE") and (
            placed or (when is not None and when.origin == "text"))
        if not any(known(a) for a in sources + targets) and not anonymous_ok:
            return None
        if event_type in NEEDS_TARGET and not any(known(t) for t in targets) and not (
                event_type == "THREATEN" and any(r.startswith("content:") for r in frame.reasons)) and not (
                frame.mode == "investigate" and event_type == frame.event_type and _carried_out(frame)) and not (
                modality == "negated" and any(_anyone(r.span.text) for r in frame.targets)):
            # (a threat to do a stated act counts with no one named: "threatened to close the strait"; so
            # does an inquiry into what happened, "opened an investigation into the blast"; and so does a
            # denial that anyone was meant: "did not blame any country")
            return None
        if event_type in NEEDS_SOURCE and not any(known(s) for s in sources) and not (
                any(r.startswith("negated:") and r.endswith(":no") for r in frame.reasons)
                and any(known(t) for t in targets)):
            return None  # (but "no new sanctions were imposed on Ankara" says what did not happen to whom)
        historical = frame.since or _long_before(when, article.published)
        mapping = self.lexicon.mapping(event_type, frame.mode if event_type == frame.event_type else None)
        acled_type, acled_sub = mapping.acled_event_type, mapping.acled_sub_event_type
        info = self.lexicon.types[event_type]
        confidence = 0.45 + 0.2 * any(s.actor_id for s in sources) + 0.15 * any(t.actor_id for t in targets)
        confidence += 0.1 * (when is not None and when.origin == "text") + 0.05 * (location is not None)
        return Event(
            doc_id=article.id, event_id=f"{article.id}#{frame.trigger.start}", event_type=event_type,
            trigger=frame.trigger, evidence=Evidence(frame.sentence.text, frame.sentence.start, frame.sentence.end),
            mode=frame.mode if event_type == frame.event_type else None,
            cameo_root="03" if "promised concession" in frame.reasons else _trigger_cameo(frame, event_type)
            or mapping.cameo_root or info.cameo_root,
            acled_event_type=acled_type, acled_sub_event_type=acled_sub, source=tuple(sources), target=tuple(targets),
            location=location, date=when, modality=modality, historical=historical,
            attribution=Attribution(claimant, frame.claim_verb) if frame.claim_verb else None,
            confidence=min(confidence, 0.95), intensity=info.intensity, notes=frame.reasons,
        )

    def _demand(self, event: Event, frame: Frame) -> Event | None:
        """"X said Y must withdraw": a statement that someone else must act is a demand (REQUEST) by the
        speaker of the one who must act; the act itself stays hypothetical."""
        if event.modality != "hypothetical" or event.attribution is None or event.attribution.claimant is None:
            return None
        if not {"hypothetical:must", "hypothetical:should"} & set(frame.reasons):
            return None
        claimant = event.attribution.claimant
        if not known(claimant) or _same_side(claimant, event.source, self.actors) or not any(known(s) for s in event.source):
            return None
        info = self.lexicon.types["REQUEST"]
        return replace(event, event_id=f"{event.event_id}:demand", event_type="REQUEST", modality="asserted",
                       mode=None, source=(claimant,), target=event.source, cameo_root=info.cameo_root,
                       acled_event_type=None, acled_sub_event_type=None, intensity=info.intensity,
                       notes=event.notes + (f"demand:{event.event_type}",))

    def _charge(self, event: Event, frame: Frame) -> Event | None:
        """"held three journalists on charges of espionage", "arrested for spying for X": whoever holds someone on a
        charge also charges them (PLOVER ACCUSE allege, "charge with a crime"); the arrest stays beside it."""
        if event.event_type != "COERCE" or "charged-for" not in frame.reasons or event.modality != "asserted" or \
                not any(known(t) and t.actor_id != t.country for t in event.target) or \
                not any(known(s) for s in event.source):
            # (people are charged: a state named as the target of the holding is no one accused)
            return None
        info = self.lexicon.types["ACCUSE"]
        return replace(event, event_id=f"{event.event_id}:charge", event_type="ACCUSE", mode="allege",
                       cameo_root=info.cameo_root, acled_event_type=None, acled_sub_event_type=None,
                       intensity=info.intensity, notes=event.notes + ("charge:COERCE",))

    def _refusal(self, event: Event, frame: Frame) -> Event | None:
        """An actor's statement that it will not or would not cooperate is a refusal (PLOVER and CAMEO
        REJECT): "the U.S. said it would not meet the kidnappers' demands". The act stays beside it, negated;
        what it did not do in the past ("did not meet") refuses nothing."""
        if event.modality != "negated" or not self.lexicon.types[event.event_type].quad_class.endswith("cooperation"):
            return None
        reasons = set(frame.reasons)
        if not reasons & {"future:will", "future:wo", "future:would", "hypothetical:would"} or \
                not reasons & {"negated:not", "negated:n't", "negated:never"} or "hypothetical:condition" in reasons:
            return None
        if not any(known(s) and s.start != event.trigger.start for s in event.source):
            return None
        info = self.lexicon.types["REJECT"]
        return replace(event, event_id=f"{event.event_id}:refusal", event_type="REJECT", modality="asserted",
                       mode=None, cameo_root=info.cameo_root, acled_event_type=None, acled_sub_event_type=None,
                       intensity=info.intensity, notes=event.notes + (f"refusal:{event.event_type}",))

    def _intent(self, event: Event, frame: Frame) -> Event | None:
        """An actor's own statement that it will or would act is itself an event (PLOVER): a threat for
        conflict ("said they would blockade Paris"), an agreement for cooperation ("will release the
        hostages"). The future act stays beside it with its modality."""
        if event.modality not in ("future", "hypothetical") or event.event_type in ("THREATEN", "AGREE", "ACCUSE",
                                                                                       "MOBILIZE"):
            # ("will accuse Iran" is no threat: the accusation itself is the news, told as future; nor is "will
            # send troops to Saudi Arabia", where the troops go to help)
            return None
        if "hypothetical:?" in frame.reasons or "hypothetical:condition" in frame.reasons:
            return None  # a question, or what a condition supposes, states no one's intention
        if any(reason.startswith("promised:") for reason in frame.reasons):
            return None  # "pledged to send aid": the pledge is already the AGREE
        claimant = event.attribution.claimant if event.attribution else None
        spoken = claimant is not None and _same_side(claimant, event.source, self.actors)
        words = {reason.split(":", 1)[-1] for reason in frame.reasons}
        verbal = _carried_out(frame)  # ("will give Malawi a grant": the light verb says who will act)
        # "X plans to ...", or "X will/would <verb>" with X the doer; "the war will be ..." is no one's intent
        willed = bool(words & VOLITION) or (verbal and bool(words & {"will", "would"}))
        if not (spoken or willed) or not any(known(s) and s.start != event.trigger.start for s in event.source):
            return None  # (protesters the resolver supplied for an unnamed protest state no intention)
        quad = self.lexicon.types[event.event_type].quad_class
        if quad == "verbal_conflict":
            return None  # "will ask NATO to help", "will reject the plan": the request or refusal, told ahead
        new_type = "THREATEN" if quad.endswith("conflict") or event.event_type == "RETREAT" and "unless" in \
            event.evidence.sentence.lower() else "AGREE"
        if new_type == "THREATEN" and event.event_type == "ASSAULT" and not spoken and \
                "future:prepare" in frame.reasons:
            new_type = "MOBILIZE"  # "troops were preparing to attack": readiness seen, not a threat said (PLOVER)
        if new_type == "AGREE" and event.event_type in ("RETREAT", "CONCEDE"):
            new_type = "CONCEDE"  # PLOVER: a promise to withdraw, release or ease is a concession"
        if new_type == "AGREE" and quad.endswith("conflict"):
            return None
        info = self.lexicon.types[new_type]
        # CAMEO codes a stated intention to cooperate or to yield as 03 (express intent), whatever the act
        root = "03" if new_type in ("AGREE", "CONCEDE") else info.cameo_root
        return replace(event, event_id=f"{event.event_id}:intent", event_type=new_type, modality="asserted",
                       mode=None, cameo_root=root, acled_event_type=None, acled_sub_event_type=None,
                       intensity=info.intensity, notes=event.notes + (f"intent:{event.event_type}",))

    # -- actors ---------------------------------------------------------------------------------
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

    # -- place and date -------------------------------------------------------------------------
    def _location(self, frame: Frame, event_type: str, actors: Sequence[Actor], focus: Sequence[str],
                  n_sources: int) -> Place | None:
        self._own_place = False
        if self.geocoder is None:
            return None
        # (a place inside a target that is a thing, known only as its state's, is where the act happened: "patrolled
        # Nigeria's offshore gas platforms", "took three towns of the West Bank")
        # ("shelled the town of Kadugli", "killed people in X": a target known by no name of its own)
        spans = [self._whole(s) for s in frame.places]
        # (nor is the doer's own name its place: "killed in a US airstrike")
        spans = [s for s in spans if not any((_names_actor(s, a, self._text) or i < n_sources and (
            s.start, s.end) == (a.start, a.end)) and not (
            i >= n_sources and (a.actor_id == a.country or a.actor_id is None)) for i, a in enumerate(actors))
            and not _piece_of(s, frame.places, ("quarter",))]
        spans = list({(s.start, s.end): s for s in spans}.values())
        found = [place for span in spans for place in [self._place(span, focus)] if place is not None
                 and not _foreign_piece(span, frame.places, place, focus)]
        if all(place.precision == "country" for place in found):
            # the clause names no place, or only a country: a finer place named elsewhere in the sentence, in
            # that country ("police detained activists at a protest in Barnaul"), says where
            countries = {place.country for place in found}
            others = [s for s in map(self._whole, frame.wider_places)
                      if not any(_names_actor(s, a, self._text) for a in actors)
                      and not told_from(self._text, s.start, s.end)]
            # with no place of its own that the gazetteer knows, any place of the sentence (an unknown
            # "Government Palace" keeps its name); with only a country, a finer place in that country
            wider = [place for span in others for place in [self._place(span, focus)] if place is not None
                     and (not found or (place.precision != "country" and place.country in countries))
                     and not _foreign_piece(span, others, place, focus)]
            self._own_place = bool(found)  # only the clause's own place lets an event with no one named count
            spans = spans or others  # a name the gazetteer lacks still says where, at the fallback's precision
            if wider:
                found = wider
        else:
            self._own_place = True
        if found:  # the most precise place named for the event: "Al Hishah (Misrata)" is Al Hishah
            best = max(found, key=lambda place: _PLACE_RANK[place.precision])
            # (named with it: within a few words of it, "the X neighbourhood of central Damascus", "the X
            # district of western Baghdad", "the X camp near Nablus")
            nearest = next((s for s in spans if self._place(s, focus) is None and _named_place(s.text)
                            and not (best.start <= s.start < best.end)
                            and min(abs(s.start - best.end), abs(best.start - s.end)) <= _NAMED_WITH
                            and not (s.start >= best.end and _HELD_IN.match(self._text[best.end:s.start]))
                            and not self._names_group(s)), None)
            if nearest is not None:
                # "the village of X in western Raqqa", "the Iraqi capital, Al-Saqer", X unknown to the
                # gazetteer: the event is at X, placed by the wider place named with it, whose precision
                # says how far to trust the point
                best = replace(best, text=nearest.text, start=nearest.start, end=nearest.end)
            if best.precision != "country" and best.country:  # (a region of no one country places no story)
                self._last_place = best
            return best
        before = [place for start, place in self._named if start < frame.sentence.start
                  and "\n\n" not in self._text[start:frame.trigger.start]]
        if before:  # "in Sao Goncalo, Rio de Janeiro": the town, not the state named after it
            near = [p for p in before if before[-1].start - p.start <= 80]
            before = [max(near, key=lambda p: (_PLACE_RANK[p.precision], -p.start))]
        story = max([p for p in (self._last_place, before[-1] if before else None) if p is not None
                     and "\n\n" not in self._text[p.start:frame.trigger.start]], key=lambda p: p.start, default=None)
        if story is not None and frame.modality == "asserted":
            return story  # told after an event placed in a town, or after a town named: the story's place so far
        # nothing found: where the force was used (the target's country), else the article's main country;
        # a name the gazetteer lacks ("the village of X") stays the place's text, at country precision
        # (aid is delivered where its recipient is)
        targets = [a.country for a in actors[n_sources:] if a.country] \
            if event_type in FORCE | {"AID"} and frame.modality == "asserted" else []
        fallback = targets[:1] or self._place_focus[:1] or list(focus[:1])
        if fallback:
            country = self.geocoder.gazetteer.country(fallback[0])
            if country is not None:
                named = next((s for s in spans if _named_place(s.text)), None)
                text, start, end = (named.text, named.start, named.end) if named is not None else (
                    "", frame.sentence.start, frame.sentence.start)
                return Place(text, start, end, country.name, country.lat, country.lon,
                             country.country, None, country.geonameid, "country")
        return None

    def _protest_ended(self, frame: Frame, event_type: str) -> bool:
        """"called off the strike", "ended their sit-in": a concession whose lexicon phrase names a protest."""
        words = frame.reasons[0].partition(":")[2].rpartition("/")[0].split()[1:]
        return event_type == "CONCEDE" and any(
            t.event_type == "PROTEST" for word in words for t in self.lexicon.triggers_for(word, "noun"))

    def _names_group(self, span: Any) -> bool:
        """Whether a name is a group's or a person's in the knowledge base ("the Islamic State"), not a place."""
        actor = self.actors.resolve(span.text, span.start, span.end)
        return actor.actor_id is not None and actor.actor_id != actor.country

    def _resolve_places(self, article: Article, frames: Sequence[Frame], focus: Sequence[str],
                        others: Sequence[Span] = ()) -> None:
        """The article's candidate place names, read together as `brinkwatch geoparse` reads a document:
        co-mentioned places settle each other ("Kamianka" beside "Donetsk"), then the countries they point
        to, before the actors', weigh in."""
        if self.geocoder is None:
            return
        named = [s for frame in frames for s in frame.places + frame.wider_places] + list(others)
        spans = list({(s.start, s.end): s for s in named if not told_from(self._text, s.start, s.end)
                      and not _piece_of(s, named, ("quarter",))}.values())
        self._spans = spans
        mentions = [(s.text, s.start, s.end) for s in spans]
        first = self.geocoder.resolve_many(mentions, focus_countries=focus, text=article.text)
        where = self.geocoder.focus_countries(first)
        where += [c for c in focus if c not in where]
        places = self.geocoder.resolve_many(mentions, focus_countries=where, text=article.text)
        self._places.update(((s.start, s.end), place) for s, place in zip(spans, places))

    def _whole(self, span: Span) -> Span:
        """The longest of the article's place names that starts where this one does and is known to the
        gazetteer: "Qala i Naw", of which the parse kept only "Qala"."""
        longer = [s for s in self._spans if s.start == span.start and span.end < s.end <= span.end + 40
                  and self._places.get((s.start, s.end)) is not None]
        return max(longer, key=lambda s: s.end) if longer and self._places.get((span.start, span.end)) is None \
            else span

    def _venue(self, actor: Actor) -> bool:
        """A town's name, known only as its country's, written right before an event noun: the place the
        event happens in, not a party to it."""
        if self.geocoder is None or actor.actor_id != actor.country or actor.text.endswith(("'s", "’s")):
            return False
        following = re.match(r"[ -]([A-Za-z]+)", self._text[actor.end:actor.end + 30])
        word = following.group(1).lower() if following else ""
        if not word or not any(self.lexicon.triggers_for(w, "noun") for w in (word, word.removesuffix("s"))):
            return False
        found = self.geocoder.gazetteer.lookup(actor.text)
        return bool(found) and not any(c.feature in ("country", "region") for c in found)

    def _place(self, span: Any, focus: Sequence[str]) -> Place | None:
        key = (span.start, span.end)
        if key not in self._places:
            self._places[key] = self.geocoder.resolve(span.text, span.start, span.end, focus_countries=focus) \
                if self.geocoder is not None else None
        return self._places[key]

    def _date(self, frame: Frame, article: Article) -> TimeRef | None:
        for span in frame.dates:
            found = resolve_date(span.text, article.published, start=span.start, end=span.end)
            if found is not None:
                if found.precision in ("day", "week") and not frame.since:
                    self._last_date = found  # a background year ("since 2003") is not the story's time
                return found
        if self._last_date is not None and "\n\n" not in self._text[self._last_date.start or 0:frame.trigger.start]:
            # an undated event told after a dated one: the story's time so far ("context"), not the
            # publication date
            last = self._last_date
            return TimeRef(last.text, last.value, last.precision, last.start, last.end, "context")
        told = self._told_date(frame.trigger.start, article.published)
        if told is not None:
            return told
        if article.published:
            return TimeRef(None, article.published, "day", None, None, "published")
        return None

    def _told_date(self, before: int, published: str | None) -> TimeRef | None:
        """The last full date ("2 May 2020", "May 2, 2020") written earlier in the event's paragraph, though
        no event was coded beside it: "On 30 April 2020, police raided a farm. Two men were arrested." """
        paragraph = self._text.rfind("\n\n", 0, before) + 1
        for match in reversed(list(FULL_DATE.finditer(self._text, paragraph, before))):
            found = resolve_date(match.group(), published, start=match.start(), end=match.end())
            if found is not None and found.precision == "day":
                return TimeRef(found.text, found.value, found.precision, found.start, found.end, "context")
        return None



_PLURAL_PRONOUNS = frozenset({"they", "their", "them", "themselves"})
_COORDINATED = re.compile(r"^\s*(?:,|,?\s*and|,?\s*&)\s*$")


def _trigger_cameo(frame: Frame, event_type: str) -> str | None:
    """The CAMEO root the trigger word itself codes (triggers.csv `cameo`: "urge" is an appeal, 02, where
    REQUEST's own root is a demand, 10), while the event keeps the trigger's type."""
    if event_type != frame.event_type:
        return None
    return next((reason.split(":", 1)[1] for reason in frame.reasons if reason.startswith("cameo:")), None)


def _anyone(phrase: str) -> bool:
    """A phrase that names no one in particular: "any country", "anyone", "no one"."""
    words = phrase.lower().split()
    return bool(words) and (words[0] == "any" or phrase.lower() in ("anyone", "anybody", "no one", "nobody"))


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


def _foreign_piece(span: Span, spans: Sequence[Span], place: Place, focus: Sequence[str]) -> bool:
    """A word cut from a facility's or a quarter's name that the gazetteer places outside the article's
    countries: "Adan" of "the Adan Ade international airport" in Mogadishu is not Aden."""
    return bool(focus) and place.country not in focus and _piece_of(span, spans, ("facility", "quarter"))


def _piece_of(span: Span, spans: Sequence[Span], kinds: tuple[str, ...]) -> bool:
    """A word cut from a longer name of these kinds: "Campina" of "Campina da Barra neighborhood", "Adan" of
    "the Adan Ade international airport" in Mogadishu. Read alone it is some town far away."""
    return any(o.start <= span.start and span.end <= o.end and (o.start, o.end) != (span.start, span.end)
               and facility_kind(o.text) in kinds for o in spans)


RIOTING = frozenset({None, "destroy", "primitive", "beat"})


def as_riot(event: Event, lexicon: Lexicon) -> Event:
    """PLOVER: protesters who wreck, burn or beat are rioting (PROTEST riot, CAMEO 145), not attacking. Done
    after the ACLED coding, which tells a violent demonstration from mob violence by the same ASSAULT."""
    if event.event_type != "ASSAULT" or event.mode not in RIOTING or not event.source or \
            not all(a.sector == "protesters" for a in event.source):
        return event
    info = lexicon.types["PROTEST"]
    return replace(event, event_type="PROTEST", mode="riot", cameo_root=lexicon.mapping("PROTEST", "riot").cameo_root
                   or info.cameo_root, intensity=info.intensity, notes=event.notes + ("riot:ASSAULT",))


_STANCE = re.compile(rf"\b(?:{'|'.join(sorted(STANCES))})-\s*$", re.IGNORECASE)
_PATRONAGE = re.compile(rf"^(?:'s|’s)?\s+(?:[\w-]+\s+)?(?:{'|'.join(sorted(CLIENTS))})\b", re.IGNORECASE)


def stanced(text: str, mention: Actor) -> bool:
    """Whether a mention follows "anti-" or "pro-" (a stance toward it), or is a state named before its allies
    or proxies ("Turkey's Syrian allies": its patronage; "Navalny's allies" are his own people)."""
    return bool(_STANCE.search(text[max(0, mention.start - 5):mention.start])) or (
        mention.actor_id is not None and mention.actor_id == mention.country
        and bool(_PATRONAGE.match(text[mention.end:mention.end + 40])))


def _localise(actor: Actor, country: str | None) -> Actor:
    if actor.country is None and actor.actor_id is None and actor.sector and actor.sector not in ("igo", "ngo"):
        return replace(actor, country=country)
    return actor


def _unique(actors: Sequence[Actor]) -> list[Actor]:
    seen: set[str] = set()
    out = []
    for actor in actors:
        if actor.key not in seen:
            seen.add(actor.key)
            out.append(actor)
    return out


def _organisation_of(record: Any, base: Any) -> Any | None:
    for role in getattr(record, "roles", ()):
        organisation = base.get(role.scope) if role.scope else None
        if organisation is not None and organisation.kind == "organization":
            return organisation
    return base.get(record.parent) if record.parent else None


def _same_side(claimant: Actor, sources: Sequence[Actor], actors: Any) -> bool:
    """The speaker is (or leads) the one who would attack."""
    keys = {claimant.key}
    record = actors.base.get(claimant.actor_id) if claimant.actor_id else None
    if record is not None:
        organisation = _organisation_of(record, actors.base)
        if organisation is not None:
            keys.add(organisation.id)
    return any(s.key in keys for s in sources)


_EXERCISE = re.compile(r"^(?:exercises?|drills?|manoeuvres?|maneuvers?|(?:war\s*)?games?|wargames?)$", re.I)
# (but "seized Goma in the remote X province": an unknown name after "in" holds the place)
_HELD_IN = re.compile(r"^\s*(?:in|inside)\b", re.I)
_NAMED_WITH = 40  # characters between a place the gazetteer lacks and the known place named with it


def _named_place(text: str) -> bool:
    """A place's own name, with at most "the" before it and a word for its kind after it: "Qassaa",
    "the Askar refugee camp", "the Khadra district"; not "a US convoy" or "al"."""
    core = bare_name(text)
    if _BORDER.match(text.strip()):
        return True  # "the Kenyan-Somali border": no gazetteer entry, but a place all the same
    return bool(_NAME.match(core)) and any(c.isupper() for c in core) and not core.endswith("-")


_BORDER = re.compile(r"^(?:the\s+)?[A-Z][\w']+-[A-Z][\w']+\s+(?:border|frontier|boundary)$")
# An unresolved place span kept as the event's place text: a short proper name ("Wadi Qirsh", "Qassaa").
_NAME = re.compile(r"^(?:[A-Z][\w'\-]*|al|el|de|of)(?:[\s\-](?:[A-Z][\w'\-]*|al|el|de|of)){0,3}$")
_LOCATIVE_END = re.compile(r"\b(?:in|near|at|outside|inside|around|of|from)\s+(?:(?:the|a|an)\s+)?$", re.I)


def _names_actor(span: Any, actor: Actor, text: str) -> bool:
    """Whether a place span is part of an actor's name ("US" in "US forces"), not where the actor was
    ("a policeman in Amara"), nor the place itself acted on ("captured Seoul": the city, not its state),
    nor a place with its area in brackets ("clashed at X (Tripoli)")."""
    if not (actor.start <= span.start < actor.end or span.start <= actor.start < span.end):
        return False
    if (span.start, span.end) == (actor.start, actor.end):
        return False
    before, after = text[actor.start:span.start], text[span.end:actor.end].lstrip()
    if actor.start < span.start and (_LOCATIVE_END.search(before) or before.rstrip().endswith(("(", ","))):
        return False
    return not after.startswith(("(", ","))


def _long_before(when: TimeRef | None, published: str | None) -> bool:
    """Background: more than a year before publication."""
    if when is None or when.origin != "text" or not published:
        return False
    try:
        year = int(when.value[:4])
        pub = date.fromisoformat(published)
    except ValueError:
        return False
    if when.precision == "year":
        return year < pub.year - 1
    try:
        start = date.fromisoformat(when.value if len(when.value) == 10 else when.value + "-01")
    except ValueError:
        return False
    return (pub - start).days > 365
