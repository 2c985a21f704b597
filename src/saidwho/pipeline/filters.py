"""Last checks on an engine's attributions, before speakers are resolved.

A headline ("Free school meals to expand, minister says") is one line without a full
stop; what its cue attributes is in that line. Content the engine found beyond the
headline's paragraph (the article's first sentence) is not part of it, and an attribution
left with no content is dropped.

A source's request about itself is not something it said: "an official, who asked not to
be named, said ..." holds one attribution (the official's), not a second one with the
content "not to be named".
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ..model import Attribution
from .paragraphs import PARAGRAPH_BREAK

HEADLINE_MAX_CHARS = 160
SENTENCE_END = ('.', '!', '?', '"', '”', "'", '’', ':')


# the content of "who asked not to be named", "on condition of anonymity"
ANONYMITY_REQUEST = re.compile(
    r"(?:not\s+to\s+be(?:\s+(?:named|identified|quoted))?|(?:on\s+(?:the\s+)?condition\s+of\s+)?"
    r"anonymity)\W*", re.I)


class Paragraphs:
    """The paragraphs of a text, found once; ``of(offset)`` in O(log n)."""

    def __init__(self, text: str) -> None:
        breaks = list(PARAGRAPH_BREAK.finditer(text))
        self.starts = [0, *(m.end() for m in breaks)]
        self.ends = [*(m.start() for m in breaks), len(text)]

    def of(self, offset: int) -> tuple[int, int]:
        """The start and end of the paragraph holding ``offset`` (a break belongs to the
        paragraph before it)."""
        k = max(0, bisect_right(self.starts, offset) - 1)
        return self.starts[k], self.ends[k]


def check(text: str, atts: list[Attribution]) -> list[Attribution]:
    """An engine's attributions less those that are not reported speech, headlines
    kept whole (see the module's description)."""
    return keep_headlines_whole(text, [a for a in atts if not is_anonymity_request(a)])


def is_anonymity_request(att: Attribution) -> bool:
    content = " ".join(s.text for s in att.content).strip()
    return bool(content) and ANONYMITY_REQUEST.fullmatch(content) is not None


def is_headline(paragraph: str) -> bool:
    line = paragraph.strip()
    return (0 < len(line) <= HEADLINE_MAX_CHARS and "\n" not in line
            and not line.endswith(SENTENCE_END))


def keep_headlines_whole(text: str, atts: list[Attribution]) -> list[Attribution]:
    """Attributions whose cue is in a headline keep only the content inside it."""
    out = []
    paragraphs = Paragraphs(text)
    for att in atts:
        if att.cue and att.content:
            start, end = paragraphs.of(att.cue[0].start)
            if is_headline(text[start:end]):
                inside = [s for s in att.content if start <= s.start and s.end <= end]
                if not inside:
                    continue
                att.content = inside
        out.append(att)
    return out
