"""A speaker in the store is an identity: one row per person however each article named
them, states by their code; pronouns older versions stored as names become unresolved."""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

from saidwho.cli import main
from saidwho.model import speaker_key
from saidwho.store.database import MIGRATIONS, SCHEMA_VERSION, open_store
from saidwho.store.queries import speaker_profile


@pytest.mark.parametrize(("name", "kind", "iso3", "key"), [
    ("Mayor Ana Ruiz", "person", None, "person:ana ruiz"),
    ("Ana Ruiz", "person", None, "person:ana ruiz"),
    ("Donald J. Trump", "person", None, "person:donald trump"),
    ("Agent 47", "person", None, "person:agent 47"),
    ("Sen. Ann Fox’s", "person", None, "person:ann fox"),
    ("Chile", "state", "CHL", "state:CHL"),
    ("the Lakeside Herald", "publication", None, "publication:lakeside herald"),
    ("German foreign ministry", "organization", "DEU", "organization:german foreign ministry"),
])
def test_speaker_keys(name, kind, iso3, key):
    assert speaker_key(name, kind, iso3) == key


@pytest.mark.model
def test_one_row_per_identity_across_articles(tmp_path):
    feed = tmp_path / "feed.jsonl"
    rows = [{"id": "a", "text": "Mayor Ana Ruiz said the port would close on Friday."},
            {"id": "b", "text": "Ana Ruiz told reporters that the port had reopened."},
            {"id": "c", "text": "Ms. Ana Ruiz said that she would stand again."}]
    feed.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(feed), "--db", db]).exit_code == 0
    top = json.loads(runner.invoke(main, ["speakers", "--db", db, "--json"]).output)
    ruiz = [r for r in top["speakers"] if "Ruiz" in r["speaker"]]
    assert len(ruiz) == 1
    assert (ruiz[0]["key"], ruiz[0]["type"], ruiz[0]["articles"]) == (
        "person:ana ruiz", "person", 3)
    stats = json.loads(runner.invoke(main, ["stats", "--db", db, "--json"]).output)
    assert stats["speakers"] == 1
    profile = speaker_profile(open_store(db, readonly=True), "Mayor Ana Ruiz")
    assert profile["attributions"] == 3 and len(profile["items"]) == 3


def test_migration_keys_speakers_and_unresolves_pronouns(tmp_path):
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    conn.executescript("BEGIN;\n" + "\n".join(MIGRATIONS[:6]) + "\nPRAGMA user_version = 6;"
                       "\nCOMMIT;")
    conn.execute("INSERT INTO articles (id, hash, doc_id, source, text) VALUES "
                 "(1, 'h', 'x', 'x.txt', 'Some text.')")
    for n, (speaker, kind, iso3) in enumerate([("Mayor Ana Ruiz", "person", None),
                                               ("Ana Ruiz", "person", None),
                                               ("he", "unknown", None),
                                               ("Chile", "state", "CHL")], 1):
        conn.execute("INSERT INTO attributions (id, article_id, att_id, kind, content,"
                     " speaker, speaker_type, speaker_iso3, json) VALUES"
                     " (?, 1, ?, 'direct', 'words', ?, ?, ?, '{}')",
                     (n, f"x:{n}", speaker, kind, iso3))
        conn.execute("INSERT INTO attributions_fts (rowid, content, speaker) VALUES (?, ?, ?)",
                     (n, "words", speaker))
    conn.commit()
    conn.close()
    conn = open_store(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    keys = dict(conn.execute("SELECT id, speaker_key FROM attributions"))
    assert keys == {1: "person:ana ruiz", 2: "person:ana ruiz", 3: None, 4: "state:CHL"}
    assert conn.execute("SELECT speaker FROM attributions WHERE id = 3").fetchone() == (None,)
    # the full-text index follows: no speaker "he" left to find, and it is consistent
    assert conn.execute("SELECT count(*) FROM attributions_fts WHERE attributions_fts MATCH"
                        " 'speaker : he'").fetchone()[0] == 0
    conn.execute("INSERT INTO attributions_fts (attributions_fts) VALUES ('integrity-check')")
