"""Bad lines and bad files are recorded and the run goes on (issue 15): nothing stops an
ingest but the store itself failing, and that is one line, with what was written kept."""

from __future__ import annotations

import gzip
import json
import sqlite3

import pytest
from click.testing import CliRunner

from saidwho.cli import main
from saidwho.io import Document, iter_documents
from saidwho.model import DocumentResult
from saidwho.store.database import open_store
from saidwho.store.writer import write_document

GOOD = "Ana Ruiz said the ferry was late."


def test_every_bad_line_is_a_failure_with_its_place(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join([
        json.dumps({"id": "ok1", "text": GOOD}),
        '{"id": "s1", "text": "Ana said \\ud800 hello."}',
        '{"id": "s2", "title": "\\udc00", "text": "Ben said no."}',
        "[" * 50_000 + "]" * 50_000,
        '{"id": "big", "text": "Cy said no.", "n": ' + "9" * 5000 + "}",
        json.dumps({"id": "ok2", "text": "Di said the vote was close."}),
    ]) + "\n", encoding="utf-8")
    data = gzip.compress((json.dumps({"id": "z", "text": GOOD}) + "\n").encode() * 200)
    (tmp_path / "broken.jsonl.gz").write_bytes(data[: len(data) // 2] + b"garbage" * 20)
    (tmp_path / "after.txt").write_text("Eve said the bridge would open.", encoding="utf-8")
    items = list(iter_documents([str(tmp_path / "feed.jsonl"),
                                 str(tmp_path / "broken.jsonl.gz"),
                                 str(tmp_path / "after.txt")]))
    docs = [i.id for i in items if isinstance(i, Document)]
    failures = {(i.position, i.reason.split(" (")[0]) for i in items
                if not isinstance(i, Document)}
    assert docs[:2] == ["ok1", "ok2"] and docs[-1] == "after"
    assert ("line 2", "field 'text' holds a lone surrogate") in failures
    assert ("line 3", "field 'title' holds a lone surrogate") in failures
    assert ("line 4", "malformed JSON line") in failures
    assert ("line 5", "malformed JSON line") in failures
    assert any(reason.startswith("cannot read the rest") for _, reason in failures)


def test_a_text_stored_meanwhile_is_a_duplicate_not_a_crash(tmp_path):
    conn = open_store(tmp_path / "s.db")
    doc = Document("a", GOOD, "a.txt")
    assert write_document(conn, doc, DocumentResult("a", text=GOOD)) is True
    # a second ingest read the same text before the first wrote it
    assert write_document(conn, doc, DocumentResult("a", text=GOOD)) is False
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    conn.close()


@pytest.mark.model
def test_a_store_that_cannot_be_written_is_one_line_and_keeps_what_was_written(
        tmp_path, monkeypatch):
    from saidwho.store import writer

    for k in range(3):
        (tmp_path / f"d{k}.txt").write_text(f"Ana Ruiz said the ferry {k} was late.",
                                            encoding="utf-8")
    real = writer.write_document
    calls = []

    def fills_up(conn, doc, result):
        calls.append(doc.id)
        if len(calls) == 2:
            raise sqlite3.OperationalError("database or disk is full")
        return real(conn, doc, result)

    monkeypatch.setattr(writer, "write_document", fills_up)
    db = tmp_path / "s.db"
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--db", str(db),
                                       "--engine", "rules"])
    assert result.exit_code == 1
    assert "cannot write the store (database or disk is full)" in result.output
    assert "Traceback" not in result.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1


@pytest.mark.parametrize("compressed", [True, False])
def test_a_truncated_warc_is_reported_not_lost_silently(tmp_path, compressed):
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = ("<html><head><title>Bridge</title></head><body><article><p>"
            + "The mayor said the bridge would open in May. " * 40 + "</p></article></body></html>")
    buf = BytesIO()
    writer = WARCWriter(buf, gzip=compressed)
    for k in range(3):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://herald.example/{k}", "response", payload=BytesIO(page.encode()),
            http_headers=headers))
    data = buf.getvalue()
    path = tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc")
    path.write_bytes(data[: int(len(data) * 0.8)])  # the crawl was cut short
    items = list(iter_documents([str(path)]))
    docs = [i for i in items if isinstance(i, Document)]
    failures = [i for i in items if not isinstance(i, Document)]
    assert len(docs) == 2 and len(failures) == 1
    assert "truncated" in failures[0].reason
