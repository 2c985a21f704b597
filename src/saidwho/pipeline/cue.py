"""The cue type: the anchor token of a cue candidate, its phrase, frame and prior.

Its own module, so that the steps reading a cue (sources, content) do not import the one
finding them (cues)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .spans import char_runs

PUNCTUATION_FRAMES = frozenset({"colon", "dash"})


@dataclass
class Cue:
    """A cue candidate: its anchor token, the tokens of the cue phrase, its frame and prior."""

    token: Token
    tokens: list[Token]
    frame: str
    prior: float

    @property
    def ranges(self) -> list[tuple[int, int]]:
        if self.frame in PUNCTUATION_FRAMES:  # the cue is the punctuation mark itself
            return [(t.idx, t.idx + len(t.text)) for t in self.tokens]
        return char_runs(self.token.doc, [t.i for t in self.tokens])
