"""Cross-article linking: do two reports (events read in different articles) describe one happening?

Pure: no I/O. `decide(a, b)` weighs four kinds of evidence, each between -1 and 1, into a score, and
keeps the reasons so a person can check the decision (`brinkwatch why-linked`):

- actors (weight 0.35): the same actor id, or the same country and sector, on the same side; a state
  matches its own forces, not its rebels. Source and target swapped, or one report's target acting in
  the other while its attacker differs, means a retaliation, never the same event.
- place (0.25): within 25 km (points), 50 km (cities), 200 km or the same admin1 (provinces), but two
  differently named towns only within 15 km; for a country-wide place only the same country, and that
  is weak evidence.
- date (0.25): within a day (±1) for day dates; a week, month or year covers its own span; a date taken
  from the publication day is weak and may be up to 3 days off.
- text (0.15): the share of content words the two evidence sentences have in common (Jaccard).

Some evidence vetoes a link outright: another type, a date or place out of range, swapped roles, no
actor in common on either side. A score over the threshold links only when a resolved actor or the place
confirms it (two unresolved "gunmen" on one day are not enough). Only asserted, non-historical reports
link at all. The weights and limits are judgement, checked on bench/data/linking.jsonl (docs/accuracy.md).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from .model import Actor, Event, Place, TimeRef

__all__ = ["LINK_THRESHOLD", "LinkDecision", "date_span", "decide", "linkable", "rules_out", "text_similarity"]

LINK_THRESHOLD = 0.5
WEIGHTS = {"actors": 0.35, "place": 0.25, "date": 0.25, "text": 0.15}
# Largest distance in km for two places to be one, by the coarser precision of the two.
DISTANCE_KM = {"point": 25.0, "city": 50.0, "admin1": 200.0}
# Two towns named differently are different places unless they lie this close (one urban area, a base
# and its town): the wider limits above are for one place geocoded differently by two reports.
NAMED_TOWNS_KM = 15.0
DAY_SLACK = 1  # two day dates may be a day apart (time zones, "overnight", late reports)
PUBLISHED_SLACK = 3  # a date taken from the publication day may be this many days off
LINKED_MODES_MAY_DIFFER = ("ASSAULT",)  # one strike is "drone" in one report and "aerial" in another
TEXT_ONLY_MATCH = 0.5  # two unresolved actors named alike ("gunmen", "jihadist fighters"): weak identity
WHO_OR_WHERE = 0.8  # a link needs a resolved actor matching this well, or a place that matches
STATE_SECTORS = frozenset({"government", "military", "police", "intelligence", "legislature", "judiciary"})

_WORD = re.compile(r"[a-z0-9]+")
_GENERIC_ID = re.compile(r"^[A-Z]{3}-[A-Z]{3}$")  # a country with a sector ("IRQ-MIL"): compared by sector
_STOPWORDS = frozenset("""
a about after against also an and are as at be been before but by during for from had has have he her his
in into is it its last late more near new of on or over said says she than that the their them there these
they this those to was were which while who will with would early week month year day today yesterday
monday tuesday wednesday thursday friday saturday sunday according officials official reported
""".split())


@dataclass(frozen=True, slots=True)
class LinkDecision:
    """Whether two reports are one happening, how strongly the evidence says so, and why. `vetoed`:
    some evidence rules the link out whatever the score (an event never takes a report that one of
    its reports vetoes)."""

    same: bool
    score: float
    reasons: tuple[str, ...]
    vetoed: bool = False


def linkable(event: Event) -> bool:
    """Only reports of something that happened (asserted, not background history) join a linked event."""
    return event.modality == "asserted" and not event.historical


def decide(a: Event, b: Event, threshold: float = LINK_THRESHOLD, *, thorough: bool = True) -> LinkDecision:
    """Decide whether reports `a` and `b` describe the same happening. With `thorough` False the first
    veto ends the comparison (the store compares many candidates; `why-linked` wants every reason)."""
    for name, event in (("a", a), ("b", b)):
        if not linkable(event):
            what = "historical" if event.historical else event.modality
            reason = f"report {name} is {what}: only asserted, non-historical reports link"
            return LinkDecision(False, 0.0, (reason,), vetoed=True)
    if a.event_type != b.event_type:
        return LinkDecision(False, 0.0, (f"types differ: {a.event_type} vs {b.event_type}",), vetoed=True)
    reasons = [f"same type {a.event_type}"]
    penalty = 0.0
    if a.mode and b.mode and a.mode != b.mode:
        if a.event_type in LINKED_MODES_MAY_DIFFER:
            reasons.append(f"modes differ ({a.mode} vs {b.mode}), allowed for {a.event_type}")
        else:
            penalty = 0.2
            reasons.append(f"modes differ ({a.mode} vs {b.mode}): -{penalty}")
    parts: dict[str, tuple[float | None, str]] = {}
    for name, compare in (("date", lambda: _date(a.date, b.date)), ("place", lambda: _place(a.location, b.location)),
                          ("actors", lambda: _actors(a, b)), ("text", lambda: _text(a, b))):
        parts[name] = compare()
        if parts[name][0] is None and not thorough:
            return LinkDecision(False, 0.0, (*reasons, f"{name}: {parts[name][1]} (rules the link out)"), vetoed=True)
    score = -penalty
    vetoed = False
    for name, (value, reason) in parts.items():
        if value is None:
            vetoed = True
            reasons.append(f"{name}: {reason} (rules the link out)")
        else:
            score += WEIGHTS[name] * value
            reasons.append(f"{name} {value:+.2f}: {reason}")
    score = round(max(score, 0.0), 3) if not vetoed else 0.0
    corroborated = parts["place"][0] is not None and parts["place"][0] > 0 or _who(a, b)
    same = not vetoed and score >= threshold and corroborated
    if vetoed:
        reasons.append("vetoed")
    elif score >= threshold and not corroborated:
        reasons.append(f"score {score:.2f} >= {threshold:.2f}, but neither a resolved actor nor the place confirms it")
    else:
        reasons.append(f"score {score:.2f} {'>=' if same else '<'} {threshold:.2f}")
    return LinkDecision(same, score, tuple(reasons), vetoed)


def rules_out(a: Event, value: str | None, precision: str | None, place: Place | None) -> bool:
    """Whether another report's date (value, precision) or place alone rules out a link with `a`: the
    store's cheap first pass over candidates, before it reads their full reports."""
    if a.date is not None and value and precision:
        widest = TimeRef(None, value, precision, origin="published")  # origin unknown here: the widest slack
        if _date(a.date, widest)[0] is None:
            return True
    return _place(a.location, place)[0] is None


# -- actors ------------------------------------------------------------------------------------------

def _family(x: str, y: str) -> bool:
    """One id is a part of the other: "PMF" and "PMF-MUHANDIS", "USA" and "USA-TRUMP"."""
    return x.startswith(y + "-") or y.startswith(x + "-")


def _generic(x: Actor) -> bool:
    """A country or a country's sector ("IRQ", "IRQ-UAF"): a class of actors, not one named actor."""
    return not x.actor_id or x.actor_id == x.country or bool(
        _GENERIC_ID.match(x.actor_id) and x.actor_id[:3] == x.country)


def _named_group(x: Actor) -> bool:
    """A named organisation of its own (HOUTHI, HAMAS), not an organ or office-holder of a state (USA-TRUMP)."""
    return not _generic(x) and not (x.country and x.actor_id.startswith(x.country + "-"))


def actor_match(x: Actor, y: Actor) -> float | None:
    """How surely two actor mentions are the same actor: 1, 0.8 (a part of it), 0.6 (two forces of one
    state, or a group acting as a state and that state's organ), 0.5 (unresolved, same words; or two named
    groups of one country), 0; None when nothing can be compared."""
    if x.actor_id and y.actor_id:
        if x.actor_id == y.actor_id:
            return 1.0
        if _family(x.actor_id, y.actor_id) and not _GENERIC_ID.match(x.actor_id) and not _GENERIC_ID.match(y.actor_id):
            return 0.8
        for one, other in ((x, y), (y, x)):
            # a named group that acts as a state (the RSF as Sudan's forces in 2019, the Houthis in Sanaa) is
            # related to that state's organs, but a rival authority may be meant: never a sure match
            if _named_group(one) and one.sector in STATE_SECTORS and not _named_group(other):
                return 0.6
            if _named_group(one) and not _generic(other):
                return 0.5  # two named groups of one country: perhaps a faction and its umbrella, perhaps rivals
    if x.country and y.country and x.country == y.country:
        if any(a.actor_id == a.country for a in (x, y)) and {x.sector, y.sector} <= STATE_SECTORS | {None}:
            return 0.8  # "Iran" names its state, and so its forces ("Iranian forces") and organs
        if x.sector and y.sector and x.sector != y.sector:
            # Reports mix up a state's forces (army, police); a state and its insurgents are enemies.
            return 0.6 if x.sector in STATE_SECTORS and y.sector in STATE_SECTORS else 0.0
        if x.sector == y.sector:
            return 1.0
        # A country named as actor stands for its state and forces, less surely for its other people.
        return 0.8 if (x.sector or y.sector) in STATE_SECTORS else 0.3
    if (x.actor_id or x.country) and (y.actor_id or y.country):
        # an actor known only by its words got the country of the place it was reported in, which two
        # reports may read differently: its name still speaks ("the Ain al-Asad base" in both)
        return TEXT_ONLY_MATCH if not (x.actor_id and y.actor_id) and _alike(x.text, y.text) else 0.0
    return TEXT_ONLY_MATCH if _alike(x.text, y.text) else None  # the same words, or a shared name ("Kurdish fighters")


def _alike(first: str, second: str) -> bool:
    return first.lower() == second.lower() or bool(_proper_words(first) & _proper_words(second))


@lru_cache(maxsize=4096)
def _proper_words(text: str) -> frozenset[str]:
    """The capitalised words of a phrase, less a sentence-initial article."""
    words = [w.strip(".,'\"()").lower() for w in text.split()]
    capitals = [w for w, raw in zip(words, text.split()) if raw[:1].isupper() and len(w) > 2]
    return frozenset(capitals) - {"the", "a", "an", "some", "two", "three"}


def side_match(xs: tuple[Actor, ...], ys: tuple[Actor, ...]) -> float | None:
    """The best match between two sides' actors; None when a side is empty or nothing can be compared."""
    found = [m for x in xs for y in ys if (m := actor_match(x, y)) is not None]
    return max(found) if found else None


def _who(a: Event, b: Event) -> bool:
    """Whether a resolved actor (an id or a country) is shared on the same side."""
    def known(actors: tuple[Actor, ...]) -> tuple[Actor, ...]:
        return tuple(x for x in actors if x.actor_id or x.country)

    matches = (side_match(known(a.source), known(b.source)), side_match(known(a.target), known(b.target)))
    return any(m is not None and m >= WHO_OR_WHERE for m in matches)


def _names(actors: tuple[Actor, ...]) -> str:
    return ", ".join(a.actor_id or a.name or a.text for a in actors) or "?"


def _actors(a: Event, b: Event) -> tuple[float | None, str]:
    source, target = side_match(a.source, b.source), side_match(a.target, b.target)
    crossed = [m for m in (side_match(a.source, b.target), side_match(a.target, b.source)) if m is not None]
    direct = [m for m in (source, target) if m is not None]
    shown = f"{_names(a.source)} -> {_names(a.target)} vs {_names(b.source)} -> {_names(b.target)}"
    if crossed and max(crossed) >= 0.6 and (not direct or max(direct) < 0.3):
        return None, f"source and target swapped ({shown}): an answer to the other event, not the same one"
    if crossed and max(crossed) >= 0.8 and (source is None or source < 0.3):
        # One report's target acts in the other, whose attacker is someone else or unknown: a reprisal.
        return None, f"one report's target is the other's source ({shown}): an answer, not the same event"
    if not direct:
        return 0.0, f"no side to compare ({shown})"
    if len(direct) == 2 and max(direct) < 0.3:
        return None, f"no actor in common ({shown})"
    values = [m if m >= 0.3 else -0.6 for m in direct]
    return sum(values) / len(values), (
        f"source {_word(source)}, target {_word(target)} ({shown})")


def _word(match: float | None) -> str:
    if match is None:
        return "unknown"
    if match >= 1.0:
        return "same"
    if match >= 0.8:
        return "related"
    return "same state" if match >= 0.3 else "different"


# -- place -------------------------------------------------------------------------------------------

_RANK = {"point": 0, "city": 1, "admin1": 2, "country": 3}


def distance_km(a: Place, b: Place) -> float | None:
    """Great-circle distance between two places with coordinates, else None."""
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _different_names(a: Place, b: Place) -> bool:
    first, second = (a.name or a.text).lower(), (b.name or b.text).lower()
    return first not in second and second not in first and (a.geonameid is None or a.geonameid != b.geonameid)


def _label(place: Place) -> str:
    return f"{place.name or place.text} ({place.precision})"


def _place(a: Place | None, b: Place | None) -> tuple[float | None, str]:
    if a is None or b is None:
        return 0.0, "no place on one report"
    shown = f"{_label(a)} vs {_label(b)}"
    if a.country and b.country and a.country != b.country:
        guessed = [p for p in (a, b) if p.precision == "country" and not p.text]
        if guessed and (a.precision == "country") != (b.precision == "country"):
            # a country the coder fell back to (from the actors), not a place the text names: no evidence
            return 0.0, f"one place is only the coder's fallback country: {shown}"
        if (a.precision == "country") != (b.precision == "country"):
            # A country-wide place is often a nationality read as a place: counter-evidence, not a veto.
            return -0.5, f"a country-wide place in another country: {shown}"
        return None, f"different countries: {shown}"
    coarser = max(a.precision, b.precision, key=_RANK.__getitem__)
    if coarser == "country":
        return (0.15, f"same country, weak: {shown}") if a.country and a.country == b.country else (
            0.0, f"cannot compare: {shown}")
    limit = DISTANCE_KM["point" if a.precision == b.precision == "point" else coarser]
    if coarser in ("point", "city") and _different_names(a, b):
        limit = min(limit, NAMED_TOWNS_KM)
    km = distance_km(a, b)
    if coarser == "admin1" and a.admin1 and b.admin1 and km is None:
        if a.admin1 != b.admin1:
            return None, f"different provinces: {shown}"
        return 0.5, f"same province: {shown}"
    if km is None:
        if (a.name or a.text).lower() == (b.name or b.text).lower():
            return 0.8, f"same name, no coordinates: {shown}"
        return 0.0, f"no coordinates to compare: {shown}"
    if km > limit:
        return None, f"{km:.0f} km apart, more than {limit:.0f} km for {coarser} precision: {shown}"
    top = 0.6 if coarser == "admin1" else 1.0
    return top * (1 - 0.5 * km / limit), f"{km:.0f} km apart (up to {limit:.0f} km): {shown}"


# -- date --------------------------------------------------------------------------------------------

def date_span(ref: TimeRef) -> tuple[date, date]:
    """The first and last day a date may stand for, before any slack."""
    if ref.precision in ("day", "week"):
        first = date.fromisoformat(ref.value)
        return first, first + timedelta(days=6 if ref.precision == "week" else 0)
    if ref.precision == "month":
        year, month = map(int, ref.value.split("-"))
        following = date(year + month // 12, month % 12 + 1, 1)
        return date(year, month, 1), following - timedelta(days=1)
    return date(int(ref.value), 1, 1), date(int(ref.value), 12, 31)


def slack_days(ref: TimeRef) -> int:
    """How far outside its span a date may be and still match another."""
    return PUBLISHED_SLACK if ref.origin == "published" else DAY_SLACK


def _date(a: TimeRef | None, b: TimeRef | None) -> tuple[float | None, str]:
    if a is None or b is None:
        return 0.0, "no date on one report"
    (a_first, a_last), (b_first, b_last) = date_span(a), date_span(b)
    gap = max((b_first - a_last).days, (a_first - b_last).days, 0)
    slack = max(slack_days(a), slack_days(b))
    shown = f"{a.value} ({a.precision}, {a.origin}) vs {b.value} ({b.precision}, {b.origin})"
    if gap > slack:
        return None, f"{gap} days apart, more than {slack}: {shown}"
    coarser = max(a.precision, b.precision, key=("day", "week", "month", "year").index)
    if "published" in (a.origin, b.origin):
        return 0.3, f"{gap} days apart, one date is only the publication day: {shown}"
    value = {"day": 1.0 if gap == 0 else 0.5, "week": 0.4, "month": 0.15, "year": 0.0}[coarser]
    return value, f"{gap} days apart at {coarser} precision: {shown}"


# -- text --------------------------------------------------------------------------------------------

@lru_cache(maxsize=4096)
def _tokens(sentence: str) -> frozenset[str]:
    words = (w[:-1] if len(w) > 4 and w.endswith("s") else w for w in _WORD.findall(sentence.lower()))
    return frozenset(w for w in words if len(w) > 2 and w not in _STOPWORDS)


def text_similarity(first: str, second: str) -> float:
    """Jaccard similarity of the content words of two sentences (0..1)."""
    x, y = _tokens(first), _tokens(second)
    return len(x & y) / len(x | y) if x and y else 0.0


def _text(a: Event, b: Event) -> tuple[float, str]:
    similarity = text_similarity(a.evidence.sentence, b.evidence.sentence)
    return min(1.0, similarity / 0.4), f"evidence sentences share {similarity:.0%} of their words"
