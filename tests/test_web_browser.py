"""The dashboard in a real browser: Debian's chromium driven by Playwright, against a uvicorn server on
127.0.0.1. Each page loads without a script error or a blocked resource; filters and links work; the
evidence is highlighted; and an ingested article full of script runs none of it. Screenshots go to
test-artifacts/ (not committed).
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAGES = ["/", "/events", "/events/1", "/articles/1", "/map", "/timeline", "/network", "/alerts", "/dyads",
         "/dyads/IRN-USA", "/analyze", "/docs"]
# An article written to attack the page: script tags, event handlers, javascript: links, a bogus style.
HOSTILE = (
    'Militants attacked a police station in Kirkuk on Tuesday. <script>window.__pwned = "script"; alert("script")</script> '
    '<img src=x onerror="window.__pwned=\'img\'; alert(\'img\')"> <svg onload="window.__pwned=\'svg\'"></svg> '
    '<a href="javascript:window.__pwned=\'link\'">read more</a> <iframe src="javascript:alert(1)"></iframe> '
    '<body onload="alert(2)"> "><script>alert(3)</script> Police said two officers were killed.'
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory, web_pipeline):
    """A real uvicorn server in a thread, over the small web store, with the real pipeline."""
    import uvicorn

    from brinkwatch.store import Store
    from brinkwatch.web import create_app
    from conftest import fill_web_store

    store = Store.open(str(tmp_path_factory.mktemp("browser") / "web.db"))
    fill_web_store(store)
    app = create_app(store, check_host=True, pipeline_factory=lambda: web_pipeline)
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        assert time.monotonic() < deadline, "uvicorn did not start within 20 s"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """A Chromium context from Debian's package, with a fresh profile; never a downloaded browser."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make install` installs Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=str(CHROMIUM), headless=True,
            args=FLAGS, viewport={"width": 1280, "height": 900})
        yield context
        context.close()


@pytest.fixture
def page(browser):
    """A tab that fails the test on any dialog (alert), script error or console error (CSP violations too)."""
    tab = browser.new_page()
    problems: list[str] = []
    tab.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    tab.on("console", lambda message: problems.append(f"console {message.type}: {message.text}")
           if message.type == "error" else None)
    tab.problems = problems  # type: ignore[attr-defined]
    yield tab
    tab.close()


def _shot(tab, name: str) -> None:
    tab.screenshot(path=str(ARTIFACTS / f"web-{name}.png"), full_page=False)


def test_web_browser_loads_every_page_cleanly(server, page):
    for path in PAGES:
        response = page.goto(server + path)
        assert response is not None and response.status == 200, path
        page.wait_for_load_state("load")
        if path == "/docs":
            page.wait_for_selector(".swagger-ui .opblock", timeout=15_000)  # Swagger UI ran from local files
        _shot(page, path.strip("/").replace("/", "-") or "overview")
        assert page.problems == [], f"{path}: {page.problems}"
    assert page.locator("svg.map") is not None


def test_web_browser_filters_events_and_opens_one(server, page):
    page.goto(server + "/events")
    page.select_option("select[name=type]", "ASSAULT")
    page.fill("input[name=country]", "IRQ")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/events?*type=ASSAULT*")
    assert "country=IRQ" in page.url  # the filters are the permalink
    assert page.locator("table.events tbody tr").count() == 3
    assert page.locator("a.download").get_attribute("href").startswith("/api/export?")
    page.goto(page.url)  # the permalink gives the same table
    assert page.locator("table.events tbody tr").count() == 3
    page.click("table.events tbody tr >> nth=-1 >> a")  # the oldest saved strike report, sorted by date
    page.wait_for_url("**/events/*")
    evidence = page.locator("blockquote.evidence")
    marks = {kind: evidence.locator(f"mark.{kind}") for kind in ("trigger", "source", "target", "place", "date")}
    assert marks["trigger"].inner_text() in ("fired", "launched")
    assert marks["source"].inner_text() == "Iranian forces" and marks["place"].inner_text() == "Anbar"
    colours = {kind: mark.evaluate("m => getComputedStyle(m).backgroundColor") for kind, mark in marks.items()}
    assert len(set(colours.values())) == 5, colours  # each kind its own colour
    assert page.locator("section.linked ol.reports > li").count() == 1  # the other outlet's report
    _shot(page, "event-highlighted")
    assert page.problems == []


def test_web_browser_map_and_network_draw_svg(server, page):
    page.goto(server + "/map")
    assert page.locator("svg.map .countries path").count() > 150
    assert page.locator("svg.map circle").count() == 5
    page.goto(server + "/network")
    assert page.locator("svg.network line").count() == 4 and page.locator("svg.network circle").count() == 8
    assert page.problems == []


def test_web_browser_analyze_page_highlights_a_pasted_text(server, page):
    page.goto(server + "/analyze")
    page.fill("textarea[name=text]", "Turkish police detained 12 journalists in Ankara on Monday.")
    page.fill("input[name=published]", "2020-03-04")
    page.click("form.analyze button")
    page.wait_for_selector("div.article-text mark.trigger")
    assert page.locator("div.article-text mark.place").inner_text() == "Ankara"
    assert "COERCE" in page.locator("table.events").inner_text()
    _shot(page, "analyze-result")
    assert page.problems == []


def test_web_browser_hostile_article_runs_nothing(server, page):
    response = page.request.post(server + "/api/ingest", data={"articles": [
        {"id": "hostile-browser", "text": HOSTILE, "title": '<img src=x onerror="alert(4)">Attack',
         "url": "javascript:alert(5)", "source": "<script>alert(6)</script>", "published": "2021-03-02"}]})
    assert response.ok, response.text()
    outcome = response.json()
    assert outcome["stored"] == 1 and outcome["events"] >= 1, outcome
    article_id = outcome["articles"][0]["article_id"]
    report = page.request.get(server + f"/api/articles/{article_id}").json()["events"][0]["report_id"]
    for path in ("/", "/events", f"/articles/{article_id}", f"/events/{report}", "/map", "/network", "/timeline"):
        page.goto(server + path)
        page.wait_for_load_state("load")
        page.mouse.move(200, 300)
        assert page.evaluate("() => window.__pwned") is None, path
        assert page.locator("main script, main iframe, main img, main [onerror], main [onload]").count() == 0, path
        assert page.locator('a[href^="javascript:"]').count() == 0, path
        assert page.problems == [], f"{path}: {page.problems}"
    page.goto(server + f"/articles/{article_id}")
    text = page.locator("div.article-text").inner_text()
    assert '<script>window.__pwned = "script"' in text and "javascript:window.__pwned" in text  # shown as text
    _shot(page, "hostile-article")
