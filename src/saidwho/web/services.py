"""What the pages and the JSON API share: the read-only store, analysing a text or an
uploaded file, and reading and comparing uploaded statements.

The web layer calls the library (extraction, store queries, statements); it never reaches
into spaCy objects itself.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import Request, UploadFile
from spacy.language import Language

from ..defaults import ANALYZE_QUEUE, ANALYZE_TIMEOUT
from ..errors import SaidwhoError, TimeLimitExceeded
from ..extract import extract_detected, pipelines_of
from ..io import Failure, file_document
from ..io.decode import HTML_SUFFIXES
from ..io.document import surrogate_problem
from ..language import Pipelines
from ..model import DocumentResult
from ..statements.compare import Comparison
from ..statements.documents import read_statement_bytes
from ..statements.reference import load_group
from ..statements.statement import Statement
from ..statements.worldmap import comparison_layers, map_svg, statement_layers
from ..store import Store
from .pool import AnalysisPool, PoolBusy, PoolTimeout, PoolUnavailable

MAX_UPLOAD = 2_000_000  # bytes, for one request
CACHE_SECONDS = 60
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
GROUPS = {"icc": "ICC States Parties", "eu": "EU member states", "un": "UN member states"}


class WebError(SaidwhoError):
    """An error the server answers with its own status and message (anything else is a
    logged 500)."""

    status = 400
    headers: Mapping[str, str] = {}  # added to the answer (Busy: Retry-After)


class BadRequest(WebError):
    """Input the server cannot use: a bad file, an unknown group, a bad date."""


class NotFound(WebError):
    status = 404


class StoreMissing(WebError):
    """No store to browse (the corpus pages need one)."""

    status = 503


class UploadTooLarge(WebError):
    """An upload or pasted text over the limit."""

    status = 413


class Busy(WebError):
    """Every analysis process busy and the waiting line full: try again later."""

    status = 503

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.headers = {"Retry-After": str(retry_after)}


class AnalysisUnavailable(WebError):
    """No analysis process: the pipeline does not load, or one died."""

    status = 503


class TooSlow(WebError):
    """An analysis over the server's time limit (too large a text for this server)."""

    status = 504


@dataclass(frozen=True)
class WebConfig:
    """The server's settings, fixed when it starts."""

    db: Path | None
    loader: Callable[[], Language]
    max_upload: int = MAX_UPLOAD
    # Host headers the app answers; a server on 127.0.0.1 takes only loopback names, so a
    # web page elsewhere cannot reach it through DNS rebinding
    allowed_hosts: tuple[str, ...] = ("*",)
    # analysis processes (web.pool), each loading the pipeline with ``loader``, which must
    # then be picklable; 0 (an app built in code, the tests) analyses in the server process,
    # one at a time, with no time limit. ``saidwho serve`` starts defaults.ANALYZERS.
    analyzers: int = 0
    analyze_timeout: float = ANALYZE_TIMEOUT  # seconds one analysis may take
    analyze_queue: int = ANALYZE_QUEUE  # requests that may wait for a free process


class StoreReader:
    """The store, read-only: one connection per server thread (opened once, kept for the
    server's life), and store-wide figures cached for a minute."""

    def __init__(self, db: Path | None) -> None:
        self.db = db
        self._local = threading.local()
        self._cache: dict[str, tuple[float, Any]] = {}
        self._cache_lock = threading.Lock()

    def store(self) -> Store:
        if self.db is None or not self.db.exists():
            where = self.db or "--db"
            raise StoreMissing(f"{where}: no store yet. Ingest a corpus first (saidwho "
                               f"ingest FILES --db {where}) or start with saidwho serve "
                               "--sample.")
        store = getattr(self._local, "store", None)
        if store is None:
            store = Store.open(self.db, readonly=True)
            self._local.store = store
        return store  # type: ignore[no-any-return]

    def cached(self, key: str, compute: Callable[[Store], Any]) -> Any:
        """Store-wide figures (counts, top speakers, the outlets) computed at most once a
        minute: on a million attributions each takes a full scan, too slow per page view.
        An ingest running beside the server shows up within the minute."""
        with self._cache_lock:  # one computes, the requests that came meanwhile wait for it
            now = time.monotonic()
            hit = self._cache.get(key)
            if hit is not None and now - hit[0] < CACHE_SECONDS:
                return hit[1]
            value = compute(self.store())
            self._cache[key] = (now, value)
            return value

    def article(self, doc_id: str | None, number: int | None
                ) -> tuple[dict[str, object], DocumentResult]:
        """A stored article by document id or store number."""
        if doc_id is None and number is None:
            raise NotFound("article: give id (a document id) or n (an article number)")
        found = self.store().article(doc_id, number)
        if found is None:
            raise NotFound(f"article {doc_id if number is None else number!r}: not in the "
                           "store")
        return found

    def known_speakers(self, names: list[str]) -> set[str]:
        """Those of ``names`` with a page in the store; none without a store."""
        try:
            return self.store().known_speakers(names)
        except StoreMissing:
            return set()

    def reported_memberships(self, limit: int) -> list[dict[str, object]]:
        """What the stored articles report; nothing without a store (the statements page
        works without one)."""
        try:
            return self.store().reported_memberships(limit)
        except StoreMissing:
            return []


class Analyzer:
    """Extraction for the server. With ``processes``, in that many worker processes
    (``web.pool``: a bounded wait, a time limit, and the server's own process left to
    answer searches); with none, in the server process, the pipeline loaded on first use
    and one extraction at a time (a spaCy pipeline is not meant to be shared between
    threads)."""

    def __init__(self, loader: Callable[[], Language], max_upload: int, processes: int = 0,
                 timeout: float = ANALYZE_TIMEOUT, queue: int = ANALYZE_QUEUE) -> None:
        self.loader = loader
        self.max_upload = max_upload
        self.pool = AnalysisPool(loader, processes, timeout, queue) if processes else None
        self.timeout = timeout
        self._pipelines: Pipelines | None = None  # loaded on first use, in this process
        self._lock = threading.Lock()

    def start(self) -> None:
        if self.pool is not None:
            self.pool.start()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()

    def analyze(self, text: str, doc_id: str = "pasted") -> DocumentResult:
        for what, value in (("id", doc_id), ("text", text)):
            if problem := surrogate_problem(value):
                raise BadRequest(f"the {what} {problem}")
        if not text.strip():
            raise BadRequest(f"{doc_id}: the text is empty")
        size = len(text.encode("utf-8"))
        if size > self.max_upload:
            raise UploadTooLarge(f"{doc_id}: {size:,} bytes is over the limit of "
                                 f"{self.max_upload:,} bytes")
        try:
            result = self._in_process(text, doc_id) if self.pool is None else self._in_pool(
                self.pool, text, doc_id)
        except TimeLimitExceeded as exc:
            raise TooSlow(f"{exc}; it is too large to analyse on this server (split it, "
                          "or use saidwho extract)") from exc
        result.text = text
        return result

    def _in_process(self, text: str, doc_id: str) -> DocumentResult:
        with self._lock:
            if self._pipelines is None:
                self._pipelines = pipelines_of(self.loader)
            return extract_detected(self._pipelines, text, doc_id, self.timeout)

    @staticmethod
    def _in_pool(pool: AnalysisPool, text: str, doc_id: str) -> DocumentResult:
        try:
            return pool.extract(text, doc_id)
        except PoolBusy as exc:
            raise Busy(str(exc), exc.retry_after) from exc
        except PoolTimeout as exc:
            raise TooSlow(str(exc)) from exc
        except PoolUnavailable as exc:
            raise AnalysisUnavailable(str(exc)) from exc


# FastAPI dependencies: what a route needs, from the app built by create_app

def settings(request: Request) -> WebConfig:
    return request.app.state.settings  # type: ignore[no-any-return]


def reader(request: Request) -> StoreReader:
    return request.app.state.reader  # type: ignore[no-any-return]


def analyzer(request: Request) -> Analyzer:
    return request.app.state.analyzer  # type: ignore[no-any-return]


def read_upload(file: UploadFile, limit: int, default_name: str) -> tuple[str, bytes]:
    """An upload's name and bytes, refused when over ``limit`` (read no further)."""
    name = file.filename or default_name
    data = file.file.read(limit + 1)
    if len(data) > limit:
        raise UploadTooLarge(f"{name}: over the limit of {limit:,} bytes")
    return name, data


def uploaded_text(data: bytes, filename: str) -> tuple[str, dict[str, str | None]]:
    """The text (and, for HTML, the metadata) of an uploaded .txt or .html file, read as
    ingest reads files (``io.file_document``)."""
    if Path(filename).suffix.lower() not in (".txt", "", *HTML_SUFFIXES):
        raise BadRequest(f"{filename}: upload a .txt or .html file")
    doc = file_document(data, filename)
    if isinstance(doc, Failure):
        raise BadRequest(str(doc))
    return doc.text, doc.metadata


def sample_statements() -> list[tuple[str, bytes]]:
    folder = resources.files("saidwho") / "samples" / "statements"
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".txt")),
                   key=lambda f: f.name)
    return [(f.name, f.read_bytes()) for f in files]


@dataclass
class StatementsView:
    statements: list[Statement]
    comparison: Comparison | None
    data: dict[str, object]
    layers: list[tuple[str, list[str]]]
    title: str

    @cached_property
    def svg(self) -> bytes:
        """The world map, drawn only for a page that shows it (the API returns data)."""
        return map_svg([(label, set(codes)) for label, codes in self.layers], self.title)


def compare_statements(files: list[tuple[str, bytes]], against: str | None = None,
                       as_of: str | None = None) -> StatementsView:
    """One statement's signatories, or a comparison of several with a world map; ``against``
    a reference group (icc, eu, un). Statements are compared oldest first: by their dates
    when every one has a date, else in the order given."""
    if not files:
        raise BadRequest("statements: upload at least one statement file")
    if against and against not in GROUPS:
        raise BadRequest(f"against {against!r}: choose one of {', '.join(GROUPS)}")
    try:
        on = date.fromisoformat(as_of) if as_of else None
    except ValueError as exc:
        raise BadRequest(f"as of {as_of!r}: not a date (YYYY-MM-DD)") from exc
    group = load_group(against) if against else None
    statements = [read_statement_bytes(data, name) for name, data in files]
    if all(st.date for st in statements):
        statements.sort(key=lambda st: st.date)  # type: ignore[arg-type, return-value]
    if len(statements) == 1:
        st = statements[0]
        members = group.members(on or st.date) if group else None
        layers = statement_layers(st, members, group.key if group else "")
        data = st.to_dict()
        comparison = None
        title = st.title or st.source
    else:
        comparison = Comparison(statements, group, on)
        layers = comparison_layers(comparison)
        data = comparison.to_dict()
        title = " → ".join(s.title or s.source for s in statements)
    return StatementsView(statements, comparison, data,
                          [(label, sorted(codes)) for label, codes in layers], title)
