"""Publication dates as written, read into ISO 8601 (io.dates), and the store's date
filters over them."""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

from saidwho.cli import main
from saidwho.io.dates import normalise_date


@pytest.mark.parametrize(("written", "iso"), [
    ("2026-06-15", "2026-06-15"),
    ("2026-06-15T10:00:00Z", "2026-06-15T10:00:00Z"),
    ("2026-06-15T12:30:00+02:00", "2026-06-15T10:30:00Z"),
    ("15 June 2026", "2026-06-15"),
    ("Monday 15th June 2026", "2026-06-15"),
    ("June 15, 2026", "2026-06-15"),
    ("Sept 3, 2026", "2026-09-03"),
    ("06/15/2026", "2026-06-15"),
    ("15/06/2026", "2026-06-15"),
    ("05.06.2026", "2026-06-05"),
    ("2026/06/15", "2026-06-15"),
    ("Mon, 15 Jun 2026 10:00:00 GMT", "2026-06-15T10:00:00Z"),
    ("2026-13-45", None),
    ("31 February 2026", None),
    ("yesterday", None),
    ("", None),
])
def test_dates_as_written_become_iso_8601(written, iso):
    assert normalise_date(written) == iso


@pytest.mark.model
def test_until_keeps_every_form_of_its_day_and_stats_count_unread_dates(tmp_path):
    text = "Ana Ruiz said that the ferry would run again on Monday."
    feed = tmp_path / "feed.jsonl"
    rows = [("a", "2026-06-15T10:00:00Z"), ("b", "15 June 2026"), ("c", "06/15/2026"),
            ("d", "16 June 2026"), ("e", "sometime")]
    feed.write_text("".join(json.dumps({"id": i, "date": d, "text": f"{text} ({i})"}) + "\n"
                            for i, d in rows), encoding="utf-8")
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(feed), "--db", db, "--engine", "rules"])
    assert result.exit_code == 0 and "1 document with a date that is not one" in result.output
    found = json.loads(runner.invoke(main, ["search", "ferry", "--db", db, "--until",
                                            "2026-06-15", "--json"]).output)
    assert sorted(r["doc_id"] for r in found) == ["a", "b", "c"]
    since = json.loads(runner.invoke(main, ["search", "--db", db, "--since", "2026-06-16",
                                            "--json"]).output)
    assert [r["doc_id"] for r in since] == ["d"]
    stats = json.loads(runner.invoke(main, ["stats", "--db", db, "--json"]).output)
    assert stats["unread_dates"] == 1
    with sqlite3.connect(db) as conn:
        written = dict(conn.execute("SELECT doc_id, date_text FROM articles"))
    assert written == dict(rows)  # the date as written is kept
    bad = runner.invoke(main, ["search", "--db", db, "--since", "2026-13-45"])
    assert bad.exit_code == 2 and "not a date" in bad.output


def test_migration_reads_the_dates_of_an_older_store(tmp_path):
    from saidwho.store.database import MIGRATIONS, open_store

    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    conn.create_function("saidwho_speaker_key", 3, lambda *args: None)  # used by migration 7
    conn.executescript("BEGIN;\n" + "\n".join(MIGRATIONS[:7]) + "\nPRAGMA user_version = 7;"
                       "\nCOMMIT;")
    for n, written in enumerate(["15 June 2026", "2026-06-15T12:00:00+02:00", "soon", None], 1):
        conn.execute("INSERT INTO articles (id, hash, doc_id, source, date, text) VALUES"
                     " (?, ?, ?, 'x', ?, 'Some text.')", (n, f"h{n}", f"d{n}", written))
        conn.execute("INSERT INTO attributions (id, article_id, att_id, kind, content, json)"
                     " VALUES (?, ?, 'x', 'direct', 'words', '{}')", (n, n))
        conn.execute("INSERT INTO attribution_dates (id, article_id, date) VALUES (?, ?, ?)",
                     (n, n, written))
    conn.commit()
    conn.close()
    conn = open_store(db)
    assert conn.execute("SELECT date, date_text FROM articles ORDER BY id").fetchall() == [
        ("2026-06-15", "15 June 2026"), ("2026-06-15T10:00:00Z", "2026-06-15T12:00:00+02:00"),
        (None, "soon"), (None, None)]
    assert [d for (d,) in conn.execute("SELECT date FROM attribution_dates ORDER BY id")] == [
        "2026-06-15", "2026-06-15T10:00:00Z", None, None]
    conn.close()
