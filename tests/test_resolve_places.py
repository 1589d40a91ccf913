"""Where events happen: the place the event resolver chooses from its clause (resolve.EventResolver._location)."""

from __future__ import annotations

import pytest

from brinkwatch.gazetteer import Gazetteer
from brinkwatch.model import Article, Span
from brinkwatch.pipeline import Pipeline
from brinkwatch.places import haversine_km


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.from_settings()


def _places(pipeline: Pipeline, text: str) -> list[tuple[str, str | None, str]]:
    events = pipeline.run(Article("case", text, published="2021-03-02"))
    return [(e.location.text, e.location.country, e.location.precision) for e in events if e.location]


def _first_place(pipeline: Pipeline, text: str):
    """The place of the first event that has one."""
    events = pipeline.run(Article("case", text, published="2021-06-20"))
    return next(e.location for e in events if e.location)


def _assert_first_place(pipeline: Pipeline, text: str, expected: dict) -> None:
    """The first event's place has these field values."""
    place = _first_place(pipeline, text)
    assert {field: getattr(place, field) for field in expected} == expected, place


def test_resolve_places_bracketed_area_is_no_actor(pipeline):
    events = pipeline.run(Article("case", "On 1 March 2021, rebel forces clashed with the army at Wadi Qirsh (Sirte).",
                                  published="2021-03-02"))
    places = [e.location for e in events if e.location]
    # the unknown place keeps its name, placed by the wider place named with it
    assert any((p.text, p.name, p.country, p.precision) == ("Wadi Qirsh", "Sirte", "LBY", "city") for p in places)


def test_resolve_places_unknown_village_keeps_its_name(pipeline):
    text = ("Syrian army units shelled the village of Qzwirbat near the Turkish border on Monday, "
            "after rockets hit Aleppo and Idlib.")
    found = _places(pipeline, text)
    assert ("Qzwirbat", "SYR", "country") in found


def test_resolve_places_place_of_the_patient(pipeline):
    found = _places(pipeline, "A policeman in Kirkuk was shot dead by gunmen on Sunday.")
    assert found and found[0][:2] == ("Kirkuk", "IRQ")


def test_resolve_places_place_hung_on_another_word_still_places_the_event(pipeline):
    # the small model hangs the opening "in X, Y," on the date; the sentence still says where
    found = _places(pipeline, "On 3 May 2021, in Marin, Nuevo Leon, gunmen riding a motorcycle carried out a "
                              "shooting against a taxi driver.")
    assert found and found[0] == ("Marin", "MEX", "city")


def test_resolve_places_a_currency_names_no_country(pipeline):
    events = pipeline.run(Article("case", "On 3 May 2021, traders protesting the slide of the Lebanese pound "
                                          "against the US dollar blocked a road in Sidon.", published="2021-05-04"))
    assert events and all(e.location.country == "LBN" for e in events)
    assert not any(a.country == "USA" for e in events for a in e.source + e.target)
    assert not any(e.event_type == "ASSAULT" for e in events)  # "pound" is the currency here, not a verb


def test_resolve_places_a_finer_place_in_the_sentence_refines_the_country(pipeline):
    # the arrests' own clause names only the country; the town of the protest is named further on
    text = ("On 1 May 2021, police in Russia detained four activists taking part in an unauthorised "
            "rally in Barnaul.")
    events = pipeline.run(Article("case", text, published="2021-05-02"))
    coerce = [e for e in events if e.event_type == "COERCE"]
    assert coerce and (coerce[0].location.name, coerce[0].location.precision) == ("Barnaul", "city")


def test_resolve_places_a_capital_named_in_apposition(pipeline):
    # the small model tags Grozny a person; after "the regional capital," it is still the place
    found = _places(pipeline, "A Russian police officer was shot dead outside the regional capital, Grozny, on Monday.")
    assert found and found[0][:2] == ("Grozny", "RUS")


@pytest.mark.parametrize("text, name, country", [
    ("On 2 March 2021, gunmen ambushed a police patrol near Qarawul Bagh (Dand district, Kandahar).",
     "Kandahar", "AFG"),
    ("On 2 March 2021, a roadside bomb wounded three soldiers in Qarawul Bagh district, Kunduz.", "Kunduz", "AFG"),
    ("On 2 March 2021, militants raided Ngolori village (Kaga LGA, Borno) and stole livestock.", "Borno", "NGA"),
    # (the small model tags "Muaja (Ancuabe" as one name; split at the bracket, Muaja is no Mwaya in Tanzania)
    ("Residents fled after Islamist insurgents shelled Muaja (Ancuabe, Cabo Delgado) late on Tuesday.", "Cabo Delgado",
     "MOZ"),
], ids=["bracketed-list", "comma-after-district", "bracketed-after-object", "name-run-across-the-bracket"])
def test_resolve_places_areas_named_with_an_unknown_village(pipeline, text, name, country):
    """A village the gazetteer lacks, with its district and province after it: the event is placed in the
    area named with it, not at the country's middle."""
    events = pipeline.run(Article("case", text, published="2021-03-02"))
    places = [e.location for e in events if e.location]
    assert places and places[0].precision != "country", [(p.text, p.name, p.precision) for p in places]
    assert (places[0].name, places[0].country) == (name, country) or places[0].admin1 == name, places[0]


def test_resolve_places_an_area_named_after_to_weighs_in(pipeline):
    # the tagger misses "Crete" after "to"; as the name of an area it still counts among the article's places,
    # and Souda is Crete's, not a Tunisian hamlet by Libya
    text = "Dozens of residents rallied in Souda on Sunday against a plan to bring migrants picked up off Libya to Crete."
    found = _places(pipeline, text)
    assert found and found[0][:2] == ("Souda", "GRC"), found


@pytest.mark.parametrize("text", [
    "Hundreds of residents protested outside a hotel in Kilkis on Monday against the arrival of 200 migrants, "
    "mostly from Afghanistan.",
    "Farmers blocked the road into Kilkis on Monday, a week after refugees from Syria were housed there.",
])
def test_resolve_places_where_people_came_from_is_not_the_story_s_country(pipeline, text):
    # the country migrants came from does not make the Greek town a namesake in a story about that country
    found = _places(pipeline, text)
    assert found and found[0][:2] == ("Kilkis", "GRC"), found


@pytest.mark.parametrize("text, north, east", [
    ("Government artillery pounded villages in the southern countryside of Idleb on Monday.", -1, 0),
    ("Gunmen killed a shepherd in the eastern Deir ez-Zor countryside on Monday.", 0, 1),
    ("Gunmen killed a shepherd in Aleppo's northern countryside on Monday.", 1, 0),
    ("Gunmen killed a shepherd in the countryside north-west of Hama on Monday.", 1, -1),
])
def test_resolve_places_a_side_of_a_towns_countryside(pipeline, text, north, east):
    # the land on one side of a town is placed that side of it, at an area's precision
    place = _first_place(pipeline, text)
    town = next(c for c in Gazetteer.open().lookup(place.name) if c.feature == "city")
    assert place.precision == "admin1", place
    assert (place.lat - town.lat) * north >= 0 and (place.lon - town.lon) * east >= 0, place
    assert 15 <= haversine_km(place.lat, place.lon, town.lat, town.lon) <= 25, place


@pytest.mark.parametrize("text, km, north, east, precision", [
    ("Gunmen ambushed a patrol 40 km north of Gorom-Gorom on Tuesday.", 40, 1, 0, "admin1"),
    ("Gunmen ambushed a patrol 3 km east of Gorom-Gorom on Tuesday.", 3, 0, 1, "city"),
    ("Gunmen ambushed a patrol 12 miles south-west of Gorom-Gorom on Tuesday.", 19.3, -1, -1, "admin1"),
])
def test_resolve_places_a_distance_off_a_town(pipeline, text, km, north, east, precision):
    # the point that far off the town, that way; ten km off or more, at an area's precision
    place = _first_place(pipeline, text)
    town = next(c for c in Gazetteer.open().lookup("Gorom-Gorom") if c.feature == "city")
    assert place.precision == precision, place
    assert (place.lat - town.lat) * north >= 0 and (place.lon - town.lon) * east >= 0, place
    assert abs(haversine_km(place.lat, place.lon, town.lat, town.lon) - km) < 0.5, place


@pytest.mark.parametrize("text", [
    "Jets struck targets in the Idleb countryside on Monday.",  # no side named
    "Gunmen killed a shepherd on the northern outskirts of Idleb on Monday.",  # the town's own edge
])
def test_resolve_places_a_countryside_with_no_side_or_outskirts_stays_at_the_town(pipeline, text):
    place = _first_place(pipeline, text)
    assert (place.name, place.precision) == ("Idlib", "city"), place


def test_resolve_places_a_district_name_joined_by_wa(pipeline):
    # "wa" ("and") and an article join the words of a Yemeni district's name: the whole name is the district,
    # which the bracket's Al Jawf holds (Yemen's, not the Saudi province that the coalition's country suggests)
    text = "Coalition aircraft bombed Khabb wa ash Shaaf district (Al Jawf) on Friday, local officials said."
    places = [e.location for e in pipeline.run(Article("case", text, published="2021-03-05")) if e.location]
    assert places and (places[0].name, places[0].country) == ("Khabb wa ash Sha'af", "YEM"), places


def test_resolve_places_sea_named_through_of_is_not_its_port(pipeline):
    found = _places(pipeline, "Somali pirates hijacked a fishing boat in the Gulf of Aden on Monday.")
    assert found and found[0][0] == "the Gulf of Aden" and found[0][2] != "city", found


@pytest.mark.parametrize("text, name", [
    ("On 2 March 2021, in Ciudad Obregon, Sonora, about 200 nurses marched to demand back pay.", "Ciudad Obregón"),
    ("On 2 March 2021, in Foz do Iguacu, Parana, two men were shot dead by gunmen on motorcycles.", "Foz do Iguaçu"),
], ids=["clause-hung-on-in", "name-broken-by-the-parse"])
def test_resolve_places_name_right_after_in(pipeline, text, name):
    """The capitalised words right after "in" are a place even when the parse gives "in" another object."""
    events = pipeline.run(Article("case", text, published="2021-03-02"))
    places = [e.location for e in events if e.location]
    assert places and places[0].name == name, [(p.text, p.name) for p in places]


def test_resolve_places_event_told_after_a_town_is_named_is_in_that_town(pipeline):
    # no event in the first sentence places the story; the town it names does (the town, not its state)
    events = pipeline.run(Article("story", "On 3 March 2021, in Campinas, Sao Paulo, officers of the "
                                           "Military Police went to the Jardim community to search for a stolen truck. "
                                           "A shoot-out broke out and a suspect was killed.", published="2021-03-04"))
    assault = next(e for e in events if e.event_type == "ASSAULT")
    assert assault.location is not None and assault.location.text == "Campinas", assault.location
    assert assault.location.precision == "city"


def test_resolve_places_unnamed_villagers_are_of_the_place_not_of_the_attacker(pipeline):
    # the article's main country is Turkey (the attacker's); villagers named by no word of their own are Syrians
    events = pipeline.run(Article("case", "On 27 April 2021, Turkish forces shelled a village in rural Ein Issa, in "
                                          "Raqqa countryside.", published="2021-04-28"))
    assault = next(e for e in events if e.event_type == "ASSAULT")
    assert assault.location.country == "SYR" and assault.location.precision == "city"  # a small town's countryside
    assert [a.country for a in assault.source] == ["TUR"] and [a.country for a in assault.target] == ["SYR"]


def test_resolve_places_a_place_abroad_named_in_passing_does_not_move_the_story(pipeline):
    # "metro" is also an Indonesian town; with Chile's president named, the protest stays in Chile
    events = pipeline.run(Article("case", "Chile's president suspended the metro fare increase on Saturday in the "
                                          "face of mass protests.", published="2019-10-20"))
    protest = next(e for e in events if e.event_type == "PROTEST")
    assert {a.country for a in protest.target} == {"CHL"}


@pytest.mark.parametrize("text, name, city", [
    ("A mortar shell killed two civilians in the Qassaa neighbourhood of central Damascus on Monday.", "Qassaa",
     "Damascus"),
    ("Gunmen opened fire on an Iraqi checkpoint in the Khadra district of western Baghdad on Sunday.", "Khadra",
     "Baghdad"),
    ("A bomb went off in the Askar refugee camp near Nablus on Friday, wounding two Israeli soldiers.", "Askar",
     "Nablus"),
])
def test_resolve_places_a_quarter_the_gazetteer_lacks_is_placed_by_its_city(pipeline, text, name, city):
    # the event is in the quarter, named in the text; its point is the city's, at the city's precision
    events = pipeline.run(Article("case", text, published="2021-03-02"))
    places = [e.location for e in events if e.location]
    assert any(name in p.text and p.name.endswith(city) for p in places), places


def test_resolve_places_where_the_news_was_told_is_not_where_it_happened(pipeline):
    text = "Local sources in Erbil said on Monday that two Iraqi fighters had died in the clashes."
    assert not any(text_ == "Erbil" for text_, _, _ in _places(pipeline, text))


@pytest.mark.parametrize("text, name", [
    ("Government troops captured Kismayo on Sunday after a week of fighting.", "Kismayo"),
    ("Somali soldiers patrolled Beledweyne on Tuesday after the attack.", "Beledweyne"),
    ("The militia's Benghazi headquarters were destroyed in an air strike on Friday.", "Benghazi"),
    ("Nigerian navy boats patrolled Nigeria's offshore gas platforms on Tuesday.", "Nigeria"),
    ("Kenyan taxi drivers protested near the entrance to Jomo Kenyatta airport on Sunday.", "Jomo Kenyatta"),
])
def test_resolve_places_the_place_acted_on(pipeline, text, name):
    assert any(name in text_ for text_, _, _ in _places(pipeline, text)), _places(pipeline, text)


def test_resolve_places_unknown_area_after_in_holds_the_known_town(pipeline):
    # "Qzwirbat province" is no place the gazetteer knows: the town captured is the event's place, by its own name
    events = pipeline.run(Article("case", "Last Tuesday, Congolese rebels seized Goma in the remote Qzwirbat province.",
                                  published="2021-03-02"))
    places = [e.location for e in events if e.location]
    assert places and (places[0].text, places[0].name, places[0].country) == ("Goma", "Goma", "COD")


def test_resolve_places_the_doers_own_name_is_not_the_place(pipeline):
    # (with no place named, the fallback is a country at country precision, not the doer's name as a place)
    found = _places(pipeline, "A senior militant commander was killed in a US airstrike on Sunday.")
    assert found and all(text != "US" for text, _, _ in found)


def test_resolve_places_a_border_between_two_countries_keeps_its_name(pipeline):
    found = _places(pipeline, "Iraqi border guards shot dead two smugglers near the Iraqi-Syrian border overnight.")
    assert ("the Iraqi-Syrian border", "IRQ", "country") in found


@pytest.mark.parametrize("text, town", [
    ("On 4 June 2021, nurses walked out of a clinic in Tirupati city (Chittoor, Andhra Pradesh) over rents.",
     "Tirupati city"),
    ("On 4 June 2021, in Tijuana, Baja California, gunmen shot a taxi driver near a market.", "Tijuana"),
])
def test_resolve_places_the_town_not_the_area_named_after_it(pipeline, text, town):
    # the area after a comma or in brackets only says where the town is; the event is in the town
    found = _places(pipeline, text)
    assert found and found[0][0] == town and found[0][2] == "city", found


def test_resolve_places_a_later_sentence_says_where_it_happened(pipeline):
    text = "On 2 June 2021, arsonists burned a delivery van owned by a bank. The attack took place in Patras."
    found = _places(pipeline, text)
    assert found and found[0][:2] == ("Patras", "GRC"), found


def test_resolve_places_the_one_town_of_a_short_report_told_with_its_sequel(pipeline):
    # the raid names no place; the sequel, an attack too, says where: the report's one town
    text = ("On 3 June 2021, police raided a seminary during the curfew. Students retaliated by throwing stones "
            "at the officers in Sukkur city.")
    found = _places(pipeline, text)
    assert found and found[0] == ("Sukkur city", "PAK", "city"), found


def test_resolve_places_a_town_of_another_kind_of_event_later_is_not_the_place(pipeline):
    # a later sentence about something else (a government's seat) does not place the call for release
    text = ("Press groups called on the authorities to free the reporters. Critics accused the government of "
            "backing the rulers in Tripoli.")
    found = _places(pipeline, text)
    assert found and found[0][0] != "Tripoli", found


def test_resolve_places_a_later_event_keeps_its_own_place(pipeline):
    # the second sentence is an event of its own: its town does not say where the first happened
    text = "On 2 June 2021, gunmen shot a shopkeeper. Police later arrested two men in Patras."
    events = pipeline.run(Article("case", text, published="2021-06-03"))
    shooting = next(e for e in events if e.trigger.text == "shot")
    assert shooting.location is None or shooting.location.text != "Patras", shooting.location


def test_resolve_places_a_word_cut_from_a_neighbourhood_does_not_place_the_story(pipeline):
    # "Colonia" alone is a department of Uruguay; here it begins a Mexican neighbourhood's name
    text = "On 3 June 2021, gunmen shot a mechanic in Colonia Lomas del Pedregal and fled on a motorcycle."
    events = pipeline.run(Article("case", text, published="2021-06-04"))
    assert events and all(e.location is None or e.location.country != "URY" for e in events)


def test_resolve_places_a_town_before_its_bracketed_area_though_the_tagger_missed_it(pipeline):
    # the small model does not tag every town; the bracket after the name says it is a place
    found = _places(pipeline, "On 5 June 2021, miners staged a sit-in in Redeyef (Gafsa) over jobs.")
    assert found and found[0][:3] == ("Redeyef", "TUN", "city"), found


def test_resolve_places_the_opening_town_over_a_far_namesake_of_its_quarter(pipeline):
    # Santa Luzia is also a town of Minas Gerais; here it is a quarter of the town the sentence opens with
    text = "On 3 June 2021, in Sao Goncalo, Rio de Janeiro, a bus was set on fire in Santa Luzia."
    found = _places(pipeline, text)
    assert found and found[0][:2] == ("Sao Goncalo", "BRA"), found



def test_resolve_places_an_event_known_only_by_its_province_is_mapped_at_its_largest_town(pipeline):
    events = pipeline.run(Article("case", "On 2 June 2021, truck drivers blocked highways in Kerman province over fuel prices.",
                                  published="2021-06-03"))
    place = next(e.location for e in events if e.location)
    # the precision still says only the province is known; the point is its seat, Kerman city
    assert (place.name, place.precision) == ("Kerman", "admin1"), place
    assert abs(place.lat - 30.28) < 0.2 and abs(place.lon - 57.08) < 0.2, place


@pytest.mark.parametrize("text, country, lat, lon", [
    ("On 2 June 2021, police detained dozens of people at rallies in several cities across Belarus.", "BLR",
     53.90, 27.57),
    # no place named: the country of the police, whose capital is Nairobi
    ("On 2 June 2021, Kenyan riot police fired tear gas at demonstrators.", "KEN", -1.28, 36.82),
])
def test_resolve_places_an_event_known_only_by_its_country_is_mapped_at_its_capital(pipeline, text, country, lat,
                                                                                     lon):
    events = pipeline.run(Article("case", text, published="2021-06-03"))
    place = next(e.location for e in events if e.location)
    # the precision still says only the country is known; the point is its capital, as ACLED maps national events
    assert (place.country, place.precision) == (country, "country"), place
    assert abs(place.lat - lat) < 0.1 and abs(place.lon - lon) < 0.1, place


@pytest.mark.parametrize("text, town", [
    ("On 4 June 2021, gunmen ambushed a police patrol on the highway that links Iguala to Taxco.", "Iguala"),
    ("On 4 June 2021, soldiers and rebels clashed between the towns of Rutshuru and Kiwanja.", "Rutshuru"),
])
def test_resolve_places_a_route_is_placed_at_its_first_end(pipeline, text, town):
    found = _places(pipeline, text)
    assert found and found[0][0] == town, found


@pytest.mark.parametrize("text, town, country", [
    ("On 4 June 2021, insurgents ambushed an army convoy on the Damboa - Maiduguri road, killing four soldiers.",
     "Damboa", "NGA"),
    ("On 4 June 2021, a roadside bomb hit a police pickup on the Kabul-Kandahar highway at dawn.", "Kabul",
     "AFG"),
])
def test_resolve_places_a_road_named_for_two_towns_lies_by_the_first(pipeline, text, town, country):
    # mapped at the first town, with an area's precision: the event is somewhere on the road
    place = _first_place(pipeline, text)
    assert (place.name, place.country, place.precision) == (town, country, "admin1"), place


@pytest.mark.parametrize("text", [
    "On 4 June 2021, truck drivers blocked the Mumbai-Agra highway near Sendhwa town (Barwani, Madhya Pradesh) "
    "over fuel prices.",
    # the town in another clause of the sentence than the road
    "On 4 June 2021, truck drivers blocked the Mumbai-Agra highway and threw stones at the police in Sendhwa town "
    "(Barwani, Madhya Pradesh) over fuel prices.",
])
def test_resolve_places_a_town_named_beside_a_long_road_is_the_place(pipeline, text):
    place = _first_place(pipeline, text)
    assert (place.name, place.precision) == ("Sendhwa", "city"), place


def test_resolve_places_talks_between_two_states_name_no_route(pipeline):
    found = _places(pipeline, "Diplomats said talks between Russia and Ukraine resumed in Istanbul on Monday.")
    assert found and found[0][:2] == ("Istanbul", "TUR"), found


def test_resolve_places_a_town_written_with_its_kind_before_the_bracket(pipeline):
    # the district named in brackets has its seat over 100 km away; the town is in the same province
    found = _places(pipeline, "On 5 June 2021, traders staged a sit-in in Sehwan town (Jamshoro, Sindh) over power cuts.")
    assert found and found[0][:3] == ("Sehwan town", "PAK", "city"), found


def test_resolve_places_a_part_of_a_province_keeps_the_provinces_middle(pipeline):
    # the largest town of Anbar is Ramadi, in its east; "western Anbar" is not there
    events = pipeline.run(Article("case", "On 2 June 2021, a drone struck a convoy in western Anbar.",
                                  published="2021-06-03"))
    place = next(e.location for e in events if e.location)
    assert (place.name, place.precision) == ("Anbar", "admin1") and place.lon < 43.0, place


@pytest.mark.parametrize("text, name, country", [
    # the sentence opens with its places, which the small model parses as the subject; the ward is unknown
    ("On 6 June 2021, in Aung Mingalar ward, Sittwe town, Sittwe Township, Rakhine State, a mortar round "
     "struck a market and wounded four traders.", "Sittwe", "MMR"),
    # no preposition: a town and its state open the sentence
    ("On 6 June 2021, Maturin, Monagas state, drivers blocked the main avenue over fuel shortages.",
     "Maturín", "VEN"),
    # a ward the gazetteer lacks, then its town, whose name runs on through "del"
    ("On 6 June 2021, two suspects were shot dead in a police raid in Barangay Tungkong Mangga, "
     "San Jose del Monte, Bulacan.", "San Jose del Monte", "PHL"),
])
def test_resolve_places_the_town_after_a_ward_or_at_the_opening(pipeline, text, name, country):
    place = _first_place(pipeline, text)
    assert (place.name, place.country, place.precision) == (name, country, "city"), place


def test_resolve_places_a_state_written_short_in_brackets_is_no_news_agency(pipeline):
    # "AP" closing the bracket is Andhra Pradesh, not the Associated Press: no US in the story
    events = pipeline.run(Article("case", "On 6 June 2021, farm labourers protested in Nandyal town (Kurnool, AP) "
                                          "over unpaid wages.", published="2021-06-07"))
    place = next(e.location for e in events if e.location)
    assert (place.name, place.country) == ("Nandyāl", "IND"), place
    assert not any(a.country == "USA" for e in events for a in e.source + e.target)


def test_resolve_places_a_town_met_only_by_a_spelling_is_no_namesake_abroad(pipeline):
    # the gazetteer lacks this Mumbai suburb; Korla in China is only spelt like it
    place = _first_place(pipeline, "On 6 June 2021, a crowd attacked a police van in Kurla town "
                                   "(Mumbai Suburban, Maharashtra).")
    assert place.country == "IND", place


def test_resolve_places_of_two_towns_the_one_in_the_country_of_the_others(pipeline):
    # Golfe is also a town of Angola; the bracket's Maritime region and Lome are both in Togo
    found = _places(pipeline, "On 6 June 2021, gunmen shot a customs officer in Lome city (Golfe, Maritime).")
    assert found and found[0][:2] == ("Lome city", "TGO"), found


def test_resolve_places_a_word_cut_from_a_longer_name_is_not_a_town_abroad(pipeline):
    # "Zawiya" alone is a Libyan town; here it is part of a Syrian mountain's name
    found = _places(pipeline, "On 6 June 2021, rebels fired a missile at an army tank on the Jabal al-Zawiya "
                              "front in the southern countryside of Idlib.")
    assert found and found[0][1] == "SYR", found


@pytest.mark.parametrize("text, country, not_name", [
    # GeoNames names the port Heroica Guaymas and its municipality Guaymas; news writes the town's short name
    ("On 7 June 2021, in Guaymas, Sonora, gunmen killed a fisherman at the harbour.", "MEX", "Guaymas"),
    # the small model reads "an army (federal)/AU outpost in X (Y, Z)" as one phrase; X is where it happened
    ("On 7 June 2021, militants stormed an army (federal)/AU outpost in Afgooye (Afgooye, Lower Shabelle).",
     "SOM", None),
    # the small model does not tag the town; what is shelled by name is a place
    ("On 9 June 2021, Turkish howitzers shelled Menbij from across the front line.", "SYR", None),
    # Hays, Kansas is also called Hays City; the bracket says this Hays is in Yemen (the town itself, not the
    # province's seat that holds it)
    ("On 9 June 2021, a sniper wounded a fisherman in the west of Hays city (Al Hudaydah).", "YEM", "Al Ḩudaydah"),
])
def test_resolve_places_a_town_the_small_model_or_the_gazetteer_hides(pipeline, text, country, not_name):
    place = _first_place(pipeline, text)
    assert (place.country, place.precision) == (country, "city") and place.name != not_name, place


def test_resolve_places_the_opening_town_with_its_area_in_brackets(pipeline):
    # Moreno is a town of the same province 80 km away; here it is a square of the opening town
    found = _places(pipeline, "On 9 June 2021, in La Plata (Buenos Aires), couriers went on strike and marched "
                              "to Moreno Square to demand better pay.")
    assert found and found[0][:2] == ("La Plata", "ARG"), found


def test_resolve_places_of_two_namesakes_alike_in_the_area_the_one_nearer_its_middle(pipeline):
    # Donetsk oblast has two towns called Oleksandrivka of the same size; the area named says no more
    place = _first_place(pipeline, "On 10 June 2021, separatist mortars hit a school in Oleksandrivka, "
                                   "Donetsk.")
    assert (place.name, place.country) == ("Oleksandrivka", "UKR") and place.lon > 37.2, place


def test_resolve_places_a_town_in_brackets_known_by_another_name_holds_the_place(pipeline):
    # "Zap" alone is a spelling of towns in Turkey and Europe; the bracket's Amadiya (GeoNames: Al 'Amadiyah) is
    # an Iraqi town, and the unknown Zap area is placed by it
    found = _places(pipeline, "On 10 June 2021, Turkish jets bombed PKK hideouts in Zap (Amadiya) region of "
                              "Dahuk, northern Iraq.")
    assert found and found[0][1:] == ("IRQ", "city"), found


def test_resolve_places_a_name_the_parse_split_is_read_whole(pipeline):
    # the small model hangs "Abiad" on "Tell" as its object; "Tell" alone is another Syrian town
    place = _first_place(pipeline, "On 10 June 2021, Turkish artillery shelled several farms in the eastern "
                                   "countryside of Tell Abiad in Ar-Raqqa.")
    assert place.text == "Tell Abiad" and place.country == "SYR", place



def test_resolve_places_an_unknown_village_placed_by_its_subdivision(pipeline):
    # Ouest is also a department of Haiti; the subdivision's town, Mbouda, is in Cameroon's Ouest region
    place = _first_place(pipeline, "On 12 June 2021, soldiers beat a moto-taxi driver in Bamendjo village, "
                                   "Mbouda subdivision (Bamboutos, Ouest).")
    assert (place.name, place.country) == ("Mbouda", "CMR"), place


@pytest.mark.parametrize("text, name", [
    # the parse keeps only the first word; alone it names another Brazilian town
    ("On 13 June 2021, in Gaucha do Norte, Mato Grosso, gunmen killed a farmer at his gate.", "Gaúcha do Norte"),
    ("On 13 June 2021, in Bom Jesus do Galho, Minas Gerais, a trader was shot dead on a motorbike.",
     "Bom Jesus do Galho"),
])
def test_resolve_places_a_town_whose_name_runs_on_is_read_whole(pipeline, text, name):
    place = _first_place(pipeline, text)
    assert (place.name, place.country) == (name, "BRA"), place


def test_resolve_places_an_area_word_also_reads_the_area_of_the_bare_name(pipeline):
    # "Saint James Parish" is also a county of Louisiana; Jamaica's Saint James holds Montego Bay
    found = _places(pipeline, "On 14 June 2021, in Montego Bay, Saint James Parish, a gunman shot a bus driver.")
    assert found and found[0][:3] == ("Montego Bay", "JAM", "city"), found


def test_resolve_places_the_community_of_a_city_is_no_namesake_abroad(pipeline):
    # Nima read alone is a spelling of Nimes; here it is a part of Accra
    place = _first_place(pipeline, "On 14 June 2021, traders marched in the Nima community of Accra "
                                   "(Accra, Greater Accra) over market fees.")
    assert place.country == "GHA", place


def test_resolve_places_the_story_town_of_an_earlier_sentence_over_a_quarter_far_away(pipeline):
    # the second sentence names no place: the story's place is the town the paragraph opened with, not a town
    # called Inga 1,900 km away that names one of its neighbourhoods
    place = _first_place(pipeline, "On 3 June 2021, in Niteroi, Rio de Janeiro, officers carried out an operation "
                                   "against traffickers in Morro do Cavalao in Inga neighborhood. Two suspects were "
                                   "shot.")
    assert (place.name, place.country) == ("Niterói", "BRA"), place


def test_resolve_places_the_article_places_over_the_actors_country(pipeline):
    # the article names places only in Brazil; the men's nationality does not move the arrest to Colombia
    place = _first_place(pipeline, "On 3 June 2021, in Alto Alegre, Roraima, federal agents found a cocaine "
                                   "lab. Two Colombian men were arrested.")
    assert place.country == "BRA" and place.precision in ("city", "admin1"), place


def test_resolve_places_a_capital_standing_for_its_government_is_no_site(pipeline):
    # "puppets of Washington": the capital names the government, not where the refusal happened
    events = pipeline.run(Article("case", "Afghan officials pressed for a truce on Monday. The Taliban refused to "
                                  "meet ministers they call puppets of Washington.", published="2021-06-20"))
    refusal = next(e for e in events if e.trigger.text == "refused")
    assert refusal.location is None or refusal.location.precision == "country", refusal.location


@pytest.mark.parametrize("text, name, country", [
    # a town and the area of the same name: the town in it (Panama's Colon in its province, not the Honduran
    # department; Sikasso the town, not the region's middle)
    pytest.param("On 2 June 2021, in Colon (Colon), dock workers protested over unpaid wages.", "Colón", "PAN",
                 id="town-in-the-area-of-its-name"),
    pytest.param("On 2 June 2021, traders in Sikasso (Sikasso) protested against a new market tax.", "Sikasso", "MLI",
                 id="town-in-the-area-of-its-name-2"),
    # Donga is a department of Benin and a town of Nigeria's Taraba state: the bracket says which; an LGA the
    # gazetteer lacks is placed at its town of the same name
    pytest.param("On 4 June 2021, herders and farmers clashed over grazing land in Donga LGA (Taraba).",
                 "Donga", "NGA", id="district-named-after-its-town"),
    # the clause names no place; the one town the sentence names is where the bomb went off
    pytest.param("On 3 June 2021, three traders were injured when a bomb exploded in a market on the road to Kunduz "
                 "city.", "Kunduz", "AFG", id="town-the-parse-left-unattached"),
    # "(Sirwah, Marib)": the district of Sirwah in Marib governorate (at its town, Sūq Şirwāḩ, which is all the
    # district's people), not the town of Marib beside it
    pytest.param("On 5 June 2021, tribal fighters traded mortar fire with rebels along the Sirwah front (Sirwah, "
                 "Marib), killing four.", "Sūq Şirwāḩ", "YEM", id="bracketed-pair-read-whole"),
    # a town named before the province that holds it, whose name reads as the province's seat too: the town
    pytest.param("On 4 June 2021, government troops shelled Tall Refaat and its surroundings in Aleppo with "
                 "rockets.", "Tall Rif‘at", "SYR", id="town-before-its-province"),
    pytest.param("On 4 June 2021, gunmen ambushed a patrol near the town of Maadan in the eastern countryside of "
                 "Ar-Raqqa.", "Ma‘dān", "SYR", id="town-before-its-province-2"),
    # "the governor of Lahij governorate": the parse gives no place preposition; the kind word says it is one
    pytest.param("On 5 June 2021, the governor of Lahij governorate banned all travel by buses, according to local "
                 "media.", "Lahij", "YEM", id="name-with-its-kind-of-area"),
    # a district named before its province, whose name is also the province's seat: the district, not the city
    pytest.param("On 2 June 2021, shells hit homes in Hayfan district in southern Yemen (Taizz), wounding two.",
                 "Hayfan", "YEM", id="district-before-its-province"),
    # a town and its area that the parse read as one phrase across the bracket: the town before the bracket
    pytest.param("On 6 June 2021, tea pickers marched at Dambulla town (Dambulla, Matale district) over unpaid wages.",
                 "Dambulla", "LKA", id="town-before-a-bracket-in-one-phrase"),
    # a city's ward is in the city
    pytest.param("On 6 June 2021, residents protested outside the office of Siliguri Ward No. 12 over water cuts.",
                 "Siliguri", "IND", id="ward-of-a-city"),
    # "east of Samarra": a town the tagger did not see, named only as what the site lies off
    pytest.param("On 3 June 2021, Iraqi soldiers killed two gunmen during a raid on a farm east of Samarra.",
                 "Sāmarrā’", "IRQ", id="site-told-from-a-town"),
    # "Sinjar area east of Salamiyah": Iraq's Sinjar is in another country, 400 km away; the place lies near the
    # Syrian town it is told from
    pytest.param("On 6 June 2021, a mine wounded a shepherd in Sinjar area east of Salamiyah.", "As Salamīyah", "SYR",
                 id="namesake-abroad-far-from-the-town-it-is-told-from"),
    # "in Tondo, Manila": a quarter the gazetteer lacks, held by the capital named after it, which here is a site
    pytest.param("On 1 June 2021, dock workers marched in Tondo, Manila over unpaid wages.", "Manila", "PHL",
                 id="capital-holding-the-place-after-in"),
    # the camp's name hangs on "refugee", not on "camp": the camp is still named after its town
    pytest.param("On 1 June 2021, Israeli troops stormed the Tulkarm refugee camp and hurled stun grenades at "
                 "Palestinian youths.", "Ţūlkarm", "PSE", id="camp-named-after-its-town"),
    # "X, north of Y" after a comma is the reporter's bearing, which may be wide: the air base, 70 km from Baghdad
    pytest.param("On 3 June 2021, a fuel depot near Balad air base, north of Baghdad, blew up overnight.",
                 "Balad Air Base", "IRQ", id="bearing-after-a-comma-keeps-the-place"),
    # large towns that the tagger missed, named after "in" in a parsed sentence
    pytest.param("On 30 May 2021, artists rallied in Thessaloniki demanding support for theatres.", "Thessaloníki",
                 "GRC", id="known-town-the-tagger-missed"),
    pytest.param("On 30 May 2021, union members marched in Batman town center to mark the holiday.", "Batman", "TUR",
                 id="known-town-the-tagger-missed-2"),
    # a province named with its article ("Ar-Raqqa" is Raqqa), which the tagger missed: the place itself, and
    # the context that keeps a village of the sentence in Syria rather than at Libya's Sabha
    pytest.param("On 12 June 2021, a roadside bomb wounded two soldiers on the highway in Ar-Raqqa eastern "
                 "countryside.", "Ar Raqqah", "SYR", id="province-with-its-article-the-tagger-missed"),
    pytest.param("On 12 June 2021, a roadside bomb hit a patrol of Kurdish fighters near Al Sabkha village in "
                 "Ar-Raqqa eastern countryside.", "As Sabkhah", "SYR", id="village-held-by-a-province-with-its-article"),
    # the state ending a chain of places, which the tagger missed, keeps the town of the chain in its country
    pytest.param("On 2 July 2021, on the highway joining Esperanza to Santa Catarina de los Reyes, Puebla, gunmen "
                 "killed a bus driver.", "Esperanza", "MEX", id="state-ending-a-chain-the-tagger-missed"),
    # Ghor holds the whole chain, past the town's bracketed other name: the village is no Maidan of Ukraine
    pytest.param("On 9 June 2021, a mine exploded under a truck near Maidan village, Chaghcharan (Ferozkoh) city, "
                 "Ghor.", "Fayrōz Kōh", "AFG", id="chain-held-past-a-bracketed-other-name"),
    # a road named after the ocean it runs along: the town the sentence names, not the Pacific
    pytest.param("On 3 June 2021, in Escuintla, Guatemala, street vendors protested on the Pacific road against new "
                 "fees.", "Escuintla", "GTM", id="road-named-after-a-sea"),
    # an airport the gazetteer lacks, named after its town: the town, not the attacker's country
    pytest.param("Iranian rockets struck a military camp near Erbil airport overnight.", "Erbil", "IRQ",
                 id="facility-named-after-its-town"),
])


def test_resolve_places_where_the_sentence_says(pipeline, text, name, country):
    place = _first_place(pipeline, text)
    assert (place.name, place.country) == (name, country), place


def test_resolve_places_an_area_abbreviation_in_brackets_holds_the_town(pipeline):
    # Rajasthan has a larger Pratapgarh; "(UP)" says Uttar Pradesh's
    place = _first_place(pipeline, "On 8 May 2021, two mobs clashed in Kotwali Nagar, Pratapgarh (UP) over a plot "
                                   "of land.")
    assert (place.country, place.admin1) == ("IND", "Uttar Pradesh"), place


@pytest.mark.parametrize("text, name", [
    # the sentences name their place only in an opening the tagger did not read as one: the story's town, not
    # the state named after it
    ("On 29 May 2021, in Nova Iguacu, Rio de Janeiro, officers raided a favela in the Danon community. A suspect "
     "was shot.", "Nova Iguaçu"),
    ("On 29 May 2021, in Barra Mansa, Rio de Janeiro, officers went to a hillside neighborhood to check a tip. They "
     "were attacked by gunmen.", "Barra Mansa"),
])
def test_resolve_places_the_opening_town_of_a_parsed_sentence(pipeline, text, name):
    last = [e.location for e in pipeline.run(Article("case", text, published="2021-06-20")) if e.location][-1]
    assert (last.name, last.country) == (name, "BRA"), last


@pytest.mark.parametrize("text, name, country", [
    # a base named for no town: the base itself, at a point, not the district in brackets
    ("On 2 June 2020, rival air forces clashed at Al Watiyah airbase (An Nuqat al Khams).",
     "Al Watiyah Air Base", "LBY"),
    ("On 4 June 2020, drones struck hangars at Tiyas airbase in the Homs desert.", "Tiyas Air Base", "SYR"),
])
def test_resolve_places_a_named_air_base_places_the_event(pipeline, text, name, country):
    place = _first_place(pipeline, text)
    assert (place.name, place.country, place.precision) == (name, country, "point"), place


def test_resolve_places_an_unknown_commune_and_its_province_in_brackets(pipeline):
    # "(Tongomayel, Soum)": after a commune the gazetteer lacks, Soum is Burkina Faso's province, not the
    # Senegalese village of that name
    place = _first_place(pipeline, "On 3 March 2021, gunmen burned a school in Sakoule (Tongomayel, Soum).")
    assert (place.country, place.precision) == ("BFA", "admin1"), place


def test_resolve_places_a_bearing_after_a_name_is_not_part_of_it(pipeline):
    # "Sirwah district west of Marib city": the district is where the raids fell; "west" tells where it lies
    place = _first_place(pipeline, "On Sunday, coalition jets struck Sirwah district west of Marib city, "
                                   "residents said.")
    assert (place.text, place.name, place.country) == ("Sirwah district", "Sirwah", "YEM"), place


def test_resolve_places_a_kind_of_area_only_one_country_has_holds_its_area_there(pipeline):
    # local government areas are Nigeria's: "(Niger)" after one is Niger State, not the Republic of Niger
    place = _first_place(pipeline, "On Monday, gunmen raided farms in Rafi LGA (Niger) and abducted 3 people.")
    assert (place.country, place.precision) == ("NGA", "admin1"), place


@pytest.mark.parametrize("text, name", [
    # a name written with apostrophes, its last word tagged a common noun, before the area that holds it
    ("On 3 June 2021, gunmen looted shops in Ma'arrat An Nu'man in Idlib.", "Ma'arrat An Nu'man"),
    # the people of a place, whatever the tagger took its name for
    ("On 3 June 2021, angry residents of Daret Azza in Aleppo blocked a road over the new tax.", "Daret Azza"),
])
def test_resolve_places_a_town_named_before_its_area(pipeline, text, name):
    found = _places(pipeline, text)
    assert found and found[0][:2] == (name, "SYR"), found


def test_resolve_places_a_large_namesake_outside_the_state_named_with_it_is_not_meant(pipeline):
    # no San Juan in Merida state: Puerto Rico's capital or a town of another state is a namesake, and the
    # event falls to the town named with it
    place = _first_place(pipeline, "On 3 June 2021, in San Juan, Tovar, Merida state, nurses marched over unpaid "
                                   "wages.")
    assert (place.country, place.admin1) == ("VEN", "Merida"), place


@pytest.mark.parametrize("text, town", [
    # a bypass named for another town lies in the town that holds it
    ("On 3 June 2021, truckers rallied near the Jalandhar bypass in Ludhiana (Punjab) over fuel prices.",
     "Ludhiana"),
])
def test_resolve_places_a_bypass_named_for_a_town_lies_in_the_town_holding_it(pipeline, text, town):
    place = _first_place(pipeline, text)
    holder = next(c for c in Gazetteer.open().lookup(town) if c.feature == "city")
    assert haversine_km(place.lat, place.lon, holder.lat, holder.lon) < 5, place


def test_resolve_places_the_opening_town_over_a_country_the_clause_names(pipeline):
    # the country is where the migrants are taken; they were moved from the town the sentence opens with
    place = _first_place(pipeline, "On 8 June 2021, in Cali, Valle del Cauca department, a safe passage was arranged "
                                   "to move back 90 stranded families to Venezuela.")
    assert (place.name, place.country) == ("Cali", "COL"), place


def test_resolve_places_the_one_area_of_the_sentence_over_the_country(pipeline):
    # the clause's own place is unknown to the gazetteer and the parse leaves the province at the end of the
    # sentence outside the clause; the province says more than Afghanistan does
    text = ("On 3 June 2021, Afghan commandos killed four Taliban fighters in Darra-e Sang district and the limits "
            "of Tagab-e Kalan village, Badghis.")
    place = _first_place(pipeline, text)
    assert (place.country, place.precision, place.name) == ("AFG", "admin1", "Badghis"), place


def test_resolve_places_the_area_people_came_from_is_not_the_events(pipeline):
    text = ("On 3 June 2021, fighters who had come from Badghis killed four soldiers in Darra-e Sang district and "
            "the limits of Tagab-e Kalan village.")
    place = _first_place(pipeline, text)
    assert (place.country, place.precision) == ("AFG", "country"), place


def test_resolve_places_a_town_in_brackets_after_a_town_holds_it(pipeline):
    # "Hargeysa" in the bracket is where Baligubadle lies, not a second town of the sentence that would make
    # the sentence's town ambiguous
    resolver = next(stage for stage in pipeline.stages if stage.name == "resolve").resolver
    resolver._text = "Police shot two smugglers in Baligubadle town (Hargeysa, Waqooyi Galbeed) and in Burao."
    spans = [Span(name, resolver._text.index(name), resolver._text.index(name) + len(name))
             for name in ("Baligubadle", "Hargeysa", "Waqooyi Galbeed", "Burao")]
    assert [resolver._bracketed_holder(span, spans) for span in spans] == [False, True, True, False]


def test_resolve_places_a_name_the_tagger_took_for_a_date_still_places_the_event(pipeline):
    # the small model tags "Dahuk" here as a date; with no number and no word of the calendar it is none
    place = _first_place(pipeline, "Warplanes struck shelters on a ridge in the Sidakan region of Dahuk, Northern Iraq.")
    assert (place.country, place.admin1) == ("IRQ", "Duhok"), place


@pytest.mark.parametrize("text, name", [
    # the desert around a town is placed by the town, as its countryside is
    ("Militants ambushed a supply convoy in the Rutba desert in Anbar province on Monday.", "Ar Ruţbah"),
    # a district that the area after "of" holds: the district itself, at the middle of its towns
    ("A landmine exploded in Kouk Trach village, Veal Veaeng district of Pursat province, wounding a farmer.",
     "Srŏk Véal Vêng"),
    # an Indian block is named after its town, as a district is
    ("Workers staged a protest at a school in Sana Kalia village in Digapahandi block (Ganjam, Odisha) on Monday.",
     "Digapahandi"),
    # "Esh-" is the article written as it sounds before "Sham", like "Ash-"
    ("An unexploded shell went off in a house in the town of Busra Esh-Sham in Daraa province.", "Buşrá ash Shām"),
])
def test_resolve_places_a_part_of_an_area_and_a_town_as_news_writes_them(pipeline, text, name):
    place = _first_place(pipeline, text)
    assert place.name == name, place


@pytest.mark.parametrize("text, admin1", [
    # a district named after the village: no Pipri of another state's district
    ("Two men were shot in Pipri, Kaushambi (UP) during a quarrel over land on Friday.", "Uttar Pradesh"),
    # a town that its province holds, named after the village: no MacArthur of another province far away
    ("Soldiers clashed with rebels in Macarthur, Monreal, Masbate on Sunday.", "Bicol"),
])
def test_resolve_places_a_village_named_before_its_district_or_town(pipeline, text, admin1):
    place = _first_place(pipeline, text)
    assert place.admin1 == admin1, place


def test_resolve_places_a_chain_of_places_parsed_as_one_phrase(pipeline):
    # the small model parses the chain and the troops after it as one phrase, which as a whole names only the state
    text = ("On 2 May 2020, on the outskirts of Mrauk-U Town, Mrauk-U Township, Mrauk-U District, Rakhine State, "
            "Myanmar troops from battalion 540 detained and beat a farmer to death.")
    place = _first_place(pipeline, text)
    assert (place.name, place.precision) == ("Mrauk U", "city"), place


@pytest.mark.parametrize("text, name", [
    ("Gunmen shot a farmer dead in the fields between Harim and Sarmada towns on Friday.", "Ḩārim"),
    ("Clashes broke out in the area between Khan Shaykhun and Murak on Tuesday night.", "Khān Shaykhūn"),
])
def test_resolve_places_an_area_between_two_towns(pipeline, text, name):
    assert _first_place(pipeline, text).name == name


def test_resolve_places_an_indian_village_from_the_post_office_register(pipeline):
    # GeoNames lacks the village; India Post's register has it, and its district and state are named with it
    place = _first_place(pipeline, "Police on Sunday dispersed farm labourers who had blocked a road near "
                                   "Kolimigundla (Kurnool district, Andhra Pradesh) over unpaid wages.")
    assert (place.name, place.country, place.precision, place.geonameid) == ("Kolimigundla", "IND", "city", None)
    assert haversine_km(place.lat, place.lon, 15.08, 78.11) < 5, place


def test_resolve_places_a_pronoun_spelt_like_a_village_is_no_venue():
    # "their" resolved to a country, before an event noun: spelt like Thair, a village of the register, it still
    # names the event's party; a town's name known only as its country's is the place ("Kyiv protest")
    from brinkwatch.lexicon import Lexicon
    from brinkwatch.model import Actor
    from brinkwatch.places import Geocoder
    from brinkwatch.resolve.resolver import EventResolver

    resolver = EventResolver(Lexicon.load(), actors=None, geocoder=Geocoder(Gazetteer.open()))
    resolver._text = "Police beat the veterans during their protest, and a Kyiv protest followed."
    their = resolver._text.index("their")
    kyiv = resolver._text.index("Kyiv")
    assert not resolver._venue(Actor("their", their, their + 5, actor_id="UKR", country="UKR"))
    assert resolver._venue(Actor("Kyiv", kyiv, kyiv + 4, actor_id="UKR", country="UKR"))


@pytest.mark.parametrize("text, name, admin1, point", [
    # a Nigerian local government area: the village is unknown, the LGA is where the event is
    ("Gunmen kidnapped four traders in Kaboresha (Chikun LGA, Kaduna) on Sunday.", "Chikun", "Kaduna",
     (10.46, 7.64)),
    # an Afghan district found by its alternate spelling
    ("Gunmen killed three fighters in Khogyani district, Nangarhar, on Friday.", "Khūgyāṉī", "Nangarhar",
     (34.2, 70.2)),
])
def test_resolve_places_a_district_from_the_districts_table(pipeline, text, name, admin1, point):
    place = _first_place(pipeline, text)
    assert (place.name, place.admin1, place.precision) == (name, admin1, "admin1"), place
    assert haversine_km(place.lat, place.lon, *point) < 50, place


@pytest.mark.parametrize("text, expected", [
    # one Ovacık district has "Ovacık District" among its names; "Ovacik district of Tunceli" is still Tunceli's
    ("Soldiers clashed with militants in Ovacik district of Tunceli on Monday.",
     {"name": "Ovacık", "admin1": "Tunceli", "precision": "city"}),
    # a district of another province is spelt like the village; the village's own district and province say where
    ("A landmine wounded a farmer in Sangkum Thmei village, Veal Veaeng district, Pursat province, Cambodia, on "
     "Tuesday.", {"country": "KHM", "admin1": "Pursat"}),
    # a Deh-e Now lies in Kabul province, 66 km from the district named with it in Logar
    ("Troops fought insurgents in the Deh-e Now area of Mohammad Agha district, Logar, on Monday.",
     {"country": "AFG", "admin1": "Logar"}),
    # both are areas, of "admin1" precision: the district named with the province is the nearer place
    ("Gunmen shot a ranger near Hutae Kolae, Moo 3, tambon Trobon, Sai Buri district of Pattani, Thailand, on "
     "Sunday.", {"name": "Amphoe Sai Buri", "admin1": "Pattani"}),
    # a dozen San Carlos districts and fifty towns: Sonora's small San Carlos is still weighed
    ("Police found two men dead on a ranch in San Carlos Nuevo Guaymas, Sonora, on Sunday.",
     {"name": "San Carlos", "admin1": "Sonora", "precision": "city"}),
])
def test_resolve_places_districts_beside_towns_and_provinces(pipeline, text, expected):
    _assert_first_place(pipeline, text, expected)


@pytest.mark.parametrize("text, expected", [
    # names listed before "neighborhoods" are quarters of the town the sentence names, not Andaraí or Inhaúma in
    # other states nor Morro Bay in California (the app's quoted name makes the parse run one phrase across them)
    ('On 2 June 2021, in the North Zone of Rio de Janeiro, Rio de Janeiro, it was reported through the app "Fogo '
     'Cruzado - RJ" that shoot-outs took place in Andarai, Cordovil and Vila Isabel neighborhoods.',
     {"name": "Rio de Janeiro", "precision": "city"}),
    ('On 2 June 2021, in the North Zone of Rio de Janeiro, Rio de Janeiro, it was reported through the app "Fogo '
     'Cruzado - RJ" that shoot-outs took place in Inhauma and Tomas Coelho neighborhoods.',
     {"name": "Rio de Janeiro", "precision": "city"}),
    ('On 2 June 2021, in Belford Roxo, Rio de Janeiro, it was reported through the app "Fogo Cruzado - RJ" that '
     'shoot-outs took place in Morro do Juiz, 3 Irmaos and Jardim Gloria neighborhoods.', {"name": "Belford Roxo"}),
    # a street named after the capital runs through the port city, far from the capital
    ("Houthi fighters shelled homes on Sanaa Street in the east of the port city of Hodeidah on Monday.",
     {"name": "Al Ḩudaydah"}),
    # a quarter of a city of millions, not the small San Cristóbal in Bolívar nor the large one in Venezuela
    ("On 2 May 2021, in San Cristobal, Bogota, residents blocked a road to demand food aid.",
     {"name": "Bogotá", "precision": "city"}),
    # "areas" of a town: Pimpri-Chinchwad's Kalewadi, not a Kalewadi 97 km off
    ("A policeman was beaten up at Kalewadi areas of Pimpri - Chinchwad city (Pune, Maharashtra) on Tuesday.",
     {"name": "Pimpri-Chinchwad"}),
])
def test_resolve_places_quarters_and_streets_of_a_town(pipeline, text, expected):
    _assert_first_place(pipeline, text, expected)


@pytest.mark.parametrize("text, expected", [
    # the first word of a name the gazetteer lacks is no Medina: the bracket says where the name lies
    ("Two armed groups clashed in Madinat as Saleh (Al Buraiqeh, Aden) on Tuesday.", {"country": "YEM"}),
    # ... nor Puerto Rico's San Juan: the state after the comma says where
    ("On 30 April 2021, in San Juan de los Cerritos, San Luis de Potosi, two gunmen clashed with police officers.",
     {"country": "MEX"}),
    # a town known by another spelling only ("Mexmur"), with no people counted: the seat of the district named
    ("Militants attacked soldiers in Makhmur district on Tuesday, Iraqi officials said.",
     {"name": "Mexmur", "country": "IRQ"}),
    # a Spanish name with a "de" that its own spelling lacks
    ("On 7 May 2021, in San Andres de Tuxtla, Veracruz, two gunmen shot a shopkeeper.",
     {"name": "San Andrés Tuxtla", "precision": "city"}),
    # past a district the gazetteer lacks, the area named after it holds the place: Lahij, not a Marbat of a
    # like spelling in Shabwah; Kyrgyzstan's Chui, not a Vostok in Ukraine
    ("Gunmen seized a farm in the Ar Rubat area of Tuban district (Lahij) on Monday.",
     {"country": "YEM", "admin1": "Lahij"}),
    ("Workers protested outside a factory in Vostok village of Alamudun district in Chui region on Friday.",
     {"country": "KGZ"}),
    # a station the gazetteer lacks, in Minsk: its first word is no Voskhod in Mogilev
    ("About twenty activists protested near the Uskhod metro station in Minsk on Friday.", {"name": "Minsk"}),
    # a district and its province in the bracket hold the place: "Kahira" is no Cairo
    ("Militiamen attacked the village of Lulumbu, near Kahira (Masisi, Nord-Kivu), on Tuesday, injuring three "
     "civilians.",
     {"country": "COD"}),
    # a village is no city of 100,000 people: the village of Daman by Deir-ez-Zor is no Dammam
    ("Fighters clashed with a patrol in the village of Daman in the eastern countryside of Deir-ez-Zor on Friday.",
     {"country": "SYR"}),
    # forces for a party of one country fight in that country: Yemen's Al Jawf, not Saudi Arabia's larger one
    ("On 1 May 2021, pro-Houthi forces reportedly ambushed pro-Hadi groups in the Al Jadair area, near Al Jawf.",
     {"country": "YEM"}),
    # a town named as a part of the district after it: the town, not the district's seat
    ("Gunmen shot dead a retired policeman in Samana subdivision of Patiala district (Punjab) on Sunday.",
     {"name": "Samāna", "precision": "city"}),
    # a governorate, not the peninsula it lies in
    ("Egyptian forces killed two militants in a raid on a farmhouse in North Sinai on Friday.",
     {"name": "North Sinai", "country": "EGY"}),
    # somewhere along the border of two districts: placed by the first, with an area's precision
    ("Police and Maoists exchanged fire at the Bijapur and Dantewada border (Chhattisgarh) on Friday, and one "
     "wounded Maoist was arrested.", {"name": "Bījāpur", "admin1": "Chhattisgarh", "precision": "admin1"}),
])
def test_resolve_places_a_name_read_with_the_names_around_it(pipeline, text, expected):
    _assert_first_place(pipeline, text, expected)
