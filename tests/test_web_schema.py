"""Schemathesis against the app's own OpenAPI schema: generated requests for every operation, a handful
each, must never get a server error (5xx). The real pipeline answers analyze and ingest."""

from __future__ import annotations

import warnings

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

EXAMPLES = 6  # per operation: enough to hit bad values of each kind, and the whole run stays near 30 s


@pytest.fixture(scope="module")
def web_schema(tmp_path_factory, web_pipeline):
    from brinkwatch.store import Store
    from brinkwatch.web import create_app
    from conftest import fill_web_store

    store = Store.open(str(tmp_path_factory.mktemp("schema") / "web.db"))
    fill_web_store(store)
    app = create_app(store, pipeline_factory=lambda: web_pipeline)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        yield schemathesis.openapi.from_asgi("/api/openapi.json", app)
    store.close()


schema = schemathesis.pytest.from_fixture("web_schema")


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_web_schema_finds_no_server_errors(case):
    case.call_and_validate(checks=[not_a_server_error])
