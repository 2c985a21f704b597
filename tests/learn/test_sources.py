"""The source chooser's options (``learn.sources``): its candidates and how the parse
describes them, on hand-built parses (no trained pipeline)."""

from __future__ import annotations

import numpy as np
import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from saidwho.learn.features import doc_info
from saidwho.learn.sources import (
    N_FEATURES,
    SourceOption,
    option_features,
    source_options,
)
from saidwho.model import Attribution, Segment

# "Mora left early , asserting that taxes rose ."  the participle's subject is the
# subject of the clause it hangs on
WORDS = ["Mora", "left", "early", ",", "asserting", "that", "taxes", "rose", "."]
HEADS = [1, 1, 1, 1, 1, 7, 7, 4, 1]
DEPS = ["nsubj", "ROOT", "advmod", "punct", "advcl", "mark", "nsubj", "ccomp", "punct"]
POS = ["PROPN", "VERB", "ADV", "PUNCT", "VERB", "SCONJ", "NOUN", "VERB", "PUNCT"]
CUE = 4  # "asserting"


def _doc() -> Doc:
    return Doc(Vocab(), words=WORDS, heads=HEADS, deps=DEPS, pos=POS,
               sent_starts=[True] + [False] * (len(WORDS) - 1))


def _features(options: list[SourceOption], rules: list[Attribution] | None = None
              ) -> np.ndarray:
    doc = _doc()
    info = doc_info(doc, rules or [])
    rows = range(len(doc))
    return option_features(info, doc[CUE : CUE + 1], rows, np.zeros(len(doc)), options,
                           {6, 7}, set(), False, 0.15)


def test_the_participle_inherits_the_subject_of_its_clause():
    X = _features([SourceOption(None), SourceOption((0, 0), 0.1, 0.1),
                   SourceOption((6, 6), 0.3, 0.3)])
    assert X.shape == (3, N_FEATURES)
    none, mora, taxes = X
    assert none[0] == 1 and none[1] == pytest.approx(0.3)  # the likeliest run's mean
    assert mora[32] == 1 and taxes[32] == 0  # holds the inherited subject
    assert taxes[35] == 1  # the subject of another clause
    assert taxes[12] == 1 and mora[12] == 0  # the role tagger calls it content
    assert mora[8] == 1 and taxes[8] == 0  # before the cue
    assert taxes[15] == 1 and mora[15] == 0  # the likeliest run
    assert mora[16] == 0 and taxes[16] == 1  # reaches the source threshold


def test_a_direct_subject_is_not_an_inherited_one():
    doc = Doc(Vocab(), words=["Lund", "said", "taxes", "rose"], heads=[1, 1, 3, 1],
              deps=["nsubj", "ROOT", "nsubj", "ccomp"],
              sent_starts=[True, False, False, False])
    X = option_features(doc_info(doc, []), doc[1:2], range(4), np.zeros(4),
                        [SourceOption((0, 0), 0.9, 0.9)], set(), set(), False, 0.15)
    assert X[0, 31] == 1 and X[0, 32] == 0


def test_the_rule_engines_source_is_an_option_once():
    doc = _doc()
    text = doc.text
    start = text.index("Mora")
    cue_at = text.index("asserting")
    rule = Attribution(kind="indirect", source=[Segment.of(text, start, start + 4)],
                       cue=[Segment.of(text, cue_at, cue_at + 9)],
                       content=[Segment.of(text, text.index("taxes"), len(text) - 2)])
    info = doc_info(doc, [rule])
    src_p = np.full(len(doc), 0.01)
    options, rule_source = source_options(info, {CUE}, range(len(doc)), src_p, [])
    assert [o.run for o in options] == [None, (0, 0)]
    assert rule_source == {0}
    again, _ = source_options(info, {CUE}, range(len(doc)), src_p, [(0, 0, 0.01)])
    assert [o.run for o in again] == [None, (0, 0)]
