"""Shared fixtures. The spaCy model is loaded once per session: tests that need it are real tests."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(scope="session")
def nlp():
    from brinkwatch.nlp import load_model

    return load_model()


# -- the web app (test_web*.py) ------------------------------------------------------------------------
# A small store of our own sentences: two outlets reporting one strike (linked), a threat, talks, an arrest,
# and one hostile article whose text, title, actor name and URL try to run script in the page.

WEB_HOSTILE = ('Gunmen <script>window.__pwned = 1; alert(1)</script> attacked <img src=x onerror="window.__pwned=2"> '
               'a checkpoint in Mosul. <a href="javascript:window.__pwned=3">More</a>')


def _at(text: str, piece: str) -> tuple[str, int, int]:
    start = text.index(piece)
    return piece, start, start + len(piece)


def web_event(doc_id: str, text: str, event_type: str, trigger: str, *, source=None, target=None, place=None,
              date=None, modality: str = "asserted", attribution=None, mode=None, confidence: float = 0.8):
    """One event of a one-sentence article: `source`/`target` (piece, actor_id, country, sector), `place`
    (piece, name, lat, lon, country), `date` (piece, value), `attribution` (piece, actor_id, country, verb)."""
    from brinkwatch.model import Actor, Attribution, Event, Evidence, Place, Span, TimeRef

    def actor(spec):
        piece, actor_id, country, sector = spec
        return Actor(*_at(text, piece), actor_id=actor_id, name=actor_id, country=country, sector=sector)

    claim = None
    if attribution:
        claim = Attribution(actor(attribution[:3] + (None,)), attribution[3])
    return Event(
        doc_id=doc_id, event_id=f"{doc_id}#0", event_type=event_type, trigger=Span(*_at(text, trigger)),
        evidence=Evidence(text, 0, len(text)), mode=mode,
        source=(actor(source),) if source else (), target=(actor(target),) if target else (),
        location=Place(*_at(text, place[0]), name=place[1], lat=place[2], lon=place[3], country=place[4]) if place else None,
        date=TimeRef(date[0], date[1], "day", *_at(text, date[0])[1:]) if date else None,
        modality=modality, attribution=claim, confidence=confidence,
    )


def fill_web_store(store) -> None:
    from brinkwatch.model import Actor, Article, Event, TimeRef

    strike_a = "Iranian forces fired missiles at a US base in Anbar on 8 January 2020, the Pentagon said."
    strike_b = "Iranian forces launched missiles at a US base in Anbar on 8 January 2020."
    threat = "The United States warned Iran of a harsh response in Baghdad on 30 December 2019."
    talks = "Iraqi officials met Turkish diplomats in Ankara on 2 November 2019."
    arrest = "Border guards arrested two smugglers near Zakho on 5 May 2023."
    strike = dict(source=("Iranian forces", "IRN-MIL", "IRN", "military"), target=("a US base", "USA-MIL", "USA", "military"),
                  place=("Anbar", "Anbar", 33.4, 42.2, "IRQ"), date=("8 January 2020", "2020-01-08"), mode="missile")
    items = [
        (Article(id="strike-a", text=strike_a, title="Missiles hit base", published="2020-01-08", source="Wire One",
                 url="https://example.org/a"),
         [web_event("strike-a", strike_a, "ASSAULT", "fired", attribution=("the Pentagon", "USA-DEF", "USA", "said"), **strike)]),
        (Article(id="strike-b", text=strike_b, title="Iran strikes back", published="2020-01-08", source="Wire Two",
                 url="https://example.org/b"),
         [web_event("strike-b", strike_b, "ASSAULT", "launched", **strike)]),
        (Article(id="threat", text=threat, title="A warning", published="2019-12-30", source="Wire One"),
         [web_event("threat", threat, "THREATEN", "warned", source=("The United States", "USA", "USA", "government"),
                    target=("Iran", "IRN", "IRN", "government"), place=("Baghdad", "Baghdad", 33.34, 44.40, "IRQ"),
                    date=("30 December 2019", "2019-12-30"))]),
        (Article(id="talks", text=talks, title="Talks in Ankara", published="2019-11-02", source="Wire Two"),
         [web_event("talks", talks, "CONSULT", "met", source=("Iraqi officials", "IRQ", "IRQ", "government"),
                    target=("Turkish diplomats", "TUR", "TUR", "government"), place=("Ankara", "Ankara", 39.93, 32.86, "TUR"),
                    date=("2 November 2019", "2019-11-02"))]),
        (Article(id="arrest", text=arrest, title="Arrests at the border", published="2023-05-05", source="Wire Three",
                 url="https://example.org/z"),
         [web_event("arrest", arrest, "COERCE", "arrested", source=("Border guards", "IRQ-COP", "IRQ", "police"),
                    target=("two smugglers", "IRQ-CRM", "IRQ", "criminals"), place=("Zakho", "Zakho", 37.14, 42.68, "IRQ"),
                    date=("5 May 2023", "2023-05-05"), mode="arrest")]),
    ]
    hostile = web_event("hostile", WEB_HOSTILE, "ASSAULT", "attacked", source=("Gunmen", "IRQ-REB", "IRQ", "rebels"),
                        place=("Mosul", "Mosul", 36.34, 43.13, "IRQ"), modality="hypothetical")
    gunmen = Actor(*_at(WEB_HOSTILE, "Gunmen"), name='Gunmen"><b>bold</b>', country="IRQ", sector="REB")
    hostile = Event(**{**{f: getattr(hostile, f) for f in hostile.__slots__}, "source": (gunmen,),
                       "date": TimeRef(None, "2023-06", "month", origin="published")})
    items.append((Article(id="hostile", text=WEB_HOSTILE, title="<i>title</i>", url="javascript:alert(3)",
                          source="<b>outlet</b>"), [hostile]))
    for article, found in items:
        store.save_article(article, found, coder_version="0.1.0")


WEB_POSTGRES_URL = os.environ.get("BRINKWATCH_TEST_POSTGRES_URL")


@pytest.fixture(params=["sqlite", "postgresql"] if WEB_POSTGRES_URL else ["sqlite"])
def web_store(request, tmp_path):
    """The web tests' store, on SQLite, and also on PostgreSQL when a scratch database is named."""
    from sqlalchemy import text

    from brinkwatch.store import Store

    if request.param == "sqlite":
        opened = Store.open(str(tmp_path / "web.db"))
    else:
        opened = Store.open(WEB_POSTGRES_URL)
        with opened.engine.begin() as conn:
            conn.execute(text("TRUNCATE articles, reports, report_actors, events, failures, runs RESTART IDENTITY CASCADE"))
    fill_web_store(opened)
    yield opened
    opened.close()


@pytest.fixture
def web_client(web_store):
    import warnings

    # starlette 0.49's test client names anyio.abc.BlockingPortal, deprecated in anyio 4.16; only on import.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "The anyio.abc.BlockingPortal alias", DeprecationWarning)
        from fastapi.testclient import TestClient

    from brinkwatch.web import create_app

    with TestClient(create_app(web_store, pipeline_factory=FakePipeline)) as client:
        yield client


class FakePipeline:
    """Stands in for the extraction pipeline in API tests: one ASSAULT on the first "attacked" of a text.
    The real pipeline runs in test_web_browser.py and in test_web_api_analyze_with_the_model."""

    coder_version = "0.1.0"

    def run(self, article):
        from brinkwatch.model import Event, Evidence, Span

        at = article.text.find("attacked")
        if at < 0:
            return []
        return [Event(doc_id=article.id, event_id=f"{article.id}#0", event_type="ASSAULT",
                      trigger=Span("attacked", at, at + 8), evidence=Evidence(article.text, 0, len(article.text)))]


@pytest.fixture(scope="session")
def web_pipeline():
    """The real extraction pipeline, loaded once for the web tests that run it."""
    from brinkwatch.pipeline import Pipeline

    return Pipeline.from_settings()


@pytest.fixture(scope="session")
def base():
    """The packaged actor knowledge base, loaded once."""
    from brinkwatch.actors import ActorBase

    return ActorBase.load()


@pytest.fixture(scope="session")
def resolver(base):
    from brinkwatch.actors import ActorResolver

    return ActorResolver(base)
