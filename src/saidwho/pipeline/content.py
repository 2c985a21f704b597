"""Content: what a cue attributes, as character ranges.

The content follows the cue's frame (see ``frames``). Reported content that overlaps a
quotation is widened to take the whole quotation in, so a clause parsed inside
""We will win," she said" becomes the quotation, marks included.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .channels import ADDRESSEE_VERBS
from .cues import Cue, dash_quote, sentence_window, that_clause
from .frames import CLAUSAL, OBJECT, OPEN, complement, cue_preposition
from .quotes import QuoteIndex
from .spans import char_runs, merge_ranges, subtree_indices

OBJECT_STOPS = frozenset({"cc", "conj", "parataxis", "advcl", "punct", "npadvmod"})
RIGHT_COMPLEMENTS = frozenset({"oprd", "ccomp", "xcomp", "attr"})
GAP_CHARS = " \t\n,:;—–-"


def content_of(cue: Cue, quotes: QuoteIndex) -> list[tuple[int, int]]:
    """Character ranges of the content ``cue`` introduces; empty when it has none."""
    tok = cue.token
    cue_ids = {t.i for t in cue.tokens}
    if cue.frame in ("ccomp", "xcomp"):
        comp = complement(tok, CLAUSAL if cue.frame == "ccomp" else OPEN)
        assert comp is not None
        ids = subtree_indices(comp) | _leading_that(tok, comp)
        ranges = char_runs(tok.doc, ids - cue_ids)
    elif cue.frame == "quote":
        ranges = _quote_content(tok, quotes)
    elif cue.frame == "head":
        ranges = char_runs(tok.doc, subtree_indices(tok.head, exclude=[tok]))
    elif cue.frame == "dobj":
        ranges = char_runs(tok.doc, _object_indices(tok))
    elif cue.frame == "prep":
        prep = cue_preposition(tok)
        ranges = char_runs(tok.doc, subtree_indices(prep) - {prep.i}) if prep is not None else []
    elif cue.frame == "colon":
        ranges = _rest_of_line(tok)
    elif cue.frame == "dash":
        quoted = dash_quote(tok, quotes)
        ranges = [quoted] if quoted is not None else []
    elif cue.frame == "according":
        ranges = _according_content(tok)
    elif cue.frame == "noun":
        clause = that_clause(tok)
        ranges = char_runs(tok.doc, subtree_indices(clause)) if clause is not None else []
    else:
        ranges = []
    return _widen_to_quotes(ranges, quotes, tok.idx)


def _leading_that(verb: Token, comp: Token) -> set[int]:
    """A "that" the parser attached to the verb rather than to the clause."""
    return {c.i for c in verb.children if c.lower_ == "that" and c.i < comp.left_edge.i
            and c.dep_ in ("mark", "dobj", "nsubj")}


def _quote_content(verb: Token, quotes: QuoteIndex) -> list[tuple[int, int]]:
    """Quotations a reporting clause introduces.

    When the verb's own complement reaches into a quotation ("called the plan "a
    disaster"") the complement is the (mixed) content; otherwise every quotation that
    touches the reporting clause, with nothing but punctuation between, is content:
    ""A," she said, "B."", "She said: "A.""."""
    doc = verb.doc
    right = set().union(*(subtree_indices(c) for c in verb.rights if _completes(verb, c)))
    ranges = char_runs(doc, right)
    quoted = [quotes.covering(s, e) for s, e in ranges]
    if ranges and not all(quoted) and any(quotes.overlapping(s, e) for s, e in ranges):
        return ranges
    clause = [t for t in verb.subtree if quotes.inside(t.idx) is None and not t.is_punct]
    c_start = min(t.idx for t in clause)
    c_end = max(t.idx + len(t.text) for t in clause)
    out: list[tuple[int, int]] = []
    for q in quotes.overlapping(*sentence_window(verb.sent)):
        if any(s <= verb.idx < e for s, e in q.segments):
            continue
        if q.end <= c_start:
            gap = doc.text[q.end : c_start]
        elif q.start >= c_end:
            gap = doc.text[c_end : q.start]
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


def _rest_of_line(tok: Token) -> list[tuple[int, int]]:
    text = tok.doc.text
    start = tok.idx + 1
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    while start < end and text[start].isspace():
        start += 1
    return [(start, end)] if start < end else []


def _object_indices(verb: Token) -> set[int]:
    """The object and what completes it on the right ("criticized X for Y", "called the
    charges unfounded"), up to a comma or a coordinated clause."""
    obj = complement(verb, OBJECT)
    if obj is None:
        return set()
    ids = subtree_indices(obj)
    for child in verb.rights:
        if child.i <= obj.i:
            continue
        if child.dep_ in OBJECT_STOPS or child.is_punct:
            break
        ids |= subtree_indices(child)
    return ids


def _according_content(tok: Token) -> list[tuple[int, int]]:
    """The clause around "according to X": its sentence without the prepositional phrase."""
    sent: Span = tok.sent
    phrase = subtree_indices(tok)
    to = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if to is not None and to.lower_ == "to":
        phrase |= subtree_indices(to)
    return char_runs(tok.doc, {t.i for t in sent} - phrase)


def _widen_to_quotes(
    ranges: list[tuple[int, int]], quotes: QuoteIndex, cue_pos: int
) -> list[tuple[int, int]]:
    """Extend content that overlaps a quotation to the whole quotation (not the cue's own)."""
    out = list(ranges)
    for start, end in ranges:
        for q in quotes.overlapping(start, end):
            if any(s <= cue_pos < e for s, e in q.segments):
                continue
            out.extend(q.segments)
    return merge_ranges(out)
