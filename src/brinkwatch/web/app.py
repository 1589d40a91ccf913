"""The HTTP API and the dashboard, over a Store handed in by the caller (the CLI runs uvicorn).

Article text is untrusted. Templates autoescape everything; the one piece of markup built in Python,
the highlighting (web/render.py), escapes each slice of text before wrapping spans in <mark>. The
safety rules (token, loopback, body size, Content-Security-Policy) are in web/security.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from brinkwatch.errors import ConfigError, InputError, StoreError
from brinkwatch.store import Store
from brinkwatch.web.api import api_router, invalid
from brinkwatch.web.chart_pages import chart_router
from brinkwatch.web.context import HERE, Web
from brinkwatch.web.docs import docs_router
from brinkwatch.web.pages import page_router
from brinkwatch.web.security import MAX_BODY_BYTES, Guard
from brinkwatch.web.watch_pages import watch_page_router
from brinkwatch.web.watch_routes import watch_router

__all__ = ["create_app"]


def create_app(store: Store, *, token: str | None = None, public: bool = False, check_host: bool = False,
               max_body: int = MAX_BODY_BYTES, pipeline_factory: Callable[[], Any] | None = None,
               warm: bool = False) -> FastAPI:
    """The web application over `store`: dashboard pages, JSON API, API docs and a health check.

    `token`: required (as a Bearer token) by the write endpoints when set. `public`: the server listens
    beyond loopback, which needs a token. `check_host`: answer only requests addressed to a loopback
    name. `pipeline_factory`: builds the extraction pipeline on the first analyze or ingest (default
    Pipeline.from_settings). `warm`: start computing the escalation watch at once, in the background.
    """
    if public and not token:
        raise ConfigError("a server that listens beyond loopback needs a token; set BRINKWATCH_TOKEN")
    web = Web(store, pipeline_factory=pipeline_factory, token=token, public=public)
    app = FastAPI(title="brinkwatch", summary="Conflict events read from the news: who did what to whom, "
                  "where, when, and who says so", docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    app.state.web = web
    app.add_middleware(GZipMiddleware, minimum_size=2048)
    app.add_middleware(Guard, max_body=max_body, loopback_only=check_host)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.exception_handler(InputError)
    async def input_error(_request: Request, error: InputError) -> JSONResponse:
        return invalid(error)

    @app.exception_handler(StoreError)
    async def store_error(_request: Request, error: StoreError) -> JSONResponse:
        return JSONResponse(status_code=503, content={"detail": str(error)})

    @app.exception_handler(ConfigError)
    async def config_error(_request: Request, error: ConfigError) -> JSONResponse:
        return JSONResponse(status_code=503, content={"detail": str(error)})

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, error: RequestValidationError) -> JSONResponse:
        # FastAPI's own shape, minus the echoed input: a 5 MB text must not come back in the answer.
        details = [{k: v for k, v in item.items() if k not in ("input", "ctx", "url")} for item in error.errors()]
        return JSONResponse(status_code=422, content={"detail": details})

    @app.get("/healthz", tags=["meta"])
    def healthz() -> dict[str, str]:
        """Whether the database answers (503 when it does not)."""
        store.ping()
        return {"status": "ok"}

    for router in (api_router(web), watch_router(web), page_router(web), chart_router(web), watch_page_router(web),
                   docs_router(app)):
        app.include_router(router)
    if warm:
        web.watch.warm()
    return app
