"""Who does what to whom: the source and target tokens of a trigger, read from the dependency parse.

Verbs give subjects, agents, objects and the objects of target prepositions; nouns give possessors,
modifiers and "by"/"of"/"against" phrases, or the subject of their light verb; a verb the tagger misread
falls back to word order. Coordinations, relative pronouns, quantifiers ("dozens of X") and documents
("a law in the parliament") are resolved to the tokens that stand for actors.
"""

from __future__ import annotations

from typing import Any

# Verbs of fighting whose other side comes after "with".
RECIPROCAL_FIGHTING = frozenset({"clash", "fight", "battle", "exchange", "skirmish", "firefight", "gunfight",
                                 "shootout", "shoot-out", "gunbattle"})
TARGET_PREPS = {
    "ASSAULT": {"on", "against", "at", "upon"}, "SANCTION": {"on", "against", "from"}, "COERCE": {"on", "against"},
    "THREATEN": {"against"}, "ACCUSE": {"against"}, "PROTEST": {"against", "outside"},
    "REQUEST": {"on", "from"}, "CONSULT": {"with"}, "AGREE": {"with"}, "COOPERATE": {"with", "to"},
    "AID": {"to", "for"}, "SUPPORT": {"for"}, "REJECT": {"from"}, "RETREAT": {"from"}, "MOBILIZE": {"against"},
    "CONCEDE": {"to"},
}
# Passives that describe the subject's own stance ("is committed to", "is determined to").
STATE_PASSIVES = frozenset({"commit", "determine", "dedicate", "prepare", "resolve", "devote", "oppose"})
# Verbs of receiving, and the events whose giver they turn into the source ("received aid from X").
RECEIVING = frozenset({"receive", "obtain", "get", "accept"})
GIVEN = frozenset({"AID", "AGREE", "SUPPORT"})
# Verbs of giving: whoever something is given "to" receives it, whatever the event.
GIVING = frozenset({"give", "offer", "extend", "accord", "grant", "pay", "hand"})
# Verbs that draw their object into a nominal event after "in" ("engaged the army in a gunfight").
ENGAGING = frozenset({"engage", "embroil", "draw", "drag", "lock"})
# Fights between two sides: the "with" phrase is the other side ("a firefight with rebels").
MUTUAL_FIGHTS = RECIPROCAL_FIGHTING | {"fighting", "confrontation"}
# What was fired, not whom: "bursts of fire", "shots of gunfire".
FIRE_WORDS = frozenset({"fire", "gunfire"})
# Words of the instrument table that name people who carry the weapon: actors, not weapons.
WIELDERS = frozenset({"gunman", "gunmen", "sniper", "snipers"})
# For these nominal events the `of` phrase is the actor ("withdrawal of US troops").
OF_IS_SOURCE = frozenset({"RETREAT", "PROTEST", "MOBILIZE", "AID", "SUPPORT", "AGREE", "CONSULT", "COOPERATE"})
# "X reiterated its demand": verbs that restate what their subject said before
RESTATING = frozenset({"reiterate", "repeat", "reaffirm", "restate", "renew", "stress"})
# Acts that take one's own people away from a country: "recalled its ambassadors from X", "withdrew troops from X"
LEFT_BEHIND = frozenset({"SANCTION", "RETREAT"})
# Answers to what someone asked: who asked, after "from", is the target
ANSWERED = frozenset({"CONCEDE", "REJECT"})
# A go-between's work: the sides "between" whom it is done are its targets, not a source and a target
MEDIATIONS = frozenset({"mediation", "mediator", "shuttle", "intercession", "go-between"})
# People a state takes in are its aid given, not something it receives ("accepted refugees from Iraq")
DISPLACED = frozenset({"refugee", "migrant", "asylum-seeker", "evacuee", "exile"})
# Complaints and demands made to someone: the object of the verb they are the purpose of is who hears them
ADDRESSED = frozenset({"ACCUSE", "REQUEST"})
# "a treaty of friendship", "an accord of cooperation": what follows "of" is the pact's content, not a party
PACTS = frozenset({"treaty", "pact", "accord", "agreement", "deal", "memorandum", "charter", "convention", "protocol"})


def subject_of(verb: Any) -> list[Any]:
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            return [child] + list(child.conjuncts)
    return []


def _inherited_subject(verb: Any) -> list[Any]:
    """Subject for a verb without one: the antecedent of a relative clause, the controller of an
    infinitive, the first conjunct's subject, or the noun an -ing clause modifies."""
    seen = 0
    node = verb
    climbed = None  # the link we came up by
    while seen < 4:
        seen += 1
        subject = subject_of(node)
        if subject:
            return subject
        if climbed in ("xcomp", "conj"):  # "X is expected / set / due to ...": the raised subject of a passive
            # or copula; not through an adverbial: in "were killed in shelling" the dead did not shell
            raised = [c for c in node.children if c.dep_ == "nsubjpass"]
            if raised:
                return raised + list(raised[0].conjuncts)
        if node.dep_ in ("relcl", "acl") and node.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return [node.head]
        if node.dep_ in ("xcomp", "conj", "advcl", "acomp") and node.head.i != node.i:
            climbed = node.dep_
            node = node.head
            continue
        controller = _prep_controller(node)
        if controller is not None:  # "stopped short of blaming X", "refrained from attacking"
            climbed = "pcomp"
            node = controller
            continue
        break
    return []


def wielder(token: Any) -> bool:
    """ "Gunmen", "snipers": words of the instrument table that tell the mode and are people all the same."""
    return token.lemma_.lower() in WIELDERS or token.lower_ in WIELDERS


def _weapon_word(token: Any, instruments: dict[str, str]) -> bool:
    """A weapon, not a person."""
    return token.lemma_.lower() in instruments and not wielder(token)


def _prep_controller(verb: Any) -> Any | None:
    """The verb whose subject does what an -ing clause after its preposition says: "stopped short of
    blaming", "refrained from attacking", "by attacking". Not across an object ("accused X of attacking":
    X attacks, and X is a role of "accused" already)."""
    if verb.dep_ != "pcomp" or verb.head.dep_ != "prep" or verb.tag_ != "VBG":
        return None
    head = verb.head.head
    if head.pos_ == "ADV" and head.dep_ == "advmod":  # "stopped short of"
        head = head.head
    if head.pos_ not in ("VERB", "AUX") or any(c.dep_ in ("dobj", "dative", "nsubjpass") for c in head.children):
        return None
    return head


def _stray_agent(verb: Any) -> list[Any]:
    """"was accused of selling donated food by aid officials": the parse hangs the passive's "by" on the
    active -ing clause after it, where it cannot be an agent; it is the passive verb's."""
    return [g for p in verb.children if p.dep_ == "prep" and p.lower_ in ("of", "for")
            for c in p.children if c.dep_ == "pcomp" and c.tag_ == "VBG"
            and not any(a.dep_ == "auxpass" for a in c.children)
            for b in c.children if b.dep_ == "prep" and b.lower_ == "by"
            for g in b.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")
            and g.ent_type_ not in ("DATE", "TIME")]


def verb_roles(verb: Any, event_type: str, instruments: dict[str, str]) -> tuple[list[Any], list[Any]]:
    sources: list[Any] = []
    targets: list[Any] = []
    # "soldiers killed in the attack": a past participle modifying a noun is a passive whose subject is the noun
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or participle(verb)
    for child in verb.children:
        if child.dep_ == "nsubjpass" and not _weapon_word(child, instruments):
            targets += [child] + list(child.conjuncts)  # "the drone was launched": the drone is no target
        elif child.dep_ == "agent":
            sources += [g for g in child.children if g.dep_ == "pobj"]
        elif child.dep_ == "dative" and child.pos_ == "ADP":  # "gave a welcome to X": the object of "to"
            targets += [g for g in child.children if g.dep_ == "pobj"]
        elif child.dep_ in ("dobj", "dative", "iobj") and not _weapon_word(child, instruments):
            targets += [child] + list(child.conjuncts)  # "fired missiles at X": the missiles are no target
        elif child.dep_ == "dobj" and event_type == "ASSAULT":
            # "hurled stones and petrol bombs at X": the parse may hang "at X" on the weapons
            targets += [g for weapon in [child, *child.conjuncts] for prep in weapon.children
                        if prep.dep_ == "prep" and prep.lower_ in ("at", "on", "against", "upon")
                        for g in prep.children if g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME")]
        elif child.dep_ == "prep" and (child.lower_ in TARGET_PREPS.get(event_type, ()) or (
                child.lower_ == "with" and verb.lemma_.lower() in RECIPROCAL_FIGHTING) or (
                child.lower_ == "to" and verb.lemma_.lower() in GIVING)):  # "extended a welcome on Monday to X"
            targets += [g for g in child.children if g.dep_ == "pobj"]  # "clashed with X": X is the other side
    if not targets and not passive:
        targets = _up_to_count(verb)
    left = [g for t in targets if t.dep_ == "dobj" for p in t.children if p.dep_ == "prep" and p.lower_ == "from"
            for o in p.children if o.dep_ == "pobj" for g in (o, *o.conjuncts)] if event_type in LEFT_BEHIND else []
    if left:  # "recalled its ambassadors from Poland": the country left is the target, not one's own envoys
        targets = [t for t in targets if not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in t.children)] + left
    if event_type in ANSWERED and not passive:
        # "accepted demands from the rebels", "dismissed an appeal from the president": who asked is the target
        targets += [g for g in _givers(verb) if g.i not in {t.i for t in targets}]
    if verb.lemma_.lower() in RECEIVING and event_type in GIVEN and not passive and not _takes_people(verb) and (
            verb.lemma_.lower() != "accept" or _givers(verb)):
        # "Kurdish fighters received weapons from the US": the giver acts, the receiver is the target (but
        # "accepted the plan" is the acceptor's own agreement)
        return [s for g in _givers(verb) for s in _expand_conj(g)], subject_of(verb) or _inherited_subject(verb)
    if passive and verb.lemma_.lower() in STATE_PASSIVES and not sources:
        # "Vietnam is committed to opening its economy": a state, not a deed done to Vietnam
        sources = [t for t in targets if t.dep_ == "nsubjpass"] or [
            c for c in verb.children if c.dep_ == "nsubjpass"]
        targets = [t for t in targets if t.i not in {s.i for s in sources}] + [
            g for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" for g in c.children if g.dep_ == "pobj"]
    if passive and not sources and verb.pos_ == "VERB" and not participle(verb):
        sources = _stray_agent(verb)
    if not passive:
        sources = subject_of(verb) + sources or _inherited_subject(verb)
    elif not targets and verb.dep_ in ("relcl", "acl") and not _weapon_word(verb.head, instruments):
        targets = [verb.head]  # "the soldiers killed in the attack"; "missiles fired at X" are no target
    blamed = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "on" and verb.lemma_.lower() == "blame"
              for g in c.children if g.dep_ == "pobj"]
    if blamed:  # "blamed the attack on Iran", "an attack that Washington blamed on Iran": Iran is accused
        targets = [g for b in blamed for g in _expand_conj(b)]
    # relative pronouns stand for their antecedent
    if verb.dep_ == "relcl":
        antecedent = verb.head
        sources = [antecedent if s.lower_ in ("which", "who", "that") else s for s in sources]
        targets = [antecedent if t.lower_ in ("which", "who", "whom", "that") else t for t in targets]
    called_in = verb.dep_ == "advcl" or verb.dep_ == "xcomp" and verb.head.lemma_.lower() == "summon"
    if event_type in ADDRESSED and called_in and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and \
            not any(t.dep_ in ("dobj", "dative") and t.head.i == verb.i for t in targets):
        # "summoned the ambassador to complain about X": the one called in is the one complained to (what
        # the complaint is of or about is its content)
        targets = [c for c in verb.head.children if c.dep_ == "dobj" and not _weapon_word(c, instruments)] or targets
    sources = [s for t in sources for s in _expand_conj(t) if s.i not in {g.i for g in targets}]
    sources, targets = _drop_places(sources), _drop_places(targets)
    if verb.lemma_.lower() in RECIPROCAL_FIGHTING and not targets and len(sources) > 1:
        sources, targets = sources[:1], sources[1:]  # "Chinese and Indian troops clashed": one side each
    return _ordered_by(sources, targets)


def _givers(verb: Any) -> list[Any]:
    """The objects of "from" on a verb of receiving or on its object ("received weapons from X")."""
    heads = [verb] + [c for c in verb.children if c.dep_ == "dobj"]
    return [g for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "from"
            for g in c.children if g.dep_ == "pobj"]


def _up_to_count(verb: Any) -> list[Any]:
    """'kidnapped up to 16 advisers': the parser reads "up" as a particle and the count as the object of "to"."""
    ups = [c for c in verb.children if c.lower_ == "up" and c.dep_ in ("prt", "advmod", "prep")]
    return [g for up in ups for to in up.children if to.dep_ == "prep" and to.lower_ == "to"
            for g in to.children if g.dep_ == "pobj" and any(c.dep_ == "nummod" for c in g.children)]


def participle(verb: Any) -> bool:
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN", "PRON")


def linear_roles(token: Any) -> tuple[list[Any], list[Any]]:
    """Roles by word order, for a verb the parser misread: the names just before it are the
    subject; after "which"/"who", the object is the noun before the relative pronoun."""
    doc = token.doc
    sources: list[Any] = []
    i = token.i - 1
    while i >= 0 and (doc[i].ent_type_ in ("GPE", "NORP", "ORG", "PERSON") or doc[i].lower_ in ("and", "the", ",")):
        if doc[i].ent_iob_ == "B":
            sources.append(doc[i].ent.root if hasattr(doc[i], "ent") else doc[i])
        i -= 1
    sources = [doc[e.end - 1] for e in doc.ents if e.start > i and e.end <= token.i and e.label_ in ("GPE", "NORP", "ORG", "PERSON")]
    targets: list[Any] = []
    if i >= 0 and doc[i].lower_ in ("which", "who", "whom", "that"):
        j = i - 1
        while j >= 0 and doc[j].is_punct:
            j -= 1
        if j >= 0:
            targets.append(doc[j])
    return sources, targets


def noun_roles(noun: Any, event_type: str, anchor: Any | None) -> tuple[list[Any], list[Any]]:
    sources: list[Any] = []
    targets: list[Any] = []
    modifiers = [g for c in noun.children if c.dep_ == "compound" for g in c.children if g.dep_ in ("amod", "compound")]
    # "lodged a protest / filed a complaint with X": X is the one complained to
    lodged = anchor is not None and anchor.lemma_.lower() in ("lodge", "file", "register") and \
        event_type in ("PROTEST", "ACCUSE")
    # "undertook a mediation mission between A and B": what the mission is between, the mediation is between
    carried = [c for c in noun.head.children if c.dep_ == "prep" and c.lower_ == "between"] \
        if noun.dep_ == "compound" and noun.head.pos_ == "NOUN" else []
    for child in list(noun.children) + modifiers + carried:
        if child.dep_ == "poss":
            sources.append(child)
        elif child.dep_ in ("amod", "compound", "nmod") and (child.ent_type_ in ("NORP", "GPE", "ORG", "PERSON")
                                                            or (child.is_title and child.i > 0) or child.is_upper):
            sources.append(child)
        elif child.dep_ == "prep":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            objects += [c for o in objects for c in o.conjuncts]
            word = child.lower_
            if word == "by":
                sources += objects
            elif word == "of" and event_type in OF_IS_SOURCE:
                # "a grant of 580 million shillings": an amount, not the giver
                sources += [o for o in objects if not any(c.dep_ in ("nummod", "quantmod") or c.like_num
                                                          for c in o.children) and not o.like_num
                            and not (noun.lemma_.lower() in PACTS and _bare_abstract(o))]
            elif word == "of":
                targets += [o for o in objects if o.lemma_.lower() not in FIRE_WORDS]
            elif word == "between" and objects and noun.lemma_.lower() in MEDIATIONS:
                targets += objects  # "mediation between A and B": the mediator is someone else
            elif word == "between" and objects:
                sources.append(objects[0])
                targets += objects[1:]
            elif word in TARGET_PREPS.get(event_type, ()) or (word == "with" and (lodged or _mutual(noun, event_type))):
                targets += objects
        elif child.dep_ == "acl" and child.lemma_.lower() in ("target", "against", "hit"):
            targets += [g for g in child.children if g.dep_ == "dobj"]
    # "X is acting as a mediator between A and B": the copula's subject acts
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "as" else noun.head
    acting = subject_of(verb) or (_inherited_subject(verb) if verb.dep_ == "conj" else [])  # "... and is acting as"
    if noun.dep_ in ("attr", "pobj") and verb.lemma_.lower() in ("be", "act", "serve", "work") and acting:
        targets += sources
        sources = acting
    if anchor is not None and sources and all(s.pos_ == "PRON" and s.dep_ == "poss" for s in sources):
        sources = []  # "X conducted their first patrol": X, not "their"
    elif sources and all(s.pos_ == "PRON" and s.dep_ == "poss" for s in sources):
        # "X insisted on its demand", "X reiterated its call": the pronoun is the subject of the verb it hangs on
        verb = noun.head.head if noun.dep_ == "pobj" else noun.head if noun.dep_ == "dobj" and \
            noun.head.lemma_.lower() in RESTATING else None
        sources = (subject_of(verb) if verb is not None and verb.pos_ == "VERB" else []) or sources
    if anchor is not None and not sources:
        if any(c.dep_ == "auxpass" for c in anchor.children):
            sources = [g for c in anchor.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        else:
            sources = subject_of(anchor) or _inherited_subject(anchor)
    sources = [s for s in sources if s.i != noun.i]  # "clashes erupted": the noun is not its own actor
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in RECEIVING and event_type in GIVEN and \
            event_type != "AGREE":  # "accepted the agreement" is the acceptor's
        givers = _givers(noun.head) or [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "from"
                                        for g in c.children if g.dep_ == "pobj"]
        if givers:  # "the army received military aid from Egypt"
            return [s for g in givers for s in _expand_conj(g)], subject_of(noun.head) or _inherited_subject(noun.head)
    engaging = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "in" else None
    if not sources and engaging is not None and engaging.lemma_.lower() in ENGAGING:
        # "X engaged Y in a firefight": the subject of "engage" fights its object
        # ("were engaged in ethnic cleansing": the passive's subject is the one engaged)
        sources = subject_of(engaging) or [c for c in engaging.children if c.dep_ == "nsubjpass"] or \
            _inherited_subject(engaging)
        targets += [g for c in engaging.children if c.dep_ == "dobj" for g in [c, *c.conjuncts]]
        if _mutual(noun, event_type):  # "X engaged in a fire fight with Y"
            targets += [g for c in engaging.children if c.dep_ == "prep" and c.lower_ == "with"
                        for g in c.children if g.dep_ == "pobj"]
    host = anchor if anchor is not None else (noun.head if noun.dep_ == "nsubj" else loose_subject(noun))
    for child in host.children if host is not None and not sources else ():
        if child.dep_ == "prep" and child.lower_ == "between":  # "clashes erupted between A and B"
            objects = [g for g in child.children if g.dep_ == "pobj"]
            objects += [c for o in objects for c in o.conjuncts]
            sources, targets = objects[:1], targets + objects[1:]
    if anchor is not None:
        for child in anchor.children:
            if child.dep_ == "prep" and (child.lower_ in TARGET_PREPS.get(event_type, ()) or (
                    child.lower_ == "with" and lodged)):
                targets += [g for g in child.children if g.dep_ == "pobj"]
            if child.dep_ == "dative":  # "sent a warning to X": the object of "to"
                targets += [g for g in child.children if g.dep_ == "pobj"] if child.pos_ == "ADP" else [child]
    if not sources and noun.dep_ in ("nsubj",) and noun.head.lemma_.lower() in ("kill", "hit", "target", "destroy", "wound"):
        pass  # "a strike killed X": the verb carries its own event; this noun keeps no source
    sources = [s for t in sources for s in _expand_conj(t) if s.i not in {g.i for g in targets}]
    return _ordered_by(_drop_places(sources), _drop_places(targets))


def _bare_abstract(token: Any) -> bool:
    """A lower-case singular noun with nothing on it ("friendship", "cooperation"): a pact's subject matter."""
    return token.tag_ == "NN" and token.is_lower and not any(
        c.dep_ in ("det", "poss", "amod", "compound", "nummod") for c in token.children)


def word_start(token: Any) -> Any:
    """The first token of the hyphenated word that ends at this token (the token itself if none)."""
    doc, start = token.doc, token.i
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ and \
            not doc[start - 2].whitespace_ and doc[start - 2].is_alpha:
        start -= 2
    return doc[start]


def hyphen_part(token: Any) -> bool:
    """Whether this token is a non-final part of a word written with a hyphen ("shoot" in "shoot-out")."""
    doc = token.doc
    return (token.i + 2 < len(doc) and not token.whitespace_ and doc[token.i + 1].text == "-"
            and not doc[token.i + 1].whitespace_ and doc[token.i + 2].is_alpha)


def hyphen_prefix(token: Any) -> str:
    """When the tokenizer split a word at hyphens and this is its last part, what comes before it
    ("shoot-" for "out" in "shoot-outs"); else empty."""
    doc, start = token.doc, word_start(token).i
    if start == token.i or hyphen_part(token):
        return ""
    return "".join(t.text for t in doc[start:token.i]).lower()


def loose_subject(noun: Any) -> Any | None:
    """The verb a noun is the subject of when the parser hung it elsewhere: "in Itaborai, Rio de Janeiro, a
    shoot-out broke out", where the noun is read as an apposition and the verb right after it has no subject
    but, at most, the name the noun is hung on."""
    doc = noun.doc
    verb = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    if noun.dep_ != "appos" or verb is None or verb.pos_ != "VERB" or verb.tag_ not in ("VBD", "VBZ", "VBP") or \
            any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i != noun.head.i for c in verb.children):
        return None
    return verb


def _mutual(noun: Any, event_type: str) -> bool:
    """Whether the noun is a fight between two sides ("a clash with", "a fire fight with")."""
    return event_type == "ASSAULT" and (noun.lemma_.lower() in MUTUAL_FIGHTS
                                        or hyphen_prefix(noun) + noun.lemma_.lower() in MUTUAL_FIGHTS)


def listed_names(token: Any) -> list[Any]:
    """Names the parser hung on a name as appositions that are a list ("the US, Russia, and Switzerland"):
    an apposition that is a name of the same kind, and the names coordinated with it."""
    if not token.ent_type_ or token.ent_type_ in ("DATE", "TIME", "CARDINAL"):
        return []
    listed = [c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.ent_type_ == token.ent_type_]
    return [n for c in listed for n in [c, *c.conjuncts]]


def entity_tokens(token: Any) -> list[Any]:
    """The tokens of the named entity that holds this token (the token alone outside an entity)."""
    if token.ent_iob_ not in ("B", "I"):
        return [token]
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return list(doc[start:end])


def _expand_conj(token: Any) -> list[Any]:
    """Coordinated actors: "X and Y" gives both; "Russian and Turkish soldiers" gives "Russian" beside the
    phrase (whose span then starts at the last adjective); a name's parts share its conjuncts ("Barack
    Obama and Vladimir Putin", where the parser hangs "Putin" on "Obama")."""
    mates = entity_tokens(token)
    out = [token] + [c for t in mates for c in t.conjuncts if c.i > t.i and c.i not in {m.i for m in mates}]
    out += [n for n in listed_names(token) if n.i not in {o.i for o in out}]
    for child in token.children:
        named = child.ent_type_ in ("NORP", "GPE")
        if named and (child.dep_ == "amod" or (  # "US and British activists": the parser makes "US" a compound
                child.dep_ in ("compound", "nmod") and any(c.ent_type_ in ("NORP", "GPE") for c in child.conjuncts))):
            group = sorted([child] + [c for c in child.conjuncts if c.ent_type_ in ("NORP", "GPE")], key=lambda t: t.i)
            out += group[:-1]  # the last adjective is inside the phrase already
    return out


_QUANTIFIERS = frozenset({"one", "some", "several", "many", "dozens", "hundreds", "thousands", "most", "all", "two",
                          "three", "four", "five", "part", "members", "number", "group", "rest", "each", "both"})
# Words for texts and decisions: their actor is in an attached phrase ("a law in the Iraqi parliament").
_DOCUMENT_NOUNS = frozenset({"law", "bill", "resolution", "report", "statement", "decision", "motion", "decree",
                             "vote", "communique", "declaration", "letter", "order", "ruling", "verdict", "proposal"})


# What a sanction freezes or seizes stands for its owner.
_HOLDINGS = frozenset({"asset", "assets", "property", "account", "fund", "funds", "holding", "holdings", "wealth",
                       # and a side's sites stand for it when attacked ("the positions of the militia")
                       "camp", "camps", "base", "bases", "position", "positions", "hideout", "hideouts", "post",
                       "posts", "outpost", "outposts", "stronghold", "strongholds", "checkpoint", "checkpoints",
                       "headquarters"})
# Participles that name a thing's owner, who stands for it in a role ("vehicles belonging to X").
_OWNING = frozenset({"belong", "own", "use", "run", "operate", "hold", "control"})


def _drop_places(tokens: list[Any]) -> list[Any]:
    """Replace quantifiers, documents and owned things by what they stand for; drop dates and numbers."""
    out = []
    for token in tokens:
        owners = [g for acl in token.children if acl.dep_ == "acl" and acl.lemma_.lower() in _OWNING
                  for c in acl.children if c.dep_ in ("prep", "agent") and c.lower_ in ("to", "by")
                  for g in c.children if g.dep_ == "pobj"]
        if owners and token.ent_type_ == "":  # "vehicles belonging to the PMF", "a depot used by the PMF"
            out.extend(owners)
            continue
        if token.lemma_.lower() in _HOLDINGS:  # "froze the assets of three ministers", "the ministers' assets"
            owners = [c for c in token.children if c.dep_ == "poss" and c.pos_ != "PRON"] + [
                g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
            if owners:
                out.extend(owners)
                continue
        if token.lower_ in _QUANTIFIERS or token.lemma_.lower() in _DOCUMENT_NOUNS:
            preps = ("of",) if token.lower_ in _QUANTIFIERS else ("in", "by", "from", "of")
            inner = [g for c in token.children if c.dep_ == "prep" and c.lower_ in preps
                     for g in c.children if g.dep_ == "pobj"]
            if inner:
                out.extend(inner)
                continue
        if counted_people(token):
            out.append(_counted_before(token) or token)
            continue
        if token.ent_type_ not in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"):
            out.append(token)
            continue
        # "met with President Bashar Assad Tuesday": the parser made the day the head of the name
        named = [c for c in token.children if c.dep_ == "compound" and c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")]
        if named:
            out.append(named[-1])
    return out


# Verbs that take people away: a bare count as their object or subject counts people ("arresting 12", "nine
# were abducted"). Not the toll of an attack ("one was wounded"), which ACLED's notes tell of whoever was hit.
_TAKEN = frozenset({"arrest", "detain", "abduct", "kidnap"})


def counted_people(token: Any) -> bool:
    """"arresting 12", "nine were abducted": a count that stands alone for the people a verb takes away."""
    return token.pos_ == "NUM" and token.dep_ in ("dobj", "nsubjpass") and not any(
        c.dep_ in ("prep", "compound", "amod") for c in token.children) and \
        token.head.lemma_.lower() in _TAKEN


def _counted_before(count: Any) -> Any | None:
    """"killing 5 militants and arresting 8": the people counted last before a bare count are what it counts
    ("killing one person and arresting 12" counts others)."""
    return next((t for t in reversed(list(count.sent[:count.i - count.sent.start]))
                 if t.tag_ in ("NNS", "NNPS") and t.ent_type_ not in ("DATE", "TIME", "MONEY", "QUANTITY")
                 and any(c.dep_ == "nummod" for c in t.children)), None)


def _takes_people(verb: Any) -> bool:
    return any(c.dep_ == "dobj" and c.lemma_.lower() in DISPLACED for c in verb.children)


# "at the direction of X", "on the orders of X": X ordered it; the order is no target
ORDERING = frozenset({"direction", "order", "behest", "instruction", "command"})


def _ordered_by(sources: list[Any], targets: list[Any]) -> tuple[list[Any], list[Any]]:
    orders = [t for t in targets if t.lemma_.lower() in ORDERING and t.dep_ == "pobj"]
    if not orders:
        return sources, targets
    givers = [g for t in orders for p in t.children if p.dep_ == "prep" and p.lower_ == "of"
              for g in p.children if g.dep_ == "pobj"]
    return sources or givers, [t for t in targets if t not in orders]

