"""Shared by the bench scripts: put a generated report between two markers of a Markdown page."""

from __future__ import annotations

from pathlib import Path


def publish(report: str, page: Path | None, begin: str, end: str) -> None:
    """Print the report; with a page, replace what stands between `begin` and `end` there."""
    print(report)
    if page is None:
        return
    old = page.read_text(encoding="utf-8") if page.exists() else f"{begin}\n{end}\n"
    head, _, rest = old.partition(begin)
    _, _, tail = rest.partition(end)
    page.write_text(head + report + tail, encoding="utf-8")
