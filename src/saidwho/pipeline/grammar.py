"""What the rule engine reads differently in each language, behind one interface.

The steps that depend on a language's syntax and words (finding cues, reading a cue's
content and source, the channel it names) and its cue lexicon are one ``Grammar`` per
language; everything else (quotations, the attribution records, duplicates, quotations
continued) is shared. English is read by ``cues``, ``content``, ``sources`` and
``channels``; French by the modules of the same names in ``pipeline/fr``.
``grammars.grammar_for`` gives a language's grammar by its ISO 639-1 code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..model import Attribution
from .cue import Cue
from .lexicon import Lexicon
from .memberships import Membership
from .quotes import QuoteIndex

Ranges = list[tuple[int, int]]


@dataclass(frozen=True)
class Grammar:
    """A language's readers of cues, contents, sources and channels, and its lexicon."""

    lang: str
    # (doc, lexicon, quotations, minimum prior) -> cue candidates in text order
    find_cues: Callable[[Doc, Lexicon, QuoteIndex, float], Iterator[Cue]]
    # (cue, quotations) -> character ranges of its content; empty when it has none
    content_of: Callable[[Cue, QuoteIndex], Ranges]
    # cue -> the head token of its source, None when the text names none
    source_token: Callable[[Cue], Token | None]
    # (source head, cue, content) -> character ranges of the source mention
    source_ranges: Callable[[Token, Cue, Ranges], Ranges]
    # (doc, attributions) -> sets each attribution's channel when the text names one
    find_channels: Callable[[Doc, list[Attribution]], None]
    load_lexicon: Callable[[], Lexicon]
    # (doc, attributions) -> fills each attribution's speaker and channel
    resolve_speakers: Callable[[Doc, list[Attribution]], None]
    # text -> who drafted, signed or joined what (``memberships.Membership``)
    find_memberships: Callable[[str], list[Membership]]
    # readies a pipeline of the language for the grammar (once, when the component is made)
    prepare: Callable[[Language], None] = lambda nlp: None
