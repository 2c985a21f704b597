"""Languages: detection, a pipeline per language, the lang field in and out, and mixed
corpora through extract, ingest and the store."""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

from saidwho.cli import main
from saidwho.extract import extract_languages
from saidwho.io import Failure
from saidwho.io.document import Document
from saidwho.language import Pipelines, check_language, detect
from saidwho.model import DocumentResult

ENGLISH = "The mayor said on Tuesday that the bridge would reopen in the spring."
FRENCH = "Le maire a déclaré mardi que le pont rouvrirait au printemps."


@pytest.mark.parametrize(("text", "lang"), [
    (ENGLISH, "en"),
    (FRENCH, "fr"),
    ("« Nous ne céderons pas », a-t-il déclaré.", "fr"),
    ("Trump says no", "en"),
    ('"We are ready," said Jean-Pierre Dupont de la Tour.', "en"),  # French names only
    ("", "en"),  # no letters: the default
    ("12 345 %%%", "en"),
])
def test_detect(text, lang):
    assert detect(text) == lang


def test_check_language_names_the_place_and_the_choices():
    assert check_language(" FR ") == "fr"
    assert check_language(None) is None
    with pytest.raises(ValueError, match=r"doc\.jsonl:3: unsupported language 'de'.*en, fr"):
        check_language("de", "doc.jsonl:3")


def test_a_document_says_its_own_language_or_none():
    doc = Document.from_record({"text": FRENCH, "lang": "FR"}, source="x.jsonl",
                               position="1")
    assert isinstance(doc, Document) and doc.lang == "fr"
    assert Document.from_record({"text": FRENCH, "lang": "auto"}, source="x").lang is None
    assert Document.from_record({"text": FRENCH, "lang": "fr-FR"}, source="x").lang == "fr"
    assert Document.from_record({"text": FRENCH, "lang": ""}, source="x").lang is None
    bad = Document.from_record({"text": "x", "lang": "de"}, source="x.jsonl", position="2")
    assert isinstance(bad, Failure)
    assert str(bad).startswith("x.jsonl:2: unsupported language 'de'")


def test_pipelines_choose_given_then_run_then_detected_and_load_once():
    loads = []

    def load(code):
        loads.append(code)
        return f"nlp-{code}"

    auto = Pipelines(load)
    assert auto.language_of(FRENCH) == "fr"
    assert auto.language_of(FRENCH, "en") == "en"
    assert Pipelines(load, "en").language_of(FRENCH) == "en"
    assert auto.get("fr") == auto.get("fr") == "nlp-fr"
    assert loads == ["fr"]




@pytest.mark.model
def test_mixed_documents_keep_their_order_and_say_their_language(nlp, fr_nlp):
    pipelines = Pipelines({"en": nlp, "fr": fr_nlp}.__getitem__)
    docs = [("a", ENGLISH, None), ("b", FRENCH, None), ("c", FRENCH, None),
            ("d", ENGLISH, "en"), ("e", ENGLISH, "fr")]
    results = list(extract_languages(pipelines, docs))
    assert [(r.id, r.lang) for r in results] == [("a", "en"), ("b", "fr"), ("c", "fr"),
                                                 ("d", "en"), ("e", "fr")]
    cues = {r.id: [a.cue[0].text for a in r.attributions] for r in results}
    assert cues["a"] == ["said"] and cues["b"] == ["a déclaré"]


def test_the_language_is_in_the_output_only_when_known():
    assert "lang" not in DocumentResult("x").to_dict()
    out = DocumentResult("x", lang="fr").to_dict()
    assert out["lang"] == "fr" and list(out)[:3] == ["schema", "id", "lang"]
    assert DocumentResult.from_dict(out).lang == "fr"


@pytest.mark.model
def test_extract_detects_each_document_language(tmp_path):
    corpus = tmp_path / "mixed.jsonl"
    corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"id": "en1", "text": ENGLISH},
        {"id": "fr1", "text": FRENCH},
        {"id": "fr2", "text": FRENCH, "lang": "en"},  # the record's own field wins
    ]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(corpus)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["id"], r["lang"]) for r in rows] == [("en1", "en"), ("fr1", "fr"),
                                                    ("fr2", "en")]
    assert rows[1]["attributions"][0]["cue"][0]["text"] == "a déclaré"


@pytest.mark.model
def test_extract_with_a_language_and_a_bad_record(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "x", "text": FRENCH, "lang": "xx"}) + "\n"
                      + json.dumps({"id": "y", "text": FRENCH}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", "--lang", "fr", str(corpus)])
    assert result.exit_code == 1
    assert f"{corpus}:line 1: unsupported language 'xx'" in result.output
    good = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert [(r["id"], r["lang"]) for r in good] == [("y", "fr")]


@pytest.mark.model
def test_a_mixed_corpus_is_stored_with_its_languages_and_found_without_accents(tmp_path):
    corpus = tmp_path / "mixed.jsonl"
    corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"id": "en1", "text": ENGLISH},
        {"id": "fr1", "text": "La ministre a estimé que la réforme était indispensable."},
    ]) + "\n", encoding="utf-8")
    db = tmp_path / "s.db"
    runner = CliRunner()
    done = runner.invoke(main, ["ingest", str(corpus), "--db", str(db)])
    assert done.exit_code == 0, done.output
    conn = sqlite3.connect(db)
    assert dict(conn.execute("SELECT doc_id, lang FROM articles")) == {"en1": "en",
                                                                     "fr1": "fr"}
    found = runner.invoke(main, ["search", "reforme", "--db", str(db), "--format", "json"])
    assert found.exit_code == 0, found.output
    assert "réforme" in found.output
    exported = runner.invoke(main, ["export", "--db", str(db), "--format", "jsonl"])
    langs = {json.loads(line)["doc_id"]: json.loads(line)["lang"]
             for line in exported.output.splitlines()}
    assert langs == {"en1": "en", "fr1": "fr"}


def test_an_old_store_gets_languages_and_accent_free_search(tmp_path):
    from saidwho.store.database import MIGRATIONS, SCHEMA_VERSION, open_store

    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    conn.create_function("saidwho_speaker_key", 3, lambda *args: None)  # migrations 7, 8
    conn.create_function("saidwho_date", 1, lambda day: day)
    conn.executescript("BEGIN;\n" + "\n".join(MIGRATIONS[:8]) + "\nPRAGMA user_version = 8;"
                       "\nCOMMIT;")
    conn.execute("INSERT INTO articles (id, hash, doc_id, source, text) VALUES "
                 "(1, 'h', 'x', 'x.txt', 'Some text.')")
    conn.execute("INSERT INTO attributions (id, article_id, att_id, kind, content, json)"
                 " VALUES (1, 1, 'x:1', 'direct', 'une réforme nécessaire', '{}')")
    conn.execute("INSERT INTO attributions_fts (rowid, content, speaker) VALUES "
                 "(1, 'une réforme nécessaire', '')")
    conn.commit()
    conn.close()
    conn = open_store(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT lang FROM articles").fetchone() == ("en",)
    assert conn.execute("SELECT rowid FROM attributions_fts WHERE attributions_fts MATCH"
                        " 'necessaire'").fetchall() == [(1,)]
    conn.execute("INSERT INTO attributions_fts (attributions_fts) VALUES ('integrity-check')")


def test_french_names_of_states_are_read_in_french_text_only():
    from saidwho.entities.countries import names_in, resolve_country

    assert resolve_country("Island").iso3 is None  # English lists read as before
    assert resolve_country("Allemagne").iso3 is None
    with names_in("fr"):
        assert resolve_country("Allemagne").iso3 == "DEU"
        assert resolve_country("Allemange").iso3 == "DEU"  # misspelt


@pytest.mark.model
def test_a_loader_of_one_pipeline_reads_every_language_with_it(nlp):
    from saidwho.extract import extract_detected, pipelines_of

    result = extract_detected(pipelines_of(lambda: nlp), FRENCH, "x")
    assert result.lang == "fr" and result.error is None  # read with the English pipeline


def test_a_pipeline_that_cannot_load_fails_its_documents_only():
    def load(code):
        if code == "fr":
            raise OSError("no French model")
        raise AssertionError("English is not needed here")

    results = list(extract_languages(Pipelines(load), [("a", FRENCH, None),
                                                       ("b", FRENCH, "fr")]))
    assert [(r.id, r.lang) for r in results] == [("a", "fr"), ("b", "fr")]
    assert all(r.error and "cannot load the fr pipeline" in r.error for r in results)
