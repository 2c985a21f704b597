"""Line breaks end sentences: headlines, datelines and speaker labels carry no full stop,
and a parser left alone runs them into the next paragraph ("... river protection\\n\\nA group
of 12 states ...") and takes a headline word as the next sentence's subject."""

from __future__ import annotations

import re

from spacy.tokens import Doc

# a blank line (spaces allowed) between paragraphs
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def mark_line_breaks(doc: Doc) -> Doc:
    """Set a sentence start after every line break, and none inside a run of proper nouns
    on one line (the parser would otherwise cut "Tomas | Brandt said" after a headline);
    run before the parser, after the tagger."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text_with_ws:
            if not tok.is_space:
                tok.is_sent_start = True
        elif tok.tag_ == "NNP" and prev.tag_ == "NNP" and tok.is_sent_start is None:
            tok.is_sent_start = False
    return doc
