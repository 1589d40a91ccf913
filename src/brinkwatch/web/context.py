"""What every route of the web app shares: the store, the templates, the pipeline (loaded on first use,
once per app) and the watch cache."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from brinkwatch.model import MODALITIES, PLOVER_TYPES, Article, Event
from brinkwatch.store import Store
from brinkwatch.web.charts import QUAD_COLOURS, TYPE_COLOURS
from brinkwatch.web.watching import WatchCache

HERE = Path(__file__).parent


def _query(params: dict[str, Any], **changes: Any) -> str:
    """A query string of `params` with `changes` applied (None removes a key): for links that keep filters."""
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v is not None and v != ""})


class Web:
    """The shared state of one app."""

    def __init__(self, store: Store, *, pipeline_factory: Callable[[], Any] | None = None,
                 token: str | None = None, public: bool = False) -> None:
        self.store = store
        self.token = token
        self.public = public
        self.watch = WatchCache(store)
        self.templates = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True,
                                     undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
        self.templates.globals.update(query=_query, PLOVER_TYPES=PLOVER_TYPES, MODALITIES=MODALITIES,
                                      QUAD_COLOURS=QUAD_COLOURS, TYPE_COLOURS=TYPE_COLOURS)
        self._factory = pipeline_factory
        self._pipeline: Any = None
        self._pipeline_lock = threading.Lock()

    def page(self, request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        html = self.templates.get_template(name).render(root=root, path=request.url.path, **context)
        return HTMLResponse(html, status_code=status)

    def analyze(self, article: Article) -> list[Event]:
        """The events of one article, nothing stored. The pipeline loads on the first call; calls take turns."""
        with self._pipeline_lock:
            if self._pipeline is None:
                if self._factory is None:
                    from brinkwatch.pipeline import Pipeline

                    self._pipeline = Pipeline.from_settings()
                else:
                    self._pipeline = self._factory()
            return list(self._pipeline.run(article))

    @property
    def coder_version(self) -> str:
        version = getattr(self._pipeline, "coder_version", None)
        if version:
            return str(version)
        from brinkwatch.pipeline import CODER_VERSION

        return CODER_VERSION
