"""The role tagger's parse-tree feature: how each token of a cue's window hangs off the
cue's head, on a hand-built parse (no trained pipeline needed)."""

from __future__ import annotations

import numpy as np
from spacy.tokens import Doc
from spacy.vocab import Vocab

from saidwho.learn.features import _branches, doc_info

WORDS = ["The", "mayor", "said", "that", "taxes", "rose", "."]
HEADS = [1, 2, 2, 5, 5, 2, 2]
DEPS = ["det", "nsubj", "ROOT", "mark", "nsubj", "ccomp", "punct"]


def _parsed() -> Doc:
    return Doc(Vocab(), words=WORDS, heads=HEADS, deps=DEPS,
               sent_starts=[True] + [False] * (len(WORDS) - 1))


def _names(doc: Doc, start: int, end: int, head: int, tree: bool = True) -> list[str]:
    n = len(doc)
    tok = np.arange(n)
    codes, names = _branches(doc_info(doc, []), tok, np.full(n, start), np.full(n, end),
                             np.full(n, head), tree)
    return [names[c] for c in codes]


def test_tokens_under_the_cue_are_its_children_by_the_branch_they_are_on():
    assert _names(_parsed(), 2, 3, 2) == [
        "child:nsubj", "child:nsubj", "cue", "child:ccomp", "child:ccomp", "child:ccomp",
        "child:punct"]


def test_tokens_above_the_cue_and_beside_it_are_ancestors_and_siblings():
    # the cue "rose": "said" is above it, the subject of "said" hangs beside it
    assert _names(_parsed(), 5, 6, 5) == [
        "sibling:ccomp:nsubj", "sibling:ccomp:nsubj", "ancestor:ccomp", "child:mark",
        "child:nsubj", "cue", "sibling:ccomp:punct"]


def test_without_tree_features_a_token_is_the_cue_or_other():
    assert _names(_parsed(), 2, 3, 2, tree=False) == ["other", "other", "cue"] + ["other"] * 4
