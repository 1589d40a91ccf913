"""The actor knowledge base: records by id, one alias index, dated offices, and the alias scan the
resolver (`brinkwatch.actors`) builds on.

Every alias is folded by `normalize` and looked up in one dictionary; acronyms ("US", "WHO") keep their
case in a second one. `scan` finds every alias in a token list and keeps the longest non-overlapping
matches, named actors before generic words.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date as Date
from functools import lru_cache
from pathlib import Path

from brinkwatch.actors_data import ActorRecord, DatedSector, Institution, Role, Tables, check_references, read_packaged, read_user_file
from brinkwatch.actors_text import Token, is_acronym, normalize, tokenize
from brinkwatch.errors import InputError

__all__ = ["ActorBase", "Match", "day_of"]

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
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


# Titles written before a person's name ("Mr", "Rep", as written: "DR Congo" is a country)
_HONORIFICS = frozenset({"Mr", "Mrs", "Ms", "Miss", "Dr", "Rep", "Sen", "Gov", "Rev", "Prof", "Sir", "Dame"})


def _persons_name(kept: list[Token], taken: list[bool], match: Match) -> bool:
    """A country's one-word name that is a person's surname or given name after a title: "Mr. Israel",
    "Rep. Jim Jordan", "Dr. Chad Smith" (the country says nothing of the person's)."""
    if match.size != 1 or not all(e.how == "name" and e.record is not None and e.record.kind == "country"
                                  for e in match.entries):
        return False
    i = match.first
    before = [k for k in (i - 1, i - 2) if k >= 0]
    if before and kept[before[0]].exact in _HONORIFICS:
        return True
    # one given name between: capitalised, known as no actor
    return len(before) == 2 and kept[before[1]].exact in _HONORIFICS and kept[before[0]].capitalised \
        and not taken[before[0]]


@dataclass(frozen=True, slots=True)
class Match:
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


def day_of(date: str | None) -> str | None:
    """Turn "2019", "2019-05" or "2019-05-03..." into a comparable day (mid-period for partial dates)."""
    if date is None:
        return None
    match = _DATE.match(date)
    if match is None:
        raise InputError(f"date {date!r} is not written YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    return f"{year}-{month or '07'}-{day or ('15' if month else '01')}"


def _one_deleted(word: str) -> set[str]:
    """Every form of the word with one letter left out."""
    return {word[:k] + word[k + 1:] for k in range(len(word))}


@lru_cache(maxsize=1)
def _packaged() -> Tables:
    return read_packaged()


class ActorBase:
    """The actor knowledge base: records by id and an alias index built once, at construction."""

    def __init__(self, tables: Tables) -> None:
        self._records = tables.records
        self._sectors = tables.sectors
        self._dated = tables.dated_sectors
        self._codes = {sector.code: sector for sector in tables.sectors.values()}
        self._keyed: dict[str, list[_Entry]] = {}
        self._exact: dict[str, list[_Entry]] = {}
        self._lengths: dict[str, list[int]] = {}
        self._holders: dict[tuple[str, str], list[tuple[Role, ActorRecord]]] = {}
        # country names by folded key, and by key with one letter dropped; built on first use by `near_country`
        self._near: tuple[dict[str, set[str]], dict[str, set[str]]] | None = None
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
        tables = Tables(dict(packaged.sectors), dict(packaged.records), dict(packaged.institutions), list(packaged.nonactors),
                        dict(packaged.dated_sectors))
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
        return self.choose(candidates, day_of(date), None) if candidates else None

    def search(self, name: str, limit: int = 10, *, date: str | None = None) -> list[ActorRecord]:
        """Records whose id or aliases resemble `name`, best first: exact, prefix, word overlap, spelling."""
        return [record for record, _ in self.search_matches(name, limit, date=date)]

    def search_matches(self, name: str, limit: int = 10, *, date: str | None = None) -> list[tuple[ActorRecord, str]]:
        """`search` with the alias each record matched by; with a date, records in office that day rank first
        among equals."""
        query = normalize(name)
        if not query:
            return []
        day = day_of(date)
        words = set(query.split())
        best: dict[str, tuple[float, str]] = {}

        def note(record: ActorRecord | None, score: float, key: str) -> None:
            if record is not None and best.get(record.id, (0.0, ""))[0] < score:
                best[record.id] = (score, key)

        if name.strip().upper() in self._records:
            note(self._records[name.strip().upper()], 2.0, "")
        for exact, entries in self._exact.items():  # acronyms: "PMF", "QSD"
            if exact.lower() == name.strip().lower().replace(".", ""):
                for entry in entries:
                    note(entry.record, 1.0, exact)
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
                note(entry.record, score, key)

        def rank(actor_id: str) -> tuple[float, bool]:
            roles = self._records[actor_id].roles
            return (-best[actor_id][0], day is not None and not any(role.active(day) for role in roles))

        ranked = sorted(best, key=rank)[:limit]
        return [(self._records[actor_id], self._alias(self._records[actor_id], best[actor_id][1])) for actor_id in ranked]

    @staticmethod
    def _alias(record: ActorRecord, key: str) -> str:
        """The name of `record` that folds to the index key `key` (the id when the id itself matched)."""
        if not key:
            return record.id
        wanted = normalize(key)
        return next((name for name in record.names() if name == key or normalize(name) == wanted), key)

    def near_country(self, key: str) -> ActorRecord | None:
        """The country whose one-word name, demonym or capital is the folded word `key` with one letter
        dropped or added ("afganistan", "ethopia", "ghanians", "quatar"); None when no country or several
        are. A changed letter is not tried: "Kenyon" is a surname, not Kenya."""
        if len(key) < 6:
            return None
        if self._near is None:
            self._near = ({}, {})
            for record in self._records.values():
                if record.kind != "country":
                    continue
                for name in record.names():
                    keys = [t.key for t in tokenize(name) if not t.article]
                    if len(keys) == 1 and len(keys[0]) >= 5:
                        self._near[0].setdefault(keys[0], set()).add(record.id)
                        for variant in _one_deleted(keys[0]):
                            self._near[1].setdefault(variant, set()).add(record.id)
        whole, shortened = self._near
        found = set(shortened.get(key, set())).union(*(whole.get(variant, set()) for variant in _one_deleted(key)))
        return self._records[found.pop()] if len(found) == 1 else None

    def holder(self, scope: str, title: str, date: str | None) -> ActorRecord | None:
        """Who held office `title` in `scope` (ISO3 or organisation id) on `date`."""
        day = day_of(date)
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

    def dated_sectors(self, actor_id: str) -> tuple[DatedSector, ...]:
        """The periods of an organisation's sector and country, oldest first (none for most)."""
        return self._dated.get(actor_id, ())

    def affiliation(self, record: ActorRecord, day: str | None) -> tuple[str | None, str]:
        """Country and sector of a record on `day`: an organisation's dated sector ("TALIBAN" is a rebel
        group in 2015, Afghanistan's government in 2022); for a person, that of the office held that day."""
        if day is None:
            return record.country, record.sector
        if record.kind == "person":
            held = [role for role in record.roles if role.active(day)]
            if held:  # the office taken last: al-Sharaa led al-Nusra, then HTS, until the same day
                role = max(held, key=lambda role: role.start or "")
                scope = self.get(role.scope)
                if scope is not None and scope.kind != "country":
                    return self.affiliation(scope, day)
                if scope is not None:  # Ban Ki-moon as South Korea's foreign minister, before the UN
                    return scope.id, role.sector or record.sector
        for period in self._dated.get(record.id, ()):
            if period.active(day):
                return period.country, period.sector
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

    def scan(self, tokens: list[Token], has_capitals: bool, focus: str | None,
             contested: bool = False) -> tuple[list[Token], list[Match]]:
        """Every alias occurrence in `tokens`, then the longest non-overlapping ones, named actors first;
        with `contested`, also the aliases that are common phrases whatever the focus (the caller decides)."""
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
        found: list[Match] = []
        for i, token in enumerate(kept):
            for size in self._lengths.get(token.key, ()):
                if i + size > len(kept) or runs[i + size - 1] != runs[i]:
                    continue
                entries = self._keyed.get(" ".join(t.key for t in kept[i:i + size]))
                if entries:
                    self._keep(found, kept, i, size, starts[i], entries, has_capitals, focus, contested)
            if token.exact in self._exact:
                self._keep(found, kept, i, 1, starts[i], self._exact[token.exact], has_capitals, focus, contested)
        taken = [False] * len(kept)
        chosen = []
        for match in sorted(found, key=lambda m: (-m.size, m.rank, m.first)):
            if not any(taken[match.first:match.first + match.size]):
                taken[match.first:match.first + match.size] = [True] * match.size
                chosen.append(match)
        # (a person's name is read as no actor, and as no misspelt country either)
        chosen = [replace(m, entries=(_Entry(None, None, "nonactor", 0),)) if _persons_name(kept, taken, m) else m
                  for m in chosen]
        return kept, sorted(chosen, key=lambda m: m.first)

    @staticmethod
    def _keep(found: list[Match], kept: list[Token], i: int, size: int, start: int, entries: list[_Entry],
              has_capitals: bool, focus: str | None, contested: bool) -> None:
        def fits(entry: _Entry) -> bool:
            # an alias that is also a common phrase ("the crowd" for Iraq's Popular Mobilization Forces) names
            # the actor only in an article about its country
            if entry.contested and entry.record is not None and entry.record.country != focus and not contested:
                return False
            if not has_capitals:
                return True
            return all(kept[i + k].capitalised for k in range(size) if entry.cased >> k & 1)

        good = tuple(entry for entry in entries if fits(entry))
        if good:
            found.append(Match(i, size, start, kept[i + size - 1].end, good))
