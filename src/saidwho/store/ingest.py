"""Ingesting a corpus into the store: extract, then write each document in one transaction.

A document is skipped when a text with the same hash is already stored, so a rerun after a
crash (or of the same corpus) continues where it stopped and adds nothing twice. Each
article and its attributions are committed together: a killed run leaves no half-written
document.
"""

from __future__ import annotations

import itertools
import json
import multiprocessing
import sqlite3
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass

from spacy.language import Language

from ..extract import extract_many, extract_text
from ..io import Document, Failure, iter_documents
from ..model import DocumentResult
from ..processes import exit_with_parent


@dataclass
class IngestSummary:
    documents: int = 0
    attributions: int = 0
    duplicates: int = 0
    errors: int = 0

    def to_dict(self) -> dict[str, int]:
        return self.__dict__.copy()


def ingest(conn: sqlite3.Connection, nlp: Language | None, paths: list[str],
           progress: Callable[[str], None] | None = None,
           on_error: Callable[[Failure], None] | None = None,
           workers: int = 1, loader: Callable[[], Language] | None = None,
           fields: dict[str, str] | None = None) -> IngestSummary:
    """Ingest ``paths``. With ``workers`` > 1, that many processes extract (each loads
    its pipeline once with ``loader``) while this one reads and writes the store."""
    summary = IngestSummary()
    pending: dict[str, Document] = {}  # read, being extracted, not yet written

    def fresh() -> Iterator[tuple[str, str]]:
        for item in iter_documents(paths, fields):
            if isinstance(item, Document) and not item.text.strip():
                item = Failure(item.source, item.position, "empty text")
            if isinstance(item, Failure):
                summary.errors += 1
                record_error(conn, item)
                if on_error:
                    on_error(item)
                continue
            key = item.hash
            if key in pending or _stored(conn, key):
                summary.duplicates += 1
                if progress:
                    progress("duplicate")
                continue
            pending[key] = item
            yield key, item.text

    def written(result: DocumentResult) -> None:
        doc = pending.pop(result.id)
        write_document(conn, doc, result)
        summary.documents += 1
        summary.attributions += len(result.attributions)
        if progress:
            progress("document")

    if workers <= 1:
        assert nlp is not None
        for result in extract_many(nlp, fresh()):
            written(result)
        return summary
    assert loader is not None
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker,
                             initargs=(loader,)) as pool:
        # a sliding window of documents in flight keeps memory flat on any corpus size, and
        # a new document goes out as soon as one comes back, so no worker waits for the
        # slowest of a batch
        stream = fresh()
        running = {pool.submit(_extract_one, item)
                   for item in itertools.islice(stream, WINDOW_PER_WORKER * workers)}
        while running:
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                written(future.result())
            running |= {pool.submit(_extract_one, item)
                        for item in itertools.islice(stream, len(done))}
    return summary


WINDOW_PER_WORKER = 8
_worker_nlp: Language | None = None


def _init_worker(loader: Callable[[], Language]) -> None:
    global _worker_nlp
    exit_with_parent()  # kill -9 of the ingest gives the pool no chance to stop it
    _worker_nlp = loader()


def _extract_one(item: tuple[str, str]) -> DocumentResult:
    assert _worker_nlp is not None
    return extract_text(_worker_nlp, item[1], item[0])


def _stored(conn: sqlite3.Connection, key: str) -> bool:
    return conn.execute("SELECT 1 FROM articles WHERE hash = ?", (key,)).fetchone() is not None


def write_document(conn: sqlite3.Connection, doc: Document, result: DocumentResult
                   ) -> None:
    """The article and its attributions, in one transaction."""
    with conn:
        cur = conn.execute(
            "INSERT INTO articles (hash, doc_id, source, position, title, url, date, outlet,"
            " author, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc.hash, doc.id, doc.source, doc.position, doc.title, doc.url, doc.date,
             doc.outlet, doc.author, doc.text))
        article = cur.lastrowid
        for att in result.attributions:
            att.assign_id(doc.id)
            sp = att.speaker
            content = " … ".join(s.text for s in att.content)
            row = conn.execute(
                "INSERT INTO attributions (article_id, att_id, kind, content, cue, source,"
                " speaker, speaker_type, speaker_iso3, speaker_key, confidence, json)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (article, att.id, att.kind, content, " ".join(s.text for s in att.cue),
                 " ".join(s.text for s in att.source), sp.name if sp else None,
                 sp.type if sp else None, sp.iso3 if sp else None, sp.key if sp else None,
                 att.confidence, json.dumps(att.to_dict(), ensure_ascii=False)))
            conn.execute("INSERT INTO attributions_fts (rowid, content, speaker) VALUES (?, ?, ?)",
                         (row.lastrowid, content, sp.name if sp else ""))
            conn.execute("INSERT INTO attribution_dates (id, article_id, date) VALUES (?, ?, ?)",
                         (row.lastrowid, article, doc.date))
        conn.executemany("INSERT INTO memberships (article_id, relation, json) VALUES (?, ?, ?)",
                         [(article, m["relation"], json.dumps(m, ensure_ascii=False))
                          for m in result.memberships])


def record_error(conn: sqlite3.Connection, failure: Failure) -> None:
    with conn:
        conn.execute("INSERT OR IGNORE INTO errors (source, position, reason) VALUES (?, ?, ?)",
                     (failure.source, failure.position or "", failure.reason))


def stats(conn: sqlite3.Connection) -> dict[str, int]:
    def count(sql: str) -> int:
        return int(conn.execute(sql).fetchone()[0])

    return {
        "articles": count("SELECT count(*) FROM articles"),
        "attributions": count("SELECT count(*) FROM attributions"),
        "speakers": count("SELECT count(DISTINCT speaker_key) FROM attributions"
                          " WHERE speaker_key IS NOT NULL"),
        "errors": count("SELECT count(*) FROM errors"),
    }


SEARCH_COLUMNS = ("id", "kind", "speaker", "speaker_type", "speaker_iso3", "cue", "content",
                  "confidence", "article", "doc_id", "title", "date", "outlet", "url")
SELECT_ROWS = ("SELECT a.id, a.kind, a.speaker, a.speaker_type, a.speaker_iso3, a.cue,"
               " a.content, a.confidence, r.id, r.doc_id, r.title, r.date, r.outlet, r.url")


def search(conn: sqlite3.Connection, words: str | None = None, *, speaker: str | None = None,
           speaker_type: str | None = None, kind: str | None = None, outlet: str | None = None,
           since: str | None = None, until: str | None = None, limit: int = 20
           ) -> list[dict[str, object]]:
    """Attributions whose content or speaker match ``words`` (FTS5 syntax), newest first,
    filtered by speaker name (its words, in order), speaker type, kind, outlet and date."""
    match = []
    if words:
        match.append(f"({words})")
    if speaker:
        # the speaker's words in sequence, through the full-text index ("Ruiz" finds
        # "Ana Ruiz"): a LIKE '%...%' would scan the whole table
        phrase = " ".join(speaker.split()).replace('"', '""')
        match.append(f'speaker : "{phrase}"')
    dates = [(clause, value) for clause, value in (("date >= ?", since), ("date <= ?", until))
             if value]
    if match and not (speaker_type or kind or outlet):
        # the matches' dates come from the narrow attribution_dates table; only the newest
        # ``limit`` are read from the wide tables
        where = " AND ".join(["attributions_fts MATCH ?", *(f"d.{c}" for c, _ in dates)])
        sql = (f"{SELECT_ROWS} FROM (SELECT d.id, d.article_id FROM attributions_fts f"
               f" JOIN attribution_dates d ON d.id = f.rowid WHERE {where}"
               " ORDER BY d.date DESC, d.id LIMIT ?) t JOIN attributions a ON a.id = t.id"
               " JOIN articles r ON r.id = t.article_id ORDER BY r.date DESC, a.id")
        args = [" AND ".join(match), *(v for _, v in dates), limit]
    else:
        joins, conditions, args = "", [], []
        if match:
            joins = " JOIN attributions_fts f ON f.rowid = a.id"
            conditions.append("attributions_fts MATCH ?")
            args.append(" AND ".join(match))
        for clause, value in (("a.speaker_type = ?", speaker_type), ("a.kind = ?", kind),
                              ("r.outlet = ?", outlet), *((f"r.{c}", v) for c, v in dates)):
            if value:
                conditions.append(clause)
                args.append(value)
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        sql = (f"{SELECT_ROWS} FROM attributions a JOIN articles r ON r.id = a.article_id"
               f"{joins}{where} ORDER BY r.date DESC, a.id LIMIT ?")
        args.append(limit)
    return [dict(zip(SEARCH_COLUMNS, row, strict=True)) for row in conn.execute(sql, args)]


def speakers(conn: sqlite3.Connection, top: int = 20) -> dict[str, object]:
    """Who is quoted most, and the share of attributions to anonymous sources."""
    total = int(conn.execute("SELECT count(*) FROM attributions").fetchone()[0])
    anonymous = int(conn.execute("SELECT count(*) FROM attributions"
                                 " WHERE speaker_type = 'anonymous'").fetchone()[0])
    # one row per identity (speaker_key), named by its longest name as written ("Ana
    # Ruiz" over "Ruiz"); all from one covering index
    rows = conn.execute(
        "SELECT speaker_key, count(*) AS n, count(DISTINCT article_id), speaker,"
        " max(length(speaker)) FROM attributions WHERE speaker_key IS NOT NULL"
        " GROUP BY speaker_key ORDER BY n DESC, speaker_key LIMIT ?", (top,))
    return {
        "attributions": total,
        "anonymous_share": round(anonymous / total, 4) if total else 0.0,
        "speakers": [{"speaker": s, "type": key.split(":", 1)[0], "key": key,
                      "attributions": n, "articles": a} for key, n, a, s, _ in rows],
    }


EXPORT_COLUMNS = ("att_id", "kind", "speaker", "speaker_type", "speaker_iso3", "speaker_key",
                  "source", "cue", "content", "confidence", "doc_id", "title", "url", "date",
                  "outlet", "author", "attribution_json")


def export_rows(conn: sqlite3.Connection) -> Iterator[dict[str, object]]:
    """Every attribution joined with its article's metadata, streamed."""
    cur = conn.execute(
        "SELECT a.att_id, a.kind, a.speaker, a.speaker_type, a.speaker_iso3, a.speaker_key,"
        " a.source, a.cue,"
        " a.content, a.confidence, r.doc_id, r.title, r.url, r.date, r.outlet, r.author, a.json"
        " FROM attributions a JOIN articles r ON r.id = a.article_id ORDER BY a.id")
    for row in cur:
        yield dict(zip(EXPORT_COLUMNS, row, strict=True))


PARQUET_BATCH = 10_000


def export_parquet(conn: sqlite3.Connection, path: str) -> int:
    """Every attribution with its article's metadata, as Parquet (pyarrow), written in
    batches so memory stays flat. Returns the number of rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"confidence": pa.float64()}
    schema = pa.schema([(c, types.get(c, pa.string())) for c in EXPORT_COLUMNS])
    rows = 0
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[dict[str, object]] = []
        for row in export_rows(conn):
            batch.append(row)
            if len(batch) == PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                rows += len(batch)
                batch = []
        if batch or not rows:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            rows += len(batch)
    return rows
