"""The resolve stage: EventResolver turns an article's frames into events, and derives the events they imply."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import date
from typing import Any, Sequence

from brinkwatch.frames import Frame
from brinkwatch.lexicon import Lexicon
from brinkwatch.model import Actor, Article, Attribution, Event, Evidence, Place, Span, TimeRef
from brinkwatch.resolve.parties import STATE_SECTORS, PartyReading, known, same_side
from brinkwatch.resolve.place_and_date import PlaceAndDateReading, piece_of
from brinkwatch.spans import told_from

# Events that mean nothing without someone on the receiving end.
NEEDS_TARGET = frozenset({"ACCUSE", "THREATEN", "SANCTION"})
# Statements mean nothing without someone making them.
NEEDS_SOURCE = frozenset({"SUPPORT", "ACCUSE", "REQUEST", "THREATEN", "REJECT", "AGREE", "CONCEDE", "SANCTION"})
# Events whose unnamed target is the country where they happen (CAMEO's coding of curfews, visits, easings).
PLACE_TARGET = frozenset({"COERCE", "CONCEDE", "CONSULT", "AID", "RETREAT", "MOBILIZE"})
# Verbal events whose target is often inside their content ("pushing for a cut in the role of X").
CONTENT_TARGET = frozenset({"REQUEST", "ACCUSE", "REJECT", "THREATEN", "SUPPORT", "SANCTION", "COERCE", "AGREE"})
# Cue words that make a future act a stated intention of its actor.
VOLITION = frozenset({"plan", "intend", "prepare", "prepared", "vow", "swear", "aim", "ready", "willing", "offer",
                      "want", "seek"})


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


class EventResolver(PartyReading, PlaceAndDateReading):
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
        # (not a word cut from a neighbourhood's name: "Colonia" of "Colonia Lomas de San Agustin")
        own = [span for frame in frames for span in frame.places]
        places = [s for s in places if not piece_of(s, own, ("quarter",))]
        self._resolve_places(article, frames, focus, places)
        self._frames = list(frames)
        named = Counter(place.country for frame in frames for span in frame.places
                        if not piece_of(span, frame.places, ("quarter",)) for place in [self._place(span, focus)]
                        if place is not None and place.country and place.precision != "country")
        # the finer places the article names elsewhere, in the countries of the actors named when there are
        # any ("Metro" is no Indonesian town in a sentence about Chile's president)
        elsewhere = sorted(((span.start, place) for span in places for place in [self._place(span, focus)]
                            if place is not None and place.country and place.precision != "country"),
                           key=lambda item: item[0])
        if not named:  # no event names its place ("In Rio de Janeiro, police carried out an operation. A
            # shoot-out broke out ...")
            named = Counter(place.country for _, place in elsewhere if not focus or place.country in focus)
        if not named:  # nor in the actors' countries ("In Alto Alegre, Roraima, police dismantled a lab. Two
            # Colombian men were arrested."): the places the article names, not where something was said
            named = Counter(place.country for start, place in elsewhere
                            if not told_from(self._text, start, place.end))
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
                frame.threat_if_yes or (claimant is not None and same_side(claimant, sources, self.actors))):
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
        if not known(claimant) or same_side(claimant, event.source, self.actors) or not any(known(s) for s in event.source):
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
        spoken = claimant is not None and same_side(claimant, event.source, self.actors)
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

    def _protest_ended(self, frame: Frame, event_type: str) -> bool:
        """"called off the strike", "ended their sit-in": a concession whose lexicon phrase names a protest."""
        words = frame.reasons[0].partition(":")[2].rpartition("/")[0].split()[1:]
        return event_type == "CONCEDE" and any(
            t.event_type == "PROTEST" for word in words for t in self.lexicon.triggers_for(word, "noun"))


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


_EXERCISE = re.compile(r"^(?:exercises?|drills?|manoeuvres?|maneuvers?|(?:war\s*)?games?|wargames?)$", re.I)


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
