"""Last checks on an engine's attributions, before speakers are resolved.

A headline ("Free school meals to expand, minister says") is one line without a full
stop; what its cue attributes is in that line. Content the engine found beyond the
headline's paragraph (the article's first sentence) is not part of it, and an attribution
left with no content is dropped.
"""

from __future__ import annotations

from ..model import Attribution
from .paragraphs import PARAGRAPH_BREAK

HEADLINE_MAX_CHARS = 160
SENTENCE_END = ('.', '!', '?', '"', '”', "'", '’', ':')


def paragraph_of(text: str, offset: int) -> tuple[int, int]:
    """The start and end of the paragraph holding ``offset``."""
    start = max((m.end() for m in PARAGRAPH_BREAK.finditer(text, 0, offset)), default=0)
    found = PARAGRAPH_BREAK.search(text, offset)
    return start, found.start() if found else len(text)


def is_headline(paragraph: str) -> bool:
    line = paragraph.strip()
    return (0 < len(line) <= HEADLINE_MAX_CHARS and "\n" not in line
            and not line.endswith(SENTENCE_END))


def keep_headlines_whole(text: str, atts: list[Attribution]) -> list[Attribution]:
    """Attributions whose cue is in a headline keep only the content inside it."""
    out = []
    for att in atts:
        if att.cue and att.content:
            start, end = paragraph_of(text, att.cue[0].start)
            if is_headline(text[start:end]):
                inside = [s for s in att.content if start <= s.start and s.end <= end]
                if not inside:
                    continue
                att.content = inside
        out.append(att)
    return out
