"""brinkwatch: news in, conflict event data (PLOVER) out; then every dyad watched for escalation.

    >>> import brinkwatch
    >>> events = brinkwatch.extract("Turkish police detained 12 journalists in Ankara on Monday.",
    ...                             published="2020-03-04")
"""

from __future__ import annotations

from typing import Any

from .errors import BrinkwatchError, ConfigError, InputError, ModelError, PipelineError, StoreError
from .model import Actor, Article, Attribution, Event, Evidence, Failure, Place, Span, TimeRef

__all__ = [
    "Actor", "Article", "Attribution", "BrinkwatchError", "ConfigError", "Event", "Evidence", "Failure",
    "InputError", "ModelError", "Pipeline", "PipelineError", "Place", "Span", "StoreError", "TimeRef",
    "__version__", "extract",
]
__version__ = "0.1.0"

_PIPELINE: Any = None


def extract(text: str, published: str | None = None, *, doc_id: str = "text") -> list[Event]:
    """Events in one text, read against its publication date ("YYYY-MM-DD"). Nothing is stored."""
    global _PIPELINE
    from .ingest import make_article
    from .pipeline import Pipeline

    if _PIPELINE is None:
        _PIPELINE = Pipeline.from_settings()
    return _PIPELINE.run(make_article(text, id=doc_id, published=published))


def __getattr__(name: str) -> Any:
    if name == "Pipeline":
        from .pipeline import Pipeline

        return Pipeline
    raise AttributeError(f"module 'brinkwatch' has no attribute {name!r}")
