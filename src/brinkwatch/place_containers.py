"""Where the names around a place mention say it is: "X, Y", "X (Y)", "X (Y, Z)", "X in Y", "the X area of Y".

A mention's candidates are kept when an area named after it holds them, and its namesakes elsewhere are ruled
out; the Geocoder (places.py) reads an article's mentions through these before it weighs them against each other.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from .gazetteer import MATCH_NAME, MATCH_NAME_VARIANT, MATCH_SPELLING, Candidate, normalize

__all__ = ["CHAIN_KINDS", "Mention", "anchored_village", "apply_containers", "contains", "haversine_km",
           "namesakes_elsewhere", "NEAR_AREA_KM", "VILLAGE_ANCHOR_KM"]

VILLAGE_ANCHOR_KM = 100.0  # a register's village is found only this near a town or district the article places


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p = math.pi / 180
    a = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


@dataclass(slots=True)
class Mention:
    """A mention being resolved: its candidates and what its descriptors say."""

    text: str
    start: int
    end: int
    candidates: list[Candidate] = field(default_factory=list)
    admin_word: bool = False
    facility: bool = False  # "X air base" resolved through X: the place is a point inside X
    along: bool = False  # "the X - Y road" resolved through X: the place is somewhere on the road, not X itself
    pick: Candidate | None = None
    score: float = 0.0
    scores: list[float] = field(default_factory=list)
    ruled_out: bool = False  # the names around it rule its candidates out ("Mandoli (Bandiagara, Mopti)")
    held: bool = False  # the area named after it holds its candidates: a hamlet of no recorded people counts
    pinned: bool = False  # named as a body or a pact is ("the Venice Commission"): its one reading stands
    rest: list[Candidate] = field(default_factory=list)  # the less likely candidates, for an area to hold
    apart: bool = False  # resolved apart from the article's other mentions of its text ("Colon (Colon)")
    municipal: bool = False  # named with a town's own bodies ("Paris City Council"): local news of that town
    county_list: bool = False  # named in a list of counties ("Walton, Morgan and Greene counties")
    money: frozenset[str] = frozenset()  # the countries using the currencies the article prices things in
    usage: frozenset[str] = frozenset()  # the countries whose local news the article is written like


_LIST_END = re.compile(r"\s+(?:and|or)\s+")
_KINDS = re.compile(r"\b(?:provinces|governorates|states|districts|regions|counties|municipalities|departments)\b",
                    re.I)  # areas of a list: "Marib, Shabwa and Abyan governorates"


def anchored_village(village: Candidate, others: list[Candidate]) -> bool:
    """Whether the article's other places hold a village: a town, district or facility near it; or its state,
    where the article places no town or district of that state (a village named with Howrah district and West
    Bengal lies by Howrah, not anywhere in West Bengal)."""
    local = [o for o in others if not o.village and o.country == village.country
             and o.feature in ("city", "admin2", "facility")]
    if any(haversine_km(o.lat, o.lon, village.lat, village.lon) <= VILLAGE_ANCHOR_KM for o in local):
        return True
    return any(o.feature == "admin1" and o.country == village.country and o.admin1_code == village.admin1_code
               and not any(t.admin1_code == o.admin1_code for t in local) for o in others)


def apply_containers(mentions: list[Mention], text: str) -> None:
    """"X, Y", "X (Y)", "X (Y, Z)", "X in Y" and "the X area of Y": keep X's candidates that lie in one of
    the areas named after it, and those areas, when there are any; else rule X's namesakes out. Read from the
    last pair back, so that "Mandoli (Bandiagara, Mopti)" settles Bandiagara by Mopti before Mandoli by both."""
    every = sorted((m for m in mentions if m.end > m.start), key=lambda m: (m.start, -m.end))
    # the widest reading of overlapping names: "Bandiagara, Mopti" rather than its two parts
    order = [m for i, m in enumerate(every) if not any(o.start <= m.start and m.end <= o.end for o in every[:i])]
    for index in range(len(order) - 2, -1, -1):
        inner, outer = order[index], order[index + 1]
        between = text[inner.end:outer.start].strip().lower()
        # "the Islamabad area of Alishing district, Laghman" (but "the Aley town of Ain er Roummaneh" names a
        # town inside Aley)
        part_of = bool(_PART_OF.match(between)) or (between in ("of", "in") and bool(_PART_WORD.search(inner.text)))
        # ("a shop on X street of Y city": a street named for the village it leads to, in the city)
        road_of = part_of and between.split()[0] in ("road", "street", "highway")
        between = "in" if part_of else between
        # a part of a town lies in the town itself; a road named for the town it leads to does not ("Murree road")
        within_town = part_of and not _ROAD.search(inner.text)
        if between in ("near", "close to") and _far_from(inner.candidates[:3], outer.candidates[:3]):
            # "Hamirpur village near Rapar town (Kachchh)": no Hamirpur near any Rapar; a namesake far away
            inner.candidates, inner.ruled_out = [], True
            continue
        if between not in (",", "(", "in"):
            continue
        if part_of and _quarter_of_a_town(inner, outer):
            continue
        _same_country_as_kind(inner, outer)
        if between == "in" and not part_of and _in_another_country(inner, outer):
            inner.candidates, inner.ruled_out = [], True
            continue
        if between == "," and index + 2 < len(order) and _LIST_END.fullmatch(text, outer.end, order[index + 2].start):
            continue  # "stops in Washington, New York and Boston": a list, not Washington in New York State
        if normalize(inner.text) == normalize(outer.text):
            # ("Asuncion (Asuncion)": a town and the district of its name say nothing of each other, but that
            # both are there does: "Colon (Colon)" is Panama's town in its province, not Honduras' department)
            if between == "(":
                _town_in_its_namesake(inner, outer)
            continue
        named = [outer]
        if between in ("(", "in") and index + 2 < len(order) and text[outer.end:order[index + 2].start].strip() == ",":
            named.append(order[index + 2])  # "(Bandiagara, Mopti)": both hold the place before the bracket
        elif not outer.candidates and index + 2 < len(order) and \
                text[outer.end:order[index + 2].start].strip().lower() in (",", "(", "in"):
            # past a holder the gazetteer lacks, to the one named after it: "the Ar Rubat area of Tuban district
            # (Lahij)" is in Lahij, not at a town of a like spelling in another governorate; "Vostok village of
            # Alamudun district in Chui region" in Kyrgyzstan's Chui
            named.append(order[index + 2])
        after = index + 1
        while between == "," and after + 1 < len(order) and after - index < 4:
            # the names further down a chain hold it too: "Buenos Aires, Nuevo Chimbote, Ancash" is in Ancash,
            # "Maidan village, Chaghcharan (Ferozkoh) city, Ghor" in Ghor (past a bracketed other name)
            if _CHAIN_LINK.match(text, order[after].end, order[after + 1].start):
                after += 1
            elif after + 2 < len(order) and text[order[after].end:order[after + 1].start].strip() == "(" and \
                    _BRACKET_LINK.match(text, order[after + 1].end, order[after + 2].start):
                after += 2
            else:
                break
            named.append(order[after])
        # and the parts of a holder read whole: "(Wadi Al Ayn, Hadramawt)" holds by Hadramawt too (as one
        # witness of the country: a name and its parts do not agree with each other)
        holders = named + [m for holder in named for m in every
                           if holder.start <= m.start and m.end <= holder.end and m is not holder]
        # a bracket after a place holds its district or its town; after a comma or "in", a town may be the
        # next of a list ("Aleppo, Homs and Hama"), so only areas hold; and a town holds only by its own name
        # ("the Gota area of Ahmedabad city": a part of a town is held by the town)
        # (and a road in a town lies in it: "the Amritsar bypass in Jalandhar")
        kinds = AREA_FEATURES | ({"city"} if between == "(" or part_of or (
            between == "in" and _ROAD.search(inner.text)) else set())
        # (a town holds by the largest of its name: "La Matanza (Buenos Aires)" is not in a Peruvian village
        # called Buenos Aires)
        areas = [o for holder in holders for o in [c for c in holder.candidates if c.feature in kinds and (
            c.feature != "city" or c.match <= MATCH_NAME_VARIANT and c.population >= max(
                o.population for o in holder.candidates if o.feature == "city"))][:5]]
        # (or among the names set aside, "Buenos Aires, Ancash": a hamlet)
        within = [c for c in inner.candidates if any(_holds(o, c, within_town) for o in areas)] or [
            c for c in inner.rest if any(_holds(o, c, within_town) for o in areas)]
        # (a village is held only near a town or district named, or by its state where none is: a village named
        # as a part of a town is not one of its namesakes elsewhere in the town's state)
        within = [c for c in within if not c.village or anchored_village(c, areas)]
        if within:
            # (held by an area named by its own name, not one met only by a spelling: "Northamptonshire" is
            # no shire of Western Australia; of namesakes alike inside it, the one nearest the area's middle
            # first: "Oleksandrivka, Donetsk" has two of the same size)
            inner.candidates = sorted(within, key=lambda c: min(
                haversine_km(c.lat, c.lon, o.lat, o.lon) for o in areas if _holds(o, c, within_town)))
            if between == "," and not outer.admin_word:
                # "Opytne, Donetsk": the province and its city of one name (a city of 100,000 people or a
                # capital); of the namesakes in the province, those by that city, which both readings hold
                towns = [o for o in outer.candidates if o.feature == "city" and o.match <= MATCH_NAME_VARIANT
                         and not _small_town(o) and any(_holds(a, o) for a in areas)]
                by_town = [c for c in inner.candidates
                           if any(haversine_km(c.lat, c.lon, o.lat, o.lon) <= TOWN_PART_KM for o in towns)]
                inner.candidates = by_town or inner.candidates
            inner.held = any(_holds(o, c, within_town) for o in areas if o.match <= MATCH_NAME_VARIANT for c in within)
            # (the area that holds it rather than a town of the area's name: "Huillapima (Catamarca)")
            holding = [o for o in outer.candidates
                       if o.feature in kinds and any(_holds(o, c, within_town) for c in within)]
            outer.candidates = [o for o in holding if o.feature != "city"] or holding or outer.candidates
            if (_ROAD.search(inner.text) or road_of) and any(o.feature == "city" for o in holding):
                # "Murree road in Rawalpindi city": a road named for the town it leads to lies in the town
                inner.candidates = [o for o in holding if o.feature == "city"]
        elif between == "(" and areas:
            inner.ruled_out = _bracketed_namesakes(inner, named, holders, areas)
        elif part_of and areas:
            # "the Islamabad area of Alishing district, Laghman" is in Afghanistan, "the Wadi area of Vadodara
            # city" in Vadodara: a town of the name elsewhere is a namesake
            inner.ruled_out = True
        elif between == "," and not areas and outer.held:
            # "Jalalpur, Shamli (UP)": a town that its area holds, named after a place the way a district is
            inner.ruled_out = _by_the_town(inner, outer)
        elif between == "," and not areas and not _LIST_GOES_ON.match(text, outer.end):
            # "San Cristobal, Bogota": a part of a city of millions, not a namesake town far away
            inner.ruled_out = _quarter_of_a_metropolis(inner, outer)
        elif between != "(" and areas and areas[0].feature != "city" and namesakes_elsewhere(
                inner.candidates[:3], areas, any_size=inner.admin_word or any(
                    h.admin_word and not _KINDS.search(h.text) for h in named)):
            # "Castilla, Piura" with no Castilla in Piura: a town of that name elsewhere is a namesake; the
            # event falls back to the area
            inner.ruled_out = True
        if inner.ruled_out:
            inner.candidates = []
        if not inner.candidates and areas:
            # "Madinat as Saleh (Al Buraiqeh, Aden)", "San Juan de los Cerritos, San Luis Potosi", "the Uskhod metro
            # station in Minsk": a name the gazetteer lacks, held by the areas named after it; its first words
            # read alone are no place outside them ("Madinat" is not Saudi Medina, "San Juan" not Puerto Rico's
            # capital, "Uskhod" no Voskhod in Mogilev)
            for part in every:
                if part is not inner and part.end < inner.end and (
                        part.start == inner.start or text[inner.start:part.start].strip().lower() == "the"):
                    part.candidates = [c for c in part.candidates if any(_holds(o, c) for o in areas)]
        if not inner.candidates and between != "in" and not _BUILDING.search(inner.text):
            # (but a building is named with its town: "the Ramor Theatre, Virginia" is in Ireland's Virginia)
            _read_as_area(outer)
    # the parts of a name read whole hold each other too: "(Sirwah, Marib)" is Sirwah in the governorate of
    # Marib, not beside the town of Marib
    for whole in order:
        parts = [m for m in every if m is not whole and whole.start <= m.start and m.end <= whole.end]
        for inner, outer in zip(parts, parts[1:]):
            if text[inner.end:outer.start].strip() != ",":
                continue
            _same_country_as_kind(inner, outer)
            holding = [o for o in outer.candidates if o.feature in AREA_FEATURES - {"country"}
                       and any(_holds(o, c) for c in inner.candidates)]
            if holding:
                outer.candidates = holding
                inner.candidates = [c for c in inner.candidates if any(_holds(o, c) for o in holding)]
            elif not inner.candidates:
                _read_as_area(outer)  # ("(Pobe-Mengao, Soum)": the name after an unknown one is its area)
    # a name ruled out whole is ruled out in its first words read alone ("Islamabad" of "Islamabad area")
    for whole in (m for m in order if m.ruled_out):
        for part in every:
            if part is not whole and part.end < whole.end and (
                    part.start == whole.start or text[whole.start:part.start].strip().lower() == "the"):
                part.candidates = []


def _by_the_town(inner: Mention, outer: Mention) -> bool:
    """"Jalalpur, Shamli (UP)": a place named before a town that an area holds lies by that town, as in its
    district; of its namesakes, those within `NEAR_AREA_KM` of the town are kept, nearest first. Says whether
    none is and all are small towns (namesakes far away: the event falls back to the town)."""
    towns = [o for o in outer.candidates if o.feature == "city"]
    if not towns or not inner.candidates:
        return False
    def off(c: Candidate) -> float:
        return min(haversine_km(c.lat, c.lon, t.lat, t.lon) for t in towns)
    near = sorted((c for c in inner.candidates if off(c) < NEAR_AREA_KM), key=off)
    if near:
        inner.candidates = near
        return False
    return all(_small_town(c) for c in inner.candidates)


def _quarter_of_a_metropolis(inner: Mention, outer: Mention) -> bool:
    """"San Cristobal, Bogota": a place named before a city of a million people or more is one of its quarters
    or suburbs. Of its candidates, those farther than `TOWN_PART_KM` from the city are namesakes and are
    dropped, but for a large town of the city's country and a capital or another city of millions, as in a list
    ("Cali, Bogota", "after Paris, London is the next stop"). Says whether none is left: the event falls back
    to the city."""
    cities = [o for o in outer.candidates if o.feature == "city" and o.population >= METROPOLIS
              and o.match <= MATCH_NAME_VARIANT]
    if not cities or not inner.candidates:
        return False
    kept = [c for c in inner.candidates if any(haversine_km(c.lat, c.lon, o.lat, o.lon) <= TOWN_PART_KM
                                               for o in cities)
            or c.country in {o.country for o in cities} and not _small_town(c)
            or c.feature == "city" and (c.capital or c.population >= METROPOLIS)]
    inner.candidates = kept
    return not kept


def _quarter_of_a_town(inner: Mention, outer: Mention) -> bool:
    """"the Tabbaneh area of Tripoli": a known site that is part of a town says which town of the name is meant
    (Lebanon's, not Libya's larger capital). Keeps the site and that town, and says whether it found them."""
    sites = [c for c in inner.candidates if c.feature == "facility"]
    if not sites:
        return False
    towns = [o for o in outer.candidates if o.feature == "city" and any(_holds(o, c, True) for c in sites)]
    if towns:
        inner.candidates = [c for c in sites if any(_holds(o, c, True) for o in towns)]
        outer.candidates = towns
    return bool(towns)


def _in_another_country(inner: Mention, outer: Mention) -> bool:
    """Whether every candidate of a name said to stand "in" a place lies in another country than that place's:
    then it is a namesake the gazetteer lacks, placed by the place it stands in. That holds for a building known
    abroad ("the White House in central Moscow") and for a small town or an area ("the town of Karak in Dar'a"
    is no Jordanian Karak, town or governorate); a capital or a large town keeps its country ("arrived from
    Tehran in Baghdad"), and so does a name said to be in a region of no one country."""
    if not inner.candidates or not outer.candidates:
        return False
    holders = outer.candidates[:3]
    if {c.country for c in inner.candidates} & {o.country for o in holders}:
        return False
    return any(c.feature == "facility" for c in inner.candidates) or (
        all(_small_town(c) or c.feature in ("admin1", "admin2") for c in inner.candidates)
        and all(o.country and o.feature in ("city", "admin1", "admin2") for o in holders))


def _bracketed_namesakes(inner: Mention, named: list[Mention], holders: list[Mention],
                         areas: list[Candidate]) -> bool:
    """In brackets the area is said outright: whether every candidate of the place before them is a
    namesake. A town of the area's country outside it is one ("Hawra (Wadi Al Ayn, Hadramawt)" is no Hawra
    of Taizz), and then the bracket's names are read in that country ("Ilorin (Borgu LGA, Niger)" is in
    Nigeria's Niger state); so is a town of another country ("Mandoli (Bandiagara, Mopti)" in India)."""
    admin = [a for a in areas if a.feature in AREA_FEATURES - {"country"}]
    # (a town just over the named area's edge may be the place meant, its area misnamed)
    kept = [c for c in inner.candidates if not any(a.country == c.country for a in admin) or any(
        a.country == c.country and haversine_km(a.lat, a.lon, c.lat, c.lon) < NEAR_AREA_KM for a in admin)]
    if kept == inner.candidates:
        return _elsewhere(kept, named)
    meant = {c.country for c in inner.candidates if c not in kept}
    for holder in sorted(holders, key=lambda h: h.end - h.start):  # parts first, then the whole
        parts = [c for part in holders if part is not holder and holder.start <= part.start
                 and part.end <= holder.end for c in part.candidates if c.country in meant]
        holder.candidates = [c for c in holder.candidates if c.country in meant] or parts or holder.candidates
    return True


def _town_in_its_namesake(town: Mention, area: Mention) -> None:
    """Keep the towns of the name that lie in an area of the same name, and those areas."""
    areas = [a for a in area.candidates if a.feature in ("admin1", "admin2")]
    towns = [c for c in town.candidates if c.feature == "city" and any(_holds(a, c) for a in areas)]
    if towns:
        town.candidates = towns
        area.candidates = [a for a in areas if any(_holds(a, c) for c in towns)]
        area.apart = True


def _small_town(candidate: Candidate) -> bool:
    """A town that is no capital and has under 100,000 people: one that news abroad would not name bare."""
    return candidate.feature == "city" and not candidate.capital and candidate.population < 100_000


def _far_from(towns: list[Candidate], places: list[Candidate]) -> bool:
    """Small towns, none within reach of the places they are said to be near."""
    return bool(towns) and bool(places) and all(_small_town(c) for c in towns) and not any(
        haversine_km(c.lat, c.lon, p.lat, p.lon) < NEAR_AREA_KM for c in towns for p in places)


# Kinds of area that only one country has: "Rafi LGA (Niger)" is in Nigeria's Niger State, not in Niger
_COUNTRY_KINDS = {"lga": "NGA", "lgas": "NGA", "upazila": "BGD", "woreda": "ETH", "kebele": "ETH"}


def _same_country_as_kind(inner: Mention, outer: Mention) -> None:
    """An area of a kind only one country has holds to that country, and so does the area named after it."""
    words = inner.text.lower().split()
    country = _COUNTRY_KINDS.get(words[-1]) if words else None
    if country:
        inner.candidates = [c for c in inner.candidates if c.country == country] or inner.candidates
        outer.candidates = [c for c in outer.candidates if c.country == country] or outer.candidates


def _read_as_area(mention: Mention) -> None:
    """A name after one the gazetteer lacks is its area: "Huanuquillo, Junin" is in Peru's region of Junin,
    not in the Argentine town of that name (but "Abu Salim (Tripoli)" is in the city, which is also a
    district of its country)."""
    regions = [o for o in mention.candidates if o.feature in AREA_FEATURES]
    cities = sorted((o for o in mention.candidates if o.feature == "city"), key=lambda c: -c.population)
    countries = {r.country for r in regions}
    if regions and cities and cities[0].country not in countries:
        mention.candidates = regions + [c for c in cities if c.country in countries]


def _elsewhere(towns: list[Candidate], holders: list[Mention]) -> bool:
    """Whether the places a bracket names lie in other countries than every candidate of the place before
    it: both of "(Bandiagara, Mopti)" in Mali, or one holder for a town under 100,000. (A large town keeps
    its own country against a single area the gazetteer may know only by its namesake: "Bamenda
    (Nord-Ouest)" is not in Haiti.)"""
    named = [{c.country for c in holder.candidates} for holder in holders if holder.candidates]
    if not towns or not named or {c.country for c in towns} & set.union(*named):
        return False
    # (nor a first-level area, which lies in no area of another country: "Afar area (X, Al Bayda)" is no region
    # of Ethiopia)
    small = all(_small_town(c) or c.feature == "admin1" for c in towns)
    # (nor one met only by a spelling: "Kurla (Mumbai Suburban)" is no Korla in China)
    small = small or all(c.match >= MATCH_SPELLING for c in towns)
    agreed = len(named) > 1 and len(set.intersection(*named)) > 0
    # ("Bandiagara, Mopti" read as one name is two that agree when it found a town inside the area)
    # (a district alike: "Kahira (Masisi, Nord-Kivu)" is no Cairo)
    return small or agreed or any("," in holder.text and any(c.feature in ("city", "admin2") for c in holder.candidates)
                                  for holder in holders)


AREA_FEATURES = frozenset({"country", "admin1", "region", "admin2"})
# the word for a place's kind that may close a link of a chain: "Chaghcharan (Ferozkoh) city, Ghor"
CHAIN_KINDS = r"city|town|village|district|province|area|municipality|LGA"
_KIND_WORD = rf"(?:\s+(?:{CHAIN_KINDS}))?"
_CHAIN_LINK = re.compile(rf"{_KIND_WORD}\s*,\s*$")
_BRACKET_LINK = re.compile(rf"\s*\){_KIND_WORD}\s*,\s*$")
_PART_WORDS = (r"(?:areas?|neighbou?rhood|quarter|community|suburbs?|outskirts|countryside|district|village|road|"
               r"street|highway)")
_BUILDING = re.compile(r"\b(?:theat(?:re|er)|hotel|hall|cent(?:re|er)|school|church|cathedral|chapel|mosque|mall|"
                       r"museum|gallery|cinema|library|college|university|restaurant|pub|club|arena|stadium|"
                       r"hospital|clinic|office|shop|store|market|cafe|bar)$", re.I)
_ROAD = re.compile(r"\b(?:road|highway|street|avenue|bypass)$", re.I)
_PART_OF = re.compile(rf"^{_PART_WORDS}\s+of$")
_PART_WORD = re.compile(rf"\b{_PART_WORDS}$", re.I)


def _holds(outer: Candidate, inner: Candidate, part: bool = False) -> bool:
    """Whether `inner` lies in `outer`, a second-level area or a town read as one ("Bandiagara" holding a
    village of its district) by the first-level area they share, or nearness; else as `contains`. A `part` of
    a town ("the Palanpur area of Surat city") lies in the town itself, not merely in its province."""
    if part and outer.feature == "city":
        return outer.country == inner.country and inner.feature in ("city", "admin2", "facility") \
            and haversine_km(inner.lat, inner.lon, outer.lat, outer.lon) <= TOWN_PART_KM
    if outer.feature in ("admin2", "city"):
        same = (outer.geonameid, outer.name, outer.feature) == (inner.geonameid, inner.name, inner.feature)
        # (a district whose province is known holds a town of another province only at its edge: "the X area of
        # Y district, Logar" is no X of Kabul province 66 km off)
        near = DISTRICT_EDGE_KM if outer.feature == "admin2" and None not in (outer.admin1_code, inner.admin1_code) \
            else NEAR_AREA_KM
        return not same and outer.country == inner.country and inner.feature in ("city", "admin2", "facility") \
            and (inner.admin1_code == outer.admin1_code or haversine_km(inner.lat, inner.lon, outer.lat, outer.lon)
                 < near)
    return contains(outer, inner)


NEAR_AREA_KM = 100  # a town this close to the centre of the area named with it may lie in it after all
DISTRICT_EDGE_KM = 30  # a town of another province this close to a district's centre may lie in it
TOWN_PART_KM = 30  # a part of a town ("the X area of Y city") lies this close to the town's point
METROPOLIS = 1_000_000  # a city this large names its quarters after towns elsewhere ("San Cristobal, Bogota")
# a name followed by more of a list: "Aleppo, Homs and Hama" is no quarter of Homs
_LIST_GOES_ON = re.compile(r"\s*(?:,\s*|\s+(?:and|or)\s+)[A-Z]")


def namesakes_elsewhere(towns: list[Candidate], areas: list[Candidate], any_size: bool = False) -> bool:
    """Small towns, none in the areas named with them: namesakes, not the place meant. "Kaga LGA, Borno"
    is no Kaga in Japan, "Castilla, Piura" no Castilla in Spain, and "Orikhove, Luhansk" no Orikhove in
    Crimea, "Pipri, Kaushambi (UP)" no Pipri of another state's district; a village the gazetteer lacks is
    placed by its area instead. A capital or a city of 100,000 is
    named abroad on its own, by its own name: met by another of its names or by its spelling, it is a
    namesake too ("Mambasa, Nord-Kivu" is no Mombasa in Kenya; a district of such a name alike), and so is
    any town when the name or the area is said to be an area (`any_size`: "Sucre municipality, Bolivar state"
    is no Sucre of Bolivia, "San Juan, Tovar, Merida state" no San Juan of Puerto Rico)."""
    def inside(town: Candidate, area: Candidate) -> bool:
        if area.feature == "admin1" and area.admin1_code and town.admin1_code and town.country == area.country:
            # a town just over the area's edge may be the place meant, its area misnamed ("Mahmudiyah, Babil")
            return contains(area, town) or haversine_km(town.lat, town.lon, area.lat, area.lon) < NEAR_AREA_KM
        if area.feature == "admin2":  # a district: in its first-level area, or near it
            return town.country == area.country and (
                town.admin1_code == area.admin1_code and None not in (town.admin1_code, area.admin1_code)
                or haversine_km(town.lat, town.lon, area.lat, area.lon) < NEAR_AREA_KM)
        return town.country == area.country
    # (a district only in a country of the towns: the gazetteer knows too few districts for one abroad to say
    # where a town is; "Calamba City, Laguna" is not ruled out by a Laguna district of Brazil)
    areas = [a for a in areas if a.feature in ("country", "admin1", "region")
             or a.feature == "admin2" and any(c.country == a.country for c in towns)]
    return bool(towns) and bool(areas) and all(
        _small_town(c) or c.feature in ("city", "admin2") and c.match not in (MATCH_NAME, MATCH_NAME_VARIANT)
        or any_size and c.feature in ("city", "admin1", "admin2")
        for c in towns) and not any(inside(c, o) for c in towns for o in areas)


def contains(outer: Candidate, inner: Candidate) -> bool:
    """Whether `inner` lies in `outer` (same country; same first-level area when `outer` is one)."""
    if outer.country != inner.country or outer is inner:
        return False
    if outer.feature == "country":
        return inner.feature != "country"
    if outer.feature in ("admin1", "region") and outer.admin1_code:
        return inner.admin1_code == outer.admin1_code and inner.feature not in ("country", "admin1")
    return False
