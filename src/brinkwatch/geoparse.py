"""`brinkwatch geoparse`: place mentions per document, found by NER or given as gold spans.

Records are read raw (not through ingest's text normalisation) so that gold offsets keep pointing at
the characters they were written for.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

from .errors import InputError

PLACE_LABELS = ("GPE", "LOC", "FAC")


def _records(path: Path) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    try:
        handle = open(path, encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot open: {error.strerror}; give a JSON Lines file", str(path)) from error
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                yield number, None, f"{path}:line {number}: not valid JSON ({error.msg}); one object per line"
                continue
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                yield number, None, f"{path}:line {number}: a record needs a \"text\" string"
                continue
            yield number, record, None


def _spans(record: dict[str, Any], where: str) -> list[tuple[int, int]] | None:
    spans = record.get("spans")
    if spans is None:
        return None
    text = record["text"]
    out = []
    for pair in spans:
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, int) for x in pair)
                and 0 <= pair[0] < pair[1] <= len(text)):
            raise InputError(f"span {pair!r} is not [start, end] inside the text (length {len(text)})", where)
        out.append((pair[0], pair[1]))
    return out


def geoparse_records(path: Path, settings: Any) -> Iterator[dict[str, Any]]:
    """One output dict per record: {"id", "places": [...]}, or {"error": message} for a bad record."""
    from .gazetteer import Gazetteer
    from .nlp import load_model
    from .places import Geocoder

    geocoder = Geocoder(Gazetteer.open(settings.gazetteer_path))
    nlp = None
    for number, record, error in _records(path):
        if record is None:
            yield {"error": error}
            continue
        where = f"{path}:line {number}"
        try:
            spans = _spans(record, where)
        except InputError as bad:
            yield {"error": str(bad)}
            continue
        text = record["text"]
        if spans is None:
            if nlp is None:
                nlp = load_model(settings.model)
            doc = nlp(text)
            spans = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in PLACE_LABELS]
        mentions = [(text[s:e], s, e) for s, e in spans]
        places = geocoder.resolve_many(mentions, focus_countries=())
        out = []
        for (mention, start, end), place in zip(mentions, places):
            out.append({"text": mention, "start": start, "end": end,
                        "name": place.name if place else None, "lat": place.lat if place else None,
                        "lon": place.lon if place else None, "country": place.country if place else None,
                        "geonameid": place.geonameid if place else None,
                        "precision": place.precision if place else None})
        yield {"id": record.get("id", f"{path.stem}:{number}"), "places": out}
