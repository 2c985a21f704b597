"""Reading statement documents: plain text, or HTML reduced to its text with one line per
block (a list of signatories keeps one name per line, which a main-text extractor would
not). Bytes are read and checked by ``io`` as every other input."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from ..errors import InputError
from ..io.decode import decode, is_html, read_path
from ..io.document import Failure, check_text
from .statement import Statement, read_statement

BLOCK_TAGS = frozenset({"p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "table", "h1",
                        "h2", "h3", "h4", "h5", "h6", "section", "article", "header",
                        "footer", "blockquote", "dd", "dt", "hr"})
SKIP_TAGS = frozenset({"script", "style", "noscript", "template"})
VOID_TAGS = frozenset({"br", "hr"})  # one line break: they have no end tag
_PARSER = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)


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


def html_text(markup: str) -> tuple[str | None, str]:
    """The page title and its text with one line per block (lists stay one per line).

    Read with lxml (libxml2's parser, linear on any markup; Python's html.parser is
    quadratic on some malformed markup, CVE-2025-6069)."""
    parts: list[str] = []
    title: list[str] = []
    skip = 0
    in_title = False
    try:
        root = lxml_html.document_fromstring(markup.encode("utf-8"), parser=_PARSER)
    except (etree.ParserError, ValueError):  # nothing that parses as a document
        return None, "\n"
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in SKIP_TAGS or not tag:  # comments and processing instructions too
                skip += 1
            elif tag == "title":
                in_title = True
            elif tag in BLOCK_TAGS:
                parts.append("\n")
            if not skip and el.text:
                (title if in_title else parts).append(el.text)
            continue
        if tag in SKIP_TAGS or not tag:
            skip -= 1
        elif tag == "title":
            in_title = False
        elif tag in BLOCK_TAGS and tag not in VOID_TAGS:
            parts.append("\n")
        if not skip and el.tail:
            (title if in_title else parts).append(el.tail)
    name = re.sub(r"\s+", " ", "".join(title)).strip() or None
    lines = [re.sub(r"[ \t\xa0]+", " ", line).strip() for line in "".join(parts).splitlines()]
    return name, re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"
