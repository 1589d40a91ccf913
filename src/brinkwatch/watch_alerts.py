"""The four alert kinds of the escalation watch, and the sentences that explain them.

- break: a week of conflict on a pair well above the pair's own recent weeks;
- ladder: ACCUSE -> THREATEN -> MOBILIZE -> ASSAULT climbed in order (at least three rungs) within a window;
- new_violence: the first ASSAULT between a pair never violent before in the data;
- spillover: two outside countries in ASSAULT on a third country's soil.

Every threshold is a module constant with the reason for its value. Pure: no I/O.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from .watch import CONFLICT, Alert, Dyad, Observation, country_name, week_start

if TYPE_CHECKING:
    from .watch import Watch

# -- break above the pair's baseline -------------------------------------------------------------------
# A quarter of weeks: long enough for a median to mean something, short enough to follow a relation
# that has changed (a pair at war for months is not "breaking" every week).
BASELINE_WEEKS = 12
# With fewer weeks of data before a week than this, there is no baseline to break from.
MIN_BASELINE_WEEKS = 4
# Iglewicz and Hoaglin's cut-off for the modified z-score: 3.5 robust standard deviations.
BREAK_MAD_K = 3.5
# Scales the median absolute deviation to a standard deviation under a normal distribution.
MAD_SCALE = 1.4826
# When the baseline has no spread (most weeks without conflict, the usual case in news) the week is
# tested as a Poisson count instead: a week as unlikely as this under the baseline rate is a break.
POISSON_P = 0.005
# The rate assumed for a pair with no conflict in its baseline: about five events a year. It keeps a
# single report from being a surprise (P(X >= 1) = 0.095), while two in one week are (P(X >= 2) = 0.005).
POISSON_FLOOR = 0.1
# Whatever the statistics say, one event is one reading of one sentence: a break needs two events, and
# two articles, since the events of one article share its reporter and any misreading of its wording.
MIN_BREAK_EVENTS = 2
MIN_BREAK_ARTICLES = 2

# -- escalation ladder ---------------------------------------------------------------------------------
LADDER = ("ACCUSE", "THREATEN", "MOBILIZE", "ASSAULT")
# About two months: the time rhetoric took to turn into force in the crises we measured (Abqaiq, Sept 2019:
# days; the US-Iran exchange of Dec 2019 - Jan 2020: under three weeks), with room for slower ones.
LADDER_DAYS = 60
# Two rungs (an accusation, then a threat) is ordinary diplomacy; three in order is a ladder.
LADDER_MIN_RUNGS = 3

# -- newly violent pair --------------------------------------------------------------------------------
# The data must cover four weeks before a first assault to call the pair "never violent before";
# otherwise every pair at the start of a store would be new.
NEW_VIOLENCE_HISTORY_DAYS = 28
# Reports of the first violence gathered into its alert: the first week.
FOLLOW_UP_DAYS = 7

# -- spillover -----------------------------------------------------------------------------------------
# A month without violence between the same pair on the same soil ends an episode; the next one is new.
SPILLOVER_GAP_DAYS = 30

# Severity from the number of articles behind an alert: two independent reports make it firmer.
CONFIRMED_ARTICLES = 2
# A single report below this confidence counts as weak.
WEAK_CONFIDENCE = 0.6
MAX_GROUPS = 3  # event groups spelled out in an explanation; the rest are counted


def detect(watch: Watch) -> list[Alert]:
    """Every alert of every kind over the watch's events, in the order they were raised."""
    if watch.first is None:
        return []
    found: list[Alert] = []
    for dyad, observations in watch.watched().items():
        found += _breaks(dyad, observations, watch.first)
        found += _ladders(dyad, observations)
        found += _new_violence(dyad, observations, watch.first)
        found += _spillover(dyad, observations)
    return sorted(found, key=lambda a: (a.raised, -a.severity, a.kind, a.dyad, a.id))


# -- words ---------------------------------------------------------------------------------------------

_THE = ("United ", "Republic", "Democratic Republic", "Central African", "Czech", "Dominican")
_THE_NAMES = frozenset({"Netherlands", "Philippines", "Bahamas", "Gambia", "Maldives", "Comoros", "Seychelles"})


def day_text(day: date, year: bool = True) -> str:
    """27 Dec 2019 (or 27 Dec)."""
    return f"{day.day} {day:%b %Y}" if year else f"{day.day} {day:%b}"


def country_text(iso3: str) -> str:
    """A country's name as it reads in a sentence: "Iraq", "the United States"."""
    name = country_name(iso3)
    return f"the {name}" if name.startswith(_THE) or name in _THE_NAMES else name


def pair_text(dyad: Dyad, observations: Sequence[Observation] = ()) -> str:
    """ "Iraq and the United States"; actors by the name they were read with."""
    if dyad.level == "country":
        return f"{country_text(dyad.side_a)} and {country_text(dyad.side_b)}"
    names = {p.key: p.name for obs in observations for p in obs.sources + obs.targets}
    return f"{names.get(dyad.side_a, dyad.side_a)} and {names.get(dyad.side_b, dyad.side_b)}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _on_dyad(obs: Observation, dyad: Dyad) -> tuple[list[str], list[str]]:
    """The names of the event's sources and targets that belong to the dyad."""
    def keep(party_country: str | None, party_key: str) -> bool:
        value = party_country if dyad.level == "country" else party_key
        return value in (dyad.side_a, dyad.side_b)

    sources = [p.name for p in obs.sources if keep(p.country, p.key)] or [p.name for p in obs.sources]
    targets = [p.name for p in obs.targets if keep(p.country, p.key)] or [p.name for p in obs.targets]
    return sources, targets


def describe(observations: Sequence[Observation], dyad: Dyad, limit: int = MAX_GROUPS) -> str:
    """ "3 ASSAULT events US military -> Kata'ib Hezbollah in Iraq, 1 ACCUSE event ...": the most violent
    first. The place is told for material events only: where a statement was made says little."""
    groups: Counter[tuple[str, str, str, str]] = Counter()
    severity: dict[str, float] = {}
    for obs in observations:
        sources, targets = _on_dyad(obs, dyad)
        material = obs.quad_class.startswith("material")
        place = country_text(obs.place) if obs.place and material else ""
        groups[(obs.event_type, " & ".join(dict.fromkeys(sources)), " & ".join(dict.fromkeys(targets)), place)] += 1
        severity[obs.event_type] = obs.intensity
    ordered = sorted(groups.items(), key=lambda item: (severity[item[0][0]], -item[1]))
    parts = []
    for (event_type, source, target, place), n in ordered[:limit]:
        who = f"{source} -> {target}" if target else f"by {source}"
        parts.append(f"{_plural(n, event_type + ' event')} {who}" + (f" in {place}" if place else ""))
    rest = sum(n for _, n in ordered[limit:])
    if rest:
        parts.append(f"and {_plural(rest, 'more event')}")
    return ", ".join(parts)


def odds_text(chance: float) -> str:
    """A small probability as odds a reader can picture: "about 1 in 260,000"."""
    if chance <= 1e-6:
        return "less than 1 in a million"
    odds = 1 / chance
    rounded = round(odds, -max(0, len(str(int(odds))) - 2))
    return f"about 1 in {int(rounded):,}"


def _articles(observations: Sequence[Observation]) -> int:
    return len({o.doc_id for o in observations})


def _severity_by_reports(observations: Sequence[Observation]) -> int:
    """3 when two articles or more report it, 2 for one, 1 for one weak report."""
    if _articles(observations) >= CONFIRMED_ARTICLES:
        return 3
    return 2 if max(o.weight for o in observations) >= WEAK_CONFIDENCE else 1


def _alert(kind: str, dyad: Dyad, severity: int, events: Sequence[Observation], raised: date,
           explanation: str, key: str) -> Alert:
    countries = set()
    for obs in events:
        countries |= {p.country for p in obs.sources + obs.targets if p.country}
        if obs.place:
            countries.add(obs.place)
    ids = tuple(dict.fromkeys(o.event_id for o in events))
    return Alert(f"{kind}:{dyad.level}:{dyad.side_a}:{dyad.side_b}:{key}", kind, dyad, severity,
                 min(o.day for o in events), max(o.day for o in events), raised, ids, tuple(sorted(countries)),
                 explanation)


# -- break ---------------------------------------------------------------------------------------------

def poisson_tail(k: int, rate: float) -> float:
    """P(X >= k) for X ~ Poisson(rate)."""
    if k <= 0:
        return 1.0
    term = total = math.exp(-rate)
    for i in range(1, k):
        term *= rate / i
        total += term
    return max(0.0, 1.0 - total)


def _conflict_intensity(observations: Sequence[Observation]) -> float:
    return sum(o.weight * abs(o.intensity) for o in observations)


def _breaks(dyad: Dyad, observations: Sequence[Observation], first: date) -> list[Alert]:
    by_week: dict[date, list[Observation]] = defaultdict(list)
    for obs in observations:
        if obs.quad_class in CONFLICT:
            by_week[week_start(obs.day)].append(obs)
    first_week = week_start(first)
    found = []
    for week, current in sorted(by_week.items()):
        history = [week - timedelta(weeks=i) for i in range(BASELINE_WEEKS, 0, -1)]
        history = [h for h in history if h >= first_week]
        if len(history) < MIN_BASELINE_WEEKS or len(current) < MIN_BREAK_EVENTS or _articles(current) < MIN_BREAK_ARTICLES:
            continue
        base_counts = [sum(o.weight for o in by_week.get(h, ())) for h in history]
        base_intensity = [_conflict_intensity(by_week.get(h, ())) for h in history]
        median = statistics.median(base_intensity)
        spread = MAD_SCALE * statistics.median(abs(v - median) for v in base_intensity)
        rate = max(statistics.fmean(base_counts), POISSON_FLOOR)
        crossed, chance = None, 1.0
        for n in range(1, len(current) + 1):  # the day the week's running total first crossed the line
            so_far = current[:n]
            if spread > 0:
                broke = _conflict_intensity(so_far) > median + BREAK_MAD_K * spread
            else:
                chance = poisson_tail(round(sum(o.weight for o in so_far)), rate)
                broke = chance < POISSON_P
            if broke and n >= MIN_BREAK_EVENTS and _articles(so_far) >= MIN_BREAK_ARTICLES:
                crossed = so_far[-1].day
                break
        if crossed is None:
            continue
        if spread <= 0:
            chance = poisson_tail(round(sum(o.weight for o in current)), rate)
        types = {o.event_type for o in current}
        severity = 3 if "ASSAULT" in types else 2 if any(o.quad_class == "material_conflict" for o in current) else 1
        raw_base = sum(len(by_week.get(h, ())) for h in history) / len(history)
        if spread > 0:
            usual = (f"an intensity of {_conflict_intensity(current):.0f} where the previous {len(history)} weeks "
                     f"had a median of {median:.0f}")
        else:
            had = f"{raw_base:.1f} a week" if raw_base > 0 else "none"
            usual = f"where the previous {len(history)} weeks had {had} (odds of such a week: {odds_text(chance)})"
        explanation = (
            f"Since {day_text(current[0].day)}: {describe(current, dyad)}. "
            f"That is {_plural(len(current), 'conflict event')} between {pair_text(dyad, current)} in the week of "
            f"{day_text(week, year=False)}, from {_plural(_articles(current), 'article')}, {usual}."
        )
        found.append(_alert("break", dyad, severity, current, crossed, explanation, week.isoformat()))
    return found


# -- ladder --------------------------------------------------------------------------------------------

def _precedes(before: Observation, after: Observation) -> bool:
    """Known to come first: an earlier day, or the same day told earlier in the same article. Two
    articles' events of one day have no known order (a threat may answer the strike, not lead to it)."""
    if before.day != after.day:
        return before.day < after.day
    return before.doc_id == after.doc_id and before.position < after.position


def _longest_ladder(window: Sequence[Observation], end_day: date) -> list[Observation]:
    """The longest run of rungs climbed strictly upward in known order, preferring one that ends on `end_day`."""
    chains: list[list[Observation]] = []
    for obs in window:  # in (day, article, position) order, so every possible predecessor comes first
        rung = LADDER.index(obs.event_type)
        best: list[Observation] = []
        for earlier, chain in zip(window, chains):
            if LADDER.index(earlier.event_type) < rung and len(chain) > len(best) and _precedes(earlier, obs):
                best = chain
        chains.append(best + [obs])
    return max(chains, key=lambda chain: (len(chain), chain[-1].day == end_day), default=[])


def _ladders(dyad: Dyad, observations: Sequence[Observation]) -> list[Alert]:
    rungs = sorted((o for o in observations if o.event_type in LADDER), key=lambda o: (o.day, o.doc_id, o.position))
    found: list[Alert] = []
    alerted: list[tuple[date, int]] = []  # (last day, rungs) of ladders already raised
    for end_day in sorted({o.day for o in rungs}):
        window = [o for o in rungs if end_day - timedelta(days=LADDER_DAYS) <= o.day <= end_day]
        if len({o.event_type for o in window}) < LADDER_MIN_RUNGS:
            continue  # cheap: most windows cannot hold a ladder at all
        chain = _longest_ladder(window, end_day)
        if len(chain) < LADDER_MIN_RUNGS or chain[-1].day != end_day:
            continue
        if any(len(chain) <= n and end_day - last <= timedelta(days=LADDER_DAYS) for last, n in alerted):
            continue
        alerted.append((end_day, len(chain)))
        steps, behind = [], []
        for i, step in enumerate(chain):
            until = chain[i + 1].day if i + 1 < len(chain) else end_day
            same = [o for o in window if o.event_type == step.event_type and step.day <= o.day <= until]
            behind += same
            when = f"on {day_text(step.day)}" if same[-1].day == step.day else f"from {day_text(step.day)}"
            steps.append(f"{when}, {describe(same, dyad, limit=1)}")
        span = (end_day - chain[0].day).days
        explanation = (f"{_capital(pair_text(dyad, behind))} climbed {len(chain)} rungs of the escalation ladder in "
                       f"{_plural(span, 'day')}: " + "; then ".join(steps) + ".")
        severity = min(3, len(chain) - 1)
        found.append(_alert("ladder", dyad, severity, behind, end_day, explanation,
                            f"{chain[0].day.isoformat()}:{len(chain)}"))
    return found


# -- newly violent pair --------------------------------------------------------------------------------

def _new_violence(dyad: Dyad, observations: Sequence[Observation], first: date) -> list[Alert]:
    assaults = [o for o in observations if o.event_type == "ASSAULT"]
    if not assaults or (assaults[0].day - first).days < NEW_VIOLENCE_HISTORY_DAYS:
        return []
    start = assaults[0].day
    behind = [o for o in assaults if o.day <= start + timedelta(days=FOLLOW_UP_DAYS)]
    earlier = [o for o in observations if o.day < start]
    before = Counter(o.quad_class for o in earlier)
    history = (f"after {_plural(len(earlier), 'earlier event')} between them "
               f"({before['verbal_conflict'] + before['material_conflict']} of conflict, none violent)"
               if earlier else "with nothing between them before")
    explanation = (f"First violence between {pair_text(dyad, observations)} in data going back to "
                   f"{day_text(first)}: {describe(behind, dyad)}, from {day_text(start)} "
                   f"({_plural(_articles(behind), 'article')}), {history}.")
    return [_alert("new_violence", dyad, _severity_by_reports(behind), behind, start, explanation, "first")]


# -- spillover -----------------------------------------------------------------------------------------

def _spillover(dyad: Dyad, observations: Sequence[Observation]) -> list[Alert]:
    if dyad.level != "country":
        return []
    by_place: dict[str, list[Observation]] = defaultdict(list)
    for obs in observations:
        if (obs.event_type == "ASSAULT" and obs.targets and obs.place
                and obs.place not in (dyad.side_a, dyad.side_b)):
            by_place[obs.place].append(obs)
    found = []
    for place, events in sorted(by_place.items()):
        episodes: list[list[Observation]] = []
        for obs in events:
            if episodes and obs.day - episodes[-1][-1].day <= timedelta(days=SPILLOVER_GAP_DAYS):
                episodes[-1].append(obs)
            else:
                episodes.append([obs])
        for episode in episodes:
            start = episode[0].day
            explanation = (f"{_capital(pair_text(dyad))} in violence on the soil of {country_text(place)}, "
                           f"neither side's own: {describe(episode, dyad)}, from {day_text(start)} "
                           f"({_plural(_articles(episode), 'article')}).")
            found.append(_alert("spillover", dyad, _severity_by_reports(episode), episode, start, explanation,
                                f"{place}:{start.isoformat()}"))
    return found
