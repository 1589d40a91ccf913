"""The golden corpus: sentences we wrote, each with the events a careful analyst would code.

Each item is a test (ids from the corpus). Items the coder does not get right yet are listed with the
reason in tests/corpus/known_misses.txt and run as expected failures: fixing one shows up as XPASS, and
a new regression fails. The must-not-be-asserted checks have their own test per item.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

CORPUS = Path(__file__).parent / "corpus"
ITEMS = yaml.safe_load((CORPUS / "events.yaml").read_text(encoding="utf-8"))
KNOWN = {line.split("\t")[0]: line.split("\t", 1)[1].strip()
         for line in (CORPUS / "known_misses.txt").read_text(encoding="utf-8").splitlines()
         if line.strip() and not line.startswith("#")}


# PLOVER codes a reciprocal agreement, meeting or joint action with both parties as actors and no
# recipient; the corpus lists both directions, so either role may hold the other party.
RECIPROCAL = {"AGREE", "CONSULT", "COOPERATE"}


def _sides(actors) -> set[str]:
    return {a.actor_id for a in actors if a.actor_id} | {a.country for a in actors if a.country}


def _role(event, role: str) -> set[str]:
    if event.event_type in RECIPROCAL:
        return _sides(event.source + event.target)
    return _sides(event.source if role == "source" else event.target)


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
    for want in item.get("events", []):
        found = [e for e in events if e.event_type == want["type"] and e.modality == want.get("modality", "asserted")]
        assert found, f"no {want['type']}/{want.get('modality', 'asserted')} in {[(e.event_type, e.modality) for e in events]}"
        if want.get("source_country"):
            assert any(want["source_country"] in _role(e, "source") for e in found), [_sides(e.source) for e in found]
        if want.get("target_country"):
            assert any(want["target_country"] in _role(e, "target") for e in found), [_sides(e.target) for e in found]


@pytest.mark.parametrize("item", [p for p in _params("not") if p.values[0].get("not_events")])
def test_corpus_not_events_stay_unasserted(pipeline, item):
    events = _events(pipeline, item)
    asserted = [e.event_type for e in events if e.modality == "asserted" and e.event_type in item["not_events"]]
    assert not asserted, f"coded as asserted: {asserted}"
