"""Reading queries the pages and the API need beyond the Store's own: filtered and sorted report rows,
and aggregates (actors, places, days, pairs, map points) computed in SQL so that a page over 100,000
events reads hundreds of rows, not 100,000.

Counts of happenings count a linked event once however many articles reported it; a report that links to
no event (negated, hypothetical, historical) counts alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, and_, case, distinct, func, literal, or_, select
from sqlalchemy.exc import SQLAlchemyError

from brinkwatch.errors import StoreError
from brinkwatch.store import Store
from brinkwatch.store.query import page_ids
from brinkwatch.store.schema import articles, events, report_actors, reports
from brinkwatch.watch import QUAD_CLASSES, plover_types
from brinkwatch.web.filters import EventFilter, order_by

# One id per happening: the linked event, else the report itself (negative, so the two never meet).
HAPPENING = func.coalesce(reports.c.event_pk, -reports.c.report_id)
# The linked event joined for its sources, under another name: the store's min_sources filter is a
# correlated subquery on `events`, which a join of the table itself would swallow.
LINKED = events.alias("linked")
SOURCES = func.coalesce(LINKED.c.n_sources, 1)
PARTIES = ("source", "target")


def quad_class() -> Any:
    """A SQL expression giving the PLOVER quad class of a report's type."""
    by_class: dict[str, list[str]] = {}
    for event_type, (quad, _) in plover_types().items():
        by_class.setdefault(quad, []).append(event_type)
    return case(*((reports.c.event_type.in_(types), literal(quad)) for quad, types in by_class.items()),
                else_=literal(QUAD_CLASSES[0]))


@contextmanager
def reading(store: Store, action: str) -> Iterator[Connection]:
    try:
        with store.engine.connect() as conn:
            yield conn
    except SQLAlchemyError as exc:
        raise StoreError(f"could not {action} in {store.url}: {getattr(exc, 'orig', None) or exc}") from exc


def _with_sources() -> Any:
    return reports.outerjoin(LINKED, LINKED.c.event_pk == reports.c.event_pk)


def report_rows(store: Store, flt: EventFilter, *, sort: str = "id", limit: int = 100,
                offset: int = 0) -> list[dict[str, Any]]:
    """Reports matching the filter, sorted, one page: flat rows with the article's title and outlet,
    the linked event's number of sources, and `payload`, the event in the output contract."""
    # The page's ids first, then their rows: sorting and skipping ids reads thin index entries, where
    # sorting whole rows (each with its payload) took seconds for a common filter over 1,000,000 reports.
    page = page_ids(flt.conditions(), order_by(sort), limit, offset)
    query = (select(reports, articles.c.doc_id, articles.c.title, articles.c.published, articles.c.url,
                    articles.c.source.label("outlet"), SOURCES.label("n_sources"))
             .select_from(_with_sources().join(articles, articles.c.id == reports.c.article_pk))
             .where(reports.c.report_id.in_(page)).order_by(*order_by(sort)))
    with reading(store, "read events") as conn:
        return [row._asdict() for row in conn.execute(query)]


def article_reports(store: Store, article_pk: int) -> list[dict[str, Any]]:
    """The reports read in one article, in the order they were saved, as report_rows gives them."""
    query = (select(reports, articles.c.doc_id, articles.c.title, articles.c.published, articles.c.url,
                    articles.c.source.label("outlet"), SOURCES.label("n_sources"))
             .select_from(_with_sources().join(articles, articles.c.id == reports.c.article_pk))
             .where(reports.c.article_pk == article_pk).order_by(reports.c.report_id))
    with reading(store, f"read the events of article {article_pk}") as conn:
        return [row._asdict() for row in conn.execute(query)]


def count_reports(store: Store, flt: EventFilter) -> int:
    with reading(store, "count events") as conn:
        return int(conn.execute(select(func.count()).select_from(reports).where(*flt.conditions())).scalar_one())


def totals(store: Store) -> dict[str, int]:
    """How many linked events (happenings) the store holds, and how many reports are dated to the day."""
    with reading(store, "count events") as conn:
        linked = conn.execute(select(func.count()).select_from(events)).scalar_one()
        unlinked = conn.execute(select(func.count()).where(reports.c.event_pk.is_(None))).scalar_one()
    return {"happenings": int(linked) + int(unlinked), "linked": int(linked)}


def actors(store: Store, flt: EventFilter, *, name: str | None = None, limit: int = 100,
           offset: int = 0) -> list[dict[str, Any]]:
    """Distinct actors (by key) of the matching reports, with how often each is source and target."""
    matching = select(reports.c.report_id).where(*flt.conditions())
    query = (select(report_actors.c.key, func.max(report_actors.c.name).label("name"),
                    func.max(report_actors.c.country).label("country"),
                    func.max(report_actors.c.sector).label("sector"),
                    func.count(distinct(report_actors.c.report_id)).label("events"),
                    func.sum(case((report_actors.c.role == "source", 1), else_=0)).label("as_source"),
                    func.sum(case((report_actors.c.role == "target", 1), else_=0)).label("as_target"))
             .where(report_actors.c.role.in_(PARTIES))
             .group_by(report_actors.c.key).order_by(func.count(distinct(report_actors.c.report_id)).desc(),
                                                     report_actors.c.key)
             .limit(limit).offset(offset))
    if flt.conditions():
        query = query.where(report_actors.c.report_id.in_(matching))
    if name:
        pattern = f"%{name.lower()}%"
        query = query.where(func.lower(report_actors.c.key).like(pattern) | func.lower(report_actors.c.name).like(pattern))
    with reading(store, "list actors") as conn:
        return [row._asdict() for row in conn.execute(query)]


def actor(store: Store, key: str) -> dict[str, Any] | None:
    """One actor by key (or knowledge-base id, any case): names, roles, types, partners, date range."""
    wanted = func.lower(report_actors.c.key) == key.lower()
    ids = select(report_actors.c.report_id).where(wanted, report_actors.c.role.in_(PARTIES))
    with reading(store, f"read actor {key!r}") as conn:
        head = conn.execute(
            select(report_actors.c.key, func.max(report_actors.c.name), func.max(report_actors.c.country),
                   func.max(report_actors.c.sector), func.count(distinct(report_actors.c.report_id)))
            .where(wanted, report_actors.c.role.in_(PARTIES)).group_by(report_actors.c.key)).first()
        if head is None:
            return None
        roles = dict(conn.execute(select(report_actors.c.role, func.count()).where(wanted)
                                  .group_by(report_actors.c.role)).all())
        types = dict(conn.execute(select(reports.c.event_type, func.count()).where(reports.c.report_id.in_(ids))
                                  .group_by(reports.c.event_type).order_by(func.count().desc())).all())
        first, last = conn.execute(select(func.min(reports.c.date_value), func.max(reports.c.date_value))
                                   .where(reports.c.report_id.in_(ids))).one()
        names = [n for n, in conn.execute(select(distinct(report_actors.c.text)).where(wanted).limit(20))]
        partners: dict[str, int] = {}
        for column, other in ((reports.c.source_key, reports.c.target_key), (reports.c.target_key, reports.c.source_key)):
            for partner, n in conn.execute(select(other, func.count()).where(func.lower(column) == key.lower(),
                                                                             other.is_not(None))
                                           .group_by(other).order_by(func.count().desc()).limit(20)):
                partners[partner] = partners.get(partner, 0) + n
    return {"key": head[0], "name": head[1], "country": head[2], "sector": head[3], "events": head[4],
            "roles": roles, "types": types, "first_date": first, "last_date": last, "mentions": names,
            "partners": [{"key": k, "events": n} for k, n in sorted(partners.items(), key=lambda p: (-p[1], p[0]))][:20]}


def places(store: Store, flt: EventFilter, *, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Distinct places of the matching reports with their coordinates and counts, busiest first."""
    count = func.count()
    query = (select(reports.c.location_name.label("name"), reports.c.location_country.label("country"),
                    reports.c.location_admin1.label("admin1"), reports.c.location_precision.label("precision"),
                    reports.c.location_lat.label("lat"), reports.c.location_lon.label("lon"),
                    count.label("events"), func.min(reports.c.date_value).label("first_date"),
                    func.max(reports.c.date_value).label("last_date"))
             .where(reports.c.location_name.is_not(None), *flt.conditions())
             .group_by(reports.c.location_name, reports.c.location_country, reports.c.location_admin1,
                       reports.c.location_precision, reports.c.location_lat, reports.c.location_lon)
             .order_by(count.desc(), reports.c.location_name).limit(limit).offset(offset))
    with reading(store, "list places") as conn:
        return [row._asdict() for row in conn.execute(query)]


def map_points(store: Store, flt: EventFilter, *, grid: float = 0.1, limit: int = 5000) -> list[dict[str, Any]]:
    """Happenings with coordinates, gathered on a grid of `grid` degrees by quad class: each point has
    its happenings, their sources added up, and a place name."""
    lat = (func.round(reports.c.location_lat / grid) * grid).label("lat")
    lon = (func.round(reports.c.location_lon / grid) * grid).label("lon")
    quad = quad_class().label("quad")
    one_each = (select(HAPPENING.label("happening"), func.min(lat).label("lat"), func.min(lon).label("lon"),
                       func.min(quad).label("quad"), func.max(SOURCES).label("sources"),
                       func.min(reports.c.location_name).label("name"),
                       func.min(reports.c.location_country).label("country"))
                .select_from(_with_sources())
                .where(reports.c.location_lat.is_not(None), reports.c.location_lon.is_not(None), *flt.conditions())
                .group_by(HAPPENING).subquery())
    events_n = func.count()
    query = (select(one_each.c.lat, one_each.c.lon, one_each.c.quad, events_n.label("events"),
                    func.sum(one_each.c.sources).label("sources"), func.min(one_each.c.name).label("name"),
                    func.min(one_each.c.country).label("country"))
             .group_by(one_each.c.lat, one_each.c.lon, one_each.c.quad)
             .order_by(events_n.desc()).limit(limit))
    with reading(store, "place events on the map") as conn:
        return [row._asdict() for row in conn.execute(query)]


def day_counts(store: Store, flt: EventFilter) -> tuple[list[tuple[str, str, int]], int]:
    """(day, type, happenings) for news reports dated to the day, and how many matching reports were left
    out: dated coarser (or not at all), or background history (decades back, it would flatten the news)."""
    day = func.substr(reports.c.date_value, 1, 10).label("day")
    news = and_(reports.c.date_precision == "day", reports.c.historical.is_(False))
    query = (select(day, reports.c.event_type, func.count(distinct(HAPPENING)))
             .where(news, *flt.conditions())
             .group_by(day, reports.c.event_type).order_by(day))
    left_out = or_(reports.c.date_precision.is_(None), reports.c.date_precision != "day", reports.c.historical.is_(True))
    undated = select(func.count()).select_from(reports).where(left_out, *flt.conditions())
    with reading(store, "count events by day") as conn:
        rows = [(d, t, int(n)) for d, t, n in conn.execute(query)]
        skipped = int(conn.execute(undated).scalar_one())
    return rows, skipped


def pair_counts(store: Store, flt: EventFilter, *, limit: int = 60) -> list[dict[str, Any]]:
    """The busiest (source, target) pairs of first actors, with happenings by quad class."""
    quad = quad_class()
    happenings = func.count(distinct(HAPPENING))
    conflict = func.count(distinct(case((quad.in_(("verbal_conflict", "material_conflict")), HAPPENING))))
    query = (select(reports.c.source_key.label("source"), reports.c.target_key.label("target"),
                    reports.c.source_country.label("source_country"), reports.c.target_country.label("target_country"),
                    happenings.label("events"), conflict.label("conflict"))
             .where(reports.c.source_key.is_not(None), reports.c.target_key.is_not(None),
                    reports.c.source_key != reports.c.target_key, *flt.conditions())
             .group_by(reports.c.source_key, reports.c.target_key, reports.c.source_country, reports.c.target_country)
             .order_by(happenings.desc(), reports.c.source_key, reports.c.target_key).limit(limit))
    with reading(store, "count pairs") as conn:
        return [row._asdict() for row in conn.execute(query)]


def reports_by_event_id(store: Store, event_ids: list[str]) -> dict[str, int]:
    """The report id of each contract event_id (the watch's alerts name events this way)."""
    found: dict[str, int] = {}
    with reading(store, "find events") as conn:
        for start in range(0, len(event_ids), 500):
            chunk = event_ids[start:start + 500]
            for event_id, report_id in conn.execute(select(reports.c.event_id, reports.c.report_id)
                                                    .where(reports.c.event_id.in_(chunk))):
                found.setdefault(event_id, report_id)
    return found


def fingerprint(store: Store) -> tuple[int, int]:
    """Changes whenever reports are added or replaced: how many there are, and the largest id."""
    with reading(store, "check for new events") as conn:
        n, top = conn.execute(select(func.count(), func.max(reports.c.report_id)).select_from(reports)).one()
    return int(n), int(top or 0)
