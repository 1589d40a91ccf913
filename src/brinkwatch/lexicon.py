"""The coder's knowledge as data: triggers, PLOVER types and modes, mappings, modality cues, instruments.

Each table is a CSV under `brinkwatch/data/`; users add or override rows with their own files
(`Lexicon.load(extra_triggers=[...], extra_mappings=[...])`), matched on the same key, without touching the
code.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable, Sequence

from .errors import ConfigError
from .model import PLOVER_TYPES

COMPLEMENTS = ("", "suppress", "ahead")
POS = ("verb", "noun")


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word or phrase that signals an event. Multi-word triggers: head lemma first for verbs
    ("call for", "open fire"), last for nouns ("drone strike")."""

    words: tuple[str, ...]
    pos: str
    event_type: str
    mode: str | None
    complement: str  # "suppress": the trigger's complement is its content, not a separate event; "ahead": a
    # verb it governs is its content and an event of its own, told ahead ("pledged to deport X")
    # "xcomp" / "object" / "target" / "claim" / "weapon": what the verb must govern to count ("asked X to ...",
    # "launched drones at X", "gathered ... demanding X", "shells fell on X"); "fired": a noun that is
    # gunfire ("46 shots", "bursts of fire", "shots were fired"); "armed": a verb whose object is a weapon or
    # is fired at someone ("fired mortars at X"); "intransitive": a verb with no object ("the crowd dispersed");
    # "other": a clause complement with a doer of its own ("wants Baghdad to expel ...")
    requires: tuple[str, ...] = ()
    cameo: str | None = None  # the CAMEO root this word codes, where it is finer than its PLOVER type's ("urge": 02)

    @property
    def head(self) -> str:
        return self.words[0] if self.pos == "verb" else self.words[-1]

    @property
    def rest(self) -> tuple[str, ...]:
        return self.words[1:] if self.pos == "verb" else self.words[:-1]


@dataclass(frozen=True, slots=True)
class TypeInfo:
    event_type: str
    quad_class: str
    cameo_root: str
    intensity: float


@dataclass(frozen=True, slots=True)
class ModeInfo:
    cameo_root: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None


def _rows(name: str) -> list[dict[str, str]]:
    with resources.files("brinkwatch").joinpath("data").joinpath(name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _user_rows(path: Path, required: Sequence[str]) -> list[dict[str, str]]:
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as error:
        raise ConfigError(f"cannot read the lexicon file {path}: {error.strerror}; check the path") from error
    missing = [column for column in required if rows and column not in rows[0]]
    if missing:
        raise ConfigError(f"{path}: missing column(s) {', '.join(missing)}; the header must include {', '.join(required)}")
    return rows


# What a trigger may require (see Trigger.requires; docs/format.md explains each).
REQUIREMENTS = ("xcomp", "object", "target", "claim", "weapon", "fired", "armed", "intransitive", "other")


def _trigger(row: dict[str, str], where: str) -> Trigger:
    event_type = row["type"].strip().upper()
    pos = row["pos"].strip().lower()
    complement = (row.get("complement") or "").strip()
    if event_type not in PLOVER_TYPES:
        raise ConfigError(f"{where}: type {event_type!r} is not a PLOVER type; use one of {', '.join(PLOVER_TYPES)}")
    if pos not in POS:
        raise ConfigError(f"{where}: pos {pos!r} must be 'verb' or 'noun'")
    if complement not in COMPLEMENTS:
        raise ConfigError(f"{where}: complement {complement!r} must be empty, 'suppress' or 'ahead'")
    words = tuple(row["trigger"].strip().lower().split())
    if not words:
        raise ConfigError(f"{where}: empty trigger")
    requires = tuple(r for r in (row.get("requires") or "").split("|") if r)
    unknown = [r for r in requires if r not in REQUIREMENTS]
    if unknown:
        names = ", ".join(repr(r) for r in REQUIREMENTS[:-1]) + f" or {REQUIREMENTS[-1]!r}"
        raise ConfigError(f"{where}: requires {unknown[0]!r} must be {names} (several joined by '|')")
    cameo = _cameo_root(row.get("cameo"), "cameo", where)
    return Trigger(words, pos, event_type, (row.get("mode") or "").strip() or None, complement, requires, cameo)


def _cameo_root(value: str | None, column: str, where: str) -> str | None:
    root = (value or "").strip() or None
    if root is not None and not (len(root) == 2 and root.isdigit() and 1 <= int(root) <= 20):
        raise ConfigError(f"{where}: {column} {root!r} must be empty or a two-digit CAMEO root from '01' to '20'")
    return root


def _mapping(row: dict[str, str], where: str) -> tuple[tuple[str, str | None], ModeInfo]:
    """A row of plover_modes.csv (or a user's file of its columns): the codes of one PLOVER type and mode."""
    event_type = row["type"].strip().upper()
    if event_type not in PLOVER_TYPES:
        raise ConfigError(f"{where}: type {row['type']!r} is not a PLOVER type; use one of {', '.join(PLOVER_TYPES)}")
    acled_type = (row.get("acled_event_type") or "").strip() or None
    acled_sub = (row.get("acled_sub_event_type") or "").strip() or None
    if acled_sub is not None and acled_type is None:
        raise ConfigError(f"{where}: an acled_sub_event_type needs its acled_event_type; fill both or neither")
    root = _cameo_root(row.get("cameo_root"), "cameo_root", where)
    return (event_type, (row.get("mode") or "").strip() or None), ModeInfo(root, acled_type, acled_sub)


# Words that open a frame with no trigger: "X said Y must <act>" (a demand), "X is ready to <act>" (an offer).
DEMAND_WORDS = frozenset({"must", "should"})
OFFER_WORDS = frozenset({"willing", "ready", "prepared", "committed"})
# "X said Y was responsible for / behind <event>": an accusation without an accusing verb.
BLAME_WORDS = frozenset({"responsible", "behind"})


class Lexicon:
    """All coding tables, indexed for the frame extractor."""

    def __init__(self, triggers: Iterable[Trigger], types: dict[str, TypeInfo],
                 modes: dict[tuple[str, str | None], ModeInfo], cues: dict[str, str],
                 instruments: dict[str, str]) -> None:
        self.types = types
        self.modes = modes
        self.cues = cues
        self.instruments = instruments
        self.by_head: dict[tuple[str, str], list[Trigger]] = {}
        for trigger in triggers:
            self.by_head.setdefault((trigger.head, trigger.pos), []).append(trigger)
        for candidates in self.by_head.values():
            candidates.sort(key=lambda t: -len(t.words))  # longest phrase first

    @classmethod
    def load(cls, extra_triggers: Sequence[Path] = (), extra_mappings: Sequence[Path] = ()) -> "Lexicon":
        """The packaged tables plus user trigger files (same columns as data/triggers.csv) that add or
        override rows keyed by (trigger, pos), and user mapping files (same columns as data/plover_modes.csv)
        that add or override the CAMEO and ACLED codes of a (type, mode)."""
        table: dict[tuple[tuple[str, ...], str], Trigger] = {}
        for number, row in enumerate(_rows("triggers.csv"), start=2):
            trigger = _trigger(row, f"triggers.csv line {number}")
            table[(trigger.words, trigger.pos)] = trigger
        for path in extra_triggers:
            for number, row in enumerate(_user_rows(Path(path), ("trigger", "pos", "type")), start=2):
                trigger = _trigger(row, f"{path} line {number}")
                table[(trigger.words, trigger.pos)] = trigger
        types = {
            row["type"]: TypeInfo(row["type"], row["quad_class"], row["cameo_root"], float(row["intensity"]))
            for row in _rows("plover_types.csv")
        }
        modes = dict(_mapping(row, f"plover_modes.csv line {number}")
                     for number, row in enumerate(_rows("plover_modes.csv"), start=2))
        for path in extra_mappings:
            modes.update(_mapping(row, f"{path} line {number}")
                         for number, row in enumerate(_user_rows(Path(path), ("type", "mode")), start=2))
        cues = {row["word"]: row["kind"] for row in _rows("cues.csv")}
        instruments = {row["word"]: row["mode"] for row in _rows("instruments.csv")}
        return cls(table.values(), types, modes, cues, instruments)

    def triggers_for(self, lemma: str, pos: str) -> list[Trigger]:
        return self.by_head.get((lemma.lower(), pos), [])

    def mapping(self, event_type: str, mode: str | None) -> ModeInfo:
        """CAMEO root and ACLED types for a type and mode, falling back to the type's default row."""
        found = self.modes.get((event_type, mode)) or self.modes.get((event_type, None))
        if found is None:
            return ModeInfo(self.types[event_type].cameo_root, None, None)
        return found

    @property
    def trigger_heads(self) -> frozenset[str]:
        """Every head lemma, and the words that open a frame without a trigger (demands, offers, blame): a sentence
        without one needs no dependency parse."""
        return frozenset(head for head, _ in self.by_head) | DEMAND_WORDS | OFFER_WORDS | BLAME_WORDS
