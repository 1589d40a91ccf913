"""The web dashboard and HTTP API (FastAPI); `create_app(store)` builds the application.

Imported lazily, so `python -m brinkwatch.web.outlines` and the CLI's checks load no web framework.
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from brinkwatch.web.app import create_app

        return create_app
    raise AttributeError(f"module 'brinkwatch.web' has no attribute {name!r}")
