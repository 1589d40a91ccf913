"""Who takes part in an event: the phrase of a role, and the sources and targets a plain parse misses."""

from __future__ import annotations

from typing import Any

from brinkwatch.frames.frame import Role
from brinkwatch.frames.triggers import AIMED_PREPS
from brinkwatch.lexicon import Trigger
from brinkwatch.roles import DISPLACED, counted_people, listed_names, subject_of
from brinkwatch.spans import PLACE_PREPS, span_of

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
PRONOUNS = frozenset({"he", "she", "it", "they", "its", "their", "his", "her", "we", "our", "them", "him",
                      "who", "which", "that", "i", "you", "us", "itself", "themselves"})
_DROP_IN_ROLE = {"relcl", "advcl", "punct", "cc", "conj", "acl", "parataxis", "mark", "nummod", "quantmod"}
_KEEP_ACL = {"call", "name", "know", "dub", "label", "describe"}


def faced(verb: Any) -> list[Any]:
    """"mobilised its reserves for a feared war against Azerbaijan", "trained hackers able to strike against
    X": the enemy named in what a force is readied for."""
    readied = [w for c in verb.children if c.dep_ == "prep" and c.lower_ == "for" for w in c.children
               if w.dep_ == "pobj"] + [c for c in verb.children if c.dep_ == "dobj"]
    return [g for w in readied for p in w.subtree if p.dep_ == "prep" and p.lower_ == "against"
            for g in p.children if g.dep_ == "pobj"]


def a_states_ground(place: Any) -> bool:
    """A place named for a state: "Iraq", "Iraqi territory", "a US base"."""
    return place.ent_type_ == "GPE" or any(c.dep_ in ("amod", "compound", "nmod", "poss") and c.ent_type_ in ("GPE", "NORP")
                                           for c in place.children)


def speaker(claimant: Any | None, cues: dict[str, str]) -> Any | None:
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


def issued(noun: Any) -> bool:
    """"issued a declaration", "released a statement": a text put out (one signed is an agreement)."""
    return noun.lemma_.lower() in ISSUED and noun.dep_ == "dobj" and noun.head.lemma_.lower() in PUBLISHING


def issuer(token: Any) -> Any:
    """"issued a statement demanding that ...": the one who issued the text demands, not the text."""
    if token.lemma_.lower() in ISSUED and token.dep_ == "dobj" and token.head.pos_ == "VERB":
        return next(iter(subject_of(token.head)), token)
    return token


def beyond_phrase(noun: Any) -> list[Any]:
    """"granted access to UN investigators", "took control of X", "ended its mediation between A and B": the
    phrase's own noun is no target; whom it is given to, over or between is."""
    if noun.lemma_.lower() in DISPLACED:  # "took in refugees from Syria": the people taken in are helped
        return [noun]
    beyond = [g for c in noun.children if c.dep_ == "prep" and c.lower_ in _GIVEN_TO | AIMED_PREPS | {"between"}
              for o in c.children if o.dep_ == "pobj" and o.ent_type_ not in ("DATE", "TIME")  # ("on Monday")
              for g in (o, *o.conjuncts)]
    if noun.lemma_.lower() in ASKINGS | DECREES:
        # "met the kidnappers' demands", "defied a ban by the army": who asked or decreed is answered or defied
        # (also with the possessive's apostrophe left out: "met the hostage-takers demands")
        beyond += [c for c in noun.children if (c.dep_ == "poss" and c.pos_ != "PRON") or (
            c.dep_ == "compound" and c.tag_ in ("NNS", "NNPS") and c.i + 1 == noun.i)]
        beyond += [g for c in noun.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"
                   for g in c.children if g.dep_ == "pobj"]
    return beyond


def host(noun: Any, trigger: Trigger) -> list[Any]:
    """"will attend the Hangzhou games", "a parade in Paris": the place a visited gathering is held in hosts it."""
    if trigger.event_type != "CONSULT" or trigger.mode != "visit":
        return []
    return [c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN"] + [
        g for c in noun.children if c.dep_ == "prep" and c.lower_ == "in" for g in c.children if g.dep_ == "pobj"]


ASKINGS = frozenset({"demand", "call", "request", "appeal", "plea", "condition", "ultimatum"})
DECREES = frozenset({"ban", "curfew", "order", "embargo", "decree"})


_PRESSURES = ASKINGS | {"pressure", "pressures", "calls", "demands", "appeals", "urging"}


def resisted(token: Any) -> list[Any]:
    """"declined to resign despite pressure from the anti-graft body", "refused, in spite of Washington's
    demands": whose pressure is held out against is the one refused."""
    clauses = [token] + [c for c in token.children if c.dep_ == "xcomp"]
    pressures = [g for clause in clauses for p in clause.children if p.dep_ == "prep" and p.lower_ == "despite"
                 for g in p.children if g.dep_ == "pobj" and g.lemma_.lower() in _PRESSURES]
    return [w for g in pressures for w in [c for c in g.children if c.dep_ == "poss" and c.pos_ != "PRON"] + [
        o for p in g.children if p.dep_ in ("prep", "agent") and p.lower_ in ("by", "from") for o in p.children
        if o.dep_ == "pobj"]]


def phrase_word(token: Any, trigger: Trigger) -> bool:
    """Whether a noun is (or is headed by a compound of) the trigger phrase's own word: "mediation efforts"."""
    return token.lemma_.lower() in trigger.rest or any(
        c.dep_ == "compound" and c.lemma_.lower() in trigger.rest for c in token.children)


def dedupe(tokens: list[Any]) -> list[Any]:
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


def role(doc: Any, head: Any, offset: int) -> Role:
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


def protest_aim(token: Any) -> list[Any]:
    """Whom a protest is aimed at, named in what it shows or opposes: "to express their anger at the Kenyan
    government", "in defiance of the Belarusian authorities", "marched against the junta". Only names and
    their peoples' words count ("the Kenyan government"); a place the protest is held in is where, not whom."""
    holders = [c for c in token.children if c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in _SHOWING or (
        c.dep_ == "prep" and (c.lower_ == "against" or c.lower_ == "in" and any(
            g.dep_ == "pobj" and g.lemma_.lower() in ("defiance", "protest", "opposition") for g in c.children)))]
    # "demanding a referendum on independence from Indonesian rule": whom a people would leave is protested
    left = [o for w in token.subtree if w.lemma_.lower() in _SECESSION for p in w.children
            if p.dep_ == "prep" and p.lower_ == "from" for o in p.children if o.dep_ == "pobj"]
    return [w for holder in holders for w in holder.subtree if w.pos_ in ("NOUN", "PROPN") and w.dep_ != "compound"
            and not _in_subclause(w, holder) and _named(w) and not _placed_under(w, holder)] + [
        w for w in left if _named(w)]


def _named(word: Any) -> bool:
    """A name, or a noun a name or a people's word qualifies ("the Kenyan government")."""
    return (word.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") and word.pos_ == "PROPN") or any(
        c.dep_ in ("amod", "poss", "compound") and (c.ent_type_ in ("GPE", "NORP") or c.pos_ == "PROPN")
        for c in word.children)


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


def across_border(token: Any) -> list[Any]:
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


def owned(weapon: Any) -> bool:
    """Whether a weapon's phrase names whose it is ("Israeli drones", "Hezbollah's rockets")."""
    return any(c.ent_type_ in ("NORP", "GPE", "ORG", "PERSON") or c.dep_ == "poss" or (
        c.dep_ in ("compound", "amod", "nmod") and (c.pos_ == "PROPN" or c.is_title)) for c in weapon.children)
