"""Documents streamed from what a user points saidwho at: files, folders and ``-``
(standard input). ``.txt`` (and any other text file named on the command line),
``.html``/``.htm`` (main text and metadata by trafilatura), ``.jsonl`` and ``.jsonl.gz``
(one document per line, by field), and ``.warc``/``.warc.gz`` crawls (warcio; HTML
responses only).

Every document comes with where it came from (file and line or record); what cannot be
read comes as a ``Failure`` with the same and a reason, and the stream goes on.
"""

from __future__ import annotations

import gzip
import json
import sys
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from .decode import HTML_SUFFIXES, decode, is_html, read_path
from .document import Document, Failure, check_text

TEXT_SUFFIXES = (".txt", ".text", ".md")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
# what a folder is searched for
SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES, *JSONL_SUFFIXES, *WARC_SUFFIXES)
STDIN = "-"

Item = Document | Failure


def iter_documents(paths: list[str], fields: Mapping[str, str] | None = None
                   ) -> Iterator[Item]:
    """Documents of the files and folders in ``paths`` (``-`` reads standard input).
    ``fields`` maps saidwho's JSON Lines fields (id, text, title, url, date, outlet,
    author) to the names a feed uses."""
    for raw in paths:
        if raw == STDIN:
            yield _text_document(sys.stdin.buffer.read(), "<stdin>", "stdin")
            continue
        path = Path(raw)
        if path.is_dir():
            files = _files(path)
            if not files:
                yield Failure(raw, None, "directory holds no text files "
                              f"({', '.join(SUFFIXES)})")
            for file in files:
                yield from _guarded(file, fields)
        else:
            yield from _guarded(path, fields)


def _guarded(path: Path, fields: Mapping[str, str] | None) -> Iterator[Item]:
    """The items of one file; a fault no reader foresaw ends that file with a failure
    (what was read stays read) and the other inputs go on."""
    try:
        yield from _read(path, fields)
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the run
        yield Failure(str(path), None, f"cannot read ({type(exc).__name__}: {exc})"[:300])


def count_documents(paths: list[str]) -> int | None:
    """How many items ``iter_documents`` will yield for ``paths`` (documents and
    failures), counted without parsing so a progress bar can show an ETA; None when a WARC
    crawl or standard input is among them (known only by reading them)."""
    total = 0
    for raw in paths:
        if raw == STDIN:
            return None
        path = Path(raw)
        files = _files(path) if path.is_dir() else [path]
        if not files:
            total += 1  # an empty folder: one failure
        for file in files:
            if file.name.endswith(WARC_SUFFIXES):
                return None
            total += _count_lines(file) if file.name.endswith(JSONL_SUFFIXES) else 1
    return total


def _count_lines(path: Path) -> int:
    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rb") as fh:  # type: ignore[operator]
            return sum(1 for raw in fh if raw.strip())
    except (OSError, EOFError, zlib.error):
        return 1


def _files(folder: Path) -> list[Path]:
    """The files of a folder saidwho reads, recursively, in a stable order."""
    return sorted(p for p in folder.rglob("*") if p.is_file()
                  and p.name.lower().endswith(SUFFIXES))


def _read(path: Path, fields: Mapping[str, str] | None) -> Iterator[Item]:
    if path.name.endswith(JSONL_SUFFIXES):
        yield from _read_jsonl(path, fields)
    elif path.name.endswith(WARC_SUFFIXES):
        yield from _read_warc(path)
    else:
        data = read_path(path)
        yield data if isinstance(data, Failure) else file_document(data, str(path))


def file_document(data: bytes, source: str) -> Item:
    """The document in the bytes of one text or HTML file called ``source`` (a path or an
    upload's name): HTML reduced to its main text and metadata."""
    return _text_document(data, source, Path(source).stem)


def _text_document(data: bytes, source: str, doc_id: str) -> Item:
    text = decode(data, source)
    if isinstance(text, Failure):
        return text
    if is_html(source, text):
        return html_document(text, doc_id, source)
    return check_text(text, source) or Document(doc_id, text, source)


def html_document(markup: str, doc_id: str, source: str, position: str | None = None
                  ) -> Item:
    """The main text and metadata (title, date, author, site) of an HTML page."""
    import trafilatura

    if "<" not in markup[:2048]:
        return Failure(source, position, "not HTML")
    try:
        found = trafilatura.bare_extraction(markup, with_metadata=True)
    except Exception as exc:  # noqa: BLE001 - trafilatura raises many kinds on bad markup
        return Failure(source, position, f"unreadable HTML ({type(exc).__name__})")
    if found is None:
        data: dict = {}
    else:
        data = found.as_dict() if hasattr(found, "as_dict") else dict(found)
    text = data.get("text") or ""
    if not text.strip():
        return Failure(source, position, "no main text in the HTML")
    failure = check_text(text, source, position)
    if failure:
        return failure
    return Document(doc_id, text, source, position, title=data.get("title"),
                    url=data.get("url"), date=data.get("date"),
                    outlet=data.get("sitename"), author=data.get("author"))


def _read_jsonl(path: Path, fields: Mapping[str, str] | None) -> Iterator[Item]:
    opener = gzip.open if path.name.endswith(".gz") else open
    lineno = 0
    try:
        with opener(path, "rb") as fh:  # type: ignore[operator]
            for lineno, raw in enumerate(fh, 1):
                if not raw.strip():
                    continue
                pos = f"line {lineno}"
                try:
                    row = json.loads(raw.decode("utf-8"))
                except RecursionError:
                    yield Failure(str(path), pos, "malformed JSON line (nested too deeply)")
                    continue
                except ValueError as exc:  # not UTF-8, not JSON, a number too long
                    yield Failure(str(path), pos, f"malformed JSON line ({exc})"[:300])
                    continue
                if not isinstance(row, dict):
                    row = {}
                yield Document.from_record(row, source=str(path), position=pos,
                                           fallback_id=f"{path.stem}:{lineno}",
                                           fields=fields)
    except (OSError, EOFError, zlib.error) as exc:  # a damaged or truncated archive
        where = f"after line {lineno}" if lineno else None
        yield Failure(str(path), where, f"cannot read the rest ({exc})")


def _read_warc(path: Path) -> Iterator[Item]:
    """HTML responses of a WARC file; other records are passed over."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        opener = gzip.open if path.name.endswith(".gz") else open
        with opener(path, "rb") as head:  # type: ignore[operator]
            magic = head.read(5)
    except (OSError, EOFError) as exc:
        yield Failure(str(path), None, f"not a readable WARC file ({exc})")
        return
    if magic != b"WARC/":
        yield Failure(str(path), None, "not a readable WARC file (no WARC header)")
        return
    try:
        with path.open("rb") as fh:
            records = ArchiveIterator(fh)
            # warcio writes its own multi-line warning to stderr when a record is not
            # followed by a blank line; a short record is reported here instead
            records.INC_RECORD = ""
            compressed = path.name.endswith(".gz")
            end = k = 0
            for k, record in enumerate(records, 1):
                if record.rec_type != "response" or record.http_headers is None:
                    end = _record_end(records, record)
                    continue
                ctype = record.http_headers.get_header("Content-Type") or ""
                if "html" not in ctype.lower():
                    end = _record_end(records, record)
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                pos = f"record {k}"
                body = record.content_stream().read()
                end = _record_end(records, record)
                # an uncompressed record shorter than its header says (a .warc.gz cut
                # short loses whole records: the check after the loop finds those)
                declared = record.rec_headers.get_header("Content-Length") or ""
                if not compressed and declared.isdecimal() and (
                        records.get_record_length() < int(declared)):
                    yield Failure(str(path), pos, "truncated WARC record")
                    continue
                charset = "utf-8"
                if "charset=" in ctype:
                    charset = ctype.split("charset=", 1)[1].split(";")[0].strip() or charset
                try:
                    markup = body.decode(charset, errors="replace")
                except (LookupError, UnicodeError):  # an unknown or unfit charset
                    markup = body.decode("utf-8", errors="replace")
                doc = html_document(markup, url or f"{path.stem}:{k}", str(path), pos)
                if isinstance(doc, Document) and url:
                    doc.url = doc.url or url
                yield doc
        if end < path.stat().st_size:  # the rest could not be read as records
            yield Failure(str(path), f"after record {k}" if k else None,
                          "truncated or damaged WARC file: the rest is not read")
    except (ArchiveLoadFailed, OSError, EOFError) as exc:
        yield Failure(str(path), None, f"not a readable WARC file ({exc})")


def _record_end(records: Any, record: Any) -> int:
    """Where a record ends in the file (in compressed bytes for .warc.gz)."""
    records.read_to_end(record)
    return int(records.get_record_offset() + records.get_record_length())
