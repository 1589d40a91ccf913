"""ACLED's event and sub-event types for an event once an article's mentions of it are merged.

ACLED's type depends on more than the PLOVER type and mode: on who was on each side (armed against
armed is a battle, armed against unarmed is violence against civilians, a crowd's violence is a riot)
and on what the sentence tells of the violence (barricades and stones make a protest violent, tear gas
makes it a protest with intervention). The words that signal these are data (`data/acled_cues.csv`).
"""

from __future__ import annotations

import csv
import re
from dataclasses import replace
from importlib import resources

from .lexicon import Lexicon
from .model import Actor, Event
from .nlp import surface_forms
from .roles import RECIPROCAL_FIGHTING

UNARMED = frozenset({"civilian", "protesters", "media", "ngo", "religious", "business", "labor", "refugee",
                     "refugees", "person"})
ARMED = frozenset({"military", "police", "rebel", "militia", "intelligence", "criminal"})
STATE_FORCES = frozenset({"military", "police", "intelligence"})
TERRITORY = frozenset({"Non-state actor overtakes territory", "Government regains territory"})
CAPTURES = frozenset({"trigger:capture/verb", "trigger:recapture/verb"})
# An armed group's ground, taken: territory all the same ("took a militia stronghold").
HELD_GROUND = frozenset({"stronghold", "strongholds", "position", "positions", "base", "bases", "post", "posts", "camp",
                         "camps", "headquarters", "territory", "area", "areas", "town", "village", "city", "hill",
                         "checkpoint", "checkpoints", "front", "hideout", "hideouts", "outpost", "outposts"})
MOB_WORDS = frozenset({"mob", "mobs", "rioter", "rioters", "vigilante", "vigilantes"})
# Heads of a crowd acting together: ACLED codes their violence as mob violence, not an armed attack.
CROWD_HEADS = frozenset({"villagers", "residents", "locals", "people", "supporters", "workers", "youths",
                         "youth", "students", "farmers", "traders", "mob", "crowd", "nationals", "inhabitants",
                         "citizens", "relatives", "mourners", "fans", "worshippers", "crowds"})
# Weapons of a crowd, not of an armed group: with them, civilians of any name ("Palestinians hurled petrol
# bombs") riot
CROWD_MODES = frozenset({"beat", "primitive", "destroy"})
UNARMED_MODES = frozenset({None, "beat", "primitive", "destroy"})
POLITICAL = frozenset({"government", "legislature", "judiciary", "opposition", "party"})
OFFICE_WORDS = frozenset({"official", "officials", "employee", "employees", "leader", "leaders", "activist",
                          "activists", "mayor", "councillor", "councilor", "candidate", "member", "members", "judge",
                          "lawyer", "teacher", "deputy", "chief", "chairman", "politician", "politicians", "worker",
                          "workers", "staff", "governor", "minister", "legislator", "lawmaker", "clerk"})
# The fighting verbs of roles.py, in the forms a trigger's text takes ("clashed", "fought").
# Gunfire told by its shots, with no one named on either side: fire on a front line, not an attack on anyone.
FIRE_COUNTED = frozenset({"trigger:shot/noun", "trigger:burst/noun"})
CLASH_TRIGGERS = frozenset(form for lemma in RECIPROCAL_FIGHTING for form in surface_forms(lemma))


def _cues() -> dict[str, list[str]]:
    """The cue words of each signal in data/acled_cues.csv."""
    table = resources.files("brinkwatch").joinpath("data").joinpath("acled_cues.csv")
    with table.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    signals: dict[str, list[str]] = {}
    for row in rows:
        signals.setdefault(row["signal"], []).append(row["cue"].lower())
    return signals


class AcledCoder:
    """Re-derives an event's ACLED types from its merged type and mode, its sides and its sentence."""

    name = "acled"

    def __init__(self, lexicon: Lexicon, cues: dict[str, list[str]] | None = None) -> None:
        self.lexicon = lexicon
        signals = _cues() if cues is None else cues
        self.patterns = {signal: re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
                                            + r")\b", re.IGNORECASE) for signal, words in signals.items()}

    def signal(self, name: str, text: str) -> bool:
        pattern = self.patterns.get(name)
        return bool(pattern and pattern.search(text))

    def __call__(self, event: Event, article_text: str | None = None) -> Event:
        """The event with its ACLED types re-derived; `article_text` lets the cues read the paragraph around
        the event's sentence ("... demonstrated. Police dispersed them with tear gas.")."""
        if event.acled_event_type is None and event.event_type not in ("ASSAULT", "PROTEST"):
            return event
        if event.acled_event_type is not None:
            # merged mentions may bring a mode the first mention lacked ("killed ... by a roadside bomb")
            mapping = self.lexicon.mapping(event.event_type, event.mode)
            if mapping.acled_event_type == "Explosions/Remote violence":
                event = replace(event, acled_event_type=mapping.acled_event_type,
                                acled_sub_event_type=mapping.acled_sub_event_type)
        text = _context(event, article_text)
        if event.event_type == "PROTEST":
            return self._protest(event, text)
        if event.event_type == "ASSAULT":
            return self._assault(event, text)
        if event.event_type == "COERCE" and event.mode == "seize" and self.signal("weapons", event.evidence.sentence):
            # arms caches found, bombs defused: ACLED's disrupted weapons use, not a seizure of property
            return replace(event, acled_event_type="Strategic developments", acled_sub_event_type="Disrupted weapons use")
        return event

    def _protest(self, event: Event, text: str) -> Event:
        if _mob(event.source) or event.mode == "riot" or self.signal("violent-protest", text):
            return replace(event, acled_event_type="Riots", acled_sub_event_type="Violent demonstration")
        if event.acled_event_type == "Protests" and self.signal("intervention", text):
            return replace(event, acled_event_type="Protests", acled_sub_event_type="Protest with intervention")
        return event

    def _assault(self, event: Event, text: str) -> Event:
        clash = event.trigger.text.lower() in CLASH_TRIGGERS
        # explosions counted on a front line with fire traded, not a bomb or a mine named: a clash
        counted = event.acled_sub_event_type == "Remote explosive/landmine/IED" and \
            event.trigger.text.lower() in ("explosion", "explosions", "blast", "blasts")
        if (event.acled_event_type == "Explosions/Remote violence" and clash) or (
                event.acled_sub_event_type == "Shelling/artillery/missile attack" or counted) and \
                self.signal("exchange-of-fire", text):
            return replace(event, acled_event_type="Battles", acled_sub_event_type="Armed clash")
        source_sectors = {a.sector for a in event.source if a.sector}
        if event.acled_sub_event_type in TERRITORY and CAPTURES & set(event.notes) and any(
                a.sector in ARMED and a.text.lower().split()[-1:] and a.text.lower().split()[-1] not in HELD_GROUND
                for a in event.target):
            # "regime forces captured 2 rebels": fighters taken, not ground; ACLED's armed clash (ground is
            # taken with "took control of", whose merged mentions may name the fighters fought)
            return replace(event, acled_event_type="Battles", acled_sub_event_type="Armed clash")
        if event.acled_sub_event_type == "Non-state actor overtakes territory" and source_sectors and \
                source_sectors <= STATE_FORCES:
            # "the army recaptured the town": ACLED's sub-event type for territory taken by state forces
            event = replace(event, acled_sub_event_type="Government regains territory")
        if event.acled_sub_event_type in TERRITORY:
            return event  # ground taken is a battle whoever lived there ("recaptured the town of X")
        if event.acled_sub_event_type == "Looting/property destruction" and source_sectors & ARMED and \
                {a.sector for a in event.target} & (ARMED - {"police"}):
            # "destroyed five IS hideouts and killed seven militants": armed sides fighting, not property
            return replace(event, acled_event_type="Battles", acled_sub_event_type="Armed clash")
        if event.acled_sub_event_type == "Looting/property destruction" and source_sectors <= UNARMED | {"party"} \
                and self.signal("protest-context", event.evidence.sentence):
            # "residents burned tyres on the main road, demanding water": a demonstration turned violent
            return replace(event, acled_event_type="Riots", acled_sub_event_type="Violent demonstration")
        if event.acled_sub_event_type == "Looting/property destruction" and (_mob(event.source) or (
                _crowd(event.source) and source_sectors <= UNARMED | {"party"})):
            # a mob or a crowd wrecking property: ACLED's mob violence, not a strategic development
            return replace(event, acled_event_type="Riots", acled_sub_event_type="Mob violence")
        if event.acled_event_type not in ("Battles", "Violence against civilians"):
            return event
        target_sectors = {a.sector for a in event.target if a.sector}
        unarmed_people = bool(source_sectors) and source_sectors <= UNARMED | {"party"}
        if _mob(event.source) or (_crowd(event.source) and unarmed_people and event.mode in UNARMED_MODES) or (
                unarmed_people and event.mode in CROWD_MODES and "civilian" in source_sectors):
            return replace(event, acled_event_type="Riots", acled_sub_event_type="Mob violence")
        if event.mode == "beat" and source_sectors and source_sectors <= UNARMED | {"party", "ngo"}:
            return replace(event, acled_event_type="Riots", acled_sub_event_type="Mob violence")  # a beating by people
        sides = source_sectors | target_sectors
        sentence = event.evidence.sentence
        if clash and self.signal("melee", sentence) and not self.signal("firearms", sentence) and \
                not sides & {"military", "police", "rebel"}:
            # "two groups of villagers fought with axes and sticks": no armed side, no guns
            return replace(event, acled_event_type="Riots", acled_sub_event_type="Mob violence")
        if clash and sides & (UNARMED | {"party"}) and not sides & {"rebel", "militia", "criminal"}:
            # civilians or party supporters fighting each other or the state's forces: rioters, not a battle
            return replace(event, acled_event_type="Riots", acled_sub_event_type="Mob violence")
        # officials, activists and party members are civilians to ACLED unless they bear arms
        target_sectors = {a.sector if not (a.sector in POLITICAL and _individual(a)) else "civilian"
                          for a in event.target if a.sector}
        if target_sectors and target_sectors <= UNARMED and event.acled_sub_event_type in ("Armed clash", "Attack") \
                and event.mode in (None, "firearms") and self.signal("armed-victim", text):
            # "a man was shot; he had charges against him for drug trafficking": ACLED counts members of
            # criminal groups as armed, so their killing is a clash
            return replace(event, acled_event_type="Battles", acled_sub_event_type="Armed clash")
        if target_sectors and target_sectors <= UNARMED:
            return replace(event, acled_event_type="Violence against civilians",
                           acled_sub_event_type=event.acled_sub_event_type
                           if event.acled_event_type == "Violence against civilians" else "Attack")
        if target_sectors & ARMED and event.acled_event_type == "Violence against civilians" \
                and event.acled_sub_event_type == "Attack":
            return replace(event, acled_event_type="Battles", acled_sub_event_type="Armed clash")
        # A non-state armed group, or no one named, attacking with nobody armed named against it: ACLED's
        # attack on civilians ("gunmen attacked the village", "a body was found with gunshot wounds")
        others = text
        for actor in event.source:  # the attackers' own words ("Security Belt forces") are no other armed side
            others = others.replace(actor.text, " ")
        if not event.source and not event.target and FIRE_COUNTED & set(event.notes):
            return event  # "46 shots and bursts observed near X": fire between unnamed sides, no victim named
        if not target_sectors and not clash and source_sectors <= {"rebel", "militia", "criminal"} \
                and event.acled_sub_event_type == "Armed clash" and not self.signal("armed-presence", others) \
                and not self.signal("exchange-of-fire", text):
            return replace(event, acled_event_type="Violence against civilians", acled_sub_event_type="Attack")
        return event


def _context(event: Event, article_text: str | None, reach: int = 400) -> str:
    """The event's paragraph around its sentence: at most `reach` characters before and after it."""
    if not article_text or article_text[event.evidence.start:event.evidence.end] != event.evidence.sentence:
        return event.evidence.sentence
    end = article_text.find("\n\n", event.evidence.end)
    end = min(len(article_text) if end < 0 else end, event.evidence.end + reach)
    start = article_text.rfind("\n\n", 0, event.evidence.start)
    start = max(0 if start < 0 else start, event.evidence.start - reach)
    return article_text[start:end]


def _mob(actors: tuple[Actor, ...]) -> bool:
    return any(MOB_WORDS & set(a.text.lower().split()) for a in actors)


def _individual(actor: Actor) -> bool:
    """A person or persons by their office ("a government employee", "the local hill leader of the CNL")."""
    words = actor.text.lower().replace(",", " ").split()
    return any(word in OFFICE_WORDS for word in words[:6])


def _crowd(actors: tuple[Actor, ...]) -> bool:
    """Whether an actor's head noun names a crowd ("villagers", "residents of Tivoli Gardens")."""
    heads = [a.text.lower().split(" of ")[0].split()[-1:] for a in actors]
    return any(head and head[0] in CROWD_HEADS for head in heads)
