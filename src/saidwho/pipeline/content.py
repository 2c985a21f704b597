"""Content: what a cue attributes, as character ranges.

The content follows the cue's frame (see ``frames``; ``CONTENT_READERS`` has one reader per
frame). Reported content that overlaps a quotation is widened to take the whole quotation
in, so a clause parsed inside ""We will win," she said" becomes the quotation, marks
included.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from .channels import ADDRESSEE_VERBS
from .cue import Cue, Frame
from .cues import dash_quote, sentence_window, that_clause
from .frames import CLAUSAL, OBJECT, OPEN, complement, cue_preposition
from .quotes import QuoteIndex
from .spans import char_runs, merge_ranges, sentence_of, subtree_indices

OBJECT_STOPS = frozenset({"cc", "conj", "parataxis", "advcl", "punct", "npadvmod"})
RIGHT_COMPLEMENTS = frozenset({"oprd", "ccomp", "xcomp", "attr"})
GAP_CHARS = " \t\n,:;—–-"

Ranges = list[tuple[int, int]]


def content_of(cue: Cue, quotes: QuoteIndex) -> Ranges:
    """Character ranges of the content ``cue`` introduces; empty when it has none."""
    ranges = CONTENT_READERS[cue.frame](cue, quotes)
    return widen_to_quotes(ranges, quotes, cue.token.idx)


def _clausal_content(cue: Cue, quotes: QuoteIndex) -> Ranges:
    """The verb's clausal complement: "said (that) taxes will rise"."""
    return _complement_content(cue, CLAUSAL)


def _open_content(cue: Cue, quotes: QuoteIndex) -> Ranges:
    """The verb's open complement: "vowed to fight"."""
    return _complement_content(cue, OPEN)


def _complement_content(cue: Cue, deps: frozenset[str]) -> Ranges:
    tok = cue.token
    comp = complement(tok, deps)
    assert comp is not None
    ids = subtree_indices(comp) | _leading_that(tok, comp)
    return char_runs(tok.doc, ids - {t.i for t in cue.tokens})


def _leading_that(verb: Token, comp: Token) -> set[int]:
    """A "that" the parser attached to the verb rather than to the clause."""
    return {c.i for c in verb.children if c.lower_ == "that" and c.i < comp.left_edge.i
            and c.dep_ in ("mark", "dobj", "nsubj")}


def _quote_content(cue: Cue, quotes: QuoteIndex) -> Ranges:
    return quote_content(cue, quotes, _completes)


def quote_content(cue: Cue, quotes: QuoteIndex,
                  completes: Callable[[Token, Token], bool]) -> Ranges:
    """Quotations a reporting clause introduces.

    When the verb's own complement (its right children that ``completes`` it) reaches
    into a quotation ("called the plan "a disaster"") the complement is the (mixed)
    content; otherwise every quotation that touches the reporting clause, with nothing
    but punctuation between, is content: ""A," she said, "B."", "She said: "A.""."""
    verb = cue.token
    doc = verb.doc
    right = set().union(*(subtree_indices(c) for c in verb.rights if completes(verb, c)))
    ranges = char_runs(doc, right)
    quoted = [quotes.covering(s, e) for s, e in ranges]
    if ranges and not all(quoted) and any(quotes.overlapping(s, e) for s, e in ranges):
        return ranges
    clause = [t for t in verb.subtree if quotes.inside(t.idx) is None and not t.is_punct]
    c_start = min(t.idx for t in clause)
    c_end = max(t.idx + len(t.text) for t in clause)
    out: Ranges = []
    for q in quotes.overlapping(*sentence_window(sentence_of(verb))):
        if any(s <= verb.idx < e for s, e in q.segments):
            continue
        if q.end <= c_start:
            gap = quotes.text[q.end : c_start]
        elif q.start >= c_end:
            gap = quotes.text[c_end : q.start]
        else:
            gap = ""
        if not gap.strip(GAP_CHARS):
            out.extend(q.segments)
    return out


def _completes(verb: Token, child: Token) -> bool:
    """A right-hand complement that belongs to the content (not an addressee)."""
    if child.dep_ == "dobj":
        return verb.lemma_.lower() not in ADDRESSEE_VERBS
    return child.dep_ in RIGHT_COMPLEMENTS


def _head_content(cue: Cue, quotes: QuoteIndex) -> Ranges:
    """The clause a parenthetical cue verb sits in: "The plan, he said, will fail"."""
    tok = cue.token
    return char_runs(tok.doc, subtree_indices(tok.head, exclude=[tok]))


def _object_content(cue: Cue, quotes: QuoteIndex) -> Ranges:
    """The object and what completes it on the right ("criticized X for Y", "called the
    charges unfounded"), up to a comma or a coordinated clause."""
    verb = cue.token
    obj = complement(verb, OBJECT)
    if obj is None:
        return []
    ids = subtree_indices(obj)
    for child in verb.rights:
        if child.i <= obj.i:
            continue
        if child.dep_ in OBJECT_STOPS or child.is_punct:
            break
        ids |= subtree_indices(child)
    return char_runs(verb.doc, ids)


def _prep_content(cue: Cue, quotes: QuoteIndex) -> Ranges:
    """The object of the cue's preposition: "called for a recount"."""
    prep = cue_preposition(cue.token)
    return char_runs(cue.token.doc, subtree_indices(prep) - {prep.i}) if prep is not None else []


def _no_content(cue: Cue, quotes: QuoteIndex) -> Ranges:
    return []


def _according_content(cue: Cue, quotes: QuoteIndex) -> Ranges:
    """The clause around "according to X": its sentence without the prepositional phrase."""
    tok = cue.token
    sent: Span = sentence_of(tok)
    phrase = subtree_indices(tok)
    to = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if to is not None and to.lower_ == "to":
        phrase |= subtree_indices(to)
    return char_runs(tok.doc, {t.i for t in sent} - phrase)


def _noun_content(cue: Cue, quotes: QuoteIndex) -> Ranges:
    """The "that"-clause of a cue noun: "the claim that ..."."""
    clause = that_clause(cue.token)
    return char_runs(cue.token.doc, subtree_indices(clause)) if clause is not None else []


def _rest_of_line(cue: Cue, quotes: QuoteIndex) -> Ranges:
    """What follows a speaker label's colon on its line."""
    tok = cue.token
    text = quotes.text
    start = tok.idx + 1
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    while start < end and text[start].isspace():
        start += 1
    return [(start, end)] if start < end else []


def _signed_quote(cue: Cue, quotes: QuoteIndex) -> Ranges:
    """The quotation a signature dash follows."""
    quoted = dash_quote(cue.token, quotes)
    return [quoted] if quoted is not None else []


# The content of a cue of each frame, before the quotations it overlaps are taken in whole.
CONTENT_READERS: dict[Frame, Callable[[Cue, QuoteIndex], Ranges]] = {
    Frame.CCOMP: _clausal_content,
    Frame.XCOMP: _open_content,
    Frame.QUOTE: _quote_content,
    Frame.HEAD: _head_content,
    Frame.DOBJ: _object_content,
    Frame.PREP: _prep_content,
    Frame.BARE: _no_content,
    Frame.ACCORDING: _according_content,
    Frame.NOUN: _noun_content,
    Frame.COLON: _rest_of_line,
    Frame.DASH: _signed_quote,
}


def widen_to_quotes(ranges: Ranges, quotes: QuoteIndex, cue_pos: int) -> Ranges:
    """Extend content that overlaps a quotation to the whole quotation (not the cue's own)."""
    out = list(ranges)
    for start, end in ranges:
        for q in quotes.overlapping(start, end):
            if any(s <= cue_pos < e for s, e in q.segments):
                continue
            out.extend(q.segments)
    return merge_ranges(out)
