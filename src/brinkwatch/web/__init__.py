"""The web dashboard and HTTP API (FastAPI); `create_app(store)` builds the application."""

from __future__ import annotations

from brinkwatch.web.app import create_app

__all__ = ["create_app"]
