"""The dashboard pages through FastAPI's test client, over the small store of conftest.fill_web_store.
The JSON API is in test_web_api.py, the real browser in test_web_browser.py."""

from __future__ import annotations

import re

import pytest

import brinkwatch.web
from brinkwatch.model import Failure
from brinkwatch.web.render import event_spans, highlight, highlight_article, safe_href

PAGES = ["/", "/events", "/events/1", "/articles/1", "/map", "/timeline", "/network", "/alerts", "/dyads",
         "/dyads/IRN-USA", "/analyze", "/docs"]


def _report(store, doc_id: str) -> int:
    return next(r["report_id"] for r in store.event_rows() if r["doc_id"] == doc_id)


def test_web_all_is_sorted():
    assert brinkwatch.web.__all__ == sorted(brinkwatch.web.__all__)


@pytest.mark.parametrize("path", PAGES, ids=[p.strip("/").replace("/", "-") or "overview" for p in PAGES])
def test_web_page_renders_with_local_assets_only(web_client, path):
    page = web_client.get(path)
    assert page.status_code == 200, page.text[:500]
    assert page.headers["content-type"].startswith("text/html")
    html = page.text.replace("http://testserver", "")
    # no CDN and no tile server: every src and stylesheet is the app's own
    for url in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert not url.startswith(("http:", "https:", "//")) or url.startswith("https://example.org"), url
    assert "<script>" not in html  # no inline script anywhere


def test_web_overview_shows_counts_types_dyads_latest_and_failures(web_client, web_store):
    web_store.record_failure(Failure("feed.xml", "line 3", "json", "not JSON; fix the line"))
    html = web_client.get("/").text
    assert "COERCE" in html and "ASSAULT" in html and "CONSULT" in html
    assert "IRN-MIL" in html and "USA-MIL" in html  # the busiest dyad
    assert '<mark class="trigger" title="trigger">arrested</mark>' in html
    assert "feed.xml" in html and "not JSON; fix the line" in html
    assert re.search(r"<strong>6</strong> reports", html) and re.search(r"<strong>5</strong> events", html)


def test_web_events_table_filters_sorts_pages_and_links_csv(web_client):
    html = web_client.get("/events", params={"type": "ASSAULT", "country": "IRQ"}).text
    assert "Anbar" in html and "Zakho" not in html
    assert "<strong>3</strong> reports match" in html
    assert 'href="/api/export?type=ASSAULT&amp;country=IRQ&amp;format=csv"' in html
    dated = web_client.get("/events", params={"sort": "date", "size": 25}).text
    assert dated.index("2019-11-02") < dated.index("2020-01-08") < dated.index("2023-05-05")
    first = web_client.get("/events", params={"size": 25, "dyad": "USA-IRN"}).text
    assert "warned" in first and "fired" in first and "met" not in first.split("<tbody>")[1]


def test_web_events_table_rejects_a_bad_filter_with_the_message(web_client):
    bad = web_client.get("/events", params={"since": "last week"})
    assert bad.status_code == 422 and "last week" in bad.text and 'role="alert"' in bad.text
    assert web_client.get("/events", params={"sort": "sideways"}).status_code == 422


def test_web_event_page_highlights_and_lists_linked_reports(web_client, web_store):
    report_id = _report(web_store, "strike-a")
    html = web_client.get(f"/events/{report_id}").text
    for kind, text in (("trigger", "fired"), ("source", "Iranian forces"), ("target", "a US base"),
                       ("place", "Anbar"), ("date", "8 January 2020"), ("claimant", "the Pentagon")):
        assert f'<mark class="{kind}" title="{kind}">{text}</mark>' in html
    assert "Reported by 2 sources in 2 reports" in html and "Wire One, Wire Two" in html
    assert '<mark class="trigger" title="trigger">launched</mark>' in html  # the other outlet's sentence
    assert "why linked" in html and "same type ASSAULT" in html
    assert "USA-DEF" in html and "(said)" in html  # who claims it
    assert web_client.get("/events/999").status_code == 404
    assert web_client.get("/events/abc").status_code == 422


def test_web_article_page_highlights_every_event(web_client, web_store):
    pk = web_store.article("threat")["id"]
    html = web_client.get(f"/articles/{pk}").text
    assert '<span class="evidence" id="r3"' in html
    assert '<mark class="source" title="source">The United States</mark>' in html
    assert web_client.get("/articles/threat").status_code == 200  # by doc_id too
    assert web_client.get("/articles/nothing-here").status_code == 404


def test_web_untrusted_text_is_escaped_everywhere(web_client, web_store):
    report_id = _report(web_store, "hostile")
    pk = web_store.article("hostile")["id"]
    for path in ("/", "/events", f"/events/{report_id}", f"/articles/{pk}", "/network"):
        html = web_client.get(path).text
        assert "<script>" not in html and "<img" not in html and "<b>bold" not in html and "<i>title" not in html
        assert "<b>outlet" not in html and 'href="javascript:' not in html
    html = web_client.get(f"/events/{report_id}").text
    assert "&lt;script&gt;window.__pwned = 1; alert(1)&lt;/script&gt;" in html
    assert "Gunmen&#34;&gt;&lt;b&gt;bold&lt;/b&gt;" in html
    assert "javascript:alert(3)" in html  # shown as text, not linked
    csv = web_client.get("/api/export?format=csv")  # raw text, but as a download the browser never renders
    assert csv.headers["content-type"].startswith("text/csv") and csv.headers["x-content-type-options"] == "nosniff"
    assert csv.headers["content-disposition"].startswith("attachment")


def test_web_pages_send_a_strict_content_security_policy(web_client):
    headers = web_client.get("/").headers
    policy = headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"
    assert "script-src 'self';" in web_client.get("/docs").headers["content-security-policy"]
    assert "unsafe-inline" not in web_client.get("/api/events").headers["content-security-policy"]


def test_web_map_draws_outlines_and_points_by_quad_class(web_client):
    html = web_client.get("/map").text
    assert html.count("<path d=") > 150  # country outlines
    assert "<title>Iraq</title>" in html and "<title>Turkey</title>" in html
    assert html.count('class="quad-material_conflict"><title>') == 3  # Anbar (two reports, one event), Mosul, Zakho
    assert 'class="quad-verbal_cooperation"><title>Ankara' in html and 'class="quad-verbal_conflict"><title>Baghdad' in html
    assert "Anbar IRQ: 1 material conflict event, 2 sources" in html  # one event, two outlets
    zoomed = web_client.get("/map", params={"bbox": "25,10,65,45"}).text
    assert 'viewBox="203.00 43.25 44.00 38.50"' in zoomed
    assert web_client.get("/map", params={"bbox": "1,2,3"}).status_code == 422


def test_web_timeline_stacks_types_per_day_and_week(web_client):
    html = web_client.get("/timeline", params={"bucket": "day"}).text
    assert 'class="type-ASSAULT"' in html and 'class="type-THREATEN"' in html
    assert "2020-01-08: 1 ASSAULT" in html  # the linked strike counts once
    assert "1 matching reports dated coarser than a day" in html  # the hostile one has only a month
    weekly = web_client.get("/timeline", params={"bucket": "week", "type": "ASSAULT"}).text
    assert "2020-01-06 to 2020-01-12: 1 ASSAULT" in weekly and "THREATEN" not in weekly.split("<svg")[1]


def test_web_network_weights_and_colours_edges(web_client):
    html = web_client.get("/network").text
    assert re.search(r'<line [^>]*class="conflict"><title>IRN-MIL → USA-MIL: 1', html)
    assert re.search(r'<line [^>]*class="cooperation"><title>IRQ → TUR: 1', html)
    assert "<title>IRQ-COP: 1 events</title>" in html


def test_web_alerts_dyads_and_dyad_pages(web_client):
    alerts = web_client.get("/alerts").text
    assert "Escalation alerts" in alerts
    assert web_client.get("/alerts", params={"kind": "nope"}).status_code == 422
    dyads = web_client.get("/dyads").text
    assert "IRN - USA" in dyads and "<polyline points=" in dyads
    dyad = web_client.get("/dyads/USA-IRN").text
    assert "Week by week" in dyad and "THREATEN" in dyad and 'class="quad-material_conflict"' in dyad
    assert '<mark class="trigger" title="trigger">warned</mark>' in dyad
    assert web_client.get("/dyads/FRA-DEU").status_code == 404


def test_web_analyze_page_shows_events_and_highlights(web_client):
    assert "<textarea" in web_client.get("/analyze").text
    page = web_client.post("/analyze", data={"text": "Gunmen attacked a convoy <b>near</b> Hit.", "published": "2020-01-02"})
    assert page.status_code == 200
    assert '<mark class="trigger" title="trigger">attacked</mark>' in page.text and "&lt;b&gt;near" in page.text
    bad = web_client.post("/analyze", data={"text": "Gunmen attacked.", "published": "someday"})
    assert bad.status_code == 422 and "someday" in bad.text


def test_web_docs_serve_swagger_from_the_package(web_client):
    html = web_client.get("/docs").text
    assert 'src="/docs/assets/swagger-ui-bundle.js"' in html and 'src="/static/docs.js"' in html
    bundle = web_client.get("/docs/assets/swagger-ui-bundle.js")
    assert bundle.status_code == 200 and len(bundle.content) > 100_000
    assert web_client.get("/docs/assets/secrets.txt").status_code == 404
    schema = web_client.get("/api/openapi.json").json()
    assert {"/api/events", "/api/events/{report_id}", "/api/export", "/api/ingest"} <= set(schema["paths"])


def test_web_healthz_and_static(web_client):
    assert web_client.get("/healthz").json() == {"status": "ok"}
    css = web_client.get("/static/style.css")
    assert css.status_code == 200 and "mark.trigger" in css.text


def test_web_highlight_escapes_inside_and_outside_marks():
    html = highlight("a <b> & c", [(2, 5, "trigger"), (3, 4, "source"), (8, 9, "bogus")])
    assert str(html) == 'a <mark class="trigger" title="trigger">&lt;b&gt;</mark> &amp; c'


def test_web_highlight_article_wraps_sentences_and_skips_misplaced_ones():
    text = "One <i>x</i>. Two hit."
    payload = {"evidence": {"sentence": "Two hit.", "start": 14, "end": 22},
               "trigger": {"text": "hit", "start": 18, "end": 21}, "source": [], "target": []}
    wrong = {**payload, "evidence": {"sentence": "Nope", "start": 0, "end": 4}}
    html = str(highlight_article(text, [(7, payload), (8, wrong)]))
    assert html == ('One &lt;i&gt;x&lt;/i&gt;. <span class="evidence" id="r7" data-reports="7">Two '
                    '<mark class="trigger" title="trigger">hit</mark>.</span>')


def test_web_spans_with_wrong_offsets_are_not_marked():
    payload = {"evidence": {"sentence": "Troops left the town.", "start": 100, "end": 121},
               "trigger": {"text": "left", "start": 107, "end": 111},
               "source": [{"text": "Troops", "start": 0, "end": 6}],  # offsets from another sentence
               "target": [], "location": None, "date": None, "attribution": None}
    assert event_spans(payload) == [(7, 11, "trigger")]
    assert event_spans(payload, base=0) == [(107, 111, "trigger")]


@pytest.mark.parametrize(
    ("url", "expected"),
    [("https://example.org/a", "https://example.org/a"), ("HTTP://x.org", "HTTP://x.org"),
     ("javascript:alert(1)", None), (" data:text/html,x", None), ("", None), (None, None)],
    ids=["https", "http-upper", "javascript", "data", "empty", "none"],
)
def test_web_safe_href(url, expected):
    assert safe_href(url) == expected
