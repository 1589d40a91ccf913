"""The extraction pipeline: article in, events out.

Stages declare what they `require` and `assign`; the pipeline checks at construction that every
requirement is assigned by an earlier stage, and names the missing one. Heavy resources (the spaCy
model, the gazetteer, the actor base) are loaded by `Pipeline.from_settings()`, never at import.
"""

from __future__ import annotations

import re
from collections import Counter
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Any, Iterable, Protocol, Sequence

from .acled_coding import AcledCoder
from .document import DocumentMerger
from .errors import PipelineError
from .frames import Frame, FrameFinder
from .lexicon import Lexicon
from .geoparse import (PLACE_LABELS, area_abbreviations, chained_areas, mislabelled_place, names_currency,
                       place_names, well_known)
from .model import Actor, Article, Event, Span
from .nlp import ParsedSentence, SentenceParser, load_model
from .resolve import EventResolver, as_riot, stanced
from .spans import after_place_word, came_from, told_from

CODER_VERSION = "0.1.0"


@dataclass
class Work:
    """What the stages know about one article while it is being read; stays inside one process."""

    article: Article
    sentences: list[tuple[int, int]] = field(default_factory=list)  # every sentence's span, parsed or not
    parsed: list[ParsedSentence] = field(default_factory=list)
    mentions: list[Actor] = field(default_factory=list)
    focus: list[str] = field(default_factory=list)
    frames: list[Frame] = field(default_factory=list)
    drafts: list[Event] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, work: Work) -> None: ...


class ParseStage:
    name = "parse"
    requires: tuple[str, ...] = ()
    assigns = ("parse",)

    def __init__(self, parser: SentenceParser, budget: float | None = None) -> None:
        self.parser = parser
        self.budget = budget  # seconds per article; None: no limit

    def __call__(self, work: Work) -> None:
        work.sentences = self.parser.sentences(work.article.text)
        work.parsed = self.parser.parse(work.article.text, work.sentences, budget=self.budget,
                                        name=work.article.origin or work.article.id)


_AREA_LIST = re.compile(r"\w\s*\(\s*[A-Z][^()]*,\s*$")


class MentionStage:
    """Every known actor named in the text, and the article's focus countries."""

    name = "mentions"
    requires: tuple[str, ...] = ()
    assigns = ("mentions",)

    def __init__(self, actors: Any, geocoder: Any | None = None) -> None:
        self.actors = actors
        self.geocoder = geocoder

    def __call__(self, work: Work) -> None:
        text = work.article.text
        # ("in Kovvur town (West Godaveri, AP)": the last of a bracketed list of areas is a state's short name,
        # not the news agency)
        mentions = [m for m in self.actors.find_mentions(text, date=work.article.published)
                    if not (text[m.end:m.end + 1] == ")" and _AREA_LIST.search(text, max(0, m.start - 60), m.start))]
        # "a UK-based group" says where an organisation sits, not what the article is about
        # and "aid officials in Nairobi said" says where the news was told, not where it happened
        # (a stance toward a state says nothing of where the story is, "pro-Russian protesters in Moldova"; one
        # toward a party of one country mostly does: "pro-Houthi forces" fight in Yemen)
        counted = [m for m in mentions if m.country
                   and not text[m.end:m.end + 7].lower().startswith(("-based", " based"))
                   and not told_from(text, m.start, m.end) and not (stanced(text, m) and m.actor_id == m.country)
                   and not came_from(text, m.start)]
        towns = self._towns(text, counted)
        work.mentions = [m for m in mentions if m not in towns]
        counts = Counter(m.country for m in counted if m not in towns)
        work.focus = [country for country, _ in counts.most_common(3)]

    def _towns(self, text: str, mentions: list[Actor]) -> list[Actor]:
        """"a curfew in Tripoli" in a story about Lebanon: a seat of power named as where something happens,
        which the gazetteer, given the article's other countries, places in one of them: a town there, not
        the state of another country (Libya)."""
        if self.geocoder is None:
            return []
        seats = [m for m in mentions if m.actor_id == m.country and after_place_word(text, m.start)
                 and m.text in getattr(self.actors.base.get(m.country), "metonyms", ())]
        names = set()
        for seat in seats:
            others = [c for c, _ in Counter(m.country for m in mentions if m.country != seat.country).most_common(3)]
            place = self.geocoder.resolve(seat.text, seat.start, seat.end, focus_countries=others) if others else None
            if place is not None and place.country in others:
                names.add(seat.text)
        # one sense per article: "the streets of Tripoli" is then the same town
        return [m for m in mentions if m.text in names and m.actor_id == m.country]


class FrameStage:
    name = "frames"
    requires = ("parse",)
    assigns = ("frames",)

    def __init__(self, finder: FrameFinder) -> None:
        self.finder = finder

    def __call__(self, work: Work) -> None:
        work.frames = [frame for sentence in work.parsed for frame in self.finder.find(sentence.doc, sentence.start)]


class ResolveStage:
    name = "resolve"
    requires = ("frames", "mentions")
    assigns = ("drafts",)

    def __init__(self, resolver: EventResolver, parser: SentenceParser | None = None) -> None:
        self.resolver = resolver
        self.parser = parser

    def __call__(self, work: Work) -> None:
        text = work.article.text
        # The article's other place names: the tagger's in the sentences that name an event (parsed whatever
        # the filter), capitalised names after "in", "near", ... in the others, which are not parsed; so the
        # events do not depend on how many sentences were parsed.
        named = self.parser.names_an_event if self.parser is not None else (lambda sentence: True)
        places = [Span(entity.text, sentence.start + entity.start_char, sentence.start + entity.end_char)
                  for sentence in work.parsed if named(sentence.doc.text) for entity in sentence.doc.ents
                  if entity.label_ in PLACE_LABELS and not names_currency(entity)]
        places += [span for start, end in work.sentences if not named(text[start:end])
                   for span in place_names(text, start, end)]
        # (and the place a parsed sentence opens with, which the tagger often cuts short or misses: "On 30 April,
        # in Ribeirao das Neves, Minas Gerais, police ..."; elsewhere in it, a province or a large town the tagger
        # missed: "in Kafr Nassij in Dar'a")
        parsed = [(start, end) for start, end in work.sentences if named(text[start:end])]
        places += [span for start, end in parsed for span in place_names(text, start, end, opening_only=True)]
        gazetteer = getattr(self.resolver.geocoder, "gazetteer", None)
        if gazetteer is not None:
            # (a place the tagger labelled an organisation or a person: "Russian rockets hit Odessa")
            places += _apart([Span(entity.text, sentence.start + entity.start_char, sentence.start + entity.end_char)
                              for sentence in work.parsed if named(sentence.doc.text) for entity in sentence.doc.ents
                              if mislabelled_place(entity, gazetteer)], places)
            places += _apart([span for start, end in parsed for span in place_names(text, start, end)
                              if well_known(span.text, gazetteer, cities=True, articles=True)], places)
            # (and an area or a large city a word of going names: "moved to Crete")
            places += _apart([span for start, end in parsed for span in place_names(text, start, end, toward=True)
                              if well_known(span.text, gazetteer, cities=True, articles=True, countries=False)],
                             places)
            places += _apart(area_abbreviations(text, gazetteer), places)
            # (and the area ending a chain of places, from the tagger's or the parse's: "..., Chaghcharan city, Ghor.")
            known = places + [span for frame in work.frames for span in [*frame.places, *frame.wider_places]]
            places += _apart(chained_areas(text, known, gazetteer), known)
        places = list({(span.start, span.end): span for span in places}.values())
        places = [span for span in places if not told_from(text, span.start, span.end)]
        work.drafts = self.resolver.resolve(work.article, work.frames, work.mentions, work.focus, places)


def _apart(spans: Iterable[Span], known: Sequence[Span]) -> list[Span]:
    """The spans that overlap none of the `known` ones."""
    return [span for span in spans if not any(span.start < other.end and other.start < span.end for other in known)]


class DocumentStage:
    name = "document"
    requires = ("drafts",)
    assigns = ("events",)

    def __init__(self, acled: AcledCoder, merger: DocumentMerger | None = None) -> None:
        self.acled = acled
        self.merger = merger or DocumentMerger()

    def __call__(self, work: Work) -> None:
        work.events = [as_riot(self.acled(event, work.article.text), self.acled.lexicon)
                       for event in self.merger.merge(work.drafts)]


class Pipeline:
    """Runs the stages in order on each article."""

    def __init__(self, stages: Sequence[Stage]) -> None:
        assigned: set[str] = set()
        for stage in stages:
            missing = [need for need in stage.requires if need not in assigned]
            if missing:
                raise PipelineError(
                    f"stage {stage.name!r} requires {', '.join(missing)}, which no earlier stage assigns; "
                    f"put a stage that assigns it before {stage.name!r}"
                )
            assigned.update(stage.assigns)
        self.stages = list(stages)
        self.coder_version = CODER_VERSION

    @classmethod
    def from_settings(cls, settings: Any = None) -> "Pipeline":
        """Load the model, lexicon, actor base and gazetteer named by the settings (or the defaults)."""
        from .actors import ActorBase, ActorResolver
        from .gazetteer import Gazetteer
        from .places import Geocoder
        from .settings import Settings

        settings = settings or Settings.load()
        lexicon = Lexicon.load(settings.trigger_files, settings.mapping_files)
        actors = ActorResolver(ActorBase.load(settings.actor_files))
        geocoder = Geocoder(Gazetteer.open(settings.gazetteer_path)) if settings.geocode else None
        parser = SentenceParser(load_model(settings.model), lexicon.trigger_heads)
        return cls([
            ParseStage(parser, settings.time_budget or None), MentionStage(actors, geocoder),
            FrameStage(FrameFinder(lexicon)),
            ResolveStage(EventResolver(lexicon, actors, geocoder), parser), DocumentStage(AcledCoder(lexicon)),
        ])

    def memory_zone(self) -> AbstractContextManager:
        """A block after which the model forgets the strings it met inside (see SentenceParser.memory_zone):
        what `run` and `run_many` use, so that a long run keeps a flat memory. Zones must not overlap, so
        threads sharing one pipeline take turns (as the web app does, under a lock)."""
        first = self.stages[0] if self.stages else None
        return first.parser.memory_zone() if isinstance(first, ParseStage) else nullcontext()

    def run(self, article: Article) -> list[Event]:
        with self.memory_zone():
            return self.work(article).events

    def run_many(self, articles: Sequence[Article]) -> list[list[Event]]:
        """Events of many articles; their sentences are parsed together in batches, the rest per article."""
        with self.memory_zone():
            return self._run_many(articles)

    def _run_many(self, articles: Sequence[Article]) -> list[list[Event]]:
        works = [Work(article) for article in articles]
        first, rest = self.stages[0], self.stages[1:]
        if isinstance(first, ParseStage):
            for work in works:
                work.sentences = first.parser.sentences(work.article.text)
            texts = [w.article.text for w in works]
            for work, parsed in zip(works, first.parser.parse_many(texts, [w.sentences for w in works])):
                work.parsed = parsed
        else:
            rest = self.stages
        for work in works:
            for stage in rest:
                stage(work)
        return [work.events for work in works]

    def work(self, article: Article) -> Work:
        """Run every stage and keep the intermediate results (for `brinkwatch explain`)."""
        work = Work(article)
        for stage in self.stages:
            stage(work)
        return work
