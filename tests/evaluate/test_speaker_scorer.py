"""The speaker scorer, on a text and annotations written here."""

import json

import pytest

from saidwho.errors import CorpusError
from saidwho.evaluate.speakers import SpeakerScorer, normalise, read_gold_speakers
from saidwho.model import Attribution, Segment, Speaker

TEXT = "Ana Ruiz spoke first. She said the port would close, she told the Herald."


def _att(text: str, source: str, content: str, speaker: Speaker | None,
         channel: Speaker | None = None) -> Attribution:
    def seg(part: str) -> Segment:
        start = text.index(part)
        return Segment(start, start + len(part), part)

    return Attribution("indirect", [seg(source)], [], [seg(content)], speaker, channel)


def _gold_file(tmp_path, rows):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


ROW = {"article": "a", "start": 22, "end": 25, "mention": "She", "kind": "pronoun",
       "name": "Ana Ruiz", "aliases": ["Ruiz"], "type": "person", "iso3": None,
       "channel": {"name": "The Herald", "aliases": [], "type": "publication"}}


def test_names_compare_without_case_article_or_possessive():
    assert normalise("The  Lakeside Herald’s") == normalise("lakeside herald")


def test_scores_name_type_and_channel_by_mention_kind(tmp_path):
    gold = read_gold_speakers(_gold_file(tmp_path, [ROW]))
    gold_att = _att(TEXT, "She", "the port would close", None)
    right = _att(TEXT, "She", "the port would close", Speaker("Ruiz", "person"),
                 Speaker("Herald", "publication"))
    scorer = SpeakerScorer(gold)
    scorer.add("a", TEXT, [gold_att], [right])
    scores = scorer.scores.to_dict()
    assert (scores["name_accuracy"], scores["type_accuracy"], scores["channel_recall"]) == (
        1.0, 1.0, 1.0)
    assert scores["name_accuracy_by_kind"]["pronoun"] == {"accuracy": 1.0, "scored": 1}

    wrong = _att(TEXT, "She", "the port would close", Speaker("she", "unknown"))
    scorer = SpeakerScorer(gold)
    scorer.add("a", TEXT, [gold_att], [wrong])
    scores = scorer.scores.to_dict()
    assert (scores["name_accuracy"], scores["channel_accuracy"]) == (0.0, 0.0)
    assert scores["bare_pronoun_names"] == 1


def test_unmatched_predictions_and_other_articles_are_not_scored(tmp_path):
    gold = read_gold_speakers(_gold_file(tmp_path, [ROW]))
    scorer = SpeakerScorer(gold)
    scorer.add("b", TEXT, [], [])
    scorer.add("a", TEXT, [_att(TEXT, "She", "the port would close", None)],
               [_att(TEXT, "Ana Ruiz", "spoke first", Speaker("Ana Ruiz", "person"))])
    assert scorer.scores.scored == 0


@pytest.mark.parametrize("row", [{**ROW, "kind": "nickname"}, {**ROW, "type": "animal"},
                                 {"article": "a"}])
def test_a_bad_annotation_is_an_error_naming_the_line(tmp_path, row):
    with pytest.raises(CorpusError, match=r"gold.jsonl:2: not a speaker annotation"):
        read_gold_speakers(_gold_file(tmp_path, [ROW, row]))
