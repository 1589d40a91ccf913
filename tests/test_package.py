"""The package as a whole: its public names, a light import, and the provenance of its data tables."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

import brinkwatch

DATA = Path(brinkwatch.__file__).resolve().parent / "data"
CSV_FILES = sorted(DATA.rglob("*.csv"))
TSV_FILES = sorted(DATA.rglob("*.tsv"))


def test_package_all_is_sorted():
    assert brinkwatch.__all__ == sorted(brinkwatch.__all__)
    assert len(set(brinkwatch.__all__)) == len(brinkwatch.__all__)


def test_package_frames_stage_exports_what_other_stages_use():
    import brinkwatch.frames as frames

    assert frames.__all__ == sorted(frames.__all__) == ["Frame", "FrameFinder", "Role"]
    assert all(getattr(frames, name) is not None for name in frames.__all__)


def test_package_resolve_stage_exports_what_other_stages_use():
    import brinkwatch.resolve as resolve

    assert resolve.__all__ == sorted(resolve.__all__) == ["EventResolver", "as_riot", "stanced"]
    assert all(getattr(resolve, name) is not None for name in resolve.__all__)


@pytest.mark.parametrize("name", brinkwatch.__all__)
def test_package_all_names_import(name):
    namespace: dict = {}
    exec(f"from brinkwatch import {name}", namespace)
    assert namespace[name] is getattr(brinkwatch, name)


def test_package_import_does_not_load_spacy():
    code = ("import sys, brinkwatch; "
            "print(','.join(sorted(m for m in ('spacy', 'thinc') if m in sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "", f"import brinkwatch loaded {done.stdout.strip()}"


def test_package_data_has_csv_tables():
    assert CSV_FILES, f"no CSV under {DATA}"


@pytest.mark.parametrize("path", CSV_FILES, ids=[str(p.relative_to(DATA)) for p in CSV_FILES])
def test_package_csv_rows_name_their_source(path):
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(row for row in handle if not row.startswith("#"))
        assert reader.fieldnames and "source" in reader.fieldnames, f"{path.name}: no 'source' column"
        empty = [reader.line_num for row in reader if not (row.get("source") or "").strip()]
    assert not empty, f"{path.name}: rows with no source at lines {empty[:10]}"


@pytest.mark.parametrize("path", TSV_FILES, ids=[str(p.relative_to(DATA)) for p in TSV_FILES])
def test_package_tsv_source_column_is_filled_where_present(path):
    """TSV tables name their source in the leading comment; a `source` column, where there is one, is filled."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = handle.read().splitlines()
    comments = [line for line in lines if line.startswith("#")]
    rows = list(csv.DictReader([line for line in lines if line and not line.startswith("#")], delimiter="\t"))
    assert rows, f"{path.name}: no rows"
    if "source" in rows[0]:
        empty = [i for i, row in enumerate(rows, start=2) if not (row["source"] or "").strip()]
        assert not empty, f"{path.name}: rows with no source: {empty[:10]}"
    else:
        assert comments, f"{path.name}: no source column and no comment naming a source"


def test_package_triggers_are_listed_once():
    """A trigger and part of speech listed twice would leave one of the rows silently unused."""
    with open(DATA / "triggers.csv", encoding="utf-8", newline="") as handle:
        keys = [(row["trigger"].strip().lower(), row["pos"].strip()) for row in csv.DictReader(handle)]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    assert not repeated, repeated
