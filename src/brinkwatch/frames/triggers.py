"""Which words open an event: a trigger's phrase and requirements, and triggers that only carry or restate another."""

from __future__ import annotations

from typing import Any, Iterator

from brinkwatch.lexicon import Lexicon, Trigger
from brinkwatch.roles import hyphen_prefix, participle, subject_of

# Objects that make "host" or "receive" a presence rather than a meeting.
STATIONED = frozenset({"troop", "troops", "force", "forces", "soldier", "base", "refugee", "missile", "weapon"})
# Instrument modes of munitions that fall, land or explode (a plane that lands is no attack).
MUNITIONS = frozenset({"heavy-weapons", "explosives", "grenade"})
# Working people whose "strike" with no object is a walkout (PLOVER PROTEST strike).
WORKERS = frozenset({"worker", "teacher", "doctor", "nurse", "miner", "driver", "employee", "union", "staff", "docker",
                     "pilot", "trucker", "labourer", "laborer", "physician", "lecturer", "porter"})
LABOUR_STRIKE = Trigger(("strike",), "verb", "PROTEST", "strike", "", ())
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


def rest_matches(token: Any, trigger: Trigger) -> bool:
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


def requirements_met(token: Any, trigger: Trigger, lexicon: Lexicon) -> bool:
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
                participle(token) and instrument(token.head, lexicon.instruments) is None)):
            return True  # "soldiers killed in the attack": the participle's object is the noun it modifies
        if need == "claim" and any(  # "residents gathered outside the hotel, demanding ...": a protest
                c.dep_ in ("advcl", "xcomp", "conj") and lexicon.cues.get(c.lemma_.lower()) == "claim"
                for c in token.children):
            return True
        if need == "weapon" and any(  # "shells fell on the market": a munition (not a plane) as subject
                c.dep_ in ("nsubj", "nsubjpass") and instrument(c, lexicon.instruments) in MUNITIONS
                for c in token.children):
            return True
        if need == "fired" and _fired(token):
            return True
        if need == "armed" and _armed(token, lexicon.instruments):
            return True
        if need == "target" and _aimed(token, trigger, lexicon):
            return True
        if need == "other" and others_act(token) and not (trigger.event_type == "CONCEDE" and any(
                c.dep_ in ("ccomp", "xcomp") and c.lemma_.lower() in _STATES for c in token.children)):
            # "Washington wants Baghdad to expel the militias"; but "will not allow Iraq to become a battleground"
            # lets no one do anything
            return True
        if need == "intransitive" and not deps & {"dobj", "nsubjpass", "auxpass"}:
            return True  # "the crowd dispersed from the embassy", not "police dispersed the crowd"
    return not trigger.requires


def spoken_protest(verb: Any) -> bool:
    """"protested that the vote was rigged", "..., the group protested": what is protested is a clause told,
    so the protest is said, not marched."""
    # (not "rallied outside parliament, protesting that ...": the rally's claim; nor "protested demanding
    # payments that the state owes": an object protested for)
    return verb.lemma_.lower() == "protest" and verb.dep_ in ("ROOT", "conj") and not any(
        c.dep_ == "dobj" for c in verb.children) and any(
        c.dep_ == "ccomp" and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children) for c in verb.children)


def walkout(verb: Any) -> bool:
    """ "Teachers will strike next week": the verb "strike" with no object and working people as subject is a
    strike, not an attack."""
    return verb.lemma_.lower() == "strike" and not any(c.dep_ in ("dobj", "nsubjpass", "auxpass") for c in verb.children) \
        and any(c.dep_ == "nsubj" and c.lemma_.lower() in WORKERS for c in verb.children)


def misnamed(token: Any) -> bool:
    """A common noun that opens the sentence and that the tagger alone took for a name ("Protests could
    spread ...")."""
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return token.pos_ == "NOUN" and token.i == token.sent.start and token.ent_iob_ == "B" and \
        (following is None or following.ent_iob_ != "I") and token.lemma_.islower()


_STATES = frozenset({"be", "become", "remain", "turn", "stay", "fall", "go", "happen", "continue", "serve"})


def others_act(verb: Any) -> list[Any]:
    """The doers of a "to" clause that has its own subject: "wants Baghdad to expel X" -> Baghdad."""
    return [s for c in verb.children if c.dep_ in ("ccomp", "xcomp") and any(a.dep_ == "aux" and a.lower_ == "to"
                                                                             for a in c.children)
            for s in c.children if s.dep_ == "nsubj"]


def setting(noun: Any, trigger: Trigger, by_index: dict[int, Trigger]) -> bool:
    """Whether a meeting noun only says when or where another event happened ("met X at the summit", "did
    not meet X during the Paris summit", "signed the deal at the talks")."""
    if trigger.pos != "noun" or trigger.event_type != "CONSULT" or noun.dep_ != "pobj" or \
            noun.head.lower_ not in ("during", "at", "on", "after", "before", "ahead"):
        return False
    verb = noun.head.head
    return verb.i in by_index and verb.i != noun.i


def restates(noun: Any, trigger: Trigger, by_index: dict[int, Trigger]) -> bool:
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
    if own and all(instrument(o, lexicon.instruments) is None for o in own):
        return any(c.dep_ == "prep" and c.lower_ in AIMED_PREPS and not _only_when(c) for c in children)
    return any((c.dep_ == "prep" and c.lower_ in AIMED_PREPS) or (c.dep_ == "dobj" and c.lemma_.lower() not in trigger.rest)
               for c in children) or bool(struck_by(verb))


def struck_by(verb: Any) -> list[Any]:
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


def light(verb: Any, trigger: Trigger, by_index: dict[int, Trigger]) -> bool:
    """Whether a verb only carries the event its object names ("launched strikes"). Not a phrase the lexicon
    lists as an event that overrides its noun: "declared a ceasefire" is a concession, not the truce."""
    return trigger.pos == "verb" and verb.lemma_.lower() in LIGHT_VERBS and \
        not (trigger.rest and trigger.complement == "suppress") and _noun_trigger_object(verb, by_index)


def light_verb(noun: Any) -> Any | None:
    """The verb whose subject does the nominal event: "X launched strikes", "strikes were carried out by X"."""
    head = noun.head
    if noun.lemma_.lower() in PEOPLE_NOUNS:
        return None  # "troops held the protesters away": people, not an event someone carries out
    if noun.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB" and head.lemma_.lower() in LIGHT_VERBS:
        return head
    if noun.dep_ == "conj" and head.i != noun.i:
        return light_verb(head)  # "imposed asset freezes and travel bans": the bans share the verb
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.lemma_.lower() == "responsibility":
        verb = head.head.head
        return verb if verb.pos_ == "VERB" else None
    if noun.dep_ == "pobj" and head.lower_ == "of" and _amount(head.head):
        return light_verb(head.head)  # "gave Sri Lanka 30 million dollars of aid": the amount is given
    return None


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


def warns_of_another(token: Any, trigger: Trigger, by_index: dict[int, Trigger]) -> bool:
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


def complement_indices(token: Any, by_index: dict[int, Trigger]) -> Iterator[int]:
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


FIRING_VERBS = frozenset({"fire", "ring", "hear", "exchange", "trade", "shoot"})


def _armed(verb: Any, instruments: dict[str, str]) -> bool:
    """Whether what the verb fires is a weapon or is fired at someone: "fired mortars", "fired IFVs and
    grenade launchers at X", "fired at the convoy"; not "fired the manager"."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "conj", "prep")]
    for word in (w for c in objects for w in c.subtree):
        if instrument(word, instruments) is not None or (
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


def instrument(word: Any, instruments: dict[str, str]) -> str | None:
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
