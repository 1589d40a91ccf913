"""Dask scaling of `extract`: 1 local worker against 2, and a model of N machines built from the figures.

    .venv/bin/python bench/scale.py [--copies 4] [--records-per-shard 10] [--repeat 5] [--write docs/performance.md]

The corpus is the sample (examples/articles, 50 articles) written `--copies` times into a temporary
folder as JSON Lines, each copy with other ids and a last line "(Copy k.)" so that no copy is dropped as
a duplicate. Each side has its own local cluster with the pipeline loaded on every worker first (timed
apart); a pass runs every partition into a fresh work folder, and the fastest pass's events are merged
as `extract --workers` merges them. Passes in one process without Dask, on 1 worker and on 2 workers
take turns.
Every process does its linear algebra on one thread, as Dask's workers do (their nanny sets the same
variables), so that one worker and one bare process are alike.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):  # before numpy loads
    os.environ[_name] = "1"

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from brinkwatch.distributed import Job, Outcome, plan, preload, run_partitions  # noqa: E402
from brinkwatch.ingest import read_path  # noqa: E402
from brinkwatch.model import Article  # noqa: E402
from brinkwatch.pipeline import Pipeline  # noqa: E402
from brinkwatch.settings import Settings  # noqa: E402
from report import publish  # noqa: E402

BEGIN, END = "<!-- scale:begin -->", "<!-- scale:end -->"
COMMAND = ".venv/bin/python bench/scale.py --write docs/performance.md"


def write_corpus(folder: Path, copies: int) -> int:
    """The sample corpus `copies` times as JSON Lines, one file per copy; returns the article count."""
    articles = [a for a in read_path(ROOT / "examples" / "articles") if isinstance(a, Article)]
    for k in range(1, copies + 1):
        with (folder / f"copy-{k}.jsonl").open("w", encoding="utf-8") as handle:
            for article in articles:
                record = {"id": f"{article.id}#{k}", "text": f"{article.text}\n\n(Copy {k}.)",
                          "title": article.title, "published": article.published, "source": article.source}
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(articles) * copies


@contextmanager
def local_cluster(workers: int, settings: Settings) -> Iterator[tuple[Any, float, float]]:
    """A local cluster of `workers` processes with the pipeline loaded on each: (client, start s, load s)."""
    from distributed import Client, LocalCluster

    t0 = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        started = time.perf_counter() - t0
        loads = client.run(preload, settings).values()
        yield client, started, statistics.mean(loads)


def figures(workers: int, started: float, load: float, passes: list[Outcome], per_task: float) -> dict:
    """What one side measured, from its fastest pass."""
    failed = [f for o in passes for f in o.failures]
    assert not failed, failed[:3]
    outcome = min(passes, key=lambda o: o.seconds)
    t0 = time.perf_counter()
    articles, events = outcome.merge_events()
    merge = time.perf_counter() - t0
    busy = [m["seconds"]["read"] + m["seconds"]["extract"] + m["seconds"]["write"] for m in outcome.manifests.values()]
    return {"workers": workers, "start": started, "load": load, "run": outcome.seconds, "merge": merge,
            "partitions": len(outcome.partitions), "busy": sum(busy), "per_partition": statistics.mean(busy),
            "per_task": per_task, "articles": articles, "events": len(events), "failures": len(outcome.failures),
            "bytes": sum(f.stat().st_size for f in Path(outcome.folder.root).iterdir())}


def resident_mb() -> float:
    """This process's resident memory in MB (run on each worker)."""
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def no_op_seconds(client: Any) -> float:
    """End-to-end seconds of a task that does nothing: the scheduler's cost per task."""
    t0 = time.perf_counter()
    client.gather(client.map(abs, range(-TINY_TASKS, 0), pure=False))
    return (time.perf_counter() - t0) / TINY_TASKS


def measure(corpus: Path, work: Path, records_per_shard: int, repeat: int) -> tuple[float, dict, dict]:
    """In-process, 1 worker and 2 workers, pass after pass in turn, so that a busy moment of the shared
    machine falls on all three alike; the fastest pass of each counts."""
    from brinkwatch.ingest import read_paths

    job = Job.create(Settings())
    partitions, failures = plan([corpus], job, records_per_shard=records_per_shard)
    assert not failures, failures
    pipeline = Pipeline.from_settings(Settings())
    articles = [a for a in read_paths([corpus]) if isinstance(a, Article)]
    for article in articles[:5]:
        pipeline.run(article)
    bare: list[float] = []
    runs: dict[int, list[Outcome]] = {1: [], 2: []}
    with local_cluster(1, job.settings) as (one, start_1, load_1), local_cluster(2, job.settings) as (two, start_2, load_2):
        for k in range(repeat):
            t0 = time.perf_counter()
            for article in articles:
                pipeline.run(article)
            bare.append(time.perf_counter() - t0)
            for workers, client in ((1, one), (2, two)):
                runs[workers].append(run_partitions(client, partitions, job, str(work / f"{workers}-{k}"), quiet=True))
        memory = max(two.run(resident_mb).values())
        return (min(bare), figures(1, start_1, load_1, runs[1], no_op_seconds(one)),
                {**figures(2, start_2, load_2, runs[2], no_op_seconds(two)), "memory": memory})


TINY_TASKS = 500
CORPUS, SHARD = 10_000_000, 1000  # the modelled backfill: ten million articles in shards of 1,000


def idle_per_partition(side: dict) -> float:
    """Worker-seconds per partition not spent inside a partition: scheduling, transfers, the last wave."""
    return max(0.0, (side["workers"] * side["run"] - side["busy"]) / side["partitions"])


def model_rows(one: dict, two: dict, cores: int) -> list[str]:
    """T(W) = start + load + max(ceil(P / W) x (c + o), P x s), W workers of one core, P partitions."""
    per_article = one["busy"] / one["articles"]  # the lone worker is the likeliest to have had a core to itself
    cost, overhead, serial = per_article * SHARD, idle_per_partition(two), two["per_task"]
    partitions = CORPUS // SHARD
    rows = ["| machines x cores | workers | hours (model) | work / elapsed |", "|---|---|---|---|"]
    for machines in (1, 4, 16, 64, 256):
        w = machines * cores
        total = two["start"] + two["load"] + max(math.ceil(partitions / w) * (cost + overhead), partitions * serial)
        rows.append(f"| {machines} x {cores} | {w:,} | {total / 3600:,.2f} | {partitions * cost / w / total:.0%} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=4, help="times the 50-article sample is repeated")
    parser.add_argument("--records-per-shard", type=int, default=10, help="articles in a partition")
    parser.add_argument("--repeat", type=int, default=5, help="passes on each side; the fastest counts")
    parser.add_argument("--cores", type=int, default=16, help="cores per machine in the scaling model")
    parser.add_argument("--write", type=Path, default=None, help="replace the generated part of this Markdown file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="brinkwatch-scale-") as tmp:
        corpus = Path(tmp, "corpus")
        corpus.mkdir()
        total = write_corpus(corpus, args.copies)
        load = os.getloadavg()[0]
        baseline, one, two = measure(corpus, Path(tmp, "work"), args.records_per_shard, args.repeat)
        load = max(load, os.getloadavg()[0])
    assert one["events"] == two["events"] and one["articles"] == two["articles"] == total, (one, two)
    speedup = one["run"] / two["run"]
    overhead = idle_per_partition(two)
    fmt = lambda side: (f"| {side['workers']} | {side['start']:.1f} | {side['load']:.1f} | {side['run']:.2f} | "  # noqa: E731
                        f"{side['merge']:.2f} | {side['articles'] / side['run']:.1f} | "
                        f"{1000 * side['per_partition']:.0f} ms |")
    lines = [
        BEGIN, "## Dask: 1 local worker against 2", "", f"Generated by `{COMMAND}`.", "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores shared with other work, Python "
        f"{platform.python_version()}. Corpus: the sample's {total // args.copies} articles x {args.copies} = {total} "
        f"articles, {one['partitions']} partitions of {args.records_per_shard} (JSON Lines shards); "
        f"{two['events']} events, identical from both runs. Fastest of {args.repeat} passes of each kind, taken "
        f"in turn; the machine's load average reached {load:.1f} during the run.", "",
        "| workers | cluster start s | pipeline load s (per worker) | run s | merge s | articles/s | work per partition |",
        "|---|---|---|---|---|---|---|", fmt(one), fmt(two), "",
        f"Speed-up, 2 workers against 1 (run phase): **{speedup:.2f}x**. The same articles in one process "
        f"without Dask: {baseline:.2f} s, so one Dask worker runs at {baseline / one['run']:.0%} of the speed of a "
        "bare process.",
        f"Per partition, with 2 workers: {1000 * two['per_partition']:.0f} ms of work (read, extract, write "
        f"Parquet) and {1000 * overhead:.0f} ms of worker time outside it (scheduling, transfers, waiting "
        f"for the last partitions: workers x run time minus the time inside partitions, over the "
        f"partitions). A task that does nothing takes {1000 * two['per_task']:.1f} ms end to end "
        f"({TINY_TASKS} in a row): that is the scheduler's cost per task. The work folder holds "
        f"{two['bytes'] / two['articles'] / 1024:.1f} kB per article (the article text and its events); a "
        f"worker holds {two['memory']:.0f} MB resident at the end.", "",
        "This machine has only 2 cores, shared by the scheduler, this driver, both workers and other "
        "users' processes: two workers cannot reach 2x here, and the figures move from run to run.", "",
        "### A model of N machines", "",
        "T(W) = cluster start + pipeline load + max(ceil(P / W) x (c + o), P x s), for W worker processes "
        "of one core each, P partitions of c seconds of work and o seconds of worker time outside them "
        "(ceil(P / W) rounds of partitions), and s the scheduler's serial cost per task. c is scaled from "
        "the seconds per article of the 1-worker run, whose worker was the likeliest to have a core to "
        "itself; o, s, start and load come from the 2-worker run. For "
        f"{CORPUS:,} articles in shards of {SHARD:,} ({CORPUS // SHARD:,} partitions) and {args.cores} "
        "cores a machine:", "",
        *model_rows(one, two, args.cores), "",
        "Assumptions: partitions are independent and of even size; a worker with a core of its own runs "
        "as fast as one here, with its memory to itself; reading the inputs and writing Parquet to shared or "
        "object storage keeps pace; o does not grow with W, and the scheduler's cost per task stays s; "
        "\"work / elapsed\" is the share of the time the workers spend extracting. "
        "Not in the model: merging the events in one driver (`extract`) and saving them to the store "
        "(`ingest`), both serial; at that scale read the Parquet files directly, or save from several "
        "drivers into PostgreSQL.", END]
    page = args.write
    if page is not None and BEGIN not in page.read_text(encoding="utf-8"):
        with page.open("a", encoding="utf-8") as handle:
            handle.write(f"\n{BEGIN}\n{END}\n")
    publish("\n".join(lines), page, BEGIN, END)


if __name__ == "__main__":
    main()
