"""What an article's own words say of the place names in it, read before the names are weighed against each
other: a town's own bodies ("the Jordan Elementary School"), the word after a name ("a Lebanon woman"), a pact
named after a town, the local-news conventions it is written in, two capitals side by side, and one of a
state's two names. Each reading narrows a mention's candidates or marks it (`place_containers.Mention`)."""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Callable, Iterator
from importlib import resources

from .gazetteer import MATCH_NAME, Candidate, currency_users, normalize
from .place_containers import Mention

FOCUS_CITY_MIN = 50_000  # a city of a focus country that can rival a capital abroad of the same name ...
RIVAL_SHARE = 0.1  # ... with a tenth of its people or more (Tripoli, Lebanon; not Washington, Tyne and Wear)
LOCAL_USAGE_MIN = 2  # an article is read as local news when it writes in this many kinds (`_LOCAL_USAGE`)
POSSESSIVE = re.compile(r"(?:'s|\u2019s|')$")


# A town's own bodies, which a country or a state does not have ("the Jordan Elementary School", "Lebanon
# Police Department", "Palestine City Council"), and a street address before the name ("400 Locust St., Lebanon")
_MUNICIPAL_AFTER = re.compile(r"\s+(?:City\s+Council|City\s+Hall|Town\s+Council|City\s+Manager|Mayor|"
                              r"Police\s+Department|Fire\s+Department|Public\s+(?:Schools|Library)|"
                              r"(?:Independent\s+)?School\s+District|(?:Elementary|Middle|High|Junior\s+High)\s+School|"
                              r"Parks\s+and\s+Recreation)\b", re.I)
_MUNICIPAL_BEFORE = re.compile(r"(?:\b\d+\s+(?:[NSEW]\.\s+)?(?:[A-Z][\w'-]*\.?\s+){1,3}(?:St|Street|Ave|Avenue|Rd|Road|"
                               r"Blvd|Boulevard|Dr|Drive|Lane|Ln|Pike|Way|Pl|Place)\.?,\s*|"
                               r"\b(?:[Cc]ity|[Tt]own|[Vv]illage|[Bb]orough|[Tt]ownship)\s+of\s+)$")


def read_municipal(mentions: list[Mention], text: str) -> None:
    """A name written with a town's own bodies or after a street address is a town's, wherever the article names
    it (one sense per article): "Jordan Elementary School" is in a town called Jordan, not in the kingdom.

    The currency the article counts money in (dollars, euros, pounds) tells the countries its towns are likely
    in, and those of such a town's local news all the more."""
    money = frozenset().union(*(currency_users(name) for name, sign in _MONEY.items() if sign.search(text)))
    usage = local_usage(text)
    named = {normalize(m.text) for m in mentions if m.end > m.start and (
        _MUNICIPAL_AFTER.match(text, m.end) or _MUNICIPAL_BEFORE.search(text, max(0, m.start - 60), m.start))}
    for m in mentions:
        m.money, m.usage = money, usage
        if normalize(m.text) in named:
            towns = [c for c in m.candidates if c.feature in ("city", "admin2")]
            m.candidates = towns or m.candidates
            m.municipal = True


_BEARING_ADJECTIVE = re.compile(r"(?:western|eastern|northern|southern)", re.I)
_COMMON_WORD = re.compile(r"\s+(?!(?:and|or|of|in|on|at|to|the|by|with|from|as|is|was|were|are)\b)[a-z]")
_TOWNSFOLK = re.compile(r"\s+(?:resident|residents|woman|man|girl|boy|teen|teenager|couple|native)\b")
_STATE_THINGS = re.compile(r"\s+(?:state\s+(?:line|border|capitol|legislature|lawmakers?|senator|troopers?|police|"
                           r"highway|route|park)|(?:Army\s+|Air\s+)?National\s+Guard)\b")


_COUNTIES_AFTER = re.compile(r"(?:\s*(?:,|and\b|&)\s*[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*)*\s+(?:counties|parishes)\b")


def read_townsfolk(mentions: list[Mention], text: str) -> None:
    """What the word right after a name says it is. "A Lebanon woman", "the Jordan resident": a person is named
    after a town or a state, not a country (a Lebanese woman); "the Georgia state line" and "the Georgia National
    Guard" are a state's (Georgia's own is the Georgian National Guard); both in
    every mention of the name (one sense per article). "Western countries": no province named Western. "Walton,
    Morgan and Greene counties": each a county of a list (`Mention.county_list`)."""
    people, states = set(), set()
    for m in mentions:
        if m.end <= m.start:
            continue
        if _BEARING_ADJECTIVE.fullmatch(m.text.strip()) and _COMMON_WORD.match(text, m.end):
            m.candidates = []
        elif _TOWNSFOLK.match(text, m.end):
            people.add(normalize(m.text))
        elif _STATE_THINGS.match(text, m.end):
            states.add(normalize(m.text))
        if _COUNTIES_AFTER.match(text, m.end):
            m.county_list = True
    if not people and not states:
        return
    for m in mentions:
        key = normalize(m.text)
        if key in people:
            m.candidates = [c for c in m.candidates if c.feature != "country"] or m.candidates
        if key in states:
            m.candidates = [c for c in m.candidates if c.feature == "admin1"] or m.candidates


_AFTER_A_CITY = re.compile(r"\s+(?:Commission|Declaration|Accords?|Agreement|Protocol|Convention|Conference|Summit|"
                           r"Treaty|Process|Format|Group|Club|Initiative)\b")


def read_named_after(mentions: list[Mention], text: str, prior: Callable[[Candidate, Mention], float]) -> None:
    """"the Venice Commission", "the Minsk agreement", "the Paris Club": a body or a pact named after the town
    where it met is named after the best known town of the name, wherever the article is set."""
    for m in mentions:
        if m.end > m.start and m.candidates and _AFTER_A_CITY.match(text, m.end):
            best = max(m.candidates, key=lambda c: prior(c, m))
            if best.feature in ("city", "country"):
                m.candidates, m.pinned = [best], True


# The conventions of local news (data/local_usage.tsv), each a kind with the countries that write it; those the
# whole Commonwealth shares, a title with no full stop or British spelling, only help a British reading ("Mr Abbas
# in Bethlehem" is not South Africa's Bethlehem), and those wire copy about any country writes, a.m. and p.m.,
# dollars, American spelling, only help a reading of a region ("rockets hit Odessa at 3 a.m." is no Texan news).
_NORTH_AMERICA = frozenset({"USA", "CAN"})
_BRITISH_ISLES = frozenset({"GBR", "IRL", "IMN", "JEY", "GGY"})
_REGIONS = {"north-america": _NORTH_AMERICA, "us": frozenset({"USA"}), "uk": frozenset({"GBR", "IMN", "JEY", "GGY"}),
            "british-isles": _BRITISH_ISLES,
            "commonwealth": _BRITISH_ISLES | {"AUS", "NZL", "CAN", "ZAF", "IND", "PAK", "KEN", "NGA", "GHA", "UGA",
                                              "MLT"}}
_REGIONS["anywhere"] = frozenset().union(*_REGIONS.values()) | {"*"}  # ("*": no region of its own)


def _read_local_usage() -> dict[str, tuple[re.Pattern[str], frozenset[str]]]:
    table = resources.files("brinkwatch").joinpath("data", "local_usage.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader((line for line in table.splitlines() if not line.startswith("#")), delimiter="\t",
                          quoting=csv.QUOTE_NONE)
    return {row["kind"]: (re.compile(row["pattern"]), _REGIONS[row["region"]]) for row in rows}


_LOCAL_USAGE = _read_local_usage()


@functools.lru_cache(maxsize=8)
def local_usage(text: str) -> frozenset[str]:
    """The countries whose local news `text` is written like (`_LOCAL_USAGE`), or none. (Cached: an article's
    mentions are resolved twice, the second time with its focus countries.)"""
    signs = [countries for sign, countries in _LOCAL_USAGE.values() if sign.search(text)]
    if len(signs) < LOCAL_USAGE_MIN:
        return frozenset()
    shared = frozenset.intersection(*signs)
    return shared if shared and (shared <= _NORTH_AMERICA or shared <= _BRITISH_ISLES) else frozenset()


_PAIRED = re.compile(r"\s*(?:,|\band\b|\bor\b|&|-|–|/)\s*")


def _side_by_side(mentions: list[Mention], text: str) -> Iterator[tuple[Mention, Mention]]:
    """Each two names of the text written one after the other with only a comma, "and", "or" or a dash between."""
    placed = sorted((m for m in mentions if m.end > m.start and m.candidates), key=lambda m: m.start)
    for a, b in zip(placed, placed[1:]):
        if _PAIRED.fullmatch(text, a.end, b.start):
            yield a, b


def read_capital_pairs(mentions: list[Mention], text: str) -> None:
    """"between Washington and Moscow", "Paris, Berlin": two names written side by side that are each the
    name of a national capital, of two countries, are the capitals (governments speak through them), not a
    Washington of England beside the story's London. Not when one name has a town in the other's country that
    can rival its capital ("Tripoli and Beirut": Lebanon's Tripoli; Moscow, Idaho does not rival Moscow)."""
    for a, b in _side_by_side(mentions, text):
        capitals = [[c for c in m.candidates if c.feature == "city" and c.capital] for m in (a, b)]
        if not all(capitals):
            continue
        countries = [{c.country for c in found} for found in capitals]
        if countries[0] & countries[1] or _rival_town(a, capitals[0], countries[1]) or \
                _rival_town(b, capitals[1], countries[0]):
            continue
        a.candidates, b.candidates = capitals


AREA_OVER_TOWN = 10  # an area named beside another area, and this many times as populous as a town of its name


def read_area_pairs(mentions: list[Mention], text: str, prior: Callable[[Candidate, Mention], float]) -> None:
    """"England and Wales", "Punjab, Sindh": a name written side by side with a first-level area, that names an
    area of the same country too, is that area, not a village of its name (Wales, South Yorkshire), unless a town of
    its name is a tenth as populous as the area or more (Kirkuk: the city as often as the province)."""
    for first, second in _side_by_side(mentions, text):
        for a, b in ((first, second), (second, first)):
            area = max(a.candidates, key=lambda c: prior(c, a))
            same = [c for c in b.candidates if c.feature == "admin1" and c.country == area.country]
            if area.feature != "admin1" or not same:
                continue
            towns = [c.population for c in b.candidates if c.feature == "city" and c.country == area.country]
            if max(c.population for c in same) >= AREA_OVER_TOWN * max(towns, default=0):
                b.candidates = same


_BOTH = re.compile(r"(.+?)\s+(?:and|&)\s+(.+)")


def read_country_parts(mentions: list[Mention]) -> None:
    """"the ministry in Trinidad" in a story that names Trinidad and Tobago: one of the two names a state is
    called by (Antigua and Barbuda, Saint Kitts and Nevis) is that state, not a Trinidad in Bolivia."""
    parts: dict[str, Candidate] = {}
    for m in mentions:
        both = _BOTH.fullmatch(" ".join(m.text.split()))
        country = next((c for c in m.candidates if c.feature == "country" and c.match == MATCH_NAME), None)
        if both and country is not None:
            for part in both.groups():
                parts.setdefault(normalize(part), country)
    for m in mentions:
        country = parts.get(normalize(POSSESSIVE.sub("", m.text.strip())))
        if country is not None and not _BOTH.fullmatch(" ".join(m.text.split())):
            m.candidates, m.rest = [country], []


def _rival_town(mention: Mention, capitals: list[Candidate], countries: set[str]) -> bool:
    """Whether the name has a town in one of `countries` that can rival its capital (as in `_foreign_capital`)."""
    largest = max(c.population for c in capitals)
    return any(c.feature == "city" and c.country in countries
               and c.population >= max(FOCUS_CITY_MIN, RIVAL_SHARE * largest) for c in mention.candidates)


# A sum of money, by the name GeoNames gives the currency
_MONEY = {"Dollar": re.compile(r"\$\s?\d"), "Euro": re.compile(r"€\s?\d|\d\s?€|\d\s+euros?\b"),
          "Pound": re.compile(r"£\s?\d")}
