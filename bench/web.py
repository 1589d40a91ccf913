"""How fast the dashboard and the API answer over a store of 100,000 events.

    .venv/bin/python bench/web.py [--articles 20000] [--repeat 5] [--write docs/performance.md]

Fills a temporary SQLite store with synthetic articles (bench/synthetic.py: five template sentences each,
so 20,000 articles make 100,000 events), serves it with uvicorn on 127.0.0.1, then times each page:
the server's full response (first request, then the median of the next ones, with httpx), and the first
contentful paint in headless Chromium (Debian's /usr/bin/chromium driven by Playwright; median of three
loads). The figures go between the `web` markers of the page given to --write.
"""

from __future__ import annotations

import argparse
import platform
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from report import publish  # noqa: E402
from synthetic import fill  # noqa: E402

BEGIN, END = "<!-- web:begin -->", "<!-- web:end -->"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAGES = [
    ("Overview", "/"),
    ("Events table", "/events"),
    ("Events, filtered (type, country)", "/events?type=ASSAULT&country=IRQ"),
    ("Events, one dyad", "/events?dyad=USA-IRN"),
    ("Events, radius 100 km, page 3", "/events?lat=33.3&lon=44.4&radius_km=100&offset=100"),
    ("Event (linked reports)", "/events/{report}"),
    ("Article", "/articles/{article}"),
    ("Map, world", "/map"),
    ("Map, Middle East", "/map?bbox=25,10,65,45"),
    ("Timeline", "/timeline"),
    ("Actor network", "/network"),
    ("Alerts", "/alerts"),
    ("Dyads", "/dyads"),
    ("Dyad USA-IRN", "/dyads/IRN-USA"),
    ("Analyze (form)", "/analyze"),
    ("API docs", "/docs"),
]
API = [
    ("GET /api/events?limit=100", "/api/events?limit=100"),
    ("GET /api/events?dyad=USA-IRN&sort=-date", "/api/events?dyad=USA-IRN&sort=-date"),
    ("GET /api/events/{id}", "/api/events/{report}"),
    ("GET /api/actors", "/api/actors"),
    ("GET /api/places", "/api/places"),
    ("GET /api/summary", "/api/summary"),
    ("GET /api/dyads?limit=20", "/api/dyads?limit=20"),
    ("GET /api/export?format=csv&type=ASSAULT", "/api/export?format=csv&type=ASSAULT"),
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve(app: object) -> tuple[str, object]:
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server


def _response_times(client: object, url: str, repeat: int) -> tuple[float, float, int]:
    """(first request s, median of the next `repeat` s, bytes)."""
    times, size = [], 0
    for _ in range(repeat + 1):
        started = time.perf_counter()
        response = client.get(url)  # type: ignore[attr-defined]
        response.raise_for_status()
        times.append(time.perf_counter() - started)
        size = len(response.content)
    return times[0], statistics.median(times[1:]), size


def _first_paints(context: object, url: str, loads: int = 3) -> float:
    """Median first contentful paint (ms from navigation start) over `loads` fresh loads."""
    paints = []
    for _ in range(loads):
        page = context.new_page()  # type: ignore[attr-defined]
        page.goto(url, wait_until="load")
        fcp = page.evaluate("""() => {
            const entry = performance.getEntriesByName('first-contentful-paint')[0];
            return entry ? entry.startTime : performance.getEntriesByType('navigation')[0].loadEventEnd;
        }""")
        paints.append(float(fcp))
        page.close()
    return statistics.median(paints)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000, help="synthetic articles (five events each)")
    parser.add_argument("--repeat", type=int, default=5, help="timed requests per page after the first")
    parser.add_argument("--write", type=Path, default=None, help="replace the web part of this Markdown page")
    args = parser.parse_args()

    import httpx
    from playwright.sync_api import sync_playwright

    from brinkwatch.store import Store
    from brinkwatch.web import create_app
    from brinkwatch.web.outlines import outlines

    outlines()  # built once at install time; not part of any page's time
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(str(Path(folder) / "bench.db"))
        started = time.perf_counter()
        events = fill(store, args.articles)
        fill_s = time.perf_counter() - started
        with store.engine.connect() as conn:
            from sqlalchemy import text

            report = conn.execute(text("SELECT min(report_id) FROM reports r JOIN events e ON e.event_pk = r.event_pk "
                                       "WHERE e.n_sources >= 3")).scalar_one()
            article = conn.execute(text("SELECT article_pk FROM reports WHERE report_id = :r"), {"r": report}).scalar_one()
        ids = {"report": report, "article": article}
        base, server = _serve(create_app(store, check_host=True))
        rows = []
        with httpx.Client(base_url=base, timeout=300) as client:
            for label, path in PAGES + API:
                first, warm, size = _response_times(client, path.format(**ids), args.repeat)
                rows.append([label, path.format(**ids), first, warm, size])
        with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
            context = playwright.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, headless=True,
                                                                    args=FLAGS, viewport={"width": 1280, "height": 900})
            for row in rows[:len(PAGES)]:
                row.append(_first_paints(context, base + row[1]))
            context.close()
        server.should_exit = True  # type: ignore[attr-defined]
        store.close()

    lines = [BEGIN, "## Web dashboard and API", "", "Generated by `.venv/bin/python bench/web.py --write docs/performance.md`.", "",
             f"Machine: {platform.machine()}, Python {platform.python_version()}, 2 shared cores; SQLite store of "
             f"{events:,} synthetic events in {args.articles:,} articles (filled in {fill_s:.0f} s). Server: uvicorn, "
             f"one process, on 127.0.0.1. *first*: the first request after start (caches cold); *then*: median of "
             f"the next {args.repeat}; *paint*: first contentful paint in headless Chromium, median of 3 loads.", "",
             "| page | URL | first (ms) | then (ms) | size (KB) | paint (ms) |", "|---|---|---|---|---|---|"]
    for label, url, first, warm, size, *paint in rows:
        shown = f"{paint[0]:,.0f}" if paint else "–"
        lines.append(f"| {label} | `{url}` | {first * 1000:,.0f} | {warm * 1000:,.0f} | {size / 1024:,.0f} | {shown} |")
    lines += ["", "The first request of Alerts, Dyads or `/api/dyads` reads every countable event into the escalation "
              "watch; the app keeps it until the store changes.", END]
    report_text = "\n".join(lines) + "\n"
    if args.write is not None and args.write.exists() and BEGIN not in args.write.read_text(encoding="utf-8"):
        with args.write.open("a", encoding="utf-8") as page:  # markers appended once, at the end
            page.write(f"\n{BEGIN}\n{END}\n")
    publish(report_text, args.write, BEGIN, END)


if __name__ == "__main__":
    main()
