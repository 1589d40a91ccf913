"""Frames to events: actors to the knowledge base, places to the gazetteer, dates to absolute values.

Pure: the resolver, geocoder and lexicon are handed in. Pronouns and possessives ("its bases") go to the
nearest earlier actor of a fitting kind; a person stands for the organisation they lead when an
organisation is meant ("its" after "X, the group's leader").

The stage is `resolver.EventResolver`, which also derives the intents, demands, refusals and charges an
event implies; `parties` reads who takes part (actors, pronouns, a demand's target) and `place_and_date`
where and when.
"""

from __future__ import annotations

from brinkwatch.resolve.parties import stanced
from brinkwatch.resolve.resolver import EventResolver, as_riot

__all__ = ["EventResolver", "as_riot", "stanced"]
