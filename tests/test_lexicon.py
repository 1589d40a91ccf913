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
