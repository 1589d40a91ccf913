"""ACLED's CSV layout, both ways: stored events out as ACLED rows, ACLED rows in as articles and events.

Export keeps ACLED's column names and codes (time_precision, inter1/inter2, interaction, geo_precision)
so ACLED workflows read the file unchanged; only asserted, non-historical events with an ACLED type are
written. Import turns each row into a synthetic article: the notes, then one line naming the row's coded
fields, so every actor, place and date of the event points at real text. The mappings are data files:
data/acled_types.csv (ACLED type -> PLOVER type and mode) and data/acled_inter.csv (sector <-> inter).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import IO, Any

from .export import StoredEvent
from .link import date_span, linkable
from .model import Actor, Article, Event, Evidence, Failure, Place, Span, TimeRef

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "country", "iso3", "admin1", "location", "latitude", "longitude", "geo_precision",
    "source", "notes", "fatalities",
)
REQUIRED_COLUMNS = ("event_date", "event_type", "actor1")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%Y-%m-%d", "%d-%b-%y", "%d-%b-%Y", "%d-%B-%Y", "%d %B, %Y", "%B %d, %Y")
# ACLED's geo_precision: 1 the town itself, 2 near a town (the town's point), 3 only a region is known
# (the point of its capital). Our admin1 and country places are region-level: 3.
GEO_PRECISION = {"point": 1, "city": 1, "admin1": 3, "country": 3}
IMPORTED_PLACE = {"1": "city", "2": "city", "3": "admin1"}
IMPORTED_DATE = {"1": "day", "2": "week", "3": "month"}  # ACLED: 3 is a month or longer
IMPORT_VERSION = "acled-csv"  # the coder version recorded for imported rows
# ACLED's names for a state's forces ("Military Forces of Iraq (2018-)", "Police Forces of Chile (2018-)").
STATE_NAMES = (("military forces of", "military"), ("police forces of", "police"), ("government of", "government"))


@dataclass(frozen=True)
class Tables:
    inter: dict[str, int]  # sector name or code -> ACLED inter code
    sector_of: dict[int, str]  # inter code -> sector on import
    types: dict[tuple[str, str], tuple[str, str | None]]  # (event_type, sub_event_type or "") -> (PLOVER, mode)
    names: dict[str, str]  # ISO3 -> country name
    iso3_of: dict[str, str]  # lower-case country name or alias -> ISO3


def _rows(*path: str) -> list[dict[str, str]]:
    found = resources.files("brinkwatch").joinpath("data", *path)
    with found.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(row for row in handle if not row.startswith("#")))


@lru_cache(maxsize=1)
def tables() -> Tables:
    """The ACLED mapping tables, read once."""
    inter, sector_of = {}, {}
    for row in _rows("acled_inter.csv"):
        inter[row["sector"]] = int(row["inter"])
        for code in filter(None, row["import_codes"].split("|")):
            sector_of[int(code)] = row["sector"]
    for row in _rows("actors", "sectors.csv"):  # a sector may also be given by its code ("MIL")
        if row["sector"] in inter:
            inter.setdefault(row["code"], inter[row["sector"]])
    types = {(r["acled_event_type"], r["acled_sub_event_type"]): (r["type"], r["mode"] or None)
             for r in _rows("acled_types.csv")}
    names, iso3_of = {}, {}
    for row in _rows("actors", "countries.csv"):
        names[row["iso3"]] = row["name"]
        for name in [row["name"], *row["aliases"].split("|")]:
            if name:
                iso3_of.setdefault(name.lower(), row["iso3"])
    return Tables(inter, sector_of, types, names, iso3_of)


# -- export ------------------------------------------------------------------------------------------

def acled_date(ref: TimeRef) -> tuple[str, int, int]:
    """ACLED's event_date ("03 January 2020", the first day the date covers), year and time_precision:
    1 a day read in the text, 2 a week (or a day that is only the publication day), 3 a month or more."""
    first, _ = date_span(ref)
    precision = {"day": 2 if ref.origin == "published" else 1, "week": 2, "month": 3, "year": 3}[ref.precision]
    return f"{first.day:02d} {MONTHS[first.month - 1]} {first.year}", first.year, precision


def inter_code(actor: Actor, event: Event) -> int | None:
    """ACLED's actor type code for one of our actors; state forces abroad are 8 (external forces)."""
    known = tables()
    if actor.sector:
        code = known.inter.get(actor.sector)
    else:
        code = 1 if actor.country else None  # a country named as actor stands for its state
    country = event.location.country if event.location else None
    if code == 1 and country and actor.country and actor.country != country:
        return 8
    if code == 6 and event.acled_event_type == "Riots":
        return 5
    return code


UNNAMED_ATTACKERS = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
UNNAMED_INTER = 3  # ACLED codes its unidentified armed groups as political militias


def _name(actor: Actor) -> str:
    return actor.name or actor.text


def acled_row(item: StoredEvent) -> dict[str, Any] | None:
    """One event as an ACLED row, or None when ACLED has no place for it (no ACLED type, not asserted)."""
    event = item.event
    if event.acled_event_type is None or not linkable(event):
        return None
    place = event.location
    iso3 = place.country if place else None
    event_date, year, time_precision = acled_date(event.date) if event.date else ("", "", "")
    first, second = (event.source[0] if event.source else None), (event.target[0] if event.target else None)
    if first is None and event.acled_event_type in UNNAMED_ATTACKERS:
        # ACLED names an attacker the reports do not name "Unidentified Armed Group (Country)": actor1 is
        # never empty (and our own reader refuses a row without one)
        country = tables().names.get(iso3 or "", "")
        first_name = f"Unidentified Armed Group ({country})" if country else "Unidentified Armed Group"
    else:
        first_name = _name(first) if first else ""
    inter1 = inter_code(first, event) if first else (UNNAMED_INTER if first_name else None)
    inter2 = inter_code(second, event) if second else None
    if inter1 and inter2:
        interaction: int | str = int(f"{min(inter1, inter2)}{max(inter1, inter2)}")
    else:
        interaction = (inter1 or inter2 or 0) * 10 or ""
    number = item.event_pk if item.event_pk is not None else None
    return {
        "event_id_cnty": f"{iso3 or 'XXX'}{number}" if number is not None else f"{event.doc_id}:{event.event_id}",
        "event_date": event_date, "year": year, "time_precision": time_precision,
        "event_type": event.acled_event_type, "sub_event_type": event.acled_sub_event_type or "",
        "actor1": first_name, "assoc_actor_1": "; ".join(map(_name, event.source[1:])),
        "inter1": inter1 or "",
        "actor2": _name(second) if second else "", "assoc_actor_2": "; ".join(map(_name, event.target[1:])),
        "inter2": inter2 or "", "interaction": interaction,
        "country": tables().names.get(iso3 or "", iso3 or ""), "iso3": iso3 or "",
        "admin1": (place.admin1 or "") if place else "", "location": (place.name or place.text) if place else "",
        "latitude": f"{place.lat:.4f}" if place and place.lat is not None else "",
        "longitude": f"{place.lon:.4f}" if place and place.lon is not None else "",
        "geo_precision": GEO_PRECISION[place.precision] if place else "",
        "source": "; ".join(item.sources) or event.doc_id, "notes": event.evidence.sentence, "fatalities": "",
    }


def write_acled_csv(items: Iterable[StoredEvent], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for item in items:
        row = acled_row(item)
        if row is not None:
            writer.writerow(row)
            count += 1
    return count


# -- import ------------------------------------------------------------------------------------------

class _Text:
    """Builds the synthetic article text and hands out the offsets of each piece added."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, piece: str) -> tuple[str, int, int]:
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return piece, start, self.length

    def __str__(self) -> str:
        return "".join(self.parts)


def parse_acled_date(value: str) -> date:
    for shape in DATE_FORMATS:
        try:
            return datetime.strptime(value, shape).date()
        except ValueError:
            continue
    raise ValueError(f"event_date {value!r} is not a date; write it like '03 January 2020' or '2020-01-03'")


def _country_in_name(name: str) -> str | None:
    """The country an ACLED actor name carries: "Military Forces of Iraq (2018-)", "Protesters (Chile)"."""
    known = tables().iso3_of
    for found in re.findall(r"\(([^()]+)\)", name) + re.findall(r"\bof ([A-Z][\w'.-]*(?: [A-Z][\w'.-]*)*)", name):
        if found.strip().lower() in known:
            return known[found.strip().lower()]
    return None


def _sector(inter: str, name: str) -> str | None:
    """Our sector for an ACLED actor: state forces by name (abroad they are coded 8), else by inter code."""
    for prefix, sector in STATE_NAMES:
        if name.lower().startswith(prefix):
            return sector
    return tables().sector_of.get(int(inter)) if inter.isdigit() else None


def _number(row: dict[str, str], column: str, low: float, high: float) -> float | None:
    value = (row.get(column) or "").strip()
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{column} {value!r} is not a number; write decimal degrees like 33.3128") from None
    if not low <= number <= high:
        raise ValueError(f"{column} {number} is outside {low:g}..{high:g}; check the column order")
    return number


def report_from_row(row: dict[str, str], article_id: str, origin: str, lexicon: Any) -> tuple[Article, Event]:
    """One ACLED row as an article and its event; ValueError names the bad column and the fix."""
    get = lambda column: (row.get(column) or "").strip()  # noqa: E731
    acled_type, sub_type = get("event_type"), get("sub_event_type")
    mapped = tables().types.get((acled_type, sub_type)) or tables().types.get((acled_type, ""))
    if mapped is None:
        known = sorted({t for t, _ in tables().types})
        raise ValueError(f"event_type {acled_type!r} is not an ACLED event type; use one of {', '.join(known)}")
    event_type, mode = mapped
    day = parse_acled_date(get("event_date"))
    precision = IMPORTED_DATE.get(get("time_precision") or "1")
    if precision is None:
        raise ValueError(f"time_precision {get('time_precision')!r} is not 1, 2 or 3")
    iso3 = get("iso3").upper() or tables().iso3_of.get(get("country").lower())
    if iso3 and not re.fullmatch(r"[A-Z]{3}", iso3):
        raise ValueError(f"iso3 {iso3!r} is not an ISO 3166 alpha-3 code like 'IRQ'")
    lat, lon = _number(row, "latitude", -90, 90), _number(row, "longitude", -180, 180)
    if not get("actor1"):
        raise ValueError("actor1 is empty; every ACLED event names at least one actor")

    text = _Text()
    notes = get("notes")
    if notes:
        text.add(notes)
        text.add("\n\n")
    text.add(f"ACLED {article_id}: ")
    trigger = text.add(sub_type or acled_type)
    sides: list[list[Actor]] = [[], []]
    for side, (main, assoc, inter) in enumerate((("actor1", "assoc_actor_1", "inter1"),
                                                 ("actor2", "assoc_actor_2", "inter2"))):
        names = [get(main)] + [n.strip() for n in get(assoc).split(";") if n.strip()] if get(main) else []
        for number, name in enumerate(names):
            text.add(f". Actor {side + 1}: " if number == 0 else "; with ")
            piece = text.add(name)
            sides[side].append(Actor(*piece, name=name, country=_country_in_name(name) or iso3 or None,
                                     sector=_sector(get(inter), name)))
    place = None
    if get("location") or lat is not None:
        text.add(". Place: ")
        piece = text.add(get("location") or get("admin1") or get("country") or "unnamed place")
        place = Place(*piece, name=piece[0], lat=lat, lon=lon, country=iso3 or None, admin1=get("admin1") or None,
                      precision=IMPORTED_PLACE.get(get("geo_precision"), "city"))
    text.add(". Date: ")
    date_piece = text.add(get("event_date"))
    text.add(".")
    if precision == "day":
        value = day.isoformat()
    elif precision == "week":
        value = (day - timedelta(days=day.weekday())).isoformat()
    else:
        value = day.isoformat()[:7]
    body = str(text)
    evidence = Evidence(notes, 0, len(notes)) if notes else Evidence(body, 0, len(body))
    mapping = lexicon.mapping(event_type, mode)
    article = Article(id=article_id, text=body, title=f"ACLED {article_id}: {sub_type or acled_type}",
                      published=day.isoformat(), source=get("source") or "ACLED", origin=origin)
    event = Event(
        doc_id=article_id, event_id=f"{article_id}:0", event_type=event_type, trigger=Span(*trigger),
        evidence=evidence, mode=mode, cameo_root=mapping.cameo_root or lexicon.types[event_type].cameo_root,
        acled_event_type=acled_type, acled_sub_event_type=sub_type or None,
        source=tuple(sides[0]), target=tuple(sides[1]), location=place,
        date=TimeRef(date_piece[0], value, precision, date_piece[1], date_piece[2]),
        confidence=1.0, intensity=lexicon.types[event_type].intensity,
        notes=("imported from an ACLED row",),
    )
    return article, event


def read_acled_csv(path: str | Path, lexicon: Any = None) -> Iterator[tuple[Article, Event] | Failure]:
    """Every row of an ACLED CSV file as (article, event), or a Failure naming the line and the fix."""
    from .lexicon import Lexicon

    lexicon = lexicon or Lexicon.load()
    name = str(path)
    try:
        handle = open(path, encoding="utf-8-sig", newline="")
    except OSError as error:
        yield Failure(name, None, "missing", f"cannot read {name}: {error.strerror}; check the path")
        return
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            yield Failure(name, None, "acled", f"no column(s) {', '.join(missing)}; is this an ACLED CSV export?")
            return
        line = 1
        for row in reader:
            where = f"line {line + 1}"
            line = reader.line_num
            article_id = (row.get("event_id_cnty") or "").strip() or f"{Path(name).name}:{where}"
            try:
                yield report_from_row(row, article_id, f"{name}:{where}", lexicon)
            except ValueError as error:
                yield Failure(name, where, "acled", str(error))


def import_acled_csv(store: Any, path: str | Path,
                     on_failure: Callable[[Failure], None] | None = None) -> tuple[int, int, list[Failure]]:
    """Save every good row of an ACLED CSV file in `store` (one article each, linked like any report);
    bad rows become failures recorded in the store. Returns rows read, new events stored, failures."""
    from brinkwatch.store.bulk import batches

    failures: list[Failure] = []
    read = new = 0
    run_id = store.start_run(f"import --format acled-csv {path}", IMPORT_VERSION)

    def good_rows() -> Iterator[tuple[Article, list[Event]]]:
        for item in read_acled_csv(path):
            if isinstance(item, Failure):
                failures.append(item)
                if on_failure:
                    on_failure(item)
            else:
                yield item[0], [item[1]]

    try:
        for batch in batches(good_rows(), 500):  # one transaction per batch (Store.save_articles)
            read += len(batch)
            new += store.save_articles(batch, coder_version=IMPORT_VERSION, run_id=run_id)[0]
    finally:
        for failure in failures:
            store.record_failure(failure, run_id)
        store.finish_run(run_id, articles_read=read + len(failures), articles_new=new, events=new,
                         failures=len(failures))
    return read, new, failures
