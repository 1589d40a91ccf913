"""The sentence parser: where sentences are cut, and runs that leave spaCy's string store as they found it."""

from __future__ import annotations

import pytest

from brinkwatch.ingest import make_article
from brinkwatch.nlp import SentenceParser
from brinkwatch.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.from_settings()


def test_nlp_sentences_cut_at_full_stops_and_blank_lines(nlp):
    parser = SentenceParser(nlp, ["attack"])
    text = "Gunmen attacked a convoy near Gao. Two soldiers died.\n\nA new paragraph\nwithout a full stop"
    pieces = [text[start:end] for start, end in parser.sentences(text)]
    assert pieces == ["Gunmen attacked a convoy near Gao.", "Two soldiers died.", "A new paragraph\nwithout a full stop"]
    assert [parser.is_candidate(piece) for piece in pieces] == [True, False, False]


def test_nlp_military_title_does_not_end_a_sentence(nlp):
    parser = SentenceParser(nlp, ["attack"])
    text = "Lt. Gen. Ali Musa resigned on Monday. Col. Ahmed Idris said the army attacked. It rained."
    pieces = [text[start:end] for start, end in parser.sentences(text)]
    assert pieces == ["Lt. Gen. Ali Musa resigned on Monday.", "Col. Ahmed Idris said the army attacked.", "It rained."]


def test_nlp_heading_before_a_colon_is_a_sentence_of_its_own(nlp):
    parser = SentenceParser(nlp, ["attack"])
    text = ("Security measures: On 2 May, troops attacked a camp. MOGADISHU, Somalia: Gunmen attacked a hotel. "
            "The police chief said: Nobody was hurt.")
    pieces = [text[start:end] for start, end in parser.sentences(text)]
    assert pieces == ["Security measures", "On 2 May, troops attacked a camp.", "MOGADISHU, Somalia",
                      "Gunmen attacked a hotel.", "The police chief said: Nobody was hurt."], pieces



def test_nlp_filter_knows_the_models_irregular_forms_and_hyphenated_words(nlp):
    parser = SentenceParser(nlp, ["fall", "fund"])
    # "fell" comes from the model's lemmatizer exceptions, not from the suffix rules
    assert parser.is_candidate("Two shells fell near the market.")
    assert parser.is_candidate("The clinic was co-funded by a charity.")
    assert parser.is_candidate("Police said the army had 'fallen' back.")
    assert not parser.is_candidate("The market stayed open all day.")

def test_nlp_run_leaves_no_new_strings_behind(pipeline, nlp):
    pipeline.run(make_article("Warm-up: Iraqi forces attacked a checkpoint near Mosul.", id="warm"))
    before = len(nlp.vocab.strings)
    # words, names and numbers the model has never seen, in a sentence that is parsed and coded
    text = ("Zarquvian militiamen attacked a Qelmorith checkpoint near Mosul on 3 May 2019, killing 48117 people, "
            "Iraqi officials said.")
    events = pipeline.run(make_article(text, id="new-words", published="2019-05-04"))
    assert events and events[0].trigger.text == "attacked"
    assert any("Zarquvian" in actor.text for event in events for actor in event.source)
    assert len(nlp.vocab.strings) == before
    assert "Qelmorith" not in nlp.vocab.strings


def test_nlp_run_many_gives_what_run_gives(pipeline):
    texts = ["Turkish warplanes struck PKK positions near Sinjar on Monday.",
             "No trigger here, only the weather in Basra.",
             "Protesters rallied outside the parliament in Baghdad on 2 October 2019."]
    articles = [make_article(text, id=f"t{n}", published="2019-10-03") for n, text in enumerate(texts)]
    assert pipeline.run_many(articles) == [pipeline.run(article) for article in articles]


def test_nlp_memory_zone_without_support_is_a_plain_block(nlp):
    class Model:  # a pipeline from an older spaCy, with no memory_zone
        pipe_names: list[str] = []

        def make_doc(self, text):
            return nlp.make_doc(text)

    with SentenceParser(Model(), ["attack"]).memory_zone():
        pass



def test_nlp_memory_zone_closes_when_an_error_passes_through_it(pipeline):
    """A failure inside a run (a time budget, a bad article) must not leave spaCy's zone open for the next."""
    parser = pipeline.stages[0].parser
    with pytest.raises(RuntimeError, match="inside the zone"):
        with parser.memory_zone():
            for _ in parser.nlp.pipe(["Gunmen attacked a convoy near Gao."] * 300, batch_size=8):
                raise RuntimeError("inside the zone")  # leaves spaCy's batch generator half-read
    article = make_article("Iraqi forces attacked a checkpoint near Mosul.", id="after", published="2020-01-02")
    events = pipeline.run(article)
    assert events and events[0].event_type == "ASSAULT"


def test_nlp_a_name_run_across_an_opening_bracket_is_split(nlp):
    # the small model tags "Muaja (Ancuabe" as one name here; it is a village and its district
    doc = nlp("Residents fled after Islamist insurgents shelled Muaja (Ancuabe, Cabo Delgado) late on Tuesday.")
    names = [entity.text for entity in doc.ents]
    assert "Muaja" in names and "Ancuabe" in names, names
    assert not any("(" in name and ")" not in name for name in names), names


def test_nlp_split_bracketed_entities_keeps_the_kind_and_drops_the_punctuation():
    import spacy
    from spacy.tokens import Span as SpacySpan

    from brinkwatch.nlp import split_bracketed_entities

    doc = spacy.blank("en")("Gunmen raided Tessit (Ansongo, Gao) and Kidal (Kidal) at night.")
    words = [token.text for token in doc]
    crossing = SpacySpan(doc, words.index("Tessit"), words.index("Ansongo") + 2, label="FAC")  # "Tessit (Ansongo,"
    closed = SpacySpan(doc, words.index("Kidal"), words.index("Kidal") + 4, label="GPE")  # "Kidal (Kidal)"
    doc.ents = [crossing, closed]
    split = split_bracketed_entities(doc)
    assert [(e.text, e.label_) for e in split.ents] == [("Tessit", "FAC"), ("Ansongo", "FAC"), ("Kidal (Kidal)", "GPE")]


def test_nlp_a_bracket_opened_inside_a_sentence_does_not_start_a_new_one(nlp):
    # the model's parser cuts this sentence before "[", which loses the bracketed areas to the event
    parser = SentenceParser(nlp, ["shell"])
    text = "Rebel gunners shelled homes in Karsh [Wadi Karsh] and two hamlets (Qaatabah, Ad Dali) on Sunday."
    parsed = parser.parse(text)
    assert len(parsed) == 1 and len(list(parsed[0].doc.sents)) == 1, [s.text for s in parsed[0].doc.sents]


def test_nlp_a_date_with_no_number_and_no_calendar_word_is_dropped():
    import spacy
    from spacy.tokens import Span as SpacySpan

    from brinkwatch.nlp import drop_nameless_dates

    doc = spacy.blank("en")("Jets hit Dahuk during Ramadan and on May Day, and again last week.")
    words = [token.text for token in doc]
    at = words.index
    doc.ents = [SpacySpan(doc, at("Dahuk"), at("Dahuk") + 1, label="DATE"),
                SpacySpan(doc, at("Ramadan"), at("Ramadan") + 1, label="DATE"),
                SpacySpan(doc, at("May"), at("May") + 2, label="DATE"),
                SpacySpan(doc, at("last"), at("last") + 2, label="DATE")]
    assert [e.text for e in drop_nameless_dates(doc).ents] == ["Ramadan", "May Day", "last week"]


def test_nlp_a_numbered_abbreviation_ends_no_sentence(nlp):
    parser = SentenceParser(nlp, ["protest"])
    text = "Vendors held a protest in Ward No. 12 of the town. Art. 5 was cited. Police left at 6 p.m. Calm returned."
    pieces = [text[start:end] for start, end in parser.sentences(text)]
    assert pieces[:2] == ["Vendors held a protest in Ward No. 12 of the town.", "Art. 5 was cited."], pieces
