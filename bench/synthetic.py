"""Synthetic articles and events for the web benchmark: short sentences built from templates, with every
span's offsets computed as the text is assembled, so the dashboard can highlight them.

Nothing here is news: the actors, places and dates are drawn at random (seeded) from small tables.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any
from datetime import date, timedelta

from brinkwatch.model import Actor, Article, Attribution, Event, Evidence, Place, Span, TimeRef

# (ISO3, name, demonym, [(city, lat, lon)])
COUNTRIES = (
    ("USA", "the United States", "American", [("Washington", 38.90, -77.04), ("New York", 40.71, -74.01)]),
    ("IRN", "Iran", "Iranian", [("Tehran", 35.69, 51.39), ("Isfahan", 32.65, 51.67), ("Bushehr", 28.97, 50.84)]),
    ("IRQ", "Iraq", "Iraqi", [("Baghdad", 33.34, 44.40), ("Mosul", 36.34, 43.13), ("Basra", 30.51, 47.78),
                              ("Erbil", 36.19, 44.01), ("Kirkuk", 35.47, 44.39)]),
    ("SYR", "Syria", "Syrian", [("Damascus", 33.51, 36.29), ("Aleppo", 36.20, 37.16), ("Idlib", 35.93, 36.63)]),
    ("ISR", "Israel", "Israeli", [("Jerusalem", 31.77, 35.21), ("Haifa", 32.79, 34.99)]),
    ("LBN", "Lebanon", "Lebanese", [("Beirut", 33.89, 35.50), ("Tyre", 33.27, 35.20)]),
    ("TUR", "Turkey", "Turkish", [("Ankara", 39.93, 32.86), ("Istanbul", 41.01, 28.98), ("Diyarbakir", 37.91, 40.24)]),
    ("SAU", "Saudi Arabia", "Saudi", [("Riyadh", 24.71, 46.68), ("Jeddah", 21.49, 39.19)]),
    ("YEM", "Yemen", "Yemeni", [("Sanaa", 15.35, 44.21), ("Aden", 12.79, 45.04), ("Hodeidah", 14.80, 42.95)]),
    ("RUS", "Russia", "Russian", [("Moscow", 55.76, 37.62), ("Belgorod", 50.60, 36.59)]),
    ("UKR", "Ukraine", "Ukrainian", [("Kyiv", 50.45, 30.52), ("Kharkiv", 49.99, 36.23), ("Odesa", 46.48, 30.72)]),
    ("CHN", "China", "Chinese", [("Beijing", 39.90, 116.41), ("Shanghai", 31.23, 121.47)]),
    ("IND", "India", "Indian", [("New Delhi", 28.61, 77.21), ("Srinagar", 34.08, 74.80)]),
    ("PAK", "Pakistan", "Pakistani", [("Islamabad", 33.68, 73.05), ("Peshawar", 34.01, 71.58), ("Quetta", 30.18, 66.99)]),
    ("AFG", "Afghanistan", "Afghan", [("Kabul", 34.56, 69.21), ("Kandahar", 31.63, 65.71)]),
    ("NGA", "Nigeria", "Nigerian", [("Abuja", 9.08, 7.40), ("Maiduguri", 11.85, 13.16)]),
    ("MLI", "Mali", "Malian", [("Bamako", 12.64, -8.00), ("Gao", 16.27, -0.04)]),
    ("SDN", "Sudan", "Sudanese", [("Khartoum", 15.50, 32.56), ("El Fasher", 13.63, 25.35)]),
    ("ETH", "Ethiopia", "Ethiopian", [("Addis Ababa", 9.03, 38.74), ("Mekelle", 13.50, 39.47)]),
    ("COD", "the Democratic Republic of the Congo", "Congolese", [("Kinshasa", -4.44, 15.27), ("Goma", -1.68, 29.22)]),
    ("SOM", "Somalia", "Somali", [("Mogadishu", 2.05, 45.32), ("Kismayo", -0.36, 42.55)]),
    ("COL", "Colombia", "Colombian", [("Bogota", 4.71, -74.07), ("Cali", 3.45, -76.53)]),
    ("MEX", "Mexico", "Mexican", [("Mexico City", 19.43, -99.13), ("Culiacan", 24.81, -107.39)]),
    ("VEN", "Venezuela", "Venezuelan", [("Caracas", 10.48, -66.90)]),
    ("MMR", "Myanmar", "Myanmar", [("Naypyidaw", 19.76, 96.08), ("Yangon", 16.87, 96.20)]),
    ("PRK", "North Korea", "North Korean", [("Pyongyang", 39.04, 125.76)]),
    ("KOR", "South Korea", "South Korean", [("Seoul", 37.57, 126.98)]),
    ("FRA", "France", "French", [("Paris", 48.86, 2.35)]),
    ("DEU", "Germany", "German", [("Berlin", 52.52, 13.40)]),
    ("GBR", "the United Kingdom", "British", [("London", 51.51, -0.13)]),
)
# (sector, how the text names it, sector code in actor keys)
SECTORS = (("government", "the {demonym} government", "GOV"), ("military", "{demonym} troops", "MIL"),
           ("police", "{demonym} police", "COP"), ("rebels", "{demonym} rebels", "REB"),
           ("protesters", "{demonym} protesters", "PRO"))
# PLOVER type -> sentence templates with {source} {target} {place} {date}; {target} may be absent.
TEMPLATES = {
    "ASSAULT": ("{source} shelled positions held by {target} near {place} on {date}.",
                "{source} attacked {target} in {place} on {date}.",
                "A drone strike by {source} hit {target} outside {place} on {date}."),
    "THREATEN": ("{source} warned {target} of retaliation after talks in {place} on {date}.",
                 "{source} threatened {target} with force, officials in {place} said on {date}."),
    "ACCUSE": ("{source} accused {target} of sabotage in {place} on {date}.",
               "{source} condemned {target} for the blockade of {place} on {date}."),
    "MOBILIZE": ("{source} deployed armoured units toward {target} near {place} on {date}.",),
    "PROTEST": ("{source} rallied against {target} in {place} on {date}.",),
    "COERCE": ("{source} arrested members of {target} in {place} on {date}.",),
    "SANCTION": ("{source} imposed sanctions on {target}, announced in {place} on {date}.",),
    "REQUEST": ("{source} demanded that {target} withdraw from {place} on {date}.",),
    "REJECT": ("{source} rejected a proposal from {target} at a meeting in {place} on {date}.",),
    "CONSULT": ("{source} met {target} in {place} on {date}.",
                "{source} held talks with {target} in {place} on {date}."),
    "AGREE": ("{source} signed an agreement with {target} in {place} on {date}.",),
    "SUPPORT": ("{source} praised {target} during a visit to {place} on {date}.",),
    "COOPERATE": ("{source} and {target} ran joint exercises near {place} on {date}.",),
    "AID": ("{source} sent food and medicine to {target} in {place} on {date}.",),
    "RETREAT": ("{source} withdrew from positions facing {target} near {place} on {date}.",),
    "CONCEDE": ("{source} eased restrictions on {target} in {place} on {date}.",),
}
TRIGGERS = ("shelled", "attacked", "strike", "warned", "threatened", "accused", "condemned", "deployed", "rallied",
            "arrested", "imposed", "demanded", "rejected", "met", "held", "signed", "praised", "ran", "sent",
            "withdrew", "eased")
# Conflict happens more often in the news than cooperation; the weights say how much.
TYPE_WEIGHTS = {"ASSAULT": 24, "THREATEN": 8, "ACCUSE": 10, "MOBILIZE": 5, "PROTEST": 7, "COERCE": 8, "SANCTION": 3,
                "REQUEST": 5, "REJECT": 3, "CONSULT": 10, "AGREE": 4, "SUPPORT": 3, "COOPERATE": 3, "AID": 4,
                "RETREAT": 2, "CONCEDE": 1}
OUTLETS = tuple(f"Synthetic Wire {letter}" for letter in "ABCDEFGHIJKL")
MODALITIES = ("asserted",) * 17 + ("negated", "hypothetical", "future")
START = date(2019, 1, 1)
DAYS = 730


class _Writer:
    """Builds one sentence from pieces, remembering where each named piece landed."""

    def __init__(self, offset: int) -> None:
        self.offset, self.parts, self.spans = offset, [], {}

    def add(self, text: str, name: str | None = None) -> None:
        start = self.offset + sum(len(p) for p in self.parts)
        self.parts.append(text)
        if name:
            self.spans[name] = (text, start, start + len(text))

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _fill(template: str, values: dict[str, str], offset: int) -> _Writer:
    writer = _Writer(offset)
    rest = template
    while "{" in rest:
        before, _, tail = rest.partition("{")
        name, _, rest = tail.partition("}")
        writer.add(before)
        writer.add(values[name], name)
    writer.add(rest)
    text = writer.text
    capital = text[:1].upper() + text[1:]
    writer.parts = [capital]
    return writer


def _actor(rng: random.Random, country: tuple) -> tuple[str, str, str, str]:
    """(text, key-ish id, sector, iso3) for a random actor of `country`."""
    iso3, name, demonym, _ = country
    sector, pattern, code = rng.choice(SECTORS)
    text = name if sector == "government" and rng.random() < 0.5 else pattern.format(demonym=demonym)
    actor_id = iso3 if sector == "government" else f"{iso3}-{code}"
    return text, actor_id, sector, iso3


def _plan(rng: random.Random, events_per_article: int) -> tuple[tuple, tuple, date, list[tuple]]:
    """What an article reports: two countries, a day, and per event its type, sides, place and date."""
    home, other = rng.sample(COUNTRIES, 2)
    day = START + timedelta(days=rng.randrange(DAYS))
    types, weights = zip(*TYPE_WEIGHTS.items())
    facts = []
    for _ in range(events_per_article):
        event_type = rng.choices(types, weights)[0]
        source, target = (home, other) if rng.random() < 0.6 else (other, home)
        where = rng.choice((home, other))
        facts.append((event_type, _actor(rng, source), _actor(rng, target), where, rng.choice(where[3]),
                      day - timedelta(days=rng.randrange(4))))
    return home, other, day, facts


def article(rng: random.Random, number: int, plan: tuple) -> tuple[Article, list[Event]]:
    """One article telling the events of `plan` (see _plan), one sentence each, in its own words."""
    doc_id = f"synthetic-{number:06d}"
    home, other, day, facts = plan
    sentences: list[str] = []
    events: list[Event] = []
    offset = 0
    for index, (event_type, (src_text, src_id, src_sector, src_iso), (tgt_text, tgt_id, tgt_sector, tgt_iso),
                where, (city, lat, lon), when) in enumerate(facts):
        template = rng.choice(TEMPLATES[event_type])
        date_text = f"{when.day} {when:%B} {when.year}"
        writer = _fill(template, {"source": src_text, "target": tgt_text, "place": city, "date": date_text}, offset)
        sentence = writer.text
        trigger = next((word for word in TRIGGERS if f" {word} " in sentence), sentence.split()[1])
        t_start = offset + sentence.index(f" {trigger} ") + 1
        spans = writer.spans
        # the first letter may have been capitalised: read each span's text back from the sentence
        def piece(name: str) -> tuple[str, int, int]:
            _, start, end = spans[name]
            return sentence[start - offset:end - offset], start, end
        modality = rng.choice(MODALITIES)
        events.append(Event(
            doc_id=doc_id, event_id=f"{doc_id}#{index}", event_type=event_type,
            trigger=Span(trigger, t_start, t_start + len(trigger)),
            evidence=Evidence(sentence, offset, offset + len(sentence)),
            cameo_root=None,
            source=(Actor(*piece("source"), actor_id=src_id, name=src_id, country=src_iso, sector=src_sector),),
            target=(Actor(*piece("target"), actor_id=tgt_id, name=tgt_id, country=tgt_iso, sector=tgt_sector),),
            location=Place(*piece("place"), name=city, lat=lat, lon=lon, country=where[0], precision="city"),
            date=TimeRef(*piece("date")[:1], when.isoformat(), "day", *piece("date")[1:]),
            modality=modality, historical=rng.random() < 0.03,
            attribution=Attribution(None, "said") if rng.random() < 0.3 else None,
            confidence=round(rng.uniform(0.5, 0.98), 2),
        ))
        sentences.append(sentence)
        offset += len(sentence) + 1
    outlet = rng.choice(OUTLETS)
    text = " ".join(sentences) + f" Filed by {outlet}, item {number}."  # no two articles share a text
    return (Article(id=doc_id, text=text, title=f"Report {number} on {home[0]} and {other[0]}",
                    published=day.isoformat(), source=outlet,
                    url=f"https://example.org/synthetic/{number}"), events)


def articles(count: int, events_per_article: int = 5, seed: int = 7,
             follow_ups: float = 0.35) -> Iterator[tuple[Article, list[Event]]]:
    """`count` synthetic articles with their events, the same ones for the same seed. A share
    (`follow_ups`) retell the events of a recent article, so some happenings have several sources."""
    rng = random.Random(seed)
    recent: list[tuple] = []
    for number in range(count):
        if recent and rng.random() < follow_ups:
            plan = rng.choice(recent)
        else:
            plan = _plan(rng, events_per_article)
            recent = (recent + [plan])[-50:]
        yield article(rng, number, plan)


def fill(store: Any, count: int, events_per_article: int = 5, seed: int = 7, batch: int = 500) -> int:
    """Write `count` synthetic articles into an empty SQLite store in bulk; return the reports written.

    Saving article by article (Store.save_article, which links each report as it goes) takes minutes for
    100,000 events; this writes the same rows directly. Reports telling the same type, sides, place and
    day are one linked event, as the link stage would make them here.
    """
    from sqlalchemy import insert

    from brinkwatch.link import linkable
    from brinkwatch.store.schema import articles as article_table, events as event_table, report_actors, reports
    from brinkwatch.store.sql import _actor_rows, _report_row

    linked: dict[tuple, dict[str, Any]] = {}
    written = 0
    report_id = 0
    with store.engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA defer_foreign_keys=ON")  # events are written last, when counted
        pending: list[tuple[dict, list[dict], list[dict]]] = []

        def flush() -> None:
            if not pending:
                return
            conn.execute(insert(article_table), [a for a, _, _ in pending])
            conn.execute(insert(reports), [r for _, rows, _ in pending for r in rows])
            actors = [row for _, _, rows in pending for row in rows]
            if actors:
                conn.execute(insert(report_actors), actors)
            pending.clear()

        for number, (item, found) in enumerate(articles(count, events_per_article, seed), start=1):
            row = {"id": number, "doc_id": item.id, "content_hash": item.content_hash, "title": item.title,
                   "published": item.published, "source": item.source, "url": item.url, "lang": "en",
                   "text": item.text, "origin": "bench/synthetic.py", "ingested_at": "2024-01-01T00:00:00+00:00",
                   "coder_version": "synthetic", "run_id": None}
            report_rows, actor_rows = [], []
            for event in found:
                report_id += 1
                values = {**_report_row(number, event), "report_id": report_id, "event_pk": None}
                if linkable(event):
                    place = event.location
                    key = (event.event_type, event.source[0].key, event.target[0].key,
                           place.name if place else None, event.date.value if event.date else None)
                    entry = linked.get(key)
                    if entry is None:
                        entry = linked[key] = {
                            "event_pk": len(linked) + 1, "event_type": event.event_type,
                            "date_value": event.date.value, "date_precision": event.date.precision,
                            "date_first": event.date.value, "date_last": event.date.value, "span_days": 0,
                            "location_name": place.name, "location_lat": place.lat, "location_lon": place.lon,
                            "location_country": place.country, "location_admin1": None,
                            "location_precision": place.precision, "source_key": key[1], "target_key": key[2],
                            "n_reports": 0, "outlets": set(), "created_at": row["ingested_at"],
                            "updated_at": row["ingested_at"]}
                    entry["n_reports"] += 1
                    entry["outlets"].add(item.source)
                    values["event_pk"] = entry["event_pk"]
                report_rows.append(values)
                actor_rows += _actor_rows(report_id, "source", event.source)
                actor_rows += _actor_rows(report_id, "target", event.target)
            pending.append((row, report_rows, actor_rows))
            written += len(report_rows)
            if len(pending) >= batch:
                flush()
        flush()
        rows = [{**{k: v for k, v in entry.items() if k != "outlets"}, "n_sources": len(entry["outlets"])}
                for entry in linked.values()]
        for start in range(0, len(rows), 5000):
            conn.execute(insert(event_table), rows[start:start + 5000])
    return written
