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
    events = [e for e in pipeline.run(make_article(text, id="case", published="2021-03-10")) if e.event_type == event_type]
    assert events, f"no {event_type} event coded in {text!r}"
    return events[0].acled_event_type, events[0].acled_sub_event_type


def test_acled_coding_peaceful_protest(pipeline):
    text = "On 8 March 2021, hundreds of nurses marched through Nairobi to demand unpaid allowances."
    assert acled_of(pipeline, text, "PROTEST") == ("Protests", "Peaceful protest")


def test_acled_coding_dispersal_in_the_next_sentence_is_an_intervention(pipeline):
    text = ("On 8 March 2021, hundreds of nurses marched through Nairobi to demand unpaid allowances. "
            "Police fired tear gas to break up the march.")
    assert acled_of(pipeline, text, "PROTEST") == ("Protests", "Protest with intervention")


def test_acled_coding_stones_and_barricades_make_a_violent_demonstration(pipeline):
    text = "On 9 March 2021, students demonstrated in Dhaka, blocked a highway with barricades and threw stones at buses."
    assert acled_of(pipeline, text, "PROTEST") == ("Riots", "Violent demonstration")


def test_acled_coding_a_protest_against_arrests_is_not_an_intervention(pipeline):
    text = "On 9 March 2021, lawyers protested in Lahore against the arrest of two colleagues."
    assert acled_of(pipeline, text, "PROTEST") == ("Protests", "Peaceful protest")


def test_acled_coding_crowd_against_police_is_mob_violence(pipeline):
    text = "On 7 March 2021, clashes erupted between villagers and police in the town of Kasur."
    assert acled_of(pipeline, text, "ASSAULT") == ("Riots", "Mob violence")


def test_acled_coding_clash_between_armed_sides_is_a_battle_with_both_sides(pipeline):
    events = pipeline.run(make_article("A clash broke out between soldiers and rebels near Goma on Sunday.",
                                       id="case", published="2021-03-10"))
    assault = next(e for e in events if e.event_type == "ASSAULT")
    assert (assault.acled_event_type, assault.acled_sub_event_type) == ("Battles", "Armed clash")
    assert [a.text for a in assault.source] == ["soldiers"]
    assert [a.text for a in assault.target] == ["rebels"]


def test_acled_coding_gunmen_raiding_a_village_attack_civilians(pipeline):
    text = "On 6 March 2021, gunmen attacked the village of Kurmi in Katsina and set houses on fire."
    assert acled_of(pipeline, text, "ASSAULT") == ("Violence against civilians", "Attack")


def test_acled_coding_gunmen_firing_on_army_positions_fight_a_battle(pipeline):
    text = "On 6 March 2021, gunmen attacked army positions near Kurmi in Katsina."
    assert acled_of(pipeline, text, "ASSAULT")[0] == "Battles"


def test_acled_coding_shelling_with_small_arms_is_an_armed_clash(pipeline):
    text = "On 5 March 2021, the separatists fired mortars and small arms at government troops near Horlivka."
    assert acled_of(pipeline, text, "ASSAULT") == ("Battles", "Armed clash")


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


def test_acled_coding_found_guilty_is_no_killing(pipeline):
    events = pipeline.run(make_article("On 4 March 2021, a court found the former mayor guilty of fraud.",
                                       id="case", published="2021-03-10"))
    assert not [e for e in events if e.event_type == "ASSAULT"]


def test_acled_coding_a_patrol_is_a_change_to_group_activity(pipeline):
    text = "On 8 March 2021, Turkish forces conducted a patrol near Kobani."
    assert acled_of(pipeline, text, "MOBILIZE") == ("Strategic developments", "Change to group/activity")


def test_acled_coding_a_body_found_with_no_one_named_is_an_attack_on_civilians(pipeline):
    text = "On 4 March 2021, a man's body was found with gunshot wounds in a field near Culiacan."
    assert acled_of(pipeline, text, "ASSAULT") == ("Violence against civilians", "Attack")


def test_acled_coding_a_shoot_out_with_no_one_named_stays_a_clash(pipeline):
    text = "On 4 March 2021, a shoot-out took place in the Mangueira neighbourhood of Rio de Janeiro."
    assert acled_of(pipeline, text, "ASSAULT") == ("Battles", "Armed clash")


def test_acled_coding_the_attackers_own_words_are_no_other_armed_side(pipeline):
    text = "On 4 March 2021, Security Belt forces stormed a money exchange shop in Aden."
    assert acled_of(pipeline, text, "ASSAULT")[0] == "Violence against civilians"


def test_acled_coding_violence_told_before_the_protest_word_makes_it_violent(pipeline):
    text = ("On 9 March 2021, factory workers set fire to tyres outside the plant in Rosario. "
            "The demonstration in Rosario was over unpaid wages.")
    assert acled_of(pipeline, text, "PROTEST") == ("Riots", "Violent demonstration")


def test_acled_coding_civilians_clashing_with_soldiers_riot(pipeline):
    text = "On 4 March 2021, clashes erupted between villagers and soldiers near Bamenda."
    assert acled_of(pipeline, text, "ASSAULT") == ("Riots", "Mob violence")


def test_acled_coding_a_beating_by_party_members_is_mob_violence(pipeline):
    text = "On 2 March 2021, ruling party supporters beat two opposition monitors in Lilongwe."
    assert acled_of(pipeline, text, "ASSAULT") == ("Riots", "Mob violence")
