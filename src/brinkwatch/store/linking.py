"""Linking inside the store: each new report joins the best matching event, or starts one.

Runs inside `Store.save_article`'s transaction, so an article and the links of its reports are saved
together or not at all. Candidates come from one indexed query: the most recent events of the same type
whose date span overlaps the report's (widened by the largest date slack), in the same country and within
a province's reach of its point. A cheap pass on their reports' date and place columns drops events that
cannot match; `link.decide` then compares the report with every report of the rest. The report joins the
best-scoring event none of whose reports rules it out, so an event cannot creep along a chain of near
neighbours. Two reports of one article never share an event (the document stage already decided they
are different happenings), nor do two rows of an imported dataset (ACLED's rows are one event each).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Connection, and_, bindparam, delete, exists, func, insert, or_, select, update

from brinkwatch.link import DISTANCE_KM, PUBLISHED_SLACK, date_span, decide, linkable, rules_out
from brinkwatch.model import Event, Place, event_from_dict
from brinkwatch.store.prepared import Prepared
from brinkwatch.store.schema import articles, events, reports

MAX_CANDIDATES = 50  # events compared with a new report (each with all its reports), the most recent first
# Rows of a dataset coded elsewhere are one event each already: two of them never link to each other.
DEDUPLICATED = frozenset({"acled-csv"})  # coder versions of imports (acled.IMPORT_VERSION)
_DATE_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
_PLACE_RANK = {"point": 0, "city": 1, "admin1": 2, "country": 3}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _span(event: Event) -> tuple[str, str] | None:
    if event.date is None:
        return None
    first, last = date_span(event.date)
    return first.isoformat(), last.isoformat()


def _days(first: str, last: str) -> int:
    return (date.fromisoformat(last) - date.fromisoformat(first)).days


def _widened(span: tuple[str, str]) -> tuple[str, str]:
    slack = timedelta(days=PUBLISHED_SLACK)
    return ((date.fromisoformat(span[0]) - slack).isoformat(), (date.fromisoformat(span[1]) + slack).isoformat())


def _place_columns(event: Event) -> dict[str, Any]:
    place = event.location
    return {
        "location_name": (place.name or place.text) if place else None,
        "location_lat": place.lat if place else None, "location_lon": place.lon if place else None,
        "location_country": place.country if place else None, "location_admin1": place.admin1 if place else None,
        "location_precision": place.precision if place else None,
    }


@lru_cache(maxsize=None)
def _candidate_query(by_country: bool, by_box: bool, skip_deduplicated: bool) -> Any:
    """The reports of the candidate events; built and compiled once per shape."""
    # "floor": no event of the type spans more days than the widest one, so an event that overlaps the
    # window starts at most that many days before it: the index on (type, date_first) reads only that range.
    where = [events.c.event_type == bindparam("type"), events.c.date_first <= bindparam("last"),
             events.c.date_first >= bindparam("floor"), events.c.date_last >= bindparam("first")]
    if by_country:  # towns in different countries never link, so only events in the same (or no) country, or
        # placed only country-wide (that may be a fallback of the coder's, which link.py weighs as such)
        where.append(or_(events.c.location_country == bindparam("country"), events.c.location_country.is_(None),
                         events.c.location_precision == "country"))
    if by_box:  # nor do places farther apart than a province allows: a box around the report's point
        where.append(or_(
            events.c.location_lat.is_(None), events.c.location_precision == "country",
            and_(events.c.location_lat.between(bindparam("lat_min"), bindparam("lat_max")),
                 events.c.location_lon.between(bindparam("lon_min"), bindparam("lon_max")))))
    if skip_deduplicated:
        other = reports.alias("other")
        where.append(~exists().where(other.c.event_pk == events.c.event_pk, other.c.article_pk == articles.c.id,
                                     or_(*(articles.c.coder_version == v for v in sorted(DEDUPLICATED)))))
    candidates = select(events.c.event_pk).where(*where).order_by(events.c.event_pk.desc()).limit(MAX_CANDIDATES)
    return Prepared(select(reports.c.event_pk, reports.c.article_pk, reports.c.report_id, reports.c.date_value,
                           reports.c.date_precision, *_PLACE_COLUMNS)
                    .where(reports.c.event_pk.in_(candidates.scalar_subquery())))


_PLACE_COLUMNS = (reports.c.location_name, reports.c.location_lat, reports.c.location_lon, reports.c.location_country,
                  reports.c.location_admin1, reports.c.location_geonameid, reports.c.location_precision)
_WIDEST = Prepared(select(func.max(events.c.span_days)).where(events.c.event_type == bindparam("type")))
_PAYLOADS = (select(reports.c.report_id, reports.c.payload)
             .where(reports.c.report_id.in_(bindparam("ids", expanding=True))))


def _place_of(row: Any) -> Place | None:
    if row.location_precision is None:
        return None
    name = row.location_name or ""
    return Place(name, 0, len(name), name=row.location_name, lat=row.location_lat, lon=row.location_lon,
                 country=row.location_country, admin1=row.location_admin1, geonameid=row.location_geonameid,
                 precision=row.location_precision)


@dataclass
class Batch:
    """What linking learns within one transaction, so it need not ask the database again: the events of
    reports (by report id), and for each type an upper bound of its events' spans in days (spans only
    grow while a transaction links; a bound that has become too wide only widens the search)."""

    reports: dict[int, Event] = field(default_factory=dict)
    widest: dict[str, int | None] = field(default_factory=dict)
    # events created in this transaction: their merged columns, report count and outlets, kept up to date
    # here so that a report joining one reads nothing back; `outlets` names each new article's outlet
    events: dict[int, dict[str, Any]] = field(default_factory=dict)
    tallies: dict[int, tuple[int, set[str]]] = field(default_factory=dict)
    outlets: dict[int, str] = field(default_factory=dict)

    def widen(self, event_type: str, days: int | None) -> None:
        if days is not None and event_type in self.widest:
            self.widest[event_type] = max(days, self.widest[event_type] or 0)


def best_candidate(conn: Connection, article_pk: int, event: Event, coder_version: str | None = None,
                   batch: Batch | None = None) -> int | None:
    """The event the report belongs to, or None when no stored event fits.

    A report joins an event when it links with one of the event's reports (the best score wins) and no
    report of the event rules it out, so an event cannot creep along a chain of near neighbours.
    `batch` carries what earlier calls in the same transaction learnt (see Batch).
    """
    span = _span(event)
    if span is None:
        return None
    batch = Batch() if batch is None else batch
    if event.event_type not in batch.widest:
        batch.widest[event.event_type] = _WIDEST.one(conn, type=event.event_type)[0]
    widest = batch.widest[event.event_type]
    if widest is None:
        return None  # no dated event of this type yet
    first, last = _widened(span)
    floor = (date.fromisoformat(first) - timedelta(days=widest)).isoformat()
    place = event.location
    country = place.country if place is not None and place.precision != "country" else None
    params: dict[str, Any] = {"type": event.event_type, "first": first, "last": last, "floor": floor,
                              "country": country}
    lat, lon = (place.lat, place.lon) if place is not None and place.precision != "country" else (None, None)
    if lat is not None and lon is not None:
        reach = DISTANCE_KM["admin1"] * 1.1 / 111.0  # degrees of latitude, with a margin
        across = reach / max(math.cos(math.radians(lat)), 0.05)
        params.update(lat_min=lat - reach, lat_max=lat + reach, lon_min=lon - across, lon_max=lon + across)
    query = _candidate_query(bool(country), "lat_min" in params, coder_version in DEDUPLICATED)
    rows = query.rows(conn, **{k: v for k, v in params.items() if v is not None})
    # First the cheap pass on the report columns; then the full reports of the events still in the running.
    excluded = {row.event_pk for row in rows if row.article_pk == article_pk
                or rules_out(event, row.date_value, row.date_precision, _place_of(row))}
    owners = {row.report_id: row.event_pk for row in rows if row.event_pk not in excluded}
    known = batch.reports
    missing = [report_id for report_id in owners if report_id not in known]
    for report_id, payload in conn.execute(_PAYLOADS, {"ids": missing}) if missing else ():
        known[report_id] = event_from_dict(payload)
    scores: dict[int, float] = {}
    for report_id, event_pk in owners.items():
        if event_pk in excluded:
            continue
        decision = decide(event, known[report_id], thorough=False)
        if decision.vetoed:
            excluded.add(event_pk)
        elif decision.same:
            scores[event_pk] = max(decision.score, scores.get(event_pk, 0.0))
    found = [(score, pk) for pk, score in scores.items() if pk not in excluded]
    return max(found)[1] if found else None


# The statements of linking run through Prepared (store/prepared.py): compiled once, on the driver's cursor.
_SET_EVENT = Prepared(update(reports).where(reports.c.report_id == bindparam("b_report_id")).values(
    event_pk=bindparam("b_event_pk")))
_EVENT = Prepared(select(events).where(events.c.event_pk == bindparam("b_event_pk")))
_NEW_EVENT = Prepared(insert(events).values({column.name: bindparam(column.name) for column in events.columns
                                             if column.name != "event_pk"}).returning(events.c.event_pk))
# Each report's outlet looked up by the article's key: written as a join, PostgreSQL (with statistics
# from before a bulk load) hashed the whole articles table for every count.
_OUTLET = (select(func.coalesce(articles.c.source, "article:" + articles.c.doc_id))
           .where(articles.c.id == reports.c.article_pk).scalar_subquery())
_COUNTS = Prepared(select(func.count(), func.count(func.distinct(_OUTLET)))
                   .where(reports.c.event_pk == bindparam("b_event_pk")))
_MERGED = ("date_value", "date_precision", "date_first", "date_last", "span_days", "location_name", "location_lat", "location_lon",
           "location_country", "location_admin1", "location_precision", "source_key", "target_key")
# One statement for every change to an event, so it is compiled once (changing columns would make a new one).
_SET_MERGED = Prepared(update(events).where(events.c.event_pk == bindparam("b_event_pk")).values(
    **{name: bindparam(f"b_{name}") for name in (*_MERGED, "n_reports", "n_sources", "updated_at")}))
_SET_COUNTS = Prepared(update(events).where(events.c.event_pk == bindparam("b_event_pk")).values(
    n_reports=bindparam("b_n_reports"), n_sources=bindparam("b_n_sources"), updated_at=bindparam("b_updated_at")))
_DROP = Prepared(delete(events).where(events.c.event_pk == bindparam("b_event_pk")))


def link_report(conn: Connection, article_pk: int, report_id: int, event: Event,
                coder_version: str | None = None, batch: Batch | None = None) -> int | None:
    """Attach a just-inserted report to its event (found or new); None for reports that do not link.
    `batch`: what earlier links in the same transaction learnt (see Batch)."""
    if not linkable(event):
        return None
    batch = Batch() if batch is None else batch
    event_pk = best_candidate(conn, article_pk, event, coder_version, batch)
    span = _span(event)
    outlet = batch.outlets.get(article_pk)
    if event_pk is None:
        now = _now()
        columns = {
            "event_type": event.event_type, "date_value": event.date.value if event.date else None,
            "date_precision": event.date.precision if event.date else None,
            "date_first": span[0] if span else None, "date_last": span[1] if span else None,
            "span_days": _days(span[0], span[1]) if span else None,
            "source_key": event.source[0].key if event.source else None,
            "target_key": event.target[0].key if event.target else None,
            "n_reports": 1, "n_sources": 1, "created_at": now, "updated_at": now, **_place_columns(event),
        }
        event_pk = int(_NEW_EVENT.one(conn, **columns)[0])
        _SET_EVENT.run(conn, b_report_id=report_id, b_event_pk=event_pk)
        batch.widen(event.event_type, _days(span[0], span[1]) if span else None)
        if outlet is not None:
            batch.events[event_pk] = {name: columns[name] for name in _MERGED}
            batch.tallies[event_pk] = (1, {outlet})
        return event_pk
    _SET_EVENT.run(conn, b_report_id=report_id, b_event_pk=event_pk)
    known = batch.events.get(event_pk)
    values = _absorb(SimpleNamespace(**known) if known is not None else _EVENT.one(conn, b_event_pk=event_pk),
                     event, span)
    if event_pk in batch.tallies and outlet is not None:
        count, seen = batch.tallies[event_pk]
        seen.add(outlet)
        batch.tallies[event_pk] = (count + 1, seen)
        values["n_reports"], values["n_sources"] = count + 1, len(seen)
    else:
        values["n_reports"], values["n_sources"] = _COUNTS.one(conn, b_event_pk=event_pk)
        batch.tallies.pop(event_pk, None)  # counted without the tally: it no longer holds
    _SET_MERGED.run(conn, b_event_pk=event_pk, **{f"b_{name}": value for name, value in values.items()})
    if known is not None:
        batch.events[event_pk] = {name: values[name] for name in _MERGED}
    batch.widen(event.event_type, values["span_days"])
    return int(event_pk)


def _absorb(row: Any, event: Event, span: tuple[str, str] | None) -> dict[str, Any]:
    """The event's columns after it takes what the new report knows better: a wider date span, a finer
    date or place, a side it lacked."""
    values: dict[str, Any] = {name: getattr(row, name) for name in _MERGED}
    values["updated_at"] = _now()
    if span is not None:
        values["date_first"] = min(span[0], row.date_first) if row.date_first else span[0]
        values["date_last"] = max(span[1], row.date_last) if row.date_last else span[1]
        values["span_days"] = _days(values["date_first"], values["date_last"])
    if event.date is not None and (row.date_precision is None or (
            _DATE_RANK[event.date.precision], event.date.value) < (_DATE_RANK[row.date_precision], row.date_value)):
        values.update(date_value=event.date.value, date_precision=event.date.precision)
    place = event.location
    if place is not None and (row.location_precision is None
                              or _PLACE_RANK[place.precision] < _PLACE_RANK[row.location_precision]):
        values.update(_place_columns(event))
    if row.source_key is None and event.source:
        values["source_key"] = event.source[0].key
    if row.target_key is None and event.target:
        values["target_key"] = event.target[0].key
    return values


def refresh_counts(conn: Connection, event_pks: Iterable[int]) -> None:
    """Recount reports and distinct outlets; an event left without reports is deleted."""
    for event_pk in set(event_pks):
        n_reports, n_sources = _COUNTS.one(conn, b_event_pk=event_pk)
        if n_reports == 0:
            _DROP.run(conn, b_event_pk=event_pk)
        else:
            _SET_COUNTS.run(conn, b_event_pk=event_pk, b_n_reports=n_reports, b_n_sources=n_sources,
                            b_updated_at=_now())


def events_of_article(conn: Connection, article_pk: int) -> list[int]:
    """The events an article's reports belong to (to recount after its reports are replaced)."""
    return [pk for pk in conn.execute(
        select(reports.c.event_pk).where(reports.c.article_pk == article_pk, reports.c.event_pk.is_not(None))
        .distinct()).scalars()]


def event_record(conn: Connection, event_pk: int) -> dict[str, Any] | None:
    row = conn.execute(select(events).where(events.c.event_pk == event_pk)).first()
    return row._asdict() if row is not None else None


def outlets(conn: Connection, event_pks: Sequence[int]) -> dict[int, tuple[list[int], list[str]]]:
    """For each event: its report ids and the distinct outlets that reported it (sorted)."""
    found: dict[int, tuple[list[int], set[str]]] = {pk: ([], set()) for pk in event_pks}
    for start in range(0, len(event_pks), 500):
        chunk = list(event_pks[start:start + 500])
        for row in conn.execute(
            select(reports.c.event_pk, reports.c.report_id, articles.c.source, articles.c.doc_id)
            .join(articles, articles.c.id == reports.c.article_pk)
            .where(reports.c.event_pk.in_(chunk)).order_by(reports.c.report_id)
        ):
            ids, names = found[row.event_pk]
            ids.append(row.report_id)
            names.add(row.source or row.doc_id)
    return {pk: (ids, sorted(names)) for pk, (ids, names) in found.items()}
