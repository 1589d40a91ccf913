"""Untrusted text made safe for the pages: the only markup built in Python is the highlighting, and it
escapes every slice of text before wrapping spans in <mark>. Links are kept only when they are http(s).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup, escape

MARK_KINDS = ("trigger", "source", "target", "place", "date", "claimant")


def highlight(sentence: str, spans: Iterable[tuple[int, int, str]]) -> Markup:
    """The sentence as HTML, each span (start, end, kind) wrapped in <mark class=kind>; overlaps are dropped."""
    pieces: list[Markup] = []
    cursor = 0
    for start, end, kind in sorted(spans, key=lambda span: (span[0], -span[1])):
        if kind not in MARK_KINDS or start < cursor or not 0 <= start < end <= len(sentence):
            continue
        pieces.append(escape(sentence[cursor:start]))
        pieces.append(Markup('<mark class="{0}" title="{0}">{1}</mark>').format(kind, sentence[start:end]))
        cursor = end
    pieces.append(escape(sentence[cursor:]))
    return Markup("").join(pieces)


def event_spans(payload: dict[str, Any], base: int | None = None) -> list[tuple[int, int, str]]:
    """Trigger, actor, place, date and claimant spans of a contract event, relative to its evidence
    sentence (or to `base` when given: 0 for offsets into the whole article).

    A span whose offsets do not point at its own text is left out rather than marking the wrong words.
    """
    sentence, start_of_sentence = payload["evidence"]["sentence"], payload["evidence"]["start"]
    origin = start_of_sentence if base is None else base
    attribution = payload.get("attribution") or {}
    parts = [(payload.get("trigger"), "trigger"), (payload.get("location"), "place"),
             (payload.get("date"), "date"), (attribution.get("claimant"), "claimant")]
    parts += [(actor, "source") for actor in payload.get("source", [])]
    parts += [(actor, "target") for actor in payload.get("target", [])]
    spans = []
    for part, kind in parts:
        if not part or part.get("start") is None or part.get("end") is None:
            continue
        inside = part["start"] - start_of_sentence, part["end"] - start_of_sentence
        if not (0 <= inside[0] < inside[1] <= len(sentence)):
            continue
        if part.get("text") and sentence[inside[0]:inside[1]] != part["text"]:
            continue
        spans.append((part["start"] - origin, part["end"] - origin, kind))
    return spans


def span_list(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """The event's checked spans for the API: kind, text and offsets into the article."""
    sentence, start = payload["evidence"]["sentence"], payload["evidence"]["start"]
    return [{"kind": kind, "text": sentence[s - start:e - start], "start": s, "end": e}
            for s, e, kind in event_spans(payload, base=0)]


def highlight_article(text: str, payloads: Iterable[tuple[int, dict[str, Any]]]) -> Markup:
    """The whole article as HTML: each event's evidence sentence in a <span class="evidence"> that
    links to its event, its spans marked inside. `payloads` are (report id, contract event) pairs."""
    sentences: dict[tuple[int, int], list[int]] = {}
    marks: set[tuple[int, int, str]] = set()
    for report_id, payload in payloads:
        evidence = payload["evidence"]
        start, end = evidence["start"], evidence["end"]
        if not (0 <= start < end <= len(text)) or text[start:end] != evidence["sentence"]:
            continue  # offsets that do not fit this text mark nothing
        sentences.setdefault((start, end), []).append(report_id)
        marks.update(event_spans(payload, base=0))
    pieces: list[Markup] = []
    cursor = 0
    for (start, end), ids in sorted(sentences.items()):
        if start < cursor:
            continue  # overlapping sentences: the first one wins
        pieces.append(escape(text[cursor:start]))
        inner = [(s - start, e - start, kind) for s, e, kind in marks if start <= s and e <= end]
        pieces.append(Markup('<span class="evidence" id="r{0}" data-reports="{1}">{2}</span>').format(
            ids[0], " ".join(str(i) for i in ids), highlight(text[start:end], inner)))
        cursor = end
    pieces.append(escape(text[cursor:]))
    return Markup("").join(pieces)


def safe_href(url: str | None) -> str | None:
    """The URL when it is plain http(s); None otherwise (a javascript: link must not become clickable)."""
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return None


def actor_names(actors: list[dict[str, Any]]) -> str:
    return ", ".join(a.get("name") or a["text"] for a in actors) or "?"


def report_view(row: dict[str, Any]) -> dict[str, Any]:
    """What the templates show of one report row (queries.report_rows, or the store's flat rows)."""
    payload = row["payload"]
    place = payload.get("location") or {}
    attribution = payload.get("attribution") or {}
    claimant = attribution.get("claimant") or {}
    return {
        **row,
        "date": row.get("date_value") or "",
        "source_names": actor_names(payload["source"]),
        "target_names": actor_names(payload["target"]),
        "place": place.get("name") or place.get("text") or "",
        "sentence_html": highlight(payload["evidence"]["sentence"], event_spans(payload)),
        "href": safe_href(row.get("url")),
        "claimant": (claimant.get("name") or claimant.get("text")) if claimant else None,
        "claim_verb": attribution.get("verb"),
    }
