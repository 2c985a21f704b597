"""Writing to the store: ingest a corpus (extract, then write each document in one
transaction) and record what could not be read.

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

from ..defaults import DOCUMENT_TIME_LIMIT
from ..extract import extract_languages, pipelines_of
from ..io import Document, Failure, iter_documents
from ..language import AUTO, Pipelines
from ..model import DocumentResult
from ..processes import exit_with_parent
from .rows import attribution_row


@dataclass
class IngestSummary:
    documents: int = 0
    attributions: int = 0
    duplicates: int = 0
    errors: int = 0
    unread_dates: int = 0  # documents stored with a date that is not one (kept as written)

    def to_dict(self) -> dict[str, int]:
        return self.__dict__.copy()


def ingest(conn: sqlite3.Connection, nlp: Language | Pipelines | None, paths: list[str],
           progress: Callable[[str], None] | None = None,
           on_error: Callable[[Failure], None] | None = None,
           workers: int = 1, loader: Callable[[str], Language] | None = None,
           fields: dict[str, str] | None = None,
           time_limit: float | None = DOCUMENT_TIME_LIMIT, lang: str = AUTO) -> IngestSummary:
    """Ingest ``paths``, each document read in its language (``language.Pipelines``: a
    pipeline per language; one ``Language`` reads every document). With ``workers`` > 1,
    that many processes extract (each loads the pipeline of a language, with
    ``loader(lang)``, when a document first needs it; ``lang`` is the run's language)
    while this one reads and writes the store. A document seen to need more than
    ``time_limit`` seconds is recorded as an error (see ``extract_many``)."""
    summary = IngestSummary()
    pending: dict[str, Document] = {}  # read, being extracted, not yet written

    def fresh() -> Iterator[tuple[str, str, str | None]]:
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
            if key in pending or has_text(conn, key):
                summary.duplicates += 1
                if progress:
                    progress("duplicate")
                continue
            pending[key] = item
            yield key, item.text, item.lang

    def written(result: DocumentResult) -> None:
        doc = pending.pop(result.id)
        if result.error is not None:
            failure = Failure(doc.source, doc.position, result.error)
            summary.errors += 1
            record_error(conn, failure)
            if on_error:
                on_error(failure)
            return
        if not write_document(conn, doc, result):
            # another ingest into this store wrote the same text meanwhile
            summary.duplicates += 1
            if progress:
                progress("duplicate")
            return
        summary.documents += 1
        summary.unread_dates += bool(doc.date) and doc.iso_date is None
        summary.attributions += len(result.attributions)
        if progress:
            progress("document")

    if workers <= 1:
        assert nlp is not None
        pipelines = nlp if isinstance(nlp, Pipelines) else Pipelines.single(nlp)
        for result in extract_languages(pipelines, fresh(), time_limit=time_limit):
            written(result)
        return summary
    assert loader is not None
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker,
                             initargs=(loader, time_limit, lang)) as pool:
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
_worker_pipelines: Pipelines | None = None
_worker_time_limit: float | None = None


def _init_worker(loader: Callable[[str], Language], time_limit: float | None,
                 lang: str) -> None:
    global _worker_pipelines, _worker_time_limit
    exit_with_parent()  # kill -9 of the ingest gives the pool no chance to stop it
    _worker_pipelines = pipelines_of(loader)
    _worker_pipelines.lang = lang
    _worker_pipelines.get(lang if lang != AUTO else "en")  # before the first document
    _worker_time_limit = time_limit


def _extract_one(item: tuple[str, str, str | None]) -> DocumentResult:
    assert _worker_pipelines is not None
    return next(extract_languages(_worker_pipelines, [item], time_limit=_worker_time_limit))


# the export columns the attributions table holds beside the full JSON
STORED_COLUMNS = ("att_id", "kind", "content", "cue", "source", "speaker", "speaker_type",
                  "speaker_iso3", "speaker_key", "confidence")


def has_text(conn: sqlite3.Connection, key: str) -> bool:
    """Whether a text with this hash (``Document.hash``) is stored."""
    return conn.execute("SELECT 1 FROM articles WHERE hash = ?", (key,)).fetchone() is not None


def write_document(conn: sqlite3.Connection, doc: Document, result: DocumentResult) -> bool:
    """The article and its attributions, in one transaction; False (nothing written) when
    a text with its hash is stored already. Its date is stored in ISO 8601 (``io.dates``),
    with the date as written beside it."""
    day = doc.iso_date
    with conn:
        cur = conn.execute(
            "INSERT OR IGNORE INTO articles (hash, doc_id, source, position, title, url, date,"
            " date_text, outlet, author, text, lang)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc.hash, doc.id, _storable(doc.source), doc.position, doc.title, doc.url, day,
             doc.date, doc.outlet, doc.author, doc.text, result.lang or doc.lang))
        if cur.rowcount == 0:
            return False  # the same text is stored already (by a concurrent ingest)
        article = cur.lastrowid
        for att in result.attributions:
            att.assign_id(doc.id)
            row = attribution_row(att)
            cur = conn.execute(
                f"INSERT INTO attributions (article_id, {', '.join(STORED_COLUMNS)}, json)"
                f" VALUES (?, {', '.join('?' * len(STORED_COLUMNS))}, ?)",
                (article, *(row[c] for c in STORED_COLUMNS), row["attribution"]))
            conn.execute("INSERT INTO attributions_fts (rowid, content, speaker) VALUES (?, ?, ?)",
                         (cur.lastrowid, row["content"], row["speaker"] or ""))
            conn.execute("INSERT INTO attribution_dates (id, article_id, date) VALUES (?, ?, ?)",
                         (cur.lastrowid, article, day))
        conn.executemany("INSERT INTO memberships (article_id, relation, json) VALUES (?, ?, ?)",
                         [(article, m["relation"], json.dumps(m, ensure_ascii=False))
                          for m in result.memberships])
    return True


def record_error(conn: sqlite3.Connection, failure: Failure) -> None:
    with conn:
        conn.execute("INSERT OR IGNORE INTO errors (source, position, reason) VALUES (?, ?, ?)",
                     (_storable(failure.source), failure.position or "",
                      _storable(failure.reason)))


def _storable(text: str) -> str:
    """A path or message as UTF-8 can hold it: a file name that is not UTF-8 reaches
    Python with surrogate escapes, written here as \\udcXX."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")
