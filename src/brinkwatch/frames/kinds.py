"""What changes a found event's type, mode or modality: a place taken or left, forces moved, a weapon, an attempt."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from brinkwatch.frames.triggers import instrument
from brinkwatch.lexicon import Trigger
from brinkwatch.modality import Status

# What an army mobilises or withdraws: its own units, never a target.
MILITARY_UNITS = frozenset({"troop", "force", "soldier", "jet", "warship", "reservist", "tank", "unit",
                            "battalion", "brigade", "division", "ship", "aircraft", "paratrooper", "marine",
                            "reinforcement", "fighter", "army", "personnel", "police", "policeman"})
# Refusals that are retreats when what is given up is a place ("abandoned the town").
LEAVING = frozenset({"abandon", "desert", "vacate", "evacuate"})
POSTS = frozenset({"position", "base", "post", "checkpoint", "town", "city", "village", "stronghold", "outpost",
                   "headquarters", "camp", "territory", "area", "trench", "front", "district", "centre", "center",
                   "province", "airport", "port", "hill", "bridge", "crossing", "airbase", "compound"})


def ground(verb: Any, trigger: Trigger) -> tuple[str, str, str] | None:
    """(type, mode, reason) for a verb whose object is a place and that then means another event: leaving
    a place is a retreat, not a refusal ("abandoned their positions"); taking one is an occupation, not a
    seizure of property ("seized the district centre", "the town was seized"; "seized land in an area"
    stays a seizure)."""
    def places(deps: tuple[str, ...], posts: frozenset[str]) -> bool:
        return any(c.dep_ in deps and (c.ent_type_ in ("GPE", "LOC", "FAC") or c.lemma_.lower() in posts)
                   for c in verb.children)
    if trigger.event_type == "REJECT" and verb.lemma_.lower() in LEAVING and places(("dobj",), POSTS):
        return "RETREAT", "withdraw", "left a place"
    if trigger.event_type == "COERCE" and trigger.mode == "seize" and trigger.pos == "verb" and \
            places(("dobj", "nsubjpass"), POSTS - {"area"}):
        return "ASSAULT", "occupy", "took a place"
    if trigger.event_type == "COOPERATE" and verb.lemma_.lower() == "train" and any(
            c.dep_ == "dobj" for c in verb.children) and not any(
            c.dep_ in ("dobj", "dative") and (c.ent_type_ in ("GPE", "NORP", "ORG") or any(
                g.dep_ in ("amod", "compound", "poss")
                and (g.ent_type_ in ("GPE", "NORP", "ORG") or g.pos_ in ("PROPN", "PRON"))
                for g in c.children) and not any(g.lower_ == "own" for g in c.children))
            for c in verb.children) and not any(
            c.dep_ == "prep" and c.lower_ in ("with", "for") for c in verb.children):
        # "Iran trained 2,000 new fighters": its own people readied (PLOVER MOBILIZE); training another's
        # forces ("trained Ukrainian soldiers", "trained its allies' troops") stays cooperation
        return "MOBILIZE", "troops", "trained its own"
    if (trigger.event_type, trigger.mode) in (("CONSULT", "visit"), ("MOBILIZE", "troops")):
        moved = _forces_moved(verb)
        if moved and any(_peacekeeping(unit) for unit in moved):
            return "AID", None, "peacekeepers sent"  # PLOVER AID: military personnel provided to another state
        if moved and trigger.event_type == "CONSULT":
            return "MOBILIZE", "troops", "troops arrived"  # troops that arrive are deployed, not visiting
    return None


def _forces_moved(token: Any) -> list[Any]:
    """The units a movement is of: the subject or object of a verb ("troops arrived", "deployed troops"), what
    a noun is of ("the deployment of troops"), and the units counted in a subject ("a company of troops")."""
    deps = ("nsubj", "nsubjpass", "dobj") if token.pos_ in ("VERB", "AUX") else ()
    heads = [c for c in token.children if c.dep_ in deps]
    heads += [g for c in (token, *heads) for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
              for g in p.children if g.dep_ == "pobj"]
    return [h for h in heads if h.lemma_.lower() in MILITARY_UNITS | {"peacekeeper", "contingent"}]


def _peacekeeping(unit: Any) -> bool:
    return unit.lemma_.lower() == "peacekeeper" or any(
        c.dep_ in ("compound", "amod") and c.lower_ in ("peacekeeping", "peace-keeping") for c in unit.children)


ATTEMPTS = ("hypothetical:try", "hypothetical:attempt")


def attempted(found: Status, event_type: str) -> Status:
    """An attempted attack is an attack (PLOVER: assassinations "both successful and attempted"): "gunmen
    tried to kill the mayor" is told as done; "will try to kill" stays future."""
    if event_type != "ASSAULT" or found.modality != "hypothetical" or not any(c in ATTEMPTS for c in found.cues):
        return found
    rest = [c for c in found.cues if c not in ATTEMPTS]
    if any(c.startswith("hypothetical:") for c in rest):
        return found
    return replace(found, modality="future" if any(c.startswith("future:") for c in rest) else "asserted")


def instrument_mode(token: Any, sources: list[Any], targets: list[Any], instruments: dict[str, str],
                     event_type: str) -> str | None:
    if event_type != "ASSAULT":
        return None
    words: list[Any] = [c for c in token.children if c.dep_ in ("compound", "amod", "nsubj", "nmod")
                        or (c.dep_ == "dobj" and c.lemma_.lower() in instruments)]
    for role in sources:
        words += list(role.subtree)
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("with", "by", "using"):
            words += list(child.subtree)
    objects = [c for c in token.children if c.dep_ == "dobj"]
    words += [c for o in objects for c in o.conjuncts]  # "fired 120mm and 82mm mortars"
    words += [w for c in token.children if c.dep_ == "nsubjpass" and instrument(c, instruments)
              for w in c.subtree]  # "a mortar bomb was fired at X"
    for word in words:
        mode = instrument(word, instruments)
        if mode:
            return mode
    return None


def under_investigation(noun: Any, trigger: Trigger) -> bool:
    """"two ministers are under investigation": an inquiry that its subject is under, its doer unnamed."""
    return trigger.pos == "noun" and trigger.mode == "investigate" and noun.dep_ == "pobj" and \
        noun.head.lower_ == "under"


CHARGES = frozenset({"charge", "allegation", "accusation", "suspicion"})


def charged(verb: Any) -> bool:
    """An arrest told with its charge: "on charges of espionage", "on suspicion of spying", "for spying
    for X" (an -ing clause after "for"; "for two weeks" says how long)."""
    def charge(prep: Any) -> bool:
        if prep.lower_ == "on":
            return any(g.dep_ == "pobj" and g.lemma_.lower() in CHARGES for g in prep.children)
        return prep.lower_ == "for" and any(g.dep_ == "pcomp" and g.tag_ == "VBG" for g in prep.children)
    return any(c.dep_ == "prep" and charge(c) for c in verb.children)


def actor_acts(clause: Any) -> bool:
    """Whether a clause tells of someone acting: "(threatened) to block", "(warned that) Iran would close",
    "(warned that) they would retaliate"; not "(warned that) prices would rise" or "the cyclone would hit"."""
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    if not subjects:
        return clause.dep_ == "xcomp"
    subject = subjects[0]
    return (subject.pos_ == "PRON" and subject.lower_ not in ("it", "this", "that")) or \
        subject.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") or subject.lemma_.lower() in MILITARY_UNITS


def asked_and_answered_yes(token: Any) -> bool:
    """'Asked if X would attack Y, Z replied: yes': an answered question about a future attack is a threat."""
    node = token
    while node.head.i != node.i:
        if node.lemma_.lower() == "ask":
            answer = node.head if node.dep_ in ("advcl", "ccomp") else None
            if answer is not None:
                after = token.doc[answer.i:min(len(token.doc), answer.i + 8)]
                return any(t.lower_ in ("yes", "certainly", "definitely", "absolutely", "surely") for t in after)
        node = node.head
    return False
