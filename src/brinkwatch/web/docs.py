"""The API docs at /docs: Swagger UI from the `swagger-ui-bundle` package's own files, served by this app
(no CDN), started by a script of ours (no inline script). Without the package, a plain page lists the
endpoints from the OpenAPI schema instead.

The bundled Swagger UI (4.15) reads OpenAPI 3.0 only, and FastAPI writes 3.1; the docs page reads a 3.0
rendering of the same schema (/docs/openapi-3.0.json). /api/openapi.json stays the 3.1 original.
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

    @router.get("/docs/openapi-3.0.json")
    def openapi_30() -> dict[str, Any]:
        return {**as_openapi_30(app.openapi()), "openapi": "3.0.3"}

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


def as_openapi_30(node: Any) -> Any:
    """An OpenAPI 3.1 schema written the 3.0 way: `anyOf [X, null]` becomes X with `nullable`, a numeric
    `exclusiveMinimum`/`exclusiveMaximum` becomes a bound with a true flag, `const` becomes a one-value enum."""
    if isinstance(node, list):
        return [as_openapi_30(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: as_openapi_30(value) for key, value in node.items()}
    options = node.get("anyOf")
    if isinstance(options, list) and {"type": "null"} in options:
        rest = [option for option in options if option != {"type": "null"}]
        node.pop("anyOf")
        node = {**(rest[0] if len(rest) == 1 else {"anyOf": rest}), **node, "nullable": True}
    for key, bound in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        if isinstance(node.get(key), (int, float)) and not isinstance(node.get(key), bool):
            node[bound] = node[key]
            node[key] = True
    if "const" in node:
        node["enum"] = [node.pop("const")]
    return node
