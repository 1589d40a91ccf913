"""The extraction pipeline on sentences written for these tests: one behaviour of the coder per test.

Where the coder is known to get a case wrong, the case stays as written and is marked xfail, so the
expectation is kept and the day it starts to pass is visible.
"""

from __future__ import annotations

import pytest

import brinkwatch
from brinkwatch.errors import PipelineError
from brinkwatch.ingest import make_article
from brinkwatch.model import Article, Event
from brinkwatch.pipeline import Pipeline, Work

PUBLISHED = "2019-08-30"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.from_settings()


@pytest.fixture(scope="module")
def code(pipeline):
    """Events of one text, read against a publication date, through the shared pipeline."""

    def run(text: str, published: str = PUBLISHED) -> list[Event]:
        return pipeline.run(make_article(text, id="case", published=published))

    return run


def of_type(events: list[Event], event_type: str, modality: str | None = None) -> list[Event]:
    return [e for e in events if e.event_type == event_type and (modality is None or e.modality == modality)]


def countries(actors) -> set[str | None]:
    return {a.country for a in actors}


def ids(actors) -> set[str | None]:
    return {a.actor_id for a in actors}


def describe(events: list[Event]) -> str:
    """A short line per event for assertion messages."""
    return "; ".join(
        f"{e.event_type}/{e.modality} {[a.actor_id or a.text for a in e.source]}->"
        f"{[a.actor_id or a.text for a in e.target]} trigger={e.trigger.text!r}" for e in events) or "no events"


# --- who did what to whom ---------------------------------------------------------------------------

def test_pipeline_verbal_assault_with_demonym_source(code):
    events = code("Turkish warplanes struck Kurdish militia positions in northern Iraq on Tuesday.")
    assaults = of_type(events, "ASSAULT", "asserted")
    assert assaults, describe(events)
    event = assaults[0]
    assert "TUR" in countries(event.source), describe(events)
    assert event.trigger.text == "struck"
    assert event.mode == "aerial"


def test_pipeline_passive_with_by_agent(code):
    events = code("A convoy of Syrian soldiers was ambushed by Islamic State fighters near Deir ez-Zor.")
    assaults = of_type(events, "ASSAULT", "asserted")
    assert assaults, describe(events)
    event = assaults[0]
    assert "ISIS" in ids(event.source), describe(events)
    assert "SYR" in countries(event.target), describe(events)
    assert "SYR" not in countries(event.source), "the grammatical subject of a passive is the target"


def test_pipeline_nominal_event(code):
    events = code("The Israeli air strike on a Hamas compound in Gaza wounded two guards.")
    matching = [e for e in of_type(events, "ASSAULT", "asserted")
                if "ISR" in countries(e.source) and "HAMAS" in ids(e.target)]
    assert matching, describe(events)
    assert matching[0].mode == "aerial"
    assert matching[0].location is not None and matching[0].location.country == "PSE"


def test_pipeline_light_verb_codes_the_noun(code):
    events = code("Iraqi special forces carried out a raid on a hideout in Kirkuk.")
    assaults = of_type(events, "ASSAULT", "asserted")
    assert assaults, describe(events)
    assert assaults[0].trigger.text == "raid"
    assert "IRQ" in countries(assaults[0].source)


@pytest.mark.parametrize("text", [
    "The Treasury blacklisted Kataib Hezbollah, which Washington accuses of firing rockets at American troops.",
    pytest.param(
        "The Treasury blacklisted Kataib Hezbollah, an Iraqi militia, which Washington accuses of firing "
        "rockets at American troops.",
        marks=pytest.mark.xfail(reason="relative clause on an apposition: the target is the common noun "
                                       "'an Iraqi militia' (IRQ-UAF), not the named group it describes",
                                strict=False)),
], ids=["relative-on-name", "relative-on-apposition"])
def test_pipeline_relative_clause_accuse(code, text):
    events = code(text)
    accusations = [e for e in of_type(events, "ACCUSE") if "USA" in countries(e.source)]
    assert accusations, describe(events)
    assert "KH" in ids(accusations[0].target), describe(events)


@pytest.mark.parametrize("text, expected", [
    ("Russia and Syria bombed rebel positions in Idlib.", {"RUS", "SYR"}),
    ("Russian and Syrian warplanes bombed rebel positions in Idlib.", {"RUS", "SYR"}),
    ("Iranian and Iraqi officials will meet in Baghdad next week.", {"IRN", "IRQ"}),
    ("Ashraf Ghani and Imran Khan will meet in Kabul next week.", {"AFG", "PAK"}),
    ("Kenya, Uganda, and Tanzania met in Arusha on Monday.", {"KEN", "UGA", "TZA"}),
    ("UK and French fishermen staged a protest in Calais harbour on Friday.", {"GBR", "FRA"}),
], ids=["country-names", "demonyms-military", "demonyms-officials", "full-names", "list-of-names",
        "country-compound"])
def test_pipeline_coordinated_sources(code, text, expected):
    events = [e for e in code(text) if e.event_type in ("ASSAULT", "CONSULT", "PROTEST")]
    assert events, "no event"
    assert expected <= countries(events[0].source), describe(events)


def test_pipeline_seat_of_an_organisation_is_not_the_focus(pipeline):
    work = Work(make_article("A Paris-based monitor said Malian troops clashed with jihadists near Gao.",
                             id="case", published=PUBLISHED))
    next(stage for stage in pipeline.stages if stage.name == "mentions")(work)
    assert "FRA" not in work.focus and "MLI" in work.focus, work.focus


# --- modality ------------------------------------------------------------------------------------------

def test_pipeline_threatened_to_strike_is_a_threat_not_an_assault(code):
    events = code("Iran threatened to strike American warships in the Gulf.")
    threats = of_type(events, "THREATEN")
    assert threats, describe(events)
    assert "IRN" in countries(threats[0].source)
    assert "USA" in countries(threats[0].target)
    assert not of_type(events, "ASSAULT", "asserted"), describe(events)


@pytest.mark.parametrize("text", [
    "Hezbollah could attack Israeli towns.",
    "If the talks collapse, the Taliban would attack Kabul.",
    "Hezbollah could attack Israeli towns, an analyst warned.",
], ids=["could", "if-would", "could-with-reporter"])
def test_pipeline_hypothetical(code, text):
    events = code(text)
    assert of_type(events, "ASSAULT", "hypothetical"), describe(events)
    assert not of_type(events, "ASSAULT", "asserted"), describe(events)


@pytest.mark.parametrize("text", [
    "Turkish troops did not attack the Kurdish town, officials said.",
    "Iran denied carrying out the attack on the Saudi oil facility.",
], ids=["did-not", "denied"])
def test_pipeline_negated(code, text):
    events = code(text)
    assert of_type(events, "ASSAULT", "negated"), describe(events)
    assert not of_type(events, "ASSAULT", "asserted"), describe(events)


@pytest.mark.parametrize("text, event_type", [
    ("Hamas issued no new warnings to Israel during the truce.", "THREATEN"),
    ("The Iraqi government made no request for American air support, a spokesman said.", "REQUEST"),
], ids=["light-verb-no-warnings", "light-verb-no-request"])
def test_pipeline_no_on_a_light_verb_object_negates_once(code, text, event_type):
    """The 'no' seen from the light verb and from its noun is one negation, not two that cancel."""
    events = code(text)
    assert of_type(events, event_type, "negated"), describe(events)
    assert not of_type(events, event_type, "asserted"), describe(events)


def test_pipeline_nominal_subject_takes_its_predicates_modal(code):
    events = code("Food aid to Yemen could resume if both sides allow the convoys through.")
    assert of_type(events, "AID", "hypothetical"), describe(events)
    assert not of_type(events, "AID", "asserted"), describe(events)


def test_pipeline_promised_withdrawal_is_a_concession(code):
    """PLOVER codes a one-sided promise to withdraw, release or ease as CONCEDE; the act stays future."""
    events = code("The Houthis pledged to withdraw their fighters from Hodeidah port within a month.")
    assert of_type(events, "CONCEDE", "asserted"), describe(events)
    assert not of_type(events, "AGREE"), describe(events)
    assert of_type(events, "CONCEDE", "asserted")[0].cameo_root == "03"  # CAMEO: express intent to yield


def test_pipeline_declared_ceasefire_is_a_concession(code):
    events = code("The Saudi-led coalition declared a ceasefire in Yemen on Wednesday.")
    assert of_type(events, "CONCEDE", "asserted"), describe(events)
    assert not of_type(events, "RETREAT", "asserted"), describe(events)


def test_pipeline_future(code):
    events = code("Iraqi and Kuwaiti ministers will meet in Baghdad next week.")
    meetings = of_type(events, "CONSULT")
    assert meetings, describe(events)
    assert all(e.modality == "future" for e in meetings), describe(events)


ASKED_NAMED = ("Asked whether Kataib Hezbollah fighters would hit American bases if Washington struck Iran, "
               "the group's commander said yes.")
ASKED_PRONOUN = ("Asked whether his fighters would hit American bases if Washington struck Iran, "
                 "the Kataib Hezbollah commander said yes.")


def test_pipeline_asked_and_answered_is_a_threat(code):
    events = code(ASKED_NAMED)
    threats = [e for e in of_type(events, "THREATEN", "asserted") if "USA" in countries(e.target)]
    assert threats, describe(events)
    assert "KH" in ids(threats[0].source), describe(events)
    assert not of_type(events, "ASSAULT", "asserted"), describe(events)


def test_pipeline_asked_and_answered_condition_is_not_an_event(code):
    events = code(ASKED_NAMED)
    by_washington = [e for e in events if "USA" in countries(e.source)
                     and (e.event_type == "THREATEN" or e.modality == "asserted")]
    assert not by_washington, describe(events)


@pytest.mark.xfail(reason="'his fighters' is not resolved to the commander's group: actor None, country USA",
                   strict=False)
def test_pipeline_asked_and_answered_his_fighters_are_the_speakers_group(code):
    events = code(ASKED_PRONOUN)
    threats = [e for e in of_type(events, "THREATEN") if "USA" in countries(e.target)]
    assert threats, describe(events)
    assert "KH" in ids(threats[0].source), describe(events)


# --- attribution, coreference ----------------------------------------------------------------------------

def test_pipeline_attribution_according_to(code):
    text = "Al-Shabaab fighters attacked a police station in Mogadishu, according to local officials."
    events = of_type(code(text), "ASSAULT")
    assert events and events[0].attribution is not None, describe(events)
    assert events[0].attribution.verb == "according to"
    assert events[0].attribution.claimant is not None
    assert events[0].attribution.claimant.text == "local officials"


def test_pipeline_attribution_said(code):
    text = "Nigerian troops killed 20 Boko Haram fighters in Borno, the army said."
    events = of_type(code(text), "ASSAULT")
    assert events and events[0].attribution is not None, describe(events)
    assert events[0].attribution.verb == "said"
    claimant = events[0].attribution.claimant
    assert claimant is not None and text[claimant.start:claimant.end] == "the army"


@pytest.mark.parametrize("text", [
    "Boko Haram has grown stronger this year. Its fighters raided a village in Borno state on Sunday.",
    "Boko Haram said its fighters raided a village in Borno state.",
], ids=["previous-sentence", "same-sentence"])
def test_pipeline_its_resolves_to_the_organisation(code, text):
    events = of_type(code(text), "ASSAULT")
    assert events, "no ASSAULT"
    assert "BOKOHARAM" in ids(events[0].source), describe(events)
    assert events[0].source[0].text.lower().startswith("its")


# --- when and where --------------------------------------------------------------------------------------

def test_pipeline_day_and_month_read_against_publication(code):
    events = of_type(code("Gunmen attacked a checkpoint near Tikrit on August 12, police said.",
                          published="2019-08-30"), "ASSAULT")
    assert events, "no ASSAULT"
    date = events[0].date
    assert date is not None
    assert (date.value, date.precision, date.text) == ("2019-08-12", "day", "August 12")
    assert date.origin == "text"


def test_pipeline_since_a_year_is_historical(code):
    events = of_type(code("Turkish forces have attacked PKK positions in northern Iraq since 2014, officials said."),
                     "ASSAULT")
    assert events, "no ASSAULT"
    assert events[0].historical is True
    assert events[0].date is not None and (events[0].date.value, events[0].date.precision) == ("2014", "year")


def test_pipeline_recent_event_is_not_historical(code):
    events = of_type(code("Turkish warplanes struck PKK positions near Sinjar on Monday."), "ASSAULT")
    assert events and events[0].historical is False


def test_pipeline_place_resolves_to_coordinates(code):
    events = of_type(code("Islamic State fighters attacked a police post in Mosul."), "ASSAULT")
    assert events, "no ASSAULT"
    place = events[0].location
    assert place is not None and place.text == "Mosul"
    assert place.country == "IRQ"
    assert place.precision in ("point", "city")
    assert 29.0 < place.lat < 37.5 and 38.5 < place.lon < 48.8  # inside Iraq's bounding box


# --- merging inside one article ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Turkish warplanes bombed PKK positions near Sinjar on Monday. The Turkish defence ministry said the "
    "raid hit shelters and ammunition stores.\n\nOn Monday, Turkish warplanes bombed PKK positions near "
    "Sinjar, the ministry added.\n",
    pytest.param(
        "A drone strike hit a convoy of Kataib Hezbollah fighters near Al-Qaim on Sunday, killing four.\n\n"
        "The strike on the Kataib Hezbollah convoy near Al-Qaim was the third such attack this month. Iraqi "
        "officials said the drone struck the convoy on Sunday evening.\n",
        marks=pytest.mark.xfail(reason="two ASSAULTs: the nominal 'strike on the ... convoy' (no source) is not "
                                       "merged with the first telling, whose source is the noun phrase "
                                       "'A drone strike' (IRQ-MIL)", strict=False)),
], ids=["repeated-verb", "verb-then-noun"])
def test_pipeline_same_strike_twice_is_one_event(code, text):
    events = of_type(code(text), "ASSAULT")
    assert len(events) == 1, describe(events)


# --- the pipeline itself ------------------------------------------------------------------------------------

class _Stage:
    def __init__(self, name: str, requires: tuple[str, ...], assigns: tuple[str, ...]) -> None:
        self.name, self.requires, self.assigns = name, requires, assigns

    def __call__(self, work: Work) -> None:
        pass


def test_pipeline_unmet_requirement_names_it():
    with pytest.raises(PipelineError) as caught:
        Pipeline([_Stage("reader", (), ("parse",)), _Stage("weigher", ("parse", "omens"), ("weights",))])
    message = str(caught.value)
    assert "omens" in message and "weigher" in message
    assert "parse" not in message.split("requires", 1)[1].split("which", 1)[0]


def test_pipeline_requirements_met_in_order_build():
    stages = [_Stage("reader", (), ("parse",)), _Stage("weigher", ("parse",), ("weights",))]
    assert Pipeline(stages).stages == stages
    with pytest.raises(PipelineError):
        Pipeline(list(reversed(stages)))


def test_pipeline_extract_returns_events():
    events = brinkwatch.extract("Turkish warplanes struck PKK positions near Sinjar on Monday.", published=PUBLISHED)
    assert events and all(isinstance(e, Event) for e in events)
    assert events[0].doc_id == "text"
    assert events[0].date is not None and events[0].date.value == "2019-08-26"


# --- roles: weapons, shared light verbs, fighting sides -----------------------------------------------

def test_pipeline_weapon_as_subject_is_no_actor(code):
    events = code("Rockets hit a police station near Kirkuk on Friday.")
    assault = of_type(events, "ASSAULT")
    assert assault, describe(events)
    assert not assault[0].source, describe(events)
    assert assault[0].mode == "heavy-weapons", describe(events)


# One sentence, the event it must give, and actors (ids or countries) that must be on each side.
SIDES = [
    pytest.param("Turkish drones struck a convoy near Qamishli on Monday.", "ASSAULT", {"TUR"}, None,
                 id="owned-weapon-as-subject-names-its-owner"),
    pytest.param("Iran launched missiles at an American base in Anbar on Wednesday.", "ASSAULT", {"IRN"}, None,
                 id="launched-missiles-at-is-an-attack"),
    pytest.param("Washington imposed new reporting rules and travel bans on Venezuelan officials.", "SANCTION",
                 {"USA"}, {"VEN"}, id="coordinated-nouns-share-the-light-verb"),
    pytest.param("The European Union imposed an arms embargo and travel bans on dozens of Belarusian officials.",
                 "SANCTION", {"EU"}, {"BLR"}, id="sanctions-on-dozens-of-officials-reach-the-officials"),
    pytest.param("The SDF said mortar shells hit its positions near Manbij and accused Turkey of the attack.", "ACCUSE",
                 {"SDF"}, {"TUR"}, id="speaker-of-a-coordinated-accusation-is-its-source"),
    pytest.param("Four fishermen were killed in Israeli tank fire near Khan Younis on Friday.", "ASSAULT",
                 {"ISR"}, None, id="weapon-with-owner-in-a-passive-gives-the-source"),
    pytest.param("Kenya extradited two suspects to the United States on Monday.", "COOPERATE", None, {"USA"},
                 id="extradition-is-judicial-cooperation-with-the-receiving-state"),
    pytest.param("On 2 May, shells fired by Russian forces fell on a market in Kharkiv.", "ASSAULT", {"RUS"}, None,
                 id="munitions-that-fell-bring-whoever-fired-them"),
    pytest.param("Syria complained to the United Nations on Monday over Turkish shelling of its border towns.",
                 "ACCUSE", None, {"TUR"}, id="a-complaint-to-a-body-accuses-the-one-complained-about"),
]


@pytest.mark.parametrize("text, event_type, source, target", SIDES)
def test_pipeline_sides(code, text, event_type, source, target):
    events = of_type(code(text), event_type, "asserted")
    assert events, describe(code(text))
    named = lambda actors: ids(actors) | countries(actors)  # noqa: E731
    assert source is None or source <= named(events[0].source), describe(events)
    assert target is None or target <= named(events[0].target), describe(events)


def test_pipeline_hosting_troops_is_no_meeting(code):
    events = code("The airbase, which hosts French troops, lies north of Niamey.")
    assert not of_type(events, "CONSULT"), describe(events)


def test_pipeline_coordinated_fighters_take_one_side_each(code):
    events = code("Indian and Pakistani troops clashed along the Line of Control on Sunday.")
    clash = of_type(events, "ASSAULT", "asserted")
    assert clash, describe(events)
    sides = countries(clash[0].source) | countries(clash[0].target)
    assert {"IND", "PAK"} <= sides, describe(events)
    assert not countries(clash[0].source) & countries(clash[0].target), describe(events)


def test_pipeline_the_dead_are_not_the_shelling_side(code):
    """An -ing clause under a passive ('were killed ..., shelling ...') does not take the victims as its agents,
    nor the speaker of the reporting verb above."""
    events = code("Five civilians were killed in the east of the city, shelling the market area, medics said.")
    for event in of_type(events, "ASSAULT"):
        assert not {a.text for a in event.source} & {"Five civilians", "civilians", "medics"}, describe(events)


def test_pipeline_curfew_naming_no_one_is_directed_at_the_country_where_it_happens(code):
    events = code("Pakistani authorities imposed a curfew in Quetta on Monday.")
    curfew = of_type(events, "COERCE", "asserted")
    assert curfew and "PAK" in countries(curfew[0].target), describe(events)
    assert curfew[0].target[0].text == "Quetta", describe(events)


def test_pipeline_lifting_a_curfew_is_no_curfew(code):
    events = code("The army lifted the curfew in Kandy on Friday.")
    assert of_type(events, "CONCEDE", "asserted"), describe(events)
    assert not of_type(events, "COERCE"), describe(events)


def test_pipeline_an_apposition_describes_the_actor_and_codes_nothing(code):
    events = code("Qatar, a close US ally, refused to expel the Hamas leaders.")
    rejects = of_type(events, "REJECT", "asserted")
    assert rejects and countries(rejects[0].source) == {"QAT"}, describe(events)
    assert not of_type(events, "COOPERATE"), describe(events)


def test_pipeline_background_defeat_is_by_the_state_whose_calm_it_dates(code):
    events = code("Syria has known relative calm since the defeat of the rebels in Aleppo in 2016.")
    defeat = [e for e in of_type(events, "ASSAULT") if e.historical]
    assert defeat and "SYR" in countries(defeat[0].source), describe(events)


def test_pipeline_since_subject_that_is_no_state_is_not_the_attacker(code):
    events = code("Residents have slowly returned since the bombing of the market in 2015.")
    for event in of_type(events, "ASSAULT"):
        assert not event.source, describe(events)


def test_pipeline_a_launched_drone_is_no_attack_without_a_target(code):
    events = code("The drone was launched from a base across the border, the report said.")
    assert not of_type(events, "ASSAULT", "asserted"), describe(events)


def test_pipeline_signing_an_agreement_is_support_and_promising_to_sign_is_agree(code):
    signed = code("Serbia and Kosovo signed an economic agreement in Washington on Friday.")
    support = of_type(signed, "SUPPORT", "asserted")
    assert support and {"SRB", "XKX"} & countries(support[0].source), describe(signed)
    assert not support[0].target, describe(signed)  # the signatories are the sources; nobody receives it
    promised = code("Serbia said it would sign the agreement next week.")
    assert of_type(promised, "AGREE", "asserted"), describe(promised)
    assert not of_type(promised, "SUPPORT", "asserted"), describe(promised)


def test_pipeline_a_name_the_parser_hung_under_a_weekday_is_still_the_actor(code):
    events = code("Jordan's foreign minister met with Lebanese President Michel Aoun Tuesday.")
    meeting = of_type(events, "CONSULT", "asserted")
    assert meeting and "LBN" in countries(meeting[0].source + meeting[0].target), describe(events)


def test_pipeline_a_gathering_that_demands_is_a_protest_and_a_summit_is_not(code):
    events = code("On 3 May, hundreds of nurses gathered outside the health ministry in Nairobi to demand their pay.")
    assert of_type(events, "PROTEST", "asserted"), describe(events)
    assert not of_type(code("Leaders gathered in Paris for the climate summit."), "PROTEST")


def test_pipeline_expelling_diplomats_is_a_sanction_and_deporting_migrants_is_coercion(code):
    diplomats = code("Poland expelled three Russian diplomats on Tuesday.")
    assert of_type(diplomats, "SANCTION", "asserted"), describe(diplomats)
    migrants = code("Hungary expelled hundreds of migrants to Serbia on Tuesday.")
    assert of_type(migrants, "COERCE", "asserted"), describe(migrants)


def test_pipeline_a_states_boycott_is_a_sanction_and_its_promise_a_threat(code):
    events = code("Iranian officials said they would boycott all talks with the United States.")
    assert of_type(events, "THREATEN", "asserted"), describe(events)
    assert not of_type(events, "PROTEST"), describe(events)
    assert not of_type(code("Students boycotted classes in Hong Kong on Monday."), "SANCTION")


def test_pipeline_troops_massed_at_a_border_face_the_country_across_it(code):
    events = code("Armenia has massed troops near its border with Azerbaijan.")
    mobilize = of_type(events, "MOBILIZE", "asserted")
    assert mobilize and countries(mobilize[0].target) == {"AZE"}, describe(events)
    pulled = of_type(code("Azerbaijan began pulling troops back from the Armenian border on Friday."), "RETREAT")
    assert pulled and "ARM" in countries(pulled[0].target)


def test_pipeline_a_plane_that_lands_is_no_attack(code):
    assert not of_type(code("The president's plane landed in Baghdad on Friday."), "ASSAULT")



def test_pipeline_a_must_clause_the_lexicon_does_not_know_is_still_a_demand(code):
    events = code("Beijing said on Monday that Washington must drop its tariffs on Chinese steel.")
    demands = of_type(events, "REQUEST", "asserted")
    assert demands and "CHN" in countries(demands[0].source) and "USA" in countries(demands[0].target), describe(events)
    assert len(events) == len(demands), describe(events)  # the unknown act itself codes nothing
    assert not of_type(code("Officials said the plan must be approved by parliament."), "REQUEST")


def test_pipeline_readiness_for_an_unknown_act_is_an_offer(code):
    events = code("Japan is prepared to send engineers to South Sudan, its foreign minister said.")
    assert of_type(events, "AGREE", "asserted") and "JPN" in countries(of_type(events, "AGREE")[0].source)
    assert not of_type(code("The report is ready for publication."), "AGREE")
    threat = code("Hezbollah is ready to attack Israel.")  # a known act keeps its own reading: a threat
    assert of_type(threat, "THREATEN", "asserted") and not of_type(threat, "AGREE"), describe(threat)


def test_pipeline_a_weekday_with_its_part_of_day_dates_the_event(code):
    events = code("Chinese soldiers attacked an Indian patrol in the Galwan Valley on Monday night.", published="2020-06-17")
    assault = of_type(events, "ASSAULT", "asserted")
    assert assault and assault[0].date.value == "2020-06-15" and assault[0].date.origin == "text", describe(events)
    assert not of_type(events, "MOBILIZE"), describe(events)  # the patrol attacked is no mobilisation


def test_pipeline_a_thing_is_attacked_for_its_owner(code):
    events = code("Drones struck trucks belonging to the Houthis near Saada on Monday.")
    assault = of_type(events, "ASSAULT", "asserted")
    assert assault and "HOUTHI" in ids(assault[0].target), describe(events)


def test_pipeline_events_do_not_depend_on_which_sentences_are_parsed():
    # the first sentence names no event and is not parsed; its town still places the shoot-out told after it,
    # and parsing every sentence gives the very same events
    # (the opening's names are read from the text too: the tagger alone keeps only "Rio de Janeiro")
    text = ("On 3 March 2021, in Macae, Rio de Janeiro, officers went to the Jardim community. "
            "A shoot-out broke out and a suspect was killed.")
    filtered = Pipeline.from_settings()
    everything = Pipeline.from_settings()
    everything.stages[0].parser.is_candidate = lambda sentence: True
    first = filtered.run(Article("case", text, published="2021-03-04"))
    assert [(e.location.text, e.location.name) for e in first if e.event_type == "ASSAULT"][:1] == [("Macae", "Macaé")]
    assert first == everything.run(Article("case", text, published="2021-03-04"))


def test_pipeline_the_teller_of_an_accusation_is_not_its_target(code):
    events = code("Kenya accused unnamed militants of attacking the convoy, Ugandan officials said.")
    assert not any(a.country == "UGA" for e in events if e.event_type == "ACCUSE" for a in e.target)


def test_pipeline_the_protesters_of_a_protest_verb_are_no_second_protest(code):
    events = code("Demonstrators in Accra blocked the main road into the city, voicing their fury at the Nigerian government.")
    protests = of_type(events, "PROTEST", "asserted")
    assert len(protests) == 1 and protests[0].mode == "obstruct", describe(events)
    assert any(a.country == "NGA" for a in protests[0].target), describe(events)


def test_pipeline_where_someone_comes_from_is_not_where_they_were_held(code):
    events = code("A missionary from Toronto was arrested in Egypt on Monday.")
    arrests = of_type(events, "COERCE", "asserted")
    assert arrests and arrests[0].location.country == "EGY", describe(events)


def test_pipeline_a_closing_teller_the_parse_hung_on_the_verb_is_no_target(code):
    events = code("Soldiers sexually assaulted women at a checkpoint near Goma, Amnesty International charged.")
    assault = of_type(events, "ASSAULT", "asserted")
    assert assault and all("Amnesty" not in a.text for a in assault[0].target), describe(events)
    assert assault[0].attribution is not None and "Amnesty International" in assault[0].attribution.claimant.text


def test_pipeline_a_verb_takes_its_means_from_the_attack_named_as_its_subject(code):
    events = code("A drone strike killed two Houthi commanders in Saada on Monday.")
    killed = [e for e in of_type(events, "ASSAULT", "asserted") if e.trigger.text == "killed"]
    assert killed and killed[0].mode == "drone", describe(events)
    assert killed[0].acled_sub_event_type == "Air/drone strike", describe(events)


def test_pipeline_an_inquiry_is_not_merged_into_an_accusation(code):
    events = code("The Kenyan opposition leader accused the police of firing on protesters in Kisumu. "
                  "The Kenyan government said it was investigating the shooting.")
    modes = sorted(e.mode for e in of_type(events, "ACCUSE", "asserted"))
    assert modes == ["allege", "investigate"], describe(events)


def test_pipeline_letting_a_state_become_something_lets_no_one_act(code):
    events = code("The Iraqi government said it will not allow Iraq to become a battleground for other countries.")
    assert not of_type(events, "CONCEDE") and not of_type(events, "REJECT"), describe(events)


def test_pipeline_the_charge_of_an_arrest_is_no_side(code):
    events = code("Greek coastguards detained a tanker off Crete on suspicion of smuggling fuel to Libya.")
    arrests = of_type(events, "COERCE", "asserted")
    assert arrests and not any(a.country == "LBY" for e in arrests for a in e.target), describe(events)
    assert not any(a.country == "LBY" for e in of_type(events, "ACCUSE") for a in e.target), describe(events)


def test_pipeline_raids_that_killed_since_a_date_are_one_event(code):
    events = code("Turkish air raids have killed dozens of PKK fighters in northern Iraq since March, officials said.")
    attacks = of_type(events, "ASSAULT")
    assert len(attacks) == 1, describe(events)
    assert countries(attacks[0].source) == {"TUR"} and ids(attacks[0].target) & {"PKK"}, describe(events)


def test_pipeline_a_bare_count_taken_away_counts_the_people_named_before(code):
    events = code("Kenyan police questioned 30 herders and detained 8 near Isiolo.")
    arrests = of_type(events, "COERCE", "asserted")
    assert arrests and any("herders" in a.text for a in arrests[0].target), describe(events)


def test_pipeline_a_count_of_the_wounded_makes_no_second_attack(code):
    events = code("Gunmen killed two Somali soldiers near Afgooye; three more were wounded.")
    assert len(of_type(events, "ASSAULT")) == 1, describe(events)


def test_pipeline_a_go_between_of_a_coordinated_clause_is_its_subject(code):
    events = code("Qatar hosted the talks in Doha and served as mediator between the Taliban and Washington.")
    mediation = [e for e in of_type(events, "CONSULT") if e.mode == "third-party"]
    assert mediation and countries(mediation[0].source) == {"QAT"}, describe(events)
    assert "USA" in countries(mediation[0].target), describe(events)


@pytest.mark.parametrize("text, iso3", [
    ("Lebanese soldiers patrolled the streets of Tripoli after clashes between rival gunmen in Tripoli.", "LBN"),
    ("Libyan militias clashed in Tripoli on Friday.", "LBY")])
def test_pipeline_a_seat_named_as_a_place_is_the_town_of_the_story_country(code, text, iso3):
    events = code(text)
    placed = [e for e in events if e.location is not None and e.location.text.endswith("Tripoli")]
    assert placed and all(e.location.country == iso3 for e in placed), describe(events)


def test_pipeline_going_on_strike_is_a_protest_and_no_attack(code):
    # the phrase "go on strike" holds the noun "strike"; read alone it would be an attack
    events = code("Bus drivers in Lagos went on strike over unpaid wages on Monday.")
    assert [e.event_type for e in events] == ["PROTEST"], events


def test_pipeline_a_large_city_the_tagger_calls_an_organisation_is_a_place(code):
    # the small model labels "Odessa" an organisation here: a city of a million people is still the place hit
    events = of_type(code("Russian rockets hit Odessa at 3 a.m., Ukrainian officials said."), "ASSAULT")
    assert events and events[0].location is not None, events
    assert (events[0].location.name, events[0].location.country) == ("Odesa", "UKR"), events[0].location



def test_pipeline_a_large_city_the_tagger_calls_a_person_is_the_place_struck(code):
    # labelled a person, but the object of the strike and a city of 200,000 people: the strike's place
    events = of_type(code("Israeli jets bombed Khan Younis overnight, Palestinian officials said."), "ASSAULT")
    assert events and events[0].location is not None, events
    assert (events[0].location.country, events[0].location.precision) == ("PSE", "city"), events[0].location
