"""The store: ingest, duplicates, bad inputs, search, stats, and resuming after kill -9."""

from __future__ import annotations

import gzip
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from process_tree import children

from saidwho.cli import main
from saidwho.io import Failure, count_documents, iter_documents
from saidwho.io.document import text_hash
from saidwho.store.database import SCHEMA_VERSION, open_store

pytestmark = pytest.mark.model

NAMES = ["Mara Lind", "Tomas Berg", "Ana Ruiz", "Oren Vale", "Ines Holt", "Kofi Adu"]


def article(k: int) -> str:
    name = NAMES[k % len(NAMES)]
    return (f"Report {k}\n\n{name} said that the harbour project {k} would be delayed. "
            f"\u201cWe need {k} more weeks,\u201d {name.split()[0]} told reporters.\n")


def write_corpus(root: Path, n: int) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for k in range(n):
        (root / f"a{k:03d}.txt").write_text(article(k), encoding="utf-8")
    return root


def test_schema_is_created_and_versioned(tmp_path):
    conn = open_store(tmp_path / "s.db")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    bad = tmp_path / "bad.db"
    bad.write_text("not a database at all" * 100, encoding="utf-8")
    result = CliRunner().invoke(main, ["stats", "--db", str(bad)])
    assert result.exit_code != 0 and "not a saidwho store" in result.output


def test_corpus_reading_reports_bad_documents_and_goes_on(tmp_path):
    (tmp_path / "good.txt").write_text(article(1), encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    with gzip.open(tmp_path / "feed.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "x1", "text": article(2), "outlet": "Herald",
                             "date": "2026-05-01"}) + "\n")
        fh.write("{not json\n")
        fh.write(json.dumps({"id": "x3", "title": "no text"}) + "\n")
    items = list(iter_documents([str(tmp_path)]))
    docs = [i for i in items if not isinstance(i, Failure)]
    failures = {(Path(f.source).name, f.position, re.split(r" \(|: ", f.reason)[0])
                for f in items if isinstance(f, Failure)}
    # an empty text is a document (extract gives it an empty result); the store declines it
    assert sorted(d.id for d in docs) == ["empty", "good", "x1"]
    assert next(d for d in docs if d.id == "x1").outlet == "Herald"
    assert failures == {("latin1.txt", None, "not valid UTF-8"),
                        ("feed.jsonl.gz", "line 2", "malformed JSON line"),
                        ("feed.jsonl.gz", "line 3", "no 'text' string")}
    # the progress bar's total is counted without parsing, and matches what is read
    missing = str(tmp_path / "missing.txt")
    assert count_documents([str(tmp_path), missing]) == len(items) + 1 == 7
    db = str(tmp_path / "s.db")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--db", db, "--engine", "rules"])
    assert "empty.txt: empty text" in result.output
    with sqlite3.connect(db) as conn:
        stored = {row[0] for row in conn.execute("SELECT doc_id FROM articles")}
        errors = {(Path(s).name, r) for s, r in conn.execute("SELECT source, reason FROM errors")}
    assert stored == {"good", "x1"} and ("empty.txt", "empty text") in errors
    (tmp_path / "crawl.warc").write_bytes(b"")
    assert count_documents([str(tmp_path)]) is None  # WARC records are not counted


def test_duplicates_by_normalised_text():
    assert text_hash("A  b\nC") == text_hash("a b c ")
    assert text_hash("a b") != text_hash("a c")


def test_ingest_search_stats_and_rerun_adds_nothing(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", 6)
    (corpus / "copy.txt").write_text(article(0).replace("\n\n", "\n \n"), encoding="utf-8")
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", str(corpus), "--db", db])
    assert first.exit_code == 0, first.output
    assert "documents 6" in first.output and "skipped duplicates 1" in first.output
    again = runner.invoke(main, ["ingest", str(corpus), "--db", db])
    assert "documents 0" in again.output and "skipped duplicates 7" in again.output
    figures = json.loads(runner.invoke(main, ["stats", "--db", db, "--json"]).output)
    assert figures["articles"] == 6 and figures["attributions"] >= 6
    assert set(figures) == {"articles", "attributions", "speakers", "errors", "unread_dates"}
    found = json.loads(runner.invoke(main, ["search", "harbour", "--db", db, "--json",
                                            "--speaker", "Ana Ruiz"]).output)
    assert found and all("Ana Ruiz" in r["speaker"] for r in found)
    direct = json.loads(runner.invoke(main, ["search", "--db", db, "--kind", "direct",
                                             "--json"]).output)
    assert direct and all(r["kind"] == "direct" for r in direct)
    # words are words: FTS5 operators and punctuation typed by a person mean nothing
    assert runner.invoke(main, ["search", "AND OR (", "--db", db]).exit_code == 0
    bad = runner.invoke(main, ["search", "AND OR (", "--fts", "--db", db])
    assert bad.exit_code == 2 and "bad search" in bad.output


@pytest.mark.parametrize("workers", ["1", "2"])
def test_kill_9_mid_ingest_then_resume_loses_and_duplicates_nothing(tmp_path, workers):
    n = 400  # several seconds of work, so the kill lands mid-run
    corpus = write_corpus(tmp_path / "corpus", n)
    db = tmp_path / "s.db"
    cmd = [sys.executable, "-m", "saidwho.cli", "ingest", str(corpus), "--db", str(db),
           "--engine", "rules", "--workers", workers]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as conn:
                    stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if stored >= 5:
                break
    assert proc.poll() is None, "ingest finished before it could be killed"
    spawned = children(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # extraction workers end with the ingest that started them
    deadline = time.monotonic() + 15
    while any(Path(f"/proc/{pid}").exists() for pid in spawned):
        assert time.monotonic() < deadline, "worker processes outlived a killed ingest"
        time.sleep(0.2)
    with sqlite3.connect(db) as conn:
        killed_at = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        # every stored article has its attributions: nothing half-written
        empty = conn.execute("SELECT count(*) FROM articles r WHERE NOT EXISTS"
                             " (SELECT 1 FROM attributions a WHERE a.article_id = r.id)"
                             ).fetchone()[0]
    assert 5 <= killed_at < n and empty == 0
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == n
        assert conn.execute("SELECT count(DISTINCT hash) FROM articles").fetchone()[0] == n
        fts = conn.execute("SELECT count(*) FROM attributions_fts").fetchone()[0]
        atts = conn.execute("SELECT count(*) FROM attributions").fetchone()[0]
        assert fts == atts


def test_speakers_quotes_export_and_filters(tmp_path):
    feed = tmp_path / "feed.jsonl"
    rows = [
        {"id": "h1", "text": "A diplomatic source told the paper that the talks had failed.",
         "outlet": "Herald", "date": "2026-01-02", "title": "Talks"},
        {"id": "g1", "text": article(2), "outlet": "Gazette", "date": "2025-06-01"},
        {"id": "g2", "text": article(8), "outlet": "Gazette", "date": "2026-03-01"},
    ]
    feed.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(feed), "--db", db]).exit_code == 0
    top = json.loads(runner.invoke(main, ["speakers", "--db", db, "--json"]).output)
    ana = [r for r in top["speakers"] if r["speaker"].startswith("Ana")]
    assert sum(r["attributions"] for r in ana) >= 4 and all(r["articles"] == 2 for r in ana)
    assert 0 < top["anonymous_share"] < 0.5
    quoted = json.loads(runner.invoke(main, ["quotes", "Ana", "--db", db, "--json"]).output)
    assert quoted and {r["doc_id"] for r in quoted} == {"g1", "g2"}
    recent = json.loads(runner.invoke(main, ["search", "--db", db, "--json", "--outlet",
                                             "Gazette", "--since", "2026-01-01"]).output)
    assert {r["doc_id"] for r in recent} == {"g2"}
    anon = json.loads(runner.invoke(main, ["search", "--db", db, "--json", "--type",
                                           "anonymous"]).output)
    assert [r["doc_id"] for r in anon] == ["h1"]
    out = tmp_path / "all.jsonl"
    assert runner.invoke(main, ["export", "--db", db, "-o", str(out)]).exit_code == 0
    exported = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(exported) == top["attributions"]
    assert exported[0]["outlet"] and exported[0]["attribution"]["content"]
    csv_out = runner.invoke(main, ["export", "--db", db, "--format", "csv"]).output
    assert csv_out.splitlines()[0].startswith("att_id,kind,speaker")


PAGE = ("<html><head><title>Bridge vote delayed</title><meta name=\"author\" content=\"Ines "
        "Holt\"><meta property=\"og:site_name\" content=\"Lakeside Herald\"><meta name=\"date\" "
        "content=\"2026-03-02\"></head><body><nav>Home | News | Sport</nav><article>"
        "<h1>Bridge vote delayed</h1><p>The council said on Tuesday that the vote on the "
        "bridge would be delayed until the engineers had checked the foundations.</p>"
        "<p>\u201cWe need more time,\u201d the mayor told reporters at the town hall.</p>"
        "</article><footer>Copyright Lakeside Herald</footer></body></html>")


def test_html_pages_give_main_text_and_metadata(tmp_path):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "notes.htm").write_text("just words, no markup at all", encoding="utf-8")
    db = str(tmp_path / "s.db")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--db", db])
    assert result.exit_code == 0, result.output
    assert "notes.htm: not HTML" in result.output
    row = json.loads(CliRunner().invoke(main, ["export", "--db", db]).output.splitlines()[0])
    assert (row["title"], row["outlet"], row["date"], row["author"]) == (
        "Bridge vote delayed", "Lakeside Herald", "2026-03-02", "Ines Holt")
    conn = sqlite3.connect(db)
    text = conn.execute("SELECT text FROM articles").fetchone()[0]
    assert "Home | News" not in text and "Copyright" not in text


def test_an_old_store_is_migrated(tmp_path):
    from saidwho.store.database import MIGRATIONS

    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    conn.executescript(f"BEGIN;\n{MIGRATIONS[0]}\nPRAGMA user_version = 1;\nCOMMIT;")
    conn.close()
    conn = open_store(db, readonly=True)  # browsing an old store upgrades it first
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert "author" in [r[1] for r in conn.execute("PRAGMA table_info(articles)")]
    assert conn.execute("SELECT count(*) FROM attribution_dates").fetchone()[0] == 0
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("DELETE FROM articles")


def test_two_workers_store_what_one_does(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", 12)
    runner = CliRunner()
    figures = []
    for workers in ("1", "2"):
        db = str(tmp_path / f"w{workers}.db")
        result = runner.invoke(main, ["ingest", str(corpus), "--db", db, "--engine", "rules",
                                      "--workers", workers])
        assert result.exit_code == 0, result.output
        export = runner.invoke(main, ["export", "--db", db]).output.splitlines()
        figures.append(sorted(json.loads(line)["att_id"] for line in export))
    assert figures[0] == figures[1] and len(figures[0]) >= 12


def test_warc_crawls_give_their_html_responses(tmp_path):
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, ctype, body in (
            ("https://herald.example/bridge", "text/html; charset=utf-8", PAGE.encode()),
            ("https://herald.example/logo.png", "image/png", b"\x89PNG..."),
        ):
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response",
                                                          payload=BytesIO(body),
                                                          http_headers=headers))
    broken = tmp_path / "broken.warc"
    broken.write_bytes(b"this is not a warc file\n" * 10)
    items = list(iter_documents([str(tmp_path)]))
    docs = [i for i in items if not isinstance(i, Failure)]
    failures = [i for i in items if isinstance(i, Failure)]
    assert [d.id for d in docs] == ["https://herald.example/bridge"]
    assert docs[0].outlet == "Lakeside Herald" and "council said" in docs[0].text
    assert len(failures) == 1 and "broken.warc" in failures[0].source
    assert "not a readable WARC file" in failures[0].reason


def test_json_lines_field_mapping(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"guid": "n7", "body": article(3), "source": "Courier",
                                "published": "2026-02-03"}) + "\n", encoding="utf-8")
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(feed), "--db", db, "--field", "text=body",
                                  "--field", "id=guid", "--field", "outlet=source",
                                  "--field", "date=published"])
    assert result.exit_code == 0, result.output
    row = json.loads(runner.invoke(main, ["export", "--db", db]).output.splitlines()[0])
    assert (row["doc_id"], row["outlet"], row["date"]) == ("n7", "Courier", "2026-02-03")
    bad = runner.invoke(main, ["ingest", str(feed), "--db", db, "--field", "body"])
    assert bad.exit_code != 0 and "expected NAME=KEY" in bad.output


def test_parquet_export_has_the_same_rows(tmp_path):
    import pyarrow.parquet as pq

    corpus = write_corpus(tmp_path / "corpus", 3)
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(corpus), "--db", db, "--engine",
                                "rules"]).exit_code == 0
    out = tmp_path / "all.parquet"
    result = runner.invoke(main, ["export", "--db", db, "--format", "parquet", "-o", str(out)])
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    lines = runner.invoke(main, ["export", "--db", db]).output.splitlines()
    assert table.num_rows == len(lines) > 0
    assert {"att_id", "speaker", "content", "date", "outlet"} <= set(table.column_names)
    assert runner.invoke(main, ["export", "--db", db, "--format", "parquet"]).exit_code != 0


def test_exports_carry_who_in_every_format_under_one_column_name(tmp_path):
    import csv
    import io

    import pyarrow as pa
    import pyarrow.parquet as pq

    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({
        "id": "p1", "date": "15 June 2026", "outlet": "Courier",
        "text": "A group of 12 states said the court must be free to work. Mara Lind, the "
                "foreign minister of Norway, told the Courier that talks would resume."})
        + "\n",
        encoding="utf-8")
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(feed), "--db", db]).exit_code == 0
    lines = [json.loads(x) for x in runner.invoke(main, ["export", "--db", db]).output
             .splitlines()]
    by_speaker = {r["speaker"]: r for r in lines}
    group = next(r for name, r in by_speaker.items() if r["speaker_type"] == "group")
    assert group["speaker_count"] == 12 and group["date"] == "2026-06-15"
    lind = by_speaker["Mara Lind"]
    assert (lind["channel"], lind["speaker_role"]) == ("Courier", "foreign minister of Norway")
    assert isinstance(lind["attribution"], dict)  # an object in JSON Lines
    rows = list(csv.DictReader(io.StringIO(runner.invoke(
        main, ["export", "--db", db, "--format", "csv"]).output)))
    assert json.loads(rows[0]["attribution"])["id"] == rows[0]["att_id"]  # its text in CSV
    out = tmp_path / "all.parquet"
    runner.invoke(main, ["export", "--db", db, "--format", "parquet", "-o", str(out)])
    table = pq.read_table(out)
    assert table.schema.field("date").type == pa.date32()
    assert table.schema.field("speaker_count").type == pa.int64()
    assert set(table.column_names) == set(lines[0]) == set(rows[0])


def test_word_search_by_date_matches_the_filtered_path(tmp_path):
    """Searches without type/kind/outlet filters sort through attribution_dates; they
    must give what the general query gives."""
    from saidwho.store.queries import search

    conn = open_store(tmp_path / "s.db")
    rows = []
    for k in range(30):
        art = conn.execute("INSERT INTO articles (hash, doc_id, source, date, text) VALUES"
                           " (?, ?, 'x', ?, 't')", (f"h{k}", f"d{k}", f"2026-0{1 + k % 9}-01"))
        for j, kind in enumerate(("direct", "indirect", "mixed")):
            content = f"harbour talk {k} {'bridge' if (k + j) % 2 else 'road'}"
            row = conn.execute("INSERT INTO attributions (article_id, att_id, kind, content,"
                               " speaker, json) VALUES (?, 'x', ?, ?, ?, '{}')",
                               (art.lastrowid, kind, content, NAMES[k % 6]))
            conn.execute("INSERT INTO attributions_fts (rowid, content, speaker) VALUES"
                         " (?, ?, ?)", (row.lastrowid, content, NAMES[k % 6]))
            conn.execute("INSERT INTO attribution_dates (id, article_id, date) VALUES"
                         " (?, ?, ?)", (row.lastrowid, art.lastrowid, f"2026-0{1 + k % 9}-01"))
            rows.append(row.lastrowid)
    conn.commit()
    for query in ({"words": "bridge"}, {"words": "harbour", "since": "2026-03-01",
                                        "until": "2026-06-30"}, {"speaker": "Ruiz"}):
        fast = search(conn, limit=25, **query)
        general = sorted((r for kind in ("direct", "indirect", "mixed")
                          for r in search(conn, kind=kind, limit=1000, **query)),
                         key=lambda r: (-int(str(r["date"]).replace("-", "")), r["id"]))[:25]
        assert fast == general and len(fast) > 5


def test_memberships_are_stored_with_their_article(tmp_path):
    from saidwho.store.queries import stored_article

    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "appeal.txt").write_text(
        "The appeal was drafted by Chile and Peru and also signed by Ghana. Ana Ruiz said "
        "more states would join.\n", encoding="utf-8")
    db = tmp_path / "s.db"
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "c"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    conn = open_store(db, readonly=True)
    _meta, stored = stored_article(conn, "appeal")
    relations = {m["relation"]: [s["iso3"] for s in m["members"]] for m in stored.memberships}
    assert relations == {"drafted": ["CHL", "PER"], "signed": ["GHA"]}


def _open_and_count(db: str) -> int:
    conn = open_store(db, readonly=True)
    return int(conn.execute("SELECT count(*) FROM attribution_dates").fetchone()[0])


def test_processes_opening_an_old_store_together_upgrade_it_once(tmp_path):
    """Two server workers start on a store of an older schema at the same moment."""
    import multiprocessing

    from saidwho.store.database import MIGRATIONS

    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    conn.executescript(f"BEGIN;\n{MIGRATIONS[0]}\n{MIGRATIONS[1]}\nPRAGMA user_version = 2;"
                       "\nCOMMIT;")
    art = conn.execute("INSERT INTO articles (hash, doc_id, source, date, text) VALUES"
                       " ('h', 'd', 'x', '2026-01-01', 't')").lastrowid
    # enough rows that the upgrade takes a while, so the processes meet inside it
    conn.executemany("INSERT INTO attributions (article_id, att_id, kind, content, json)"
                     " VALUES (?, ?, 'direct', 'c', '{}')",
                     ((art, f"a{k}") for k in range(200_000)))
    conn.commit()
    conn.close()
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        counts = pool.map(_open_and_count, [str(db)] * 8)
    assert counts == [200_000] * 8
    assert open_store(db).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
