"""The golden corpus: sentences we wrote, each with the events a careful analyst would code.

Each item is a test (ids from the corpus). Items the coder does not get right yet are listed with the
reason in tests/corpus/known_misses.txt and run as expected failures: fixing one shows up as XPASS, and
a new regression fails. The must-not-be-asserted checks have their own test per item.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from corpus_check import coded, leaked, what_is_wrong

CORPUS = Path(__file__).parent / "corpus"
ITEMS = yaml.safe_load((CORPUS / "events.yaml").read_text(encoding="utf-8"))
KNOWN = {line.split("\t")[0]: line.split("\t", 1)[1].strip()
         for line in (CORPUS / "known_misses.txt").read_text(encoding="utf-8").splitlines()
         if line.strip() and not line.startswith("#")}


def _params(kind: str):
    for item in ITEMS:
        key = f"{kind}:{item['id']}"
        marks = [pytest.mark.xfail(reason=KNOWN[key], strict=False)] if key in KNOWN else []
        yield pytest.param(item, marks=marks, id=item["id"])


@pytest.fixture(scope="module")
def pipeline():
    from brinkwatch.pipeline import Pipeline

    return Pipeline.from_settings()


def _events(pipeline, item):
    from brinkwatch.model import Article

    return pipeline.run(Article(id=item["id"], text=item["text"], published=item.get("published")))


@pytest.mark.parametrize("item", list(_params("events")))
def test_corpus_expected_events(pipeline, item):
    events = _events(pipeline, item)
    wrong = what_is_wrong(item, events)
    assert wrong is None, f"{wrong}; coded: {coded(events)}"


@pytest.mark.parametrize("item", [p for p in _params("not") if p.values[0].get("not_events")])
def test_corpus_not_events_stay_unasserted(pipeline, item):
    asserted = leaked(item, _events(pipeline, item))
    assert not asserted, f"coded as asserted: {asserted}"
