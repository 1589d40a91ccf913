"""Dated knowledge: ministers resolved by name and by title on the article's date, and organisations whose
sector changed (dated_sectors.csv)."""

from __future__ import annotations

import csv
from collections import defaultdict
from importlib import resources

import pytest
from click.testing import CliRunner

from brinkwatch.actors import ActorBase, ActorResolver
from brinkwatch.cli import cli
from brinkwatch.errors import ConfigError

DATA = resources.files("brinkwatch") / "data" / "actors"
G20 = "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA".split()
OFFICES = ("foreign minister", "defence minister", "interior minister")


def rows(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader((DATA / name).read_text(encoding="utf-8").splitlines()))


def resolve(resolver: ActorResolver, phrase: str, **options):
    actor = resolver.resolve(phrase, 10, 10 + len(phrase), **options)
    return actor.actor_id, actor.country, actor.sector


# ---- ministers


@pytest.mark.parametrize("phrase, focus", [
    ("Mevlut Cavusoglu", None), ("Mevlüt Çavuşoğlu", None), ("Foreign Minister Cavusoglu", "TUR"),
    ("the Turkish foreign minister", None), ("Turkey's top diplomat", None), ("the foreign minister", "TUR"),
])
def test_actors_dated_minister_by_name_and_title(resolver, phrase, focus):
    assert resolve(resolver, phrase, date="2019-05-02", focus_country=focus) == ("TUR-CAVUSOGLU", "TUR", "government")


def test_actors_dated_title_names_the_holder_of_the_day(resolver):
    assert resolve(resolver, "the Turkish foreign minister", date="2024-02-01")[0] == "TUR-FIDAN"
    assert resolve(resolver, "the Turkish foreign minister", date="2008-02-01")[0] == "TUR-BABACAN"
    assert resolve(resolver, "the interior minister", date="2019-05-02", focus_country="TUR")[0] == "TUR-SOYLU"
    assert resolve(resolver, "the interior minister", date="2024-05-02", focus_country="TUR")[0] == "TUR-YERLIKAYA"
    assert resolve(resolver, "the British home secretary", date="2011-05-01")[0] == "GBR-MAY"
    assert resolve(resolver, "the Home Secretary", date="2020-05-01", focus_country="GBR")[0] == "GBR-PATEL"
    assert resolve(resolver, "the US defense secretary", date="2018-05-01")[0] == "USA-MATTIS"
    assert resolve(resolver, "the homeland security secretary", date="2022-05-01", focus_country="USA")[0] == "USA-MAYORKAS"
    assert resolve(resolver, "India's home minister", date="2010-05-01")[0] == "IND-CHIDAMBARAM"
    assert resolve(resolver, "the Japanese defence minister", date="2015-01-01")[0] == "JPN-NAKATANI"
    assert resolve(resolver, "the Iraqi interior minister", date="2021-01-01")[0] == "IRQ-GHANIMI"
    # a British title with "for" in it is one title, not a foreign minister "for" something
    assert resolve(resolver, "the Secretary of State for Defence", date="2020-06-01", focus_country="GBR")[0] == "GBR-WALLACE"
    assert resolve(resolver, "the Secretary of State", date="2020-06-01", focus_country="USA")[0] == "USA-POMPEO"


def test_actors_dated_minister_office_in_another_country(resolver):
    # Ban Ki-moon was South Korea's foreign minister before he led the UN
    assert resolve(resolver, "Ban Ki-moon", date="2005-03-01") == ("UN-BAN", "KOR", "government")
    assert resolve(resolver, "Ban Ki-moon", date="2012-03-01") == ("UN-BAN", None, "igo")


def test_actors_dated_namesakes_by_date(resolver):
    assert resolve(resolver, "Kono", date="2018-01-01")[0] == "JPN-KONO"
    assert resolve(resolver, "Kono", date="2000-06-01")[0] == "JPN-YKONO"


def test_actors_dated_offices_do_not_overlap():
    terms = defaultdict(list)
    for row in rows("people.csv"):
        if row["role"] in OFFICES and not row["organization"]:
            terms[(row["country"], row["role"])].append((row["start"] or "0000", row["end"] or "9999", row["id"]))
    for office, spans in terms.items():
        spans.sort()
        for before, after in zip(spans, spans[1:]):
            assert before[1] <= after[0], (office, before, after)


def test_actors_dated_g20_foreign_and_defence_ministers_are_known(base):
    for iso3 in G20:
        for day in ("2005-07-01", "2019-07-01", "2025-03-01"):
            assert base.holder(iso3, "foreign minister", day) is not None, (iso3, day)
        assert base.holder(iso3, "defence minister", "2019-07-01") is not None, iso3


def test_actors_dated_minister_rows_name_their_source():
    for row in rows("people.csv"):
        if row["role"] in OFFICES:
            assert row["source"].startswith("general knowledge"), row


# ---- organisations whose sector changed


@pytest.mark.parametrize("phrase, day, expected", [
    ("the Taliban", "1999-01-01", ("TALIBAN", "AFG", "government")),
    ("the Taliban", "2015-01-01", ("TALIBAN", "AFG", "rebel")),
    ("the Taliban", "2022-01-01", ("TALIBAN", "AFG", "government")),
    ("HTS", "2020-01-01", ("HTS", "SYR", "rebel")),
    ("Hayat Tahrir al-Sham", "2025-01-10", ("HTS", "SYR", "government")),
    ("the Rapid Support Forces", "2020-01-01", ("RSF", "SDN", "military")),
    ("the RSF", "2024-01-01", ("RSF", "SDN", "rebel")),
    ("Wagner", "2023-06-24", ("WAGNER", "RUS", "rebel")),
    ("Wagner", "2023-08-01", ("WAGNER", "RUS", "militia")),
    ("the Houthis", "2010-01-01", ("HOUTHI", "YEM", "rebel")),
    ("the Houthis", "2019-01-01", ("HOUTHI", "YEM", "government")),
    ("Hamas", "2005-01-01", ("HAMAS", "PSE", "rebel")),
    ("Hamas", "2014-07-01", ("HAMAS", "PSE", "government")),
    ("the Qassam Brigades", "2014-07-01", ("QASSAM", "PSE", "rebel")),
])
def test_actors_dated_sector_flips(resolver, phrase, day, expected):
    assert resolve(resolver, phrase, date=day) == expected


def test_actors_dated_sector_without_date_is_the_organisation_row(resolver):
    assert resolve(resolver, "the Taliban") == ("TALIBAN", "AFG", "rebel")
    assert resolve(resolver, "RSF") == ("RSF", "SDN", "militia")


def test_actors_dated_sector_reaches_leaders_and_scans(resolver):
    assert resolve(resolver, "Hibatullah Akhundzada", date="2019-01-01")[2] == "rebel"
    assert resolve(resolver, "Hibatullah Akhundzada", date="2023-01-01")[2] == "government"
    assert resolve(resolver, "the Taliban leader", date="2023-01-01") == ("TALIBAN-AKHUNDZADA", "AFG", "government")
    # al-Sharaa led al-Nusra and then HTS until the same day: the office taken last decides
    assert resolve(resolver, "Ahmed al-Sharaa", date="2025-01-10") == ("SYR-SHARAA", "SYR", "government")
    found = {a.actor_id: a.sector for a in resolver.find_mentions("The Taliban met RSF envoys.", date="2024-01-01")}
    assert found == {"TALIBAN": "government", "RSF": "rebel"}


def test_actors_dated_sector_rows_are_valid(base):
    table = rows("dated_sectors.csv")
    assert {row["id"] for row in table} >= {"TALIBAN", "HTS", "HOUTHI", "HAMAS", "RSF", "WAGNER"}
    for row in table:
        assert row["source"].strip() and base.get(row["id"]).kind == "organization", row
    assert [(p.sector, p.start, p.end) for p in base.dated_sectors("TALIBAN")] == [
        ("government", "1996-09-27", "2001-11-13"), ("rebel", "2001-11-13", "2021-08-15"), ("government", "2021-08-15", None)]


def test_actors_dated_sector_user_rows_replace_packaged_ones(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("table,id,sector,country,start,end,source\n"
                    "dated_sectors,HOUTHI,rebel,YEM,,,my reading: still rebels\n", encoding="utf-8")
    base = ActorBase.load([path])
    assert [(p.sector, p.start) for p in base.dated_sectors("HOUTHI")] == [("rebel", None)]
    assert resolve(ActorResolver(base), "the Houthis", date="2020-01-01") == ("HOUTHI", "YEM", "rebel")
    assert len(base.dated_sectors("TALIBAN")) == 3  # other organisations keep theirs


@pytest.mark.parametrize("content, message", [
    ("dated_sectors,TALIBAN,rebel,AFG,2001-01-01,,x\ndated_sectors,TALIBAN,government,AFG,2021-08-15,,x\n", "overlap"),
    ("dated_sectors,NOBODY,rebel,AFG,,,x\n", "NOBODY"),
    ("dated_sectors,TALIBAN,bandits,AFG,,,x\n", "bandits"),
    ("dated_sectors,TALIBAN,rebel,AFG,2021-08-15,2001-01-01,x\n", "swap"),
])
def test_actors_dated_sector_bad_user_rows_raise_config_error(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_text("table,id,sector,country,start,end,source\n" + content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        ActorBase.load([path])


def test_actors_dated_cli_show_prints_dated_sectors():
    result = CliRunner().invoke(cli, ["actors", "show", "TALIBAN"])
    assert result.exit_code == 0, result.output
    assert "rebel of AFG (Afghanistan): 2001-11-13 to 2021-08-15" in result.output
    assert "government of AFG (Afghanistan): 2021-08-15 to now" in result.output
