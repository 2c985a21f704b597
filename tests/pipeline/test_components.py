"""The spaCy components, as a user adds them to their own pipeline."""

import pytest
import spacy

from saidwho.extract import default_model
from saidwho.pipeline.lexicon import load_default_lexicon

pytestmark = pytest.mark.model

TEXT = "Karim Khan opened the hearing. He said the evidence was strong."


def test_add_pipe_by_name_sets_attributions_and_spans():
    nlp = spacy.load(default_model())
    nlp.add_pipe("saidwho")
    doc = nlp(TEXT)
    (att,) = doc._.attributions
    assert att.speaker.name == "Karim Khan"
    assert [s.text for s in doc.spans["saidwho_cue"]] == ["said"]
    assert [s.text for s in doc.spans["saidwho_content"]] == ["the evidence was strong"]


def test_per_step_components():
    nlp = spacy.load(default_model())
    nlp.add_pipe("saidwho_attributions")
    nlp.add_pipe("saidwho_speakers")
    (att,) = nlp(TEXT)._.attributions
    assert att.speaker is not None and att.speaker.name == "Karim Khan"


def test_min_confidence_is_configurable():
    nlp = spacy.load(default_model())
    nlp.add_pipe("saidwho", config={"min_confidence": 0.999})
    assert nlp(TEXT)._.attributions == []


def test_lexicon_is_saved_and_loaded_with_the_pipeline(tmp_path):
    nlp = spacy.load(default_model())
    finder = nlp.add_pipe("saidwho")
    finder.lexicon.nouns["rumination"] = 0.9
    nlp.to_disk(tmp_path / "pipe")
    loaded = spacy.load(tmp_path / "pipe")
    assert loaded.get_pipe("saidwho").lexicon.nouns["rumination"] == 0.9
    assert loaded(TEXT)._.attributions


def test_default_lexicon_has_learned_and_curated_cues():
    lex = load_default_lexicon()
    assert lex.verb_prior("say", "ccomp") > 0.7
    assert lex.verb_prior("demand", "ccomp") > 0  # curated
    assert lex.verb_prior("have", "dobj") < 0.35
    assert lex.noun_prior("accusation") > 0


def test_speaker_resolver_is_swappable_through_the_registry():
    from spacy.util import registry

    @registry.misc("test.no_speakers.v1")
    def no_speakers():
        def resolve(doc, attributions):
            for att in attributions:
                att.speaker = None
        return resolve

    nlp = spacy.load(default_model())
    nlp.add_pipe("saidwho", config={"speaker_resolver": {"@misc": "test.no_speakers.v1"}})
    (att,) = nlp(TEXT)._.attributions
    assert att.speaker is None


def test_memberships_component_and_chunked_offsets(nlp, monkeypatch):
    """saidwho_memberships (entry point) sets doc._.memberships; a text read in chunks gets
    them with offsets into the whole text."""
    import saidwho.extract as extract
    from saidwho.extract import extract_text

    assert "saidwho_memberships" in nlp.pipe_names
    text = ("A joint statement was issued on Monday. It was drafted by Belgium, Chile and "
            "Jordan.\n\n" + "The weather was mild and the talks went on.\n\n" * 30
            + "Norway and Kenya signed the statement on Tuesday.\n")
    doc = nlp(text)
    assert [m.relation for m in doc._.memberships] == ["drafted", "signed"]
    monkeypatch.setattr(extract, "CHUNK_CHARS", 400)
    assert len(extract.chunks(text)) > 2
    result = extract_text(nlp, text, "chunked")
    assert [(m["relation"], [x["iso3"] for x in m["members"]]) for m in result.memberships] == [
        ("drafted", ["BEL", "CHL", "JOR"]), ("signed", ["NOR", "KEN"])]
    for m in result.memberships:
        assert text[m["span"]["start"] : m["span"]["end"]] == m["span"]["text"]
