"""Where and when an event's clause says it happened: candidate place and date spans from the parse.

Candidates come nearest first: the trigger's own place phrases ("in", "near", "outside" ...), then its
light verb's and its participants', the place it acts on ("captured Knin"), where it came from ("from X"),
and only when none of these names a place, the clauses joined to it ("... and wounded two in X", "when
militants hit X"). Dates are DATE entities attached to the event's clause. Pure: spans in, spans out, no
gazetteer and no date parsing here.
"""

from __future__ import annotations

import re

from typing import Any, Callable, Sequence

from .dates import MONTH_WORDS
from .model import Span
from .roles import entity_tokens

# Prepositions that introduce a place or a time, not a participant.
PLACE_PREPS = frozenset({"in", "near", "at", "outside", "inside", "across", "around", "throughout", "from",
                         "into", "onto", "along", "within", "north", "south", "east", "west", "off", "over"})


def span_of(first: Any, last: Any, offset: int) -> Span:
    """The text from one token to another, with offsets into the article (the sentence starts at `offset`)."""
    start = first.idx
    end = last.idx + len(last.text)
    # the tokens' own text: Doc.text would rebuild the whole sentence's string on every call
    return Span(first.doc[first.i:last.i + 1].text, offset + start, offset + end)


# Prepositions whose object may hold the place further in: "during a raid on a house in X", "amid clashes in X";
# "through" and "to" name where a march went ("marched through central Seoul").
_SEARCH_PREPS = PLACE_PREPS | {"on", "during", "amid", "through", "to", "toward", "towards"}
# Where a clause tied to the event says where it happened, when the event's own clause does not:
# "shot dead X and wounded Y in Z", "were killed when militants hit the villages of Z".
_LINKED_MARKS = frozenset({"when", "while", "as", "after"})
# Nouns for places: "the town of X", "Sinjar town", "Grozny's streets", "the Teba neighbourhood".
_PLACE_NOUNS = frozenset({"capital", "city", "town", "village", "province", "region", "border", "district",
                          "governorate", "state", "coast", "north", "south", "east", "west", "outskirts",
                          "neighbourhood", "neighborhood", "suburb", "suburbs", "area", "areas", "street", "streets",
                          "road", "roads", "square", "camp", "island", "port", "settlement", "countryside",
                          "cities", "towns", "villages", "districts", "provinces", "airport", "base", "airbase",
                          "airfield", "desert"})
# Verbs whose object is most often a place.
_TAKING = frozenset({"capture", "recapture", "seize", "overrun", "retake", "liberate", "storm", "besiege", "encircle",
                     "patrol", "occupy", "invade"})
# What is shelled by name is a place too ("shelled Menbij"), whatever the small model's label.
_SHELLING = frozenset({"shell", "bombard"})
# Words of telling: a place hung on them is where the news was told ("a statement ... in Abu Dhabi").
_TELLING = frozenset({"say", "tell", "announce", "statement", "source", "sources", "conference",
                      "briefing", "interview", "communique"})
# What a state fields or holds abroad: a country's name before them says whose, not where ("near a US patrol",
# "handed over to US custody", "the Turkish embassy").
_STATES_OWN = frozenset({"patrol", "convoy", "troop", "force", "soldier", "army", "military", "navy", "jet",
                         "warplane", "aircraft", "plane", "drone", "helicopter", "ship", "warship", "vessel", "custody",
                         "embassy", "consulate", "delegation", "official", "envoy", "diplomat", "unit", "tank"})
# Nouns for a part of a place: "in the vicinity of X", "on the edge of X".
_PART_NOUNS = frozenset({"vicinity", "edge", "center", "centre", "heart", "entrance", "perimeter", "side", "part",
                         "parts", "environs", "periphery", "middle", "rest"})
# Nouns for the people of a place: "residents of X" names a place, whatever the tagger took X for.
_DWELLER_NOUNS = frozenset({"residents", "inhabitants", "villagers", "townspeople", "dwellers"})
# After these a proper noun is taken for a place whatever its entity label ("in Sanaa", tagged a person).
_LOCATIVE = (PLACE_PREPS - {"from"}) | {"through"}
_NOT_PLACES = frozenset({"DATE", "TIME", "PERSON", "ORG", "NORP", "CARDINAL", "QUANTITY", "MONEY", "PERCENT",
                         "ORDINAL"})


# Words of leaving whose "from X" is where the event is.
_LEAVINGS = frozenset({"withdrawal", "pullout", "pull-out", "departure", "exit", "evacuation", "expulsion", "removal",
                       "retreat", "drawdown", "exodus", "flight", "withdraw", "pull", "evacuate", "expel", "deport",
                       "flee", "leave", "remove", "oust", "drive"})


def place_spans(token: Any, anchor: Any | None, targets: list[Any], offset: int) -> list[Span]:
    """Candidate places for the event, nearest to the trigger first: its own place phrases, its light
    verb's and its participants', a place it acts on ("captured Knin", "Grozny's streets were
    patrolled"), where it came from ("from X"), then, when none of these names a place, the clauses
    joined to it."""
    spans = _head_places(token, anchor, targets, offset)
    if spans:
        return spans
    for verb in _linked_verbs(token):
        spans += _head_places(verb, None, [], offset)
    return spans


def _head_places(token: Any, anchor: Any | None, targets: list[Any], offset: int) -> list[Span]:
    spans: list[Span] = []
    origins: list[Span] = []  # "captured from Spain": where it came from, after the place itself
    heads = [token] + ([anchor] if anchor is not None else []) + list(targets)
    for head in heads:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "from" and head.i not in (token.i, getattr(anchor, "i", -1)) \
                    and head.lemma_.lower() not in _LEAVINGS and token.lemma_.lower() not in _LEAVINGS and \
                    any(g.dep_ == "pobj" and g.ent_type_ in ("GPE", "LOC") for g in child.children):
                # "arrested a missionary from Toronto in Egypt": where someone comes from, not where (but "the
                # withdrawal of US troops from Iraq" leaves from there, and "officers from Kenya's riot unit"
                # are of a unit)
                continue
            if child.dep_ == "prep" and child.lower_ in _SEARCH_PREPS:
                found = [p for obj in child.children if obj.dep_ == "pobj" and obj.ent_type_ not in ("DATE", "TIME")
                         for p in place_phrases(obj, offset, locative=child.lower_ in _LOCATIVE)]
                (origins if child.lower_ == "from" else spans).extend(found)
            elif child.dep_ in ("advmod", "amod") and child.lower_ in ("close", "next"):  # "hit X close to Y"
                spans += _close_to(child, offset)
            elif child.dep_ == "agent" and head.i == token.i:  # "wounded by a roadside bomb in X"
                # (but "was attacked by Iran": a state that acts is the doer, not the place)
                spans += [p for obj in child.children if obj.dep_ == "pobj"
                          for p in place_phrases(obj, offset, locative=False)
                          if not (obj.ent_type_ == "GPE" and p.start <= obj.idx + offset < p.end)]
            elif child.dep_ in ("compound", "amod", "npadvmod") and child.ent_type_ in ("GPE", "LOC", "FAC") \
                    and head.i in (token.i, getattr(anchor, "i", -1)):  # "a Mosul market blast", not "US forces"
                spans += place_phrases(child, offset)
    for child in token.children:  # the place acted on: "captured Knin", "the town of X was shelled"
        if child.dep_ == "dobj" and child.ent_type_ not in _NOT_PLACES:
            spans += place_phrases(child, offset)
        elif child.dep_ in ("dobj", "npadvmod") and child.ent_type_ == "DATE" and token.lemma_.lower() in _TAKING:
            # "seized Mosul June 10": the parse took the name for a word of the date after it
            spans += [p for c in child.children if c.dep_ == "compound" and c.ent_type_ in ("GPE", "LOC", "FAC")
                      for p in place_phrases(c, offset, locative=True)]
        elif child.dep_ == "dobj" and token.lemma_.lower() in _TAKING | _SHELLING and child.pos_ == "PROPN" and \
                child.ent_type_ in ("ORG", "PERSON") and not any(c.dep_ == "compound" for c in child.children):
            # what is captured or patrolled is most often a place, whatever the small model's label ("captured
            # Badme", "captured Kismayo", "patrolled Beledweyne"); a one-word name only: "captured
            # Ovidio Guzman", labelled an organisation or a person, is a man
            spans += place_phrases(child, offset, locative=True)
        elif child.dep_ == "nsubjpass" and (child.ent_type_ in ("GPE", "LOC", "FAC")
                                             or child.lemma_.lower() in _PLACE_NOUNS
                                             or any(c.dep_ == "compound" and c.ent_type_ in ("GPE", "LOC", "FAC")
                                                    for c in child.children)):
            # "Grozny's streets were patrolled", "the militia's Benghazi headquarters were destroyed"; not
            # "Noor Jehan was shot"
            spans += place_phrases(child, offset)
    return spans + origins


def _linked_verbs(token: Any) -> list[Any]:
    """Verbs of the clauses coordinated with the trigger's, or subordinate to it by "when", "while", ...
    (with the verbs they govern: "when experts were trying to defuse it on the road in X")."""
    verbs = [c for c in token.conjuncts if c.pos_ in ("VERB", "AUX")]
    for child in token.children:
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _LINKED_MARKS
                                         or m.dep_ == "advmod" and m.lower_ == "when" for m in child.children):
            verbs.append(child)
            verbs += [c for c in child.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
    return verbs


def place_phrases(obj: Any, offset: int, locative: bool = True) -> list[Span]:
    """The apposition first ("the Iraqi capital, X" -> X, then the capital), then the head phrase; a name
    first when the head is one ("Solna, a suburb of Stockholm").
    A phrase must name a place: a place entity, a capitalised name, "the <demonym> capital" or a place noun
    with a name ("Sinjar town"). After a place preposition any proper noun counts ("in Samarra", tagged a
    nationality)."""
    if obj.lower_.rstrip(".") in MONTH_WORDS and any(_is_day(c) for c in obj.children):
        return []  # "on 28 Apr": a date the tagger did not see
    phrase = [obj] + [t for c in obj.children if c.dep_ in ("det", "amod", "compound", "nmod", "poss", "appos")
                      for t in c.subtree]
    # after "in", "near", ... a proper noun is a place whatever the small model's entity label says
    # ("in Sanaa" tagged a person); the gazetteer decides
    excluded = ("DATE", "TIME", "ORG", "PERSON", "NORP")
    if locative and obj.pos_ == "PROPN":  # but "among Croats" names people
        excluded = ("DATE", "TIME", "NORP") if obj.tag_ == "NNPS" else ("DATE", "TIME")
    place_noun = obj.lemma_.lower() in _PLACE_NOUNS or obj.lower_ in _PLACE_NOUNS
    named = any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in phrase) or (
        obj.pos_ == "PROPN" and obj.ent_type_ not in excluded) or (
        # ("in Ma'arrat An Nu'man": a name whose last word the small model took for a common noun)
        locative and obj.pos_ == "NOUN" and obj.ent_type_ not in excluded
        and _titled(obj) and any(t.pos_ == "PROPN" and _titled(t) for t in phrase if t is not obj)) or (
        place_noun and any(t.ent_type_ == "NORP" or (t.dep_ in ("compound", "appos", "poss", "amod")
                                                     and t.pos_ == "PROPN")
                           for t in obj.children)) or (
        # ("the Tulkarm refugee camp": the name hangs on the word before the place noun)
        place_noun and any(t.dep_ == "compound" and t.pos_ == "PROPN"
                           for c in obj.children if c.dep_ == "compound" for t in c.children))
    # ("the regional capital, Grozny", "Grozny's streets", "the X camp")
    name_first = obj.ent_type_ in ("GPE", "LOC", "FAC")
    appositions: list[Span] = []
    for child in obj.children if named else ():
        if child.dep_ == "appos":
            tokens = [t for t in child.subtree if not t.is_punct]
            if tokens:
                appositions.append(span_of(tokens[0], tokens[-1], offset))
    out: list[Span] = [] if name_first else appositions
    tokens = [obj] + [t for c in obj.children if c.dep_ in ("det", "amod", "compound", "nmod", "poss") for t in c.subtree]
    # (a name the parse split, the second word hung on the first as its object: "of Tell Abiad in Raqqa")
    tokens += [c for c in obj.children if c.i == obj.i + 1 and obj.pos_ == c.pos_ == "PROPN" and c.is_title
               and c.dep_ in ("dobj", "npadvmod", "dep")]
    # a name that runs on through "of" is one place: "the Gulf of Aden" is no Aden, "the Line of Control" no Line
    whole = _entity_through_of(obj)
    tokens += [t for t in whole if t.i not in {k.i for k in tokens}]
    tokens.sort(key=lambda t: t.i)
    # ("Sirwah district west of Marib city": the bearing after the name tells where it lies, it is not its name)
    while len(tokens) > 1 and tokens[-1].i >= obj.i and tokens[-1].lower_ in _COMPASS_NAMES \
            and tokens[-1].i + 1 < len(obj.doc) and obj.doc[tokens[-1].i + 1].lower_ == "of":
        tokens.pop()
    if named:
        out.append(span_of(tokens[0], tokens[-1], offset))
        if obj.ent_type_ in ("GPE", "LOC", "FAC") and len(tokens) > 1:  # "the Belarus capital Minsk": Minsk too
            entity = next(e for e in obj.doc.ents if e.start <= obj.i < e.end)
            if entity.start > tokens[0].i:
                out.append(span_of(entity[0], entity[-1], offset))
    if name_first:
        out += appositions
    for child in obj.children if named else ():
        if child.dep_ == "poss" and (child.ent_type_ in ("GPE", "LOC", "FAC") or (place_noun and child.pos_ == "PROPN")):
            # "Borno's Gubio district", "Grozny's streets" (a town the tagger took for a person)
            name = [t for t in child.subtree if t.dep_ != "case" and not t.is_punct]
            out.append(span_of(name[0], name[-1], offset))
    if obj.ent_type_ not in ("GPE", "LOC", "FAC") and obj.lemma_.lower() not in _STATES_OWN:
        # "the Helmand battle", "a Hong Kong hotel": the name inside (but "a US patrol" is no place)
        for child in obj.children:
            if child.dep_ == "compound" and child.ent_type_ in ("GPE", "LOC", "FAC"):
                name = [t for t in child.subtree if t.ent_type_ == child.ent_type_]
                out.append(span_of(name[0], name[-1], offset))
    for child in obj.children:  # "a depot close to Balad air base", "next to the X mosque": where it stands
        if child.dep_ in ("amod", "advmod") and child.lower_ in ("close", "next"):
            out += _close_to(child, offset)
    for child in obj.children:  # "outside the X building in Beirut", "a raid on a house in X": the place inside
        if child.dep_ == "prep" and (child.lower_ in ("in", "of", "near", "on", "at", "outside", "around", "with")
                                     or (child.lower_ == "to" and obj.lower_ in _PART_NOUNS)) \
                and child.i not in {t.i for t in whole}:  # ("near the entrance to X")
            out += [p for g in child.children if g.dep_ == "pobj"  # "the cities of X", not "support of X"
                    for p in place_phrases(g, offset, locative=child.lower_ not in ("of", "with") or place_noun
                                           or obj.lower_ in _PART_NOUNS or obj.lower_ in _DWELLER_NOUNS)]
    return out


def _close_to(word: Any, offset: int) -> list[Span]:
    """The places after "close to" or "next to"."""
    return [p for prep in word.children if prep.dep_ == "prep" and prep.lower_ == "to"
            for obj in prep.children if obj.dep_ == "pobj" for p in place_phrases(obj, offset)]


def _entity_through_of(obj: Any) -> list[Any]:
    """The tokens of a place name the tagger sees as one entity across "of" ("the Gulf of Aden", "the
    Democratic Republic of Congo"), when the parse splits it at "of"; [] otherwise."""
    if obj.ent_type_ not in ("GPE", "LOC", "FAC"):
        return []
    entity = entity_tokens(obj)
    return entity if any(t.lower_ == "of" for t in entity) else []


def sentence_places(token: Any, offset: int, is_event: Callable[[Any], bool] | None = None) -> list[Span]:
    """Places that a place preposition introduces anywhere in the sentence, nearest to the trigger first;
    the resolver reads them when the event's own clause names no place, or only the country. The small
    model often hangs "in X" on the wrong word ("killed a fighter of the brigade in X", "On 3 May, in X,
    gunmen ..."); a place named in the same sentence is still far likelier the event's than the country."""
    found: list[tuple[int, int, Span]] = []
    for word in token.sent:
        # ("residents of X held a vigil": the people of a place say where they are)
        dwelt = word.lower_ == "of" and word.head.lower_ in _DWELLER_NOUNS
        if word.pos_ != "ADP" or (word.lower_ not in _LOCATIVE and not dwelt) or _where_said(word, token) or \
                (is_event is not None and _in_later_clause(word, token, is_event)) or _where_dwelt(word, token):
            continue
        name = _name_after(word)
        for obj in word.children:
            if obj.dep_ == "pobj" and obj.ent_type_ not in ("DATE", "TIME"):
                phrases = place_phrases(obj, offset)
                if len(name) > 1 and name[0].i <= obj.i <= name[-1].i:
                    # "in Foz do Iguacu": a name the parse broke up is read whole, before its pieces
                    whole = span_of(name[0], name[-1], offset)
                    phrases = [whole] + [span for span in phrases if span != whole]
                found += [(abs(word.i - token.i), n, span) for n, span in enumerate(phrases)]
                if phrases:  # "in Musa Khel district, Khost": the area after the comma, should the district be unknown
                    end = max(span.end for span in phrases) - offset
                    after = next((t.i + 1 for t in token.doc if t.idx + len(t.text) == end), None)
                    found += [(abs(word.i - token.i), len(phrases) + n, span)
                              for n, span in enumerate(_comma_areas(token.doc, after, offset))]
        start = name[0].idx + offset if name else None
        if name and not any(span.start <= start < span.end for _, _, span in found):
            # "On 6 May, in Guarenas, Miranda state, drivers protested": the parser hung the clause on "in"
            # (or took a later noun for its object); the capitalised words right after it are its place
            found.append((abs(word.i - token.i), 0, span_of(name[0], name[-1], offset)))
            found += [(abs(word.i - token.i), 1 + n, span)
                      for n, span in enumerate(_comma_areas(token.doc, name[-1].i + 1, offset))]
    found += [(abs(i - token.i), n, span) for i, n, span in _bracketed_areas(token.sent, offset)]
    # "on the road that connects X to Y", "between the towns of X and Y": the first end
    found += [(len(token.doc), 0, span) for span in _route_ends(token.sent, offset)
              if not any(span.start < other.end and other.start < span.end for _, _, other in found)]
    # "On 27 April, in X ward, Y town, Z State, a shell hit ...": the chain of places the sentence opens with,
    # which the small model often parses as the subject
    # (a chain's name that holds a piece the parse kept, "Gaucha" of "Gaucha do Norte", is read too)
    found += [(len(token.doc), n, span) for n, span in enumerate(_opening_chain(token, offset))
              if not any(span.start < other.end and other.start < span.end
                         and not (span.start <= other.start and other.end <= span.end) for _, _, other in found)]
    # last, a place named without a place preposition: "the Raqqa campaign", "a Kabul restaurant", "the
    # city of Aleppo", "a village northeast of Kirkuk"
    found += [(len(token.doc) + abs(name.i - token.i), 0, span) for name, span in _named_sites(token, offset)
              if not any(span.start < other.end and other.start < span.end for _, _, other in found)]
    # and a name with its kind of area after it, however the parse hung it: "raids were reported on Sirwah
    # district west of Marib city"
    found += [(2 * len(token.doc), 0, span) for span in _kind_named_areas(token.sent, offset)
              if not any(span.start < other.end and other.start < span.end for _, _, other in found)]
    # and a town that a place is told from, which the tagger did not see: "a post 8 km west of Ain al Arab city"
    found += [(2 * len(token.doc), 1, span) for span in _compass_named(token.sent, offset)
              if not any(span.start < other.end and other.start < span.end for _, _, other in found)]
    return [span for _, _, span in sorted(found, key=lambda item: (item[0], item[1]))]


# A bearing from a town, as news gives one: "west of", "8 km north-east of" (read here, by the geocoder and by
# the event's place)
# The points of the compass news places things by ("north", "south-west", "northeast")
COMPASS_POINT = r"north-?east|north-?west|south-?east|south-?west|north|south|east|west"
BEARING = rf"(?:\d+(?:\.\d+)?\s*(?:km|kilometres|kilometers|miles)\s+)?(?:{COMPASS_POINT})\s+of\s+"
_COMPASS_NAMED = re.compile(rf"\b{BEARING}(?:the\s+)?(?P<name>[A-Z][\w'\u2019\-]*(?:\s+(?:[A-Z][\w'\u2019\-]*|"
                            r"al|el|ad|ar|as|ash|de|del|do|da))*(?:\s+(?:city|town|village))?)(?=[\s,.;:)]|$)")


def _compass_named(sentence: Any, offset: int) -> list[Span]:
    """Proper names after "north of", "west of" and the like ("east of Samarra", "west of As-Saan in Hama")."""
    spans = []
    for match in _COMPASS_NAMED.finditer(sentence.text):
        begin = sentence.start_char + match.start("name")
        name = sentence.doc.char_span(begin, sentence.start_char + match.end("name"), alignment_mode="expand")
        if name is None or name[0].pos_ != "PROPN" or name[0].ent_type_ in ("DATE", "TIME"):
            continue
        spans.append(Span(match.group("name"), offset + begin, offset + begin + len(match.group("name"))))
    return spans


_KIND_NAMED = re.compile(r"\b(?:[A-Z][\w'\-]*\s+(?:(?:al|el|wa|ash|ad|ar|as|de|del)\s+){0,2}){1,4}"
                         r"(?:district|governorate|province|LGA|municipality|sub-?district|tehsil|woreda|county)\b")


def _kind_named_areas(sentence: Any, offset: int) -> list[Span]:
    """Proper names followed by the kind of area they are ("Khogyani district", "Rafi LGA"; not "Local
    district officials" opening a sentence)."""
    spans = []
    for match in _KIND_NAMED.finditer(sentence.text):
        first = sentence.doc.char_span(sentence.start_char + match.start(), sentence.start_char + match.end(),
                                       alignment_mode="expand")
        if first is None or first[0].pos_ != "PROPN":
            continue
        start = offset + sentence.start_char + match.start()
        spans.append(Span(match.group(), start, start + len(match.group())))
    return spans


_COMPASS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"})
# Nouns a place's name is put before or after ("the Mosul operation", "a Kabul restaurant", "the siege of X",
# "northeast of X"): a site or an operation held there, not an actor ("US forces" names no place).
_SITES = frozenset({"campaign", "operation", "offensive", "battle", "siege", "assault", "raid", "bombing", "blast",
                    "fighting", "front", "frontline", "restaurant", "hotel", "office", "offices", "market", "mosque",
                    "church", "school", "hospital", "embassy", "consulate", "university", "prison", "jail",
                    "station", "headquarters", "compound", "checkpoint", "bridge", "stadium", "neighbourhood",
                    "outskirts", "outskirt", "edge", "residents", "people", "villagers"}) | _COMPASS
_CAMPAIGNS = frozenset({"campaign", "operation", "offensive", "battle", "siege", "front"})


def _named_sites(token: Any, offset: int) -> list[tuple[Any, Span]]:
    """(name token, span) for places in the trigger's sentence named as the site of a thing, not after a
    place preposition; never where the news was told."""
    out = []
    for word in token.sent:
        # (a name the small model took for an organisation, "the Raqqa campaign", is left to the gazetteer)
        if not (word.ent_type_ in ("GPE", "LOC", "FAC") or word.pos_ == "PROPN" and word.ent_type_ in ("ORG", "")
                and word.dep_ == "compound" and word.head.lemma_.lower() in _CAMPAIGNS) \
                or word.dep_ not in ("compound", "pobj") or \
                (word.i + 1 < len(word.doc) and word.doc[word.i + 1].ent_type_ == word.ent_type_ and
                 word.doc[word.i + 1].ent_iob_ == "I"):
            continue  # (the last word of a name speaks for it)
        head = word.head
        if word.dep_ == "pobj":
            if head.lower_ not in ("of", "on") or head.head.lemma_.lower() not in _SITES | _PLACE_NOUNS:
                continue
            compass = head.head
            if compass.lemma_.lower() in _COMPASS and compass.head.lemma_.lower() not in _SITES | _PLACE_NOUNS \
                    and not any(c.dep_ == "npadvmod" or c.ent_type_ == "QUANTITY" for c in compass.children) \
                    and word.lower_ not in _AREA_WORDS:  # ("north of Raqqa province": in the province's north)
                continue  # "a town northeast of X", "50 km northwest of X" are near X; "struck a depot ... north
                # of X" says only the region
        elif head.lemma_.lower() not in _SITES or head.dep_ == "compound":
            continue
        if _where_said(word, token):
            continue  # "according to a Nairobi television station"
        name = entity_tokens(word)
        out.append((word, span_of(name[0], name[-1], offset)))
    return out


# Verbs of where people or things stay: "traders who have lived in Kano for years", "units that keep their
# bases in X".
_DWELLING = frozenset({"live", "reside", "settle", "stay", "base", "station", "own", "shelter"})


def _where_dwelt(word: Any, trigger: Any) -> bool:
    """Whether a place phrase says where someone lives or is based, in a clause of its own below the trigger's
    sentence, not where the event happened."""
    node = word.head
    while node.head.i != node.i and node.i != trigger.i:
        if node.pos_ in ("VERB", "AUX") and node.dep_ in ("relcl", "acl", "advcl", "xcomp", "ccomp", "conj") and (
                node.lemma_.lower() in _DWELLING or node.lemma_.lower() == "have" and any(
                    c.dep_ == "dobj" and c.lemma_.lower() in ("base", "home", "headquarters") for c in node.children)):
            return True
        node = node.head
    return False


# Verbs of harm that go with an attack without being events of their own ("attacked and damaged the offices in X").
_HARMING = frozenset({"damage", "injure", "wound", "hurt", "loot", "ransack", "vandalise", "vandalize", "torch"})


def _in_later_clause(word: Any, trigger: Any, is_event: Callable[[Any], bool]) -> bool:
    """Whether a word sits in a clause coordinated with the trigger's whose verb is no event of its own: "was
    captured in 2019 and now awaits trial for a shooting in X", "was arrested, and appeared before a court in X"
    tell what came after, elsewhere ("were killed and others wounded in X" is one event)."""
    inside = {t.i for t in word.subtree}
    if word.i > 0 and word.doc[word.i - 1].text == "," and all(
            t.is_punct or t.i in inside for t in word.doc[word.i:word.sent.end]):
        return False  # "..., and called for talks, in Kano city.": a closing place is the whole sentence's
    node = word
    while node.head.i != node.i and node.i != trigger.i:
        if node.dep_ == "conj" and node.head.i == trigger.i and node.pos_ in ("VERB", "AUX"):
            return not (is_event(node) or node.lemma_.lower() in _HARMING)
        node = node.head
    return False


def _where_said(prep: Any, trigger: Any) -> bool:
    """Whether a place phrase says where the news was told, not where the event happened: "according to
    sources in Nineveh", "a statement from the ministry in Abu Dhabi", "told a judge in Madrid"."""
    node, steps = prep.head, 0
    while steps < 4 and node.i != trigger.i:  # up through the phrase, not across clauses
        if node.lemma_.lower() in _TELLING or (node.lower_ == "according" and node.dep_ == "prep"):
            return True
        if node.pos_ in ("VERB", "AUX") or node.dep_ not in ("pobj", "prep", "compound", "appos", "nmod") or \
                node.head.i == node.i:
            return False
        node, steps = node.head, steps + 1
    return False


def _name_after(word: Any) -> list[Any]:
    """The run of capitalised words just after a preposition ("in Foz do Iguacu"), if the run ends at
    punctuation; [] otherwise."""
    doc = word.doc
    i = word.i + 1
    if i < len(doc) and doc[i].lower_ == "the":
        i += 1
    name = []
    while i < len(doc) and (_titled(doc[i]) or (
            name and doc[i].lower_ in ("do", "da", "de", "del", "al", "el", "of", "-"))):
        name.append(doc[i])
        i += 1
    while name and not _titled(name[-1]):
        name.pop()
    # (the run ends at punctuation, or at "in" before the area that holds it: "in Ma'arrat An Nu'man in Idleb")
    if not name or (i < len(doc) and not doc[i].is_punct and not (
            doc[i].lower_ == "in" and i + 1 < len(doc) and _titled(doc[i + 1]))) \
            or doc[name[0].i].ent_type_ in ("DATE", "TIME"):
        return []
    return name


def _titled(token: Any) -> bool:
    """A capitalised word, apostrophes and all ("Nu'man", "Ma'arrat", which str.istitle reads as two words)."""
    return token.is_title or (token.text[:1].isupper() and token.text.replace("'", "").replace("\u2019", "").istitle())


# Words that may stand in a bracketed list of areas beside the names ("(Biu LGA, Borno)", "(Red Sea state)").
_AREA_WORDS = frozenset({"district", "province", "state", "region", "county", "lga", "commune", "township",
                         "subdivision", "governorate", "municipality", "department", "prefecture", "division",
                         "sub-district", "subdistrict", "tehsil", "woreda", "oblast", "raion", "rayon", "area", "city",
                         "town", "village", "of", "-", "al", "el", "ad", "ar", "as", "an", "ash", "at", "de", "del",
                         "do", "da", "dos", "das"})


def _area_name(tokens: Sequence[Any]) -> bool:
    """A run of tokens that can be an area's name: capitalised words and area words, not an acronym alone
    ("(IS)", "(AA)" name groups)."""
    words = [t for t in tokens if not t.is_punct or t.text == "-"]
    if not words or not words[0].is_title or all(t.is_upper and len(t) <= 5 for t in words if t.is_alpha):
        return False
    return all(t.is_title or t.lower_ in _AREA_WORDS or t.text == "-" for t in words)


def _bracketed_areas(sentence: Any, offset: int) -> list[tuple[int, int, Span]]:
    """Names listed in brackets, the way reports give the areas around a place: "Debiro (Biu LGA, Borno)",
    "Hit (Anbar)". Each comma-separated part that reads as an area name is a span."""
    out: list[tuple[int, int, Span]] = []
    for word in sentence:
        if word.text != "(":
            continue
        close = next((t.i for t in sentence if t.i > word.i and t.text == ")"), None)
        if close is None or close - word.i > 12:
            continue
        parts: list[list[Any]] = [[]]
        for t in word.doc[word.i + 1:close]:
            if t.text == ",":
                parts.append([])
            else:
                parts[-1].append(t)
        areas = [(n, part) for n, part in enumerate(parts) if _area_name(part)]
        # (a short name closing the list is the state's: "(Haveli district, AJK)", "(Kurnool, AP)")
        if areas and areas[0][0] == 0 and len(parts) > 1 and len(parts[-1]) in (1, 3) and parts[-1][0].is_upper \
                and parts[-1][0].is_alpha and (len(parts[-1]) == 1 or parts[-1][1].text == "&"):
            areas.append((len(parts) - 1, parts[-1]))
        named = _name_before(word) if areas else []
        if named:  # "Redeyef (Gafsa)": the place the brackets locate, which the tagger may not know for one
            out.append((word.i, -1, span_of(named[0], named[-1], offset)))
        out += [(word.i, n, span_of(part[0], part[-1], offset)) for n, part in areas]
    return out


_KIND_WORDS = frozenset({"town", "city", "village", "township", "municipality", "locality", "district",
                         "subdistrict", "subdivision", "tehsil", "commune", "county"})
_NAME_JOINS = frozenset({"de", "do", "da", "del", "al", "el", "ad", "ar", "as", "ash", "at", "an", "wa", "-", "'"})


def _name_before(bracket: Any) -> list[Any]:
    """The capitalised name written right before a bracket ("Ar Rajban (", "Sehwan town ("), at most five words;
    [] when the word before is not a name or the name is a people's ("Kurdish (YPG)")."""
    words: list[Any] = []
    i = bracket.i - 1
    if i > bracket.sent.start and bracket.doc[i].lower_ in _KIND_WORDS and bracket.doc[i - 1].is_title:
        words.append(bracket.doc[i])  # "Sehwan town (Jamshoro, Sindh)"
        i -= 1
    while i >= bracket.sent.start and len(words) < 5 and (
            bracket.doc[i].is_title or words and bracket.doc[i].lower_ in _NAME_JOINS):
        words.insert(0, bracket.doc[i])
        i -= 1
    while words and words[0].lower_ in _NAME_JOINS and not words[0].is_title:
        words.pop(0)
    if not words or any(t.ent_type_ == "NORP" for t in words) or (
            i >= bracket.sent.start and bracket.doc[i].is_title):
        return []
    return words


_ROUTE_END = r"[A-Z][\w'\-]*(?:\s+(?:[A-Z][\w'\-]*|de|del|do|da|al|el)){0,3}"
_ROUTE = re.compile(r"\b(?:(?:road|highway|route|motorway|railway|path)\s+(?:that\s+|which\s+)?(?:connects|connecting|"
                    r"links|linking|joins|joining|from|between)|between\s+the\s+(?:towns?|cities|villages?|"
                    r"localities)\s+of|(?:area|areas|region|zone|countryside|fields|lands)\s+between(?:\s+the)?)"
                    rf"\s+(?P<end>{_ROUTE_END})\s+(?:to|and|with)\s+[A-Z]"
                    # ("between Harim and Sarmada towns")
                    r"|\bbetween\s+(?P<first>" + _ROUTE_END + r")\s+and\s+" + _ROUTE_END +
                    r"\s+(?:towns|villages|cities)\b")


# ("between East and West Berlin": a compass word begins the name of neither end)
_COMPASS_NAMES = _COMPASS | {"central", "northern", "southern", "eastern", "western"}


def _route_ends(sentence: Any, offset: int) -> list[Span]:
    """The first town a route or a "between" names: the road "that connects X to Y", "linking X and
    Y", a clash "between the towns of X and Y", "in the area between X and Y", "between X and Y towns" (not talks
    "between Russia and Ukraine", nor "between East and West Berlin"). The event is somewhere between them; the
    first named is as near as any."""
    spans = []
    for match in _ROUTE.finditer(sentence.text):
        first = "end" if match.group("end") else "first"
        if match.group(first).split()[0].lower() in _COMPASS_NAMES:
            continue
        start = offset + sentence.start_char + match.start(first)
        spans.append(Span(match.group(first), start, start + len(match.group(first))))
    return spans


# A sentence's opening: its date, then "in" and its places, each ending at a comma ("On 27 April 2020, in X ward,
# Y town, Z State, ..."); or, with no preposition, a town and its area ("On 5 May, X, Y state, residents ...").
_CHAIN_NAME = (r"[A-Z][\w'\u2019\-]*(?:\s+(?:[A-Z][\w'\u2019\-]*|de|del|do|da|dos|das|los|las|la|al|el|of|"
               r"ward|town|city|village|community|municipality|department|district|sub-district|subdistrict|"
               r"province|state|region|county|township|neighbou?rhood|area|camp|governorate|colony|subdivision|parish|"
               r"sector|commune|locality|tehsil|canton))*?")
_OPENING_CHAIN = re.compile(r"^(?i:(?:on|around|between|by|as reported on|reported on)\s[^,()]{3,40}?\s*"
                            r"(?:\([^()]{0,30}\))?,\s*)(?P<prep>(?i:in|at|near)\s+(?:the\s+)?)?"
                            rf"(?P<chain>{_CHAIN_NAME}(?:,\s*{_CHAIN_NAME})*),\s+[a-z]")
_CHAIN_AREA = re.compile(r"\s(?:state|province|department|district|governorate|region|county|oblast)$", re.I)


def _opening_chain(token: Any, offset: int) -> list[Span]:
    """The places a sentence opens with, before its clause: "On 27 April 2020, in X ward, Y town, Z State, an
    artillery shell hit ..." gives X ward, Y town and Z State; without "in", only a town and its area ("On 5 May
    2020, X, Y state, residents burned tyres"). Not where the news was told ("In X, officials said ...")."""
    sentence = token.sent
    match = _OPENING_CHAIN.match(sentence.text)
    if match is None:
        return []
    names = [m for m in re.finditer(r"[^,]+", match.group("chain"))]
    if match.group("prep") is None and (len(names) != 2 or not _CHAIN_AREA.search(names[1].group().strip())):
        return []
    start = offset + sentence.start_char + match.start("chain")
    if match.group("prep") is not None:
        prep = next((t for t in sentence if t.idx == sentence.start_char + match.start("prep")), None)
        if prep is not None and _where_said(prep, token):
            return []
    spans = []
    for name in names:
        text = name.group()
        first = start + name.start() + len(text) - len(text.lstrip())
        text = text.strip()
        if not text[:1].isupper() or text.split()[0].lower() in ("the", "a", "an"):
            return []  # ("On 2 May, in the evening, ...", "In March, Reuters reported ...")
        spans.append(Span(text, first, first + len(text)))
    return spans


def _comma_areas(doc: Any, end: int | None, offset: int) -> list[Span]:
    """The names after the commas that close a place phrase ("Musa Khel district, Khost.", "Paletwa
    Township, Mindat District, Chin State, ..."), each ending at punctuation."""
    out: list[Span] = []
    if end is not None and end < len(doc) and doc[end].text == "(":  # "Zadran (Girda Chiri) district, Paktia"
        close = next((t.i for t in doc[end:end + 10] if t.text == ")"), None)
        end = close + 1 if close is not None else end
        while end < len(doc) and doc[end].lower_ in _AREA_WORDS:
            end += 1
    while end is not None and end < len(doc) and doc[end].text == ",":
        stop = end + 1
        while stop < len(doc) and (doc[stop].is_title or doc[stop].lower_ in _AREA_WORDS) and not doc[stop].is_punct:
            stop += 1
        name = list(doc[end + 1:stop])
        # (the last may run on into the sentence: "at Taksim square, Beyoglu, Istanbul on the occasion of")
        if not name or (stop < len(doc) and not doc[stop].is_punct and not (
                out and doc[stop].pos_ in ("ADP", "CCONJ", "SCONJ"))) or not _area_name(name):
            break
        out.append(span_of(name[0], name[-1], offset))
        end = stop
    return out


_DAY_WORDS = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|tonight|"
                        r"last night|overnight)\b", re.IGNORECASE)


# Verbs whose date is the report's: "As reported on 2 May, ...", "Reported on 28 April, a bomb ..."
_REPORTING = frozenset({"report", "say", "announce", "claim", "confirm", "state", "tell", "add"})


def sentence_dates(token: Any, offset: int) -> list[Span]:
    """For an event whose clause and main clause name no date: the date that opens the sentence ("On 2 May
    2020, ...", which sets the time of all it tells), then the dates of its reporting clauses ("As reported
    on 2 May, ..."; a report dates what it tells at the latest, and is nearer than the publication date)."""
    doc, sentence = token.doc, token.sent
    found = []
    for entity in doc.ents:
        if entity.label_ == "DATE" and sentence.start <= entity.start <= sentence.start + 4 \
                and entity.end <= sentence.end:
            found.append((-1, _date_span(entity, sentence.start, offset)))
            break
    for verb in sentence:
        if verb.lemma_.lower() in _REPORTING and verb.pos_ == "VERB" and verb.i != token.i:
            found += [(abs(verb.i - token.i), span) for span in date_spans(doc, verb, None, offset)]
    return [span for _, span in sorted(found, key=lambda pair: pair[0])]


def _is_day(token: Any) -> bool:
    return token.text.isdigit() and 1 <= int(token.text) <= 31


def _date_span(entity: Any, first: int, offset: int) -> Span:
    """A DATE entity with the day, or day and month, the tagger left out before it ("Around 2 May 2020",
    "On 28 Apr 2020": it may tag only "2020"), going back no further than token `first`."""
    doc = entity.doc
    start = entity.start
    while start > max(first, entity.start - 2) and (
            _is_day(doc[start - 1]) or doc[start - 1].lower_.rstrip(".") in MONTH_WORDS):
        start -= 1
    begin = doc[start].idx
    return Span(doc.text[begin:entity.end_char], offset + begin, offset + entity.end_char)


def date_spans(doc: Any, token: Any, anchor: Any | None, offset: int) -> list[Span]:
    """DATE entities whose clause is the event's clause, nearest first."""
    anchors = {token.i} | ({anchor.i} if anchor is not None else set())
    found: list[tuple[int, Span]] = []
    for ent in doc.ents:
        # the tagger calls "Monday night" and "last night" a TIME: a day told with its part
        if ent.label_ != "DATE" and not (ent.label_ == "TIME" and _DAY_WORDS.search(ent.text)):
            continue
        node = ent.root
        steps = 0
        while node.i not in anchors and node.head.i != node.i and steps < 6:
            node = node.head
            steps += 1
            if node.pos_ in ("VERB", "AUX") and node.i not in anchors:
                break
        if node.i in anchors:
            found.append((steps, _date_span(ent, 0, offset)))
    return [span for _, span in sorted(found, key=lambda pair: pair[0])]


def main_verb(token: Any) -> Any | None:
    """The sentence's main verb when the trigger is one of its own arguments (no other clause between)."""
    node = token
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX") and node.head.i != node.i:
            return None
    return node if node.i != token.i else None


_TELLERS = re.compile(r"\b(?:officials?|sources?|diplomats?|correspondents?|reporters?|journalists?|spokes(?:man|woman|"
                      r"person)|agency|agencies|monitors?|observers?|analysts?|residents|witnesses) in (?:neighbou?ring |"
                      r"the )?$", re.I)
_TOLD = re.compile(r"^[^.;:]{0,30}?\b(?:said|says|say|told|reported|reports|quoted)\b", re.I)


def told_from(text: str, start: int, end: int) -> bool:
    """Whether a name is where the tellers of the news are ("relief officials in Nairobi said")."""
    return bool(_TELLERS.search(text[max(0, start - 50):start]) and _TOLD.match(text[end:end + 50]))


def came_from(text: str, start: int) -> bool:
    """Whether a name is where people came from ("migrants, mostly from Afghanistan", "refugees from Syria"):
    their origin, which says nothing of where the news happens."""
    return bool(_ORIGIN.search(text[max(0, start - 60):start]))


_ORIGIN = re.compile(r"\b(?:migrants?|refugees?|asylum[- ]seekers?|immigrants?|nationals|pilgrims|returnees|"
                     r"deportees|evacuees)\b[^.;:]{0,25}\bfrom\s+(?:the\s+)?$", re.I)


def after_place_word(text: str, start: int) -> bool:
    """Whether the word before a name is a place preposition ("in Tripoli", "near Tripoli")."""
    before = text[max(0, start - 20):start].split()
    return bool(before) and before[-1].lower() in PLACE_PREPS
