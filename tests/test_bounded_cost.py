"""What keeps the extraction linear in its input (issue 15): the tokenizer on runs
without spaces, the sentence cap, chunks cut without spaces, batches bounded by tokens,
and a document the pipeline fails on given back with its error instead of ending the
run. None of these tests is timed: each checks the bound itself."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from saidwho import extract as extract_mod
from saidwho.cli import main
from saidwho.extract import chunks, estimated_tokens, extract_many
from saidwho.pipeline.paragraphs import MAX_SENTENCE_TOKENS
from saidwho.pipeline.tokenizer import MAX_RUN, PIECE, BoundedTokenizer


def test_chunks_without_spaces_cut_after_a_sentence_or_a_mark():
    text = ("Yes." + "x" * 96) * 40  # 4,000 characters, no space
    parts = chunks(text, size=1000)
    assert "".join(c for _, c in parts) == text
    assert all(c.endswith("Yes.") or c[-1] == "." for _, c in parts[:-1])
    run = "a" * 5000  # nothing to cut at: cut at the size
    assert [len(c) for _, c in chunks(run, size=1000)] == [1000] * 5


def test_chunks_prefer_a_sentence_end_to_a_space():
    text = "He said it would rain. " * 100
    parts = chunks(text, size=500)
    assert all(c.endswith("rain. ") for _, c in parts[:-1])


@pytest.mark.model
def test_long_runs_without_spaces_become_few_tokens(nlp):
    tokenizer = nlp.tokenizer
    assert isinstance(tokenizer, BoundedTokenizer)
    text = 'She said "no." ' + '"' * 20_000 + " and then " + ",." * 400 + "\n\nEnd."
    doc = tokenizer(text)
    assert doc.text == text
    assert max(len(t) for t in doc) <= max(PIECE, MAX_RUN - 1)
    assert len(doc) < 700  # 20,000 marks: 400 tokens of 50, not 20,000 tokens
    plain = "The minister said, in Geneva, that talks would resume (on Monday)."
    assert [t.text for t in tokenizer(plain)] == [t.text for t in tokenizer.tokenizer(plain)]


@pytest.mark.model
def test_no_sentence_is_longer_than_the_cap(nlp):
    text = 'He said "no ' * 300 + "\n\n" + "word " * 1000
    doc = nlp(text)
    assert max(len(s) for s in doc.sents) <= MAX_SENTENCE_TOKENS
    for att in doc._.attributions:
        for seg in (*att.source, *att.cue, *att.content):
            assert text[seg.start : seg.end] == seg.text


def test_batches_hold_a_bounded_number_of_tokens(monkeypatch):
    batches: list[int] = []

    class Recorder:
        def pipe(self, pieces, as_tuples, batch_size):
            pieces = list(pieces)
            batches.append(sum(estimated_tokens(c) for c, _ in pieces))
            for _, ctx in pieces:
                yield _EmptyDoc(), ctx

    monkeypatch.setattr(extract_mod, "BATCH_TOKENS", 5000)
    docs = [(str(i), "a " * 2000) for i in range(10)]  # 2,000 tokens each
    results = list(extract_many(Recorder(), docs))  # type: ignore[arg-type]
    assert [r.id for r in results] == [str(i) for i in range(10)]
    assert max(batches) <= 5000 and len(batches) == 5


class _EmptyDoc:
    class _Underscore:
        attributions: list = []
        memberships: list = []

    _ = _Underscore()


@pytest.fixture
def boom_fails(nlp, monkeypatch):
    """The rule pipeline failing on any batch that holds a text with "BOOM"."""
    real = nlp.pipe

    def pipe(pieces, **kwargs):  # spaCy's pipe calls itself again without as_tuples
        pieces = list(pieces)
        if kwargs.get("as_tuples") and any("BOOM" in chunk for chunk, _ in pieces):
            raise RuntimeError("component failed")
        return real(pieces, **kwargs)

    monkeypatch.setattr(nlp, "pipe", pipe)


@pytest.mark.model
@pytest.mark.usefixtures("boom_fails")
def test_a_document_the_pipeline_fails_on_is_given_back_with_its_error(nlp):
    docs = [("a", "Ruiz said the port would open."), ("b", "BOOM said nothing."),
            ("c", "Lund said the port would close.")]
    results = list(extract_many(nlp, docs))
    assert [r.id for r in results] == ["a", "b", "c"]
    assert results[1].error == "extraction failed: RuntimeError: component failed"
    assert results[1].attributions == []
    assert results[0].error is None and len(results[0].attributions) == 1
    assert len(results[2].attributions) == 1


@pytest.mark.model
@pytest.mark.usefixtures("boom_fails")
def test_extract_reports_a_failed_document_and_writes_the_others(tmp_path, monkeypatch, nlp):
    monkeypatch.setattr("saidwho.cli._load", lambda *args: nlp)
    (tmp_path / "good.txt").write_text("Ruiz said the port would open.", encoding="utf-8")
    (tmp_path / "bad.txt").write_text("BOOM said nothing.", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "good.txt"),
                                       str(tmp_path / "bad.txt")])
    assert result.exit_code == 1
    assert "Error: bad: extraction failed: RuntimeError: component failed" in result.stderr
    (line,) = result.stdout.splitlines()
    assert json.loads(line)["id"] == "good"


@pytest.mark.model
@pytest.mark.usefixtures("boom_fails")
def test_ingest_records_a_failed_document_and_stores_the_others(tmp_path, nlp):
    from saidwho.store.store import Store

    corpus = tmp_path / "news.jsonl"
    corpus.write_text("\n".join(json.dumps({"id": i, "text": t}) for i, t in [
        ("a", "Ruiz said the port would open."), ("b", "BOOM said nothing."),
        ("c", "Lund said the port would close.")]) + "\n", encoding="utf-8")
    with Store.open(tmp_path / "s.db") as store:
        summary = store.ingest(nlp, [str(corpus)])
        stats = store.stats()
    assert (summary.documents, summary.errors) == (2, 1)
    assert stats["articles"] == 2 and stats["errors"] == 1


def test_a_text_with_a_lone_surrogate_is_refused_in_its_place():
    results = list(extract_many(None, [("x", "a\ud800b")]))  # type: ignore[arg-type]
    assert results[0].error == "the text holds a lone surrogate (\\ud800 at 1), not text"


@pytest.mark.model
def test_the_role_tagger_reads_a_bounded_number_of_cues_per_sentence(model_nlp, monkeypatch):
    from saidwho.learn import tagger as tagger_mod

    seen: list[int] = []
    real = tagger_mod.cue_features_many

    def counting(info, spans, windows, tree):
        seen.extend(span.start for span in spans)
        return real(info, spans, windows, tree)

    monkeypatch.setattr(tagger_mod, "cue_features_many", counting)
    doc = model_nlp('He said "no ' * 300)
    sentences = len(list(doc.sents))
    assert len(seen) <= tagger_mod.MAX_CUES_PER_SENTENCE * sentences


class _Ticking:
    """A clock that moves one second each time it is read."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


@pytest.fixture
def ticking_long_text(monkeypatch):
    """Chunks of 200 characters, a clock that says each took a second, and a text of six
    chunks: its forecast after the first is about 6 s."""
    monkeypatch.setattr(extract_mod, "CHUNK_CHARS", 200)
    monkeypatch.setattr(extract_mod.time, "monotonic", _Ticking())
    return "The mayor said that taxes would rise in May.\n\n" * 24


@pytest.mark.model
def test_a_document_over_the_time_limit_is_given_up_early_and_the_others_kept(
        nlp, ticking_long_text):
    seen: list[str] = []
    real = nlp.pipe

    def pipe(pieces, **kwargs):  # spaCy's pipe calls itself again without as_tuples
        if not kwargs.get("as_tuples"):
            return real(pieces, **kwargs)
        return ((seen.append(doc.text), (doc, context))[1]
                for doc, context in real(pieces, **kwargs))

    nlp.pipe = pipe
    try:
        docs = [("short", "Ruiz said the port would open."), ("long", ticking_long_text),
                ("after", "Lund said the port would close.")]
        results = list(extract_many(nlp, docs, time_limit=3))
    finally:
        del nlp.pipe
    assert [r.id for r in results] == ["short", "long", "after"]
    assert results[1].attributions == []
    assert results[1].error.startswith("too long to extract in the time limit: ")
    assert "over the limit of 3 s per document" in results[1].error
    assert len(results[0].attributions) == len(results[2].attributions) == 1
    # given up after its first chunk, not after all six
    assert sum(text in ticking_long_text for text in seen) == 1


@pytest.mark.model
def test_a_document_within_the_time_limit_or_without_one_is_read_whole(
        nlp, ticking_long_text):
    for limit in (100, None):
        (result,) = extract_many(nlp, [("long", ticking_long_text)], time_limit=limit)
        assert result.error is None and len(result.attributions) == 24


@pytest.mark.model
def test_extract_reports_a_document_over_the_time_limit(tmp_path, monkeypatch, nlp,
                                                        ticking_long_text):
    monkeypatch.setattr("saidwho.cli._load", lambda *args: nlp)
    (tmp_path / "short.txt").write_text("Ruiz said the port would open.", encoding="utf-8")
    (tmp_path / "long.txt").write_text(ticking_long_text, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "short.txt"),
                                       str(tmp_path / "long.txt"), "--time-limit", "3"])
    assert result.exit_code == 1
    assert "Error: long: too long to extract in the time limit" in result.stderr
    assert "--time-limit SECONDS raises it, 0 lifts it" in result.stderr
    (line,) = result.stdout.splitlines()
    assert json.loads(line)["id"] == "short"
    lifted = CliRunner().invoke(main, ["extract", str(tmp_path / "long.txt"),
                                       "--time-limit", "0"])
    assert lifted.exit_code == 0 and len(json.loads(lifted.stdout)["attributions"]) == 24


@pytest.mark.model
def test_an_analysis_seen_to_need_more_than_the_server_allows_is_answered_504(
        nlp, ticking_long_text):
    from fastapi.testclient import TestClient

    from saidwho.web.app import create_app
    from saidwho.web.services import WebConfig

    app = create_app(WebConfig(None, lambda: nlp, analyze_timeout=3))
    with TestClient(app) as client:
        response = client.post("/api/analyze", json={"text": ticking_long_text})
    assert response.status_code == 504
    assert "too large to analyse on this server" in response.json()["error"]
