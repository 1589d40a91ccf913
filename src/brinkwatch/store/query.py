"""Report filters: validated once, then turned into SQL conditions shared by every reading query."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import exists, func, or_, select

from brinkwatch.errors import InputError
from brinkwatch.model import MODALITIES, PLOVER_TYPES
from brinkwatch.store.schema import events, report_actors, reports

_DATE_PREFIX = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ISO3 = re.compile(r"^[A-Za-z]{3}$")


def check_filters(
    *, actor: str | None = None, type: str | None = None, country: str | None = None,
    since: str | None = None, until: str | None = None, modality: str | None = None,
    min_sources: int | None = None, limit: int = 1000, offset: int = 0,
) -> dict[str, Any]:
    """Validate and normalise event filters; raise InputError naming the bad parameter."""
    if type is not None and type.upper() not in PLOVER_TYPES:
        raise InputError(f"{type!r} is not a PLOVER event type; use one of {', '.join(PLOVER_TYPES)}", where="type")
    if country is not None and not _ISO3.match(country):
        raise InputError(f"{country!r} is not an ISO 3166 alpha-3 country code; use one like 'IRQ'", where="country")
    for name, value in (("since", since), ("until", until)):
        if value is not None and not _DATE_PREFIX.match(value):
            raise InputError(f"{value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD", where=name)
    if modality is not None and modality.lower() not in MODALITIES:
        raise InputError(f"{modality!r} is not a modality; use one of {', '.join(MODALITIES)}", where="modality")
    if min_sources is not None and min_sources < 0:
        raise InputError(f"min_sources {min_sources} is negative; use 0 or more", where="min_sources")
    if limit < 0:
        raise InputError(f"limit {limit} is negative; use 0 or more", where="limit")
    if offset < 0:
        raise InputError(f"offset {offset} is negative; use 0 or more", where="offset")
    return {
        "actor": actor.strip() if actor and actor.strip() else None,
        "type": type.upper() if type else None,
        "country": country.upper() if country else None,
        "since": since, "until": until,
        "modality": modality.lower() if modality else None,
        "min_sources": min_sources or None,
        "limit": limit, "offset": offset,
    }


def conditions(f: dict[str, Any]) -> list[Any]:
    """SQL conditions on `reports` for checked filters (see check_filters)."""
    where: list[Any] = []
    if f["type"]:
        where.append(reports.c.event_type == f["type"])
    if f["modality"]:
        where.append(reports.c.modality == f["modality"])
    if f["since"]:
        where.append(reports.c.date_value >= f["since"])
    if f["until"]:
        # "until 2019-12" keeps every date inside December: every date up to the filter, or starting with
        # it. Dates hold only digits and "-", which sort before "~", so one bound says both, and an index
        # on date_value serves the range from both ends (an OR with a LIKE served one end only).
        where.append(reports.c.date_value <= f["until"] + "~")
    if f["actor"]:
        # The database lowers both sides, so an exact-case name matches even where its lower() is ASCII-only.
        # An uncorrelated IN reads the actor's rows once through the indexes on the lowered columns.
        name = func.lower(f["actor"])
        named = select(report_actors.c.report_id).where(report_actors.c.role.in_(("source", "target")), or_(
            func.lower(report_actors.c.key) == name,
            func.lower(report_actors.c.actor_id) == name,
            func.lower(report_actors.c.name) == name,
        ))
        where.append(reports.c.report_id.in_(named))
    if f["country"]:
        # One IN over a UNION of two index reads (the place's country, the parties' countries): the ids come
        # sorted, so a page by id stops after its rows. A correlated EXISTS re-read the actor rows for every
        # report (minutes on 100,000 events); an OR of the two read every matching report's row to sort it.
        placed = select(reports.c.report_id).where(reports.c.location_country == f["country"])
        parties = select(report_actors.c.report_id).where(report_actors.c.country == f["country"],
                                                          report_actors.c.role.in_(("source", "target")))
        where.append(reports.c.report_id.in_(placed.union(parties)))
    if f.get("min_sources"):
        where.append(exists().where(events.c.event_pk == reports.c.event_pk,
                                    events.c.n_sources >= f["min_sources"]))
    return where


def page_ids(where: list[Any], order: list[Any], limit: int, offset: int) -> Any:
    """The ids of one page of reports, as a subquery to select their rows with: chosen from the filter
    columns and their indexes alone, so a sort or a skip never carries whole rows (payloads)."""
    return (select(reports.c.report_id).where(*where).order_by(*order).limit(limit).offset(offset)
            .correlate(None).scalar_subquery())
