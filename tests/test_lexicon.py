"""The trigger table: its optional CAMEO column and the checks on users' own trigger files."""

from __future__ import annotations

import pytest

from brinkwatch import extract
from brinkwatch.errors import ConfigError
from brinkwatch.lexicon import Lexicon


def test_lexicon_an_appeal_word_codes_cameo_02_and_a_demand_keeps_10():
    urged = [e for e in extract("Norway urged Ethiopia to open the roads to Tigray.", published="2021-06-14")
             if e.event_type == "REQUEST"]
    demanded = [e for e in extract("Ethiopia demanded that Sudan withdraw its troops.", published="2021-06-14")
                if e.event_type == "REQUEST"]
    assert [e.cameo_root for e in urged] == ["02"]
    assert [e.cameo_root for e in demanded] == ["10"]


def test_lexicon_user_trigger_file_may_set_a_cameo_root(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("trigger,pos,type,cameo\nbeseech,verb,REQUEST,02\n", encoding="utf-8")
    lexicon = Lexicon.load([path])
    assert [t.cameo for t in lexicon.triggers_for("beseech", "verb")] == ["02"]


def test_lexicon_bad_cameo_root_names_the_file_and_the_fix(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("trigger,pos,type,cameo\nbeseech,verb,REQUEST,2a\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"mine.csv line 2: cameo '2a' must be empty or a two-digit CAMEO root"):
        Lexicon.load([path])


def test_lexicon_user_mapping_file_overrides_the_codes_of_a_mode(tmp_path):
    path = tmp_path / "codes.csv"
    path.write_text("type,mode,cameo_root,acled_event_type,acled_sub_event_type\n"
                    "ASSAULT,aerial,18,Explosions/Remote violence,Shelling/artillery/missile attack\n",
                    encoding="utf-8")
    mapped = Lexicon.load(extra_mappings=[path]).mapping("ASSAULT", "aerial")
    assert (mapped.cameo_root, mapped.acled_sub_event_type) == ("18", "Shelling/artillery/missile attack")
    assert Lexicon.load().mapping("ASSAULT", "aerial").acled_sub_event_type == "Air/drone strike"


def test_lexicon_bad_mapping_row_names_the_file_and_the_fix(tmp_path):
    path = tmp_path / "codes.csv"
    path.write_text("type,mode,cameo_root\nATTACK,,19\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"codes.csv line 2: type 'ATTACK' is not a PLOVER type"):
        Lexicon.load(extra_mappings=[path])


def test_lexicon_mapping_files_is_a_setting_read_from_its_variable(tmp_path, monkeypatch):
    from brinkwatch.settings import Settings

    path = tmp_path / "codes.csv"
    path.write_text("type,mode,cameo_root,acled_event_type,acled_sub_event_type\nPROTEST,demo,14,Protests,"
                    "Protest with intervention\n", encoding="utf-8")
    monkeypatch.setenv("BRINKWATCH_MAPPING_FILES", str(path))
    assert Settings.load().mapping_files == (path,)
