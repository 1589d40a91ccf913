"""Event frames from a dependency parse: trigger, PLOVER type and mode, roles, places, dates, modality.

A frame holds character spans only (no spaCy objects), so the resolve stage and tests need no model.
Roles come from the parse: subjects and `by`-agents are sources; objects, passive subjects and the
objects of `on`/`against`/`with` are targets; nominal events ("Israeli strikes on bases") take their
source from a possessor, a demonym modifier or a `by` phrase, or from the subject of a light verb
("carried out a raid"). Relative clauses take their antecedent ("militias, which X accuses").
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Iterator

from .lexicon import BLAME_WORDS, DEMAND_WORDS, OFFER_WORDS, Lexicon, Trigger
from .model import Span
from .modality import Status, status
from .roles import (DISPLACED, counted_people, hyphen_part, hyphen_prefix, linear_roles, listed_names, loose_subject, noun_roles,
                    participle, subject_of, verb_roles, wielder, word_start)
from .spans import PLACE_PREPS, date_spans, main_verb, place_spans, sentence_dates, sentence_places, span_of

# Triggers that tell of a killing through the finding of the dead.
FOUND_DEAD = frozenset({("find", "dead"), ("find", "body"), ("find", "remains")})
# Objects that make "host" or "receive" a presence rather than a meeting.
STATIONED = frozenset({"troop", "troops", "force", "forces", "soldier", "base", "refugee", "missile", "weapon"})
# Verbs that make an agreement noun a signing (PLOVER SUPPORT, CAMEO 057).
SIGNING_VERBS = frozenset({"sign", "ratify", "finalize", "finalise", "initial", "countersign"})
# What an army mobilises or withdraws: its own units, never a target.
MILITARY_UNITS = frozenset({"troop", "force", "soldier", "jet", "warship", "reservist", "tank", "unit",
                            "battalion", "brigade", "division", "ship", "aircraft", "paratrooper", "marine",
                            "reinforcement", "fighter", "army", "personnel", "police", "policeman"})
# Instrument modes of munitions that fall, land or explode (a plane that lands is no attack).
MUNITIONS = frozenset({"heavy-weapons", "explosives", "grenade"})
# Acts whose promise PLOVER codes as CONCEDE rather than AGREE.
CONCESSIONS = frozenset({"RETREAT", "CONCEDE"})
# A standing measure named as the background of something else is no event of its own.
BACKGROUND_PREPS = frozenset({"amid", "despite", "during", "under", "in", "against", "over", "to", "because"})
STANDING_MODES = frozenset({"curfew", "restrict", "ban"})
# Working people whose "strike" with no object is a walkout (PLOVER PROTEST strike).
WORKERS = frozenset({"worker", "teacher", "doctor", "nurse", "miner", "driver", "employee", "union", "staff", "docker",
                     "pilot", "trucker", "labourer", "laborer", "physician", "lecturer", "porter"})
LABOUR_STRIKE = Trigger(("strike",), "verb", "PROTEST", "strike", "", ())
# Refusals that are retreats when what is given up is a place ("abandoned the town").
LEAVING = frozenset({"abandon", "desert", "vacate", "evacuate"})
POSTS = frozenset({"position", "base", "post", "checkpoint", "town", "city", "village", "stronghold", "outpost",
                   "headquarters", "camp", "territory", "area", "trench", "front", "district", "centre", "center",
                   "province", "airport", "port", "hill", "bridge", "crossing", "airbase", "compound"})
# Launching verbs and the documents a speaker may cite (see FrameFinder._launched_from).
LAUNCHING = frozenset({"launch", "fire"})
DOCUMENTS = frozenset({"report", "statement", "study", "document", "investigation", "inquiry", "assessment", "probe",
                       "analysis", "footage", "video", "evidence", "finding", "findings"})
# Verbs that put a text out (a declaration issued is a statement; one signed is an agreement).
PUBLISHING = frozenset({"issue", "release", "publish", "post", "read", "put"})
# Texts someone issues, publishes or sends: what they say is their issuer's statement.
ISSUED = DOCUMENTS | {"declaration", "letter", "communique", "communiqué", "message", "note", "appeal", "ultimatum"}
# Prepositions that say whom a phrase's own noun is given to or is over ("access to X", "control of X")
_GIVEN_TO = frozenset({"to", "for", "of"})
# Prepositions that aim an act at someone ("launched drones at X", "an operation against X").
AIMED_PREPS = frozenset({"at", "on", "against", "upon", "toward", "towards"})
LIGHT_VERBS = frozenset({
    "carry", "launch", "conduct", "stage", "mount", "hold", "make", "wage", "unleash", "impose", "issue",
    "sign", "reach", "seal", "strike", "deliver", "send", "provide", "give", "take", "begin", "start",
    "continue", "step", "announce", "order", "claim", "resume", "intensify", "escalate", "pledge", "offer",
    "approve", "extend", "organize", "organise", "lead", "file", "level", "lodge", "express", "voice",
    "do", "perform", "undertake", "execute", "allow", "authorize", "authorise", "grant", "pay", "open",
    "renew", "hold", "file", "enter", "sign", "bring", "establish", "adopt", "complete", "attend", "host",
    "chair", "join", "slap", "tighten", "declare",
})
PRONOUNS = frozenset({"he", "she", "it", "they", "its", "their", "his", "her", "we", "our", "them", "him",
                      "who", "which", "that", "i", "you", "us", "itself", "themselves"})
_DROP_IN_ROLE = {"relcl", "advcl", "punct", "cc", "conj", "acl", "parataxis", "mark", "nummod", "quantmod"}
_KEEP_ACL = {"call", "name", "know", "dub", "label", "describe"}
_NAME_ENTS = {"ORG", "PERSON", "GPE", "NORP", "FAC", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT", "LOC"}


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


class FrameFinder:
    """Finds frames in parsed sentences using a Lexicon."""

    name = "frames"
    requires = ("parse",)
    assigns = ("frames",)

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def find(self, doc: Any, offset: int) -> list[Frame]:
        sentence = Span(doc.text, offset, offset + len(doc.text))
        frames: list[Frame] = []
        suppressed: set[int] = set()
        conceding: set[int] = set()
        promised: dict[int, str] = {}  # an act promised or agreed, told ahead as an event of its own
        matches = list(self._triggers(doc))
        by_index = {token.i: trigger for token, trigger in matches}
        reported = {token.i for token, trigger in matches if _warns_of_another(token, trigger, by_index)}
        contents: dict[int, list[str]] = {}  # what a threat, accusation or demand is about
        for token, trigger in matches:
            light = _light(token, trigger, by_index)
            if trigger.complement in ("suppress", "ahead") and not light and token.i not in reported:
                for i in _complement_indices(token, by_index):
                    contents.setdefault(token.i, []).append(by_index[i].event_type)
                    # PLOVER: a one-sided promise to withdraw, release or ease is a CONCEDE (an agreement stays AGREE)
                    if trigger.event_type == "AGREE" and by_index[i].event_type in CONCESSIONS and \
                            token.lemma_.lower() not in ("agree", "accept"):  # accepting a truce is agreeing
                        conceding.add(token.i)
                        suppressed.add(i)  # the promise is the concession
                    elif trigger.complement == "ahead" and doc[i].pos_ == "VERB":
                        promised[i] = token.lemma_.lower()  # "vowed to deport the envoys": the deportation, told ahead
                    else:
                        suppressed.add(i)
        for token, trigger in matches:
            if token.i in suppressed or token.i in reported:
                continue
            if token.dep_ == "compound" and token.head.i in by_index and \
                    token.lemma_.lower() in by_index[token.head.i].rest:
                continue  # "war games": a word of its head's phrase, not an event of its own
            if trigger.pos == "noun" and _issued(token) and any(c.dep_ == "acl" and c.tag_ == "VBG" and c.i in by_index
                                                                 for c in token.children):
                continue  # "issued a declaration demanding ...": the text carries the demand, it agrees nothing
            if trigger.pos == "noun" and trigger.event_type == "PROTEST" and token.dep_ in ("nsubj", "nsubjpass") and \
                    token.head.i in by_index and by_index[token.head.i].event_type == "PROTEST" and \
                    by_index[token.head.i].pos == "verb":
                continue  # "demonstrators blocked a road": the protesters of the verb's protest, not another one
            if _light(token, trigger, by_index):
                continue  # "launched strikes": the noun carries the event
            if _restates(token, trigger, by_index):
                continue  # "released 33 million euros in emergency aid": the verb's event, named again
            if _setting(token, trigger, by_index):
                continue  # "did not meet Zelensky during the Paris summit": the summit is when, not news
            frame = self._frame(doc, token, trigger, by_index, offset, sentence)
            if frame is not None and trigger.pos == "noun" and trigger.event_type == "AGREE":
                anchor = _light_verb(token)
                if anchor is not None and anchor.lemma_.lower() in SIGNING_VERBS:
                    # PLOVER: signing or ratifying an agreement is SUPPORT; agreeing or promising to sign is AGREE
                    frame = replace(frame, event_type="SUPPORT", reasons=frame.reasons + (f"signed:{anchor.lemma_}",))
            if frame is not None and trigger.pos == "noun" and trigger.event_type == "CONCEDE" and \
                    frame.modality == "asserted" and getattr(_light_verb(token), "lemma_", None) == "pay":
                # "paid compensation to X": a concession carried out is material (PLOVER RETREAT, not a promise)
                frame = replace(frame, event_type="RETREAT", mode="return", reasons=frame.reasons + ("paid",))
            ground = _ground(token, trigger) if frame is not None else None
            if ground is not None:  # "abandoned Kobani" is a retreat, "seized the airport" an occupation
                # (the fighters trained are its own, no target; an enemy they are readied against is)
                faced = tuple(_role(doc, g, offset) for g in _faced(token))
                frame = replace(frame, event_type=ground[0], mode=ground[1], reasons=frame.reasons + (ground[2],),
                                targets=faced if ground[2] == "trained its own" else frame.targets)
            if frame is not None and token.i in contents:  # "threatened to close the strait": the act threatened
                frame = replace(frame, reasons=frame.reasons + tuple(f"content:{t}" for t in contents[token.i]))
            if frame is not None and token.i in promised:
                # (what is agreed "would" happen is told ahead, not supposed)
                ahead = frame.modality == "asserted" or frame.modality == "hypothetical" and all(
                    r == "hypothetical:would" for r in frame.reasons if r.startswith("hypothetical:"))
                frame = replace(frame, modality="future" if ahead else frame.modality,
                                reasons=frame.reasons + (f"promised:{promised[token.i]}",))
            if frame is not None and token.i in conceding:
                frame = replace(frame, event_type="CONCEDE", mode=None,
                                reasons=frame.reasons + ("promised concession",))
            if frame is not None:
                frames.append(frame)
        frames += self._demands(doc, by_index, offset, sentence) + self._offers(doc, by_index, offset, sentence)
        frames += self._blames(doc, by_index, offset, sentence) + self._launched_from(doc, by_index, offset, sentence)
        return frames

    def _launched_from(self, doc: Any, by_index: dict[int, Trigger], offset: int, sentence: Span) -> list[Frame]:
        """'X says the drone was launched / fired from a US base (from Iraqi territory)': whoever says so
        accuses the state whose ground the attack came from of a part in it (PLOVER ACCUSE allege). Only a
        munition launched or fired, a place named for a state, and a speaker: told without one, it is the
        news of where the attack came from, not anyone's charge."""
        out = []
        for token in doc:
            if token.pos_ != "VERB" or token.lemma_.lower() not in LAUNCHING or not any(
                    c.dep_ in ("nsubjpass", "dobj") and _instrument(c, self.lexicon.instruments) for c in token.children):
                continue
            origins = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "from"
                       for g in c.children if g.dep_ == "pobj" and _a_states_ground(g)]
            if not origins:
                continue
            found = status(token, self.lexicon.cues)
            speaker = _speaker(found.claimant, self.lexicon.cues)
            if speaker is None or found.modality == "negated":
                continue
            frame = self._frame(doc, token, Trigger((token.lemma_.lower(),), "verb", "ACCUSE", "allege", "", ()),
                                by_index, offset, sentence)
            if frame is None:
                continue
            out.append(replace(frame, sources=(_role(doc, speaker, offset),), targets=tuple(_role(doc, o, offset) for o in origins),
                               claimant=None, claim_verb=None, reasons=frame.reasons + ("launched-from",)))
        return out

    def _blames(self, doc: Any, by_index: dict[int, Trigger], offset: int, sentence: Span) -> list[Frame]:
        """'X said Y was responsible for / behind <event>': X accuses Y (PLOVER ACCUSE allege) though no
        accusing verb is used. Not when Y is a pronoun ("Hamas said it was behind the attack" claims it) or
        when the event is no event ("responsible for security")."""
        out = []
        for token in doc:
            if token.lower_ not in BLAME_WORDS or (token.lower_, token.dep_) not in (("responsible", "acomp"), ("behind", "prep")):
                continue
            preps = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "for"] if token.lower_ == "responsible" \
                else [token]
            if not any(g.dep_ == "pobj" and g.i in by_index for p in preps for g in p.children):
                continue
            copula, speaking = token.head, token.head.head
            if copula.lemma_.lower() != "be" or copula.dep_ != "ccomp" or \
                    self.lexicon.cues.get(speaking.lemma_.lower()) != "reporting":
                continue
            accused = [c for c in copula.children if c.dep_ == "nsubj"]
            if not accused or accused[0].pos_ == "PRON" or any(g.lower_ in ("no", "neither") for g in accused[0].children):
                continue
            frame = self._frame(doc, speaking, Trigger(("blame",), "verb", "ACCUSE", "allege", "", ()),
                                by_index, offset, sentence)
            if frame is None or not frame.sources:
                continue
            denied = any(c.dep_ == "neg" for c in copula.children)  # "said Russia was not behind it"
            out.append(replace(frame, trigger=span_of(token, token, offset), claimant=None, claim_verb=None,
                               modality="negated" if denied else frame.modality,
                               targets=tuple(_role(doc, t, offset) for t in [accused[0], *accused[0].conjuncts]),
                               reasons=frame.reasons + (f"blame:{token.lower_}",)))
        return out

    def _offers(self, doc: Any, by_index: dict[int, Trigger], offset: int, sentence: Span) -> list[Frame]:
        """'X is willing / ready / prepared / committed to <act>' with an act the lexicon does not know: X
        states its readiness to cooperate (PLOVER AGREE, CAMEO 03); a known act gets its own intent event."""
        out = []
        for token in doc:
            acts = [c for c in token.children if c.dep_ in ("xcomp", "prep") and c.i not in by_index]
            if token.lemma_.lower() not in OFFER_WORDS or token.dep_ != "acomp" or not acts or any(
                    c.dep_ == "xcomp" and c.i in by_index for c in token.children):
                continue
            frame = self._frame(doc, token, Trigger((token.lemma_.lower(),), "verb", "AGREE", None, "", ()),
                                by_index, offset, sentence)
            if frame is not None:
                out.append(frame)
        return out

    def _demands(self, doc: Any, by_index: dict[int, Trigger], offset: int, sentence: Span) -> list[Frame]:
        """'X said Y must <act>' with an act the lexicon does not know ("must drop its barriers"): a frame
        for the act, kept only for the demand the resolver derives from it (see EventResolver._demand)."""
        out = []
        for token in doc:
            if token.pos_ != "VERB" or token.i in by_index or token.dep_ != "ccomp" or \
                    self.lexicon.cues.get(token.head.lemma_.lower()) != "reporting" or \
                    not any(c.dep_ == "aux" and c.lower_ in DEMAND_WORDS for c in token.children):
                continue
            act = Trigger((token.lemma_.lower(),), "verb", "REQUEST", None, "", ())
            frame = self._frame(doc, token, act, by_index, offset, sentence)
            if frame is not None:
                out.append(replace(frame, reasons=frame.reasons + ("demand-only",)))
        return out

    # -- triggers -------------------------------------------------------------------------------
    def _triggers(self, doc: Any) -> Iterator[tuple[Any, Trigger]]:
        for token in doc:
            prefix = hyphen_prefix(token)
            joined = next((f for f in (prefix + token.lemma_.lower(), prefix + token.lower_)
                           if self.lexicon.triggers_for(f, "noun")), None) if prefix else None
            whole = joined is not None
            if whole:
                pos = "noun"  # "a shoot-out", "a cease-fire", "a sit-in": the tokenizer splits at the hyphen
            elif token.pos_ == "VERB" and token.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass") and token.tag_ in ("NNS", "VBZ") \
                    and not any(c.dep_ in ("nsubj", "dobj", "aux", "auxpass") for c in token.children) \
                    and self.lexicon.triggers_for(token.lemma_.lower(), "noun"):
                pos = "noun"  # "held joint drills": a plural noun the tagger took for a verb
            elif token.pos_ == "VERB":
                pos = "verb"
            elif token.pos_ in ("NOUN", "PROPN") and (token.ent_type_ not in _NAME_ENTS or _misnamed(token)):
                pos = "noun"
            else:
                continue
            if pos == "noun" and not whole and not self.lexicon.triggers_for(token.lemma_.lower(), "noun") and \
                    self.lexicon.triggers_for(token.lower_, "verb") and token.tag_ in ("NN", "VBP") and \
                    not any(c.dep_ in ("amod", "poss") for c in token.children) and \
                    not (token.i > 0 and token.doc[token.i - 1].lower_ in ("a", "an", "the")):  # "the pound", "a jail"
                pos = "verb"  # a verb the tagger took for a noun ("... which X and Y accuse of ...")
            event_modifier = (token.dep_ == "compound" and not token.head.is_title
                              and _light_verb(token.head) is not None)
            if hyphen_part(token):
                continue  # "shoot" in "shoot-out": the whole word is read at its last part
            if pos == "noun" and ((token.dep_ == "compound" and not event_modifier) or token.pos_ == "PROPN"
                                  or (token.is_title and token.i > 0)):
                continue  # part of a name ("Popular Mobilization Forces"), not an event ("held a protest sit-in" is)
            if token.pos_ == "NOUN" and token.dep_ == "appos" and token.head.pos_ == "PROPN" and \
                    loose_subject(token) is None:
                continue  # "Pakistan, a key US ally": a description of the actor, not an event
            if pos == "noun" and token.dep_ == "pobj" and token.head.lower_ in BACKGROUND_PREPS and \
                    any(t.event_type == "COERCE" and t.mode in STANDING_MODES
                        for t in self.lexicon.triggers_for(token.lemma_.lower(), "noun")):
                continue  # "protested despite the curfew", "amid the lockdown": a standing measure, not news
            for lemma in dict.fromkeys((joined, token.lemma_.lower(), token.lower_) if joined else
                                       (token.lemma_.lower(), token.lower_)):
                found = next((t for t in self.lexicon.triggers_for(lemma, pos)
                              if _rest_matches(token, t) and _requirements_met(token, t, self.lexicon)), None)
                if found is not None and found.event_type == "PROTEST" and pos == "verb" and _spoken_protest(token):
                    # "police are torturing detainees, a rights group protested": a complaint in words (CAMEO 11)
                    found = next(iter(self.lexicon.triggers_for("complain", "verb")), found)
                if found is not None:
                    yield token, found
                    break
            else:  # no row matched: "teachers will strike" (no object) is a walkout, not an attack
                if pos == "verb" and _walkout(token):
                    yield token, LABOUR_STRIKE

    # -- one frame ------------------------------------------------------------------------------
    def _event_roles(self, token: Any, trigger: Trigger, sources: list[Any], targets: list[Any],
                     by_index: dict[int, Trigger]) -> tuple[list[Any], list[Any]]:
        """The parse's sources and targets, read as this event's kind asks: weapons are no actors, the units
        an army moves are its own, the finder of a body is no killer, an event noun brings its own actor."""
        # "Drones attacked X": a weapon as subject is no actor, unless the phrase names whose it is ("Israeli drones")
        sources = [t for t in sources if _instrument(t, self.lexicon.instruments) is None or _owned(t) or wielder(t)]
        if trigger.pos == "verb" and trigger.event_type == "ASSAULT" and trigger.rest and not targets:
            # "broke into the embassy": the object of the trigger's own preposition is what was attacked
            targets = [g for c in token.children if c.dep_ == "prep" and c.lower_ in trigger.rest
                       for g in c.children if g.dep_ == "pobj"]
        own = [t for t in targets if t.dep_ == "dobj" and t.lemma_.lower() in trigger.rest]
        aimed = [g for c in own for p in c.children if p.dep_ == "prep" and p.lower_ in AIMED_PREPS
                 for g in p.children if g.dep_ == "pobj"]
        if trigger.pos == "verb" and trigger.event_type == "ASSAULT" and aimed and len(own) == len(targets):
            targets = aimed  # "launched an operation against X": the phrase's own noun is no target; it aims the act
        if trigger.pos == "verb" and trigger.event_type == "ASSAULT" and "target" in trigger.requires and not targets:
            targets = _struck_by(token)  # "launched the drones that set the plant ablaze"
        if trigger.pos == "verb" and trigger.event_type == "ASSAULT" and not targets:
            # "fired mortars, grenade launchers and small arms at X": the parser hangs "at X" on a later weapon
            weapons = [w for c in token.children if c.dep_ in ("dobj", "conj") for w in c.subtree
                       if _instrument(w, self.lexicon.instruments) is not None]
            targets = [g for w in weapons for c in w.children if c.dep_ == "prep" and c.lower_ in ("at", "on", "against")
                       for g in c.children if g.dep_ == "pobj"]
        if "other" in trigger.requires and not targets:
            targets = _others_act(token)  # "wants Baghdad to expel the militias": asked of Baghdad
        if trigger.event_type == "RETREAT" and trigger.mode == "access" and not targets:
            # "opened the bridge to allow grain deliveries to Afghanistan": whom the opening lets things reach
            targets = [g for c in token.children if c.dep_ in ("advcl", "xcomp") for p in c.subtree
                       if p.dep_ in ("prep", "dative") and p.lower_ in ("to", "into") for g in p.children
                       if g.dep_ == "pobj" and g.ent_type_ in ("GPE", "LOC", "NORP", "ORG")]
        if trigger.event_type == "REJECT" and not targets:
            targets = _resisted(token)  # "declined to resign despite pressure from the anti-graft body"
        if trigger.event_type == "ACCUSE" and trigger.pos == "verb" and not targets:
            # "the police tortured detainees, the opposition complained": the doer of what is complained of
            targets = [s for c in token.children if c.dep_ == "ccomp" and c.i < token.i for s in subject_of(c)]
        if trigger.event_type in ("MOBILIZE", "RETREAT"):
            # "massed troops near its border with Ukraine": the troops are the mover's own, the country across
            # the border is the one it faces
            units = [t for t in targets if t.lemma_.lower() in MILITARY_UNITS]
            targets = [t for t in targets if t.lemma_.lower() not in MILITARY_UNITS] + _across_border(token) + \
                _faced(token)
            if not sources:
                sources = units  # "Chilean soldiers were deployed on the streets"
            else:  # "has no plans to pull its troops out": whose troops they are says who moves them
                sources += [u for u in units
                            if any(c.dep_ == "poss" or c.ent_type_ in ("NORP", "GPE") for c in u.children)]
        # "detained on suspicion of smuggling", "held on charges of espionage": the charge is no one's side
        targets = [t for t in targets
                   if not (t.dep_ == "pobj" and t.head.lower_ == "on" and t.lemma_.lower() in CHARGES)]
        if _under_investigation(token, trigger) and not targets:
            # "two ministers are under investigation": they are investigated
            targets = [c for c in token.head.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if trigger.event_type == "RETREAT" and trigger.mode == "disarm" and not sources:
            # "two thousand fighters were demobilized": those disarmed give up their arms (PLOVER RETREAT disarm)
            if any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children):
                sources, targets = targets, []
        if trigger.pos == "verb" and trigger.event_type in ("COOPERATE", "CONSULT", "AGREE") and not targets:
            # "shared intelligence with Uganda": the partner, wherever the parse hangs the "with"
            targets = [g for c in token.children if c.dep_ == "dobj" for p in c.children
                       if p.dep_ == "prep" and p.lower_ == "with" for g in p.children if g.dep_ == "pobj"]
        if trigger.event_type == "PROTEST":
            targets = targets + _protest_aim(token)  # "marched in defiance of the Belarusian authorities"
        if "weapon" in trigger.requires and not sources:
            # "shells fired by LNA forces fell in X": whoever fired the munition
            sources = [g for c in token.children if c.dep_ in ("nsubj", "nsubjpass") for acl in c.children
                       if acl.dep_ == "acl" for agent in acl.children if agent.dep_ == "agent"
                       for g in agent.children if g.dep_ == "pobj"]
        if trigger.words in FOUND_DEAD:
            # "police found the bodies of X": the finder did not kill; the dead are the target
            bodies = [t for t in targets if t.lemma_.lower() == "body"]
            sources = []
            targets = [g for b in bodies for c in b.children if c.dep_ == "prep" and c.lower_ == "of"
                       for g in c.children if g.dep_ == "pobj"] + [
                c for b in bodies for c in b.children if c.dep_ == "poss"  # "a man's body"
            ] or [t for t in targets if t.lemma_.lower() != "body"]
        # "A drone strike killed X": the subject names an event, not an actor; its own source acts
        # ("protesters staged a sit-in": protesters are people, not an event)
        sources = [s for t in sources for s in (noun_roles(t, "ASSAULT", None)[0]
                                                if t.i in by_index and by_index[t.i].event_type != "PROTEST"
                                                and not _issued(t) else [t])]
        if trigger.pos == "verb" and not sources:
            # "were killed in Israeli tank shelling": the event noun in the clause brings its own actor
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in ("in", "during", "by"):
                    for noun in (g for g in child.children if g.dep_ == "pobj" and g.i in by_index):
                        sources += noun_roles(noun, by_index[noun.i].event_type, None)[0]
                    # "killed in Israeli tank fire": a weapon whose owner is named
                    sources += [g for g in child.children if g.dep_ == "pobj" and g.i not in by_index
                                and _instrument(g, self.lexicon.instruments) is not None and _owned(g)]
        return sources, targets

    def _frame(self, doc: Any, token: Any, trigger: Trigger, by_index: dict[int, Trigger], offset: int,
               sentence: Span) -> Frame | None:
        anchor = None
        if trigger.pos == "noun":
            # (the phrase's own head for a phrase the lexicon lists: "declared a state of emergency")
            before = doc[max(0, token.i - len(trigger.rest)):token.i]
            head = doc[before.start:token.i + 1].root if trigger.rest and [t.lower_ for t in before] == list(
                trigger.rest) else token
            anchor = _light_verb(head.head if head.dep_ == "compound" else head)
        if trigger.pos == "verb" and token.pos_ != "VERB" and token.lemma_.lower() not in OFFER_WORDS:
            sources, targets = linear_roles(token)
        elif trigger.pos == "verb":
            sources, targets = verb_roles(token, trigger.event_type, self.lexicon.instruments)
            targets = [g for t in targets for g in (_beyond_phrase(t) + _host(t, trigger) if _phrase_word(t, trigger)
                                                    else [t])]
        else:
            sources, targets = noun_roles(token, trigger.event_type, anchor)
        sources, targets = self._event_roles(token, trigger, sources, targets, by_index)
        if trigger.event_type == "ASSAULT" and any(self.lexicon.cues.get(t.lemma_.lower()) == "nature"
                                                   for t in sources + targets):
            return None  # "the floods killed 20 people", "a long battle against cancer": no one's attack
        if any(t.lower_ in REFLEXIVES for t in targets):
            if trigger.event_type == "SUPPORT":
                return None  # "the Yemeni people were defending themselves": self-defence, no one's support
            targets = [t for t in targets if t.lower_ not in REFLEXIVES]  # "blew himself up": no other target
        sources = [_issuer(s) for s in sources]
        found = _attempted(status(token, self.lexicon.cues, anchor), trigger.event_type)
        mode = _instrument_mode(token, sources, targets, self.lexicon.instruments, trigger.event_type) or trigger.mode
        if mode is None and trigger.pos == "verb":  # "a drone strike killed X": the means is the subject's
            subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass") and c.i in by_index
                            and by_index[c.i].event_type == trigger.event_type and by_index[c.i].pos == "noun"), None)
            if subject is not None:
                mode = _instrument_mode(subject, [], [], self.lexicon.instruments, trigger.event_type) or \
                    by_index[subject.i].mode
        claimant = found.claimant
        if claimant is not None and claimant.dep_ in ("dobj", "pobj") and claimant.head.i == token.i:
            targets = [t for t in targets if t.i != claimant.i]  # "..., Human Rights Watch charged": who says, not whom
        # "X confirmed that they carried out ...": the pronoun subject is the claimant.
        # ("Obama and Putin said they will attack": "they" are both)
        must = any(c.dep_ == "aux" and c.lower_ in DEMAND_WORDS for c in token.children)
        told = [c for c in claimant.head.children if c.dep_ in ("dobj", "dative") and c.pos_ == "PROPN"] \
            if claimant is not None and must else []
        # ("reminded Serbia that it must hand over suspects": the one told it must act is the pronoun)
        sources = [c for s in sources for c in (
            (told[:1] if told and s.lower_ in ("it", "they") else
             [claimant] + (list(claimant.conjuncts) if s.lower_ in ("they", "we") else []))
            if (claimant is not None and s.pos_ == "PRON" and s.lower_ in PRONOUNS and s.lower_ not in ("its", "their")
                and found.claim_verb not in ("according to",)) else [s])]
        if not sources and claimant is not None and token.dep_ == "conj" and trigger.pos == "verb" and \
                self.lexicon.types[trigger.event_type].quad_class.startswith("verbal"):
            sources = [claimant]  # "X said drones struck ... and accused Y": the speaker accuses
        places = place_spans(token, anchor, targets + sources, offset)
        if claimant is not None:  # nor is it where
            said = _role(doc, claimant, offset).span
            places = [p for p in places if not said.start <= p.start < said.end]
        dates = date_spans(doc, token, anchor, offset)
        root = main_verb(token)
        if root is not None:  # "On 3 May, observers saw explosions near X": the main clause's place
            places = places or place_spans(root, None, subject_of(root), offset)
        happened = token.head if trigger.pos == "noun" and token.dep_ == "nsubj" and token.head.pos_ == "VERB" \
            and anchor is None and token.head.i != token.i else None
        if happened is not None:  # "protests will take place in X on Sunday": where and when the verb says
            places = places or place_spans(happened, None, [token], offset)
            dates = dates or date_spans(doc, happened, None, offset)
        acts = [c for c in token.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX") and _actor_acts(c)] \
            if trigger.event_type == "THREATEN" else []
        for act in acts:  # "warned that Iran would close the Strait of Hormuz": where the threatened act is
            places = places or place_spans(act, None, [], offset)
        # (a coordinated verb that the lexicon reads as an event, whatever it requires: "shot and killed")
        wider = [span for span in sentence_places(token, offset, lambda verb: verb.i in by_index or any(
            _rest_matches(verb, t) for t in self.lexicon.triggers_for(verb.lemma_.lower(), "verb")))
                 if span not in places]
        sentence_root = token.sent.root
        if sentence_root.i != token.i:  # "On 7 May, workers gathered ... to protest": its time; after the
            # clause's own, which may say no day ("police dispersed a second day of protests")
            dates += [span for span in date_spans(doc, sentence_root, None, offset) if span not in dates]
        dates = dates or sentence_dates(token, offset)
        since = any(child.lower_ == "since" for child in (anchor or token).children) or token.head.lower_ == "since" \
            or (trigger.pos == "noun" and token.dep_ in ("nsubj", "nsubjpass")  # "raids have killed 40 since May"
                and any(child.lower_ == "since" for child in token.head.children))
        inherited: tuple[str, ...] = ()
        if since and not sources and trigger.pos == "noun" and token.head.lower_ == "since" and \
                trigger.event_type in ("ASSAULT", "COERCE"):
            # "Iraq has enjoyed calm since the defeat of ISIS": the clause's subject did it (kept by the
            # resolver only when it is a state)
            sources = [t for t in subject_of(token.head.head) if t.i not in {g.i for g in targets}]
            inherited = ("since-subject",) if sources else ()
        threat_if_yes = (trigger.event_type == "ASSAULT" and found.modality == "hypothetical"
                         and _asked_and_answered_yes(token))
        trigger_span = span_of(word_start(token), token, offset)  # "shoot-out" whole
        return Frame(
            trigger=trigger_span, event_type=trigger.event_type, mode=mode, sentence=sentence,
            sources=tuple(_role(doc, s, offset) for s in _dedupe(sources)),
            targets=tuple(_role(doc, t, offset) for t in _dedupe(targets) if t not in sources),
            places=tuple(places), dates=tuple(dates), wider_places=tuple(wider), modality=found.modality,
            claimant=_role(doc, claimant, offset) if claimant is not None else None,
            claim_verb=found.claim_verb, since=since, threat_if_yes=threat_if_yes,
            reasons=(f"trigger:{' '.join(trigger.words)}/{trigger.pos}",) + found.cues + inherited
            + ((f"cameo:{trigger.cameo}",) if trigger.cameo else ())
            + (("content:act",) if acts else ())
            + ((f"done-by:{anchor.lemma_.lower()}",) if anchor is not None else ())
            + (("charged-for",) if trigger.mode in ("arrest", "detain") and _charged(token) else ())
            + (("under-investigation",) if _under_investigation(token, trigger) else ()),
        )


def _rest_matches(token: Any, trigger: Trigger) -> bool:
    if not trigger.rest:
        return True
    if trigger.pos == "verb":
        near = [c for c in token.children if c.dep_ in ("prt", "prep", "dobj", "advmod", "acomp", "dative", "oprd", "ccomp",
                                                        "nsubjpass")]  # "bodies were found"
        # "they call the march on Friday": a preposition that only says when is no particle ("call on X")
        near = [c for c in near if not (c.dep_ == "prep" and _only_when(c))]
        # "pushing hard for the US to back the plan": the particle opens the clause of what is asked
        near += [m for c in token.children if c.dep_ == "advcl" for m in c.children
                 if m.dep_ == "mark" and m.lower_ == "for" and m.i < c.i]
        near += [g for c in near if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]  # "take into custody"
        # "flew rescue workers and medical supplies", "cut its troop numbers", "added X to its sanctions list"
        near += [g for c in near if c.dep_ in ("dobj", "pobj") for g in c.children
                 if g.dep_ == "compound" or (g.dep_ == "conj" and c.dep_ == "dobj")]
        # "added X to its list of sanctioned officials", "handed over two tonnes of medicine": what a list, a
        # round or an amount is of
        near += [m for c in near if c.dep_ in ("pobj", "dobj") and (c.lemma_.lower() in COUNTED_OUT
                                                                   or (c.dep_ == "dobj" and _amount(c)))
                 for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                 for g in p.children if g.dep_ == "pobj" for m in (g, *g.children) if m.dep_ in ("pobj", "amod", "compound")]
        words = {c.lower_ for c in near} | {c.lemma_.lower() for c in near}
        for c in near:  # "declared a cease-fire": the hyphenated word, also written solid
            prefix = hyphen_prefix(c)
            words |= {prefix + c.lemma_.lower(), (prefix + c.lemma_.lower()).replace("-", "")} if prefix else set()
        return all(word in words for word in trigger.rest)
    before = [t.lower_ for t in token.doc[max(0, token.i - len(trigger.rest)):token.i]]
    modifiers = {c.lower_ for c in token.children if c.dep_ in ("compound", "amod", "nmod")}
    if token.i > 0 and len(trigger.rest) == 1:  # "an open-ended strike": the hyphenated word before it
        previous = token.doc[token.i - 1]
        modifiers.add(hyphen_prefix(previous) + previous.lower_)
    return list(trigger.rest) == before or all(word in modifiers for word in trigger.rest)


def _only_when(prep: Any) -> bool:
    """Whether a preposition's objects are all dates or times ("on Friday")."""
    objects = [g for g in prep.children if g.dep_ == "pobj"]
    return bool(objects) and all(g.ent_type_ in ("DATE", "TIME") for g in objects)


def _requirements_met(token: Any, trigger: Trigger, lexicon: Lexicon) -> bool:
    if trigger.event_type == "CONSULT" and any(c.dep_ == "dobj" and c.lemma_.lower() in STATIONED
                                               for c in token.children):
        return False  # "a base that hosts US troops", "received refugees": a presence, not a meeting
    if trigger.event_type == "REJECT" and any(c.dep_ == "xcomp" and c.lemma_.lower() in NO_COMMENT
                                              for c in token.children):
        return False  # "Israel declined to comment": a newsroom's formula, not a refusal of anyone's request
    if trigger.event_type == "RETREAT" and trigger.mode == "release" and any(
            c.lemma_.lower() in WRITINGS for c in [*token.children, token.head]
            if c.dep_ == "dobj" or (c.i == token.head.i and participle(token))):
        return False  # "the text released by his office", "state media released photographs": no one is freed
    if trigger.event_type == "RETREAT" and token.lemma_.lower() == "leave" and any(
            c.dep_ in ("nsubj", "nsubjpass") and lexicon.triggers_for(c.lemma_.lower(), "noun")
            for c in token.children):
        return False  # "the war has left millions in need": an event leaves no place behind
    if trigger.event_type == "REQUEST" and token.lemma_.lower() == "seek" and any(
            c.dep_ == "xcomp" and not any(g.dep_ == "nsubj" for g in c.children) for c in token.children):
        return False  # "is seeking to widen trade ties": an aim of one's own, asked of no one
    if trigger.event_type == "AID" and trigger.pos == "verb" and any(
            c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in TESTIMONY for c in token.children):
        return False  # "provided evidence of the toll", "gave a statement": words handed over are no aid
    if token.lemma_.lower() == "charge" and token.head.lower_ == "in":
        return False  # "a minister in charge of US affairs" accuses no one
    if trigger.event_type == "REJECT" and any(c.dep_ == "dobj" and c.lemma_.lower() in ERRANDS for c in token.children):
        return False  # "the embassy cancelled all appointments": no one's meeting or request turned down
    deps = {c.dep_ for c in token.children}
    for need in trigger.requires:
        if need == "xcomp" and "xcomp" in deps:
            return True
        if need == "object" and (deps & {"dobj", "nsubjpass", "dative", "pobj"} or (
                participle(token) and _instrument(token.head, lexicon.instruments) is None)):
            return True  # "soldiers killed in the attack": the participle's object is the noun it modifies
        if need == "claim" and any(  # "residents gathered outside the hotel, demanding ...": a protest
                c.dep_ in ("advcl", "xcomp", "conj") and lexicon.cues.get(c.lemma_.lower()) == "claim"
                for c in token.children):
            return True
        if need == "weapon" and any(  # "shells fell on the market": a munition (not a plane) as subject
                c.dep_ in ("nsubj", "nsubjpass") and _instrument(c, lexicon.instruments) in MUNITIONS
                for c in token.children):
            return True
        if need == "fired" and _fired(token):
            return True
        if need == "armed" and _armed(token, lexicon.instruments):
            return True
        if need == "target" and _aimed(token, trigger, lexicon):
            return True
        if need == "other" and _others_act(token) and not (trigger.event_type == "CONCEDE" and any(
                c.dep_ in ("ccomp", "xcomp") and c.lemma_.lower() in _STATES for c in token.children)):
            # "Washington wants Baghdad to expel the militias"; but "will not allow Iraq to become a battleground"
            # lets no one do anything
            return True
        if need == "intransitive" and not deps & {"dobj", "nsubjpass", "auxpass"}:
            return True  # "the crowd dispersed from the embassy", not "police dispersed the crowd"
    return not trigger.requires


def _ground(verb: Any, trigger: Trigger) -> tuple[str, str, str] | None:
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


def _faced(verb: Any) -> list[Any]:
    """"mobilised its reserves for a feared war against Azerbaijan", "trained hackers able to strike against
    X": the enemy named in what a force is readied for."""
    readied = [w for c in verb.children if c.dep_ == "prep" and c.lower_ == "for" for w in c.children
               if w.dep_ == "pobj"] + [c for c in verb.children if c.dep_ == "dobj"]
    return [g for w in readied for p in w.subtree if p.dep_ == "prep" and p.lower_ == "against"
            for g in p.children if g.dep_ == "pobj"]


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


def _spoken_protest(verb: Any) -> bool:
    """"protested that the vote was rigged", "..., the group protested": what is protested is a clause told,
    so the protest is said, not marched."""
    # (not "rallied outside parliament, protesting that ...": the rally's claim; nor "protested demanding
    # payments that the state owes": an object protested for)
    return verb.lemma_.lower() == "protest" and verb.dep_ in ("ROOT", "conj") and not any(
        c.dep_ == "dobj" for c in verb.children) and any(
        c.dep_ == "ccomp" and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children) for c in verb.children)


def _walkout(verb: Any) -> bool:
    """ "Teachers will strike next week": the verb "strike" with no object and working people as subject is a
    strike, not an attack."""
    return verb.lemma_.lower() == "strike" and not any(c.dep_ in ("dobj", "nsubjpass", "auxpass") for c in verb.children) \
        and any(c.dep_ == "nsubj" and c.lemma_.lower() in WORKERS for c in verb.children)


def _misnamed(token: Any) -> bool:
    """A common noun that opens the sentence and that the tagger alone took for a name ("Protests could
    spread ...")."""
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return token.pos_ == "NOUN" and token.i == token.sent.start and token.ent_iob_ == "B" and \
        (following is None or following.ent_iob_ != "I") and token.lemma_.islower()


def _a_states_ground(place: Any) -> bool:
    """A place named for a state: "Iraq", "Iraqi territory", "a US base"."""
    return place.ent_type_ == "GPE" or any(c.dep_ in ("amod", "compound", "nmod", "poss") and c.ent_type_ in ("GPE", "NORP")
                                           for c in place.children)


def _speaker(claimant: Any | None, cues: dict[str, str]) -> Any | None:
    """Who says so: the claimant, or, when that is a document ("an Iraqi report reveals that ..."), the one
    who cites it ("X says that a report reveals ...")."""
    node = claimant
    while node is not None and node.lemma_.lower() in DOCUMENTS:
        verb = node.head  # the document's reporting verb
        while verb.dep_ in ("ccomp", "xcomp", "conj", "advcl") and verb.head.i != verb.i:
            verb = verb.head
            if cues.get(verb.lemma_.lower()) == "reporting":
                break
        else:
            return None
        node = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return node


REFLEXIVES = frozenset({"himself", "herself", "itself", "themselves", "ourselves", "myself", "yourself"})
ATTEMPTS = ("hypothetical:try", "hypothetical:attempt")


def _attempted(found: Status, event_type: str) -> Status:
    """An attempted attack is an attack (PLOVER: assassinations "both successful and attempted"): "gunmen
    tried to kill the mayor" is told as done; "will try to kill" stays future."""
    if event_type != "ASSAULT" or found.modality != "hypothetical" or not any(c in ATTEMPTS for c in found.cues):
        return found
    rest = [c for c in found.cues if c not in ATTEMPTS]
    if any(c.startswith("hypothetical:") for c in rest):
        return found
    return replace(found, modality="future" if any(c.startswith("future:") for c in rest) else "asserted")


def _issued(noun: Any) -> bool:
    """"issued a declaration", "released a statement": a text put out (one signed is an agreement)."""
    return noun.lemma_.lower() in ISSUED and noun.dep_ == "dobj" and noun.head.lemma_.lower() in PUBLISHING


def _issuer(token: Any) -> Any:
    """"issued a statement demanding that ...": the one who issued the text demands, not the text."""
    if token.lemma_.lower() in ISSUED and token.dep_ == "dobj" and token.head.pos_ == "VERB":
        return next(iter(subject_of(token.head)), token)
    return token


_STATES = frozenset({"be", "become", "remain", "turn", "stay", "fall", "go", "happen", "continue", "serve"})


def _others_act(verb: Any) -> list[Any]:
    """The doers of a "to" clause that has its own subject: "wants Baghdad to expel X" -> Baghdad."""
    return [s for c in verb.children if c.dep_ in ("ccomp", "xcomp") and any(a.dep_ == "aux" and a.lower_ == "to"
                                                                             for a in c.children)
            for s in c.children if s.dep_ == "nsubj"]


def _setting(noun: Any, trigger: Trigger, by_index: dict[int, Trigger]) -> bool:
    """Whether a meeting noun only says when or where another event happened ("met X at the summit", "did
    not meet X during the Paris summit", "signed the deal at the talks")."""
    if trigger.pos != "noun" or trigger.event_type != "CONSULT" or noun.dep_ != "pobj" or \
            noun.head.lower_ not in ("during", "at", "on", "after", "before", "ahead"):
        return False
    verb = noun.head.head
    return verb.i in by_index and verb.i != noun.i


def _restates(noun: Any, trigger: Trigger, by_index: dict[int, Trigger]) -> bool:
    """Whether an event noun only names again the event of the verb whose phrase holds it ("released funds
    in aid", "sanctioned X in a new round of sanctions")."""
    if trigger.pos != "noun" or noun.dep_ != "pobj" or noun.head.dep_ != "prep" or noun.head.lower_ not in ("in", "as"):
        return False
    verb = noun.head.head
    if verb.dep_ == "dobj":  # "released euros in aid": the phrase hangs on the object
        verb = verb.head
    found = by_index.get(verb.i)
    # (violence keeps both: "killed in an air strike" learns from the noun how and by whom)
    return found is not None and found.pos == "verb" and found.event_type == trigger.event_type != "ASSAULT" \
        and trigger.mode in (None, found.mode)


def _aimed(verb: Any, trigger: Trigger, lexicon: Lexicon) -> bool:
    """Whether a launch is aimed at someone: "launched drones at X", "launched an operation against X"; not
    "the drone was launched from a base", "launched a rescue operation on Monday". A phrase whose own noun
    is no weapon ("launch operation") needs the aim to be said."""
    children = list(verb.children)
    own = [c for c in children if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in trigger.rest]
    if any(c.dep_ == "prep" and c.lower_ in AIMED_PREPS for o in own for c in o.children):
        return True
    if own and all(_instrument(o, lexicon.instruments) is None for o in own):
        return any(c.dep_ == "prep" and c.lower_ in AIMED_PREPS and not _only_when(c) for c in children)
    return any((c.dep_ == "prep" and c.lower_ in AIMED_PREPS) or (c.dep_ == "dobj" and c.lemma_.lower() not in trigger.rest)
               for c in children) or bool(_struck_by(verb))


def _struck_by(verb: Any) -> list[Any]:
    """What the munitions a verb launches went on to hit: "launched the drones that set the plant ablaze"."""
    return [g for c in verb.children if c.dep_ == "dobj" for r in c.children if r.dep_ == "relcl"
            and any(s.dep_ == "nsubj" and s.lower_ in ("that", "which") for s in r.children)
            for g in r.children if g.dep_ == "dobj"]


def _noun_trigger_object(verb: Any, by_index: dict[int, Trigger]) -> bool:
    return any(c.dep_ in ("dobj", "nsubjpass") and c.i in by_index and by_index[c.i].pos == "noun" for c in verb.children)


# What a list, a round or a series is "of": "a series of bombs", "a round of talks"
COUNTED_OUT = frozenset({"list", "round", "package", "series", "wave", "volley"})
# Event nouns that name the people who act: no light verb carries them out.
PEOPLE_NOUNS = frozenset({"protester", "protestor", "demonstrator", "rioter", "striker", "marcher", "gunman",
                          "sniper", "militant", "insurgent", "rebel", "attacker", "kidnapper", "hijacker"})


def _light(verb: Any, trigger: Trigger, by_index: dict[int, Trigger]) -> bool:
    """Whether a verb only carries the event its object names ("launched strikes"). Not a phrase the lexicon
    lists as an event that overrides its noun: "declared a ceasefire" is a concession, not the truce."""
    return trigger.pos == "verb" and verb.lemma_.lower() in LIGHT_VERBS and \
        not (trigger.rest and trigger.complement == "suppress") and _noun_trigger_object(verb, by_index)


def _light_verb(noun: Any) -> Any | None:
    """The verb whose subject does the nominal event: "X launched strikes", "strikes were carried out by X"."""
    head = noun.head
    if noun.lemma_.lower() in PEOPLE_NOUNS:
        return None  # "troops held the protesters away": people, not an event someone carries out
    if noun.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB" and head.lemma_.lower() in LIGHT_VERBS:
        return head
    if noun.dep_ == "conj" and head.i != noun.i:
        return _light_verb(head)  # "imposed asset freezes and travel bans": the bans share the verb
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.lemma_.lower() == "responsibility":
        verb = head.head.head
        return verb if verb.pos_ == "VERB" else None
    if noun.dep_ == "pobj" and head.lower_ == "of" and _amount(head.head):
        return _light_verb(head.head)  # "gave Sri Lanka 30 million dollars of aid": the amount is given
    return None


def _beyond_phrase(noun: Any) -> list[Any]:
    """"granted access to UN investigators", "took control of X", "ended its mediation between A and B": the
    phrase's own noun is no target; whom it is given to, over or between is."""
    if noun.lemma_.lower() in DISPLACED:  # "took in refugees from Syria": the people taken in are helped
        return [noun]
    beyond = [g for c in noun.children if c.dep_ == "prep" and c.lower_ in _GIVEN_TO | AIMED_PREPS | {"between"}
              for o in c.children if o.dep_ == "pobj" for g in (o, *o.conjuncts)]
    if noun.lemma_.lower() in ASKINGS | DECREES:
        # "met the kidnappers' demands", "defied a ban by the army": who asked or decreed is answered or defied
        # (also with the possessive's apostrophe left out: "met the hostage-takers demands")
        beyond += [c for c in noun.children if (c.dep_ == "poss" and c.pos_ != "PRON") or (
            c.dep_ == "compound" and c.tag_ in ("NNS", "NNPS") and c.i + 1 == noun.i)]
        beyond += [g for c in noun.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"
                   for g in c.children if g.dep_ == "pobj"]
    return beyond


def _host(noun: Any, trigger: Trigger) -> list[Any]:
    """"will attend the Hangzhou games", "a parade in Paris": the place a visited gathering is held in hosts it."""
    if trigger.event_type != "CONSULT" or trigger.mode != "visit":
        return []
    return [c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN"] + [
        g for c in noun.children if c.dep_ == "prep" and c.lower_ == "in" for g in c.children if g.dep_ == "pobj"]


ASKINGS = frozenset({"demand", "call", "request", "appeal", "plea", "condition", "ultimatum"})
DECREES = frozenset({"ban", "curfew", "order", "embargo", "decree"})


_PRESSURES = ASKINGS | {"pressure", "pressures", "calls", "demands", "appeals", "urging"}


def _resisted(token: Any) -> list[Any]:
    """"declined to resign despite pressure from the anti-graft body", "refused, in spite of Washington's
    demands": whose pressure is held out against is the one refused."""
    clauses = [token] + [c for c in token.children if c.dep_ == "xcomp"]
    pressures = [g for clause in clauses for p in clause.children if p.dep_ == "prep" and p.lower_ == "despite"
                 for g in p.children if g.dep_ == "pobj" and g.lemma_.lower() in _PRESSURES]
    return [w for g in pressures for w in [c for c in g.children if c.dep_ == "poss" and c.pos_ != "PRON"] + [
        o for p in g.children if p.dep_ in ("prep", "agent") and p.lower_ in ("by", "from") for o in p.children
        if o.dep_ == "pobj"]]


def _phrase_word(token: Any, trigger: Trigger) -> bool:
    """Whether a noun is (or is headed by a compound of) the trigger phrase's own word: "mediation efforts"."""
    return token.lemma_.lower() in trigger.rest or any(
        c.dep_ == "compound" and c.lemma_.lower() in trigger.rest for c in token.children)


def _amount(token: Any) -> bool:
    """A counted quantity ("20 million euros", "500 tonnes", "$50,000 worth")."""
    return token.pos_ in ("NOUN", "NUM") and (token.lower_ == "worth" or any(
        c.dep_ in ("nummod", "quantmod") or c.like_num for c in token.children))


# What is released without anyone being freed.
WRITINGS = frozenset({"text", "statement", "report", "video", "footage", "photo", "photograph", "image", "picture",
                      "figure", "data", "detail", "list", "document", "record", "transcript", "letter", "communique",
                      "recording", "audio", "tape", "result", "finding", "name", "information", "album", "film",
                      "book", "song", "version", "update", "guideline", "plan", "budget"})
# What is handed over as proof or account, not as help.
# (photographs and intelligence handed to an army are aid: PLOVER AID military)
TESTIMONY = frozenset({"evidence", "proof", "testimony", "explanation", "account", "answer", "clue", "briefing",
                       "statement", "detail", "update", "comment"})
# What is cancelled or turned down in the course of business, not in politics.
ERRANDS = frozenset({"appointment", "service", "class", "lesson", "concert", "match", "game", "exam", "show",
                     "festival", "reservation", "booking", "order", "subscription", "performance", "screening"})
# What a spokesman declines or refuses to do when he only will not talk about it.
NO_COMMENT = frozenset({"comment", "confirm", "elaborate", "discuss", "speculate", "say", "specify", "disclose",
                        "detail", "identify"})  # (but "refused to respond to a demand" refuses it)
WARNING_VERBS = frozenset({"warn", "caution"})
# People who comment on a conflict rather than take part in it: their warnings are forecasts, not threats.
COMMENTATORS = frozenset({"expert", "analyst", "observer", "researcher", "commentator", "scholar", "economist",
                          "academic", "specialist", "study", "report", "forecaster"})


def _warns_of_another(token: Any, trigger: Trigger, by_index: dict[int, Trigger]) -> bool:
    """"Experts cautioned that Hezbollah might target US troops": a commentator's warning that someone else,
    named, may act reports that act (a hypothetical event with the warner as claimant); it is no threat.
    "X warned it would strike", "X warned Y against ..." and a commander's warning that his country would
    act stay threats."""
    if trigger.event_type != "THREATEN" or token.lemma_.lower() not in WARNING_VERBS or token.pos_ != "VERB":
        return False
    warners = {s.lemma_.lower() for s in subject_of(token)}
    if not warners & COMMENTATORS:
        return False
    for clause in (c for c in token.children if c.dep_ == "ccomp" and c.i in by_index):
        actors = [c for c in clause.children if c.dep_ == "nsubj" and c.pos_ in ("PROPN", "NOUN")]
        if actors and not any(a.lemma_.lower() in warners for a in actors):
            return True
    return False


def _complement_indices(token: Any, by_index: dict[int, Trigger]) -> Iterator[int]:
    """Triggers inside what a threat, accusation, demand or refusal is about."""
    stack = [c for c in token.children if c.dep_ in ("xcomp", "ccomp", "dobj", "prep", "acl", "pcomp", "attr", "oprd")
             or (c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children))]  # "for X to"
    while stack:
        node = stack.pop()
        if node.i in by_index:
            yield node.i
        # follow the content's backbone only: clauses, conjuncts and "of"/"for" objects, not adjuncts
        for child in node.children:
            if child.dep_ in ("xcomp", "ccomp", "conj", "pcomp", "pobj", "dobj"):
                stack.append(child)
            elif child.dep_ == "prep" and child.lower_ in ("of", "for", "to", "on", "against") and node.pos_ != "VERB":
                stack.append(child)  # ("lifted restrictions on rallies": the rallies are what is eased)
        if node.dep_ == "prep" and node.lower_ not in ("of", "for", "to", "about", "on", "against"):
            continue


def _dedupe(tokens: list[Any]) -> list[Any]:
    """Each token once, in first-seen order (a token is the same object wherever it was reached from)."""
    return list({token.i: token for token in tokens}.values())


def _role_tokens(head: Any) -> list[Any]:
    """The phrase of a role: the head's subtree without clauses, conjuncts and place/time phrases."""
    keep = [head]
    listed = {t.i for t in listed_names(head)}
    stack = list(head.children)
    while stack:
        child = stack.pop()
        if child.dep_ in _DROP_IN_ROLE and not (child.dep_ in ("acl", "relcl") and child.lemma_.lower() in _KEEP_ACL
                                                and child.tag_ == "VBN"):
            continue
        if child.dep_ == "prep" and (child.lower_ in PLACE_PREPS or child.lower_ in (
                "on", "against", "since", "after", "before", "during")) and not _origin(head, child):
            continue
        if child.dep_ == "appos" and any(t.pos_ == "VERB" for t in child.subtree):
            continue
        if child.dep_ == "appos" and child.pos_ == "NOUN" and (head.pos_ == "PROPN" or head.ent_type_):
            continue  # "Pakistan, a key U.S. ally": the name is the actor, the description is not
        if child.dep_ == "prep" and child.lower_ in ("like", "unlike"):
            continue  # "Greece, like most other members"
        if child.dep_ == "appos" and child.i in listed:
            continue  # "the US, Russia, and Switzerland": each name is an actor of its own

        conjoined = [c for c in child.children if c.dep_ == "conj" and c.ent_type_ in ("NORP", "GPE")]
        if (child.dep_ == "amod" or (child.dep_ in ("compound", "nmod") and child.ent_type_ in ("NORP", "GPE"))) \
                and conjoined and child.head.i == head.i:
            keep.append(conjoined[-1])  # "Russian and Turkish soldiers": this phrase is "Turkish soldiers"
            continue
        keep.append(child)
        stack.extend(child.children)
    return sorted(keep, key=lambda t: t.i)


_ARMED_MEN = frozenset({"force", "forces", "troop", "soldier", "unit", "fighter", "militant", "personnel",
                        "contingent", "battalion", "brigade", "army", "militia"})


def _origin(head: Any, prep: Any) -> bool:
    """"doctors from Norway", "a delegation from Kenya": where people come from says whose they are. Not for
    armed men: "the withdrawal of its forces from Kazakhstan" is where they leave."""
    return prep.lower_ == "from" and head.pos_ == "NOUN" and prep.head.i == head.i and \
        head.lemma_.lower() not in _ARMED_MEN and not any(c.dep_ == "poss" for c in head.children) and any(
        g.dep_ == "pobj" and g.ent_type_ in ("GPE", "NORP") for g in prep.children)


def _role(doc: Any, head: Any, offset: int) -> Role:
    if head.pos_ == "PRON" and head.lower_ in PRONOUNS:
        return Role(span_of(head, head, offset), pronoun=True)
    tokens = _role_tokens(head)
    # a contiguous span from the first to the last kept token, trimmed of punctuation
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    tokens = tokens or [head]
    first, last = tokens[0], tokens[-1]
    inside = doc[first.i:last.i + 1]
    if sum(t.text == "(" for t in inside) > sum(t.text == ")" for t in inside) and last.i + 1 < len(doc) and \
            doc[last.i + 1].text == ")":
        last = doc[last.i + 1]  # "the Kenya Union of Nurses (KUN)": the parser hung the bracket elsewhere
    pronoun = any(t.lower_ in ("its", "their", "his", "her") and t.dep_ == "poss" for t in tokens) and not any(
        t.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") for t in tokens)
    # a name's description, left out of its span, says whose it is when the name is unknown
    description = next(([t for t in c.subtree if not t.is_punct] for c in head.children
                        if c.dep_ == "appos" and c.pos_ == "NOUN" and c.i > last.i), None)
    described = span_of(description[0], description[-1], offset) if description else None
    # a place inside the phrase that says whose its people are: where they come from, or the town or region
    # they are named by ("Ituri militiamen", "a Lagos radio station")
    place = next((g for c in head.children if c.dep_ == "prep" and c.lower_ == "from" for g in c.children
                  if g.dep_ == "pobj" and g.ent_type_ in ("GPE", "LOC") and head.lemma_.lower() not in _ARMED_MEN),
                 None) or next(
        (c for c in head.children if c.dep_ == "compound" and c.ent_type_ in ("GPE", "LOC") and c.pos_ == "PROPN"),
        None)
    placed = span_of(_name_start(place), place, offset) if place is not None else None
    return Role(span_of(first, last, offset), pronoun=pronoun, described=described, placed=placed,
                counted=counted_people(head))


def _name_start(token: Any) -> Any:
    """The first word of the multi-word name a token ends ("Addis" of "Addis Ababa")."""
    start = token
    while start.i > 0 and start.ent_iob_ == "I" and start.nbor(-1).ent_type_ == token.ent_type_:
        start = start.nbor(-1)
    return start


def _instrument_mode(token: Any, sources: list[Any], targets: list[Any], instruments: dict[str, str],
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
    words += [w for c in token.children if c.dep_ == "nsubjpass" and _instrument(c, instruments)
              for w in c.subtree]  # "a mortar bomb was fired at X"
    for word in words:
        mode = _instrument(word, instruments)
        if mode:
            return mode
    return None


def _under_investigation(noun: Any, trigger: Trigger) -> bool:
    """"two ministers are under investigation": an inquiry that its subject is under, its doer unnamed."""
    return trigger.pos == "noun" and trigger.mode == "investigate" and noun.dep_ == "pobj" and \
        noun.head.lower_ == "under"


CHARGES = frozenset({"charge", "allegation", "accusation", "suspicion"})


def _charged(verb: Any) -> bool:
    """An arrest told with its charge: "on charges of espionage", "on suspicion of spying", "for spying
    for X" (an -ing clause after "for"; "for two weeks" says how long)."""
    def charge(prep: Any) -> bool:
        if prep.lower_ == "on":
            return any(g.dep_ == "pobj" and g.lemma_.lower() in CHARGES for g in prep.children)
        return prep.lower_ == "for" and any(g.dep_ == "pcomp" and g.tag_ == "VBG" for g in prep.children)
    return any(c.dep_ == "prep" and charge(c) for c in verb.children)


def _protest_aim(token: Any) -> list[Any]:
    """Whom a protest is aimed at, named in what it shows or opposes: "to express their anger at the Kenyan
    government", "in defiance of the Belarusian authorities", "marched against the junta". Only names and
    their peoples' words count ("the Kenyan government"); a place the protest is held in is where, not whom."""
    holders = [c for c in token.children if c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in _SHOWING or (
        c.dep_ == "prep" and (c.lower_ == "against" or c.lower_ == "in" and any(
            g.dep_ == "pobj" and g.lemma_.lower() in ("defiance", "protest", "opposition") for g in c.children)))]
    # "demanding a referendum on independence from Indonesian rule": whom a people would leave is protested
    holders += [p for w in token.subtree if w.lemma_.lower() in _SECESSION for p in w.children
                if p.dep_ == "prep" and p.lower_ == "from"]
    return [w for holder in holders for w in holder.subtree if w.pos_ in ("NOUN", "PROPN") and w.dep_ != "compound"
            and not _in_subclause(w, holder)
            and (w.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") and w.pos_ == "PROPN"
                 or any(c.dep_ in ("amod", "poss", "compound") and (c.ent_type_ in ("GPE", "NORP") or c.pos_ == "PROPN")
                        for c in w.children))
            and not _placed_under(w, holder)]


_SECESSION = frozenset({"independence", "secession", "separation", "autonomy", "freedom"})
GRIEVANCES = frozenset({"anger", "disapproval", "opposition", "outrage", "frustration", "discontent",
                        "dissatisfaction", "protest", "grievance", "fury", "rage"})


# Verbs of a protest's purpose that name whom it is aimed at ("to show their anger at X"); "to demand the release
# of X" names whom it is for.
_SHOWING = frozenset({"show", "express", "voice", "protest", "denounce", "condemn", "oppose", "press", "register",
                      "vent", "signal"})


def _in_subclause(word: Any, top: Any) -> bool:
    """Whether a word sits in a clause of its own below the given phrase ("a bill that would allow extradition
    to mainland China": China is the bill's business, not whom the protest is aimed at)."""
    node = word
    while node.i != top.i and node.head.i != node.i:
        if node.dep_ in ("relcl", "acl", "ccomp", "advcl", "xcomp"):
            return True
        node = node.head
    return False


def _placed_under(word: Any, top: Any) -> bool:
    """Whether a word sits in a place phrase below the given clause or phrase ("at the school in Atakent")."""
    node = word
    while node.i != top.i and node.head.i != node.i:
        held = node.head.head  # ("anger at the government", "showed their anger at X" are aimed, not placed)
        if node.dep_ == "pobj" and node.head.lower_ in PLACE_PREPS and node.head.i != top.i and not (
                held.lemma_.lower() in GRIEVANCES or any(c.dep_ == "dobj" and c.lemma_.lower() in GRIEVANCES
                                                         for c in held.children)):
            return True
        node = node.head
    return word.dep_ == "pobj" and word.head.i == top.i and word.ent_type_ in ("GPE", "LOC", "FAC")


def _across_border(token: Any) -> list[Any]:
    """The country across a border named in the trigger's clause: "border with Ukraine", "the Turkish border"."""
    out = []
    for word in token.subtree:
        if word.lemma_.lower() not in ("border", "frontier"):
            continue
        out += [c for c in word.children if c.dep_ == "amod" and c.ent_type_ in ("NORP", "GPE")]
        # "with X" hangs on the border, or on the verb when the parser attaches it there
        out += [g for holder in (word, token) for c in holder.children if c.dep_ == "prep" and c.lower_ == "with"
                for g in c.children if g.dep_ == "pobj"]
    return out


FIRING_VERBS = frozenset({"fire", "ring", "hear", "exchange", "trade", "shoot"})


def _actor_acts(clause: Any) -> bool:
    """Whether a clause tells of someone acting: "(threatened) to block", "(warned that) Iran would close",
    "(warned that) they would retaliate"; not "(warned that) prices would rise" or "the cyclone would hit"."""
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    if not subjects:
        return clause.dep_ == "xcomp"
    subject = subjects[0]
    return (subject.pos_ == "PRON" and subject.lower_ not in ("it", "this", "that")) or \
        subject.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") or subject.lemma_.lower() in MILITARY_UNITS


def _armed(verb: Any, instruments: dict[str, str]) -> bool:
    """Whether what the verb fires is a weapon or is fired at someone: "fired mortars", "fired IFVs and
    grenade launchers at X", "fired at the convoy"; not "fired the manager"."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "conj", "prep")]
    for word in (w for c in objects for w in c.subtree):
        if _instrument(word, instruments) is not None or (
                word.dep_ == "prep" and word.lower_ in ("at", "on", "upon", "against") and word.head.i != verb.i
                and any(g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME") for g in word.children)):
            return True
    return False


def _fired(noun: Any) -> bool:
    """Whether shots or bursts are gunfire: "46 shots", "bursts of fire", "shots were fired", "heard shots";
    not "flu shots" or "a shot at the title"."""
    if any(c.dep_ == "compound" and c.pos_ == "NOUN" and c.lemma_.lower() not in ("warning", "gun", "rifle", "sniper")
           for c in noun.children):
        return False
    if any(c.dep_ == "prep" and c.lower_ == "of" and any(g.lemma_.lower() in ("fire", "gunfire") for g in c.children)
           for c in noun.children):
        return True
    if noun.head.lemma_.lower() in FIRING_VERBS and noun.dep_ in ("dobj", "nsubj", "nsubjpass", "conj"):
        return True
    return noun.tag_ == "NNS" and any(c.dep_ == "nummod" for c in noun.children)


def _owned(weapon: Any) -> bool:
    """Whether a weapon's phrase names whose it is ("Israeli drones", "Hezbollah's rockets")."""
    return any(c.ent_type_ in ("NORP", "GPE", "ORG", "PERSON") or c.dep_ == "poss" or (
        c.dep_ in ("compound", "amod", "nmod") and (c.pos_ == "PROPN" or c.is_title)) for c in weapon.children)


def _instrument(word: Any, instruments: dict[str, str]) -> str | None:
    """The mode of the longest instrument name ending at `word` ("heavy machine gun" before "gun")."""
    doc = word.doc
    for size in (3, 2):
        if word.i - size + 1 >= 0:
            phrase = doc[word.i - size + 1:word.i + 1]
            mode = instruments.get(" ".join(t.lower_ for t in phrase[:-1]) + " " + word.lemma_.lower())
            if mode:
                return mode
    found = instruments.get(word.lemma_.lower()) or instruments.get(word.lower_)
    if found is None and word.text.endswith("s") and word.text[:-1].isupper():  # "IFVs", "RPGs"
        found = instruments.get(word.lower_[:-1])
    return found


def _asked_and_answered_yes(token: Any) -> bool:
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
