"""The output schema saidwho/1: the JSON Schema shipped in the package matches the models,
and real output of both engines validates against them."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from pydantic import ValidationError

from saidwho.extract import extract_many
from saidwho.schema import Document, json_schema, packaged_schema


def test_the_packaged_json_schema_is_the_models():
    assert packaged_schema() == json_schema(), "run: python -m saidwho.schema > " \
        "src/saidwho/saidwho-1.schema.json"


def _sample_texts() -> list[tuple[str, str]]:
    folder = Path(str(resources.files("saidwho") / "samples"))
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]
    for line in (folder / "corpus" / "sample-news.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        texts.append((row["id"], row["text"]))
    return texts


@pytest.mark.model
@pytest.mark.parametrize("engine", ["rules", "model"])
def test_real_output_of_both_engines_validates(engine, nlp, model_nlp):
    pipeline = nlp if engine == "rules" else model_nlp
    results = list(extract_many(pipeline, _sample_texts()))
    assert sum(len(r.attributions) for r in results) > 50
    assert any(r.memberships for r in results)
    for result in results:
        Document.model_validate(result.to_dict())


def test_what_the_schema_does_not_name_is_refused():
    good = {"schema": "saidwho/1", "id": "x", "memberships": [], "attributions": [{
        "id": "x:1", "kind": "direct", "source": [], "cue": [], "content": [
            {"start": 0, "end": 2, "text": "ok"}], "speaker": None, "channel": None,
        "confidence": 0.9}]}
    Document.model_validate(good)
    for broken in ({**good, "extra": 1}, {**good, "schema": "saidwho/2"},
                   {**good, "attributions": [{**good["attributions"][0], "kind": "said"}]}):
        with pytest.raises(ValidationError):
            Document.model_validate(broken)
