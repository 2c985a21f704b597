"""Documents of a corpus, streamed from files: ``.txt``, ``.html``/``.htm`` (main text and
metadata by trafilatura), ``.jsonl`` and ``.jsonl.gz``, and ``.warc``/``.warc.gz`` crawls
(warcio; HTML responses only).

Every document comes with where it came from (file and line); what cannot be read comes
as a ``CorpusFailure`` with the same and a reason, and the stream goes on.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".jsonl.gz", ".warc", ".warc.gz")
HTML_SUFFIXES = (".html", ".htm")
MAX_CHARS = 5_000_000
JSONL_FIELDS = ("id", "text", "title", "url", "date", "outlet")


@dataclass
class CorpusDocument:
    doc_id: str
    text: str
    source: str
    position: str | None = None
    meta: dict[str, str | None] = field(default_factory=dict)

    @property
    def hash(self) -> str:
        return text_hash(self.text)


@dataclass
class CorpusFailure:
    source: str
    position: str | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.position}" if self.position else self.source
        return f"{where}: {self.reason}"


def text_hash(text: str) -> str:
    """Hash of the text with case and runs of whitespace normalised (duplicates)."""
    normal = re.sub(r"\s+", " ", text).strip().casefold()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def iter_corpus(paths: list[str], fields: dict[str, str] | None = None
                ) -> Iterator[CorpusDocument | CorpusFailure]:
    """Documents of the files and folders in ``paths``. ``fields`` maps saidwho's JSON
    Lines fields (id, text, title, url, date, outlet) to the names a feed uses."""
    mapping = {f: f for f in JSONL_FIELDS} | (fields or {})
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = _files(path)
            if not files:
                yield CorpusFailure(raw, None, "directory holds no .txt, .html or .jsonl files")
            for file in files:
                yield from _read(file, mapping)
        elif path.is_file():
            if _supported(path):
                yield from _read(path, mapping)
            else:
                yield CorpusFailure(raw, None, "unsupported file type (use .txt, .html, "
                                    ".jsonl, .jsonl.gz, .warc or .warc.gz)")
        else:
            yield CorpusFailure(raw, None, "no such file or directory")


def count_documents(paths: list[str]) -> int | None:
    """How many items ``iter_corpus`` will yield for ``paths`` (documents and failures),
    counted without parsing so a progress bar can show an ETA; None when a WARC crawl is
    among them (its HTML responses are only known by reading the records)."""
    total = 0
    for raw in paths:
        path = Path(raw)
        files = _files(path) if path.is_dir() else [path]
        if not files or not all(f.is_file() and _supported(f) for f in files):
            total += 1  # an empty folder, a missing or unsupported file: one failure
            continue
        for file in files:
            if file.name.endswith((".warc", ".warc.gz")):
                return None
            total += _count_lines(file) if file.name.endswith((".jsonl", ".jsonl.gz")) else 1
    return total


def _count_lines(path: Path) -> int:
    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rb") as fh:  # type: ignore[operator]
            return sum(1 for raw in fh if raw.strip())
    except (OSError, EOFError):
        return 1


def _files(folder: Path) -> list[Path]:
    """The files of a folder saidwho reads, recursively, in a stable order."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and _supported(p))


def _supported(path: Path) -> bool:
    return path.name.endswith(SUFFIXES)


def _read(path: Path, mapping: dict[str, str]) -> Iterator[CorpusDocument | CorpusFailure]:
    if path.name.endswith((".jsonl", ".jsonl.gz")):
        yield from _read_jsonl(path, mapping)
        return
    if path.name.endswith((".warc", ".warc.gz")):
        yield from _read_warc(path)
        return
    yield file_document(path.read_bytes(), str(path))


def file_document(data: bytes, source: str) -> CorpusDocument | CorpusFailure:
    """The document in the bytes of one .txt or .html file called ``source`` (a path or an
    upload's name): HTML reduced to its main text and metadata."""
    name = Path(source)
    if b"\x00" in data[:4096]:
        return CorpusFailure(source, None, "binary file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return CorpusFailure(source, None, f"not valid UTF-8 (byte {exc.start})")
    if name.name.lower().endswith(HTML_SUFFIXES):
        return html_document(text, name.stem, source)
    return _check(text, source, None) or CorpusDocument(name.stem, text, source)


def html_document(markup: str, doc_id: str, source: str, position: str | None = None
                  ) -> CorpusDocument | CorpusFailure:
    """The main text and metadata (title, date, author, site) of an HTML page."""
    import trafilatura

    if "<" not in markup[:2048]:
        return CorpusFailure(source, position, "not HTML")
    try:
        found = trafilatura.bare_extraction(markup, with_metadata=True)
    except Exception as exc:  # noqa: BLE001 - trafilatura raises many kinds on bad markup
        return CorpusFailure(source, position, f"unreadable HTML ({type(exc).__name__})")
    if found is None:
        data: dict = {}
    else:
        data = found.as_dict() if hasattr(found, "as_dict") else dict(found)
    text = data.get("text") or ""
    failure = _check(text, source, position)
    if failure:
        return CorpusFailure(source, position, "no main text in the HTML")
    meta = {"title": data.get("title"), "url": data.get("url"), "date": data.get("date"),
            "outlet": data.get("sitename"), "author": data.get("author")}
    return CorpusDocument(doc_id, text, source, position, meta)


def _check(text: str, source: str, position: str | None) -> CorpusFailure | None:
    if not text.strip():
        return CorpusFailure(source, position, "empty text")
    if len(text) > MAX_CHARS:
        return CorpusFailure(source, position, f"too large ({len(text)} characters)")
    return None


def _read_jsonl(path: Path, mapping: dict[str, str]
                ) -> Iterator[CorpusDocument | CorpusFailure]:
    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rb") as fh:  # type: ignore[operator]
            for lineno, raw in enumerate(fh, 1):
                if not raw.strip():
                    continue
                pos = f"line {lineno}"
                try:
                    row = json.loads(raw.decode("utf-8"))
                except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                    yield CorpusFailure(str(path), pos, f"malformed JSON line ({exc})")
                    continue
                key = mapping["text"]
                if not isinstance(row, dict) or not isinstance(row.get(key), str):
                    yield CorpusFailure(str(path), pos, f"no {key!r} string")
                    continue
                text = row[key]
                failure = _check(text, str(path), pos)
                if failure:
                    yield failure
                    continue
                doc_id = str(row.get(mapping["id"]) or f"{path.stem}:{lineno}")
                meta = {k: (str(row[mapping[k]]) if row.get(mapping[k]) is not None else None)
                        for k in JSONL_FIELDS[2:]}
                yield CorpusDocument(doc_id, text, str(path), pos, meta)
    except (OSError, EOFError) as exc:
        yield CorpusFailure(str(path), None, f"cannot read ({exc})")


def _read_warc(path: Path) -> Iterator[CorpusDocument | CorpusFailure]:
    """HTML responses of a WARC file; other records are passed over."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        opener = gzip.open if path.name.endswith(".gz") else open
        with opener(path, "rb") as head:  # type: ignore[operator]
            magic = head.read(5)
    except (OSError, EOFError) as exc:
        yield CorpusFailure(str(path), None, f"not a readable WARC file ({exc})")
        return
    if magic != b"WARC/":
        yield CorpusFailure(str(path), None, "not a readable WARC file (no WARC header)")
        return
    try:
        with path.open("rb") as fh:
            for k, record in enumerate(ArchiveIterator(fh), 1):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                ctype = record.http_headers.get_header("Content-Type") or ""
                if "html" not in ctype.lower():
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                pos = f"record {k}"
                body = record.content_stream().read()
                charset = "utf-8"
                if "charset=" in ctype:
                    charset = ctype.split("charset=", 1)[1].split(";")[0].strip() or charset
                try:
                    markup = body.decode(charset, errors="replace")
                except LookupError:
                    markup = body.decode("utf-8", errors="replace")
                doc = html_document(markup, url or f"{path.stem}:{k}", str(path), pos)
                if isinstance(doc, CorpusDocument) and url:
                    doc.meta["url"] = doc.meta.get("url") or url
                yield doc
    except (ArchiveLoadFailed, OSError, EOFError) as exc:
        yield CorpusFailure(str(path), None, f"not a readable WARC file ({exc})")
