"""Line breaks end sentences: headlines, datelines and speaker labels carry no full stop,
and a parser left alone runs them into the next paragraph ("... river protection\\n\\nA group
of 12 states ...") and takes a headline word as the next sentence's subject."""

from __future__ import annotations

from spacy.tokens import Doc


def mark_line_breaks(doc: Doc) -> Doc:
    """Set a sentence start after every line break; run before the parser."""
    for tok in doc[1:]:
        if "\n" in doc[tok.i - 1].text_with_ws and not tok.is_space:
            tok.is_sent_start = True
    return doc
