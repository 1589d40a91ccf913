"""Runs on Dask: a real scheduler and two worker processes over TCP on loopback give the same events as
one process; finished partitions are skipped on a rerun; bad records become failures in their manifest.
"""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from brinkwatch.cli import cli
from brinkwatch.distributed import (
    Job, WorkFolder, _event, _payload, _PIPELINES, finished_partitions, plan, run_job, run_partition, split_jsonl,
)
from brinkwatch.errors import ConfigError
from brinkwatch.ingest import InputFile, read_input, read_path, read_paths
from brinkwatch.model import Article, Failure
from brinkwatch.settings import Settings

STORIES = {  # file name: (published, text); our own sentences about real events
    "2019-06-03-khartoum.txt": ("2019-06-03", "Sudanese security forces dispersed the sit-in outside the army "
                                "headquarters in Khartoum on Monday, killing dozens of protesters, doctors said."),
    "2019-06-12-hong-kong.txt": ("2019-06-12", "Hong Kong police fired tear gas at protesters outside the "
                                 "Legislative Council on Wednesday as thousands rallied against the extradition bill."),
    "2019-07-20-hormuz.txt": ("2019-07-20", "Iran's Revolutionary Guards seized the British-flagged tanker Stena "
                              "Impero in the Strait of Hormuz on Friday. Britain condemned the seizure and summoned "
                              "Iran's charge d'affaires in London."),
    "2020-11-04-tigray.txt": ("2020-11-04", "Ethiopian federal troops attacked Tigray regional forces near Mekelle "
                              "on Wednesday, Prime Minister Abiy Ahmed said."),
    "2021-05-11-gaza.txt": ("2021-05-11", "Israeli warplanes struck Hamas targets in the Gaza Strip overnight after "
                            "rockets were fired at southern Israel, the Israeli military said."),
    "2022-02-24-ukraine.txt": ("2022-02-24", "Russian forces invaded Ukraine on Thursday, firing missiles at Kyiv and "
                               "Kharkiv. President Volodymyr Zelensky declared martial law."),
}
RECORDS = [
    {"id": "karabakh", "published": "2020-10-10", "text": "Armenia and Azerbaijan agreed to a ceasefire in "
     "Nagorno-Karabakh on Saturday after talks in Moscow, Russia's foreign minister said."},
    {"id": "korea", "published": "2019-07-25", "text": "North Korea fired two short-range ballistic missiles into "
     "the sea off its east coast on Thursday, South Korea's military said."},
    {"id": "copy", "published": "2019-06-12", "text": STORIES["2019-06-12-hong-kong.txt"][1]},  # read once only
    {"id": "minsk", "published": "2020-08-16", "text": "Police in Minsk detained dozens of protesters on Sunday as "
     "tens of thousands demanded the resignation of President Alexander Lukashenko."},
]


def _write_corpus(folder: Path) -> Path:
    folder.mkdir()
    for name, (_, text) in STORIES.items():
        (folder / name).write_text(text, encoding="utf-8")
    rows = [{"file": name, "published": published} for name, (published, _) in STORIES.items()]
    (folder / "metadata.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    (folder / "wires.jsonl").write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    return folder


def _key(event: dict) -> tuple:
    return event["doc_id"], event["trigger"]["start"]


@pytest.fixture(scope="module")
def scheduler():
    """A real scheduler and two worker processes, over TCP on loopback; always closed."""
    from distributed import LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                           protocol="tcp", dashboard_address=":0", silence_logs=logging.ERROR)
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


@pytest.fixture(scope="module")
def pipeline():
    from brinkwatch.pipeline import Pipeline

    return Pipeline.from_settings(Settings())


@pytest.fixture
def here(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no brinkwatch.toml of the caller's is read; the work folder lands here
    for name in ("BRINKWATCH_GEOCODE", "BRINKWATCH_TRIGGER_FILES", "BRINKWATCH_ACTOR_FILES", "BRINKWATCH_MODEL"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def test_distributed_matches_single_process_run(here, scheduler, pipeline):
    corpus = _write_corpus(here / "news")
    result = CliRunner().invoke(cli, ["extract", str(corpus), "--scheduler", scheduler, "--output", "out.jsonl"])
    assert result.exit_code == 0, result.output
    found = [json.loads(line) for line in (here / "out.jsonl").read_text(encoding="utf-8").splitlines()]

    expected, articles = [], 0
    for article in read_paths([corpus]):
        assert isinstance(article, Article), article
        articles += 1
        for event in pipeline.run(article):
            assert _event(_payload(event)) == event  # what the Parquet files hold gives back the same Event
            expected.append(event.to_dict())
    expected.sort(key=_key)
    assert articles == len(STORIES) + len(RECORDS) - 1  # the copy is read once
    assert len({e["doc_id"] for e in expected}) >= 6, "too few articles with events to compare"
    assert [_key(e) for e in found] == sorted(_key(e) for e in found)
    assert found == expected
    assert f"{articles} articles, {len(expected)} events, 0 failed" in result.stderr


def test_distributed_ingest_stores_what_one_process_extracts(here, scheduler, pipeline):
    from brinkwatch.store import Store

    corpus = _write_corpus(here / "news")
    command = ["ingest", str(corpus), "--scheduler", scheduler, "--db", "sqlite:///bw.db", "--work-dir", "work"]
    result = CliRunner().invoke(cli, command)
    assert result.exit_code == 0, result.output
    expected = sorted((e.to_dict() for a in read_paths([corpus]) for e in pipeline.run(a)), key=_key)
    with Store.open("sqlite:///bw.db") as store:
        stored = sorted((e.to_dict() for e in store.events(limit=10_000)), key=_key)
        assert store.summary()["articles"] == len(STORIES) + len(RECORDS) - 1
    assert stored == expected
    again = CliRunner().invoke(cli, command)  # every partition finished and every article stored
    assert again.exit_code == 0 and "0 new or re-coded" in again.stderr


def test_distributed_rerun_skips_finished_partitions(here, scheduler):
    corpus = _write_corpus(here / "news")
    first = run_job([corpus], Settings(), scheduler=scheduler, work_dir="work", quiet=True)
    assert first.skipped == 0 and len(first.ran) == len(first.partitions) == len(STORIES) + 1
    folder = WorkFolder("work")
    redo = first.partitions[2]
    Path(folder.path(f"{redo.key}.json")).unlink()  # as if its worker died before the manifest was written
    kept = {p.key: Path(folder.path(f"{p.key}.events.parquet")).stat().st_mtime_ns for p in first.partitions}

    again = run_job([corpus], Settings(), scheduler=scheduler, work_dir="work", quiet=True)
    assert again.skipped == len(first.partitions) - 1 and again.ran == [redo.key]
    assert again.merge_events() == first.merge_events()
    changed = [k for k in kept if Path(folder.path(f"{k}.events.parquet")).stat().st_mtime_ns != kept[k]]
    assert changed == [redo.key]

    done = finished_partitions(again.partitions, "work")  # a third run would start no cluster at all
    assert done.skipped == len(again.partitions)


def test_distributed_bad_record_does_not_fail_its_partition(here, scheduler):
    lines = [
        json.dumps(RECORDS[1]),
        '{"id": "broken", "text": "unfinished',
        json.dumps({"id": "empty", "text": ""}),
        json.dumps({"id": "french", "text": "Les forces de l'ordre ont dispersé la manifestation dans le centre de "
                    "la ville et plusieurs personnes ont été arrêtées par la police."}),
        json.dumps({"id": "late", "published": "not a date", "text": RECORDS[0]["text"]}),
        json.dumps(RECORDS[3]),
    ]
    (here / "mixed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", "mixed.jsonl", "--scheduler", scheduler, "--work-dir", "work",
                                      "--quiet", "--output", "out.jsonl"])
    assert result.exit_code == 1, result.output  # some records failed: the run says so, and goes on
    doc_ids = {json.loads(line)["doc_id"] for line in (here / "out.jsonl").read_text(encoding="utf-8").splitlines()}
    assert doc_ids == {"korea", "minsk"}
    (manifest,) = [json.loads(p.read_text(encoding="utf-8")) for p in (here / "work").glob("*.json")]
    assert manifest["articles"] == 2 and manifest["events"] >= 2
    kinds = {f["where"]: f["kind"] for f in manifest["failures"]}
    assert kinds == {"line 2": "json", "line 3": "record", "line 4": "language", "line 5": "date"}
    assert all(f["message"] for f in manifest["failures"])
    assert "mixed.jsonl:line 2: invalid JSON" in result.stderr


class _Fragile:
    """A pipeline that fails on one article, as an unexpected bug would."""

    def run(self, article: Article) -> list:
        if article.id == "korea":
            raise RuntimeError("boom")
        return []


def test_distributed_article_error_is_recorded_in_the_manifest(here, monkeypatch):
    """In this process, with fsspec's in-memory file system standing in for object storage."""
    (here / "wires.jsonl").write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    job = Job.create(Settings())
    monkeypatch.setitem(_PIPELINES, job.settings, (_Fragile(), job.code))
    (partition,), _ = plan(["wires.jsonl"], job)
    work = f"memory://brinkwatch-test/{here.name}"
    manifest = run_partition(partition, job, work)
    assert manifest["articles"] == len(RECORDS)
    (failure,) = manifest["failures"]
    assert failure["kind"] == "internal" and "RuntimeError: boom" in failure["message"]
    outcome = finished_partitions([partition], work)
    assert outcome.skipped == 1
    saved = {article.id: events for article, events in outcome.articles()}
    assert saved["korea"] is None and saved["karabakh"] == []  # the failed article is not stored, the rest is
    outcome.folder.fs.rm(outcome.folder.root, recursive=True)


def test_distributed_worker_with_other_code_refuses(here, monkeypatch):
    (here / "one.txt").write_text(RECORDS[0]["text"], encoding="utf-8")
    job = replace(Job.create(Settings()), install="elsewhere:/opt/brinkwatch")
    monkeypatch.setitem(_PIPELINES, job.settings, (_Fragile(), "code the worker loaded earlier"))
    (partition,), _ = plan(["one.txt"], job)
    with pytest.raises(ConfigError, match="other brinkwatch code"):
        run_partition(partition, job, str(here / "work"))


def test_distributed_jsonl_shards_read_like_the_whole_file(tmp_path):
    path = tmp_path / "wires.jsonl"
    rows = [json.dumps({"id": f"r{i}", "text": f"{RECORDS[i % 4]['text']} Report {i}."}) for i in range(8)]
    rows[4:4] = ["", "{not json"]
    path.write_text("\ufeff" + "\r\n".join(rows) + "\n", encoding="utf-8")
    shards = split_jsonl(InputFile(path), 3)
    assert [s.first_line for s in shards] == [1, 4, 8] and sum(s.length for s in shards) == path.stat().st_size
    pieces = [item for shard in shards for item in read_input(shard)]
    assert pieces == list(read_path(path))
    assert [p.kind for p in pieces if isinstance(p, Failure)] == ["json"]

    path.write_bytes(b"\r".join(r.encode() for r in rows))  # lone carriage returns: read whole
    assert split_jsonl(InputFile(path), 3) == [InputFile(path)]


def test_distributed_options_need_files(here):
    runner = CliRunner()
    result = runner.invoke(cli, ["extract", "-", "--workers", "2"], input="{}")
    assert result.exit_code == 2 and "not standard input" in result.output
    result = runner.invoke(cli, ["extract", "x.txt", "--workers", "2", "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2 and "not both" in result.output
    result = runner.invoke(cli, ["ingest", "x.txt", "--work-dir", "w"])
    assert result.exit_code == 2 and "--work-dir" in result.output
