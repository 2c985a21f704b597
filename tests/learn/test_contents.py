"""The content chooser's options (``learn.contents``): the clauses the parse offers
beside the role tagger's content, on hand-built parses (no trained pipeline)."""

from __future__ import annotations

import numpy as np
from spacy.tokens import Doc
from spacy.vocab import Vocab

from saidwho.learn.contents import COMPLEMENTS, N_FEATURES, content_features, content_options
from saidwho.learn.features import doc_info


def _doc(words: list[str], heads: list[int], deps: list[str]) -> Doc:
    return Doc(Vocab(), words=words, heads=heads, deps=deps,
               sent_starts=[True] + [False] * (len(words) - 1))


# "Lund said that the taxes rose sharply ."
SAID = _doc(["Lund", "said", "that", "the", "taxes", "rose", "sharply", "."],
            [1, 1, 5, 4, 5, 1, 5, 1],
            ["nsubj", "ROOT", "mark", "det", "nsubj", "ccomp", "advmod", "punct"])


def test_the_cues_complement_is_an_option_beside_the_taggers_content():
    info = doc_info(SAID, [])
    options = content_options(info, (1, 1), {0}, [(3, 5)])
    assert options == [("tagger", [(3, 5)], ""), ("complement", [(2, 6)], "ccomp")]
    probs = np.array([0.0, 0.0, 0.2, 0.9, 0.9, 0.9, 0.4, 0.0])
    X = content_features(info, (1, 1), options, range(8), probs, 0.35, 0.0)
    assert X.shape == (2, N_FEATURES)
    tagger, complement = X
    assert tagger[0] == 1 and complement[2] == 1
    assert complement[11 + COMPLEMENTS.index("ccomp")] == 1 and tagger[11:23].sum() == 0
    assert complement[24] == 1 and tagger[24] == 0  # begins with "that"
    assert complement[8] == 1 and tagger[7] == 1  # holds all the tagger's content
    assert complement[5] == 0.8  # four of its five tokens reach the threshold


def test_the_clause_a_cue_interrupts_is_an_option():
    # "The deal , he said , is dead ."
    doc = _doc(["The", "deal", ",", "he", "said", ",", "is", "dead", "."],
               [1, 6, 4, 4, 6, 4, 6, 6, 6],
               ["det", "nsubj", "punct", "nsubj", "parataxis", "punct", "ROOT", "acomp",
                "punct"])
    options = content_options(doc_info(doc, []), (4, 4), {3}, [(6, 7)])
    assert ("interrupted", [(0, 1), (6, 7)], "parataxis") in options


def test_an_option_equal_to_the_taggers_content_is_not_repeated():
    options = content_options(doc_info(SAID, []), (1, 1), {0}, [(2, 6)])
    assert options == [("tagger", [(2, 6)], "")]
