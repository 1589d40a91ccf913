"""Event locations on Halterman's verb -> location gold (event_location_halterman, the RELABEL records).

    .venv/bin/python bench/event_location.py [--eval-dir ../shared/eval] [--errors K] [--limit N]

Each gold record is one sentence with one event verb and the place-name spans (zero or more) where that
event happened. The sentence is parsed, and the event frame for the gold verb is built the way the coder
builds it (the lexicon's trigger when it knows the verb, else the same role and place logic with a generic
trigger); its place is then chosen by the coder's own `EventResolver._location`. A record is right when
the chosen place's span overlaps a gold location span, or, for a verb with no gold location, when no
place named in the sentence is chosen (a country fallback names no span). Records without a verb are
left out. The gold data is read where it lies (inside its zip); nothing of it is copied.
"""

from __future__ import annotations

import argparse
import json
import sys
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from brinkwatch.frames import Frame, FrameFinder  # noqa: E402
from brinkwatch.lexicon import Trigger  # noqa: E402
from brinkwatch.model import Article, Span  # noqa: E402
from brinkwatch.nlp import load_model  # noqa: E402
from brinkwatch.pipeline import Pipeline  # noqa: E402

ZIP_NAME = "labeled_text.jsonl.zip"


@dataclass(frozen=True)
class LocationRecord:
    record_id: str
    text: str
    verb: tuple[int, int]
    locations: tuple[tuple[int, int], ...]


def read_halterman(path: Path, source: str = "RELABEL") -> list[LocationRecord]:
    """Records of one source from the zip (a JSON array inside). Character offsets come from the tokens:
    the spans' own `start`/`end` are wrong in some records, their token indices are not."""
    with zipfile.ZipFile(path) as archive:
        member = next(n for n in archive.namelist() if n.endswith(".jsonl") and not n.startswith("__MACOSX"))
        items = json.loads(archive.read(member))
    out = []
    for item in items:
        if item.get("source") != source or item.get("answer") != "accept":
            continue
        tokens = item["tokens"]
        verbs, locations = [], []
        for span in item.get("spans", []):
            pair = (tokens[span["token_start"]]["start"], tokens[span["token_end"]]["end"])
            (verbs if span["label"] == "VERB" else locations).append(pair)
        if len(verbs) != 1:
            continue
        out.append(LocationRecord(item.get("_id", ""), item["text"], verbs[0], tuple(sorted(locations))))
    return out


class EventPlacer:
    """The coder's place for one event verb of a one-sentence article."""

    def __init__(self, pipeline: Pipeline) -> None:
        stages = {stage.name: stage for stage in pipeline.stages}
        self.finder: FrameFinder = stages["frames"].finder
        self.resolver = stages["resolve"].resolver
        self.actors = self.resolver.actors
        self.nlp = load_model()

    def frame(self, doc, token) -> tuple[Frame | None, bool]:
        """The frame the coder finds for `token`, else one built with a generic trigger; and whether the
        lexicon knows the verb."""
        known = [f for f in self.finder.find(doc, 0) if f.trigger.start == token.idx]
        if known:
            return known[0], True
        by_index = {t.i: trig for t, trig in self.finder._triggers(doc)}
        pos = "verb" if token.pos_ in ("VERB", "AUX") else "noun"
        trigger = Trigger((token.lemma_.lower(),), pos, "ASSAULT", None, "")
        sentence = Span(doc.text, 0, len(doc.text))
        return self.finder._frame(doc, token, trigger, by_index, 0, sentence), False

    def place(self, record: LocationRecord):
        doc = self.nlp(record.text)
        token = next((t for t in doc if t.idx <= record.verb[0] < t.idx + len(t.text)), None)
        if token is None:
            return None, None, False
        frame, known = self.frame(doc, token)
        if frame is None:
            return None, None, known
        article = Article(record.record_id, record.text)
        mentions = self.actors.find_mentions(record.text)
        focus = [c for c, _ in Counter(m.country for m in mentions if m.country).most_common(3)]
        resolver = self.resolver
        resolver.resolve(article, [frame], mentions, focus)  # sets the per-article state
        resolver._last_place = None
        day, country = None, focus[0] if focus else None
        sources = resolver._actors(frame.sources, mentions, day, country, exclude=())
        targets = resolver._actors(frame.targets, mentions, day, country, exclude={a.key for a in sources})
        place = resolver._location(frame, frame.event_type, sources + targets, focus, len(sources))
        return place, frame, known


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def evaluate(records: list[LocationRecord], placer: EventPlacer) -> dict:
    """Counts per outcome, and the records that went wrong with why."""
    outcomes: Counter[str] = Counter()
    wrong: list[tuple[str, LocationRecord, str]] = []
    known_verbs = 0
    for record in records:
        place, frame, known = placer.place(record)
        known_verbs += known
        span = (place.start, place.end) if place is not None and place.end > place.start else None
        candidates = [(s.start, s.end) for s in frame.places + frame.wider_places] if frame is not None else []
        if record.locations:
            if span is not None and any(overlaps(span, g) for g in record.locations):
                outcomes["located: right span"] += 1
                continue
            if span is None:
                among = any(overlaps(c, g) for c in candidates for g in record.locations)
                why = "located: gold span a candidate, not resolved" if among else "located: gold span not a candidate"
            else:
                among = any(overlaps(c, g) for c in candidates for g in record.locations)
                why = "located: another span chosen (gold a candidate)" if among else "located: another span chosen"
        else:
            if span is None:
                outcomes["unlocated: no span"] += 1
                continue
            why = "unlocated: a span chosen"
        outcomes[why] += 1
        chosen = record.text[span[0]:span[1]] if span else "-"
        wrong.append((why, record, chosen))
    located = sum(1 for r in records if r.locations)
    right_located = outcomes["located: right span"]
    right_unlocated = outcomes["unlocated: no span"]
    return {"records": len(records), "located": located, "right": right_located + right_unlocated,
            "right_located": right_located, "right_unlocated": right_unlocated, "known_verbs": known_verbs,
            "outcomes": outcomes, "wrong": wrong}


def report_lines(result: dict) -> list[str]:
    n, located = result["records"], result["located"]
    unlocated = n - located
    lines = [
        f"Halterman event locations (RELABEL, {n} records with a verb; {located} with a gold place): "
        f"right place span {result['right']}/{n} = {result['right'] / n:.3f}; "
        f"with a gold place {result['right_located']}/{located} = {result['right_located'] / max(located, 1):.3f}; "
        f"without one (no span chosen) {result['right_unlocated']}/{unlocated} = "
        f"{result['right_unlocated'] / max(unlocated, 1):.3f}. Verbs the lexicon knows: {result['known_verbs']}.",
        "",
        "| outcome | records |",
        "|---|---|",
    ]
    lines += [f"| {why} | {count} |" for why, count in sorted(result["outcomes"].items())]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--errors", type=int, default=0, help="print K wrong records (id, outcome, spans) to stderr")
    args = parser.parse_args(argv)
    path = args.eval_dir / "event_location_halterman" / ZIP_NAME
    if not path.exists():
        print(f"{path} is missing; pass --eval-dir pointing at the folder with event_location_halterman/", file=sys.stderr)
        return 2
    records = read_halterman(path)[: args.limit]
    result = evaluate(records, EventPlacer(Pipeline.from_settings()))
    print("\n".join(report_lines(result)))
    for why, record, chosen in result["wrong"][: args.errors]:
        gold = "; ".join(record.text[a:b] for a, b in record.locations) or "-"
        verb = record.text[record.verb[0]:record.verb[1]]
        print(f"{why} | verb {verb!r} gold {gold!r} chosen {chosen!r} | {record.record_id}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
