"""Docs with saidwho's results serialise as spaCy docs do (issue 14): to_bytes, DocBin
with user data, and nlp.pipe with several processes."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, DocBin

from saidwho.extract import load_pipeline

pytestmark = pytest.mark.model

TEXTS = [
    "Mayor Ana Ruiz said the ferry would run again on Monday. \u201cWe are ready,\u201d she "
    "told the Lakeside Herald.",
    "The statement was drafted by Belgium, Chile and Jordan. A diplomatic source said the "
    "vote would be close.",
]


def _results(doc: Doc) -> tuple[list[dict], list[dict]]:
    atts = [a.to_dict() | {"confidence": a.confidence} for a in doc._.attributions]
    return atts, [m.to_dict() for m in doc._.memberships]


@pytest.fixture(scope="module")
def rules():
    return load_pipeline(engine="rules")


def test_to_bytes_and_doc_bin_keep_attributions_and_memberships(rules):
    docs = list(rules.pipe(TEXTS))
    assert all(doc._.attributions for doc in docs) and docs[1]._.memberships
    again = Doc(rules.vocab).from_bytes(docs[0].to_bytes())
    assert _results(again) == _results(docs[0])
    stored = DocBin(store_user_data=True, docs=docs).to_bytes()
    back = list(DocBin().from_bytes(stored).get_docs(rules.vocab))
    assert [_results(d) for d in back] == [_results(d) for d in docs]
    assert back[0]._.attributions[0].speaker.name == "Ana Ruiz"


def test_several_processes_give_what_one_gives(rules):
    one = [_results(d) for d in rules.pipe(TEXTS)]
    two = [_results(d) for d in rules.pipe(TEXTS, n_process=2, batch_size=1)]
    assert two == one


def test_the_trained_engine_runs_in_several_processes(model_nlp):
    one = [_results(d) for d in model_nlp.pipe(TEXTS)]
    assert one[0][0]
    assert [_results(d) for d in model_nlp.pipe(TEXTS, n_process=2, batch_size=1)] == one
