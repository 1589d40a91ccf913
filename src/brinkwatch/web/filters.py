"""The event filters of the HTTP API and the pages, parsed once and turned into SQL conditions.

A bad value raises InputError naming the parameter (the app answers 422). The store's own filters
(actor, type, country, dates, modality, minimum sources) are checked and compiled by the store's query
module; this one adds what only the web needs: a dyad, a bounding box or a radius, and sorting.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, or_

from brinkwatch.errors import InputError
from brinkwatch.store import check_filters
from brinkwatch.store.query import conditions
from brinkwatch.store.schema import reports

FILTER_NAMES = ("actor", "dyad", "type", "country", "since", "until", "modality", "min_sources",
                "bbox", "lat", "lon", "radius_km")
SORTS = ("id", "-id", "date", "-date", "type", "-type")
KM_PER_DEGREE = 111.195  # along a meridian, on a sphere of the Earth's mean radius
MAX_RADIUS_KM = 20_000.0  # half the Earth's circumference: anything farther is everywhere
_SIDE = re.compile(r"^[\w.'&-]{1,80}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SEPARATORS = (",", ":", "/", " ", "-")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _number(name: str, value: Any, low: float, high: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InputError(f"{value!r} is not a number", where=name) from None
    if not math.isfinite(number) or not low <= number <= high:
        raise InputError(f"{value!r} is outside {low:g}..{high:g}", where=name)
    return number


def dyad_readings(text: str) -> tuple[tuple[str, str], ...]:
    """Every way to read `text` as two sides: "USA-IRN" is (USA, IRN); "USA-MIL,KH" is (USA-MIL, KH); a
    hyphen inside an actor key ("IRQ-COP-IRN") leaves several readings, and any of them may match."""
    wanted = text.strip()
    for separator in _SEPARATORS:
        parts = wanted.split(separator)
        readings = []
        for cut in range(1, len(parts)):
            one, other = separator.join(parts[:cut]).strip(), separator.join(parts[cut:]).strip()
            if _SIDE.match(one) and _SIDE.match(other):
                readings.append((one.upper(), other.upper()))
        if readings:
            return tuple(readings)
    raise InputError(f"{text!r} is not a pair of actors; write two ISO3 codes or actor keys like USA-IRN "
                     "or USA-MIL,KH", where="dyad")


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Checked filters: `store` holds the store's own (see store.check_filters), the rest are web-only."""

    store: dict[str, Any] = field(default_factory=dict)
    dyad: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min lon, min lat, max lon, max lat
    near: tuple[float, float, float] | None = None  # lat, lon, radius in km
    given: tuple[tuple[str, str], ...] = ()  # the filters as written, for links that keep them

    @property
    def query(self) -> dict[str, str]:
        """The filters as URL parameters (permalinks, the CSV link, pagination)."""
        return dict(self.given)

    def conditions(self) -> list[Any]:
        """SQL conditions on `reports` (joined with nothing else)."""
        where = conditions(self.store)
        if self.dyad:
            where.append(or_(*(_pair(one, other) for one, other in dyad_readings(self.dyad))))
        if self.bbox:
            min_lon, min_lat, max_lon, max_lat = self.bbox
            lon = reports.c.location_lon
            across = lon.between(min_lon, max_lon) if min_lon <= max_lon else or_(lon >= min_lon, lon <= max_lon)
            where.append(and_(reports.c.location_lat.between(min_lat, max_lat), across))
        if self.near:
            lat, lon, km = self.near
            # An equirectangular distance: plain arithmetic, so SQLite and PostgreSQL both run it; within
            # a few percent of the great-circle distance up to about 1,000 km away from the poles.
            dx = (reports.c.location_lon - lon) * math.cos(math.radians(lat))
            dy = reports.c.location_lat - lat
            reach = km / KM_PER_DEGREE
            where.append(and_(reports.c.location_lat.between(lat - reach, lat + reach),
                              dx * dx + dy * dy <= reach * reach))
        return where


def _side(column_key: Any, column_country: Any, side: str) -> Any:
    return or_(column_key == side, column_country == side) if len(side) == 3 else column_key == side


def _pair(one: str, other: str) -> Any:
    """Reports whose first source and first target are the two sides, in either direction."""
    source = (reports.c.source_key, reports.c.source_country)
    target = (reports.c.target_key, reports.c.target_country)
    return or_(and_(_side(*source, one), _side(*target, other)), and_(_side(*source, other), _side(*target, one)))


def parse_filter(values: Mapping[str, Any]) -> EventFilter:
    """Check the filters in `values` (strings from a URL, or numbers); blank values count as absent."""
    given = {name: values[name] for name in FILTER_NAMES if not _blank(values.get(name))}
    for name, value in given.items():
        if isinstance(value, str) and (_CONTROL.search(value) or len(value) > 200):
            raise InputError(f"{value[:40]!r} holds control characters or is over 200 characters long", where=name)
    text = {name: value.strip() if isinstance(value, str) else value for name, value in given.items()}
    min_sources = None
    if "min_sources" in text:
        min_sources = int(_number("min_sources", text["min_sources"], 0, 1_000_000))
        if float(text["min_sources"]) != min_sources:
            raise InputError(f"{text['min_sources']!r} is not a whole number", where="min_sources")
    checked = check_filters(actor=text.get("actor"), type=text.get("type"), country=text.get("country"),
                            since=text.get("since"), until=text.get("until"), modality=text.get("modality"),
                            min_sources=min_sources)
    dyad = text.get("dyad")
    if dyad is not None:
        dyad_readings(dyad)  # raises on a value that is not a pair
    bbox = None
    if "bbox" in text:
        parts = str(text["bbox"]).split(",")
        if len(parts) != 4:
            raise InputError(f"{text['bbox']!r} is not four numbers; write minlon,minlat,maxlon,maxlat", where="bbox")
        min_lon, max_lon = (_number("bbox", parts[i], -180, 180) for i in (0, 2))
        min_lat, max_lat = (_number("bbox", parts[i], -90, 90) for i in (1, 3))
        if min_lat > max_lat:
            raise InputError(f"{text['bbox']!r} has its minimum latitude above its maximum", where="bbox")
        bbox = (min_lon, min_lat, max_lon, max_lat)
    near = None
    circle = [name for name in ("lat", "lon", "radius_km") if name in text]
    if circle:
        missing = [name for name in ("lat", "lon", "radius_km") if name not in text]
        if missing:
            raise InputError(f"a radius search needs lat, lon and radius_km together; add {', '.join(missing)}",
                             where=missing[0])
        near = (_number("lat", text["lat"], -90, 90), _number("lon", text["lon"], -180, 180),
                _number("radius_km", text["radius_km"], 0, MAX_RADIUS_KM))
    return EventFilter(store=checked, dyad=dyad, bbox=bbox, near=near,
                       given=tuple((name, str(value)) for name, value in text.items()))


def order_by(sort: str) -> list[Any]:
    """ORDER BY clauses for a sort key of SORTS; undated reports come last either way."""
    if sort not in SORTS:
        raise InputError(f"{sort!r} is not a sort order; use one of {', '.join(SORTS)}", where="sort")
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    report_id = reports.c.report_id.desc() if descending else reports.c.report_id.asc()
    if key == "id":
        return [report_id]
    column = reports.c.date_value if key == "date" else reports.c.event_type
    return [(column.desc() if descending else column.asc()).nulls_last(), report_id]
