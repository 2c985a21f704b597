"""The bundled sample articles give what a careful reader would write down, so the demo
(`scripts/demo`, `extract --sample`) and the served sample corpus are right by
construction.

`tests/data/samples_expected.json` holds, for each sample document (the .txt files and
each line of the sample corpus, read as `extract --sample` reads them), every attribution
as `[kind, source, cue, content, speaker, speaker type, channel]` (parts of a role joined
with " | "), and every membership as `[relation, of, members' codes or names, partial]`.
Each row was checked by hand. A row the tool still gets wrong carries an eighth element,
`{"right": ..., "why": ...}`: the row is what the tool gives today, `right` what it should
give, `why` the cause; fixing one means moving `right` into the row.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from saidwho.extract import extract_languages
from saidwho.io import Failure
from saidwho.io.readers import iter_documents
from saidwho.language import Pipelines
from saidwho.model import Attribution, DocumentResult

pytestmark = pytest.mark.model

EXPECTED = Path(__file__).parent / "data" / "samples_expected.json"


def sample_documents() -> list[tuple[str, str]]:
    folder = resources.files("saidwho") / "samples"
    docs = [d for d in iter_documents([str(folder)]) if not isinstance(d, Failure)]
    return [(d.id, d.text) for d in docs]


def _joined(att: Attribution, role: str) -> str:
    return " | ".join(s.text for s in getattr(att, role))


def rows(result: DocumentResult) -> dict[str, list[list[object]]]:
    atts = [[att.kind, _joined(att, "source"), _joined(att, "cue"), _joined(att, "content"),
             att.speaker.name if att.speaker else None,
             att.speaker.type if att.speaker else None,
             att.channel.name if att.channel else None] for att in result.attributions]
    members = [[m["relation"], m["of"], [x["iso3"] or x["name"] for x in m["members"]],
                m["partial"]]
               for m in result.memberships]
    return {"attributions": atts, "memberships": members}


def _as_given(expected: dict[str, list[list[object]]]) -> dict[str, list[list[object]]]:
    """The expected rows less their notes (a known error's row is what the tool gives)."""
    return {"attributions": [row[:7] for row in expected["attributions"]],
            "memberships": expected["memberships"]}


@pytest.fixture(scope="module")
def results(model_nlp, fr_nlp) -> dict[str, DocumentResult]:
    """Each sample read as ``extract --sample`` reads it: in its detected language."""
    pipelines = Pipelines({"en": model_nlp, "fr": fr_nlp}.__getitem__)
    docs = ((doc_id, text, None) for doc_id, text in sample_documents())
    return {r.id: r for r in extract_languages(pipelines, docs)}


def test_every_sample_document_is_checked(results):
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    assert sorted(expected) == sorted(results)


@pytest.mark.parametrize("doc_id", sorted(json.loads(EXPECTED.read_text(encoding="utf-8"))))
def test_sample_gives_the_checked_attributions(results, doc_id):
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))[doc_id]
    assert rows(results[doc_id]) == _as_given(expected)


def test_known_errors_say_what_is_right():
    for doc in json.loads(EXPECTED.read_text(encoding="utf-8")).values():
        for row in doc["attributions"]:
            if len(row) > 7:
                note = row[7]
                assert set(note) == {"right", "why"} and note["why"], row
                assert note["right"] != row[:7], row
