"""Cue detection: the words that introduce an attribution.

Kinds of cue:

* verbs from the lexicon in a frame that takes content ("said that", "vowed to");
* the preposition "according to";
* nouns from the lexicon that take a "that"-clause ("claims that", "the statement that");
* a speaker label's colon at the start of a line ("WALLACE: ...", "Poll: ...");
* a dash between a quotation and the name that signs it ("... ." ― Ana Ruiz).
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from spacy.symbols import NOUN, VERB  # type: ignore[attr-defined]
from spacy.tokens import Doc, Span, Token

from .cue import Cue, Frame
from .frames import CLAUSAL, complement, cue_preposition, verb_frame
from .lexicon import Lexicon
from .quotes import QUOTE_CHARS, QuoteIndex
from .sources import dash_name, subject_kind
from .spans import tokens_where

ACCORDING_PRIOR = 0.9
COLON_PRIOR = 0.6
# a cue noun with both its speaker ("by X") and its content ("that ...") attached
AGENT_NOUN_PRIOR = 0.85
COLON_LABEL_MAX = 4
DASH_PRIOR = 0.8
DASHES = frozenset("―—–")
# Verb particles and prepositions that belong to a phrasal cue ("call on", "point out").
PHRASAL = frozenset({"prt"})


def find_cues(doc: Doc, lexicon: Lexicon, quotes: QuoteIndex, min_prior: float) -> Iterator[Cue]:
    """All cue candidates in ``doc`` whose prior reaches ``min_prior``, in text order."""
    possible = _possible_cues(doc)
    for sent in doc.sents:
        sent_quotes = quotes.overlapping(*sentence_window(sent))
        for i in possible[sent.start : sent.end].nonzero()[0].tolist():
            tok = doc[sent.start + i]
            cue = (_according_cue(tok) or _verb_cue(tok, lexicon, quotes, bool(sent_quotes))
                   or _noun_cue(tok, lexicon) or colon_cue(tok) or dash_cue(tok, quotes))
            if cue is not None and cue.prior >= min_prior:
                yield cue


def _possible_cues(doc: Doc) -> np.ndarray:
    """Per token, whether any kind of cue may start there: "according", a verb or noun,
    a colon or a word with a dash (the others are not looked at)."""
    marked = tokens_where(doc, "ORTH", lambda text: text.lower() == "according"
                          or text == ":" or any(ch in DASHES for ch in text))
    return np.isin(doc.to_array("POS"), (VERB, NOUN)) | marked  # type: ignore[no-any-return]


def _verb_cue(
    tok: Token, lexicon: Lexicon, quotes: QuoteIndex, sent_has_quote: bool
) -> Cue | None:
    if tok.pos_ != "VERB":
        return None
    if quotes.inside(tok.idx) is not None:
        return None  # words inside a quotation are the speaker's, not the reporter's cues
    frame = frame_of(tok, quotes, sent_has_quote)
    prior = lexicon.verb_prior(tok.lemma_.lower(), frame, subject_kind(tok))
    if prior <= 0:
        return None
    parts = [tok, *(c for c in tok.children if c.dep_ in PHRASAL)]
    if frame is Frame.PREP:
        parts.append(cue_preposition(tok))  # type: ignore[arg-type]
    return Cue(tok, sorted(parts, key=lambda t: t.i), frame, prior)


def sentence_window(sent: Span) -> tuple[int, int]:
    """A sentence's character range, reaching into the next when it ends with a colon
    (the parser often cuts 'He said: "..."' after the colon)."""
    end = sent.end_char
    last = next((t for t in reversed(sent) if not t.is_space), None)  # text.rstrip()'s end
    if last is not None and last.text.endswith(":"):
        end += 4
    return sent.start_char, end


def colon_cue(tok: Token) -> Cue | None:
    """A speaker label at the start of a line: "WALLACE: ...", "Pence: ..." (headlines,
    transcripts, interviews)."""
    if tok.text != ":" or tok.i == 0:
        return None
    doc = tok.doc
    start = tok.i
    while start > 0 and "\n" not in doc[start - 1].text_with_ws:
        start -= 1
    while start < tok.i and doc[start].text in QUOTE_CHARS:
        start += 1  # a transcript paragraph may open with a quote mark: "WALLACE: ...
    label = doc[start : tok.i]
    if not 1 <= len(label) <= COLON_LABEL_MAX or not all(
        t.pos_ == "PROPN" or t.is_upper or t.is_title for t in label
    ):
        return None
    if tok.i + 1 >= len(doc) or "\n" in tok.text_with_ws:
        return None
    return Cue(tok, [tok], Frame.COLON, COLON_PRIOR)


def dash_cue(tok: Token, quotes: QuoteIndex) -> Cue | None:
    """A dash after a quotation, followed by nothing but a name up to the end of the line:
    the signature of a quoted comment ("... ." ― Ana Ruiz)."""
    dash = next((k for k, ch in enumerate(tok.text) if ch in DASHES), None)
    if dash is None:
        return None
    if dash_quote(tok, quotes) is None:
        return None
    name = dash_name(tok)
    if name is None:
        return None
    return Cue(tok, [tok], Frame.DASH, DASH_PRIOR)


def dash_quote(tok: Token, quotes: QuoteIndex) -> tuple[int, int] | None:
    """The last segment of the quotation that ends right before the dash in ``tok``."""
    pos = tok.idx + next(k for k, ch in enumerate(tok.text) if ch in DASHES)
    text = quotes.text
    for q in quotes.overlapping(max(0, pos - 4), pos):
        start, end = q.segments[-1]
        if end <= pos and not text[end:pos].strip():
            return start, end
    return None


def frame_of(verb: Token, quotes: QuoteIndex, sent_has_quote: bool) -> Frame:
    """The frame of a verb, given the quotations around it."""
    comp = complement(verb, CLAUSAL)
    verb_quoted = quotes.inside(verb.idx) is not None
    in_quote = comp is not None and quotes.inside(comp.idx) is not None and not verb_quoted
    return verb_frame(verb, in_quote, sent_has_quote and not verb_quoted)


def _according_cue(tok: Token) -> Cue | None:
    """"according to X": the cue is the two words, X the source, the clause the content."""
    if tok.lower_ != "according":
        return None
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
        to = tok.doc[tok.i + 1]
    if to is None:
        return None
    return Cue(tok, [tok, to], Frame.ACCORDING, ACCORDING_PRIOR)


def _noun_cue(tok: Token, lexicon: Lexicon) -> Cue | None:
    """A cue noun with a "that"-clause: "claims by X that ...", "reports that ..."."""
    if tok.pos_ != "NOUN":
        return None
    prior = lexicon.noun_prior(tok.lemma_.lower())
    if prior <= 0 or that_clause(tok) is None:
        return None
    if any(c.dep_ == "prep" and c.lower_ == "by" and any(g.dep_ == "pobj" for g in c.children)
           for c in tok.children):
        prior = max(prior, AGENT_NOUN_PRIOR)  # "claims by the opposition that ..."
    return Cue(tok, [tok], Frame.NOUN, prior)


def that_clause(noun: Token) -> Token | None:
    """The head of a clause attached to ``noun`` and opened by "that" (not a relative)."""
    for child in noun.children:
        if child.dep_ not in ("acl", "ccomp", "relcl", "appos"):
            continue
        first = child.left_edge
        if first.lower_ == "that" and first.dep_ == "mark":
            return child
        # "that" parsed as the clause's object or subject is a relative pronoun: skip.
    return None
