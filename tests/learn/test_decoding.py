"""The trained tagger's decoding settings (``learn.tagger.Decoding``) as its weights store
them."""

from __future__ import annotations

import json
from pathlib import Path

from saidwho.defaults import CONTENT_THRESHOLD, CUE_THRESHOLD, MODEL_MIN_CONFIDENCE
from saidwho.learn.tagger import Decoding, packaged_tagger_path

PACKAGED_INFO = json.loads((packaged_tagger_path() / "tagger.json").read_text("utf-8"))["info"]


def test_defaults_for_weights_that_store_no_decoding():
    decoding = Decoding.from_dict({})
    assert decoding == Decoding()
    assert decoding.cue_threshold == CUE_THRESHOLD
    assert decoding.content_threshold == CONTENT_THRESHOLD
    assert decoding.min_confidence == MODEL_MIN_CONFIDENCE
    assert decoding.rule_backoff_confidence is None
    assert not decoding.tree_features
    assert decoding.source_threshold == 0.5


def test_the_packaged_decoding_reads_and_writes_the_same_keys():
    decoding = Decoding.from_dict(PACKAGED_INFO)
    assert decoding.tree_features
    written = decoding.to_dict()
    assert written == {k: PACKAGED_INFO[k] for k in written}
    assert Decoding.from_dict(written) == decoding


def test_other_keys_are_ignored():
    decoding = Decoding.from_dict({"cue_threshold": 0.3, "trained_on": "x", "dev": {}})
    assert decoding == Decoding(cue_threshold=0.3)


def test_rule_content_modes():
    assert not Decoding(rule_content="").takes_rule_content(1.0)
    assert Decoding(rule_content="always").takes_rule_content(0.0)
    assert Decoding(rule_content="0.5").takes_rule_content(0.5)
    assert not Decoding(rule_content="0.5").takes_rule_content(0.4)


def test_saved_weights_keep_their_info(tmp_path: Path):
    from saidwho.learn.tagger import AttributionTagger

    tagger = AttributionTagger.from_disk(packaged_tagger_path())
    assert tagger.decoding == Decoding.from_dict(PACKAGED_INFO)
    tagger.to_disk(tmp_path)
    saved = json.loads((tmp_path / "tagger.json").read_text("utf-8"))["info"]
    assert saved == PACKAGED_INFO


def test_content_runs_join_over_a_small_gap_but_not_over_a_sentence_end():
    import numpy as np
    import pytest
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from saidwho.learn.tagger import _runs

    words = ["that", "it", "failed", ".", '"', "We", "are", "here", ",", "and", "so"]
    doc = Doc(Vocab(), words=words)
    on = np.array([1, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1], dtype=bool)
    probs = np.where(on, 0.8, 0.1)
    rows = range(len(words))
    joined = _runs(doc, rows, on, probs, None, set(), 3)
    assert [(a, b) for a, b, _ in joined] == [(0, 10)]
    stopped = _runs(doc, rows, on, probs, None, set(), 3, frozenset({3}))
    assert [(a, b) for a, b, _ in stopped] == [(0, 2), (5, 10)]
    assert stopped[0][2] == pytest.approx(0.8)


def test_the_source_threshold_decides_whether_an_unsure_source_is_kept():
    import numpy as np
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from saidwho.learn.features import doc_info
    from saidwho.learn.tagger import AttributionTagger

    words = ["Ana", "Ruiz", "said", "the", "port", "would", "close", "."]
    doc = Doc(Vocab(), words=words, sent_starts=[True] + [False] * 7)
    info = doc_info(doc, [])
    probs = np.zeros((len(words), 5), dtype=np.float32)
    probs[:, 0] = 1.0
    probs[0] = (0.7, 0.3, 0.0, 0.0, 0.0)  # "Ana": B-SRC at 0.3
    probs[1] = (0.7, 0.0, 0.3, 0.0, 0.0)
    probs[3] = (0.1, 0.0, 0.0, 0.9, 0.0)  # "the port would close": content, sure
    probs[4:7] = (0.1, 0.0, 0.0, 0.0, 0.9)
    tagger = AttributionTagger()
    found = {}
    for threshold in (0.5, 0.25):
        tagger.decoding = Decoding(repair_spans=False, source_threshold=threshold)
        cand = tagger.decode(info, doc[2:3], 0.9, range(len(words)), probs)
        assert cand is not None and cand.content == [(3, 6)]
        found[threshold] = cand.source
    assert found == {0.5: [], 0.25: [(0, 1)]}
