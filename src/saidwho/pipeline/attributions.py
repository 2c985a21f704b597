"""Attribution extraction: cues, their content and their sources, put together.

``find_attributions(doc, lexicon)`` is the pure-function core the spaCy components wrap.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate

from spacy.tokens import Doc

from ..defaults import RULES_MIN_CONFIDENCE
from ..model import Attribution, Kind, Segment
from .cue import Cue
from .grammar import Grammar
from .grammars import grammar_for
from .lexicon import Lexicon
from .quotes import QuoteIndex
from .spans import doc_text

# How far (characters, line breaks) a quotation without a cue may lie from the quoting
# attribution it continues.
CONTINUATION_GAP = 300
MAX_GAP_LINES = 2
NO_SOURCE_PENALTY = 0.8


def find_attributions(
    doc: Doc, lexicon: Lexicon, min_confidence: float = RULES_MIN_CONFIDENCE,
    quotes: QuoteIndex | None = None, grammar: Grammar | None = None,
) -> list[Attribution]:
    """All attributions in ``doc``, ordered by position, read with the ``grammar`` of the
    text's language (English by default)."""
    text = doc_text(doc)
    quotes = quotes or QuoteIndex.of(text)
    grammar = grammar or grammar_for("en")
    found: list[Attribution] = []
    for cue in grammar.find_cues(doc, lexicon, quotes, min_confidence):
        att = _build(cue, quotes, text, grammar)
        if att is not None and att.confidence >= min_confidence:
            found.append(att)
    found = _dedupe(found)
    attach_continuations(found, quotes, text)
    found.sort(key=lambda a: a.span)
    return found


def _build(cue: Cue, quotes: QuoteIndex, text: str, grammar: Grammar) -> Attribution | None:
    content = grammar.content_of(cue, quotes)
    if not content:
        return None
    src = grammar.source_token(cue)
    source = grammar.source_ranges(src, cue, content) if src is not None else []
    confidence = cue.prior * (1.0 if source else NO_SOURCE_PENALTY)
    att = Attribution(
        kind=kind_of(quotes, content),
        source=[Segment.of(text, s, e) for s, e in source],
        cue=[Segment.of(text, s, e) for s, e in cue.ranges],
        content=[Segment.of(text, s, e) for s, e in content],
        confidence=min(confidence, 0.99),
    )
    return att


def kind_of(quotes: QuoteIndex, content: list[tuple[int, int]]) -> Kind:
    """direct: all content is quotation; mixed: some is; indirect: none is."""
    if all(quotes.covering(s, e) for s, e in content):
        return "direct"
    if any(quotes.overlapping(s, e) for s, e in content):
        return "mixed"
    return "indirect"


def _dedupe(atts: list[Attribution]) -> list[Attribution]:
    """One attribution per content: the most confident cue wins (first on ties)."""
    def key(att: Attribution) -> tuple[tuple[int, int], ...]:
        return tuple((s.start, s.end) for s in att.content)

    best: dict[tuple[tuple[int, int], ...], Attribution] = {}
    for att in atts:
        if key(att) not in best or att.confidence > best[key(att)].confidence:
            best[key(att)] = att
    return [a for a in atts if best[key(a)] is a]


def attach_continuations(atts: list[Attribution], quotes: QuoteIndex, text: str) -> None:
    """A quotation without a cue continues the latest quoting attribution before it, when
    nothing but narration lies between them and it is at most a paragraph away:
    ""We will win," she said. "Nobody can stop us."" has one source for both quotes.

    Quotations come in text order, and an attribution only grows up to the end of one
    already passed, so the spans as they were at the start answer "which ends last
    before here" and "which spans here" (by bisection: linear in all)."""
    covered = {(s.start, s.end) for a in atts for s in a.content}
    ordered = sorted(atts, key=lambda a: a.span[1])
    ends = [a.span[1] for a in ordered]
    by_start = sorted(a.span for a in atts)
    starts = [s for s, _ in by_start]
    reach = list(accumulate((e for _, e in by_start), max))
    for q in quotes.quotes:
        if any(seg in covered for seg in q.segments):
            continue
        k = bisect_right(ends, q.start)
        prev = ordered[k - 1] if k else None
        j = bisect_left(starts, q.start)
        if prev is None or prev.kind == "indirect" or (j and reach[j - 1] > q.start):
            continue
        gap = text[prev.span[1] : q.start]
        if len(gap) <= CONTINUATION_GAP and gap.count("\n") <= MAX_GAP_LINES:
            prev.content.extend(Segment.of(text, s, e) for s, e in q.segments)
            covered.update(q.segments)


