"""The trained engine as a spaCy component: ``saidwho_tagger``.

It re-reads the rule engine's attributions (from ``saidwho_attributions`` before it) with
the trained cue and role taggers (``tagger.py``) and resolves speakers, as the rule
engine's components do (``pipeline.components``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..pipeline.attributions import attach_continuations
from ..pipeline.components import RESOLVER, SpeakerResolverFn, finish
from ..pipeline.quotes import QuoteIndex
from ..pipeline.spans import doc_text
from .tagger import AttributionTagger, packaged_tagger_path


class TaggerComponent:
    """The trained engine: cue and role taggers (``learn/tagger.py``) over the parse, the
    token vectors and the rule engine's output."""

    def __init__(self, nlp: Language, name: str, *, min_confidence: float | None, weights: str,
                 resolver: SpeakerResolverFn | None) -> None:
        self.name = name
        self._min_confidence = min_confidence
        self.resolver = resolver
        self.tagger = AttributionTagger.from_disk(weights or packaged_tagger_path())

    @property
    def min_confidence(self) -> float:
        """The configured threshold, else the one chosen in training (held-out F1)."""
        if self._min_confidence is not None:
            return self._min_confidence
        return self.tagger.decoding.min_confidence

    def __call__(self, doc: Doc) -> Doc:
        quotes = QuoteIndex.of(doc_text(doc))
        atts = self.tagger.predict(doc, doc._.attributions or [], self.min_confidence, quotes)
        attach_continuations(atts, quotes, quotes.text)
        return finish(doc, atts, self.resolver)

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None,
                   nlp: Language | None = None, weights: str | None = None) -> None:
        """Load trained weights (a folder written by ``saidwho train``) or the packaged ones."""
        self.tagger = AttributionTagger.from_disk(weights or packaged_tagger_path())

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        self.tagger.to_disk(path)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> TaggerComponent:
        self.tagger = AttributionTagger.from_disk(path)
        return self


@Language.factory(
    "saidwho_tagger",
    default_config={"min_confidence": None, "weights": "", "speaker_resolver": RESOLVER},
    assigns=["doc._.attributions", "doc.spans"],
    requires=["doc._.attributions", "token.dep", "token.lemma", "doc.tensor", "doc.ents"],
)
def make_tagger(nlp: Language, name: str, *, min_confidence: float | None, weights: str,
                speaker_resolver: SpeakerResolverFn) -> TaggerComponent:
    return TaggerComponent(nlp, name, min_confidence=min_confidence, weights=weights,
                           resolver=speaker_resolver)
