"""Measure the escalation watch (issue 8): lead time on the US-Iran-Iraq crisis of 2019-2020, false alarms on
calm dyads, and the alerts raised on the ACLED 2020 sample.

    .venv/bin/python bench/watch.py [--shared ../shared] [--write docs/accuracy.md]

The crisis set (bench/data/crisis/, our own short articles on real, dated events of Aug 2019 - Jan 2020, and
on calm pairs of countries in the same months) goes through the real pipeline into a temporary SQLite
store, and the watch reads the stored events back. ACLED rows become events directly (ASSAULT for battles,
explosions and violence against civilians; PROTEST for protests and riots). With --write, the report
replaces the part of the page between the watch markers.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from brinkwatch.ingest import read_path  # noqa: E402
from brinkwatch.model import Actor, Article, Event, Evidence, Place, Span, TimeRef  # noqa: E402
from brinkwatch.pipeline import Pipeline  # noqa: E402
from brinkwatch.store import Store  # noqa: E402
from brinkwatch.watch import Alert, Watch  # noqa: E402
from report import publish  # noqa: E402

BEGIN, END = "<!-- watch:begin -->", "<!-- watch:end -->"
CRISIS = Path(__file__).resolve().parent / "data" / "crisis"
CRISIS_COUNTRIES = frozenset({"USA", "IRN", "IRQ"})
SOLEIMANI = date(2020, 1, 3)
RUN_UP = date(2019, 12, 1)  # the final run-up: rocket attacks on bases, then K-1 on 27 Dec
# The pairs the calm articles report on (aid, trade, visits), each watched over the whole period.
CALM_DYADS = frozenset(frozenset(pair.split("-")) for pair in (
    "IND-FRA", "GBR-BHS", "USA-AUS", "IND-BGD", "USA-JPN", "GBR-IRL", "CHN-IND", "FRA-CHN", "ITA-ALB",
    "GRC-ALB", "TUR-ALB", "USA-MEX", "USA-CAN", "CAN-MEX"))
PERIOD = (date(2019, 8, 1), date(2020, 1, 9))
ACLED_TYPES = {"Battles": "ASSAULT", "Explosions/Remote violence": "ASSAULT",
               "Violence against civilians": "ASSAULT", "Protests": "PROTEST", "Riots": "PROTEST"}
FOREIGN_FORCES = re.compile(r"^(?:Military|Police) Forces of (.+?)(?: \(\d{4}-?\d*\))?(?: [A-Z].*)?$")


def is_crisis(alert: Alert) -> bool:
    """An alert on the US-Iran-Iraq escalation: two or more of the three countries, nothing else."""
    countries = set(alert.countries)
    return countries <= CRISIS_COUNTRIES and len(countries) >= 2


def is_calm(alert: Alert) -> bool:
    return alert.dyad.level == "country" and frozenset((alert.dyad.side_a, alert.dyad.side_b)) in CALM_DYADS


def ingest(store: Store, pipeline: Pipeline) -> tuple[int, int, list[str]]:
    articles = events = 0
    failures = []
    for item in read_path(CRISIS):
        if not isinstance(item, Article):
            failures.append(str(item))
            continue
        found = pipeline.run(item)
        store.save_article(item, found, coder_version=pipeline.coder_version)
        articles += 1
        events += len(found)
    return articles, events, failures


def linked_as_of(reports: list[tuple[Event, object, str]], published: dict[str, date],
                 day: date) -> tuple[list[Event], dict[str, int]]:
    """What the store held on `day`: one event per linked happening among the reports published by then
    (the most confident stands for it), weighed by the distinct outlets that had reported it by then."""
    groups: dict[object, list[tuple[Event, str]]] = {}
    for event, event_pk, outlet in reports:
        if published[event.doc_id] <= day:
            groups.setdefault(event_pk if event_pk is not None else event.event_id, []).append((event, outlet))
    events, sources = [], {}
    for members in groups.values():
        best = max(members, key=lambda pair: pair[0].confidence)[0]
        events.append(best)
        sources[best.event_id] = max(1, len({outlet for _, outlet in members if outlet}))
    return events, sources


def replay(reports: list[tuple[Event, object, str]], published: dict[str, date]) -> dict[str, tuple[date, Alert]]:
    """The first day each crisis milestone was raised, running the watch on what was published by then."""
    firsts: dict[str, tuple[date, Alert]] = {}
    day = PERIOD[0]
    while day <= PERIOD[1]:
        for alert in Watch(*linked_as_of(reports, published, day)).alerts():
            if not is_crisis(alert):
                continue
            for name, wanted in (("any", True), ("run-up", alert.raised >= RUN_UP), ("severity 3", alert.severity == 3)):
                if wanted and name not in firsts:
                    firsts[name] = (day, alert)
        day += timedelta(days=1)
    return firsts


def _line(alert: Alert) -> str:
    return f"| {alert.raised} | {alert.kind} | {alert.dyad.label} | {alert.severity} | {alert.explanation} |"


def stored_reports(store: Store) -> list[tuple[Event, object, str]]:
    """Every stored report with the linked event it belongs to and the outlet that published it."""
    from sqlalchemy import select

    from brinkwatch.model import event_from_dict
    from brinkwatch.store.schema import articles, reports

    query = (select(reports.c.payload, reports.c.event_pk, articles.c.source)
             .select_from(reports.join(articles, reports.c.article_pk == articles.c.id))
             .order_by(reports.c.report_id))
    with store.engine.connect() as conn:
        return [(event_from_dict(payload), event_pk, outlet or "") for payload, event_pk, outlet in conn.execute(query)]


def crisis_report() -> list[str]:
    started = time.perf_counter()
    pipeline = Pipeline.from_settings()
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(f"sqlite:///{folder}/crisis.db")
        articles, coded, failures = ingest(store, pipeline)
        reports = stored_reports(store)
        store.close()
    meta = [json.loads(line) for line in (CRISIS / "metadata.jsonl").read_text(encoding="utf-8").splitlines()]
    groups = {m["id"]: m["group"] for m in meta}
    published = {m["id"]: date.fromisoformat(m["published"]) for m in meta}
    events, sources = linked_as_of(reports, published, date.max)
    watch = Watch(events, sources)
    alerts = watch.alerts()
    replayed = replay(reports, published)
    elapsed = time.perf_counter() - started
    crisis = [a for a in alerts if is_crisis(a)]
    calm = [a for a in alerts if is_calm(a)]
    from_calm_articles = [a for a in alerts if all(groups.get(i.split("#")[0]) == "calm" for i in a.event_ids)]
    others = [a for a in alerts if a not in crisis and a not in calm]
    dyad_years = len(CALM_DYADS) * ((PERIOD[1] - PERIOD[0]).days + 1) / 365.25

    def lead(name: str) -> str:
        if name not in replayed:
            return "none"
        day, first = replayed[name]
        return (f"{day} ({(SOLEIMANI - day).days} days before 3 Jan 2020): {first.kind} on "
                f"{first.dyad.label}, severity {first.severity} at the time")

    per_dyad: dict[str, Counter[str]] = defaultdict(Counter)
    for alert in alerts:
        per_dyad[f"{alert.dyad.label} ({alert.dyad.level})"][alert.kind] += 1
    lines = [
        "### Crisis set (bench/data/crisis/, our own articles)", "",
        f"{articles} articles ({sum(1 for g in groups.values() if g == 'crisis')} on the US-Iran-Iraq crisis, "
        f"{sum(1 for g in groups.values() if g == 'calm')} on calm pairs), {coded} events coded, "
        f"{len(watch.observations)} counted by the watch (asserted, not historical, dated to the day, with a "
        f"source); {len(failures)} read failures. {len(alerts)} alerts in all. Run time {elapsed:.0f} s.", "",
        "Lead time is replayed day by day: the watch runs each day on the articles published by then, and a "
        "milestone counts from the first day an alert met it. A crisis alert is one whose sides and places are "
        "all among USA, IRN and IRQ (two of them at least); a false alarm is an alert on one of the calm pairs; "
        "dyad-years are the calm pairs times the months watched (Aug 2019 - 9 Jan 2020).", "",
        f"- First alert on the crisis: {lead('any')}",
        f"- First in the run-up (from {RUN_UP}): {lead('run-up')}",
        f"- First of severity 3: {lead('severity 3')}",
        f"- Alerts on the crisis before 3 Jan 2020: {sum(1 for a in crisis if a.raised < SOLEIMANI)}; "
        f"after: {sum(1 for a in crisis if a.raised >= SOLEIMANI)}",
        f"- False alarms on the {len(CALM_DYADS)} calm dyads: {len(calm)} over {dyad_years:.1f} dyad-years "
        f"({len(calm) / dyad_years:.2f} per dyad-year); alerts built only from calm articles: {len(from_calm_articles)}",
        f"- Other alerts (neither the crisis nor a calm pair): {len(others)}", "",
        "Alerts per dyad:", "", "| dyad | alerts |", "|---|---|",
    ]
    for label, kinds in sorted(per_dyad.items(), key=lambda item: -sum(item[1].values())):
        lines.append(f"| {label} | " + ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items())) + " |")
    lines += ["", "Every alert, as raised:", "", "| raised | kind | dyad | sev. | explanation |", "|---|---|---|---|---|"]
    lines += [_line(a) for a in alerts]
    return lines


# -- ACLED ---------------------------------------------------------------------------------------------

def _country_codes() -> dict[str, str]:
    from importlib import resources

    text = resources.files("brinkwatch").joinpath("data/actors/countries.csv").read_text(encoding="utf-8")
    codes = {}
    for row in csv.DictReader(text.splitlines()):
        for name in [row["name"], *filter(None, row["aliases"].split("|"))]:
            codes[name] = row["iso3"]
    return codes


def acled_events(path: Path) -> list[Event]:
    """ACLED rows as events: actor1 -> actor2 in the row's country, foreign forces in their own country."""
    codes = _country_codes()

    def actor(name: str, home: str) -> Actor:
        match = FOREIGN_FORCES.match(name)
        country = codes.get(match.group(1), home) if match else home
        return Actor(name, 0, len(name), actor_id=name, name=name, country=country)

    events = []
    with path.open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            event_type = ACLED_TYPES.get(row["event_type"])
            if event_type is None or not row["actor1"] or len(row["iso3"]) != 3:
                continue
            day = datetime.strptime(row["event_date"], "%d-%b-%y").date().isoformat()
            home = row["iso3"]
            place = Place(row["location"], 0, len(row["location"]), name=row["location"], country=home,
                          lat=float(row["latitude"]) if row["latitude"] else None,
                          lon=float(row["longitude"]) if row["longitude"] else None, precision="point")
            events.append(Event(
                doc_id=f"acled-{row['data_id']}", event_id=f"acled-{row['data_id']}#0", event_type=event_type,
                trigger=Span("", 0, 0), evidence=Evidence("", 0, 0),
                source=(actor(row["actor1"], home),),
                target=(actor(row["actor2"], home),) if row["actor2"] else (),
                location=place, date=TimeRef(None, day, "day"), confidence=1.0,
            ))
    return events


def acled_report(shared: Path) -> list[str]:
    path = shared / "eval" / "acled_global_sample_2020" / "acled.csv"
    if not path.exists():
        return ["### ACLED 2020 sample", "", f"Skipped: {path} is missing."]
    started = time.perf_counter()
    events = acled_events(path)
    watch = Watch(events)
    alerts = watch.alerts()
    elapsed = time.perf_counter() - started
    kinds = Counter(a.kind for a in alerts)
    dyads = len(watch.watched())
    lines = [
        "### ACLED 2020 sample (events built from the rows, not from the notes)", "",
        f"{len(events)} events over {watch.first} - {watch.last}, {dyads} watched dyads; "
        f"{len(alerts)} alert{'' if len(alerts) == 1 else 's'} "
        f"({', '.join(f'{kind} {n}' for kind, n in sorted(kinds.items())) or 'none'}). Run time {elapsed:.1f} s.",
        "The sample spans two weeks, shorter than the four weeks of history a break or a first violence needs, "
        "and ACLED has no accusations or threats to climb a ladder with: only spillover can fire here.",
    ]
    if alerts:
        lines += ["", "| raised | kind | dyad | sev. | explanation |", "|---|---|---|---|---|"]
        lines += [_line(a) for a in alerts[:12]]
        if len(alerts) > 12:
            lines.append(f"| ... | {len(alerts) - 12} more | | | |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--write", type=Path, help="Markdown page to put the report in (between the watch markers)")
    args = parser.parse_args()
    lines = [BEGIN, "## Escalation watch (issue 8)", "",
             "Generated by `.venv/bin/python bench/watch.py --write docs/accuracy.md`.", ""]
    lines += crisis_report() + [""] + acled_report(args.shared) + [END]
    if args.write is not None:
        page = args.write.read_text(encoding="utf-8") if args.write.exists() else ""
        if BEGIN not in page:
            args.write.write_text(page.rstrip("\n") + f"\n\n{BEGIN}\n{END}\n", encoding="utf-8")
    publish("\n".join(lines), args.write, BEGIN, END)


if __name__ == "__main__":
    main()
