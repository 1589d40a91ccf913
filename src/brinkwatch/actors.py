"""Actors: the knowledge base of countries, organisations and people, and the resolver that maps a noun
phrase ("Three Israeli drones", "the crowd", "Abu Ala'a", "the President") to an `Actor`.

Resolution order: a named organisation or person inside the phrase; else a country word with an
institution word ("Iraqi parliament" -> IRQ-LEG); else a bare country, demonym or seat of power
("the Kremlin" -> RUS); else an institution word alone, placed in the article's country when its sector
belongs to a state; else an actor with no id. A title ("the President") names whoever held the office
on the article's date. Every alias is folded by `normalize` and looked up in one dictionary.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date as Date
from functools import lru_cache
from pathlib import Path

from brinkwatch.actors_data import ActorRecord, Institution, Role, Tables, check_references, read_packaged, read_user_file
from brinkwatch.actors_text import Token, is_acronym, normalize, tokenize
from brinkwatch.errors import InputError
from brinkwatch.model import Actor, check_country

__all__ = ["ActorBase", "ActorRecord", "ActorResolver", "Role", "normalize"]

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
# Words that end the head of a noun phrase; what follows may still name its country or organisation.
_OF = frozenset({"of", "from", "for"})
_IN = frozenset({"in", "at", "near", "inside", "within", "across", "throughout", "around"})
_BREAKS = _OF | _IN | frozenset({
    "to", "with", "against", "by", "on", "over", "under", "after", "during", "who", "which", "that",
    "whose", "including", "among", "between", "than", "as", "loyal", "while", "when", "where",
})
# "Iran-backed militias", "pro-Iranian fighters": the country is a patron, not the actor's own.
_PATRONS = frozenset({
    "backed", "led", "allied", "aligned", "supported", "sponsored", "funded", "trained", "armed", "linked",
    "affiliated", "leaning", "controlled", "friendly", "installed", "brokered", "supplied", "allies",
})
_STANCES = frozenset({"pro", "anti"})
_FORMER = frozenset({"former", "ex", "late", "erstwhile"})
# For an organisation, "leader" or "chief" names whoever holds its top office.
_LEADER_TITLES = ("leader", "secretary-general", "chairman", "commander", "president", "director general")
_RANK = {"person": 0, "organization": 1, "generic": 1, "country": 2}


@dataclass(frozen=True, slots=True)
class _Entry:
    record: ActorRecord | None
    institution: Institution | None
    how: str  # name, alias, demonym, plural, metonym, institution, nonactor
    cased: int  # bit k set: token k of the alias starts upper-case, and so must the text's
    contested: bool = False  # the alias is also an institution phrase ("the crowd")


@dataclass(frozen=True, slots=True)
class _Match:
    first: int  # index into the kept (non-article) tokens
    size: int
    start: int
    end: int
    entries: tuple[_Entry, ...]

    @property
    def rank(self) -> int:
        return min(-1 if e.how == "nonactor" else _RANK[e.record.kind] if e.record else 3 for e in self.entries)

    def entities(self) -> list[ActorRecord]:
        return [e.record for e in self.entries if e.record is not None]

    @property
    def institution(self) -> Institution | None:
        return next((e.institution for e in self.entries if e.institution is not None), None)

    @property
    def nonactor(self) -> bool:
        return any(e.how == "nonactor" for e in self.entries)


def _day(date: str | None) -> str | None:
    """Turn "2019", "2019-05" or "2019-05-03..." into a comparable day (mid-period for partial dates)."""
    if date is None:
        return None
    match = _DATE.match(date)
    if match is None:
        raise InputError(f"date {date!r} is not written YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    return f"{year}-{month or '07'}-{day or ('15' if month else '01')}"


@lru_cache(maxsize=1)
def _packaged() -> Tables:
    return read_packaged()


class ActorBase:
    """The actor knowledge base: records by id and an alias index built once, at construction."""

    def __init__(self, tables: Tables) -> None:
        self._records = tables.records
        self._sectors = tables.sectors
        self._codes = {sector.code: sector for sector in tables.sectors.values()}
        self._keyed: dict[str, list[_Entry]] = {}
        self._exact: dict[str, list[_Entry]] = {}
        self._lengths: dict[str, list[int]] = {}
        self._holders: dict[tuple[str, str], list[tuple[Role, ActorRecord]]] = {}
        for institution in tables.institutions.values():
            self._add(institution.phrase, None, institution, "institution")
        for phrase in tables.nonactors:
            self._add(phrase, None, None, "nonactor")
        for record in tables.records.values():
            self._index_record(record)
        for lengths in self._lengths.values():
            lengths.sort(reverse=True)

    @classmethod
    def load(cls, extra_files: Sequence[Path] = ()) -> ActorBase:
        """The packaged tables plus user CSV/YAML files, whose rows add to or replace rows by id."""
        packaged = _packaged()
        tables = Tables(dict(packaged.sectors), dict(packaged.records), dict(packaged.institutions), list(packaged.nonactors))
        for path in extra_files:
            read_user_file(Path(path), tables)
        check_references(tables)
        return cls(tables)

    def _index_record(self, record: ActorRecord) -> None:
        lowered = {d.lower() for d in record.demonyms}
        names = [(record.name, "name")] + [(a, "alias") for a in record.aliases]
        names += [(d, "plural" if d.endswith("s") and d[:-1].lower() in lowered else "demonym") for d in record.demonyms]
        names += [(m, "metonym") for m in record.metonyms]
        for phrase, how in names:
            self._add(phrase, record, None, how)
        for role in record.roles:
            self._holders.setdefault((role.scope, role.title), []).append((role, record))

    def _add(self, phrase: str, record: ActorRecord | None, institution: Institution | None, how: str) -> None:
        tokens = [token for token in tokenize(phrase) if not token.article]
        if not phrase.startswith("the "):  # a lower-case "the" binds the article: "the crowd", "the States"
            while tokens and tokens[0].key == "the":
                tokens.pop(0)
        if not tokens:
            return
        cased = sum(1 << k for k, token in enumerate(tokens) if token.capitalised)
        key = " ".join(token.key for token in tokens)
        contested = record is not None and key.removeprefix("the ") in self._keyed and any(
            e.institution for e in self._keyed[key.removeprefix("the ")]
        )
        entry = _Entry(record, institution, how, cased, contested)
        if len(tokens) == 1 and is_acronym(tokens[0].exact):
            bucket = self._exact.setdefault(tokens[0].exact, [])
        else:
            bucket = self._keyed.setdefault(key, [])
            lengths = self._lengths.setdefault(tokens[0].key, [])
            if len(tokens) not in lengths:
                lengths.append(len(tokens))
        if not any(e.record is record and e.institution is institution for e in bucket):
            bucket.append(entry)

    # ---- queries

    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self) -> Iterator[ActorRecord]:
        return iter(self._records.values())

    def get(self, actor_id: str) -> ActorRecord | None:
        """The record with this id; "<ISO3>-<sector code>" ids ("IRQ-LEG") are built on demand."""
        record = self._records.get(actor_id)
        if record is not None:
            return record
        iso3, _, code = actor_id.partition("-")
        country, sector = self._records.get(iso3), self._codes.get(code)
        if country is None or country.kind != "country" or sector is None:
            return None
        return ActorRecord(actor_id, f"{country.name} {sector.name}", "generic", sector.name, iso3,
                           source="brinkwatch: a country with a sector")

    def sector_code(self, sector: str) -> str | None:
        found = self._sectors.get(sector)
        return found.code if found else None

    def is_national(self, sector: str) -> bool:
        """Whether a sector belongs to a state, so that "police" alone means the article's country's police."""
        found = self._sectors.get(sector)
        return found is not None and found.national

    def lookup(self, phrase: str, *, date: str | None = None) -> ActorRecord | None:
        """The actor whose alias equals `phrase` once both are normalised; a date picks among namesakes."""
        tokens = [token for token in tokenize(phrase) if not token.article]
        candidates: list[ActorRecord] = []
        if len(tokens) == 1:
            candidates += [e.record for e in self._exact.get(tokens[0].exact, ()) if e.record]
        keys = [" ".join(token.key for token in tokens), normalize(phrase)]
        for key in keys:
            candidates += [e.record for e in self._keyed.get(key, ()) if e.record and e.record not in candidates]
        return self.choose(candidates, _day(date), None) if candidates else None

    def search(self, name: str, limit: int = 10) -> list[ActorRecord]:
        """Records whose id or aliases resemble `name`, best first: exact, prefix, word overlap, spelling."""
        query = normalize(name)
        if not query:
            return []
        words = set(query.split())
        scores: dict[str, float] = {}
        if name.strip().upper() in self._records:
            scores[name.strip().upper()] = 2.0
        for key, entries in self._keyed.items():
            if key == query:
                score = 1.0
            elif key.startswith(query):
                score = 0.9
            elif words <= set(key.split()):
                score = 0.8
            else:
                matcher = difflib.SequenceMatcher(None, query, key)
                if matcher.real_quick_ratio() < 0.8 or matcher.quick_ratio() < 0.8:
                    continue
                score = 0.7 * matcher.ratio()
                if score < 0.56:
                    continue
            for entry in entries:
                if entry.record is not None and scores.get(entry.record.id, 0.0) < score:
                    scores[entry.record.id] = score
        ranked = sorted(scores, key=lambda actor_id: -scores[actor_id])
        return [self._records[actor_id] for actor_id in ranked[:limit]]

    def holder(self, scope: str, title: str, date: str | None) -> ActorRecord | None:
        """Who held office `title` in `scope` (ISO3 or organisation id) on `date`."""
        day = _day(date)
        if day is None:
            return None
        organization = scope in self._records and self._records[scope].kind == "organization"
        titles = _LEADER_TITLES if title == "leader" and organization else (title,)
        if title == "leader" and not organization:
            titles = ("leader", "supreme leader")
        for candidate in titles:
            # the latest start wins, so an open-ended row is superseded by a newer holder
            active = [(role.start or "", record) for role, record in self._holders.get((scope, candidate), ()) if role.active(day)]
            if active:
                return max(active, key=lambda pair: pair[0])[1]
        return None

    def affiliation(self, record: ActorRecord, day: str | None) -> tuple[str | None, str]:
        """Country and sector of a record; a person's office on `day` decides which hat they wear."""
        if record.kind == "person" and day is not None:
            for role in record.roles:
                if role.active(day):
                    scope = self.get(role.scope)
                    if scope is not None and scope.kind != "country":
                        return scope.country, scope.sector
                    break
        return record.country, record.sector

    def choose(self, candidates: list[ActorRecord], day: str | None, focus: str | None) -> ActorRecord:
        """Pick among namesakes: in office on the day, from the focus country, nearest in time, listed first."""
        if len(candidates) == 1:
            return candidates[0]

        def distance(record: ActorRecord) -> int:
            if day is None or not record.roles:
                return 1 << 30
            target = Date.fromisoformat(day).toordinal()
            gaps = []
            for role in record.roles:
                low = Date.fromisoformat(role.start).toordinal() if role.start else target
                high = Date.fromisoformat(role.end).toordinal() if role.end else target
                gaps.append(0 if low <= target <= high else min(abs(target - low), abs(target - high)))
            return min(gaps)

        def score(indexed: tuple[int, ActorRecord]) -> tuple[int, int, int, int]:
            index, record = indexed
            active = day is not None and any(role.active(day) for role in record.roles)
            return (not active, bool(focus) and record.country != focus, distance(record), index)

        return min(enumerate(candidates), key=score)[1]

    # ---- matching, shared by the resolver

    def scan(self, tokens: list[Token], has_capitals: bool, focus: str | None) -> tuple[list[Token], list[_Match]]:
        """Every alias occurrence in `tokens`, then the longest non-overlapping ones, named actors first."""
        kept: list[Token] = []
        runs: list[int] = []
        starts: list[int] = []
        run, pending = 0, None
        for token in tokens:
            if not token.joined:
                run += 1
                pending = None
            if token.article:
                pending = token.start if pending is None else pending
                continue
            kept.append(token)
            runs.append(run)
            starts.append(pending if pending is not None else token.start)
            pending = None
        found: list[_Match] = []
        for i, token in enumerate(kept):
            for size in self._lengths.get(token.key, ()):
                if i + size > len(kept) or runs[i + size - 1] != runs[i]:
                    continue
                entries = self._keyed.get(" ".join(t.key for t in kept[i:i + size]))
                if entries:
                    self._keep(found, kept, i, size, starts[i], entries, has_capitals, focus)
            if token.exact in self._exact:
                self._keep(found, kept, i, 1, starts[i], self._exact[token.exact], has_capitals, focus)
        taken = [False] * len(kept)
        chosen = []
        for match in sorted(found, key=lambda m: (-m.size, m.rank, m.first)):
            if not any(taken[match.first:match.first + match.size]):
                taken[match.first:match.first + match.size] = [True] * match.size
                chosen.append(match)
        return kept, sorted(chosen, key=lambda m: m.first)

    @staticmethod
    def _keep(found: list[_Match], kept: list[Token], i: int, size: int, start: int, entries: list[_Entry],
              has_capitals: bool, focus: str | None) -> None:
        def fits(entry: _Entry) -> bool:
            if entry.contested and focus is not None and entry.record is not None and entry.record.country != focus:
                return False
            if not has_capitals:
                return True
            return all(kept[i + k].capitalised for k in range(size) if entry.cased >> k & 1)

        good = tuple(entry for entry in entries if fits(entry))
        if good:
            found.append(_Match(i, size, start, kept[i + size - 1].end, good))


class ActorResolver:
    """Resolves noun phrases to actors against an `ActorBase`; stateless, so safe to share."""

    def __init__(self, base: ActorBase) -> None:
        self.base = base

    def resolve(self, text: str, start: int, end: int, *, date: str | None = None,
                focus_country: str | None = None) -> Actor:
        """The actor a noun phrase names; `text` is the phrase, `start`/`end` its offsets in the article."""
        check_country(focus_country, f"focus country for {text!r}")
        day = _day(date)
        kept, matches = self.base.scan(tokenize(text), any(c.isupper() for c in text), focus_country)
        matches = [m for m in matches if not m.nonactor]
        covered = {k for m in matches for k in range(m.first, m.first + m.size)}
        split = next((k for k, t in enumerate(kept) if k not in covered and t.key in _BREAKS), len(kept))
        relation = kept[split].key if split < len(kept) else None
        core = [m for m in matches if m.first < split]
        tail = [m for m in matches if m.first > split]
        former = any(t.key in _FORMER for t in kept[:split])

        def make(record: ActorRecord) -> Actor:
            country, sector = self.base.affiliation(record, day)
            return Actor(text, start, end, record.id, record.name, country, sector)

        named = [m for m in core if any(r.kind != "country" for r in m.entities())]
        institutions = [m for m in core if m.institution is not None and not m.entities()
                        and not (m.first > 0 and kept[m.first - 1].key in _STANCES)]
        head = institutions[-1].institution if institutions else None
        country = self._country(kept, core, day, focus_country)
        if country is None and relation in _OF | _IN:
            country = self._country(kept, tail, day, focus_country)
        # 1. a named organisation or person in the head: the longest, then the rightmost
        if named:
            best = max(named, key=lambda m: (m.size, m.first))
            record = self._pick(best, day, focus_country, countries=False)
            if head and head.role and not former and record.kind == "organization" and institutions[-1].first > best.first:
                person = self.base.holder(record.id, head.role, date)
                if person is not None:
                    return make(person)
            actor = make(record)
            if actor.country is None and country is not None and record.sector not in ("igo", "ngo"):
                # a transnational group placed by the phrase: "Islamic State (Iraq)", "ISIS in Syria"
                return Actor(text, start, end, actor.actor_id, actor.name, country.id, actor.sector)
            return actor
        # 2. an institution word: a dated office holder, the organisation it belongs to, or country + sector
        tail_named = [m for m in tail if any(r.kind != "country" for r in m.entities())] if relation in _OF else []
        if head is not None and self._proper_name(kept, covered, institutions[-1]):
            # an unknown named unit ("the Hamza Division", "National Resistance Forces"): no guessed country
            return Actor(text, start, end, None, None, country.id if country else None, head.sector)
        if head is not None:
            organization = self._pick(tail_named[0], day, focus_country, countries=False) if tail_named else None
            scope = organization.id if organization else country.id if country else focus_country
            if head.role and not former and scope is not None:
                person = self.base.holder(scope, head.role, date)
                if person is not None:
                    return make(person)
            if organization is not None and country is None:
                return make(organization)
            iso3 = country.id if country else None
            if iso3 is None and focus_country and self.base.is_national(head.sector):
                iso3 = focus_country
            generic = self.base.get(f"{iso3}-{self.base.sector_code(head.sector)}") if iso3 else None
            if generic is None:
                return Actor(text, start, end, None, None, None, head.sector)
            return Actor(text, start, end, generic.id, generic.name, iso3, generic.sector)
        # 3. a bare country, demonym or seat of power; 4. "one of Hezbollah's", "a town in Syria"; 5. unknown
        core_countries = [m for m in core if m.entities() and not self._patron(kept, m)]
        if core_countries:
            match = core_countries[-1]
            record = self._pick(match, day, focus_country, countries=True)
            return self._country_actor(text, start, end, kept, match, record)
        if tail_named:
            return make(self._pick(tail_named[0], day, focus_country, countries=False))
        if country is not None:
            return Actor(text, start, end, None, None, country.id, None)
        return Actor(text, start, end)

    def find_mentions(self, text: str, *, date: str | None = None) -> list[Actor]:
        """Every known actor named in `text`, longest alias first and without overlaps, in text order.

        A country word directly followed by an institution word becomes one country-sector actor
        ("Iraqi troops" -> IRQ-MIL). Bare institution words are left to `resolve`.
        """
        day = _day(date)
        kept, matches = self.base.scan(tokenize(text), any(c.isupper() for c in text), None)
        found: list[Actor] = []
        for index, match in enumerate(matches):
            records = match.entities()
            if match.nonactor or not records:
                continue
            record = self.base.choose(records, day, None)
            following = matches[index + 1] if index + 1 < len(matches) else None
            if (record.kind == "country" and following is not None and following.first == match.first + match.size
                    and following.institution is not None and not following.entities() and not self._patron(kept, match)):
                generic = self.base.get(f"{record.id}-{self.base.sector_code(following.institution.sector)}")
                if generic is not None:
                    found.append(Actor(text[match.start:following.end], match.start, following.end, generic.id,
                                       generic.name, record.id, generic.sector))
                    continue
            span = text[match.start:match.end]
            if record.kind == "country":
                found.append(self._country_actor(span, match.start, match.end, kept, match, record))
            else:
                country, sector = self.base.affiliation(record, day)
                found.append(Actor(span, match.start, match.end, record.id, record.name, country, sector))
        return found

    # ---- helpers

    def _pick(self, match: _Match, day: str | None, focus: str | None, *, countries: bool) -> ActorRecord:
        records = [r for r in match.entities() if (r.kind == "country") == countries] or match.entities()
        return self.base.choose(records, day, focus)

    @staticmethod
    def _proper_name(kept: list[Token], covered: set[int], head: _Match) -> bool:
        """A capitalised head word right after a capitalised word we do not know: a name we lack."""
        before = head.first - 1
        if before < 0 or before in covered or not kept[head.first].capitalised:
            return False
        word = kept[before]
        return word.capitalised and not word.exact.isupper() and word.key not in _BREAKS and word.key != "the"

    @staticmethod
    def _patron(kept: list[Token], match: _Match) -> bool:
        after = match.first + match.size
        if after < len(kept) and kept[after].key in _PATRONS and kept[after].joined:
            return True
        return match.first > 0 and kept[match.first - 1].key in _STANCES

    def _country(self, kept: list[Token], matches: list[_Match], day: str | None, focus: str | None) -> ActorRecord | None:
        """The rightmost country named (not as a patron) among `matches`."""
        for match in reversed(matches):
            if any(r.kind == "country" for r in match.entities()) and not self._patron(kept, match):
                return self._pick(match, day, focus, countries=True)
        return None

    def _country_actor(self, text: str, start: int, end: int, kept: list[Token], match: _Match,
                       record: ActorRecord) -> Actor:
        """A bare country word: the state, except a plural demonym for people ("two Iraqis") -> civilians."""
        plural = any(e.how == "plural" and e.record is record for e in match.entries)
        after_the = match.first > 0 and kept[match.first - 1].key == "the"
        if plural and not after_the:
            generic = self.base.get(f"{record.id}-{self.base.sector_code('civilian')}")
            if generic is not None:
                return Actor(text, start, end, generic.id, generic.name, record.id, generic.sector)
        return Actor(text, start, end, record.id, record.name, record.id, record.sector)
