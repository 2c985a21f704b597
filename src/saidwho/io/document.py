"""The one document type every reader yields, and the one failure type.

A ``Document`` is a text with what is known about it: where it came from (``source``, a
path or an upload's name, and ``position`` inside it: a line of a JSON Lines file, a
record of a WARC crawl) and its metadata. A ``Failure`` is an input that could not be read,
with the same place and a one-line reason; readers yield it and go on.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from ..language import CHOICES as LANGUAGE_CHOICES
from ..language import primary
from .dates import normalise_date

METADATA = ("title", "url", "date", "outlet", "author")
# saidwho's field names in JSON Lines and Spark rows; a feed may map its own onto them
FIELDS = ("id", "text", "lang", *METADATA)


@dataclass
class Document:
    id: str
    text: str
    source: str
    position: str | None = None
    title: str | None = None
    url: str | None = None
    date: str | None = None
    outlet: str | None = None
    author: str | None = None
    # the language the record says it is in ("en", "fr"); None: the run's, or detected
    lang: str | None = None

    @property
    def where(self) -> str:
        """The file (and line or record) it came from, as messages name it."""
        return f"{self.source}:{self.position}" if self.position else self.source

    @property
    def hash(self) -> str:
        return text_hash(self.text)

    @property
    def metadata(self) -> dict[str, str | None]:
        return {name: getattr(self, name) for name in METADATA}

    @cached_property
    def iso_date(self) -> str | None:
        """Its date in ISO 8601 (``io.dates``), None when it has none or it is not one."""
        return normalise_date(self.date)

    def article_fields(self) -> dict[str, str | None]:
        """Its id and metadata as the export's article columns: the date in ISO 8601
        where it is one, else as written."""
        return {"doc_id": self.id, **self.metadata, "date": self.iso_date or self.date,
                "lang": self.lang}

    @classmethod
    def from_record(cls, record: Mapping[str, object], *, source: str,
                    position: str | None = None, fallback_id: str = "",
                    fields: Mapping[str, str] | None = None) -> Document | Failure:
        """A document from a JSON object or a table row with a ``text`` string (field names
        mapped by ``fields``); its id, else ``fallback_id``."""
        names = {f: f for f in FIELDS} | dict(fields or {})
        text = record.get(names["text"])
        if not isinstance(text, str):
            return Failure(source, position, f"no {names['text']!r} string")
        for name in FIELDS:
            value = record.get(names[name])
            if isinstance(value, str) and (problem := surrogate_problem(value)):
                return Failure(source, position, f"field {names[name]!r} {problem}")
        failure = check_text(text, source, position)
        if failure:
            return failure
        meta = {k: (str(record[names[k]]) if record.get(names[k]) is not None else None)
                for k in METADATA}
        doc_id = str(record.get(names["id"]) or fallback_id)
        lang = record.get(names["lang"])
        if lang is not None and (not isinstance(lang, str) or lang.strip()):
            if not isinstance(lang, str) or primary(lang) not in LANGUAGE_CHOICES:
                return Failure(source, position, f"unsupported language {lang!r} in field "
                               f"{names['lang']!r}: saidwho reads "
                               f"{', '.join(LANGUAGE_CHOICES)} (en-US and the like count "
                               "as their language)")
            lang = primary(lang)
        else:
            lang = None  # absent or empty: the run's language, or detected
        return cls(doc_id, text, source, position, **meta,
                   lang=None if lang == "auto" else lang)


@dataclass
class Failure:
    source: str
    position: str | None
    reason: str

    @property
    def where(self) -> str:
        return f"{self.source}:{self.position}" if self.position else self.source

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


# the largest text read as one document (spaCy's max_length is 1,000,000 per chunk; longer
# texts are cut into chunks by the extraction)
MAX_CHARS = 5_000_000


def check_text(text: str, source: str, position: str | None = None) -> Failure | None:
    """Why a text cannot be a document (too large), or None. An empty text is a document
    (``extract`` gives it an empty result; the store declines it)."""
    if len(text) > MAX_CHARS:
        return Failure(source, position, f"too large ({len(text):,} characters)")
    return None


SURROGATE = re.compile("[\ud800-\udfff]")


def surrogate_problem(text: str) -> str | None:
    """Why a text is not text when it holds half of a UTF-16 pair (JSON's "\\ud800"
    escape can put one in a Python string; it cannot be written as UTF-8), or None."""
    found = SURROGATE.search(text)
    if found is None:
        return None
    return f"holds a lone surrogate (\\u{ord(found.group()):04x} at {found.start()}), not text"


def text_hash(text: str) -> str:
    """Hash of the text with case and runs of whitespace normalised (duplicates)."""
    normal = re.sub(r"\s+", " ", text).strip().casefold()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()

