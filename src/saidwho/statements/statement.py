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

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from ..entities.countries import CountryMatch, resolve_country
from ..entities.lists import ENUMERATION, MAX_ITEM_WORDS, is_item, split_items

# "signed by", "endorsed by the following 93 States:", "on behalf of", "Signatories:"
LIST_HEADING = re.compile(
    r"(?P<verb>drafted|initiated|led|prepared|presented|signed|endorsed|supported|joined|"
    r"co-?sponsored|delivered|issued|made)\s+(?:jointly\s+)?(?:by|on behalf of)\s+"
    r"(?:the\s+)?(?:following\s+)?(?:\d+\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:states|countries|member states|states parties|governments|delegations|members)?"
    r"\s*:?\s*|(?P<label>signatories|signed by|endorsed by|co-?sponsors|supporting states)\s*:\s*",
    re.IGNORECASE,
)
DRAFTING_VERBS = frozenset({"drafted", "initiated", "led", "prepared", "presented"})
MIN_ITEMS = 3
MIN_STATE_SHARE = 0.6
# abbreviations inside countries' names, whose full stop does not end a list
NAME_ABBREVIATIONS = frozenset({"St", "Ste", "Fed", "Rep", "Dem", "Is", "Isl", "Mt", "Sts"})
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
    """Title, date and signatories of a statement's plain text."""
    statement = Statement(title=_title(text), date=find_date(text), source=source)
    for role, items in _lists(text):
        for item in items:
            if item != statement.title:  # a title line right above a one-per-line list
                statement.signatories.append(Signatory(resolve_country(item), role))
    return statement


def _title(text: str) -> str | None:
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line[:200]
    return None


def find_date(text: str) -> date | None:
    """The first date written as 2024-06-14, 14 June 2024 or June 14, 2024."""
    found: list[tuple[int, date]] = []
    for pattern, fmt in DATE_PATTERNS:
        for m in pattern.finditer(text):
            try:
                value = datetime.strptime(m.group(0), fmt).date()
            except ValueError:
                continue
            found.append((m.start(), value))
            break
    return min(found)[1] if found else None


def _lists(text: str) -> list[tuple[str, list[str]]]:
    """(role, items) of every signatory list in the text, in order."""
    out: list[tuple[int, str, list[str]]] = []
    covered: list[tuple[int, int]] = []
    for m in LIST_HEADING.finditer(text):
        if "\n" in text[m.start() : m.end()] or text[m.end() : m.end() + 1] == "\n":
            end = _block_end(text, m.end())  # the list starts on the next line
        else:
            end = _list_end(text, m.end())
        items = split_items(text[m.end() : end])
        if _is_state_list(items, minimum=1):
            verb = (m.group("verb") or "").lower()
            out.append((m.start(), "drafter" if verb in DRAFTING_VERBS else "signatory", items))
            covered.append((m.start(), end))
    for start, end, items in _line_blocks(text):
        if any(s < end and start < e for s, e in covered):
            continue
        if _is_state_list(items, minimum=MIN_ITEMS):
            out.append((start, "signatory", items))
    return [(role, items) for _start, role, items in sorted(out, key=lambda x: x[0])]


def _list_end(text: str, start: int) -> int:
    """A run-in list ends at a blank line, or at a full stop that ends a line or is
    followed by a capitalised word that is not a state (the next sentence)."""
    para = re.search(r"\n\s*\n", text[start:])
    limit = start + para.start() if para else len(text)
    for m in re.finditer(r"\.(?=\s|$)", text[start:limit]):
        pos = start + m.start()
        before = text[max(start, pos - 4) : pos]
        if re.search(r"\b[A-Z]$", before):  # an initial, as in "U.S."
            continue
        word = re.search(r"(\w+)$", text[max(start, pos - 12) : pos])
        if word and word.group(1) in NAME_ABBREVIATIONS:  # "St. Lucia", "Fed. States of"
            continue
        if text.count("(", start, pos) > text.count(")", start, pos):  # "(Fed. States of)"
            continue
        return pos
    return limit


def _block_end(text: str, start: int) -> int:
    """The end of a block of short lines (blank lines allowed) starting at ``start``."""
    pos = start
    for line in text[start:].splitlines(keepends=True):
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
    if len(items) < minimum:
        return False
    states = sum(1 for item in items if resolve_country(item).resolved)
    return states >= minimum and states / len(items) >= MIN_STATE_SHARE
