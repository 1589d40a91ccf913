"""The API docs at /docs: Swagger UI from the `swagger-ui-bundle` package's own files, served by this app
(no CDN), started by a script of ours (no inline script). Without the package, a plain page lists the
endpoints from the OpenAPI schema instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

SWAGGER_FILES = ("swagger-ui.css", "swagger-ui-bundle.js", "favicon-32x32.png")


def swagger_folder() -> Path | None:
    """Where the installed swagger-ui-bundle keeps its built files, or None when it is not installed."""
    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:
        return None
    folder = Path(str(swagger_ui_path))
    return folder if all((folder / name).is_file() for name in SWAGGER_FILES) else None


def docs_router(app: FastAPI) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    folder = swagger_folder()

    @router.get("/docs", response_class=HTMLResponse)
    def docs(request: Request) -> HTMLResponse:
        web = request.app.state.web
        if folder is not None:
            return web.page(request, "docs.html")
        return web.page(request, "docs_plain.html", operations=operations(app.openapi()))

    @router.get("/docs/assets/{name}")
    def asset(name: str) -> Response:
        if folder is None or name not in SWAGGER_FILES:
            return Response(status_code=404)
        return FileResponse(folder / name, headers={"Cache-Control": "public, max-age=86400"})

    return router


def operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """Each operation of an OpenAPI schema: method, path, summary and parameter names."""
    found = []
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            found.append({"method": method.upper(), "path": path, "summary": operation.get("summary", ""),
                          "description": operation.get("description", ""),
                          "parameters": [p["name"] for p in operation.get("parameters", [])]})
    return found
