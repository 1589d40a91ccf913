"""Shared by the bench scripts: put a generated report between two markers of a Markdown page, and time the
share of extraction spent inside some methods."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def publish(report: str, page: Path | None, begin: str, end: str) -> None:
    """Print the report; with a page, replace what stands between `begin` and `end` there."""
    print(report)
    if page is None:
        return
    old = page.read_text(encoding="utf-8") if page.exists() else f"{begin}\n{end}\n"
    head, _, rest = old.partition(begin)
    _, _, tail = rest.partition(end)
    page.write_text(head + report + tail, encoding="utf-8")


def time_inside(methods: list[tuple[Any, str]], passes: int) -> tuple[int, float, float, Counter]:
    """Run `Pipeline.from_settings()` over the sample articles `passes` times after a warm-up, with each
    (class, method name) of `methods` timed; a call made inside another timed call is not counted again.
    Returns (articles, total seconds, seconds inside the methods, outermost calls by "Class.method")."""
    from brinkwatch.ingest import read_path
    from brinkwatch.model import Article
    from brinkwatch.pipeline import Pipeline

    spent, depth, calls = [0.0], [0], Counter()

    def timed(name: str, method: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            depth[0] += 1
            began = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                depth[0] -= 1
                if depth[0] == 0:
                    spent[0] += time.perf_counter() - began
                    calls[name] += 1
        return wrapper

    pipeline = Pipeline.from_settings()
    articles = [a for a in read_path(ROOT / "examples" / "articles") if isinstance(a, Article)]
    for article in articles[:3]:  # warm-up
        pipeline.run(article)
    originals = {(owner, name): getattr(owner, name) for owner, name in methods}
    for (owner, name), method in originals.items():
        setattr(owner, name, timed(f"{owner.__name__}.{name}", method))
    try:
        began = time.perf_counter()
        for _ in range(passes):
            for article in articles:
                pipeline.run(article)
        total = time.perf_counter() - began
    finally:
        for (owner, name), method in originals.items():
            setattr(owner, name, method)
    return len(articles), total, spent[0], calls
