"""Line breaks end sentences: headlines, datelines and speaker labels carry no full stop,
and a parser left alone runs them into the next paragraph ("... river protection\\n\\nA group
of 12 states ...") and takes a headline word as the next sentence's subject."""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy
from spacy.attrs import SENT_START
from spacy.tokens import Doc

from .spans import doc_text

# a blank line (spaces allowed) between paragraphs
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


# No sentence is longer than this many tokens: the longest of PolNeAR's dev split has 113.
# A text without full stops ('He said "no ' 2,000 times) would otherwise be one sentence,
# and the parse tree's depth, the subtrees and the cue windows all grow with it.
MAX_SENTENCE_TOKENS = 150
# a long sentence is cut after the last punctuation mark among its last this many tokens
CUT_LOOKBACK = 50


def mark_line_breaks(doc: Doc) -> Doc:
    """Set a sentence start after every line break, and none inside a run of proper nouns
    on one line (the parser would otherwise cut "Tomas | Brandt said" after a headline);
    cut runs of more than ``MAX_SENTENCE_TOKENS`` tokens without a line break or a
    sentence end. Run before the parser, after the tagger."""
    start = 0  # where the current sentence (as far as is known here) starts
    last_mark = -1  # the last punctuation mark since then
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text_with_ws:
            if not tok.is_space:
                tok.is_sent_start = True
                start = tok.i
        elif tok.tag_ == "NNP" and prev.tag_ == "NNP" and tok.is_sent_start is None:
            tok.is_sent_start = False
        elif prev.tag_ == "." and not tok.is_space:
            start = tok.i  # the parser will most likely start a sentence here
        if prev.is_punct:
            last_mark = prev.i
        if tok.i - start >= MAX_SENTENCE_TOKENS and not tok.is_space:
            start = long_run_cut(tok.i, start, last_mark, lambda k: doc[k].is_space)
            doc[start].is_sent_start = True
    return doc


def long_run_cut(i: int, start: int, last_mark: int, is_space: Callable[[int], bool]) -> int:
    """Where a run of tokens from ``start`` grown too long at token ``i`` (no space) is
    cut: after its last punctuation mark when that is near, else at ``i``; never at a
    space."""
    cut = max(last_mark + 1 if i - last_mark <= CUT_LOOKBACK else i, start + 1)
    while is_space(cut):  # token i is no space: the loop stops at it
        cut += 1
    return cut


# a dateline before the first sentence: "DAKAR (AHP) - ", "GENÈVE - "
DATELINE = re.compile(r"^[A-ZÀ-Ý][A-ZÀ-Ý .,'’-]{2,40}(?:\([^)]{1,30}\))?\s*[-—–]\s+",
                      re.MULTILINE)
DATELINE_REACH = 1_000  # a dateline opens the article's first paragraph, after a headline
# what ends a sentence, and what may follow that end before the next sentence starts
SENTENCE_FINAL = frozenset({".", "!", "?", "…", "...", "!?", "?!"})
AFTER_FINAL = frozenset({"»", "”", '"', ")", "’", "'"})


def mark_sentence_ends(doc: Doc) -> Doc:
    """No sentence starts but after a full stop, a question or exclamation mark (and the
    closing quotation mark after it) or a line break, and one starts after a dateline;
    runs of more than ``MAX_SENTENCE_TOKENS`` tokens are cut as ``mark_line_breaks`` cuts
    them. For the French model, which otherwise cuts sentences inside a quotation's
    incise ("« ... », | se dit Bruxelles") and before a verb it takes for a noun. Run
    before the parser. One pass over the tokens; the starts are set with one array."""
    n = len(doc)
    if n < 2:
        return doc
    texts = [t.text for t in doc]
    after = [t.whitespace_ for t in doc]
    spaces = [t.is_space for t in doc]
    marks = [t.is_punct for t in doc]
    flags = numpy.zeros(n, dtype="int32")  # 1: starts a sentence, -1: does not, 0: parser's
    start = 0  # where the current sentence starts, as far as is known here
    last_mark = -1  # the last punctuation mark since then
    for i in range(1, n):
        prev = texts[i - 1]
        if marks[i - 1]:
            last_mark = i - 1
        if spaces[i] or spaces[i - 1] and "\n" not in prev:
            continue
        if "\n" in prev or "\n" in after[i - 1]:
            flags[i] = 1
            start = i
        elif prev in SENTENCE_FINAL or (prev in AFTER_FINAL and i > 1
                                        and texts[i - 2] in SENTENCE_FINAL):
            start = i  # the parser's to decide, most likely a sentence start
        else:
            flags[i] = -1
        if i - start >= MAX_SENTENCE_TOKENS:
            start = long_run_cut(i, start, last_mark, spaces.__getitem__)
            flags[start] = 1
    text = doc_text(doc)
    for dateline in DATELINE.finditer(text, 0, DATELINE_REACH):
        # "DAKAR (AHP) - L'accord ...": the sentence starts after it
        span = doc.char_span(dateline.end(), len(text), alignment_mode="expand")
        if span is not None and len(span) and span.start > 0:
            flags[span.start] = 1
    doc.from_array([SENT_START], flags.astype("uint64").reshape(-1, 1))  # type: ignore[arg-type]
    return doc
