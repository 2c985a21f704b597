"""spaCy components wrapping the extraction core.

* ``saidwho_attributions``: cues, sources and content -> ``doc._.attributions``;
* ``saidwho_speakers``: resolves each attribution's speaker and channel;
* ``saidwho``: both in one step, the usual way to add saidwho to a pipeline;
* ``saidwho_tagger`` (in ``learn/component.py``): the trained engine; re-reads the rule
  engine's attributions (from ``saidwho_attributions`` before it) with the trained tagger
  and resolves speakers;
* ``saidwho_line_breaks``: sentence starts after line breaks; add it before the parser;
* ``saidwho_memberships``: who drafted, signed or joined what -> ``doc._.memberships``.

Results are also exposed as spans: ``doc.spans["saidwho_source"]``, ``["saidwho_cue"]``
and ``["saidwho_content"]``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from ..defaults import RULES_MIN_CONFIDENCE
from .attributions import find_attributions
from .filters import check
from .grammar import Grammar
from .grammars import GRAMMARS, grammar_for, grammar_of
from .lexicon import Lexicon
from .paragraphs import mark_line_breaks, mark_sentence_ends
from .serialise import register as register_serialisers
from .spans import doc_text

if not Doc.has_extension("attributions"):
    Doc.set_extension("attributions", default=None)
if not Doc.has_extension("memberships"):
    Doc.set_extension("memberships", default=None)
register_serialisers()  # the two extensions survive to_bytes, DocBin and n_process

SpeakerResolverFn = Callable[[Doc, list[Any]], None]


@registry.misc("saidwho.speaker_resolver.v1")
def speaker_resolver_v1() -> SpeakerResolverFn:
    """In-article resolution by pronouns, short names and descriptions, in the document's
    language (``speakers.py``; French: ``fr/speakers.py``)."""
    return resolve_in_language


def resolve_in_language(doc: Doc, atts: list[Any]) -> None:
    """Resolve speakers with the resolver of the doc's language (English by default)."""
    grammar_of(doc).resolve_speakers(doc, atts)


RESOLVER = {"@misc": "saidwho.speaker_resolver.v1"}
SPAN_KEYS = {"source": "saidwho_source", "cue": "saidwho_cue", "content": "saidwho_content"}


class AttributionFinder:
    """Finds attributions in the language ``lang`` (empty: the pipeline's own, English for
    one saidwho does not read); holds the cue lexicon, saved and loaded with the
    pipeline."""

    def __init__(self, nlp: Language, name: str, *, min_confidence: float,
                 resolver: SpeakerResolverFn | None, lang: str = "en") -> None:
        self.name = name
        self.min_confidence = min_confidence
        self.resolver = resolver
        self.grammar: Grammar = grammar_for(lang or (nlp.lang if nlp.lang in GRAMMARS
                                                      else "en"))
        self.grammar.prepare(nlp)
        self.lexicon: Lexicon = self.grammar.load_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        atts = find_attributions(doc, self.lexicon, self.min_confidence, grammar=self.grammar)
        return finish(doc, atts, self.resolver, self.grammar)

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None,
                   nlp: Language | None = None, lexicon: dict[str, Any] | None = None) -> None:
        """Load a custom lexicon (as written by ``Lexicon.to_dict``) or the default one."""
        self.lexicon = Lexicon.from_dict(lexicon) if lexicon else self.grammar.load_lexicon()

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        srsly.write_json(folder / "lexicon.json", self.lexicon.to_dict())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> AttributionFinder:
        self.lexicon = Lexicon.from_dict(srsly.read_json(Path(path) / "lexicon.json"))
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.json_dumps(self.lexicon.to_dict()).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> AttributionFinder:
        self.lexicon = Lexicon.from_dict(srsly.json_loads(data.decode("utf-8")))
        return self


def finish(doc: Doc, atts: list[Any], resolver: SpeakerResolverFn | None,
           grammar: Grammar | None = None) -> Doc:
    """Find channels (with the ``grammar`` of the text's language, by default the doc's),
    resolve speakers (when a resolver is set: an engine's final output, checked by
    ``filters`` first) and store the attributions on the doc."""
    if resolver is not None:
        atts = check(doc_text(doc), atts)
    (grammar or grammar_of(doc)).find_channels(doc, atts)
    if resolver is not None:
        resolver(doc, atts)
    doc._.attributions = atts
    _set_spans(doc, atts)
    return doc


def _set_spans(doc: Doc, atts: list[Any]) -> None:
    for role, key in SPAN_KEYS.items():
        spans = []
        for att in atts:
            for seg in getattr(att, role):
                span = doc.char_span(seg.start, seg.end, label=att.kind, alignment_mode="expand")
                if span is not None:
                    spans.append(span)
        doc.spans[key] = spans


class SpeakerResolver:
    """Resolves speakers of attributions found by an earlier component."""

    def __init__(self, nlp: Language, name: str, *, resolver: SpeakerResolverFn) -> None:
        self.name = name
        self.resolver = resolver

    def __call__(self, doc: Doc) -> Doc:
        if doc._.attributions:
            self.resolver(doc, doc._.attributions)
        return doc


@Language.factory(
    "saidwho",
    default_config={"min_confidence": RULES_MIN_CONFIDENCE, "speaker_resolver": RESOLVER,
                    "lang": ""},
    assigns=["doc._.attributions", "doc.spans"],
    requires=["token.dep", "token.lemma", "token.pos", "doc.ents"],
)
def make_saidwho(nlp: Language, name: str, *, min_confidence: float,
                 speaker_resolver: SpeakerResolverFn, lang: str) -> AttributionFinder:
    return AttributionFinder(nlp, name, min_confidence=min_confidence,
                             resolver=speaker_resolver, lang=lang)


@Language.factory(
    "saidwho_attributions",
    default_config={"min_confidence": RULES_MIN_CONFIDENCE, "lang": ""},
    assigns=["doc._.attributions", "doc.spans"],
    requires=["token.dep", "token.lemma", "token.pos"],
)
def make_attributions(nlp: Language, name: str, *, min_confidence: float,
                      lang: str) -> AttributionFinder:
    return AttributionFinder(nlp, name, min_confidence=min_confidence, resolver=None,
                             lang=lang)


@Language.factory(
    "saidwho_speakers",
    default_config={"speaker_resolver": RESOLVER},
    assigns=["doc._.attributions"],
    requires=["doc._.attributions", "doc.ents"],
)
def make_speakers(nlp: Language, name: str, *,
                  speaker_resolver: SpeakerResolverFn) -> SpeakerResolver:
    return SpeakerResolver(nlp, name, resolver=speaker_resolver)


@Language.factory(
    "saidwho_memberships",
    assigns=["doc._.memberships"],
    requires=[],
)
def make_memberships(nlp: Language, name: str) -> MembershipReader:
    return MembershipReader(name)


class MembershipReader:
    """Who drafted, signed, co-sponsored or joined what (``pipeline.memberships``), as
    ``doc._.memberships``; the speaker step reads them for statements that speak. Add it
    before ``saidwho`` or ``saidwho_attributions``."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.memberships = grammar_of(doc).find_memberships(doc_text(doc))
        return doc


@Language.component(
    "saidwho_line_breaks",
    assigns=["token.is_sent_start"],
)
def line_breaks(doc: Doc) -> Doc:
    """Sentence starts after line breaks, for the parser to respect (add before it)."""
    return mark_line_breaks(doc)


@Language.component(
    "saidwho_sentence_ends",
    assigns=["token.is_sent_start"],
)
def sentence_ends(doc: Doc) -> Doc:
    """Sentences start only after a sentence-final mark or a line break (add it before the
    parser of a language whose model cuts sentences inside quotations: French)."""
    return mark_sentence_ends(doc)
