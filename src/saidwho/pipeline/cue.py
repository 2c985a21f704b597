"""The cue type: the anchor token of a cue candidate, its phrase, frame and prior.

Its own module, so that the steps reading a cue (sources, content) do not import the one
finding them (cues).

A cue's frame tells how it takes its content and its source. The frames of cue verbs are
described in ``frames``; the others are the cues' own: "according to X" (``according``), a
noun with a "that"-clause (``noun``), a speaker label's colon (``colon``) and a signature
dash (``dash``). The values are the names the cue lexicon (``lexicons/cue_frames.tsv``)
and saved lexicons use. Each frame has its rules (``Frame.rules``, ``FrameRules``); the
steps reading a cue map each frame to the function that reads its content
(``content.CONTENT_READERS``) and its source (``sources.SOURCE_READERS``), so a new frame
is a member here, its rules and one entry in each of those tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from spacy.tokens import Token

from .spans import char_runs


class Frame(StrEnum):
    """How a cue takes the content it attributes (``str(frame)`` is its lexicon name)."""

    CCOMP = "ccomp"
    XCOMP = "xcomp"
    QUOTE = "quote"
    HEAD = "head"
    DOBJ = "dobj"
    PREP = "prep"
    BARE = "bare"
    ACCORDING = "according"
    NOUN = "noun"
    COLON = "colon"
    DASH = "dash"

    @property
    def rules(self) -> FrameRules:
        return FRAME_RULES[self]


@dataclass(frozen=True)
class FrameRules:
    """What a frame implies, beyond how its content and source are read."""

    # a frame of a cue verb (``frames.verb_frame``): its prior is the lexicon's, by lemma,
    # frame and subject kind
    verb: bool = False
    # a verb of the curated list (``cue_words.txt``) the corpus has no figures for is a cue
    # in this frame
    listed_verbs: bool = False
    # the cue is the punctuation mark itself, not the words around it
    punctuation: bool = False


FRAME_RULES: dict[Frame, FrameRules] = {
    Frame.CCOMP: FrameRules(verb=True, listed_verbs=True),
    Frame.XCOMP: FrameRules(verb=True),
    Frame.QUOTE: FrameRules(verb=True, listed_verbs=True),
    Frame.HEAD: FrameRules(verb=True, listed_verbs=True),
    Frame.DOBJ: FrameRules(verb=True),
    Frame.PREP: FrameRules(verb=True),
    Frame.BARE: FrameRules(verb=True),
    Frame.ACCORDING: FrameRules(),
    Frame.NOUN: FrameRules(),
    Frame.COLON: FrameRules(punctuation=True),
    Frame.DASH: FrameRules(punctuation=True),
}


@dataclass
class Cue:
    """A cue candidate: its anchor token, the tokens of the cue phrase, its frame and prior."""

    token: Token
    tokens: list[Token]
    frame: Frame
    prior: float

    @property
    def ranges(self) -> list[tuple[int, int]]:
        if self.frame.rules.punctuation:
            return [(t.idx, t.idx + len(t.text)) for t in self.tokens]
        return char_runs(self.token.doc, [t.i for t in self.tokens])
