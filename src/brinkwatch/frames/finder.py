"""The frames stage: FrameFinder reads the triggers of each parsed sentence into Frames."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Iterator

from brinkwatch.frames.frame import Frame
from brinkwatch.frames.kinds import (CHARGES, MILITARY_UNITS, actor_acts, asked_and_answered_yes, attempted, charged,
                                     ground, instrument_mode, under_investigation)
from brinkwatch.frames.participants import (LAUNCHING, PRONOUNS, a_states_ground, across_border, beyond_phrase, dedupe,
                                            faced, host, issued, issuer, owned, phrase_word, protest_aim, resisted,
                                            role, speaker)
from brinkwatch.frames.triggers import (AIMED_PREPS, LABOUR_STRIKE, complement_indices, instrument, light, light_verb,
                                        misnamed, others_act, requirements_met, rest_matches, restates, setting,
                                        spoken_protest, struck_by, walkout, warns_of_another)
from brinkwatch.lexicon import BLAME_WORDS, DEMAND_WORDS, OFFER_WORDS, Lexicon, Trigger
from brinkwatch.modality import status
from brinkwatch.model import Span
from brinkwatch.roles import (hyphen_part, hyphen_prefix, linear_roles, loose_subject, noun_roles, subject_of,
                              verb_roles, wielder, word_start)
from brinkwatch.spans import date_spans, main_verb, place_spans, sentence_dates, sentence_places, span_of

# Triggers that tell of a killing through the finding of the dead.
FOUND_DEAD = frozenset({("find", "dead"), ("find", "body"), ("find", "remains")})
# Verbs that make an agreement noun a signing (PLOVER SUPPORT, CAMEO 057).
SIGNING_VERBS = frozenset({"sign", "ratify", "finalize", "finalise", "initial", "countersign"})
# Acts whose promise PLOVER codes as CONCEDE rather than AGREE.
CONCESSIONS = frozenset({"RETREAT", "CONCEDE"})
# A standing measure named as the background of something else is no event of its own.
BACKGROUND_PREPS = frozenset({"amid", "despite", "during", "under", "in", "against", "over", "to", "because"})
STANDING_MODES = frozenset({"curfew", "restrict", "ban"})
_NAME_ENTS = {"ORG", "PERSON", "GPE", "NORP", "FAC", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT", "LOC"}


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
        reported = {token.i for token, trigger in matches if warns_of_another(token, trigger, by_index)}
        contents: dict[int, list[str]] = {}  # what a threat, accusation or demand is about
        for token, trigger in matches:
            is_light = light(token, trigger, by_index)
            if trigger.complement in ("suppress", "ahead") and not is_light and token.i not in reported:
                for i in complement_indices(token, by_index):
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
            if token.dep_ == "pobj" and token.head.head.i in by_index and token.head.head.i != token.i and \
                    token.lemma_.lower() in by_index[token.head.head.i].rest:
                continue  # "went on strike": the last word of the verb's phrase, not an attack
            if trigger.pos == "noun" and issued(token) and any(c.dep_ == "acl" and c.tag_ == "VBG" and c.i in by_index
                                                                 for c in token.children):
                continue  # "issued a declaration demanding ...": the text carries the demand, it agrees nothing
            if trigger.pos == "noun" and trigger.event_type == "PROTEST" and token.dep_ in ("nsubj", "nsubjpass") and \
                    token.head.i in by_index and by_index[token.head.i].event_type == "PROTEST" and \
                    by_index[token.head.i].pos == "verb":
                continue  # "demonstrators blocked a road": the protesters of the verb's protest, not another one
            if light(token, trigger, by_index):
                continue  # "launched strikes": the noun carries the event
            if restates(token, trigger, by_index):
                continue  # "released 33 million euros in emergency aid": the verb's event, named again
            if setting(token, trigger, by_index):
                continue  # "did not meet Zelensky during the Paris summit": the summit is when, not news
            frame = self._frame(doc, token, trigger, by_index, offset, sentence)
            if frame is not None and trigger.pos == "noun" and trigger.event_type == "AGREE":
                anchor = light_verb(token)
                if anchor is not None and anchor.lemma_.lower() in SIGNING_VERBS:
                    # PLOVER: signing or ratifying an agreement is SUPPORT; agreeing or promising to sign is AGREE
                    frame = replace(frame, event_type="SUPPORT", reasons=frame.reasons + (f"signed:{anchor.lemma_}",))
            if frame is not None and trigger.pos == "noun" and trigger.event_type == "CONCEDE" and \
                    frame.modality == "asserted" and getattr(light_verb(token), "lemma_", None) == "pay":
                # "paid compensation to X": a concession carried out is material (PLOVER RETREAT, not a promise)
                frame = replace(frame, event_type="RETREAT", mode="return", reasons=frame.reasons + ("paid",))
            grounded = ground(token, trigger) if frame is not None else None
            if grounded is not None:  # "abandoned Kobani" is a retreat, "seized the airport" an occupation
                # (the fighters trained are its own, no target; an enemy they are readied against is)
                enemies = tuple(role(doc, g, offset) for g in faced(token))
                frame = replace(frame, event_type=grounded[0], mode=grounded[1], reasons=frame.reasons + (grounded[2],),
                                targets=enemies if grounded[2] == "trained its own" else frame.targets)
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
                    c.dep_ in ("nsubjpass", "dobj") and instrument(c, self.lexicon.instruments) for c in token.children):
                continue
            origins = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "from"
                       for g in c.children if g.dep_ == "pobj" and a_states_ground(g)]
            if not origins:
                continue
            found = status(token, self.lexicon.cues)
            accuser = speaker(found.claimant, self.lexicon.cues)
            if accuser is None or found.modality == "negated":
                continue
            frame = self._frame(doc, token, Trigger((token.lemma_.lower(),), "verb", "ACCUSE", "allege", "", ()),
                                by_index, offset, sentence)
            if frame is None:
                continue
            out.append(replace(frame, sources=(role(doc, accuser, offset),), targets=tuple(role(doc, o, offset) for o in origins),
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
                               targets=tuple(role(doc, t, offset) for t in [accused[0], *accused[0].conjuncts]),
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
            elif token.pos_ in ("NOUN", "PROPN") and (token.ent_type_ not in _NAME_ENTS or misnamed(token)):
                pos = "noun"
            else:
                continue
            if pos == "noun" and not whole and not self.lexicon.triggers_for(token.lemma_.lower(), "noun") and \
                    self.lexicon.triggers_for(token.lower_, "verb") and token.tag_ in ("NN", "VBP") and \
                    not any(c.dep_ in ("amod", "poss") for c in token.children) and \
                    not (token.i > 0 and token.doc[token.i - 1].lower_ in ("a", "an", "the")):  # "the pound", "a jail"
                pos = "verb"  # a verb the tagger took for a noun ("... which X and Y accuse of ...")
            event_modifier = (token.dep_ == "compound" and not token.head.is_title
                              and light_verb(token.head) is not None)
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
                              if rest_matches(token, t) and requirements_met(token, t, self.lexicon)), None)
                if found is not None and found.event_type == "PROTEST" and pos == "verb" and spoken_protest(token):
                    # "police are torturing detainees, a rights group protested": a complaint in words (CAMEO 11)
                    found = next(iter(self.lexicon.triggers_for("complain", "verb")), found)
                if found is not None:
                    yield token, found
                    break
            else:  # no row matched: "teachers will strike" (no object) is a walkout, not an attack
                if pos == "verb" and walkout(token):
                    yield token, LABOUR_STRIKE

    # -- one frame ------------------------------------------------------------------------------
    def _event_roles(self, token: Any, trigger: Trigger, sources: list[Any], targets: list[Any],
                     by_index: dict[int, Trigger]) -> tuple[list[Any], list[Any]]:
        """The parse's sources and targets, read as this event's kind asks: weapons are no actors, the units
        an army moves are its own, the finder of a body is no killer, an event noun brings its own actor."""
        # "Drones attacked X": a weapon as subject is no actor, unless the phrase names whose it is ("Israeli drones")
        sources = [t for t in sources if instrument(t, self.lexicon.instruments) is None or owned(t) or wielder(t)]
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
            targets = struck_by(token)  # "launched the drones that set the plant ablaze"
        if trigger.pos == "verb" and trigger.event_type == "ASSAULT" and not targets:
            # "fired mortars, grenade launchers and small arms at X": the parser hangs "at X" on a later weapon
            weapons = [w for c in token.children if c.dep_ in ("dobj", "conj") for w in c.subtree
                       if instrument(w, self.lexicon.instruments) is not None]
            targets = [g for w in weapons for c in w.children if c.dep_ == "prep" and c.lower_ in ("at", "on", "against")
                       for g in c.children if g.dep_ == "pobj"]
        if "other" in trigger.requires and not targets:
            targets = others_act(token)  # "wants Baghdad to expel the militias": asked of Baghdad
        if trigger.event_type == "RETREAT" and trigger.mode == "access" and not targets:
            # "opened the bridge to allow grain deliveries to Afghanistan": whom the opening lets things reach
            targets = [g for c in token.children if c.dep_ in ("advcl", "xcomp") for p in c.subtree
                       if p.dep_ in ("prep", "dative") and p.lower_ in ("to", "into") for g in p.children
                       if g.dep_ == "pobj" and g.ent_type_ in ("GPE", "LOC", "NORP", "ORG")]
        if trigger.event_type == "REJECT" and not targets:
            targets = resisted(token)  # "declined to resign despite pressure from the anti-graft body"
        if trigger.event_type == "ACCUSE" and trigger.pos == "verb" and not targets:
            # "the police tortured detainees, the opposition complained": the doer of what is complained of
            targets = [s for c in token.children if c.dep_ == "ccomp" and c.i < token.i for s in subject_of(c)]
        if trigger.event_type in ("MOBILIZE", "RETREAT"):
            # "massed troops near its border with Ukraine": the troops are the mover's own, the country across
            # the border is the one it faces
            units = [t for t in targets if t.lemma_.lower() in MILITARY_UNITS]
            targets = [t for t in targets if t.lemma_.lower() not in MILITARY_UNITS] + across_border(token) + \
                faced(token)
            if not sources:
                sources = units  # "Chilean soldiers were deployed on the streets"
            else:  # "has no plans to pull its troops out": whose troops they are says who moves them
                sources += [u for u in units
                            if any(c.dep_ == "poss" or c.ent_type_ in ("NORP", "GPE") for c in u.children)]
        # "detained on suspicion of smuggling", "held on charges of espionage": the charge is no one's side
        targets = [t for t in targets
                   if not (t.dep_ == "pobj" and t.head.lower_ == "on" and t.lemma_.lower() in CHARGES)]
        if under_investigation(token, trigger) and not targets:
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
            targets = targets + protest_aim(token)  # "marched in defiance of the Belarusian authorities"
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
                                                and not issued(t) else [t])]
        if trigger.pos == "verb" and not sources:
            # "were killed in Israeli tank shelling": the event noun in the clause brings its own actor
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in ("in", "during", "by"):
                    for noun in (g for g in child.children if g.dep_ == "pobj" and g.i in by_index):
                        sources += noun_roles(noun, by_index[noun.i].event_type, None)[0]
                    # "killed in Israeli tank fire": a weapon whose owner is named
                    sources += [g for g in child.children if g.dep_ == "pobj" and g.i not in by_index
                                and instrument(g, self.lexicon.instruments) is not None and owned(g)]
        return sources, targets

    def _frame(self, doc: Any, token: Any, trigger: Trigger, by_index: dict[int, Trigger], offset: int,
               sentence: Span) -> Frame | None:
        anchor = None
        if trigger.pos == "noun":
            # (the phrase's own head for a phrase the lexicon lists: "declared a state of emergency")
            before = doc[max(0, token.i - len(trigger.rest)):token.i]
            head = doc[before.start:token.i + 1].root if trigger.rest and [t.lower_ for t in before] == list(
                trigger.rest) else token
            anchor = light_verb(head.head if head.dep_ == "compound" else head)
        if trigger.pos == "verb" and token.pos_ != "VERB" and token.lemma_.lower() not in OFFER_WORDS:
            sources, targets = linear_roles(token)
        elif trigger.pos == "verb":
            sources, targets = verb_roles(token, trigger.event_type, self.lexicon.instruments)
            targets = [g for t in targets for g in (beyond_phrase(t) + host(t, trigger) if phrase_word(t, trigger)
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
        sources = [issuer(s) for s in sources]
        found = attempted(status(token, self.lexicon.cues, anchor), trigger.event_type)
        mode = instrument_mode(token, sources, targets, self.lexicon.instruments, trigger.event_type) or trigger.mode
        if mode is None and trigger.pos == "verb":  # "a drone strike killed X": the means is the subject's
            subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass") and c.i in by_index
                            and by_index[c.i].event_type == trigger.event_type and by_index[c.i].pos == "noun"), None)
            if subject is not None:
                mode = instrument_mode(subject, [], [], self.lexicon.instruments, trigger.event_type) or \
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
            said = role(doc, claimant, offset).span
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
        acts = [c for c in token.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX") and actor_acts(c)] \
            if trigger.event_type == "THREATEN" else []
        for act in acts:  # "warned that Iran would close the Strait of Hormuz": where the threatened act is
            places = places or place_spans(act, None, [], offset)
        # (a coordinated verb that the lexicon reads as an event, whatever it requires: "shot and killed")
        wider = [span for span in sentence_places(token, offset, lambda verb: verb.i in by_index or any(
            rest_matches(verb, t) for t in self.lexicon.triggers_for(verb.lemma_.lower(), "verb")))
                 if span not in places]
        sentence_root = token.sent.root
        if sentence_root.i != token.i:  # "On 7 May, workers gathered ... to protest": its time; after the
            # clause's own, which may say no day ("police dispersed a second day of protests")
            dates += [span for span in date_spans(doc, sentence_root, None, offset) if span not in dates]
        dates = dates or sentence_dates(token, offset)
        since = any(child.lower_ == "since" for child in (anchor or token).children) or token.head.lower_ == "since" \
            or (trigger.pos == "noun" and token.dep_ in ("nsubj", "nsubjpass")  # "raids have killed 40 since May"
                and any(child.lower_ == "since" and child.dep_ == "prep" for child in token.head.children))
        inherited: tuple[str, ...] = ()
        if since and not sources and trigger.pos == "noun" and token.head.lower_ == "since" and \
                trigger.event_type in ("ASSAULT", "COERCE"):
            # "Iraq has enjoyed calm since the defeat of ISIS": the clause's subject did it (kept by the
            # resolver only when it is a state)
            sources = [t for t in subject_of(token.head.head) if t.i not in {g.i for g in targets}]
            inherited = ("since-subject",) if sources else ()
        threat_if_yes = (trigger.event_type == "ASSAULT" and found.modality == "hypothetical"
                         and asked_and_answered_yes(token))
        trigger_span = span_of(word_start(token), token, offset)  # "shoot-out" whole
        return Frame(
            trigger=trigger_span, event_type=trigger.event_type, mode=mode, sentence=sentence,
            sources=tuple(role(doc, s, offset) for s in dedupe(sources)),
            targets=tuple(role(doc, t, offset) for t in dedupe(targets) if t not in sources),
            places=tuple(places), dates=tuple(dates), wider_places=tuple(wider), modality=found.modality,
            claimant=role(doc, claimant, offset) if claimant is not None else None,
            claim_verb=found.claim_verb, since=since, threat_if_yes=threat_if_yes,
            reasons=(f"trigger:{' '.join(trigger.words)}/{trigger.pos}",) + found.cues + inherited
            + ((f"cameo:{trigger.cameo}",) if trigger.cameo else ())
            + (("content:act",) if acts else ())
            + ((f"done-by:{anchor.lemma_.lower()}",) if anchor is not None else ())
            + (("charged-for",) if trigger.mode in ("arrest", "detain") and charged(token) else ())
            + (("under-investigation",) if under_investigation(token, trigger) else ()),
        )


REFLEXIVES = frozenset({"himself", "herself", "itself", "themselves", "ourselves", "myself", "yourself"})
