"""Geometry for the SVG charts, computed here so the templates only place shapes: the map's points, the
timeline's stacked bars, the actor network's circular layout and a dyad's weekly series. Pure: numbers
in, numbers and labels out; the templates escape every label.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from brinkwatch.model import PLOVER_TYPES
from brinkwatch.watch import QUAD_CLASSES, plover_types, week_start

# One colour a quad class, red for conflict and blue for cooperation; a colour a PLOVER type for bars.
QUAD_COLOURS = {"verbal_cooperation": "#6baed6", "material_cooperation": "#2166ac",
                "verbal_conflict": "#f4a582", "material_conflict": "#b2182b"}
TYPE_COLOURS = dict(zip(PLOVER_TYPES, (
    "#9ecae1", "#6baed6", "#4292c6", "#c6dbef", "#2171b5", "#08519c", "#08306b",  # cooperation
    "#fdd0a2", "#fdae6b", "#fd8d3c", "#f16913",  # verbal conflict
    "#fcbba1", "#fb6a4a", "#ef3b2c", "#cb181d", "#67000d",  # material conflict
)))
WORLD = (-180.0, -60.0, 180.0, 84.0)  # min lon, min lat, max lon, max lat shown by default


def quad_of(event_type: str) -> str:
    return plover_types()[event_type][0]


def is_conflict(quad: str) -> bool:
    return quad.endswith("conflict")


@dataclass(frozen=True, slots=True)
class MapView:
    """The visible box of the world map, in projected units (x = lon + 180, y = 90 - lat)."""

    x: float
    y: float
    width: float
    height: float

    @classmethod
    def of(cls, bbox: tuple[float, float, float, float] | None) -> MapView:
        min_lon, min_lat, max_lon, max_lat = bbox or WORLD
        if max_lon < min_lon:  # a box across the antimeridian: show the whole width
            min_lon, max_lon = -180.0, 180.0
        pad_x, pad_y = max(0.5, (max_lon - min_lon) * 0.05), max(0.5, (max_lat - min_lat) * 0.05)
        return cls(min_lon + 180 - pad_x, 90 - max_lat - pad_y, max_lon - min_lon + 2 * pad_x,
                   max_lat - min_lat + 2 * pad_y)

    @property
    def box(self) -> str:
        return f"{self.x:.2f} {self.y:.2f} {self.width:.2f} {self.height:.2f}"

    @property
    def scale(self) -> float:
        """Map units a screen pixel covers when the map is 1,000 pixels wide."""
        return self.width / 1000


def map_points(rows: list[dict[str, Any]], view: MapView) -> list[dict[str, Any]]:
    """Circles for the map: area grows with the sources behind a point; conflict is drawn last (on top)."""
    points = []
    for row in rows:
        radius = (2.0 + 2.2 * math.sqrt(max(1, row["sources"]))) * view.scale
        points.append({**row, "x": round(row["lon"] + 180, 3), "y": round(90 - row["lat"], 3),
                       "r": round(min(radius, 30 * view.scale), 3), "colour": QUAD_COLOURS[row["quad"]],
                       "conflict": is_conflict(row["quad"])})
    points.sort(key=lambda p: (p["conflict"], -p["r"]))
    return points


def period_start(day: date, bucket: str) -> date:
    """The day, the Monday of its ISO week, or the first of its month."""
    if bucket == "week":
        return week_start(day)
    return day.replace(day=1) if bucket == "month" else day


def period_end(start: date, bucket: str) -> date:
    if bucket == "week":
        return start + timedelta(days=6)
    if bucket == "month":
        return (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return start


def periods(first: date, last: date, bucket: str) -> list[date]:
    """Every day, ISO week (its Monday) or month (its first day) from `first` to `last`."""
    start = period_start(first, bucket)
    found = []
    while start <= last:
        found.append(start)
        start = period_end(start, bucket) + timedelta(days=1)
    return found


def timeline(rows: list[tuple[str, str, int]], bucket: str, width: int = 1000, height: int = 260) -> dict[str, Any]:
    """Stacked bars of happenings per day, week or month by type. `bucket` "auto" picks weeks past 120
    days and months past three years."""
    counts: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    days = [date.fromisoformat(day) for day, _, _ in rows]
    if not days:
        return {"bars": [], "ticks": [], "bucket": bucket if bucket != "auto" else "day", "top": 0,
                "width": width, "height": height, "types": []}
    first, last = min(days), max(days)
    if bucket == "auto":
        span = (last - first).days
        bucket = "month" if span > 3 * 365 else "week" if span > 120 else "day"
    for (day, event_type, n), when in zip(rows, days):
        counts[period_start(when, bucket)][event_type] += n
    slots = periods(first, last, bucket)
    top = max(sum(by_type.values()) for by_type in counts.values())
    left, bottom, plot_h = 40, 20, height - 30
    step = (width - left) / len(slots)
    bars = []
    for i, start in enumerate(slots):
        y = height - bottom
        for event_type in PLOVER_TYPES:
            n = counts.get(start, {}).get(event_type, 0)
            if not n:
                continue
            h = n / top * plot_h
            y -= h
            bars.append({"x": round(left + i * step, 2), "y": round(y, 2), "w": round(min(max(step * 0.85, 0.5), 40), 2),
                         "h": round(h, 2), "colour": TYPE_COLOURS[event_type], "type": event_type, "n": n,
                         "start": start.isoformat(),
                         "until": period_end(start, bucket).isoformat()})
    every = max(1, len(slots) // 8)
    ticks = [{"x": round(left + i * step, 2), "label": start.isoformat()} for i, start in enumerate(slots) if i % every == 0]
    present = sorted({bar["type"] for bar in bars}, key=PLOVER_TYPES.index)
    return {"bars": bars, "ticks": ticks, "bucket": bucket, "top": top, "width": width, "height": height,
            "left": left, "bottom": height - bottom, "types": [(t, TYPE_COLOURS[t]) for t in present]}


def network(pairs: list[dict[str, Any]], size: int = 760) -> dict[str, Any]:
    """Actors on a circle (grouped by country, then key), edges between them weighted by happenings and
    coloured by the share of conflict; the pair's two directions share one edge."""
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    weight: dict[str, int] = defaultdict(int)
    country: dict[str, str] = {}
    for pair in pairs:
        a, b = sorted((pair["source"], pair["target"]))
        edge = edges.setdefault((a, b), {"a": a, "b": b, "events": 0, "conflict": 0, "directions": []})
        edge["events"] += pair["events"]
        edge["conflict"] += pair["conflict"]
        edge["directions"].append(f"{pair['source']} → {pair['target']}: {pair['events']}")
        for key, iso3 in ((pair["source"], pair["source_country"]), (pair["target"], pair["target_country"])):
            weight[key] += pair["events"]
            country[key] = iso3 or ""
    keys = sorted(weight, key=lambda k: (country[k], k))
    centre, ring = size / 2, size / 2 - 130
    places = {}
    for i, key in enumerate(keys):
        angle = 2 * math.pi * i / max(1, len(keys)) - math.pi / 2
        places[key] = (centre + ring * math.cos(angle), centre + ring * math.sin(angle), angle)
    top_edge = max((e["events"] for e in edges.values()), default=1)
    top_node = max(weight.values(), default=1)
    lines = []
    for edge in sorted(edges.values(), key=lambda e: e["events"]):
        (x1, y1, _), (x2, y2, _) = places[edge["a"]], places[edge["b"]]
        share = edge["conflict"] / edge["events"] if edge["events"] else 0.0
        lines.append({**edge, "x1": round(x1, 1), "y1": round(y1, 1), "x2": round(x2, 1), "y2": round(y2, 1),
                      "width": round(0.8 + 7 * math.sqrt(edge["events"] / top_edge), 2),
                      "colour": QUAD_COLOURS["material_conflict"] if share >= 0.5 else QUAD_COLOURS["material_cooperation"],
                      "share": round(share * 100)})
    nodes = []
    for key in keys:
        x, y, angle = places[key]
        # Labels point away from the centre, turned along their radius, so neighbours never overlap.
        right = math.cos(angle) >= 0
        degrees = math.degrees(angle) if right else math.degrees(angle) + 180
        label_at = ring + 14
        nodes.append({"key": key, "country": country[key], "x": round(x, 1), "y": round(y, 1),
                      "r": round(3 + 9 * math.sqrt(weight[key] / top_node), 1), "events": weight[key],
                      "lx": round(centre + label_at * math.cos(angle), 1), "ly": round(centre + label_at * math.sin(angle), 1),
                      "rotate": round(degrees, 1), "anchor": "start" if right else "end"})
    return {"nodes": nodes, "edges": lines, "size": size}


def weekly_chart(weeks: list[dict[str, Any]], width: int = 1000, height: int = 220) -> dict[str, Any]:
    """A dyad's weekly counts by quad class: cooperation above the axis, conflict below it."""
    if not weeks:
        return {"bars": [], "ticks": [], "width": width, "height": height, "axis": height / 2}
    first = date.fromisoformat(weeks[0]["week"])
    last = date.fromisoformat(weeks[-1]["week"])
    slots = periods(first, last, "week")
    by_week = {w["week"]: w for w in weeks}
    up = max((sum(w["counts"][q] for q in QUAD_CLASSES if not is_conflict(q)) for w in weeks), default=0)
    down = max((sum(w["counts"][q] for q in QUAD_CLASSES if is_conflict(q)) for w in weeks), default=0)
    total = (up + down) or 1.0
    left, plot_h = 40, height - 30
    axis = 10 + plot_h * up / total
    step = (width - left) / len(slots)
    bars = []
    for i, start in enumerate(slots):
        week = by_week.get(start.isoformat())
        if week is None:
            continue
        above, below = axis, axis
        for quad in QUAD_CLASSES:
            n = week["counts"][quad]
            if not n:
                continue
            h = n / total * plot_h
            if is_conflict(quad):
                y, below = below, below + h
            else:
                above -= h
                y = above
            bars.append({"x": round(left + i * step, 2), "y": round(y, 2), "w": round(min(max(step * 0.85, 0.8), 40), 2),
                         "h": round(h, 2), "colour": QUAD_COLOURS[quad], "quad": quad.replace("_", " "),
                         "n": round(n, 2), "week": start.isoformat()})
    every = max(1, len(slots) // 8)
    ticks = [{"x": round(left + i * step, 2), "label": s.isoformat()} for i, s in enumerate(slots) if i % every == 0]
    return {"bars": bars, "ticks": ticks, "width": width, "height": height, "axis": round(axis, 2), "left": left}


def sparkline(values: list[float], width: int = 120, height: int = 24) -> str:
    """Points of an SVG polyline for a small series; flat at the bottom when all values are zero."""
    if not values:
        return ""
    top = max(values) or 1.0
    step = width / max(1, len(values) - 1)
    return " ".join(f"{i * step:.1f},{height - 2 - v / top * (height - 4):.1f}" for i, v in enumerate(values))
