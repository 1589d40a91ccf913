"""Cross-article linking rules, on hand-built reports (no spaCy): what links, and near-misses that must not."""

from __future__ import annotations

import dataclasses

import pytest

from brinkwatch.link import LINK_THRESHOLD, LinkDecision, actor_match, date_span, decide, linkable, text_similarity
from brinkwatch.model import Actor, Event, Evidence, Place, Span, TimeRef

# Our own invented sentences; offsets are not checked by the link rules, so each actor spans its own name.
RAMADI = (33.4258, 43.2992)
HIT = (33.6416, 42.8251)  # about 50 km from Ramadi
FALLUJAH = (33.3494, 43.7861)  # about 46 km from Ramadi
KHALIDIYA = (33.3780, 43.5560)  # about 24 km from Ramadi


def actor(name: str, actor_id: str | None = None, country: str | None = None, sector: str | None = None) -> Actor:
    return Actor(name, 0, len(name), actor_id=actor_id, name=name, country=country, sector=sector)


MILITIA = actor("Kataib Hezbollah", "KH", "IRQ", "militia")
US_MILITARY = actor("US forces", "USA-MIL", "USA", "military")
IRAQI_ARMY = actor("Iraqi army", "IRQ-MIL", "IRQ", "military")
IRAQI_POLICE = actor("Iraqi police", "IRQ-COP", "IRQ", "police")
REBELS = actor("rebels", "IRQ-REB", "IRQ", "rebel")


def place(name: str, point: tuple[float, float] | None = None, precision: str = "city", country: str = "IRQ",
          admin1: str | None = "Anbar") -> Place:
    lat, lon = point if point else (None, None)
    return Place(name, 0, len(name), name=name, lat=lat, lon=lon, country=country, admin1=admin1, precision=precision)


def report(doc: str, sentence: str = "Militia rockets struck a base used by US forces near Ramadi.", *,
           event_type: str = "ASSAULT", mode: str | None = "heavy-weapons",
           source: tuple[Actor, ...] = (MILITIA,), target: tuple[Actor, ...] = (US_MILITARY,),
           where: Place | None = None, day: str = "2020-03-11", precision: str = "day", origin: str = "text",
           **changes) -> Event:
    return Event(
        doc_id=doc, event_id=f"{doc}:0", event_type=event_type, mode=mode, trigger=Span("struck", 0, 6),
        evidence=Evidence(sentence, 0, len(sentence)), source=source, target=target,
        location=where if where is not None else place("Ramadi", RAMADI),
        date=TimeRef(None, day, precision, origin=origin), **changes,
    )


def test_link_same_strike_from_two_outlets():
    first = report("wire-a")
    second = report("wire-b", "Rockets fired by Kataib Hezbollah hit US troops at a base outside Ramadi on Wednesday.",
                    where=place("Ramadi", (33.44, 43.31)))
    decision = decide(first, second)
    assert decision.same and not decision.vetoed
    assert decision.score >= 0.8
    assert decision.reasons[0] == "same type ASSAULT"
    assert any(reason.startswith("actors +1.00") for reason in decision.reasons)
    assert decide(second, first).same  # symmetric


def test_link_decision_is_a_frozen_value():
    decision = decide(report("a"), report("b"))
    assert isinstance(decision, LinkDecision) and isinstance(decision.reasons, tuple)
    with pytest.raises(dataclasses.FrozenInstanceError):
        decision.same = False  # type: ignore[misc]


def test_link_assault_modes_may_differ():
    decision = decide(report("a", mode="drone"), report("b", mode="aerial"))
    assert decision.same
    assert any("allowed for ASSAULT" in reason for reason in decision.reasons)


def test_link_other_modes_of_other_types_count_against():
    arrest = report("a", event_type="COERCE", mode="arrest", source=(IRAQI_POLICE,), target=(REBELS,))
    curfew = dataclasses.replace(arrest, doc_id="b", mode="curfew")
    assert decide(arrest, curfew).score < decide(arrest, dataclasses.replace(arrest, doc_id="b")).score


def test_link_other_type_never_links():
    decision = decide(report("a"), report("b", event_type="THREATEN"))
    assert not decision.same and decision.vetoed
    assert "types differ" in decision.reasons[0]


@pytest.mark.parametrize("changes", [{"modality": "hypothetical"}, {"modality": "negated"}, {"historical": True}],
                         ids=["hypothetical", "negated", "historical"])
def test_link_only_asserted_current_reports(changes):
    other = report("b", **changes)
    assert not linkable(other)
    decision = decide(report("a"), other)
    assert not decision.same and decision.vetoed
    assert "only asserted, non-historical reports link" in decision.reasons[0]


def test_link_same_day_other_town_stays_apart():
    decision = decide(report("a", where=place("Ramadi", RAMADI)), report("b", where=place("Hit", HIT)))
    assert not decision.same and decision.vetoed
    assert any("km apart" in reason and "rules the link out" in reason for reason in decision.reasons)


def test_link_differently_named_towns_need_to_be_close():
    near = decide(report("a", where=place("Ramadi", RAMADI)), report("b", where=place("Khalidiya", KHALIDIYA)))
    assert not near.same  # 24 km: two towns, not one place read twice
    same_name = decide(report("a", where=place("Ramadi", RAMADI)), report("b", where=place("Ramadi", KHALIDIYA)))
    assert same_name.same  # one name geocoded 24 km apart is within a city's 50 km


def test_link_admin1_places_within_200_km():
    anbar = place("Anbar", RAMADI, precision="admin1")
    assert decide(report("a", where=anbar), report("b", where=place("Fallujah", FALLUJAH))).same
    basra = place("Basra", (30.5085, 47.7804), admin1="Basra")
    assert decide(report("a", where=anbar), report("b", where=basra)).vetoed


def test_link_country_places_are_weak_evidence():
    iraq = place("Iraq", precision="country", admin1=None)
    weak = decide(report("a", where=iraq, source=(), target=()), report("b", where=iraq, source=(), target=()))
    assert not weak.same  # only a country and a day in common
    assert any("same country, weak" in reason for reason in weak.reasons)
    syria = place("Syria", precision="country", country="SYR", admin1=None)
    assert decide(report("a", where=iraq), report("b", where=syria)).vetoed


def test_link_country_wide_place_elsewhere_counts_against_without_veto():
    iran = place("Iran", precision="country", country="IRN", admin1=None)
    decision = decide(report("a"), report("b", where=iran))
    assert not decision.vetoed
    assert any("country-wide place in another country" in reason for reason in decision.reasons)


def test_link_strike_and_retaliation_stay_apart():
    strike = report("a", source=(MILITIA,), target=(US_MILITARY,))
    answer = report("b", "US aircraft bombed Kataib Hezbollah near Ramadi in retaliation.", mode="aerial",
                    source=(US_MILITARY,), target=(MILITIA,))
    decision = decide(strike, answer)
    assert not decision.same and decision.vetoed
    assert any("swapped" in reason for reason in decision.reasons)


def test_link_retaliation_with_one_side_unknown_stays_apart():
    answer = report("b", source=(US_MILITARY,), target=())
    assert decide(report("a"), answer).vetoed


def test_link_victim_striking_back_stays_apart_when_the_attacker_is_unknown():
    rockets = report("a", "Rockets hit US troops near Ramadi.", source=(), target=(US_MILITARY, IRAQI_ARMY))
    reprisal = report("b", "US jets struck the Iraqi army's attackers near Ramadi.", mode="aerial",
                      source=(US_MILITARY,), target=(IRAQI_ARMY,))
    decision = decide(rockets, reprisal)
    assert decision.vetoed
    assert any("target is the other's source" in reason for reason in decision.reasons)


def test_link_same_place_other_week_stays_apart():
    decision = decide(report("a", day="2020-03-11"), report("b", day="2020-03-18"))
    assert not decision.same and decision.vetoed
    assert any("7 days apart" in reason for reason in decision.reasons)


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        (("2020-03-11", "day", "text"), ("2020-03-12", "day", "text"), True),
        (("2020-03-11", "day", "text"), ("2020-03-13", "day", "text"), False),
        (("2020-03-11", "day", "text"), ("2020-03-14", "day", "published"), True),
        (("2020-03-11", "day", "text"), ("2020-03-15", "day", "published"), False),
        (("2020-03-09", "week", "text"), ("2020-03-15", "day", "text"), True),
        (("2020-03", "month", "text"), ("2020-03-31", "day", "text"), True),
        (("2020-03", "month", "text"), ("2020-04-03", "day", "text"), False),
    ],
    ids=["day-next", "day-two-apart", "published-three", "published-four", "week", "month", "month-after"],
)
def test_link_date_window_depends_on_precision(first, second, same):
    a = report("a", day=first[0], precision=first[1], origin=first[2])
    b = report("b", day=second[0], precision=second[1], origin=second[2])
    assert decide(a, b).vetoed is not same


def test_link_date_span():
    assert [str(d) for d in date_span(TimeRef(None, "2020-02", "month"))] == ["2020-02-01", "2020-02-29"]
    assert [str(d) for d in date_span(TimeRef(None, "2020-03-09", "week"))] == ["2020-03-09", "2020-03-15"]
    assert [str(d) for d in date_span(TimeRef(None, "2019", "year"))] == ["2019-01-01", "2019-12-31"]


def test_link_two_forces_of_one_state_are_related_but_a_state_and_rebels_are_not():
    police = report("b", source=(IRAQI_POLICE,), target=(REBELS,))
    army = report("a", source=(IRAQI_ARMY,), target=(REBELS,))
    assert decide(army, police).same
    against_rebels = report("c", source=(REBELS,), target=(IRAQI_ARMY,))
    assert decide(army, against_rebels).vetoed  # swapped


def test_link_actor_family_ids():
    commander = actor("a PMF commander", "PMF-MUHANDIS", "IRQ", "militia")
    pmf = actor("the PMF", "PMF", "IRQ", "militia")
    assert decide(report("a", target=(commander,)), report("b", target=(pmf,))).same


def test_link_actor_named_group_is_not_the_state_it_governs_beside():
    """The Houthis coded as Yemen's (de facto) government are not surely Yemen's recognised government."""
    houthis = actor("the Houthis", "HOUTHI", "YEM", "government")
    government = actor("the Yemeni government", "YEM-GOV", "YEM", "government")
    hadi = actor("President Hadi", "YEM-HADI", "YEM", "government")
    assert actor_match(houthis, government) == 0.6
    assert actor_match(houthis, hadi) == 0.6
    assert actor_match(hadi, government) == 1.0  # an office-holder stands for the state organ
    assert actor_match(houthis, actor("the Houthi movement", "HOUTHI", "YEM", "government")) == 1.0
    assert actor_match(houthis, actor("Yemen", "YEM", "YEM", "government")) == 0.6
    pmf = actor("the PMF", "PMF", "IRQ", "militia")
    assert actor_match(pmf, actor("Iraqi militias", "IRQ-UAF", "IRQ", "militia")) == 1.0  # a class it belongs to
    assert actor_match(pmf, actor("Kataib Hezbollah", "KH", "IRQ", "militia")) == 0.5  # faction or rival


def test_link_unresolved_actors_alone_do_not_link():
    gunmen = actor("gunmen")
    village = actor("villagers")
    first = report("a", "Gunmen attacked villagers on Monday.", source=(gunmen,), target=(village,), where=None)
    second = report("b", "Gunmen attacked villagers on Monday.", source=(gunmen,), target=(village,), where=None)
    first = dataclasses.replace(first, location=None)
    second = dataclasses.replace(second, location=None)
    decision = decide(first, second)
    assert not decision.same
    assert decision.score >= LINK_THRESHOLD  # the words agree, but nothing resolved confirms who or where
    assert any("neither a resolved actor nor the place" in reason for reason in decision.reasons)


def test_link_text_similarity():
    assert text_similarity("Rockets hit the base.", "Rockets hit the base.") == 1.0
    assert text_similarity("Rockets hit the base.", "Talks resumed in Doha.") == 0.0
    assert 0 < text_similarity("Rockets hit the base near Ramadi.", "Rockets struck Ramadi.") < 1
    assert text_similarity("", "anything") == 0.0


def test_link_unresolved_actors_sharing_a_name_match_weakly():
    first = actor("the Ain al-Asad air base")
    second = actor("the Ain al-Asad base")
    assert actor_match(first, second) == 0.5
    assert actor_match(actor("the base"), actor("the camp")) is None


def test_link_a_fallback_country_is_no_counter_evidence():
    """A report whose place is only the coder's fallback country (no text) neither supports nor contradicts."""
    from brinkwatch.link import _place
    base = Place("Ain al-Asad", 0, 11, "Ain al-Asad", 33.8, 42.44, "IRQ", None, None, "point")
    guessed = Place("", 0, 0, "Iran", 32.0, 53.0, "IRN", None, None, "country")
    named = Place("Iran", 5, 9, "Iran", 32.0, 53.0, "IRN", None, None, "country")
    assert _place(base, guessed)[0] == 0.0
    assert _place(base, named)[0] == -0.5


def test_link_a_country_named_as_actor_stands_for_its_forces():
    iran, forces = actor("Iran", "IRN", "IRN", "government"), actor("Iranian forces", "IRN-MIL", "IRN", "military")
    assert actor_match(iran, forces) == 0.8
    assert actor_match(actor("Iranian police", "IRN-COP", "IRN", "police"),
                       actor("Iranian forces", "IRN-MIL", "IRN", "military")) == 0.6


def test_link_an_actor_known_by_its_words_keeps_its_name_across_countries():
    """A base read in two reports placed in different countries is still the same named base."""
    assert actor_match(actor("the Ain al-Asad air base", None, "IRQ", "military"),
                       actor("the Ain al-Asad base", None, "IRN", "military")) == 0.5
    assert actor_match(actor("Iraqi forces", "IRQ-MIL", "IRQ", "military"),
                       actor("Iraqi militias", "IRQ-UAF", "IRQ", "militia")) == 0.0
