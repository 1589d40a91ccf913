"""Property tests: random input never breaks a reader, a date resolver or the extractor, and every
event written validates against the output contract's JSON Schema (docs/schema.json), which is kept
in step with docs/format.md."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "docs" / "schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

# Words that make random text look like news, so the extractor has something to chew on.
NEWS_WORDS = ["Iran", "Iraqi", "troops", "attacked", "the", "base", "in", "Baghdad", "on", "Monday", "said",
              "would", "not", "protesters", "police", "arrested", "Turkey", "sanctions", "if", "talks", "met",
              "with", "Israel", "drones", "struck", "militia", "denied", "will", "threatened", ",", ".", "?",
              "12", "August", "2019", "its", "they", "according", "to", "Hezbollah", "US", "forces", "no"]


def test_properties_schema_matches_format_doc():
    page = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    contract = page.split("## Input records")[0]  # the first table is the output contract
    first_cells = re.findall(r"^\| ([^|]+) \|", contract, re.M)
    documented = {name for cell in first_cells for name in re.findall(r"`([a-z_]+)`", cell)}
    assert set(SCHEMA["required"]) <= documented, set(SCHEMA["required"]) - documented
    assert documented <= set(SCHEMA["properties"]), documented - set(SCHEMA["properties"])


@pytest.fixture(scope="module")
def pipeline():
    from brinkwatch.pipeline import Pipeline

    return Pipeline.from_settings()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(NEWS_WORDS), min_size=1, max_size=40),
       noise=st.text(max_size=20))
def test_properties_extract_output_validates(pipeline, words, noise):
    from brinkwatch.model import Article

    text = " ".join(words) + noise
    for event in pipeline.run(Article(id="random", text=text, published="2019-08-30")):
        record = event.to_dict()
        errors = sorted(VALIDATOR.iter_errors(record), key=str)
        assert not errors, errors[0].message
        assert text[record["evidence"]["start"]:record["evidence"]["end"]] == record["evidence"]["sentence"]
        for actor in record["source"] + record["target"]:
            assert text[actor["start"]:actor["end"]] == actor["text"]


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=40), published=st.one_of(st.none(), st.dates().map(lambda d: d.isoformat())))
def test_properties_resolve_date_never_raises(text, published):
    from brinkwatch.dates import resolve_date

    found = resolve_date(text, published)
    assert found is None or re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", found.value)


@settings(max_examples=100, deadline=None)
@given(name=st.text(max_size=30))
def test_properties_actor_resolution_never_raises(name):
    from brinkwatch.actors import ActorBase, ActorResolver, normalize

    normalize(name)
    actor = ActorResolver(ActorBase.load()).resolve(name, 0, len(name))
    assert actor.text == name
