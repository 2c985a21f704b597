"""Quotation spans: pairs of quote marks, across sentences and paragraphs.

Marks pair within their family: double quotes (straight or curly), guillemets (« », the
French ones, also » « as some languages print them) and two apostrophes standing for a
double quote. A mark of another family inside an open quotation is a quotation inside it
(« il a dit “non” »), not its end.

News convention for long quotes: a quotation that runs over several paragraphs leaves the
closing mark off at the end of each paragraph and opens every following paragraph with a
new opening mark; the quote ends at the first closing mark. A paragraph break with no
continuing opening mark ends an unclosed quote at the paragraph end.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import dataclass

OPENING = "“"
CLOSING = "”"
STRAIGHT = '"'
PARAGRAPH = re.compile(r"\n\s*\n|\n")
GUILLEMETS = "«»"
QUOTE_CHARS = frozenset('"“”«»')
# Quote marks: curly and straight double quotes, guillemets, and two apostrophes standing
# for a straight double quote (a typesetting convention of some newspapers' archives).
QUOTE_MARK = re.compile(r"''|[\"“”«»]")
CONTINUES = (OPENING, STRAIGHT, "''", "«", "»")  # what opens a quotation's next paragraph


@dataclass(frozen=True)
class Quote:
    """A quotation, as segments (one per paragraph it spans), quote marks included."""

    segments: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.segments[0][0]

    @property
    def end(self) -> int:
        return self.segments[-1][1]


def find_quotes(text: str, min_words: int = 1) -> list[Quote]:
    """All quotations in ``text`` in order, including multi-paragraph ones."""
    quotes: list[Quote] = []
    pending: list[tuple[int, int]] = []  # segments of a quote left open at a paragraph end
    for para_start, para_end in _paragraphs(text):
        para = text[para_start:para_end]
        if pending and not para.lstrip().startswith(CONTINUES):
            quotes.append(Quote(tuple(pending)))
            pending = []
        for start, end, closed in _quotes_in_paragraph(para):
            seg = (para_start + start, para_start + end)
            if pending and start == len(para) - len(para.lstrip()):
                pending.append(seg)
            elif pending:
                quotes.append(Quote(tuple(pending)))
                pending = [seg]
            else:
                pending = [seg]
            if closed:
                quotes.append(Quote(tuple(pending)))
                pending = []
    if pending:
        quotes.append(Quote(tuple(pending)))
    return [q for q in quotes if _word_count(text, q) >= min_words]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for m in PARAGRAPH.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def _quotes_in_paragraph(para: str) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of each quote in one paragraph; at most the last is unclosed."""
    out: list[tuple[int, int, bool]] = []
    open_at: int | None = None
    open_mark = ""
    for m in QUOTE_MARK.finditer(para):
        i, mark = m.start(), m.group()
        if open_at is None:
            if mark in (CLOSING, "»") and not _is_opening_position(para, i):
                continue  # a stray closing mark
            if mark == "''" and not _is_opening_position(para, i):
                continue  # an apostrophe pair closing nothing, e.g. after a word
            open_at, open_mark = i, mark
        elif _family(mark) != _family(open_mark):
            continue  # a quotation inside this one, or marks of another convention
        elif mark in (OPENING, "«") and open_mark == mark:
            # a new opening mark inside an open curly quote or guillemets: the first one
            # was unclosed
            out.append((open_at, _rstrip(para, i), False))
            open_at = i
        else:
            out.append((open_at, m.end(), True))
            open_at = None
    if open_at is not None:
        out.append((open_at, _rstrip(para, len(para)), False))
    return out


def _family(mark: str) -> str:
    """Which marks pair with each other: double quotes, guillemets, apostrophe pairs."""
    return "«" if mark in GUILLEMETS else mark if mark == "''" else STRAIGHT


def _is_opening_position(para: str, i: int) -> bool:
    """A mark at the start or after a space or bracket opens a quote (miskeyed curly)."""
    return i == 0 or para[i - 1] in " \t([—–-"


def _rstrip(para: str, end: int) -> int:
    return len(para[:end].rstrip())


def _word_count(text: str, quote: Quote) -> int:
    return sum(len(re.findall(r"\w+", text[s:e])) for s, e in quote.segments)


class QuoteIndex:
    """Lookups over the quotations of one text."""

    def __init__(self, quotes: list[Quote], text: str = "") -> None:
        """``quotes`` in order of their starts, as ``find_quotes`` gives them; ``text``:
        the text they are in (read once: ``Doc.text`` is rebuilt on every access)."""
        self.quotes = quotes
        self.text = text
        self._starts = [q.start for q in quotes]
        # The furthest end of the quotations up to each one: those before the first whose
        # reach passes a position all end at or before it.
        self._reach = list(itertools.accumulate((q.end for q in quotes), max))

    @classmethod
    def of(cls, text: str) -> QuoteIndex:
        """The index of ``text``'s quotations; the last few texts' are kept, so that the
        pipeline's steps, which each ask for it, find the quotations once."""
        return _index_of(text)

    def overlapping(self, start: int, end: int) -> list[Quote]:
        """Quotations with a segment overlapping the character range [start, end), in
        order."""
        first = bisect.bisect_right(self._reach, start)
        stop = bisect.bisect_left(self._starts, end)
        return [q for q in self.quotes[first:stop]
                if q.end > start and any(s < end and e > start for s, e in q.segments)]

    def covering(self, start: int, end: int) -> bool:
        """Whether one quotation segment holds all of [start, end)."""
        q = self.inside(start)
        return q is not None and any(s <= start and end <= e for s, e in q.segments)

    def inside(self, pos: int) -> Quote | None:
        """The quotation whose segment contains character ``pos``, if any."""
        i = bisect.bisect_right(self._starts, pos)
        for q in reversed(self.quotes[max(0, i - 2) : i]):
            if any(s <= pos < e for s, e in q.segments):
                return q
        return None


@functools.lru_cache(maxsize=4)
def _index_of(text: str) -> QuoteIndex:
    return QuoteIndex(find_quotes(text), text)
