"""Joint statements: their title, date and signatories, read from the document itself.

Signatory lists come in three shapes, all handled:

* run-in, after a trigger: "... endorsed by the following States: A, B, C and D.";
* one name per line, as a block of short lines;
* a trailing list at the end of the document (either of the above).

Every item of a list is kept: resolved to an ISO 3166-1 alpha-3 code, or reported as
unresolved with its candidates. A list only counts as one when most of its items are
states, so ordinary sentences with commas are not mistaken for lists.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from ..entities.countries import CountryMatch, is_country, names_in, resolve_countries
from ..entities.lists import ENUMERATION, MAX_ITEM_WORDS, is_item, split_items
from ..language import detect

# "signed by", "endorsed by the following 93 States:", "on behalf of", "Signatories:"
LIST_HEADING = re.compile(
    r"(?P<verb>drafted|initiated|led|prepared|presented|signed|endorsed|supported|joined|"
    r"co-?sponsored|delivered|issued|made)\s+(?:jointly\s+)?(?:by|on behalf of)\s+"
    r"(?:the\s+)?(?:following\s+)?(?:\d+\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:states|countries|member states|states parties|governments|delegations|members)?"
    r"\s*:?\s*|(?P<label>signatories|signed by|endorsed by|co-?sponsors|supporting states)\s*:\s*"
    # French: "signée par les États suivants :", "rédigée par", "au nom des pays suivants :",
    # "Signataires :"
    r"|(?P<verbe>rédigé|préparé|présenté|initié|signé|cosigné|coparrainé|parrainé|soutenu|"
    r"appuyé|endossé|prononcé|faite?)(?:e|s|es)?\s+(?:conjointement\s+)?(?:par|au\s+nom\s+d)"
    r"(?:es|e|u)?\s*(?:les\s+)?(?:\d+\s+)?(?:(?:États|pays|gouvernements|délégations|"
    r"membres|États\s+membres|États\s+parties)\s+)?(?:suivants\s*)?:?\s*"
    r"|(?P<etiquette>signataires|coparrains|liste\s+des\s+signataires|États\s+signataires|"
    r"pays\s+signataires)\s*:\s*",
    re.IGNORECASE,
)
DRAFTING_VERBS = frozenset({"drafted", "initiated", "led", "prepared", "presented",
                            "rédigé", "préparé", "présenté", "initié"})
MIN_ITEMS = 3
# A list runs to the end of its sentence or block, across any heading inside it ("drafted
# by A and B and endorsed by C, D": the first list holds all four, and C, D are read again
# for the second). Crossing at most two keeps that reading linear on text that is nothing
# but headings ("signed by signed by ...": every heading re-read the rest of the text);
# news and statements read here never cross more than one.
MAX_HEADINGS_CROSSED = 2
MIN_STATE_SHARE = 0.6
# abbreviations inside countries' names, whose full stop does not end a list
NAME_ABBREVIATIONS = frozenset({"St", "Ste", "Fed", "Rep", "Dem", "Is", "Isl", "Mt", "Sts"})
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
FULL_STOP = re.compile(r"\.(?=\s|$)")
# where str.splitlines() breaks a line
LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
DATE_PATTERNS = (
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "%Y-%m-%d"),
    (re.compile(r"\b(\d{1,2} (?:January|February|March|April|May|June|July|August|September|"
                r"October|November|December) \d{4})\b"), "%d %B %Y"),
    (re.compile(r"\b((?:January|February|March|April|May|June|July|August|September|"
                r"October|November|December) \d{1,2}, \d{4})\b"), "%B %d, %Y"),
)


@dataclass
class Signatory:
    match: CountryMatch
    role: str  # "drafter" or "signatory"

    def to_dict(self) -> dict[str, object]:
        return self.match.to_dict() | {"role": self.role}


@dataclass
class Statement:
    title: str | None
    date: date | None
    signatories: list[Signatory] = field(default_factory=list)
    source: str = ""

    @property
    def codes(self) -> set[str]:
        return {s.match.iso3 for s in self.signatories if s.match.iso3}

    @property
    def drafters(self) -> set[str]:
        return {s.match.iso3 for s in self.signatories if s.match.iso3 and s.role == "drafter"}

    @property
    def unresolved(self) -> list[str]:
        return [s.match.name for s in self.signatories if not s.match.resolved]

    def to_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "count": len(self.signatories),
            "resolved": len(self.codes),
            "signatories": [s.to_dict() for s in self.signatories],
            "unresolved": self.unresolved,
        }


def read_statement(text: str, source: str = "") -> Statement:
    """Title, date and signatories of a statement's plain text, its states' names read in
    the text's language (English or French)."""
    with names_in(detect(text)):
        return _read(text, source)


def _read(text: str, source: str) -> Statement:
    statement = Statement(title=_title(text), date=find_date(text), source=source)
    lists = [(role, [item for item in items if item != statement.title])  # a title line
             for role, items in _lists(text)]  # right above a one-per-line list
    found = resolve_countries(item for _role, items in lists for item in items)
    statement.signatories = [Signatory(found[item], role)
                             for role, items in lists for item in items]
    return statement


def _title(text: str) -> str | None:
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line[:200]
    return None


def find_date(text: str) -> date | None:
    """The first date written as 2024-06-14, 14 June 2024, June 14, 2024 or, in French,
    14 juin 2024 (1er juin 2024)."""
    found: list[tuple[int, date]] = []
    for pattern, fmt in DATE_PATTERNS:
        for m in pattern.finditer(text):
            try:
                value = datetime.strptime(m.group(0), fmt).date()
            except ValueError:
                continue
            found.append((m.start(), value))
            break
    for m in FRENCH_DATE.finditer(text):
        try:
            value = date(int(m.group(3)), FRENCH_MONTHS.index(m.group(2).lower()) + 1,
                         int(m.group(1)))
        except ValueError:
            continue
        found.append((m.start(), value))
        break
    return min(found)[1] if found else None


FRENCH_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                 "septembre", "octobre", "novembre", "décembre"]
FRENCH_DATE = re.compile(r"\b(\d{1,2})(?:er)?\s+(" + "|".join(FRENCH_MONTHS) + r")\s+(\d{4})\b",
                         re.IGNORECASE)


def _lists(text: str) -> list[tuple[str, list[str]]]:
    """(role, items) of every signatory list in the text, in order.

    A list after a heading runs to the end of its sentence, paragraph or block of short
    lines, but not past the MAX_HEADINGS_CROSSED + 1st heading after its own: each stretch
    of text is read for a bounded number of headings, so the reader is linear in the text
    however many headings it holds."""
    out: list[tuple[int, str, list[str]]] = []
    covered: list[list[int]] = []  # the stretches lists cover, merged, in text order
    headings = list(LIST_HEADING.finditer(text))
    for k, m in enumerate(headings):
        after = k + 1 + MAX_HEADINGS_CROSSED
        stop = headings[after].start() if after < len(headings) else len(text)
        if "\n" in m.group(0) or text.startswith("\n", m.end()):
            end = _block_end(text, m.end(), stop)  # the list starts on the next line
        else:
            end = _list_end(text, m.end(), stop)
        items = split_items(text[m.end() : end])
        if _is_state_list(items, minimum=1):
            verb = (m.group("verb") or m.group("verbe") or "").lower()
            role = "drafter" if verb in DRAFTING_VERBS else "signatory"
            out.append((m.start(), role, items))
            if covered and m.start() <= covered[-1][1]:
                covered[-1][1] = max(covered[-1][1], end)
            else:
                covered.append([m.start(), end])
    ends = [e for _s, e in covered]
    for start, end, items in _line_blocks(text):
        k = bisect.bisect_right(ends, start)  # the first list ending after the block starts
        if k < len(covered) and covered[k][0] < end:
            continue
        if _is_state_list(items, minimum=MIN_ITEMS):
            out.append((start, "signatory", items))
    return [(role, items) for _start, role, items in sorted(out, key=lambda x: x[0])]


def _list_end(text: str, start: int, stop: int) -> int:
    """A run-in list ends at a blank line, or at a full stop that ends a line or is
    followed by a capitalised word that is not a state (the next sentence); at ``stop``
    at the latest."""
    para = PARAGRAPH_BREAK.search(text, start, stop)
    limit = para.start() if para else stop
    opened = closed = 0  # brackets between start and the full stop, counted as we go
    counted = start
    for m in FULL_STOP.finditer(text, start, limit):
        pos = m.start()
        opened += text.count("(", counted, pos)
        closed += text.count(")", counted, pos)
        counted = pos
        before = text[max(start, pos - 4) : pos]
        if re.search(r"\b[A-Z]$", before):  # an initial, as in "U.S."
            continue
        word = re.search(r"(\w+)$", text[max(start, pos - 12) : pos])
        if word and word.group(1) in NAME_ABBREVIATIONS:  # "St. Lucia", "Fed. States of"
            continue
        if opened > closed:  # "(Fed. States of)"
            continue
        return pos
    return limit


def _block_end(text: str, start: int, stop: int) -> int:
    """The end of a block of short lines (blank lines allowed) starting at ``start``; at
    ``stop`` at the latest."""
    pos = start
    while pos < stop:
        brk = LINE_BREAK.search(text, pos, stop)
        line = text[pos : brk.end() if brk else stop]
        words = line.strip().split()
        if len(words) > MAX_ITEM_WORDS or line.strip().endswith(":"):
            break
        pos += len(line)
    return pos


def _line_blocks(text: str) -> list[tuple[int, int, list[str]]]:
    """Blocks of consecutive short lines (one name per line)."""
    blocks: list[tuple[int, int, list[str]]] = []
    pos = 0
    current: list[str] = []
    start = 0
    for line in text.splitlines(keepends=True):
        stripped = ENUMERATION.sub("", line).strip(" \t\r\n•·-*")
        short = 0 < len(stripped.split()) <= MAX_ITEM_WORDS and not stripped.endswith(":")
        if short and is_item(stripped.rstrip(",;.")):
            if not current:
                start = pos
            current.append(stripped.rstrip(",;."))
        elif (current and not stripped) or (short and current):
            pass  # blank lines, numbers, dates and headings inside a block (table cells)
        else:
            if current:
                blocks.append((start, pos, current))
            current = []
        pos += len(line)
    if current:
        blocks.append((start, pos, current))
    return blocks


def _is_state_list(items: list[str], minimum: int) -> bool:
    """Whether at least ``minimum`` items and MIN_STATE_SHARE of them are states; a list
    is given up once too many are not (most text is no list)."""
    if len(items) < minimum:
        return False
    others = 0
    for item in items:
        if not is_country(item):
            others += 1
            left = len(items) - others
            if left < minimum or left / len(items) < MIN_STATE_SHARE:
                return False
    states = len(items) - others
    return states >= minimum and states / len(items) >= MIN_STATE_SHARE
