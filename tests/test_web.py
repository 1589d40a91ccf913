"""The dashboard and HTTP API, through FastAPI's test client, over a small SQLite store."""

from __future__ import annotations

import warnings

import pytest

import brinkwatch.web
from brinkwatch.model import Actor, Article, Event, Evidence, Place, Span, TimeRef
from brinkwatch.store import Store
from brinkwatch.web import create_app
from brinkwatch.web.app import event_spans, highlight, safe_href

# starlette 0.49's test client names anyio.abc.BlockingPortal, deprecated in anyio 4.16; only on import.
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", "The anyio.abc.BlockingPortal alias", DeprecationWarning)
    from fastapi.testclient import TestClient

SAFE = "Border guards arrested two smugglers near Zakho on 5 May 2023."
# Untrusted text trying to run script in the page, in the sentence and in an actor's name.
HOSTILE = 'Gunmen <script>alert(1)</script> attacked <img src=x onerror=alert(2)> a checkpoint in Mosul.'


def _at(text: str, piece: str) -> tuple[str, int, int]:
    start = text.index(piece)
    return piece, start, start + len(piece)


def _whole(text: str) -> Evidence:
    return Evidence(text, 0, len(text))


@pytest.fixture
def store(tmp_path):
    opened = Store.open(str(tmp_path / "web.db"))
    arrest = Event(
        doc_id="safe", event_id="safe:0", event_type="COERCE", mode="arrest", trigger=Span(*_at(SAFE, "arrested")),
        evidence=_whole(SAFE), source=(Actor(*_at(SAFE, "Border guards"), name="Border Guards", country="IRQ",
                                             sector="COP"),),
        target=(Actor(*_at(SAFE, "two smugglers"), name="Smugglers", country="IRQ", sector="CRM"),),
        location=Place(*_at(SAFE, "Zakho"), name="Zakho", lat=37.14, lon=42.68, country="IRQ"),
        date=TimeRef("5 May 2023", "2023-05-05", "day", *_at(SAFE, "5 May 2023")[1:]),
    )
    opened.save_article(Article(id="safe", text=SAFE, title="Arrests at the border", url="https://example.org/z"),
                        [arrest], coder_version="0.1.0")
    attack = Event(
        doc_id="hostile", event_id="hostile:0", event_type="ASSAULT", trigger=Span(*_at(HOSTILE, "attacked")),
        evidence=_whole(HOSTILE),
        source=(Actor(*_at(HOSTILE, "Gunmen"), name='Gunmen"><b>bold</b>', country="IRQ", sector="REB"),),
        location=Place(*_at(HOSTILE, "Mosul"), name="Mosul", country="IRQ"),
        date=TimeRef(None, "2023-06", "month", origin="published"), modality="hypothetical",
    )
    opened.save_article(Article(id="hostile", text=HOSTILE, title="<i>title</i>", url="javascript:alert(3)"),
                        [attack], coder_version="0.1.0")
    yield opened
    opened.close()


@pytest.fixture
def client(store):
    with TestClient(create_app(store)) as test_client:
        yield test_client


def test_web_all_is_sorted():
    assert brinkwatch.web.__all__ == sorted(brinkwatch.web.__all__)


def test_web_dashboard_shows_counts_types_dyads_and_events(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert "COERCE" in html and "ASSAULT" in html
    assert "IRQ-COP" in html and "IRQ-CRM" in html  # the busiest dyad
    assert '<mark class="trigger" title="trigger">arrested</mark>' in html
    assert '<mark class="source" title="source">Border guards</mark>' in html
    assert '<mark class="place" title="place">Zakho</mark>' in html
    assert 'href="/static/style.css"' in html
    assert "http://" not in html.replace("http://testserver", "") and "https://" not in html  # no CDN


def test_web_dashboard_filters_and_rejects_bad_values(client):
    assert "Zakho" not in client.get("/", params={"type": "ASSAULT", "actor": ""}).text
    bad = client.get("/", params={"since": "last week"})
    assert bad.status_code == 422 and "last week" in bad.text


def test_web_untrusted_text_is_escaped(client, store):
    report_id = store.event_rows(type="ASSAULT")[0]["report_id"]
    for html in (client.get("/").text, client.get(f"/events/{report_id}").text):
        assert "<script>" not in html and "<img" not in html and "<b>bold" not in html and "<i>title" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "&lt;img src=x onerror=alert(2)&gt;" in html
    event_page = client.get(f"/events/{report_id}").text
    assert "Gunmen&#34;&gt;&lt;b&gt;bold&lt;/b&gt;" in event_page
    assert 'href="javascript:' not in event_page and "javascript:alert(3)" in event_page  # shown, not linked


def test_web_pages_send_a_strict_content_security_policy(client):
    policy = client.get("/").headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    assert client.get("/").headers["x-content-type-options"] == "nosniff"


def test_web_event_page_and_404(client, store):
    report_id = store.event_rows(type="COERCE")[0]["report_id"]
    page = client.get(f"/events/{report_id}")
    assert page.status_code == 200
    assert "Arrests at the border" in page.text and "Border Guards" in page.text
    assert 'href="https://example.org/z"' in page.text
    assert client.get("/events/999").status_code == 404
    assert client.get("/events/abc").status_code == 422


@pytest.mark.parametrize(
    ("params", "expected"),
    [({}, ["safe:0", "hostile:0"]), ({"type": "coerce"}, ["safe:0"]), ({"actor": "border guards"}, ["safe:0"]),
     ({"country": "IRQ", "since": "2023-06"}, ["hostile:0"]), ({"until": "2023-05"}, ["safe:0"]),
     ({"modality": "hypothetical"}, ["hostile:0"]), ({"limit": 1, "offset": 1}, ["hostile:0"]),
     ({"country": "TUR"}, [])],
    ids=["all", "type", "actor", "country-since", "until", "modality", "page", "none"],
)
def test_web_api_events_filters(client, params, expected):
    response = client.get("/api/events", params=params)
    assert response.status_code == 200
    assert [event["event_id"] for event in response.json()] == expected


def test_web_api_events_follow_the_output_contract(client, store):
    api = client.get("/api/events", params={"type": "COERCE"}).json()[0]
    original = store.events(type="COERCE")[0].to_dict()
    assert {key: value for key, value in api.items() if key != "report_id"} == original
    assert client.get(f"/api/events/{api['report_id']}").json() == api


@pytest.mark.parametrize(
    ("name", "value"),
    [("since", "yesterday"), ("until", "2023/05/01"), ("type", "BOMBING"), ("country", "Iraq"),
     ("modality", "perhaps"), ("limit", "-1"), ("limit", "5000"), ("offset", "x")],
    ids=["since", "until", "type", "country", "modality", "limit-negative", "limit-large", "offset"],
)
def test_web_api_bad_filter_is_422_naming_the_parameter(client, name, value):
    response = client.get("/api/events", params={name: value})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", name]


def test_web_api_unknown_event_is_404(client):
    response = client.get("/api/events/12345")
    assert response.status_code == 404 and "12345" in response.json()["detail"]


def test_web_api_summary(client):
    summary = client.get("/api/summary").json()
    assert (summary["articles"], summary["reports"], summary["failures"]) == (2, 2, 0)
    assert summary["by_type"] == {"ASSAULT": 1, "COERCE": 1}
    assert summary["dyads"] == [["IRQ-COP", "IRQ-CRM", 1]]


def test_web_healthz_and_static(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    css = client.get("/static/style.css")
    assert css.status_code == 200 and "mark.trigger" in css.text


def test_web_highlight_escapes_inside_and_outside_marks():
    html = highlight("a <b> & c", [(2, 5, "trigger"), (3, 4, "source"), (8, 9, "bogus")])
    assert str(html) == 'a <mark class="trigger" title="trigger">&lt;b&gt;</mark> &amp; c'


def test_web_spans_with_wrong_offsets_are_not_marked():
    payload = {"evidence": {"sentence": "Troops left the town.", "start": 100, "end": 121},
               "trigger": {"text": "left", "start": 107, "end": 111},
               "source": [{"text": "Troops", "start": 0, "end": 6}],  # offsets from another sentence
               "target": [], "location": None, "date": None, "attribution": None}
    assert event_spans(payload) == [(7, 11, "trigger")]


@pytest.mark.parametrize(
    ("url", "expected"),
    [("https://example.org/a", "https://example.org/a"), ("HTTP://x.org", "HTTP://x.org"),
     ("javascript:alert(1)", None), (" data:text/html,x", None), ("", None), (None, None)],
    ids=["https", "http-upper", "javascript", "data", "empty", "none"],
)
def test_web_safe_href(url, expected):
    assert safe_href(url) == expected
