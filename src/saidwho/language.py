"""Which language a text is in, and the pipeline of each language, loaded when first
needed.

saidwho reads English and French (``pipeline.grammar.LANGUAGES``). A document's language
is given (a ``lang`` field in its JSON Lines record, ``--lang en|fr`` for a run) or
detected (``--lang auto``) by py3langid, an offline naive Bayes classifier over byte
n-grams (a 4.6 MB model inside the package, about 1 ms per article), restricted to the
languages saidwho reads: a text is read as the one of them it most resembles.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

# the languages saidwho reads (ISO 639-1), each with its grammar (pipeline.grammar)
LANGUAGES = ("en", "fr")
AUTO = "auto"
CHOICES = (*LANGUAGES, AUTO)
DEFAULT_LANGUAGE = "en"
# detection reads the start of a text: enough for a verdict, at a bounded cost
DETECT_CHARS = 2_000
# a text with fewer letters than this is read in the default language, and one another
# language wins with less than this probability (English and French only) too
MIN_LETTERS = 12
MIN_PROBABILITY = 0.95

_identifier: Any = None
_lock = threading.Lock()


def _classifier() -> Any:
    global _identifier
    with _lock:
        if _identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
            ident.set_languages(list(LANGUAGES))
            _identifier = ident
    return _identifier


def detect(text: str) -> str:
    """The language saidwho reads ``text`` in: the one of ``LANGUAGES`` it resembles most,
    the default (English) for a text with almost no letters or where French is not
    clearly ahead (a short English sentence naming French people)."""
    sample = text[:DETECT_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return DEFAULT_LANGUAGE
    lang, probability = _classifier().classify(sample)
    if lang != DEFAULT_LANGUAGE and probability < MIN_PROBABILITY:
        return DEFAULT_LANGUAGE  # "Hello, said Marie-Claire Dupont de la Tour": English
    return str(lang)


def check_language(lang: str | None, where: str = "") -> str | None:
    """``lang`` lower-cased when saidwho reads it (None stays None); raises ValueError
    naming ``where`` otherwise."""
    if lang is None:
        return None
    code = primary(lang)
    if code not in CHOICES:
        prefix = f"{where}: " if where else ""
        raise ValueError(f"{prefix}unsupported language {lang!r}: saidwho reads "
                         f"{', '.join(LANGUAGES)} (or {AUTO} to detect it)")
    return code


def primary(lang: str) -> str:
    """A language tag's primary subtag, lower-cased: "fr-FR", "FR_ca", " fr " -> "fr"."""
    return lang.strip().replace("_", "-").split("-", 1)[0].lower()


class Pipelines:
    """One spaCy pipeline per language, loaded by ``load(lang)`` when a document of that
    language first comes; ``lang`` is the run's language (``auto``: each document's
    detected one)."""

    def __init__(self, load: Callable[[str], Any], lang: str = AUTO, *,
                 only: bool = False) -> None:
        self.load = load
        self.lang = check_language(lang) or AUTO
        self.only = only  # one pipeline reads every document, whatever it says
        self._loaded: dict[str, Any] = {}

    @classmethod
    def single(cls, nlp: Any) -> Pipelines:
        """One pipeline for every document: the results say its language."""
        lang = nlp.lang if nlp.lang in LANGUAGES else DEFAULT_LANGUAGE
        pipelines = cls(lambda code: nlp, lang, only=True)
        pipelines._loaded[lang] = nlp
        return pipelines

    def language_of(self, text: str, given: str | None = None) -> str:
        """A document's language: its own (``given``), else the run's, else detected."""
        if self.only:
            return self.lang
        for choice in (given, self.lang):
            if choice and choice != AUTO:
                return choice
        return detect(text)

    def get(self, lang: str) -> Any:
        if lang not in self._loaded:
            self._loaded[lang] = self.load(lang)
        return self._loaded[lang]
