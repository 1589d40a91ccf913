"""Where an event's clause says it happened: candidate place spans read from the parse (spans.place_spans)."""

from __future__ import annotations

from brinkwatch.spans import _bracketed_areas, place_spans, sentence_places


def _places(nlp, text: str, verb: str) -> list[str]:
    doc = nlp(text)
    token = next(t for t in doc if t.text == verb)
    return [span.text for span in place_spans(token, None, [], 0)]


def test_spans_place_acted_on(nlp):
    places = _places(nlp, "Rebel fighters captured the town of Kunduz after a week of heavy fighting.", "captured")
    assert "Kunduz" in places


def test_spans_place_inside_event_noun(nlp):
    places = _places(nlp, "Two soldiers were wounded during a raid on a compound in Kandahar.", "wounded")
    assert "Kandahar" in places


def test_spans_place_of_joined_clause(nlp):
    places = _places(nlp, "Gunmen shot dead a shopkeeper and wounded his brother in Tikrit on Sunday.", "shot")
    assert "Tikrit" in places


def test_spans_own_place_before_joined_clause(nlp):
    places = _places(nlp, "A bomb exploded in Kirkuk and police later arrested two men in Erbil.", "exploded")
    assert places == ["Kirkuk"]


def test_spans_march_through_a_city(nlp):
    places = _places(nlp, "Thousands of farmers marched through Lyon on Saturday.", "marched")
    assert "Lyon" in places


def test_spans_named_place_before_its_apposition(nlp):
    places = _places(nlp, "The courier was arrested in Dorval, a suburb of Montreal.", "arrested")
    assert places[0] == "Dorval"


def test_spans_origin_comes_after_the_place_acted_on(nlp):
    places = _places(nlp, "Rebel fighters seized the port of Kismayo from Kenya in 2012.", "seized")
    assert places.index("Kismayo") < places.index("Kenya")


def test_spans_passive_subject_is_a_place_only_when_named_as_one(nlp):
    assert "Grozny" in _places(nlp, "The streets of Grozny were patrolled by soldiers at night.", "patrolled")
    assert _places(nlp, "Ahmed Karimi was shot twice.", "shot") == []


def test_spans_place_of_the_agent(nlp):
    places = _places(nlp, "Two guards were wounded by a car bomb in Baquba on Monday.", "wounded")
    assert "Baquba" in places


def test_spans_a_state_as_agent_is_the_doer_not_the_place(nlp):
    assert _places(nlp, "The consulate was attacked by Iran on Tuesday.", "attacked") == []


def test_spans_name_running_through_of_is_one_place(nlp):
    places = _places(nlp, "Pirates boarded a cargo ship in the Gulf of Guinea on Tuesday.", "boarded")
    assert "the Gulf of Guinea" in places and "Guinea" not in places, places


def test_spans_captured_name_tagged_an_organisation_is_a_place_candidate(nlp):
    # the small model labels this town an organisation; what is captured is most often a place
    places = _places(nlp, "Ethiopian troops recaptured Badme after two days of fighting.", "recaptured")
    assert "Badme" in places


def test_spans_captured_person_with_two_names_is_no_place(nlp):
    places = _places(nlp, "Mexican marines captured Ovidio Guzman on Thursday.", "captured")
    assert "Ovidio Guzman" not in places


def _sentence_places(nlp, text: str, verb: str) -> list[str]:
    doc = nlp(text)
    token = next(t for t in doc if t.text == verb)
    return [span.text for span in sentence_places(token, 0)]


def test_spans_site_named_without_a_place_preposition(nlp):
    assert "Raqqa" in _sentence_places(nlp, "Thirty fighters died during the second week of the Raqqa campaign.", "died")
    assert "Kirkuk" in _sentence_places(nlp, "Gunmen killed a shepherd on Friday in a village northeast of Kirkuk.",
                                        "killed")
    assert "Kandahar" in _sentence_places(
        nlp, "Two aid workers were wounded when mortars hit a clinic on the outskirts of Kandahar.", "wounded")


def test_spans_a_state_before_its_forces_and_a_source_of_news_are_no_site(nlp):
    assert _sentence_places(nlp, "US forces killed two gunmen overnight.", "killed") == []
    assert _sentence_places(nlp, "The suspect shot himself, according to Nairobi television station KTN.",
                            "shot") == []


def test_spans_a_country_before_what_it_fields_abroad_is_no_place(nlp):
    assert "US" not in _places(nlp, "Insurgents opened fire near a US patrol on Tuesday.", "opened")
    assert "Kandahar" in _places(nlp, "A roadside bomb exploded near a Kandahar market.", "exploded")


def test_spans_a_later_clause_that_is_no_event_tells_no_place_of_the_trigger(nlp):
    doc = nlp("Police captured the smuggler in 2019 and he now awaits trial for a shooting in Tijuana.")
    captured = next(t for t in doc if t.text == "captured")
    assert "Tijuana" not in [s.text for s in sentence_places(captured, 0, lambda verb: verb.i == captured.i)]
    doc = nlp("One guard was killed on Friday and two others were wounded in Tijuana.")
    killed, wounded = (next(t for t in doc if t.text == w) for w in ("killed", "wounded"))
    assert "Tijuana" in [s.text for s in sentence_places(killed, 0, lambda verb: verb.i in (killed.i, wounded.i))]


def test_spans_a_closing_place_after_a_comma_is_the_whole_sentences(nlp):
    doc = nlp("Dozens of students protested on Monday and later handed a petition to the governor, in Herat city.")
    protested = next(t for t in doc if t.text == "protested")
    assert "Herat" in " ".join(s.text for s in sentence_places(protested, 0, lambda verb: verb.i == protested.i))


def test_spans_where_someone_lives_or_is_based_is_no_place_of_the_event(nlp):
    doc = nlp("Rebels torched a bakery owned by traders who have lived in Kano for years.")
    torched = next(t for t in doc if t.text == "torched")
    assert "Kano" not in [s.text for s in sentence_places(torched, 0)]
    doc = nlp("A guard working at a clinic in Kano was shot on Friday.")
    shot = next(t for t in doc if t.text == "shot")
    assert "Kano" in [s.text for s in sentence_places(shot, 0)]


def test_spans_name_the_parse_put_in_a_date_after_a_capture(nlp):
    text = "Islamic State seized Mosul June 10 after the army fled."
    assert any(t.text == "Mosul" and t.dep_ == "compound" for t in nlp(text))  # the parse this test is about
    assert "Mosul" in _places(nlp, text, "seized")


def test_spans_close_to_a_place_is_where_it_stands(nlp):
    places = _places(nlp, "A rocket hit a fuel depot of the army close to Taji air base on Monday.", "hit")
    assert any("Taji" in p for p in places)


def test_spans_a_measured_distance_from_a_town_names_the_town(nlp):
    places = _sentence_places(nlp, "A car bomb went off at a market in Qzwirbat, some 40 km west of Kirkuk, police said.",
                              "went")
    assert "Kirkuk" in places


def test_spans_a_district_before_its_bracketed_province_is_a_place(nlp):
    # the name before a bracketed area is read with its kind word, a district's as a town's
    doc = nlp("On 11 June 2021, gunmen reportedly attacked a checkpoint in Mudiyah district (Abyan) at dawn.")
    named = [span.text for _, _, span in _bracketed_areas(next(doc.sents), 0)]
    assert named == ["Mudiyah district", "Abyan"], named


def test_spans_the_opening_chain_reads_capitalised_names_only(nlp):
    # "X neighborhood in Y" is two places, not one name; the chain of names after the date is read whole
    places = _sentence_places(nlp, "On 13 June 2021, in Pirineos neighborhood in San Cristobal, Tachira state, "
                                   "residents blocked a road.", "blocked")
    assert "Pirineos neighborhood in San Cristobal" not in places, places
    places = _sentence_places(nlp, "On 13 June 2021, in Aung Mingalar ward, Sittwe town, Rakhine State, a shell "
                                   "hit a market.", "hit")
    assert "Sittwe town" in places and "Rakhine State" in places, places
    # a parish, a sector or a commune is a link of the chain like a ward
    places = _sentence_places(nlp, "On 2 March 2021, in La Concordia parish, San Cristobal, Tachira state, a group "
                                   "of teachers protested over unpaid wages.", "protested")
    assert "San Cristobal" in places and "Tachira state" in places, places


def test_spans_a_proper_name_with_its_kind_of_area_is_a_place_of_the_sentence(nlp):
    # the parse hangs no place preposition on "Lahij governorate"; its kind word says it is a place
    assert "Lahij governorate" in _sentence_places(
        nlp, "On 5 June 2021, the governor of Lahij governorate banned all travel by buses.", "banned")
    # a common word capitalised to open the sentence is no name
    assert "Local district" not in _sentence_places(nlp, "Local district officials said the road was closed.",
                                                    "closed")
