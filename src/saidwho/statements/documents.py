"""Reading statement documents: plain text, or HTML reduced to its text with one line per
block (a list of signatories keeps one name per line, which a main-text extractor would
not). Bytes are read and checked by ``io`` as every other input."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from ..errors import InputError
from ..io.decode import decode, is_html, read_path
from ..io.document import Failure, check_text
from .statement import Statement, read_statement

BLOCK_TAGS = frozenset({"p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "table", "h1",
                        "h2", "h3", "h4", "h5", "h6", "section", "article", "header",
                        "footer", "blockquote", "dd", "dt", "hr"})
SKIP_TAGS = frozenset({"script", "style", "noscript", "template"})


def read_statement_file(path: str) -> Statement:
    data = read_path(Path(path))
    if isinstance(data, Failure):
        raise InputError(str(data))
    return read_statement_bytes(data, path)


def read_statement_bytes(data: bytes, name: str) -> Statement:
    """A statement from the bytes of a text or HTML file called ``name`` (for messages and
    the statement's source)."""
    text = decode(data, name)
    if isinstance(text, Failure):
        raise InputError(str(text))
    if failure := check_text(text, name):
        raise InputError(str(failure))
    stem = Path(name).stem
    if is_html(name, text):
        title, text = html_text(text)
        statement = read_statement(text, stem)
        statement.title = title or statement.title
    else:
        statement = read_statement(text, stem)
    if not statement.signatories:
        raise InputError(f"{name}: no list of signatory states found")
    return statement


class _TextParser(HTMLParser):
    """Text of a page, a line break at every block element; scripts and styles dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP_TAGS:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag == "title":
            self._in_title = False
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        (self.title if self._in_title else self.parts).append(data)


def html_text(markup: str) -> tuple[str | None, str]:
    """The page title and its text with one line per block (lists stay one per line)."""
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    title = re.sub(r"\s+", " ", "".join(parser.title)).strip() or None
    lines = [re.sub(r"[ \t\xa0]+", " ", line).strip()
             for line in "".join(parser.parts).splitlines()]
    return title, re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"
