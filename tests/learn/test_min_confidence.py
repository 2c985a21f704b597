"""How training scores each minimum confidence with the rule backoff it lets in
(``train.min_confidence_f1``), on predictions and rule attributions written by hand."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from saidwho.learn.train import min_confidence_f1
from saidwho.model import Attribution, Segment

TEXT = "Ann said the port will close. Bob said taxes will rise. Cy said rain will fall."


def _att(source: str, sentence: int, confidence: float) -> Attribution:
    """An attribution of the sentence's content to ``source`` (the cue is its "said")."""
    starts = [0, TEXT.index("Bob"), TEXT.index("Cy")]
    start = starts[sentence]
    end = TEXT.index(".", start)
    cue = TEXT.index("said", start)
    at = TEXT.index(source)
    return Attribution("indirect", [Segment.of(TEXT, at, at + len(source))],
                       [Segment.of(TEXT, cue, cue + 4)],
                       [Segment.of(TEXT, cue + 5, end)], confidence=confidence)


class FixedTagger:
    """Gives the same predictions for every text, whatever the minimum."""

    def __init__(self, predictions: list[Attribution]) -> None:
        self.predictions = predictions

    def predict(self, doc: object, rules: list[Attribution], min_confidence: float
                ) -> list[Attribution]:
        return [a for a in self.predictions if a.confidence >= min_confidence]


def test_each_minimum_counts_the_backoff_only_where_its_precision_reaches_it():
    gold = [_att("Ann", 0, 1.0), _att("Bob", 1, 1.0), _att("Cy", 2, 1.0)]
    tagger = FixedTagger([_att("Ann", 0, 0.9),   # right
                          _att("Bob", 1, 0.3),   # right
                          _att("Bob", 2, 0.6)])  # Cy's content, the wrong source
    rules = [_att("Bob", 1, 0.9),  # right, where the model's 0.3 prediction is not kept
             _att("Ann", 2, 0.9),  # wrong, where the model's 0.6 prediction is not kept
             _att("Cy", 2, 0.5)]  # below the backoff's cue prior: never added
    doc = SimpleNamespace(doc=SimpleNamespace(text=TEXT), gold=gold, rules=rules)
    results = min_confidence_f1(tagger, [doc], [0.2, 0.5, 0.7, 0.95])  # type: ignore[arg-type]
    f1s = [f1 for f1, _p in results]
    precisions = [p for _f1, p in results]
    # 0.2: all three kept, every rule content taken: no backoff; 2 of 3 right
    # 0.5: Bob's rule attribution added (precision 1.0): 2 right of 3 kept
    # 0.7: both rule attributions added (precision 0.5 < 0.7): left out; 1 right of 1
    # 0.95: nothing kept; the backoff (0.5) is left out again
    assert precisions == [None, 1.0, 0.5, 0.5]
    assert f1s == pytest.approx([4 / 6, 4 / 6, 2 / 4, 0.0])
