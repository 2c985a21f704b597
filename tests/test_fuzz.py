"""Property tests over random and adversarial input (issue 15): the extraction, the
readers and the statement reader raise nothing but their documented errors, and every
offset they give back points at its text. The same pieces drive the longer release fuzz
(`scripts/fuzz.py --inputs 10000`)."""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from saidwho.errors import InputError
from saidwho.extract import extract_many
from saidwho.io import Document, Failure, file_document, iter_documents
from saidwho.statements.documents import read_statement_bytes

_spec = importlib.util.spec_from_file_location(
    "fuzz", Path(__file__).parent.parent / "scripts" / "fuzz.py")
assert _spec is not None and _spec.loader is not None
fuzz = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fuzz)

def bounded(examples: int) -> settings:
    """Settings for a CI run: ``examples`` cases, the same ones every run."""
    return settings(max_examples=examples, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow, HealthCheck.data_too_large])

piece = (st.sampled_from(fuzz.WORDS) | st.text(max_size=6)
         | st.builds(lambda c, n: c * n, st.sampled_from(fuzz.LONG), st.integers(10, 400)))
texts = st.lists(piece, max_size=40).map(lambda parts: " ".join(parts))
seeds = st.integers(0, 2**32 - 1)


@pytest.mark.model
@bounded(80)
@given(text=texts)
def test_any_text_gives_valid_offsets(model_nlp, text):
    (result,) = extract_many(model_nlp, [("t", text)])
    if result.error is not None:
        assert "lone surrogate" in result.error
        return
    assert fuzz.check_offsets(text, result) == []


@pytest.mark.model
@bounded(120)
@given(text=texts)
def test_any_text_gives_valid_offsets_with_the_rules(nlp, text):
    (result,) = extract_many(nlp, [("t", text)])
    assert result.error is None or "lone surrogate" in result.error
    assert result.error is not None or fuzz.check_offsets(text, result) == []


@bounded(200)
@given(seed=seeds, raw=st.binary(max_size=300))
def test_any_json_lines_are_documents_or_failures(tmp_path_factory, seed, raw):
    folder = tmp_path_factory.mktemp("jsonl")
    data = fuzz.jsonl_bytes(random.Random(seed), 1500)
    (folder / "made.jsonl").write_bytes(data)
    (folder / "raw.jsonl").write_bytes(raw)
    for item in iter_documents([str(folder / "made.jsonl"), str(folder / "raw.jsonl")]):
        assert isinstance(item, (Document, Failure))
        if isinstance(item, Document):
            assert isinstance(item.text, str) and isinstance(item.id, str)


@bounded(150)
@given(seed=seeds)
def test_any_html_or_warc_is_read_or_refused(tmp_path_factory, seed):
    rng = random.Random(seed)
    item = file_document(fuzz.html_bytes(rng, 1500), "page.html")
    assert isinstance(item, (Document, Failure))
    folder = tmp_path_factory.mktemp("warc")
    data = fuzz.warc_bytes(rng, 1500)
    name = "crawl.warc.gz" if data[:2] == b"\x1f\x8b" else "crawl.warc"
    (folder / name).write_bytes(data)
    for found in iter_documents([str(folder / name)]):
        assert isinstance(found, (Document, Failure))


@bounded(150)
@given(seed=seeds)
def test_any_statement_list_is_read_or_refused_with_a_reason(seed):
    text = fuzz.statement_text(random.Random(seed), 1500)
    try:
        statement = read_statement_bytes(text.encode("utf-8", "surrogatepass"), "s.txt")
    except InputError as exc:
        assert str(exc).startswith("s.txt: ")
        return
    assert statement.signatories


@pytest.mark.model
@bounded(25)
@given(seed=seeds)
def test_ingest_accounts_for_every_line(tmp_path_factory, nlp, seed):
    """Every line of a JSON Lines file is stored, skipped as a duplicate, or recorded as
    an error: none is lost silently."""
    from saidwho.store.store import Store

    folder = tmp_path_factory.mktemp("ingest")
    data = fuzz.jsonl_bytes(random.Random(seed), 600)
    path = folder / "corpus.jsonl"
    path.write_bytes(data)
    lines = sum(1 for line in data.split(b"\n") if line.strip())
    with Store.open(folder / "s.db") as store:
        summary = store.ingest(nlp, [str(path)])
    assert summary.documents + summary.duplicates + summary.errors == lines, data[:300]
