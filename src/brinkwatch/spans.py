"""Where and when an event's clause says it happened: candidate place and date spans from the parse.

Candidates come nearest first: the trigger's own place phrases ("in", "near", "outside" ...), then its
light verb's and its participants'; dates are DATE entities attached to the event's clause. Pure: spans
in, spans out, no gazetteer and no date parsing here.
"""

from __future__ import annotations

from typing import Any

from .model import Span

# Prepositions that introduce a place or a time, not a participant.
PLACE_PREPS = frozenset({"in", "near", "at", "outside", "inside", "across", "around", "throughout", "from",
                         "into", "onto", "along", "within", "north", "south", "east", "west", "off", "over"})


def span_of(first: Any, last: Any, offset: int) -> Span:
    """The text from one token to another, with offsets into the article (the sentence starts at `offset`)."""
    start = first.idx
    end = last.idx + len(last.text)
    return Span(first.doc.text[start:end], offset + start, offset + end)


def place_spans(token: Any, anchor: Any | None, targets: list[Any], offset: int) -> list[Span]:
    """Candidate places for the event, nearest to the trigger first."""
    spans: list[Span] = []
    heads = [token] + ([anchor] if anchor is not None else []) + list(targets)
    for head in heads:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in PLACE_PREPS | {"on"}:
                for obj in (g for g in child.children if g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME")):
                    spans += place_phrases(obj, offset)
            elif child.dep_ in ("compound", "amod", "npadvmod") and child.ent_type_ in ("GPE", "LOC", "FAC") \
                    and head.i in (token.i, getattr(anchor, "i", -1)):  # "a Mosul market blast", not "US forces"
                spans += place_phrases(child, offset)
    return spans


_PLACE_NOUNS = frozenset({"capital", "city", "town", "village", "province", "region", "border", "district",
                          "governorate", "state", "coast", "north", "south", "east", "west", "outskirts"})


def place_phrases(obj: Any, offset: int) -> list[Span]:
    """The apposition first ("the Iraqi capital, X" -> X, then the capital), then the head phrase.
    A phrase must name a place: a place entity, a capitalised name, or "the <demonym> capital"."""
    phrase = [obj] + [t for c in obj.children if c.dep_ in ("det", "amod", "compound", "nmod", "poss", "appos")
                      for t in c.subtree]
    named = any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in phrase) or (
        obj.pos_ == "PROPN" and obj.ent_type_ not in ("DATE", "TIME", "ORG", "PERSON", "NORP")) or (
        obj.lemma_.lower() in _PLACE_NOUNS and any(t.ent_type_ == "NORP" for t in obj.children))
    out: list[Span] = []
    for child in obj.children if named else ():
        if child.dep_ == "appos":
            tokens = [t for t in child.subtree if not t.is_punct]
            if tokens:
                out.append(span_of(tokens[0], tokens[-1], offset))
    tokens = [obj] + [t for c in obj.children if c.dep_ in ("det", "amod", "compound", "nmod", "poss") for t in c.subtree]
    tokens.sort(key=lambda t: t.i)
    if named:
        out.append(span_of(tokens[0], tokens[-1], offset))
    for child in obj.children if named else ():
        if child.dep_ == "poss" and child.ent_type_ in ("GPE", "LOC", "FAC"):  # "Borno's Gubio district"
            name = [t for t in child.subtree if t.dep_ != "case" and not t.is_punct]
            out.append(span_of(name[0], name[-1], offset))
    for child in obj.children:  # "outside the X building in Beirut": the town inside the phrase
        if child.dep_ == "prep" and child.lower_ in ("in", "of", "near"):
            out += [p for g in child.children if g.dep_ == "pobj" for p in place_phrases(g, offset)]
    return out


def date_spans(doc: Any, token: Any, anchor: Any | None, offset: int) -> list[Span]:
    """DATE entities whose clause is the event's clause, nearest first."""
    anchors = {token.i} | ({anchor.i} if anchor is not None else set())
    found: list[tuple[int, Span]] = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        node = ent.root
        steps = 0
        while node.i not in anchors and node.head.i != node.i and steps < 6:
            node = node.head
            steps += 1
            if node.pos_ in ("VERB", "AUX") and node.i not in anchors:
                break
        if node.i in anchors:
            start = ent.start
            if start > 0 and doc[start - 1].like_num and doc[start - 1].text.isdigit() and int(doc[start - 1].text) <= 31:
                start -= 1  # "Around 2 May 2020": the tagger may leave the day out of the date
            first = doc[start]
            found.append((steps, Span(doc.text[first.idx:ent.end_char], offset + first.idx, offset + ent.end_char)))
    return [span for _, span in sorted(found, key=lambda pair: pair[0])]


def main_verb(token: Any) -> Any | None:
    """The sentence's main verb when the trigger is one of its own arguments (no other clause between)."""
    node = token
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX") and node.head.i != node.i:
            return None
    return node if node.i != token.i else None
