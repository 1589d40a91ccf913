"""The escalation watch: series, weights, the four alert kinds and their explanations, and `brinkwatch watch`.

Every event is built by hand (no spaCy). Scenarios are invented and only loosely follow real crises.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from click.testing import CliRunner

from brinkwatch.cli import cli
from brinkwatch.model import Actor, Article, Event, Evidence, Place, Span, TimeRef
from brinkwatch.store import Store
from brinkwatch.watch import Dyad, Watch, find_alerts, observe, sparkline, week_start
from brinkwatch.watch_alerts import poisson_tail

START = date(2019, 8, 5)  # a Monday

ACTORS = {
    "USA": Actor("Washington", 0, 10, actor_id="USA", name="United States", country="USA", sector="GOV"),
    "USA-MIL": Actor("US forces", 0, 9, actor_id="USA-MIL", name="US military", country="USA", sector="MIL"),
    "IRN": Actor("Tehran", 0, 6, actor_id="IRN", name="Iran", country="IRN", sector="GOV"),
    "KH": Actor("Kata'ib Hezbollah", 0, 17, actor_id="KH", name="Kata'ib Hezbollah", country="IRQ", sector="MIL"),
    "IRQ": Actor("Baghdad", 0, 7, actor_id="IRQ", name="Iraq", country="IRQ", sector="GOV"),
    "JPN": Actor("Tokyo", 0, 5, actor_id="JPN", name="Japan", country="JPN", sector="GOV"),
    "AUS": Actor("Canberra", 0, 8, actor_id="AUS", name="Australia", country="AUS", sector="GOV"),
    "IRQ-CVL": Actor("protesters", 0, 10, name="protesters", country="IRQ", sector="CVL"),
}
PLACES = {code: Place(code, 0, 3, name=code, country=code, precision="country") for code in ("IRQ", "IRN", "USA", "JPN")}
_counter = iter(range(1_000_000))


def ev(event_type: str, source: str | None, target: str | None, day: date | str, *, place: str | None = None,
       modality: str = "asserted", historical: bool = False, confidence: float = 1.0, doc: str | None = None,
       precision: str = "day", inferred_place: str | None = None, position: int = 0) -> Event:
    """A hand-built event; each gets its own article unless `doc` is given. An `inferred_place` is a
    location the resolver guessed without a name in the text."""
    n = next(_counter)
    value = day if isinstance(day, str) else day.isoformat()
    doc_id = doc or f"doc{n}"
    return Event(
        doc_id=doc_id, event_id=f"{doc_id}#{n}", event_type=event_type,
        trigger=Span("x", position, position + 1), evidence=Evidence(f"Sentence {n}.", 0, 12),
        source=(ACTORS[source],) if source else (), target=(ACTORS[target],) if target else (),
        location=PLACES[place] if place else
        Place("", 0, 0, name=inferred_place, country=inferred_place, precision="country") if inferred_place else None,
        date=TimeRef(None, value, precision, origin="published"),
        modality=modality, historical=historical, confidence=confidence,
    )


def calm(weeks: int = 20) -> list[Event]:
    """Japan and Australia talk and trade every week."""
    events = []
    for week in range(weeks):
        day = START + timedelta(weeks=week, days=1)
        events += [ev("CONSULT", "JPN", "AUS", day, place="JPN"), ev("AGREE", "AUS", "JPN", day + timedelta(days=2))]
    return events


# --- series and weights -------------------------------------------------------------------------------------

def test_watch_series_counts_by_quad_class_day_and_week():
    events = [
        ev("ASSAULT", "USA-MIL", "KH", "2019-12-29", place="IRQ", confidence=0.5),
        ev("ASSAULT", "USA-MIL", "KH", "2019-12-29", place="IRQ", confidence=1.0),
        ev("ACCUSE", "USA", "KH", "2019-12-28", confidence=0.8),
        ev("CONSULT", "USA", "IRQ", "2019-12-30"),
    ]
    series = Watch(events).series(level="country", directed=True)
    usa_irq = series[Dyad("country", "USA", "IRQ")]
    assert [b.start for b in usa_irq.days] == [date(2019, 12, 28), date(2019, 12, 29), date(2019, 12, 30)]
    assert usa_irq.days[1].count("material_conflict") == pytest.approx(1.5)
    assert usa_irq.days[1].intensity("material_conflict") == pytest.approx(1.5 * -9.6)
    assert [b.start for b in usa_irq.weeks] == [date(2019, 12, 23), date(2019, 12, 30)]
    assert usa_irq.weeks[0].count("verbal_conflict") == pytest.approx(0.8)
    assert usa_irq.weeks[0].events == 3
    assert usa_irq.weeks[1].count("verbal_cooperation") == pytest.approx(1.0)
    assert usa_irq.weeks[1].intensity() == pytest.approx(3.0)
    assert Dyad("country", "IRQ", "USA") not in series  # directed: nothing went that way
    actor = Watch(events).series(level="actor", directed=False)
    assert actor[Dyad.pair("actor", "KH", "USA-MIL")].days[0].count("material_conflict") == pytest.approx(1.5)


def test_watch_weighs_by_confidence_and_sources():
    first, second = ev("THREATEN", "IRN", "USA", "2019-12-31", confidence=0.5), ev("THREATEN", "IRN", "USA", "2019-12-31")
    observed = observe([first, second], sources={first.event_id: 4})
    assert [o.weight for o in observed] == [pytest.approx(2.0), pytest.approx(1.0)]
    assert all(o.quad_class == "verbal_conflict" for o in observed)  # a threat counts as a threat


def test_watch_leaves_out_non_asserted_historical_and_undated_events():
    events = [
        ev("ASSAULT", "USA-MIL", "IRN", "2019-12-30", modality="hypothetical"),
        ev("ASSAULT", "USA-MIL", "IRN", "2019-12-30", modality="negated"),
        ev("ASSAULT", "USA-MIL", "IRN", "2019-12-30", modality="future"),
        ev("ASSAULT", "USA-MIL", "IRN", "1988-07-03", historical=True),
        ev("ASSAULT", "USA-MIL", "IRN", "2019-12", precision="month"),
        ev("ASSAULT", "USA-MIL", "IRN", "2020-01-03"),
    ]
    observed = observe(events)
    assert [o.day for o in observed] == [date(2020, 1, 3)]


def test_watch_target_falls_back_to_a_foreign_place_at_country_level():
    watch = Watch([ev("ASSAULT", "IRN", None, "2020-01-08", place="IRQ")])
    assert Dyad("country", "IRN", "IRQ") in watch.series(level="country")
    assert not watch.series(level="actor")


def test_watch_weekly_values_and_sparkline():
    events = [ev("ASSAULT", "USA-MIL", "KH", START + timedelta(weeks=2), place="IRQ")]
    watch = Watch(events + calm(4))
    weekly = watch.weekly_conflict(Dyad.pair("country", "USA", "IRQ"))
    assert weekly == [0.0, 0.0, pytest.approx(9.6), 0.0]
    assert sparkline(weekly) == "▁▁█▁"
    assert sparkline([0, 0]) == "▁▁"
    assert week_start(date(2019, 12, 29)) == date(2019, 12, 23)


# --- alerts ------------------------------------------------------------------------------------------------------

def test_watch_poisson_tail():
    assert poisson_tail(0, 0.1) == 1.0
    assert poisson_tail(1, 0.1) == pytest.approx(0.0952, abs=1e-4)
    assert poisson_tail(2, 0.1) == pytest.approx(0.00468, abs=1e-5)


def test_watch_calm_dyads_raise_nothing():
    assert find_alerts(calm(26)) == []


def test_watch_break_above_baseline_fires_and_explains():
    events = calm(22)
    events += [ev("ASSAULT", "USA-MIL", "KH", "2019-12-27", place="IRQ", doc="a1"),
               ev("ASSAULT", "USA-MIL", "KH", "2019-12-29", place="IRQ", doc="a2"),
               ev("ASSAULT", "USA-MIL", "KH", "2019-12-29", place="IRQ", doc="a2"),
               ev("ACCUSE", "USA", "KH", "2019-12-28", doc="a3")]
    breaks = [a for a in find_alerts(events) if a.kind == "break"]
    assert len(breaks) == 1
    alert = breaks[0]
    assert alert.dyad == Dyad.pair("country", "USA", "IRQ")
    assert alert.severity == 3
    assert (alert.start, alert.end, alert.raised) == (date(2019, 12, 27), date(2019, 12, 29), date(2019, 12, 28))
    assert len(alert.event_ids) == 4
    assert alert.explanation == (
        "Since 27 Dec 2019: 3 ASSAULT events US military -> Kata'ib Hezbollah in Iraq, "
        "1 ACCUSE event United States -> Kata'ib Hezbollah. That is 4 conflict events between Iraq and "
        "the United States in the week of 23 Dec, from 3 articles, where the previous 12 weeks had none "
        "(odds of such a week: about 1 in 260,000).")


def test_watch_break_uses_median_and_mad_on_a_busy_pair():
    events = []
    for week in range(16):  # a pair in steady low conflict: 1 to 3 accusations a week
        day = START + timedelta(weeks=week)
        events += [ev("ACCUSE", "USA", "IRN", day + timedelta(days=i)) for i in range(1 + week % 3)]
    assert [a for a in find_alerts(events) if a.kind == "break"] == []
    spike = START + timedelta(weeks=16)
    events += [ev("ASSAULT", "USA-MIL", "IRN", spike + timedelta(days=i % 3)) for i in range(5)]
    breaks = [a for a in find_alerts(events) if a.kind == "break"]
    assert [b.start for b in breaks] == [spike]
    assert "an intensity of 48 where the previous 12 weeks had a median of 4" in breaks[0].explanation


def test_watch_break_needs_a_baseline():
    events = [ev("ASSAULT", "USA-MIL", "KH", START + timedelta(days=i), place="IRQ") for i in range(3)]
    assert [a for a in find_alerts(events) if a.kind == "break"] == []


def test_watch_ladder_fires_with_three_rungs_in_order():
    events = calm(22) + [
        ev("ACCUSE", "USA", "IRN", "2019-12-13"),
        ev("ACCUSE", "USA", "IRN", "2019-12-20"),
        ev("THREATEN", "USA", "IRN", "2019-12-31"),
        ev("ASSAULT", "USA-MIL", "IRN", "2020-01-03", place="IRQ"),
    ]
    ladders = [a for a in find_alerts(events) if a.kind == "ladder"]
    assert len(ladders) == 1
    alert = ladders[0]
    assert alert.dyad == Dyad.pair("country", "USA", "IRN")
    assert (alert.start, alert.raised, alert.severity) == (date(2019, 12, 13), date(2020, 1, 3), 2)
    assert alert.explanation == (
        "Iran and the United States climbed 3 rungs of the escalation ladder in 21 days: "
        "from 13 Dec 2019, 2 ACCUSE events United States -> Iran; "
        "then on 31 Dec 2019, 1 THREATEN event United States -> Iran; "
        "then on 3 Jan 2020, 1 ASSAULT event US military -> Iran in Iraq."
    )


def test_watch_ladder_stays_quiet_out_of_order_or_too_slow():
    backwards = [ev("ASSAULT", "USA-MIL", "IRN", "2019-12-01"), ev("THREATEN", "USA", "IRN", "2019-12-05"),
                 ev("ACCUSE", "USA", "IRN", "2019-12-09")]
    slow = [ev("ACCUSE", "USA", "IRN", "2019-08-10"), ev("THREATEN", "USA", "IRN", "2019-09-20"),
            ev("MOBILIZE", "USA", "IRN", "2019-11-01")]
    for events in (backwards, slow):
        assert [a for a in find_alerts(events) if a.kind == "ladder"] == []


def test_watch_ladder_raises_again_when_a_fourth_rung_is_climbed():
    events = [ev("ACCUSE", "USA", "IRN", "2019-12-01"), ev("THREATEN", "USA", "IRN", "2019-12-05"),
              ev("MOBILIZE", "USA", "IRN", "2019-12-09"), ev("MOBILIZE", "USA", "IRN", "2019-12-10"),
              ev("ASSAULT", "USA-MIL", "IRN", "2019-12-20")]
    ladders = [a for a in find_alerts(events) if a.kind == "ladder"]
    assert [(a.raised, a.severity) for a in ladders] == [(date(2019, 12, 9), 2), (date(2019, 12, 20), 3)]


def test_watch_ladder_orders_one_day_only_inside_one_article():
    base = calm(22)
    # The threat and the strike of 3 Jan come from two articles: their order is unknown, no ladder.
    apart = [ev("ACCUSE", "USA", "IRN", "2019-12-20"), ev("THREATEN", "IRN", "USA", "2020-01-03", doc="x1"),
             ev("ASSAULT", "USA-MIL", "IRN", "2020-01-03", doc="x2")]
    assert [a for a in find_alerts(base + apart) if a.kind == "ladder"] == []
    # Told in one article, the threat first: a ladder. Told the other way round: none.
    before = [ev("ACCUSE", "USA", "IRN", "2019-12-20"), ev("THREATEN", "IRN", "USA", "2020-01-03", doc="y", position=10),
              ev("ASSAULT", "USA-MIL", "IRN", "2020-01-03", doc="y", position=90)]
    after = [ev("ACCUSE", "USA", "IRN", "2019-12-20"), ev("THREATEN", "IRN", "USA", "2020-01-03", doc="z", position=90),
             ev("ASSAULT", "USA-MIL", "IRN", "2020-01-03", doc="z", position=10)]
    assert len([a for a in find_alerts(base + before) if a.kind == "ladder"]) == 1
    assert [a for a in find_alerts(base + after) if a.kind == "ladder"] == []


def test_watch_ignores_places_not_named_in_the_text():
    events = calm(22) + [
        ev("ASSAULT", "IRN", None, "2019-12-14", inferred_place="USA"),  # no target, place only guessed
        ev("ASSAULT", "USA-MIL", "IRN", "2020-01-03", inferred_place="IRQ"),
    ]
    watch = Watch(events)
    assert Dyad("country", "IRN", "USA") not in watch.series(level="country")
    assert [a.kind for a in watch.alerts()] == ["new_violence"]
    assert watch.alerts()[0].raised == date(2020, 1, 3)


def test_watch_new_violence_fires_once_after_enough_history():
    events = calm(22) + [ev("ACCUSE", "IRN", "USA", "2019-09-16"),
                         ev("ASSAULT", "IRN", "USA-MIL", "2020-01-08", place="IRQ", doc="b1"),
                         ev("ASSAULT", "IRN", "USA-MIL", "2020-01-08", place="IRQ", doc="b2"),
                         ev("ASSAULT", "IRN", "USA-MIL", "2020-01-20", place="IRQ", doc="b3")]
    new = [a for a in find_alerts(events) if a.kind == "new_violence"]
    assert len(new) == 1
    alert = new[0]
    assert (alert.raised, alert.severity, len(alert.event_ids)) == (date(2020, 1, 8), 3, 2)
    assert "First violence between Iran and the United States in data going back to 6 Aug 2019" in alert.explanation
    assert "2 ASSAULT events Iran -> US military in Iraq, from 8 Jan 2020 (2 articles)" in alert.explanation
    assert "after 1 earlier event between them (1 of conflict, none violent)" in alert.explanation
    # At the start of the data nothing is "new": there is no history to be new against.
    assert [a for a in find_alerts(events[-3:]) if a.kind == "new_violence"] == []


def test_watch_spillover_fires_on_third_country_soil_only():
    events = calm(22) + [ev("ASSAULT", "USA-MIL", "IRN", "2020-01-03", place="IRQ"),
                         ev("ASSAULT", "USA-MIL", "KH", "2019-12-29", place="IRQ"),  # KH is Iraqi: not spillover
                         ev("ASSAULT", "IRN", None, "2020-01-08", place="IRQ")]  # no target: not two actors
    spill = [a for a in find_alerts(events) if a.kind == "spillover"]
    assert [(a.dyad, a.raised, a.severity) for a in spill] == [(Dyad.pair("country", "USA", "IRN"), date(2020, 1, 3), 2)]
    assert spill[0].explanation == (
        "Iran and the United States in violence on the soil of Iraq, neither side's own: "
        "1 ASSAULT event US military -> Iran in Iraq, from 3 Jan 2020 (1 article).")
    assert spill[0].countries == ("IRN", "IRQ", "USA")


def test_watch_domestic_pairs_are_watched_at_actor_level():
    events = calm(22) + [ev("ASSAULT", "IRQ", "IRQ-CVL", "2019-10-0" + str(d), place="IRQ") for d in range(1, 6)]
    kinds = {(a.kind, a.dyad) for a in find_alerts(events)}
    assert ("new_violence", Dyad.pair("actor", "IRQ", "IRQ-CVL")) in kinds
    assert all(dyad.level == "actor" for _, dyad in kinds)


def test_watch_dyad_matches_either_order_and_hyphenated_keys():
    assert Dyad.pair("country", "USA", "IRN").matches("usa-irn")
    assert Dyad.pair("country", "USA", "IRN").matches("IRN-USA")
    assert Dyad.pair("actor", "KH", "USA-MIL").matches("USA-MIL-KH")
    assert not Dyad.pair("country", "USA", "IRN").matches("USA-IRQ")


# --- the command ---------------------------------------------------------------------------------------------

def _store(path, events: list[Event]) -> str:
    url = f"sqlite:///{path}"
    by_doc: dict[str, list[Event]] = {}
    for event in events:
        by_doc.setdefault(event.doc_id, []).append(event)
    with Store.open(url) as store:
        for doc_id, found in by_doc.items():
            store.save_article(Article(doc_id, f"text of {doc_id}"), found, coder_version="test")
    return url


def _crisis() -> list[Event]:
    return calm(22) + [
        ev("ACCUSE", "USA", "IRN", "2019-12-13"), ev("THREATEN", "USA", "IRN", "2019-12-31"),
        ev("ASSAULT", "USA-MIL", "IRN", "2020-01-03", place="IRQ"),
        ev("ASSAULT", "USA-MIL", "IRN", "2020-01-03", place="IRQ"),
    ]


def test_watch_command_prints_a_table_with_sparklines(tmp_path):
    url = _store(tmp_path / "w.db", _crisis())
    result = CliRunner().invoke(cli, ["watch", "--db", url])
    assert result.exit_code == 0, result.output
    assert "IRN - USA (country)" in result.output
    assert "█" in result.output and "ladder" in result.output and "spillover" in result.output
    assert "JPN" not in result.output


def test_watch_command_filters_and_writes_jsonl(tmp_path):
    url = _store(tmp_path / "w.db", _crisis())
    runner = CliRunner()
    lines = runner.invoke(cli, ["watch", "--db", url, "--format", "jsonl", "--dyad", "USA-IRN"]).stdout.splitlines()
    alerts = [json.loads(line) for line in lines]
    assert {a["kind"] for a in alerts} >= {"ladder", "spillover"}
    assert all(a["dyad"] == "IRN - USA" for a in alerts)
    assert runner.invoke(cli, ["watch", "--db", url, "--format", "jsonl", "--country", "JPN"]).stdout == ""
    late = runner.invoke(cli, ["watch", "--db", url, "--format", "jsonl", "--since", "2020-02"])
    assert late.exit_code == 0 and late.stdout == ""
    bad = runner.invoke(cli, ["watch", "--db", url, "--since", "last week"])
    assert bad.exit_code != 0


def test_watch_command_follow_prints_only_new_alerts_and_stops_on_ctrl_c(tmp_path, monkeypatch):
    url = _store(tmp_path / "w.db", calm(22) + [ev("ACCUSE", "USA", "IRN", "2019-12-13")])
    sleeps = []

    def fake_sleep(seconds: float) -> None:
        sleeps.append(seconds)
        if len(sleeps) == 1:  # while the command waits, new articles arrive
            _store(tmp_path / "w.db", [ev("THREATEN", "USA", "IRN", "2019-12-31"),
                                       ev("ASSAULT", "USA-MIL", "IRN", "2020-01-03", place="IRQ")])
        else:
            raise KeyboardInterrupt

    monkeypatch.setattr("time.sleep", fake_sleep)
    result = CliRunner().invoke(cli, ["watch", "--db", url, "--format", "jsonl", "--follow", "--interval", "5"])
    assert result.exit_code == 0, result.output
    assert sleeps == [5, 5]
    kinds = [json.loads(line)["kind"] for line in result.stdout.splitlines()]
    assert sorted(kinds) == ["break", "ladder", "new_violence", "spillover"]


def test_watch_http_api_lists_alerts_and_a_pair_series(tmp_path):
    from fastapi.testclient import TestClient

    from brinkwatch.web import create_app

    url = _store(tmp_path / "w.db", _crisis())
    with Store.open(url) as store, TestClient(create_app(store)) as client:
        alerts = client.get("/api/alerts", params={"dyad": "USA-IRN"}).json()
        assert {a["kind"] for a in alerts} >= {"ladder", "spillover"}
        assert client.get("/api/alerts", params={"country": "JPN"}).json() == []
        assert client.get("/api/alerts", params={"since": "soon"}).status_code == 422
        pair = client.get("/api/dyads/IRN-USA").json()
        assert pair["dyad"] == "IRN - USA" and pair["alerts"]
        assert pair["weeks"][-1]["counts"]["material_conflict"] == pytest.approx(2.0)
        assert client.get("/api/dyads/FRA-DEU").status_code == 404


def test_watch_pairs_cooperating_sources_but_not_allies_in_conflict():
    met = ev("CONSULT", "JPN", None, "2019-10-12")
    met = Event(**{**{f: getattr(met, f) for f in met.__slots__}, "source": (ACTORS["JPN"], ACTORS["AUS"])})
    struck = ev("ASSAULT", "USA-MIL", None, "2019-10-12")
    struck = Event(**{**{f: getattr(struck, f) for f in struck.__slots__}, "source": (ACTORS["USA-MIL"], ACTORS["IRQ"])})
    series = Watch([met, struck]).series(level="country")
    assert list(series) == [Dyad("country", "JPN", "AUS")]
