"""Geocoding accuracy on the LGL and GeoWebNews gold sets: the gold spans, resolved by brinkwatch's Geocoder.

    .venv/bin/python bench/geo.py [--eval-dir ../shared/eval] [--limit N] [--corpus lgl|gwn] [--errors K]

For each document the gold spans are resolved together (`Geocoder.resolve_many`); the focus countries are
then estimated from those first answers (`Geocoder.focus_countries`) and the spans resolved again with them.
Prints, per corpus: accuracy within 161 km (100 miles), country accuracy, median error in km, and coverage
(share of spans given any place). A span left unresolved counts as wrong in the accuracies.
The gold data is read where it lies; nothing of it is copied.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from brinkwatch.gazetteer import Gazetteer
from brinkwatch.places import Geocoder, haversine_km


@dataclass(frozen=True)
class GoldSpan:
    start: int
    end: int
    text: str
    lat: float
    lon: float
    country_name: str | None  # LGL names the gold country; GeoWebNews does not


@dataclass(frozen=True)
class GoldDoc:
    doc_id: str
    text: str
    spans: list[GoldSpan]


def read_lgl(path: Path) -> list[GoldDoc]:
    """LGL: <article docid><text><toponyms><toponym><start><end><phrase><gaztag><lat><lon><country>."""
    docs = []
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        spans = []
        for toponym in article.iter("toponym"):
            tag = toponym.find("gaztag")
            if tag is None or tag.findtext("lat") is None:
                continue
            start, end = int(toponym.findtext("start")), int(toponym.findtext("end"))
            spans.append(GoldSpan(start, end, text[start:end], float(tag.findtext("lat")), float(tag.findtext("lon")),
                                  tag.findtext("country")))
        docs.append(GoldDoc(article.get("docid", ""), text, spans))
    return docs


def read_geowebnews(path: Path) -> list[GoldDoc]:
    """GeoWebNews: <article file><text><toponyms><toponym><start><end><latitude><longitude>."""
    docs = []
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        spans = []
        for toponym in article.iter("toponym"):
            lat, lon = (toponym.findtext("latitude") or "").strip(), (toponym.findtext("longitude") or "").strip()
            if not lat or not lon:
                continue
            start, end = int(toponym.findtext("start")), int(toponym.findtext("end"))
            spans.append(GoldSpan(start, end, text[start:end], float(lat), float(lon), None))
        docs.append(GoldDoc(article.get("file", ""), text, spans))
    return docs


class CountryFinder:
    """The country of a gold point: the gold country name where given, else the country of the nearest city."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.cells: dict[tuple[int, int], list[tuple[float, float, str]]] = defaultdict(list)
        for city in gazetteer.places("city"):
            self.cells[(math.floor(city.lat), math.floor(city.lon))].append((city.lat, city.lon, city.country))
        self.countries = {c.country: c for c in gazetteer.countries()}

    def country(self, span: GoldSpan) -> str | None:
        if span.country_name:
            named = [c.country for c in self.gazetteer.lookup(span.country_name) if c.feature == "country"]
            if named:
                return named[0]
        for radius in (1, 3):
            best = None
            for dlat in range(-radius, radius + 1):
                for dlon in range(-radius, radius + 1):
                    for lat, lon, country in self.cells.get((math.floor(span.lat) + dlat, math.floor(span.lon) + dlon), ()):
                        d = haversine_km(span.lat, span.lon, lat, lon)
                        if best is None or d < best[0]:
                            best = (d, country)
            if best is not None:
                return best[1]
        # A country-level point far from any city (deserts, the Arctic): the nearest country point.
        return min(self.countries.values(), key=lambda c: haversine_km(span.lat, span.lon, c.lat, c.lon)).country


def evaluate(name: str, docs: list[GoldDoc], geocoder: Geocoder, finder: CountryFinder, errors: int) -> dict:
    distances: list[float] = []
    total = resolved = within = country_ok = 0
    wrong: list[tuple[float, str, str, str]] = []
    started = time.perf_counter()
    for doc in docs:
        mentions = [(s.text, s.start, s.end) for s in doc.spans]
        first = geocoder.resolve_many(mentions)
        places = geocoder.resolve_many(mentions, focus_countries=geocoder.focus_countries(first))
        for span, place in zip(doc.spans, places):
            total += 1
            if place is None:
                wrong.append((float("inf"), doc.doc_id, span.text, "unresolved"))
                continue
            resolved += 1
            km = haversine_km(span.lat, span.lon, place.lat, place.lon)
            distances.append(km)
            within += km <= 161
            country_ok += place.country == finder.country(span)
            if km > 161:
                wrong.append((km, doc.doc_id, span.text, f"{place.name}, {place.admin1}, {place.country} "
                              f"({place.precision}) gold {span.lat:.2f},{span.lon:.2f}"))
    seconds = time.perf_counter() - started
    result = {
        "corpus": name, "documents": len(docs), "spans": total,
        "acc@161km": within / total if total else 0.0,
        "country_acc": country_ok / total if total else 0.0,
        "median_km": statistics.median(distances) if distances else float("nan"),
        "coverage": resolved / total if total else 0.0,
        "spans_per_s": total / seconds if seconds else 0.0,
    }
    if errors:
        from collections import Counter

        counts = Counter((text, why.split(" gold")[0]) for _, _, text, why in wrong)
        print(f"-- {name}: most frequent errors", file=sys.stderr)
        for (text, why), n in counts.most_common(errors):
            print(f"{n:4d}  {text!r:30} -> {why}", file=sys.stderr)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=Path("../shared/eval"), help="folder holding lgl/ and geowebnews/")
    parser.add_argument("--limit", type=int, default=None, help="read only the first N documents of each corpus")
    parser.add_argument("--corpus", choices=("lgl", "gwn", "both"), default="both")
    parser.add_argument("--errors", type=int, default=0, help="print the K most frequent errors to stderr")
    parser.add_argument("--gazetteer", type=Path, default=None, help="gazetteer file (default: the user cache)")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    gazetteer = Gazetteer.open(args.gazetteer)
    print(f"gazetteer {gazetteer.path} ready in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    geocoder = Geocoder(gazetteer)
    finder = CountryFinder(gazetteer)
    corpora = {"lgl": (read_lgl, args.eval_dir / "lgl" / "lgl.xml"),
               "gwn": (read_geowebnews, args.eval_dir / "geowebnews" / "GWN.xml")}
    for name, (reader, path) in corpora.items():
        if args.corpus not in (name, "both"):
            continue
        if not path.exists():
            print(f"{path} is missing; pass --eval-dir pointing at the folder with lgl/ and geowebnews/", file=sys.stderr)
            return 2
        docs = reader(path)[: args.limit]
        r = evaluate(name, docs, geocoder, finder, args.errors)
        print(f"{r['corpus']:4} docs={r['documents']} spans={r['spans']} acc@161km={r['acc@161km']:.3f} "
              f"country_acc={r['country_acc']:.3f} median_km={r['median_km']:.1f} coverage={r['coverage']:.3f} "
              f"({r['spans_per_s']:.0f} spans/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
