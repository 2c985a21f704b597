"""Bytes to text, once for every reader: files, uploads, standard input, statements.

Binary data (NUL bytes near the start) and text that is not UTF-8 are failures with the
place and the offending byte; a UTF-8 byte order mark is dropped and UTF-16 with its byte
order mark is read. Whether bytes hold an HTML page is decided here too.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from .document import Failure

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
# NUL bytes within this many leading bytes make a file binary
BINARY_SNIFF = 8192


def read_path(path: Path) -> bytes | Failure:
    """The bytes of a file, or why they cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return Failure(str(path), None, "no such file")
    except IsADirectoryError:
        return Failure(str(path), None, "is a directory")
    except OSError as exc:
        return Failure(str(path), None, f"cannot read: {exc.strerror or exc}")


def decode(data: bytes, source: str, position: str | None = None) -> str | Failure:
    """The text of ``data``, or why it is not text."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                return Failure(source, position, f"not valid {codec.upper()}: byte "
                               f"{exc.start + len(bom)}")
    if b"\x00" in data[:BINARY_SNIFF]:
        return Failure(source, position, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return Failure(source, position, f"not valid UTF-8: byte 0x{data[exc.start]:02x} "
                       f"at offset {exc.start} (line {line})")


def is_html(name: str, text: str) -> bool:
    """Whether a file called ``name`` holding ``text`` is an HTML page: by its suffix, or
    by a doctype or ``<html>`` at its start."""
    if name.lower().endswith(HTML_SUFFIXES):
        return True
    return text.lstrip()[:15].lower().startswith(("<!doctype html", "<html"))
