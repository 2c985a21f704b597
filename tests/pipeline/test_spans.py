"""Token helpers of ``pipeline.spans`` on hand-built documents (no trained pipeline)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from saidwho.pipeline.spans import tokens_where


def test_tokens_where_tests_each_token_by_its_string():
    doc = Doc(spacy.blank("en").vocab, words=["Mayor", "Ruiz", "said", ":", "the", "mayor", "left"])
    assert tokens_where(doc, "LOWER", lambda w: w == "mayor").tolist() == [
        True, False, False, False, False, True, False]
    assert tokens_where(doc, "ORTH", lambda w: w == ":").tolist() == [
        False, False, False, True, False, False, False]
    assert not tokens_where(doc, "ORTH", lambda w: False).any()
