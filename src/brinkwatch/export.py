"""Write events as JSON Lines (the output contract), CSV, a terminal table, Parquet, or for other tools:
ACLED's CSV, PLOVER-style JSON and CAMEO-style TSV (export_formats.py, acled.py).

`out` is an open stream or a path. JSON Lines is lossless; CSV and Parquet are flat (one row an
event, several actors joined by ';'); the table is for people and cuts long cells. Events read from
the store come as `StoredEvent`s, which add the linked event, its reports and the outlets behind it.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Any

from brinkwatch.errors import ConfigError, InputError
from brinkwatch.model import Actor, Event, event_to_dict

FORMATS = ("csv", "jsonl", "parquet", "table")
EXPORT_FORMATS = ("csv", "jsonl", "parquet", "plover-json", "acled-csv", "cameo-tsv")


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event read from the store: the report, the linked event it belongs to (None when it does not
    link), the ids of that event's reports, and the outlets that reported it."""

    event: Event
    event_pk: int | None = None
    report_ids: tuple[int, ...] = ()
    sources: tuple[str, ...] = ()

# The flat columns of CSV and Parquet, in order, with their Parquet type.
FLAT_COLUMNS = (
    ("doc_id", "string"), ("event_id", "string"), ("event_type", "string"), ("mode", "string"),
    ("cameo_root", "string"), ("acled_event_type", "string"), ("acled_sub_event_type", "string"),
    ("source_names", "string"), ("source_ids", "string"), ("source_countries", "string"),
    ("target_names", "string"), ("target_ids", "string"), ("target_countries", "string"),
    ("location_name", "string"), ("location_lat", "float64"), ("location_lon", "float64"),
    ("location_country", "string"), ("location_precision", "string"),
    ("date_value", "string"), ("date_precision", "string"), ("modality", "string"), ("historical", "bool"),
    ("claimant", "string"), ("attribution_verb", "string"), ("confidence", "float64"),
    ("trigger", "string"), ("evidence_sentence", "string"),
)


def _joined(actors: Iterable[Actor], field: str) -> str:
    # Empty places are kept ("a;;c") so the n-th name, id and country belong to the same actor.
    return ";".join(getattr(a, field) or "" for a in actors)


def _display_name(actor: Actor) -> str:
    return actor.name or actor.text


def flat_row(event: Event) -> dict[str, Any]:
    """One event as a flat dictionary with the FLAT_COLUMNS keys."""
    place, date, attribution = event.location, event.date, event.attribution
    claimant = attribution.claimant if attribution else None
    return {
        "doc_id": event.doc_id, "event_id": event.event_id, "event_type": event.event_type, "mode": event.mode,
        "cameo_root": event.cameo_root, "acled_event_type": event.acled_event_type,
        "acled_sub_event_type": event.acled_sub_event_type,
        "source_names": ";".join(_display_name(a) for a in event.source),
        "source_ids": _joined(event.source, "actor_id"), "source_countries": _joined(event.source, "country"),
        "target_names": ";".join(_display_name(a) for a in event.target),
        "target_ids": _joined(event.target, "actor_id"), "target_countries": _joined(event.target, "country"),
        "location_name": (place.name or place.text) if place else None,
        "location_lat": place.lat if place else None, "location_lon": place.lon if place else None,
        "location_country": place.country if place else None,
        "location_precision": place.precision if place else None,
        "date_value": date.value if date else None, "date_precision": date.precision if date else None,
        "modality": event.modality, "historical": event.historical,
        "claimant": _display_name(claimant) if claimant else None,
        "attribution_verb": attribution.verb if attribution else None,
        "confidence": round(event.confidence, 3), "trigger": event.trigger.text,
        "evidence_sentence": event.evidence.sentence,
    }


def write_jsonl(items: Iterable[StoredEvent], out: IO[str]) -> int:
    """The output contract; a stored event adds `event_pk`, `report_ids` and `sources` (its outlets)."""
    count = 0
    for item in items:
        record = event_to_dict(item.event)
        if item.event_pk is not None or item.report_ids:
            record.update(event_pk=item.event_pk, report_ids=list(item.report_ids), sources=list(item.sources))
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(events: Iterable[Event], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=[name for name, _ in FLAT_COLUMNS], lineterminator="\n")
    writer.writeheader()
    count = 0
    for event in events:
        writer.writerow(flat_row(event))
        count += 1
    return count


# (header, width, cell) for the terminal table; the evidence takes what is left of a wide line.
_TABLE_COLUMNS: tuple[tuple[str, int, Callable[[Event], str]], ...] = (
    ("date", 10, lambda e: e.date.value if e.date else "-"),
    ("type", 9, lambda e: e.event_type),
    ("source -> target", 36, lambda e: " -> ".join((
        ", ".join(map(_display_name, e.source)) or "?", ", ".join(map(_display_name, e.target)) or "?"))),
    ("place", 18, lambda e: (e.location.name or e.location.text) if e.location else "-"),
    ("modality", 12, lambda e: e.modality),
    ("hist", 4, lambda e: "yes" if e.historical else ""),
    ("conf", 4, lambda e: f"{e.confidence:.2f}"),
    ("evidence", 60, lambda e: e.evidence.sentence),
)


def _cell(value: str, width: int) -> str:
    value = " ".join(value.split())  # no newlines or tabs inside a cell
    return value.ljust(width) if len(value) <= width else value[: width - 1] + "…"


def write_table(events: Iterable[Event], out: IO[str]) -> int:
    out.write("  ".join(_cell(header, width) for header, width, _ in _TABLE_COLUMNS).rstrip() + "\n")
    out.write("  ".join("-" * width for _, width, _ in _TABLE_COLUMNS) + "\n")
    count = 0
    for event in events:
        out.write("  ".join(_cell(cell(event), width) for _, width, cell in _TABLE_COLUMNS).rstrip() + "\n")
        count += 1
    out.write(f"({count} event{'' if count == 1 else 's'})\n")
    return count


def write_parquet(events: Iterable[Event], out: IO[bytes]) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ConfigError("Parquet export needs pyarrow; install it with `pip install 'brinkwatch[parquet]'`") from exc
    schema = pa.schema([(name, pa.type_for_alias(kind)) for name, kind in FLAT_COLUMNS])
    rows = [flat_row(event) for event in events]
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), out)
    return len(rows)


def _events_only(writer: Callable[[Iterable[Event], Any], int]) -> Callable[[Iterable[StoredEvent], Any], int]:
    return lambda items, out: writer((item.event for item in items), out)


def _writers() -> dict[str, Callable[[Iterable[StoredEvent], Any], int]]:
    from brinkwatch.acled import write_acled_csv
    from brinkwatch.export_formats import write_cameo_tsv, write_plover_json

    return {
        "csv": _events_only(write_csv), "jsonl": write_jsonl, "parquet": _events_only(write_parquet),
        "table": _events_only(write_table), "plover-json": write_plover_json, "acled-csv": write_acled_csv,
        "cameo-tsv": write_cameo_tsv,
    }


@contextmanager
def _opened(out: Any, binary: bool) -> Iterator[Any]:
    if isinstance(out, (str, os.PathLike)):
        with open(out, "wb") if binary else open(out, "w", encoding="utf-8", newline="") as stream:
            yield stream
    elif binary and isinstance(out, io.TextIOBase):
        if not hasattr(out, "buffer"):
            raise InputError("Parquet is binary and this output is a text stream; give a path or a binary stream",
                             where="output")
        out.flush()
        yield out.buffer  # e.g. sys.stdout
    else:
        yield out


def write_events(events: Iterable[Event | StoredEvent], fmt: str,
                 out: IO[str] | IO[bytes] | str | os.PathLike[str]) -> int:
    """Write `events` to `out` (a stream or a path) in `fmt`; return how many were written (acled-csv
    and cameo-tsv skip events they cannot express)."""
    writer = _writers().get(fmt)
    if writer is None:
        known = ", ".join(dict.fromkeys(FORMATS + EXPORT_FORMATS))
        raise InputError(f"unknown export format {fmt!r}; use one of {known}", where="format")
    items = (e if isinstance(e, StoredEvent) else StoredEvent(e) for e in events)
    with _opened(out, binary=fmt == "parquet") as stream:
        return writer(items, stream)
