"""Small helpers turning tokens into character segments."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable

import numpy as np
from spacy.tokens import Doc, Span, Token

EDGE_PUNCT = frozenset(",;:—–-()[]")


def contiguous_runs(indices: Iterable[int]) -> list[tuple[int, int]]:
    """Contiguous runs of token indices as (first, last) pairs."""
    runs: list[tuple[int, int]] = []
    for i in sorted(set(indices)):
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def token_runs(doc: Doc, indices: Iterable[int]) -> list[tuple[int, int]]:
    """Contiguous runs of token indices as (first, last) pairs, edge punctuation trimmed."""
    out = []
    for a, b in contiguous_runs(indices):
        while a <= b and _is_edge(doc[a]):
            a += 1
        while b >= a and _is_edge(doc[b]):
            b -= 1
        if a <= b:
            out.append((a, b))
    return out


def _is_edge(tok: Token) -> bool:
    return bool(tok.is_space or tok.text in EDGE_PUNCT or (tok.text == "." and tok.is_sent_end))


def char_runs(doc: Doc, indices: Iterable[int]) -> list[tuple[int, int]]:
    """Character (start, end) of each trimmed run of the token indices."""
    return [(doc[a].idx, doc[b].idx + len(doc[b].text)) for a, b in token_runs(doc, indices)]


def subtree_indices(tok: Token, exclude: Iterable[Token] = ()) -> set[int]:
    """Indices of ``tok``'s subtree without the subtrees of ``exclude``."""
    out = {t.i for t in tok.subtree}
    for ex in exclude:
        out -= {t.i for t in ex.subtree}
    return out


def merge_ranges(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Union of character ranges, sorted, overlapping and touching ones merged."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(ranges):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def sentence_of(tok: Token) -> Span:
    """``tok``'s sentence. spaCy's ``Token.sent`` walks the document's sentences from its
    start, a cost per call that grows with the text; this walks from the token to its
    sentence's edges, which ``paragraphs.MAX_SENTENCE_TOKENS`` keeps near."""
    doc = tok.doc
    start = tok.i
    while start > 0 and not doc[start].is_sent_start:
        start -= 1
    end = tok.i + 1
    while end < len(doc) and not doc[end].is_sent_start:
        end += 1
    return doc[start:end]


_TEXTS: weakref.WeakKeyDictionary[Doc, str] = weakref.WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per doc: spaCy joins every token's text on each access, a
    cost the steps reading one article would otherwise pay several times."""
    text = _TEXTS.get(doc)
    if text is None:  # a doc's text never changes (retokenizing keeps it)
        text = _TEXTS[doc] = doc.text
    return text


def tokens_where(doc: Doc, attr: str, keep: Callable[[str], bool]) -> np.ndarray:
    """Per token, whether the string of its ``attr`` ("ORTH", "LOWER", "LEMMA") passes
    ``keep``: each distinct string is tested once, no Token objects are made."""
    keys = doc.to_array(attr)
    strings = doc.vocab.strings
    kept = [key for key in np.unique(keys).tolist() if keep(strings[key])]
    return np.isin(keys, kept)
