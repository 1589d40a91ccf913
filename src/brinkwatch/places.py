"""Places: resolve place mentions to gazetteer entries, jointly for one article.

A mention is first read for its descriptors ("the Iraqi capital", "northeastern Syria", "the Syrian city of
Raqqa", "Al-Saqr air base", "Sinjar in Nineveh"), then its candidates are scored on their own (feature class,
population, capital, how the name matched) and against the rest of the article: the focus countries, the
countries and first-level areas of the other mentions, and nearness to the other mentions' places.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from .gazetteer import (MATCH_ALTERNATE, MATCH_NAME, MATCH_NAME_VARIANT, MATCH_SPELLING, Candidate, Gazetteer,
                        normalize, strip_articles)
from .model import Place
from .place_containers import (AREA_FEATURES, NEAR_AREA_KM, Mention, anchored_village, apply_containers, contains,
                               haversine_km, namesakes_elsewhere)
from .place_readings import (AREA_OVER_TOWN, FOCUS_CITY_MIN, POSSESSIVE, RIVAL_SHARE, read_area_pairs,
                             read_capital_pairs, read_country_parts, read_municipal, read_named_after,
                             read_townsfolk)
from .spans import BEARING

__all__ = ["Geocoder", "geoparse"]

# Place.precision for each feature class: a county centroid is no finer than admin1; a continent or a sea is
# coarser than a country, which is the coarsest precision there is.
PRECISION = {"country": "country", "continent": "country", "sea": "country", "admin1": "admin1",
             "admin2": "admin1", "region": "admin1", "city": "city", "facility": "point"}

# Scores are sums of points. A candidate's own points (its prior):
FEATURE_PRIOR = {"country": 8.0, "continent": 7.0, "facility": 5.0, "region": 5.0, "sea": 5.0}
DISTRICT_TOWN_KM = 15  # a district whose middle is this close to a town of its name is that town's district
SEAT_POPULATION = 2_000  # the people counted for a town GeoNames gives none (a seat kept for its area)
POPULATION_WEIGHT = 0.6  # per tenfold population, for cities and areas (an area's: the sum of its cities')
AREA_BONUS = 0.5  # an area counts like a city somewhat larger than its population
CAPITAL_BONUS = 1.5
MATCH_PENALTY = {0: 0.0, 1: 0.75, 2: 1.0, 3: 1.5, 4: 2.0, 6: 2.5}  # by Candidate.match (gazetteer.MATCH_*)
NAMESAKE_PENALTY = 3.0  # a province named after the city the mention names
# Points from the article:
FOCUS_BONUS = 1.5  # in the article's main country (0.7 of it in its other focus countries)
SHARE_BONUS = 2.0  # times the share of the other mentions' places in the candidate's country
NEIGHBOUR_BONUS = 0.75  # in a country bordering one of the article's countries
NAMED_COUNTRY_BONUS = 1.5  # a large city of a country the article names as a country, against namesakes abroad
WORLD_CITY_MIN = 1_000_000  # a city this large, or a capital, ...
DWARFING_CITY_MIN = 100_000  # ... or a city this large met by its own name, ...
DWARF_RATIO = 100  # ... dwarfs a namesake town this many times smaller
# A town in a country no other place of the article is in, nor borders: "Auno" beside Borno is not the
# French village; a wrong town is worse than none, so such a namesake needs a strong name to stay
FOREIGN_TOWN_PENALTY = 2.0
FOREIGN_TOWN_MAX = 100_000
MONEY_ABROAD_PENALTY = 4.0  # a town named with its own bodies, in a country without the article's currency
PRICED_ABROAD_PENALTY = 1.5  # any other town of the article in such a country
PARISH_MAX = 100_000  # an area named after a saint and smaller than this is a parish, not a town's area
USAGE_ABROAD_PENALTY = 3.0  # a town outside the countries whose local-news conventions the article writes in
COUNTY_BONUS = 4.0  # a town in a county the article names, and that county
COUNTY_KM = 40.0
UNANCHORED_VILLAGE_PENALTY = 10.0  # a village the article's other places do not hold stays unresolved
LOCAL_CAP = 5.0  # the most that the other places in the same area or nearby can add
NEAR_KM = 150.0
COHERENCE_CANDIDATES = 12  # per mention, when mentions are weighed against each other's possible places
COHERENCE_WEIGHT = 1.5
COHERENCE_CAP = 3.0
COHERENCE_TEMPERATURE = 2.0  # how much a mention's less likely candidates still count as its possible places
MAX_ROUNDS = 4
MAX_CANDIDATES = 40
MIN_SCORE = 1.0  # below this a mention stays unresolved
ROUND_SUPPORT = 1.0  # how much the joint fit still counts once each mention is weighed against the others' picks
SUPPORT_MARGIN = 3.0  # ... and only for candidates within this much of the name's best prior (5 tenfolds of people)

_DIRECTION = (r"(?:far\s+)?(?:north|south|east|west|northern|southern|eastern|western|central|mid|middle|upper|lower|"
              r"north[\s-]?east(?:ern)?|north[\s-]?west(?:ern)?|south[\s-]?east(?:ern)?|south[\s-]?west(?:ern)?|"
              r"rural|coastal|downtown|greater|outer|inner|suburban|northernmost|southernmost)")
# Countries whose first-level areas news calls departments, and those whose it calls states
_DEPARTMENT_COUNTRIES = frozenset({"COL", "BOL", "PRY", "URY", "GTM", "HND", "SLV", "NIC", "HTI", "BEN"})
_STATE_COUNTRIES = frozenset({"USA", "MEX", "VEN", "BRA", "NGA", "IND", "MYS", "SDN", "SSD", "AUS", "MMR", "DEU",
                              "AUT"})
_LEADING_DIRECTION = re.compile(rf"^{_DIRECTION}\s+(.+)$", re.I)
_ACRONYM = re.compile(r"^[A-Z]{2,4}$")
_NUMBERED = re.compile(r"^([^\d]+?)-\d{1,2}$")
_HELD_BY = re.compile(r"^[\w'.]+(?:\s*-\s*|\s+)(?:run|held|controlled|dominated|administered|occupied|besieged|"
                      r"ruled|led|backed|majority|populated|inhabited|speaking)\s+(.+)$", re.I)
_LEADING_THE = re.compile(r"^the\s+", re.I)
# The countries whose place names are written with an Arabic article ("el Mina", "Al-Qaim"): the Arab states,
# Western Sahara, and their neighbours where Arabic names are common.
ARTICLE_COUNTRIES = frozenset({
    "DZA", "BHR", "COM", "DJI", "EGY", "IRQ", "JOR", "KWT", "LBN", "LBY", "MRT", "MAR", "OMN", "PSE", "QAT", "SAU",
    "SOM", "SDN", "SYR", "TUN", "ARE", "YEM", "ESH", "ISR", "IRN", "TUR", "AFG", "PAK", "TCD", "MLI", "NER", "ERI",
    "SSD", "ETH"})
BARE_ARTICLES = frozenset({"al", "el", "an", "ar", "as", "ash", "at", "ad", "az", "ed", "es", "the", "le", "la"})
# a saint's name in the possessive names the church, school or hospital ("St Patrick's" in a concert notice) or
# the town ("St. John's", "St Petersburg's port"), not a parish named after the saint (an area under PARISH_MAX)
_SAINTS = re.compile(r"^(?:St\.?|Saint|Ste\.?|San|Santa|Sainte)\s+\S+(?:'s|\u2019s|')$")
_ADMIN_WORDS = re.compile(r"\b(?:province|provinces|governorate|state|region|district|oblast|county|parish|"
                          r"prefecture|department|emirate|wilaya|muhafazat|territory|canton)\b", re.I)
_ADMIN_SUFFIX = re.compile(r"^(.+?)\s+(?:border\s+)?(?:province|governorate|state|region|district|oblast|county|parish|"
                           r"prefecture|department|emirate|areas?|territory|canton|lga|sub-?district|tehsil|"
                           r"subdivision|division|ward|taluka?|commune|woreda|upazila|raion|rayon|nahiya|qada|"
                           r"kaza|block|mandal)$", re.I)
_ROADS = r"road|highway|roundabout|junction|bypass|crossroads"
# "the Idlib countryside", "Kabul's outskirts", "the Marib front", "the Rutba desert": the place the area lies around
_AROUND_SUFFIX = re.compile(r"^(.+?)\s+(?:countryside|outskirts|suburbs|vicinity|environs|frontlines?|island|desert|badia|"
                            r"front\s+lines?|front|fronts|sector|axis|periphery|hinterland|"
                            # "the Zahle roundabout", "the Saadnayel road": the town the road is named for; a
                            # street's own name ("Kingsley Road", capitalised) is not a town
                            rf"(?-i:{_ROADS}|checkpoint))$", re.I)
_ROAD_SUFFIX = re.compile(rf"\s(?:{_ROADS})$")
_BORDER_OF = re.compile(r"^(?:the\s+)?(?P<first>[A-Z][^,]*?)\s+and\s+(?P<second>[A-Z][^,]*?)\s+"
                        r"(?:district\s+|provincial\s+|state\s+)?(?:border|boundary)$")
_DASH = re.compile(r"\s*[-\u2013]\s*")  # between the two towns a road is named for
_FACILITY = re.compile(r"^(?P<name>.+?)\s+"
                       r"(?:(?:provincial|general|central|regional|main|municipal|international|"
                       r"teaching|district|city|shopping)\s+)*"  # "the Uitenhage Provincial Hospital"
                       r"(?:(?:military|air|naval|army|police|airfield|navy)\s+)?(?:base|airbase|air\s+base|airport|"
                       r"airfield|air\s+field|barracks|compound|square|street|road|bridge|checkpoint|crossing|"
                       r"border\s+crossing|prison|jail|hospital|mosque|church|market|refinery|port|"
                       r"dam|stadium|palace|embassy|consulate|camp|refugee\s+camp|district|neighbou?rhood|"
                       r"quarter|oil\s+field|field|plant|station|headquarters)$", re.I)
_PARTICLE = re.compile(r"(?<=\S) (?:de|del) (?=[A-Z])")  # "San Luis de Potosi", met as San Luis Potosí
_STREET = re.compile(r"\b(?:street|avenue|boulevard)$", re.I)  # a town's street, often named after another town
QUARTER = re.compile(r"\b(?:neighbou?rhoods?|quarters?)$", re.I)  # ("the X and Y neighborhoods" too)


# A word for a town's neighbourhood or ward written before its name (Spanish, Filipino)
_WARD = re.compile(r"^(?:colonia|barrio|fraccionamiento|barangay|purok|sitio)\s+\S", re.I)


def along_road(place: Place) -> bool:
    """A place read from a road named for the towns it joins: the first town, at an area's precision."""
    return place.precision == "admin1" and bool(_ROAD_SUFFIX.search(place.text))


def facility_kind(text: str) -> str | None:
    """"quarter" for a named neighbourhood, "facility" for a named base, camp, airport, street or the like
    ("the Adan Ade international airport"), else None: the kind words the geocoder reads facilities by."""
    bare = _LEADING_THE.sub("", " ".join(text.split()))
    if QUARTER.search(bare) or _WARD.match(bare):
        return "quarter"
    return "facility" if _FACILITY.match(bare) else None


# "west of Ein Issa", "8 km north of Kirkuk": a place placed by the town it is told from
_COMPASS_OF = re.compile(rf"^{BEARING}(.+)$", re.I)
# the areas a named part of a wider area is said to be: "the X district of Y province"
_PART_KINDS = frozenset({"district", "county", "region", "province", "governorate", "municipality", "state",
                         "subdivision", "subdistrict", "sub-district", "tehsil", "taluk", "taluka", "block", "mandal",
                         "commune"})
_VILLAGE_WORDS = ("village", "locality")  # a town's kind word that no district is called by
# "the village of X" (not "Kochkin village of Shakar Darah district", where the district follows)
_VILLAGE_OF = re.compile(r"\b(?:the|a|an)\s+(?:small\s+|nearby\s+|remote\s+)?villages?\s+of\s+$", re.I)
VILLAGE_MAX = 100_000  # a place written as a village has fewer people than this
_TOWN_SUFFIX = re.compile(r"^(.+?)\s+(?:city|town|village|township|municipality|locality)$", re.I)
_CAPITAL = re.compile(r"^(?:the\s+)?(?P<demonym>[\w.\-' ]+?\s+)?capital(?:\s+city)?(?:\s+of\s+(?P<country>.+))?$",
                      re.I)
_KIND_OF = re.compile(r"^(?:the\s+)?(?:(?P<adjectives>[\w.\-' ]+?)\s+)?(?P<kind>city|town|village|province|"
                      r"governorate|region|district|state|county|area|enclave|port|hamlet|settlement|"
                      r"subdivision|sub-?district|tehsil|taluka?|block|mandal|commune|"
                      r"neighbou?rhood|suburbs?|outskirts|countryside|environs|vicinity|periphery|municipality|"
                      r"capital|island)\s+of\s+(?P<name>.+)$", re.I)
_STATE_OF = re.compile(r"^(?:the\s+)?(?:(?:islamic|democratic|federal|people's|arab|socialist|united|"
                       r"federative|plurinational|bolivarian)\s+)*(?:republic|kingdom|state|commonwealth|"
                       r"federation|sultanate|emirate|principality|grand duchy)\s+of\s+(?:the\s+)?(.+)$", re.I)
_LISTED_AREAS = re.compile(r"^(?:the\s+)?(?P<first>[^,]+?)(?:\s*,\s*[^,]+?)*,?\s+and\s+[^,]+?\s+"
                           r"(?P<kind>provinces|governorates|districts|states|regions|counties|departments|"
                           r"prefectures|oblasts|municipalities)$", re.I)
_CONTAINED = re.compile(r"^(?P<inner>.+?)\s*(?:,\s*|\s+(?:in|near|outside|inside)\s+(?:the\s+)?)(?P<outer>[^,]+)$",
                        re.I)


_THE_CARDINAL = re.compile(r"the\s+(?:North|South|East|West)(?:ern)?", re.I)
# "people from the Republic and the North": in British and Irish news, the Republic of Ireland
_THE_REPUBLIC = re.compile(r"(?:[Tt]he\s+)?Republic")
_REPUBLIC_NEWS = frozenset({"IRL", "GBR"})


def compass_word(text: str) -> bool:
    """Whether a name is only a word for a part of somewhere ("Western", "North-West", "Central")."""
    return bool(re.fullmatch(_DIRECTION, text.strip(), re.I))


def directional(text: str) -> bool:
    """Whether a place is named by a part of it: "western Anbar", "the north of Syria" ("northern" and the like)."""
    return bool(_LEADING_DIRECTION.match(_LEADING_THE.sub("", " ".join(text.split()))))


def compass_of(text: str) -> bool:
    """Whether a place is named by the town it lies off: "west of Ein Issa", "8 km north of Kirkuk"."""
    return bool(_COMPASS_OF.match(_LEADING_THE.sub("", " ".join(text.split()))))


def bare_name(text: str) -> str:
    """A place's own name, without "the" before it or the word for its kind after it: "the Askar refugee
    camp" -> "Askar", "the Khadra district" -> "Khadra", "Tel Aviv city" -> "Tel Aviv"."""
    name = _LEADING_THE.sub("", " ".join(text.split()))
    for kind in (_FACILITY, _TOWN_SUFFIX, _ADMIN_SUFFIX):
        found = kind.match(name)
        if found:
            return found.group(1)
    return name


class Geocoder:
    """Resolves place mentions against a `Gazetteer`, one mention or one article at a time."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    # ---------------------------------------------------------------------------------- public API

    def resolve(self, text: str, start: int, end: int, *, focus_countries: Sequence[str] = (),
                context: Sequence[str] = ()) -> Place | None:
        """Resolve one mention; `context` holds other place names of the article, used as co-mentions."""
        mentions = [(text, start, end)] + [(name, 0, 0) for name in context if name]
        return self.resolve_many(mentions, focus_countries=focus_countries)[0]

    def resolve_many(self, mentions: Sequence[tuple[str, int, int]], *,
                     focus_countries: Sequence[str] = (), text: str | None = None) -> list[Place | None]:
        """Resolve an article's mentions together; an unresolved mention is None and leaves the others be.

        With the article's `text`, a mention written right after another and a comma ("Fresno, Calif.",
        "Mahmudiyah, Babil") is read as the area that holds it."""
        parsed = [self._parse(mention, start, end, focus_countries) for mention, start, end in mentions]
        if text is not None:
            apply_containers(parsed, text)
            read_municipal(parsed, text)
            read_townsfolk(parsed, text)
            read_named_after(parsed, text, self._prior)
            read_capital_pairs(parsed, text)
            read_area_pairs(parsed, text, self._prior)
            _quarters_listed(parsed, text)
        _border_parts(parsed)
        read_country_parts(parsed)
        _villages_named(parsed, text)
        self._disambiguate(parsed, [c.upper() for c in focus_countries])
        picks = [m.pick for m in parsed if m.pick is not None and m.score >= MIN_SCORE]
        return [self._place(m, picks) for m in parsed]

    def focus_countries(self, places: Sequence[Place | None]) -> list[str]:
        """The article's main countries (ISO3), most mentioned first.

        Mentions are counted by distinct name, so a name repeated does not vouch for itself. A country is a
        focus when it has at least two names and at least half as many as the most named country.
        """
        # in order of first mention, so that a tie goes to the country named first, run after run
        names = dict.fromkeys((normalize(p.text), p.country) for p in places if p is not None and p.country)
        ranked = Counter(country for _, country in names).most_common()
        if not ranked:
            return []
        top = ranked[0][1]
        return [country for country, n in ranked if n * 2 >= top and n >= 2]

    # ---------------------------------------------------------------------------------- descriptors

    def _parse(self, text: str, start: int, end: int, focus: Sequence[str]) -> Mention:
        mention = Mention(text, start, end)
        query = POSSESSIVE.sub("", " ".join(text.split())).strip(" ,;:")
        candidates = self._candidates(query, mention, focus, depth=0)
        if _SAINTS.match(text.strip()):
            candidates = [c for c in candidates if c.feature not in ("admin1", "admin2") or c.population >= PARISH_MAX]
        if _ACRONYM.match(query):
            # "OAS", "WA": an acronym names a country or an area ("US", "UAE", "DRC"), not a village called Oas.
            # (nor a district: "WA" is Western Australia, not Ghana's Wa district)
            candidates = [c for c in candidates if c.feature not in ("city", "admin2")]
        if _THE_CARDINAL.fullmatch(query):
            # "warned the West", "in the South": a bloc of countries or a part of the article's own country, not
            # the West region of Cameroon or a town called West; an area so named counts in a focus country only
            # (with no article, "Colombo (Western)", it is an area's name)
            candidates = [c for c in candidates if c.country in focus and c.feature in ("admin1", "region")]
        if _THE_REPUBLIC.fullmatch(query) and focus[:1] and focus[0] in _REPUBLIC_NEWS:
            candidates = [c for c in self.gazetteer.lookup("Ireland") if c.feature == "country"]
        mention.candidates, mention.rest = candidates[:MAX_CANDIDATES], candidates[MAX_CANDIDATES:]
        return mention

    def _candidates(self, query: str, mention: Mention, focus: Sequence[str], depth: int) -> list[Candidate]:
        """Candidates for `query`, reading descriptors when the whole text is not a known name."""
        if not query or depth > 3:
            return []
        capital = _CAPITAL.match(query)
        if capital:
            return self._capital(capital.group("demonym"), capital.group("country"), focus)
        if depth == 0 and not any(ch.isupper() for ch in query) and any(ch.isalpha() for ch in query):
            return []  # "a rise in metro fares": a word in lower case names no town (Metro in Indonesia)
        if query.lower() in BARE_ARTICLES:
            return []  # the "Al" of "Al-Ashrafieh", cut off by the tokenizer, is no Norwegian town
        found = self.gazetteer.lookup(query)
        key = normalize(query)
        if strip_articles(key) != key:
            # "el Mina" met only as "Mina", an alternate name of Minot in North Dakota: a name written with an
            # Arabic article is not a place of a country whose names do not take one
            found = [c for c in found if c.match < MATCH_NAME_VARIANT or c.country in ARTICLE_COUNTRIES]
        demonym = self.gazetteer.demonym_places(query)
        if found or demonym:
            if _ADMIN_WORDS.search(query):
                mention.admin_word = True
            found = _merged(demonym, found)
            town = _TOWN_SUFFIX.match(query)
            if town and not any(c.match == MATCH_NAME for c in found):
                # "Hays city" is also a Yemeni Hays, not only the Kansas town known as Hays City; "San Juan city"
                # also Puerto Rico's capital, not only the Philippine city known as San Juan City ("Panama City"
                # and "Quebec City" are still the towns known so: they are the largest named so)
                found = _merged(found, [c for c in self.gazetteer.lookup(town.group(1)) if c.feature == "city"])
            area = _ADMIN_SUFFIX.match(query)
            if area:  # "Saint James Parish" is also Jamaica's Saint James, not only the Louisiana parish
                found = _merged(found, [c for c in self.gazetteer.lookup(area.group(1))
                                        if c.feature in ("admin1", "admin2")])
            return found
        particles = _PARTICLE.sub(" ", query)
        if particles != query:
            # "San Luis de Potosi", "San Andres de Tuxtla": a Spanish name written with a "de" its own spelling
            # lacks
            return self._candidates(particles, mention, focus, depth + 1)
        if _WARD.match(query):
            # "Colonia Lomas de San Agustin" is a neighbourhood of some Mexican town, not Colonia in Uruguay;
            # "Barangay San Isidro" one of the many of that name in the Philippines: placed by the town after it
            return []
        bare = _LEADING_THE.sub("", query)
        if bare != query:
            found = self._candidates(bare, mention, focus, depth + 1)
            if " " not in bare:
                # "the University", "the Saray": one word with its article is a building or an office, not a town
                # of that name (a town whose name has the article is known by it whole: "The Hague", "The Pas")
                found = [c for c in found if c.feature != "city"]
            return found
        compass = _COMPASS_OF.match(query)
        if compass:
            return self._candidates(compass.group(1), mention, focus, depth + 1)
        numbered = _NUMBERED.match(query)
        if numbered:  # "Zolote-4": a numbered settlement or mine of the town named
            return [c for c in self._candidates(numbered.group(1), mention, focus, depth + 1) if c.feature == "city"]
        held = _HELD_BY.match(query)
        if held:  # "Kurdish-run Erbil", "rebel-held Idlib": who holds the place is no part of its name
            return self._candidates(held.group(1), mention, focus, depth + 1)

        town = _TOWN_SUFFIX.match(query)
        if town and self.gazetteer.lookup(town.group(1)):
            # "Port of Spain city" is the town of that name, not a port of Spain
            return self._town(self._candidates(town.group(1), mention, focus, depth + 1))

        state = _STATE_OF.match(query)
        if state:
            inner = [c for c in self._candidates(state.group(1), mention, focus, depth + 1) if c.feature == "country"]
            if inner:
                return inner

        kind_of = _KIND_OF.match(query)
        if kind_of:
            if kind_of.group("kind").lower() in ("province", "governorate", "region", "district", "state", "county"):
                mention.admin_word = True
            inner = self._candidates(kind_of.group("name"), mention, focus, depth + 1)
            named = self._named_part(kind_of.group("adjectives"), kind_of.group("kind"), inner, focus, depth)
            return named or self._restrict(inner, kind_of.group("adjectives"))

        listed = _LISTED_AREAS.match(query)
        if listed:  # "Ad Dali and Taizz governorates": the first of the areas listed, read with its kind word
            mention.admin_word = True
            kind = listed.group("kind").lower()
            kind = kind[:-3] + "y" if kind.endswith("ies") else kind[:-1]  # "counties": a county
            return self._candidates(f"{listed.group('first')} {kind}", mention, focus, depth + 1)

        contained = _CONTAINED.match(query)
        if contained:
            outer = self._candidates(contained.group("outer"), Mention("", 0, 0), focus, depth + 1)
            inner = self._candidates(contained.group("inner"), mention, focus, depth + 1)
            # (or near the area's middle: GeoNames files some districts under another code of the same state)
            within = [c for c in inner if any(contains(o, c) for o in outer[:3])] or [
                c for c in inner if c.feature in ("city", "admin2") and any(
                    o.feature == "admin1" and o.country == c.country
                    and haversine_km(o.lat, o.lon, c.lat, c.lon) < NEAR_AREA_KM for o in outer[:3])]
            if within:
                return within
            # "Hinche, Centre": a named town is the point even when the area is not found around it; a
            # region ("the Kurdish region in northeastern Syria") gives way to the place that holds it; but a
            # town in none of the area's countries is a namesake ("Kaga LGA, Borno" is not Kaga in Japan)
            cities = [c for c in inner if c.feature == "city"]
            if namesakes_elsewhere(cities, outer):  # every area of that name: "Centre" is in Haiti too
                return outer[:1]
            if not inner:
                # a place the gazetteer lacks, then its area: "Gaskinde (Pobe-Mengao, Soum)" is in Burkina
                # Faso's province of Soum, not at a Senegalese village of the name
                return [o for o in outer if o.feature in AREA_FEATURES] or outer[:1]
            return cities or outer[:1] or inner

        within = self._area_after(query, mention, focus, depth)
        if within:  # "Tijuana Baja California": a town and its first-level area, no comma between
            return within

        admin = _ADMIN_SUFFIX.match(query)
        if admin:  # before the direction: "North Darfur state" is the state named North Darfur
            mention.admin_word = True
            inner = self._candidates(admin.group(1), mention, focus, depth + 1)
            # ("Montenegro province" in news of the 1990s is the country, not a Brazilian district of that name)
            countries = [c for c in inner if c.feature == "country" and c.match == MATCH_NAME]
            # (and a named site, however far from the article's countries: "the Tabbaneh area of Tripoli" is
            # Tripoli's quarter in Lebanon, "the Hmeimim area" the Russian base's)
            areas = [c for c in inner if c.feature in ("admin1", "admin2", "region", "facility")]
            # ("Bolivar state" is Venezuela's, "Bolivar department" Colombia's: the kind of area says whose)
            kind = query[len(admin.group(1)):].split()[-1].lower()
            unlike = _DEPARTMENT_COUNTRIES if kind == "state" else _STATE_COUNTRIES if kind == "department" else set()
            areas = [c for c in areas if c.country not in unlike] or areas
            # a district named after its seat is in the article's countries: "Chora district" in a story of
            # Afghanistan is no Greek village, "Haftanin region" no town abroad of a like spelling
            # (but a district named by its seat's own name across a border of the article's country is its seat's:
            # "Biankouma subdivision" beside Burkinabe people is Ivorian)
            neighbours = set().union(*(self.gazetteer.neighbours(country) for country in focus))
            local = [c for c in inner if not focus or c.country in focus or c.population >= FOREIGN_TOWN_MAX
                     or c.country in neighbours and c.match == MATCH_NAME]
            # (after the areas, the towns of the name, for an area named with it to hold: "Donga LGA (Taraba)" is
            # the district of Nigeria's Donga, not Benin's department)
            return countries + areas + [c for c in local if c.feature == "city"] if countries + areas else local

        direction = _LEADING_DIRECTION.match(query)
        if direction:
            # "northern Iraq", "southern Baghdad"; but "West Wing" is not a part of some village called Wing.
            # "rural Ein Issa" is the countryside around any town, however small
            rural = query.split()[0].lower() in ("rural", "suburban")
            return [c for c in self._candidates(direction.group(1), mention, focus, depth + 1)
                    if c.feature != "city" or c.population >= 100_000 or rural]

        border = _BORDER_OF.match(query)
        if border:
            # "the Bijapur and Dantewada border": somewhere along it, by the first of the two areas, with an area's
            # precision (`Mention.along`)
            first = self._candidates(border.group("first"), mention, focus, depth + 1)
            if first and self.gazetteer.lookup(border.group("second")):
                mention.along = True
                return first

        around = _AROUND_SUFFIX.match(query)
        if around:
            inner = self._candidates(around.group(1), mention, focus, depth + 1)
            if _ROAD_SUFFIX.search(query) and any(c.feature in ("sea", "continent") and c.match <= MATCH_ALTERNATE
                                                       for c in inner):
                return []  # "the Pacific road" runs along some coast, not out at sea nor in a town called Pacific
            if not inner and _ROAD_SUFFIX.search(query):
                return self._route_end(around.group(1), mention, focus, depth)
            return inner

        if town:  # "Tel Aviv city", "Apkan village"
            return self._town(self._candidates(town.group(1), mention, focus, depth + 1))

        facility = _FACILITY.match(query)
        if facility:
            name = facility.group("name")
            known = [c for c in self.gazetteer.lookup(name) if c.feature == "facility"]
            if known:  # "the Ain al-Asad base": the facility itself, by its own name
                return known
            # A facility named after a place lies in it when that place is a city by that very name, in the
            # article's countries or a large one; otherwise "Tahrir Square" would land in a village called Tahrir.
            if QUARTER.search(query):
                return []  # "Renascenca neighborhood" of Teresina is no town called Renascenca far away
            if _STREET.search(query):
                return []  # "Sanaa Street" runs through Hodeidah, "Haifa Street" through Baghdad: named for elsewhere
            # (with the article's countries known, only a town of theirs: "the Adan Ade airport" in Mogadishu
            # is not in Aden; and an old or other name of a large town, "Uitenhage" for Kariega)
            inner = [c for c in self.gazetteer.lookup(name) if c.feature == "city"
                     and (c.country in focus if focus else c.population >= 100_000)
                     and (c.match in (MATCH_NAME, MATCH_NAME_VARIANT) or c.population >= 100_000)]
            if inner:
                mention.facility = True
            return inner
        return []

    def _route_end(self, name: str, mention: Mention, focus: Sequence[str], depth: int) -> list[Candidate]:
        """"the Damboa - Maiduguri road": a road named for the towns it joins is placed at the first, as a road
        "that connects X to Y" is, with the precision of an area (`Mention.along`): the road may run hundreds of
        km, so a town the sentence names is the likelier place. Split where both sides name towns, so that the
        Birnin-Gwari - Kaduna road lies by Birnin-Gwari."""
        name = _LEADING_THE.sub("", name)
        for dash in _DASH.finditer(name):
            first, second = name[:dash.start()], name[dash.end():]
            towns = [c for c in self._candidates(first, mention, focus, depth + 1) if c.feature == "city"]
            if towns and any(c.feature == "city" for c in self.gazetteer.lookup(second)):
                mention.along = True
                return towns
        return []

    @staticmethod
    def _town(inner: list[Candidate]) -> list[Candidate]:
        """The towns among a name's candidates, when it was written as a town's ("X city", "X village"); a city
        may be named like the district around it ("Nassriya city"), a village not (`_villages_named`)."""
        return [c for c in inner if c.feature == "city"] or inner

    def _area_after(self, query: str, mention: Mention, focus: Sequence[str], depth: int) -> list[Candidate]:
        """Towns named by the words before a first-level area's name that ends the text, inside that area."""
        words = query.split()
        for size in range(1, min(3, len(words) - 1) + 1):
            areas = [c for c in self.gazetteer.lookup(" ".join(words[-size:]))
                     if c.feature == "admin1" and c.match in (MATCH_NAME, MATCH_ALTERNATE)]
            if areas:
                towns = [c for c in self._candidates(" ".join(words[:-size]), mention, focus, depth + 1)
                         if c.feature == "city" and any(contains(area, c) for area in areas)]
                if towns:
                    return towns
        return []

    def _capital(self, demonym: str | None, country_name: str | None, focus: Sequence[str]) -> list[Candidate]:
        countries: list[str] = []
        if demonym:
            word = POSSESSIVE.sub("", demonym.strip())
            countries = self.gazetteer.demonym(word)
            if not countries:
                countries = [c.country for c in self.gazetteer.lookup(_LEADING_THE.sub("", word))
                             if c.feature == "country"]
        elif country_name:
            countries = [c.country for c in self.gazetteer.lookup(_LEADING_THE.sub("", country_name))
                         if c.feature == "country"]
        elif focus:
            countries = [focus[0].upper()]
        capitals = [self.gazetteer.capital(iso3) for iso3 in countries[:1]]
        return [c for c in capitals if c is not None]

    def _named_part(self, name: str | None, kind: str, areas: list[Candidate], focus: Sequence[str],
                    depth: int) -> list[Candidate]:
        """"the Veal Veaeng district of Pursat province": the district (or the town it is named after) that the
        area after "of" holds, when the gazetteer knows one; else nothing, and the area stands for it."""
        if not name or kind.lower() not in _PART_KINDS or not name[:1].isupper() or directional(name) \
                or any(self.gazetteer.demonym(word) for word in name.split()):
            return []
        holders = [a for a in areas if a.feature in ("admin1", "admin2")]
        found = self._candidates(f"{name} {kind}", Mention(name, 0, 0), focus, depth + 1)
        return [c for c in found if c.feature not in ("country", "region") and any(
            c.country == a.country and c.admin1 == a.admin1 for a in holders)]

    def _restrict(self, candidates: list[Candidate], adjectives: str | None) -> list[Candidate]:
        """Keep the candidates in the country an adjective names ("the Syrian city of ..."), if any are."""
        if not adjectives:
            return candidates
        countries: set[str] = set()
        for word in adjectives.split():
            countries.update(self.gazetteer.demonym(word))
        within = [c for c in candidates if c.country in countries]
        return within or candidates

    # ---------------------------------------------------------------------------------- scoring

    @staticmethod
    def _base_prior(candidate: Candidate, admin_word: bool) -> float:
        """Population, capital status, kind of feature and how well the name matched."""
        if candidate.feature == "city":
            score = POPULATION_WEIGHT * math.log10(candidate.population + 10)
            if candidate.capital:
                score += CAPITAL_BONUS
        elif candidate.feature in ("admin1", "admin2"):
            # An area counts like a somewhat larger city: "St. Paul" is Minnesota's capital, not a parish.
            score = POPULATION_WEIGHT * math.log10(candidate.population + 10) + AREA_BONUS
            if admin_word:
                score += 1.0
        else:
            score = FEATURE_PRIOR[candidate.feature]
            if admin_word and candidate.feature == "region":
                score += 1.0
        return score - MATCH_PENALTY.get(candidate.match, max(MATCH_PENALTY.values()))

    def _prior(self, candidate: Candidate, mention: Mention) -> float:
        score = self._base_prior(candidate, mention.admin_word)
        if candidate.feature == "city" and candidate.population >= 100_000 and not mention.admin_word:
            # "Gomel", "Mogilev": the city (Homyel', Mahilyow, met only by its spelling) that gives the
            # province named so its name ranks with the province
            for other in mention.candidates:
                if other.feature == "admin1" and other.country == candidate.country and \
                        other.admin1_code == candidate.admin1_code:
                    score = max(score, self._base_prior(other, False) + 0.1)
        if candidate.feature == "city" and not mention.admin_word:
            # a district that is no more than a town met by the same name, at its middle, is that town's
            # district, and the town is meant: it ranks with the district ("Chaghcharan" is the town GeoNames
            # calls Fayrōz Kōh, "Hinton" the Albertan town, "Sirwah" Sūq Şirwāḩ; but a district of more people
            # is meant as much as its town: Tenancingo's)
            for other in mention.candidates:
                if other.feature == "admin2" and other.country == candidate.country \
                        and candidate.population >= other.population \
                        and haversine_km(other.lat, other.lon, candidate.lat, candidate.lon) < DISTRICT_TOWN_KM:
                    score = max(score, self._base_prior(other, False) + 0.1)
        if candidate.feature in ("admin1", "admin2") and not mention.admin_word:
            # "Kirkuk" is the city more often than the province named after it.
            for other in mention.candidates:
                if (other.feature == "city" and other.country == candidate.country
                        and other.admin1_code == candidate.admin1_code
                        and (other.population >= 10_000 or other.capital)
                        # (a "City" namesake only if it is a large share of the area: New York City, not the
                        # Maryland City of 16,000 people in Maryland)
                        and not (normalize(other.name).endswith(" city") and _state_namesake(other, mention))
                        and (_skeleton(other.name) == _skeleton(bare_name(candidate.name))
                             or candidate.feature == "admin2" and _skeleton(other.name).endswith(
                                 " " + _skeleton(candidate.name)))):  # ("Guaymas": Heroica Guaymas)
                    score -= NAMESAKE_PENALTY
                    break
        return score

    def _disambiguate(self, all_mentions: list[Mention], focus: list[str]) -> None:
        # One sense per article: mentions with the same text are resolved once, and do not vouch for each other.
        unique: dict[str, Mention] = {}
        for m in all_mentions:
            unique.setdefault(_sense(m), m)
        mentions = list(unique.values())
        self._disambiguate_unique(mentions, focus)
        for m in all_mentions:
            first = unique[_sense(m)]
            m.pick, m.score, m.facility, m.along = first.pick, first.score, first.facility, first.along
            m.pinned = m.pinned or first.pinned

    def _disambiguate_unique(self, mentions: list[Mention], focus: list[str]) -> None:
        priors = [[self._prior(c, m) - penalty for c, penalty in zip(m.candidates, self._foreign_capital(m, focus))]
                  for m in mentions]
        if any(m.usage for m in mentions):
            named = {c.country for m in mentions for c in m.candidates if c.feature == "country"}
            for m, row in zip(mentions, priors):
                row[:] = [s - USAGE_ABROAD_PENALTY * _abroad_of_usage(c, m, focus, named)
                          for c, s in zip(m.candidates, row)]
        for row, held in zip(priors, _in_named_county(mentions)):
            row[:] = [s + COUNTY_BONUS * h for s, h in zip(row, held)]
        first = [[s + self._focus_bonus(c, focus) for c, s in zip(m.candidates, scores)]
                 for m, scores in zip(mentions, priors)]
        support = _coherence(mentions, first)
        for m, scores, helped in zip(mentions, first, support):
            self._choose(m, [s + h for s, h in zip(scores, helped)])
        # The joint fit keeps counting for a name whose likeliest reading is a town (Columbus, Harris County),
        # not for a country or a state that a village shares a name with (China, Texas), nor for a hamlet far
        # smaller than the name's likeliest place (Moscow, Pennsylvania).
        for m, scores, own, row in zip(mentions, first, priors, support):
            if not scores:
                continue
            if m.candidates[max(range(len(scores)), key=scores.__getitem__)].feature not in ("city", "admin2"):
                row[:] = [0.0] * len(row)
            else:
                row[:] = [h if max(own) - s <= SUPPORT_MARGIN else 0.0 for s, h in zip(own, row)]
        # Then each mention in turn against the others' current choices, until none changes (updating in
        # place: deciding all at once lets two mentions swap back and forth for ever).
        for _ in range(MAX_ROUNDS):
            changed = False
            for i, m in enumerate(mentions):
                if not m.candidates:
                    continue
                # (a name and a piece of it, "Bate village" and "Bate", are one mention: they vouch for nothing)
                others = [o.pick for j, o in enumerate(mentions)
                          if j != i and o.pick is not None and o.score >= MIN_SCORE and not _nested(o, m)]
                near_countries = set(focus) | {o.country for o in others if o.country}
                # (only a place inside a country anchors the article there: a country alone is as often where
                # people come from, "migrants, mostly from Afghanistan" at a hotel in a Greek town)
                placed = {o.country for o in others if o.country and o.feature != "country"}
                before = m.pick
                self._choose(m, [s + ROUND_SUPPORT * h + self._context(c, m, others, focus, near_countries, placed, h)
                                 for c, s, h in zip(m.candidates, priors[i], support[i])])
                changed = changed or m.pick is not before
            if not changed:
                break

    @staticmethod
    def _foreign_capital(mention: Mention, focus: list[str]) -> list[float]:
        """"Tripoli" in an article about Lebanon: a capital abroad is no likelier than a city of the article's
        own country that has the same name; its capital's bonus is withdrawn. One penalty per candidate."""
        rival = max((c.population for c in mention.candidates if c.feature == "city" and c.country in focus),
                    default=0)
        return [CAPITAL_BONUS if c.feature == "city" and c.capital and c.country not in focus
                and rival >= max(FOCUS_CITY_MIN, RIVAL_SHARE * c.population) else 0.0 for c in mention.candidates]

    @staticmethod
    def _choose(mention: Mention, scores: list[float]) -> None:
        if mention.candidates:
            best = max(range(len(scores)), key=scores.__getitem__)
            mention.pick, mention.score = mention.candidates[best], scores[best]
            mention.scores = scores

    @staticmethod
    def _focus_bonus(candidate: Candidate, focus: list[str]) -> float:
        if candidate.country not in focus:
            return 0.0
        return FOCUS_BONUS if candidate.country == focus[0] else 0.7 * FOCUS_BONUS

    def _context(self, candidate: Candidate, mention: Mention, others: list[Candidate], focus: list[str],
                 near_countries: set[str], placed: set[str], helped: float = 0.0) -> float:
        """`near_countries`: the focus and the countries of the other mentions' picks; `placed`: those of the
        picks that are places inside a country, which anchor the article there; `helped`: the candidate's joint
        fit with the other mentions' possible places (`_coherence`)."""
        score = self._focus_bonus(candidate, focus)
        if candidate.village and not anchored_village(candidate, others):
            # a register's village has namesakes by the hundred and no people counted: a village named beside
            # Howrah is not its namesake 240 km off, nor is a Bangladeshi village the Indian one of its name
            score -= UNANCHORED_VILLAGE_PENALTY
        if candidate.feature == "city" and candidate.population == 0 and not candidate.village \
                and candidate.match <= MATCH_SPELLING \
                and (candidate.country in focus or candidate.country in placed or not focus and not placed) \
                and all(c.country == candidate.country for c in mention.candidates) \
                and not any(c.feature == "city" and c.population for c in mention.candidates) \
                and not (mention.admin_word and any(c.feature in AREA_FEATURES for c in mention.candidates)):
            # GeoNames keeps a town with no recorded people among those of 500 or more only as the seat of an
            # area (Zgharta, Rashayya): a name met by its own names in one country only, the article's or of an
            # article of no country, with no namesake of recorded people, is a small town rather than a hamlet
            # ("Hayfan district" is the district where the gazetteer knows it; where it does not, the town the
            # district is named after places it: "the Veal Veaeng district")
            score += POPULATION_WEIGHT * (math.log10(SEAT_POPULATION + 10) - 1.0)
        if candidate.country and candidate.country not in near_countries:
            if near_countries & self.gazetteer.neighbours(candidate.country):
                score += NEIGHBOUR_BONUS
            elif candidate.feature in ("city", "admin2") and (
                    not candidate.capital and candidate.population < FOREIGN_TOWN_MAX and (focus or placed)
                    or candidate.match == MATCH_ALTERNATE and placed and candidate.country not in focus
                    or mention.municipal and placed):
                # a small town or district abroad ("Makeen" beside Pakistani places is no atoll of Kiribati,
                # a district of 1,800 people); or a city met by another of its names, however large: a city named
                # abroad on its own goes by its own name ("Bala" beside Afghan places is no Basel); or a town
                # whose own bodies the article names while its other places lie elsewhere ("Paris Police
                # Department" beside Dallas)
                score -= FOREIGN_TOWN_PENALTY
            if mention.money and candidate.country not in mention.money and (
                    mention.municipal or candidate.feature == "city"):
                # "the Paris City Council approved $12,680": a council that spends dollars sits where the
                # dollar is the currency, whatever the size of a namesake elsewhere; a town named in a story
                # that prices things in dollars is likelier where the dollar is ("a $100 pass for the Birmingham
                # festival": Alabama's)
                score -= MONEY_ABROAD_PENALTY if mention.municipal else PRICED_ABROAD_PENALTY
        if not others:
            return score
        share = SHARE_BONUS * sum(1 for o in others if o.country == candidate.country) / len(others)
        score += share
        if candidate.country is None:
            return score
        if candidate.feature == "city" and (candidate.capital or candidate.population >= FOREIGN_TOWN_MAX) \
                and any(o.feature == "country" and o.country == candidate.country for o in others) \
                and not any(c.feature == "country" for c in mention.candidates) \
                and any(c.country != candidate.country for c in mention.candidates):
            # (against a namesake abroad only: not against the province of the city's own name, Al Hudaydah)
            score += NAMED_COUNTRY_BONUS
        if candidate.feature == "admin1":
            inside = sum(1 for o in others if o.feature in ("city", "admin2", "facility")
                         and o.country == candidate.country and o.admin1_code == candidate.admin1_code)
            return score + min(4.0, 2.5 * inside)
        if candidate.feature not in ("city", "admin2", "facility") or _state_namesake(candidate, mention):
            return score
        local = 0.0
        if any(o.feature in ("admin1", "region") and o.country == candidate.country
               and o.admin1_code == candidate.admin1_code for o in others):
            local += 2.0
        same_area = sum(1 for o in others if o.feature == "city" and o.country == candidate.country
                        and o.admin1_code == candidate.admin1_code and o.geonameid != candidate.geonameid)
        local += min(1.0, 0.5 * same_area)
        near = sum(1 for o in others if o.feature in ("city", "admin2", "facility") and o != candidate
                   and haversine_km(o.lat, o.lon, candidate.lat, candidate.lon) <= NEAR_KM)
        local += min(2.0, 0.8 * near)
        if not local and not helped and _dwarfed(candidate, mention):
            # "London-based" in an American story: the country's share of the article does not make a town of
            # ten thousand people outweigh a world city of the same name; its own area or neighbours still can,
            # chosen or possible ("Paris and Henry County": the pair in Tennessee)
            score -= self._focus_bonus(candidate, focus) + share
        # Area, neighbours and nearness are one signal seen three ways; capped, they cannot move Boston to
        # a hamlet of the same name beside the article's other places.
        return score + min(LOCAL_CAP, local)

    def explain(self, mentions: Sequence[tuple[str, int, int]], *, focus_countries: Sequence[str] = (),
                top: int = 3) -> list[list[tuple[float, Candidate]]]:
        """For each mention, its `top` candidates with their final scores, best first (for debugging)."""
        parsed = [self._parse(text, start, end, focus_countries) for text, start, end in mentions]
        unique: dict[str, Mention] = {}
        for m in parsed:
            unique.setdefault(_sense(m), m)
        self._disambiguate_unique(list(unique.values()), [c.upper() for c in focus_countries])
        result = []
        for m in parsed:
            first = unique[_sense(m)]
            ranked = sorted(zip(first.scores, first.candidates), key=lambda pair: -pair[0])
            result.append(ranked[:top])
        return result

    # ---------------------------------------------------------------------------------- output

    def _place(self, mention: Mention, picks: list[Candidate]) -> Place | None:
        """The mention's chosen place, given the article's confident `picks`."""
        candidate = mention.pick
        if candidate is None or mention.score < MIN_SCORE and not (mention.held or mention.pinned):
            return None
        if candidate.village and not anchored_village(candidate, picks):
            return None  # (held inside a state the article names is not enough where it names a district far off)
        precision = "point" if mention.facility else "admin1" if mention.along else PRECISION[candidate.feature]
        return candidate_place(candidate, mention.text, mention.start, mention.end, precision)


def candidate_place(candidate: Candidate, text: str, start: int, end: int, precision: str) -> Place:
    """The Place a mention at `start`-`end` gets from a gazetteer candidate, at `precision`."""
    return Place(text=text, start=start, end=end, name=candidate.name, lat=candidate.lat, lon=candidate.lon,
                 country=candidate.country, admin1=candidate.admin1, geonameid=candidate.geonameid,
                 precision=precision)


def _abroad_of_usage(candidate: Candidate, mention: Mention, focus: Sequence[str], named: set[str]) -> bool:
    """"2517 Memphis St., Alexandria ... 7:35 p.m.": whether a town lies outside the countries whose local news the
    article is written like (`place_readings.local_usage`: street addresses, phone numbers, school grades, city
    hall), when the name has a town there too and the article neither names the town's country nor is about it."""
    return bool(mention.usage) and candidate.feature in ("city", "admin2") and candidate.country not in mention.usage \
        and candidate.country not in focus and candidate.country not in named \
        and any(c.country in mention.usage for c in mention.candidates)


def _state_namesake(candidate: Candidate, mention: Mention) -> bool:
    """Whether a town bears the name of a first-level area of its country many times its size ("California,
    Maryland", "Virginia, Minnesota"): the area's neighbours vouch for the area, not for the town."""
    return candidate.feature == "city" and any(
        c.feature == "admin1" and c.country == candidate.country and _skeleton(c.name) == _skeleton(candidate.name)
        and c.population >= AREA_OVER_TOWN * max(candidate.population, 1) for c in mention.candidates)


def _dwarfed(candidate: Candidate, mention: Mention) -> bool:
    """Whether a town shares its name with a city abroad a hundred times its size: a world city (a capital or a
    city of a million people), or a city of 100,000 people met by its own name (Charleston, South Carolina
    against a hamlet of South Australia; not Huntsville, Alabama, once called Twickenham)."""
    return candidate.feature == "city" and any(
        c.feature == "city" and c.country != candidate.country and (
            c.capital or c.population >= WORLD_CITY_MIN
            or c.population >= DWARFING_CITY_MIN and c.match in (MATCH_NAME, MATCH_NAME_VARIANT))
        and c.population >= DWARF_RATIO * max(candidate.population, 1) for c in mention.candidates)


_COUNTY = re.compile(r"(?:\bcounty\s+\S|\s(?:county|parish)$)", re.I)


def _in_named_county(mentions: list[Mention]) -> list[list[bool]]:
    """For each candidate, whether it is a town that lies in a county the article names as one ("Boone
    County"): a town and a county that share an article and a place on the map are one story's ("Lebanon" and
    "Boone County": Lebanon, Indiana, not the country; "Hanover" and "Licking County": Ohio's, not Hannover).
    Not against a state of that name ("Kansas" beside Leavenworth County) or a city of the same country a
    hundred times larger (Atlanta, not its namesake in Madison County, Indiana); nor for a name that is also a
    county near any reading of a named county, likelier another county of a list ("Walton, Morgan and Greene
    counties"; "jobless rates: Montgomery County 9%, Clinton 10%").
    Only where one town of the name lies in one reading of the county: with many towns and counties of a
    name, one may lie in another by chance. The county's point is the middle of its towns; a town within
    COUNTY_KM of it counts as in it."""
    counties = [(j, c) for j, m in enumerate(mentions) if _COUNTY.search(m.text.strip())
                for c in m.candidates if c.feature == "admin2"]
    held = [[False] * len(m.candidates) for m in mentions]
    if not counties:
        return held
    for i, m in enumerate(mentions):
        if m.county_list or any(o.feature == "admin2" and o.country == county.country and
                                haversine_km(o.lat, o.lon, county.lat, county.lon) <= NEAR_KM
                                for o in m.candidates for _, county in counties):
            continue  # a county itself, likelier one more of a list
        pairs = [(k, j) for k, town in enumerate(m.candidates) if _countable_town(town, m)
                 for j, county in counties if j != i and not _nested(m, mentions[j])
                 and (county.country, county.admin1_code) == (town.country, town.admin1_code)
                 and haversine_km(town.lat, town.lon, county.lat, county.lon) <= COUNTY_KM]
        # one town of the name in one reading of the county: a coincidence is unlikely
        per_county = Counter(j for _, j in pairs)
        for k, j in pairs:
            held[i][k] = held[i][k] or per_county[j] == 1
    return held


def _countable_town(town: Candidate, mention: Mention) -> bool:
    """A town of a mention that a county can vouch for: met by its own name, with no state of the name in its
    country and no city there a hundred times larger."""
    return town.feature == "city" and town.match <= MATCH_NAME_VARIANT and not any(
        o.country == town.country and (
            o.feature == "admin1" and o.match <= MATCH_NAME_VARIANT
            or o.feature == "city" and o.population >= DWARFING_CITY_MIN
            and o.population >= DWARF_RATIO * max(town.population, 1)) for o in mention.candidates)


def _villages_named(mentions: list[Mention], text: str | None = None) -> None:
    """A mention written as a village's ("Sangkum Thmei village", "the village of Daman"), and a name inside it,
    name a village: no district or province of that name, however near its spelling, wherever one is, nor a city
    of `VILLAGE_MAX` people or more (the village of Daman in Deir-ez-Zor is no Dammam)."""
    for outer in mentions:
        kind = outer.text.lower().rstrip(" .,")
        village = kind.endswith("village") or (
            text is not None and outer.end > outer.start
            and bool(_VILLAGE_OF.search(text, max(0, outer.start - 30), outer.start)))
        if village or kind.endswith(_VILLAGE_WORDS):
            for inner in mentions:
                if inner is outer or outer.start <= inner.start < inner.end <= outer.end:
                    inner.candidates = [c for c in inner.candidates if _town_like(c, village)]
                    inner.rest = [c for c in inner.rest if _town_like(c, village)]


def _town_like(candidate: Candidate, village: bool) -> bool:
    """A town, and a small one when written as a village ("Bhayandar locality" may be a suburb of 800,000)."""
    return candidate.feature == "city" and not (village and candidate.population >= VILLAGE_MAX)


# what may follow a name up to the plural word that makes it one of a town's quarters: more names, commas, "and",
# and the small words inside Portuguese and Spanish names ("Morro do Juiz, 3 Irmaos and Jardim Glaucia
# neighborhoods")
_QUARTER_LIST = re.compile(r"(?:\s+(?:do|da|dos|das|de|del|la|los|las|el|al)\b|\s+[A-Z0-9][\w'’.-]*|\s*,|\s+and\b)*"
                           r"\s+(?:neighbou?rhoods|quarters|barrios|colonias)\b")


def _quarters_listed(mentions: list[Mention], text: str) -> None:
    """Names listed before a plural word for quarters ("shootings in Inhauma and Tomas Coelho neighborhoods")
    are quarters of a town named elsewhere, not towns of their names far away: they resolve to nothing, and the
    town the text names places the event. A name alone before the word is the town whose quarters they are
    ("raids in several Rio de Janeiro neighborhoods")."""
    for mention in mentions:
        after = _QUARTER_LIST.match(text, mention.end) if mention.end > mention.start else None
        if after is not None and ("," in after.group() or " and " in after.group()
                                  or text[:mention.start].rstrip().endswith((",", " and"))):
            mention.candidates, mention.rest = [], []


def _border_parts(mentions: list[Mention]) -> None:
    """The names inside a border read as one ("the Bijapur and Dantewada border") say which border, not that the
    event is in either town: they resolve to nothing, and the border places it."""
    for outer in mentions:
        if outer.along and outer.candidates and _BORDER_OF.match(" ".join(outer.text.split())):
            for inner in mentions:
                if inner is not outer and outer.start <= inner.start < inner.end <= outer.end:
                    inner.candidates, inner.rest = [], []


def _nested(a: Mention, b: Mention) -> bool:
    """Whether one mention lies inside the other in the text ("Bate" of "Bate village")."""
    return a.end > a.start and b.end > b.start and (a.start <= b.start and b.end <= a.end
                                                    or b.start <= a.start and a.end <= b.end)


def _sense(mention: Mention) -> str | tuple[str, int]:
    """One sense per article: the key under which a mention is resolved with the others of its text."""
    return (normalize(mention.text), mention.start) if mention.apart else normalize(mention.text)


def _coherence(mentions: list[Mention], priors: list[list[float]]) -> list[list[float]]:
    """For each candidate, how well it fits the other mentions' plausible candidates, before any is chosen.

    Each other mention's candidates count with weight exp((prior - best prior) / T); a candidate is helped by
    the best-fitting candidate of each other mention: an area it lies in, or a place near it. This lets two
    ambiguous mentions settle each other ("Paris" and "Henry County": the pair in Tennessee lies together).
    """
    cells: dict[tuple[int, int], list[tuple[int, Candidate, float]]] = {}
    areas: dict[tuple[str | None, str | None], dict[int, float]] = {}
    area_members: dict[tuple[str | None, str | None], dict[int, float]] = {}
    for j, (m, scores) in enumerate(zip(mentions, priors)):
        if not scores:
            continue
        best = max(scores)
        ranked = sorted(zip(scores, m.candidates), key=lambda pair: -pair[0])[:COHERENCE_CANDIDATES]
        for score, c in ranked:
            w = math.exp((score - best) / COHERENCE_TEMPERATURE)
            key = (c.country, c.admin1_code)
            if c.feature in ("admin1", "region") and c.admin1_code:  # a county is near, not around, its towns
                areas.setdefault(key, {})[j] = max(w, areas.get(key, {}).get(j, 0.0))
            if c.feature in ("city", "admin2", "facility"):
                cells.setdefault((math.floor(c.lat), math.floor(c.lon)), []).append((j, c, w))
                area_members.setdefault(key, {})[j] = max(w, area_members.get(key, {}).get(j, 0.0))
    support: list[list[float]] = []
    for i, m in enumerate(mentions):
        row = []
        for c in m.candidates:
            best_by_mention: dict[int, float] = {}
            key = (c.country, c.admin1_code)
            if c.feature == "admin1":
                for j, w in area_members.get(key, {}).items():
                    best_by_mention[j] = max(w, best_by_mention.get(j, 0.0))
            elif c.feature in ("city", "admin2", "facility"):
                for j, w in areas.get(key, {}).items():
                    best_by_mention[j] = max(w, best_by_mention.get(j, 0.0))
                lat0, lon0 = math.floor(c.lat), math.floor(c.lon)
                for dlat in (-1, 0, 1):
                    for dlon in (-1, 0, 1):
                        for j, other, w in cells.get((lat0 + dlat, lon0 + dlon), ()):
                            if j == i or w <= best_by_mention.get(j, 0.0):
                                continue
                            closeness = 1.0 - haversine_km(c.lat, c.lon, other.lat, other.lon) / NEAR_KM
                            if closeness > 0:
                                best_by_mention[j] = max(best_by_mention.get(j, 0.0), w * closeness)
            best_by_mention.pop(i, None)
            row.append(min(COHERENCE_CAP, COHERENCE_WEIGHT * sum(best_by_mention.values())))
        support.append(row)
    return support


def _merged(first: list[Candidate], more: list[Candidate]) -> list[Candidate]:
    """`first`, then the candidates of `more` that are not among them."""
    seen = {(c.feature, c.geonameid, c.name) for c in first}
    return first + [c for c in more if (c.feature, c.geonameid, c.name) not in seen]


def _skeleton(name: str) -> str:
    """A name reduced past spelling variants: no articles, no doubled letters, no word-final "h"."""
    words = strip_articles(normalize(name)).split()
    if len(words) > 1 and words[-1] == "city":  # "New York City" is the namesake of New York state
        words.pop()
    return " ".join(re.sub(r"(.)\1+", r"\1", word).removesuffix("h") for word in words)


def geoparse(text: str, spans: Sequence[tuple[int, int]], geocoder: Geocoder,
             focus_countries: Sequence[str] = ()) -> list[Place]:
    """Resolve the place mentions at `spans` of `text` together; the resolved ones, in span order."""
    mentions = [(text[start:end], start, end) for start, end in spans]
    places = geocoder.resolve_many(mentions, focus_countries=focus_countries)
    return [place for place in places if place is not None]
