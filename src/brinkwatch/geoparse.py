"""`brinkwatch geoparse`: place mentions per document, found by NER or given as gold spans.

Records are read raw (not through ingest's text normalisation) so that gold offsets keep pointing at
the characters they were written for.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from collections import Counter
from dataclasses import replace
from typing import Any, Iterator, Sequence

from .actors_text import CURRENCIES
from .errors import InputError
from .model import Place, Span
from .place_containers import CHAIN_KINDS
from .gazetteer import MATCH_ALTERNATE, MATCH_ALTERNATE_VARIANT
from .place_readings import local_usage
from .places import MIN_SCORE, NEAR_KM, PRECISION, candidate_place, compass_word, directional, haversine_km

PLACE_LABELS = ("GPE", "LOC", "FAC")


def names_currency(entity: Any) -> bool:
    """"the US dollar", "Syrian pounds": a country's name that only says whose money it is."""
    following = entity.doc[entity.end] if entity.end < len(entity.doc) else None
    return following is not None and following.lower_ in CURRENCIES


# A capitalised name after a locative preposition, for sentences that are not parsed: "in Sao Goncalo, Rio
# de Janeiro", "near Kruta Balka"; the comma-joined areas after it count too.
_NAME = r"[A-Z][\w'\u2019\-]*(?:\s+(?:(?:de|do|da|dos|das|del|di|al|el|la|ar|as|ad)\s+)?[A-Z][\w'\u2019\-]*){0,3}"
_AREA = rf"\s*,\s*({_NAME})(?=\s*[,.;:()]|\s*$)"  # an area after a comma ends at punctuation
_NAME_AFTER = re.compile(rf"\b(?:in|near|at|outside|around|from)\s+(?:the\s+)?({_NAME})((?:{_AREA})*)")
# and after a word of going, for names known as a country, an area or a large city only ("transferred to Crete")
_NAME_TOWARD = re.compile(rf"\b(?:to|into|toward|towards|across)\s+(?:the\s+)?({_NAME})((?:{_AREA})*)")
_NOT_PLACES = frozenset("""January February March April May June July August September October November December
Monday Tuesday Wednesday Thursday Friday Saturday Sunday The A An This That These Those His Her Their Its Our
""".split())


# A sentence that opens with its place: "On 7 May 2020, in Nova Iguacu, Rio de Janeiro, police ..."
_OPENING = re.compile(r"(?:(?:On|Around|As reported on|By)\s[^,]{3,40},\s*)?(?=(?:In|in|At|at)\s)")


def place_names(text: str, start: int, end: int, opening_only: bool = False, toward: bool = False) -> Iterator[Span]:
    """Names a sentence gives after "in", "near", "at", ... (for a sentence no parser has read); with
    `opening_only`, only those of the place a sentence opens with (which the tagger often cuts short:
    "Ribeirao" of "in Ribeirao das Neves, Minas Gerais", or misses); with `toward`, only those after "to",
    "into", ... (for the caller to keep well-known names of areas and cities: "to Putin" names a person,
    "to Jordan" may)."""
    if opening_only:
        opening = _OPENING.match(text, start, end)
        match = _NAME_AFTER.match(text, opening.end(), end) if opening else None
        matches = [match] if match else []
    else:
        matches = list((_NAME_TOWARD if toward else _NAME_AFTER).finditer(text, start, end))
    for match in matches:
        names = [match.span(1)] + [(match.start(2) + m.start(1), match.start(2) + m.end(1))
                                   for m in re.finditer(_AREA, match.group(2))]
        for first, last in names:
            name = text[first:last]
            if name.split()[0] not in _NOT_PLACES:
                yield Span(name, first, last)


def _records(path: Path) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    try:
        handle = open(path, encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot open: {error.strerror}; give a JSON Lines file", str(path)) from error
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                yield number, None, f"{path}:line {number}: not valid JSON ({error.msg}); one object per line"
                continue
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                yield number, None, f"{path}:line {number}: a record needs a \"text\" string"
                continue
            yield number, record, None


def _spans(record: dict[str, Any], where: str) -> list[tuple[int, int]] | None:
    spans = record.get("spans")
    if spans is None:
        return None
    text = record["text"]
    out = []
    for pair in spans:
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, int) for x in pair)
                and 0 <= pair[0] < pair[1] <= len(text)):
            raise InputError(f"span {pair!r} is not [start, end] inside the text (length {len(text)})", where)
        out.append((pair[0], pair[1]))
    return out


# The tagger often labels a bare place name an organisation or a person ("Texas" as a team, "Gainesville"):
# such an entity counts when the gazetteer knows it as a country, a first-level area or a city this large.
NAMED_AS_OTHER = ("ORG", "PERSON")
MIN_CITY_POPULATION = 50_000


def mislabelled_place(entity: Any, gazetteer: Any) -> bool:
    """Whether an entity the tagger labelled an organisation or a person is a place: a country or a first-level
    area by its own name, or a large city when labelled an organisation ("Russian rockets hit Odessa") or when
    it is the object of a verb ("jets bombed Khan Younis"); a town's name is too often a person's otherwise."""
    return entity.label_ in NAMED_AS_OTHER and not names_currency(entity) and well_known(
        entity.text, gazetteer, cities=entity.label_ == "ORG" or entity.root.dep_ == "dobj")


def place_spans(doc: Any, gazetteer: Any = None) -> list[tuple[int, int]]:
    """The place mentions in a parsed document, as character offsets: the tagger's places; with a gazetteer
    also nationality words it knows ("Syrian" -> Syria) and bare place names the tagger labelled otherwise."""
    spans = []
    for entity in doc.ents:
        if names_currency(entity):
            continue
        if entity.label_ in PLACE_LABELS:
            spans.append((entity.start_char, entity.end_char))
        elif gazetteer is not None and entity.label_ == "NORP":
            # the adjective ("a Syrian town"), not the people ("Syrians"), who may be anywhere
            plural = entity.text.endswith("s") and gazetteer.demonym_places(entity.text[:-1])
            if gazetteer.demonym_places(entity.text) and not plural:
                spans.append((entity.start_char, entity.end_char))
        elif gazetteer is not None and mislabelled_place(entity, gazetteer):
            spans.append((entity.start_char, entity.end_char))
    return spans


# After a place, its area named after a comma, past a bracket or a word for its kind: "Chaghcharan (Ferozkoh)
# city, Ghor." The tagger often misses such a last name of a chain.
_CHAINED_AREA = re.compile(rf"\)?(?:\s*\([^()]{{1,40}}\))?(?:\s+(?:{CHAIN_KINDS}))?\s*,\s*({_NAME})"
                           rf"(?=\s*[,.;:()]|\s*$)")


def chained_areas(text: str, spans: Sequence[Span], gazetteer: Any) -> Iterator[Span]:
    """The country or first-level area named after a comma at the end of a chain of places ("..., Ghor."),
    for each place span given; read again from each area found ("X, Y, Z")."""
    todo = list(spans)
    seen = {(span.start, span.end) for span in spans}
    while todo:
        span = todo.pop()
        match = _CHAINED_AREA.match(text, span.end)
        if match is None:
            continue
        found = Span(match.group(1), match.start(1), match.end(1))
        if (found.start, found.end) in seen or found.text.split()[0] in _NOT_PLACES or \
                not well_known(found.text, gazetteer, cities=False, articles=True):
            continue
        seen.add((found.start, found.end))
        todo.append(found)
        yield found


_BRACKETED_ABBREVIATION = re.compile(r"(?<=\w )\((?P<name>[A-Z]{2,3}|[A-Z]&[A-Z])\)")


def area_abbreviations(text: str, gazetteer: Any) -> Iterator[Span]:
    """A first-level area written as its abbreviation in brackets after a place ("Pratapgarh (UP)", "Tiruppur
    (TN)"), which the tagger does not see; only abbreviations the gazetteer lists for an area ("(IS)" names a
    group and is left alone)."""
    for match in _BRACKETED_ABBREVIATION.finditer(text):
        name = match.group("name")
        if any(c.feature == "admin1" and c.match <= MATCH_ALTERNATE for c in gazetteer.lookup(name)):
            yield Span(name, match.start("name"), match.end("name"))


def well_known(name: str, gazetteer: Any, cities: bool, articles: bool = False, countries: bool = True) -> bool:
    """A country or first-level area by that very name; with `cities`, also a large city (a person's name
    is too often a town's: Lincoln, Taylor); with `articles`, also by that name with its article ("Ar-Raqqa" is
    Raqqa); without `countries`, not a country's name."""
    worst = MATCH_ALTERNATE_VARIANT if articles else MATCH_ALTERNATE
    return any(c.match <= worst and (c.feature == "admin1" or countries and c.feature == "country" or (
        cities and c.feature == "city" and c.population >= MIN_CITY_POPULATION)) for c in gazetteer.lookup(name))


def resolve_document(text: str, spans: Sequence[tuple[int, int]], geocoder: Any, *,
                     fallback: bool = False, actors: Any = None) -> list[Any]:
    """Resolve a document's place mentions together, twice: the first answers give the document's focus
    countries (`Geocoder.focus_countries`), which then weigh in. One Place or None per span.

    With `fallback` (the spans are known to be places, as gold spans are), a name the gazetteer lacks
    ("Royal Street", a river) gets the city the document is about, at precision "admin1" (near it, not in
    it for sure), else the document's main country at precision "country"; with `actors` too, a body of
    another country that the actor base knows ("the Bank of Japan") gets that country."""
    mentions = [(text[s:e], s, e) for s, e in spans]
    first = geocoder.resolve_many(mentions, text=text)
    focus = geocoder.focus_countries(first)
    places = geocoder.resolve_many(mentions, focus_countries=focus, text=text)
    if not fallback or all(places):
        return places
    named = Counter(p.country for p in places if p is not None and p.country)
    main = focus[0] if focus else (named.most_common(1)[0][0] if named else None)
    country = geocoder.gazetteer.country(main) if main else None
    if country is None:
        return places
    wide = Place(text="", start=0, end=0, name=country.name, lat=country.lat, lon=country.lon,
                 country=country.country, admin1=None, geonameid=country.geonameid, precision="country")
    found = [p for p in places if p is not None]
    city = _main_city(found)
    if city is not None and city.country == country.country:
        # a street or a building of a story told in one city: that city's point, no finer than its region
        wide = replace(city, precision="admin1")
    # the countries whose bodies a body named after one of their towns is taken to be: the main one, and those
    # whose local news the article is written like ("Belfast Magistrates' Court" in a story of a Dublin suburb's
    # namesake, the Shankill)
    home = set(focus[:1]) | local_usage(text)
    placed: list[Any] = []
    for (mention, start, end), place in zip(mentions, places):
        if place is None:
            place = _short_form(mention, mentions, places, placed) or (
                _area_after(text, start, end, mentions, places, found) or _holder(mention, found, wide)
                or _host_city(mention, geocoder) or _venue(mention, city, wide)
                or _actor_country(mention, actors, geocoder, wide)
                or _town_of_body(text, end, mentions, places, _named_inside(mention, geocoder, focus, home)) or wide)
            place = replace(place, text=mention, start=start, end=end)
        placed.append(place)
    return placed


_VENUE = re.compile(r"\b(?:racecourse|racetrack|raceway|speedway|stadium|arena|centre|center|theatre|theater|"
                    r"ballpark|coliseum|velodrome)\b", re.I)


def _venue(mention: str, city: Any, wide: Place) -> Any | None:
    """A venue the gazetteer lacks ("the Meydan Racecourse", "the Rogers Centre") in a story told in one city
    of another country than the one the story names most (a race in Dubai that an American desk writes up for
    its American horses): that city, no finer than its region. A venue is where the story happens; another
    name, a village or a university, may lie anywhere in the main country."""
    if city is None or city.country == wide.country or not _VENUE.search(mention):
        return None
    return replace(city, precision="admin1")


def _short_form(mention: str, mentions: Sequence[tuple[str, int, int]], places: Sequence[Any],
                placed: Sequence[Any]) -> Any | None:
    """A name the gazetteer lacks that repeats the end or the start of a longer such name met before it, of two
    words or more ("the World Cup" after "the Dubai World Cup"): the place that longer name got."""
    words = mention.split()
    if len(words) < 2:
        return None
    for (other, _, _), own, got in zip(mentions, places, placed):
        longer = other.split()
        if own is None and len(longer) > len(words) and (longer[-len(words):] == words or longer[:len(words)] == words):
            return got
    return None


def _area_after(text: str, start: int, end: int, mentions: Sequence[tuple[str, int, int]],
                places: Sequence[Any], found: Sequence[Any]) -> Any | None:
    """The place named right after a name the gazetteer lacks that holds it: an area after a comma or in
    brackets ("Oulton Park, Cheshire", "Knockhill (Fife)"), or a town in brackets, placed at its point no finer
    than its region; or any place after "in" ("the Quillmont Children's Hospital in Lyon", "Elm Row in
    Dundee"), at that place's own precision. Not in a list ("Becker, Clay, Douglas"), nor a town after
    a comma ("Beyond Madinaty, Liverpool have...")."""
    following = _named_after(text, end, mentions, places, _AREA_AFTER)
    if following is None:
        return None
    begin, after, place = following
    if _IN.fullmatch(text, end, begin):
        # not the tail of a longer name, whose head is what lies in the place ("a statue of St. Ambrose of
        # Zembrin in Milan"), nor the first of a list ("in Mosul and Kirkuk"); a river or a street that holds
        # a town's name is better placed by that town
        if _OF_NAME.search(text, max(0, start - 40), start) or _LIST_NEXT.match(text, after) or \
                place.precision in ("country", "admin1") and _holder(text[start:end], found, place):
            return None
        return place
    if text[max(0, start - 3):start].rstrip().endswith(","):
        return None
    if place.precision not in ("country", "admin1") and "(" not in text[end:begin]:
        return None
    return place if place.precision in ("country", "admin1") else replace(place, precision="admin1")


def _town_of_body(text: str, end: int, mentions: Sequence[tuple[str, int, int]], places: Sequence[Any],
                  place: Any) -> Any:
    """The place of a body named after a state or a country (`_named_inside`), unless the body's town follows
    it ("the University of California, Los Angeles", "Stateville University at Hollis"): that town of the
    same country, which holds it."""
    if place is None:
        return None
    following = _named_after(text, end, mentions, places, _TOWN_AFTER)
    if following is None:
        return place
    town = following[2]
    if town.precision not in ("city", "point") or town.country != place.country:
        return place
    return town


def _named_after(text: str, end: int, mentions: Sequence[tuple[str, int, int]], places: Sequence[Any],
                 joint: re.Pattern[str]) -> tuple[int, int, Any] | None:
    """(start, end, place) of the first resolved mention that follows `end` with only `joint` between."""
    following = [(begin, stop, place) for (_, begin, stop), place in zip(mentions, places)
                 if place is not None and begin > end and joint.fullmatch(text, end, begin)]
    return min(following, key=lambda item: item[0], default=None)


_TOWN_AFTER = re.compile(r"\s*(?:,|\bin\b|\bat\b)\s*")
_AREA_AFTER = re.compile(r"\s*(?:,|\(|\bin\b(?:\s+the\b)?)\s*")
_IN = re.compile(r"\s+in\s+(?:the\s+)?")
_LIST_NEXT = re.compile(r"\s*(?:and\b|or\b|&)\s*[A-Z]")
_OF_NAME = re.compile(r"[A-Z][\w.'\u2019-]*\s+of\s+$")


def _names_country(mention: str, country: str, gazetteer: Any) -> bool:
    """Whether the country's own name is written in the mention ("Air Canada Cargo", "US Federal Reserve")."""
    words = mention.replace("-", " ").split()
    return any(c.feature == "country" and c.country == country
               for size in (1, 2, 3) for i in range(len(words) - size + 1)
               for c in gazetteer.lookup(" ".join(words[i:i + size])))


_HOSTED = re.compile(r"\b(?:embassy|consulate|mission|delegation)\b", re.I)


def _actor_country(mention: str, actors: Any, geocoder: Any, wide: Place) -> Place | None:
    """A name the gazetteer lacks that the actor base knows as a body of another country than the document's:
    that country ("the Bank of Japan", "Air Canada Cargo"). Not an embassy, which sits in its host country."""
    if actors is None or _HOSTED.search(mention):
        return None
    actor = actors.resolve(mention, 0, len(mention))
    if actor.actor_id is None or not actor.country or actor.country == wide.country:
        return None
    if actor.actor_id == actor.country and not _names_country(mention, actor.country, geocoder.gazetteer):
        return None  # the state only by an adjective or a capital: "the French Quarter", "Vienna Metro"
    country = geocoder.gazetteer.country(actor.country)
    if country is None:
        return None
    return Place(text="", start=0, end=0, name=country.name, lat=country.lat, lon=country.lon,
                 country=country.country, admin1=None, geonameid=country.geonameid, precision="country")


_HOST_AFTER = re.compile(r"\b(?i:embassy|consulate)\s+(?i:general\s+)?(?:in\s+)?(?P<city>[A-Z][\w'\u2019.-]*"
                         r"(?:\s+[A-Z][\w'\u2019.-]*)?)\s*$")


def _host_city(mention: str, geocoder: Any) -> Place | None:
    """An embassy or a consulate named with the city that hosts it ("the British Embassy Tokyo", "the US
    Consulate General Erbil"): that city, no finer than its region, when it is a capital or a large city (not the
    sending country: "the Embassy of Armenia")."""
    found = _HOST_AFTER.search(mention)
    if found is None:
        return None
    name = found.group("city")
    ranked = geocoder.explain([(name, 0, len(name))], top=1)[0]
    if not ranked or ranked[0][0] < MIN_SCORE or ranked[0][1].match > MATCH_ALTERNATE:
        return None
    city = ranked[0][1]
    if city.feature != "city" or not (city.capital or city.population >= NAMED_CITY_MIN):
        return None
    return candidate_place(city, name, 0, len(name), "admin1")


_CAPITALISED = re.compile(r"[A-Z][\w'\u2019.-]*")
# a body, which sits in the place it is named after; a park, a colony, a street or a river named after a place
# is not in it for sure
_BODY = re.compile(r"\b(?:university|college|school|academy|institute|court|bank|commission|council|congress|"
                   r"parliament|assembly|ministry|government|police|hospital|museum|library|show|fair|festival|"
                   r"exchange|chambers?|agency|authority|house|senate|league|federation|party|orchestra|opera)\b", re.I)
NAMED_CITY_MIN = 100_000  # a city named inside a longer name stands for it only if it is this large, or a capital


def _named_inside(mention: str, geocoder: Any, focus: Sequence[str], home: set[str]) -> Place | None:
    """A body the gazetteer lacks (a university, a court, a bank, a council) that is named after a place of the
    document's country, or after a continent: that place, no finer than its region ("Arizona State University":
    Arizona; "the Delhi High Court": Delhi; "the European Commission", "the Council of Europe": Europe). Only a
    place's own name counts, not a country's adjective ("the British International School" in Cairo), a town of
    few people, or an area named by a compass word ("the Western Trust"); and not an embassy's. A park or a
    colony named after a place ("Roanoke Park", "Tennessee Colony") is not a body, and need not lie in it."""
    if _HOSTED.search(mention) or not _BODY.search(mention):
        return None
    gazetteer = geocoder.gazetteer
    words = [(m.group(), m.start()) for m in _CAPITALISED.finditer(mention)]
    for size in range(min(3, len(words)), 0, -1):
        for i in range(len(words) - size + 1):
            run = words[i:i + size]
            if any(mention[a + len(w):b].strip() for (w, a), (_, b) in zip(run, run[1:])):
                continue  # the words must follow each other ("Council of Europe": "Europe", not "Council Europe")
            name = mention[run[0][1]:run[-1][1] + len(run[-1][0])]
            if name == mention.strip() or gazetteer.demonym(name) or directional(name) or compass_word(name):
                continue
            ranked = geocoder.explain([(name, 0, len(name))], focus_countries=focus, top=1)[0]
            if not ranked or ranked[0][0] < MIN_SCORE or ranked[0][1].match > MATCH_ALTERNATE:
                continue
            candidate = ranked[0][1]
            if candidate.feature == "continent" or candidate.country in home and (
                    candidate.feature in ("country", "admin1") or candidate.feature == "city" and (
                        candidate.capital or candidate.population >= NAMED_CITY_MIN)):
                precision = PRECISION[candidate.feature]
                return candidate_place(candidate, name, 0, len(name),
                                       precision if precision in ("country", "admin1") else "admin1")
    return None


_WORDS = re.compile(r"[^\w]+")
METRO_KM = 50.0  # cities this near each other are one story's place


def _holder(mention: str, found: Sequence[Any], wide: Place) -> Any | None:
    """A name the gazetteer lacks that holds the name of a place the document has resolved ("Lake
    Manassas", "the Dubai World Cup" beside "Manassas", "Dubai"): that place, no finer than its region; for
    an area that holds the document's city ("University of Alberta" in a story told in Edmonton), the city."""
    words = f" {_WORDS.sub(' ', mention.lower())} "
    held = [p for p in found if p.precision in ("city", "admin1", "point")
            and f" {_WORDS.sub(' ', p.text.lower()).strip()} " in words]
    if not held:
        return None
    place = max(held, key=lambda p: len(p.text))
    if place.precision == "admin1" and wide.precision == "admin1" and \
            (wide.country, wide.admin1) == (place.country, place.admin1):
        return wide
    return replace(place, precision="admin1")


def _main_city(places: Sequence[Any]) -> Any | None:
    """The city a document is about: its only city, or the one named more often than any other; of cities
    named as often, the one with the most of the document's other places near it (Chicago, not a namesake
    of one of its neighbourhoods far away), or the first named of such cities that lie near each other."""
    cities = [p for p in places if p.precision in ("city", "point")]
    counts = Counter(p.geonameid or (p.lat, p.lon) for p in cities)
    if not counts:
        return None
    top = max(counts.values())
    tied = [next(p for p in cities if (p.geonameid or (p.lat, p.lon)) == key)
            for key, n in counts.items() if n == top]
    if len(tied) == 1:
        return tied[0]
    near = [sum(1 for o in places if o is not p and haversine_km(o.lat, o.lon, p.lat, p.lon) <= NEAR_KM)
            for p in tied]
    best = max(near)
    cluster = [p for p, n in zip(tied, near) if n == best]
    # several as well placed but all in one town's reach (Chicago, Park Ridge): the first named stands for them
    if best and all(haversine_km(p.lat, p.lon, q.lat, q.lon) <= METRO_KM for p in cluster for q in cluster):
        return cluster[0]
    return None


def geoparse_records(path: Path, settings: Any) -> Iterator[dict[str, Any]]:
    """One output dict per record: {"id", "places": [...]}, or {"error": message} for a bad record."""
    from .actors import ActorBase, ActorResolver
    from .gazetteer import Gazetteer
    from .nlp import load_model
    from .places import Geocoder

    geocoder = Geocoder(Gazetteer.open(settings.gazetteer_path))
    actors = None  # read when a record gives its spans: for the names the gazetteer lacks
    nlp = None
    for number, record, error in _records(path):
        if record is None:
            yield {"error": error}
            continue
        where = f"{path}:line {number}"
        try:
            spans = _spans(record, where)
        except InputError as bad:
            yield {"error": str(bad)}
            continue
        text = record["text"]
        gold = spans is not None
        if spans is None:
            if nlp is None:
                nlp = load_model(settings.model)
            spans = place_spans(nlp(text), geocoder.gazetteer)
        mentions = [(text[s:e], s, e) for s, e in spans]
        if gold and actors is None:
            actors = ActorResolver(ActorBase.load(settings.actor_files))
        places = resolve_document(text, spans, geocoder, fallback=gold, actors=actors)
        out = []
        for (mention, start, end), place in zip(mentions, places):
            out.append({"text": mention, "start": start, "end": end,
                        "name": place.name if place else None, "lat": place.lat if place else None,
                        "lon": place.lon if place else None, "country": place.country if place else None,
                        "geonameid": place.geonameid if place else None,
                        "precision": place.precision if place else None})
        yield {"id": record.get("id", f"{path.stem}:{number}"), "places": out}
