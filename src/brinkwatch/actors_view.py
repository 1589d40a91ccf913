"""What the `actors` commands print: a search table and the full record of one actor. The knowledge base
is handed in; printing is the caller's.
"""

from __future__ import annotations

from collections.abc import Iterator

from .actors_base import ActorBase, day_of
from .actors_data import ActorRecord

SEARCH_COLUMNS = ("id", "name", "kind", "sector", "country", "matched alias")


def search_rows(base: ActorBase, name: str, limit: int, date: str | None = None) -> list[tuple[str, ...]]:
    """One row per record resembling `name`; with a date, sector and country are those of the office held then."""
    day = day_of(date)
    rows = []
    for record, alias in base.search_matches(name, limit, date=date):
        country, sector = base.affiliation(record, day)
        rows.append((record.id, record.name, record.kind, sector or "", country or "", alias))
    return rows


def table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> Iterator[str]:
    """Left-aligned columns as wide as their widest cell."""
    widths = [max(len(str(row[k])) for row in [header, *rows]) for k in range(len(header))]
    for row in [header, *rows]:
        yield "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip()


def describe(base: ActorBase, record: ActorRecord) -> Iterator[str]:
    """Every field of a record, one per line; lists joined by " | ", offices and dated sectors one per line with
    their dates."""

    def named(actor_id: str | None) -> str:
        found = base.get(actor_id) if actor_id else None
        return f"{actor_id} ({found.name})" if found is not None and found.name != actor_id else actor_id or ""

    fields = [
        ("id", record.id), ("name", record.name), ("kind", record.kind), ("sector", record.sector),
        ("country", named(record.country)), ("parent", named(record.parent)),
        ("wikidata", f"{record.wikidata} (https://www.wikidata.org/wiki/{record.wikidata})" if record.wikidata else ""),
        ("aliases", " | ".join(record.aliases)), ("demonyms", " | ".join(record.demonyms)),
        ("metonyms", " | ".join(record.metonyms)), ("capital", record.capital or ""),
    ]
    width = max(len(label) for label, _ in fields)
    for label, value in fields:
        yield f"{label:<{width}}  {value or '-'}"
    if not record.roles:
        yield f"{'roles':<{width}}  -"
    else:
        yield "roles"
        for role in sorted(record.roles, key=lambda r: r.start or ""):
            yield f"  {role.title} of {named(role.scope)}: {role.start or '?'} to {role.end or 'now'}"
    if base.dated_sectors(record.id):
        yield "dated sectors"
    for period in base.dated_sectors(record.id):
        yield f"  {period.sector} of {named(period.country)}: {period.start or '?'} to {period.end or 'now'}"
    yield f"{'source':<{width}}  {record.source or '-'}"
