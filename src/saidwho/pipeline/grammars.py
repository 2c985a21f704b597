"""The grammar of each language saidwho reads (``grammar.Grammar``), by ISO 639-1 code."""

from __future__ import annotations

from spacy.tokens import Doc

from ..language import LANGUAGES
from .english import ENGLISH
from .fr import FRENCH
from .grammar import Grammar

GRAMMARS: dict[str, Grammar] = {"en": ENGLISH, "fr": FRENCH}
assert tuple(GRAMMARS) == LANGUAGES


def grammar_of(doc: Doc) -> Grammar:
    """The grammar of a doc's language (``doc.lang_``; English for one saidwho does not
    read)."""
    return GRAMMARS.get(doc.lang_, ENGLISH)


def grammar_for(lang: str) -> Grammar:
    """The grammar of language ``lang`` ("en", "fr")."""
    try:
        return GRAMMARS[lang]
    except KeyError:
        raise ValueError(f"unsupported language {lang!r}: saidwho reads "
                         f"{', '.join(LANGUAGES)}") from None
