"""Shared fixtures. The spaCy model is loaded once per session: tests that need it are real tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    from brinkwatch.nlp import load_model

    return load_model()
