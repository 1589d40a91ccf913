"""Event frames from a dependency parse: trigger, PLOVER type and mode, roles, places, dates, modality.

A frame holds character spans only (no spaCy objects), so the resolve stage and tests need no model.
Roles come from the parse: subjects and `by`-agents are sources; objects, passive subjects and the
objects of `on`/`against`/`with` are targets; nominal events ("Israeli strikes on bases") take their
source from a possessor, a demonym modifier or a `by` phrase, or from the subject of a light verb
("carried out a raid"). Relative clauses take their antecedent ("militias, which X accuses").

The stage is `finder.FrameFinder`; `triggers` decides which words open an event, `participants` reads
the roles, `kinds` what changes an event's type, mode or modality, and `frame` holds the values.
"""

from __future__ import annotations

from brinkwatch.frames.finder import FrameFinder
from brinkwatch.frames.frame import Frame, Role

__all__ = ["Frame", "FrameFinder", "Role"]
