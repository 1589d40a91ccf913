"""Accuracy of brinkwatch's event coder on gold data that stays outside the repository.

    .venv/bin/python bench/accuracy.py [--shared ../shared] [--acled-limit N] [--write docs/accuracy.md]

Sets: the reference article and its gold reading; our own golden sentences (tests/corpus/events.yaml)
and modality challenge sets (bench/data/modality.jsonl, and modality_fresh.jsonl written after the
rules it measures); the PLOVER gold records (322 events from the
CAMEO manual); the ACLED 2020 sample notes (event type and sub-event type). Prints a report in Markdown;
with --write, replaces the generated part of docs/accuracy.md (between the markers).
"""

from __future__ import annotations

import argparse
import csv
import functools
import json
import random
import re
import sys
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from brinkwatch.gazetteer import Gazetteer  # noqa: E402
from brinkwatch.model import Article, Event  # noqa: E402
from brinkwatch.places import haversine_km  # noqa: E402
from brinkwatch.pipeline import Pipeline  # noqa: E402
from report import publish  # noqa: E402

BEGIN, END = "<!-- accuracy:begin -->", "<!-- accuracy:end -->"
# PLOVER 0.5 names in the CAMEO-manual gold records, and their current PLOVER names.
RECIPROCAL = {"AGREE", "CONSULT", "COOPERATE"}
OLD_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}


def sides(actors) -> set[str]:
    """Everything an actor can be matched by: its id, its country, the id's country prefix."""
    out = set()
    for a in actors:
        if a.actor_id:
            out |= {a.actor_id, a.actor_id.split("-")[0]}
        if a.country:
            out.add(a.country)
        if a.sector in ("igo", "ngo"):
            out.add("IGO")  # CAMEO codes international bodies IGO (the gold also NGO; see gold_code)
        if a.sector in ("rebel", "militia") and not a.country:
            out.add("IMG")  # CAMEO's "international militarized group": an armed group of no one country
    return out


# Country codes of the CAMEO-manual gold that are not ISO 3166 (Japan, Italy, Vietnam) and the two codes it
# uses for the same class: it codes Amnesty International and the Red Cross IGO, a jurists' body NGO.
LEGACY_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "NGO": "IGO"}


def gold_code(code: str) -> str:
    """The first three letters of a gold actor code, as ISO 3166 where the gold spells a country otherwise."""
    return LEGACY_CODES.get(code[:3], code[:3])


def run(pipeline: Pipeline, doc_id: str, text: str, published: str | None) -> list[Event]:
    return pipeline.run(Article(id=doc_id, text=text, published=published))


# -- the reference article ----------------------------------------------------------------------
def reference(pipeline: Pipeline, shared: Path) -> list[str]:
    text = (shared / "examples" / "iraq-drones-2019.txt").read_text(encoding="utf-8")
    gold = json.loads((shared / "examples" / "iraq-drones-2019.gold.json").read_text(encoding="utf-8"))
    countries = {a["id"]: a.get("country") for a in gold["actors"]}
    events = run(pipeline, "iraq-drones-2019", text, gold["published"])
    lines = ["### Reference article (iraq-drones-2019, published 2019-08-30)", "",
             f"{len(events)} events coded. Gold events:", "",
             "| gold | type | found | source | target | date | note |", "|---|---|---|---|---|---|---|"]
    found_all = 0
    for g in gold["events"]:
        types = {g["type"], *g.get("alt_types", [])}
        want_src = set(g["source"]) | {countries.get(x) for x in g["source"]} - {None}
        want_tgt = set(g["target"]) | {countries.get(x) for x in g["target"]} - {None}
        best, score = None, (-1, False)
        for e in events:
            if e.event_type not in types:
                continue
            s = ((len(sides(e.source) & want_src) > 0) + (len(sides(e.target) & want_tgt) > 0), e.modality == "asserted")
            if s > score:
                best, score = e, s
        if best is None:
            lines.append(f"| {g['id']} | {g['type']} | no | | | | |")
            continue
        ok_src = bool(sides(best.source) & want_src)
        ok_tgt = bool(sides(best.target) & want_tgt)
        found_all += ok_src and ok_tgt
        date = f"{best.date.value} ({best.date.origin})" if best.date else "-"
        lines.append(f"| {g['id']} | {best.event_type} | yes | {'ok' if ok_src else 'wrong'}: "
                     f"{', '.join(a.actor_id or a.text for a in best.source) or '-'} | {'ok' if ok_tgt else 'wrong'}: "
                     f"{', '.join(a.actor_id or a.text for a in best.target) or '-'} | {date} | "
                     f"{best.modality}{', historical' if best.historical else ''} |")
    violations = []
    for n in gold["not_events"]:
        start = text.find(n["text"])
        if start < 0:
            continue
        end = start + len(n["text"])
        bad = [e for e in events if e.modality == "asserted" and start <= e.trigger.start < end
               and e.event_type != "THREATEN"]
        violations += [(n["text"][:50], e.event_type) for e in bad]
    lines += ["", f"Gold events with right type, source and target: **{found_all}/{len(gold['events'])}**. "
              f"Not-events coded as asserted: **{len(violations)}/{len(gold['not_events'])}**"
              + (" (" + "; ".join(f"{t} in '{x}'" for x, t in violations) + ")" if violations else "") + ".", ""]
    lines += ["All events coded:", "", "| type | modality | source | target | place | date | evidence |", "|---|---|---|---|---|---|---|"]
    for e in events:
        lines.append(f"| {e.event_type} | {e.modality}{' (historical)' if e.historical else ''} | "
                     f"{', '.join(a.actor_id or a.text for a in e.source) or '-'} | "
                     f"{', '.join(a.actor_id or a.text for a in e.target) or '-'} | "
                     f"{e.location.name + ' (' + e.location.precision + ')' if e.location else '-'} | "
                     f"{e.date.value if e.date else '-'} | trigger '{e.trigger.text}' |")
    return lines + [""]


# -- our own sets -------------------------------------------------------------------------------
def corpus(pipeline: Pipeline) -> list[str]:
    items = yaml.safe_load((ROOT / "tests" / "corpus" / "events.yaml").read_text(encoding="utf-8"))
    expected = hit = full = 0
    leaks = leak_items = 0
    for item in items:
        events = run(pipeline, item["id"], item["text"], item.get("published"))
        for want in item.get("events", []):
            expected += 1
            match = [e for e in events if e.event_type == want["type"] and e.modality == want.get("modality", "asserted")]
            if match:
                hit += 1
                e = match[0]
                both = sides(e.source + e.target)  # PLOVER: a reciprocal event has both parties as actors
                src_ok = want.get("source_country") is None or want["source_country"] in (
                    both if e.event_type in RECIPROCAL else sides(e.source))
                tgt_ok = want.get("target_country") is None or want["target_country"] in (
                    both if e.event_type in RECIPROCAL else sides(e.target))
                full += src_ok and tgt_ok
        bad = [e for e in events if e.modality == "asserted" and e.event_type in (item.get("not_events") or [])]
        leaks += len(bad)
        leak_items += bool(item.get("not_events"))
    return ["### Golden sentences (tests/corpus/events.yaml, our own)", "",
            f"{len(items)} sentences, {expected} expected events: type+modality found {hit}/{expected} "
            f"({hit / expected:.2f}); with source and target country right {full}/{expected} ({full / expected:.2f}). "
            f"Events listed as must-not-be-asserted that came out asserted: {leaks} (over {leak_items} items with such a list).", ""]


def modality(pipeline: Pipeline, name: str = "modality.jsonl", title: str = "Modality challenge set") -> list[str]:
    rows = [json.loads(line) for line in (ROOT / "bench" / "data" / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    right = found = false_asserted = non_asserted = 0
    confusion: Counter = Counter()
    for row in rows:
        events = [e for e in run(pipeline, row["id"], row["text"], row.get("published")) if e.event_type == row["type"]]
        got = events[0].modality if events else "none"
        confusion[(row["modality"], got)] += 1
        if events:
            found += 1
        right += got == row["modality"]
        if row["modality"] != "asserted":
            non_asserted += 1
            false_asserted += any(e.modality == "asserted" for e in events)
    lines = [f"### {title} (bench/data/{name}, our own)", "",
             f"{len(rows)} sentences. Event of the labelled type found: {found}/{len(rows)}. "
             f"Modality right (a missed event counts wrong): {right}/{len(rows)} ({right / len(rows):.2f}); "
             f"among found events: {sum(v for (g, o), v in confusion.items() if g == o)}/{found}. "
             f"Non-asserted sentences coded as asserted: {false_asserted}/{non_asserted} "
             f"({false_asserted / max(non_asserted, 1):.1%}).", "",
             "| gold \\ coded | asserted | negated | hypothetical | future | none |", "|---|---|---|---|---|---|"]
    for gold in ("asserted", "negated", "hypothetical", "future"):
        lines.append(f"| {gold} | " + " | ".join(str(confusion[(gold, c)]) for c in
                                                 ("asserted", "negated", "hypothetical", "future", "none")) + " |")
    return lines + [""]


# -- third-party gold ---------------------------------------------------------------------------
def plover(pipeline: Pipeline, shared: Path) -> list[str]:
    path = shared / "eval" / "plover_gsr_cameo" / "PLOVER_GSR_CAMEO.txt"
    records = [r for r in json.loads(path.read_text(encoding="latin-1")) if "event" in r and r.get("text")]
    typed = src_ok = tgt_ok = src_n = tgt_n = 0
    for r in records:
        want = OLD_NAMES.get(r["event"], r["event"])
        events = run(pipeline, r["id"], r["text"], None)
        match = [e for e in events if e.event_type == want]
        typed += bool(match)
        src = {gold_code(a["code"]) for a in r.get("source") or [] if isinstance(a, dict) and a.get("code")}
        tgt = {gold_code(a["code"]) for a in r.get("target") or [] if isinstance(a, dict) and a.get("code")}
        got_src = got_tgt = set()
        if match:
            e = match[0]
            both = sides(e.source + e.target)
            got_src, got_tgt = (both, both) if e.event_type in RECIPROCAL else (sides(e.source), sides(e.target))
        if src:
            src_n += 1
            src_ok += bool(got_src & src)
        if tgt:
            tgt_n += 1
            tgt_ok += bool(got_tgt & tgt)
    return ["### PLOVER gold records (plover_gsr_cameo, 322 events from the CAMEO manual)", "",
            f"Event type found: {typed}/{len(records)} ({typed / len(records):.2f}). Source country right: "
            f"{src_ok}/{src_n} ({src_ok / max(src_n, 1):.2f}); target country right: {tgt_ok}/{tgt_n} "
            f"({tgt_ok / max(tgt_n, 1):.2f}) (both counted only where the type was found).", ""]


def _pair_coded(event: Event, source: str, target: str) -> bool:
    """CAMEO codes each pair of a meeting or an agreement; PLOVER codes one event whose parties are all
    sources, so for those types either side may hold either party (as in the PLOVER scoring above)."""
    if event.event_type in RECIPROCAL:
        both = sides(event.source + event.target)
        return source in both and target in both
    return source in sides(event.source) and target in sides(event.target)


def petrarch(pipeline: Pipeline, shared: Path) -> list[str]:
    """PETRARCH-2 gold: a coding is fully matched when an event has its CAMEO root and the source and
    target countries (the first three letters of the actor codes)."""
    path = shared / "eval" / "petrarch2_gsr_validation" / "PETR2_GSR_validation.xml"
    raw = path.read_text(encoding="utf-8", errors="replace")
    records = re.findall(r'<Sentence [^>]*?date="(\d{8})"[^>]*?id="([^"]+)"[^>]*>(.*?)</Sentence>', raw, re.S)
    codings = full = rooted = quiet_n = quiet_ok = 0
    for day, record_id, body in records:
        text_match = re.search(r"<Text>(.*?)</Text>", body, re.S)
        if not text_match:
            continue
        text = " ".join(text_match.group(1).split())
        published = f"{day[:4]}-{day[4:6]}-{day[6:]}"
        events = run(pipeline, record_id, text, published)
        if 'noevents="True"' in body:
            quiet_n += 1
            quiet_ok += not any(e.modality == "asserted" for e in events)
        for code, source, target in re.findall(
                r'<EventCoding eventcode="(\d+)" sourcecode="([^"]*)" targetcode="([^"]*)"', body):
            codings += 1
            root = code[:2]
            same_root = [e for e in events if e.cameo_root == root]
            rooted += bool(same_root)
            full += any(_pair_coded(e, gold_code(source), gold_code(target)) for e in same_root)
    return ["### PETRARCH-2 gold standard (petrarch2_gsr_validation)", "",
            f"{len(records)} sentences, {codings} codings. CAMEO root found: {rooted}/{codings} ({rooted / max(codings, 1):.2f}); "
            f"full match (CAMEO root + source country + target country): {full}/{codings} ({full / max(codings, 1):.2f}). "
            f"Sentences the gold codes as having no event, left without an asserted event: {quiet_ok}/{quiet_n}.", ""]


def _coded_roots(row: dict, coder: int) -> set[str]:
    """The CAMEO roots one coder gave a sentence ("3-11 Disapprove" -> "11")."""
    return {match.group(1).zfill(2) for key, value in row.items() if key.startswith("Action")
            and key.endswith(f"_CAMEO_{coder}") for match in [re.match(r"\d+-(\d+)", value or "")] if match}


def conflibert(pipeline: Pipeline, shared: Path) -> list[str]:
    """CAMEO-ConfliBERT annotations: 200 news sentences, each labelled by 3 to 5 coders with relevance and the
    CAMEO roots of its actions (rounds 7 and 10, the most mature of each half). A sentence is relevant when most
    of its coders say so; its roots are those at least half of them gave."""
    folder = shared / "eval" / "cameo_conflibert_annotations"
    rows = [row for round_ in (7, 10) for row in csv.DictReader(
        (folder / f"training_round_{round_}" / "summary.csv").open(encoding="utf-8", errors="replace"))]
    tp = fp = fn = majority_ok = any_ok = relevant_n = 0
    for i, row in enumerate(rows):
        coders = [int(k.rsplit("_", 1)[1]) for k, v in row.items() if k.startswith("1_Relevant_") and v]
        votes = sum(row[f"1_Relevant_{k}"].strip().lower() == "true" for k in coders)
        relevant = votes * 2 > len(coders)
        given = [_coded_roots(row, k) for k in coders]
        majority = {root for root in set().union(*given) if sum(root in g for g in given) * 2 >= len(coders)}
        events = [e for e in run(pipeline, f"conflibert-{i}", row["sentences"], None)
                  if e.modality == "asserted" and e.cameo_root]
        tp += relevant and bool(events)
        fp += not relevant and bool(events)
        fn += relevant and not events
        if relevant:
            relevant_n += 1
            roots = {e.cameo_root for e in events}
            majority_ok += bool(roots & majority)
            any_ok += bool(roots & set().union(*given))
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return ["### CAMEO-ConfliBERT annotations (cameo_conflibert_annotations; all news, not only conflict)", "",
            f"{len(rows)} news sentences, {relevant_n} relevant by most coders. Sentences with an asserted event "
            f"against relevant ones: precision {precision:.2f}, recall {recall:.2f}. Among the relevant sentences, "
            f"a coded CAMEO root that at least half the coders gave: {majority_ok}/{relevant_n} "
            f"({majority_ok / max(relevant_n, 1):.2f}); that any coder gave: {any_ok}/{relevant_n} "
            f"({any_ok / max(relevant_n, 1):.2f}).", ""]


ACLED_READ = 1200  # notes whose errors were read while the ACLED rules were written


def _shuffled(rows: list[dict]) -> list[dict]:
    """The notes in the order they were drawn for reading (a seeded shuffle, so the split is reproducible)."""
    order = list(rows)
    random.Random(1).shuffle(order)
    return order


_CAPITALISED = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:al-|el-|de |du )?[A-Z][\w'’-]*){0,3}")


def _named_near(note: str, gold: tuple[float, float]) -> str:
    """Whether a note names, in any run of capitalised words or a part of one, a place of the gazetteer
    within 25 km of ACLED's point: "town" (a town or facility), "area" (only a district, area or country),
    or "none"."""
    gazetteer = _gazetteer()
    found = set()
    for run in _CAPITALISED.finditer(note):
        words = run.group().split()
        for i in range(len(words)):
            for j in range(i + 1, len(words) + 1):
                found |= {c.feature for c in gazetteer.lookup(" ".join(words[i:j]))
                          if haversine_km(c.lat, c.lon, *gold) <= 25}
    return "town" if found & {"city", "facility"} else "area" if found else "none"


@functools.cache
def _gazetteer() -> Gazetteer:
    return Gazetteer.open()


def acled(pipeline: Pipeline, shared: Path, limit: int | None) -> list[str]:
    path = shared / "eval" / "acled_global_sample_2020" / "acled.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r.get("notes")]
    rows = rows[:limit] if limit else rows
    # The ACLED-specific rules (acled_coding.py, data/acled_cues.csv) were written while reading the errors of
    # 1,200 notes drawn with this seed; the other notes were never read, so their figure is the fairer one.
    read = {r["data_id"] for r in _shuffled(rows)[:ACLED_READ]}
    typed = sub = coded = dated = near = placed = any_event = 0
    reach: Counter = Counter()  # of the events placed more than 25 km off: what their notes name near ACLED's point
    unread = unread_typed = unread_sub = 0
    confusion: Counter = Counter()
    for r in rows:
        all_events = run(pipeline, r["data_id"], r["notes"], None)
        events = [e for e in all_events if e.acled_event_type]
        got = events[0].acled_event_type if events else None
        first = (events or all_events or [None])[0]
        if first is not None:
            any_event += 1
            gold_day = datetime.strptime(r["event_date"], "%d-%b-%y").date().isoformat()
            dated += first.date is not None and first.date.value == gold_day
            if first.location is not None and first.location.lat is not None and r["latitude"]:
                placed += 1
                gold = float(r["latitude"]), float(r["longitude"])
                if haversine_km(first.location.lat, first.location.lon, *gold) <= 25:
                    near += 1
                else:
                    reach[_named_near(r["notes"], gold)] += 1
        coded += got is not None
        typed += got == r["event_type"]
        sub += bool(events) and events[0].acled_sub_event_type == r["sub_event_type"]
        if r["data_id"] not in read:
            unread += 1
            unread_typed += got == r["event_type"]
            unread_sub += bool(events) and events[0].acled_sub_event_type == r["sub_event_type"]
        confusion[(r["event_type"], got)] += 1
    worst = [(g, o, n) for (g, o), n in confusion.most_common() if g != o][:6]
    return ["### ACLED 2020 sample notes", "",
            f"{len(rows)} notes: an ACLED-mapped event coded for {coded}; ACLED event type right {typed}/{len(rows)} "
            f"({typed / len(rows):.3f}); sub-event type right {sub}/{len(rows)} ({sub / len(rows):.3f}). "
            f"On the {unread} notes never read while writing the ACLED rules: event type {unread_typed / max(unread, 1):.3f}, "
            f"sub-event type {unread_sub / max(unread, 1):.3f}.", "",
            f"Notes with any event coded: {any_event}. Date of the first event exactly ACLED's: {dated}/{len(rows)} "
            f"({dated / max(len(rows), 1):.3f}); among notes with an event {dated / max(any_event, 1):.3f}. Location within 25 km "
            f"of ACLED's point {near}/{placed} located events ({near / max(placed, 1):.3f}).", "",
            f"Of the {placed - near} events placed more than 25 km off, {reach['town'] + reach['area']} are from notes "
            f"that name a place the gazetteer knows within 25 km of ACLED's point ({reach['town']} of them a town, "
            f"{reach['area']} only an area), read from every run of capitalised words in the note: the most that "
            f"choosing better among the note's names could gain (a location rate of "
            f"{(near + reach['town'] + reach['area']) / max(placed, 1):.3f}; "
            f"{(near + reach['town']) / max(placed, 1):.3f} by towns alone). The other {reach['none']} name no such "
            f"place: the village is missing from the gazetteer, or ACLED placed the event at a place the note does "
            f"not name.", "",
            "Largest confusions (gold -> coded): " + "; ".join(f"{g} -> {o or 'nothing'} ({n})" for g, o, n in worst), ""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="folder holding examples/ and eval/")
    parser.add_argument("--acled-limit", type=int, default=None, help="score only the first N ACLED notes")
    parser.add_argument("--every-sentence", action="store_true",
                        help="parse every sentence, not only those with a possible trigger word (to see what the "
                             "filter costs); the report is printed, not written")
    parser.add_argument("--write", type=Path, default=None, help="replace the generated part of this Markdown file")
    args = parser.parse_args()
    started = time.perf_counter()
    pipeline = Pipeline.from_settings()
    if args.every_sentence:
        from brinkwatch.nlp import MAX_SENTENCE

        pipeline.stages[0].parser.is_candidate = lambda sentence: len(sentence) <= MAX_SENTENCE
        args.write = None
    lines = [BEGIN, f"Generated by `.venv/bin/python bench/accuracy.py --write docs/accuracy.md` "
                    f"(coder {pipeline.coder_version})" + (", every sentence parsed" if args.every_sentence else "")
             + ".", ""]
    lines += reference(pipeline, args.shared)
    lines += corpus(pipeline)
    lines += modality(pipeline)
    lines += modality(pipeline, "modality_fresh.jsonl", "Fresh modality set, written after the rules it measures")
    if (args.shared / "eval").exists():
        lines += plover(pipeline, args.shared)
        lines += petrarch(pipeline, args.shared)
        lines += conflibert(pipeline, args.shared)
        lines += acled(pipeline, args.shared, args.acled_limit)
    lines += [f"Run time: {time.perf_counter() - started:.0f} s.", END]
    publish("\n".join(lines), args.write, BEGIN, END)

if __name__ == "__main__":
    main()
