"""A tokenizer that stays linear on runs without spaces.

spaCy's tokenizer strips prefixes and suffixes from a space-delimited string one at a
time, copying the rest each time: a run of 17,000 commas or 10,000 quotation marks costs
it the square of its length (tens of seconds), and each mark becomes a token the parser
and the taggers then carry (1 MB of quotation marks passed 6 GB). No news text holds
such a run. Here a run of ``MAX_RUN`` or more characters without a space is cut into
tokens of at most ``PIECE`` characters (word characters and the rest apart) without
asking spaCy, and the text around it is tokenized as usual; the Doc's text is the input,
character for character.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc

MAX_RUN = 300
PIECE = 50
LONG_RUN = re.compile(rf"\S{{{MAX_RUN},}}")
PIECES = re.compile(rf"\w{{1,{PIECE}}}|[^\w\s]{{1,{PIECE}}}")


class BoundedTokenizer:
    """spaCy's tokenizer, with long runs without spaces cut up first (see the module's
    description). Everything else (serialisation, special cases) is the wrapped one's."""

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        runs = list(LONG_RUN.finditer(text))
        if not runs:
            return self.tokenizer(text)
        docs = []
        pos = 0
        for run in runs:
            if run.start() > pos:
                docs.append(self.tokenizer(text[pos : run.start()]))
            words = PIECES.findall(run.group())
            spaces = [False] * len(words)
            pos = run.end()
            if text[pos : pos + 1] == " ":  # a single space after the run is its own
                spaces[-1] = True
                pos += 1
            docs.append(Doc(self.tokenizer.vocab, words=words, spaces=spaces))
        if pos < len(text):
            docs.append(self.tokenizer(text[pos:]))
        return Doc.from_docs(docs, ensure_whitespace=False)

    def pipe(self, texts: Any, batch_size: int = 1000) -> Any:
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str) -> Any:
        if name == "tokenizer":  # not set yet (unpickling)
            raise AttributeError(name)
        return getattr(self.tokenizer, name)


def bound_tokenizer(nlp: Any) -> None:
    """Give ``nlp`` the bounded tokenizer (once)."""
    if not isinstance(nlp.tokenizer, BoundedTokenizer):
        nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
