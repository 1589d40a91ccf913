"""Modality (asserted, negated, hypothetical, future) and attribution (who claims it), from the parse.

Both walk from the trigger up through the clauses that govern it. Each cue word comes from
data/cues.csv: modal auxiliaries, negators, conditional conjunctions, verbs of intention, denial,
desire and reporting. The walk stops at a reporting verb: "X said Y would attack" takes its modality
from "would attack", and "said" makes X the claimant.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Clause links the walk climbs. Other links (e.g. an adjective's head) end the walk.
_CLIMB = {"xcomp", "ccomp", "advcl", "acl", "conj", "pobj", "prep", "dobj", "pcomp", "attr", "oprd", "acomp",
          "compound", "amod", "nsubj", "nsubjpass", "csubj"}
# A subject takes the modality of its predicate only when the predicate merely says that it happens.
_EXISTENTIAL = {"be", "occur", "happen", "come", "erupt", "break", "take", "start", "begin", "continue", "follow", "lead",
                "resume", "spread", "escalate", "intensify", "persist"}
# Prepositions through which the governing clause's modality reaches a nominal event.
# "denied any role in the attack": the attack is what the role is in
_PARTICIPATION = {"role", "involvement", "part", "hand", "responsibility", "participation"}
_PREP_CLIMB = {"to", "into", "of", "for", "toward", "towards", "about", "over"}
# Verbs that ready forces: what they are readied "for" has not happened yet
_READYING = {"mobilise", "mobilize", "mass", "train", "arm", "equip", "brace", "muster", "stockpile", "gear"}
# "asked if X would attack": "if" asks whether, it supposes nothing
_ASKING = {"ask", "wonder", "question", "know", "see", "check", "decide", "determine", "doubt"}
_RANK = {"negated": 3, "hypothetical": 2, "future": 1, "asserted": 0}
_PAST = {"say": "said", "tell": "told", "add": "added", "state": "stated", "claim": "claimed", "confirm": "confirmed",
         "report": "reported", "announce": "announced", "insist": "insisted", "allege": "alleged", "reveal": "revealed",
         "note": "noted", "write": "wrote", "explain": "explained", "acknowledge": "acknowledged",
         "declare": "declared", "reply": "replied", "answer": "answered", "tweet": "tweeted", "deny": "denied",
         "believe": "believes", "think": "thinks", "dismiss": "dismissed"}


@dataclass(frozen=True, slots=True)
class Status:
    modality: str
    cues: tuple[str, ...]  # the words that decided it, for `brinkwatch explain`
    claimant: Any | None  # spaCy token heading the claimant phrase
    claim_verb: str | None


def _own_cues(token: Any, cues: dict[str, str], is_trigger: bool) -> list[tuple[str, str, int]]:
    """Cue words attached directly to one clause head: (kind, word, index of the cue token)."""
    found: list[tuple[str, str, int]] = []
    for child in token.children:
        word = child.lower_
        lemma = child.lemma_.lower()
        if child.dep_ == "neg" or (child.dep_ == "det" and word == "no") or (
                child.dep_ in ("nsubj", "nsubjpass") and word in ("none", "nobody", "nothing", "neither")):
            found.append(("negated", word, child.i))
        elif is_trigger and child.dep_ in ("nsubj", "nsubjpass", "dobj") and any(
                g.dep_ in ("det", "preconj") and g.lower_ in ("no", "neither") for g in child.children):
            negator = next(g for g in child.children if g.dep_ in ("det", "preconj") and g.lower_ in ("no", "neither"))
            found.append(("negated", f"{child.lower_}:no", negator.i))  # "no deal was signed", "neither side rejected"
        elif child.dep_ in ("aux", "auxpass") and cues.get(word) in ("hypothetical", "future"):
            found.append((cues[word], word, child.i))
        elif child.dep_ == "aux" and lemma == "be" and any(g.lower_ == "going" for g in token.ancestors):
            found.append(("future", "going to", child.i))
        elif child.dep_ == "mark" and cues.get(word) == "hypothetical":
            found.append(("hypothetical", word, child.i))
        elif child.dep_ in ("amod", "advmod") and cues.get(lemma) in ("future", "hypothetical", "negated"):
            if lemma in ("next", "upcoming", "future", "possible", "potential", "likely", "unlikely", "never"):
                found.append((cues[lemma], word, child.i))
    lemma = token.lemma_.lower()
    if not is_trigger and cues.get(lemma) in ("negated", "hypothetical", "future") and token.pos_ in ("VERB", "ADJ", "NOUN", "AUX"):
        if lemma not in ("no", "not", "never", "if", "unless", "whether", "next", "will", "would", "can", "could",
                         "may", "might", "should", "must", "shall"):
            found.append((cues[lemma], lemma, token.i))
    return found


def status(trigger: Any, cues: dict[str, str], anchor: Any | None = None) -> Status:
    """Modality and attribution of the event whose trigger (or light-verb anchor) is given."""
    found: list[tuple[str, str, int]] = []
    claimant = None
    claim_verb = None
    node = anchor if anchor is not None else trigger
    found += _own_cues(trigger, cues, True) if anchor is not None else []
    first = True
    conditional = False
    # "will not release the tanker seized by its navy": a participle that tells what was done keeps its tense
    done = False
    while True:
        own = _own_cues(node, cues, first)
        # "will not take in refugees if fighting spreads": what the condition supposes is not what is refused
        found += [cue for cue in own if not (conditional and cue[0] == "negated") and not done]
        done = done or (node.dep_ == "acl" and node.tag_ == "VBN" and node.i == trigger.i)
        if not conditional and node.dep_ == "advcl" and node.head.lemma_.lower() not in _ASKING and any(
                kind == "hypothetical" and node.doc[index].dep_ == "mark" for kind, _, index in own):
            conditional = True  # the event is a condition someone supposes, no one's stated intention
            found.append(("hypothetical", "condition", -1))
        first = False
        head = node.head
        if head.i == node.i or (node.dep_ not in _CLIMB and not _short_of(node)):
            break
        if node.dep_ in ("nsubj", "nsubjpass", "csubj") and head.lemma_.lower() not in _EXISTENTIAL:
            break
        if node.dep_ == "prep" and node.lower_ not in _PREP_CLIMB and not (
                node.lower_ == "in" and head.lemma_.lower() in _PARTICIPATION) and not (
                node.lower_ == "from" and any(c.dep_ == "pcomp" for c in node.children)):
            break  # (but "refrained from attacking": the -ing clause takes the modality of the verb it hangs on)
        if node.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in node.children):
            break  # a coordinated clause with its own subject keeps its own modality
        if node.dep_ == "conj" and node.tag_ in ("VBD", "VBZ", "VBP") and head.tag_ == "VB":
            break  # "said it would impose sanctions and asked NATO to help": "asked" has its own tense
        if _short_of(node):
            found.append(("negated", "short of", node.i))  # "stopped short of blaming", "fell short of agreeing"
        if node.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_.lower() in _READYING:
            found.append(("future", "readied for", head.i))  # "mobilised its reserves for a war": not yet fought
        lemma = head.lemma_.lower()
        if cues.get(lemma) == "reporting" and node.dep_ in ("ccomp", "xcomp", "conj", "advcl", "dobj"):
            claimant = _subject(head) or _conj_subject(head)
            claim_verb = _PAST.get(lemma, lemma)
            if node.dep_ == "ccomp" and head.tag_ == "VBD" and not _supposes(node):
                # "announced it would ban trade": the "will" of what was said, told in the past, not a supposition
                found = [("future", "would", index) if (kind, word) == ("hypothetical", "would")
                         else (kind, word, index) for kind, word, index in found]
            break
        if lemma == "deny" and head.pos_ == "VERB":
            found.append(("negated", "denied", head.i))
            claimant = _subject(head)
            claim_verb = "denied"
            break
        node = head
    root = node
    # '"...," said X': the reporting verb hangs below the clause that holds the event.
    if claimant is None:
        for child in root.children:
            # not an adverbial clause: "hours after the United States said ..." tells when, not who claims
            if child.dep_ in ("parataxis", "ccomp") and cues.get(child.lemma_.lower()) == "reporting":
                subject = _subject(child)
                if subject is not None and child.i > trigger.i:
                    claimant, claim_verb = subject, _PAST.get(child.lemma_.lower(), child.lemma_.lower())
                    break
    if claimant is None:
        # "..., Human Rights Watch charged on Monday": the parser hung the closing reporting verb on the name
        for token in root.subtree:
            if token.dep_ == "acl" and token.tag_ in ("VBD", "VBN") and token.i > trigger.i and \
                    token.head.pos_ == "PROPN" and cues.get(token.lemma_.lower()) == "reporting" and \
                    token.head.left_edge.i > 0 and \
                    token.doc[token.head.left_edge.i - 1].lower_ == ",":
                claimant, claim_verb = token.head, _PAST.get(token.lemma_.lower(), token.lemma_.lower())
                break
    if claimant is None:
        for token in trigger.doc:
            if token.lower_ == "according" and token.nbor(1).lower_ == "to" if token.i + 1 < len(token.doc) else False:
                objects = [c for c in token.nbor(1).children if c.dep_ == "pobj"]
                if objects:
                    claimant, claim_verb = objects[0], "according to"
                    break
    if trigger.doc.text.rstrip().rstrip('"”\'').endswith("?"):
        found.append(("hypothetical", "?", -1))
    # Two negations cancel ("unable to avoid", "did not deny"); otherwise the strongest cue wins.
    # one negator seen from both the light verb and its noun ("issued no warnings") counts once
    found = list({index: (kind, word, index) for kind, word, index in found if index >= 0}.values()) + [
        cue for cue in found if cue[2] < 0]
    negations = sum(1 for kind, _, _ in found if kind == "negated")
    modality = "asserted"
    for kind, _, _ in found:
        if kind == "negated" and negations % 2 == 0:
            continue
        if _RANK[kind] > _RANK[modality]:
            modality = kind
    return Status(modality, tuple(f"{kind}:{word}" for kind, word, _ in found), claimant, claim_verb)


def _supposes(clause: Any) -> bool:
    """Whether a clause or one below it is under a condition ("would attack if there were war")."""
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for t in clause.subtree for c in t.children)


def _short_of(node: Any) -> bool:
    return node.dep_ == "advmod" and node.lower_ == "short" and node.head.lemma_.lower() in ("stop", "fall")


def _subject(verb: Any) -> Any | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    return None


def _conj_subject(verb: Any) -> Any | None:
    """'X confirmed ... and claimed ...': the second verb shares the first one's subject."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
        subject = _subject(verb)
        if subject is not None:
            return subject
    return None
