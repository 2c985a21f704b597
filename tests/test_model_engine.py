"""The trained engine (the default) with the packaged weights, on text written here."""

from __future__ import annotations

import json

import pytest
import spacy
from click.testing import CliRunner

from saidwho.cli import main
from saidwho.extract import extract_text, load_pipeline
from saidwho.learn.tagger import AttributionTagger, packaged_tagger_path

pytestmark = pytest.mark.model

ARTICLE = (
    "Harbour Council Delays Bridge Vote\n\n"
    "The city council of Lakeside on Tuesday postponed a vote on the new bridge.\n\n"
    "Mayor Elena Sandoval said the engineers needed more time to check the foundations. "
    "\u201cWe will not rush a decision that affects every family in this town,\u201d she "
    "told reporters.\n\n"
    "According to a council spokesman, the vote could take place in March.\n"
)


def _find(atts, cue: str):
    return next(a for a in atts if a.cue and a.cue[0].text.endswith(cue))


def test_the_trained_engine_is_the_default(model_nlp):
    assert "saidwho_tagger" in model_nlp.pipe_names
    assert "saidwho_attributions" in model_nlp.pipe_names


def test_packaged_weights_load_and_are_small():
    folder = packaged_tagger_path()
    tagger = AttributionTagger.from_disk(folder)
    assert tagger.info["trained_on"] == "PolNeAR train split"
    size = sum(p.stat().st_size for p in folder.iterdir())
    assert size < 50 * 1024 * 1024


def test_indirect_direct_and_according_to(model_nlp):
    atts = extract_text(model_nlp, ARTICLE).attributions
    said = _find(atts, "said")
    assert said.source[0].text == "Mayor Elena Sandoval"
    assert said.content[0].text.startswith("the engineers needed more time")
    assert said.kind == "indirect"
    told = _find(atts, "told")
    assert told.kind == "direct"
    assert told.content[0].text.startswith("\u201cWe will not rush")
    assert told.speaker is not None and told.speaker.name == "Elena Sandoval"
    according = _find(atts, "According to")
    assert "council spokesman" in according.source[0].text
    assert according.content[0].text.startswith("the vote could take place")


def test_confidence_is_a_probability_and_filters(model_nlp):
    atts = extract_text(model_nlp, ARTICLE).attributions
    assert atts and all(0.0 <= a.confidence <= 1.0 for a in atts)
    strict = load_pipeline(min_confidence=1.0)
    assert extract_text(strict, ARTICLE).attributions == []


def test_offsets_point_into_the_text(model_nlp):
    for att in extract_text(model_nlp, ARTICLE).attributions:
        for seg in (*att.source, *att.cue, *att.content):
            assert ARTICLE[seg.start : seg.end] == seg.text


def test_pipeline_with_the_tagger_saves_and_loads(model_nlp, tmp_path):
    model_nlp.to_disk(tmp_path / "pipeline")
    assert (tmp_path / "pipeline" / "saidwho_tagger" / "cue.bin").exists()
    again = spacy.load(tmp_path / "pipeline")
    first = [a.to_dict() for a in extract_text(model_nlp, ARTICLE).attributions]
    second = [a.to_dict() for a in extract_text(again, ARTICLE).attributions]
    assert first == second


def test_engine_option_switches_engines(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    outputs = {}
    for engine in ("model", "rules"):
        result = CliRunner().invoke(main, ["extract", str(path), "--engine", engine])
        assert result.exit_code == 0, result.output
        outputs[engine] = json.loads(result.output)["attributions"]
        assert outputs[engine]
    bad = CliRunner().invoke(main, ["extract", str(path), "--engine", "magic"])
    assert bad.exit_code != 0
