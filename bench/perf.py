"""Speed, start-up and memory of `extract`, on the bundled sample corpus (examples/articles).

    .venv/bin/python bench/perf.py [--repeat 5] [--startup-runs 5] [--articles 5000] [--write docs/performance.md]

Throughput: `extract` against a bare spaCy parse of the same articles in one process, after a warm-up,
the two sides' passes taken in turn, so that the ratio does not depend on the machine's speed or on what
else runs on it at the time. Start-up: wall-clock seconds from launching `brinkwatch extract` on a
one-sentence file to its first event line. Memory: a child process runs `extract` (article by article, as
the CLI and the Dask workers do) over N articles made by recombining the sample's sentences, with their
numbers redrawn so that new strings keep coming as in real news, and samples its resident memory.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path
from collections import Counter
from statistics import median
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from brinkwatch.ingest import read_path  # noqa: E402
from brinkwatch.model import Article  # noqa: E402
from report import publish  # noqa: E402

BEGIN, END = "<!-- performance:begin -->", "<!-- performance:end -->"
# Our own sentence (tests/conftest.py), for the start-up measurement.
ONE_SENTENCE = "Iranian forces fired missiles at a US base in Anbar on 8 January 2020, the Pentagon said.\n"


def sample_articles() -> list[Article]:
    return [a for a in read_path(ROOT / "examples" / "articles") if isinstance(a, Article)]


def throughput(articles: list[Article], repeat: int, pipeline: Any = None) -> dict[str, Any]:
    """Best CPU and wall seconds of each side over `repeat` passes, taken in turn; corpus figures."""
    from brinkwatch.nlp import load_model
    from brinkwatch.pipeline import ParseStage, Pipeline

    started = time.perf_counter()
    pipeline = pipeline or Pipeline.from_settings()
    load_s = time.perf_counter() - started
    nlp = load_model()
    for article in articles[:5]:  # warm-up
        pipeline.run(article)
        nlp(article.text)
    sides = {"bare": lambda: list(nlp.pipe(a.text for a in articles)), "extract": lambda: pipeline.run_many(articles)}
    best = {name: [float("inf"), float("inf")] for name in sides}
    events = 0
    for _ in range(repeat):
        for name, step in sides.items():
            wall, cpu = time.perf_counter(), time.process_time()
            result = step()
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            best[name] = [min(best[name][0], cpu), min(best[name][1], wall)]
            if name == "extract":
                events = sum(len(found) for found in result)
    load = os.getloadavg()[0]
    # How much text must be parsed: candidate sentences, and those that give the frame finder a frame.
    parser = pipeline.stages[0].parser if isinstance(pipeline.stages[0], ParseStage) else None
    tokens = {"all": 0, "candidate": 0, "framed": 0}
    sentences = {"all": 0, "candidate": 0, "framed": 0}
    for article in articles:
        work = pipeline.work(article)
        framed = {frame.sentence.start for frame in work.frames}
        for start, end in parser.sentences(article.text) if parser else ():
            size = len(nlp.make_doc(article.text[start:end]))
            kinds = ["all"] + (["candidate"] if parser.is_candidate(article.text[start:end]) else []) + (
                ["framed"] if start in framed else [])
            for kind in kinds:
                tokens[kind] += size
                sentences[kind] += 1
    return {"cpu": {k: v[0] for k, v in best.items()}, "wall": {k: v[1] for k, v in best.items()}, "load": load,
            "events": events, "load_s": load_s, "tokens": tokens, "sentences": sentences,
            "n": len(articles), "words": sum(len(a.text.split()) for a in articles), "pipeline": pipeline}


def news_corpora(shared: Path) -> dict[str, list[Article]]:
    """General news from outside the repository, read only to measure: LGL (local US news) and GeoWebNews
    (news sites worldwide), the geography sets of issue 5. {} when ../shared is not there."""
    from geo import read_geowebnews, read_lgl

    out = {}
    for name, reader, path in (("LGL", read_lgl, shared / "eval" / "lgl" / "lgl.xml"),
                               ("GeoWebNews", read_geowebnews, shared / "eval" / "geowebnews" / "GWN.xml")):
        if path.exists():
            out[name] = [Article(id=f"{name}-{n}", text=doc.text)
                         for n, doc in enumerate(reader(path)) if doc.text.strip()]
    return out


def filter_check(pipeline: Any, corpora: dict[str, list[Article]]) -> dict[str, tuple[int, int, int]]:
    """Per corpus, `extract` as it runs (candidate sentences only) against `extract` parsing every sentence:
    events the full run finds and the filtered one does not (by article, sentence, type and mode), events
    found by both whose details differ (a date, place or actor that a sentence without a trigger word gives
    as context), and the events of the full run."""
    from brinkwatch.nlp import MAX_SENTENCE

    def coded(articles: list[Article]) -> tuple[Counter, Counter]:
        events = [event for found in pipeline.run_many(articles) for event in found]
        return (Counter((e.doc_id, e.evidence.start, e.event_type, e.modality) for e in events),
                Counter(json.dumps(e.to_dict(), sort_keys=True, default=str) for e in events))

    parser = pipeline.stages[0].parser
    out = {}
    for name, articles in corpora.items():
        found, whole = coded(articles)
        parser.is_candidate = lambda sentence: len(sentence) <= MAX_SENTENCE  # type: ignore[method-assign]
        try:
            found_all, whole_all = coded(articles)
        finally:
            del parser.is_candidate  # back to the class's method
        missed = sum((found_all - found).values())
        details = sum((whole_all - whole).values()) - missed
        out[name] = (missed, details, sum(found_all.values()))
    return out


def startup(runs: int) -> tuple[list[float], list[float]]:
    """Seconds from launching `brinkwatch extract ONE_SENTENCE_FILE` to its first line on stdout, and the
    CPU seconds of each whole command (less sensitive to what else runs on the machine)."""
    import resource

    # what the installed `brinkwatch` script runs, on this checkout's code
    command = [sys.executable, "-c", "from brinkwatch.cli import cli; cli()"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    out, cpu = [], []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "one.txt"
        path.write_text(ONE_SENTENCE, encoding="utf-8")
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            process = subprocess.Popen(command + ["extract", str(path), "-q"], stdout=subprocess.PIPE,
                                       stderr=subprocess.DEVNULL, text=True, env=env)
            first = process.stdout.readline()
            out.append(time.perf_counter() - started)
            process.communicate()
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            if not first.startswith("{"):
                raise SystemExit(f"brinkwatch extract printed no event for {ONE_SENTENCE!r}")
    return out, cpu


def recombined(articles: list[Article], count: int, seed: int = 9) -> Iterator[Article]:
    """`count` articles of 5 to 25 sentences drawn from the sample, numbers redrawn (new strings)."""
    import spacy

    from brinkwatch.nlp import SentenceParser

    rng = random.Random(seed)
    pool = []
    splitter = SentenceParser(spacy.blank("en"), ())
    for article in articles:
        pool += [article.text[s:e] for s, e in splitter.sentences(article.text)]
    for number in range(count):
        sentences = [rng.choice(pool) for _ in range(rng.randint(5, 25))]
        text = re.sub(r"\d+", lambda m: str(rng.randint(2, 999_999)), "\n\n".join(sentences))
        yield Article(id=f"mix-{number}", text=text, published=f"20{rng.randint(10, 24)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}")


def resident_mb() -> tuple[float, float]:
    """Resident and peak resident memory of this process, in MB (Linux /proc)."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def memory_child(count: int, zone: bool) -> None:
    """Run `extract` over `count` recombined articles; print a JSON line of figures every count/20."""
    from brinkwatch.pipeline import Pipeline

    pipeline = Pipeline.from_settings()
    if not zone:
        pipeline.memory_zone = nullcontext  # type: ignore[method-assign]  # the run without the remedy
    nlp = pipeline.stages[0].parser.nlp
    every = max(1, count // 20)
    started = time.perf_counter()
    print(json.dumps({"articles": 0, "rss": resident_mb()[0], "peak": resident_mb()[1], "strings": len(nlp.vocab.strings),
                      "s": 0.0}), flush=True)
    for number, article in enumerate(recombined(sample_articles(), count), start=1):
        pipeline.run(article)
        if number % every == 0 or number == count:
            rss, peak = resident_mb()
            print(json.dumps({"articles": number, "rss": rss, "peak": peak, "strings": len(nlp.vocab.strings),
                              "s": time.perf_counter() - started}), flush=True)


def memory(count: int, zone: bool = True, log: Path | None = None) -> list[dict[str, float]]:
    """The child's samples; with `log`, each line is also appended there as it comes, so that a long run
    that fails late still leaves its figures."""
    command = [sys.executable, __file__, "--memory-child", str(count)] + ([] if zone else ["--no-memory-zone"])
    samples = []
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as child, \
            (log.open("a", encoding="utf-8") if log else nullcontext()) as out:
        for line in child.stdout:
            if line.startswith("{"):
                samples.append(json.loads(line))
                if out:
                    out.write(line)
                    out.flush()
    if child.returncode:
        done = samples[-1]["articles"] if samples else 0
        raise SystemExit(f"the memory run failed (exit {child.returncode}) after {done} articles")
    return samples


def report(args: argparse.Namespace, speed: dict, starts: tuple[list[float], list[float]],
           samples: list[dict], news: dict[str, dict] | None = None,
           filters: dict[str, tuple[int, int]] | None = None) -> str:
    cpu, wall, tokens, sentences = speed["cpu"], speed["wall"], speed["tokens"], speed["sentences"]
    options = [f"--{name} {value}" for name, value, default in (
        ("repeat", args.repeat, 5), ("startup-runs", args.startup_runs, 5), ("articles", args.articles, 5000),
        ("news-repeat", args.news_repeat, 2), ("memory-from", args.memory_from, None))
        if value != default and not (name == "articles" and args.memory_from)] + (
        ["--no-memory-zone"] if args.no_memory_zone else [])
    lines = [BEGIN, f"Generated by `.venv/bin/python bench/perf.py {' '.join(options + ['--write docs/performance.md'])}`.",
             "", f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores shared with other work "
             f"(load average {speed['load']:.1f} after the speed passes), Python {platform.python_version()}. Corpus: the "
             f"{speed['n']} sample articles ({speed['words']:,} words); best of {args.repeat} passes of each side, taken "
             f"in turn, in one process.", "",
             "| what | CPU s | wall s | articles/s (CPU) | words/s (CPU) |", "|---|---|---|---|---|"]
    for name, label in (("bare", "bare spaCy parse (`nlp.pipe`, full en_core_web_sm pipeline)"),
                        ("extract", "`extract` (parse candidate sentences, frames, actors, places, dates, merging)")):
        lines.append(f"| {label} | {cpu[name]:.2f} | {wall[name]:.2f} | {speed['n'] / cpu[name]:.1f} | "
                     f"{speed['words'] / cpu[name]:,.0f} |")
    share = {k: tokens[k] / tokens["all"] for k in tokens}
    lines += ["", f"Ratio extract / bare parse (throughput): **{cpu['bare'] / cpu['extract']:.2f}x** on CPU time "
              f"({wall['bare'] / wall['extract']:.2f}x on wall time). Events: {speed['events']}. Loading the pipeline "
              f"(model, lexicon, actor base, gazetteer): {speed['load_s']:.1f} s.", "",
              f"What must be parsed: {sentences['candidate']} of {sentences['all']} sentences hold a possible trigger "
              f"word ({share['candidate']:.0%} of the tokens); {sentences['framed']} of them give the frame finder a "
              f"frame ({share['framed']:.0%} of the tokens). A filter that let through only those, at no cost, with "
              f"everything after the parse free as well, could not make `extract` more than {1 / share['framed']:.2f}x "
              f"as fast as the bare parse on this corpus.", ""]
    if news:
        lines += [f"The sample corpus is conflict news through and through, so the filter spares little there. On "
                  f"general news (read from `{args.shared}/eval`, outside the repository, only to measure; best of "
                  f"{args.news_repeat} passes of each side, taken in turn):", "",
                  "| corpus | articles | words | tokens in candidate sentences | bare parse CPU s | `extract` CPU s | "
                  "ratio (CPU) | ratio (wall) |", "|---|---|---|---|---|---|---|---|"]
        for name, figures in news.items():
            t = figures["tokens"]
            lines.append(f"| {name} | {figures['n']:,} | {figures['words']:,} | {t['candidate'] / t['all']:.0%} | "
                         f"{figures['cpu']['bare']:.2f} | {figures['cpu']['extract']:.2f} | "
                         f"**{figures['cpu']['bare'] / figures['cpu']['extract']:.2f}x** | "
                         f"{figures['wall']['bare'] / figures['wall']['extract']:.2f}x |")
        lines.append("")
    if filters:
        parts = [f"{name}: {missed} of {total:,} events missed, {details} with other details"
                 for name, (missed, details, total) in filters.items()]
        lines += ["What the filter costs: `extract` parsing every sentence instead of the candidate ones (" +
                  "; ".join(parts) + "). An event with other details is found by both runs, but a sentence "
                  "without a trigger word, parsed only in the full run, gives it context: a date or place told "
                  "before it, a place that settles which town a name means. The filter's word forms include the "
                  "model's own irregular forms (its lemmatizer's exceptions) and the last part of hyphenated words "
                  "(\"co-funded\"). The accuracy sets with the filter and without it: `bench/accuracy.py "
                  "--every-sentence` (docs/accuracy.md).", ""]
    starts, cpus = starts
    lines += [f"Start-up: `brinkwatch extract one.txt` (one sentence, the command the installed script runs, on "
              f"this checkout) printed its first event after **{median(starts):.2f} s** (median of {len(starts)} "
              f"launches; fastest {min(starts):.2f} s, slowest {max(starts):.2f} s), from launching the command, "
              f"imports and model loading included; the whole command used {median(cpus):.2f} s of CPU (median).", ""]
    if samples:
        last = samples[-1]
        zone = " without spaCy's memory zone" if args.no_memory_zone else ""
        earlier = (f" (an earlier run of this script, whose samples `--memory-log` kept in `{args.memory_from.name}` "
                   f"and `--memory-from` read back here)") if args.memory_from else ""
        lines += [f"Memory: one process{earlier} ran `extract`{zone} over {last['articles']:,} articles recombined from the "
                  f"sample's sentences (5 to 25 each, numbers redrawn) in {last['s']:.0f} s, article by article as the "
                  f"CLI and the Dask workers do; its resident memory as it went:", "",
                  "| articles | resident MB | peak MB | spaCy strings |", "|---|---|---|---|"]
        step = max(1, (len(samples) - 1) // 10)
        for sample in samples[::step] + ([last] if (len(samples) - 1) % step else []):
            lines.append(f"| {sample['articles']:,} | {sample['rss']:.0f} | {sample['peak']:.0f} | {sample['strings']:,} |")
        half = next(s for s in samples if s["articles"] >= last["articles"] / 2)
        growth = (last["rss"] - half["rss"]) / max(1, last["articles"] - half["articles"]) * 1000
        lines += ["", f"Peak resident memory: **{max(s['peak'] for s in samples):.0f} MB** (goal: at most 1 GB a worker). "
                  f"Over the second half of the run it moved {growth:+.2f} MB per 1,000 articles (caches with bounds, "
                  f"of actor words, dates and gazetteer look-ups, filling as new words and dates come)"
                  + (f"; at that rate a 100,000-article run would end near "
                     f"{last['rss'] + growth * (100 - last['articles'] / 1000):.0f} MB." if last["articles"] < 100_000 else ".")]
    lines.append(END)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="passes over the corpus for each side")
    parser.add_argument("--startup-runs", type=int, default=5, help="launches of `brinkwatch extract` to time")
    parser.add_argument("--articles", type=int, default=5000, help="recombined articles for the memory run (0: none)")
    parser.add_argument("--no-memory-zone", action="store_true", help="memory run without spaCy's memory zone")
    parser.add_argument("--memory-child", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--memory-log", type=Path, default=None,
                        help="append the memory run's samples to this file as they come")
    parser.add_argument("--memory-from", type=Path, default=None,
                        help="report the samples an earlier run logged with --memory-log instead of running one")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                        help="folder with eval/lgl and eval/geowebnews (general news, to measure only)")
    parser.add_argument("--news-repeat", type=int, default=2, help="passes over each general-news corpus (0: none)")
    parser.add_argument("--write", type=Path, default=None, help="replace the generated part of this Markdown file")
    args = parser.parse_args()
    if args.memory_child is not None:
        memory_child(args.memory_child, zone=not args.no_memory_zone)
        return
    articles = sample_articles()
    speed = throughput(articles, args.repeat)
    pipeline = speed["pipeline"]
    corpora = news_corpora(args.shared) if args.news_repeat else {}
    news = {name: throughput(found, args.news_repeat, pipeline) for name, found in corpora.items()}
    filters = filter_check(pipeline, {"sample": articles, **corpora})
    starts = startup(args.startup_runs)
    if args.memory_from:
        lines = args.memory_from.read_text(encoding="utf-8").splitlines()
        samples = [json.loads(line) for line in lines if line.startswith("{")]
    else:
        samples = memory(args.articles, zone=not args.no_memory_zone, log=args.memory_log) if args.articles else []
    publish(report(args, speed, starts, samples, news, filters), args.write, BEGIN, END)


if __name__ == "__main__":
    main()
