"""Cross-article linking: precision and recall on our linking set, and what linking does to the corpus.

    .venv/bin/python bench/linking.py [--pairs bench/data/linking.jsonl] [--corpus examples/articles]
                                      [--acled ../shared/eval/acled_global_sample_2020/acled.csv | --no-acled]
                                      [--write docs/accuracy.md]

1. The linking set (bench/data/linking.jsonl, our own short texts about real happenings): each text goes
   through the full pipeline; a pair counts as linked when any asserted event of one links with any of
   the other (link.decide), the rule the store applies. Precision and recall are of "same" pairs.
2. The sample corpus, ingested into a throwaway store: reports, linked events, events with several outlets.
3. With --acled (rows ACLED codes as distinct events, in ../shared): how many rows linking would merge if
   imported rows were allowed to link with each other (the store forbids it), a stress test of precision.

With --write, replaces the part of docs/accuracy.md between the linking markers.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from brinkwatch.link import decide, linkable  # noqa: E402
from brinkwatch.model import Article, Event  # noqa: E402
from brinkwatch.pipeline import Pipeline  # noqa: E402
from report import publish  # noqa: E402

BEGIN, END = "<!-- linking:begin -->", "<!-- linking:end -->"
DEFAULT_ACLED = ROOT.parent / "shared" / "eval" / "acled_global_sample_2020" / "acled.csv"


def _events(pipeline: Pipeline, doc_id: str, side: dict) -> list[Event]:
    found = pipeline.run(Article(id=doc_id, text=side["text"], published=side.get("published")))
    return [e for e in found if linkable(e)]


def _best(first: list[Event], second: list[Event]):
    decisions = [decide(a, b) for a in first for b in second]
    linked = [d for d in decisions if d.same]
    pool = linked or [d for d in decisions if not d.vetoed] or decisions
    return (bool(linked), max(pool, key=lambda d: d.score) if pool else None)


def pairs_report(pipeline: Pipeline, path: Path) -> list[str]:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    tp = fp = fn = tn = 0
    extracted = extracted_linked = 0  # same pairs where both texts gave an asserted event of one type
    wrong: list[str] = []
    for number, record in enumerate(records, start=1):
        first = _events(pipeline, f"pair{number}-a", record["a"])
        second = _events(pipeline, f"pair{number}-b", record["b"])
        linked, best = _best(first, second)
        gold = record["same"]
        tp += linked and gold
        fp += linked and not gold
        fn += gold and not linked
        tn += not linked and not gold
        if gold and {e.event_type for e in first} & {e.event_type for e in second}:
            extracted += 1
            extracted_linked += linked
        if linked != gold:
            why = "; ".join(best.reasons) if best else f"no asserted event in {'a' if not first else 'b'}"
            wrong.append(f"| {number} | {record.get('note', '')} | {'same' if gold else 'different'} | {why} |")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    lines = [
        f"### Linking set ({path.relative_to(ROOT)}, our own texts)", "",
        f"{len(records)} pairs: {tp + fn} of the same happening, {fp + tn} near-misses that must stay apart "
        "(same day in another town, a strike and the retaliation, same place another week).", "",
        "| linked pairs | precision | recall | same, linked | same, apart | different, linked | different, apart |",
        "|---|---|---|---|---|---|---|",
        f"| {tp + fp} | {precision:.2f} | {recall:.2f} | {tp} | {fn} | {fp} | {tn} |", "",
        f"Recall is end to end: in {tp + fn - extracted} of the {tp + fn} same pairs the coder did not find an "
        f"event of one type in both texts. Of the {extracted} pairs where it did, {extracted_linked} are linked "
        f"(recall {extracted_linked / extracted if extracted else 1.0:.2f}); most misses there come from wrong "
        "roles, country-wide places and dates that fall back to the publication day.", "",
    ]
    if wrong:
        lines += ["Pairs decided wrongly, with the closest decision's reasons:", "",
                  "| pair | happening | gold | reasons |", "|---|---|---|---|", *wrong, ""]
    return lines


def corpus_report(pipeline: Pipeline, corpus: Path) -> list[str]:
    from brinkwatch.ingest import read_paths
    from brinkwatch.model import Failure
    from brinkwatch.store import Store

    with tempfile.TemporaryDirectory() as folder, Store.open(str(Path(folder) / "corpus.db")) as store:
        started = time.perf_counter()
        articles = 0
        for item in read_paths([str(corpus)]):
            if isinstance(item, Failure):
                continue
            articles += 1
            store.save_article(item, pipeline.run(item), coder_version=pipeline.coder_version)
        seconds = time.perf_counter() - started
        rows = store.event_rows(limit=100_000)
        linked_pks = sorted({r["event_pk"] for r in rows if r["event_pk"] is not None})
        events = [store.linked_event(pk) for pk in linked_pks]
    shared = [e for e in events if e["n_sources"] > 1]
    several = [e for e in events if e["n_reports"] > 1]
    lines = [
        f"### The sample corpus ({corpus.relative_to(ROOT)}) through the store", "",
        f"{articles} articles ingested in {seconds:.1f} s: {len(rows)} reports, of which "
        f"{sum(r['event_pk'] is not None for r in rows)} asserted and not historical; they form "
        f"{len(events)} linked events, {len(several)} with more than one report and {len(shared)} with "
        "more than one outlet:", "",
        "| event | type | date | place | outlets | articles |", "|---|---|---|---|---|---|",
    ]
    for e in shared:
        docs = ", ".join(sorted({r["doc_id"] for r in e["reports"]}))
        lines.append(f"| {e['event_pk']} | {e['event_type']} | {e['date_value']} | {e['location_name'] or '-'} | "
                     f"{'; '.join(e['sources'])} | {docs} |")
    return lines + [""]


def acled_report(path: Path) -> list[str]:
    from sqlalchemy import text

    from brinkwatch.acled import import_acled_csv
    from brinkwatch.store import Store, linking

    allowed, linking.DEDUPLICATED = linking.DEDUPLICATED, frozenset()  # let the rows link, to count merges
    try:
        with tempfile.TemporaryDirectory() as folder, Store.open(str(Path(folder) / "acled.db")) as store:
            started = time.perf_counter()
            read, _, failures = import_acled_csv(store, path)
            seconds = time.perf_counter() - started
            with store.engine.connect() as conn:
                events, merged = conn.execute(text(
                    "SELECT count(*), coalesce(sum(n_reports > 1), 0) FROM events")).one()
    finally:
        linking.DEDUPLICATED = allowed
    return [
        "### Stress test: ACLED rows (distinct events by ACLED's coding)", "",
        f"{read} rows of `{path.name}` imported in {seconds:.1f} s ({len(failures)} failed). Were imported rows "
        f"allowed to link with each other, they would form {events} events ({merged} of them merging several "
        "rows): every merge is a false link by ACLED's standard. Most are shelling along a front line (villages "
        "a few km apart, same actors, same day) and protests in one city's districts on one day; news reports "
        "rarely name places finely enough to tell those apart. The store never links two imported rows.", "",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=ROOT / "bench" / "data" / "linking.jsonl")
    parser.add_argument("--corpus", type=Path, default=ROOT / "examples" / "articles")
    parser.add_argument("--acled", type=Path, default=DEFAULT_ACLED if DEFAULT_ACLED.exists() else None,
                        help="ACLED CSV for the stress test (default: the sample in ../shared, when present)")
    parser.add_argument("--no-acled", action="store_true", help="Skip the ACLED stress test")
    parser.add_argument("--write", type=Path, help="Markdown page whose linking section is replaced")
    args = parser.parse_args()
    pipeline = Pipeline.from_settings()
    lines = [BEGIN, "## Cross-article linking (issue 6)", "",
             "Generated by `.venv/bin/python bench/linking.py --write docs/accuracy.md` "
             f"(coder {pipeline.coder_version}). One happening reported by several articles should become one "
             "event; `brinkwatch why-linked` shows the reasons behind any pair.", ""]
    lines += pairs_report(pipeline, args.pairs.resolve())
    lines += corpus_report(pipeline, args.corpus.resolve())
    if args.acled and not args.no_acled:
        lines += acled_report(args.acled)
    publish("\n".join(lines) + END, args.write, BEGIN, END)


if __name__ == "__main__":
    main()
