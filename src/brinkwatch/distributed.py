"""`extract` and `ingest` on a Dask cluster: the input cut into partitions, one pipeline per worker process.

Each input file is a partition; a JSON Lines file of more than `records_per_shard` records is cut into
shards of that many records by line ranges. A worker reads its partition, extracts the events with a
pipeline it loads once per process, and writes three files into the work folder: `KEY.events.parquet`,
`KEY.articles.parquet` and, last, the manifest `KEY.json` (counts, failures, timings). Each file appears
whole or not at all, so a partition with a manifest is finished and a rerun skips it. The driver then
reads the partitions back in reading order, drops articles read twice (as `read_paths` does), and writes
JSON Lines or saves to the store. Workers need the same brinkwatch installed and the inputs at the same
paths; the work folder may be a local path or an fsspec URL (s3://bucket/run with s3fs installed).
"""

from __future__ import annotations

import codecs
import hashlib
import io
import json
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import BudgetError, ConfigError
from .ingest import DEFAULT_MAX_BYTES, InputFile, list_inputs, read_input
from .model import Article, Event, Failure, event_from_dict

__all__ = [
    "Job", "Outcome", "Partition", "RECORDS_PER_SHARD", "WorkFolder", "cluster_client", "code_fingerprint",
    "default_work_dir", "finished_partitions", "plan", "preload", "run_job", "run_partition", "run_partitions",
    "split_jsonl",
]

RECORDS_PER_SHARD = 1000
WORK_ROOT = ".brinkwatch-work"
MANIFEST_VERSION = 1
# Only what the pipeline reads travels to the workers: the database URL (and its password) stays here.
PIPELINE_SETTINGS = ("model", "gazetteer_path", "geocode", "trigger_files", "mapping_files", "actor_files",
                     "time_budget")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
_INSTALL = f"{socket.gethostname()}:{Path(__file__).resolve().parent}"  # this machine and brinkwatch's files


@dataclass(frozen=True)
class Job:
    """What every partition of one run shares: the pipeline's settings and the read options."""

    settings: Any  # brinkwatch.settings.Settings, holding only PIPELINE_SETTINGS
    published: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    coder_version: str = ""
    code: str = ""  # code_fingerprint() of the driver: workers elsewhere must run the same code
    install: str = ""  # where the driver's brinkwatch lies: a worker using the same files is not checked

    @classmethod
    def create(cls, settings: Any, *, published: str | None = None, max_bytes: int | None = None) -> Job:
        from .pipeline import CODER_VERSION
        from .settings import Settings

        kept = Settings(**{name: getattr(settings, name) for name in PIPELINE_SETTINGS})
        return cls(kept, published, max_bytes or DEFAULT_MAX_BYTES, CODER_VERSION, code_fingerprint(), _INSTALL)

    @property
    def fingerprint(self) -> str:
        """Changes whenever the same input would give other results (wherever the driver runs)."""
        return _digest(repr((self.settings, self.published, self.max_bytes, self.coder_version, self.code)))


@dataclass(frozen=True, slots=True)
class Partition:
    """One unit of work: a whole input file, or a shard of a JSON Lines file."""

    key: str  # names its files in the work folder
    item: InputFile


# --- planning -----------------------------------------------------------------------------------

def plan(paths: Sequence[str | Path], job: Job, *,
         records_per_shard: int = RECORDS_PER_SHARD) -> tuple[list[Partition], list[Failure]]:
    """The partitions of the inputs in reading order, and the failures met while listing them."""
    partitions: list[Partition] = []
    failures: list[Failure] = []
    for item in list_inputs(paths, max_bytes=job.max_bytes):
        if isinstance(item, Failure):
            failures.append(item)
            continue
        pieces = split_jsonl(item, records_per_shard) if item.path.suffix.lower() in JSONL_SUFFIXES else [item]
        partitions.extend(Partition(_partition_key(piece, job), piece) for piece in pieces)
    return partitions, failures


def split_jsonl(item: InputFile, records: int) -> list[InputFile]:
    """Shards of `records` non-blank lines each, or `[item]` when the file holds no more than that or
    cannot be cut safely: not UTF-8, a UTF-16/32 byte-order mark, NUL bytes or lone carriage returns,
    where reading the whole file would number its lines differently from reading it in pieces."""
    starts: list[tuple[int, int]] = []  # (byte offset, line number) of each shard's first record
    offset = count = 0
    try:
        with item.path.open("rb") as handle:
            if handle.read(4).startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)):
                return [item]
            handle.seek(0)
            for number, line in enumerate(handle, 1):
                body = line[:-1] if line.endswith(b"\n") else line
                body = body[:-1] if body.endswith(b"\r") else body
                if b"\r" in body or b"\x00" in body:
                    return [item]
                body.decode("utf-8")  # raises for a file that is not UTF-8
                if body.strip():
                    if count % records == 0:
                        starts.append((offset, number))
                    count += 1
                offset += len(line)
    except (OSError, UnicodeDecodeError):
        return [item]  # read whole: the reader decodes it, or reports it as a Failure
    if count <= records:
        return [item]
    ends = [start for start, _ in starts[1:]] + [offset]
    return [replace(item, offset=start, length=end - start, first_line=line)
            for (start, line), end in zip(starts, ends)]


def default_work_dir(paths: Sequence[str | Path], job: Job, records_per_shard: int = RECORDS_PER_SHARD) -> str:
    """`.brinkwatch-work/<hash of the inputs and options>` under the current folder."""
    inputs = [str(Path(path).resolve()) for path in paths]
    return str(Path(WORK_ROOT) / _digest(json.dumps([inputs, job.fingerprint, records_per_shard]))[:16])


def _partition_key(item: InputFile, job: Job) -> str:
    stat = item.path.stat() if item.path.exists() else None  # a changed file is another partition
    version = [stat.st_size, stat.st_mtime_ns] if stat else None
    described = [job.fingerprint, str(item.path), item.offset, item.length, item.first_line, repr(item.extra), version]
    return "p-" + _digest(json.dumps(described))[:20]


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def code_fingerprint() -> str:
    """A hash of this brinkwatch's code and data tables, so that no result of other code is reused."""
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        inside = path.relative_to(package).parts
        if path.is_file() and "__pycache__" not in inside and (path.suffix == ".py" or inside[0] == "data"):
            digest.update("/".join(inside).encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


# --- the work folder ----------------------------------------------------------------------------

class WorkFolder:
    """The partitions' files under a local folder or an fsspec URL (s3://, gs://, abfs://, ...)."""

    def __init__(self, url: str) -> None:
        import fsspec

        try:
            self.fs, root = fsspec.core.url_to_fs(url)
        except (ImportError, ValueError) as error:
            raise ConfigError(f"work folder {url!r} cannot be opened ({error}); use a local folder, or install "
                              "the fsspec driver for its scheme (s3fs for s3://) on every machine") from error
        protocols = self.fs.protocol if isinstance(self.fs.protocol, tuple) else (self.fs.protocol,)
        self.local = "file" in protocols
        self.root = root.rstrip("/")
        self.url = root if self.local else url
        self.fs.makedirs(self.root, exist_ok=True)

    def path(self, name: str) -> str:
        return f"{self.root}/{name}"

    def write(self, name: str, data: bytes) -> None:
        """Publish a file whole: a temporary name then a rename on a disk; one upload on an object store."""
        target = self.path(name)
        if not self.local:
            with self.fs.open(target, "wb") as handle:  # an object appears only when its upload completes
                handle.write(data)
            return
        temporary = f"{target}.tmp-{uuid.uuid4().hex}"
        with open(temporary, "wb") as handle:
            handle.write(data)
        os.replace(temporary, target)

    def read(self, name: str) -> bytes:
        with self.fs.open(self.path(name), "rb") as handle:
            return handle.read()

    def names(self) -> set[str]:
        """The names of the files in the folder, from one listing (one request on an object store)."""
        return {str(path).rstrip("/").rsplit("/", 1)[-1] for path in self.fs.ls(self.root, detail=False)}

    def manifest(self, partition: Partition, names: set[str] | None = None) -> dict[str, Any] | None:
        """The partition's manifest if it finished with these inputs and options, else None. Given the
        folder's `names`, its Parquet files must be there too; else the manifest, written last, is trusted."""
        files = {f"{partition.key}.json", f"{partition.key}.events.parquet", f"{partition.key}.articles.parquet"}
        if names is not None and not files <= names:
            return None
        try:
            found = json.loads(self.read(f"{partition.key}.json"))
        except (FileNotFoundError, ValueError):
            return None
        return found if found.get("version") == MANIFEST_VERSION and found.get("partition") == partition.key else None


# --- on the worker ------------------------------------------------------------------------------

_PIPELINES: dict[Any, tuple[Any, str]] = {}  # settings: (pipeline, code_fingerprint() as it was loaded)
_LOAD = threading.Lock()


def _pipeline(settings: Any) -> tuple[Any, str, float]:
    """This process's pipeline for `settings`, loaded on first use, the fingerprint of the code it was
    loaded from, and the seconds loading took now."""
    with _LOAD:
        if settings in _PIPELINES:
            return (*_PIPELINES[settings], 0.0)
        from .pipeline import Pipeline

        started = time.perf_counter()
        _PIPELINES[settings] = (Pipeline.from_settings(settings), code_fingerprint())
        return (*_PIPELINES[settings], time.perf_counter() - started)


def preload(settings: Any) -> float:
    """Load the pipeline in this process ahead of the first task; the seconds it took (0 if loaded)."""
    return _pipeline(settings)[2]


def run_partition(partition: Partition, job: Job, work_url: str) -> dict[str, Any]:
    """Read, extract and write one partition; returns its manifest. Runs on a worker.

    A record that cannot be read, or an article the pipeline fails on, becomes a failure in the manifest:
    one bad record never fails its partition."""
    folder = WorkFolder(work_url)
    done = folder.manifest(partition)
    if done is not None:  # a retried task whose first try finished its writes
        return done
    started = time.perf_counter()
    pipeline, code, load_s = _pipeline(job.settings)
    if code != job.code and _INSTALL != job.install:  # same machine and files: an edit since is no other install
        raise ConfigError(f"the worker on {socket.gethostname()} loaded other brinkwatch code or data than the "
                          "driver has (another install, or files changed since it started); install the same "
                          "version everywhere and restart the workers")
    articles: list[tuple[Article, bool]] = []
    rows: list[dict[str, Any]] = []
    failures: list[Failure] = []
    seen: set[str] = set()
    extract_s = 0.0
    for item in read_input(partition.item, published=job.published, max_bytes=job.max_bytes):
        if isinstance(item, Failure):
            failures.append(item)
            continue
        if item.content_hash in seen:
            continue  # read_paths yields a text once; a copy in another partition is dropped when merging
        seen.add(item.content_hash)
        tick = time.perf_counter()
        try:
            events = pipeline.run(item)
        except BudgetError as error:
            failures.append(Failure(item.origin or item.id, None, error.kind, str(error).split(": ", 1)[-1]))
            articles.append((item, True))
            continue
        except Exception as error:  # one article must not stop its partition; the failure names both
            failures.append(Failure(item.origin or item.id, None, "internal", f"extraction failed with "
                                    f"{type(error).__name__}: {error}; please report this article"))
            articles.append((item, True))
            continue
        finally:
            extract_s += time.perf_counter() - tick
        rows.extend(_event_row(len(articles), event) for event in events)
        articles.append((item, False))
    read_s = time.perf_counter() - started - load_s - extract_s
    tick = time.perf_counter()
    folder.write(f"{partition.key}.events.parquet", _parquet(rows, _schema("events")))
    folder.write(f"{partition.key}.articles.parquet", _parquet(
        [_article_row(i, article, failed) for i, (article, failed) in enumerate(articles)], _schema("articles")))
    manifest = {
        "version": MANIFEST_VERSION, "partition": partition.key, "input": str(partition.item.path),
        "first_line": partition.item.first_line if partition.item.length is not None else None,
        "articles": len(articles), "events": len(rows), "failures": [asdict(f) for f in failures],
        "coder_version": job.coder_version, "worker": f"{socket.gethostname()}:{os.getpid()}",
        "seconds": {"load": round(load_s, 4), "read": round(read_s, 4), "extract": round(extract_s, 4),
                    "write": round(time.perf_counter() - tick, 4)},
    }
    folder.write(f"{partition.key}.json", json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8"))
    return manifest


def _event_row(article: int, event: Event) -> dict[str, Any]:
    place = event.location
    return {
        "article": article, "doc_id": event.doc_id, "event_id": event.event_id, "event_type": event.event_type,
        "trigger_start": event.trigger.start, "mode": event.mode, "modality": event.modality,
        "date": event.date.value if event.date else None, "country": place.country if place else None,
        "lat": place.lat if place else None, "lon": place.lon if place else None,
        "confidence": event.confidence, "payload": _payload(event),
    }


def _payload(event: Event) -> str:
    """The contract dictionary, plus what it leaves out or rounds, so `_event` gives back the same Event."""
    exact = {"confidence": event.confidence, "notes": list(event.notes)}
    return json.dumps({**event.to_dict(), **exact}, ensure_ascii=False)


def _event(payload: str) -> Event:
    data = json.loads(payload)
    return replace(event_from_dict(data), notes=tuple(data.get("notes", ())))


_ARTICLE_FIELDS = ("id", "title", "published", "source", "url", "lang", "origin", "text")


def _article_row(index: int, article: Article, failed: bool) -> dict[str, Any]:
    return {"article": index, "content_hash": article.content_hash, "failed": failed,
            **{name: getattr(article, name) for name in _ARTICLE_FIELDS}}


def _schema(kind: str) -> Any:
    import pyarrow as pa

    text, number = pa.string(), pa.float64()
    if kind == "articles":
        return pa.schema([("article", pa.int32()), ("content_hash", text), ("failed", pa.bool_()),
                          *((name, text) for name in _ARTICLE_FIELDS)])
    return pa.schema([("article", pa.int32()), ("doc_id", text), ("event_id", text), ("event_type", text),
                      ("trigger_start", pa.int64()), ("mode", text), ("modality", text), ("date", text),
                      ("country", text), ("lat", number), ("lon", number), ("confidence", number), ("payload", text)])


def _parquet(rows: list[dict[str, Any]], schema: Any) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    sink = pa.BufferOutputStream()
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), sink, compression="zstd")
    return sink.getvalue().to_pybytes()


def _table(folder: WorkFolder, name: str, columns: list[str] | None = None) -> Any:
    import pyarrow.parquet as pq

    return pq.read_table(io.BytesIO(folder.read(name)), columns=columns)


# --- on the driver ------------------------------------------------------------------------------

@dataclass
class Outcome:
    """A finished run: the partitions in reading order, their manifests, and every failure."""

    folder: WorkFolder
    partitions: list[Partition]
    manifests: dict[str, dict[str, Any]] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    skipped: int = 0  # partitions finished by an earlier run
    ran: list[str] = field(default_factory=list)  # keys of the partitions run by this one
    crashed: dict[str, Failure] = field(default_factory=dict)  # partitions whose task failed, by key
    seconds: float = 0.0  # wall time of the cluster phase

    def _finished(self) -> Iterator[tuple[int, Partition]]:
        return ((i, p) for i, p in enumerate(self.partitions) if p.key in self.manifests)

    def merge_events(self) -> tuple[int, list[Event]]:
        """(articles read, their events): texts read twice counted once; sorted by doc_id, trigger start."""
        seen: set[str] = set()
        keyed: list[tuple[tuple[str, int, int, int], str]] = []
        for number, partition in self._finished():
            hashes = _table(self.folder, f"{partition.key}.articles.parquet", ["content_hash"]).column(0).to_pylist()
            kept = {i for i, digest in enumerate(hashes) if digest not in seen}
            seen.update(hashes)
            table = _table(self.folder, f"{partition.key}.events.parquet", ["article", "doc_id", "trigger_start", "payload"])
            for position, (article, doc_id, start, payload) in enumerate(zip(*(c.to_pylist() for c in table.columns))):
                if article in kept:
                    keyed.append(((doc_id, start, number, position), payload))
        keyed.sort(key=lambda pair: pair[0])
        return len(seen), [_event(payload) for _, payload in keyed]

    def articles(self) -> Iterator[tuple[Article, list[Event] | None]]:
        """Each article read once, in reading order, with its events (None when extraction failed)."""
        seen: set[str] = set()
        for _, partition in self._finished():
            events: dict[int, list[Event]] = {}
            table = _table(self.folder, f"{partition.key}.events.parquet", ["article", "payload"])
            for article, payload in zip(*(c.to_pylist() for c in table.columns)):
                events.setdefault(article, []).append(_event(payload))
            for row in _table(self.folder, f"{partition.key}.articles.parquet").to_pylist():
                if row["content_hash"] in seen:
                    continue
                seen.add(row["content_hash"])
                article = Article(**{name: row[name] for name in _ARTICLE_FIELDS})
                yield article, None if row["failed"] else events.get(row["article"], [])


@contextmanager
def cluster_client(workers: int | None = None, scheduler: str | None = None) -> Iterator[Any]:
    """A Dask client: to the scheduler at `scheduler`, else to a local cluster of `workers` processes
    with one thread each. The cluster started here is closed on leaving."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as error:
        raise ConfigError(f"--workers and --scheduler need Dask ({error}); install it with "
                          "`pip install 'brinkwatch[distributed]'`") from error
    if scheduler:
        try:
            client = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as error:
            raise ConfigError(f"cannot reach the Dask scheduler at {scheduler} ({error}); start one with "
                              "`dask scheduler` and give its address, or use --workers N") from error
        with client:
            yield client
        return
    # dashboard_address=":0": any free port, never the "port 8787 is in use" warning of a second cluster
    with LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


def run_partitions(client: Any, partitions: list[Partition], job: Job, work_url: str, *, quiet: bool = False,
                   on_failure: Callable[[Failure], None] | None = None) -> Outcome:
    """Run every unfinished partition on the cluster of `client`, with a progress bar over all of them."""
    outcome = finished_partitions(partitions, work_url)
    _run_missing(client, outcome, job, quiet)
    return _gather_failures(outcome, on_failure)


def finished_partitions(partitions: list[Partition], work_url: str) -> Outcome:
    """An outcome holding the manifests of the partitions that an earlier run finished."""
    outcome = Outcome(WorkFolder(work_url), partitions)
    names = outcome.folder.names()
    for partition in partitions:
        found = outcome.folder.manifest(partition, names)
        if found is not None:
            outcome.manifests[partition.key] = found
    outcome.skipped = len(outcome.manifests)
    return outcome


def _run_missing(client: Any, outcome: Outcome, job: Job, quiet: bool) -> None:
    from distributed import as_completed
    from tqdm import tqdm

    run = uuid.uuid4().hex[:8]  # Dask may still hold a finished task of the same key from an earlier run
    todo = {f"brinkwatch-{p.key}-{run}": p for p in outcome.partitions if p.key not in outcome.manifests}
    started = time.perf_counter()
    futures = client.map(run_partition, list(todo.values()), job=job, work_url=outcome.folder.url, key=list(todo),
                         pure=False)
    with tqdm(total=len(outcome.partitions), initial=outcome.skipped, desc="partitions", unit=" partitions",
              disable=True if quiet else None) as bar:
        for future in as_completed(futures):
            partition = todo[future.key]
            if future.status == "finished":
                outcome.manifests[partition.key] = future.result()
                outcome.ran.append(partition.key)
            else:  # the task raised, or its worker died again and again: the rest goes on
                error = future.exception() if future.status == "error" else RuntimeError(f"task {future.status}")
                where = f"line {partition.item.first_line}" if partition.item.length is not None else None
                outcome.crashed[partition.key] = Failure(
                    str(partition.item.path), where, "internal", f"partition failed on its worker "
                    f"({type(error).__name__}: {error}); run the same command again to retry it")
            future.release()
            bar.update(1)
    outcome.seconds = time.perf_counter() - started


def _gather_failures(outcome: Outcome, on_failure: Callable[[Failure], None] | None) -> Outcome:
    for partition in outcome.partitions:  # in reading order, whichever worker finished first
        if partition.key in outcome.crashed:
            outcome.failures.append(outcome.crashed[partition.key])
        elif partition.key in outcome.manifests:
            outcome.failures.extend(Failure(**f) for f in outcome.manifests[partition.key]["failures"])
    if on_failure is not None:
        for failure in outcome.failures:
            on_failure(failure)
    return outcome


def run_job(paths: Sequence[str | Path], settings: Any, *, published: str | None = None,
            max_bytes: int | None = None, workers: int | None = None, scheduler: str | None = None,
            work_dir: str | None = None, records_per_shard: int = RECORDS_PER_SHARD, quiet: bool = False,
            on_failure: Callable[[Failure], None] | None = None) -> Outcome:
    """Plan the partitions and run the unfinished ones on the cluster (none is started when every one is
    finished); the failures met while listing the inputs come first in `Outcome.failures`."""
    job = Job.create(settings, published=published, max_bytes=max_bytes)
    partitions, listed = plan(paths, job, records_per_shard=records_per_shard)
    if on_failure is not None:
        for failure in listed:
            on_failure(failure)
    outcome = finished_partitions(partitions, work_dir or default_work_dir(paths, job, records_per_shard))
    if outcome.skipped < len(partitions):
        with cluster_client(workers, scheduler) as client:
            _run_missing(client, outcome, job, quiet)
    _gather_failures(outcome, on_failure)
    outcome.failures[:0] = listed
    return outcome
