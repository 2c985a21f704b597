"""Reading input documents: files, directories and standard input.

Every input yields either a text or a one-line reason why it cannot be read; a bad file
never stops the others.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .corpus import SUFFIXES, CorpusFailure, iter_corpus

TEXT_SUFFIXES = (".txt", ".text", ".md")
BINARY_SNIFF = 8192


@dataclass
class InputText:
    id: str
    path: str
    text: str


@dataclass
class InputFailure:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def iter_inputs(paths: list[str]) -> Iterator[InputText | InputFailure]:
    """Texts of the given files, directories (their text files, recursively) and ``-``.
    HTML pages, JSON Lines and WARC crawls are read as ``ingest`` reads them (``corpus``):
    the main text of a page, the ``text`` field of each line."""
    for raw in paths:
        if raw == "-":
            yield _decode(sys.stdin.buffer.read(), "<stdin>", "stdin")
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file()
                           and p.suffix.lower() in TEXT_SUFFIXES)
            if not files:
                kinds = ", ".join(TEXT_SUFFIXES)
                yield InputFailure(raw, f"directory holds no text files ({kinds})")
            for f in files:
                yield read_file(f)
        elif path.is_file() and _documents_file(path):
            yield from _documents(path)
        else:
            yield read_file(path)


def _documents_file(path: Path) -> bool:
    """Whether a file holds documents with markup or fields (not plain text)."""
    name = path.name.lower()
    return any(name.endswith(s) for s in SUFFIXES if s not in (".txt",))


def _documents(path: Path) -> Iterator[InputText | InputFailure]:
    """The documents of an HTML, JSON Lines or WARC file, by the corpus reader."""
    for item in iter_corpus([str(path)]):
        where = f"{item.source}:{item.position}" if item.position else item.source
        if isinstance(item, CorpusFailure):
            yield InputFailure(where, item.reason)
        else:
            yield InputText(item.doc_id, where, item.text)


def read_file(path: Path) -> InputText | InputFailure:
    """One file's text, or why it cannot be read."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return InputFailure(str(path), "no such file")
    except IsADirectoryError:
        return InputFailure(str(path), "is a directory")
    except OSError as exc:
        return InputFailure(str(path), f"cannot read: {exc.strerror or exc}")
    return _decode(data, str(path), path.stem)


def _decode(data: bytes, where: str, doc_id: str) -> InputText | InputFailure:
    if b"\x00" in data[:BINARY_SNIFF]:
        return InputFailure(where, "binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return InputFailure(
            where, f"not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} "
            f"(line {line})"
        )
    return InputText(doc_id, where, text)
