"""The rows of the actor knowledge base and their readers: packaged CSV tables and user CSV/YAML files.

Packaged tables live in `brinkwatch/data/actors/`: countries, organizations, people (one row per office
held), dated sectors (what an organisation was between two dates: the Taliban a rebel group, then
Afghanistan's government), institutions (generic words such as "troops" with their sector), sectors and
non-actor phrases.
A user file adds rows or replaces rows with the same id; every row is checked where it is read, and a
bad row raises `ConfigError` naming the file, the line and the fix.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from brinkwatch.errors import ConfigError

_ISO3 = re.compile(r"^[A-Z]{3}$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ID = re.compile(r"^[A-Z0-9][A-Z0-9_-]*$")
_QID = re.compile(r"^Q\d+$")
KINDS = ("country", "organization", "person", "generic")


@dataclass(frozen=True, slots=True)
class Role:
    """An office held from `start` to `end` (exclusive, None while held) in a country or organisation."""

    title: str  # "president", "foreign minister", "secretary-general"
    scope: str  # ISO3 country or organisation id
    start: str | None = None
    end: str | None = None
    sector: str | None = None  # the sector of the person in this office, when it is the country's

    def active(self, day: str) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class ActorRecord:
    """A known actor: a country, an organisation, a person, or a country-sector actor like "IRQ-LEG"."""

    id: str
    name: str
    kind: str  # one of KINDS
    sector: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    parent: str | None = None
    wikidata: str | None = None
    roles: tuple[Role, ...] = ()
    capital: str | None = None
    source: str = ""

    def names(self) -> tuple[str, ...]:
        """Every name the record answers to: its name, aliases, demonyms and seats of power."""
        return (self.name, *self.aliases, *self.demonyms, *self.metonyms)


@dataclass(frozen=True, slots=True)
class DatedSector:
    """The sector and country of an organisation from `start` to `end` (exclusive, None while it lasts)."""

    sector: str
    country: str | None
    start: str | None = None
    end: str | None = None
    source: str = ""

    def active(self, day: str) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class Institution:
    """A generic word for a part of a state or society ("troops", "lawmakers") and its sector."""

    phrase: str
    sector: str
    role: str | None = None  # the office a title names ("president"), for dated look-ups
    source: str = ""


@dataclass(frozen=True, slots=True)
class Sector:
    """A PLOVER/CAMEO actor sector; `national` sectors take the article's country when none is named."""

    name: str
    code: str
    national: bool
    description: str = ""


@dataclass
class Tables:
    """Everything the knowledge base is built from, as read from the files."""

    sectors: dict[str, Sector] = field(default_factory=dict)
    records: dict[str, ActorRecord] = field(default_factory=dict)
    institutions: dict[str, Institution] = field(default_factory=dict)
    nonactors: list[str] = field(default_factory=list)
    dated_sectors: dict[str, tuple[DatedSector, ...]] = field(default_factory=dict)


def _split(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return tuple(v.strip() for v in str(value).split("|") if v.strip())


def _text(row: Mapping[str, Any], column: str) -> str | None:
    value = row.get(column)
    if value is None:
        return None
    text = str(value).strip()
    return text or None


class _Reader:
    """Checks rows of one file against the tables read so far; `where` names file and line in errors."""

    def __init__(self, tables: Tables, origin: str) -> None:
        self.tables = tables
        self.origin = origin
        self.dated: set[str] = set()  # ids whose dated sectors this file gives, replacing earlier ones

    def fail(self, line: int, message: str) -> ConfigError:
        return ConfigError(f"{self.origin}, row {line}: {message}")

    def required(self, row: Mapping[str, Any], column: str, line: int) -> str:
        value = _text(row, column)
        if value is None:
            raise self.fail(line, f"column {column!r} is empty; every row needs one")
        return value

    def identifier(self, row: Mapping[str, Any], line: int) -> str:
        value = self.required(row, "id", line)
        if not _ID.match(value):
            raise self.fail(line, f"id {value!r} must be upper-case letters, digits, '-' or '_', like 'KSS' or 'IRQ-LEG'")
        return value

    def country(self, value: str | None, line: int) -> str | None:
        if value is not None and not _ISO3.match(value):
            raise self.fail(line, f"country {value!r} is not an ISO 3166 alpha-3 code like 'IRQ'")
        return value

    def sector(self, value: str, line: int) -> str:
        if value not in self.tables.sectors:
            raise self.fail(line, f"sector {value!r} is unknown; use one of {sorted(self.tables.sectors)}")
        return value

    def day(self, value: str | None, line: int) -> str | None:
        if value is not None and not _DAY.match(value):
            raise self.fail(line, f"date {value!r} must be written YYYY-MM-DD")
        return value

    def wikidata(self, value: str | None, line: int) -> str | None:
        if value is not None and not _QID.match(value):
            raise self.fail(line, f"wikidata {value!r} must be a QID like 'Q1065'")
        return value

    def add_sector(self, row: Mapping[str, Any], line: int) -> None:
        name = self.required(row, "sector", line)
        national = (_text(row, "national") or "no").lower()
        if national not in ("yes", "no"):
            raise self.fail(line, f"national {national!r} must be 'yes' or 'no'")
        code = self.required(row, "code", line)
        self.tables.sectors[name] = Sector(name, code, national == "yes", _text(row, "description") or "")

    def add_country(self, row: Mapping[str, Any], line: int) -> None:
        iso3 = self.country(self.required(row, "iso3", line), line)
        assert iso3 is not None
        self.tables.records[iso3] = ActorRecord(
            id=iso3, name=self.required(row, "name", line), kind="country", sector="government", country=iso3,
            aliases=_split(row.get("aliases")), demonyms=_split(row.get("demonyms")),
            metonyms=_split(row.get("metonyms")), capital=_text(row, "capital"),
            wikidata=self.wikidata(_text(row, "wikidata"), line), source=_text(row, "source") or "",
        )

    def add_organization(self, row: Mapping[str, Any], line: int) -> None:
        actor_id = self.identifier(row, line)
        self.tables.records[actor_id] = ActorRecord(
            id=actor_id, name=self.required(row, "name", line), kind="organization",
            sector=self.sector(self.required(row, "sector", line), line),
            country=self.country(_text(row, "country"), line), aliases=_split(row.get("aliases")),
            parent=_text(row, "parent"), wikidata=self.wikidata(_text(row, "wikidata"), line),
            source=_text(row, "source") or "",
        )

    def add_people(self, rows: Iterable[tuple[int, Mapping[str, Any]]]) -> None:
        """Rows sharing an id are one person holding several offices; their aliases are merged."""
        people: dict[str, ActorRecord] = {}
        for line, row in rows:
            person_id = self.identifier(row, line)
            country = self.country(_text(row, "country"), line)
            sector = self.sector(self.required(row, "sector", line), line)
            role = None
            title = _text(row, "role")
            if title is not None:
                scope = _text(row, "organization") or country
                if scope is None:
                    raise self.fail(line, f"role {title!r} needs a country or an organization it belongs to")
                role = Role(title.lower(), scope, self.day(_text(row, "start"), line), self.day(_text(row, "end"), line),
                            sector)
            earlier = people.get(person_id)
            if earlier is None:
                people[person_id] = ActorRecord(
                    id=person_id, name=self.required(row, "name", line), kind="person", sector=sector, country=country,
                    aliases=_split(row.get("aliases")), wikidata=self.wikidata(_text(row, "wikidata"), line),
                    roles=(role,) if role else (), source=_text(row, "source") or "",
                )
            else:
                aliases = earlier.aliases + tuple(a for a in _split(row.get("aliases")) if a not in earlier.aliases)
                people[person_id] = replace(earlier, aliases=aliases, roles=earlier.roles + ((role,) if role else ()))
        self.tables.records.update(people)

    def add_institution(self, row: Mapping[str, Any], line: int) -> None:
        phrase = self.required(row, "phrase", line)
        self.tables.institutions[phrase.lower()] = Institution(
            phrase, self.sector(self.required(row, "sector", line), line), _text(row, "role"), _text(row, "source") or ""
        )

    def add_dated_sector(self, row: Mapping[str, Any], line: int) -> None:
        """One period of an organisation's sector; a file's rows for an id replace the id's earlier periods."""
        actor_id = self.identifier(row, line)
        period = DatedSector(
            self.sector(self.required(row, "sector", line), line), self.country(_text(row, "country"), line),
            self.day(_text(row, "start"), line), self.day(_text(row, "end"), line), _text(row, "source") or "",
        )
        if period.start and period.end and period.start >= period.end:
            raise self.fail(line, f"start {period.start} is not before end {period.end}; swap them")
        earlier = self.tables.dated_sectors.get(actor_id, ()) if actor_id in self.dated else ()
        periods = tuple(sorted((*earlier, period), key=lambda p: p.start or ""))
        for before, after in zip(periods, periods[1:]):
            if before.end is None or after.start is None or before.end > after.start:
                raise self.fail(line, f"the periods of {actor_id!r} from {before.start} and {after.start} overlap; "
                                      "end the earlier one on or before the later one's start")
        self.dated.add(actor_id)
        self.tables.dated_sectors[actor_id] = periods

    def add_nonactor(self, row: Mapping[str, Any], line: int) -> None:
        self.tables.nonactors.append(self.required(row, "phrase", line))

    def add_rows(self, table: str | None, rows: list[tuple[int, Mapping[str, Any]]]) -> None:
        """Add rows to `table`, or to the table each row names in its `table` column or its columns point to."""
        people = []
        for line, row in rows:
            kind = table or _text(row, "table") or _guess_table(row)
            if kind == "people":
                people.append((line, row))
            elif kind in _ADDERS:
                _ADDERS[kind](self, row, line)
            else:
                raise self.fail(line, f"table {kind!r} is unknown; use one of {sorted((*_ADDERS, 'people'))}")
        if people:
            self.add_people(people)


_ADDERS = {
    "sectors": _Reader.add_sector,
    "countries": _Reader.add_country,
    "organizations": _Reader.add_organization,
    "institutions": _Reader.add_institution,
    "nonactors": _Reader.add_nonactor,
    "dated_sectors": _Reader.add_dated_sector,
}
# Packaged tables in load order: sectors first, because the other tables are checked against them.
PACKAGED = ("sectors", "countries", "organizations", "dated_sectors", "people", "institutions", "nonactors")


def _guess_table(row: Mapping[str, Any]) -> str:
    if "iso3" in row:
        return "countries"
    if "phrase" in row:
        return "institutions"
    if any(column in row for column in ("role", "start", "end", "organization")):
        return "people"
    return "organizations"


def _csv_rows(text: str) -> list[tuple[int, dict[str, Any]]]:
    return [(number, row) for number, row in enumerate(csv.DictReader(text.splitlines()), start=2)]


def read_packaged() -> Tables:
    """Read the tables shipped inside the package."""
    tables = Tables()
    folder = resources.files("brinkwatch") / "data" / "actors"
    for table in PACKAGED:
        name = f"{table}.csv"
        text = (folder / name).read_text(encoding="utf-8")
        _Reader(tables, f"brinkwatch/data/actors/{name}").add_rows(table, _csv_rows(text))
    return tables


def read_user_file(path: Path, tables: Tables) -> None:
    """Add the rows of a user CSV or YAML file to `tables`, replacing rows that share an id.

    A CSV row's table is named in its `table` column when it has one, else told by its columns (iso3:
    countries; phrase: institutions; role/start/end: people; else organizations); dated sectors need the
    `table` column. A YAML file holds either such a list of rows, or a mapping from table name
    ("countries", "organizations", "people", "institutions", "dated_sectors") to a list of rows.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"actor file {str(path)!r} cannot be read ({error}); give a UTF-8 CSV or YAML file") from error
    reader = _Reader(tables, str(path))
    if path.suffix.lower() in (".yaml", ".yml"):
        _read_yaml(reader, text)
    elif path.suffix.lower() == ".csv":
        reader.add_rows(None, _csv_rows(text))
    else:
        raise ConfigError(f"actor file {str(path)!r} must end in .csv, .yaml or .yml")


def _read_yaml(reader: _Reader, text: str) -> None:
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ConfigError(f"{reader.origin}: not valid YAML ({error})") from error
    sections: list[tuple[str | None, Any]]
    if isinstance(data, Mapping):
        sections = list(data.items())
    elif isinstance(data, list):
        sections = [(None, data)]
    else:
        raise ConfigError(f"{reader.origin}: expected a list of actor rows or a mapping of table name to rows")
    for table, rows in sections:
        if not isinstance(rows, list) or not all(isinstance(row, Mapping) for row in rows):
            raise ConfigError(f"{reader.origin}: {table or 'the file'} must be a list of mappings, one per row")
        reader.add_rows(table, list(enumerate(rows, start=1)))


def check_references(tables: Tables) -> None:
    """Raise ConfigError when a parent, a role's organisation or a country names nothing known."""
    codes = {sector.code for sector in tables.sectors.values()}

    def known(actor_id: str) -> bool:
        if actor_id in tables.records:
            return True
        country, _, code = actor_id.partition("-")
        return country in tables.records and code in codes

    for record in tables.records.values():
        if record.country is not None and record.country not in tables.records:
            raise ConfigError(f"actor {record.id!r}: country {record.country!r} is not in countries.csv; add it there first")
        if record.parent is not None and not known(record.parent):
            raise ConfigError(f"actor {record.id!r}: parent {record.parent!r} is not a known actor id")
        for role in record.roles:
            if not known(role.scope):
                raise ConfigError(f"actor {record.id!r}: role {role.title!r} belongs to {role.scope!r}, which is not a known actor id")
    for actor_id, periods in tables.dated_sectors.items():
        record = tables.records.get(actor_id)
        if record is None or record.kind != "organization":
            raise ConfigError(f"dated sector of {actor_id!r}: no organisation has this id; add it to organizations first")
        for period in periods:
            if period.country is not None and period.country not in tables.records:
                raise ConfigError(f"dated sector of {actor_id!r}: country {period.country!r} is not in countries.csv")
