"""Actor knowledge base and resolver: data files, aliases, dated offices, normalisation, user files."""

from __future__ import annotations

import csv
import re
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from brinkwatch.actors import ActorBase, ActorResolver, normalize
from brinkwatch.cli import cli
from brinkwatch.errors import ConfigError, InputError

DATA = resources.files("brinkwatch") / "data" / "actors"


def rows(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader((DATA / name).read_text(encoding="utf-8").splitlines()))


def resolve(resolver: ActorResolver, phrase: str, **options):
    return resolver.resolve(phrase, 100, 100 + len(phrase), **options)


# ---- data files


def test_actors_every_country_row_is_valid():
    countries = rows("countries.csv")
    codes = [row["iso3"] for row in countries]
    assert len(countries) >= 249
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in codes)
    assert all(row["name"] and row["source"] for row in countries)
    for needed in ("USA", "IRQ", "PSE", "XKX", "TWN", "VAT", "SSD", "TLS"):
        assert needed in codes


def test_actors_ids_are_unique_across_tables():
    ids = [row["iso3"] for row in rows("countries.csv")] + [row["id"] for row in rows("organizations.csv")]
    ids += sorted({row["id"] for row in rows("people.csv")})
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[A-Z0-9][A-Z0-9_-]*", actor_id) for actor_id in ids)


@pytest.mark.parametrize("name", ["countries.csv", "organizations.csv", "people.csv", "institutions.csv",
                                  "sectors.csv", "nonactors.csv"])
def test_actors_every_row_names_its_source(name):
    assert all(row["source"].strip() for row in rows(name))


def test_actors_people_dates_are_ordered():
    for row in rows("people.csv"):
        for column in ("start", "end"):
            assert row[column] == "" or re.fullmatch(r"\d{4}-\d{2}-\d{2}", row[column]), row
        if row["start"] and row["end"]:
            assert row["start"] < row["end"], row


def test_actors_table_sizes(base):
    kinds = [record.kind for record in base]
    assert kinds.count("country") >= 249
    assert kinds.count("organization") >= 80
    assert kinds.count("person") >= 200


# ---- named actors and their aliases


@pytest.mark.parametrize("phrase, expected", [
    ("Hashd", "PMF"),
    ("the Hashd al-Sha'bi", "PMF"),
    ("popular crowd fighters", "PMF"),
    ("QSD", "SDF"),
    ("Qasad", "SDF"),
    ("Martyrs' Brigades", "KSS"),
    ("Kataib Sayyid al-Shuhada", "KSS"),
    ("the Brigades of the Lord of the Martyrs", "KSS"),
    ("Hizballah Brigades", "KH"),
    ("Hizbollah", "HEZ"),
    ("Daech", "ISIS"),
    ("ISIL fighters", "ISIS"),
    ("Jabhat al-Nusra", "NUSRA"),
    ("Ansar Allah", "HOUTHI"),
    ("the Quds Force", "QUDS"),
    ("Iran's Revolutionary Guards", "IRGC"),
    ("Washington", "USA"),
    ("the White House", "USA"),
    ("the Kremlin", "RUS"),
    ("Downing Street", "GBR"),
    ("Tehran", "IRN"),
    ("Beijing", "CHN"),
    ("the IDF", "ISR-MIL"),
])
def test_actors_alias_resolves(resolver, phrase, expected):
    assert resolve(resolver, phrase).actor_id == expected


@pytest.mark.parametrize("spelling", [
    "Abu Alaa al-Walai", "Abu Alaa al-Wali", "Abu Alaa Alaa al-Wali", "Abu Ala'a", "Abu Alaa", "Abu Ala’a",
    "KSS leader Abu Alaa al-Walai",
])
def test_actors_every_spelling_of_abu_alaa(resolver, spelling):
    actor = resolve(resolver, spelling)
    assert (actor.actor_id, actor.country, actor.sector) == ("KSS-WALAI", "IRQ", "militia")


@pytest.mark.parametrize("phrase, actor_id", [
    ("Bosnian Serbs", "BIH-CVL"),  # a people named by the country they live in (CAMEO's residence convention)
    ("Syrian Armenians", "SYR-CVL"),
    ("the Albanians of southern Serbia", "SRB-CVL"),
    ("two Iraqis", "IRQ-CVL"),
    ("the Americans", "USA"),  # a people after "the", alone, is its state speaking
])
def test_actors_resolve_people_by_where_they_live(resolver, phrase, actor_id):
    assert resolver.resolve(phrase, 0, len(phrase), date="1995-01-01").actor_id == actor_id


@pytest.mark.parametrize("phrase", ["Central American migrants", "Latin American leaders", "North American officials"])
def test_actors_region_adjective_is_no_state(resolver, phrase):
    # "American" inside the name of a region is no demonym of the United States
    assert resolver.resolve(phrase, 0, len(phrase), date="2020-01-01").country is None


def test_actors_bracketed_acronym_abbreviates_the_name_before_it(resolver):
    # "AKK" alone is a German politician's initials; in brackets after a name it abbreviates that name
    phrase = "Kenya Kitchen Keepers (AKK) officials"
    assert resolver.resolve(phrase, 0, len(phrase), date="2020-01-01").country == "KEN"
    assert resolver.resolve("AKK", 0, 3, date="2020-01-01").country == "DEU"


@pytest.mark.parametrize("day, sector", [("1999-05-01", "rebel"), ("2015-05-01", "party")])
def test_actors_cndd_fdd_was_a_rebel_group_then_a_party(resolver, day, sector):
    phrase = "Forces for the Defense of Democracy (FDD)"
    actor = resolver.resolve(phrase, 0, len(phrase), date=day)
    assert (actor.actor_id, actor.country, actor.sector) == ("CNDD-FDD", "BDI", sector)


@pytest.mark.parametrize("phrase, actor_id", [
    ("the UN-recognised government in Tripoli", "LBY-GOV"),  # the UN recognises it; it is not the UN
    ("pro-Houthi forces", "HOUTHI"),  # "pro-" a named group: its own forces, as ACLED codes them
    ("the Iran-backed Houthis", "HOUTHI"),
])
def test_actors_a_named_patron_is_not_the_actor(resolver, phrase, actor_id):
    assert resolver.resolve(phrase, 0, len(phrase), date="2020-01-01").actor_id == actor_id


def test_actors_resolve_keeps_text_and_offsets(resolver):
    actor = resolver.resolve("the Kremlin", 40, 51)
    assert (actor.text, actor.start, actor.end, actor.name) == ("the Kremlin", 40, 51, "Russia")


def test_actors_named_person_beats_country(resolver):
    actor = resolve(resolver, "the late Iraqi president, Saddam Hussein")
    assert actor.actor_id == "IRQ-SADDAM"


def test_actors_longest_alias_wins(resolver):
    assert resolve(resolver, "Kata'ib Hezbollah gunmen").actor_id == "KH"
    assert resolve(resolver, "the Free Syrian Army").actor_id == "FSA"


def test_actors_transnational_group_takes_country_from_phrase(resolver):
    actor = resolve(resolver, "Islamic State militants in Syria")
    assert (actor.actor_id, actor.country, actor.sector) == ("ISIS", "SYR", "rebel")


# ---- country with institution, bare institution, unknown


@pytest.mark.parametrize("phrase, actor_id, sector", [
    ("Four Israeli drones", "ISR-MIL", "military"),
    ("the Iraqi parliament", "IRQ-LEG", "legislature"),
    ("U.S. troops", "USA-MIL", "military"),
    ("Turkish riot police", "TUR-COP", "police"),
    ("Egyptian prosecutors", "EGY-JUD", "judiciary"),
    ("Syrian opposition activists", "SYR-OPP", "opposition"),
    ("police in Mosul's neighbour Baghdad", "IRQ-COP", "police"),
])
def test_actors_demonym_with_institution_is_generic(resolver, phrase, actor_id, sector):
    actor = resolve(resolver, phrase)
    assert (actor.actor_id, actor.country, actor.sector) == (actor_id, actor_id[:3], sector)


def test_actors_bare_institution_takes_focus_country(resolver):
    actor = resolve(resolver, "the government", focus_country="LBN")
    assert (actor.actor_id, actor.country, actor.sector) == ("LBN-GOV", "LBN", "government")
    loose = resolve(resolver, "the government")
    assert (loose.actor_id, loose.country, loose.sector) == (None, None, "government")


def test_actors_armed_groups_do_not_take_focus_country(resolver):
    actor = resolve(resolver, "gunmen", focus_country="NGA")
    assert (actor.actor_id, actor.country, actor.sector) == (None, None, "rebel")


def test_actors_patron_country_is_not_the_owner(resolver):
    actor = resolve(resolver, "Tehran-backed militiamen", focus_country="IRQ")
    assert (actor.country, actor.sector) == (None, "militia")


def test_actors_plural_demonym_means_people(resolver):
    assert resolve(resolver, "two Lebanese soldiers").actor_id == "LBN-MIL"
    assert resolve(resolver, "three Afghans").actor_id == "AFG-CVL"
    assert resolve(resolver, "the Afghans").actor_id == "AFG"


@pytest.mark.parametrize("phrase", ["an anonymous diplomatic source", "someone", "the blast", ""])
def test_actors_unknown_actor_is_kept(resolver, phrase):
    actor = resolve(resolver, phrase)
    assert actor.actor_id is None and actor.country is None
    assert (actor.text, actor.start) == (phrase, 100)


def test_actors_unknown_actor_gets_head_sector(resolver):
    assert resolve(resolver, "an unnamed civil servant").sector == "government"
    assert resolve(resolver, "suspected militants").sector == "rebel"


def test_actors_place_names_are_not_actors(resolver):
    assert resolve(resolver, "the South China Sea").actor_id is None
    assert resolve(resolver, "Latin America").actor_id is None


def test_actors_acronyms_keep_their_case(resolver):
    assert resolve(resolver, "US").actor_id == "USA"
    assert resolve(resolver, "us").actor_id is None
    assert resolve(resolver, "WHO").actor_id == "WHO"
    assert resolve(resolver, "who").actor_id is None


def test_actors_the_crowd_yields_to_protesters_elsewhere(resolver):
    assert resolve(resolver, "the crowd", focus_country="IRQ").actor_id == "PMF"
    assert resolve(resolver, "the crowd", focus_country="FRA").actor_id == "FRA-PRO"
    assert resolve(resolver, "the crowd").actor_id != "PMF"  # an article with no country named


def test_actors_the_crowd_names_no_militia_in_an_article_about_elsewhere(resolver):
    """A common phrase that is also an alias counts as a mention only where the article names that actor's
    country otherwise: police dispersing "the crowd" in Johannesburg make no article about Iraq."""
    text = "Police in Soweto dispersed the crowd outside the clinic. The crowd had gathered since dawn."
    assert not any(a.actor_id == "PMF" for a in resolver.find_mentions(text))
    iraqi = "Fighters of the Hashd held Tikrit. The crowd has bases across Iraq."
    assert [a.actor_id for a in resolver.find_mentions(iraqi)].count("PMF") == 2


# ---- dated offices


@pytest.mark.parametrize("day, expected", [("2019-06-01", "USA-TRUMP"), ("2022-06-01", "USA-BIDEN"),
                                           ("2012", "USA-OBAMA"), ("2025-03", "USA-TRUMP")])
def test_actors_dated_president(resolver, day, expected):
    assert resolve(resolver, "the President", date=day, focus_country="USA").actor_id == expected
    assert resolve(resolver, "the American president", date=day).actor_id == expected


def test_actors_dated_offices_elsewhere(resolver):
    assert resolve(resolver, "Iraq's prime minister", date="2016-01-10").actor_id == "IRQ-ABADI"
    assert resolve(resolver, "the Russian foreign minister", date="2015-01-01").actor_id == "RUS-LAVROV"
    assert resolve(resolver, "the Hezbollah leader", date="2010-05-05").actor_id == "HEZ-NASRALLAH"
    assert resolve(resolver, "the head of Hezbollah", date="2025-05-05").actor_id == "HEZ-QASSEM"


def test_actors_title_without_date_stays_generic(resolver):
    actor = resolve(resolver, "the Iranian president")
    assert (actor.actor_id, actor.sector) == ("IRN-GOV", "government")


def test_actors_former_holder_is_not_the_incumbent(resolver):
    actor = resolve(resolver, "the former president", date="2019-06-01", focus_country="USA")
    assert actor.actor_id == "USA-GOV"


def test_actors_namesakes_are_told_apart_by_date(resolver):
    assert resolve(resolver, "Clinton", date="2011-03-01").actor_id == "USA-HCLINTON"
    assert resolve(resolver, "Clinton", date="1998-03-01").actor_id == "USA-CLINTON"


def test_actors_person_wears_the_hat_of_the_day(resolver):
    early = resolve(resolver, "Ahmed al-Sharaa", date="2019-01-01")
    late = resolve(resolver, "Ahmed al-Sharaa", date="2025-06-01")
    assert (early.country, early.sector) == ("SYR", "rebel")
    assert (late.country, late.sector) == ("SYR", "government")


def test_actors_bad_date_is_an_input_error(resolver):
    with pytest.raises(InputError, match="YYYY"):
        resolve(resolver, "the President", date="last Tuesday")


# ---- normalisation and the base's queries


@pytest.mark.parametrize("raw, folded", [
    ("Kata’ib Hezbollah", "kataib hezbollah"),
    ("al-Hashd al-Shaabi", "hashd shaabi"),
    ("Al Hashd Al Shaabi", "hashd shaabi"),
    ("El-Sisi", "sisi"),
    ("the Kremlin", "kremlin"),
    ("Erdoğan", "erdogan"),
    ("Élysée", "elysee"),
    ("ash-Shabaab", "shabaab"),
    ("Abu Alaʼa", "abu alaa"),
    ("Iran's", "iran"),
])
def test_actors_normalize(raw, folded):
    assert normalize(raw) == folded


def test_actors_lookup_is_exact_after_normalisation(base):
    assert base.lookup("AL-QAIDA").id == "AQ"
    assert base.lookup("Hay'at Tahrir al-Sham").id == "HTS"
    assert base.lookup("Tahrir") is None
    assert base.lookup("Aoun", date="2025-06-01").id == "LBN-JAOUN"
    assert base.lookup("Hariri", date="2003-01-01").id == "LBN-RHARIRI"
    assert base.lookup("Hariri", date="2018-01-01").id == "LBN-SHARIRI"


def test_actors_search_finds_misspellings(base):
    assert base.search("Hezbolah")[0].id == "HEZ"
    assert [record.id for record in base.search("Popular Mobilization")][:1] == ["PMF"]
    assert base.search("") == []


def test_actors_get_builds_country_sector_ids(base):
    record = base.get("IRQ-LEG")
    assert (record.country, record.sector) == ("IRQ", "legislature")
    generic = base.get("NOR-COP")
    assert (generic.kind, generic.country, generic.sector) == ("generic", "NOR", "police")
    assert base.get("XXX-COP") is None and base.get("NOPE") is None
    assert base.get("KSS").parent == "PMF"


# ---- find_mentions


def test_actors_find_mentions_scans_a_text(resolver):
    text = ("Iraqi troops and the Hashd al-Shaabi clashed with ISIS near Kirkuk; Washington said "
            "U.S. aircraft were not involved, while Abu Ala'a blamed the Kremlin.")
    found = [(m.actor_id, text[m.start:m.end]) for m in resolver.find_mentions(text)]
    assert found == [("IRQ-MIL", "Iraqi troops"), ("PMF", "Hashd al-Shaabi"), ("ISIS", "ISIS"),
                     ("USA", "Washington"), ("USA-MIL", "U.S. aircraft"), ("KSS-WALAI", "Abu Ala'a"),
                     ("RUS", "Kremlin")]


def test_actors_find_mentions_ignores_lower_case_lookalikes(resolver):
    text = "Let us turn to the chad and jordan almonds. It is what it is."
    assert resolver.find_mentions(text) == []



# ---- user files


def test_actors_user_csv_adds_and_overrides(tmp_path):
    extra = tmp_path / "extra.csv"
    extra.write_text(
        "id,name,sector,country,aliases,parent,wikidata,source\n"
        "SHADOWBRIG,Shadow Brigade,militia,IRQ,Liwa al-Dhill|the shadows,PMF,,test\n"
        "PMF,Popular Mobilization Forces,militia,IRQ,Hashd|PMF,,,test override\n",
        encoding="utf-8",
    )
    base = ActorBase.load([extra])
    resolver = ActorResolver(base)
    assert resolve(resolver, "Liwa al-Dhill").actor_id == "SHADOWBRIG"
    assert base.get("PMF").source == "test override"
    assert resolve(resolver, "the crowd", focus_country="IRQ").actor_id != "PMF"  # alias list replaced
    assert resolve(ActorResolver(ActorBase.load()), "the crowd", focus_country="IRQ").actor_id == "PMF"  # packaged data untouched


def test_actors_user_yaml_adds_people_and_institutions(tmp_path):
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "people:\n"
        "  - {id: IRQ-TESTER, name: Test Holder, aliases: [Holder], country: IRQ, sector: government,\n"
        "     role: president, start: '2030-01-01'}\n"
        "institutions:\n"
        "  - {phrase: praetorians, sector: military}\n",
        encoding="utf-8",
    )
    resolver = ActorResolver(ActorBase.load([extra]))
    assert resolve(resolver, "the Iraqi president", date="2031-01-01").actor_id == "IRQ-TESTER"
    assert resolve(resolver, "Iraqi praetorians").actor_id == "IRQ-MIL"


@pytest.mark.parametrize("content, message", [
    ("id,name,sector,country\nBAD,Bad,warlords,IRQ\n", "sector 'warlords' is unknown"),
    ("id,name,sector,country\nBAD,Bad,militia,Iraq\n", "ISO 3166 alpha-3"),
    ("id,name,sector,country,parent\nBAD,Bad,militia,IRQ,NOBODY\n", "parent 'NOBODY'"),
    ("id,name,sector,country,role,start\nX-Y,X,government,IRQ,president,2020/01/01\n", "YYYY-MM-DD"),
])
def test_actors_bad_user_rows_raise_config_error(tmp_path, content, message):
    extra = tmp_path / "bad.csv"
    extra.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)):
        ActorBase.load([extra])


def test_actors_missing_user_file_raises_config_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot be read"):
        ActorBase.load([tmp_path / "absent.csv"])


# ---- phrases whose words change who the actor is


def test_actors_led_prefix_names_the_leaders_country(resolver):
    assert resolve(resolver, "Kenyan-led troops").actor_id == "KEN-MIL"
    backed = resolve(resolver, "Moscow-backed separatists")
    assert (backed.country, backed.sector) == (None, "rebel")


def test_actors_patron_word_inside_a_phrase_is_not_a_patron(resolver):
    assert resolve(resolver, "Lebanese armed groups").actor_id == "LBN-REB"
    assert resolve(resolver, "French armed forces").actor_id == "FRA-MIL"


@pytest.mark.parametrize("phrase, sector", [
    ("rebel commanders", "rebel"),
    ("police chief", "police"),
    ("militia fighters", "militia"),
    ("opposition coalition", "opposition"),
    ("opposition forces", "rebel"),
    ("government forces", "military"),
    ("party officials", "party"),
])
def test_actors_modifier_gives_the_sector_of_general_words(resolver, phrase, sector):
    assert resolve(resolver, phrase).sector == sector


def test_actors_rebel_leader_is_not_the_head_of_state(resolver):
    actor = resolve(resolver, "the Chadian rebel leader", date="2019-05-01")
    assert (actor.actor_id, actor.country, actor.sector) == ("TCD-REB", "TCD", "rebel")


def test_actors_title_before_unknown_name_is_not_the_incumbent(resolver):
    actor = resolve(resolver, "President Ada Placeholder", date="2019-05-01", focus_country="USA")
    assert actor.actor_id == "USA-GOV"
    assert resolve(resolver, "Chadian President Ada Placeholder").actor_id == "TCD-GOV"
    assert resolve(resolver, "President Trump", date="2019-05-01").actor_id == "USA-TRUMP"


def test_actors_member_of_a_body_takes_its_sector(resolver):
    assert resolve(resolver, "a member of the Kenyan senate").actor_id == "KEN-LEG"
    assert resolve(resolver, "two members of Hezbollah").actor_id == "HEZ"


def test_actors_people_words_with_a_country_are_civilians(resolver):
    assert resolve(resolver, "three Jordanian boys").actor_id == "JOR-CVL"
    assert resolve(resolver, "a man from Jordan").actor_id == "JOR-CVL"
    loose = resolve(resolver, "a man", focus_country="JOR")
    assert (loose.actor_id, loose.sector) == (None, "person")
    found = resolver.find_mentions("Two Jordanian men were hurt.")
    assert [m.actor_id for m in found] == ["JOR-CVL"]


def test_actors_ethnic_demonym_is_not_the_state(resolver):
    assert resolve(resolver, "ethnic Hungarians in Romania").actor_id == "ROU-CVL"
    assert resolve(resolver, "ethnic Russians", focus_country="UKR").actor_id == "UKR-CVL"
    assert resolve(resolver, "ethnic Greeks").country is None
    assert resolver.find_mentions("Ethnic Greeks marched in the town.") == []


@pytest.mark.parametrize("phrase, expected", [
    ("Soviet tanks", "RUS-MIL"),
    ("Rhodesian forces", "ZWE-MIL"),
    ("Zairian troops", "COD-MIL"),
    ("Czechoslovakia", "CZE"),
    ("Kampuchean guerrillas", "KHM-REB"),
    ("Northern Ireland", "GBR"),
])
def test_actors_former_names_and_demonyms(resolver, phrase, expected):
    assert resolve(resolver, phrase).actor_id == expected


def test_actors_misspelt_country_names(resolver):
    assert resolve(resolver, "Afganistan").actor_id == "AFG"
    assert resolve(resolver, "Ethopian soldiers").actor_id == "ETH-MIL"
    assert resolve(resolver, "Quatar's emir").country == "QAT"
    assert resolve(resolver, "Mr Kenyon").actor_id is None  # a changed letter is a different word
    assert resolve(resolver, "afganistan").actor_id is None  # only capitalised words are names


def test_actors_international_bodies_and_their_officials(resolver):
    assert resolve(resolver, "the U.N. secretary-general").actor_id == "UN"
    assert resolve(resolver, "the U.N. secretary-general", date="2019-05-01").actor_id == "UN-GUTERRES"
    assert resolve(resolver, "UN officials").actor_id == "UN"
    assert resolve(resolver, "the European Economic Community").actor_id == "EU"
    assert resolve(resolver, "the Organisation of African Unity").actor_id == "AU"


def test_actors_unidentified_armed_group_is_a_militia(resolver):
    actor = resolve(resolver, "an unidentified armed group in Honduras")
    assert (actor.actor_id, actor.sector) == ("HND-UAF", "militia")
    assert resolve(resolver, "gunmen in Honduras").sector == "rebel"


def test_actors_bases_stand_for_the_military(resolver):
    assert resolve(resolver, "a Russian air base").actor_id == "RUS-MIL"
    assert resolve(resolver, "the insurgents' bases").sector == "rebel"  # a base is whoever's it is
    unowned = resolve(resolver, "the base", focus_country="KEN")
    assert (unowned.country, unowned.sector) == (None, "military")
    found = resolver.find_mentions("Rockets hit a Turkish base overnight.")
    assert [(m.actor_id, m.text) for m in found] == [("TUR-MIL", "Turkish base")]


def test_actors_places_of_residence_are_civilians(resolver):
    assert resolve(resolver, "Malian villages").actor_id == "MLI-CVL"
    assert resolve(resolver, "the West Bank").actor_id == "PSE"


# ---- search, user files and the command line


def test_actors_search_matches_acronyms_and_dates(base):
    assert [(r.id, alias) for r, alias in base.search_matches("QSD", 1)] == [("SDF", "QSD")]
    assert base.search("Hariri", 2, date="2018-01-01")[0].id == "LBN-SHARIRI"
    assert base.search("Hariri", 2, date="2003-01-01")[0].id == "LBN-RHARIRI"


def test_actors_user_csv_names_tables_in_a_column(tmp_path):
    extra = tmp_path / "mixed.csv"
    extra.write_text(
        "table,id,name,sector,country,aliases,role,start,end,phrase,source\n"
        "organizations,RIVERGUARD,River Guard,militia,KEN,the river guard,,,,,test\n"
        "people,KEN-TESTCHIEF,Test Chief,militia,KEN,,leader,2030-01-01,,,test\n"
        "institutions,,,civilian,,,,,,boatmen,test\n",
        encoding="utf-8",
    )
    base = ActorBase.load([extra])
    resolver = ActorResolver(base)
    assert resolve(resolver, "The River Guard").actor_id == "RIVERGUARD"
    assert base.get("KEN-TESTCHIEF").roles[0].title == "leader"
    assert resolve(resolver, "Kenyan boatmen").actor_id == "KEN-CVL"


def test_actors_example_user_file_loads():
    path = Path(__file__).resolve().parent.parent / "examples" / "actors.example.csv"
    base = ActorBase.load([path])
    assert base.get("UNITAMS").parent == "UN"
    assert "the musicians" in base.get("WAGNER").aliases


def test_actors_cli_search_prints_a_table():
    done = CliRunner().invoke(cli, ["actors", "search", "Hashd", "--limit", "2"])
    assert done.exit_code == 0, done.output
    header, first = done.output.splitlines()[:2]
    assert header.split() == ["id", "name", "kind", "sector", "country", "matched", "alias"]
    assert first.split()[0] == "PMF" and first.endswith("Hashd")


def test_actors_cli_show_prints_every_field():
    done = CliRunner().invoke(cli, ["actors", "show", "USA-OBAMA"])
    assert done.exit_code == 0, done.output
    for expected in ("Barack Obama", "Q76", "president of USA (United States): 2009-01-20 to 2017-01-20", "source"):
        assert expected in done.output


def test_actors_cli_honours_actor_files(tmp_path, monkeypatch):
    extra = tmp_path / "mine.yaml"
    extra.write_text("organizations:\n  - {id: LAKEWATCH, name: Lake Watch, sector: ngo, aliases: [Lakewatchers]}\n",
                     encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["actors", "show", "LAKEWATCH"]).exit_code == 2
    flagged = runner.invoke(cli, ["actors", "--actor-file", str(extra), "search", "Lakewatchers"])
    assert flagged.exit_code == 0 and "LAKEWATCH" in flagged.output
    monkeypatch.setenv("BRINKWATCH_ACTOR_FILES", str(extra))
    shown = runner.invoke(cli, ["actors", "show", "LAKEWATCH"])
    assert shown.exit_code == 0 and "Lakewatchers" in shown.output


def test_actors_cli_unknown_id_is_a_usage_error():
    done = CliRunner().invoke(cli, ["actors", "show", "Hezbolah"])
    assert done.exit_code == 2
    assert "did you mean HEZ" in done.output


def test_actors_forces_of_an_unplaced_people_are_not_the_focus_states_army(resolver):
    """'Kurdish forces' in an article about Turkey: Turkey's rebels in CAMEO's way, never Turkey's military."""
    kurdish = resolver.resolve("Kurdish forces", 0, 14, date="2019-10-10", focus_country="TUR")
    assert (kurdish.actor_id, kurdish.country, kurdish.sector) == ("TUR-REB", "TUR", "rebel")
    turkish = resolver.resolve("Turkish forces", 0, 14, date="2019-10-10", focus_country="SYR")
    assert (turkish.actor_id, turkish.sector) == ("TUR-MIL", "military")
    bare = resolver.resolve("the forces", 0, 10, date="2019-10-10", focus_country="TUR")
    assert bare.actor_id == "TUR-MIL"


def test_actors_a_base_is_a_place_not_the_focus_states_army(resolver):
    base = resolver.resolve("the K1 military base", 0, 20, date="2019-12-28", focus_country="USA")
    assert (base.actor_id, base.country, base.sector) == (None, None, "military")
    iraqi = resolver.resolve("an Iraqi military base", 0, 22, date="2019-12-28", focus_country="USA")
    assert iraqi.actor_id == "IRQ-MIL"


def test_actors_a_currency_is_no_country(resolver):
    text = "Shops priced goods in US dollars while the Syrian pound fell, and Turkish troops crossed the border."
    found = resolver.find_mentions(text)
    assert [m.country for m in found] == ["TUR"]
    assert resolver.resolve("the US dollar", 0, 13).country is None


def test_actors_a_currency_sign_after_a_country_word_is_no_country(resolver):
    found = resolver.find_mentions("The contract was worth US $12 million to Ghanaian suppliers.")
    assert [m.country for m in found] == ["GHA"]


@pytest.mark.parametrize("text, expected", [
    ("NATO-member Norway", "NOR"),
    ("EU member Hungary", "HUN"),
    ("Osama bin Laden's al-Qaeda network", "AQ"),
], ids=["membership-before-a-country", "membership-spaced", "possessor-before-a-group"])
def test_actors_the_head_of_the_phrase_is_the_actor(resolver, text, expected):
    assert resolver.resolve(text, 0, len(text)).actor_id == expected


def test_actors_a_rank_before_an_unknown_name_is_an_officer(resolver):
    # an officer the base lacks is of the military, placed in the article's country by the caller
    for phrase in ("Lt. Gen. Ali Musa", "Colonel Ahmed Idris", "Brig. Gen. Sani Bello"):
        actor = resolve(resolver, phrase, focus_country="NGA")
        assert actor.sector == "military", (phrase, actor)


@pytest.mark.parametrize("phrase", ["Rep. Jim Jordan", "Mr. Israel", "Dr. Chad Ellison", "Sen. Georgia Banks"])
def test_actors_a_country_named_in_a_titled_persons_name_is_no_country(resolver, phrase):
    # a title before the name (with a given name between or not): the country's name is the person's
    assert resolve(resolver, phrase).country is None
    assert not [m for m in resolver.find_mentions(f"{phrase} spoke on Monday.") if m.country]


@pytest.mark.parametrize("phrase, country", [("DR Congo", "COD"), ("Jordan's king", "JOR"), ("Israel", "ISR"),
                                             ("the Mr. Big gang of Chad", "TCD")])
def test_actors_a_country_without_a_title_before_it_stays(resolver, phrase, country):
    assert resolve(resolver, phrase).country == country
