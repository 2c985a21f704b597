"""The store as one object: open it (read-only, or read-write and migrated), read from it,
write to it, close it (or use it as a context manager).

    with Store.open("corpus.db", readonly=True) as store:
        store.search("harbour", since="2026-01-01")

The command line and the web use only this; the SQL lives in ``queries`` (reading) and
``writer`` (writing), the schema and its migrations in ``database``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

from spacy.language import Language

from ..io import Document, Failure
from ..model import DocumentResult
from . import queries, writer
from .database import open_store


class Store:
    def __init__(self, conn: sqlite3.Connection, path: str | Path) -> None:
        self.conn = conn
        self.path = Path(path)

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False) -> Store:
        """The store at ``path``: created and migrated unless ``readonly``. Raises
        ``InputError`` (with the path and the reason) when it is not a saidwho store, is
        missing (read-only) or was made by a newer saidwho."""
        return cls(open_store(path, readonly=readonly), path)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # writing

    def ingest(self, nlp: Language | None, paths: list[str], **options: Any
               ) -> writer.IngestSummary:
        """Extract and store the documents of ``paths`` (see ``writer.ingest``)."""
        return writer.ingest(self.conn, nlp, paths, **options)

    def write(self, doc: Document, result: DocumentResult) -> bool:
        return writer.write_document(self.conn, doc, result)

    def record_error(self, failure: Failure) -> None:
        writer.record_error(self.conn, failure)

    def has(self, text_hash: str) -> bool:
        return writer.has_text(self.conn, text_hash)

    # reading

    def stats(self) -> dict[str, int]:
        return queries.stats(self.conn)

    def search(self, words: str | None = None, **filters: Any) -> list[dict[str, object]]:
        return queries.search(self.conn, words, **filters)

    def speakers(self, top: int = 20) -> dict[str, object]:
        return queries.speakers(self.conn, top)

    def known_speakers(self, names: list[str]) -> set[str]:
        return queries.known_speakers(self.conn, names)

    def speaker_profile(self, name: str, limit: int = 200) -> dict[str, object]:
        return queries.speaker_profile(self.conn, name, limit)

    def outlets(self) -> list[dict[str, object]]:
        return queries.outlets(self.conn)

    def outlet_profile(self, outlet: str, top: int = 20) -> dict[str, object]:
        return queries.outlet_profile(self.conn, outlet, top)

    def article(self, doc_id: str | None = None, number: int | None = None
                ) -> tuple[dict[str, object], DocumentResult] | None:
        return queries.stored_article(self.conn, doc_id, number)

    def reported_memberships(self, limit: int = 200) -> list[dict[str, object]]:
        return queries.reported_memberships(self.conn, limit)

    def export_rows(self) -> Iterator[dict[str, object]]:
        return queries.export_rows(self.conn)

    def export_parquet(self, path: str) -> int:
        return queries.export_parquet(self.conn, path)
