"""ACLED event and sub-event types, decided once an article's mentions are merged: sides and violence cues.

The sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from brinkwatch.acled_coding import AcledCoder
from brinkwatch.ingest import make_article
from brinkwatch.lexicon import Lexicon
from brinkwatch.model import Event, Evidence, Span
from brinkwatch.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.from_settings()


def acled_of(pipeline: Pipeline, text: str, event_type: str) -> tuple[str | None, str | None]:
    article = make_article(text, id="case", published="2021-03-10")
    events = [e for e in pipeline.run(article) if e.event_type == event_type]
    assert events, f"no {event_type} event coded in {text!r}"
    return events[0].acled_event_type, events[0].acled_sub_event_type


# (text, event type, (ACLED event type, ACLED sub-event type)); a None sub-event type is not checked
CASES = [
    pytest.param(
        "On 3 March 2021, in Accra, residents of Nima attacked a police station after a man died in custody.",
        "ASSAULT", ("Riots", "Mob violence"), id="residents-of-a-place-are-a-crowd"),
    pytest.param(
        "On 3 March 2021, Malian soldiers recaptured the town of Boni from the jihadists.",
        "ASSAULT", ("Battles", "Government regains territory"), id="state-forces-retake-ground"),
    pytest.param(
        "On 3 March 2021, jihadist fighters seized the district centre of Boni.",
        "ASSAULT", ("Battles", "Non-state actor overtakes territory"), id="rebels-seize-a-district-centre"),
    pytest.param(
        "On 3 March 2021, Syrian soldiers captured three Hayat Tahrir al-Sham fighters near Saraqib.",
        "ASSAULT", ("Battles", "Armed clash"), id="fighters-captured-are-no-ground"),
    pytest.param(
        "On 3 March 2021, in Natal, a man was shot dead by two armed men. The victim had charges against him for "
        "armed robbery.", "ASSAULT", ("Battles", "Armed clash"), id="victim-with-charges-is-an-armed-actor"),
    pytest.param(
        "On 3 March 2021, in Natal, a man was shot dead by two armed men in the Rocas neighbourhood.",
        "ASSAULT", ("Violence against civilians", "Attack"), id="victim-without-charges-is-a-civilian"),
    pytest.param(
        "On 3 March 2021, the governor of Kano state imposed a three-day curfew on the city.",
        "COERCE", ("Strategic developments", "Change to group/activity"), id="curfew-imposed-is-a-change-to-activity"),
    pytest.param(
        "On 3 March 2021, a man suspected of kidnapping a girl was beaten by residents of Kano.",
        "ASSAULT", ("Riots", "Mob violence"), id="suspected-act-is-no-event-the-beating-is"),
    pytest.param(
        "On 3 March 2021, monitors recorded 35 shots and bursts of fire near Avdiivka.",
        "ASSAULT", ("Battles", "Armed clash"), id="counted-shots-with-no-one-named-are-a-clash"),
    pytest.param(
        "On 3 March 2021, in Recife, Pernambuco, a shoot-out broke out between police officers and gang members.",
        "ASSAULT", ("Battles", "Armed clash"), id="hyphenated-shoot-out-is-a-clash"),
    pytest.param(
        "On 3 March 2021, Cameroonian soldiers engaged in a fire fight with separatists near Kumbo.",
        "ASSAULT", ("Battles", "Armed clash"), id="fire-fight-in-two-words-is-a-clash"),
    pytest.param(
        "On 3 March 2021, rioters demonstrating against fuel prices gathered in the main square of Sfax.",
        "PROTEST", ("Riots", "Violent demonstration"), id="demonstrators-called-rioters-riot"),
    pytest.param(
        "On 3 March 2021, soldiers destroyed two camps of the rebels near Beni.",
        "ASSAULT", ("Battles", "Armed clash"), id="armed-sides-destroying-each-others-camps-fight"),
    pytest.param(
        "On 3 March 2021, residents of Kisumu burned tyres on the main road, demanding clean water.",
        "ASSAULT", ("Riots", "Violent demonstration"), id="tyres-burned-in-a-demand-are-a-violent-demonstration"),
    pytest.param(
        "On 3 March 2021, settlers uprooted dozens of olive trees near the village of Burin.",
        "ASSAULT", ("Strategic developments", "Looting/property destruction"), id="uprooted-trees-are-property-destruction"),
    pytest.param(
        "On 3 March 2021, the Somali government released 40 prisoners from a jail in Baidoa.",
        "RETREAT", ("Strategic developments", "Other"), id="a-prisoner-release-is-a-strategic-development"),
    pytest.param(
        "On 3 March 2021, two groups of herders clashed with sticks and machetes near Bama.",
        "ASSAULT", ("Riots", "Mob violence"), id="a-clash-with-blades-and-sticks-is-mob-violence"),
    pytest.param(
        "On 3 March 2021, monitors recorded 40 explosions in both directions along the contact line near Marinka.",
        "ASSAULT", ("Battles", "Armed clash"), id="explosions-both-ways-are-a-clash"),
    pytest.param(
        "On 3 March 2021, rebels fired mortars at army positions near Horlivka.",
        "ASSAULT", ("Explosions/Remote violence", "Shelling/artillery/missile attack"), id="one-sided-mortar-fire-is-shelling"),
    pytest.param(
        "On 3 March 2021, gunmen shot dead a municipal official outside his home in Tibu.",
        "ASSAULT", ("Violence against civilians", "Attack"), id="an-official-shot-is-a-civilian"),
    pytest.param(
        "On 3 March 2021, Palestinians threw rocks at an army jeep near Hebron.",
        "ASSAULT", ("Riots", "Mob violence"), id="civilians-with-petrol-bombs-riot"),
    pytest.param(
        "On 3 March 2021, soldiers defused a roadside bomb on the highway near Mopti.",
        "COERCE", ("Strategic developments", "Disrupted weapons use"), id="a-defused-bomb-is-disrupted-weapons-use"),
    pytest.param(
        "On 3 March 2021, police in Cotabato recovered rifles and grenades hidden in a farmhouse.",
        "COERCE", ("Strategic developments", "Disrupted weapons use"), id="recovered-arms-are-disrupted-weapons-use"),
    pytest.param(
        "Property destruction: On 3 March 2021, soldiers deployed along the border near Tal Abyad.",
        "MOBILIZE", ("Strategic developments", "Change to group/activity"), id="a-label-before-a-colon-is-no-subject"),
    pytest.param(
        "On 2 March 2021, a mob vandalised a police post in the town of Kisii after a shooting.",
        "PROTEST", ("Riots", "Mob violence"), id="a-mob-wrecking-property-is-mob-violence"),  # PLOVER: a riot
    pytest.param(
        "On 2 March 2021, a crowd of youths hurled stones at soldiers near Nablus.",
        "PROTEST", ("Riots", "Mob violence"), id="stones-hurled-by-youths-are-mob-violence"),  # PLOVER: a riot
    pytest.param(
        "On 8 March 2021, hundreds of nurses marched through Nairobi to demand unpaid allowances.",
        "PROTEST", ("Protests", "Peaceful protest"), id="peaceful-protest"),
    pytest.param(
        "On 8 March 2021, hundreds of nurses marched through Nairobi to demand unpaid allowances. Police "
        "fired tear gas to break up the march.",
        "PROTEST", ("Protests", "Protest with intervention"), id="dispersal-in-the-next-sentence-is-an-intervention"),
    pytest.param(
        "On 9 March 2021, students demonstrated in Dhaka, blocked a highway with barricades and threw "
        "stones at buses.",
        "PROTEST", ("Riots", "Violent demonstration"), id="stones-and-barricades-make-a-violent-demonstration"),
    pytest.param(
        "On 9 March 2021, lawyers protested in Lahore against the arrest of two colleagues.",
        "PROTEST", ("Protests", "Peaceful protest"), id="a-protest-against-arrests-is-not-an-intervention"),
    pytest.param(
        "On 7 March 2021, clashes erupted between villagers and police in the town of Kasur.",
        "ASSAULT", ("Riots", "Mob violence"), id="crowd-against-police-is-mob-violence"),
    pytest.param(
        "On 6 March 2021, gunmen attacked the village of Kurmi in Katsina and set houses on fire.",
        "ASSAULT", ("Violence against civilians", "Attack"), id="gunmen-raiding-a-village-attack-civilians"),
    pytest.param(
        "On 6 March 2021, gunmen attacked army positions near Kurmi in Katsina.",
        "ASSAULT", ("Battles", None), id="gunmen-firing-on-army-positions-fight-a-battle"),
    pytest.param(
        "On 5 March 2021, the separatists fired mortars and small arms at government troops near "
        "Horlivka.",
        "ASSAULT", ("Battles", "Armed clash"), id="shelling-with-small-arms-is-an-armed-clash"),
    pytest.param(
        "On 8 March 2021, Turkish forces conducted a patrol near Kobani.",
        "MOBILIZE", ("Strategic developments", "Change to group/activity"),
        id="a-patrol-is-a-change-to-group-activity"),
    pytest.param(
        "On 4 March 2021, a man's body was found with gunshot wounds in a field near Culiacan.",
        "ASSAULT", ("Violence against civilians", "Attack"),
        id="a-body-found-with-no-one-named-is-an-attack-on-civilians"),
    pytest.param(
        "On 4 March 2021, a shoot-out took place in the Mangueira neighbourhood of Rio de Janeiro.",
        "ASSAULT", ("Battles", "Armed clash"), id="a-shoot-out-with-no-one-named-stays-a-clash"),
    pytest.param(
        "On 4 March 2021, Security Belt forces stormed a money exchange shop in Aden.",
        "ASSAULT", ("Violence against civilians", None), id="the-attackers-own-words-are-no-other-armed-side"),
    pytest.param(
        "On 9 March 2021, factory workers set fire to tyres outside the plant in Rosario. The "
        "demonstration in Rosario was over unpaid wages.",
        "PROTEST", ("Riots", "Violent demonstration"), id="violence-told-before-the-protest-word-makes-it-violent"),
    pytest.param(
        "On 4 March 2021, clashes erupted between villagers and soldiers near Bamenda.",
        "ASSAULT", ("Riots", "Mob violence"), id="civilians-clashing-with-soldiers-riot"),
    pytest.param(
        "On 2 March 2021, ruling party supporters beat two opposition monitors in Lilongwe.",
        "ASSAULT", ("Riots", "Mob violence"), id="a-beating-by-party-members-is-mob-violence"),
]


@pytest.mark.parametrize("text, event_type, expected", CASES)
def test_acled_coding_types(pipeline, text, event_type, expected):
    got = acled_of(pipeline, text, event_type)
    assert got[0] == expected[0] and (expected[1] is None or got[1] == expected[1]), got


def test_acled_coding_clash_between_armed_sides_is_a_battle_with_both_sides(pipeline):
    events = pipeline.run(make_article("A clash broke out between soldiers and rebels near Goma on Sunday.",
                                       id="case", published="2021-03-10"))
    assault = next(e for e in events if e.event_type == "ASSAULT")
    assert (assault.acled_event_type, assault.acled_sub_event_type) == ("Battles", "Armed clash")
    assert [a.text for a in assault.source] == ["soldiers"]
    assert [a.text for a in assault.target] == ["rebels"]


def test_acled_coding_merged_mode_sets_the_sub_event_type():
    """A mode brought in by a merged mention ('... by a roadside bomb') re-derives the ACLED types."""
    coder = AcledCoder(Lexicon.load())
    sentence = "Two soldiers were killed by a roadside bomb."
    event = Event(doc_id="d", event_id="d#1", event_type="ASSAULT", trigger=Span("killed", 18, 24),
                  evidence=Evidence(sentence, 0, len(sentence)), mode="explosives", cameo_root="19",
                  acled_event_type="Battles", acled_sub_event_type="Armed clash")
    coded = coder(event, sentence)
    assert (coded.acled_event_type, coded.acled_sub_event_type) == ("Explosions/Remote violence",
                                                                   "Remote explosive/landmine/IED")


def test_acled_coding_verbal_events_keep_no_acled_type():
    coder = AcledCoder(Lexicon.load())
    sentence = "Iran accused Israel of the strike."
    event = Event(doc_id="d", event_id="d#5", event_type="ACCUSE", trigger=Span("accused", 5, 12),
                  evidence=Evidence(sentence, 0, len(sentence)), mode=None, cameo_root="11")
    assert coder(event, sentence).acled_event_type is None


def test_acled_coding_clashed_with_names_the_other_side(pipeline):
    events = pipeline.run(make_article("On 2 March 2021, farmers clashed with herders near Jos.", id="case",
                                       published="2021-03-10"))
    assault = next(e for e in events if e.event_type == "ASSAULT")
    assert [a.text for a in assault.target] == ["herders"]


def test_acled_coding_a_body_found_is_an_attack_whose_finder_is_no_attacker(pipeline):
    events = pipeline.run(make_article("On 4 March 2021, police found the bodies of two teachers near Culiacan.",
                                       id="case", published="2021-03-10"))
    assault = next(e for e in events if e.event_type == "ASSAULT")
    assert not assault.source
    assert [a.text for a in assault.target] == ["teachers"]
    assert (assault.acled_event_type, assault.acled_sub_event_type) == ("Violence against civilians", "Attack")


@pytest.mark.parametrize("text", [
    "On 4 March 2021, a court found the former mayor guilty of fraud.",
    "On 3 March 2021, nurses gave flu shots to 300 residents of Lagos.",
], ids=["found-guilty-is-no-killing", "flu-shots-are-no-gunfire"])
def test_acled_coding_no_assault(pipeline, text):
    events = pipeline.run(make_article(text, id="case", published="2021-03-10"))
    assert not [e for e in events if e.event_type == "ASSAULT"]


def test_acled_coding_fight_with_names_the_other_side(pipeline):
    events = pipeline.run(make_article("Cameroonian soldiers engaged in a fire fight with separatists near Kumbo "
                                       "on Sunday.", id="case", published="2021-03-10"))
    assault = next(e for e in events if e.event_type == "ASSAULT")
    assert [a.text for a in assault.target] == ["separatists"]
    assert assault.trigger.text == "fight"


def test_acled_coding_event_placed_by_a_place_named_in_another_sentence(pipeline):
    # the event's own sentence names no place and no country: the article's other place says where, so the
    # unnamed police are that country's police
    events = pipeline.run(make_article("On 3 March 2021, the Military Police carried out an operation in Recife, "
                                       "Pernambuco. A shoot-out between police officers and gang members broke "
                                       "out.", id="case", published="2021-03-10"))
    assault = next(e for e in events if e.event_type == "ASSAULT")
    assert assault.trigger.text == "shoot-out"
    assert assault.source[0].country == "BRA" and assault.location.country == "BRA"


def test_acled_coding_a_standing_lockdown_is_only_background(pipeline):
    events = pipeline.run(make_article("On 3 March 2021, traders protested amid the lockdown outside the governor's "
                                       "office in Kano.", id="case", published="2021-03-10"))
    assert [e.event_type for e in events if e.acled_event_type] == ["PROTEST"]


def test_acled_coding_two_attacks_by_unnamed_sides_in_one_sentence_stay_two(pipeline):
    # "residents" and "gunmen", both given the country where it happened, are not one side
    events = pipeline.run(make_article(
        "On 6 May 2021, in Kingston, residents of Tivoli Gardens attacked police officers after two boys were "
        "killed by gunmen in the area.", id="case", published="2021-05-10"))
    attacks = [e for e in events if e.event_type == "ASSAULT"]
    assert len(attacks) == 2
    assert {(e.acled_event_type, e.acled_sub_event_type) for e in attacks} == {
        ("Riots", "Mob violence"), ("Violence against civilians", "Attack")}
